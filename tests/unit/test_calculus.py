"""Truth tables for the calculus of DESIGN section 4 (format-spec C.2, C.3, C.4.1)."""

from __future__ import annotations

import math

import pytest

from builder.compute.calculus import (
    Arrow,
    Direction,
    Rag,
    arrow,
    average,
    direction_of_travel,
    maximum,
    pct_change,
    polarity_sign,
    rag,
    rate,
    ratio,
    round_half_away,
)
from builder.config.catalogue import Polarity


class DescribeRoundHalfAway:
    @pytest.mark.parametrize(("x", "ndigits", "expected"), [
        (0.5, 0, 1.0), (-0.5, 0, -1.0), (1.5, 0, 2.0), (2.5, 0, 3.0), (-2.5, 0, -3.0),
        (9.5, 0, 10.0), (-9.5, 0, -10.0), (9.49, 0, 9.0), (-9.49, 0, -9.0),
        (2.675, 2, 2.68),     # binary 2.67499999... but the number as written rounds up
        (1.005, 2, 1.01), (32.25, 1, 32.3), (-0.04, 1, 0.0),
    ])
    def it_rounds_halves_away_from_zero_like_excel(self, x: float, ndigits: int,
                                                   expected: float) -> None:
        assert round_half_away(x, ndigits) == expected

    def it_never_returns_negative_zero(self) -> None:
        assert math.copysign(1, round_half_away(-0.4)) == 1.0


class DescribePctChange:
    @pytest.mark.parametrize(("current", "base", "expected"), [
        (110, 100, 10.0),
        (90, 100, -10.0),
        (0, 100, -100.0),
        (1922, 1532, (1922 - 1532) / 1532 * 100),   # contacts Oct-23, +25%
        (15.0, 17.4, (15.0 - 17.4) / 17.4 * 100),   # relative change of a percentage (001:13)
        (-5, -10, 50.0),                            # a rise from a negative base is a rise
    ])
    def it_is_the_relative_change_on_unrounded_values(self, current: float, base: float,
                                                      expected: float) -> None:
        assert pct_change(current, base) == pytest.approx(expected, rel=1e-12)

    def it_gives_the_relative_not_the_point_change_for_percentages(self) -> None:
        change = pct_change(15.0, 17.4)
        assert change is not None
        assert round_half_away(change) == -14  # not -2.4 points

    @pytest.mark.parametrize(("current", "base"), [(5, 0), (0, 0), (None, 5), (5, None),
                                                    (None, None)])
    def it_is_none_on_a_zero_base_or_a_missing_month(self, current: float | None,
                                                     base: float | None) -> None:
        assert pct_change(current, base) is None


class DescribeArrow:
    @pytest.mark.parametrize(("change", "expected"), [
        (25.4, Arrow.UP), (10.0, Arrow.UP), (9.5, Arrow.UP),           # 9.5 shows as 10
        (9.49, Arrow.SIMILAR), (0.0, Arrow.SIMILAR), (-9.49, Arrow.SIMILAR),
        (-9.5, Arrow.DOWN),                                             # -9.5 shows as -10
        (-9.52, Arrow.DOWN),                                            # EH1a 19 vs 21 (001:21)
        (-10.0, Arrow.DOWN), (-37.5, Arrow.DOWN),
        (None, Arrow.NONE),
    ])
    def it_points_by_the_rounded_change_at_ten_percent(self, change: float | None,
                                                       expected: Arrow) -> None:
        assert arrow(change) is expected


class DescribeTwelveMonthStatistics:
    def it_averages_the_months_present_so_the_divisor_shrinks(self) -> None:
        window = [None, 10.0, None, 20.0, math.nan, 30.0] + [None] * 6
        assert average(window) == 20.0
        assert maximum(window) == 30.0

    def it_uses_all_twelve_when_all_are_present(self) -> None:
        window = [float(n) for n in range(1, 13)]
        assert average(window) == 6.5
        assert maximum(window) == 12.0

    def it_is_none_when_every_month_is_missing(self) -> None:
        assert average([None] * 12) is None
        assert maximum([None] * 12) is None

    def it_keeps_a_zero_as_a_value(self) -> None:
        assert average([0.0, None, 4.0]) == 2.0
        assert maximum([0.0, -1.0]) == 0.0


