"""Read a .pptx back into a plain summary: slide titles, text, tables, native charts, alt text,
notes and core properties. Used by tests (and by ``builder check``) to verify what a deck holds
without comparing files byte for byte."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.dml import MSO_FILL
from pptx.enum.shapes import MSO_SHAPE_TYPE


@dataclass(frozen=True)
class ChartSummary:
    """A native chart: its type, title, categories and series values as stored."""

    chart_type: str
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    number_format: str
    alt_text: str | None


@dataclass(frozen=True)
class TableSummary:
    """A table: cell texts row by row, whether its first row is marked as a header, and the
    cells that have a solid fill (text, RGB hex)."""

    rows: tuple[tuple[str, ...], ...]
    header_marked: bool
    filled: tuple[tuple[str, str], ...]
    alt_text: str | None


@dataclass(frozen=True)
class ShapeSummary:
    """One shape in document (reading) order: name, kind, position, alt text."""

    name: str
    kind: str
    top: int
    left: int
    alt_text: str | None
    graphic: bool
    """A chart, table, picture or other graphic frame (needs alt text)."""


@dataclass(frozen=True)
class SlideSummary:
    title: str | None
    """Text of the slide's title placeholder (None when it has none)."""
    layout: str
    texts: tuple[tuple[str, str], ...]
    """(shape name, text) of every other shape with text, in reading order."""
    charts: tuple[ChartSummary, ...]
    tables: tuple[TableSummary, ...]
    shapes: tuple[ShapeSummary, ...]
    notes: str


@dataclass(frozen=True)
class DeckSummary:
    title: str
    language: str
    subject: str
    slides: tuple[SlideSummary, ...]


def summarize_pptx(path: Path) -> DeckSummary:
    """Everything a test needs to know about the deck at ``path``."""
    with path.open("rb") as handle:
        prs = Presentation(handle)
    props = prs.core_properties
    return DeckSummary(props.title or "", props.language or "", props.subject or "",
                       tuple(_slide(slide) for slide in prs.slides))


def _slide(slide: Any) -> SlideSummary:
    title_shape = slide.shapes.title
    texts, charts, tables, shapes = [], [], [], []
    for shape in slide.shapes:
        alt = _alt(shape)
        graphic = shape.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.CHART,
                                       MSO_SHAPE_TYPE.TABLE) or shape.has_chart or shape.has_table
        graphic = graphic or shape._element.tag.endswith(("}graphicFrame", "}pic"))
        shapes.append(ShapeSummary(shape.name, str(shape.shape_type), int(shape.top or 0),
                                   int(shape.left or 0), alt, graphic))
        if shape.has_chart:
            charts.append(_chart(shape.chart, alt))
        elif shape.has_table:
            tables.append(_table(shape.table, alt))
        elif shape.has_text_frame and shape is not title_shape and shape.text_frame.text:
            texts.append((shape.name, shape.text_frame.text))
    notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
    return SlideSummary(title_shape.text_frame.text if title_shape is not None else None,
                        slide.slide_layout.name, tuple(texts), tuple(charts), tuple(tables),
                        tuple(shapes), notes)


def _alt(shape: Any) -> str | None:
    found = shape._element.xpath("./*[1]/p:cNvPr")
    return found[0].get("descr") if found else None


def _chart(chart: Any, alt: str | None) -> ChartSummary:
    plot = chart.plots[0]
    title = chart.chart_title.text_frame.text if chart.has_title else ""
    series = tuple((s.name, tuple(s.values)) for s in plot.series)
    return ChartSummary(str(chart.chart_type), title, tuple(str(c) for c in plot.categories),
                        series, chart.value_axis.tick_labels.number_format, alt)


def _table(table: Any, alt: str | None) -> TableSummary:
    rows, filled = [], []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            cells.append(cell.text)
            if cell.fill.type == MSO_FILL.SOLID:
                filled.append((cell.text, str(cell.fill.fore_color.rgb)))
        rows.append(tuple(cells))
    return TableSummary(tuple(rows), bool(table.first_row), tuple(filled), alt)
