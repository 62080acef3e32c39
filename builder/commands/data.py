"""``builder validate`` and ``builder indicators``: the data half of the pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.commands.common import (
    CatalogueOpt,
    CommentaryOpt,
    StrictOpt,
    ValuesOpt,
    out,
    period_option,
    report_warnings,
)
from builder.outputs import atomic_file
from builder.pipeline.data import DataInputs, build_model
from builder.present.dataset import dataset_table
from builder.render.dataset_file import check_dataset_path, write_dataset


def validate(catalogue: CatalogueOpt, values: ValuesOpt, commentary: CommentaryOpt = None,
             period: Annotated[str | None, typer.Option(help="YYYY-MM; default: latest month.")]
             = None, strict: StrictOpt = False) -> None:
    """Check the catalogue and values files and list every problem at once (exit 2 if any)."""
    inputs = DataInputs(catalogue, tuple(values), tuple(commentary or ()))
    model = build_model(inputs, period_option(period), strict)
    report_warnings(model.warnings)
    count = len(model.catalogue.indicators)
    out.print(f"OK: {count} indicators, values to {model.period.label()}, "
              f"{len(model.revisions)} revision(s), {len(model.warnings)} warning(s)")


def indicators(catalogue: CatalogueOpt, values: ValuesOpt,
               period: Annotated[str, typer.Option(help="Report month, YYYY-MM.")],
               out_file: Annotated[Path, typer.Option("--out", help="Output .csv or .xlsx.")],
               commentary: CommentaryOpt = None, strict: StrictOpt = False) -> None:
    """Compute the performance dataset for a month and write it as CSV or XLSX."""
    check_dataset_path(out_file)
    inputs = DataInputs(catalogue, tuple(values), tuple(commentary or ()))
    model = build_model(inputs, period_option(period), strict)
    report_warnings(model.warnings)
    table = dataset_table(model)
    with atomic_file(out_file) as tmp:
        write_dataset(table, tmp)
    out.print(f"wrote {out_file} ({len(table.rows)} indicators, {model.period.label()})")


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(indicators)
