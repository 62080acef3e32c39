"""Options and output shared by the commands."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from builder.compute.periods import Month, parse_period
from builder.errors import ConfigError

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

CommentaryOpt = Annotated[list[Path] | None, typer.Option("--commentary",
                          help="Commentary file (indicator,period,text CSV or YAML); repeatable.")]
AllowOutsideOpt = Annotated[list[Path] | None, typer.Option(
    "--allow-outside", help="A folder outside the config folder (the folder holding the YAML's "
    "folder) that the YAML may name files in; repeatable.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat data warnings as errors.")]


def period_option(text: str | None) -> Month | None:
    if text is None:
        return None
    try:
        return parse_period(text)
    except ValueError as exc:
        raise ConfigError(f"--period: {exc}") from None


def report_warnings(warnings: Sequence[object]) -> None:
    """Each warning on its own line, with its code when it has one (``warning: [outlier]
    lac11_ql: ...``): the code is what ``data.acknowledged`` names to accept it."""
    for warning in warnings:
        coded = getattr(warning, "coded", None)
        err.print(Text("warning: ", style="yellow")
                  + Text(coded() if callable(coded) else str(warning)))


def report_acknowledged(acknowledged: Sequence[object]) -> None:
    """Each acknowledged warning with the reason the meeting gives for it."""
    for line in acknowledged:
        err.print(Text("note: ", style="cyan") + Text(str(line)))
