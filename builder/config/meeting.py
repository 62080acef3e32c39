"""The meeting configuration (``config/meetings/<date>.yaml``): panel, date, agenda items.

Agenda numbers are not typed in: items are numbered in order, and an exclusion-of-press item is
generated before every report that has exempt appendices (format-spec A.3, B.2).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from builder.config.base import StrictModel
from builder.config.loader import read_yaml, validate_model
from builder.config.paper import Paper
from builder.config.report import Appendix, Report
from builder.config.templates import TemplateChoice
from builder.config.values_source import ValuesSource


class Member(StrictModel):
    """A panel member as listed on the front sheet."""

    name: str
    """As printed, e.g. 'Councillor T Bunday'."""
    role: str | None = None
    """e.g. 'Chair', 'Vice-Chair', 'Appointed Member'."""


class Contact(StrictModel):
    """The Democratic Support Officer named on the front sheet."""

    name: str
    """As printed, e.g. 'Judy Cordell'."""
    role: str = "Democratic Support Officer"
    """The job title printed under the name."""
    tel: str | None = None
    """Telephone number, e.g. '023 8083 2766'."""
    email: str | None = None
    """E-mail address, e.g. 'judy.cordell@southampton.gov.uk'."""


AcknowledgeableWarning = Literal["outlier", "negative-count", "shifted-series",
                                 "stale-commentary", "target-on-neutral", "missing-month"]


class Acknowledged(StrictModel):
    """A data warning the analysts have looked into and accept for this meeting (a known break
    in a series, a cohort change). It is no longer printed as a warning nor fails ``--strict``,
    but is listed as acknowledged, with its reason, in the build output, ``build-warnings.txt``
    and ``manifest.json``; one that no longer matches a warning is itself a warning, so it
    cannot linger."""

    warning: AcknowledgeableWarning
    """The warning's code: outlier | negative-count | shifted-series | stale-commentary |
    target-on-neutral | missing-month (the code printed before each warning)."""
    indicator: str
    """The key of the indicator the warning is about."""
    reason: str = Field(min_length=1)
    """Why the figure is right, in a sentence (kept in the manifest for the audit trail)."""


class DataSources(StrictModel):
    """Where the meeting's performance data comes from (paths relative to the meeting YAML)."""

    catalogue: str
    """The indicator catalogue YAML."""
    values: tuple[ValuesSource, ...] = Field(min_length=1)
    """Values files, merged in order (later files revise earlier ones): each a path, or a
    mapping saying how the workbook is laid out (``sheet``, ``header_row``, ``columns``,
    ``match``; see ValuesSource)."""
    commentary: tuple[str, ...] = ()
    """Commentary files (indicator,period,text CSV or YAML)."""
    period: str = Field(pattern=r"^(\d{4}-(0[1-9]|1[0-2])|Q[1-4] \d{4}/\d{2})$")
    """The report month, YYYY-MM."""
    acknowledged: tuple[Acknowledged, ...] = ()
    """Data warnings looked into and accepted (see Acknowledged)."""


