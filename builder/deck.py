"""The board deck capability: deck YAML (+ computed model) -> ``b4b-board-deck-<yyyy-mm>.pptx``.

load -> validate -> compute (``builder.pipeline.build_model``) -> present
(``builder.present.deck_context``) -> render (``builder.render.slides``), written atomically.
"""

from __future__ import annotations

from pathlib import Path

from builder.compute.model import ReportModel
from builder.compute.periods import Month
from builder.config.deck import LoadedDeck, check_deck, load_deck
from builder.errors import ConfigError, raise_if_any
from builder.outputs import atomic_file
from builder.pipeline import DataInputs, build_model
from builder.present.deck_context import deck_context
from builder.render.slides import render_deck

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "templates" / "board_deck.pptx"


def deck_filename(period: Month) -> str:
    """``b4b-board-deck-2023-10.pptx``."""
    return f"b4b-board-deck-{period.iso()}.pptx"


def deck_inputs(loaded: LoadedDeck) -> DataInputs:
    """The data files named by a deck (paths resolved against its YAML)."""
    data = loaded.deck.data
    return DataInputs(loaded.resolve(data.catalogue),
                      tuple(loaded.resolve(v) for v in data.values),
                      tuple(loaded.resolve(c) for c in data.commentary))


def deck_model(loaded: LoadedDeck, strict: bool = False) -> ReportModel:
    """The model computed from the deck's own data at the deck's period."""
    return build_model(deck_inputs(loaded), loaded.deck.month, strict)


def build_deck(deck_yaml: Path, out_dir: Path, model: ReportModel | None = None) -> Path:
    """Build the deck configured by ``deck_yaml`` into ``out_dir``; returns the file written.

    ``model`` is computed from the deck's data when not given (a meeting build passes the one
    it already computed); its period must be the deck's."""
    loaded = load_deck(deck_yaml)
    deck = loaded.deck
    model = model or deck_model(loaded)
    if model.period != deck.month:
        raise ConfigError(f"{deck_yaml}: period: the deck is for {deck.period} but the data "
                          f"was computed for {model.period.iso()}",
                          hint="Set the deck's period to the meeting's data period.")
    raise_if_any(check_deck(deck, model.catalogue, deck_yaml), ConfigError,
                 f"{deck_yaml}: the deck configuration does not match the indicator catalogue")
    files = (deck.data.catalogue, *deck.data.values, *deck.data.commentary)
    context = deck_context(deck, model, tuple(Path(f).name for f in files))
    template = loaded.resolve(deck.template) if deck.template else DEFAULT_TEMPLATE
    out = out_dir / deck_filename(model.period)
    with atomic_file(out) as tmp:
        render_deck(context, template, tmp)
    return out
