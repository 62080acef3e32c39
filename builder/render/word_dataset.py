"""The performance dataset appendix (DESIGN 5.2) as a landscape Word document.

Per theme (or once, for a layout without themes): a heading, the priority statement, one table
(header row repeated, no merged cells, RAG as text and fill; columns as wide as their longest
heading word, ref or figure), commentary under it, and a trend chart per indicator with alt
text. Legend lines and the key come first when the layout has them.
Tables are built as XML rows (:mod:`builder.render.word_tables`), never with ``Table.cell()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

from builder.present.report_appendices import DatasetText, ThemeText
from builder.render.column_widths import STYLE_MARGIN, Fit, fit_widths
from builder.render.word_common import (
    CoreProperties,
    Writer,
    document_from_template,
    landscape,
    require_styles,
    set_core_properties,
)
from builder.render.word_pictures import add_picture
from builder.render.word_tables import add_table

STYLES = ("Heading 1", "Heading 2", "Heading 3", "Normal", "Dataset Table", "Dataset Text",
          "Dataset Heading", "Key Text", "Report Table", "Table Text", "Table Heading",
          "Chart Caption")
CHARTS_PER_LINE = 3
CHART_WIDTH = Cm(7.5)
EMU_PER_TWIP = 635


def render_dataset(template: Path, text: DatasetText, charts: Mapping[str, Path],
                   core: CoreProperties, out: Path) -> None:
    """Write the dataset appendix to ``out``; ``charts`` maps indicator keys to PNG files."""
    doc = document_from_template(template)
    w = Writer(doc)
    require_styles(doc, template, STYLES)
    landscape(doc)
    w.add(text.heading, "Heading 1")
    w.add(text.intro, "Normal")
    for line in text.legend:
        w.add(line, "Key Text")
    if text.key is not None:
        w.add(text.key_heading, "Heading 2")
        add_table(doc, text.key, (1400, 6000), "Report Table", "Table Text", "Table Heading")
    if text.themes:
        header = text.themes[0].table.header
        rows = [[c.text for c in row] for theme in text.themes for row in theme.table.rows]
        fit = fit_widths(usable_width(doc), text.kinds, header, rows,
                         _points(doc, "Dataset Text"))
        for theme in text.themes:
            _theme(doc, w, theme, fit, charts)
    set_core_properties(doc, core)
    doc.save(str(out))


def usable_width(doc: DocxDocument) -> int:
    """The width between the margins of the last section, in twips."""
    section = doc.sections[-1]
    emu = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    return int(emu) // EMU_PER_TWIP


def _points(doc: DocxDocument, style: str) -> float:
    size = doc.styles[style].font.size
    return float(size.pt) if size is not None else 7.0


def _compact(table: Any, fit: Fit, style_points: float) -> None:
    """Narrow cell margins and a smaller text size for a table too wide for the page as styled;
    set on the table and its runs, they survive appending the appendix to its report."""
    if fit.margin != STYLE_MARGIN:
        margins = parse_xml(f'<w:tblCellMar {nsdecls("w")}><w:left w:w="{fit.margin}" '
                            f'w:type="dxa"/><w:right w:w="{fit.margin}" w:type="dxa"/>'
                            "</w:tblCellMar>")
        table.find(qn("w:tblPr")).find(qn("w:tblLook")).addprevious(margins)
    if fit.points == style_points:
        return
    for run in table.iter(qn("w:r")):
        props = run.find(qn("w:rPr"))
        if props is None:
            props = OxmlElement("w:rPr")
            run.insert(0, props)
        for tag in ("w:sz", "w:szCs"):
            size = OxmlElement(tag)
            size.set(qn("w:val"), str(round(fit.points * 2)))
            props.append(size)


def _theme(doc: DocxDocument, w: Writer, theme: ThemeText, fit: Fit,
           charts: Mapping[str, Path]) -> None:
    if theme.title:
        w.add(theme.title, "Heading 2")
    if theme.statement:
        w.add(theme.statement, "Normal")
    table = add_table(doc, theme.table, fit.widths, "Dataset Table", "Dataset Text",
                      "Dataset Heading")
    _compact(table, fit, _points(doc, "Dataset Text"))
    for note in theme.revisions:
        w.add(note, "Key Text")
    if theme.commentary:
        w.add(theme.commentary_heading, "Heading 3")
        for title, note in theme.commentary:
            para = w.add("", "Key Text")
            para.add_run(f"{title}: ").bold = True
            para.add_run(note)
    if theme.charts:
        w.add(theme.trends_heading, "Heading 3")
        for start in range(0, len(theme.charts), CHARTS_PER_LINE):
            para = w.add("", "Chart Caption")
            for spec in theme.charts[start:start + CHARTS_PER_LINE]:
                add_picture(para.add_run(), charts[spec.key], CHART_WIDTH, spec.alt_text,
                            spec.title[:100])
                para.add_run(" ")
