"""``builder validate`` and ``builder indicators``: checking inputs, and the computed dataset."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from builder.commands.common import (
    AllowOutsideOpt,
    CommentaryOpt,
    StrictOpt,
    out,
    period_option,
    report_acknowledged,
    report_warnings,
)
from builder.errors import ConfigError
from builder.outputs import atomic_file
from builder.pipeline.checked import check_meeting
from builder.pipeline.data import DataInputs, compute_data, load_data
from builder.present.dataset import dataset_table
from builder.render.dataset_file import check_dataset_path, write_dataset

VALUES_HELP = "Values file (.csv/.xlsx, long or wide); repeat to merge, later wins."
CatalogueOpt = Annotated[Path | None, typer.Option(
    "--catalogue", help="Indicator catalogue YAML (data-only check, with --values).")]
ValuesOpt = Annotated[list[Path] | None, typer.Option("--values", help=VALUES_HELP)]


def validate(meeting: Annotated[Path | None, typer.Argument(
                 help="A meeting YAML: check everything its build reads.")] = None,
             catalogue: CatalogueOpt = None, values: ValuesOpt = None,
             commentary: CommentaryOpt = None,
             period: Annotated[str | None, typer.Option(
                 help="YYYY-MM; default: latest month (data-only check).")] = None,
             strict: StrictOpt = False, allow_outside: AllowOutsideOpt = None) -> None:
    """Check a whole meeting (MEETING_YAML: meeting, council, minutes, deck, trackers,
    glossaries, templates, appendix files, catalogue, values, commentary), or only a catalogue
    and values files (--catalogue, --values); list every problem at once (exit 2 if any)."""
    started = time.perf_counter()
    if meeting is not None:
        if catalogue or values or commentary or period:
            raise ConfigError("give a MEETING_YAML or --catalogue/--values, not both")
        checked = check_meeting(meeting, strict, allow_outside or ())
        report_warnings(checked.warnings)
        report_acknowledged(checked.acknowledged)
        models = [m for m in (checked.model, checked.deck_model) if m is not None]
        revisions = len({r for m in models for r in m.revisions})
        data = f", data to {models[0].period.label()}" if models else ""
        acknowledged = f", {len(checked.acknowledged)} acknowledged" \
            if checked.acknowledged else ""
        out.print(f"OK: {meeting} can be built ({len(checked.inputs.files)} files checked"
                  f"{data}, {revisions} revision(s), {len(checked.warnings)} warning(s)"
                  f"{acknowledged}, {time.perf_counter() - started:.1f} s)", markup=False)
        return
    if catalogue is None or not values:
        raise ConfigError("nothing to check", hint="Give a meeting YAML (builder validate "
                          "config/meetings/2023-11-23.yaml) or --catalogue FILE --values FILE.")
    inputs = DataInputs(catalogue, tuple(values), tuple(commentary or ()))
    model = compute_data(load_data(inputs, period_option(period), "--period"), strict)
    report_warnings(model.warnings)
    count = len(model.catalogue.indicators)
    out.print(f"OK: {count} indicators, values to {model.period.label()}, "
              f"{len(model.revisions)} revision(s), {len(model.warnings)} warning(s)")


def indicators(catalogue: Annotated[Path, typer.Option("--catalogue",
                                                       help="Indicator catalogue YAML.")],
               values: Annotated[list[Path], typer.Option("--values", help=VALUES_HELP)],
               period: Annotated[str, typer.Option(help="Report month, YYYY-MM.")],
               out_file: Annotated[Path, typer.Option("--out", help="Output .csv or .xlsx.")],
               commentary: CommentaryOpt = None, strict: StrictOpt = False) -> None:
    """Compute the performance dataset for a month and write it as CSV or XLSX."""
    check_dataset_path(out_file)
    inputs = DataInputs(catalogue, tuple(values), tuple(commentary or ()))
    model = compute_data(load_data(inputs, period_option(period), "--period"), strict)
    report_warnings(model.warnings)
    table = dataset_table(model)
    with atomic_file(out_file) as tmp:
        write_dataset(table, tmp)
    out.print(f"wrote {out_file} ({len(table.rows)} indicators, {model.period.label()})")


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(indicators)
