"""Pictures in a Word document: python-docx's ``add_picture`` (every call re-hashes every
earlier image) against builder's indexed one, in milliseconds per picture at 10, 100 and 450
chart-sized (25 kB) pictures. One run each: the quadratic case is slow by design."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.shared import Cm
from docx.text.run import Run
from PIL import Image

from benchmarks.timing import Figure
from builder.render.word_pictures import add_picture

COUNTS = (10, 100, 450)
WIDTH = Cm(7.5)


def pictures(folder: Path, count: int) -> list[Path]:
    """``count`` different incompressible PNGs of about 25 kB, like the trend charts."""
    paths = []
    for n in range(count):
        path = folder / f"chart-{n}.png"
        Image.frombytes("RGB", (96, 88), os.urandom(96 * 88 * 3)).save(path, format="PNG")
        paths.append(path)
    return paths


def python_docx(run: Run, path: Path) -> None:
    shape = run.add_picture(str(path), width=WIDTH)
    shape._inline.docPr.set("descr", path.stem)


def indexed(run: Run, path: Path) -> None:
    add_picture(run, path, WIDTH, path.stem, path.stem)


def seconds_adding(paths: list[Path], add: Callable[[Run, Path], None]) -> float:
    """Seconds to add every picture of ``paths`` to a new document, each in a paragraph."""
    doc = Document()
    start = time.perf_counter()
    for path in paths:
        add(doc.add_paragraph().add_run(), path)
    return time.perf_counter() - start


def run() -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = pictures(Path(tmp), max(COUNTS))
        for count in COUNTS:
            for label, add in (("python-docx add_picture", python_docx),
                               ("indexed add_picture", indexed)):
                seconds = seconds_adding(paths[:count], add)
                figures.append(Figure(f"{label}, {count} pictures", seconds, 1,
                                      f"{seconds * 1000 / count:.2f} ms per picture"))
    return figures
