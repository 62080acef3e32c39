"""compute(): windows, changes, 12-month statistics, formulas and the warnings of DESIGN 4."""

from __future__ import annotations

import csv
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import yaml

from builder.compute.calculus import Arrow, Direction, Rag
from builder.compute.engine import compute
from builder.compute.model import Commentary, ReportModel
from builder.compute.periods import Month, months_ending
from builder.config.catalogue import Catalogue
from builder.data.cells import parse_cell
from builder.data.readers import Observation, Revision, Values
from builder.errors import DataError
from builder.pipeline.data import DataInputs, build_model
from tests.conftest import FIXTURES

OCT23 = Month(2023, 10)
POPULATION = 49300


def catalogue(*indicators: dict[str, Any]) -> Catalogue:
    return Catalogue.model_validate({
        "populations": {"under_18": POPULATION},
        "themes": [{"key": "one", "title": "One"}, {"key": "two", "title": "Two"}],
        "indicators": [{"title": i["key"], "theme": "one", **i} for i in indicators],
    })


def values(series: dict[str, list[object]], end: Month = OCT23) -> Values:
    """Right-aligned monthly cells (numbers or markers) ending at ``end``; None = no cell."""
    out: dict[str, MappingProxyType[Month, Observation]] = {}
    for key, cells in series.items():
        months = months_ending(end, len(cells))
        parsed = {m: parse_cell(c) for m, c in zip(months, cells, strict=True) if c is not None}
        out[key] = MappingProxyType({m: Observation(c.value, c.marker) for m, c in parsed.items()})
    return Values(MappingProxyType(out))


def run(series: dict[str, list[object]], *indicators: dict[str, Any],
        period: Month = OCT23, end: Month = OCT23, **kwargs: Any) -> ReportModel:
    cat = catalogue(*(indicators or [{"key": k} for k in series]))
    return compute(cat, values(series, end), period, **kwargs)


# contacts Oct-22 .. Oct-23 (002:5375)
CONTACTS = [1488, 1794, 1428, 1839, 1598, 2023, 1544, 1828, 1948, 1804, 1471, 1532, 1922]


class DescribeWindowAndChanges:
    def it_keeps_the_13_months_ending_at_the_period(self) -> None:
        model = run({"contacts": [1759, *CONTACTS]})
        fig = model["contacts"]
        assert [p.month for p in fig.window] == list(months_ending(OCT23, 13))
        assert [p.value for p in fig.window] == [float(v) for v in CONTACTS]
        assert model.months == months_ending(OCT23, 13)
        assert fig.history[0].month == Month(2022, 9)        # history from the first data month
        assert fig.latest.value == fig.value == 1922.0

    def it_changes_from_the_previous_month_and_the_same_month_last_year(self) -> None:
        fig = run({"contacts": CONTACTS})["contacts"]
        assert fig.previous.base == 1532.0
        assert fig.previous.pct == pytest.approx((1922 - 1532) / 1532 * 100)
        assert fig.previous.arrow is Arrow.UP
        assert fig.year_ago.base == 1488.0
        assert fig.year_ago.pct == pytest.approx((1922 - 1488) / 1488 * 100)

    def it_cannot_compute_a_change_from_a_zero_or_missing_base(self) -> None:
        model = run({"zero": [0] * 12 + [5], "missing": [None] * 11 + ["-", 5]})
        for key in ("zero", "missing"):
            assert model[key].previous.pct is None
            assert model[key].previous.arrow is Arrow.NONE
            assert model[key].year_ago.pct is None

    def it_ignores_values_after_the_period(self) -> None:
        model = run({"contacts": [*CONTACTS, 9999]}, end=Month(2023, 11))
        assert model["contacts"].value == 1922.0
        assert all(p.value != 9999 for p in model["contacts"].history)

    def it_keeps_the_reason_a_month_has_no_value(self) -> None:
        fig = run({"new": ["New measure from Oct 23"] * 12 + [5]})["new"]
        assert fig.window[0].value is None
        assert fig.window[0].reason == "New measure from Oct 23"
        assert fig.window[-1].reason is None


