"""RAG cells in the Word papers take their fill and text colour from the report template's
RAG styles (the label always printed); a style that cannot be read or read on is refused."""

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
from builder.render.word_common import document_from_template
from builder.render.word_rag import BUILT_IN, RagLook, rag_looks, rag_style_problems
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


def without_rag_styles(tmp_path: Path) -> Path:
    doc = Document(str(DEFAULTS.report))
    for name in ("RAG Green", "RAG Amber", "RAG Red"):
        element = doc.styles[name].element
        element.getparent().remove(element)
    path = tmp_path / "older.docx"
    doc.save(str(path))
    return path


def rag_table(template: Path, out: Path) -> tuple[Any, list[str | None]]:
    """A table of one cell per rating rendered from ``template``: its read-back fills and the
    text colour of each cell's run."""
    doc = document_from_template(template)
    table = TableText(("Green", "Amber", "Red", "None"),
                      ((*(rag_cell(r) for r in Rag), rag_cell(None, "-")),), "RAG cells")
    add_table(doc, table, (1000,) * 4, "Report Table", "Table Text", "Table Heading")
    doc.save(str(out))
    (read,) = summarize_docx(out).tables
    body = Document(str(out)).tables[0].rows[1].cells
    colours = []
    for cell in body:
        color = cell._tc.find(f".//{qn('w:r')}/{qn('w:rPr')}/{qn('w:color')}")
        colours.append(color.get(qn("w:val")) if color is not None else None)
    return read, colours


class DescribeRagCells:
    def it_colours_each_rating_as_the_templates_rag_style_says(self, tmp_path: Path) -> None:
        template = restyled(tmp_path, "RAG Red", "FFE4E1", "7F0000")
        read, colours = rag_table(template, tmp_path / "t.docx")
        assert read.rows[1] == ("Green", "Amber", "Red", "-")  # the label is always printed
        assert read.fills[1][2] == "FFE4E1" and colours[2] == "7F0000"
        assert read.fills[1][3] is None and colours[3] is None

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
        assert rag_looks(doc)[Rag.AMBER] == RagLook("DDEEFF", "003366")

    def it_keeps_builders_colours_for_a_template_made_before_the_rag_styles(
            self, tmp_path: Path) -> None:
        read, colours = rag_table(without_rag_styles(tmp_path), tmp_path / "t.docx")
        assert read.fills[1][:3] == ("C6EFCE", "FFEB9C", "FFC7CE")
        assert colours[:3] == ["006100", "7A4F00", "9C0006"]

    @pytest.mark.parametrize("rating", list(Rag))
    def it_keeps_builders_own_colours_readable(self, rating: Rag) -> None:
        look = BUILT_IN[rating]
        assert _contrast(look.color, look.fill) >= 4.5

    def it_leaves_other_cells_as_presented(self, tmp_path: Path) -> None:
        doc = document_from_template(DEFAULTS.report)
        add_table(doc, TableText(("a",), ((Cell("theme", "E7E6E6"),),), "x"), (1000,),
                  "Report Table", "Table Text", "Table Heading")
        doc.save(str(tmp_path / "t.docx"))
        assert summarize_docx(tmp_path / "t.docx").tables[0].fills[1] == ("E7E6E6",)


class DescribeRagStyleProblems:
    def it_finds_none_in_the_default_template(self) -> None:
        assert rag_style_problems(Document(str(DEFAULTS.report)), DEFAULTS.report) == []

    def it_refuses_text_below_4_5_to_1_on_its_fill_with_both_colours(self, tmp_path: Path
                                                                      ) -> None:
        template = restyled(tmp_path, "RAG Green", "00B050", "FFFFFF")
        (problem,) = rag_style_problems(Document(str(template)), template)
        assert str(problem).startswith(
            f"{template}: style 'RAG Green': text #FFFFFF on #00B050 has a contrast of 2.87:1, "
            "below WCAG 2.2 AA's 4.5:1")

    def it_names_each_colour_a_style_lacks(self, tmp_path: Path) -> None:
        template = restyled(tmp_path, "RAG Amber", None, None)
        found = [str(p) for p in rag_style_problems(Document(str(template)), template)]
        assert len(found) == 2
        assert "style 'RAG Amber': no shading colour" in found[0]
        assert "Shading" in found[0]
        assert "style 'RAG Amber': no font colour" in found[1]

    def it_stops_a_render_from_a_template_that_was_never_checked(self, tmp_path: Path
                                                                 ) -> None:
        template = restyled(tmp_path, "RAG Red", "FF0000", "FF3333")
        with pytest.raises(TemplateError, match="RAG styles"):
            rag_table(template, tmp_path / "t.docx")


def _contrast(foreground: str, background: str) -> float:
    """WCAG 2.2 contrast ratio of two RRGGBB colours."""
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
