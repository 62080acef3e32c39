"""Append one Word document to another, each in its own section (portrait or landscape).

Used to make ``item-NN-<slug>.docx`` (the report with its Word appendices) and to carry an
external .docx appendix under its heading. Body content is copied with its pictures, hyperlinks,
missing styles and list numbering; each appended document starts a new section (new page) with
its own page size and orientation, and keeps the base document's footer (page numbers run on).
Footnotes, comments, charts and embedded objects cannot be carried: a RenderError says so.
"""

from __future__ import annotations

import copy
import io
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from builder.errors import RenderError

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
UNSUPPORTED = {qn("w:footnoteReference"): "footnotes", qn("w:endnoteReference"): "endnotes"}
DROPPED = {qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference")}
_R_ATTRIBUTES = etree.XPath(f".//@*[namespace-uri()='{R_NS}']")
WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def append_document(base: DocxDocument, other: DocxDocument, name: str,
                    new_section: bool = True) -> None:
    """Append ``other``'s body to ``base``; ``name`` labels errors.

    With ``new_section`` the appended content starts a new section (and page) with ``other``'s
    page setup; without, it continues ``base``'s last section, which takes ``other``'s page
    size and margins."""
    body = base.element.body
    final = body.sectPr
    if final is None:
        raise RenderError(f"{name}: the base document has no section properties")
    if new_section:
        closing = OxmlElement("w:p")
        closing_ppr = OxmlElement("w:pPr")
        closing_ppr.append(copy.deepcopy(final))
        closing.append(closing_ppr)
        final.addprevious(closing)
    mover = _Mover(base, other, name)
    for child in other.element.body:
        if child.tag != qn("w:sectPr"):
            final.addprevious(mover.copy(child))
    last = other.element.body.sectPr
    if last is not None:
        _adopt_page_setup(final, last, whole=new_section)
    _renumber_drawings(base)


def _adopt_page_setup(final: Any, source: Any, whole: bool) -> None:
    """Give ``final`` the page setup of ``source``: all of it (keeping ``final``'s header and
    footer references, in schema order), or only the page size and margins."""
    keep = (qn("w:headerReference"), qn("w:footerReference"))
    if not whole:
        for tag in (qn("w:pgSz"), qn("w:pgMar")):
            old, new = final.find(tag), source.find(tag)
            if old is not None and new is not None:
                final.replace(old, copy.deepcopy(new))
        return
    for child in list(final):
        if child.tag not in keep:
            final.remove(child)
    for child in source:
        if child.tag not in (*keep, qn("w:pgNumType"), qn("w:titlePg")):
            final.append(copy.deepcopy(child))


def _strip_section(sect_pr: Any) -> None:
    """Drop header/footer references (inherit the previous section's) and page restarts."""
    for tag in ("w:headerReference", "w:footerReference", "w:pgNumType", "w:titlePg"):
        for element in sect_pr.findall(qn(tag)):
            sect_pr.remove(element)


def _renumber_drawings(doc: DocxDocument) -> None:
    for n, doc_pr in enumerate(doc.element.body.iter(WP_DOCPR), 1):
        doc_pr.set("id", str(n))


class _Mover:
    """Copies elements from ``other`` into ``base``, fixing what refers outside the element."""

    def __init__(self, base: DocxDocument, other: DocxDocument, name: str) -> None:
        self.base, self.other, self.name = base, other, name
        self.rel_ids: dict[str, str] = {}
        self.num_ids: dict[str, str] = {}
        self.base_styles = {s.style_id for s in base.styles}

    def copy(self, element: Any) -> Any:
        new = copy.deepcopy(element)
        for node in new.iter(*UNSUPPORTED):
            raise RenderError(
                f"{self.name}: the document has {UNSUPPORTED[node.tag]}, which cannot be "
                "appended to the report", hint="Save the appendix as PDF and use that.")
        for node in list(new.iter(*DROPPED)):
            node.getparent().remove(node)
        for node in new.iter(qn("w:sectPr")):
            _strip_section(node)
        attributes: Any = _R_ATTRIBUTES(new)  # attribute results: value, parent and name
        for attr in attributes:
            attr.getparent().set(attr.attrname, self._relationship(str(attr)))
        for node in new.iter(qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle")):
            self._style(node.get(qn("w:val")))
        for node in new.iter(qn("w:numId")):
            node.set(qn("w:val"), self._numbering(node.get(qn("w:val"))))
        return new

    def _relationship(self, r_id: str) -> str:
        if r_id in self.rel_ids:
            return self.rel_ids[r_id]
        rel = self.other.part.rels.get(r_id)
        if rel is None:
            raise RenderError(f"{self.name}: broken relationship '{r_id}' in the document")
        if rel.is_external:
            new = self.base.part.relate_to(rel.target_ref, rel.reltype, is_external=True)
        elif rel.reltype == RT.IMAGE:
            new, _image = self.base.part.get_or_add_image(io.BytesIO(rel.target_part.blob))
        else:
            kind = rel.reltype.rsplit("/", 1)[-1]
            raise RenderError(f"{self.name}: the document holds a '{kind}' part, which cannot "
                              "be appended to the report",
                              hint="Save the appendix as PDF and use that.")
        self.rel_ids[r_id] = new
        return str(new)

    def _style(self, style_id: str | None) -> None:
        """Copy a style the base lacks (and the styles it is based on); base styles win."""
        if not style_id or style_id in self.base_styles:
            return
        source = self.other.styles.element.find(
            f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        self.base_styles.add(style_id)
        if source is None:
            return
        new = self.copy(source)
        self.base.styles.element.append(new)
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = new.find(qn(tag))
            if ref is not None:
                self._style(ref.get(qn("w:val")))

    def _numbering(self, num_id: str | None) -> str:
        """Copy a list definition of ``other`` into ``base`` under fresh ids."""
        if not num_id or num_id == "0":
            return num_id or "0"
        if num_id in self.num_ids:
            return self.num_ids[num_id]
        theirs = self.other.part.numbering_part.element
        num = theirs.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id}']")
        if num is None:
            self.num_ids[num_id] = "0"
            return "0"
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = theirs.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']")
        ours = self.base.part.numbering_part.element
        new_abstract_id = str(1 + max((int(a.get(qn("w:abstractNumId")))
                                       for a in ours.findall(qn("w:abstractNum"))), default=0))
        new_num_id = str(1 + max((int(n.get(qn("w:numId"))) for n in ours.findall(qn("w:num"))),
                                 default=0))
        if abstract is not None:
            new_abstract = copy.deepcopy(abstract)
            new_abstract.set(qn("w:abstractNumId"), new_abstract_id)
            for link in new_abstract.findall(f"{qn('w:lvl')}/{qn('w:pStyle')}"):
                link.getparent().remove(link)
            first_num = ours.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(new_abstract)
            else:
                ours.append(new_abstract)
        new_num = copy.deepcopy(num)
        new_num.set(qn("w:numId"), new_num_id)
        new_num.find(qn("w:abstractNumId")).set(qn("w:val"), new_abstract_id)
        ours.append(new_num)
        self.num_ids[num_id] = new_num_id
        return new_num_id
