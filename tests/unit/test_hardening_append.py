"""Appending a large Word appendix is linear and bounded in time (issue 15: a 42 KB appendix
took over 45 s, 1.8 ms per paragraph; issue 14: each copied picture hashed every picture
before it)."""

from __future__ import annotations

import dataclasses
import io
import time
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.parts.image import ImagePart
from PIL import Image

from builder.core import limits
from builder.errors import RenderError
from builder.render import word_append
from builder.render.word_append import append_document


def appendix(paragraphs: int, tmp_path: Path) -> DocxDocument:
    """A document of many short paragraphs, every 50th a numbered list item, saved and read
    back as a user's file would be."""
    doc = Document()
    for n in range(paragraphs):
        doc.add_paragraph(f"Paragraph {n} of the appendix.",
                          style="List Number" if n % 50 == 0 else None)
    path = tmp_path / "appendix.docx"
    doc.save(str(path))
    return Document(str(path))


def base() -> DocxDocument:
    doc = Document()
    doc.add_paragraph("The report.")
    return doc


def seconds_to_append(paragraphs: int, tmp_path: Path) -> float:
    report, other = base(), appendix(paragraphs, tmp_path)
    start = time.perf_counter()
    append_document(report, other, "appendix.docx")
    return time.perf_counter() - start


class DescribeLargeAppendices:
    def it_appends_a_42_kb_appendix_of_thousands_of_paragraphs_in_order(self, tmp_path: Path
                                                                         ) -> None:
        report, other = base(), appendix(2_000, tmp_path)
        assert 38_000 < (tmp_path / "appendix.docx").stat().st_size < 46_000
        start = time.perf_counter()
        append_document(report, other, "appendix.docx")
        assert time.perf_counter() - start < 2  # was 4.4 s (1.8 ms a paragraph) unloaded
        buffer = io.BytesIO()
        report.save(buffer)
        texts = [p.text for p in Document(buffer).paragraphs if p.text]
        assert texts == ["The report."] + [f"Paragraph {n} of the appendix."
                                           for n in range(2_000)]
        numbered = [p for p in Document(buffer).paragraphs if p.style.name == "List Number"]
        assert len(numbered) == 40

    def it_takes_time_in_proportion_to_its_length(self, tmp_path: Path) -> None:
        small = min(seconds_to_append(1_000, tmp_path) for _ in range(2))
        large = min(seconds_to_append(8_000, tmp_path) for _ in range(2))
        assert large < 8 * small * 2.5  # quadratic would be 64x

    def it_stops_an_append_past_its_time_budget(self, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(word_append, "LIMITS",
                            dataclasses.replace(limits.LIMITS, append_seconds=0.0))
        with pytest.raises(RenderError, match="appendix.docx: appending the document took "
                                              "longer than 0 s"):
            append_document(base(), appendix(20, tmp_path), "appendix.docx")


def pictures(count: int, tmp_path: Path, name: str) -> DocxDocument:
    """A document of ``count`` different small pictures, saved and read back."""
    doc = Document()
    for n in range(count):
        png = tmp_path / f"{name}-{n}.png"
        Image.new("RGB", (4, 4), (n, 0, 0)).save(png)
        doc.add_picture(str(png))
    path = tmp_path / f"{name}.docx"
    doc.save(str(path))
    return Document(str(path))


class DescribeAppendicesWithPictures:
    def it_hashes_each_picture_a_bounded_number_of_times(self, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
        report, other = pictures(40, tmp_path, "report"), pictures(40, tmp_path, "appendix")
        hashed = []
        sha1 = ImagePart.sha1
        monkeypatch.setattr(ImagePart, "sha1", property(
            lambda part: hashed.append(part) or sha1.fget(part)))  # type: ignore[attr-defined]
        append_document(report, other, "appendix.docx")
        assert len(hashed) <= 3 * 80  # each image a few times, not once per image before it
        buffer = io.BytesIO()
        report.save(buffer)
        assert len(Document(buffer).inline_shapes) == 80
