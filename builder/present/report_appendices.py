"""Report appendices as text: the performance dataset (DESIGN 5.2), the monitoring tracker
(spec E.1) and the glossary (spec E.2). Numbers become text here, once, by the panel's rules."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from builder.compute.calculus import Arrow, Rag
from builder.compute.model import IndicatorFigures, ReportModel
from builder.config.catalogue import Indicator
from builder.config.council import GlossaryLabels, PackLabels, Placeholders, TrackerLabels
from builder.config.glossary import Glossary
from builder.config.layout import Layout, layout_of
from builder.config.tracker import Recommendation
from builder.config.wording import fill
from builder.present import formatting as fmt
from builder.present.cells import Cell, rag_cell
from builder.present.chart_spec import ChartSpec
from builder.present.dataset_columns import (
    arrow_glyph,
    heading_values,
    printed_columns,
)
from builder.present.report_context import appendix_name
from builder.present.revisions import shown_revisions

MONTH_COLUMNS = 13


@dataclass(frozen=True)
class TableText:
    """A data table: one header row (repeated on every page) and rows of cells."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    description: str
    """What the table holds, for screen readers (w:tblDescription)."""


@dataclass(frozen=True)
class ThemeText:
    title: str
    """The theme's heading; empty for a layout without theme headings."""
    statement: str
    table: TableText
    commentary: tuple[tuple[str, str], ...]
    """(indicator title, commentary) for indicators with commentary, under the table."""
    charts: tuple[ChartSpec, ...]
    commentary_heading: str
    """Above the commentary."""
    trends_heading: str
    """Above the charts."""
    subheadings: tuple[int, ...] = ()
    """Indexes of the table rows that are sub-theme headings (shaded, text in one cell)."""
    revisions: tuple[str, ...] = ()
    """A note under the table for each figure a later values file amended."""


@dataclass(frozen=True)
class DatasetText:
    heading: str
    intro: str
    themes: tuple[ThemeText, ...]
    key: TableText | None
    """The key to arrows and RAG ratings, when the layout prints one."""
    key_heading: str
    """Above the key."""
    legend: tuple[str, ...] = ()
    """Lines of the layout's legend block, above the tables."""
    kinds: tuple[str, ...] = ()
    """Width class of each column (ref, title, name, prose, value, change, flag, rag)."""


@dataclass(frozen=True)
class TrackerText:
    heading: str
    subheadings: tuple[str, ...]
    table: TableText


@dataclass(frozen=True)
class DefinitionText:
    kind: str
    """'paragraph', 'bullets' or 'numbered'."""
    items: tuple[str, ...]


@dataclass(frozen=True)
class GlossaryText:
    heading: str
    acronyms: TableText | None
    terms: tuple[tuple[str, tuple[DefinitionText, ...]], ...]
    sources: tuple[str, ...]
    headings: tuple[str, str, str]
    """Above the acronyms, the terms and the sources."""


def appendix_heading(number: int, title: str, exempt: bool, labels: PackLabels) -> str:
    """``Appendix 2: Exempt – SEND Capital Programme Briefing Paper`` (same numbers as the
    list), in the council's words."""
    heading = labels.exempt_heading if exempt else labels.appendix_heading
    return fill(heading, {"appendix": appendix_name(number, labels), "title": title})


def placeholder_sentence(kind: str, file_name: str | None, placeholders: Placeholders) -> str:
    """What the report's own copy says for an appendix that is not a Word document: the
    council's ``placeholders`` sentence for a deck or a PDF file."""
    if kind == "deck":
        return placeholders.deck
    return fill(placeholders.pdf, {"file": file_name or "file"})


# ---------------------------------------------------------------------------------- dataset


