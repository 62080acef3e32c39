"""Table cells as every output prints them: text, a fill, and the rating of a RAG cell."""

from __future__ import annotations

from dataclasses import dataclass

from builder.compute.calculus import Rag
from builder.config.catalogue import Indicator
from builder.present import formatting as fmt


@dataclass(frozen=True)
class Cell:
    """One table cell as printed: text, and optionally a fill (hex RGB)."""

    text: str
    fill: str | None = None
    rag: Rag | None = None
    """The rating a RAG cell shows: each paper colours it in its template's RAG styles (the
    deck's *Styles* layout, the report template's RAG paragraph styles)."""


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
