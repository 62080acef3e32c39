"""A supplied Word report read for checking: its parts, and its body paragraphs as a reader
sees them (text, style, the number Word prints), each able to say where an element is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lxml import etree

from builder.data.docx_package import block_items, parse_part, read_parts, w
from builder.inspection.docx_summary import summarize_docx

Severity = Literal["error", "warning"]
SHOWN = 70
"""Characters of a paragraph's text shown in a finding."""


@dataclass(frozen=True)
class Finding:
    """One thing to put right before the paper is published."""

    check: str
    """Which check found it, e.g. 'tracked change', 'heading', 'numbering'."""
    severity: Severity
    """'error' blocks publishing; 'warning' is for the author to judge."""
    what: str
    paragraph: int | None = None
    """1-based number of the body paragraph (tables and headers have none)."""
    text: str = ""
    """The start of that paragraph's text."""
    where: str = ""
    """Where it is when not a body paragraph: 'table 2', 'docProps/core.xml', 'comment 1'."""

    @property
    def place(self) -> str:
        if self.paragraph is not None:
            return f"paragraph {self.paragraph} ‘{self.text}’" if self.text else \
                f"paragraph {self.paragraph}"
        return self.where

    def __str__(self) -> str:
        place = f"{self.place}: " if self.place else ""
        return f"{self.severity} [{self.check}] {place}{self.what}"


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph as a reader sees it."""

    number: int
    text: str
    style: str
    label: str | None
    """The list label Word prints ('3.', '(i)', '•'), computed from the numbering."""
    heading_like: bool
    """In a heading style, or short and in capitals or bold: a heading an author typed."""

    @property
    def shown(self) -> str:
        return shorten(self.text)


def shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SHOWN else flat[:SHOWN - 1] + "…"


class WordPackage:
    """The parts of one .docx, its document part parsed (read-only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parts = read_parts(path)
        self.document = parse_part("word/document.xml", self.parts["word/document.xml"])

    def xml(self, name: str) -> etree._Element | None:
        """Another part, parsed, or None when the package has none by that name."""
        data = self.parts.get(name)
        return None if data is None else parse_part(name, data)

    def content_parts(self) -> list[tuple[str, etree._Element]]:
        """The parts that hold text: the document, headers, footers, foot- and endnotes."""
        names = [n for n in self.parts if n.startswith("word/") and n.endswith(".xml") and
                 n.rsplit("/", 1)[-1].startswith(("header", "footer", "footnotes", "endnotes"))]
        return [("word/document.xml", self.document),
                *((n, tree) for n in names if (tree := self.xml(n)) is not None)]


class ReportDocument(WordPackage):
    """A supplied report: its package, and its body read as a reader sees it."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        body = self.document.find(w("body"))
        if body is None:
            raise ValueError("word/document.xml has no body")
        self.body = body
        summary = summarize_docx(path)
        blocks = list(block_items(body))  # content controls' paragraphs are checked too
        elements = [c for c in blocks if c.tag == w("p")]
        self.tables = [c for c in blocks if c.tag == w("tbl")]
        # keyed by the element itself: lxml keeps one proxy per node while it is referenced
        self._index = {e: n for n, e in enumerate(elements, 1)}
        self.paragraphs = tuple(
            Paragraph(n, para.text, para.style, para.number,
                      _heading_like(para.text, para.heading_level is not None or
                                    para.style == "Title", element))
            for n, (para, element) in enumerate(zip(summary.paragraphs, elements, strict=True), 1))

    def finding(self, check: str, severity: Severity, what: str, element: etree._Element,
                part: str = "word/document.xml") -> Finding:
        """A finding placed at the body paragraph (or table) holding ``element``."""
        if part != "word/document.xml":
            return Finding(check, severity, what, where=part)
        node: etree._Element | None = element
        while node is not None and node not in self._index and node not in self.tables:
            node = node.getparent()
        if node is not None and node in self._index:
            paragraph = self.paragraphs[self._index[node] - 1]
            return Finding(check, severity, what, paragraph.number, paragraph.shown)
        if node is not None and node.tag == w("tbl"):
            return Finding(check, severity, what, where=f"table {self.tables.index(node) + 1}")
        return Finding(check, severity, what, where=part)

    def text(self) -> str:
        """Every word of the body, paragraphs and tables (for 'is this name printed?')."""
        return " ".join("".join(t.text or "" for t in self.body.iter(w("t"))).split())


def run_text(element: etree._Element) -> str:
    """The text of a run, change or paragraph, deleted text included."""
    return "".join(t.text or "" for t in element.iter(w("t"), w("delText")))


def _heading_like(text: str, heading_style: bool, element: etree._Element) -> bool:
    if heading_style:
        return True
    stripped = text.strip()
    if not stripped or len(stripped) > 80 or not any(c.isalpha() for c in stripped):
        return False
    return stripped.upper() == stripped or _all_bold(element)


def _all_bold(paragraph: etree._Element) -> bool:
    runs = [r for r in paragraph.iter(w("r")) if run_text(r).strip()]
    return bool(runs) and all(is_on(r.find(f"{w('rPr')}/{w('b')}")) for r in runs)


def is_on(toggle: etree._Element | None) -> bool:
    """A Word on/off property: present and not set to false."""
    return toggle is not None and toggle.get(w("val"), "true") not in ("0", "false", "off")
