"""Values files: long and wide, CSV and XLSX, merged with revisions; every error message pinned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from builder.compute.model import Commentary
from builder.compute.periods import Month
from builder.config.catalogue import Catalogue
from builder.data.commentary import read_commentary
from builder.data.readers import Observation, Values, read_values
from builder.errors import DataError

OCT, SEP, AUG = Month(2023, 10), Month(2023, 9), Month(2023, 8)
VALID_CELL = ("(valid: a number (e.g. 1,922, 21%, 14.5) or a marker such as -, n/a, TBC, "
              "New measure ...)")
VALID_HEADER = ("(valid: Oct-23, 2023-10 or an Excel date; or one of: indicator, description, "
                "notes, ref, section, theme, title, unit)")

CATALOGUE = Catalogue.model_validate({
    "populations": {"under_18": 49300},
    "themes": [{"key": "right-support", "title": "Right support"}],
    "indicators": [
        {"key": "contacts", "title": "Contacts", "theme": "right-support"},
        {"key": "referrals", "title": "Referrals", "theme": "right-support"},
        {"key": "re_referrals", "title": "Re-referrals", "theme": "right-support",
         "unit": "percent"},
        {"key": "strategy_discussions", "title": "Strategy discussions", "theme": "right-support"},
        {"key": "s47_completed", "title": "S47 completed", "theme": "right-support"},
        {"key": "s47_conversion", "title": "S47 conversion", "theme": "right-support",
         "unit": "percent", "derived": {"numerator": "s47_completed",
                                        "denominator": "strategy_discussions"}},
        {"key": "contacts_rate", "title": "Contacts rate", "theme": "right-support",
         "unit": "rate", "rate": {"of": "contacts", "population": "under_18"}},
    ],
})


def csv_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def xlsx_file(folder: Path, name: str, rows: list[list[Any]], sheet: str = "Data",
              formats: dict[str, str] | None = None) -> Path:
    """A workbook with one sheet; ``formats`` maps a cell (e.g. 'B2') to a number format."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for ref, number_format in (formats or {}).items():
        ws[ref].number_format = number_format
    path = folder / name
    book.save(path)
    return path


def problems_of(paths: list[Path]) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_values(paths, CATALOGUE)
    assert caught.value.exit_code == 2
    return [str(p) for p in caught.value.problems]


class DescribeLongCsv:
    def it_reads_indicator_period_value_and_note(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "long.csv",
                        "indicator,period,value,note\n"
                        "contacts,2023-09,1532,\n"
                        'contacts,2023-10,"1,922",checked with MASH\n'
                        "re_referrals,Oct-23,21%,\n"
                        "referrals,2023-10,TBC,\n")
        values = read_values([path], CATALOGUE)
        assert values.get("contacts", SEP) == Observation(1532.0, None, None,
                                                          "long.csv: row 2, column 'value'")
        assert values.get("contacts", OCT) == Observation(
            1922.0, None, "checked with MASH", "long.csv: row 3, column 'value'")
        assert values.get("re_referrals", OCT) == Observation(21.0, None, None,
                                                              "long.csv: row 4, column 'value'")
        assert values.get("referrals", OCT) == Observation(None, "TBC", None,
                                                           "long.csv: row 5, column 'value'")
        assert values.months() == (SEP, OCT)
        assert values.files == (path,)

    def it_names_a_bad_period(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "long.csv", "indicator,period,value\ncontacts,2023-13,5\n")
        assert problems_of([path]) == [
            f"{path}: row 2, column 'period': '2023-13' is not a month (valid: YYYY-MM, e.g. "
            "2023-10)"]

    def it_reads_past_an_extra_column_with_one_warning(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "long.csv", "indicator,period,value,source\n"
                        "contacts,2023-10,5,MASH\ncontacts,2023-09,4,MASH\n")
        values = read_values([path], CATALOGUE)
        assert [str(w) for w in values.warnings] == [
            f"{path}: row 1, column 'source': column 'source' ignored (valid: list it under "
            "columns: in the values entry to say so, or head it with a month such as Oct-23)"]
        assert {m: o.value for m, o in values.series["contacts"].items()} == {SEP: 4.0, OCT: 5.0}

    def it_refuses_the_same_indicator_and_month_twice(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "long.csv",
                        "indicator,period,value\ncontacts,2023-10,1922\ncontacts,Oct-23,1923\n")
        assert problems_of([path]) == [
            f"{path}: row 3, column 'value': duplicate value for 'contacts' in Oct-23 "
            "(valid: one value per indicator and month in a file)"]


