"""Mark untagged vector drawing as artifacts (PDF/UA 7.1: all content is tagged or an artifact).

Impress paints each slide's background outside any marked content. A path painted outside
marked content carries no meaning a tag could give it (lines, fills, backgrounds), so
:func:`mark_untagged_paths` wraps each such path, from its first construction operator to its
painting operator, in ``/Artifact BMC ... EMC``. Untagged text and pictures are left alone:
hiding them would hide content, so ``builder check`` reports them instead.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name, Pdf

from builder.inspection.pdf_structure import ContentItem, draws, marked_depths

CONSTRUCTION = {"m", "l", "c", "v", "y", "h", "re"}
PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}
CLIPPING = {"W", "W*"}


def mark_untagged_paths(pdf: Pdf) -> list[int]:
    """Wrap every path painted outside marked content, on every page, as an artifact; returns
    the 0-based indexes of the pages that still draw untagged content (text, pictures)."""
    untagged = []
    for n, page in enumerate(pdf.pages):
        instructions: list[ContentItem] = list(pikepdf.parse_content_stream(page))
        wrapped, still_untagged = _wrapped(instructions)
        if wrapped is not None:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(wrapped))
        if still_untagged:
            untagged.append(n)
    return untagged


def _wrapped(instructions: list[ContentItem]) -> tuple[list[ContentItem] | None, bool]:
    """The instructions with untagged painted paths wrapped (None when there are none), and
    whether anything else is still drawn outside marked content (in the same pass)."""
    out: list[ContentItem] = []
    path_start: int | None = None
    changed = untagged = False
    for instruction, operator, depth in marked_depths(instructions):
        if depth <= 0 and operator in CONSTRUCTION and path_start is None:
            path_start = len(out)
        out.append(instruction)
        if operator in PAINTING:
            if path_start is not None and operator != "n":
                out.insert(path_start, pikepdf.ContentStreamInstruction(
                    [Name.Artifact], pikepdf.Operator("BMC")))
                out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
                changed = True
            elif depth <= 0 and operator != "n":
                untagged = True  # a path built inside marked content, painted outside it
            path_start = None
        elif operator not in CONSTRUCTION and operator not in CLIPPING:
            path_start = None
            untagged = untagged or (depth <= 0 and draws(instruction, operator))
    return (out if changed else None), untagged