def dataset_text(model: ReportModel, heading: str, charts: bool = True,
                 layout: Layout | None = None) -> DatasetText:
    """The dataset appendix in ``layout`` (default today's B4B layout): per group (theme, or one
    table of everything) a table of the layout's columns, commentary and charts."""
    layout = layout or layout_of()
    columns = printed_columns(model, layout)
    header = tuple(c.heading for c in columns)
    months = model.months[-MONTH_COLUMNS:]
    end = fmt.long_date(model.period.last_day())
    source = model.catalogue.source
    intro = " ".join((fill(layout.intro, {"end": end}),
                      *((fill(layout.source, {"source": source}),) if source else ())))
    values = heading_values(model, layout)
    title_at = next((n for n, c in enumerate(columns) if c.kind == "title"), 0)
    themes = []
    for title, statement, figs in _groups(model, layout):
        rows: list[tuple[Cell, ...]] = []
        subheadings: list[int] = []
        current: str | None = None
        for fig in figs:
            sub = fig.indicator.subtheme if layout.grouping == "subthemes" else None
            if sub and sub != current:
                subheadings.append(len(rows))
                rows.append(tuple(Cell(sub if n == title_at else "", subheading=True)
                                  for n in range(len(columns))))
            current = sub
            rows.append(tuple(c.cell(fig) for c in columns))
        description = fill(layout.description, {
            "theme": title, "count": str(len(figs)), "columns": ", ".join(header),
            "first_month": months[0].label(), "last_month": months[-1].label()})
        notes = tuple((f.indicator.title, f.commentary.text) for f in figs
                      if f.commentary is not None) if layout.commentary == "under" else ()
        specs = tuple(chart_spec(f, layout.chart_target) for f in figs) if charts else ()
        revised = shown_revisions(model, tuple(f.key for f in figs))
        trends = fill(layout.trends_heading, {"theme": title}) if title \
            else layout.trends_heading_untitled
        themes.append(ThemeText(title, statement if layout.theme_statement else "",
                                TableText(header, tuple(rows), description), notes, specs,
                                layout.commentary_heading, trends, tuple(subheadings), revised))
    legend = tuple(fill(line, values) for line in layout.legend)
    return DatasetText(heading, intro, tuple(themes), _key_table(layout) if layout.key else None,
                       layout.key_heading, legend, tuple(c.kind for c in columns))


def _groups(model: ReportModel, layout: Layout
            ) -> list[tuple[str, str, tuple[IndicatorFigures, ...]]]:
    """(title, statement, figures) per table: a theme each, or one untitled table."""
    def ordered(figs: Sequence[IndicatorFigures]) -> tuple[IndicatorFigures, ...]:
        if layout.order == "ref":
            return tuple(sorted(figs, key=lambda f: _ref_key(f.indicator.ref or "")))
        return tuple(figs)

    if layout.grouping == "none":
        return [("", "", ordered([model[i.key] for i in model.catalogue.indicators]))]
    return [(t.theme.title, t.theme.statement or "", ordered(t.indicators))
            for t in model.themes]


def _ref_key(ref: str) -> tuple[object, ...]:
    """Refs in the 2016 dataset's order: CP1, CP2 ... CP10 (letters, then the number)."""
    return tuple(int(part) if part.isdigit() else part.lower()
                 for part in re.findall(r"\d+|\D+", ref))


def _key_table(layout: Layout) -> TableText:
    arrows = [(Cell(arrow_glyph(a, layout)), fmt.arrow_meaning(a, layout.meanings))
              for a in Arrow]
    rags = [(rag_cell(r), fmt.rag_meaning(r, layout.meanings)) for r in Rag]
    rows = tuple((symbol, Cell(meaning)) for symbol, meaning in arrows + rags)
    return TableText(layout.key_header, rows, layout.key_caption)


def chart_spec(fig: IndicatorFigures, target_label: str) -> ChartSpec:
    """The report's 13 months; for a quarterly or annual indicator its own last 13 periods. A
    yearly (cumulative) target is no line against the values of single periods."""
    ind = fig.indicator
    points = fig.window[-MONTH_COLUMNS:] if ind.frequency == "monthly" else \
        fig.history[-MONTH_COLUMNS:]
    labels = tuple(p.month.label() for p in points)
    values = tuple(p.value for p in points)
    target = fig.target if ind.target_scope == "period" else None
    return ChartSpec(ind.key, ind.title, labels, values, target, ind.unit == "percent",
                     chart_alt_text(ind, labels, values, target), target_label)


