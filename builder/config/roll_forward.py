"""The next meeting's configuration from this one (``builder next-meeting``), as typed models.

What moves on and what is left for an officer (marked ``TO_SUPPLY``, which ``builder validate``
lists as still to supply):

* the meeting: date and issue date (the same lead time), the data period, a new values file
  added after the current ones (a later file revises earlier ones), the acknowledged warnings
  dropped (they were about this month's data); standard and minutes items
  kept, reports kept only when ``recurring: true``, supplied papers (one-off) dropped; literal
  mentions of this meeting's date and period in text fields become
  ``{{ meeting.date | long_date }}`` and ``{{ period.name }}``;
* the minutes item points at a skeleton of *this* meeting's minutes: its agenda items in order,
  numbered on from the previous minutes through the municipal year (restarting at 1 at the
  first meeting of the council's ``meeting_dates``), each item's words to supply;
* the tracker: rows marked Complete or Rejected are closed at this meeting (they drop off the
  next one, spec E.1), and the numbered resolutions of the minutes on this agenda that are not
  rows yet are added (typed once, in the minutes);
* the deck: period moved on, its narrative to supply; its extra slides' bullets and data notes
  to review (``[to supply] last month: <text>``: undated text may be stale).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from builder.compute.periods import Month, parse_period
from builder.config.deck import Deck, DeckData
from builder.config.meeting import Meeting, numbered_items
from builder.config.minutes import MinuteItem, Minutes
from builder.config.text_fields import map_text
from builder.config.tracker import Recommendation, Tracker
from builder.config.values_source import ValuesSource

TO_SUPPLY = "[to supply]"
LAST_MONTH = "last month:"
"""Before a text carried over to be reviewed: delete both markers once it is right."""
"""Marks text an officer still has to write; ``builder validate`` lists every such field."""
CLOSING = ("Complete", "Rejected")


@dataclass(frozen=True)
class Files:
    """Where the new meeting's files go, as written in the new meeting YAML (relative)."""

    minutes: str
    """This meeting's minutes skeleton."""
    values: str
    """The next period's values file (to supply)."""
    tracker: str | None
    deck: str | None


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def next_meeting(meeting: Meeting, date: dt.date, period: Month, files: Files,
                 relocate: dict[str, str], minuted: dt.date | None) -> Meeting:
    """The next meeting; ``relocate`` maps this meeting's relative paths to the new file's;
    ``minuted`` is the date of the minutes on this agenda (the next agenda names this
    meeting's instead)."""
    old_period = parse_period(meeting.data.period) if meeting.data else None
    items = []
    for item in meeting.items:
        if item.kind == "paper" or (item.kind == "report" and not item.recurring):
            continue
        if item.kind == "minutes":
            text = item.description
            if text is not None and minuted is not None:
                text = text.replace(long_date(minuted), long_date(meeting.date))
            item = item.model_copy(update={"minutes": files.minutes, "description": text})
        if item.report is not None:
            appendices = tuple(
                a.model_copy(update={"path": _moved(a.path, a.kind, files, relocate)})
                for a in item.report.appendices)
            report = item.report.model_copy(update={"appendices": appendices})
            item = item.model_copy(update={"report": report})
        items.append(item)
    update: dict[str, object] = {
        "date": date, "issue_date": date - (meeting.date - meeting.issue_date),
        "council": relocate[meeting.council], "items": tuple(items)}
    if meeting.data is not None:
        data = meeting.data
        update["data"] = data.model_copy(update={
            "catalogue": relocate[data.catalogue],
            "values": (*(v.model_copy(update={"path": relocate[v.path]}) for v in data.values),
                       ValuesSource(path=files.values)),
            "commentary": tuple(relocate[c] for c in data.commentary),
            "period": period.iso(),
            "acknowledged": ()})  # this month's data was looked into, not next month's
    if meeting.deck is not None and files.deck is not None:
        update["deck"] = files.deck
    rolled = meeting.model_copy(update=update)
    return map_text(rolled, _variables(meeting.date, old_period))


def _moved(path: str | None, kind: str, files: Files, relocate: dict[str, str]) -> str | None:
    if path is None:
        return None
    if kind == "tracker" and files.tracker is not None:
        return files.tracker
    return relocate[path]


def _variables(date: dt.date | None, period: Month | None) -> Callable[[str, str], str]:
    """Literal text of this meeting's date and period -> the Jinja variables."""
    swaps = [(long_date(date), "{{ meeting.date | long_date }}")] if date is not None else []
    if period is not None:
        swaps.append((f"{period.first_day():%B %Y}", "{{ period.name }}"))

    def change(text: str, _where: str) -> str:
        for literal, variable in swaps:
            text = text.replace(literal, variable)
        return text

    return change


def minutes_skeleton(meeting: Meeting, previous: Minutes | None,
                     meeting_dates: Sequence[dt.date], exclusion_title: str) -> Minutes:
    """This meeting's minutes to write: its agenda in order, numbered through the year."""
    first = 1
    if previous is not None and meeting_dates and meeting.date != meeting_dates[0]:
        first = previous.first_number + len(previous.items)
    items = []
    for numbered in numbered_items(meeting):
        title = numbered.item.title if numbered.item is not None else exclusion_title
        items.append(MinuteItem(title=title, content=(TO_SUPPLY,)))
    return Minutes(panel=meeting.panel, date=meeting.date, present=TO_SUPPLY,
                   first_number=first, items=tuple(items))


def carried_tracker(tracker: Tracker, meeting: dt.date, minutes: Minutes | None) -> Tracker:
    """The tracker for the next meeting (see the module doc)."""
    rows = [r.model_copy(update={"closed": meeting})
            if r.status in CLOSING and r.closed is None and r.meeting < meeting else r
            for r in tracker.recommendations]
    if minutes is None:
        return Tracker(recommendations=tuple(rows))
    known = {" ".join(r.action_proposed.split()) for r in rows}
    for item in minutes.items:
        for text in item.resolved.resolutions if item.resolved is not None else ():
            if " ".join(text.split()) not in known:
                rows.append(Recommendation(meeting=minutes.date, title=_title_case(item.title),
                                           action_proposed=text))
    return Tracker(recommendations=tuple(rows))


def next_deck(deck: Deck, period: Month, data: DeckData, template: str | None) -> Deck:
    """The deck for ``period`` with ``data`` and ``template`` (paths relative to the new deck
    file), the service's narrative to supply; the bullets of extra slides and the data notes
    to review (each kept after ``LAST_MONTH``, so it can be reused once checked)."""
    priorities = tuple(p.model_copy(update={
        "narrative": (TO_SUPPLY,) if p.narrative else (),
        "extra_slides": tuple(s.model_copy(update={"bullets": _to_review(s.bullets)})
                              for s in p.extra_slides)})
        for p in deck.priorities)
    rolled = deck.model_copy(update={"period": period.iso(), "date": None, "data": data,
                                     "template": template, "priorities": priorities,
                                     "data_notes": _to_review(deck.data_notes)})
    return map_text(rolled, _variables(None, deck.month))


def _to_review(texts: tuple[str, ...]) -> tuple[str, ...]:
    """``[to supply] last month: <text>`` for each text written for this month."""
    return tuple(f"{TO_SUPPLY} {LAST_MONTH} {t}" for t in texts)


def _title_case(title: str) -> str:
    small = {"and", "of", "the", "to", "for", "in", "on", "a"}
    words = title.lower().split()
    return " ".join(w if n and w in small else w.capitalize() for n, w in enumerate(words))
