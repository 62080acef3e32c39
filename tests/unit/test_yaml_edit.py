"""Changing a value of an officer's YAML in its text (the web app's 'Use this data' and new
paper versions): everything else, comments included, stays byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.config.loader import read_yaml
from builder.config.yaml_edit import update_yaml
from builder.errors import ConfigError

MEETING = """\
# The meeting of 23 November 2023.
date: 2023-11-23   # as published
data:
  catalogue: ../indicators.yaml
  values:
    - ../values/b4b-2023-09.csv   # September's file
    # October's revises it
    - {path: ../values/b4b-2023-10.xlsx, sheet: Data}
  # the period the papers report
  period: 2023-10
items:
- title: SEND   # item 9
  kind: paper
  paper:
    file: papers/send.docx    # the officer's paper
"""


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    path = tmp_path / "meeting.yaml"
    path.write_text(MEETING, encoding="utf-8")
    return path


class DescribeUpdateYaml:
    def it_replaces_a_block_list_and_keeps_every_comment_around_it(self, meeting: Path) -> None:
        update_yaml(meeting, {("data", "values"): ("../values/new.xlsx",)})
        assert meeting.read_text(encoding="utf-8") == MEETING.replace(
            "    - ../values/b4b-2023-09.csv   # September's file\n"
            "    # October's revises it\n"
            "    - {path: ../values/b4b-2023-10.xlsx, sheet: Data}\n",
            "    - ../values/new.xlsx\n")

    def it_replaces_a_scalar_keeping_the_comment_on_its_line(self, meeting: Path) -> None:
        update_yaml(meeting, {("items", 0, "paper", "file"): "papers/send v2.docx"})
        assert meeting.read_text(encoding="utf-8") == MEETING.replace(
            "file: papers/send.docx ", "file: papers/send v2.docx ")

    def it_adds_a_missing_key_after_the_last_entry(self, meeting: Path) -> None:
        update_yaml(meeting, {("data", "commentary"): ("../commentary/oct.csv",)})
        text = meeting.read_text(encoding="utf-8")
        assert "  period: 2023-10\n  commentary: [../commentary/oct.csv]\nitems:" in text
        assert read_yaml(meeting)["data"]["commentary"] == ["../commentary/oct.csv"]

    def it_quotes_what_yaml_would_read_otherwise(self, meeting: Path) -> None:
        odd = ("2023-10", "yes", "a: b", "#1.csv", "it's.csv")
        update_yaml(meeting, {("data", "values"): odd})
        assert read_yaml(meeting)["data"]["values"] == list(odd)

    def it_keeps_a_flow_list_a_flow_list(self, meeting: Path) -> None:
        meeting.write_text("data:\n  values: [a.csv, b.csv]  # two\n", encoding="utf-8")
        update_yaml(meeting, {("data", "values"): ("c.csv",)})
        assert meeting.read_text(encoding="utf-8") == "data:\n  values: [c.csv]  # two\n"

    def it_names_a_key_path_that_is_not_there_and_changes_nothing(self, meeting: Path) -> None:
        with pytest.raises(ConfigError, match=r"there is no items\[3\]"):
            update_yaml(meeting, {("items", 3, "paper", "file"): "x.docx"})
        assert meeting.read_text(encoding="utf-8") == MEETING
