"""A long Word paper cut into part documents at its top headings, so that both LibreOffice
instances convert it at once (issue 14): the 450-indicator dataset appendix (9 MB, 450 charts)
takes ~7 CPU-s in Writer, and it is the last paper rendered, so the build waits for it on one
instance while the other has nothing left to do; its two halves take ~3.4 CPU-s each.

A paper is cut only when its estimated conversion
(:func:`builder.assemble.convert.estimate`) exceeds two parts' worth, only before a top-level
paragraph styled ``Heading1`` or ``Heading2`` that is not numbered (a list or numbered heading
would restart in the next part) and does not follow another heading (which would be left at
the end of a part), and only when it has one section (an inner section's page
setup would be lost). Each part is the package with the body's elements of its span and the
closing section properties, the image relationships it does not use dropped with their
pictures (:func:`builder.assemble.package_cut.write_cut`); styles, numbering and the rest are
the paper's. Cut points are chosen so that the parts' estimated costs (their XML and pictures)
are as even as the headings allow. Each part starts on a new page, so a cut paper has up to
one page break more per cut (before a theme heading of the dataset appendix, which begins a
new section of charts anyway); the pack's page ranges are taken from the joined PDF, so they
stay right. Only very long papers are cut: the sample's largest, its 1.6 MB dataset appendix,
is not.
"""

from __future__ import annotations

import functools
import math
import zipfile
from bisect import bisect_left
from pathlib import Path

from lxml import etree

from builder.assemble.convert import estimate
from builder.assemble.package_cut import (
    drop_relationships,
    rels_of,
    target_of,
    write_cut,
    xml_bytes,
)
from builder.data.docx_package import DOCUMENT, PARSER, W

SECONDS_PER_PART = 3.0
"""Estimated Writer seconds a part aims at (cut only past twice this)."""
CUT_STYLES = ("Heading1", "Heading2")
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def split_document(docx: Path, out_dir: Path, seconds_per_part: float = SECONDS_PER_PART
                   ) -> list[Path]:
    """The paper as part documents ``<stem>-part-NN.docx`` in ``out_dir``, in order;
    ``[docx]`` itself when it is short or cannot be cut (see the module doc)."""
    parts = math.ceil(estimate(docx) / seconds_per_part)
    if parts < 2:
        return [docx]
    with zipfile.ZipFile(docx) as package:
        document = etree.fromstring(package.read(DOCUMENT), PARSER)
        body = document.find(f"{{{W}}}body")
        if body is None or body.find(f".//{{{W}}}pPr/{{{W}}}sectPr") is not None:
            return [docx]
        elements = [e for e in body if e.tag != f"{{{W}}}sectPr"]
        closing = body.find(f"{{{W}}}sectPr")
        images = _image_sizes(package)
        weights = [len(etree.tostring(e)) + sum(images.get(r, 0) for r in _embedded(e))
                   for e in elements]
        cuts = _cuts(elements, weights, parts)
        if not cuts:
            return [docx]
        out_dir.mkdir(parents=True, exist_ok=True)
        made = []
        for n, (start, end) in enumerate(zip([0, *cuts], [*cuts, len(elements)], strict=True),
                                         1):
            span = elements[start:end]
            body[:] = [*span, *([closing] if closing is not None else [])]
            used = {r for e in span for r in _embedded(e)}
            out = out_dir / f"{docx.stem}-part-{n:02d}.docx"
            rels = drop_relationships(package.read(rels_of(DOCUMENT)),
                                      functools.partial(_unused_image, used=used))
            write_cut(package, {DOCUMENT: xml_bytes(document), rels_of(DOCUMENT): rels}, out)
            made.append(out)
    return made


def _cuts(elements: list[etree._Element], weights: list[int], parts: int) -> list[int]:
    """Indexes to cut before (headings only), nearest to even shares of the weight."""
    allowed = [n for n, e in enumerate(elements)
               if n and _cut_heading(e) and not _heading(elements[n - 1])]
    if not allowed:
        return []
    running = [0]
    for weight in weights:
        running.append(running[-1] + weight)
    at = [running[n] for n in allowed]
    chosen: set[int] = set()
    for k in range(1, parts):
        goal = running[-1] * k / parts
        i = bisect_left(at, goal)
        near = min((j for j in (i - 1, i) if 0 <= j < len(at)), key=lambda j: abs(at[j] - goal))
        chosen.add(allowed[near])
    return sorted(chosen)


def _style(element: etree._Element) -> str:
    style = element.find(f"{{{W}}}pPr/{{{W}}}pStyle") if element.tag == f"{{{W}}}p" else None
    return str(style.get(f"{{{W}}}val", "")) if style is not None else ""


def _heading(element: etree._Element) -> bool:
    return _style(element).startswith("Heading")


def _cut_heading(element: etree._Element) -> bool:
    """A heading a part may start with: Heading1/2, not numbered (its number would restart)."""
    numbered = element.find(f"{{{W}}}pPr/{{{W}}}numPr") is not None
    return _style(element) in CUT_STYLES and not numbered


def _embedded(element: etree._Element) -> set[str]:
    """Relationship ids of the pictures an element shows."""
    return {str(v) for e in element.iter() for k, v in e.attrib.items()
            if k in (f"{{{R}}}embed", f"{{{R}}}id")}


def _unused_image(rel: etree._Element, used: set[str]) -> bool:
    return rel.get("Type", "").endswith("/image") and rel.get("Id") not in used


def _image_sizes(package: zipfile.ZipFile) -> dict[str, int]:
    """Relationship id -> compressed bytes of the picture it points to."""
    rels = etree.fromstring(package.read(rels_of(DOCUMENT)), PARSER)
    sizes = {info.filename: info.compress_size for info in package.infolist()}
    return {rel.get("Id", ""): sizes.get(target_of(DOCUMENT, rel.get("Target", "")), 0)
            for rel in rels if rel.get("Type", "").endswith("/image")}
