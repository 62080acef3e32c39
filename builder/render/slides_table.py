"""A context ``Table`` into a table placeholder: marked header row, RAG as text and colour.

Rows are built as ``a:tr`` elements with lxml, not cell by cell through python-pptx's
properties (each of which looks elements up again): a 450-indicator deck has ~9,000 cells."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lxml import etree
from pptx.oxml.ns import qn

from builder.errors import RenderError
from builder.present.cells import Cell
from builder.present.deck_context import Table
from builder.render.slides_frames import describe

LANGUAGE = "en-GB"
FONT_SIZE = "900"  # 9 pt, in hundredths of a point
MARGIN = "36000"  # 1 mm in EMU: narrow cells keep 13 months legible
HEADER_FILL, HEADER_TEXT = "1F4E79", "FFFFFF"
"""The header row's own fill and text: 8.7:1 (the table style's white on #4F81BD is 4.03:1,
below WCAG 1.4.3's 4.5:1)."""
ROW_HEIGHT = 370840  # python-pptx's default row height (0.41 in); rows grow with their text


def insert_table(placeholder: Any, table: Table) -> Any:
    """Fill ``placeholder`` with ``table``; returns the graphic frame."""
    width_of = {len(table.widths), *(len(cells) for cells in table.rows)}
    if width_of != {len(table.header)}:  # a short row is invalid OOXML: PowerPoint would repair
        raise RenderError(f"table '{table.alt_text}' has rows or widths of {sorted(width_of)} "
                          f"cells for {len(table.header)} columns")
    frame = placeholder.insert_table(rows=1, cols=len(table.header))
    grid = frame.table
    grid.first_row = True  # the header row is marked as a header for assistive technology
    grid.horz_banding = True
    tbl = grid._tbl
    width, total = frame.width, sum(table.widths)
    columns = tbl.tblGrid.findall(qn("a:gridCol"))
    shares = [int(width * weight / total) for weight in table.widths]
    shares[-1] = width - sum(shares[:-1])
    for column, share in zip(columns, shares, strict=True):
        column.set("w", str(share))
    for old in tbl.findall(qn("a:tr")):
        tbl.remove(old)
    _row(tbl, [Cell(text) for text in table.header], header=True)
    for cells in table.rows:
        _row(tbl, cells, header=False)
    frame.height = ROW_HEIGHT * (len(table.rows) + 1)
    describe(frame, "Table", table.alt_text)
    return frame


def _row(tbl: Any, cells: Sequence[Cell], header: bool) -> None:
    tr = etree.SubElement(tbl, qn("a:tr"), h=str(ROW_HEIGHT))
    for cell in cells:
        tc = etree.SubElement(tr, qn("a:tc"))
        body = etree.SubElement(tc, qn("a:txBody"))
        etree.SubElement(body, qn("a:bodyPr"))
        etree.SubElement(body, qn("a:lstStyle"))
        run = etree.SubElement(etree.SubElement(body, qn("a:p")), qn("a:r"))
        bold = "1" if header or cell.fill else "0"
        props = etree.SubElement(run, qn("a:rPr"), lang=LANGUAGE, sz=FONT_SIZE, b=bold)
        if cell.color or header:
            _solid(props, cell.color or HEADER_TEXT)
        etree.SubElement(run, qn("a:t")).text = cell.text
        cell_props = etree.SubElement(tc, qn("a:tcPr"), marL=MARGIN, marR=MARGIN, marT=MARGIN,
                                      marB=MARGIN)
        if cell.fill or header:
            _solid(cell_props, cell.fill or HEADER_FILL)


def _solid(parent: Any, hex_rgb: str) -> None:
    fill = etree.SubElement(parent, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=hex_rgb)
