"""The dataset appendix's columns as a layout names them (issue 9): each layout column becomes
one or more printed columns, each with its heading, its width class and the text of its cell for
an indicator. Numbers become text here, by the panel's rules (formatting.py)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass

from builder.compute.calculus import Arrow
from builder.compute.model import Change, IndicatorFigures, Point, ReportModel
from builder.compute.periods import Month, Period, fy_label
from builder.config.catalogue import Indicator
from builder.config.layout import Column, Layout
from builder.config.wording import fill
from builder.errors import ConfigError, Problem
from builder.present import formatting as fmt
from builder.present.cells import Cell, indicator_value, rag_cell

NOUNS = {"monthly": ("month", "months"), "quarterly": ("quarter", "quarters"),
         "annual": ("year", "years")}
WIDTH_CLASS = {
    "ref": "ref", "title": "title", "owner": "name", "reporter": "name", "outcome": "prose",
    "commentary": "prose", "change_previous": "change", "change_year": "change",
    "direction": "change", "polarity": "flag", "percent_flag": "flag", "rag": "rag",
    "commentary_source": "flag",
}
"""Width class of each column (render sizes columns by class); values otherwise."""


@dataclass(frozen=True)
class PrintedColumn:
    """One column as printed: its heading, width class and how to fill its cell."""

    heading: str
    kind: str
    cell: Callable[[IndicatorFigures], Cell]


def heading_values(model: ReportModel, layout: Layout) -> dict[str, str]:
    """What braces in headings and legend lines stand for at the model's report period."""
    period, end = model.period, model.period.end
    quarter = Period.latest("quarterly", period)
    return {
        "period": period.label(), "month": month_label(end, layout),
        "month_name": calendar.month_name[end.month],
        "previous_month": month_label(end.shift(-1), layout),
        "year_ago_month": month_label(end.shift(-12), layout),
        "quarter": quarter.short_label(), "previous_quarter": quarter.shift(-1).short_label(),
        "last_year": fy_label(period.fy_start - 1), "year": fy_label(period.fy_start),
    }


def month_label(month: Month, layout: Layout) -> str:
    """``Oct-23``, or ``Oct 15`` with the 2016 dataset's separator."""
    return month.label().replace("-", layout.month_separator)


def printed_columns(model: ReportModel, layout: Layout) -> tuple[PrintedColumn, ...]:
    """Every printed column of ``layout`` for ``model``; a ConfigError names a benchmark column
    the catalogue does not have."""
    values = heading_values(model, layout)
    names = model.catalogue.benchmarks
    unknown = [c.benchmark for c in layout.columns if c.show == "benchmark"
               and c.benchmark not in names]
    if unknown:
        raise ConfigError("the dataset layout names benchmarks the catalogue does not have",
                          [Problem("layout", "columns", f"unknown benchmark '{b}'",
                                   ", ".join(names) or "declare it in the catalogue")
                           for b in unknown])
    out: list[PrintedColumn] = []
    for column in layout.columns:
        out.extend(_expand(column, model, layout, values))
    return tuple(out)


def _expand(column: Column, model: ReportModel, layout: Layout, values: dict[str, str]
            ) -> list[PrintedColumn]:
    show, kind = column.show, WIDTH_CLASS.get(column.show, "value")
    if show == "months":
        months = tuple(model.period.end.shift(-n) for n in range(column.months - 1, -1, -1))
        return [PrintedColumn(month_label(m, layout), kind, _month_cell(m, column))
                for m in months]
    if show == "benchmarks":
        return [PrintedColumn(title, kind, _benchmark_cell(name, column))
                for name, title in model.catalogue.benchmarks.items()]
    if show == "benchmark":
        assert column.benchmark is not None
        title = column.heading or model.catalogue.benchmarks[column.benchmark]
        return [PrintedColumn(fill(title, values), kind, _benchmark_cell(column.benchmark,
                                                                         column))]
    if show == "target_year":
        start = model.period.fy_start + column.year
        year_values = {**values, "target_year": fy_label(start),
                       "target_year_short": fy_label(start, "short")}
        return [PrintedColumn(fill(column.heading or "", year_values), kind,
                              _target_year_cell(Period.financial_year(start), column))]
    return [PrintedColumn(fill(column.heading or "", values), kind,
                          _cell_of(show, column, model, layout))]


def _cell_of(show: str, column: Column, model: ReportModel, layout: Layout
             ) -> Callable[[IndicatorFigures], Cell]:
    text = _TEXT.get(show)
    if text is not None:
        return lambda fig: Cell(text(fig.indicator) or column.missing or "")
    if show in ("latest", "previous_value", "outturn"):
        return lambda fig: _point_cell(fig, _own_point(fig, show), column)
    if show in ("change_previous", "change_year"):
        return lambda fig: Cell(change_cell(fig, show, model.period, layout))
    if show in ("average", "maximum"):
        return lambda fig: Cell(_statistic(fig, show, layout, column))
    if show == "rag":
        return lambda fig: rag_cell(fig.rag, column.missing or "")
    if show == "target":
        return lambda fig: Cell(indicator_value(fig.indicator, fig.target, fig.target_reason,
                                                _missing(column)))
    return lambda fig: Cell(_MARKS[show](fig, layout) or column.missing or "")