class DescribeDirectionOfTravel:
    @pytest.mark.parametrize(("current", "previous", "polarity", "expected"), [
        (11, 10, "higher_is_better", Direction.IMPROVED),
        (9, 10, "higher_is_better", Direction.WORSE),
        (10, 10, "higher_is_better", Direction.NO_CHANGE),
        (11, 10, "lower_is_better", Direction.WORSE),
        (9, 10, "lower_is_better", Direction.IMPROVED),
        (10, 10, "lower_is_better", Direction.NO_CHANGE),
        (11, 10, "neutral", Direction.UP),
        (9, 10, "neutral", Direction.DOWN),
        (10, 10, "neutral", Direction.NO_CHANGE),
        (1922, 1532, "lower_is_better", Direction.WORSE),    # contacts: printed -390
        (388, 433, "lower_is_better", Direction.IMPROVED),   # CIN plans: printed 45
        (0.71, 0.58, "higher_is_better", Direction.IMPROVED),  # fraction rows print 0 / -0
    ])
    def it_is_the_sign_of_the_change_times_polarity(
            self, current: float, previous: float, polarity: Polarity,
            expected: Direction) -> None:
        assert direction_of_travel(current, previous, polarity) is expected

    @pytest.mark.parametrize("polarity", ["higher_is_better", "lower_is_better", "neutral"])
    def it_is_none_when_either_month_is_missing(self, polarity: Polarity) -> None:
        assert direction_of_travel(None, 10, polarity) is None
        assert direction_of_travel(10, None, polarity) is None

    def it_never_calls_a_neutral_change_improved_or_worse(self) -> None:
        results = {direction_of_travel(a, b, "neutral") for a in (1, 2, 3) for b in (1, 2, 3)}
        assert results == {Direction.UP, Direction.DOWN, Direction.NO_CHANGE}


class DescribeRag:
    @pytest.mark.parametrize(("value", "target", "tolerance", "expected"), [
        # higher is better, target 95
        (96, 95, None, Rag.GREEN),
        (95, 95, None, Rag.GREEN),              # exactly on target is met
        (94.99, 95, None, Rag.RED),
        (90.25, 95, 0.05, Rag.AMBER),           # missed by exactly the tolerance: still amber
        (90.24, 95, 0.05, Rag.RED),             # just beyond the tolerance
        (93, 95, 0.05, Rag.AMBER),
        (94.99, 95, 0.0, Rag.RED),              # a zero tolerance means no amber band
    ])
    def it_rates_higher_is_better_against_the_target(self, value: float, target: float,
                                                      tolerance: float | None,
                                                      expected: Rag) -> None:
        assert rag(value, target, "higher_is_better", tolerance) is expected

    @pytest.mark.parametrize(("value", "target", "tolerance", "expected"), [
        # lower is better
        (99, 100, None, Rag.GREEN),
        (100, 100, None, Rag.GREEN),
        (100.01, 100, None, Rag.RED),
        (105, 100, 0.05, Rag.AMBER),            # exactly at the boundary
        (105.01, 100, 0.05, Rag.RED),
        (286.65, 273, 0.05, Rag.AMBER),         # boundary where the division is inexact
        (277, 273, None, Rag.RED),              # referrals Oct-23 (printed 1: spec C.4.1 rule 3)
        (39, 41, None, Rag.GREEN),              # residential independent (printed 0)
        (504, 495, None, Rag.RED),              # children in care, count: no amber band
        (102.23, 100, 0.05, Rag.AMBER),         # children in care rate: printed 0 (amber)
        (0, 0, 0.5, Rag.GREEN),
        (1, 0, 0.5, Rag.RED),                   # a zero target has no relative band
    ])
    def it_rates_lower_is_better_against_the_target(self, value: float, target: float,
                                                     tolerance: float | None,
                                                     expected: Rag) -> None:
        assert rag(value, target, "lower_is_better", tolerance) is expected

    def it_gives_no_rating_without_a_value_a_target_or_a_polarity(self) -> None:
        assert rag(None, 95, "higher_is_better", 0.05) is None
        assert rag(90, None, "higher_is_better", 0.05) is None
        assert rag(90, 95, "neutral", 0.05) is None

    def it_labels_every_rating_in_words(self) -> None:
        assert [r.value for r in Rag] == ["Green", "Amber", "Red"]


class DescribeRatio:
    def it_is_the_scaled_fraction(self) -> None:
        assert ratio(130, 145, 100) == pytest.approx(89.65517241379311, rel=1e-15)
        assert ratio(114, 164, 100) == pytest.approx(69.512195121951223, rel=1e-15)  # 002:5557
        assert ratio(0, 5, 100) == 0.0

    @pytest.mark.parametrize(("top", "bottom"), [(1, 0), (None, 5), (5, None)])
    def it_is_none_when_missing_or_dividing_by_zero(self, top: float | None,
                                                    bottom: float | None) -> None:
        assert ratio(top, bottom, 100) is None


class DescribeRate:
    def it_is_a_point_in_time_rate_per_ten_thousand(self) -> None:
        assert rate([318.0], 49300, 10000) == pytest.approx(318 / 49300 * 10000)

    def it_sums_a_rolling_window_of_counts(self) -> None:
        counts = [1794.0, 1428, 1839, 1598, 2023, 1544, 1828, 1948, 1804, 1471, 1532, 1922]
        assert rate(counts, 49300, 10000) == pytest.approx(sum(counts) / 49300 * 10000)

    def it_is_none_when_any_month_of_the_window_is_missing(self) -> None:
        assert rate([1.0, None, 3.0], 49300, 10000) is None

    def it_is_none_without_enough_history(self) -> None:
        assert rate([], 49300, 10000) is None


class DescribePolaritySign:
    def it_maps_polarity_to_plus_minus_or_zero(self) -> None:
        assert [polarity_sign(p) for p in ("higher_is_better", "lower_is_better", "neutral")] == [
            1, -1, 0]
