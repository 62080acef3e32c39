"""Coloured cells in the Word papers, RAG cells and sub-heading rows: their fill and text
colour, from the report template.

A RAG cell (the dataset's RAG column, the key's RAG rows) prints its rating's label on its
rating's colour, never colour alone (WCAG 1.4.1); a sub-heading row (a dataset grouped by
sub-theme) is shaded across the table. The colours are the report template's: the styles named
``RAG Green``, ``RAG Amber``, ``RAG Red`` and ``Dataset Subheading``, each giving the fill in
its shading (Format > Border > Shading) and the text colour in its font colour, as the deck's
template gives its own in its *Styles* layout. A template without such a style (one made before
the styles existed) gets builder's colours for it (:data:`BUILT_IN`), which the default
template also holds. A style that is there must set both colours as RGB values, the text
reaching 4.5:1 on the fill (WCAG 2.2 AA); otherwise the template is refused, naming the style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from builder.compute.calculus import Rag
from builder.errors import Problem, TemplateError, raise_if_any
from builder.inspection.contrast import LOW_CONTRAST_HINT, too_low
from builder.present.cells import Shade
from builder.render.word_common import find_style


@dataclass(frozen=True)
class CellLook:
    """How a coloured cell looks: its fill and its text colour ('RRGGBB')."""

    fill: str
    color: str


STYLE_NAMES: dict[Shade, str] = {Rag.GREEN: "RAG Green", Rag.AMBER: "RAG Amber",
                                 Rag.RED: "RAG Red", "subheading": "Dataset Subheading"}
BUILT_IN: dict[Shade, CellLook] = {
    Rag.GREEN: CellLook("C6EFCE", "006100"), Rag.AMBER: CellLook("FFEB9C", "7A4F00"),
    Rag.RED: CellLook("FFC7CE", "9C0006"), "subheading": CellLook("E7E6E6", "000000")}
"""For a template without the style (text on fill 6.14:1, 5.98:1, 5.92:1 and 16.9:1)."""
_HEX = re.compile(r"[0-9A-Fa-f]{6}")
_BASED_ON_DEPTH = 16


def cell_looks(doc: DocxDocument) -> dict[Shade, CellLook]:
    """Each coloured cell's look in ``doc`` (a document made from the report template, which
    was checked with :func:`cell_style_problems` before anything rendered)."""
    looks, problems = _read(doc, "the report template")
    raise_if_any(problems, TemplateError, "the report template's cell styles cannot be used",
                 hint="Run `builder templates check` on the template.")
    return looks


def cell_style_problems(doc: DocxDocument, template: Path) -> list[Problem]:
    """A Problem for every cell style of ``doc`` that does not give a usable look."""
    return _read(doc, str(template))[1]


def _read(doc: DocxDocument, file: str) -> tuple[dict[Shade, CellLook], list[Problem]]:
    looks: dict[Shade, CellLook] = {}
    problems: list[Problem] = []
    for shade, name in STYLE_NAMES.items():
        style = find_style(doc, name)
        if style is None:
            looks[shade] = BUILT_IN[shade]
            continue
        where = f"style '{name}'"
        fill = _inherited(style, ("w:pPr", "w:rPr"), "w:shd", "w:fill")
        color = _inherited(style, ("w:rPr",), "w:color", "w:val")
        if fill is None:
            problems.append(Problem(file, where, "no shading colour (the cell's fill)",
                                    "set one in Word: Modify Style > Format > Border > Shading"))
        if color is None:
            problems.append(Problem(file, where, "no font colour (the text's)",
                                    "set one in Word: Modify Style > Format > Font > Font color "
                                    "(not Automatic)"))
        if fill is None or color is None:
            continue
        look = CellLook(fill.upper(), color.upper())
        if low := too_low(look.color, look.fill):
            problems.append(Problem(file, where, low, LOW_CONTRAST_HINT))
        else:
            looks[shade] = look
    return looks, problems


def _inherited(style: Any, containers: tuple[str, ...], tag: str, attribute: str) -> str | None:
    """The RGB value ``attribute`` of ``tag`` in the style's ``containers`` (or in the style it
    is based on, and so on); None when unset, 'auto' or not an RGB value."""
    for _ in range(_BASED_ON_DEPTH):
        if style is None:
            return None
        for container in containers:
            element = style.element.find(f"{qn(container)}/{qn(tag)}")
            if element is not None:
                value = element.get(qn(attribute))
                return value if value is not None and _HEX.fullmatch(value) else None
        style = style.base_style
    return None