class DescribeWideCsv:
    def it_reads_one_column_per_month_and_ignores_descriptive_columns(self, tmp_path: Path
                                                                      ) -> None:
        path = csv_file(tmp_path, "wide.csv",
                        "ref,indicator,title,Aug-23,2023-09,Oct 23\n"
                        "M1,contacts,Contacts,1471,1532,\"1,922\"\n"
                        ",referrals,Referrals,,-,New measure from Oct 23\n")
        values = read_values([path], CATALOGUE)
        assert [(m, o.value, o.reason) for m, o in values.series["contacts"].items()] == [
            (AUG, 1471.0, None), (SEP, 1532.0, None), (OCT, 1922.0, None)]
        # a blank cell says nothing; a marker is kept as the reason there is no value
        assert values.get("referrals", AUG) is None
        assert values.get("referrals", SEP) == Observation(None, "-", None,
                                                           "wide.csv: row 3, column '2023-09'")
        assert values.get("referrals", OCT) is not None
        assert values.get("referrals", OCT).reason == "New measure from Oct 23"  # type: ignore[union-attr]

    def it_names_text_in_a_number_cell(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "wide.csv",
                        "indicator,Sep-23,Oct-23\ncontacts,1532,1922\n"
                        "re_referrals,21%,6 young people subject to MAPPA\n")
        assert problems_of([path]) == [
            f"{path}: row 3, column 'Oct-23': '6 young people subject to MAPPA' is not a number "
            f"or a recognised 'no value' marker {VALID_CELL}"]

    def it_names_a_bad_month_header(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "wide.csv", "indicator,Sep-23,Oct-232\ncontacts,1532,1922\n")
        assert problems_of([path]) == [
            f"{path}: row 1, column 'Oct-232': 'Oct-232' is not a month header {VALID_HEADER}"]

    def it_names_an_unknown_indicator_and_suggests_the_nearest_keys(self, tmp_path: Path
                                                                    ) -> None:
        path = csv_file(tmp_path, "wide.csv",
                        "indicator,Oct-23\ncontact,1922\nnumber_of_cats,3\n")
        assert problems_of([path]) == [
            f"{path}: row 2, column 'indicator': unknown indicator 'contact' "
            "(valid: did you mean contacts, contacts_rate)",
            f"{path}: row 3, column 'indicator': unknown indicator 'number_of_cats' "
            "(valid: a key from the catalogue)"]

    def it_refuses_values_for_a_computed_indicator(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "wide.csv",
                        "indicator,Oct-23\ns47_conversion,89.7\ncontacts_rate,4211\n")
        assert problems_of([path]) == [
            f"{path}: row 2, column 'indicator': indicator 's47_conversion' is computed from "
            "other indicators and cannot be typed in (valid: remove the row)",
            f"{path}: row 3, column 'indicator': indicator 'contacts_rate' is computed from "
            "other indicators and cannot be typed in (valid: remove the row)"]

    def it_refuses_a_second_row_for_an_indicator(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "wide.csv",
                        "indicator,Sep-23,Oct-23\ncontacts,1532,1922\nreferrals,267,277\n"
                        "contacts,1532,1922\n")
        assert problems_of([path]) == [
            f"{path}: row 4, column 'indicator': second row for 'contacts' (the first is at "
            "row 2, column 'indicator') (valid: one row per indicator in a sheet)"]

    def it_refuses_two_columns_for_one_month(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "wide.csv", "indicator,Oct-23,2023-10\ncontacts,1922,1922\n")
        assert problems_of([path]) == [
            f"{path}: row 1, column '2023-10': month Oct-23 has two columns "
            "(valid: each month once)"]

    def it_refuses_values_under_no_header(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "wide.csv", "indicator,Oct-23,\ncontacts,1922,5\n")
        assert problems_of([path]) == [
            f"{path}: row 1, column 3: column has values but no month header "
            "(valid: a month such as Oct-23, 2023-10 or an Excel date)"]

    def it_needs_an_indicator_column(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "wide.csv", "measure,Sep-23,Oct-23\ncontacts,1532,1922\n")
        assert problems_of([path]) == [
            f"{path}: row 1, column 'measure': no 'indicator' column in the header row (valid: a "
            "header 'indicator' (long: indicator,period,value[,note]; wide: indicator then one "
            "column per month))"]

    def it_lists_every_problem_in_every_file_at_once(self, tmp_path: Path) -> None:
        one = csv_file(tmp_path, "one.csv", "indicator,Oct-23\ncontact,1922\nreferrals,lots\n")
        two = csv_file(tmp_path, "two.csv", "indicator,Octobre-23\ncontacts,1\n")
        with pytest.raises(DataError) as caught:
            read_values([one, two], CATALOGUE)
        assert caught.value.message == "the values cannot be used (3 problems)"
        assert [(p.file, p.where) for p in caught.value.problems] == [
            (str(one), "row 2, column 'indicator'"), (str(one), "row 3, column 'Oct-23'"),
            (str(two), "row 1, column 'Octobre-23'")]
        assert caught.value.hint == ("Fix the cells listed above and run `builder validate` "
                                     "again.")


