"""Excel as analysts keep it: each habit read correctly, cell by cell, or refused naming the
sheet, the cell and the fix (issue 10). Workbooks are made here with openpyxl."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from pydantic import ValidationError

from builder.compute.engine import compute
from builder.compute.periods import Month
from builder.config.catalogue import Catalogue
from builder.config.values_source import ValuesSource
from builder.data.readers import Values, read_values
from builder.errors import DataError
from builder.pipeline.data import DataInputs, build_model
from builder.present.dataset import dataset_table
from builder.render.dataset_file import write_dataset
from tests.cli_support import run_cli
from tests.conftest import CONFIG

AUG, SEP, OCT = Month(2023, 8), Month(2023, 9), Month(2023, 10)

CATALOGUE = Catalogue.model_validate({
    "themes": [{"key": "right-support", "title": "Right support"}],
    "indicators": [
        {"key": "contacts", "ref": "M1", "title": "Number of contacts in the month",
         "theme": "right-support"},
        {"key": "referrals", "ref": "M2", "title": "Number of referrals",
         "theme": "right-support"},
        {"key": "re_referrals", "ref": "M2", "title": "Re-referrals within 12 months",
         "theme": "right-support", "unit": "percent", "target": 22},
        {"key": "timely_visits", "ref": "M4", "title": "Visits in timescale",
         "theme": "right-support", "unit": "percent"},
    ],
})


def workbook(path: Path, sheets: dict[str, list[list[Any]]], merges: dict[str, list[str]]
             | None = None, formats: dict[str, dict[str, str]] | None = None) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        for cells in (merges or {}).get(name, []):
            ws.merge_cells(cells)
        for ref, number_format in (formats or {}).get(name, {}).items():
            ws[ref].number_format = number_format
    book.save(path)
    return path


def series(values: Values, key: str) -> dict[Month, float | str | None]:
    return {m: o.value if o.value is not None else o.reason
            for m, o in values.series[key].items()}


def problems(sources: list[ValuesSource | Path]) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_values(sources, CATALOGUE)
    return [str(p) for p in caught.value.problems]


class DescribeValuesSource:
    def it_takes_a_plain_path_or_a_mapping_of_options(self) -> None:
        plain = ValuesSource.model_validate("values/a.csv")
        assert (plain.path, plain.sheet, plain.header_row, plain.columns, plain.match) == (
            "values/a.csv", None, None, (), "key")
        full = ValuesSource.model_validate({"path": "b.xlsx", "sheet": "Data", "header_row": 3,
                                            "columns": ["Helper"], "match": "title"})
        assert (full.sheet, full.header_row, full.columns, full.match) == (
            "Data", 3, ("Helper",), "title")
        assert full.at(Path("/abs/b.xlsx")).path == "/abs/b.xlsx"
        assert full.at(Path("/abs/b.xlsx")).match == "title"

    def it_refuses_a_typo_and_an_unknown_match(self) -> None:
        with pytest.raises(ValidationError, match="headr_row"):
            ValuesSource.model_validate({"path": "a.xlsx", "headr_row": 2})
        with pytest.raises(ValidationError, match="'key', 'ref' or 'title'"):
            ValuesSource.model_validate({"path": "a.xlsx", "match": "name"})


class DescribeHeaderRow:
    def it_skips_a_title_row_above_the_header(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "titled.xlsx", {"Data": [
            ["Children's services performance, October 2023"],
            [],
            ["indicator", "Aug-23", "Sep-23", "Oct-23"],
            ["contacts", 1471, 1532, 1922],
            ["referrals", 250, "TBC", 277]]})
        values = read_values([path], CATALOGUE)
        assert series(values, "contacts") == {AUG: 1471.0, SEP: 1532.0, OCT: 1922.0}
        assert series(values, "referrals") == {AUG: 250.0, SEP: "TBC", OCT: 277.0}
        assert values.get("referrals", OCT).source == "titled.xlsx: sheet 'Data', cell D5"  # type: ignore[union-attr]
        assert values.warnings == ()

    def it_reads_the_header_row_it_is_told(self, tmp_path: Path) -> None:
        # a first row of months (a print heading) would otherwise be taken as the header
        path = workbook(tmp_path / "told.xlsx", {"Data": [
            ["Printed", "Oct-23", "Nov-23"],
            ["indicator", "Sep-23", "Oct-23"],
            ["contacts", 1532, 1922]]})
        values = read_values([ValuesSource(path=str(path), header_row=2)], CATALOGUE)
        assert series(values, "contacts") == {SEP: 1532.0, OCT: 1922.0}

    def it_reads_a_merged_two_row_header_of_years_over_month_names(self, tmp_path: Path
                                                                  ) -> None:
        path = workbook(tmp_path / "merged.xlsx", {"Data": [
            ["Indicator", "2022", None, "2023", None, None],
            [None, "Nov", "Dec", "Jan", "Feb", "Mar"],
            ["contacts", 1, 2, 3, 4, 5]]}, merges={"Data": ["A1:A2", "B1:C1", "D1:F1"]})
        values = read_values([path], CATALOGUE)
        assert series(values, "contacts") == {
            Month(2022, 11): 1.0, Month(2022, 12): 2.0, Month(2023, 1): 3.0,
            Month(2023, 2): 4.0, Month(2023, 3): 5.0}

    def it_reads_financial_years_over_month_names_in_a_csv(self, tmp_path: Path) -> None:
        # a CSV exported from merged cells leaves the year only over the first month
        path = tmp_path / "fy.csv"
        path.write_text(",2022/23,,2023/24,\nindicator,Feb,Mar,Apr,May\n"
                        "contacts,10,11,12,13\n", encoding="utf-8")
        values = read_values([path], CATALOGUE)
        assert series(values, "contacts") == {
            Month(2023, 2): 10.0, Month(2023, 3): 11.0, Month(2023, 4): 12.0,
            Month(2023, 5): 13.0}

    def it_names_a_sheet_with_no_header_row(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "none.xlsx", {"Data": [["Just notes"], ["more notes"]]})
        assert problems([path]) == [
            f"{path}: sheet 'Data', cell A1: no header row: no row has an 'indicator' column "
            "or month headers (valid: a header 'indicator' (long: indicator,period,value[,note]; "
            "wide: indicator then one column per month), or header_row: N in the values entry)"]


class DescribeColumns:
    def it_reads_past_a_helper_column_with_one_warning(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "helper.xlsx", {
            "Data": [["indicator", "Sep-23", "Oct-23", "Check"],
                     ["contacts", 1532, 1922, "ok"], ["referrals", 267, 277, "ok"]],
            "More": [["indicator", "Aug-23", "Check"], ["contacts", 1471, "ok"]]})
        values = read_values([path], CATALOGUE)
        assert series(values, "contacts") == {AUG: 1471.0, SEP: 1532.0, OCT: 1922.0}
        assert series(values, "referrals") == {SEP: 267.0, OCT: 277.0}
        assert [str(w) for w in values.warnings] == [
            f"{path}: sheet 'Data', cell D1: column 'Check' ignored (valid: list it under "
            "columns: in the values entry to say so, or head it with a month such as Oct-23)"]

    def it_ignores_the_columns_it_is_told_without_a_warning(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "told.xlsx", {"Data": [
            ["indicator", "Sep-23", "Helper", "Oct-23"], ["contacts", 1532, 99, 1922]]})
        values = read_values([ValuesSource(path=str(path), columns=("helper",))], CATALOGUE)
        assert series(values, "contacts") == {SEP: 1532.0, OCT: 1922.0}
        assert values.warnings == ()

    def it_warns_of_a_column_to_ignore_that_is_not_there(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "told.xlsx", {"Data": [
            ["indicator", "Sep-23", "Oct-23"], ["contacts", 1532, 1922]]})
        values = read_values([ValuesSource(path=str(path), columns=("Helpr",))], CATALOGUE)
        assert [str(w) for w in values.warnings] == [
            f"{path}: columns: no column headed 'Helpr' to ignore (valid: a header of the "
            "file, as written there)"]

    def it_still_refuses_a_header_meant_as_a_month(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "typo.xlsx", {"Data": [
            ["indicator", "Sep-23", "Ocr-23"], ["contacts", 1532, 1922]]})
        assert problems([path])[0].startswith(
            f"{path}: sheet 'Data', cell C1: 'Ocr-23' is not a month header")


class DescribeSheets:
    def it_reads_past_a_notes_sheet_with_a_warning(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "notes.xlsx", {
            "Data": [["indicator", "Oct-23"], ["contacts", 1922]],
            "Notes": [["Figures are provisional until the year end."]]})
        values = read_values([path], CATALOGUE)
        assert series(values, "contacts") == {OCT: 1922.0}
        assert [str(w) for w in values.warnings] == [
            f"{path}: sheet 'Notes': sheet ignored: it has no header row (valid: name the "
            "sheet to read with sheet:)"]

    def it_reads_only_the_sheet_it_is_told(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "two.xlsx", {
            "Old": [["indicator", "Oct-23"], ["contacts", 1]],
            "Current": [["indicator", "Oct-23"], ["contacts", 1922]]})
        values = read_values([ValuesSource(path=str(path), sheet="Current")], CATALOGUE)
        assert series(values, "contacts") == {OCT: 1922.0}

    def it_names_a_sheet_that_is_not_there_and_lists_those_that_are(self, tmp_path: Path
                                                                    ) -> None:
        path = workbook(tmp_path / "two.xlsx", {"Old": [["indicator"]], "Current": [["x"]]})
        assert problems([ValuesSource(path=str(path), sheet="current ")]) == [
            f"{path}: no sheet 'current ' in the workbook (valid: one of: 'Old', 'Current')"]


class DescribeMatch:
    def it_finds_indicators_by_title_whatever_the_case_and_spacing(self, tmp_path: Path
                                                                  ) -> None:
        path = workbook(tmp_path / "titles.xlsx", {"Data": [
            ["Ref", "Indicator", "Sep-23", "Oct-23"],
            ["M1", "Number of  contacts in the month", 1532, 1922],
            [None, "RIGHT SUPPORT", None, None],  # a section heading: no values, passed by
            ["M2", "number of referrals", 267, 277]]})
        values = read_values([ValuesSource(path=str(path), match="title")], CATALOGUE)
        assert series(values, "contacts") == {SEP: 1532.0, OCT: 1922.0}
        assert series(values, "referrals") == {SEP: 267.0, OCT: 277.0}

    def it_finds_indicators_by_ref_and_refuses_a_shared_ref(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "refs.xlsx", {"Data": [
            ["ref", "Oct-23", "Sep-23"], ["M1", 1922, 1532], ["M2", 20, 21]]})
        assert problems([ValuesSource(path=str(path), match="ref")]) == [
            f"{path}: sheet 'Data', cell A3: the ref 'M2' names 2 indicators (referrals, "
            "re_referrals) (valid: match: key or match: title for this file)"]
        path = workbook(tmp_path / "ref1.xlsx", {"Data": [
            ["ref", "Oct-23", "Sep-23"], ["m1", 1922, 1532]]})
        values = read_values([ValuesSource(path=str(path), match="ref")], CATALOGUE)
        assert series(values, "contacts") == {SEP: 1532.0, OCT: 1922.0}

    def it_suggests_the_nearest_titles(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "titles.xlsx", {"Data": [
            ["title", "Oct-23", "Sep-23"], ["Number of referals", 277, 267]]})
        assert problems([ValuesSource(path=str(path), match="title")]) == [
            f"{path}: sheet 'Data', cell A2: no indicator has the title 'Number of referals' "
            "(valid: did you mean Number of referrals)"]


class DescribePercentages:
    def it_reads_fractions_formatted_as_percentages(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "pct.xlsx", {"Data": [
            ["indicator", "Sep-23", "Oct-23"], ["re_referrals", 0.21, 0.235]]},
            formats={"Data": {"B2": "0%", "C2": "0.0%"}})
        assert series(read_values([path], CATALOGUE), "re_referrals") == {SEP: 21.0, OCT: 23.5}

    def it_refuses_unformatted_fractions_when_the_target_is_above_one(self, tmp_path: Path
                                                                     ) -> None:
        path = workbook(tmp_path / "pct.xlsx", {"Data": [
            ["indicator", "Aug-23", "Sep-23", "Oct-23"], ["re_referrals", 0.2, 0.21, 0.235]]})
        assert problems([path]) == [
            f"{path}: sheet 'Data', cell B2 and 2 more cell(s): 're_referrals' is a percentage "
            "but its values here are all between 0 and 1 (e.g. 0.2) while its target is 22: "
            "they would be read as 0.2%, not 20% (valid: format the cells as Percentage in "
            "Excel (0.21 then shows as 21%), or type 21 for 21%)"]

    def it_refuses_unformatted_fractions_below_a_history_above_one(self, tmp_path: Path
                                                                  ) -> None:
        old = tmp_path / "old.csv"
        old.write_text("indicator,Aug-23\ntimely_visits,88\n", encoding="utf-8")
        new = tmp_path / "new.csv"
        new.write_text("indicator,Sep-23,Oct-23\ntimely_visits,0.9,0.91\n", encoding="utf-8")
        assert problems([old, new]) == [
            f"{new}: row 2, column 'Sep-23' and 1 more cell(s): 'timely_visits' is a percentage "
            "but its values here are all between 0 and 1 (e.g. 0.9) while its other values are "
            "above 1 (e.g. 88): they would be read as 0.9%, not 90% (valid: write percentages "
            "as 0-100: 21 or 21% for 21%)"]

    def it_keeps_small_percentages_with_nothing_to_contradict_them(self, tmp_path: Path
                                                                  ) -> None:
        path = workbook(tmp_path / "small.xlsx", {"Data": [
            ["indicator", "Sep-23", "Oct-23"], ["timely_visits", 0.5, 0.75]]})
        assert series(read_values([path], CATALOGUE), "timely_visits") == {SEP: 0.5, OCT: 0.75}


def _save_value(path: Path, cell: str, value: str) -> None:
    """Give a formula cell the result Excel would have saved with it."""
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)(<v>\s*</v>|<v\s*/>)?',
                   rf"\1\2<v>{value}</v>", sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)


class DescribeFormulas:
    def it_names_each_formula_cell_without_a_saved_value(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "formulas.xlsx", {"Data": [
            ["indicator", "Sep-23", "Oct-23"], ["contacts", 1532, "=B2+390"],
            ["referrals", "=100+167", 277]]})
        fix = "(valid: open and save the workbook in Excel, or paste values)"
        assert problems([path]) == [
            f"{path}: sheet 'Data', cell C2: formula with no saved value {fix}",
            f"{path}: sheet 'Data', cell B3: formula with no saved value {fix}"]

    def it_reads_the_saved_value_of_a_formula(self, tmp_path: Path) -> None:
        path = workbook(tmp_path / "saved.xlsx", {"Data": [
            ["indicator", "Sep-23", "Oct-23"], ["contacts", 1532, "=B2+390"]]})
        _save_value(path, "C2", "1922")
        assert series(read_values([path], CATALOGUE), "contacts") == {SEP: 1532.0, OCT: 1922.0}


class DescribeTheDatasetWorkbook:
    def it_is_read_back_as_next_months_input_with_no_options(self, tmp_path: Path) -> None:
        inputs = DataInputs(CONFIG / "indicators.yaml", (CONFIG / "values" / "b4b-2023-10.csv",))
        model = build_model(inputs, OCT)
        out = tmp_path / "performance-dataset-2023-10.xlsx"
        write_dataset(dataset_table(model), out)
        assert model.values is not None
        again = build_model(DataInputs(CONFIG / "indicators.yaml", (out,)), OCT)
        assert again.values is not None
        original, back = model.values, again.values
        assert sorted(back.series) == sorted(original.series)
        for key, months in original.series.items():
            assert {m: (o.value, o.reason) for m, o in months.items()} == {
                m: (o.value, o.reason) for m, o in back.series[key].items()}, key
        assert back.warnings == ()
        assert {k: f.value for k, f in again.figures.items()} == {
            k: f.value for k, f in model.figures.items()}

    def it_validates_with_the_workbook_as_the_only_values_file(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> None:
        model = build_model(DataInputs(CONFIG / "indicators.yaml",
                                       (CONFIG / "values" / "b4b-2023-10.csv",)), OCT)
        out = tmp_path / "performance-dataset-2023-10.xlsx"
        write_dataset(dataset_table(model), out)
        assert run_cli(monkeypatch, "validate", "--catalogue", str(CONFIG / "indicators.yaml"),
                       "--values", str(out)) == 0
        assert "values to Oct-23, 0 revision(s), " in capsys.readouterr().out

    def it_passes_the_readers_warnings_on_to_the_model(self, tmp_path: Path) -> None:
        path = tmp_path / "helper.csv"
        path.write_text("indicator,Sep-23,Oct-23,Check\ncontacts,1532,1922,ok\n",
                        encoding="utf-8")
        model = compute(CATALOGUE, read_values([path], CATALOGUE), OCT)
        assert [str(w) for w in model.warnings if w.code == "values"] == [
            f"{path}: row 1, column 'Check': column 'Check' ignored (valid: list it under "
            "columns: in the values entry to say so, or head it with a month such as Oct-23)"]
