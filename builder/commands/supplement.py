"""``builder supplement``: late papers as a supplementary pack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from builder.assemble.convert import DEFAULT_TIMEOUT
from builder.commands.build import ConsoleProgress, MeetingArg, TimeoutOpt
from builder.commands.common import AllowOutsideOpt, err, out
from builder.errors import ConfigError
from builder.pipeline.supplement import build_supplement


def _numbers(text: str) -> list[int]:
    try:
        numbers = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ConfigError(f"--items: '{text}' is not a list of agenda numbers",
                          hint="e.g. --items 9,10") from None
    if not numbers:
        raise ConfigError("--items: name at least one agenda item", hint="e.g. --items 9,10")
    return numbers


def supplement(
        meeting_yaml: MeetingArg,
        items: Annotated[str, typer.Option(help="Agenda numbers of the late items, e.g. 9,10.")],
        out_dir: Annotated[Path, typer.Option("--out", help="The meeting's output folder.")],
        issued: Annotated[str | None, typer.Option(
            "--issued", help="Issue date of the supplement, YYYY-MM-DD (default: today).")]
        = None,
        timeout: TimeoutOpt = DEFAULT_TIMEOUT, allow_outside: AllowOutsideOpt = None) -> None:
    """Publish late papers as supplement-N-public.pdf (and -exempt.pdf): a supplementary
    agenda with the reason each is late, the papers stamped in their own page sequence. The
    main pack is not changed."""
    try:
        issue_date = dt.date.fromisoformat(issued) if issued else dt.date.today()
    except ValueError:
        raise ConfigError(f"--issued: '{issued}' is not a date", hint="YYYY-MM-DD") from None
    with ConsoleProgress(err) as progress:
        result = build_supplement(meeting_yaml, _numbers(items), out_dir, issue_date, progress,
                                  timeout, allow_outside or ())
    for path in (result.public, *((result.exempt,) if result.exempt else ())):
        out.print(f"wrote {path} ({path.stat().st_size:,} bytes)", markup=False)
    ranges = ", ".join(f"item {n}: pages {s.first}-{s.last}" for n, s in result.spans.items())
    out.print(f"supplement {result.number}: {ranges}", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(supplement)
