"""``builder next-meeting``: the next meeting's configuration from this one (the monthly cycle)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from builder.commands.common import AllowOutsideOpt, out, period_option
from builder.errors import ConfigError
from builder.pipeline.next_meeting import roll_forward


def next_meeting_command(
        meeting_yaml: Annotated[Path, typer.Argument(help="This meeting's YAML.")],
        date: Annotated[str, typer.Option(help="The next meeting's date, YYYY-MM-DD.")],
        period: Annotated[str, typer.Option(help="The next meeting's data period, YYYY-MM.")],
        out_dir: Annotated[Path | None, typer.Option(
            "--out", help="Config folder to write into (default: the one holding "
            "meetings/).")] = None, allow_outside: AllowOutsideOpt = None) -> None:
    """Write the next meeting's config: meeting, this meeting's minutes skeleton, the tracker
    carried forward and the deck for the new period. Never overwrites a file."""
    try:
        when = dt.date.fromisoformat(date)
    except ValueError:
        raise ConfigError(f"--date: '{date}' is not a date", hint="Use YYYY-MM-DD.") from None
    month = period_option(period)
    assert month is not None
    rolled = roll_forward(meeting_yaml, when, month, out_dir, allow_outside or ())
    for path in rolled.written:
        out.print(f"wrote {path}", markup=False)
    out.print(f"next: add the values for {month.label()} as {rolled.values}, write the minutes "
              f"and narrative marked [to supply], then run `builder validate {rolled.meeting}`",
              markup=False)


def register(app: typer.Typer) -> None:
    app.command("next-meeting")(next_meeting_command)
