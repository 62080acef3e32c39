"""Read an agenda pack PDF back: page texts, the stamps at the head and foot of each page,
bookmarks, title, language and tagging. Used by tests (and by ``builder check``) to verify a
pack without comparing files byte for byte.

The stamps are told apart from the papers' own text by where they are drawn: on the baselines
``builder.assemble.stamp`` draws them on, at the foot ('Page N') and at the head ('Agenda Item
N', 'NOT FOR PUBLICATION').
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import Destination, DictionaryObject

from builder.assemble.stamp import FOOT, HEAD

TOLERANCE = 0.5
"""How far (points) from a stamp's baseline text still counts as the stamp."""


@dataclass(frozen=True)
class PageStamps:
    """Text drawn on the stamps' baselines at the foot and the head of one page."""

    foot: str
    head: str


@dataclass(frozen=True)
class Bookmark:
    """An outline entry: its depth (0 = top level), title and the 0-based page it opens."""

    level: int
    title: str
    page: int


@dataclass(frozen=True)
class PdfSummary:
    """What a pack PDF holds."""

    title: str | None
    lang: str | None
    tagged: bool
    """/MarkInfo /Marked is true and there is a structure tree."""
    pages: int
    page_labels: tuple[str, ...]
    texts: tuple[str, ...]
    stamps: tuple[PageStamps, ...]
    bookmarks: tuple[Bookmark, ...]
    structure_parts: tuple[str, ...]
    """Titles of the structure tree's parts, in order."""


def summarize(path: Path, workers: int = 1) -> PdfSummary:
    """Everything above, reading every page once; ``workers`` processes share the pages (text
    extraction is pure Python: about 0.1 s a page)."""
    reader = PdfReader(path)
    count = len(reader.pages)
    chunks = [range(n, count, workers) for n in range(workers)] if workers > 1 else []
    if chunks and count > workers:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_read_pages, [path] * workers, chunks))
        read = dict(item for chunk in results for item in chunk)
        pages = [read[n] for n in range(count)]
    else:
        pages = [_read_page(page) for page in reader.pages]
    texts = [text for text, _stamp in pages]
    stamps = [stamp for _text, stamp in pages]
    root = _get(reader.trailer, "/Root")
    mark = _get(root, "/MarkInfo")
    tree = _get(root, "/StructTreeRoot")
    return PdfSummary(
        title=reader.metadata.title if reader.metadata else None,
        lang=str(root["/Lang"]) if "/Lang" in root else None,
        tagged=bool(mark.get("/Marked")) and bool(tree),
        pages=len(reader.pages),
        page_labels=tuple(reader.page_labels),
        texts=tuple(texts), stamps=tuple(stamps),
        bookmarks=tuple(_bookmarks(reader, reader.outline, 0)),
        structure_parts=tuple(_parts(tree)))


def _get(obj: Any, key: str) -> DictionaryObject:
    value = obj.get(key) if isinstance(obj, DictionaryObject) else None
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


def _read_pages(path: Path, numbers: range) -> list[tuple[int, tuple[str, PageStamps]]]:
    reader = PdfReader(path)
    return [(n, _read_page(reader.pages[n])) for n in numbers]


def _read_page(page: PageObject) -> tuple[str, PageStamps]:
    height = float(page.mediabox.height)
    bottom = float(page.mediabox.bottom)
    foot: list[tuple[float, str]] = []
    head: list[tuple[float, str]] = []

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], *_: Any) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5] - bottom
        if abs(y - FOOT) < TOLERANCE:
            foot.append((x, text.strip()))
        elif abs(y - (height - HEAD)) < TOLERANCE:
            head.append((x, text.strip()))

    text = page.extract_text(visitor_text=visit)
    return text, PageStamps(_join(foot), _join(head))


def _join(pieces: list[tuple[float, str]]) -> str:
    return " ".join(text for _x, text in sorted(pieces))


def _bookmarks(reader: PdfReader, items: Sequence[Any], level: int) -> list[Bookmark]:
    out: list[Bookmark] = []
    for item in items:
        if isinstance(item, list):
            out.extend(_bookmarks(reader, item, level + 1))
        elif isinstance(item, Destination):
            page = reader.get_destination_page_number(item)
            out.append(Bookmark(level, str(item.title), page if page is not None else -1))
    return out


def _parts(tree: DictionaryObject) -> list[str]:
    """Titles (/T) of the elements under the structure tree's top element."""
    top = tree.get("/K")
    top = top.get_object() if top is not None else None
    kids = top.get("/K") if isinstance(top, DictionaryObject) else None
    kids = kids.get_object() if kids is not None else []
    titles = []
    for kid in kids:
        element = kid.get_object()
        if isinstance(element, DictionaryObject):
            titles.append(str(element.get("/T", "")))
    return titles


def structure_problems(path: Path) -> list[str]:
    """What is broken in a PDF's structure tree: a page whose /StructParents has no parent-tree
    entry, a structure element pointing at a page that is not in the document, a parent-tree
    key used twice. An empty list for a sound (or absent) tree."""
    reader = PdfReader(path)
    tree = _get(_get(reader.trailer, "/Root"), "/StructTreeRoot")
    if not tree:
        return []
    problems = []
    keys: list[int] = []
    nums_node: Any = tree.get("/ParentTree")
    stack = [nums_node.get_object()] if nums_node is not None else []
    while stack:
        node = stack.pop()
        nums = node.get("/Nums") or []
        keys.extend(int(nums[n]) for n in range(0, len(nums) - 1, 2))
        stack.extend(kid.get_object() for kid in node.get("/Kids") or [])
    if len(keys) != len(set(keys)):
        problems.append("a parent-tree key is used more than once")
    pages = {page.indirect_reference.idnum for page in reader.pages
             if page.indirect_reference is not None}
    for number, page in enumerate(reader.pages, 1):
        key = page.get("/StructParents")
        if key is not None and int(key) not in set(keys):
            problems.append(f"page {number}: /StructParents {key} is not in the parent tree")
    seen: set[int] = set()
    elements: list[Any] = [tree.get("/K")]
    while elements:
        ref = elements.pop()
        if ref is None:
            continue
        if getattr(ref, "idnum", None) is not None:
            if ref.idnum in seen:
                continue
            seen.add(ref.idnum)
        element = ref.get_object()
        if isinstance(element, list):
            elements.extend(element)
        elif isinstance(element, DictionaryObject):
            page_ref = element.raw_get("/Pg") if "/Pg" in element else None
            if page_ref is not None and page_ref.idnum not in pages:
                problems.append(f"a /{element.get('/S', '?')} element points at a page that "
                                "is not in the document")
            if element.get("/Type") in (None, "/StructElem"):
                elements.append(element.raw_get("/K") if "/K" in element else None)
    return problems
