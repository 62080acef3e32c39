"""``builder pack``: the public and exempt agenda packs of a meeting."""

from __future__ import annotations

import typer

from builder.assemble.convert import DEFAULT_TIMEOUT
from builder.commands.build import (
    CacheOpt,
    ConsoleProgress,
    MeetingArg,
    NoCacheOpt,
    OutOpt,
    TimeoutOpt,
)
from builder.commands.common import AllowOutsideOpt, err, out
from builder.pipeline.cache import cache_folder
from builder.pipeline.meeting import build_packs


def pack(meeting_yaml: MeetingArg, out_dir: OutOpt, timeout: TimeoutOpt = DEFAULT_TIMEOUT,
         allow_outside: AllowOutsideOpt = None, cache: CacheOpt = None,
         no_cache: NoCacheOpt = False) -> None:
    """Build the agenda packs (agenda-pack-public.pdf, agenda-pack-exempt.pdf). Uses the papers
    'builder report' and 'builder deck' wrote into --out when all are there and newer than
    every input; otherwise renders them afresh in a temporary folder. Writes only the packs.
    PDFs and charts are reused from the cache as by 'builder build', and a run with nothing
    changed since the last is up to date at once (nothing rewritten)."""
    with ConsoleProgress(err) as progress:
        result = build_packs(meeting_yaml, out_dir, progress, timeout, allow_outside or (),
                             cache_folder(out_dir, cache, no_cache))
    papers = f"the papers rendered earlier in {out_dir}" if result.reused else "papers rendered now"
    out.print(f"packs made from {papers}", markup=False)
    for path in (result.public, result.exempt):
        if path is not None:
            out.print(f"wrote {path} ({path.stat().st_size:,} bytes)", markup=False)
    if result.exempt is None:
        out.print("no exempt appendices: no exempt pack")


def register(app: typer.Typer) -> None:
    app.command()(pack)