class DescribeWideXlsx:
    def it_reads_text_iso_and_real_date_month_headers(self, tmp_path: Path) -> None:
        path = xlsx_file(tmp_path, "wide.xlsx", [
            ["indicator", "Aug-23", "2023-09", dt.datetime(2023, 10, 31)],
            ["contacts", 1471, 1532, 1922],
            ["referrals", None, "n/a", 277],
        ])
        values = read_values([path], CATALOGUE)
        assert {m: o.value for m, o in values.series["contacts"].items()} == {
            AUG: 1471.0, SEP: 1532.0, OCT: 1922.0}
        assert values.get("referrals", SEP) == Observation(
            None, "n/a", None, "wide.xlsx: sheet 'Data', cell C3")
        assert values.get("referrals", AUG) is None

    def it_reads_excel_serial_numbers_as_months(self, tmp_path: Path) -> None:
        path = xlsx_file(tmp_path, "serial.xlsx", [["indicator", 45199, 45200],
                                                   ["contacts", 1532, 1922]])
        assert {m: o.value for m, o in read_values([path], CATALOGUE).series["contacts"].items()
                } == {SEP: 1532.0, OCT: 1922.0}

    def it_reads_cells_formatted_as_percentages_as_0_to_100(self, tmp_path: Path) -> None:
        # Excel stores 21% as 0.21; builder keeps every percentage as 0-100 (DESIGN 3.1)
        path = xlsx_file(tmp_path, "pct.xlsx", [
            ["indicator", "Sep-23", "Oct-23"],
            ["re_referrals", 0.21, 0.215],
            ["contacts", 1532, 1922],
        ], formats={"B2": "0%", "C2": "0.0%", "C3": '#,##0"%"'})
        values = read_values([path], CATALOGUE)
        assert values.get("re_referrals", SEP).value == 21.0  # type: ignore[union-attr]
        assert values.get("re_referrals", OCT).value == 21.5  # type: ignore[union-attr]
        # a literal "%" in quotes is decoration, not a percentage format
        assert values.get("contacts", OCT).value == 1922.0  # type: ignore[union-attr]

    def it_names_the_sheet_and_cell_of_a_bad_value_or_header(self, tmp_path: Path) -> None:
        path = xlsx_file(tmp_path, "bad.xlsx", [
            ["indicator", "Sep-23", "Oct-23", "Nov-232"],
            ["contacts", 1532, "4473,255", 5],
        ], sheet="B4B data set")
        assert problems_of([path]) == [
            f"{path}: sheet 'B4B data set', cell D1: 'Nov-232' is not a month header "
            f"{VALID_HEADER}",
            f"{path}: sheet 'B4B data set', cell C2: '4473,255' is not a number or a recognised "
            f"'no value' marker {VALID_CELL}"]

    def it_reads_a_long_sheet_with_real_dates_as_periods(self, tmp_path: Path) -> None:
        path = xlsx_file(tmp_path, "long.xlsx", [
            ["Indicator", "Period", "Value", "Note"],
            ["contacts", dt.datetime(2023, 10, 1), 1922, "first of the month"],
            ["contacts", dt.datetime(2023, 9, 30), "TBC", None],
        ])
        values = read_values([path], CATALOGUE)
        assert values.get("contacts", OCT) == Observation(
            1922.0, None, "first of the month", "long.xlsx: sheet 'Data', cell C2")
        assert values.get("contacts", SEP) == Observation(
            None, "TBC", None, "long.xlsx: sheet 'Data', cell C3")

    def it_reads_every_sheet_and_refuses_a_month_twice_across_sheets(self, tmp_path: Path
                                                                     ) -> None:
        book = Workbook()
        first = book.active
        first.title = "2023"
        first.append(["indicator", "Sep-23", "Oct-23"])
        first.append(["contacts", 1532, 1922])
        second = book.create_sheet("Corrections")
        second.append(["indicator", "Oct-23"])
        second.append(["contacts", 1923])
        path = tmp_path / "two.xlsx"
        book.save(path)
        assert problems_of([path]) == [
            f"{path}: sheet 'Corrections', cell B2: duplicate value for 'contacts' in Oct-23 "
            "(valid: one value per indicator and month in a file)"]

    def it_refuses_a_file_that_is_not_a_workbook(self, tmp_path: Path) -> None:
        path = tmp_path / "fake.xlsx"
        path.write_text("indicator,Oct-23\n", encoding="utf-8")
        assert problems_of([path]) == [
            f"{path}: not a valid Office (zip) file: File is not a zip file "
            "(valid: .csv (UTF-8) or .xlsx)"]


