"""Data tables for Word, built as XML rows in one pass (DESIGN 8: no ``Table.cell()`` loops).

A table gets the template's named table and paragraph styles, a header row marked
``w:tblHeader`` (repeated on every page), a description for screen readers, fixed column widths,
and no merged cells. A RAG cell's and a sub-heading row's fill and text colour come from the
template's cell styles (:mod:`builder.render.word_cell_styles`), a RAG label always printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from builder.present.cells import Cell, Shade
from builder.present.report_appendices import TableText
from builder.render.word_cell_styles import CellLook, cell_looks
from builder.render.word_common import style_id


def add_table(doc: DocxDocument, table: TableText, widths: Sequence[int], table_style: str,
              text_style: str, head_style: str) -> Any:
    """Append ``table`` to the end of ``doc``'s body; ``widths`` in twips, one per column."""
    if len(widths) != len(table.header):
        raise ValueError(f"{len(widths)} widths for {len(table.header)} columns")
    ids = (style_id(doc, table_style), style_id(doc, text_style), style_id(doc, head_style))
    shaded = any(cell.shade is not None for row in table.rows for cell in row)
    element = parse_xml(table_xml(table, widths, *ids, cell_looks(doc) if shaded else {}))
    body = doc.element.body
    body.sectPr.addprevious(element) if body.sectPr is not None else body.append(element)
    return element


def table_xml(table: TableText, widths: Sequence[int], table_style_id: str, text_style_id: str,
              head_style_id: str, looks: Mapping[Shade, CellLook]) -> str:
    """The ``w:tbl`` XML of a whole table, its shaded cells in ``looks``."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = "".join(_cell(Cell(h), w, head_style_id, looks) for h, w in zip(table.header, widths,
                                                                   strict=True))
    rows = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(_cell(c, w, text_style_id, looks) for c, w in zip(row, widths, strict=True))
        + "</w:tr>"
        for row in table.rows)
    return (f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblStyle w:val={quoteattr(table_style_id)}/>"
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f"<w:tblCaption w:val={quoteattr(table.description[:100])}/>"
            f"<w:tblDescription w:val={quoteattr(table.description)}/></w:tblPr>"
            f"<w:tblGrid>{grid}</w:tblGrid>"
            f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>{rows}</w:tbl>")


def _cell(cell: Cell, width: int, para_style_id: str, looks: Mapping[Shade, CellLook]) -> str:
    look = looks[cell.shade] if cell.shade is not None else None
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{look.fill}"/>' if look else ""
    color = f'<w:rPr><w:color w:val="{look.color}"/></w:rPr>' if look is not None else ""
    paragraphs = "".join(
        f'<w:p><w:pPr><w:pStyle w:val={quoteattr(para_style_id)}/></w:pPr>'
        + (f'<w:r>{color}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else "")
        + "</w:p>"
        for line in (cell.text.split("\n") or [""]))
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
            f"{paragraphs}</w:tc>")
