"""The computed dataset as rows, and as the CSV and XLSX files analysts open."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from builder.compute.model import ReportModel
from builder.compute.periods import Month
from builder.errors import ConfigError
from builder.pipeline.data import DataInputs, build_model
from builder.present.dataset import FIXED_COLUMNS, DatasetTable, dataset_table
from builder.render.dataset_file import write_dataset
from tests.conftest import CONFIG

ISSUE_COLUMNS = (  # issue 2, deliverable 4: "named exactly so", in this order
    "key", "ref", "title", "theme", "unit", "polarity", "value", "previous", "year_ago",
    "pct_change_prev", "pct_change_prev_display", "arrow_prev", "pct_change_year",
    "pct_change_year_display", "arrow_year", "avg_12m", "max_12m", "target", "rag",
    "direction_of_travel")
MONTHS = tuple(f"{y}-{m:02d}" for y, m in [(2022, 10), (2022, 11), (2022, 12)]
               + [(2023, m) for m in range(1, 11)])
BENCHMARKS = ("benchmark_soton_21_22", "benchmark_statistical_neighbours",
              "benchmark_south_east", "benchmark_england")


@pytest.fixture(scope="module")
def model() -> ReportModel:
    return build_model(DataInputs(CONFIG / "indicators.yaml",
                                  (CONFIG / "values" / "b4b-2023-10.csv",)), Month(2023, 10))


@pytest.fixture(scope="module")
def table(model: ReportModel) -> DatasetTable:
    return dataset_table(model)


def row(table: DatasetTable, key: str) -> dict[str, object]:
    [found] = [dict(zip(table.columns, r, strict=True)) for r in table.rows if r[0] == key]
    return found


class DescribeDatasetTable:
    def it_has_the_issues_columns_then_13_months_then_benchmarks(self, table: DatasetTable
                                                                 ) -> None:
        assert FIXED_COLUMNS == ISSUE_COLUMNS
        assert table.columns == ISSUE_COLUMNS + MONTHS + BENCHMARKS + (
            "frequency", "period", "outturn")

    def it_has_one_row_per_indicator_in_catalogue_order(self, table: DatasetTable,
                                                        model: ReportModel) -> None:
        assert [r[0] for r in table.rows] == [i.key for i in model.catalogue.indicators]

    def it_keeps_numbers_unrounded_and_formats_only_the_display_columns(
            self, table: DatasetTable) -> None:
        contacts = row(table, "contacts")
        assert contacts["value"] == 1922.0
        assert contacts["previous"] == 1532.0
        assert contacts["year_ago"] == 1488.0
        assert contacts["pct_change_prev"] == pytest.approx(25.45691906005222)
        assert contacts["pct_change_prev_display"] == "25%"
        assert contacts["arrow_prev"] == "↑"
        assert contacts["pct_change_year_display"] == "29%"
        assert contacts["max_12m"] == 2023.0
        assert contacts["target"] is None
        assert contacts["rag"] == ""
        assert contacts["direction_of_travel"] == "worse"
        assert contacts["2023-10"] == 1922.0 and contacts["2022-10"] == 1488.0
        conversion = row(table, "s47_conversion")
        assert conversion["value"] == pytest.approx(130 / 145 * 100)
        assert conversion["direction_of_travel"] == "up"

    def it_leaves_missing_values_empty_and_shows_na_for_impossible_changes(
            self, table: DatasetTable) -> None:
        stepped = row(table, "caseload_per_caseholder")      # "-" in Oct-22 and Nov-22
        assert stepped["2022-10"] is None and stepped["year_ago"] is None
        assert stepped["pct_change_year"] is None
        assert stepped["pct_change_year_display"] == "n/a"
        assert stepped["arrow_year"] == "-"

    def it_lists_rag_and_benchmarks(self, table: DatasetTable) -> None:
        rate = row(table, "children_in_care_rate")
        assert rate["rag"] == "Amber"
        assert [rate[b] for b in BENCHMARKS] == [96.0, 100.0, 53.0, 67.0]
        assert row(table, "referrals")["rag"] == "Red"

    def it_groups_rows_by_theme_with_shared_indicators(self, table: DatasetTable) -> None:
        titles = [t[1] for t in table.themes]
        assert titles[0] == "Right support at the right time"
        right = [table.rows[i][0] for i in table.themes[0][2]]
        assert right[-2:] == ["children_in_care", "children_in_care_rate"]   # also_in
        assert len(table.themes) == 6

    def it_gives_each_row_an_excel_number_format_for_its_unit(self, table: DatasetTable
                                                              ) -> None:
        keys = [r[0] for r in table.rows]
        assert table.value_formats[keys.index("contacts")] == "#,##0"
        assert table.value_formats[keys.index("re_referrals")] == '#,##0"%"'
        assert table.value_formats[keys.index("caseload_per_caseholder")] == "#,##0.00"


class DescribeCsvFile:
    def it_writes_the_header_and_unrounded_numbers(self, table: DatasetTable,
                                                   tmp_path: Path) -> None:
        path = tmp_path / "dataset.csv"
        write_dataset(table, path)
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert tuple(rows[0]) == table.columns
        assert len(rows) == 1 + len(table.rows)
        data = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
        assert data["contacts"]["value"] == "1922"
        assert data["contacts"]["pct_change_prev"] == "25.45691906005222"
        assert data["contacts"]["target"] == ""
        assert data["s47_conversion"]["value"] == "89.65517241379311"
        assert data["caseload_per_caseholder"]["2022-10"] == ""
        assert data["caseload_per_caseholder"]["pct_change_year_display"] == "n/a"
        assert data["children_in_care_rate"]["benchmark_england"] == "67"


@pytest.fixture(scope="module")
def book_path(table: DatasetTable, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "dataset.xlsx"
    write_dataset(table, path)
    return path


class DescribeXlsxFile:
    def it_has_a_sheet_per_theme_with_a_frozen_bold_header(self, book_path: Path,
                                                           table: DatasetTable) -> None:
        book = load_workbook(book_path)
        try:
            assert book.sheetnames == [
                "Right support at the right time", "Strong, safe & vibrant localiti",
                "Children remain within or retur", "Promote permanence and placemen",
                "Permanent, stable workforce", "Embedding Practice Framework an", "values"]
            for sheet, (_key, _title, indexes) in zip(book.worksheets[:-1], table.themes,
                                                       strict=True):
                assert sheet.freeze_panes == "A2"
                header = [c.value for c in sheet[1]]
                assert tuple(header) == table.columns
                assert all(c.font.b for c in sheet[1])
                assert sheet.max_row == 1 + len(indexes)
            assert book.properties.language == "en-GB"
            assert book.properties.title == "Computed performance dataset – October 2023"
            assert book.properties.created == dt.datetime(2023, 10, 31)
        finally:
            book.close()

    def it_stores_numbers_as_numbers_with_number_formats(self, book_path: Path,
                                                         table: DatasetTable) -> None:
        book = load_workbook(book_path)
        try:
            sheet = book["Right support at the right time"]
            header = [c.value for c in sheet[1]]
            cells = {r[0].value: dict(zip(header, r, strict=True))
                     for r in sheet.iter_rows(min_row=2)}
            contacts = cells["contacts"]
            assert contacts["value"].value == 1922 and contacts["value"].data_type == "n"
            assert contacts["value"].number_format == "#,##0"
            assert contacts["2022-10"].value == 1488
            assert contacts["pct_change_prev"].value == pytest.approx(25.45691906005222)
            assert contacts["pct_change_prev"].number_format == '0"%";-0"%"'
            assert contacts["pct_change_prev_display"].value == "25%"
            assert contacts["arrow_prev"].value == "↑"
            assert contacts["target"].value is None
            rate = cells["children_in_care_rate"]
            assert rate["rag"].value == "Amber"
            assert rate["benchmark_england"].value == 67
            assert rate["value"].number_format == "#,##0"
            percent = book["Strong, safe & vibrant localiti"]
            re_referrals = dict(zip(header, next(percent.iter_rows(min_row=2)), strict=True))
            assert re_referrals["value"].value == 21
            assert re_referrals["value"].number_format == '#,##0"%"'
        finally:
            book.close()

    def it_never_turns_text_into_a_formula(self, tmp_path: Path) -> None:
        table = DatasetTable(("key", "title", "value"), (("a", "=HYPERLINK(\"x\")", 1.0),),
                             (("t", "T", (0,)),), ("#,##0",))
        path = tmp_path / "safe.xlsx"
        write_dataset(table, path)
        book = load_workbook(path)
        try:
            cell = book.active["B2"]
            assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")
        finally:
            book.close()

    def it_names_sheets_uniquely_within_excels_rules(self, tmp_path: Path) -> None:
        table = DatasetTable(("key",), (("a",), ("b",)),
                             (("t1", "Visits / supervision [all]", (0,)),
                              ("t2", "Visits / supervision [all]", (1,))), ("#,##0", "#,##0"))
        path = tmp_path / "names.xlsx"
        write_dataset(table, path)
        book = load_workbook(path)
        try:
            assert book.sheetnames == ["Visits - supervision -all-",
                                       "Visits - supervision -all- (2)"]
        finally:
            book.close()


class DescribeOutputPath:
    def it_refuses_an_extension_it_cannot_write(self, table: DatasetTable, tmp_path: Path
                                                ) -> None:
        with pytest.raises(ConfigError) as caught:
            write_dataset(table, tmp_path / "dataset.ods")
        assert caught.value.message == (
            f"{tmp_path / 'dataset.ods'}: cannot write a dataset as '.ods'")
        assert caught.value.hint == "Use an --out file ending in .csv or .xlsx."
        assert not (tmp_path / "dataset.ods").exists()
