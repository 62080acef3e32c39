"""The performance dataset appendix (DESIGN 5.2) as a landscape Word document.

Per theme: a heading, the priority statement, one table (header row repeated, no merged cells,
RAG as text and fill), commentary under it, and a trend chart per indicator with alt text.
Tables are built as XML rows (:mod:`builder.render.word_tables`), never with ``Table.cell()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.shared import Cm

from builder.present.report_appendices import DatasetText, ThemeText
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
TWIPS_PER_CM = 567
# fixed columns, in twips; the indicator column takes what is left of the page width
REF, MONTH, CHANGE, STAT, RAG, BENCHMARK = 397, 482, 700, 600, 600, 620


def render_dataset(template: Path, text: DatasetText, charts: Mapping[str, Path],
                   core: CoreProperties, out: Path) -> None:
    """Write the dataset appendix to ``out``; ``charts`` maps indicator keys to PNG files."""
    doc = document_from_template(template)
    w = Writer(doc)
    require_styles(doc, template, STYLES)
    landscape(doc)
    w.add(text.heading, "Heading 1")
    w.add(text.intro, "Normal")
    w.add("Key", "Heading 2")
    add_table(doc, text.key, (1400, 6000), "Report Table", "Table Text", "Table Heading")
    widths = column_widths(doc, len(text.themes[0].table.header) if text.themes else 0)
    for theme in text.themes:
        _theme(doc, w, theme, widths, charts)
    set_core_properties(doc, core)
    doc.save(str(out))


def column_widths(doc: DocxDocument, columns: int) -> tuple[int, ...]:
    """Ref, Indicator, 13 months, 2 changes, average, max, target, RAG, then benchmarks."""
    section = doc.sections[-1]
    emu = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    usable = int(emu / 360000 * TWIPS_PER_CM)
    benchmarks = columns - 21
    fixed = REF + 13 * MONTH + 2 * CHANGE + 3 * STAT + RAG + benchmarks * BENCHMARK
    return (REF, max(usable - fixed, 1200), *[MONTH] * 13, CHANGE, CHANGE, STAT, STAT, STAT, RAG,
            *[BENCHMARK] * benchmarks)


def _theme(doc: DocxDocument, w: Writer, theme: ThemeText, widths: tuple[int, ...],
           charts: Mapping[str, Path]) -> None:
    w.add(theme.title, "Heading 2")
    if theme.statement:
        w.add(theme.statement, "Normal")
    add_table(doc, theme.table, widths, "Dataset Table", "Dataset Text", "Dataset Heading")
    if theme.commentary:
        w.add("Commentary", "Heading 3")
        for title, note in theme.commentary:
            para = w.add("", "Key Text")
            para.add_run(f"{title}: ").bold = True
            para.add_run(note)
    if theme.charts:
        w.add(f"Trends: {theme.title}", "Heading 3")
        for start in range(0, len(theme.charts), CHARTS_PER_LINE):
            para = w.add("", "Chart Caption")
            for spec in theme.charts[start:start + CHARTS_PER_LINE]:
                add_picture(para.add_run(), charts[spec.key], CHART_WIDTH, spec.alt_text,
                            spec.title[:100])
                para.add_run(" ")
