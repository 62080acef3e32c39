"""``builder deck``: the Building for Brilliance board deck (PowerPoint)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.commands.common import AllowOutsideOpt, StrictOpt, out, report_warnings
from builder.pipeline.data import compute_data
from builder.pipeline.deck import build_deck
from builder.pipeline.inputs import load_deck_inputs


def deck(deck_yaml: Annotated[Path, typer.Argument(help="Deck configuration YAML.")],
         out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the deck into.")],
         strict: StrictOpt = False, allow_outside: AllowOutsideOpt = None) -> None:
    """Build b4b-board-deck-<yyyy-mm>.pptx from a deck YAML and its data (the deck, its data
    and its template are checked first, every problem listed at once)."""
    inputs = load_deck_inputs(deck_yaml, allow_outside or ())
    model = compute_data(inputs.data, strict)
    report_warnings(model.warnings)
    path = build_deck(inputs, model, out_dir)
    out.print(f"wrote {path} (data to {model.period.label()})", soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("deck")(deck)
