"""RAG cells and sub-heading rows in the Word papers take their fill and text colour from the
report template's cell styles (a RAG label always printed); a style that cannot be read or read
on is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import RGBColor

from builder.compute.calculus import Rag
from builder.config.templates import DEFAULTS
from builder.errors import TemplateError
from builder.inspection.docx_summary import summarize_docx
from builder.present.cells import Cell, rag_cell
from builder.present.report_appendices import TableText
from builder.render.word_cell_styles import (
    BUILT_IN,
    STYLE_NAMES,
    CellLook,
    cell_looks,
    cell_style_problems,
)
from builder.render.word_common import document_from_template
from builder.render.word_tables import add_table


def restyled(tmp_path: Path, name: str, fill: str | None, color: str | None,
             base: str | None = None) -> Path:
    """A fixture template: the default one with the style ``name`` given this shading and font
    colour (None: none of its own), based on ``base`` when given."""
    doc = Document(str(DEFAULTS.report))
    style = doc.styles[name]
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:shd")):
        ppr.remove(old)
    if fill is not None:
        ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" '
                             f'w:fill="{fill}"/>'))
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:color")):
        rpr.remove(old)
    if color is not None:
        style.font.color.rgb = RGBColor.from_string(color)
    if base is not None:
        style.base_style = doc.styles[base]
    path = tmp_path / "template.docx"
    doc.save(str(path))
    return path


def without_cell_styles(tmp_path: Path) -> Path:
    doc = Document(str(DEFAULTS.report))
    for name in ("RAG Green", "RAG Amber", "RAG Red", "Dataset Subheading"):
        element = doc.styles[name].element
        element.getparent().remove(element)
    path = tmp_path / "older.docx"
    doc.save(str(path))
    return path


def rag_table(template: Path, out: Path) -> tuple[Any, list[str | None]]:
    """A table of one cell per rating, a sub-heading cell and a plain one rendered from
    ``template``: its read-back fills and the text colour of each cell's run."""
    doc = document_from_template(template)
    table = TableText(("Green", "Amber", "Red", "None", "Sub-heading", "Plain"),
                      ((*(rag_cell(r) for r in Rag), rag_cell(None, "-"),
                        Cell("Outcomes", subheading=True), Cell("12.5")),), "Coloured cells")
    add_table(doc, table, (1000,) * 6, "Report Table", "Table Text", "Table Heading")
    doc.save(str(out))
    (read,) = summarize_docx(out).tables
    body = Document(str(out)).tables[0].rows[1].cells
    colours = []
    for cell in body:
        color = cell._tc.find(f".//{qn('w:r')}/{qn('w:rPr')}/{qn('w:color')}")
        colours.append(color.get(qn("w:val")) if color is not None else None)
    return read, colours


class DescribeColouredCells:
    def it_colours_each_rating_as_the_templates_rag_style_says(self, tmp_path: Path) -> None:
        template = restyled(tmp_path, "RAG Red", "FFE4E1", "7F0000")
        read, colours = rag_table(template, tmp_path / "t.docx")
        assert read.rows[1][:4] == ("Green", "Amber", "Red", "-")  # the label is always printed
        assert read.fills[1][2] == "FFE4E1" and colours[2] == "7F0000"
        assert read.fills[1][3] is None and colours[3] is None
        assert read.fills[1][4] == "E7E6E6"  # the default template's sub-heading style

    def it_shades_a_subheading_row_as_the_templates_style_says(self, tmp_path: Path) -> None:
        template = restyled(tmp_path, "Dataset Subheading", "DDEBF7", "1F3864")
        read, colours = rag_table(template, tmp_path / "t.docx")
        assert read.rows[1][4] == "Outcomes"
        assert read.fills[1][4] == "DDEBF7" and colours[4] == "1F3864"
        assert read.fills[1][5] is None and colours[5] is None
        assert read.fills[1][2] == "FFC7CE"  # the RAG styles are the default's still

    def it_follows_the_style_a_rag_style_is_based_on(self) -> None:
        doc = Document(str(DEFAULTS.report))
        base = doc.styles["Key Text"]
        base.element.get_or_add_pPr().append(parse_xml(
            f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="DDEEFF"/>'))
        base.font.color.rgb = RGBColor.from_string("003366")
        amber = doc.styles["RAG Amber"]
        for tag, holder in (("w:shd", amber.element.get_or_add_pPr()),
                            ("w:color", amber.element.get_or_add_rPr())):
            for old in holder.findall(qn(tag)):
                holder.remove(old)
        amber.base_style = base
        assert cell_looks(doc)[Rag.AMBER] == CellLook("DDEEFF", "003366")

    def it_keeps_builders_colours_for_a_template_made_before_the_cell_styles(
            self, tmp_path: Path) -> None:
        read, colours = rag_table(without_cell_styles(tmp_path), tmp_path / "t.docx")
        assert read.fills[1][:5] == ("C6EFCE", "FFEB9C", "FFC7CE", None, "E7E6E6")
        assert colours[:5] == ["006100", "7A4F00", "9C0006", None, "000000"]

    @pytest.mark.parametrize("shade", list(STYLE_NAMES))
    def it_keeps_builders_own_colours_readable(self, shade: Any) -> None:
        look = BUILT_IN[shade]
        assert _contrast(look.color, look.fill) >= 4.5


class DescribeCellStyleProblems:
    def it_finds_none_in_the_default_template(self) -> None:
        assert cell_style_problems(Document(str(DEFAULTS.report)), DEFAULTS.report) == []

    def it_refuses_text_below_4_5_to_1_on_its_fill_with_both_colours(self, tmp_path: Path
                                                                      ) -> None:
        template = restyled(tmp_path, "RAG Green", "00B050", "FFFFFF")
        (problem,) = cell_style_problems(Document(str(template)), template)
        assert str(problem).startswith(
            f"{template}: style 'RAG Green': text #FFFFFF on #00B050 has a contrast of 2.87:1, "
            "below WCAG 2.2 AA's 4.5:1")

    def it_names_each_colour_a_style_lacks(self, tmp_path: Path) -> None:
        template = restyled(tmp_path, "RAG Amber", None, None)
        found = [str(p) for p in cell_style_problems(Document(str(template)), template)]
        assert len(found) == 2
        assert "style 'RAG Amber': no shading colour" in found[0]
        assert "Shading" in found[0]
        assert "style 'RAG Amber': no font colour" in found[1]

    def it_stops_a_render_from_a_template_that_was_never_checked(self, tmp_path: Path
                                                                 ) -> None:
        template = restyled(tmp_path, "RAG Red", "FF0000", "FF3333")
        with pytest.raises(TemplateError, match="cell styles"):
            rag_table(template, tmp_path / "t.docx")


def _contrast(foreground: str, background: str) -> float:
    """WCAG 2.2 contrast ratio of two RRGGBB colours."""
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
