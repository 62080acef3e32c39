"""``builder report``: the committee reports of a meeting, as Word documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.commands.common import AllowOutsideOpt, StrictOpt, out, report_warnings
from builder.outputs import staging_dir
from builder.pipeline.checked import check_meeting
from builder.pipeline.reports import PARTS, build_reports
from builder.render.charts import default_cache_dir


def report(meeting: Annotated[Path, typer.Argument(help="The meeting YAML, e.g. "
                                                   "config/meetings/2023-11-23.yaml.")],
           out_dir: Annotated[Path, typer.Option("--out", help="Folder for the reports.")],
           item: Annotated[int | None, typer.Option("--item", help="Only this agenda item "
                                                    "number (default: every report).")] = None,
           cache: Annotated[bool, typer.Option(help="Reuse charts drawn by earlier runs "
                                               "($BUILDER_CACHE_DIR or ~/.cache/builder).")]
           = True, strict: StrictOpt = False, allow_outside: AllowOutsideOpt = None) -> None:
    """Write item-NN-<slug>.docx per report item (with its appendices) and the parts the pack
    uses (OUT/parts/), atomically. Everything is checked first, as by `builder validate`."""
    checked = check_meeting(meeting, strict, allow_outside or ())
    report_warnings(checked.warnings)
    with staging_dir(out_dir) as staged:
        built = build_reports(checked.inputs, staged, checked.model, only=item,
                              chart_cache=default_cache_dir() if cache else None)
        count = sum(1 for f in (staged / PARTS).iterdir() if f.is_file())
    for parts in built:
        out.print(f"wrote {out_dir / parts.docx.name} (agenda item {parts.agenda_number}, "
                  f"{len(parts.appendices)} appendices)", soft_wrap=True)
    out.print(f"wrote {count} part files (report bodies and appendices) in {out_dir / PARTS}",
              soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(report)
