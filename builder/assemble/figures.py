"""Make every ``/Figure`` of a converted paper a figure a screen reader can use (issue 11).

LibreOffice loses part of a figure on the way to PDF, in two ways:

- Impress drops a chart's alt text (``descr``) and tags the chart's tick labels and legend as
  paragraphs inside the ``/Figure``, so a listener hears ~20 numbers instead of a description;
- Writer puts the alt text of an inline picture on an empty ``/Figure`` and draws the picture
  itself as an artifact, so a listener skips it.

:func:`repair_figures` mends a converted PDF in memory, before it is merged: the marked content
of a figure's child elements becomes the figure's own (the labels are then read as the chart,
through its alt text), a picture drawn as an artifact on the page of an empty figure becomes
that figure's content (matched in order on each page, only when the counts agree), and a figure
without alt text gets the alt text of the source document's graphic in the same position (only
when the source has exactly as many graphics as the PDF has figures). Whatever cannot be matched
is left as it is, for ``builder check`` to report.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pikepdf
from defusedxml import ElementTree
from pikepdf import Array, Dictionary, Name, Pdf

from builder.inspection.docx_summary import summarize_docx
from builder.inspection.pdf_structure import kids, role_names, standard, structure_nodes

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def source_alt_texts(source: Path | None) -> tuple[str, ...]:
    """The alt text of each picture and chart of a .docx/.pptx, in reading order; () for
    anything else."""
    suffix = source.suffix.lower() if source is not None else ""
    if source is None or suffix not in (".docx", ".pptx"):
        return ()
    if suffix == ".docx":
        return tuple(p.descr or "" for p in summarize_docx(source).pictures)
    return _pptx_alt_texts(source)


def _pptx_alt_texts(source: Path) -> tuple[str, ...]:
    """``descr`` of every chart and picture frame (not tables), slide by slide in shape order,
    read from the package XML (python-pptx would parse every chart: ~1 s for the sample)."""
    with zipfile.ZipFile(source) as package:
        presentation = ElementTree.fromstring(package.read("ppt/presentation.xml"))
        rels = ElementTree.fromstring(package.read("ppt/_rels/presentation.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
        found: list[str] = []
        for slide_id in presentation.iter(f"{{{P}}}sldId"):
            target = targets[slide_id.get(f"{{{R}}}id")].lstrip("/").removeprefix("ppt/")
            slide = ElementTree.fromstring(package.read(f"ppt/{target}"))
            for frame in slide.iter():
                if frame.tag not in (f"{{{P}}}graphicFrame", f"{{{P}}}pic"):
                    continue
                if frame.find(f".//{{{A}}}tbl") is not None:
                    continue
                props = frame.find(f"./*/{{{P}}}cNvPr")
                found.append(props.get("descr", "") if props is not None else "")
    return tuple(found)


def repair_figures(pdf: Pdf, alt_texts: Callable[[], Sequence[str]]) -> None:
    """Mend the figures of ``pdf`` in place (see the module doc); ``alt_texts`` gives the
    source's alt texts, asked for only when a figure lacks one."""
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary):
        return
    names = role_names(root)
    figures = [e for e, _parent in structure_nodes(root) if standard(e.S, names) == "/Figure"]
    if not figures:
        return
    parents = _parent_arrays(root)
    for figure in figures:
        _absorb_children(figure, parents)
    pages = {page.obj.objgen: page for page in pdf.pages}
    empty: dict[tuple[int, int], list[Dictionary]] = {}
    for figure in figures:
        page = figure.get("/Pg")
        if "/K" not in figure and isinstance(page, Dictionary) and page.objgen in pages:
            empty.setdefault(page.objgen, []).append(figure)
    for objgen, waiting in empty.items():
        _tag_artifact_pictures(pdf, pages[objgen], waiting, parents)
    if all(str(figure.get("/Alt", "")).strip() for figure in figures):
        return
    source = alt_texts()
    if len(source) == len(figures):
        for figure, alt in zip(figures, source, strict=True):
            if alt.strip() and not str(figure.get("/Alt", "")).strip():
                figure.Alt = pikepdf.String(alt)


def _parent_arrays(root: Dictionary) -> dict[int, Array]:
    """The parent tree: a page's /StructParents -> its array (element of each MCID)."""
    found: dict[int, Array] = {}
    stack = [root.get("/ParentTree")]
    while stack:
        node = stack.pop()
        if not isinstance(node, Dictionary):
            continue
        nums = node.get("/Nums", Array())
        for n in range(0, len(nums) - 1, 2):
            value = nums[n + 1]
            if isinstance(value, Array):
                found[int(nums[n])] = value
        stack.extend(node.get("/Kids", Array()))
    return found


