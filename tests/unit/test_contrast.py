"""Text contrast read from .docx/.pptx XML (WCAG 2.2 1.4.3, issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.shared import RGBColor
from pptx import Presentation
from pptx.dml.color import RGBColor as SlideRGB
from pptx.util import Inches

from builder.inspection.contrast import contrast_ratio, low_contrast, pairings


class DescribeContrastRatio:
    @pytest.mark.parametrize(("fore", "back", "ratio"), [
        ("FFFFFF", "000000", 21.0), ("FFFFFF", "4F81BD", 4.03), ("9C0006", "FFC7CE", 5.92),
        ("777777", "FFFFFF", 4.48)])
    def it_follows_the_wcag_formula(self, fore: str, back: str, ratio: float) -> None:
        assert contrast_ratio(fore, back) == pytest.approx(ratio, abs=0.01)


class DescribeLowContrast:
    def it_finds_a_default_styled_table_header_in_a_deck(self, tmp_path: Path) -> None:
        deck = Presentation()
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        table = slide.shapes.add_table(2, 2, Inches(1), Inches(1), Inches(4), Inches(1)).table
        table.cell(0, 0).text, table.cell(1, 0).text = "Indicator", "Referrals"
        deck.save(str(tmp_path / "deck.pptx"))
        low = low_contrast(tmp_path / "deck.pptx")
        assert [(p.text, p.foreground, p.background) for p in low] == [
            ("Indicator", "FFFFFF", "4F81BD")]

    def it_reads_explicit_fills_and_colours(self, tmp_path: Path) -> None:
        deck = Presentation()
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        cell = slide.shapes.add_table(1, 1, Inches(1), Inches(1), Inches(4),
                                      Inches(1)).table.cell(0, 0)
        cell.text = "Red"
        cell.fill.solid()
        cell.fill.fore_color.rgb = SlideRGB.from_string("1F4E79")
        cell.text_frame.paragraphs[0].runs[0].font.color.rgb = SlideRGB.from_string("FFFFFF")
        deck.save(str(tmp_path / "deck.pptx"))
        assert low_contrast(tmp_path / "deck.pptx") == []

    def it_judges_word_runs_on_their_cell_shading(self, tmp_path: Path) -> None:
        doc = Document()
        run = doc.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].add_run("Amber")
        run.font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)
        doc.save(str(tmp_path / "a.docx"))
        found = [p for p in pairings(tmp_path / "a.docx") if p.text == "Amber"]
        assert [(p.foreground, p.background, round(p.ratio, 2)) for p in found] == [
            ("AAAAAA", "FFFFFF", 2.32)]
