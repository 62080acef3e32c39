"""The board deck capability: checked deck inputs + computed model ->
``b4b-board-deck-<yyyy-mm>.pptx`` (present: ``builder.present.deck_context``; render:
``builder.render.slides``), written atomically."""

from __future__ import annotations

from pathlib import Path

from builder.compute.model import ReportModel
from builder.compute.periods import Month
from builder.outputs import atomic_file
from builder.pipeline.inputs import DeckInputs
from builder.present.deck_context import deck_context
from builder.render.slides import render_deck


def deck_filename(period: Month) -> str:
    """``b4b-board-deck-2023-10.pptx``."""
    return f"b4b-board-deck-{period.iso()}.pptx"


def build_deck(deck: DeckInputs, model: ReportModel, out_dir: Path) -> Path:
    """Write the deck into ``out_dir`` from its checked inputs and the model computed from its
    data; returns the file written."""
    config = deck.loaded.deck
    files = (config.data.catalogue, *(v.path for v in config.data.values),
             *config.data.commentary)
    context = deck_context(config, model, tuple(Path(f).name for f in files))
    out = out_dir / deck_filename(model.period)
    with atomic_file(out) as tmp:
        render_deck(context, deck.template, tmp)
    return out