class DescribeTwelveMonthStatistics:
    def it_averages_months_t_minus_11_to_t_excluding_the_year_ago_month(self) -> None:
        fig = run({"x": [1000] + [10] * 11 + [22]})["x"]
        assert fig.avg_12m == pytest.approx((10 * 11 + 22) / 12)
        assert fig.max_12m == 22.0                        # 1000 is month t-12: outside

    def it_shrinks_the_divisor_when_months_are_missing(self) -> None:
        fig = run({"x": [None, 10, "-", 20, None, "n/a", 30, None, None, None, None, None, 40]})[
            "x"]
        assert fig.avg_12m == 25.0
        assert fig.max_12m == 40.0

    def it_uses_what_there_is_for_a_measure_younger_than_a_year(self) -> None:
        fig = run({"new": [3, 4, 8]})["new"]              # Aug-23 .. Oct-23 only
        assert fig.avg_12m == 5.0
        assert fig.max_12m == 8.0
        assert fig.year_ago.pct is None
        assert [p.month for p in fig.window][0] == Month(2022, 10)   # window still 13 months

    def it_has_no_statistics_when_every_month_is_missing(self) -> None:
        fig = run({"x": ["TBC"] * 13})["x"]
        assert (fig.value, fig.avg_12m, fig.max_12m) == (None, None, None)
        assert fig.direction is None and fig.rag is None


class DescribeFormulas:
    def it_derives_a_percentage_month_by_month(self) -> None:
        model = run(
            {"s47": [114, 193, 130], "sd": [164, 0, 145]},
            {"key": "s47"}, {"key": "sd"},
            {"key": "conv", "unit": "percent",
             "derived": {"numerator": "s47", "denominator": "sd"}})
        window = [p.value for p in model["conv"].window]
        assert window[-3] == pytest.approx(114 / 164 * 100)
        assert window[-2] is None                           # divide by zero: no value
        assert window[-1] == pytest.approx(130 / 145 * 100)
        assert window[:-3] == [None] * 10

    def it_computes_point_in_time_rates_per_10000(self) -> None:
        model = run({"cp": [315, 318, 314]}, {"key": "cp"},
                    {"key": "cp_rate", "unit": "rate",
                     "rate": {"of": "cp", "population": "under_18"}})
        assert [p.value for p in model["cp_rate"].window][-3:] == pytest.approx(
            [315 / POPULATION * 1e4, 318 / POPULATION * 1e4, 314 / POPULATION * 1e4])

    def it_computes_rolling_rates_from_the_last_12_counts(self) -> None:
        model = run({"contacts": [1759, *CONTACTS]}, {"key": "contacts"},
                    {"key": "rate", "unit": "rate",
                     "rate": {"of": "contacts", "population": "under_18", "rolling_months": 12}})
        fig = model["rate"]
        assert fig.value == pytest.approx(sum(CONTACTS[1:]) / POPULATION * 1e4)
        assert fig.previous.base == pytest.approx(sum(CONTACTS[:12]) / POPULATION * 1e4)
        # counts start Sep-22, so Aug-23 is the first month with 12 of them; before it there is
        # not enough history: no rate, and no change on the year
        assert [p.value is not None for p in fig.window] == [False] * 10 + [True] * 3
        assert fig.window[-3].value == pytest.approx(
            (1759 + sum(CONTACTS[:11])) / POPULATION * 1e4)
        assert fig.year_ago.pct is None

    def it_gives_no_rolling_rate_when_a_month_of_the_window_is_missing(self) -> None:
        counts: list[object] = list(CONTACTS)
        counts[6] = "-"
        model = run({"contacts": counts}, {"key": "contacts"},
                    {"key": "rate", "unit": "rate",
                     "rate": {"of": "contacts", "population": "under_18", "rolling_months": 12}})
        assert all(p.value is None for p in model["rate"].window)


class DescribeRagAndDirection:
    def it_rates_against_target_with_polarity_and_tolerance(self) -> None:
        model = run({"cic": [505, 504], "ref": [267, 277], "vis": [58, 71]},
                    {"key": "cic", "polarity": "lower_is_better", "target": 495,
                     "amber_tolerance": 0.05},
                    {"key": "ref", "polarity": "lower_is_better", "target": 273},
                    {"key": "vis", "polarity": "higher_is_better", "target": 95})
        assert [model[k].rag for k in ("cic", "ref", "vis")] == [Rag.AMBER, Rag.RED, Rag.RED]
        assert [model[k].direction for k in ("cic", "ref", "vis")] == [
            Direction.IMPROVED, Direction.WORSE, Direction.IMPROVED]

    def it_gives_neutral_indicators_a_plain_direction(self) -> None:
        model = run({"new_cla": [15, 13]}, {"key": "new_cla", "polarity": "neutral"})
        assert model["new_cla"].direction is Direction.DOWN


