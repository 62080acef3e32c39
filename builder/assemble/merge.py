"""Merge tagged PDFs into one tagged PDF with pikepdf (qpdf), keeping each document's tags.

Each source's pages are copied with their ``/StructParents`` keys and its structure tree is
copied whole: the source's top elements go under a ``Part`` (titled, e.g. 'Agenda Item 7:
Report') of one ``Document`` element, in the order the sources are added. The parent-tree
entries of its pages and annotations are renumbered after those of the sources before it, so
every page's marked content still leads to its structure element (qpdf maps the page
references inside the copied tree onto the merged pages). A source without a structure tree
(an untagged PDF appendix) contributes its pages only. Figures LibreOffice left without
content or alt text are mended before the copy (:mod:`builder.assemble.figures`). The merged
file declares its title, language (en-GB) and that it is marked, asks viewers to show the
title, and carries XMP
metadata (``dc:title``, ``dc:language``; ``pdfuaid:part`` 1 when no structure check fails: each
source's tree is read once, as it is made ready, not the merged tree again).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

from builder.assemble.artifacts import mark_untagged_paths
from builder.assemble.figures import repair_figures, source_alt_texts
from builder.assemble.headings import number_headings
from builder.errors import AssemblyError
from builder.inspection.pdf_structure import TreeFacts, merge_is_clean, tree_facts

LANGUAGE = "en-GB"


@dataclass(frozen=True)
class Outline:
    """A bookmark: its title, the 0-based index of the page it opens, and its children."""

    title: str
    page: int
    children: tuple[Outline, ...] = ()


@dataclass(frozen=True)
class Prepared:
    """A source PDF made ready to merge (see :func:`prepare`)."""

    pdf: bytes
    untagged: tuple[int, ...]
    """Its pages (0-based) drawing content that is neither tagged nor an artifact."""
    facts: TreeFacts | None = None
    """Its structure tree's facts (:func:`builder.inspection.pdf_structure.tree_facts`),
    None when it has none."""


def prepare(pdf: Path | bytes, source: Path | None = None) -> Prepared:
    """``pdf`` ready to merge: a tagged PDF's figures mended with the alt texts of ``source``
    (the document converted to it; see :mod:`builder.assemble.figures`), its headings
    numbered (:mod:`builder.assemble.headings`), vector drawing outside marked content marked
    as an artifact; the facts of its structure tree read (what the merge is judged by); saved
    again, so that the same PDF always gives the same bytes (a caller may keep them: they
    depend on nothing else)."""
    facts = None
    with _open(pdf) as opened:
        if "/StructTreeRoot" in opened.Root:
            repair_figures(opened, lambda: source_alt_texts(source))
            number_headings(opened)
            untagged = tuple(mark_untagged_paths(opened))
            facts = tree_facts(opened)
        else:
            untagged = tuple(range(len(opened.pages)))
        out = io.BytesIO()
        opened.save(out, deterministic_id=True)
    return Prepared(out.getvalue(), untagged, facts)


Preparer = Callable[[Path | bytes, Path | None], Prepared]


@dataclass
class TaggedMerger:
    """Collects pages and structure; ``write`` produces the merged PDF. Each source is made
    ready by ``prepare`` (:func:`prepare`, or one that keeps what it made)."""

    prepare: Preparer = prepare
    pdf: Pdf = field(default_factory=Pdf.new)
    _sources: list[Pdf] = field(default_factory=list)
    _parts: list[pikepdf.Object] = field(default_factory=list)
    _nums: list[tuple[int, pikepdf.Object]] = field(default_factory=list)
    _next_key: int = 0
    _role_map: dict[str, pikepdf.Object] = field(default_factory=dict)
    _starts: dict[int, pikepdf.Object] = field(default_factory=dict)
    """First page -> the structure element of the (first) part starting there."""
    _untagged: list[int] = field(default_factory=list)
    """Pages drawing content that is neither tagged nor an artifact."""
    _facts: list[TreeFacts] = field(default_factory=list)
    """The tagged sources' structure trees, in order (see :func:`prepare`)."""

    def __post_init__(self) -> None:
        self._document = self.pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document))

    @property
    def page_count(self) -> int:
        return len(self.pdf.pages)

    @property
    def pages(self) -> list[pikepdf.Page]:
        return list(self.pdf.pages)

    def add(self, pdf: Path | bytes, title: str, source: Path | None = None) -> int:
        """Append every page of ``pdf`` (a file, or its bytes) as a part titled ``title``;
        returns the index of its first page. The same file may be added again (each addition
        is a copy of its own). It is made ready first (:func:`prepare`: figures mended with
        the alt texts of ``source``, headings numbered, untagged drawing marked)."""
        first = self.page_count
        prepared = self.prepare(pdf, source)
        opened = _open(prepared.pdf)
        self._untagged += [first + n for n in prepared.untagged]
        if "/StructTreeRoot" in opened.Root:  # facts a preparer did not give are read now
            self._facts.append(prepared.facts or tree_facts(opened))
        self._sources.append(opened)  # qpdf reads the copied streams when the merge is saved
        self.pdf.pages.extend(opened.pages)
        self._add_structure(opened, self.pages[first:], title)
        return first

    def _add_structure(self, source: Pdf, pages: list[pikepdf.Page], title: str) -> None:
        if "/StructTreeRoot" not in source.Root:
            for page in pages:  # untagged: keep no dangling references into a missing tree
                if "/StructParents" in page.obj:
                    del page.obj["/StructParents"]
            return
        part = self.pdf.make_indirect(Dictionary(
            Type=Name.StructElem, S=Name.Part, T=pikepdf.String(title), P=self._document))
        self._next_key, tops = _graft(self.pdf, source, pages, self._next_key, self._nums,
                                      self._role_map)
        kids = Array()
        for top in tops:
            if isinstance(top, Dictionary):
                top.P = part
            kids.append(top)
        part.K = kids
        self._parts.append(part)
        if pages:
            self._starts.setdefault(self.page_count - len(pages), part)

    def write(self, out: Path, title: str, labels: tuple[int, int] | None = None,
              outline: tuple[Outline, ...] = ()) -> None:
        """Write the merged PDF. ``labels`` = (unnumbered pages, first numbered page): the
        viewer's page labels then match the stamps (front matter i, ii, ...; then 1, 2, ...).
        The XMP metadata claims PDF/UA-1 only when the finished document has no structure
        findings (:func:`builder.inspection.pdf_structure.structure_findings`), judged from
        its sources' trees as they were made ready and its own pages
        (:func:`builder.inspection.pdf_structure.merge_is_clean`)."""
        pdf = self.pdf
        self._document.K = Array(self._parts)
        nums = Array([item for key, value in self._nums for item in (key, value)])
        tree = pdf.make_indirect(Dictionary(
            Type=Name.StructTreeRoot, K=self._document,
            ParentTree=pdf.make_indirect(Dictionary(Nums=nums)),
            ParentTreeNextKey=self._next_key, RoleMap=Dictionary(self._role_map)))
        self._document.P = tree
        root = pdf.Root
        root.StructTreeRoot = tree
        root.MarkInfo = Dictionary(Marked=True)
        root.Lang = pikepdf.String(LANGUAGE)
        root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        pdf.docinfo.Title = pikepdf.String(title)
        pdf.docinfo.Producer = pikepdf.String("builder (pikepdf)")
        if labels is not None:
            root.PageLabels = _page_labels(self.page_count, *labels)
        if outline:
            with pdf.open_outline() as tree_of_bookmarks:
                tree_of_bookmarks.root.extend(_outline_items(outline, self._starts))
            root.PageMode = Name.UseOutlines
        _write_xmp(pdf, title, merge_is_clean(self._facts, pdf, self._untagged))
        try:
            pdf.save(out, deterministic_id=True)
        finally:
            for source in self._sources:
                source.close()


