"""Append one Word document to another, each in its own section (portrait or landscape).

Used to make ``item-NN-<slug>.docx`` (the report with its Word appendices) and to carry an
external .docx appendix under its heading. docxcompose copies the body with its pictures,
charts, hyperlinks, missing styles and list numbering (each appended document's numbered
lists restart at 1); this module adds the sections, which docxcompose leaves out: each appended
document starts a new section (new page) with its own page size and orientation, and keeps the
base document's footer (page numbers run on).
Footnotes and endnotes cannot be carried (docxcompose mislinks what footnotes refer to and
drops endnotes): a RenderError says so. Comment marks are dropped.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxcompose.composer import Composer

from builder.errors import RenderError

UNSUPPORTED = {qn("w:footnoteReference"): "footnotes", qn("w:endnoteReference"): "endnotes"}
DROPPED = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference"))
RESTARTS = (qn("w:pgNumType"), qn("w:titlePg"))
"""Section properties that would restart or hide the page numbers of the base's footer."""
HEADERS_FOOTERS = (qn("w:headerReference"), qn("w:footerReference"))


def append_document(base: DocxDocument, other: DocxDocument, name: str,
                    new_section: bool = True) -> None:
    """Append ``other``'s body to ``base``; ``name`` labels errors. ``other`` is altered.

    With ``new_section`` the appended content starts a new section (and page) with ``other``'s
    page setup; without, it continues ``base``'s last section, which takes ``other``'s page
    size and margins."""
    final = base.element.body.sectPr
    if final is None:
        raise RenderError(f"{name}: the base document has no section properties")
    _prepare(other, name)
    if new_section:
        closing = OxmlElement("w:p")
        closing_ppr = OxmlElement("w:pPr")
        closing_ppr.append(copy.deepcopy(final))
        closing.append(closing_ppr)
        final.addprevious(closing)
        _remove(final, RESTARTS)
    composer = Composer(base)
    try:
        composer.append(other)
    except (KeyError, NotImplementedError) as exc:
        raise RenderError(f"{name}: the document is damaged: it refers to a part it does not "
                          f"contain ({exc})",
                          hint="Open and save it again in Word, or save it as PDF.") from exc
    last = other.element.body.sectPr
    if last is not None:
        _adopt_page_setup(final, last, whole=new_section)


def _prepare(other: DocxDocument, name: str) -> None:
    """Refuse notes, drop comment marks and keep inner sections from restarting page numbers."""
    body = other.element.body
    for node in body.iter(*UNSUPPORTED):
        raise RenderError(
            f"{name}: the document has {UNSUPPORTED[node.tag]}, which cannot be appended to "
            "the report", hint="Save the appendix as PDF and use that.")
    for node in list(body.iter(*DROPPED)):
        node.getparent().remove(node)
    for sect_pr in body.iter(qn("w:sectPr")):
        if sect_pr is not body.sectPr:
            _remove(sect_pr, RESTARTS)


def _adopt_page_setup(final: Any, source: Any, whole: bool) -> None:
    """Give ``final`` the page setup of ``source``: all of it (keeping ``final``'s header and
    footer references, in schema order), or only the page size and margins."""
    if not whole:
        for tag in (qn("w:pgSz"), qn("w:pgMar")):
            old, new = final.find(tag), source.find(tag)
            if old is not None and new is not None:
                final.replace(old, copy.deepcopy(new))
        return
    for child in list(final):
        if child.tag not in HEADERS_FOOTERS:
            final.remove(child)
    for child in source:
        if child.tag not in (*HEADERS_FOOTERS, *RESTARTS):
            final.append(copy.deepcopy(child))


def _remove(sect_pr: Any, tags: tuple[str, ...]) -> None:
    """Remove ``sect_pr``'s children with these tags."""
    for element in [e for tag in tags for e in sect_pr.findall(tag)]:
        sect_pr.remove(element)
