"""The supplementary agenda's template context (``builder/templates/supplement.docx``): the
items whose papers are published after the agenda, their pages in the supplement, and why each
is late."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from builder.config.council import Council
from builder.config.meeting import LoadedMeeting, numbered_items
from builder.errors import ConfigError, Problem, raise_if_any
from builder.present.pack_context import date_line, meeting_period, pages_text
from builder.present.report_context import Strings, clean, text_context


@dataclass(frozen=True)
class SupplementEntry:
    """One late item as the supplementary agenda prints it."""

    number: int
    title: str
    pages: str
    """' (Pages 1 - 6)': its pages in the supplement."""
    paragraphs: tuple[str, ...]
    reason: str
    """Why its papers are late (the item's ``late_reason``)."""


@dataclass(frozen=True)
class SupplementContext:
    """``supplement.docx``."""

    panel: str
    date_line: str
    """'Thursday, 23 November 2023 at 5.30 pm'."""
    items: tuple[SupplementEntry, ...]
    issue_date: str
    signatory: str


def late_items(loaded: LoadedMeeting, numbers: Sequence[int], issued: dt.date) -> list[int]:
    """``numbers`` checked: agenda items with papers and a ``late_reason``, issued on ``issued``
    (from the agenda's issue date to the meeting's date); a ConfigError listing every problem."""
    meeting = loaded.meeting
    problems = []
    if not meeting.issue_date <= issued <= meeting.date:
        when = "after the meeting" if issued > meeting.date else "before the agenda was issued"
        problems.append(Problem(str(loaded.path), "--issued", f"the supplement's issue date "
                                f"{issued.isoformat()} is {when}", f"a date from "
                                f"{meeting.issue_date.isoformat()} (issue_date) to "
                                f"{meeting.date.isoformat()} (date); the default is today"))
    numbered = {n.number: n for n in numbered_items(meeting)}
    with_papers = [n for n, item in numbered.items() if item.item is not None and
                   (item.item.report is not None or item.item.paper is not None)]
    for number in numbers:
        item = numbered.get(number)
        if item is None or item.item is None or number not in with_papers:
            problems.append(Problem(str(loaded.path), "--items", f"agenda item {number} has no "
                                    "papers", ", ".join(map(str, with_papers))))
        elif not item.item.late_reason:
            index = meeting.items.index(item.item)
            problems.append(Problem(str(loaded.path), f"items[{index}].late_reason",
                                    f"agenda item {number} has no reason for lateness",
                                    "late_reason: why the papers were not ready"))
    raise_if_any(problems, ConfigError, f"{loaded.path}: cannot publish a supplement")
    return sorted(set(numbers))


def supplement_context(loaded: LoadedMeeting, council: Council, numbers: Sequence[int],
                       ranges: Mapping[int, tuple[int, int]], issued: str) -> SupplementContext:
    """The supplementary agenda for agenda items ``numbers`` (checked by :func:`late_items`);
    ``ranges`` maps each to its pages in the supplement; ``issued`` is the issue date."""
    meeting = loaded.meeting
    strings = Strings(str(loaded.path), "items", text_context(loaded, meeting_period(loaded)))
    entries = []
    for numbered in numbered_items(meeting):
        item = numbered.item
        if item is None or numbered.number not in numbers:
            continue
        index = meeting.items.index(item)
        description = (strings(item.description, f"[{index}].description"),) \
            if item.description else ()
        entries.append(SupplementEntry(
            numbered.number, strings(item.title, f"[{index}].title"),
            pages_text(council, *ranges[numbered.number]), tuple(clean(p) for p in description),
            clean(strings(item.late_reason or "", f"[{index}].late_reason"))))
    return SupplementContext(meeting.panel.upper(), date_line(meeting, council), tuple(entries),
                             issued, meeting.signatory)
