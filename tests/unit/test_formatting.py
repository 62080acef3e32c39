"""Numbers, changes, arrows, RAG labels and dates as the panel's papers print them."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.compute.calculus import Arrow, Direction, Rag, arrow, pct_change
from builder.config.catalogue import Unit
from builder.config.wording import Meanings
from builder.present import formatting as fmt


class DescribeNumber:
    @pytest.mark.parametrize(("value", "decimals", "unit", "expected"), [
        (1922.0, 0, "count", "1,922"),
        (21.0, 0, "percent", "21%"),
        (89.65517241379311, 1, "percent", "89.7%"),
        (14.214, 2, "number", "14.21"),
        (13.97, 2, "number", "13.97"),
        (702.6, 1, "rate", "702.6"),
        (1234567.891, 1, "count", "1,234,567.9"),
        (2.5, 0, "count", "3"),            # half away from zero, not to even
        (-2.5, 0, "count", "-3"),
        (0.125, 2, "number", "0.13"),
        (-0.4, 0, "count", "0"),           # never "-0"
        (-0.04, 1, "percent", "0.0%"),
        (35.75, 2, "count", "35.75"),      # CP4 (val) 12-month average (004:1994)
    ])
    def it_prints_separators_fixed_decimals_and_percent_signs(
            self, value: float, decimals: int, unit: Unit, expected: str) -> None:
        assert fmt.number(value, decimals, unit) == expected

    def it_prints_a_missing_value_as_a_dash_or_the_given_text(self) -> None:
        assert fmt.number(None) == "-"
        assert fmt.number(None, missing="n/a") == "n/a"


class DescribePctChange:
    @pytest.mark.parametrize(("pct", "expected"), [
        (25.45691906005222, "25%"),       # contacts 1532 -> 1922
        (-37.52012882447665, "-38%"),     # CIN plans 621 -> 388
        (60.49382716049383, "60%"),       # S47 81 -> 130
        (9.5, "10%"), (-9.5, "-10%"), (9.49, "9%"), (-9.49, "-9%"),
        (0.5, "1%"), (-0.2, "0%"), (0.0, "0%"),
        (None, "n/a"),
    ])
    def it_prints_a_whole_number_rounded_half_away_from_zero(self, pct: float | None,
                                                            expected: str) -> None:
        assert fmt.pct_change(pct) == expected

    @pytest.mark.parametrize(("current", "base", "shown", "glyph"), [
        (90.5, 100, "-10%", "↓"),   # -9.5% -> -10% -> down
        (109.5, 100, "10%", "↑"),   # 9.5% -> 10% -> up
        (109.49, 100, "9%", "⇒"),   # 9.49% -> 9% -> similar
        (19, 21, "-10%", "↓"),      # EH1a year-on-year, -9.52% (001:21)
        (5, 0, "n/a", "-"),         # zero base
    ])
    def it_agrees_with_the_arrow_on_the_rounded_figure(self, current: float, base: float,
                                                       shown: str, glyph: str) -> None:
        change = pct_change(current, base)
        assert (fmt.pct_change(change), fmt.arrow(arrow(change))) == (shown, glyph)


class DescribeLabels:
    def it_draws_the_three_arrows_and_a_dash(self) -> None:
        assert [fmt.arrow(a) for a in (Arrow.UP, Arrow.SIMILAR, Arrow.DOWN, Arrow.NONE)] == [
            "↑", "⇒", "↓", "-"]

    def it_gives_each_arrow_and_rating_its_own_meaning_from_the_config(self) -> None:
        meanings = Meanings(up="U", similar="S", down="D", none="N", green="G", amber="A",
                            red="R")
        assert [fmt.arrow_meaning(a, meanings) for a in Arrow] == ["U", "S", "D", "N"]
        assert [fmt.rag_meaning(r, meanings) for r in Rag] == ["G", "A", "R"]

    def it_names_the_rag_in_words(self) -> None:
        assert [fmt.rag_label(r) for r in (Rag.GREEN, Rag.AMBER, Rag.RED, None)] == [
            "Green", "Amber", "Red", ""]

    def it_names_the_direction_of_travel(self) -> None:
        assert [fmt.direction(d) for d in (*Direction, None)] == [
            "improved", "no change", "worse", "up", "down", ""]


class DescribeDates:
    def it_prints_the_papers_date_styles(self) -> None:
        assert fmt.long_date(dt.date(2023, 10, 31)) == "31 October 2023"
        assert fmt.long_date(dt.date(2023, 11, 1)) == "1 November 2023"
        assert fmt.weekday_date(dt.date(2023, 11, 15)) == "Wednesday, 15 November 2023"
        assert fmt.upper_date(dt.date(2023, 11, 23)) == "23 NOVEMBER 2023"
        assert fmt.short_date(dt.date(2023, 9, 28)) == "28/09/23"

