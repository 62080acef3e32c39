"""A long deck cut into part decks of consecutive slides, so that both LibreOffice instances
convert it at once (issue 14): Impress loads a whole deck on one instance, and a 195-slide deck
then takes ~26 CPU-s and 1.4 GB there while the other instance waits.

The cut works on the package, not through python-pptx (which would parse every chart): each
part is the deck's package with the other slides' entries left out of ``presentation.xml``
and its relationships, then only the parts still reachable through relationships are kept
(:func:`builder.assemble.package_cut.write_cut`: a dropped slide's notes, charts and chart
workbooks go with it, so Impress never loads them; the extended properties, which list every
slide's title, too, so a part's bytes depend only on its own slides). Masters, layouts, theme
and core properties are the deck's. ``firstSlideNum`` is set to the part's first slide, so
slide numbers drawn by the master stay the deck's.
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

from lxml import etree

from builder.assemble.convert import estimate
from builder.assemble.package_cut import drop_relationships, rels_of, write_cut, xml_bytes
from builder.assemble.word_parts import SECONDS_PER_PART
from builder.data.docx_package import PARSER

SLIDES_PER_PART = 40
"""At most this many slides a part; parts are cut as even as possible. Each part costs Impress
a fixed start (loading masters, layouts and fonts again), so fewer parts are faster as long as
both instances get one: 45 slides in 2 parts built the sample in 9.3 s, in 3 parts in 9.8 s
(median of 3, quiet machine). Impress's memory grows by ~7 MB a slide it holds, so 40 slides
keep an instance near 560 MB (the goal is 800 MB); it spends ~0.13 CPU-s a slide of the
generated 450-indicator deck."""
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PRESENTATION = "ppt/presentation.xml"


def part_sizes(slides: int, per_part: int = SLIDES_PER_PART, at_least: int = 1) -> list[int]:
    """How many slides each part gets: as few parts as ``per_part`` allows (and ``at_least``,
    as far as there are slides), sizes within one of each other (45 slides at 40 a part:
    23, 22)."""
    parts = max(1, math.ceil(slides / per_part), min(at_least, slides))
    small, extra = divmod(slides, parts)
    return [small + (1 if n < extra else 0) for n in range(parts)]


def split_deck(deck: Path, out_dir: Path, per_part: int = SLIDES_PER_PART,
               seconds_per_part: float = SECONDS_PER_PART) -> list[Path]:
    """The deck as part decks ``<stem>-part-NN.pptx`` in ``out_dir``, in slide order; ``[deck]``
    itself when it has no more than ``per_part`` slides and is estimated at no more than one
    part's work (``seconds_per_part``, as a Word paper's parts aim at). A deck estimated at more
    goes in two parts at least, however few its slides, so that it never holds one instance
    while the other has nothing left: the 39-slide deck of a one-report meeting (64 indicators,
    estimated 4.0 s, 4.2 s measured) ran whole on one instance while the other stood idle for
    its last 1.9 s."""
    at_least = 2 if estimate(deck) > seconds_per_part else 1
    with zipfile.ZipFile(deck) as package:
        presentation = etree.fromstring(package.read(PRESENTATION), PARSER)
        slide_list = presentation.find(f"{{{P}}}sldIdLst")
        slides = list(slide_list) if slide_list is not None else []
        sizes = part_sizes(len(slides), per_part, at_least)
        if slide_list is None or len(sizes) == 1:
            return [deck]
        out_dir.mkdir(parents=True, exist_ok=True)
        first_number = int(presentation.get("firstSlideNum", "1"))
        made, start = [], 0
        for n, size in enumerate(sizes, 1):
            chosen = slides[start:start + size]
            slide_list[:] = chosen
            kept = {s.get(f"{{{R}}}id") for s in chosen}
            presentation.set("firstSlideNum", str(first_number + start))
            out = out_dir / f"{deck.stem}-part-{n:02d}.pptx"
            _write_part(package, xml_bytes(presentation), kept, out)
            made.append(out)
            start += size
    return made


def _write_part(package: zipfile.ZipFile, presentation: bytes, slide_ids: set[str | None],
                out: Path) -> None:
    """The deck's package with only the slides ``slide_ids`` (relationship ids of
    ``presentation.xml``) and what they reach."""
    write_cut(package, {PRESENTATION: presentation, rels_of(PRESENTATION): drop_relationships(
        package.read(rels_of(PRESENTATION)),
        lambda rel: rel.get("Type", "").endswith("/slide") and rel.get("Id") not in slide_ids)},
        out)
