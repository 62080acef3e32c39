"""Table cells as every output prints them: text, the rating of a RAG cell, a sub-heading row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from builder.compute.calculus import Rag
from builder.config.catalogue import Indicator
from builder.present import formatting as fmt

Shade = Rag | Literal["subheading"]
"""What colours a cell: its RAG rating, or its being in a sub-heading row."""


@dataclass(frozen=True)
class Cell:
    """One table cell as printed: its text, and what colours it, if anything."""

    text: str
    rag: Rag | None = None
    """The rating a RAG cell shows: each paper colours it in its template's RAG styles (the
    deck's *Styles* layout, the report template's RAG paragraph styles)."""
    subheading: bool = False
    """A cell of a sub-heading row (a dataset grouped by sub-theme), shaded in the report
    template's *Dataset Subheading* style."""

    @property
    def shade(self) -> Shade | None:
        return self.rag if self.rag is not None else "subheading" if self.subheading else None


def rag_cell(rag: Rag | None, missing: str = "") -> Cell:
    """The RAG label, coloured by the paper's renderer: never colour alone (WCAG 1.4.1)."""
    if rag is None:
        return Cell(missing)
    return Cell(fmt.rag_label(rag), rag=rag)


def indicator_value(ind: Indicator, value: float | None, reason: str | None = None,
                    missing: str = fmt.MISSING) -> str:
    """A value in the indicator's unit and decimals, or the analyst's reason it has none; a value
    the analyst wrote with words ('88% as of April 1st 2014') as written."""
    if value is None or reason:
        return reason or missing
    return fmt.number(value, ind.decimals, ind.unit)
