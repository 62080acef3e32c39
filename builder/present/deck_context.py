"""The board deck's typed context: every slide in order, every number already text.

``deck_context`` turns the computed model and the deck configuration into frozen slide
descriptions; the renderer (``builder.render.slides``) only places them in the template. Chart
series stay numbers (unrounded, format-spec D.4): PowerPoint rounds them in labels with the
series' number format.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from builder.compute.calculus import Rag
from builder.compute.model import Change, IndicatorFigures, ReportModel
from builder.compute.periods import Month
from builder.config.catalogue import Indicator
from builder.config.deck import Deck, Priority
from builder.config.wording import fill
from builder.present import formatting as fmt
from builder.present.cells import Cell, indicator_value, rag_cell
from builder.present.statements import (
    Statement,
    describe_rules,
    display_name,
    indicator_name,
    statements_for,
    suppressed,
)

LANGUAGE = "en-GB"
T = TypeVar("T")
# relative widths of the indicator table's columns: indicator, months, target, RAG, benchmarks
WIDTH_INDICATOR, WIDTH_VALUE, WIDTH_RAG = 3.3, 1.0, 1.1


@dataclass(frozen=True)
class Table:
    """A data table with one marked header row."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    """Relative column widths (the renderer scales them to the placeholder)."""
    alt_text: str


@dataclass(frozen=True)
class Series:
    """One line of a chart: its name and a value per category (``None`` = no point)."""

    name: str
    values: tuple[float | None, ...]
    is_target: bool = False


@dataclass(frozen=True)
class LineChart:
    """A native line chart of one indicator over the 13 months."""

    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    number_format: str
    """Excel number format of values and axis labels (``0"%"`` for percentages 0-100)."""
    alt_text: str


@dataclass(frozen=True)
class Block:
    """A heading and its paragraphs, in one placeholder."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class TitleSlide:
    title: str
    subtitle: str
    notes: str = ""


@dataclass(frozen=True)
class PrioritiesSlide:
    title: str
    purpose: str
    tagline: str
    priorities: tuple[str, ...]
    notes: str = ""


@dataclass(frozen=True)
class TableSlide:
    title: str
    table: Table
    notes: str = ""


@dataclass(frozen=True)
class ChartSlide:
    title: str
    charts: tuple[LineChart, ...]
    notes: str = ""


@dataclass(frozen=True)
class NarrativeSlide:
    title: str
    outcome: Block | None
    statements: Block
    commentary: Block | None
    notes: str = ""


@dataclass(frozen=True)
class BulletsSlide:
    title: str
    bullets: tuple[str, ...]
    notes: str = ""


@dataclass(frozen=True)
class ExceptionsSlide:
    title: str
    table: Table | None
    message: str
    """Shown instead of a table when no indicator is Red."""
    notes: str = ""


@dataclass(frozen=True)
class DataNotesSlide:
    title: str
    bullets: tuple[str, ...]
    notes: str = ""


Slide = (TitleSlide | PrioritiesSlide | TableSlide | ChartSlide | NarrativeSlide | BulletsSlide
         | ExceptionsSlide | DataNotesSlide)


@dataclass(frozen=True)
class DeckContext:
    """Everything the renderer needs, in slide order."""

    title: str
    """Core-property title."""
    subject: str
    language: str
    date: dt.datetime
    """Core-property created/modified date (fixed, so the same inputs give the same file)."""
    slides: tuple[Slide, ...]
    statements: Mapping[str, tuple[Statement, ...]]
    """Generated statements by priority theme key (also shown on the slides)."""


def deck_context(deck: Deck, model: ReportModel, data_files: Sequence[str] = ()) -> DeckContext:
    """The whole deck for ``model`` (computed at ``deck.period``) as typed slides."""
    period = model.period
    wording = deck.wording
    subtitle = deck.subtitle or fill(wording.subtitle, {"month": _month_year(period)})
    slides: list[Slide] = [TitleSlide(deck.title, subtitle), _priorities_slide(deck, model)]
    statements: dict[str, tuple[Statement, ...]] = {}
    for priority in deck.priorities:
        figs = _figures(model, priority.theme)
        said = statements_for(figs, period, deck.options.statements, deck.names,
                              deck.options.disclosure)
        statements[priority.theme] = said
        slides.extend(_priority_slides(deck, model, priority, figs, said))
    slides.extend(_exceptions_slides(deck, model))
    slides.append(_data_notes(deck, model, data_files))
    return DeckContext(
        title=f"{deck.title}: {subtitle}", subject=subtitle, language=LANGUAGE,
        date=dt.datetime.combine(deck.date or period.last_day(), dt.time()),
        slides=tuple(slides), statements=statements,
    )


