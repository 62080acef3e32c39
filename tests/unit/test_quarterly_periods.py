"""Financial quarters and years: names as the council writes them, order, shifts, parsing."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.compute.periods import (
    Month,
    Period,
    fy_label,
    parse_financial_year,
    parse_month_header,
    parse_period,
)

Q2_1415 = Period.quarter(2014, 2)
FY_1314 = Period.financial_year(2013)


class DescribeQuarter:
    @pytest.mark.parametrize(("number", "end", "label"), [
        (1, Month(2014, 6), "Q1 2014/15"), (2, Month(2014, 9), "Q2 2014/15"),
        (3, Month(2014, 12), "Q3 2014/15"), (4, Month(2015, 3), "Q4 2014/15")])
    def it_runs_from_april(self, number: int, end: Month, label: str) -> None:
        quarter = Period.quarter(2014, number)
        assert (quarter.end, quarter.label(), quarter.quarter_number) == (end, label, number)
        assert quarter.frequency == "quarterly"

    def it_knows_its_days_and_months(self) -> None:
        assert Q2_1415.first_day() == dt.date(2014, 7, 1)
        assert Q2_1415.last_day() == dt.date(2014, 9, 30)
        assert Q2_1415.month_list() == (Month(2014, 7), Month(2014, 8), Month(2014, 9))

    def it_shifts_by_quarters_across_financial_years(self) -> None:
        assert Q2_1415.shift(-1) == Period.quarter(2014, 1)
        assert Q2_1415.shift(-2) == Period.quarter(2013, 4)
        assert Q2_1415.shift(-4) == Period.quarter(2013, 2)
        assert Period.quarter(2014, 4).shift(1) == Period.quarter(2015, 1)

    def it_prints_a_file_safe_iso_form_and_a_short_heading(self) -> None:
        assert Q2_1415.iso() == "2014-15-Q2"
        assert Q2_1415.short_label() == "Q2"
        assert parse_month_header(Q2_1415.iso()) == Q2_1415

    def it_refuses_a_period_that_is_not_a_financial_quarter(self) -> None:
        with pytest.raises(ValueError, match="must end with a financial quarter"):
            Period(2014, 8, 3)


class DescribeFinancialYear:
    def it_runs_april_to_march(self) -> None:
        assert FY_1314.first_day() == dt.date(2013, 4, 1)
        assert FY_1314.last_day() == dt.date(2014, 3, 31)
        assert (FY_1314.label(), FY_1314.iso(), FY_1314.frequency) == (
            "2013/14", "2013-14", "annual")

    @pytest.mark.parametrize(("period", "start"), [
        (Month(2014, 3), 2013), (Month(2014, 4), 2014), (Q2_1415, 2014),
        (Period.quarter(2014, 4), 2014), (FY_1314, 2013)])
    def it_is_the_year_a_period_ends_in(self, period: Period, start: int) -> None:
        assert period.fy_start == start
        assert period.fy == Period.financial_year(start)

    def it_labels_years_long_and_short(self) -> None:
        assert (fy_label(2017), fy_label(2017, "short")) == ("2017/18", "17-18")


class DescribeOrder:
    def it_puts_a_month_before_the_quarter_and_the_year_ending_with_it(self) -> None:
        march = Month(2014, 3)
        q4 = Period.quarter(2013, 4)
        assert sorted([FY_1314, q4, march, Month(2014, 2)]) == [Month(2014, 2), march, q4,
                                                                 FY_1314]
        assert len({march, q4, FY_1314}) == 3


class DescribeLatest:
    @pytest.mark.parametrize(("at", "frequency", "expected"), [
        (Month(2023, 10), "monthly", Month(2023, 10)),
        (Month(2023, 10), "quarterly", Period.quarter(2023, 2)),
        (Month(2023, 9), "quarterly", Period.quarter(2023, 2)),
        (Month(2023, 6), "quarterly", Period.quarter(2023, 1)),
        (Month(2023, 5), "quarterly", Period.quarter(2022, 4)),
        (Month(2023, 10), "annual", Period.financial_year(2022)),
        (Month(2024, 3), "annual", Period.financial_year(2023)),
        (Q2_1415, "monthly", Month(2014, 9)),
        (Q2_1415, "quarterly", Q2_1415),
        (Q2_1415, "annual", FY_1314)])
    def it_is_the_last_period_ending_in_or_before(self, at: Period, frequency: str,
                                                  expected: Period) -> None:
        assert Period.latest(frequency, at) == expected  # type: ignore[arg-type]


class DescribeParsing:
    @pytest.mark.parametrize("text", ["Q2 2014/15", "q2 2014/15", "Q2 14/15", "Q2 2014-15",
                                      "2014/15 Q2", "Q2 2014/2015"])
    def it_reads_quarter_headers(self, text: str) -> None:
        assert parse_month_header(text) == Q2_1415

    @pytest.mark.parametrize("text", ["2013/14", "2013/2014", "FY 2013/14"])
    def it_reads_financial_year_headers(self, text: str) -> None:
        assert parse_month_header(text) == FY_1314

    @pytest.mark.parametrize("text", ["Q5 2014/15", "Q2 2014/16", "2013/15", "2013-14", "Q2"])
    def it_refuses_what_is_not_a_quarter_or_year(self, text: str) -> None:
        assert parse_month_header(text) is None

    def it_still_reads_months(self) -> None:
        assert parse_month_header("Oct-23") == Month(2023, 10)
        assert parse_month_header("2023-10") == Month(2023, 10)

    def it_takes_a_quarter_as_a_report_period(self) -> None:
        assert parse_period("Q2 2014/15") == Q2_1415
        assert parse_period("2023-10") == Month(2023, 10)

    @pytest.mark.parametrize(("text", "start"), [
        ("2017/18", 2017), ("17-18", 2017), ("17/18", 2017), ("2017-18", 2017),
        ("2017/2018", 2017), ("2017/19", None), ("2017", None), ("Q1 2017/18", None)])
    def it_reads_target_year_keys(self, text: str, start: int | None) -> None:
        assert parse_financial_year(text) == start
