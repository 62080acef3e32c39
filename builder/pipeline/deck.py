"""The board deck capability: checked deck inputs + computed model ->
``b4b-board-deck-<yyyy-mm>.pptx`` (present: ``builder.present.deck_context``; render:
``builder.render.slides``), written atomically; with a cache, taken from it when the deck's
context and template are the ones it was rendered from."""

from __future__ import annotations

from pathlib import Path

from builder.assemble.manifest import sha256
from builder.compute.model import ReportModel
from builder.compute.periods import Month
from builder.outputs import atomic_file
from builder.pipeline.cache import Cache, cache_key
from builder.pipeline.inputs import DeckInputs
from builder.present.deck_context import deck_context
from builder.render.slides import render_deck


def deck_filename(period: Month) -> str:
    """``b4b-board-deck-2023-10.pptx``."""
    return f"b4b-board-deck-{period.iso()}.pptx"


def build_deck(deck: DeckInputs, model: ReportModel, out_dir: Path, cache: Cache | None = None
               ) -> Path:
    """Write the deck into ``out_dir`` from its checked inputs and the model computed from its
    data; returns the file written. With ``cache``, the deck is keyed by its whole context
    (every slide's text and figures) and the template's bytes, and rendered only on a miss."""
    config = deck.loaded.deck
    files = (config.data.catalogue, *(v.path for v in config.data.values),
             *config.data.commentary)
    context = deck_context(config, model, tuple(Path(f).name for f in files))
    out = out_dir / deck_filename(model.period)
    key = cache_key({"kind": "deck", "context": repr(context),
                     "template": sha256(deck.template)})
    if cache is not None and cache.fetch(key, out):
        return out
    with atomic_file(out) as tmp:
        render_deck(context, deck.template, tmp)
    if cache is not None:
        cache.store(key, out)
    return out
