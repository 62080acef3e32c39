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
import time
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxcompose.composer import Composer

from builder.core.limits import LIMITS
from builder.errors import RenderError

UNSUPPORTED = {qn("w:footnoteReference"): "footnotes", qn("w:endnoteReference"): "endnotes"}
DROPPED = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference"))
RESTARTS = (qn("w:pgNumType"), qn("w:titlePg"))
"""Section properties that would restart or hide the page numbers of the base's footer."""
HEADERS_FOOTERS = (qn("w:headerReference"), qn("w:footerReference"))
STYLE_REFERENCES = (qn("w:tblStyle"), qn("w:pStyle"), qn("w:rStyle"))
PLAIN_TAGS = frozenset(qn(f"w:{tag}") for tag in (
    "p", "pPr", "r", "rPr", "t", "tab", "br", "b", "bCs", "i", "iCs", "u", "strike", "sz",
    "szCs", "color", "jc", "spacing", "ind", "rFonts", "lang", "highlight", "vertAlign", "caps",
    "smallCaps", "noProof", "keepNext", "keepLines", "widowControl", "shd",
    "lastRenderedPageBreak", "proofErr"))
"""What a paragraph may hold for none of docxcompose's per-element steps to apply to it."""
RELATIONSHIP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


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
    composer = _Composer(base, name, LIMITS.append_seconds)
    try:
        composer.append(other)
    except (KeyError, NotImplementedError) as exc:
        raise RenderError(f"{name}: the document is damaged: it refers to a part it does not "
                          f"contain ({exc})",
                          hint="Open and save it again in Word, or save it as PDF.") from exc
    last = other.element.body.sectPr
    if last is not None:
        _adopt_page_setup(final, last, whole=new_section)


class _Composer(Composer):  # type: ignore[misc] # docxcompose has no type hints
    """docxcompose's Composer in linear time and within a time budget.

    For every body element, ``Composer.add_styles`` lists all the base document's styles
    through python-docx objects (about 1.8 ms per paragraph with 170 styles): a 42 KB appendix
    of 20,000 paragraphs took minutes. An element whose style references were all handled
    already (same id in both documents, styles not preserved) needs none of that work, which
    is all of them after the first few. And ``Composer.insert`` puts each element at a
    growing index, ``body.insert(index, element)``, which lxml finds by walking the body from
    its start (quadratic); ``append`` passes an index that stays -1, just before the final
    sectPr, which lxml finds from the end at once. Last, each per-element step runs a few
    XPath queries (0.4 ms together): a plain paragraph (text and direct formatting only) has
    nothing any of them looks for, so they are skipped for it. For each picture it copies,
    docxcompose looks for an identical image by hashing every image of the base document
    (``ImageParts._get_by_sha1``; 2.6 s for the 450 charts of a dataset appendix): the
    images are indexed by hash once instead."""

    def __init__(self, base: DocxDocument, name: str, seconds: float) -> None:
        super().__init__(base)
        _index_images(self.pkg.image_parts)
        self.name, self.seconds = name, seconds
        self.deadline = time.monotonic() + seconds
        self.handled: set[str] = set()
        self.last: tuple[Any, bool] = (None, False)

    def append(self, doc: DocxDocument, remove_property_fields: bool = True) -> None:
        if self.doc.element.body.sectPr is None:  # then appending is at the end anyway
            super().append(doc, remove_property_fields)
        else:
            self.insert(_BeforeLast(-1), doc, remove_property_fields=remove_property_fields)

    def plain(self, element: Any) -> bool:
        """Text and direct formatting only: no part, numbering, style or section reference."""
        if element is not self.last[0]:
            self.last = (element, all(e.tag in PLAIN_TAGS and not any(
                k.startswith(RELATIONSHIP_NS) for k in e.attrib) for e in element.iter()))
        return self.last[1]

    def add_styles(self, doc: DocxDocument, element: Any) -> None:
        if time.monotonic() > self.deadline:
            raise RenderError(f"{self.name}: appending the document took longer than "
                              f"{self.seconds:g} s", hint="Save the appendix as PDF and use "
                              "that, or split it (see docs/limits.md).")
        used = {str(e.get(qn("w:val"))) for e in element.iter(*STYLE_REFERENCES)}
        if used <= self.handled:
            return
        super().add_styles(doc, element)
        if not self.preserve_styles:
            self.handled |= {s for s in used if self.mapped_style_id(s) == s}


def _index_images(parts: Any) -> None:
    """Make ``parts`` (a package's ImageParts) find an image by hash in a dict, kept up to date
    with the parts docxcompose adds."""
    by_sha1 = {part.sha1: part for part in parts}
    add = type(parts)._add_image_part  # the class's: a package appended to twice is indexed anew

    def added(image: Any) -> Any:
        part = add(parts, image)
        by_sha1[part.sha1] = part
        return part

    parts._get_by_sha1 = by_sha1.get
    parts._add_image_part = added


def _skip_plain(step: str) -> Any:
    def run(self: _Composer, *args: Any) -> None:  # the element is the last argument
        if not self.plain(args[-1]):
            getattr(Composer, step)(self, *args)
    return run


for _step in ("add_referenced_parts", "add_numberings", "restart_first_numbering",
              "add_images", "add_diagrams", "add_shapes", "add_footnotes",
              "remove_header_and_footer_references"):
    setattr(_Composer, _step, _skip_plain(_step))


class _BeforeLast(int):
    """Index -1 (before the last child) that ``index += 1`` leaves at -1."""

    def __add__(self, other: object) -> _BeforeLast:
        return self


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
