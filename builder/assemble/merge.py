"""Merge tagged PDFs into one tagged PDF, keeping each document's structure tree.

pypdf copies pages but not the logical structure that makes a PDF "tagged". ``TaggedMerger``
copies each source's structure tree too: the source's top element becomes a ``Part`` (titled,
e.g. 'Agenda Item 7: Report') under one ``Document`` element, the parent tree entries of its
pages and annotations are renumbered after those of the sources before it, and the page
references inside the cloned tree point at the merged pages. A source without a structure tree
(an untagged PDF appendix) contributes its pages only. The merged file declares its title,
language (en-GB) and that it is marked, and asks viewers to show the title.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)

from builder.errors import AssemblyError


@dataclass(frozen=True)
class Outline:
    """A bookmark: its title, the 0-based index of the page it opens, and its children."""

    title: str
    page: int
    children: tuple[Outline, ...] = ()


@dataclass
class TaggedMerger:
    """Collects pages and structure; ``write`` produces the merged PDF."""

    writer: PdfWriter = field(default_factory=PdfWriter)
    _parts: ArrayObject = field(default_factory=ArrayObject)
    _nums: ArrayObject = field(default_factory=ArrayObject)
    _next_key: int = 0
    _role_map: DictionaryObject = field(default_factory=DictionaryObject)

    def __post_init__(self) -> None:
        self._document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                           NameObject("/S"): NameObject("/Document")})
        self._document_ref = self.writer._add_object(self._document)

    @property
    def page_count(self) -> int:
        return len(self.writer.pages)

    def add(self, pdf: Path | bytes, title: str) -> int:
        """Append every page of ``pdf`` (a file, or its bytes) as a part titled ``title``;
        returns the index of its first page. The same file may be added again (each addition
        is a copy of its own)."""
        first = self.page_count
        reader = _read(pdf)
        for page in reader.pages:
            self.writer.add_page(page)
        added = list(self.writer.pages)[first:]
        self._add_structure(reader, added, title)
        return first

    def _add_structure(self, reader: PdfReader, pages: list[PageObject], title: str) -> None:
        root = _dict(reader.trailer["/Root"])
        tree = _dict(root.get("/StructTreeRoot"))
        if not tree:
            for page in pages:  # untagged: keep no dangling references into a missing tree
                page.pop(NameObject("/StructParents"), None)
            return
        offset = self._next_key
        highest = -1
        for key, value in _number_tree(tree.get("/ParentTree")):
            self._nums.append(NumberObject(key + offset))
            self._nums.append(value.clone(self.writer))
            highest = max(highest, key)
        self._next_key = offset + highest + 1
        for page in pages:
            _shift(page, "/StructParents", offset)
            for annotation in page.get("/Annots") or ():
                _shift(_dict(annotation), "/StructParent", offset)
        part = DictionaryObject({
            NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Part"),
            NameObject("/T"): TextStringObject(title), NameObject("/P"): self._document_ref})
        part_ref = self.writer._add_object(part)
        kids = ArrayObject()
        for top in _as_array(tree.get("/K")):
            element = top.clone(self.writer)
            _dict(element)[NameObject("/P")] = part_ref
            kids.append(element if isinstance(element, IndirectObject)
                        else self.writer._add_object(element))
        part[NameObject("/K")] = kids
        self._parts.append(part_ref)
        for role, target in _dict(tree.get("/RoleMap")).items():
            self._role_map[NameObject(role)] = target

    def write(self, out: Path, title: str, labels: tuple[int, int] | None = None,
              outline: tuple[Outline, ...] = ()) -> None:
        """Write the merged PDF. ``labels`` = (unnumbered pages, first numbered page): the
        viewer's page labels then match the stamps (front matter i, ii, ...; then 1, 2, ...)."""
        writer = self.writer
        self._document[NameObject("/K")] = self._parts
        tree = DictionaryObject({
            NameObject("/Type"): NameObject("/StructTreeRoot"),
            NameObject("/K"): self._document_ref,
            NameObject("/ParentTree"): writer._add_object(
                DictionaryObject({NameObject("/Nums"): self._nums})),
            NameObject("/ParentTreeNextKey"): NumberObject(self._next_key),
            NameObject("/RoleMap"): self._role_map,
        })
        self._document[NameObject("/P")] = writer._add_object(tree)
        catalog = writer.root_object
        catalog[NameObject("/StructTreeRoot")] = self._document[NameObject("/P")]
        catalog[NameObject("/MarkInfo")] = DictionaryObject(
            {NameObject("/Marked"): BooleanObject(True)})
        catalog[NameObject("/Lang")] = TextStringObject("en-GB")
        catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)})
        writer.add_metadata({"/Title": title, "/Producer": "builder (pypdf)"})
        if labels is not None:
            front, first = labels
            if front:
                writer.set_page_label(0, front - 1, PageLabelStyle.LOWERCASE_ROMAN, start=1)
            if self.page_count > front:
                writer.set_page_label(front, self.page_count - 1, PageLabelStyle.DECIMAL,
                                      start=first)
        _add_outline(writer, outline, None)
        if outline:
            writer.page_mode = "/UseOutlines"
        with out.open("wb") as handle:
            writer.write(handle)


def _read(pdf: Path | bytes) -> PdfReader:
    name = "(generated page)" if isinstance(pdf, bytes) else str(pdf)
    try:
        return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    except (PdfReadError, OSError, ValueError) as exc:
        raise AssemblyError(f"{name}: cannot read this PDF: {exc}",
                            hint="Re-export the file as PDF, or supply it as .docx.") from None


def _number_tree(node: PdfObject | None) -> Iterator[tuple[int, PdfObject]]:
    """(key, value) pairs of a number tree, following /Kids."""
    if node is None:
        return
    node = node.get_object()
    if not isinstance(node, DictionaryObject):
        return
    nums = node.get("/Nums") or ArrayObject()
    for n in range(0, len(nums) - 1, 2):
        yield int(nums[n]), nums[n + 1]
    for kid in node.get("/Kids") or ():
        yield from _number_tree(kid)


def _dict(obj: PdfObject | None) -> DictionaryObject:
    """The dictionary ``obj`` is or refers to; an empty one for anything else."""
    resolved = obj.get_object() if obj is not None else None
    return resolved if isinstance(resolved, DictionaryObject) else DictionaryObject()


def _shift(obj: DictionaryObject, key: str, offset: int) -> None:
    value = obj.get(key)
    if isinstance(value, NumberObject):
        obj[NameObject(key)] = NumberObject(int(value) + offset)


def _as_array(value: PdfObject | None) -> list[PdfObject]:
    if value is None:
        return []
    resolved = value.get_object()
    if isinstance(resolved, ArrayObject):
        return list(resolved)
    return [value]


def _add_outline(writer: PdfWriter, items: tuple[Outline, ...],
                 parent: IndirectObject | None) -> None:
    for item in items:
        ref = writer.add_outline_item(title=item.title, page_number=item.page, parent=parent,
                                      is_open=False)
        _add_outline(writer, item.children, ref)