PERIOD_NOUNS = {"monthly": "months", "quarterly": "quarters", "annual": "years"}


def chart_alt_text(ind: Indicator, labels: Sequence[str], values: Sequence[float | None],
                   target: float | None = None) -> str:
    """'Line chart: Number of contacts in the month, Oct-22 to Oct-23, from 1,488 to 1,922;
    lowest 1,428 (Dec-22), highest 2,023 (Mar-23).' and the target when there is one."""
    known = [(label, v) for label, v in zip(labels, values, strict=True) if v is not None]
    head = f"Line chart: {ind.title}, {labels[0]} to {labels[-1]}"
    if not known:
        return f"{head}; no values for these {PERIOD_NOUNS[ind.frequency]}."

    def text(value: float) -> str:
        return fmt.number(value, ind.decimals, ind.unit)

    low = min(known, key=lambda kv: kv[1])
    high = max(known, key=lambda kv: kv[1])
    parts = [f"{head}, from {text(known[0][1])} ({known[0][0]}) to {text(known[-1][1])} "
             f"({known[-1][0]})",
             f"lowest {text(low[1])} ({low[0]}), highest {text(high[1])} ({high[0]})"]
    if len(known) < len(values):
        parts.append(f"values for {len(known)} of {len(values)} {PERIOD_NOUNS[ind.frequency]}")
    if target is not None:
        parts.append(f"target {text(target)}")
    return "; ".join(parts) + "."


# ---------------------------------------------------------------------------------- tracker

def tracker_text(rows: Sequence[Recommendation], panel: str, meeting: dt.date, heading: str,
                 variant: str, labels: TrackerLabels) -> TrackerText:
    """Format-spec E.1: numbered 1), 2) ... within each originating meeting and title; the
    2017 variant's headings are ``labels.header_2017`` (its third column 'Recommendation')."""
    counters: dict[tuple[dt.date, str], int] = {}
    out = []
    for row in rows:
        group = (row.meeting, row.title)
        counters[group] = counters.get(group, 0) + 1
        out.append((Cell(fmt.short_date(row.meeting)), Cell(row.title),
                    Cell(f"{counters[group]}) {row.action_proposed}"), Cell(row.action_taken),
                    Cell(row.status or "")))
    header = labels.header_2017 if variant == "2017" else labels.header
    table = TableText(header, tuple(out), fill(labels.description, {"count": str(len(out))}))
    return TrackerText(heading, (panel, fill(labels.subheading,
                                             {"date": fmt.long_date(meeting)})), table)


# ---------------------------------------------------------------------------------- glossary


def glossary_text(glossary: Glossary, heading: str, labels: GlossaryLabels) -> GlossaryText:
    acronyms = None
    if glossary.acronyms:
        acronyms = TableText(labels.header,
                             tuple((Cell(a.abbreviation), Cell(a.expansion))
                                   for a in glossary.acronyms),
                             fill(labels.description, {"count": str(len(glossary.acronyms))}))
    terms = tuple((t.term, tuple(_definition(p.paragraph, p.bullets, p.numbered)
                                 for p in t.definition)) for t in glossary.terms)
    sources = tuple(" ".join(x for x in (f"{s.title}:" if s.url or s.note else s.title, s.url,
                                          f"- {s.note}" if s.note else None) if x)
                    for s in glossary.sources)
    return GlossaryText(heading, acronyms, terms, sources,
                        (labels.acronyms, labels.terms, labels.sources))


def _definition(paragraph: str | None, bullets: tuple[str, ...],
                numbered: tuple[str, ...]) -> DefinitionText:
    if paragraph is not None:
        return DefinitionText("paragraph", (paragraph,))
    if bullets:
        return DefinitionText("bullets", bullets)
    return DefinitionText("numbered", tuple(f"{n}.\t{t}" for n, t in enumerate(numbered, 1)))
