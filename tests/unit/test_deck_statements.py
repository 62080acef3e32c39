"""The 'Progress analysis' rule: which changes are notable, and how they are worded (D.3)."""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

import pytest

from builder.compute.engine import compute
from builder.compute.model import IndicatorFigures
from builder.compute.periods import Month, months_ending
from builder.config.catalogue import Catalogue, Indicator, Theme
from builder.config.deck import Disclosure, StatementRules
from builder.config.deck_wording import RuleWording
from builder.data.readers import Observation, Values
from builder.present.statements import (
    Rule,
    describe_rules,
    display_name,
    indicator_name,
    notable_rule,
    statement_text,
    statements_for,
)

OCT_23 = Month(2023, 10)
RULES = StatementRules()


def figures(values: Sequence[float | None], period: Month = OCT_23, **fields: Any
            ) -> IndicatorFigures:
    """One indicator's figures for 13 monthly values ending at ``period`` (oldest first)."""
    spec = {"key": "x", "title": "Number of things", "theme": "t", **fields}
    catalogue = Catalogue(themes=(Theme(key="t", title="T"),),
                          indicators=(Indicator(**spec),))
    months = months_ending(period, 13)
    series = {m: Observation(v) for m, v in zip(months, values, strict=True) if v is not None}
    model = compute(catalogue, Values(MappingProxyType({"x": MappingProxyType(series)})), period)
    return model["x"]


def flat(year_ago: float | None, previous: float | None, value: float | None
         ) -> list[float | None]:
    """13 months: the year-ago value, ten months equal to it, then previous and current."""
    return [year_ago, *([year_ago] * 10), previous, value]


def say(fig: IndicatorFigures, names: dict[str, str] | None = None) -> str:
    rule = notable_rule(fig, RULES)
    assert rule is not None, "expected a notable change"
    return statement_text(fig, rule, names or {}, OCT_23)


class DescribeChangeSinceLastMonth:
    def it_reports_a_change_of_20_percent_or_more_in_the_published_style(self) -> None:
        fig = figures(flat(1488, 1532, 1922), title="Number of contacts in the month")
        assert notable_rule(fig, RULES) is Rule.MONTH_CHANGE
        assert say(fig) == "Contacts increased by 25% to 1,922 since September."

    def it_says_reduced_for_a_fall(self) -> None:
        assert say(figures(flat(100, 100, 75))) == "Things reduced by 25% to 75 since September."

    def it_ignores_a_change_below_the_threshold(self) -> None:
        assert notable_rule(figures(flat(100, 100, 119)), RULES) is None

    def it_compares_the_rounded_change(self) -> None:
        # 19.5% is printed as 20%, so it counts as a 20% change
        assert notable_rule(figures(flat(200, 200, 239)), RULES) is Rule.MONTH_CHANGE

    def it_skips_counts_below_the_minimum_base(self) -> None:
        assert notable_rule(figures(flat(4, 4, 2)), RULES) is None

    def it_cannot_compare_with_a_zero_or_missing_month(self) -> None:
        assert notable_rule(figures(flat(50, 0, 40)), RULES) is None
        assert notable_rule(figures(flat(50, None, 40)), RULES) is None

    def it_names_the_year_of_the_previous_month_in_january(self) -> None:
        fig = figures(flat(100, 100, 150), period=Month(2024, 1))
        text = statement_text(fig, Rule.MONTH_CHANGE, {}, Month(2024, 1))
        assert text == "Things increased by 50% to 150 since December 2023."


class DescribeChangeSinceLastYear:
    def it_reports_the_year_change_when_the_month_is_quiet(self) -> None:
        fig = figures(flat(621, 433, 388), title="Number of children with a CIN plan")
        assert notable_rule(fig, RULES) is Rule.YEAR_CHANGE
        assert say(fig, {"x": "children with a Child in Need plan"}) == (
            "Children with a Child in Need plan reduced by 38% since October 2022, down to 388.")

    def it_ignores_a_year_change_below_25_percent(self) -> None:
        assert notable_rule(figures(flat(130, 105, 100)), RULES) is None


class DescribeTargetCrossed:
    def it_reports_a_percentage_reaching_its_target(self) -> None:
        fig = figures(flat(64, 75, 80), unit="percent", polarity="higher_is_better", target=80,
                      title="Percentage of CLA with the same social worker")
        assert notable_rule(fig, RULES) is Rule.TARGET_REACHED
        assert say(fig) == ("The percentage of CLA with the same social worker has reached the "
                            "target of 80%, up from 75% to 80% since September.")

    def it_reports_a_count_missing_its_target_with_its_change(self) -> None:
        fig = figures(flat(276, 267, 277), polarity="lower_is_better", target=273)
        assert notable_rule(fig, RULES) is Rule.TARGET_MISSED
        assert say(fig) == ("Things increased by 4% to 277 since September, missing the target "
                            "of 273 by 4.")

    def it_wins_over_a_big_change(self) -> None:
        fig = figures(flat(50, 50, 100), polarity="higher_is_better", target=80)
        assert notable_rule(fig, RULES) is Rule.TARGET_REACHED
        assert say(fig).endswith("increased by 100% to 100 since September, reaching the "
                                 "target of 80.")

    def it_can_be_switched_off(self) -> None:
        fig = figures(flat(276, 267, 277), polarity="lower_is_better", target=273)
        rules = StatementRules(target_crossed=False)
        assert notable_rule(fig, rules) is Rule.RED_WORSENING


