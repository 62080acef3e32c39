"""An owner restyles Normal in Word: every body paragraph of every rendered report follows
(issue 10: report styles inherit font and size from Normal and the heading styles)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from builder.config.templates import DEFAULTS
from tests.conftest import CONFIG
from tests.integration.conftest import reports_with_template


def effective(paragraph: Any) -> tuple[str | None, str | None]:
    """The font and half-point size Word shows for a paragraph's text: its runs' own, else its
    style's, else the style's base's, and so on."""
    font = size = None
    sources = [run._r.rPr for run in paragraph.runs]
    style = paragraph.style
    while style is not None:
        sources.append(style.element.rPr)
        style = style.base_style
    for rpr in sources:
        if rpr is None:
            continue
        fonts, sz = rpr.find(qn("w:rFonts")), rpr.find(qn("w:sz"))
        font = font or (fonts.get(qn("w:ascii")) if fonts is not None else None)
        size = size or (sz.get(qn("w:val")) if sz is not None else None)
    return font, size


class DescribeRestylingNormal:
    def it_restyles_every_body_paragraph_of_every_report(self, tmp_path: Path) -> None:
        doc = Document(str(DEFAULTS.report))
        doc.styles["Normal"].font.name = "Verdana"
        doc.styles["Normal"].font.size = Pt(13)
        restyled = tmp_path / "restyled.docx"
        doc.save(str(restyled))
        reports = reports_with_template(CONFIG / "meetings" / "2023-11-23.yaml",
                                        tmp_path / "out", restyled)
        assert len(reports) == 3  # the sample's YAML reports (item 9 is a supplied paper)
        for report in reports:
            paragraphs = [p for p in Document(str(report.body)).paragraphs if p.text.strip()]
            assert len(paragraphs) > 20
            styles = {p.style.name for p in paragraphs}
            assert {"Heading 1", "Report Field", "Numbered Paragraph"} <= styles
            stale = [(p.style.name, p.text[:40], effective(p)) for p in paragraphs
                     if effective(p) != ("Verdana", "26")]
            assert stale == [], report.body.name
