"""Pictures added through the index: shared when identical, unique ids and names, alt text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Cm
from PIL import Image

from builder.render.word_pictures import add_picture


def png(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (40, 20)) -> Path:
    Image.new("RGB", size, colour).save(path, format="PNG")
    return path


def drawings(path: Path) -> list[tuple[str, str, str]]:
    """(id, descr, title) of every drawing in the saved document."""
    doc = Document(str(path))
    return [(p.get("id"), p.get("descr"), p.get("title"))
            for p in doc.element.body.iter("{*}docPr")]


class DescribeAddPicture:
    def it_shares_identical_images_and_numbers_the_others(self, tmp_path: Path) -> None:
        red, blue = png(tmp_path / "r.png", (255, 0, 0)), png(tmp_path / "b.png", (0, 0, 255))
        again = png(tmp_path / "r2.png", (255, 0, 0))
        doc = Document()
        run = doc.add_paragraph().add_run()
        for n, picture in enumerate((red, blue, again)):
            add_picture(run, picture, Cm(4), f"chart {n}", f"title {n}")
        doc.save(str(tmp_path / "out.docx"))
        with zipfile.ZipFile(tmp_path / "out.docx") as archive:
            media = sorted(n for n in archive.namelist() if n.startswith("word/media/"))
            blobs = {archive.read(n) for n in media}
        assert media == ["word/media/image1.png", "word/media/image2.png"]
        assert blobs == {red.read_bytes(), blue.read_bytes()}
        assert drawings(tmp_path / "out.docx") == [
            ("1", "chart 0", "title 0"), ("2", "chart 1", "title 1"), ("3", "chart 2", "title 2")]

    def it_scales_the_height_to_the_width(self, tmp_path: Path) -> None:
        doc = Document()
        run = doc.add_paragraph().add_run()
        add_picture(run, png(tmp_path / "w.png", (0, 128, 0), (400, 100)), Cm(8), "d", "t")
        shape = doc.inline_shapes[0]
        assert shape.width == Cm(8)
        assert abs(shape.height - Cm(2)) <= 1

    def it_continues_after_the_images_and_ids_a_document_already_has(self, tmp_path: Path
                                                                      ) -> None:
        doc = Document()
        doc.add_paragraph().add_run().add_picture(str(png(tmp_path / "a.png", (1, 2, 3))))
        buffer = io.BytesIO()
        doc.save(buffer)
        reopened = Document(buffer)
        add_picture(reopened.add_paragraph().add_run(), png(tmp_path / "b.png", (4, 5, 6)),
                    Cm(3), "second", "second")
        reopened.save(str(tmp_path / "out.docx"))
        ids = [d[0] for d in drawings(tmp_path / "out.docx")]
        assert len(set(ids)) == 2
        with zipfile.ZipFile(tmp_path / "out.docx") as archive:
            media = sorted(n for n in archive.namelist() if n.startswith("word/media/"))
        assert media == ["word/media/image1.png", "word/media/image2.png"]
