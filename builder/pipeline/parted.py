"""Long papers converted in parts on both LibreOffice instances (issue 14).

Impress and Writer convert one document on one instance: a 195-slide deck took 26 CPU-s and
1.4 GB there, and the 450-chart dataset appendix, the last paper rendered, 7 CPU-s while the
other instance had nothing left to do. ``convert_in_parts`` cuts a deck of more slides than a
part holds (:mod:`builder.assemble.slide_parts`) and a Word paper estimated at more than two
parts' work (:mod:`builder.assemble.word_parts`) into part documents, submits them with the
other sources in one submission (the session shares them between its instances by estimated
cost; each part is its own cache entry, so a change reconverts only its part), and joins each
paper's part PDFs into the paper's PDF (:func:`builder.assemble.merge.join_parts`: figures
mended with their own part's alt texts, one structure tree). The part documents and their
PDFs stay under ``OUT/parts/``; the joined PDF is named as the paper's would be.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from builder.assemble.merge import join_parts
from builder.assemble.slide_parts import SLIDES_PER_PART, split_deck
from builder.assemble.word_parts import SECONDS_PER_PART, split_document
from builder.pipeline.cached_pdfs import Converter, Pending

PARTS = "parts"


def cut(source: Path, folder: Path, slides_per_part: int = SLIDES_PER_PART,
        seconds_per_part: float = SECONDS_PER_PART) -> list[Path]:
    """``source``'s part documents in ``folder``, or ``[source]`` when it is not cut."""
    suffix = source.suffix.lower()
    if suffix == ".pptx":
        return split_deck(source, folder, slides_per_part, seconds_per_part)
    if suffix == ".docx":
        return split_document(source, folder, seconds_per_part)
    return [source]


def _folder(source: Path) -> str:
    return f"{source.stem}-{hashlib.sha256(str(source).encode()).hexdigest()[:8]}"


class _PartedConversion:
    """Submitted sources and parts; ``result()`` gives source -> PDF, parts joined."""

    def __init__(self, office: Converter, sources: Sequence[Path], out_dir: Path,
                 slides_per_part: int, seconds_per_part: float) -> None:
        self.out_dir = out_dir
        # a folder per source path: several submissions may share ``out_dir``
        self.parts = {source: cut(source, out_dir / PARTS / _folder(source), slides_per_part,
                                  seconds_per_part) for source in sources}
        whole = [s for s, parts in self.parts.items() if parts == [s]]
        self.pending = office.submit(whole, out_dir)
        pieces = [p for s, parts in self.parts.items() if parts != [s] for p in parts]
        self.pieces = office.submit(pieces, out_dir / PARTS) if pieces else None

    def done(self) -> bool:
        return self.pending.done() and (self.pieces is None or self.pieces.done())

    def result(self) -> dict[Path, Path]:
        made = self.pending.result()
        pieces = self.pieces.result() if self.pieces is not None else {}
        for source, parts in self.parts.items():
            if parts != [source]:
                made[source] = self.out_dir / f"{source.stem}.pdf"
                join_parts([(pieces[part], part) for part in parts], made[source])
        return made


def convert_in_parts(office: Converter, sources: Sequence[Path], out_dir: Path,
                     slides_per_part: int = SLIDES_PER_PART,
                     seconds_per_part: float = SECONDS_PER_PART) -> Pending:
    """Start converting ``sources`` into ``out_dir``, the long ones in parts (see the module
    doc); ``result()`` waits and returns source -> PDF."""
    return _PartedConversion(office, sources, out_dir, slides_per_part, seconds_per_part)