class AgendaItem(StrictModel):
    """One item of the agenda, in order."""

    title: str = Field(min_length=1)
    """As printed on the agenda, in capitals, e.g. 'MINUTES OF THE PREVIOUS MEETING ...'."""
    kind: Literal["standard", "minutes", "report", "paper"] = "standard"
    """standard: no papers; minutes: the previous meeting's minutes (``minutes``); report: a
    committee report (``report``); paper: an officer's supplied paper (``paper``)."""
    description: str | None = None
    """The sentence under the title on the agenda. Text fields may use sandboxed Jinja."""
    minutes: str | None = None
    """For kind 'minutes': the minutes YAML of the previous meeting."""
    report: Report | None = None
    """For kind 'report': every field of the report."""
    recurring: bool = False
    """For kind 'report': the report comes to every meeting (e.g. performance), so
    ``builder next-meeting`` keeps it in the next meeting's agenda; one-off reports are
    dropped."""
    paper: Paper | None = None
    """For kind 'paper': the supplied file and its appendices."""
    late_reason: str | None = None
    """Why the item's papers were not available when the agenda was issued; printed on the
    supplementary agenda that publishes them (``builder supplement``), as the law requires."""

    @model_validator(mode="after")
    def _fields_match_kind(self) -> AgendaItem:
        if self.kind == "minutes" and not self.minutes:
            raise ValueError("a 'minutes' item needs 'minutes' (the minutes YAML)")
        if self.kind == "report" and self.report is None:
            raise ValueError("a 'report' item needs 'report'")
        if self.kind != "report" and self.report is not None:
            raise ValueError("only a 'report' item may have 'report'")
        if self.kind != "minutes" and self.minutes is not None:
            raise ValueError("only a 'minutes' item may have 'minutes'")
        if (self.kind == "paper") != (self.paper is not None):
            raise ValueError("a 'paper' item needs 'paper', and only a 'paper' item has it")
        return self

    @property
    def appendices(self) -> tuple[Appendix, ...]:
        """The appendices of this item's report or supplied paper."""
        source = self.report or self.paper
        return source.appendices if source is not None else ()

    @property
    def exempt_appendices(self) -> tuple[int, ...]:
        """Numbers (1-based) of this report's or paper's exempt appendices."""
        return tuple(n for n, a in enumerate(self.appendices, 1) if a.exempt)


class Meeting(StrictModel):
    """One meeting of the panel."""

    panel: str = Field(min_length=1)
    """e.g. 'Children and Families Scrutiny Panel'."""
    council: str
    """The council configuration YAML (front-sheet text), relative to this file."""
    date: dt.date
    """Meeting date."""
    time: str | None = None
    """e.g. '5.30 pm'."""
    venue: str | None = None
    """e.g. 'Conference Room 3 and 4 - Civic Centre'."""
    issue_date: dt.date
    """Date the agenda is issued (the issue line)."""
    signatory: str
    """Title on the issue line, e.g. 'Director – Legal, Governance and HR'."""
    contact: Contact | None = None
    """The Democratic Support Officer."""
    members: tuple[Member, ...] = ()
    """Panel members in the order printed."""
    variant: Literal["2023", "2017"] = "2023"
    """Report template variant (format-spec A.2)."""
    data: DataSources | None = None
    """The performance data the reports and deck use."""
    deck: str | None = None
    """The B4B deck configuration YAML, if the meeting has one."""
    templates: TemplateChoice | None = None
    """Word templates for this meeting only, over the council's ``templates`` (paths relative
    to this file)."""
    items: tuple[AgendaItem, ...] = Field(min_length=1)
    """Agenda items in order (numbers are assigned, exclusion items generated)."""

    @model_validator(mode="after")
    def _dates(self) -> Meeting:
        if self.issue_date > self.date:
            raise ValueError("issue_date is after the meeting date")
        return self


@dataclass(frozen=True)
class NumberedItem:
    """An agenda item with its number; ``item`` is None for a generated exclusion item."""

    number: int
    item: AgendaItem | None
    excludes_for: AgendaItem | None = None
    """For a generated exclusion item: the report item whose exempt appendices it covers."""

    @property
    def is_exclusion(self) -> bool:
        return self.item is None


def numbered_items(meeting: Meeting) -> tuple[NumberedItem, ...]:
    """Number the agenda, inserting an exclusion item before each report with exempt appendices."""
    out: list[NumberedItem] = []
    for item in meeting.items:
        if item.exempt_appendices:
            out.append(NumberedItem(len(out) + 1, None, item))
        out.append(NumberedItem(len(out) + 1, item))
    return tuple(out)


@dataclass(frozen=True)
class LoadedMeeting:
    """A validated meeting and the file it came from (relative paths resolve against it)."""

    meeting: Meeting
    path: Path

    def resolve(self, relative: str) -> Path:
        return (self.path.parent / relative).resolve()


def load_meeting(path: Path) -> LoadedMeeting:
    """Read and validate a meeting YAML, listing every problem at once."""
    return LoadedMeeting(validate_model(Meeting, read_yaml(path), path, "meeting"), path)
