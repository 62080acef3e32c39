"""Conversion with the real LibreOffice: tagged PDFs with their title, failures named."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from pptx import Presentation
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from builder.assemble.convert import LibreOffice, convert_to_pdf
from builder.errors import AssemblyError
from builder.present.chart_spec import ChartSpec
from builder.render.charts import DPI, WIDTH_IN, draw_charts
from builder.render.word_dataset import CHART_WIDTH

pytestmark = pytest.mark.libreoffice


def word(path: Path, title: str, paragraphs: int = 1) -> Path:
    doc = Document()
    doc.core_properties.title = title
    doc.add_heading(title, 1)
    for n in range(paragraphs):
        doc.add_paragraph(f"{title} paragraph {n}")
    doc.save(str(path))
    return path


def pictured(path: Path, title: str) -> Path:
    """A Word paper holding one trend chart as builder draws them (a PNG) and places them."""
    spec = ChartSpec("chart", "Children looked after per 10,000", tuple(f"M{n}" for n in range(25)),
                     tuple(float(50 + n % 7) for n in range(25)), 52.0, False, "A trend chart",
                     "Target")
    chart = draw_charts([spec], path.parent / "charts")["chart"]
    doc = Document()
    doc.core_properties.title = title
    doc.add_paragraph(title)
    doc.add_picture(str(chart), width=CHART_WIDTH)
    doc.save(str(path))
    return path


def slides(path: Path, title: str) -> Path:
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = title
    deck.core_properties.title = title
    deck.save(str(path))
    return path


def in_fonts(path: Path, fonts: tuple[str, ...]) -> Path:
    """A Word paper with a paragraph in each of ``fonts``."""
    doc = Document()
    doc.core_properties.title = "Fonts"
    for name in fonts:
        doc.add_paragraph().add_run(f"A paragraph in {name}").font.name = name
    doc.save(str(path))
    return path


def font_families(pdf_path: Path) -> set[str]:
    """The families of the fonts a PDF's pages use ('ABCDEF+Carlito-Bold' -> 'Carlito')."""
    with pikepdf.open(pdf_path) as pdf:
        return {str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1].split("-")[0]
                for page in pdf.pages
                for font in page.obj.get("/Resources", {}).get("/Font", {}).values()}


def corrupt_word(path: Path, good: Path) -> Path:
    """A valid zip whose document part is broken XML: LibreOffice cannot load it."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = b"<?xml version='1.0'?><w:document xmlns:w='x'><w:body><unclosed"
            target.writestr(name, data)
    return path


def ready_pdf(path: Path) -> Path:
    canvas = Canvas(str(path))
    canvas.drawString(72, 720, "A PDF appendix")
    canvas.save()
    return path


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[Path, Path], Path]:
    """One session converts a Word file, a deck, a PDF and two files sharing a stem, then a
    second submission."""
    folder = tmp_path_factory.mktemp("convert")
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    sources = [word(folder / "report.docx", "Committee report", 60),
               slides(folder / "deck.pptx", "Board deck"),
               word(folder / "a" / "same.docx", "First same"),
               word(folder / "b" / "same.docx", "Second same"),
               ready_pdf(folder / "ready.pdf"),
               pictured(folder / "chart.docx", "A chart"),
               in_fonts(folder / "fonts.docx", ("Calibri", "Cambria"))]
    with LibreOffice() as office:
        made = office.convert(sources, folder / "out")
        later = office.submit([word(folder / "later.docx", "Later")], folder / "later")
        made.update(later.result())
    return made, folder


class DescribeConvertToPdf:
    def it_converts_every_file_into_the_folder(self, converted: tuple[dict[Path, Path], Path]
                                               ) -> None:
        made, folder = converted
        first = {s: p for s, p in made.items() if s.name != "later.docx"}
        assert sorted(p.name for p in first.values()) == ["chart.pdf", "deck.pdf", "fonts.pdf",
                                                          "ready.pdf", "report.pdf", "same-2.pdf",
                                                          "same.pdf"]
        assert all(p.parent == folder / "out" for p in first.values())
        assert sorted(p.name for p in (folder / "out").iterdir()) == sorted(
            p.name for p in first.values())  # no work files left behind

    def it_makes_tagged_pdfs_that_show_their_title(self, converted: tuple[dict[Path, Path], Path]
                                                   ) -> None:
        made, folder = converted
        for source in (folder / "report.docx", folder / "deck.pptx"):
            reader = PdfReader(made[source])
            root = reader.trailer["/Root"]
            assert root["/MarkInfo"]["/Marked"].value is True
            assert "/StructTreeRoot" in root
            assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
        assert PdfReader(made[folder / "report.docx"]).metadata.title == "Committee report"
        assert PdfReader(made[folder / "deck.pptx"]).metadata.title == "Board deck"

    def it_keeps_the_content(self, converted: tuple[dict[Path, Path], Path]) -> None:
        made, folder = converted
        report = PdfReader(made[folder / "report.docx"])
        assert len(report.pages) >= 2
        assert "Committee report paragraph 59" in "".join(p.extract_text() for p in report.pages)
        second = PdfReader(made[folder / "b" / "same.docx"]).pages[0].extract_text()
        assert "Second same" in second

    def it_keeps_a_picture_as_the_paper_holds_it(self, converted: tuple[dict[Path, Path], Path]
                                                 ) -> None:
        """A chart is line art: re-encoded as a JPEG its lines and labels would blur."""
        made, folder = converted
        with pikepdf.open(made[folder / "chart.docx"]) as pdf:
            images = [pikepdf.PdfImage(image) for page in pdf.pages
                      for image in page.get_images().values()]
        assert [i.width for i in images] == [round(WIDTH_IN * DPI)]
        assert images[0].filters == ["/FlateDecode"]

    def it_lays_out_calibri_and_cambria_in_their_metric_twins(
            self, converted: tuple[dict[Path, Path], Path]) -> None:
        """Word's and PowerPoint's default fonts (the deck's theme, most officers' papers) are
        not on the machine: Carlito and Caladea have their widths, so lines and pages break where
        Word and PowerPoint break them; the fallback (DejaVu) is wider."""
        made, folder = converted
        word_fonts = font_families(made[folder / "fonts.docx"])
        deck_fonts = font_families(made[folder / "deck.pptx"])
        assert {"Carlito", "Caladea"} <= word_fonts
        assert "Carlito" in deck_fonts
        assert not {f for f in word_fonts | deck_fonts if f.startswith("DejaVu")}

    def it_copies_a_pdf_through(self, converted: tuple[dict[Path, Path], Path]) -> None:
        made, folder = converted
        assert made[folder / "ready.pdf"].read_bytes() == (folder / "ready.pdf").read_bytes()

    def it_converts_again_in_the_same_session(self, converted: tuple[dict[Path, Path], Path]
                                              ) -> None:
        made, folder = converted
        assert "Later" in PdfReader(made[folder / "later.docx"]).pages[0].extract_text()


class DescribeFailures:
    def it_names_the_file_libreoffice_cannot_load(self, tmp_path: Path) -> None:
        good = word(tmp_path / "good.docx", "Good")
        bad = corrupt_word(tmp_path / "broken.docx", good)
        with pytest.raises(AssemblyError) as caught:
            convert_to_pdf([good, bad], tmp_path / "out")
        error = caught.value
        assert error.message == "PDF conversion failed (1 problem)"
        assert error.problems[0].file == str(bad)
        assert "produced no PDF (tried twice)" in error.problems[0].what
        assert not (tmp_path / "out" / "good.pdf").exists()  # nothing half-published

