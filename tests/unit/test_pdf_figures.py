"""Figures and untagged drawing mended in converted PDFs (issue 11), on small tagged PDFs made
with pikepdf in the test: LibreOffice Writer's empty /Figure beside an artifact picture,
Impress's chart /Figure without alt text whose labels are paragraphs, untagged backgrounds."""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

from builder.assemble.artifacts import mark_untagged_paths
from builder.assemble.figures import repair_figures
from builder.inspection.pdf_structure import elements, structure_findings, untagged_pages

ALT = "Line chart: referrals, Oct-22 to Oct-23, from 183 to 137."


def tagged(content: bytes, kids: list[Dictionary], parents: list[int | None]) -> Pdf:
    """One page drawing ``content`` (an image /Im0 available), a structure tree of ``kids``
    under a Document, and the page's parent-tree array: MCID n -> kids[parents[n]]."""
    pdf = Pdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    image = pikepdf.Stream(pdf, b"\xff\x00\x00", Type=Name.XObject, Subtype=Name.Image, Width=1,
                           Height=1, ColorSpace=Name.DeviceRGB, BitsPerComponent=8)
    page.obj.Resources = Dictionary(XObject=Dictionary(Im0=image))
    page.obj.Contents = pdf.make_stream(content)
    page.obj.StructParents = 0
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document))
    made = []
    for kid in kids:
        kid.P = document
        kid.Pg = page.obj
        made.append(pdf.make_indirect(kid))
    document.K = Array(made)
    array = Array([made[n] if n is not None else None for n in parents])
    pdf.Root.StructTreeRoot = pdf.make_indirect(Dictionary(
        Type=Name.StructTreeRoot, K=document, ParentTree=Dictionary(Nums=Array([0, array])),
        ParentTreeNextKey=1))
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    return pdf


def reopened(pdf: Pdf) -> Pdf:
    buffer = io.BytesIO()
    pdf.save(buffer)
    return Pdf.open(io.BytesIO(buffer.getvalue()))


def no_source() -> list[str]:
    raise AssertionError("the source was read though every figure has alt text")


class DescribeRepairFigures:
    def it_tags_the_artifact_picture_of_an_empty_figure_as_its_content(self) -> None:
        pdf = tagged(b"/P <</MCID 0>> BDC BT ET EMC\n"
                     b"/Artifact BMC q 10 0 0 10 0 0 cm /Im0 Do Q EMC\n",
                     [Dictionary(Type=Name.StructElem, S=Name.P, K=0),
                      Dictionary(Type=Name.StructElem, S=Name.Figure, Alt=pikepdf.String(ALT))],
                     [0])
        repair_figures(pdf, no_source)
        pdf = reopened(pdf)
        figure = [e for e in elements(pdf) if e.role == "/Figure"]
        assert [(f.content, f.alt) for f in figure] == [(True, ALT)]
        assert b"/Figure << /MCID 1 >> BDC" in pdf.pages[0].obj.Contents.read_bytes()
        parents = pdf.Root.StructTreeRoot.ParentTree.Nums[1]
        assert str(parents[1].S) == "/Figure"
        assert structure_findings(pdf) == []

    def it_leaves_figures_alone_when_the_pictures_do_not_match_in_number(self) -> None:
        pdf = tagged(b"/Artifact BMC q /Im0 Do Q EMC /Artifact BMC q /Im0 Do Q EMC\n",
                     [Dictionary(Type=Name.StructElem, S=Name.Figure, Alt=pikepdf.String(ALT))],
                     [])
        repair_figures(pdf, no_source)
        assert [e.content for e in elements(reopened(pdf)) if e.role == "/Figure"] == [False]
        assert any("holds no content" in f.what for f in structure_findings(pdf))

    def it_reads_chart_labels_as_the_figure_with_the_source_alt_text(self) -> None:
        label = Dictionary(Type=Name.StructElem, S=Name.P, K=Array([0, 1]))
        pdf = tagged(b"/P <</MCID 0>> BDC BT ET EMC /P <</MCID 1>> BDC BT ET EMC\n",
                     [Dictionary(Type=Name.StructElem, S=Name.Figure, K=Array([label]))],
                     [0, 0])
        label.P = pdf.Root.StructTreeRoot.K.K[0]
        repair_figures(pdf, lambda: [ALT])
        pdf = reopened(pdf)
        found = elements(pdf)
        assert [(e.role, e.alt, e.content) for e in found] == [("/Document", "", False),
                                                               ("/Figure", ALT, True)]
        parents = pdf.Root.StructTreeRoot.ParentTree.Nums[1]
        assert [p.S for p in parents] == [Name.Figure, Name.Figure]

    def it_gives_no_alt_text_when_the_source_has_a_different_number_of_graphics(self) -> None:
        pdf = tagged(b"/Figure <</MCID 0>> BDC /Im0 Do EMC\n",
                     [Dictionary(Type=Name.StructElem, S=Name.Figure, K=0)], [0])
        repair_figures(pdf, lambda: [ALT, ALT])
        assert [e.alt for e in elements(pdf) if e.role == "/Figure"] == [""]


class DescribeMarkUntaggedPaths:
    def it_wraps_untagged_paths_as_artifacts_and_reports_untagged_text(self) -> None:
        pdf = tagged(b"0 0 200 200 re f\n/P <</MCID 0>> BDC 0 0 m 5 5 l S EMC\n",
                     [Dictionary(Type=Name.StructElem, S=Name.P, K=0)], [0])
        assert untagged_pages(pdf) == [0]
        assert mark_untagged_paths(pdf) == []
        assert untagged_pages(reopened(pdf)) == []
        text = tagged(b"BT /F1 9 Tf (loose) Tj ET\n", [], [])
        assert mark_untagged_paths(text) == [0]
