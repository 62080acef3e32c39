"""Read a tagged PDF's logical structure with pikepdf: the elements in reading order (their
standard role after the role map, alt text, whether they hold content, their page), pages
without ``/StructParents``, content drawn outside any marked content, and the XMP metadata.

What ``builder check`` and the pack assembly judge a published PDF by (issue 11): a figure
must hold content and have alt text, headings must not skip levels, every page must lead into
the structure tree and embed the fonts it uses, tables must have header cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

from builder.inspection.pdf_fonts import unembedded_fonts

ContentItem = pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage
HEADINGS = {"/H1": 1, "/H2": 2, "/H3": 3, "/H4": 4, "/H5": 5, "/H6": 6}
DRAWING = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh",
           "BI"}
"""Operators that put marks on the page: outside marked content they are untagged."""
# alt text that only repeats a file name or a default shape name tells a listener nothing
PLACEHOLDER_ALT = re.compile(
    r"^(.*\.(png|jpe?g|gif|bmp|emf|wmf|svg|tiff?)|(picture|image|chart|graphic) \d+)$",
    re.IGNORECASE)


_REFERENCES = (Name.MCR, Name.OBJR)


@dataclass(frozen=True)
class Element:
    """One structure element."""

    role: str
    """Its standard type after the role map, e.g. '/Figure', '/H1'."""
    alt: str
    """/Alt, or /ActualText, or ''."""
    content: bool
    """It refers to marked content or an object on a page (directly)."""
    page: int | None
    """0-based index of its page (/Pg), when it names one."""
    title: str
    """/T, e.g. a part's 'Agenda Item 7: Report'."""
    parent: str
    """Its parent's standard role ('' at the top)."""


def elements(pdf: Pdf) -> list[Element]:
    """Every structure element, depth first in the tree's (reading) order."""
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary):
        return []
    names = role_names(root)
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    found: list[Element] = []
    roles: dict[tuple[int, int], str] = {}
    for node, parent, children in _nodes(root):
        role = standard(node.S, names)
        roles[node.objgen] = role
        page = _entry(node, "/Pg")
        found.append(Element(
            role, _text(_entry(node, "/Alt")) or _text(_entry(node, "/ActualText")),
            any(_is_content(kid) for kid in children),
            pages.get(page.objgen) if isinstance(page, Dictionary) else None,
            _text(_entry(node, "/T")), roles.get(parent.objgen, "") if parent is not None else ""))
    return found


def _entry(node: Dictionary, key: str) -> pikepdf.Object | None:
    """``node[key]``, or None when absent (asking first: pikepdf's ``get`` of an absent key
    costs three times as much, and most elements have no /Alt, /ActualText or /T)."""
    return node.get(key) if key in node else None


def structure_nodes(root: Dictionary) -> list[tuple[Dictionary, Dictionary | None]]:
    """(element, its parent element or None) for every structure element under ``root``,
    depth first in reading order, each once."""
    return [(node, parent) for node, parent, _kids in _nodes(root)]


def _nodes(root: Dictionary
           ) -> list[tuple[Dictionary, Dictionary | None, list[pikepdf.Object]]]:
    """:func:`structure_nodes`, each with its kids (read once)."""
    found: list[tuple[Dictionary, Dictionary | None, list[pikepdf.Object]]] = []
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[pikepdf.Object, Dictionary | None]] = [
        (kid, None) for kid in reversed(kids(root))]
    while stack:
        node, parent = stack.pop()
        if not isinstance(node, Dictionary) or "/S" not in node:
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        children = kids(node)
        found.append((node, parent, children))
        stack.extend((kid, node) for kid in reversed(children))
    return found


def kids(node: Dictionary) -> list[pikepdf.Object]:
    """The /K of a structure element (or tree root) as a list."""
    found = node.get("/K")
    if found is None:
        return []
    return list(found) if isinstance(found, Array) else [found]


def role_names(root: Dictionary) -> dict[str, str]:
    """The structure tree's role map, read once: custom role -> the role it stands for."""
    role_map = root.get("/RoleMap")
    if not isinstance(role_map, Dictionary):
        return {}
    return {str(key): str(value) for key, value in role_map.items()}


