"""Hostile data files: huge or non-finite numbers, too many rows, control characters,
negative counts (issue 15). Each is a DataError (exit 2) naming the file and the cell."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from builder.compute.engine import compute
from builder.compute.periods import Month
from builder.core.limits import LIMITS
from builder.data import sheets
from builder.data.cells import CellError, parse_cell
from builder.data.commentary import read_commentary
from builder.data.readers import read_values
from builder.errors import DataError
from tests.unit.test_engine import catalogue, values
from tests.unit.test_readers import CATALOGUE, csv_file, xlsx_file

OCT = Month(2023, 10)


def problems(paths: list[Path]) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_values(paths, CATALOGUE)
    assert caught.value.exit_code == 2
    return [f"{p.where}: {p.what}" for p in caught.value.problems]


class DescribeHugeNumbers:
    @pytest.mark.parametrize("raw", ["1e309", "1e308", "-1e16", "9" * 400, 10 ** 5000,
                                     float("inf"), float("-inf")],
                             ids=["1e309", "1e308", "-1e16", "400 digits", "5000-digit int",
                                  "inf", "-inf"])
    def it_refuses_numbers_past_the_magnitude_limit(self, raw: object) -> None:
        with pytest.raises(CellError, match="is larger than 1e[+]15|is an infinite number"):
            parse_cell(raw)

    def it_keeps_numbers_within_the_limit(self) -> None:
        assert parse_cell("1e15").value == 1e15
        assert parse_cell(-999_999_999_999.5).value == -999_999_999_999.5

    def it_names_the_file_row_and_column_of_a_huge_csv_value(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "long.csv", "indicator,period,value\ncontacts,2023-09,1\n"
                        f"contacts,2023-10,{'9' * 400}\nreferrals,2023-10,1e309\n")
        assert problems([path]) == [
            "row 3, column 'value': a 400-character number is larger than 1e+15 "
            "(see docs/limits.md)",
            "row 4, column 'value': '1e309' is larger than 1e+15 (see docs/limits.md)"]

    def it_names_the_sheet_cell_of_a_huge_excel_value(self, tmp_path: Path) -> None:
        path = xlsx_file(tmp_path, "v.xlsx", [["indicator", "Oct-23"], ["contacts", 1e308]])
        [problem] = problems([path])
        assert problem.startswith("sheet 'Data', cell B2: '1e+308' is larger than")


class DescribeRowAndColumnLimits:
    def it_refuses_a_csv_with_too_many_rows(self, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sheets, "LIMITS", dataclasses.replace(LIMITS, values_rows=10))
        path = csv_file(tmp_path, "long.csv", "indicator,period,value\n"
                        + "contacts,2023-10,1\n" * 50)
        assert problems([path]) == [": has more than 10 rows (see docs/limits.md)"]

    def it_refuses_a_workbook_with_too_many_columns(self, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sheets, "LIMITS", dataclasses.replace(LIMITS, values_columns=3))
        path = xlsx_file(tmp_path, "v.xlsx", [["indicator", "Oct-23", "Sep-23", "Aug-23"],
                                              ["contacts", 1, 2, 3]])
        assert problems([path]) == [": has more than 3 columns (see docs/limits.md)"]


class DescribeControlCharactersInCommentary:
    def it_names_the_row_of_commentary_with_a_control_character(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "notes.csv", "indicator,period,text\n"
                        "contacts,2023-10,fine\nreferrals,2023-10,bad\x0btext\n")
        with pytest.raises(DataError) as caught:
            read_commentary([path], CATALOGUE, OCT)
        [problem] = caught.value.problems
        assert (problem.where, problem.what) == ("row 3", "control character U+000B at "
                                                 "character 4")


class DescribeNegativeCounts:
    def it_warns_about_a_negative_count(self) -> None:
        cat = catalogue({"key": "a"}, {"key": "b", "unit": "percent"})
        model = compute(cat, values({"a": [5, -3, 4], "b": [-1, 2, 3]}), OCT)
        assert [(w.code, str(w)) for w in model.warnings] == [
            ("negative-count", "a: is a count but is negative in Sep-23; check the values")]
