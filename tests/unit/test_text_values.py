"""Value cells written with words (format-spec F, issue 9): the number is used in calculations,
the text is shown as the analyst wrote it; an amendment is recorded as a revision."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.compute.engine import compute
from builder.compute.periods import Period
from builder.config.catalogue import Catalogue
from builder.data.cells import Cell, CellError, amended_from, parse_cell
from builder.data.readers import Observation, read_values
from builder.present.cells import indicator_value

Q2 = Period.quarter(2014, 2)
CATALOGUE = Catalogue.model_validate({
    "themes": [{"key": "t", "title": "T"}],
    "indicators": [{"key": "timely", "title": "Timely", "theme": "t", "unit": "percent",
                    "decimals": 1, "frequency": "quarterly"}]})


class DescribeQualifiedNumbers:
    @pytest.mark.parametrize(("text", "value"), [
        ("88% as of April 1st 2014", 88.0), ("66.4% (amended from 68.9%)", 66.4),
        ("80% *Prov (2014)", 80.0), ("52% *Prov", 52.0), ("62% (2014)", 62.0),
        ("26.6% (2013)", 26.6), ("4.8% (Autumn & Spring only 2014)", 4.8),
        ("645 (3-year average)", 645.0), ("6 (2013/14)", 6.0), ("1,922 (provisional)", 1922.0)])
    def it_keeps_the_number_and_the_text_as_written(self, text: str, value: float) -> None:
        assert parse_cell(text) == Cell(value, text)

    @pytest.mark.parametrize("text", ["Pending data accuracy work",
                                      "System changes will make this reportable from Q3"])
    def it_keeps_a_reason_as_no_value(self, text: str) -> None:
        assert parse_cell(text) == Cell(None, text)

    @pytest.mark.parametrize("text", ["6 young people subject to MAPPA", "16.% *Prov (2014)",
                                      "277 provisional", "(ongoing"])
    def it_still_refuses_prose_and_malformed_numbers(self, text: str) -> None:
        with pytest.raises(CellError):
            parse_cell(text)

    @pytest.mark.parametrize(("text", "old"), [
        ("66.4% (amended from 68.9%)", 68.9), ("1,210 (Amended from 1,198)", 1198.0),
        ("88% as of April 1st 2014", None), (None, None)])
    def it_reads_the_figure_an_amendment_replaced(self, text: str | None,
                                                  old: float | None) -> None:
        assert amended_from(text) == old


class DescribeTextValuesInTheData:
    def it_calculates_with_the_number_and_records_the_amendment(self, tmp_path: Path) -> None:
        path = tmp_path / "v.csv"
        path.write_text("indicator,Q1 2014/15,Q2 2014/15\n"
                        "timely,68.0,66.4% (amended from 68.9%)\n", encoding="utf-8")
        values = read_values([path], CATALOGUE)
        (revision,) = values.revisions
        assert (revision.indicator, revision.period) == ("timely", Q2)
        assert (revision.old.value, revision.new.value) == (68.9, 66.4)
        fig = compute(CATALOGUE, values, Q2)["timely"]
        assert fig.value == 66.4
        assert fig.previous.pct == pytest.approx((66.4 - 68.0) / 68.0 * 100)
        assert indicator_value(fig.indicator, fig.value, fig.latest.reason) == \
            "66.4% (amended from 68.9%)"

    def it_prints_a_plain_number_by_the_indicators_rules(self) -> None:
        ind = CATALOGUE.indicators[0]
        assert indicator_value(ind, 66.4) == "66.4%"
        assert indicator_value(ind, None, "Pending data accuracy work") == \
            "Pending data accuracy work"
        assert Observation(66.4).reason is None
