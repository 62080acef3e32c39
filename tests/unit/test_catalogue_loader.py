"""The indicator catalogue: schema errors and cross-references, each naming its YAML key path."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.config.catalogue import Catalogue
from builder.config.loader import load_catalogue, read_yaml
from builder.errors import ConfigError
from tests.conftest import CONFIG

BASE: dict[str, Any] = {
    "populations": {"under_18": 49300},
    "benchmarks": {"england": "England"},
    "themes": [{"key": "right-support", "title": "Right support"},
               {"key": "localities", "title": "Localities"}],
    "indicators": [
        {"key": "strategy_discussions", "title": "Strategy discussions", "theme": "right-support"},
        {"key": "s47_completed", "title": "S47 completed", "theme": "right-support"},
        {"key": "s47_conversion", "title": "S47 conversion", "theme": "right-support",
         "unit": "percent", "derived": {"numerator": "s47_completed",
                                        "denominator": "strategy_discussions"}},
        {"key": "contacts", "title": "Contacts", "theme": "right-support",
         "polarity": "lower_is_better", "benchmarks": {"england": 80850}},
        {"key": "contacts_rate", "title": "Contacts rate", "theme": "localities", "unit": "rate",
         "rate": {"of": "contacts", "population": "under_18", "rolling_months": 12}},
    ],
}


def catalogue_file(tmp_path: Path, edit: Any = None) -> Path:
    """A copy of BASE, changed by ``edit(data)``, written as YAML."""
    data = copy.deepcopy(BASE)
    if edit:
        edit(data)
    path = tmp_path / "indicators.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_catalogue(path)
    assert caught.value.exit_code == 2
    return [str(p).replace(f"{path}: ", "", 1) for p in caught.value.problems]


class DescribeLoadCatalogue:
    def it_loads_a_valid_catalogue_in_order(self, tmp_path: Path) -> None:
        cat = load_catalogue(catalogue_file(tmp_path))
        assert isinstance(cat, Catalogue)
        assert [i.key for i in cat.indicators] == [
            "strategy_discussions", "s47_completed", "s47_conversion", "contacts",
            "contacts_rate"]
        assert cat.indicator("s47_conversion").computed
        assert cat.indicator("contacts_rate").rate is not None
        assert cat.indicator("contacts_rate").rate.rolling_months == 12  # type: ignore[union-attr]
        assert not cat.indicator("contacts").computed
        assert cat.indicator("contacts").decimals == 0          # defaults documented in schema
        assert cat.indicator("strategy_discussions").polarity == "neutral"

    def it_loads_the_sample_council(self) -> None:
        cat = load_catalogue(CONFIG / "indicators.yaml")
        assert len(cat.indicators) == 66
        assert [t.key for t in cat.themes] == [
            "right-support", "localities", "birth-families", "placement-stability", "workforce",
            "practice-standards"]
        assert cat.indicator("s47_conversion").derived is not None
        assert cat.indicator("contacts_rate").rate is not None

    def it_shows_also_in_indicators_under_both_themes(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicators"][3]["also_in"] = ["localities"]

        cat = load_catalogue(catalogue_file(tmp_path, edit))
        assert [i.key for i in cat.indicators_in("localities")] == ["contacts_rate", "contacts"]


class DescribeSchemaErrors:
    def it_names_an_unknown_key_by_its_path(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicators"][3]["colour"] = "red"

        assert problems(catalogue_file(tmp_path, edit)) == [
            "indicators[3](key=contacts).colour: unknown key "
            "(valid: remove the key or fix its spelling)"]

    def it_names_a_misspelt_top_level_key(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicator"] = d.pop("indicators")

        assert problems(catalogue_file(tmp_path, edit)) == [
            "indicators: Field required (valid: add this key)",
            "indicator: unknown key (valid: remove the key or fix its spelling)"]

    def it_lists_the_valid_choices_of_a_bad_enum_value(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicators"][3]["polarity"] = "lower_is_beter"

        assert problems(catalogue_file(tmp_path, edit)) == [
            "indicators[3](key=contacts).polarity: Input should be 'higher_is_better', "
            "'lower_is_better' or 'neutral' (got 'lower_is_beter') "
            "(valid: higher_is_better, lower_is_better or neutral)"]

    def it_lists_every_schema_problem_at_once(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicators"][0]["unit"] = "percentage"
            d["indicators"][1]["target"] = "high"
            d["indicators"][3]["amber_tolerance"] = 2
            d["indicators"][4]["key"] = "Contacts Rate"
            del d["themes"][1]["title"]

        assert problems(catalogue_file(tmp_path, edit)) == [
            "themes[1](key=localities).title: Field required (valid: add this key)",
            "indicators[0](key=strategy_discussions).unit: Input should be 'count', 'percent', "
            "'rate' or 'number' (got 'percentage') (valid: count, percent, rate or number)",
            "indicators[1](key=s47_completed).target: 'high' is not a number or a reason such as "
            "TBC (got 'high')",
            "indicators[3](key=contacts).amber_tolerance: Input should be less than or equal to 1 "
            "(got 2)",
            "indicators[4](key=Contacts Rate).key: String should match pattern '^[a-z0-9_]+$' "
            "(got 'Contacts Rate') (valid: text matching ^[a-z0-9_]+$)"]

    def it_refuses_an_indicator_that_is_both_derived_and_a_rate(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicators"][4]["derived"] = {"numerator": "contacts",
                                             "denominator": "s47_completed"}

        assert problems(catalogue_file(tmp_path, edit)) == [
            "indicators[4](key=contacts_rate): an indicator is either derived or a rate, not both"]

    def it_refuses_an_empty_indicator_list(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicators"] = []

        assert problems(catalogue_file(tmp_path, edit)) == [
            "indicators: Tuple should have at least 1 item after validation, not 0"]

    def it_refuses_a_file_that_is_not_a_mapping(self, tmp_path: Path) -> None:
        path = tmp_path / "indicators.yaml"
        path.write_text("- just\n- a list\n", encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            load_catalogue(path)
        assert caught.value.message == (
            f"{path}: expected a mapping of keys at the top of the indicator catalogue")


class DescribeConsistencyErrors:
    def it_names_an_unknown_theme_and_lists_the_valid_ones(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicators"][3]["theme"] = "right_support"
            d["indicators"][4]["also_in"] = ["front-door"]

        assert problems(catalogue_file(tmp_path, edit)) == [
            "indicators[3](key=contacts).theme: unknown theme 'right_support' "
            "(valid: right-support, localities)",
            "indicators[4](key=contacts_rate).also_in: unknown theme 'front-door' "
            "(valid: right-support, localities)"]

    def it_names_an_unknown_derived_input(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicators"][2]["derived"]["numerator"] = "s47_complete"

        assert problems(catalogue_file(tmp_path, edit)) == [
            "indicators[2](key=s47_conversion).derived.numerator: unknown indicator "
            "'s47_complete' (valid: the key of another indicator)"]

    def it_refuses_formulas_on_themselves_or_on_computed_indicators(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicators"][2]["derived"]["denominator"] = "s47_conversion"
            d["indicators"][4]["rate"]["of"] = "s47_conversion"

        assert problems(catalogue_file(tmp_path, edit)) == [
            "indicators[2](key=s47_conversion).derived.denominator: refers to itself "
            "(valid: the key of another indicator)",
            "indicators[4](key=contacts_rate).rate.of: 's47_conversion' is itself computed; "
            "formulas take typed-in values (valid: an indicator without derived/rate)"]

    def it_refuses_a_duplicate_key(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicators"].append({"key": "contacts", "title": "Again", "theme": "localities"})
            d["themes"].append({"key": "localities", "title": "Again"})

        assert problems(catalogue_file(tmp_path, edit)) == [
            "themes: theme key 'localities' is used 2 times (valid: each theme key once)",
            "indicators: indicator key 'contacts' is used 2 times (valid: each indicator key once)"]

    def it_names_unknown_benchmarks_and_populations(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicators"][3]["benchmarks"] = {"englnd": 3}
            d["indicators"][4]["rate"]["population"] = "u18"
            d["populations"]["under_18"] = 0

        assert problems(catalogue_file(tmp_path, edit)) == [
            "indicators[3](key=contacts).benchmarks.englnd: unknown benchmark name "
            "(valid: england)",
            "indicators[4](key=contacts_rate).rate.population: unknown population 'u18' "
            "(valid: under_18)",
            "populations.under_18: must be positive (got 0.0) (valid: a number above 0)"]

    def it_says_how_many_problems_there_are(self, tmp_path: Path) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["indicators"][3]["theme"] = "nope"
            d["indicators"][2]["derived"]["numerator"] = "nope"

        with pytest.raises(ConfigError) as caught:
            load_catalogue(catalogue_file(tmp_path, edit))
        assert caught.value.message == (
            f"{tmp_path / 'indicators.yaml'}: the indicator catalogue is not consistent "
            "(2 problems)")


class DescribeReadYaml:
    def it_names_the_line_and_column_of_a_syntax_error(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.yaml"
        path.write_text("themes: [1\n  key: 2\n", encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            read_yaml(path)
        assert caught.value.message == f"{path}: not valid YAML"
        [problem] = caught.value.problems
        assert problem.where == "line 2, column 6"
        assert problem.what == "did not find expected ',' or ']'"

    def it_says_when_the_file_is_missing(self, tmp_path: Path) -> None:
        with pytest.raises(ConfigError, match="nowhere.yaml: file not found"):
            read_yaml(tmp_path / "nowhere.yaml")

    def it_refuses_python_object_tags(self, tmp_path: Path) -> None:
        path = tmp_path / "evil.yaml"
        path.write_text("a: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="not valid YAML"):
            read_yaml(path)

    def it_refuses_a_file_that_is_not_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "latin.yaml"
        path.write_bytes("title: caf\xe9\n".encode("latin-1"))
        with pytest.raises(ConfigError, match="not UTF-8 text"):
            read_yaml(path)
