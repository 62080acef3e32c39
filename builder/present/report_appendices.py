"""Report appendices as text: the performance dataset (DESIGN 5.2), the monitoring tracker
(spec E.1) and the glossary (spec E.2). Numbers become text here, once, by the panel's rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from builder.compute.calculus import Arrow, Rag
from builder.compute.model import IndicatorFigures, ReportModel
from builder.config.catalogue import Indicator
from builder.config.glossary import Glossary
from builder.config.tracker import Recommendation
from builder.present import formatting as fmt
from builder.present.cells import Cell, indicator_value, rag_cell

MONTH_COLUMNS = 13


@dataclass(frozen=True)
class TableText:
    """A data table: one header row (repeated on every page) and rows of cells."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    description: str
    """What the table holds, for screen readers (w:tblDescription)."""


@dataclass(frozen=True)
class ChartSpec:
    """A trend chart of one indicator: values as numbers (the drawing is render's job), every
    label already text, and the alt text written from the data."""

    key: str
    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    target: float | None
    percent: bool
    alt_text: str


@dataclass(frozen=True)
class ThemeText:
    title: str
    statement: str
    table: TableText
    commentary: tuple[tuple[str, str], ...]
    """(indicator title, commentary) for indicators with commentary, under the table."""
    charts: tuple[ChartSpec, ...]


@dataclass(frozen=True)
class DatasetText:
    heading: str
    intro: str
    themes: tuple[ThemeText, ...]
    key: TableText


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


def appendix_heading(number: int, title: str, exempt: bool) -> str:
    """``Appendix 2: Exempt – SEND Capital Programme Briefing Paper`` (same numbers as the list)."""
    prefix = "Exempt – " if exempt else ""
    return f"Appendix {number}: {prefix}{title}"


# ---------------------------------------------------------------------------------- dataset


def dataset_text(model: ReportModel, heading: str, charts: bool = True) -> DatasetText:
    """Per theme a table of every indicator shown under it, its commentary and its charts."""
    months = model.months[-MONTH_COLUMNS:]
    benchmarks = model.catalogue.benchmarks
    header = ("Ref", "Indicator", *(m.label() for m in months),
              f"Change from {months[-2].label()}", f"Change from {months[0].label()}",
              "12-month average", "12-month max", "Target", "RAG", *benchmarks.values())
    end = fmt.long_date(model.period.last_day())
    source = model.catalogue.source
    intro = f"Performance information up to {end}." + (f" Source: {source}." if source else "")
    themes = []
    for theme in model.themes:
        rows = tuple(_dataset_row(f, benchmarks) for f in theme.indicators)
        table = TableText(header, rows, f"{theme.theme.title}: {len(rows)} indicators, "
                          f"{months[0].label()} to {months[-1].label()}, with changes, "
                          "12-month average and maximum, target, RAG rating and benchmarks.")
        notes = tuple((f.indicator.title, f.commentary.text) for f in theme.indicators
                      if f.commentary is not None)
        specs = tuple(chart_spec(f) for f in theme.indicators) if charts else ()
        themes.append(ThemeText(theme.theme.title, theme.theme.statement or "", table, notes,
                                specs))
    return DatasetText(heading, intro, tuple(themes), _key_table())


def _dataset_row(fig: IndicatorFigures, benchmarks: dict[str, str]) -> tuple[Cell, ...]:
    ind = fig.indicator
    values = [Cell(indicator_value(ind, p.value, p.reason)) for p in fig.window[-MONTH_COLUMNS:]]
    return (
        Cell(ind.ref or ""), Cell(ind.title), *values,
        Cell(change_text(fig.previous.arrow, fig.previous.pct)),
        Cell(change_text(fig.year_ago.arrow, fig.year_ago.pct)),
        Cell(indicator_value(ind, fig.avg_12m)), Cell(indicator_value(ind, fig.max_12m)),
        Cell(indicator_value(ind, fig.target, fig.target_reason, missing="")), rag_cell(fig.rag),
        *(Cell(indicator_value(ind, ind.benchmarks.get(name), missing="")) for name in benchmarks),
    )


