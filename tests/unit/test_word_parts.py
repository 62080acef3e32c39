"""A long Word paper cut into part documents at its top headings (issue 14): the parts hold
the paper's body in order, each only its own pictures, cut only where nothing would restart,
the same bytes for the same content."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Inches
from PIL import Image

from builder.assemble.word_parts import split_document
from builder.render.reproducible import save_package

WHEN = dt.datetime(2023, 11, 1, 9, 0)
TINY = 0.01
"""Seconds a part: small enough that a small paper is cut into as many parts as it can be."""


def make_paper(path: Path, themes: int = 3, numbered: bool = False, sections: bool = False,
               texts: dict[int, str] | None = None) -> Path:
    """A paper of a Heading 1, then per theme a Heading 2, a paragraph and a picture (alt text
    'Chart of theme N')."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = Document()
    doc.add_heading("Appendix 1", level=1)
    for n in range(1, themes + 1):
        heading = doc.add_heading(f"Theme {n}", level=2)
        if numbered:
            heading._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 1
        doc.add_paragraph((texts or {}).get(n, f"Text of theme {n}."))
        png = path.parent / f"theme-{n}.png"
        Image.new("RGB", (8, 8), (n * 40, 0, 0)).save(png)
        doc.add_picture(str(png), width=Inches(1))
        doc.inline_shapes[-1]._inline.docPr.set("descr", f"Chart of theme {n}")
        if sections and n == 1:
            doc.add_section()
    save_package(doc, path, WHEN)
    return path


def texts_of(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.text]


def media_of(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        return [n for n in package.namelist() if n.startswith("word/media/")]


class DescribeSplitDocument:
    def it_keeps_a_short_paper_whole(self, tmp_path: Path) -> None:
        paper = make_paper(tmp_path / "paper.docx")
        assert split_document(paper, tmp_path / "parts") == [paper]

    def it_cuts_before_the_top_headings_keeping_the_body_in_order(self, tmp_path: Path
                                                                  ) -> None:
        paper = make_paper(tmp_path / "paper.docx", themes=3)
        parts = split_document(paper, tmp_path / "parts", seconds_per_part=TINY)
        assert [p.name for p in parts] == [f"paper-part-0{n}.docx" for n in range(1, 4)]
        assert [t for p in parts for t in texts_of(p)] == texts_of(paper)
        assert [texts_of(p)[0] for p in parts[1:]] == ["Theme 2", "Theme 3"]
        assert [len(media_of(p)) for p in parts] == [1, 1, 1]
        with zipfile.ZipFile(parts[1]) as package:
            assert "docProps/app.xml" not in package.namelist()

    def it_does_not_cut_where_a_number_or_a_section_would_restart(self, tmp_path: Path
                                                                   ) -> None:
        for name, options in (("numbered", {"numbered": True}), ("sections", {"sections": True})):
            paper = make_paper(tmp_path / name / "paper.docx", **options)  # type: ignore[arg-type]
            assert split_document(paper, tmp_path / name / "parts", TINY) == [paper]

    def it_gives_the_same_bytes_for_the_same_content(self, tmp_path: Path) -> None:
        first = split_document(make_paper(tmp_path / "a" / "p.docx"), tmp_path / "1", TINY)
        again = split_document(make_paper(tmp_path / "a" / "p.docx"), tmp_path / "2", TINY)
        changed = split_document(make_paper(tmp_path / "a" / "p.docx", texts={3: "Changed."}),
                                 tmp_path / "3", TINY)
        read = [[p.read_bytes() for p in parts] for parts in (first, again, changed)]
        assert read[0] == read[1]
        assert [a == c for a, c in zip(read[0], read[2], strict=True)] == [True, True, False]
