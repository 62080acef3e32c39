"""CSV output cannot carry a spreadsheet formula from the catalogue (issue 15, OWASP)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from builder.compute.periods import Month
from builder.pipeline.data import DataInputs, build_model
from builder.present.dataset import DatasetTable, dataset_table
from builder.render.dataset_file import write_dataset
from tests.conftest import CONFIG

HOSTILE = ["=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)",
           "\tTab", "\rCR"]


@pytest.fixture(scope="module")
def table() -> DatasetTable:
    inputs = DataInputs(CONFIG / "indicators.yaml", (CONFIG / "values" / "b4b-2023-10.csv",))
    return dataset_table(build_model(inputs, Month(2023, 10)))


def hostile_table(table: DatasetTable) -> DatasetTable:
    ref, title = table.columns.index("ref"), table.columns.index("title")
    rows = [list(row) for row in table.rows]
    for n, text in enumerate(HOSTILE):
        rows[n][ref] = rows[n][title] = text
    return DatasetTable(**{**table.__dict__, "rows": tuple(map(tuple, rows))})


class DescribeCsvFormulaInjection:
    @pytest.fixture
    def rows(self, table: DatasetTable, tmp_path: Path) -> list[dict[str, str]]:
        path = tmp_path / "x.csv"
        write_dataset(hostile_table(table), path)
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def it_prefixes_text_that_starts_like_a_formula(self, rows: list[dict[str, str]]) -> None:
        assert [r["title"] for r in rows[:len(HOSTILE)]] == [f"'{h}" for h in HOSTILE]
        assert [r["ref"] for r in rows[:len(HOSTILE)]] == [f"'{h}" for h in HOSTILE]
        assert not any(r["title"].startswith("'") for r in rows[len(HOSTILE):])

    def it_keeps_numbers_and_numbers_shown_as_text(self, rows: list[dict[str, str]]) -> None:
        changes = [r["pct_change_prev"] for r in rows] + [r["pct_change_prev_display"]
                                                          for r in rows]
        assert any(c.startswith("-") for c in changes)
        for change in filter(None, changes):
            float(change.rstrip("%"))  # a number, not a quoted text

    def it_leaves_the_xlsx_cells_as_the_text_itself(self, table: DatasetTable,
                                                    tmp_path: Path) -> None:
        write_dataset(hostile_table(table), tmp_path / "x.xlsx")
        book = load_workbook(tmp_path / "x.xlsx")
        titles = {c.value: c.data_type for sheet in book.worksheets for c in sheet["C"]}
        assert {text: titles.get(text) for text in HOSTILE} == dict.fromkeys(HOSTILE, "s")
