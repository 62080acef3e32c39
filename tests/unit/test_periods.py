"""Months: parsing the headers analysts write, ordering, shifting, windows."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.compute.periods import Month, months_ending, parse_month_header, parse_period


class DescribeMonth:
    def it_orders_by_year_then_month(self) -> None:
        assert Month(2022, 12) < Month(2023, 1) < Month(2023, 10)
        assert max([Month(2023, 1), Month(2022, 12)]) == Month(2023, 1)
        assert sorted([Month(2023, 2), Month(2021, 11), Month(2023, 1)]) == [
            Month(2021, 11), Month(2023, 1), Month(2023, 2)]

    def it_shifts_across_year_ends(self) -> None:
        assert Month(2023, 10).shift(-12) == Month(2022, 10)
        assert Month(2023, 1).shift(-1) == Month(2022, 12)
        assert Month(2022, 12).shift(1) == Month(2023, 1)
        assert Month(2016, 11).shift(-13) == Month(2015, 10)

    def it_prints_iso_and_the_analysts_label(self) -> None:
        assert Month(2023, 10).iso() == "2023-10"
        assert str(Month(2023, 3)) == "2023-03"
        assert Month(2023, 10).label() == "Oct-23"
        assert Month(2005, 1).label() == "Jan-05"

    def it_knows_its_first_and_last_day(self) -> None:
        assert Month(2024, 2).first_day() == dt.date(2024, 2, 1)
        assert Month(2024, 2).last_day() == dt.date(2024, 2, 29)
        assert Month(2023, 2).last_day() == dt.date(2023, 2, 28)

    def it_refuses_a_thirteenth_month(self) -> None:
        with pytest.raises(ValueError, match="month must be 1..12, got 13"):
            Month(2023, 13)

    def it_is_hashable_and_equal_by_value(self) -> None:
        assert {Month(2023, 10): 1}[Month(2023, 10)] == 1


class DescribeMonthsEnding:
    def it_lists_the_window_oldest_first(self) -> None:
        window = months_ending(Month(2023, 10), 13)
        assert len(window) == 13
        assert window[0] == Month(2022, 10)
        assert window[-1] == Month(2023, 10)
        assert all(b.index - a.index == 1 for a, b in zip(window, window[1:], strict=False))


class DescribeParsePeriod:
    def it_reads_yyyy_mm(self) -> None:
        assert parse_period(" 2023-10 ") == Month(2023, 10)

    @pytest.mark.parametrize("text", ["2023-13", "2023-1", "Oct-23", "2023/10", "", "2023-00"])
    def it_rejects_anything_else_with_the_expected_form(self, text: str) -> None:
        with pytest.raises(ValueError) as caught:
            parse_period(text)
        assert str(caught.value) == (f"'{text}' is not a period; write it as YYYY-MM, e.g. "
                                      "2023-10, or as a quarter, e.g. Q2 2014/15")


class DescribeParseMonthHeader:
    @pytest.mark.parametrize(("header", "expected"), [
        ("Oct-23", Month(2023, 10)),
        ("oct-23", Month(2023, 10)),
        ("Oct 23", Month(2023, 10)),
        ("Oct 15", Month(2015, 10)),          # the Nov-16 dataset's headers
        ("October 2023", Month(2023, 10)),
        ("Sep2023", Month(2023, 9)),
        ("2023-10", Month(2023, 10)),
        ("2023-1", Month(2023, 1)),
        ("2023-10-31", Month(2023, 10)),
        ("2023-10-01 00:00:00", Month(2023, 10)),
        (dt.datetime(2023, 10, 31), Month(2023, 10)),
        (dt.date(2023, 10, 1), Month(2023, 10)),
        (45199, Month(2023, 9)),              # Excel serial of 30 Sep 2023 (month end)
        (45200, Month(2023, 10)),             # 1 Oct 2023: first-of-month maps to its month too
        (45230.0, Month(2023, 10)),
        ("44865", Month(2022, 10)),
    ])
    def it_reads_every_form_analysts_use(self, header: object, expected: Month) -> None:
        assert parse_month_header(header) == expected

    @pytest.mark.parametrize("header", [
        "Jul-232", "2023-13", "Target", "RAG", "Oct", "Foo-23", "", "12345", 123, True, None,
    ])
    def it_returns_none_for_what_is_not_a_month(self, header: object) -> None:
        assert parse_month_header(header) is None
