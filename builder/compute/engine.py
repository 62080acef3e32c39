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
from builder.compute.periods import Month, months_ending
from builder.config.catalogue import Catalogue, Indicator
from builder.data.readers import Values

WINDOW = 13
OUTLIER_SIGMAS = 4.0
OUTLIER_MIN_HISTORY = 6
SHIFT_MIN_MATCHES = 10

Series = tuple[Point, ...]
"""One indicator's points for every month of the span, oldest first (position = month offset)."""


def compute(catalogue: Catalogue, values: Values, period: Month,
            commentary: Mapping[str, Commentary] | None = None) -> ReportModel:
    """Compute every indicator at ``period`` on unrounded values; formulas month by month."""
    commentary = commentary or {}
    first_data = min((m for m in values.months() if m <= period), default=period)
    span = tuple(Month.from_index(i) for i in range(
        min(first_data, period.shift(-WINDOW + 1)).index, period.index + 1))
    series = _resolve_series(catalogue, values, span)
    figures = {ind.key: _figures(ind, series[ind.key], commentary.get(ind.key))
               for ind in catalogue.indicators}
    themes = tuple(
        ThemeFigures(theme, tuple(figures[i.key] for i in catalogue.indicators
                                  if i.theme == theme.key or theme.key in i.also_in))
        for theme in catalogue.themes
    )
    warnings = tuple(_check(catalogue, series, figures, period))
    return ReportModel(period, catalogue, MappingProxyType(figures), themes, warnings,
                       values.revisions)


def _resolve_series(catalogue: Catalogue, values: Values, span: tuple[Month, ...]
                    ) -> dict[str, Series]:
    """Typed-in series first, then derived percentages and rates from them, all over ``span``."""
    start, size = span[0].index, len(span)
    series: dict[str, Series] = {}
    for ind in catalogue.indicators:
        if ind.computed:
            continue
        points = [Point(m, None) for m in span]
        for month, obs in values.series.get(ind.key, {}).items():
            if 0 <= (at := month.index - start) < size:
                points[at] = Point(month, obs.value, obs.reason)
        series[ind.key] = tuple(points)
    for ind in catalogue.indicators:
        if ind.derived:
            top, bottom = series[ind.derived.numerator], series[ind.derived.denominator]
            series[ind.key] = tuple(
                Point(m, calc.ratio(t.value, b.value, ind.derived.scale))
                for m, t, b in zip(span, top, bottom, strict=True))
        elif ind.rate:
            counts = [p.value for p in series[ind.rate.of]]
            population = catalogue.populations[ind.rate.population]
            months = ind.rate.rolling_months
            series[ind.key] = tuple(
                Point(m, calc.rate(counts[n + 1 - months:n + 1] if n + 1 >= months else [],
                                   population, ind.rate.per))
                for n, m in enumerate(span))
    return series


def _figures(ind: Indicator, history: Series, note: Commentary | None) -> IndicatorFigures:
    window = history[-WINDOW:]
    value = window[-1].value
    prev_base, year_base = window[-2].value, window[0].value
    prev_pct, year_pct = calc.pct_change(value, prev_base), calc.pct_change(value, year_base)
    last12 = [p.value for p in window[1:]]
    return IndicatorFigures(
        indicator=ind,
        window=window,
        history=history,
        value=value,
        previous=Change(prev_base, prev_pct, calc.arrow(prev_pct)),
        year_ago=Change(year_base, year_pct, calc.arrow(year_pct)),
        avg_12m=calc.average(last12),
        max_12m=calc.maximum(last12),
        rag=calc.rag(value, ind.target, ind.polarity, ind.amber_tolerance),
        direction=calc.direction_of_travel(value, prev_base, ind.polarity),
        commentary=note,
    )


def _check(catalogue: Catalogue, series: dict[str, Series], figures: dict[str, IndicatorFigures],
           period: Month) -> list[Finding]:
    found: list[Finding] = []
    for ind in catalogue.indicators:
        fig = figures[ind.key]
        if ind.target is not None and ind.polarity == "neutral":
            found.append(Finding("target-on-neutral", ind.key,
                                 "has a target but neutral polarity, so no RAG can be given; "
                                 "set polarity or remove the target"))
        if fig.commentary and fig.commentary.period < period:
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
    keys = [ind.key for ind in catalogue.indicators]
    months = months_ending(period, WINDOW)
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