def change_text(arrow: Arrow, pct: float | None) -> str:
    """``↑ 25%``, ``⇒ -3%``, or ``n/a`` when the change cannot be computed."""
    if pct is None:
        return fmt.NOT_APPLICABLE
    return f"{fmt.arrow(arrow)} {fmt.pct_change(pct)}"


def _key_table() -> TableText:
    arrows = [(Cell(fmt.arrow(a)), fmt.ARROW_MEANINGS[a]) for a in Arrow]
    rags = [(rag_cell(r), fmt.RAG_MEANINGS[r]) for r in Rag]
    rows = tuple((symbol, Cell(meaning)) for symbol, meaning in arrows + rags)
    return TableText(("Symbol", "Meaning"), rows,
                     "Key to the change arrows (10% threshold) and the RAG ratings.")


def chart_spec(fig: IndicatorFigures) -> ChartSpec:
    """The report's 13 months; for a quarterly or annual indicator its own last 13 periods. A
    yearly (cumulative) target is no line against the values of single periods."""
    ind = fig.indicator
    points = fig.window[-MONTH_COLUMNS:] if ind.frequency == "monthly" else \
        fig.history[-MONTH_COLUMNS:]
    labels = tuple(p.month.label() for p in points)
    values = tuple(p.value for p in points)
    target = fig.target if ind.target_scope == "period" else None
    return ChartSpec(ind.key, ind.title, labels, values, target, ind.unit == "percent",
                     chart_alt_text(ind, labels, values, target))


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

TRACKER_HEADER = ("Date", "Title", "Action proposed", "Action Taken", "Progress Status")
TRACKER_HEADER_2017 = ("Date", "Title", "Recommendation", "Action Taken", "Progress Status")


def tracker_text(rows: Sequence[Recommendation], panel: str, meeting: dt.date, heading: str,
                 variant: str = "2023") -> TrackerText:
    """Format-spec E.1: numbered 1), 2) ... within each originating meeting and title; the
    2017 variant heads the third column 'Recommendation'."""
    counters: dict[tuple[dt.date, str], int] = {}
    out = []
    for row in rows:
        group = (row.meeting, row.title)
        counters[group] = counters.get(group, 0) + 1
        out.append((Cell(fmt.short_date(row.meeting)), Cell(row.title),
                    Cell(f"{counters[group]}) {row.action_proposed}"), Cell(row.action_taken),
                    Cell(row.status or "")))
    header = TRACKER_HEADER_2017 if variant == "2017" else TRACKER_HEADER
    table = TableText(header, tuple(out),
                      f"Recommendations made at previous meetings ({len(out)}), the action "
                      "taken and the progress status of each.")
    return TrackerText(heading, (panel, f"Scrutiny Monitoring – {fmt.long_date(meeting)}"), table)


# ---------------------------------------------------------------------------------- glossary


def glossary_text(glossary: Glossary, heading: str) -> GlossaryText:
    acronyms = None
    if glossary.acronyms:
        acronyms = TableText(("Acronym", "Meaning"),
                             tuple((Cell(a.abbreviation), Cell(a.expansion))
                                   for a in glossary.acronyms),
                             f"{len(glossary.acronyms)} acronyms and what they stand for.")
    terms = tuple((t.term, tuple(_definition(p.paragraph, p.bullets, p.numbered)
                                 for p in t.definition)) for t in glossary.terms)
    sources = tuple(" ".join(x for x in (f"{s.title}:" if s.url or s.note else s.title, s.url,
                                          f"- {s.note}" if s.note else None) if x)
                    for s in glossary.sources)
    return GlossaryText(heading, acronyms, terms, sources)


def _definition(paragraph: str | None, bullets: tuple[str, ...],
                numbered: tuple[str, ...]) -> DefinitionText:
    if paragraph is not None:
        return DefinitionText("paragraph", (paragraph,))
    if bullets:
        return DefinitionText("bullets", bullets)
    return DefinitionText("numbered", tuple(f"{n}.\t{t}" for n, t in enumerate(numbered, 1)))
