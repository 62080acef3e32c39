"""Page stamps (format-spec B.3): 'Page N' at the foot, 'Agenda Item N' at the head.

The stamps are drawn with reportlab on an overlay page of the same size as the page stamped, which
pikepdf turns into a form XObject drawn after the page's own content inside a pagination
artifact (``/Artifact BDC ... EMC``), so that the tagged PDF's reading order and marked content
are unchanged and screen readers do not read the stamps as body text. The font is Liberation
Sans (Arial's metric twin), embedded, when installed; otherwise Helvetica.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pikepdf import Name, Page, Pdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_FILES = {
    "PackSans": Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    "PackSans-Bold": Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
}
FALLBACK = {"PackSans": "Helvetica", "PackSans-Bold": "Helvetica-Bold"}
SIZE = 10
FOOT = 16.0
"""Baseline of the foot stamp above the bottom edge (points): below a Word footer."""
HEAD = 22.0
"""Baseline of the head stamp below the top edge (points): above a Word header."""
SIDE = 40.0
"""Distance of the head stamp from the right edge (points)."""


@dataclass(frozen=True)
class Stamp:
    """What to print on one page; an empty string prints nothing there."""

    foot: str = ""
    """Centred at the foot, e.g. 'Page 5'."""
    head: str = ""
    """At the head, right, e.g. 'Agenda Item 7'."""
    banner: str = ""
    """Centred at the head in bold, e.g. 'NOT FOR PUBLICATION'."""


@functools.cache
def font(name: str) -> str:
    """The registered name of an embeddable font, or the built-in fallback."""
    path = FONT_FILES[name]
    if not path.is_file():
        return FALLBACK[name]
    pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def stamp_pages(pdf: Pdf, stamps: Sequence[Stamp]) -> None:
    """Draw ``stamps[i]`` on page ``i`` of ``pdf`` (pages without anything to print are left
    alone)."""
    pages = list(pdf.pages)
    if len(pages) != len(stamps):
        raise ValueError(f"{len(stamps)} stamps for {len(pages)} pages")
    todo = [(page, stamp) for page, stamp in zip(pages, stamps, strict=True)
            if stamp.foot or stamp.head or stamp.banner]
    if not todo:
        return
    with Pdf.open(io.BytesIO(_draw([(_size(page), stamp) for page, stamp in todo]))) as overlay:
        for (page, _stamp), over in zip(todo, overlay.pages, strict=True):
            _draw_as_artifact(pdf, page, over)


def _size(page: Page) -> tuple[float, float]:
    """The page as seen: width and height after its /Rotate."""
    box = page.mediabox
    width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
    return (height, width) if _rotation(page) in (90, 270) else (width, height)


def _rotation(page: Page) -> int:
    return int(page.obj.get("/Rotate", 0)) % 360


def _placement(page: Page) -> bytes:
    """The matrix putting an upright overlay of the seen page's size onto ``page``'s user space
    (undoing /Rotate, from the media box's corner)."""
    box = [float(v) for v in page.mediabox]
    width, height = box[2] - box[0], box[3] - box[1]
    matrix = {0: (1, 0, 0, 1, box[0], box[1]),
              90: (0, 1, -1, 0, box[0] + width, box[1]),
              180: (-1, 0, 0, -1, box[0] + width, box[1] + height),
              270: (0, -1, 1, 0, box[0], box[1] + height)}[_rotation(page)]
    return " ".join(f"{v:g}" for v in matrix).encode()


def _free_name(page: Page) -> Name:
    """``/BuilderStamp`` (or ``/BuilderStamp2`` ...): a resource name the page does not use yet,
    the same on every run (pikepdf's own prefix names are random, which would make the packs
    differ from build to build)."""
    resources = page.obj.get(Name.Resources)
    used = set(resources.get(Name.XObject, {}).keys()) if resources is not None else set()
    n = 1
    while (candidate := "/BuilderStamp" + (str(n) if n > 1 else "")) in used:
        n += 1
    return Name(candidate)


def _draw_as_artifact(pdf: Pdf, page: Page, overlay: Page) -> None:
    """Draw ``overlay`` over ``page`` as a pagination artifact (PDF/UA: not part of the text)."""
    form = pdf.copy_foreign(overlay.as_form_xobject())
    name = page.add_resource(form, Name.XObject, _free_name(page), replace_existing=False)
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"\nQ\n/Artifact <</Type /Pagination>> BDC\nq " + _placement(page)
                      + b" cm " + bytes(name.unparse()) + b" Do Q\nEMC\n")


def _draw(pages: list[tuple[tuple[float, float], Stamp]]) -> bytes:
    buffer = io.BytesIO()
    # the initial font is the stamps' own: reportlab's default (Helvetica, not embedded) would be
    # named in every stamp's resources (PDF/UA: every font a page uses is embedded)
    canvas = Canvas(buffer, pageCompression=1, invariant=1, initialFontName=font("PackSans"),
                    initialFontSize=SIZE)
    for (width, height), stamp in pages:
        canvas.setPageSize((width, height))
        canvas.setFont(font("PackSans"), SIZE)
        if stamp.foot:
            canvas.drawCentredString(width / 2, FOOT, stamp.foot)
        if stamp.head:
            canvas.drawRightString(width - SIDE, height - HEAD, stamp.head)
        if stamp.banner:
            canvas.setFont(font("PackSans-Bold"), SIZE + 2)
            canvas.drawCentredString(width / 2, height - HEAD, stamp.banner)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
