"""A long deck cut into part decks of consecutive slides, so that both LibreOffice instances
convert it at once (issue 14): Impress loads a whole deck on one instance, and a 195-slide deck
then takes ~26 CPU-s and 1.4 GB there while the other instance waits.

The cut works on the package, not through python-pptx (which would parse every chart): each
part is the deck's package with the other slides' entries left out of ``presentation.xml``
and its relationships, then only the parts still reachable through relationships are kept
(a dropped slide's notes, charts and chart workbooks go with it, so Impress never loads
them). Masters, layouts, theme and core properties are the deck's; the extended properties
(``docProps/app.xml``, which lists every slide's title) are left out, so that a part's bytes
depend only on its own slides (the PDF cache then reconverts only the part of a changed
slide). ``firstSlideNum`` is set to the part's first slide, so slide numbers drawn by the
master stay the deck's. Members keep the deck's dates and order: the same deck gives the same
parts.
"""

from __future__ import annotations

import math
import posixpath
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from builder.data.docx_package import PARSER

SLIDES_PER_PART = 20
"""At most this many slides a part; parts are cut as even as possible (measured: Impress
spends ~0.13 CPU-s a slide of the generated 450-indicator deck, and its memory grows with
the slides it holds)."""
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
APP_PROPERTIES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                  "extended-properties")
PRESENTATION = "ppt/presentation.xml"
CONTENT_TYPES = "[Content_Types].xml"


def part_sizes(slides: int, per_part: int = SLIDES_PER_PART) -> list[int]:
    """How many slides each part gets: as few parts as ``per_part`` allows, sizes within one
    of each other (45 slides: 15, 15, 15)."""
    parts = max(1, math.ceil(slides / per_part))
    small, extra = divmod(slides, parts)
    return [small + (1 if n < extra else 0) for n in range(parts)]


def split_deck(deck: Path, out_dir: Path, per_part: int = SLIDES_PER_PART) -> list[Path]:
    """The deck as part decks ``<stem>-part-NN.pptx`` in ``out_dir``, in slide order; ``[deck]``
    itself when it has no more than ``per_part`` slides."""
    with zipfile.ZipFile(deck) as package:
        presentation = etree.fromstring(package.read(PRESENTATION), PARSER)
        slide_list = presentation.find(f"{{{P}}}sldIdLst")
        slides = list(slide_list) if slide_list is not None else []
        sizes = part_sizes(len(slides), per_part)
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
            _write_part(package, etree.tostring(presentation, xml_declaration=True,
                                                encoding="UTF-8", standalone=True), kept, out)
            made.append(out)
            start += size
    return made


def _write_part(package: zipfile.ZipFile, presentation: bytes, slide_ids: set[str | None],
                out: Path) -> None:
    """The deck's package with only the slides ``slide_ids`` (relationship ids of
    ``presentation.xml``) and what they reach."""
    changed = {PRESENTATION: presentation,
               _rels_of(PRESENTATION): _drop_relationships(
                   package.read(_rels_of(PRESENTATION)),
                   lambda rel: rel.get("Type", "").endswith("/slide")
                   and rel.get("Id") not in slide_ids),
               _rels_of(""): _drop_relationships(
                   package.read(_rels_of("")), lambda rel: rel.get("Type") == APP_PROPERTIES)}
    reachable = _reachable(package, changed)
    changed[CONTENT_TYPES] = _drop_overrides(package.read(CONTENT_TYPES), reachable)
    with zipfile.ZipFile(out, "w") as target:
        for info in package.infolist():
            name = info.filename
            if name in reachable or name == CONTENT_TYPES or (
                    name.endswith(".rels") and _owner(name) in reachable):
                data = changed[name] if name in changed else package.read(info)
                copy = zipfile.ZipInfo(name, info.date_time)  # writestr alters the one given
                copy.compress_type, copy.create_system = info.compress_type, info.create_system
                copy.external_attr = info.external_attr
                target.writestr(copy, data, compresslevel=1)


def _rels_of(part: str) -> str:
    """The relationships part of ``part`` ("" for the package)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _owner(rels: str) -> str:
    """The part a relationships part belongs to ("" for the package's own)."""
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels")).lstrip("/")


def _drop_relationships(xml: bytes, drop: Callable[[etree._Element], bool]) -> bytes:
    root = etree.fromstring(xml, PARSER)
    for rel in list(root):
        if drop(rel):
            root.remove(rel)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _reachable(package: zipfile.ZipFile, changed: dict[str, bytes]) -> set[str]:
    """Every part reachable from the package's relationships, and "" for the package itself
    (``changed`` read instead of the package's own bytes)."""
    names = set(package.namelist())
    seen = {""}
    todo = [""]
    while todo:
        part = todo.pop()
        rels = _rels_of(part)
        if rels not in names:
            continue
        xml = changed[rels] if rels in changed else package.read(rels)
        for rel in etree.fromstring(xml, PARSER):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            base = posixpath.dirname(part)
            name = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(base, target))
            if name not in seen and name in names:
                seen.add(name)
                todo.append(name)
    return seen


def _drop_overrides(xml: bytes, kept: set[str]) -> bytes:
    """The content types without the overrides of parts left out."""
    root = etree.fromstring(xml, PARSER)
    for override in root.findall(f"{{{TYPES}}}Override"):
        if override.get("PartName", "").lstrip("/") not in kept:
            root.remove(override)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
