"""``builder next-meeting`` (and the web app's "New meeting from this one"): the next meeting's
configuration files from this one (the rules are in :mod:`builder.config.roll_forward`)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.compute.periods import Month
from builder.config.council import load_council
from builder.config.deck import DeckData, load_deck
from builder.config.dump import write_yaml
from builder.config.meeting import Meeting, load_meeting
from builder.config.minutes import load_minutes
from builder.config.roll_forward import (
    Files,
    carried_tracker,
    minutes_skeleton,
    next_deck,
    next_meeting,
)
from builder.config.tracker import load_tracker
from builder.config.values_source import ValuesSource
from builder.errors import ConfigError, Problem, raise_if_any
from builder.pipeline.inputs import confine_meeting

HEADER = ("Written by `builder next-meeting` from {source}.\n"
          "Run `builder validate {meeting}` to list what is still to supply.")


@dataclass(frozen=True)
class RolledForward:
    """What ``roll_forward`` wrote."""

    meeting: Path
    """The next meeting's YAML."""
    written: tuple[Path, ...]
    """Every file written, the meeting first."""
    values: Path
    """The values file the next meeting expects (not written: the analysts supply it)."""


def roll_forward(meeting_yaml: Path, when: dt.date, month: Month, out_dir: Path | None = None,
                 allow_outside: Sequence[Path] = ()) -> RolledForward:
    """Write the next meeting's files into ``out_dir`` (default: the config folder holding
    ``meetings/``); a ConfigError, and nothing written, when any of them exists or when the
    meeting names a file outside its config folder and the ``allow_outside`` folders."""
    loaded = load_meeting(meeting_yaml)
    confine_meeting(loaded, allow_outside)
    meeting = loaded.meeting
    if when <= meeting.date:
        raise ConfigError(f"the next meeting's date, {when}, is not after this meeting "
                          f"({meeting.date})", hint="Give a later date.")
    folder = (out_dir or meeting_yaml.resolve().parent.parent).resolve()
    meetings = folder / "meetings"
    target = meetings / f"{when.isoformat()}.yaml"

    def relative(path: Path, start: Path) -> str:
        return Path(os.path.relpath(path, start)).as_posix()

    def relocated(rel: str) -> str:
        return relative(loaded.resolve(rel), meetings)

    minutes_path = folder / "minutes" / f"{meeting.date.isoformat()}.yaml"
    last = Path(meeting.data.values[-1].path).name if meeting.data else "values.csv"
    values_name = _renamed(last, meeting.data.period if meeting.data else "", month.iso())
    values_path = folder / "values" / values_name
    trackers = [loaded.resolve(a.path) for i in meeting.items if i.report and i.recurring
                for a in i.report.appendices if a.kind == "tracker" and a.path]
    tracker_path = folder / "trackers" / f"{when.isoformat()}.yaml" if trackers else None
    deck_source = loaded.resolve(meeting.deck) if meeting.deck else None
    deck_path = (folder / "decks" / _renamed(deck_source.name, meeting.data.period
                                              if meeting.data else "", month.iso())
                 if deck_source else None)
    written = [p for p in (target, minutes_path, tracker_path, deck_path) if p is not None]
    raise_if_any([Problem(str(p), "", "exists already; next-meeting never overwrites a file",
                          "remove it, or choose another --out") for p in written if p.exists()],
                 ConfigError, "the next meeting's files would replace existing ones")

    files = Files(relative(minutes_path, meetings), relative(values_path, meetings),
                  relative(tracker_path, meetings) if tracker_path else None,
                  relative(deck_path, meetings) if deck_path else None)
    previous = next((load_minutes(loaded.resolve(i.minutes)) for i in meeting.items
                     if i.minutes), None)
    rolled = next_meeting(meeting, when, month, files,
                          {p: relocated(p) for p in _paths(meeting)},
                          previous.date if previous is not None else None)
    council = load_council(loaded.resolve(meeting.council))
    header = HEADER.format(source=meeting_yaml.name, meeting=target)
    skeleton = minutes_skeleton(meeting, previous, council.front_sheet.meeting_dates.dates,
                                council.exclusion.title)
    write_yaml(minutes_path, skeleton, header)
    if tracker_path is not None:
        write_yaml(tracker_path, carried_tracker(load_tracker(trackers[0]), meeting.date,
                                                 previous), header)
    if deck_path is not None and deck_source is not None:
        deck = load_deck(deck_source).deck

        def moved(rel: str) -> str:
            return relative(deck_source.parent / rel, deck_path.parent)

        data = DeckData(catalogue=moved(deck.data.catalogue),
                        values=(*(v.model_copy(update={"path": moved(v.path)})
                                  for v in deck.data.values),
                                ValuesSource(path=relative(values_path, deck_path.parent))),
                        commentary=tuple(map(moved, deck.data.commentary)))
        template = moved(deck.template) if deck.template else None
        write_yaml(deck_path, next_deck(deck, month, data, template), header)
    write_yaml(target, rolled, header)
    return RolledForward(target, (target, *written[1:]), values_path)


def _renamed(name: str, old: str, new: str) -> str:
    """``b4b-2023-10.csv`` -> ``b4b-2023-11.csv``; ``values.csv`` -> ``values-2023-11.csv``."""
    if old and old in name:
        return name.replace(old, new)
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-{new}.{suffix}" if dot else f"{name}-{new}"


def _paths(meeting: Meeting) -> list[str]:
    """Every relative path the meeting names (council, data files, appendices)."""
    found = [meeting.council]
    if meeting.data is not None:
        found += [meeting.data.catalogue, *(v.path for v in meeting.data.values),
                  *meeting.data.commentary]
    for item in meeting.items:
        found += [a.path for a in (item.report.appendices if item.report else ()) if a.path]
    return found
