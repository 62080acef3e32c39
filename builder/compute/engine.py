"""Build the ``ReportModel`` for a period from the catalogue, the values and commentary."""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

import numpy as np

from builder.compute import calculus as calc
from builder.compute.model import (
    Change,
    Commentary,
    Finding,
    IndicatorFigures,
    Point,
    ReportModel,
    ThemeFigures,
)
from builder.compute.periods import (
    FREQUENCIES,
    Frequency,
    Month,
    Period,
    months_ending,
    periods_per_year,
)
from builder.config.catalogue import Catalogue, Indicator
from builder.data.readers import Values

WINDOW = 13
OUTLIER_SIGMAS = 4.0
OUTLIER_MIN_HISTORY = 6
SHIFT_MIN_MATCHES = 10

Series = tuple[Point, ...]
"""One indicator's points for every period of its frequency's span, oldest first."""


def compute(catalogue: Catalogue, values: Values, period: Period,
            commentary: Mapping[str, Commentary] | None = None) -> ReportModel:
    """Compute every indicator at ``period`` on unrounded values, each in its own periods (months,
    quarters or years ending in or before ``period``); formulas period by period."""
    commentary = commentary or {}
    spans = {f: _span(values, Period.latest(f, period), f) for f in FREQUENCIES}
    own = _resolve_series(catalogue, values, {i.key: spans[i.frequency] for i in
                                              catalogue.indicators})
    years = _resolve_series(catalogue, values, {i.key: spans["annual"] for i in
                                                catalogue.indicators})
    months = months_ending(period.end, WINDOW)
    outturn_year = Period.financial_year(period.fy_start - 1)
    figures = {ind.key: _figures(ind, own[ind.key], months, period, commentary.get(ind.key),
                                 _at(years[ind.key], outturn_year))
               for ind in catalogue.indicators}
    themes = tuple(
        ThemeFigures(theme, tuple(figures[i.key] for i in catalogue.indicators
                                  if i.theme == theme.key or theme.key in i.also_in))
        for theme in catalogue.themes
    )
    warnings = (*(Finding("values", None, str(w)) for w in values.warnings),
                *_check(catalogue, own, figures, period))
    return ReportModel(period, catalogue, MappingProxyType(figures), themes, warnings,
                       values.revisions, values)


