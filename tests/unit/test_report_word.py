"""Word plumbing of the reports: XML tables, appending documents, charts, read-back numbering."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm
from PIL import Image

from builder.compute.calculus import Rag
from builder.config.templates import DEFAULTS
from builder.errors import RenderError
from builder.inspection.docx_summary import summarize_docx
from builder.present.cells import Cell
from builder.present.chart_spec import ChartSpec
from builder.present.report_appendices import TableText
from builder.render import charts
from builder.render.word_append import append_document
from builder.render.word_common import document_from_template
from builder.render.word_tables import add_table

TEMPLATE = DEFAULTS.report


def png(color: str = "red") -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", (20, 10), color).save(data, format="PNG")
    data.seek(0)
    return data


def external_docx(path: Path, landscape: bool = False) -> Path:
    """A user's document: heading, a numbered list, a picture and a hyperlink."""
    doc = Document()
    doc.add_heading("Sample finance report", level=1)
    doc.add_paragraph("First point", style="List Number")
    doc.add_paragraph("Second point", style="List Number")
    doc.add_picture(png(), width=Cm(2))
    para = doc.add_paragraph("See ")
    r_id = doc.part.relate_to("https://www.southampton.gov.uk/", RT.HYPERLINK,
                              is_external=True)
    para._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r>'
                             "<w:t>the council</w:t></w:r></w:hyperlink>"))
    if landscape:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    doc.save(str(path))
    return path


class DescribeXmlTables:
    def it_marks_the_header_row_and_fills_cells(self, tmp_path: Path) -> None:
        doc = document_from_template(TEMPLATE)
        table = TableText(("Indicator", "RAG"),
                          ((Cell("Tom & Jerry <b>"), Cell("Red", rag=Rag.RED)),
                           (Cell("two\nlines"), Cell(""))), "A test table")
        add_table(doc, table, (4000, 1000), "Report Table", "Table Text", "Table Heading")
        doc.save(str(tmp_path / "t.docx"))
        (read,) = summarize_docx(tmp_path / "t.docx").tables
        assert read.rows == (("Indicator", "RAG"), ("Tom & Jerry <b>", "Red"),
                             ("two\nlines", ""))
        assert read.header_rows == (True, False, False)
        assert read.fills == ((None, None), (None, "FFC7CE"), (None, None))
        assert (read.description, read.style, read.merged) == \
            ("A test table", "Report Table", False)

    def it_needs_a_width_per_column(self) -> None:
        doc = document_from_template(TEMPLATE)
        with pytest.raises(ValueError, match="1 widths for 2 columns"):
            add_table(doc, TableText(("a", "b"), (), "x"), (100,), "Report Table",
                      "Table Text", "Table Heading")


class DescribeAppendingDocuments:
    def it_carries_text_lists_pictures_and_links_into_a_new_section(
            self, tmp_path: Path) -> None:
        base = document_from_template(TEMPLATE)
        base.add_paragraph("Report body", style="Normal")
        append_document(base, Document(str(external_docx(tmp_path / "ext.docx", True))),
                        "ext.docx")
        base.save(str(tmp_path / "out.docx"))
        summary = summarize_docx(tmp_path / "out.docx")
        assert [p.text for p in summary.paragraphs if p.text] == [
            "Report body", "Sample finance report", "First point", "Second point",
            "See the council"]
        numbered = [p.number for p in summary.paragraphs if p.text.endswith("point")]
        assert numbered == ["1.", "2."]
        assert summary.orientations == ("portrait", "landscape")
        assert len(summary.pictures) == 1
        with zipfile.ZipFile(tmp_path / "out.docx") as package:
            rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
            media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert "https://www.southampton.gov.uk/" in rels
        assert len(media) == 1

    def it_restarts_the_numbered_list_of_each_appended_document(self, tmp_path: Path) -> None:
        base = document_from_template(TEMPLATE)
        for name in ("a", "b"):
            other = Document()
            other.add_paragraph(f"{name} one", style="List Number")
            other.add_paragraph(f"{name} two", style="List Number")
            append_document(base, other, f"{name}.docx")
        base.save(str(tmp_path / "out.docx"))
        assert summarize_docx(tmp_path / "out.docx").numbered("List Number") == (
            ("1.", "a one"), ("2.", "a two"), ("1.", "b one"), ("2.", "b two"))

    def it_can_continue_the_last_section_instead(self, tmp_path: Path) -> None:
        base = document_from_template(TEMPLATE)
        base.add_paragraph("Appendix 1: Finance report", style="Heading 1")
        append_document(base, Document(str(external_docx(tmp_path / "ext.docx"))), "ext",
                        new_section=False)
        base.save(str(tmp_path / "out.docx"))
        assert summarize_docx(tmp_path / "out.docx").orientations == ("portrait",)

    def it_refuses_a_document_with_footnotes(self, tmp_path: Path) -> None:
        other = Document()
        para = other.add_paragraph("Text")
        para._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
        with pytest.raises(RenderError, match="has footnotes") as caught:
            append_document(document_from_template(TEMPLATE), other, "notes.docx")
        assert "PDF" in caught.value.hint

    def it_names_a_damaged_document_that_refers_to_a_missing_part(self, tmp_path: Path
                                                                   ) -> None:
        other = Document(str(external_docx(tmp_path / "ext.docx", True)))
        for blip in other.element.body.iter(
                "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"):
            blip.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
                     "embed", "rId999")
        with pytest.raises(RenderError, match="ext.docx: the document is damaged") as caught:
            append_document(document_from_template(TEMPLATE), other, "ext.docx")
        assert "save it as PDF" in caught.value.hint


