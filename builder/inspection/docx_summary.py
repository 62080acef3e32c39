"""Read a .docx back: headings, paragraphs with their computed list numbers, tables, pictures.

Used by tests (and ``builder check``) to verify generated documents the way a reader sees them:
the paragraph numbers are computed from the Word numbering definitions and the paragraph order,
exactly as Word numbers them, not taken from the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from builder.data.docx_package import block_items

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


@dataclass(frozen=True)
class Para:
    """A body paragraph: its text, style name and the list label Word would print (or None)."""

    text: str
    style: str
    number: str | None = None

    @property
    def heading_level(self) -> int | None:
        if self.style.startswith("Heading ") and self.style[8:].isdigit():
            return int(self.style[8:])
        return None


@dataclass(frozen=True)
class Table:
    """A table's cell texts row by row, with the flags accessibility checks need."""

    rows: tuple[tuple[str, ...], ...]
    header_rows: tuple[bool, ...]
    """Per row: marked w:tblHeader (repeated at the top of each page)."""
    fills: tuple[tuple[str | None, ...], ...]
    merged: bool
    """True when any cell spans columns or rows (gridSpan / vMerge)."""
    description: str | None
    style: str | None


@dataclass(frozen=True)
class Picture:
    name: str | None
    descr: str | None


@dataclass(frozen=True)
class DocxSummary:
    title: str
    language: str
    author: str
    paragraphs: tuple[Para, ...]
    tables: tuple[Table, ...]
    pictures: tuple[Picture, ...]
    orientations: tuple[str, ...]
    """Each section's orientation, 'portrait' or 'landscape', in order."""
    body_order: tuple[str, ...] = field(default=())
    """'p' or 't' per body element, in order."""

    @property
    def headings(self) -> tuple[tuple[int, str], ...]:
        return tuple((p.heading_level, p.text) for p in self.paragraphs
                     if p.heading_level is not None)

    def numbered(self, style: str) -> tuple[tuple[str, str], ...]:
        """(label, text) of every paragraph in ``style`` that Word numbers."""
        return tuple((p.number, p.text) for p in self.paragraphs
                     if p.style == style and p.number is not None)


def summarize_docx(path: Path) -> DocxSummary:
    doc = Document(str(path))
    styles = {s.style_id: s for s in doc.styles}
    numbering = _Numbering(doc)
    paragraphs: list[Para] = []
    tables: list[Table] = []
    order: list[str] = []
    for child in block_items(doc.element.body):
        if child.tag == qn("w:p"):
            order.append("p")
            style_id = _val(child.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")) or "Normal"
            style = styles.get(style_id)
            label = numbering.label(child, style)
            paragraphs.append(Para(_text(child), style.name if style is not None else style_id,
                                   label))
        elif child.tag == qn("w:tbl"):
            order.append("t")
            tables.append(_table(child, styles))
    pictures = tuple(Picture(d.get("name"), d.get("descr"))
                     for d in doc.element.body.iter(f"{WP}docPr"))
    orientations = tuple("landscape" if (s.page_width or 0) > (s.page_height or 0) else "portrait"
                         for s in doc.sections)
    props = doc.core_properties
    return DocxSummary(props.title or "", props.language or "", props.author or "",
                       tuple(paragraphs), tuple(tables), pictures, orientations, tuple(order))


def _val(element: Any) -> str | None:
    return None if element is None else element.get(qn("w:val"))


def _text(element: Any) -> str:
    parts = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        parts.append(node.text or "" if node.tag == qn("w:t") else
                     "\t" if node.tag == qn("w:tab") else "\n")
    return "".join(parts)


def _table(tbl: Any, styles: dict[str, Any]) -> Table:
    rows, headers, fills = [], [], []
    merged = False
    for tr in tbl.findall(qn("w:tr")):
        headers.append(tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None)
        cells, row_fills = [], []
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            if pr is not None and (pr.find(qn("w:gridSpan")) is not None
                                   or pr.find(qn("w:vMerge")) is not None):
                merged = True
            shd = pr.find(qn("w:shd")) if pr is not None else None
            row_fills.append(shd.get(qn("w:fill")) if shd is not None else None)
            cells.append("\n".join(_text(p) for p in tc.findall(qn("w:p"))))
        rows.append(tuple(cells))
        fills.append(tuple(row_fills))
    tbl_pr = tbl.find(qn("w:tblPr"))
    description = _val(tbl_pr.find(qn("w:tblDescription"))) if tbl_pr is not None else None
    style_id = _val(tbl_pr.find(qn("w:tblStyle"))) if tbl_pr is not None else None
    style = styles.get(style_id) if style_id else None
    return Table(tuple(rows), tuple(headers), tuple(fills), merged, description,
                 style.name if style is not None else style_id)


class _Numbering:
    """Word's list numbering, as Word counts it.

    Counters belong to the list definition (w:abstractNum) and level: paragraphs whose list
    instances (w:num) share an abstractNum share counters. A w:num's w:lvlOverride with a
    w:startOverride restarts its level the first time a paragraph uses that w:num (how a copied
    list is restarted). A level advancing resets the deeper levels. Formats come from the
    abstract definition; the numbering from the paragraph or its style chain."""

    def __init__(self, doc: Any) -> None:
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        """numId -> (abstractNumId, start per overridden level)."""
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        """abstractNumId -> level -> (numFmt, lvlText, start)."""
        self.counters: dict[tuple[str, int], int] = {}
        self.used: set[str] = set()
        """numIds already used (their start overrides applied)."""
        try:
            root = doc.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        for abstract in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                start = _val(lvl.find(qn("w:start")))
                levels[int(lvl.get(qn("w:ilvl")))] = (
                    _val(lvl.find(qn("w:numFmt"))) or "decimal",
                    _val(lvl.find(qn("w:lvlText"))) or "", int(start) if start else 1)
            self.levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            abstract_id = _val(num.find(qn("w:abstractNumId")))
            if abstract_id in self.levels:
                starts = {int(o.get(qn("w:ilvl"))): int(_val(start) or 1)
                          for o in num.findall(qn("w:lvlOverride"))
                          if (start := o.find(qn("w:startOverride"))) is not None}
                self.nums[num.get(qn("w:numId"))] = (abstract_id, starts)

    def label(self, paragraph: Any, style: Any) -> str | None:
        num_id, ilvl = self._num_pr(paragraph, style)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        abstract_id, starts = self.nums[num_id]
        if num_id not in self.used:
            self.used.add(num_id)
            for level, start in starts.items():
                self.counters[(abstract_id, level)] = start - 1
        fmt, text, start = self.levels[abstract_id].get(ilvl, ("decimal", "%1.", 1))
        key = (abstract_id, ilvl)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for deeper in [k for k in self.counters if k[0] == abstract_id and k[1] > ilvl]:
            del self.counters[deeper]
        if fmt == "bullet":
            return text
        return text.replace(f"%{ilvl + 1}", _format(self.counters[key], fmt))

    @staticmethod
    def _num_pr(paragraph: Any, style: Any) -> tuple[str | None, int]:
        num_pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        while num_pr is None and style is not None:
            num_pr = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            style = style.base_style
        if num_pr is None:
            return None, 0
        ilvl = _val(num_pr.find(qn("w:ilvl")))
        return _val(num_pr.find(qn("w:numId"))), int(ilvl) if ilvl else 0


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerRoman", "upperRoman"):
        text = ""
        for value, letters in ROMAN:
            while n >= value:
                text, n = text + letters, n - value
        return text if fmt == "lowerRoman" else text.upper()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(n)