def join_parts(parts: Sequence[tuple[Path, Path]], out: Path) -> None:
    """One tagged PDF of a document converted in parts (each a PDF and the source document it
    was converted from, in order): the pages in order, each part's figures mended with its
    own source's alt texts (:mod:`builder.assemble.figures`), the parts' top structure
    elements in one structure tree (no element added: the parts read as the document would),
    their parent trees renumbered; the first part's title and language."""
    pdf = Pdf.new()
    nums: list[tuple[int, pikepdf.Object]] = []
    role_map: dict[str, pikepdf.Object] = {}
    tops: list[pikepdf.Object] = []
    opened = [_open(path) for path, _source in parts]
    try:
        next_key = 0
        for source_pdf, (_path, source) in zip(opened, parts, strict=True):
            tagged = "/StructTreeRoot" in source_pdf.Root
            if tagged:  # before the pages are copied: the repair may rewrite their content
                repair_figures(source_pdf, functools.partial(source_alt_texts, source))
            first = len(pdf.pages)
            pdf.pages.extend(source_pdf.pages)
            if not tagged:
                continue
            next_key, grafted = _graft(pdf, source_pdf, list(pdf.pages)[first:], next_key, nums,
                                       role_map)
            tops += grafted
        tree = pdf.make_indirect(Dictionary(
            Type=Name.StructTreeRoot, K=Array(tops),
            ParentTree=pdf.make_indirect(Dictionary(
                Nums=Array([item for key, value in nums for item in (key, value)]))),
            ParentTreeNextKey=next_key, RoleMap=Dictionary(role_map)))
        for top in tops:
            if isinstance(top, Dictionary):
                top.P = tree
        pdf.Root.StructTreeRoot = tree
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        if opened:
            head = opened[0]
            if "/Lang" in head.Root:
                pdf.Root.Lang = pikepdf.String(str(head.Root.Lang))
            if "/Title" in head.docinfo:
                pdf.docinfo.Title = pikepdf.String(str(head.docinfo.Title))
        pdf.save(out, deterministic_id=True)
    finally:
        for source_pdf in opened:
            source_pdf.close()