class DescribeMerging:
    def it_lets_a_later_file_revise_a_month_and_records_the_revision(self, tmp_path: Path
                                                                     ) -> None:
        # spec C.4.1 rule 7: Aug-23 contacts were 1467 in the previous edition, 1471 in Oct-23's
        old = csv_file(tmp_path, "aug.csv", "indicator,Jul-23,Aug-23\ncontacts,1804,1467\n")
        new = csv_file(tmp_path, "oct.csv",
                       "indicator,Jul-23,Aug-23,Sep-23\ncontacts,,1471,1532\n")
        values = read_values([old, new], CATALOGUE)
        assert values.get("contacts", AUG).value == 1471.0  # type: ignore[union-attr]
        assert values.get("contacts", Month(2023, 7)).value == 1804.0  # type: ignore[union-attr]
        assert values.get("contacts", SEP).value == 1532.0  # type: ignore[union-attr]
        [revision] = values.revisions
        assert (revision.indicator, revision.period) == ("contacts", AUG)
        assert (revision.old.value, revision.new.value) == (1467.0, 1471.0)
        assert revision.old.source == "aug.csv: row 2, column 'Aug-23'"
        assert revision.new.source == "oct.csv: row 2, column 'Aug-23'"

    def it_does_not_count_the_same_figure_again_as_a_revision(self, tmp_path: Path) -> None:
        one = csv_file(tmp_path, "one.csv", "indicator,Oct-23\ncontacts,1922\n")
        two = csv_file(tmp_path, "two.csv", "indicator,period,value\ncontacts,2023-10,\"1,922\"\n")
        assert read_values([one, two], CATALOGUE).revisions == ()

    def it_records_a_value_withdrawn_by_a_marker(self, tmp_path: Path) -> None:
        one = csv_file(tmp_path, "one.csv", "indicator,Oct-23\ncontacts,1922\n")
        two = csv_file(tmp_path, "two.csv", "indicator,Oct-23\ncontacts,TBC\n")
        values = read_values([one, two], CATALOGUE)
        assert values.get("contacts", OCT).reason == "TBC"  # type: ignore[union-attr]
        assert [(r.old.value, r.new.reason) for r in values.revisions] == [(1922.0, "TBC")]

    def it_merges_long_and_wide_files(self, tmp_path: Path) -> None:
        wide = csv_file(tmp_path, "wide.csv", "indicator,Sep-23\ncontacts,1532\n")
        long = csv_file(tmp_path, "long.csv", "indicator,period,value\nreferrals,2023-10,277\n")
        values = read_values([wide, long], CATALOGUE)
        assert isinstance(values, Values)
        assert sorted(values.series) == ["contacts", "referrals"]