def standard(role: pikepdf.Object, names: dict[str, str], hops: int = 8) -> str:
    """A role's standard type after the role map ``names`` (:func:`role_names`), e.g.
    '/Figure'; a chain of mappings is followed ``hops`` steps at most."""
    name = str(role)
    while hops and names.get(name, name) != name:
        name, hops = names[name], hops - 1
    return name


def headings(found: list[Element]) -> list[tuple[int, Element]]:
    """(level, element) of the numbered headings, in order."""
    return [(HEADINGS[e.role], e) for e in found if e.role in HEADINGS]


def pages_without_struct_parents(pdf: Pdf) -> list[int]:
    """0-based indexes of pages whose content cannot be traced to the structure tree."""
    return [n for n, page in enumerate(pdf.pages) if "/StructParents" not in page.obj]


def untagged_pages(pdf: Pdf) -> list[int]:
    """0-based indexes of pages drawing something outside marked content (neither tagged nor
    an artifact)."""
    return [n for n, page in enumerate(pdf.pages)
            if untagged_drawing(pikepdf.parse_content_stream(page))]


def xmp(pdf: Pdf) -> dict[str, str]:
    """dc:title, dc:language and pdfuaid:part from the XMP metadata ('' when absent)."""
    if "/Metadata" not in pdf.Root:
        return {}
    meta = pdf.open_metadata()
    found = {}
    for key in ("dc:title", "dc:language", "pdfuaid:part"):
        value = meta.get(key)
        found[key] = ", ".join(sorted(value)) if isinstance(value, set | list) else str(
            value or "")
    return found


def untagged_drawing(instructions: Iterable[ContentItem]) -> bool:
    """The content draws something outside marked content (neither tagged nor an artifact)."""
    return any(depth <= 0 and draws(instruction, name)
               for instruction, name, depth in marked_depths(instructions))


def draws(instruction: ContentItem, name: str) -> bool:
    """The instruction (operator ``name``) puts marks on the page."""
    if isinstance(instruction, pikepdf.ContentStreamInlineImage):
        return True
    return name in DRAWING and not _invisible(name, list(instruction.operands))


def marked_depths(instructions: Iterable[ContentItem]) -> Iterator[tuple[ContentItem, str, int]]:
    """(instruction, operator name — 'BI' for an inline image —, how many marked-content
    sequences it is inside; BMC/BDC and EMC count as outside the sequence they open or close)."""
    depth = 0
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            yield instruction, "BI", depth
            continue
        name = str(instruction.operator)
        if name == "EMC":
            depth -= 1
        yield instruction, name, depth
        if name in ("BDC", "BMC"):
            depth += 1


def _invisible(operator: str, operands: list[pikepdf.Object]) -> bool:
    """An empty string shown draws nothing."""
    return operator in ("Tj", "'") and bool(operands) and not bytes(operands[-1])


def _is_content(kid: pikepdf.Object) -> bool:
    """A marked-content id, a marked-content reference or an object reference."""
    if isinstance(kid, int):
        return True
    return isinstance(kid, Dictionary) and _entry(kid, "/Type") in _REFERENCES


def _text(value: pikepdf.Object | None) -> str:
    return str(value).strip() if isinstance(value, pikepdf.String) else ""


@dataclass(frozen=True)
class Finding:
    """One structure problem: where (a 1-based page, or '' for the whole file) and what."""

    page: int | None
    what: str


def structure_findings(pdf: Pdf, untagged: Sequence[int] | None = None) -> list[Finding]:
    """What stops ``pdf`` being a usable tagged PDF: figures without content or alt text (or
    with a file name as alt text), unnumbered headings, heading levels skipped, tables without
    header cells, pages without /StructParents, pages drawing untagged content (``untagged``:
    their 0-based indexes, when already known), pages using fonts that are not embedded."""
    found = elements(pdf)
    numbered = headings(found)
    findings = _figure_findings(found) + _unnumbered_findings(found)
    findings += [Finding(_page_of(numbered[n][1]),
                         f"a heading skips from level {before} to {numbered[n][0]}")
                 for n, before in _skips([level for level, _element in numbered])]
    findings += _table_findings(found)
    return findings + _page_findings(pdf, untagged_pages(pdf) if untagged is None else untagged)


