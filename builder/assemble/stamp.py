"""Page stamps (format-spec B.3): 'Page N' at the foot, 'Agenda Item N' at the head.

The stamps are drawn with reportlab on an overlay page of the same size as the page stamped and
merged onto it with pypdf. They are marked as pagination artifacts, so that the tagged PDF's
reading order is unchanged and screen readers do not read them as body text. The font is Liberation
Sans (Arial's metric twin), embedded, when installed; otherwise Helvetica.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader
from pypdf.generic import DecodedStreamObject, NameObject
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


def stamp_pages(pages: Sequence[PageObject], stamps: Sequence[Stamp]) -> None:
    """Merge ``stamps[i]`` onto ``pages[i]`` (pages without anything to print are left alone)."""
    if len(pages) != len(stamps):
        raise ValueError(f"{len(stamps)} stamps for {len(pages)} pages")
    todo = [(page, stamp) for page, stamp in zip(pages, stamps, strict=True)
            if stamp.foot or stamp.head or stamp.banner]
    if not todo:
        return
    overlay = PdfReader(io.BytesIO(_draw([(_size(page), stamp) for page, stamp in todo])))
    for (page, _stamp), over in zip(todo, overlay.pages, strict=True):
        _as_artifact(over)
        page.merge_page(over)


def _size(page: PageObject) -> tuple[float, float]:
    if page.rotation % 360:
        page.transfer_rotation_to_content()
    box = page.mediabox
    return float(box.width), float(box.height)


def _draw(pages: list[tuple[tuple[float, float], Stamp]]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=1, invariant=1)
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


def _as_artifact(page: PageObject) -> None:
    """Wrap the overlay's drawing in a pagination artifact (PDF/UA: not part of the text)."""
    content = page.get_contents()
    if content is None:
        return
    stream = DecodedStreamObject()
    stream.set_data(b"/Artifact <</Type /Pagination>> BDC\n" + content.get_data() + b"\nEMC\n")
    page[NameObject("/Contents")] = stream
