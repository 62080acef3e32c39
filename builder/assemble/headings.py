"""One H1 per paper and no skipped heading levels across the pack (issue 11, WCAG 1.3.1/2.4.6).

Each converted paper is tagged by LibreOffice from its paragraph styles: Word's Heading N
becomes /HN, a title style becomes a paragraph, and Impress tags every slide title /H (no
level). :func:`number_headings` renumbers one paper's headings in place, before it is merged:
its title (its first H1 or /H; else its first paragraph in a :data:`TITLE_STYLES` style; else
its first heading) becomes its one H1; when another H1 (or /H) remains, every other heading
moves one level down; and no heading is more than one level below the heading before it. The
deck's first slide title is thus its H1 and the other slide titles its H2s; a report's subject
line (outline level 1 in the template) its H1 and its sections H2.
"""

from __future__ import annotations

from pikepdf import Dictionary, Name, Pdf

from builder.inspection.pdf_structure import structure_nodes

TITLE_STYLES = ("/Title",)
"""Paragraph styles (as LibreOffice names the structure elements) of a paper's title, when
it has no H1."""
LEVELS = {"/H": 1, "/H1": 1, "/H2": 2, "/H3": 3, "/H4": 4, "/H5": 5, "/H6": 6}


def number_headings(pdf: Pdf) -> None:
    """Renumber the headings of one paper (see the module doc)."""
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary):
        return
    ordered = [element for element, _parent in structure_nodes(root)]
    headings = [e for e in ordered if str(e.S) in LEVELS]
    title = next((e for e in headings if LEVELS[str(e.S)] == 1), None) or next(
        (e for e in ordered if str(e.S) in TITLE_STYLES), None) or next(iter(headings), None)
    if title is None:
        return
    rest = [e for e in headings if e is not title]
    shift = 1 if any(LEVELS[str(e.S)] == 1 for e in rest) else 0
    title.S = Name.H1
    before = 1
    for element in rest:
        level = min(LEVELS[str(element.S)] + shift, before + 1, 6)
        element.S = Name(f"/H{level}")
        before = level
