"""The printed computed columns of the "Children and Families Monthly Dataset, Nov 16"
(format-spec C.3, fixture cf_monthly_dataset_nov16.csv) reproduced by the real loaders, engine
and formatting from the printed monthly values, as the embedded 5 January 2017 meeting holds
them (config/indicators-2016.yaml, config/values/cf-monthly-2016-11.csv).

Every printed cell is compared; where the print breaks the rule, the exception is listed below
with its reason, and the test asserts that exactly those rows disagree.
"""

from __future__ import annotations

import csv
import re

import pytest

from builder.compute.model import ReportModel
from builder.compute.periods import Month
from builder.config.catalogue import Unit
from builder.pipeline.data import DataInputs, build_model
from builder.present import formatting as fmt
from tests.conftest import CONFIG, FIXTURES

PERIOD = Month(2016, 11)
MONTHS = ["Oct 15", "Nov 15", "Dec 15", "Jan 16", "Feb 16", "Mar 16", "Apr 16", "May 16",
          "Jun 16", "Jul 16", "Aug 16", "Sep 16", "Oct 16", "Nov 16"]

# % change from previous month (Nov 16 vs Oct 16): printed values that break the rule (C.3 rule 1)
PREV_EXCEPTIONS = {
    "CP1-NI": "rate row: printed change is of the unrounded rate, i.e. of the CP1 counts",
    "CP2-NI": "rate row: printed change is of the unrounded rate, i.e. of the CP2 counts",
    "CP6B-NI": "rate row: printed change is of the unrounded rate, i.e. of the CP6B counts",
    "LAC1-NI": "rate row: printed change is of the unrounded rate, i.e. of the LAC1 counts",
    "CP4 (val)": "printed n/a although Oct 16 = 15 (rule gives +193%): unexplained (004:1994)",
}
# the count row behind each rate row: its change is the printed change of the rate
RATE_COUNTS = {"CP1-NI": "CP1", "CP2-NI": "CP2", "CP6B-NI": "CP6B", "LAC1-NI": "LAC1"}

# % change from the same month a year earlier (against Nov 15; C.3 rule 2)
YEAR_EXCEPTIONS = {
    "CP1-NI": "rate on unrounded values with the 0-17 population revised in 2016 (C.3 rule 5)",
    "CP2-NI": "rate on unrounded values with the 0-17 population revised in 2016 (C.3 rule 5)",
    "LAC1-NI": "rate on unrounded values with the 0-17 population revised in 2016 (C.3 rule 5)",
    "CP5-QL": "computed on unrounded counts 15/44 vs 5/32 = +118.2%, displayed % give 118.6",
    "CP8-QL": "computed on unrounded source %: the displayed 77.0 vs 52.2 give 47.5 -> 48",
}

# 12-month average at the printed precision (C.3 rule 3)
AVG_EXCEPTIONS = {
    "EH3e%": "the six displayed values average exactly 32.35, a tie that rounds half away to "
             "32.4; the sheet averaged unrounded values just below the tie and printed 32.3",
}
MAX_EXCEPTIONS: dict[str, str] = {}


def key_of(ref: str) -> str:
    """A catalogue key from a printed ref: 'CP2b %' -> cp2b_pct, 'CP4 (val)' -> cp4_val."""
    text = re.sub(r"[^a-z0-9]+", "_", ref.lower().replace("%", " pct "))
    return text.strip("_")