class DescribeCharts:
    def spec(self, title: str = "Number of contacts in the month") -> ChartSpec:
        return ChartSpec("contacts", title, ("Sep-23", "Oct-23", "Nov-23"),
                         (1532.0, None, 1922.0), 1800.0, False, "Line chart: ...", "Target")

    def several(self) -> list[ChartSpec]:
        return [ChartSpec(f"k{n}", f"Indicator {n}", ("a", "b"), (n, n + 1.0), None, True, "",
                          "Target")
                for n in range(3)]

    def it_draws_an_rgb_png_of_fixed_size(self, tmp_path: Path) -> None:
        paths = charts.draw_charts([self.spec()], tmp_path)
        with Image.open(paths["contacts"]) as image:
            assert image.mode == "RGB"
            assert image.size == (round(charts.WIDTH_IN * charts.DPI),
                                  round(charts.HEIGHT_IN * charts.DPI))

    def it_names_a_chart_by_its_data_so_a_folder_is_a_cache(self, tmp_path: Path) -> None:
        first = charts.draw_charts([self.spec()], tmp_path)["contacts"]
        stamp = first.stat().st_mtime_ns
        again = charts.draw_charts([self.spec()], tmp_path)["contacts"]
        other = charts.draw_charts([self.spec("Contacts (revised)")], tmp_path)["contacts"]
        relabelled = charts.draw_charts([dataclasses.replace(self.spec(), target_label="Aim")],
                                        tmp_path)["contacts"]
        assert again == first and again.stat().st_mtime_ns == stamp
        assert other != first and relabelled not in (first, other)
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    def it_draws_many_charts_with_a_pool(self, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(charts, "POOL_FROM", 2)
        specs = self.several()
        paths = charts.draw_charts(specs, tmp_path)
        assert sorted(paths) == ["k0", "k1", "k2"]
        assert all(p.is_file() for p in paths.values())

    @pytest.mark.parametrize("damage", ["truncated", "foreign", "unsealed"])
    def it_draws_again_a_chart_that_is_not_what_its_seal_says(self, tmp_path: Path,
                                                              damage: str) -> None:
        first = charts.draw_charts([self.spec()], tmp_path)["contacts"]
        whole = first.read_bytes()
        if damage == "truncated":
            first.write_bytes(whole[: len(whole) // 2])
        elif damage == "foreign":  # another chart's file and seal filed under this name
            other = charts.draw_charts([self.spec("Another indicator")], tmp_path)["contacts"]
            first.write_bytes(other.read_bytes())
            Path(f"{first}.sha256").write_bytes(Path(f"{other}.sha256").read_bytes())
        else:
            Path(f"{first}.sha256").unlink()
        assert not charts.sealed(first)
        again = charts.draw_charts([self.spec()], tmp_path)["contacts"]
        assert again == first and again.read_bytes() == whole and charts.sealed(again)

    def it_draws_charts_ahead_for_a_later_draw_to_find(self, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(charts, "POOL_FROM", 2)
        specs = self.several()
        with charts.drawn_ahead(specs, tmp_path) as drawn:
            drawn()
            made = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.png")}
            paths = charts.draw_charts(specs, tmp_path)
        assert sorted(made) == sorted(p.name for p in paths.values())
        assert {p.name: p.stat().st_mtime_ns for p in paths.values()} == made  # not redrawn

    @pytest.mark.parametrize(("months", "step"), [(3, 2), (25, 2), (26, 2), (27, 3), (40, 4),
                                                  (60, 6), (120, 12), (240, 24)])
    def it_labels_every_other_month_or_fewer_of_a_long_series(self, months: int, step: int
                                                              ) -> None:
        ticks = charts.month_ticks(months)
        assert ticks == list(range(0, months, step))
        assert len(ticks) <= charts.MAX_TICK_LABELS


class DescribeReadBack:
    def it_computes_list_labels_from_the_numbering_definitions(self, tmp_path: Path) -> None:
        doc = document_from_template(TEMPLATE)
        for n in range(4):
            doc.add_paragraph(f"Recommendation {n}", style="Recommendation")
        doc.add_paragraph("Heading", style="Heading 1")
        doc.add_paragraph("Numbered", style="Numbered Paragraph")
        doc.add_paragraph("Bullet", style="List Bullet")
        doc.core_properties.created = dt.datetime(2023, 1, 1)
        doc.save(str(tmp_path / "n.docx"))
        summary = summarize_docx(tmp_path / "n.docx")
        assert [p.number for p in summary.paragraphs] == ["(i)", "(ii)", "(iii)", "(iv)", None,
                                                          "1.", "•"]
        assert summary.headings == ((1, "Heading"),)

    def it_counts_per_list_definition_and_restarts_on_a_start_override(
            self, tmp_path: Path) -> None:
        doc = Document()
        numbering = doc.part.numbering_part.element
        for child in list(numbering):
            numbering.remove(child)
        w = nsdecls("w")
        numbering.append(parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
        for num_id, override in (("1", ""), ("2", ""), ("3", '<w:lvlOverride w:ilvl="0">'
                                                         '<w:startOverride w:val="1"/>'
                                                         "</w:lvlOverride>")):
            numbering.append(parse_xml(f'<w:num {w} w:numId="{num_id}">'
                                       f'<w:abstractNumId w:val="7"/>{override}</w:num>'))
        for num_id in ("1", "1", "2", "3", "3"):
            para = doc.add_paragraph(f"on {num_id}")
            para._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
        doc.save(str(tmp_path / "n.docx"))
        assert [p.number for p in summarize_docx(tmp_path / "n.docx").paragraphs] == [
            "1.", "2.", "3.", "1.", "2."]
