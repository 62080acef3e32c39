"""Generated Office files are checked well-formed before they are written (issue 15): a writer
that produces malformed XML is a RenderError naming the document and the part, and no file
is left behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx.opc.part
import pptx.opc.package
import pytest
from docx import Document
from lxml import etree
from pptx import Presentation

from builder.errors import RenderError
from builder.render.reproducible import save_package

WHEN = dt.datetime(2023, 11, 23)


def breaking(real: Any, root: str) -> Any:
    """``serialize_part_xml`` that cuts the ``root`` part's XML short, as a faulty writer
    would; every other part as the library writes it."""
    def serialize(element: etree._Element) -> bytes:
        xml: bytes = real(element)
        return xml[: len(xml) // 2] if etree.QName(element).localname == root else xml
    return serialize


class DescribeWrittenPackages:
    def it_refuses_a_word_document_with_a_malformed_part(self, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(docx.opc.part, "serialize_part_xml",
                            breaking(docx.opc.part.serialize_part_xml, "document"))
        document = Document()
        document.add_paragraph("A report.")
        out = tmp_path / "report.docx"
        with pytest.raises(RenderError) as caught:
            save_package(document, out, WHEN)
        assert str(out) in str(caught.value)
        assert "part 'word/document.xml' is not well-formed XML" in str(caught.value)
        assert not out.exists()

    def it_refuses_a_deck_with_a_malformed_slide(self, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(pptx.opc.package, "serialize_part_xml",
                            breaking(pptx.opc.package.serialize_part_xml, "sld"))
        deck = Presentation()
        deck.slides.add_slide(deck.slide_layouts[0]).shapes.title.text = "Performance"
        out = tmp_path / "deck.pptx"
        with pytest.raises(RenderError, match=r"part 'ppt/slides/slide1.xml' is not well-formed"):
            save_package(deck, out, WHEN)
        assert not out.exists()

    def it_writes_a_sound_document(self, tmp_path: Path) -> None:
        document = Document()
        document.add_paragraph("A report.")
        save_package(document, tmp_path / "report.docx", WHEN)
        assert [p.text for p in Document(str(tmp_path / "report.docx")).paragraphs] == [
            "A report."]
