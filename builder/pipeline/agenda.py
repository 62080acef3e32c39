"""The agenda's report items and the checks of their configuration the schema cannot make."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from builder.config.meeting import AgendaItem, LoadedMeeting, numbered_items
from builder.config.report import Appendix
from builder.data.pdf_check import check_pdf
from builder.data.safezip import check_office_input
from builder.errors import ConfigError, Problem, raise_if_any

FILE_TYPES = (".docx", ".pdf")
R = TypeVar("R", bound="ReportItem")


@dataclass(frozen=True)
class ReportItem:
    """A paper on the agenda (a YAML report, or a supplied one): its printed number and its
    position in ``meeting.items``."""

    number: int
    index: int
    item: AgendaItem

    @property
    def stem(self) -> str:
        return f"item-{self.number:02d}-{slugify(self.item.title)}"


def slugify(title: str) -> str:
    """``CHILDREN AND LEARNING - PERFORMANCE`` -> ``children-and-learning-performance``."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-") or "report"


def agenda_entries(loaded: LoadedMeeting, wanted: Callable[[AgendaItem], bool],
                   kind: type[R]) -> tuple[R, ...]:
    """The agenda items ``wanted`` picks, as ``kind``, with their agenda numbers."""
    indexes = {id(item): n for n, item in enumerate(loaded.meeting.items)}
    return tuple(kind(n.number, indexes[id(n.item)], n.item)
                 for n in numbered_items(loaded.meeting)
                 if n.item is not None and wanted(n.item))


def report_items(loaded: LoadedMeeting, only: int | None = None) -> tuple[ReportItem, ...]:
    """The meeting's report items with their agenda numbers; ``only`` picks one."""
    items = agenda_entries(loaded, lambda item: item.report is not None, ReportItem)
    if only is None:
        return items
    chosen = tuple(r for r in items if r.number == only)
    if not chosen:
        valid = ", ".join(str(r.number) for r in items) or "none: the meeting has no reports"
        raise ConfigError(f"{loaded.path}: agenda item {only} is not a report",
                          [Problem(str(loaded.path), "--item", f"no report at item {only}",
                                   valid)])
    return chosen


def check_reports(loaded: LoadedMeeting, items: Sequence[ReportItem]) -> None:
    """ConfigError listing every problem of :func:`report_problems`."""
    raise_if_any(report_problems(loaded, items), ConfigError,
                 f"{loaded.path}: the reports cannot be built")


def report_problems(loaded: LoadedMeeting, items: Sequence[ReportItem]) -> list[Problem]:
    """Cross-checks the schema cannot make: variant sections and appendix files, all at once."""
    file = str(loaded.path)
    variant = loaded.meeting.variant
    problems: list[Problem] = []
    for r in items:
        report = r.item.report
        assert report is not None
        at = f"items[{r.index}].report"
        if variant == "2023" and report.risk is None:
            problems.append(Problem(file, f"{at}.risk", "the 2023 report has a RISK MANAGEMENT "
                                    "IMPLICATIONS section; this report has no 'risk'",
                                    "risk: [None] at least"))
        if variant == "2017" and report.risk is not None:
            problems.append(Problem(file, f"{at}.risk", "the 2017 report has no RISK MANAGEMENT "
                                    "section; 'risk' would not be printed", "remove 'risk'"))
        for n, appendix in enumerate(report.appendices):
            problems += _appendix_problems(loaded, appendix, f"{at}.appendices[{n}]")
    return problems


def _appendix_problems(loaded: LoadedMeeting, appendix: Appendix, at: str) -> list[Problem]:
    file = str(loaded.path)
    if appendix.kind == "dataset" and loaded.meeting.data is None:
        return [Problem(file, at, "a dataset appendix needs the meeting's 'data' section",
                        "data: {catalogue, values, period}")]
    if appendix.kind == "deck" and loaded.meeting.deck is None:
        return [Problem(file, at, "a deck appendix needs the meeting's 'deck'", "deck: FILE")]
    if appendix.path is None:
        return []
    path = loaded.resolve(appendix.path)
    if not path.is_file():
        return [Problem(file, f"{at}.path", f"file not found: {path}", "an existing file")]
    if appendix.kind == "file":
        if path.suffix.lower() not in FILE_TYPES:
            return [Problem(file, f"{at}.path", f"'{path.suffix}' files cannot be appendices",
                            ", ".join(FILE_TYPES))]
        if path.suffix.lower() == ".docx" and (problem := check_office_input(path)):
            return [Problem(file, f"{at}.path", f"{path.name}: {problem}", "a Word .docx")]
        if path.suffix.lower() == ".pdf" and (problem := check_pdf(path)):
            return [Problem(file, f"{at}.path", f"{path.name}: {problem}", "a PDF that opens")]
    return []
