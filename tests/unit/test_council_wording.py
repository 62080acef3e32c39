"""The council's fixed sentences: their ``{name}`` placeholders checked on load and filled in."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder.config.council import Placeholders, load_council
from builder.errors import ConfigError
from builder.present.report_appendices import placeholder_sentence
from tests.conftest import CONFIG


def council_with(tmp_path: Path, **changes: object) -> Path:
    council = yaml.safe_load((CONFIG / "council.yaml").read_text(encoding="utf-8"))
    council.update(changes)
    path = tmp_path / "council.yaml"
    path.write_text(yaml.safe_dump(council, allow_unicode=True), encoding="utf-8")
    return path


class DescribeSentenceFields:
    def it_names_an_unknown_placeholder_and_the_valid_ones(self, tmp_path: Path) -> None:
        path = council_with(tmp_path, confidentiality="{appendix} {verb} exempt: {reason}.")
        with pytest.raises(ConfigError) as caught:
            load_council(path)
        (problem,) = caught.value.problems
        assert "confidentiality" in problem.where
        assert "unknown placeholder(s) appendix" in problem.what
        assert "appendices, category, reason, verb" in problem.what

    def it_lists_every_bad_sentence_at_once(self, tmp_path: Path) -> None:
        path = council_with(tmp_path, confidentiality="{why}",
                            placeholders={"deck": "See {file}.", "pdf": "See {name}."})
        with pytest.raises(ConfigError) as caught:
            load_council(path)
        assert len(caught.value.problems) == 3

    def it_keeps_the_default_when_the_council_says_nothing(self, tmp_path: Path) -> None:
        path = council_with(tmp_path)
        assert load_council(path).placeholders == Placeholders()


class DescribePlaceholderSentence:
    def it_fills_in_the_pdf_file_name(self) -> None:
        words = Placeholders(deck="The deck.", pdf="Open {file} in the pack.")
        assert placeholder_sentence("file", "plan.pdf", words) == "Open plan.pdf in the pack."
        assert placeholder_sentence("deck", None, words) == "The deck."
