"""The deck configuration: schema, errors that name the key, cross-checks with the catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.config import deck as deck_module
from builder.config.base import StrictModel
from builder.config.deck import Deck, check_deck, load_deck
from builder.config.loader import load_catalogue
from builder.errors import ConfigError
from tests.conftest import CONFIG

SAMPLE = CONFIG / "decks" / "b4b-2023-10.yaml"


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def minimal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "period": "2023-10", "purpose": "Why.",
        "data": {"catalogue": "indicators.yaml", "values": ["values.csv"]},
        "priorities": [{"theme": "right-support", "outcome": "Better."}],
    }
    data.update(changes)
    return data


class DescribeTheSampleDeck:
    def it_has_the_six_priorities_in_order(self) -> None:
        deck = load_deck(SAMPLE).deck
        assert [p.theme for p in deck.priorities] == [
            "right-support", "localities", "birth-families", "placement-stability", "workforce",
            "practice-standards"]
        assert deck.tagline == ("Building for Brilliance; Building for Sustainability; "
                                "Building for Families, with Families")
        assert deck.purpose.startswith("In order to evidence that Children & Learning Services")

    def it_matches_the_catalogue(self) -> None:
        deck = load_deck(SAMPLE).deck
        assert check_deck(deck, load_catalogue(CONFIG / "indicators.yaml"), SAMPLE) == []

    def it_documents_every_field(self) -> None:
        models = [m for m in vars(deck_module).values()
                  if isinstance(m, type) and issubclass(m, StrictModel) and m is not StrictModel]
        assert Deck in models
        for model in models:
            for name, field in model.model_fields.items():
                assert field.description, f"{model.__name__}.{name} has no docstring"


class DescribeSchemaErrors:
    def it_names_the_key_path_of_a_typo(self, tmp_path: Path) -> None:
        data = minimal(priorities=[{"theme": "right-support", "outcom": "Better."}])
        with pytest.raises(ConfigError) as caught:
            load_deck(write(tmp_path, data))
        wheres = {p.where: p.what for p in caught.value.problems}
        assert wheres["priorities[0].outcom"] == "unknown key"
        assert "priorities[0].outcome" in wheres  # and the missing one

    def it_rejects_a_period_that_is_not_yyyy_mm(self, tmp_path: Path) -> None:
        with pytest.raises(ConfigError) as caught:
            load_deck(write(tmp_path, minimal(period="Oct-23")))
        assert [p.where for p in caught.value.problems] == ["period"]

    def it_bounds_the_layout_options(self, tmp_path: Path) -> None:
        with pytest.raises(ConfigError) as caught:
            load_deck(write(tmp_path, minimal(options={"charts_per_slide": 6})))
        assert caught.value.problems[0].where == "options.charts_per_slide"


class DescribeCatalogueCrossCheck:
    def check(self, tmp_path: Path, **changes: Any) -> dict[str, str]:
        deck = load_deck(write(tmp_path, minimal(**changes))).deck
        catalogue = load_catalogue(CONFIG / "indicators.yaml")
        return {p.where: f"{p.what} | {p.valid}" for p in check_deck(deck, catalogue,
                                                                     tmp_path / "deck.yaml")}

    def it_lists_the_themes_when_one_is_unknown(self, tmp_path: Path) -> None:
        found = self.check(tmp_path, priorities=[{"theme": "right-suport", "outcome": "x"}])
        assert "unknown theme 'right-suport'" in found["priorities[0].theme"]
        assert "right-support, localities" in found["priorities[0].theme"]

    def it_rejects_a_chart_of_another_theme(self, tmp_path: Path) -> None:
        found = self.check(tmp_path, priorities=[
            {"theme": "right-support", "outcome": "x", "charts": ["contacts", "eh_visits"]}])
        assert list(found) == ["priorities[0].charts[1]"]
        assert "'eh_visits' is not an indicator of theme 'right-support'" in \
            found["priorities[0].charts[1]"]

    def it_rejects_names_of_unknown_indicators(self, tmp_path: Path) -> None:
        found = self.check(tmp_path, names={"contact": "contacts"})
        assert "unknown indicator 'contact'" in found["names.contact"]

    def it_rejects_a_theme_used_twice(self, tmp_path: Path) -> None:
        twice = [{"theme": "localities", "outcome": "x"}] * 2
        assert "used 2 times" in self.check(tmp_path, priorities=twice)["priorities"]