@pytest.fixture(scope="module")
def printed() -> list[dict[str, str]]:
    with (FIXTURES / "cf_monthly_dataset_nov16.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def model() -> ReportModel:
    """The embedded 2017 meeting's catalogue and values (made from the printed rows: new
    measures print "New measure from ..." in their leading cells and their n values fill the
    last n months, C.3 rule 3), computed for Nov 16."""
    return build_model(DataInputs(CONFIG / "indicators-2016.yaml",
                                  (CONFIG / "values" / "cf-monthly-2016-11.csv",)), PERIOD)


def test_the_embedded_values_are_the_printed_cells(printed: list[dict[str, str]]) -> None:
    with (CONFIG / "values" / "cf-monthly-2016-11.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["indicator", *(m.replace(" ", "-") for m in MONTHS)]
    for row, source in zip(rows[1:], printed, strict=True):
        placeholders = int(source["placeholder_cells"] or 0)
        assert row[0] == key_of(source["ref"])
        assert row[1 + placeholders:] == [source[m] for m in MONTHS[placeholders:]]
        assert set(row[1:1 + placeholders]) <= {source["placeholder_text"]}


def change(pct: float | None) -> str:
    """Our % change as the Nov-16 sheet prints it: a bare integer, or n/a."""
    return fmt.pct_change(pct).removesuffix("%")


def at_printed_precision(value: float | None, printed: str, unit: Unit) -> str:
    """Our value in the printed cell's number of decimals (35.75, 62.7%, 1298)."""
    digits = printed.rstrip("%").partition(".")[2]
    return fmt.number(value, len(digits), unit, missing="n/a").replace(",", "")


def disagreements(printed: list[dict[str, str]], column: str, ours: dict[str, str]
                  ) -> dict[str, tuple[str, str]]:
    return {r["ref"]: (r[column], ours[r["ref"]]) for r in printed
            if r[column] != ours[r["ref"]]}


class DescribeTheFixture:
    def it_has_56_rows_with_new_measures_right_aligned(self, printed: list[dict[str, str]]
                                                       ) -> None:
        assert len(printed) == 56
        for row in printed:
            cells = [row[m] for m in MONTHS]
            blanks = int(row["placeholder_cells"] or 0)
            assert all(c == "" for c in cells[:blanks]), row["ref"]
            assert all(c != "" for c in cells[blanks:]), row["ref"]

    def it_keeps_the_placeholder_text_as_the_reason(self, model: ReportModel) -> None:
        eh1a = model["eh1a"]
        assert eh1a.window[0].reason == "New measure from Aug 16"    # Nov 15
        assert [p.value for p in eh1a.window[5:]] == [77, 57, 58, 24, 21, 39, 35, 49]
        assert model["eh1"].value is None
        assert model["eh1"].latest.reason == "Old measure replaced by EH1a and EH1b"


class DescribeChangeFromPreviousMonth:
    def it_agrees_except_for_the_listed_rows(self, printed: list[dict[str, str]],
                                             model: ReportModel) -> None:
        ours = {r["ref"]: change(model[key_of(r["ref"])].previous.pct) for r in printed}
        wrong = disagreements(printed, "pct_change_prev_month", ours)
        assert set(wrong) == set(PREV_EXCEPTIONS), wrong
        assert wrong["CP4 (val)"] == ("n/a", "193")
        assert len(printed) - len(wrong) == 51

    def it_matches_spec_c3_counts_of_computable_rows(self, printed: list[dict[str, str]],
                                                     model: ReportModel) -> None:
        computable = [r for r in printed if model[key_of(r["ref"])].previous.pct is not None]
        assert len(computable) == 54        # all but EH1 (no values) and CP2b % (base 0.0%)
        agree = [r for r in computable
                 if change(model[key_of(r["ref"])].previous.pct) == r["pct_change_prev_month"]]
        assert len(agree) == 49
        assert {r["ref"]: r["pct_change_prev_month"] for r in printed
                if r["ref"] in ("EH1", "CP2b %")} == {"EH1": "n/a", "CP2b %": "n/a"}

    def it_explains_the_rate_rows_by_their_counts(self, printed: list[dict[str, str]],
                                                  model: ReportModel) -> None:
        by_ref = {r["ref"]: r for r in printed}
        for rate_ref, count_ref in RATE_COUNTS.items():
            assert by_ref[rate_ref]["pct_change_prev_month"] == change(
                model[key_of(count_ref)].previous.pct), rate_ref


class DescribeChangeFromSameMonthLastYear:
    def it_is_against_nov_15_despite_the_header(self, model: ReportModel) -> None:
        cp1 = model["cp1"]
        assert cp1.year_ago.base == 104.0           # Nov 15, not Oct 15 (131)
        assert change(cp1.year_ago.pct) == "5"

    def it_agrees_except_for_the_listed_rows(self, printed: list[dict[str, str]],
                                             model: ReportModel) -> None:
        ours = {r["ref"]: change(model[key_of(r["ref"])].year_ago.pct) for r in printed}
        wrong = disagreements(printed, "pct_change_same_month_prev_year", ours)
        assert set(wrong) == set(YEAR_EXCEPTIONS), wrong
        computable = [r for r in printed if model[key_of(r["ref"])].year_ago.pct is not None]
        assert len(computable) == 43                # new measures have no Nov 15: n/a
        assert len(computable) - len(wrong) == 38
        assert len(printed) - len(wrong) == 51

    def it_explains_cp5_ql_by_its_unrounded_counts(self) -> None:
        assert change(((15 / 44) / (5 / 32) - 1) * 100) == "118"


class DescribeTwelveMonthAverageAndMax:
    def it_averages_dec_15_to_nov_16_at_the_printed_precision(
            self, printed: list[dict[str, str]], model: ReportModel) -> None:
        ours = {r["ref"]: at_printed_precision(model[key_of(r["ref"])].avg_12m, r["avg_12m"],
                                               model[key_of(r["ref"])].indicator.unit)
                for r in printed}
        wrong = disagreements(printed, "avg_12m", ours)
        assert set(wrong) == set(AVG_EXCEPTIONS), wrong
        assert wrong["EH3e%"] == ("32.3%", "32.4%")
        assert len(printed) - len(wrong) == 55

    def it_takes_the_max_of_dec_15_to_nov_16(self, printed: list[dict[str, str]],
                                             model: ReportModel) -> None:
        ours = {r["ref"]: at_printed_precision(model[key_of(r["ref"])].max_12m, r["max_12m"],
                                               model[key_of(r["ref"])].indicator.unit)
                for r in printed}
        assert disagreements(printed, "max_12m", ours) == {}
        assert set(MAX_EXCEPTIONS) == set()

    def it_shrinks_the_divisor_for_new_measures(self, model: ReportModel) -> None:
        assert model["eh1a"].avg_12m == pytest.approx(sum([77, 57, 58, 24, 21, 39, 35, 49]) / 8)

    def it_excludes_oct_15_and_nov_15_from_the_window(self, model: ReportModel) -> None:
        # printed maxima that the 13- or 14-month alternatives would get wrong (C.3 rule 4)
        assert model["m4"].max_12m == 7.0               # Nov 15 = 10 is month t-12
        assert model["m6_ql"].max_12m == 26.2           # Nov 15 = 28.7%
        assert model["eh4_val"].max_12m == 179.0        # Oct 15 = 193
        assert model["cp1"].avg_12m == pytest.approx(
            sum([86, 120, 98, 93, 105, 139, 126, 126, 101, 89, 106, 109]) / 12)


def test_the_exceptions_name_real_rows_and_give_reasons(printed: list[dict[str, str]]) -> None:
    refs = {r["ref"] for r in printed}
    for table in (PREV_EXCEPTIONS, YEAR_EXCEPTIONS, AVG_EXCEPTIONS, RATE_COUNTS):
        assert set(table) <= refs
    for table in (PREV_EXCEPTIONS, YEAR_EXCEPTIONS, AVG_EXCEPTIONS):
        assert all(len(reason) > 20 for reason in table.values())
