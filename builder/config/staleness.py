"""Stale text: what a config copied from last month still says about last month.

The checks (warnings; ``--strict`` makes them errors), described in ``docs/second-meeting.md``:

* ``stale-month`` — literal month text (``October 2023``, ``Oct 2023``, ``Oct-23``) in a text
  field of the meeting, the deck or the catalogue's ``source`` that names a recent month other
  than the report period, the meeting's month or the issue month: one of the
  ``RECENT_MONTHS`` months before the meeting, where last month's period and dates live. Use
  ``{{ period.name }}``, ``{{ period.label }}`` or ``{{ meeting.date | long_date }}`` instead.
* ``stale-date`` — a full date (``28 September 2023``) that is one of the council's meeting
  dates but neither this meeting's nor the previous meeting's.
* ``meeting-date`` — the meeting's date is not among the council's ``meeting_dates``
  (the municipal-year text does not cover the meeting).
* ``minutes-date`` — the minutes on the agenda are not those of the previous meeting in
  ``meeting_dates``.

And an error, not a warning: text still marked ``[to supply]`` (what ``builder next-meeting``
leaves for an officer to write) is listed by :func:`still_to_supply`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from builder.compute.model import Finding
from builder.compute.periods import Month
from builder.config.roll_forward import LAST_MONTH, TO_SUPPLY
from builder.config.text_fields import text_fields
from builder.errors import Problem

RECENT_MONTHS = 3
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_FULL = "|".join(MONTHS)
_SHORT = "|".join(m[:3] for m in MONTHS)
_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({_FULL}) (\d{{4}})\b")
_MONTH_YEAR = re.compile(rf"\b({_FULL}|{_SHORT}) (\d{{4}})\b|\b({_SHORT})-(\d{{2}})\b")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


@dataclass(frozen=True)
class TextSource:
    """A configuration file's text fields to scan."""

    file: str
    model: BaseModel


@dataclass(frozen=True)
class Cycle:
    """Where this meeting stands in the council's year."""

    period: Month | None
    meeting: dt.date
    issue: dt.date
    meeting_dates: tuple[dt.date, ...]
    """The council's meeting dates of the municipal year (empty when it lists none)."""

    @property
    def previous_meeting(self) -> dt.date | None:
        return max((d for d in self.meeting_dates if d < self.meeting), default=None)


def stale_text(sources: Iterable[TextSource], cycle: Cycle) -> list[Finding]:
    """Every stale month or date in the text fields of ``sources`` (see the module doc)."""
    allowed = {Month(d.year, d.month) for d in (cycle.meeting, cycle.issue)}
    if cycle.period is not None:
        allowed.add(cycle.period)
    here = Month(cycle.meeting.year, cycle.meeting.month)
    recent = {here.shift(-n) for n in range(1, RECENT_MONTHS + 1)} - allowed
    dates_ok = {cycle.meeting, cycle.previous_meeting}
    other_meetings = set(cycle.meeting_dates) - dates_ok
    found = []
    for source in sources:
        for where, raw in text_fields(source.model):
            text = _TAG.sub("", raw)
            for day in _dates(text):
                if day in other_meetings:
                    found.append(Finding("stale-date", None, f"{source.file}: {where}: names "
                                         f"{day:%-d %B %Y}, the date of another meeting; "
                                         "use {{ meeting.date | long_date }} or the minutes' "
                                         "date"))
            for month, shown in _months(_DATE.sub("", text)):
                if month in recent:
                    found.append(Finding("stale-month", None, f"{source.file}: {where}: names "
                                         f"'{shown}' but the report period is "
                                         f"{_name(cycle.period)}; use {{{{ period.name }}}} "
                                         "or {{ period.label }}"))
    return found


def still_to_supply(source: TextSource) -> list[Problem]:
    """A Problem for every text field of ``source`` still marked ``TO_SUPPLY`` (or carried
    over from last month to review: ``TO_SUPPLY LAST_MONTH``)."""
    review = f"{TO_SUPPLY} {LAST_MONTH}"
    return [Problem(source.file, where, "carried over from last month, still to review",
                    f"check it is still true, then delete '{review}'") if review in text else
            Problem(source.file, where, "still to supply",
                    f"write the text in place of '{TO_SUPPLY}'")
            for where, text in text_fields(source.model) if TO_SUPPLY in text]


def cycle_findings(cycle: Cycle, council_file: str, minutes: Sequence[tuple[str, dt.date]]
                   ) -> list[Finding]:
    """The meeting and its minutes against the council's meeting dates."""
    found = []
    if cycle.meeting_dates and cycle.meeting not in cycle.meeting_dates:
        found.append(Finding("meeting-date", None, f"{council_file}: meeting_dates: the meeting "
                             f"of {cycle.meeting:%-d %B %Y} is not among the council's meeting "
                             "dates; update the municipal year's dates"))
    previous = cycle.previous_meeting
    for file, held in minutes:
        if previous is not None and held != previous:
            found.append(Finding("minutes-date", None, f"{file}: date: the minutes are of "
                                 f"{held:%-d %B %Y}, but the previous meeting was "
                                 f"{previous:%-d %B %Y}"))
    return found


def _name(period: Month | None) -> str:
    return f"{period.first_day():%B %Y}" if period is not None else "not set"


def _dates(text: str) -> Iterable[dt.date]:
    for day, month, year in _DATE.findall(text):
        try:
            yield dt.date(int(year), MONTHS.index(month) + 1, int(day))
        except ValueError:
            continue


def _months(text: str) -> Iterable[tuple[Month, str]]:
    for match in _MONTH_YEAR.finditer(text):
        name, year, short, yy = match.groups()
        if name:
            index = next(n for n, m in enumerate(MONTHS) if name in (m, m[:3]))
            yield Month(int(year), index + 1), match.group(0)
        else:
            index = next(n for n, m in enumerate(MONTHS) if m[:3] == short)
            yield Month(2000 + int(yy), index + 1), match.group(0)
