"""The monitoring scrutiny recommendations tracker (YAML or CSV; format-spec E.1, DESIGN 3.3).

Each row is one recommendation the Panel resolved at a meeting, with the action taken and its
progress status. A row stays on the list until the Panel accepts it as complete (or the Panel has
been told it was rejected): give ``closed`` the date of that meeting and the row is still shown
at that meeting, then drops off every later one.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from builder.config.base import StrictModel
from builder.config.loader import problems_from_validation, read_yaml, validate_model
from builder.errors import DataError, Problem, raise_if_any

Status = Literal["Complete", "Partially complete", "Outstanding", "Rejected"]
CSV_COLUMNS = ("meeting", "title", "action_proposed", "action_taken", "status", "closed")
MAX_CSV_BYTES = 2_000_000


class Recommendation(StrictModel):
    """One row of the tracker."""

    meeting: dt.date
    """Date of the meeting that made the recommendation (printed dd/mm/yy)."""
    title: str = Field(min_length=1)
    """The agenda item, in title case, e.g. 'Children and Families Performance'."""
    action_proposed: str = Field(min_length=1)
    """The resolution, e.g. 'That the school absence spreadsheet ... is circulated to the
    Panel.' Numbered 1), 2), ... within its meeting and title when printed."""
    action_taken: str = ""
    """What was done, e.g. 'Attached as Appendix 2'; empty while nothing has been done."""
    status: Status | None = None
    """Complete | Partially complete | Outstanding | Rejected; empty when not yet assessed."""
    closed: dt.date | None = None
    """Date of the meeting at which the Panel accepted the row as complete (or was told it was
    rejected); the row drops off every later meeting."""


class Tracker(StrictModel):
    """The whole tracker file (YAML form; the CSV form is a table of the same rows)."""

    recommendations: tuple[Recommendation, ...] = Field(min_length=1)
    """Rows in the order they are printed (oldest meeting first)."""

    def shown_at(self, meeting: dt.date) -> tuple[Recommendation, ...]:
        """The rows printed for ``meeting``: made before it and not closed at an earlier one."""
        return tuple(r for r in self.recommendations
                     if r.meeting < meeting and (r.closed is None or r.closed >= meeting))


def load_tracker(path: Path) -> Tracker:
    """Read a tracker from YAML (``recommendations:`` list) or CSV (columns ``CSV_COLUMNS``)."""
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    return validate_model(Tracker, read_yaml(path), path, "scrutiny recommendations tracker")


def _read_csv(path: Path) -> Tracker:
    if not path.is_file():
        raise DataError(f"{path}: file not found", hint="Check the tracker path in the meeting.")
    if path.stat().st_size > MAX_CSV_BYTES:
        raise DataError(f"{path}: larger than {MAX_CSV_BYTES:,} bytes; refusing to read it")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = tuple(reader.fieldnames or ())
        missing = [c for c in CSV_COLUMNS[:3] if c not in header]
        unknown = [c for c in header if c not in CSV_COLUMNS]
        problems = [Problem(str(path), "header", f"missing column '{c}'", ", ".join(CSV_COLUMNS))
                    for c in missing]
        problems += [Problem(str(path), "header", f"unknown column '{c}'", ", ".join(CSV_COLUMNS))
                     for c in unknown]
        raise_if_any(problems, DataError, f"{path}: the tracker's header is not valid")
        rows = [{k: v for k, v in row.items() if v not in ("", None)} for row in reader]
    problems = []
    valid: list[Recommendation] = []
    for n, row in enumerate(rows, 2):
        try:
            valid.append(Recommendation.model_validate(row))
        except ValidationError as exc:
            for p in problems_from_validation(path, exc, row):
                problems.append(Problem(p.file, f"row {n}, column {p.where}", p.what, p.valid))
    raise_if_any(problems, DataError, f"{path}: the tracker has rows that cannot be used")
    if not valid:
        raise DataError(f"{path}: the tracker has no rows")
    return Tracker(recommendations=tuple(valid))