def priority_title(deck: Deck, model: ReportModel, priority: Priority) -> str:
    return priority.title or model.catalogue.theme(priority.theme).title


def _figures(model: ReportModel, theme: str) -> tuple[IndicatorFigures, ...]:
    return next(t.indicators for t in model.themes if t.theme.key == theme)


def _priorities_slide(deck: Deck, model: ReportModel) -> PrioritiesSlide:
    statements = tuple(p.statement or model.catalogue.theme(p.theme).statement or ""
                       for p in deck.priorities)
    return PrioritiesSlide(deck.wording.priorities_title, deck.purpose, deck.tagline or "",
                           statements)


def _priority_slides(deck: Deck, model: ReportModel, priority: Priority,
                     figs: tuple[IndicatorFigures, ...], said: tuple[Statement, ...]
                     ) -> list[Slide]:
    title = priority_title(deck, model, priority)
    wording = deck.wording
    by_key = {s.key: s for s in said}
    out: list[Slide] = []
    parts = _balanced(figs, deck.options.max_table_rows)
    for n, part in enumerate(parts, 1):
        out.append(TableSlide(_numbered(deck, title, n, len(parts)),
                              _indicator_table(deck, model, title, part),
                              _notes(deck, part, by_key, model.period)))
    charted = _charted(priority, figs)
    pages = _filled(charted, deck.options.charts_per_slide)
    trends = fill(wording.trends_title, {"title": title})
    for n, page in enumerate(pages, 1):
        out.append(ChartSlide(_numbered(deck, trends, n, len(pages)),
                              tuple(_chart(deck, model, fig) for fig in page),
                              _notes(deck, page, by_key, model.period)))
    out.extend(_narrative_slides(deck, priority, title, said))
    out.extend(BulletsSlide(x.title, x.bullets) for x in priority.extra_slides)
    return out


def _charted(priority: Priority, figs: tuple[IndicatorFigures, ...]
             ) -> tuple[IndicatorFigures, ...]:
    """The configured charts, else every indicator with at least one value in the window."""
    if priority.charts is not None:
        by_key = {f.key: f for f in figs}
        return tuple(by_key[k] for k in priority.charts)
    return tuple(f for f in figs if any(p.value is not None for p in f.window))


def _indicator_table(deck: Deck, model: ReportModel, title: str,
                     figs: Sequence[IndicatorFigures]) -> Table:
    benches = model.catalogue.benchmarks
    months = model.months
    headings = deck.wording.headings
    header = (headings.indicator, *(m.label() for m in months), headings.target, headings.rag,
              *benches.values())
    rows = tuple(
        (Cell(fig.indicator.title),
         *(Cell(_value_text(fig.indicator, p.value, p.reason, deck)) for p in fig.window),
         Cell(_level(fig.indicator, fig.target)),
         rag_cell(fig.rag, fmt.MISSING),
         *(Cell(_level(fig.indicator, fig.indicator.benchmarks.get(b))) for b in benches))
        for fig in figs)
    widths = (WIDTH_INDICATOR, *(WIDTH_VALUE for _ in months), WIDTH_VALUE, WIDTH_RAG,
              *(WIDTH_VALUE for _ in benches))
    bench_text = f", and benchmarks ({', '.join(benches.values())})" if benches else ""
    alt = (f"Table: {title}. {len(rows)} indicator(s) by month, {months[0].label()} to "
           f"{months[-1].label()}, with target, RAG rating as text{bench_text}.")
    return Table(header, rows, widths, alt)


