"""The fonts a Word paper's text is set in, as Word resolves them (the run's own, its
character style's, its paragraph style's, the document default, a theme font through the
package's theme), and which of them this machine cannot lay out as Word does: neither the
font nor its metric twin installed. Papers made with python-docx in the test."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from pptx import Presentation

from builder.config.templates import Templates
from builder.inspection import document_fonts
from builder.inspection.document_fonts import deck_fonts, font_findings, text_fonts
from builder.inspection.report_document import ReportDocument
from builder.pipeline.templates import template_font_warnings


def with_theme_fonts(theme: bytes, body: str, headings: str) -> bytes:
    """A theme part whose Latin body and heading fonts are ``body`` and ``headings`` (each kept
    when empty)."""
    text = theme.decode("utf-8")
    for kind, name in (("minorFont", body), ("majorFont", headings)):
        if name:
            text = re.sub(f'(<a:{kind}>\\s*<a:latin typeface=")[^"]*', rf"\g<1>{name}", text)
    return text.encode("utf-8")


def themed(source: Path, target: Path, body: str, headings: str) -> Path:
    """A copy of ``source`` whose theme's Latin body and heading fonts are ``body`` and
    ``headings``."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as out:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.startswith("word/theme/"):
                data = with_theme_fonts(data, body, headings)
            out.writestr(info, data)
    return target


class DescribeTextFonts:
    def it_takes_the_theme_fonts_when_nothing_names_a_font(self, tmp_path: Path) -> None:
        doc = Document()
        doc.add_heading("A heading", level=1)
        doc.add_paragraph("Body text")
        doc.save(str(tmp_path / "plain.docx"))
        paper = themed(tmp_path / "plain.docx", tmp_path / "themed.docx", "Body Sans",
                       "Heading Serif")

        assert text_fonts(ReportDocument(paper)) == ["Heading Serif", "Body Sans"]

    def it_takes_a_runs_font_then_its_styles_then_its_paragraphs_style(self, tmp_path: Path
                                                                         ) -> None:
        doc = Document()
        doc.styles["Normal"].font.name = "Aptos"
        quote = doc.styles.add_style("Quoted", WD_STYLE_TYPE.CHARACTER)
        quote.font.name = "Georgia"
        code = doc.styles.add_style("Code", WD_STYLE_TYPE.PARAGRAPH)
        code.font.name = "Consolas"  # a style no paragraph uses
        para = doc.add_paragraph("In Normal, ")
        para.add_run("in Segoe UI, ").font.name = "Segoe UI"
        para.add_run("in the character style").style = quote
        para.add_run("\u2022").font.name = "Symbol"  # LibreOffice maps Symbol to OpenSymbol
        para.add_run("   ").font.name = "Impact"  # no text
        doc.save(str(tmp_path / "paper.docx"))

        assert text_fonts(ReportDocument(tmp_path / "paper.docx")) == [
            "Aptos", "Segoe UI", "Georgia"]


class DescribeFontFindings:
    @pytest.fixture
    def paper(self, tmp_path: Path) -> ReportDocument:
        doc = Document()
        for name in ("Arial", "Calibri", "Aptos", "Times New Roman"):
            doc.add_paragraph().add_run(f"In {name}").font.name = name
        doc.save(str(tmp_path / "paper.docx"))
        return ReportDocument(tmp_path / "paper.docx")

    def it_warns_of_a_font_with_neither_itself_nor_a_twin_installed(
            self, paper: ReportDocument, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(document_fonts, "installed_families",
                            lambda: frozenset({"liberation sans", "carlito", "times new roman"}))

        found = font_findings(paper)

        assert [(f.check, f.severity, f.where) for f in found] == [("font", "warning", "fonts")]
        assert "Aptos" in found[0].what

    def it_says_nothing_when_the_machines_fonts_cannot_be_listed(
            self, paper: ReportDocument, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(document_fonts, "installed_families", lambda: None)

        assert font_findings(paper) == []

    def it_lists_the_families_fontconfig_knows(self) -> None:
        """The machine's own list (setup installs Liberation, Carlito and Caladea)."""
        families = document_fonts.installed_families()

        assert families is not None
        assert {"liberation sans", "carlito", "caladea"} <= families


def deck(target: Path, body: str = "", headings: str = "", master: str = "") -> Path:
    """A python-pptx presentation, its theme's body and heading fonts replaced by ``body`` and
    ``headings`` and its slide master naming the typeface ``master``, when given."""
    Presentation().save(str(target.with_suffix(".plain.pptx")))
    with zipfile.ZipFile(target.with_suffix(".plain.pptx")) as archive, \
            zipfile.ZipFile(target, "w") as out:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.startswith("ppt/theme/"):
                data = with_theme_fonts(data, body, headings)
            elif info.filename == "ppt/slideMasters/slideMaster1.xml" and master:
                data = re.sub(rb"(<a:defRPr[^>]*?)(/?)>", lambda m: m.group(1) + b">" + (
                    f'<a:latin typeface="{master}"/>'.encode()) + (b"</a:defRPr>" if m.group(2)
                                                                    else b""),
                              data, count=1)
            out.writestr(info, data)
    return target


class DescribeDeckFonts:
    def it_reads_the_masters_theme_and_the_typefaces_the_master_names(self, tmp_path: Path
                                                                        ) -> None:
        restyled = deck(tmp_path / "deck.pptx", "Aptos", "Aptos Display", "Segoe UI")

        assert deck_fonts(restyled) == ["Aptos Display", "Aptos", "Segoe UI"]


class DescribeTemplateFontWarnings:
    def it_names_each_template_and_font_this_machine_cannot_lay_out(self, tmp_path: Path
                                                                     ) -> None:
        """python-docx's and python-pptx's own templates are in Calibri and Cambria, whose
        twins setup installs."""
        Document().save(str(tmp_path / "plain.docx"))
        doc = Document()
        doc.styles["Normal"].font.name = "Nonexistent Grotesk"
        doc.add_paragraph("{{ report.title }}")
        doc.save(str(tmp_path / "report.docx"))
        plain = Templates(*[tmp_path / "plain.docx"] * 6)

        found = template_font_warnings(dataclasses.replace(plain, report=tmp_path / "report.docx"),
                                       deck(tmp_path / "deck.pptx", headings="Nonexistent Display"))

        assert [(w.split(":")[0], "Nonexistent" in w) for w in found] == [
            ("report.docx", True), ("deck.pptx", True)]
        assert template_font_warnings(plain, deck(tmp_path / "plain.pptx")) == ()