_TEXT: dict[str, Callable[[Indicator], str | None]] = {
    "ref": lambda ind: ind.ref, "title": lambda ind: ind.title,
    "owner": lambda ind: ind.owner, "reporter": lambda ind: ind.reporter,
    "outcome": lambda ind: ind.outcome,
}
_MARKS: dict[str, Callable[[IndicatorFigures, Layout], str]] = {
    "polarity": lambda fig, layout: {"higher_is_better": layout.polarity_markers[0],
                                     "lower_is_better": layout.polarity_markers[1]}.get(
        fig.indicator.polarity, ""),
    "percent_flag": lambda fig, layout: layout.percent_flag[fig.indicator.unit != "percent"],
    "direction": lambda fig, layout: fmt.direction(fig.direction),
    "commentary": lambda fig, layout: fig.commentary.text if fig.commentary else "",
    "commentary_source": lambda fig, layout: (fig.commentary.source or "") if fig.commentary
    else "",
}


def _missing(column: Column) -> str:
    return fmt.MISSING if column.missing is None else column.missing


def _own_point(fig: IndicatorFigures, show: str) -> Point | None:
    if show == "outturn":
        return fig.outturn
    points = fig.periods or fig.window
    return points[-1] if show == "latest" else points[-2]


def _point_cell(fig: IndicatorFigures, point: Point | None, column: Column) -> Cell:
    if point is None:
        return Cell(_missing(column))
    return Cell(indicator_value(fig.indicator, point.value, point.reason, _missing(column)))


def _month_cell(month: Month, column: Column) -> Callable[[IndicatorFigures], Cell]:
    def cell(fig: IndicatorFigures) -> Cell:
        point = next((p for p in reversed(fig.history) if p.month.end == month), None)
        if point is None:
            monthly = fig.indicator.frequency == "monthly"
            return Cell(_missing(column) if monthly else "")
        return _point_cell(fig, point, column)

    return cell


def _benchmark_cell(name: str, column: Column) -> Callable[[IndicatorFigures], Cell]:
    missing = "" if column.missing is None else column.missing
    return lambda fig: Cell(indicator_value(fig.indicator, fig.indicator.benchmarks.get(name),
                                            missing=missing))


def _target_year_cell(year: Period, column: Column) -> Callable[[IndicatorFigures], Cell]:
    def cell(fig: IndicatorFigures) -> Cell:
        target, reason = fig.indicator.target_for(year)
        return Cell(indicator_value(fig.indicator, target, reason, _missing(column)))

    return cell


def arrow_glyph(arrow: Arrow, layout: Layout) -> str:
    return layout.similar_arrow if arrow is Arrow.SIMILAR else fmt.arrow(arrow)


def change_text(arrow: Arrow, pct: float | None, layout: Layout) -> str:
    """``↑ 25%``, ``⇒ -3%`` (or ``-3`` bare), or ``n/a`` when the change cannot be computed."""
    if pct is None:
        return fmt.NOT_APPLICABLE
    if layout.change_style == "bare":
        return fmt.pct_change(pct).removesuffix("%")
    return f"{arrow_glyph(arrow, layout)} {fmt.pct_change(pct)}"


def change_cell(fig: IndicatorFigures, show: str, report: Period, layout: Layout) -> str:
    """``↑ 25%`` (arrow style) or ``25`` (bare), ``n/a`` without a change; a change from a base
    other than the period the heading names says which period it is from."""
    change: Change = fig.previous if show == "change_previous" else fig.year_ago
    text = change_text(change.arrow, change.pct, layout)
    if fig.indicator.frequency != report.frequency and fig.periods and change.pct is not None:
        base = fig.periods[-2] if show == "change_previous" else fig.periods[0]
        text += " " + fill(layout.other_base, {"base": base.month.label()})
    return text


def _statistic(fig: IndicatorFigures, show: str, layout: Layout, column: Column) -> str:
    """The 12-month average or maximum; over fewer than 12 months, or over quarters or years,
    it says over how many."""
    value = fig.avg_12m if show == "average" else fig.max_12m
    text = indicator_value(fig.indicator, value, missing=_missing(column))
    frequency = fig.indicator.frequency
    full = fig.averaged == 12 and frequency == "monthly"
    if value is None or full or layout.partial_average is None:
        return text
    singular, plural = NOUNS[frequency]
    noun = singular if fig.averaged == 1 else plural
    return f"{text} " + fill(layout.partial_average, {"count": str(fig.averaged), "noun": noun})