def _value_text(ind: Indicator, value: float | None, reason: str | None, deck: Deck) -> str:
    if suppressed(ind, value, deck.options.disclosure):
        return deck.wording.suppressed
    return indicator_value(ind, value, reason)


def _level(ind: Indicator, value: float | None) -> str:
    return fmt.number(value, ind.decimals, ind.unit)


def _chart(deck: Deck, model: ReportModel, fig: IndicatorFigures) -> LineChart:
    ind = fig.indicator
    values = tuple(None if suppressed(ind, p.value, deck.options.disclosure) else p.value
                   for p in fig.window)
    categories = tuple(m.label() for m in model.months)
    title = display_name(ind, deck.names)
    series = [Series(title, values)]
    if fig.target is not None and ind.target_scope == "period":  # a yearly total is no line
        series.append(Series(deck.wording.headings.target, tuple(fig.target for _ in values),
                             is_target=True))
    return LineChart(ind.key, title, categories, tuple(series),
                     fmt.excel_number_format(ind.unit, ind.decimals),
                     _alt_text(deck, fig, values, categories))


def _alt_text(deck: Deck, fig: IndicatorFigures, values: tuple[float | None, ...],
              categories: tuple[str, ...]) -> str:
    """'Line chart: contacts per month, Oct-22 to Oct-23, from 1,488 to 1,922; target 1,600;
    highest 2,023 (Mar-23), lowest 1,428 (Dec-22).'"""
    ind = fig.indicator
    name = indicator_name(ind, deck.names)
    if ind.unit == "percent":
        name = f"percentage of {name}"
    text = f"Line chart: {name} per month, {categories[0]} to {categories[-1]}"
    known = [(v, c) for v, c in zip(values, categories, strict=True) if v is not None]
    if not known:
        return text + ", no values to show."
    text += f", from {_level(ind, known[0][0])} to {_level(ind, known[-1][0])}"
    text += f"; target {_level(ind, fig.target)}" if fig.target is not None else "; no target"
    high = max(known, key=lambda vc: vc[0])
    low = min(known, key=lambda vc: vc[0])
    text += (f"; highest {_level(ind, high[0])} ({high[1]}), lowest {_level(ind, low[0])} "
             f"({low[1]})")
    missing = len(values) - len(known)
    if missing:
        text += f"; {missing} month(s) without a value shown"
    return text + "."


def _narrative_slides(deck: Deck, priority: Priority, title: str,
                      said: tuple[Statement, ...]) -> list[NarrativeSlide]:
    wording = deck.wording
    texts = tuple(s.text for s in said) or (wording.no_statements,)
    pages = _balanced(texts, deck.options.max_bullets)
    outcome = Block(priority.outcome_label, (priority.outcome,))
    commentary = Block(wording.commentary_heading, priority.narrative) \
        if priority.narrative else None
    notes = describe_rules(deck.options.statements, wording.rule)
    progress = fill(wording.progress_title, {"title": title})
    return [NarrativeSlide(_numbered(deck, progress, n, len(pages)),
                           outcome if n == 1 else None, Block(wording.statements_heading, page),
                           commentary if n == 1 else None,
                           "\n".join((*page, "", notes)))
            for n, page in enumerate(pages, 1)]


def _exceptions_slides(deck: Deck, model: ReportModel) -> list[ExceptionsSlide]:
    wording = deck.wording
    title = fill(wording.exceptions_title, {"month": _month_year(model.period)})
    seen: dict[str, tuple[str, IndicatorFigures]] = {}
    for priority in deck.priorities:
        for fig in _figures(model, priority.theme):
            if fig.rag is Rag.RED and fig.key not in seen:
                seen[fig.key] = (priority_title(deck, model, priority), fig)
    if not seen:
        return [ExceptionsSlide(title, None, wording.no_exceptions)]
    rows = list(seen.values())
    pages = _balanced(rows, deck.options.max_table_rows)
    period = model.period
    headings = wording.headings
    header = (headings.priority, headings.indicator, period.label(), headings.target,
              fill(headings.change_since, {"month": period.shift(-1).label()}),
              fill(headings.change_since, {"month": period.shift(-12).label()}), headings.rag)
    widths = (2.2, 4.2, 1.0, 1.0, 1.4, 1.4, 1.0)
    out = []
    for n, page in enumerate(pages, 1):
        cells = tuple(
            (Cell(ptitle), Cell(fig.indicator.title),
             Cell(_value_text(fig.indicator, fig.value, fig.latest.reason, deck)),
             Cell(_level(fig.indicator, fig.target)),
             Cell(_change(fig.previous)), Cell(_change(fig.year_ago)),
             rag_cell(fig.rag, fmt.MISSING))
            for ptitle, fig in page)
        alt = (f"Table: {len(cells)} indicator(s) rated Red in {period.label()}, with value, "
               f"target, change since last month and since last year, and RAG as text.")
        out.append(ExceptionsSlide(_numbered(deck, title, n, len(pages)),
                                   Table(header, cells, widths, alt), "",
                                   _notes(deck, [f for _, f in page], {}, period)))
    return out


