"""``builder build``: everything for one meeting, with a progress display."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Annotated

import typer
from rich.console import Console
from rich.status import Status

from builder.assemble.convert import DEFAULT_TIMEOUT
from builder.commands.build_summary import print_summary
from builder.commands.common import AllowOutsideOpt, StrictOpt, err
from builder.pipeline.cache import cache_folder
from builder.pipeline.meeting import build_meeting

MeetingArg = Annotated[Path, typer.Argument(
    help="Meeting YAML, e.g. config/meetings/2023-11-23.yaml.")]
OutOpt = Annotated[Path, typer.Option("--out", help="Output folder (replaced file by file, only "
                                      "when every step succeeded).")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=1.0,
                       help="Seconds LibreOffice may take for one conversion call.")]
CacheOpt = Annotated[Path | None, typer.Option(
    "--cache", help="Cache folder: charts and PDFs made before are reused from it when nothing "
    "that shapes them changed (default: .builder-cache beside --out).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Make everything afresh; neither "
                                          "read nor write the cache.")]


class ConsoleProgress:
    """Shows each stage: a spinner then a tick on a terminal, plain lines otherwise."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.status: Status | None = None

    def __enter__(self) -> ConsoleProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop()

    def started(self, stage: str) -> None:
        if self.console.is_terminal:
            self._stop()
            self.status = self.console.status(f"{stage} …")
            self.status.start()
        else:
            self.console.print(f"{stage} …", markup=False)

    def finished(self, stage: str, seconds: float) -> None:
        self._stop()
        tick = "[green]✓[/green] " if self.console.is_terminal else ""
        self.console.print(f"{tick}{stage} ({seconds:.1f} s)")

    def _stop(self) -> None:
        if self.status is not None:
            self.status.stop()
            self.status = None


def build(meeting_yaml: MeetingArg, out_dir: OutOpt, timeout: TimeoutOpt = DEFAULT_TIMEOUT,
          strict: StrictOpt = False, allow_outside: AllowOutsideOpt = None,
          cache: CacheOpt = None, no_cache: NoCacheOpt = False) -> None:
    """Build everything for a meeting: dataset, reports, deck, both agenda packs, manifest.
    Everything is checked first, as by `builder validate MEETING_YAML`. Charts and PDFs that
    nothing changed are reused from the cache (the manifest lists them under 'reused')."""
    with ConsoleProgress(err) as progress:
        result = build_meeting(meeting_yaml, out_dir, progress, timeout, strict,
                               allow_outside or (), cache_folder(out_dir, cache, no_cache))
    print_summary(out_dir, f"wrote {len(result.outputs)} files to {result.out_dir}:",
                  result.outputs, [(n, s.first, s.last) for n, s in result.pack.spans.items()],
                  result.warnings, result.revisions, result.acknowledged)


def register(app: typer.Typer) -> None:
    app.command()(build)
