"""A context ``Table`` into a table placeholder: marked header row, RAG as text and colour, in
the template's table styles (:mod:`builder.render.deck_styles`).

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
from builder.render.deck_styles import DeckStyles, TextStyle
from builder.render.slides_frames import describe

LANGUAGE = "en-GB"
MARGIN = "36000"  # 1 mm in EMU: narrow cells keep 13 months legible
ROW_HEIGHT = 370840  # python-pptx's default row height (0.41 in); rows grow with their text


def insert_table(placeholder: Any, table: Table, styles: DeckStyles) -> Any:
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
    _row(tbl, [(Cell(text), styles.table_header) for text in table.header])
    for cells in table.rows:
        _row(tbl, [(cell, styles.table_body if cell.rag is None else styles.rag(cell.rag))
                   for cell in cells])
    frame.height = ROW_HEIGHT * (len(table.rows) + 1)
    describe(frame, "Table", table.alt_text)
    return frame


def _row(tbl: Any, cells: Sequence[tuple[Cell, TextStyle]]) -> None:
    tr = etree.SubElement(tbl, qn("a:tr"), h=str(ROW_HEIGHT))
    for cell, style in cells:
        tc = etree.SubElement(tr, qn("a:tc"))
        body = etree.SubElement(tc, qn("a:txBody"))
        etree.SubElement(body, qn("a:bodyPr"))
        etree.SubElement(body, qn("a:lstStyle"))
        run = etree.SubElement(etree.SubElement(body, qn("a:p")), qn("a:r"))
        props = etree.SubElement(run, qn("a:rPr"), lang=LANGUAGE)
        if style.size is not None:
            props.set("sz", str(style.size))
        if style.bold is not None:
            props.set("b", "1" if style.bold else "0")
        if style.color:
            _solid(props, style.color)
        if style.typeface:
            etree.SubElement(props, qn("a:latin"), typeface=style.typeface)
        etree.SubElement(run, qn("a:t")).text = cell.text
        cell_props = etree.SubElement(tc, qn("a:tcPr"), marL=MARGIN, marR=MARGIN, marT=MARGIN,
                                      marB=MARGIN)
        if style.fill:
            _solid(cell_props, style.fill)


def _solid(parent: Any, hex_rgb: str) -> None:
    fill = etree.SubElement(parent, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=hex_rgb)