class DescribeFileProblems:
    def it_needs_at_least_one_file(self) -> None:
        with pytest.raises(DataError, match="no values file given"):
            read_values([], CATALOGUE)

    def it_names_a_missing_file(self, tmp_path: Path) -> None:
        assert problems_of([tmp_path / "nowhere.csv"]) == [
            f"{tmp_path / 'nowhere.csv'}: file not found"]

    def it_names_an_unsupported_file_type(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "values.txt", "indicator,Oct-23\n")
        assert problems_of([path]) == [
            f"{path}: unsupported file type '.txt' (valid: .csv (UTF-8) or .xlsx)"]

    def it_refuses_a_csv_that_is_not_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "latin.csv"
        path.write_bytes("indicator,Oct-23\ncontacts,1922 \xa3\n".encode("latin-1"))
        assert problems_of([path]) == [
            f"{path}: not UTF-8 text; save the CSV as UTF-8 (valid: .csv (UTF-8) or .xlsx)"]

    def it_refuses_an_empty_csv(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "empty.csv", "")
        assert problems_of([path]) == [
            f"{path}: not a readable CSV: No columns to parse from file "
            "(valid: .csv (UTF-8) or .xlsx)"]


class DescribeCommentary:
    def it_keeps_the_latest_commentary_at_or_before_the_period(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "notes.csv",
                        "indicator,period,text\ncontacts,2023-09,September words\n"
                        "contacts,2023-10, October words \ncontacts,2023-11,From the future\n"
                        "referrals,2023-08,August words\n")
        notes = read_commentary([path], CATALOGUE, OCT)
        assert notes == {"contacts": Commentary(OCT, "October words"),
                         "referrals": Commentary(AUG, "August words")}

    def it_reads_yaml_entries(self, tmp_path: Path) -> None:
        path = tmp_path / "notes.yaml"
        path.write_text("- {indicator: contacts, period: 2023-10, text: Up by a quarter}\n",
                        encoding="utf-8")
        assert read_commentary([path], CATALOGUE, OCT) == {
            "contacts": Commentary(OCT, "Up by a quarter")}

    def it_lists_every_problem(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "notes.csv",
                        "indicator,period,text\ncontact,2023-10,x\ncontacts,Oct,x\n"
                        "contacts,2023-10,  \n")
        with pytest.raises(DataError) as caught:
            read_commentary([path], CATALOGUE, OCT)
        assert [str(p) for p in caught.value.problems] == [
            f"{path}: row 2: unknown indicator 'contact' (valid: a key from the catalogue)",
            f"{path}: row 3: 'Oct' is not a month (valid: YYYY-MM, e.g. 2023-10)",
            f"{path}: row 4: empty commentary text (valid: some words, or leave the row out)"]

    def it_refuses_a_csv_that_is_not_utf8_without_a_traceback(self, tmp_path: Path) -> None:
        path = tmp_path / "notes.csv"
        path.write_bytes("indicator,period,text\ncontacts,2023-10,caf\xe9\n".encode("latin-1"))
        with pytest.raises(DataError) as caught:
            read_commentary([path], CATALOGUE, OCT)
        assert [str(p) for p in caught.value.problems] == [
            f"{path}: not UTF-8 text (valid: save the CSV as UTF-8)"]

    def it_names_a_wrong_header(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "notes.csv", "key,month,words\ncontacts,2023-10,x\n")
        with pytest.raises(DataError) as caught:
            read_commentary([path], CATALOGUE, OCT)
        assert [str(p) for p in caught.value.problems] == [
            f"{path}: row 1: header is ['key', 'month', 'words'] "
            "(valid: indicator,period,text)"]
