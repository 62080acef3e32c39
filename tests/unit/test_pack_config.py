"""The council configuration (front sheet) and the minutes YAML: schema, and verbatim text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.config.council import load_council
from builder.config.minutes import load_minutes
from builder.errors import ConfigError
from tests.conftest import CONFIG, FIXTURES

COUNCIL = CONFIG / "council.yaml"
MINUTES = CONFIG / "minutes" / "2023-09-28.yaml"
REFERENCE = FIXTURES / "pack" / "reference-2023-11-23-front.txt"


def normalised(text: str) -> str:
    """Whitespace collapsed, bullets dropped, words split at a hyphen at a line end joined."""
    text = re.sub(r"(\w)-[ \t]*\n\s*", r"\1-", text.replace("\uf0b7", " "))
    return re.sub(r"\s+", " ", text).strip()


def strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in strings(value)]
    return []


def write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


class DescribeCouncilConfiguration:
    def it_loads_the_sample_council(self) -> None:
        council = load_council(COUNCIL)
        sheet = council.front_sheet
        assert sheet.heading == "PUBLIC INFORMATION"
        assert sheet.quorum.heading == "QUORUM"
        assert len(sheet.meeting_dates.dates) == 6
        assert council.exclusion.title.startswith("EXCLUSION OF THE PRESS AND PUBLIC")

    def it_holds_the_published_front_sheet_verbatim(self) -> None:
        reference = normalised(REFERENCE.read_text(encoding="utf-8"))
        data = yaml.safe_load(COUNCIL.read_text(encoding="utf-8"))
        # the cover page's line is not in the extraction (format-spec B.1)
        missing = [s for s in strings(data)
                   if normalised(s) not in reference and s != data["open_to_public"]]
        assert missing == []

    def it_has_the_seven_disclosable_pecuniary_interests(self) -> None:
        block = load_council(COUNCIL).front_sheet.disclosable_pecuniary_interests
        labels = [getattr(entry, "label", None) for entry in block.content]
        assert [x for x in labels if x] == ["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)",
                                            "(vii)", "a)", "b)"]

    def it_rejects_a_misspelt_block_naming_the_key(self, tmp_path: Path) -> None:
        data = yaml.safe_load(COUNCIL.read_text(encoding="utf-8"))
        data["front_sheet"]["quorom"] = data["front_sheet"].pop("quorum")
        with pytest.raises(ConfigError) as caught:
            load_council(write(tmp_path, "council.yaml", data))
        wheres = {p.where for p in caught.value.problems}
        assert {"front_sheet.quorom", "front_sheet.quorum"} <= wheres

    def it_rejects_meeting_dates_out_of_order(self, tmp_path: Path) -> None:
        data = yaml.safe_load(COUNCIL.read_text(encoding="utf-8"))
        data["front_sheet"]["meeting_dates"]["dates"] = ["2023-07-20", "2023-06-16"]
        with pytest.raises(ConfigError, match="council configuration is not valid") as caught:
            load_council(write(tmp_path, "council.yaml", data))
        assert "in order" in caught.value.problems[0].what

    def it_rejects_an_inline_heading_without_a_paragraph_to_run_into(self, tmp_path: Path
                                                                      ) -> None:
        data = yaml.safe_load(COUNCIL.read_text(encoding="utf-8"))
        data["front_sheet"]["quorum"] = {"heading": "QUORUM", "inline": True,
                                         "content": [{"bullets": ["three members"]}]}
        with pytest.raises(ConfigError) as caught:
            load_council(write(tmp_path, "council.yaml", data))
        assert caught.value.problems[0].where == "front_sheet.quorum"


class DescribeMinutes:
    def it_numbers_from_the_municipal_year_count(self) -> None:
        minutes = load_minutes(MINUTES)
        assert minutes.first_number == 12
        assert len(minutes.items) == 5  # items 12.-16.

    def it_holds_the_published_minutes_verbatim(self) -> None:
        reference = normalised(REFERENCE.read_text(encoding="utf-8"))
        data = yaml.safe_load(MINUTES.read_text(encoding="utf-8"))
        assert [s for s in strings(data) if normalised(s) not in reference] == []

    def it_keeps_each_resolved_style(self) -> None:
        items = load_minutes(MINUTES).items
        assert items[0].resolved is not None and items[0].resolved.text is not None
        assert items[1].resolved is not None and items[1].resolved.numbering == "1)"
        assert items[4].resolved is not None and items[4].resolved.heading == "RESOLVED that"
        assert items[4].resolved.numbering == "1."
        assert items[2].resolved is None

    def it_rejects_a_resolution_given_both_ways(self, tmp_path: Path) -> None:
        data = yaml.safe_load(MINUTES.read_text(encoding="utf-8"))
        data["items"][0]["resolved"]["resolutions"] = ["That something."]
        with pytest.raises(ConfigError) as caught:
            load_minutes(write(tmp_path, "minutes.yaml", data))
        assert caught.value.problems[0].where == "items[0].resolved"

    def it_rejects_an_empty_item(self, tmp_path: Path) -> None:
        data = yaml.safe_load(MINUTES.read_text(encoding="utf-8"))
        data["items"].append({"title": "ANY OTHER BUSINESS"})
        with pytest.raises(ConfigError) as caught:
            load_minutes(write(tmp_path, "minutes.yaml", data))
        assert caught.value.problems[0].where == "items[5]"
