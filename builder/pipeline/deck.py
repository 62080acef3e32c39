"""The board deck capability: checked deck inputs + computed model ->
``b4b-board-deck-<yyyy-mm>.pptx`` (present: ``builder.present.deck_context``; render:
``builder.render.slides``), written atomically; with a cache, taken from it when the deck's
context and template are the ones it was rendered from.

``convert_deck`` makes the deck's PDF in parts: a deck of more slides than a part holds is cut
into part decks (:mod:`builder.assemble.slide_parts`) that the LibreOffice session shares
between its instances (each part is its own cache entry, so a changed slide reconverts only its
part), and the parts' PDFs are joined into the deck's (:func:`builder.assemble.merge.join_parts`).
"""

from __future__ import annotations

from pathlib import Path

from builder.assemble.manifest import sha256
from builder.assemble.merge import join_parts
from builder.assemble.slide_parts import SLIDES_PER_PART, split_deck
from builder.compute.model import ReportModel
from builder.compute.periods import Month
from builder.outputs import atomic_file
from builder.pipeline.cache import Cache, cache_key
from builder.pipeline.cached_pdfs import Converter, Pending
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


class _DeckConversion:
    """The deck's parts, submitted; ``result()`` waits for them and gives deck -> its PDF."""

    def __init__(self, office: Converter, deck: Path, out_dir: Path, per_part: int) -> None:
        self.deck, self.out_dir = deck, out_dir
        self.parts = split_deck(deck, out_dir / "parts", per_part)  # part decks, their PDFs
        self.pending = office.submit(self.parts, out_dir if self.parts == [deck] else
                                     out_dir / "parts")

    def result(self) -> dict[Path, Path]:
        made = self.pending.result()
        if self.parts == [self.deck]:
            return made
        joined = self.out_dir / f"{self.deck.stem}.pdf"
        join_parts([(made[part], part) for part in self.parts], joined)
        return {self.deck: joined}


def convert_deck(office: Converter, deck: Path, out_dir: Path,
                 per_part: int = SLIDES_PER_PART) -> Pending:
    """Start converting ``deck`` into ``out_dir``, in parts of at most ``per_part`` slides when
    it has more (see the module doc)."""
    return _DeckConversion(office, deck, out_dir, per_part)
