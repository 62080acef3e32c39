"""Targets by financial year: the report period's year gives the RAG; TBC is a reason; a yearly
(cumulative) target is neither a RAG for one month nor a chart line (issue 9)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import pytest
from pydantic import ValidationError

from builder.compute.calculus import Rag
from builder.compute.engine import compute
from builder.compute.model import IndicatorFigures
from builder.compute.periods import Month, Period
from builder.config.catalogue import Catalogue, Indicator
from builder.data.readers import Observation, Values
from builder.present.report_appendices import chart_spec

# 001:73: NI147 92.0% / 93.0% / 94.0% for 17-18, 18-19, 19-20; 001:22: 288 336 TBC
YEARS = {"2017/18": 92.0, "18-19": 93.0, "2019/20": 94.0}


def indicator(**fields: Any) -> Indicator:
    return Indicator.model_validate({"key": "x", "title": "x", "theme": "t", **fields})


def figures(value: float, period: Month, **fields: Any) -> IndicatorFigures:
    cat = Catalogue.model_validate({"themes": [{"key": "t", "title": "T"}],
                                    "indicators": [{"key": "x", "title": "x", "theme": "t",
                                                    **fields}]})
    obs = {period.shift(-n): Observation(value) for n in range(13)}
    return compute(cat, Values(MappingProxyType({"x": MappingProxyType(obs)})), period)["x"]


class DescribeTargetFor:
    @pytest.mark.parametrize(("period", "expected"), [
        (Month(2017, 4), (92.0, None)), (Month(2018, 3), (92.0, None)),
        (Month(2018, 4), (93.0, None)), (Month(2018, 6), (93.0, None)),
        (Period.quarter(2019, 2), (94.0, None)), (Month(2020, 4), (None, None)),
        (Month(2017, 3), (None, None))])
    def it_takes_the_financial_year_the_period_ends_in(
            self, period: Period, expected: tuple[float | None, str | None]) -> None:
        assert indicator(target=YEARS).target_for(period) == expected

    def it_keeps_one_target_for_every_year(self) -> None:
        assert indicator(target=273).target_for(Month(2023, 10)) == (273.0, None)
        assert indicator().target_for(Month(2023, 10)) == (None, None)

    def it_keeps_tbc_as_the_reason_as_written(self) -> None:
        ind = indicator(target={"2017/18": 288, "2018/19": 336, "2019/20": "TBC"})
        assert ind.target == {"2017/18": 288.0, "2018/19": 336.0, "2019/20": "TBC"}
        assert ind.target_for(Month(2019, 6)) == (None, "TBC")

    @pytest.mark.parametrize(("target", "message"), [
        ({"2017": 1}, "'2017' is not a financial year; write it as 2017/18"),
        ({"2017/18": "soon"}, "'soon' is not a number or a reason such as TBC"),
        ("high", "'high' is not a number or a reason such as TBC")])
    def it_refuses_what_is_not_a_year_or_a_target(self, target: object, message: str) -> None:
        with pytest.raises(ValidationError, match=message):
            indicator(target=target)


class DescribeRagByYear:
    @pytest.mark.parametrize(("value", "period", "rag"), [
        (92.5, Month(2018, 3), Rag.GREEN),   # 2017/18 target 92.0
        (92.5, Month(2018, 4), Rag.RED),     # 2018/19 target 93.0
        (93.5, Month(2019, 4), Rag.RED),     # 2019/20 target 94.0
        (93.5, Month(2020, 4), None)])       # no target for 2020/21
    def it_rates_against_the_report_years_target(self, value: float, period: Month,
                                                 rag: Rag | None) -> None:
        fig = figures(value, period, target=YEARS, polarity="higher_is_better")
        assert fig.rag is rag

    def it_gives_no_rag_and_shows_the_reason_for_tbc(self) -> None:
        fig = figures(5, Month(2019, 6), target={"2019/20": "TBC"}, polarity="higher_is_better")
        assert (fig.rag, fig.target, fig.target_reason) == (None, None, "TBC")


class DescribeYearlyTargets:
    def it_rates_no_single_month_against_a_yearly_total(self) -> None:
        fig = figures(30, Month(2018, 6), target={"2018/19": 336}, target_scope="year",
                      polarity="higher_is_better")
        assert (fig.rag, fig.target) == (None, 336.0)

    def it_draws_no_yearly_target_as_a_monthly_line(self) -> None:
        yearly = figures(30, Month(2018, 6), target={"2018/19": 336}, target_scope="year",
                         polarity="higher_is_better")
        monthly = figures(30, Month(2018, 6), target={"2018/19": 33},
                          polarity="higher_is_better")
        assert chart_spec(yearly, "Target").target is None
        assert "target" not in chart_spec(yearly, "Target").alt_text
        assert chart_spec(monthly, "Target").target == 33.0