@dataclass(frozen=True)
class TreeFacts:
    """What judging a merge needs of one tagged PDF's structure tree (:func:`tree_facts`)."""

    problems: int
    """The findings of its elements: figures, unnumbered headings, tables without header
    cells."""
    levels: tuple[int, ...]
    """Its numbered headings' levels, in reading order."""


def tree_facts(pdf: Pdf) -> TreeFacts:
    """The facts of ``pdf``'s structure tree that :func:`merge_is_clean` adds up."""
    found = elements(pdf)
    problems = _figure_findings(found) + _unnumbered_findings(found) + _table_findings(found)
    return TreeFacts(len(problems), tuple(level for level, _element in headings(found)))


def merge_is_clean(parts: Sequence[TreeFacts], pdf: Pdf, untagged: Sequence[int]) -> bool:
    """Whether :func:`structure_findings` finds nothing in ``pdf``, a merge of tagged PDFs whose
    trees ``parts`` describes in order, each copied whole under elements of the merge's own
    that no check applies to (Document, Part), with ``untagged`` the pages drawing untagged
    content: its sources' element findings, the heading levels across them, and its pages.
    Reading each source's tree once, as it is made ready, costs what reading the merged tree
    again would (~0.35 s for the sample's public pack, 1.9 s at 450 indicators) while the
    pack waits for nothing else."""
    levels = [level for part in parts for level in part.levels]
    return not any(part.problems for part in parts) and not _skips(levels) and \
        not _page_findings(pdf, untagged)


def _page_of(element: Element) -> int | None:
    return element.page + 1 if element.page is not None else None


def _figure_findings(found: list[Element]) -> list[Finding]:
    findings = []
    for element in found:
        if element.role == "/Figure":
            page = _page_of(element)
            if not element.content:
                findings.append(Finding(page, "a figure holds no content (the picture is drawn "
                                              "as an artifact or not at all)"))
            if not element.alt:
                findings.append(Finding(page, "a figure has no alt text"))
            elif PLACEHOLDER_ALT.match(element.alt):
                findings.append(Finding(page, f"a figure's alt text '{element.alt}' is a file "
                                              "or shape name"))
    return findings


def _unnumbered_findings(found: list[Element]) -> list[Finding]:
    return [Finding(_page_of(e), "an unnumbered heading (/H): its level is unknown")
            for e in found if e.role == "/H"]


def _skips(levels: Sequence[int]) -> list[tuple[int, int]]:
    """(index, level before it) of each heading level that skips one or more levels (the
    first may be 1)."""
    skips = []
    before = 0
    for n, level in enumerate(levels):
        if level > before + 1:
            skips.append((n, before))
        before = level
    return skips


def _page_findings(pdf: Pdf, untagged: Sequence[int]) -> list[Finding]:
    findings = [Finding(n + 1, "no /StructParents: its content does not lead to the structure "
                               "tree") for n in pages_without_struct_parents(pdf)]
    findings += [Finding(n + 1, "draws content that is neither tagged nor an artifact")
                 for n in untagged]
    return findings + [Finding(n + 1, f"uses the font {name} without embedding it: a reader "
                                      "shows the text in a font of its own")
                       for n, name in unembedded_fonts(pdf)]


def _table_findings(found: list[Element]) -> list[Finding]:
    """A table whose cells are all /TD has no header cells."""
    findings = []
    table: Element | None = None
    header = False
    for element in [*found, Element("/Table", "", False, None, "", "")]:
        if element.role == "/Table":
            if table is not None and not header:
                findings.append(Finding(_page_of(table), "a table has no header cells (/TH)"))
            table, header = element, False
        elif element.role == "/TH":
            header = True
    return findings