class DescribeRedAndWorse:
    def it_reports_a_red_indicator_that_got_worse_with_its_distance_from_target(self) -> None:
        fig = figures(flat(360, 320, 325), unit="rate", polarity="lower_is_better", target=260)
        assert notable_rule(fig, RULES) is Rule.RED_WORSENING
        assert say(fig) == ("Things increased by 2% to 325 since September, 65 above the "
                            "target of 260.")

    def it_quotes_percentage_levels_and_points(self) -> None:
        fig = figures(flat(63, 82, 81), unit="percent", polarity="higher_is_better", target=95,
                      title="Percentage of children open to Early Help with supervision")
        assert notable_rule(fig, RULES) is Rule.RED_WORSENING
        assert say(fig) == ("81% of children open to Early Help with supervision, down from 82% "
                            "in September, 14 points below the target of 95%.")

    def it_comes_before_the_change_since_last_year(self) -> None:
        fig = figures(flat(26, 44, 48), polarity="lower_is_better", target=20)
        assert notable_rule(fig, RULES) is Rule.RED_WORSENING

    def it_ignores_a_red_indicator_that_improved(self) -> None:
        assert notable_rule(figures(flat(315, 318, 314), polarity="lower_is_better",
                                    target=295), RULES) is None

    def it_ignores_a_change_that_prints_the_same(self) -> None:
        fig = figures(flat(40.4, 40.4, 40.0), unit="percent", polarity="higher_is_better",
                      target=95)
        assert notable_rule(fig, RULES) is None


class DescribePercentages:
    def it_puts_the_level_first(self) -> None:
        fig = figures(flat(69.51, 53.29, 89.66), unit="percent",
                      title="Percentage of Strategy discussions resulting in Section 47")
        assert say(fig, {"x": "strategy discussions resulting in a Section 47"}) == (
            "90% of strategy discussions resulting in a Section 47, up from 53% in September.")


class DescribeStatementsFor:
    def it_keeps_catalogue_order_and_one_statement_per_indicator(self) -> None:
        quiet, loud = figures(flat(100, 100, 101)), figures(flat(100, 100, 200))
        said = statements_for([loud, quiet, loud], OCT_23, RULES, {}, Disclosure())
        assert [s.rule for s in said] == [Rule.MONTH_CHANGE, Rule.MONTH_CHANGE]

    def it_leaves_out_statements_that_need_a_suppressed_count(self) -> None:
        fig = figures(flat(12, 12, 3), polarity="lower_is_better", target=2)
        on = Disclosure(enabled=True, threshold=5)
        assert statements_for([fig], OCT_23, RULES, {}, Disclosure()) != ()
        assert statements_for([fig], OCT_23, RULES, {}, on) == ()


class DescribeNames:
    @pytest.mark.parametrize(("title", "name"), [
        ("Number of contacts in the month", "contacts"),
        ("Percentage of Strategy discussions resulting in Section 47",
         "strategy discussions resulting in Section 47"),
        ("Number of Early Help assessments started", "Early Help assessments started"),
        ("Number of CLA placed for adoption", "CLA placed for adoption"),
        ("Rate of contacts per 10,000", "rate of contacts per 10,000"),
    ])
    def it_derives_a_noun_phrase_from_the_title(self, title: str, name: str) -> None:
        assert indicator_name(Indicator(key="x", title=title, theme="t"), {}) == name

    def it_prefers_the_configured_name(self) -> None:
        indicator = Indicator(key="x", title="Number of contacts", theme="t")
        assert indicator_name(indicator, {"x": "calls"}) == "calls"

    def it_titles_percentages_as_percentages(self) -> None:
        indicator = Indicator(key="x", title="Percentage of re-referrals", theme="t",
                              unit="percent")
        assert display_name(indicator, {}) == "Percentage of re-referrals"


class DescribeRuleDescription:
    def it_states_the_thresholds(self) -> None:
        text = describe_rules(StatementRules(month_change_pct=15, year_change_pct=30),
                              RuleWording())
        assert "15% or more since last month" in text
        assert "30% or more since the same month last year" in text
        assert "is Red and got worse" in text

    def it_says_it_in_the_decks_words_leaving_out_the_rules_switched_off(self) -> None:
        wording = RuleWording(sentence="When {conditions} (base {min_base}).",
                              target_crossed="T", month_change="M{pct}", red_worsening="R",
                              year_change="Y{pct}", separator=" / ")
        rules = StatementRules(month_change_pct=15, year_change_pct=30, min_base=4,
                               red_worsening=False)
        assert describe_rules(rules, wording) == "When T / M15 / Y30 (base 4)."
