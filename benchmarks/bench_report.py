"""Committee reports: the sample meeting's four reports, the dataset appendix table, charts.

Also checks that building the reports never calls python-docx ``Table.cell()`` (quadratic when
looped over a table): the count is printed in the notes and must be 0.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from docx.table import Table

from benchmarks.timing import Figure, measure
from builder.config.templates import DEFAULTS
from builder.pipeline.checked import check_meeting
from builder.pipeline.reports import build_reports
from builder.present.report_appendices import DatasetText, TableText, dataset_text
from builder.render import charts
from builder.render.word_common import CoreProperties
from builder.render.word_dataset import render_dataset

TEMPLATE = DEFAULTS.report

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "config" / "meetings" / "2023-11-23.yaml"
CORE = CoreProperties("Benchmark", "builder", dt.datetime(2023, 11, 15))


@contextmanager
def counting_table_cell() -> Iterator[list[int]]:
    """Count calls of ``Table.cell`` while the block runs."""
    calls = [0]
    original = Table.cell

    def counted(self: Table, row_idx: int, col_idx: int) -> object:
        calls[0] += 1
        return original(self, row_idx, col_idx)

    Table.cell = counted  # type: ignore[method-assign,assignment]
    try:
        yield calls
    finally:
        Table.cell = original  # type: ignore[method-assign]


def one_table(text: DatasetText, rows: int) -> DatasetText:
    """The dataset appendix reduced to one theme table of ``rows`` indicators, no charts."""
    all_rows = tuple(r for theme in text.themes for r in theme.table.rows)
    while len(all_rows) < rows:
        all_rows += all_rows
    first = text.themes[0]
    table = TableText(first.table.header, all_rows[:rows], first.table.description)
    return dataclasses.replace(text, themes=(dataclasses.replace(first, table=table, charts=(),
                                                                 commentary=()),))


def run() -> list[Figure]:
    checked = check_meeting(SAMPLE)
    inputs, model = checked.inputs, checked.model
    assert model is not None
    text = dataset_text(model, "Appendix 1: Summary of performance and commentary")
    specs = [s for theme in text.themes for s in theme.charts]
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        with counting_table_cell() as calls:
            figures.append(measure("sample meeting: 4 reports + appendices (64 charts), model "
                                   "given", lambda: build_reports(inputs, out / "a", model),
                                   runs=3, note="incl. drawing the charts"))
        figures.append(measure("sample meeting: 4 reports, checking and computing too",
                               lambda: build_reports(inputs, out / "b",
                                                     check_meeting(SAMPLE).model), runs=3))
        for rows in (45, 64):
            small = one_table(text, rows)
            figures.append(measure(f"dataset appendix: one {rows} x 25 table, no charts",
                                   partial(render_dataset, TEMPLATE, small, {}, CORE,
                                           out / "t.docx"),
                                   runs=5, note="XML rows; incl. open template + save"))
        full = dataclasses.replace(text, themes=tuple(dataclasses.replace(t, charts=())
                                                      for t in text.themes))
        figures.append(measure("dataset appendix: 6 theme tables (67 rows), no charts",
                               lambda: render_dataset(TEMPLATE, full, {}, CORE, out / "f.docx"),
                               runs=5))
        runs = iter(range(100))
        for label, pool_from in (("pool of 2 processes", 1), ("serial", 10**6)):
            charts.POOL_FROM = pool_from
            figures.append(measure(
                f"{len(specs)} trend charts, {label}",
                lambda: charts.draw_charts(specs, out / f"charts-{next(runs)}"), runs=3,
                note="a fresh folder each run (no cache)"))
        charts.POOL_FROM = 8
    figures.append(Figure("Table.cell() calls while building the 4 reports", float(calls[0]),
                          note="must be 0"))
    return figures
