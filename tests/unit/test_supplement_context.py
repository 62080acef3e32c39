"""The supplementary agenda: which items may go in a supplement, and what its page prints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from builder.config.council import load_council
from builder.config.meeting import load_meeting
from builder.errors import ConfigError
from builder.present.supplement_context import late_items, supplement_context
from builder.render.pack_docx import PackDocument, render_pack_document
from tests.conftest import CONFIG, FIXTURES, OUTSIDE, Cli

MEETING = FIXTURES / "supplied" / "meeting.yaml"
ISSUED = dt.date(2023, 11, 21)
"""Between the fixture meeting's issue date (15 November 2023) and its date (23 November)."""


class DescribeLateItems:
    def it_takes_items_with_papers_and_a_reason(self) -> None:
        assert late_items(load_meeting(MEETING), [3, 3], ISSUED) == [3]

    def it_lists_every_item_that_cannot_go_in_a_supplement(self) -> None:
        with pytest.raises(ConfigError) as raised:
            late_items(load_meeting(MEETING), [1, 3, 7], ISSUED)
        assert [(p.where, p.what, p.valid) for p in raised.value.problems] == [
            ("--items", "agenda item 1 has no papers", "3"),
            ("--items", "agenda item 7 has no papers", "3")]

    def it_needs_the_reason_for_lateness(self, tmp_path: Path) -> None:
        meeting = tmp_path / "meeting.yaml"
        meeting.write_text(_without_reason(), encoding="utf-8")
        with pytest.raises(ConfigError) as raised:
            late_items(load_meeting(meeting), [3], ISSUED)
        (problem,) = raised.value.problems
        assert (problem.where, problem.what) == ("items[1].late_reason",
                                                 "agenda item 3 has no reason for lateness")

    @pytest.mark.parametrize("issued", [dt.date(2023, 11, 15), dt.date(2023, 11, 23)])
    def it_may_be_issued_from_the_agenda_issue_date_to_the_meeting(self, issued: dt.date
                                                                   ) -> None:
        assert late_items(load_meeting(MEETING), [3], issued) == [3]

    @pytest.mark.parametrize("issued, when", [(dt.date(2023, 11, 14), "before the agenda was "
                                               "issued"),
                                              (dt.date(2023, 11, 24), "after the meeting")])
    def it_refuses_an_issue_date_outside_the_agenda_and_the_meeting(
            self, issued: dt.date, when: str) -> None:
        with pytest.raises(ConfigError) as raised:
            late_items(load_meeting(MEETING), [1, 3], issued)
        assert [(p.where, p.what) for p in raised.value.problems] == [
            ("--issued", f"the supplement's issue date {issued.isoformat()} is {when}"),
            ("--items", "agenda item 1 has no papers")]
        assert "2023-11-15 (issue_date) to 2023-11-23 (date)" in raised.value.problems[0].valid


def _without_reason() -> str:
    lines = MEETING.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if line.strip().startswith("late_reason:"))
    end = next(n for n in range(start + 1, len(lines)) if not lines[n].startswith("      "))
    text = "".join(lines[:start] + lines[end:])
    return text.replace("../../../", str(FIXTURES.parent.parent) + "/")


class DescribeTheSupplementaryAgenda:
    def it_prints_each_item_with_its_pages_and_reason(self, tmp_path: Path) -> None:
        loaded = load_meeting(MEETING)
        council = load_council(CONFIG / "council.yaml")
        context = supplement_context(loaded, council, [3], {3: (1, 6)},
                                     "Tuesday, 21 November 2023")
        (entry,) = context.items
        assert (entry.number, entry.title, entry.pages) == (
            3, "SEND AND HOME TO SCHOOL TRANSPORT", " (Pages 1 - 6)")
        assert entry.reason.startswith("The briefing paper was considered by the Strategic")
        path = render_pack_document(PackDocument("supplement", context, "Supplement"),
                                    dt.datetime(2023, 11, 21, 9), tmp_path / "s.docx")
        texts = [p.text for p in Document(str(path)).paragraphs if p.text.strip()]
        assert "3\tSEND AND HOME TO SCHOOL TRANSPORT (Pages 1 - 6)" in texts
        assert f"Reason for lateness: {entry.reason}" in texts
        assert texts[-1] == "Tuesday, 21 November 2023\tDirector – Legal, Governance and HR"



class DescribeTheCommand:
    @pytest.mark.parametrize("items, message", [
        ("nine", "--items: 'nine' is not a list of agenda numbers"),
        ("1", "--items: agenda item 1 has no papers (valid: 3)"),
    ])
    def it_refuses_items_it_cannot_publish_with_exit_2(self, cli: Cli, tmp_path: Path,
                                                       items: str, message: str) -> None:
        run = cli("supplement", str(MEETING), "--items", items, "--issued", "2023-11-21",
                  "--out", str(tmp_path), *(f"--allow-outside={folder}" for folder in OUTSIDE))
        assert run.code == 2
        assert message in run.err
        assert list(tmp_path.iterdir()) == []

    def it_refuses_today_as_the_issue_date_of_a_meeting_already_held(self, cli: Cli,
                                                                     tmp_path: Path) -> None:
        run = cli("supplement", str(MEETING), "--items", "3", "--out", str(tmp_path),
                  *(f"--allow-outside={folder}" for folder in OUTSIDE))
        assert run.code == 2
        assert f"the supplement's issue date {dt.date.today().isoformat()} is after the " \
               "meeting" in run.err
        assert "--issued" in run.err
        assert list(tmp_path.iterdir()) == []
