"""compute() for quarterly and annual indicators: own-period comparisons, 12 months' worth of
periods for averages, the latest quarter for a monthly report, year outturns (issue 9)."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from builder.compute.calculus import Arrow
from builder.compute.engine import compute
from builder.compute.model import ReportModel
from builder.compute.periods import Month, Period
from builder.config.catalogue import Catalogue
from builder.data.readers import Observation, Values, read_values
from builder.errors import DataError
from builder.present.dataset import dataset_table

Q = Period.quarter
FY = Period.financial_year
# A1 of the quarterly scorecard (000:93-94): average days, Q2 757 against Q1 850
DAYS = {Q(2013, 1): 790.0, Q(2013, 2): 700.0, Q(2013, 3): 812.0, Q(2013, 4): 645.0,
        Q(2014, 1): 850.0, Q(2014, 2): 757.0, FY(2013): 697.0}


def catalogue(*indicators: dict[str, Any]) -> Catalogue:
    return Catalogue.model_validate({
        "populations": {"under_18": 47400},
        "themes": [{"key": "one", "title": "One"}],
        "indicators": [{"title": i["key"], "theme": "one", **i} for i in indicators]})


def values(series: dict[str, dict[Period, float | None]]) -> Values:
    return Values(MappingProxyType({
        key: MappingProxyType({p: Observation(v) for p, v in points.items()})
        for key, points in series.items()}))


def run(series: dict[str, dict[Period, float | None]], period: Period, *indicators: dict[str, Any]
        ) -> ReportModel:
    return compute(catalogue(*indicators), values(series), period)


QUARTERLY = {"key": "days", "frequency": "quarterly", "polarity": "lower_is_better"}


class DescribeQuarterlyIndicator:
    def it_compares_with_the_previous_quarter_and_the_same_quarter_last_year(self) -> None:
        fig = run({"days": DAYS}, Q(2014, 2), QUARTERLY)["days"]
        assert (fig.period, fig.value) == (Q(2014, 2), 757.0)
        assert (fig.previous.base, fig.year_ago.base) == (850.0, 700.0)
        assert fig.previous.pct == pytest.approx((757 - 850) / 850 * 100)
        assert fig.previous.arrow is Arrow.DOWN  # -10.9% rounds to -11
        assert fig.year_ago.arrow is Arrow.SIMILAR  # +8.1%

    def it_averages_over_the_four_quarters_ending_at_its_period(self) -> None:
        fig = run({"days": DAYS}, Q(2014, 2), QUARTERLY)["days"]
        assert [p.month for p in fig.periods] == [Q(2013, 2), Q(2013, 3), Q(2013, 4), Q(2014, 1),
                                                  Q(2014, 2)]
        assert fig.avg_12m == pytest.approx((812 + 645 + 850 + 757) / 4)
        assert (fig.max_12m, fig.averaged) == (850.0, 4)

    def it_counts_the_quarters_present_when_some_are_missing(self) -> None:
        gappy = {**DAYS, Q(2013, 3): None, Q(2013, 4): None}
        fig = run({"days": gappy}, Q(2014, 2), QUARTERLY)["days"]
        assert fig.averaged == 2
        assert fig.avg_12m == pytest.approx((850 + 757) / 2)

    def it_carries_the_previous_financial_years_outturn(self) -> None:
        fig = run({"days": DAYS}, Q(2014, 2), QUARTERLY)["days"]
        assert fig.outturn is not None
        assert (fig.outturn.month, fig.outturn.value) == (FY(2013), 697.0)

    @pytest.mark.parametrize(("month", "quarter", "value"), [
        (Month(2014, 9), Q(2014, 2), 757.0), (Month(2014, 10), Q(2014, 2), 757.0),
        (Month(2014, 12), Q(2014, 3), None), (Month(2014, 8), Q(2014, 1), 850.0)])
    def it_takes_the_latest_quarter_ending_in_or_before_a_monthly_report(
            self, month: Month, quarter: Period, value: float | None) -> None:
        fig = run({"days": DAYS}, month, QUARTERLY)["days"]
        assert (fig.period, fig.value) == (quarter, value)

    def it_sits_in_the_month_its_quarter_ends_in_a_monthly_window(self) -> None:
        model = run({"days": DAYS, "contacts": {Month(2014, m): 10.0 for m in range(1, 11)}},
                    Month(2014, 10), QUARTERLY, {"key": "contacts"})
        window = model["days"].window
        assert [p.month for p in window] == list(model.months)
        shown = {p.month.label(): p.value for p in window if p.reported}
        assert shown == {"Dec-13": 812.0, "Mar-14": 645.0, "Jun-14": 850.0, "Sep-14": 757.0}
        assert not [p for p in window if not p.reported and p.value is not None]


class DescribeAnnualIndicator:
    def it_compares_years_and_averages_one_year(self) -> None:
        series = {FY(2011): 40.0, FY(2012): 50.0, FY(2013): 45.0}
        fig = run({"y": series}, Q(2014, 2), {"key": "y", "frequency": "annual"})["y"]
        assert (fig.period, fig.value, fig.previous.base) == (FY(2013), 45.0, 50.0)
        assert fig.year_ago.base == 50.0
        assert (fig.avg_12m, fig.averaged) == (45.0, 1)


class DescribeQuarterlyFormulas:
    def it_computes_a_rate_quarter_by_quarter(self) -> None:
        counts = {Q(2014, 1): 253.0, Q(2014, 2): 306.0, FY(2013): 236.0}
        model = run({"cp": counts}, Q(2014, 2), {"key": "cp", "frequency": "quarterly"},
                    {"key": "cp_rate", "frequency": "quarterly", "unit": "rate",
                     "rate": {"of": "cp", "population": "under_18"}})
        rate = model["cp_rate"]
        # spec C.1: CP3 306 -> 64.6 and 253 -> 53.4 per 10,000 of 47,400
        assert rate.value == pytest.approx(64.56, abs=0.01)
        assert rate.previous.base == pytest.approx(53.38, abs=0.01)
        assert rate.outturn is not None and rate.outturn.value == pytest.approx(49.79, abs=0.01)


class DescribeValuesFilesWithQuarters:
    CAT = catalogue(QUARTERLY, {"key": "contacts"})

    def it_reads_a_long_period_of_a_quarter_or_a_year(self, tmp_path: Path) -> None:
        path = tmp_path / "v.csv"
        path.write_text("indicator,period,value\ndays,Q1 2014/15,850\ndays,Q2 2014/15,757\n"
                        "days,2013/14,697\n", encoding="utf-8")
        found = read_values([path], self.CAT).series["days"]
        assert dict(found.items()) == {
            Q(2014, 1): Observation(850.0, None, None, "v.csv: row 2, column 'value'"),
            Q(2014, 2): Observation(757.0, None, None, "v.csv: row 3, column 'value'"),
            FY(2013): Observation(697.0, None, None, "v.csv: row 4, column 'value'")}

    def it_reads_wide_columns_headed_by_quarters(self, tmp_path: Path) -> None:
        path = tmp_path / "v.csv"
        path.write_text("indicator,Q1 2014/15,Q2 2014/15,2013/14\ndays,850,757,697\n",
                        encoding="utf-8")
        found = read_values([path], self.CAT).series["days"]
        assert {p.label(): o.value for p, o in found.items()} == {
            "2013/14": 697.0, "Q1 2014/15": 850.0, "Q2 2014/15": 757.0}

    def it_refuses_a_month_for_a_quarterly_indicator_and_a_quarter_for_a_monthly_one(
            self, tmp_path: Path) -> None:
        path = tmp_path / "v.csv"
        path.write_text("indicator,period,value\ndays,2014-09,757\ncontacts,Q2 2014/15,5\n",
                        encoding="utf-8")
        with pytest.raises(DataError) as caught:
            read_values([path], self.CAT)
        assert [str(p) for p in caught.value.problems] == [
            f"{path}: row 2, column 'value': 'days' is quarterly but Sep-14 is a month (valid: "
            "a quarter such as Q2 2014/15 (or set the indicator's frequency))",
            f"{path}: row 3, column 'value': 'contacts' is monthly but Q2 2014/15 is a quarter "
            "(valid: a month such as Oct-23 (or set the indicator's frequency))"]


class DescribeComputedDatasetRow:
    def it_says_which_period_a_value_is_for_and_carries_the_outturn(self) -> None:
        model = run({"days": DAYS}, Month(2014, 10), QUARTERLY)
        table = dataset_table(model)
        row = dict(zip(table.columns, table.rows[0], strict=True))
        assert (row["value"], row["previous"], row["year_ago"]) == (757.0, 850.0, 700.0)
        assert (row["frequency"], row["period"], row["outturn"]) == (
            "quarterly", "Q2 2014/15", 697.0)
        assert (row["2014-09"], row["2014-08"], row["2014-06"]) == (757.0, None, 850.0)
