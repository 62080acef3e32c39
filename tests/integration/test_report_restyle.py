"""An owner restyles Normal in Word: every body paragraph of every rendered report follows
(issue 10: report styles inherit font and size from Normal and the heading styles); an owner
recolours a RAG style: the dataset's RAG cells follow, or the report stops if it is unreadable."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from builder.config.templates import DEFAULTS
from tests.conftest import CONFIG, Cli
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


def rag_restyled(path: Path, name: str, fill: str, color: str) -> Path:
    """The default report template with the style ``name`` shaded ``fill``, its text ``color``."""
    doc = Document(str(DEFAULTS.report))
    style = doc.styles[name]
    shading = style.element.get_or_add_pPr().find(qn("w:shd"))
    shading.set(qn("w:fill"), fill)
    style.font.color.rgb = RGBColor.from_string(color)
    doc.save(str(path))
    return path


class DescribeRestylingRag:
    def it_colours_the_datasets_rag_cells_in_the_templates_rag_styles(self, tmp_path: Path
                                                                      ) -> None:
        template = rag_restyled(tmp_path / "rag.docx", "RAG Red", "FFE4E1", "7F0000")
        reports = reports_with_template(CONFIG / "meetings" / "2023-11-23.yaml",
                                        tmp_path / "out", template)
        item_10 = next(r for r in reports if r.agenda_number == 10)
        source = item_10.appendices[0].source
        assert source is not None
        red_fills, red_colours, green_fills = set(), set(), set()
        for table in Document(str(source)).tables[1:]:
            rag = [c.text for c in table.rows[0].cells].index("RAG")
            for row in table.rows[1:]:
                cell = row.cells[rag]._tc
                shading = cell.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
                colour = cell.find(f".//{qn('w:color')}")
                if row.cells[rag].text == "Red":
                    red_fills.add(shading.get(qn("w:fill")))
                    red_colours.add(colour.get(qn("w:val")))
                elif row.cells[rag].text == "Green":
                    green_fills.add(shading.get(qn("w:fill")))
        assert (red_fills, red_colours) == ({"FFE4E1"}, {"7F0000"})
        assert green_fills == {"C6EFCE"}  # the template's RAG Green, unchanged

    def it_stops_a_report_whose_rag_style_cannot_be_read_on(self, cli: Cli, tmp_path: Path
                                                            ) -> None:
        config = tmp_path / "config"
        shutil.copytree(CONFIG, config)
        (config / "templates").mkdir()
        template = rag_restyled(config / "templates" / "report.docx", "RAG Amber", "FFEB9C",
                                "FFFFFF")
        with (config / "council.yaml").open("a", encoding="utf-8") as council:
            council.write("\ntemplates:\n  report: templates/report.docx\n")
        run = cli("report", str(config / "meetings" / "2023-11-23.yaml"), "--out",
                  str(tmp_path / "out"))
        assert run.code == 3
        assert (f"{template}: style 'RAG Amber': text #FFFFFF on #FFEB9C has a contrast of "
                "1.19:1, below WCAG 2.2 AA's 4.5:1") in run.err
        assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