class DescribeModel:
    def it_groups_figures_by_theme_in_catalogue_order_with_also_in(self) -> None:
        model = run({"a": [1], "b": [2], "c": [3]},
                    {"key": "a"}, {"key": "b", "theme": "two", "also_in": ["one"]}, {"key": "c"})
        assert [[f.key for f in t.indicators] for t in model.themes] == [["a", "b", "c"], ["b"]]
        assert [t.theme.key for t in model.themes] == ["one", "two"]

    def it_carries_the_revisions_and_the_commentary(self) -> None:
        revision = Revision("a", OCT23, Observation(1.0), Observation(2.0))
        cat = catalogue({"key": "a"})
        vals = Values(values({"a": [2]}).series, (revision,))
        note = Commentary(OCT23, "Rising with the new front door.")
        model = compute(cat, vals, OCT23, {"a": note})
        assert model.revisions == (revision,)
        assert model["a"].commentary == note
        assert model.warnings == ()

    def it_is_frozen(self) -> None:
        model = run({"a": [1]})
        with pytest.raises(AttributeError):
            model.period = Month(2020, 1)  # type: ignore[misc]
        with pytest.raises(TypeError):
            model.figures["b"] = model["a"]  # type: ignore[index]


class DescribeWarnings:
    def it_warns_about_a_target_on_a_neutral_indicator(self) -> None:
        model = run({"a": [1, 2]}, {"key": "a", "target": 3})
        assert [(w.code, str(w)) for w in model.warnings] == [
            ("target-on-neutral", "a: has a target but neutral polarity, so no RAG can be given; "
             "set polarity or remove the target")]

    def it_warns_about_commentary_older_than_the_period(self) -> None:
        model = run({"a": [1, 2]}, commentary={"a": Commentary(Month(2023, 9), "old words")})
        assert [(w.code, str(w)) for w in model.warnings] == [
            ("stale-commentary", "a: commentary is for Sep-23, older than the report period "
             "Oct-23")]

    def it_warns_about_a_value_far_outside_its_history(self) -> None:
        model = run({"a": [100, 102, 98, 101, 99, 100, 103, 97, 100, 500]})
        [warning] = model.warnings
        assert warning.code == "outlier"
        assert str(warning) == ("a: 500 is far outside its history (mean 100, standard deviation "
                                "1.76 over 9 months); check the figure")

    def it_does_not_call_an_ordinary_month_an_outlier(self) -> None:
        assert run({"contacts": CONTACTS}).warnings == ()

    def it_warns_about_a_series_repeating_another_one_month_late(self) -> None:
        # spec C.4.1 rule 8, real data: the Right-service block's "Number of children in our
        # care" (002:5403) is the Placement block's row (002:5451) pasted one month late
        with (FIXTURES / "b4b_dataset_oct23.csv").open(encoding="utf-8") as handle:
            rows = {r["source_line"]: r for r in csv.DictReader(handle)}
        months = [m.label() for m in months_ending(OCT23, 14)]      # Sep-22 .. Oct-23
        model = run({"cic_right_service": [rows["5403"][m] for m in months],
                     "children_in_care": [rows["5451"][m] for m in months]})
        assert [(w.code, str(w)) for w in model.warnings] == [
            ("shifted-series", "cic_right_service: 11 of its last 12 months equal "
             "'children_in_care' one month earlier (Oct-22..Sep-23); a row may have been pasted "
             "one column late")]

    def it_does_not_flag_a_copy_or_a_flat_series_as_shifted(self) -> None:
        model = run({"a": CONTACTS, "b": CONTACTS, "flat": [8] * 13, "flat2": [8] * 13})
        assert model.warnings == ()


class DescribeStrictMode:
    @pytest.fixture
    def inputs(self, tmp_path: Path) -> DataInputs:
        cat = tmp_path / "indicators.yaml"
        cat.write_text(yaml.safe_dump({
            "themes": [{"key": "one", "title": "One"}],
            "indicators": [{"key": "a", "title": "A", "theme": "one", "target": 3}]}),
            encoding="utf-8")
        vals = tmp_path / "values.csv"
        vals.write_text("indicator,Sep-23,Oct-23\na,1,2\n", encoding="utf-8")
        notes = tmp_path / "commentary.csv"
        notes.write_text("indicator,period,text\na,2023-09,September words\n", encoding="utf-8")
        return DataInputs(cat, (vals,), (notes,))

    def it_returns_warnings_by_default(self, inputs: DataInputs) -> None:
        model = build_model(inputs, OCT23)
        assert [w.code for w in model.warnings] == ["target-on-neutral", "stale-commentary"]

    def it_turns_warnings_into_one_data_error(self, inputs: DataInputs) -> None:
        with pytest.raises(DataError) as caught:
            build_model(inputs, OCT23, strict=True)
        error = caught.value
        assert error.message == "strict mode: 2 warning(s) treated as errors"
        assert [str(p) for p in error.problems] == [
            f"{inputs.catalogue}: a: has a target but neutral polarity, so no RAG can be given; "
            "set polarity or remove the target",
            f"{inputs.catalogue}: a: commentary is for Sep-23, older than the report period "
            "Oct-23"]
        assert error.exit_code == 2

    def it_defaults_to_the_latest_month_with_data(self, inputs: DataInputs) -> None:
        assert build_model(inputs).period == OCT23
