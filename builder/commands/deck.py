"""``builder deck``: the Building for Brilliance board deck (PowerPoint)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.commands.common import StrictOpt, out, report_warnings
from builder.config.deck import load_deck
from builder.pipeline.deck import build_deck, deck_model


def deck(deck_yaml: Annotated[Path, typer.Argument(help="Deck configuration YAML.")],
         out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the deck into.")],
         strict: StrictOpt = False) -> None:
    """Build b4b-board-deck-<yyyy-mm>.pptx from a deck YAML and its data."""
    model = deck_model(load_deck(deck_yaml), strict)
    report_warnings(model.warnings)
    path = build_deck(deck_yaml, out_dir, model)
    out.print(f"wrote {path} (data to {model.period.label()})", soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("deck")(deck)