def _absorb_children(figure: Dictionary, parents: dict[int, Array]) -> None:
    """The marked content of the figure's descendants becomes the figure's own."""
    if not any(isinstance(kid, Dictionary) and "/S" in kid for kid in kids(figure)):
        return
    content: list[pikepdf.Object] = []
    for item, page in _content_items(figure, figure.get("/Pg")):
        if isinstance(item, int) and isinstance(page, Dictionary):
            _point(parents, page, item, figure)
            same_page = isinstance(figure.get("/Pg"), Dictionary) and \
                figure.Pg.objgen == page.objgen
            content.append(item if same_page else Dictionary(Type=Name.MCR, Pg=page, MCID=item))
        elif isinstance(item, Dictionary) and item.get("/Type") == Name.MCR:
            mcr_page = item.get("/Pg", page)
            if isinstance(mcr_page, Dictionary):
                _point(parents, mcr_page, int(item.MCID), figure)
            content.append(Dictionary(Type=Name.MCR, Pg=mcr_page, MCID=item.MCID))
    if "/Pg" not in figure and content and isinstance(content[0], Dictionary):
        figure.Pg = content[0].Pg
    figure.K = Array(content)


def _content_items(node: Dictionary, page: pikepdf.Object | None
                   ) -> list[tuple[pikepdf.Object, pikepdf.Object | None]]:
    """(MCID or MCR, its page) under ``node``, in order."""
    page = node.get("/Pg", page)
    items: list[tuple[pikepdf.Object, pikepdf.Object | None]] = []
    for kid in kids(node):
        if isinstance(kid, int) or (isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR):
            items.append((kid, page))
        elif isinstance(kid, Dictionary) and "/S" in kid:
            items.extend(_content_items(kid, page))
    return items


def _point(parents: dict[int, Array], page: Dictionary, mcid: int, element: Dictionary) -> None:
    """Make the parent tree say that marked content ``mcid`` of ``page`` belongs to ``element``."""
    key = page.get("/StructParents")
    array = parents.get(int(key)) if key is not None else None
    if array is None:
        return
    while len(array) <= mcid:
        array.append(None)
    array[mcid] = element


def _tag_artifact_pictures(pdf: Pdf, page: pikepdf.Page, figures: list[Dictionary],
                           parents: dict[int, Array]) -> None:
    """Re-mark the pictures drawn as artifacts on ``page`` as the content of the page's empty
    ``figures`` (in order); nothing when their numbers differ."""
    instructions = list(pikepdf.parse_content_stream(page))
    images = _image_names(page)
    starts: list[int] = []
    open_marks: list[tuple[int, bool]] = []
    highest = -1
    picture_at: set[int] = set()
    for index, instruction in enumerate(instructions):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        operator = str(instruction.operator)
        operands = list(instruction.operands)
        if operator in ("BMC", "BDC"):
            artifact = bool(operands) and operands[0] == Name.Artifact
            open_marks.append((index, artifact))
            if operator == "BDC" and isinstance(operands[-1], Dictionary) and \
                    "/MCID" in operands[-1]:
                highest = max(highest, int(operands[-1].MCID))
        elif operator == "EMC" and open_marks:
            start, artifact = open_marks.pop()
            if artifact and start in picture_at:
                starts.append(start)
        elif operator == "Do" and operands and str(operands[0]) in images and open_marks:
            start, artifact = open_marks[-1]
            if artifact:
                picture_at.add(start)
    key = page.obj.get("/StructParents")
    if len(starts) != len(figures) or key is None or int(key) not in parents:
        return
    array = parents[int(key)]
    mcid = max(highest + 1, len(array))
    for start, figure in zip(sorted(starts), figures, strict=True):
        instructions[start] = pikepdf.ContentStreamInstruction(
            [Name.Figure, Dictionary(MCID=mcid)], pikepdf.Operator("BDC"))
        figure.K = mcid
        _point(parents, page.obj, mcid, figure)
        mcid += 1
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def _image_names(page: pikepdf.Page) -> set[str]:
    xobjects = page.obj.get("/Resources", Dictionary()).get("/XObject", Dictionary())
    return {str(name) for name, xobject in xobjects.items()
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == Name.Image}