def _span(values: Values, end: Period, frequency: Frequency) -> tuple[Period, ...]:
    """The periods of ``frequency`` from the first with data (at least a year before ``end``)
    up to ``end``."""
    first = min((p for p in values.months() if p.frequency == frequency and p <= end),
                default=end)
    start = min(first, end.shift(-periods_per_year(frequency)))
    return months_ending(end, (end.index - start.index) // end.months + 1)


def _at(series: Series, period: Period) -> Point | None:
    found = [p for p in series if p.month == period]
    return found[0] if found else None


def _resolve_series(catalogue: Catalogue, values: Values,
                    spans: Mapping[str, tuple[Period, ...]]) -> dict[str, Series]:
    """Typed-in series first, then derived percentages and rates from them (whose inputs share
    their frequency), each over its span."""
    series: dict[str, Series] = {}
    for ind in catalogue.indicators:
        if ind.computed:
            continue
        span = spans[ind.key]
        start, size, length = span[0].index, len(span), span[0].months
        points = [Point(m, None) for m in span]
        for month, obs in values.series.get(ind.key, {}).items():
            if month.months == length and 0 <= (at := (month.index - start) // length) < size:
                points[at] = Point(month, obs.value, obs.reason)
        series[ind.key] = tuple(points)
    for ind in catalogue.indicators:
        span = spans[ind.key]
        if ind.derived:
            top, bottom = series[ind.derived.numerator], series[ind.derived.denominator]
            series[ind.key] = tuple(
                Point(m, calc.ratio(t.value, b.value, ind.derived.scale))
                for m, t, b in zip(span, top, bottom, strict=True))
        elif ind.rate:
            counts = [p.value for p in series[ind.rate.of]]
            population = catalogue.populations[ind.rate.population]
            count = max(1, ind.rate.rolling_months // span[0].months)
            series[ind.key] = tuple(
                Point(m, calc.rate(counts[n + 1 - count:n + 1] if n + 1 >= count else [],
                                   population, ind.rate.per))
                for n, m in enumerate(span))
    return series


def _figures(ind: Indicator, history: Series, months: tuple[Month, ...], report: Period,
             note: Commentary | None, outturn: Point | None) -> IndicatorFigures:
    steps = periods_per_year(ind.frequency)
    periods = history[-(steps + 1):]
    value = periods[-1].value
    prev_base, year_base = periods[-2].value, periods[0].value
    prev_pct, year_pct = calc.pct_change(value, prev_base), calc.pct_change(value, year_base)
    last_year = [p.value for p in periods[1:]]
    target, reason = ind.target_for(report)
    rag_target = target if ind.target_scope == "period" else None
    return IndicatorFigures(
        indicator=ind,
        window=_month_window(history, months),
        history=history,
        value=value,
        previous=Change(prev_base, prev_pct, calc.arrow(prev_pct)),
        year_ago=Change(year_base, year_pct, calc.arrow(year_pct)),
        avg_12m=calc.average(last_year),
        max_12m=calc.maximum(last_year),
        rag=calc.rag(value, rag_target, ind.polarity, ind.amber_tolerance),
        direction=calc.direction_of_travel(value, prev_base, ind.polarity),
        commentary=note,
        period=periods[-1].month,
        periods=periods,
        averaged=len(calc.present_values(last_year)),
        outturn=outturn,
        target=target,
        target_reason=reason,
    )


def _month_window(history: Series, months: tuple[Month, ...]) -> tuple[Point, ...]:
    """The report's months; a quarterly or annual point sits in the month its period ends."""
    if history[-1].month.months == 1:
        return history[-len(months):]
    by_end = {p.month.end: p for p in history}
    return tuple(Point(m, by_end[m].value, by_end[m].reason) if m in by_end
                 else Point(m, None, None, reported=False) for m in months)


def _check(catalogue: Catalogue, series: dict[str, Series], figures: dict[str, IndicatorFigures],
           period: Month) -> list[Finding]:
    found: list[Finding] = []
    for ind in catalogue.indicators:
        fig = figures[ind.key]
        if (ind.target is not None and ind.polarity == "neutral"
                and ind.target_scope == "period"):
            found.append(Finding("target-on-neutral", ind.key,
                                 "has a target but neutral polarity, so no RAG can be given; "
                                 "set polarity or remove the target"))
        if fig.commentary and fig.commentary.period.end < (fig.period or period).end:
            found.append(Finding("stale-commentary", ind.key,
                                 f"commentary is for {fig.commentary.period.label()}, older than "
                                 f"the report period {period.label()}"))
        negative = [p.month.label() for p in fig.window if p.value is not None and p.value < 0]
        if ind.unit == "count" and negative:
            found.append(Finding("negative-count", ind.key, "is a count but is negative in "
                                 f"{', '.join(negative)}; check the values"))
        found.extend(_outlier(ind, fig))
    found.extend(_shifted_copies(catalogue, series, period))
    return found


def _outlier(ind: Indicator, fig: IndicatorFigures) -> list[Finding]:
    if fig.value is None:
        return []
    earlier = calc.present_values([p.value for p in fig.history[-25:-1]])
    if len(earlier) < OUTLIER_MIN_HISTORY:
        return []
    history = np.array(earlier)
    mean, spread = float(history.mean()), float(history.std())
    if spread == 0 or abs(fig.value - mean) <= OUTLIER_SIGMAS * spread:
        return []
    return [Finding("outlier", ind.key,
                    f"{fig.value:g} is far outside its history (mean {mean:.4g}, standard "
                    f"deviation {spread:.3g} over {len(earlier)} months); check the figure")]


def _shifted_copies(catalogue: Catalogue, series: dict[str, Series], period: Month
                    ) -> list[Finding]:
    """An indicator that, over the last 12 months, mostly repeats another one month late
    (spec C.4.1 rule 8: a row pasted one column late)."""
    keys = [ind.key for ind in catalogue.indicators if ind.frequency == "monthly"]
    if not keys:
        return []
    months = months_ending(period.end, WINDOW)
    grid = np.array([[_num(p) for p in series[k][-WINDOW:]] for k in keys], dtype=float)
    later, earlier = grid[:, 1:], grid[:, :-1]
    shifted = (later[:, None, :] == earlier[None, :, :]).sum(axis=2)
    aligned = (later[:, None, :] == later[None, :, :]).sum(axis=2)
    varied = np.array([len(set(row[~np.isnan(row)])) > 2 for row in later])
    suspects = (shifted >= SHIFT_MIN_MATCHES) & (aligned < SHIFT_MIN_MATCHES) & varied[None, :]
    np.fill_diagonal(suspects, False)
    found = []
    for i, j in zip(*np.nonzero(suspects), strict=True):
        found.append(Finding("shifted-series", keys[i],
                             f"{int(shifted[i, j])} of its last 12 months equal '{keys[j]}' one "
                             f"month earlier ({months[0].label()}..{months[-2].label()}); "
                             "a row may have been pasted one column late"))
    return found


def _num(point: Point) -> float:
    return math.nan if point.value is None else point.value
