"""What ``builder build`` prints at its end: the data warnings, the revised values, the files in
the output folder and the pack's page ranges; the same after a build as when the output folder
was found up to date (:mod:`builder.pipeline.up_to_date`). Imports nothing heavy: it runs
before the rest of builder is imported when nothing changed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from builder.assemble.manifest import WARNINGS_FILE
from builder.commands.common import err, out, report_acknowledged, report_warnings
from builder.pipeline.up_to_date import Unchanged


def print_summary(out_dir: Path, heading: str, files: Sequence[Path],
                  pages: Sequence[tuple[object, int, int]], warnings: Sequence[object],
                  revisions: Sequence[str], acknowledged: Sequence[str]) -> None:
    """The warnings, the acknowledged ones and the revisions (standard error), then
    ``heading``, the files with their sizes and the page ranges (standard output)."""
    report_warnings(warnings)
    report_acknowledged(acknowledged)
    for revision in revisions:
        err.print(f"revised: {revision}", markup=False)
    if warnings:
        err.print(f"{len(warnings)} data warning(s), also in {out_dir / WARNINGS_FILE}",
                  markup=False)
    out.print(heading, markup=False)
    for path in files:
        out.print(f"  {path.name} ({path.stat().st_size:,} bytes)", markup=False)
    ranges = ", ".join(f"item {n}: pages {first}-{last}" for n, first, last in pages)
    out.print(f"agenda pack: {ranges}", markup=False)


def print_unchanged(out_dir: Path, done: Unchanged, command: str = "build") -> None:
    """The summary of the run (``command``: ``build`` or ``pack``) that made ``out_dir``, which
    is up to date."""
    made_by = "build" if command == "build" else "packs"
    print_summary(out_dir, f"up to date: nothing changed since the {made_by} of {done.built_at}; "
                  f"kept {len(done.files)} files in {out_dir}:", done.files, done.pages,
                  done.warnings, done.revisions, done.acknowledged)