def _change(change: Change) -> str:
    return f"{fmt.arrow(change.arrow)} {fmt.pct_change(change.pct)}"


def _data_notes(deck: Deck, model: ReportModel, data_files: Sequence[str]) -> DataNotesSlide:
    period, cat = model.period, model.catalogue
    months = model.months
    wording = deck.wording.data_notes
    bullets = [
        fill(wording.period, {"month": _month_year(period), "first_month": months[0].label(),
                              "last_month": months[-1].label()}),
        fill(wording.source, {"source": cat.source or wording.no_source}),
    ]
    if data_files:
        bullets.append(fill(wording.files, {"files": ", ".join(data_files)}))
    meanings = deck.wording.meanings
    bullets.append(fill(wording.rag, {r.name.lower(): _lowered(fmt.rag_meaning(r, meanings))
                                      for r in Rag}))
    if cat.benchmarks:
        bullets.append(fill(wording.benchmarks, {"benchmarks": ", ".join(cat.benchmarks.values())}))
    bullets.append(describe_rules(deck.options.statements, deck.wording.rule))
    disclosure = deck.options.disclosure
    if disclosure.enabled:
        bullets.append(fill(wording.disclosure, {"largest": str(disclosure.threshold - 1),
                                                 "mark": deck.wording.suppressed}))
    bullets.extend(deck.data_notes)  # the analysts' warnings stay in build-warnings.txt
    return DataNotesSlide(wording.title, tuple(bullets))


def _lowered(text: str) -> str:
    """A meaning inside a sentence: 'Target met' -> 'target met'."""
    return text[:1].lower() + text[1:]


def _notes(deck: Deck, figs: Sequence[IndicatorFigures], said: Mapping[str, Statement],
           period: Month) -> str:
    """Speaker notes: each indicator's commentary, else its generated statement."""
    lines = []
    for fig in figs:
        name = fig.indicator.title
        note = fig.commentary
        if note is not None:
            if note.period < period:
                name = fill(deck.wording.older_commentary, {"indicator": name,
                                                            "period": note.period.label()})
            lines.append(f"{name}: {note.text}")
        elif fig.key in said:
            lines.append(f"{name}: {said[fig.key].text}")
    return "\n".join(lines) or deck.wording.no_notes


def _balanced(items: Sequence[T], size: int) -> list[tuple[T, ...]]:
    """``items`` in as few pages of at most ``size`` as possible, of near-equal length."""
    if not items:
        return []
    pages = math.ceil(len(items) / size)
    short, longer = divmod(len(items), pages)  # the first ``longer`` pages get one more
    out, start = [], 0
    for k in range(pages):
        end = start + short + (1 if k < longer else 0)
        out.append(tuple(items[start:end]))
        start = end
    return out


def _filled(items: Sequence[T], size: int) -> list[tuple[T, ...]]:
    """``items`` in pages of ``size`` (the last may be shorter): charts fill the grid."""
    return [tuple(items[k:k + size]) for k in range(0, len(items), size)]


def _numbered(deck: Deck, title: str, n: int, total: int) -> str:
    return fill(deck.wording.numbered, {"title": title, "number": str(n), "count": str(total)}) \
        if total > 1 else title


def _month_year(month: Month) -> str:
    return f"{month.first_day():%B %Y}"
