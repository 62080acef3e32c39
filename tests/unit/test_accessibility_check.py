"""``builder check``: what makes a paper fail the accessibility checks (DESIGN 6)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pikepdf import Dictionary as PdfDict
from pikepdf import Name
from pptx import Presentation
from pptx.util import Inches
from reportlab.pdfgen.canvas import Canvas

from builder.cli import app
from builder.errors import CheckError, ConfigError
from builder.inspection.accessibility import check_file
from tests.unit.test_pdf_figures import tagged

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415408d763f8ffff3f0005fe02fea7356e2f0000000049454e44ae426082")


def _accessible_docx(path: Path) -> Path:
    doc = Document()
    for style in doc.styles:  # python-docx's default template colours some styles #4F81BD
        color = style.element.find(f"{qn('w:rPr')}/{qn('w:color')}")
        if color is not None and style.type in (WD_STYLE_TYPE.PARAGRAPH,
                                                WD_STYLE_TYPE.CHARACTER):
            color.attrib.clear()
            color.set(qn("w:val"), "1F3864")
    doc.core_properties.title = "Children and Learning - Performance"
    doc.core_properties.language = "en-GB"
    doc.add_heading("Appendix 1", level=1)
    doc.add_heading("Right support at the right time", level=2)
    table = doc.add_table(rows=2, cols=2)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    return _save(doc, path)


def _save(doc: object, path: Path) -> Path:
    doc.save(str(path))  # type: ignore[attr-defined]
    return path


def _messages(path: Path) -> list[str]:
    return [f"{issue.where}: {issue.what}" for issue in check_file(path)]


class DescribeWordChecks:
    def it_passes_a_titled_structured_document(self, tmp_path: Path) -> None:
        assert check_file(_accessible_docx(tmp_path / "ok.docx")) == []

    def it_reports_missing_title_language_and_headings(self, tmp_path: Path) -> None:
        doc = Document()
        doc.core_properties.language = "fr-FR"
        doc.add_paragraph("Body text only")
        messages = _messages(_save(doc, tmp_path / "bare.docx"))
        assert "core properties: no document title" in messages
        assert "core properties: language is 'fr-FR', not set to en-GB" in messages
        assert "headings: no Heading styles: structure is invisible" in messages

    def it_reports_a_skipped_heading_level(self, tmp_path: Path) -> None:
        doc = Document(str(_accessible_docx(tmp_path / "a.docx")))
        doc.add_heading("Deep", level=4)
        assert _messages(_save(doc, tmp_path / "b.docx")) == [
            "heading 'Deep': skips from level 2 to level 4"]

    def it_reports_a_picture_without_alt_text(self, tmp_path: Path) -> None:
        (tmp_path / "dot.png").write_bytes(PNG)
        doc = Document(str(_accessible_docx(tmp_path / "a.docx")))
        doc.add_picture(str(tmp_path / "dot.png"))
        for prop in doc.element.body.iter(qn("wp:docPr")):
            prop.set("descr", "")
        messages = _messages(_save(doc, tmp_path / "b.docx"))
        assert len(messages) == 1 and messages[0].endswith("no alt text")

    def it_reports_an_unmarked_table_header_and_merged_cells(self, tmp_path: Path) -> None:
        doc = Document(str(_accessible_docx(tmp_path / "a.docx")))
        table = doc.add_table(rows=3, cols=2)
        table.cell(1, 0).merge(table.cell(1, 1))
        assert _messages(_save(doc, tmp_path / "b.docx")) == [
            "table 2: header row not marked (w:tblHeader)",
            "table 2: merged cells in a data table"]


class DescribeSlideChecks:
    def it_reports_untitled_slides_and_pictures_named_by_file(self, tmp_path: Path) -> None:
        prs = Presentation()
        prs.core_properties.title = "Deck"
        prs.core_properties.language = "en-GB"
        slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank: no title placeholder
        (tmp_path / "dot.png").write_bytes(PNG)
        slide.shapes.add_picture(str(tmp_path / "dot.png"), Inches(1), Inches(1))
        path = tmp_path / "deck.pptx"
        prs.save(str(path))
        messages = _messages(path)
        assert "slide 1: no title in a title placeholder" in messages
        assert "slide 1, Picture 1: alt text 'dot.png' is a file or shape name, not a " \
            "description" in messages


class DescribePdfChecks:
    def it_reports_an_untagged_untitled_pdf(self, tmp_path: Path) -> None:
        path = tmp_path / "plain.pdf"
        canvas = Canvas(str(path))
        canvas.setTitle("")
        canvas.drawString(72, 720, "Page 1")
        canvas.save()
        messages = _messages(path)
        assert "metadata: no document title" in messages
        assert "catalog: not a tagged PDF" in messages
        assert "catalog: no /Lang (document language)" in messages


    def it_reads_the_structure_tree_of_a_tagged_pdf(self, tmp_path: Path) -> None:
        pdf = tagged(b"/Figure <</MCID 0>> BDC /Im0 Do EMC 0 0 m 9 9 l S\n",
                     [PdfDict(Type=Name.StructElem, S=Name.H2),
                      PdfDict(Type=Name.StructElem, S=Name.Figure, K=0)], [1])
        del pdf.pages[0].obj["/StructParents"]
        pdf.docinfo.Title = "Pack"
        pdf.Root.Lang = "en-GB"
        pdf.save(tmp_path / "pack.pdf")
        messages = _messages(tmp_path / "pack.pdf")
        assert "XMP metadata: no dc:title in the XMP metadata" in messages
        assert "XMP metadata: no PDF/UA identification (pdfuaid:part 1) in the XMP metadata" \
            in messages
        assert "page 1: a figure has no alt text" in messages
        assert "page 1: a heading skips from level 0 to 2" in messages
        assert "page 1: no /StructParents: its content does not lead to the structure tree" \
            in messages
        assert "page 1: draws content that is neither tagged nor an artifact" in messages


class DescribeCheckCommand:
    def it_fails_with_every_issue_listed(self, tmp_path: Path) -> None:
        doc = Document()
        doc.add_paragraph("x")
        _save(doc, tmp_path / "bare.docx")
        with pytest.raises(CheckError) as raised:
            app(["check", str(tmp_path)], standalone_mode=False)
        assert raised.value.exit_code == 6
        assert {p.what for p in raised.value.problems} >= {"no document title",
                                                           "no Heading styles: structure is "
                                                           "invisible"}

    def it_refuses_files_it_cannot_check(self, tmp_path: Path) -> None:
        (tmp_path / "notes.md").write_text("hello", encoding="utf-8")
        with pytest.raises(ConfigError) as raised:
            app(["check", str(tmp_path / "notes.md"), str(tmp_path / "gone.pdf")],
                standalone_mode=False)
        assert [p.what for p in raised.value.problems] == [
            "cannot check '.md' files", "file not found"]

    def it_writes_the_statement_from_what_it_checked(self, tmp_path: Path) -> None:
        _accessible_docx(tmp_path / "ok.docx")
        doc = Document()
        doc.add_paragraph("x")
        _save(doc, tmp_path / "bare.docx")
        template = tmp_path / "statement.txt"
        template.write_text("{% for f in files %}{{ f.name }} {{ f.kind }} {{ f.issues }}: "
                            "{{ f.problems | join(', ') }}\n{% endfor %}"
                            "total {{ issue_count }} on {{ checked_on.year }}", encoding="utf-8")
        out = tmp_path / "statement.md"
        with pytest.raises(CheckError):
            app(["check", str(tmp_path / "bare.docx"), str(tmp_path / "ok.docx"), "--statement",
                 str(out), "--statement-template", str(template)], standalone_mode=False)
        lines = out.read_text(encoding="utf-8").splitlines()
        bare = lines[0].removeprefix("bare.docx Word document ")
        count = int(bare.split(":")[0])
        assert count >= 2 and "no document title" in bare
        assert lines[1:] == ["ok.docx Word document 0: ",
                             f"total {count} on {dt.date.today().year}"]

    def it_renders_the_shipped_statement_with_the_files_checked(self, tmp_path: Path) -> None:
        _accessible_docx(tmp_path / "ok.docx")
        out = tmp_path / "statement.md"
        app(["check", str(tmp_path / "ok.docx"), "--statement", str(out)],
            standalone_mode=False)
        text = out.read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text
        assert str(dt.date.today().year) in text

    def it_passes_accessible_papers(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                    ) -> None:
        _accessible_docx(tmp_path / "ok.docx")
        app(["check", str(tmp_path)], standalone_mode=False)
        assert "OK: 1 file(s) pass" in capsys.readouterr().out