def _graft(pdf: Pdf, source: Pdf, pages: list[pikepdf.Page], offset: int,
           nums: list[tuple[int, pikepdf.Object]], role_map: dict[str, pikepdf.Object]
           ) -> tuple[int, list[pikepdf.Object]]:
    """Copy ``source``'s structure tree into ``pdf`` (whose ``pages`` are ``source``'s): its
    parent-tree entries into ``nums`` after ``offset`` (the pages' and annotations' keys
    shifted to match), its role map into ``role_map``; returns the next free key and the
    tree's top elements (for the caller to hang under a parent)."""
    tree = pdf.copy_foreign(source.Root.StructTreeRoot)
    highest = -1
    for key, value in _number_tree(tree.get("/ParentTree")):
        nums.append((key + offset, value))
        highest = max(highest, key)
    for page in pages:
        _shift(page.obj, "/StructParents", offset)
        for annotation in page.obj.get("/Annots", Array()):
            _shift(annotation, "/StructParent", offset)
    for role, target in tree.get("/RoleMap", Dictionary()).items():
        role_map[role] = target
    return offset + highest + 1, _as_list(tree.get("/K"))


def _open(pdf: Path | bytes) -> Pdf:
    name = "(generated page)" if isinstance(pdf, bytes) else str(pdf)
    try:
        return Pdf.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise AssemblyError(f"{name}: cannot read this PDF: {exc}",
                            hint="Re-export the file as PDF, or supply it as .docx.") from None


def _number_tree(node: pikepdf.Object | None) -> Iterator[tuple[int, pikepdf.Object]]:
    """(key, value) pairs of a number tree, following /Kids."""
    if not isinstance(node, Dictionary):
        return
    nums = node.get("/Nums", Array())
    for n in range(0, len(nums) - 1, 2):
        yield int(nums[n]), nums[n + 1]
    for kid in node.get("/Kids", Array()):
        yield from _number_tree(kid)


def _shift(obj: pikepdf.Object, key: str, offset: int) -> None:
    if isinstance(obj, Dictionary) and key in obj:
        obj[key] = int(obj[key]) + offset


def _as_list(value: pikepdf.Object | None) -> list[pikepdf.Object]:
    if value is None:
        return []
    if isinstance(value, Array):
        return list(value)
    return [value]


def _page_labels(pages: int, front: int, first: int) -> Dictionary:
    nums: list[object] = []
    if front:
        nums += [0, Dictionary(S=Name.r)]
    if pages > front:
        nums += [front, Dictionary(S=Name.D, St=first)]
    return Dictionary(Nums=Array(nums))


def _outline_items(items: tuple[Outline, ...], parts: dict[int, pikepdf.Object]
                   ) -> list[pikepdf.OutlineItem]:
    """Bookmarks, each linked (/SE) to the structure part starting on its page, so that the
    outline and the structure tree agree."""
    made = []
    for item in items:
        entry = pikepdf.OutlineItem(item.title, item.page,
                                    structure_element=parts.get(item.page))
        entry.children.extend(_outline_items(item.children, parts))
        made.append(entry)
    return made


def _write_xmp(pdf: Pdf, title: str, claim_ua: bool) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        meta["dc:language"] = [LANGUAGE]
        meta["pdf:Producer"] = "builder (pikepdf)"
        if claim_ua:
            meta["pdfuaid:part"] = "1"
