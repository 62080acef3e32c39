"""The computed dataset as rows: the ``builder indicators`` output and appendix source."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.compute.model import IndicatorFigures, ReportModel
from builder.present import formatting as fmt
from builder.present.dataset_inputs import InputTable, input_table
from builder.present.revisions import revision_facts

Cell = float | str | None

FIXED_COLUMNS = (
    "key", "ref", "title", "theme", "unit", "polarity", "value", "previous", "year_ago",
    "pct_change_prev", "pct_change_prev_display", "arrow_prev", "pct_change_year",
    "pct_change_year_display", "arrow_year", "avg_12m", "max_12m", "target", "rag",
    "direction_of_travel",
)
REVISION_COLUMNS = ("indicator", "period", "old", "new", "source", "note")
PERIOD_COLUMNS = ("frequency", "period", "outturn")
"""After the benchmarks: how often the indicator reports, the period its value is for (Oct-23, or
Q2 2023/24 for a quarterly one) and the previous financial year's outturn (issue 9)."""
NUMERIC_COLUMNS = frozenset({
    "value", "previous", "year_ago", "pct_change_prev", "pct_change_year", "avg_12m", "max_12m",
    "target", "outturn",
})


@dataclass(frozen=True)
class DatasetTable:
    """Header and rows of the computed dataset; numbers unrounded, display columns as text."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    themes: tuple[tuple[str, str, tuple[int, ...]], ...]
    """(theme key, theme title, indexes of its rows) in display order."""
    value_formats: tuple[str, ...]
    """Excel number format for each row's value-like cells (unit and decimals of the indicator)."""
    title: str = "Computed performance dataset"
    """The workbook's title (core properties)."""
    as_of: dt.date | None = None
    """Last day of the period: the workbook's creation date, so that the same data gives the
    same workbook properties."""
    revisions: tuple[tuple[str, ...], ...] = ()
    """A row per value a later values file revised: ``REVISION_COLUMNS``."""
    inputs: InputTable | None = None
    """The values it was computed from, in the wide input form (the workbook's values sheet)."""

    @staticmethod
    def is_numeric(column: str) -> bool:
        return column in NUMERIC_COLUMNS or column[:4].isdigit() or column.startswith("benchmark_")

    @staticmethod
    def is_change(column: str) -> bool:
        return column in ("pct_change_prev", "pct_change_year")


def dataset_table(model: ReportModel) -> DatasetTable:
    """One row per indicator in catalogue order, 13 month columns, benchmarks, then the
    indicator's frequency, own period and outturn."""
    cat = model.catalogue
    month_cols = tuple(m.iso() for m in model.months)
    bench_cols = tuple(f"benchmark_{name}" for name in cat.benchmarks)
    columns = FIXED_COLUMNS + month_cols + bench_cols + PERIOD_COLUMNS
    rows = tuple(_row(model[i.key], cat.benchmarks) for i in cat.indicators)
    position = {i.key: n for n, i in enumerate(cat.indicators)}
    themes = tuple((t.theme.key, t.theme.title, tuple(position[f.key] for f in t.indicators))
                   for t in model.themes)
    formats = tuple(fmt.excel_number_format(i.unit, i.decimals) for i in cat.indicators)
    period = model.period
    revisions = tuple(tuple(r[c] for c in ("indicator", "period", "old", "new", "source", "text"))
                      for r in revision_facts(model))
    return DatasetTable(columns, rows, themes, formats,
                        f"Computed performance dataset – {period.last_day():%B %Y}",
                        period.last_day(), revisions, input_table(model))


def _row(fig: IndicatorFigures, benchmark_names: dict[str, str]) -> tuple[Cell, ...]:
    ind = fig.indicator
    return (
        ind.key, ind.ref or "", ind.title, ind.theme, ind.unit, ind.polarity,
        fig.value, fig.previous.base, fig.year_ago.base,
        fig.previous.pct, fmt.pct_change(fig.previous.pct), fmt.arrow(fig.previous.arrow),
        fig.year_ago.pct, fmt.pct_change(fig.year_ago.pct), fmt.arrow(fig.year_ago.arrow),
        fig.avg_12m, fig.max_12m, fig.target, fmt.rag_label(fig.rag), fmt.direction(fig.direction),
        *(p.value for p in fig.window),
        *(ind.benchmarks.get(name) for name in benchmark_names),
        ind.frequency, fig.period.label() if fig.period else "",
        fig.outturn.value if fig.outturn else None,
    )
