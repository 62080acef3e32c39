"""A merged PDF claims PDF/UA-1 (XMP ``pdfuaid:part``) exactly when the structure check of the
published file finds nothing: the merge judges itself from its sources' trees, read as each
was made ready, and this reads the written file back whole. Small tagged PDFs made with
pikepdf in the test: clean ones, and ones with each kind of finding."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, Pdf

from builder.assemble.merge import TaggedMerger
from builder.inspection.pdf_structure import structure_findings, xmp
from tests.unit.test_pdf_figures import tagged


def element(role: str, kid: object, **more: object) -> Dictionary:
    return Dictionary(Type=Name.StructElem, S=Name(role), K=kid, **more)


def as_bytes(pdf: Pdf) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def clean() -> bytes:
    return as_bytes(tagged(b"/H1 <</MCID 0>> BDC BT ET EMC /P <</MCID 1>> BDC BT ET EMC\n",
                           [element("/H1", 0), element("/P", 1)], [0, 1]))


def figure_without_alt_text() -> bytes:
    return as_bytes(tagged(b"/Figure <</MCID 0>> BDC q 10 0 0 10 0 0 cm /Im0 Do Q EMC\n",
                           [element("/Figure", 0)], [0]))


def table_without_header_cells() -> bytes:
    row = element("/TR", Array([element("/TD", 0)]))
    return as_bytes(tagged(b"/TD <</MCID 0>> BDC BT ET EMC\n", [element("/Table", row)],
                           [None]))


def untagged_text() -> bytes:
    return as_bytes(tagged(b"/P <</MCID 0>> BDC BT ET EMC BT (loose) Tj ET\n",
                           [element("/P", 0)], [0]))


def unembedded_font() -> bytes:
    pdf = tagged(b"/P <</MCID 0>> BDC BT /F1 10 Tf (text) Tj ET EMC\n", [element("/P", 0)], [0])
    pdf.pages[0].obj.Resources.Font = Dictionary(F1=Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    return as_bytes(pdf)


def untagged_pdf() -> bytes:
    pdf = Pdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    return as_bytes(pdf)


@pytest.mark.parametrize(("sources", "claims"), [
    ([clean], True),
    ([clean, clean], True),
    ([clean, figure_without_alt_text], False),
    ([table_without_header_cells, clean], False),
    ([clean, untagged_text], False),
    ([clean, untagged_pdf], False),
    ([unembedded_font, clean], False),
], ids=["one clean", "two clean", "figure without alt text", "table without header cells",
        "untagged text", "an untagged PDF", "a font not embedded"])
def it_claims_pdf_ua_only_when_the_written_file_has_no_findings(
        tmp_path: Path, sources: list[object], claims: bool) -> None:
    merger = TaggedMerger()
    for n, make in enumerate(sources):
        merger.add(make(), f"Part {n}")  # type: ignore[operator]
    out = tmp_path / "merged.pdf"
    merger.write(out, "Merged")
    with pikepdf.open(out) as pdf:
        assert (xmp(pdf).get("pdfuaid:part") == "1") is claims
        assert (structure_findings(pdf) == []) is claims
