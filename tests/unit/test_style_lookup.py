"""Styles are found however the office suite that saved the template spelt them (issue 10):
Word stores built-in names in lower case ('heading 1'), LibreOffice as shown ('Heading 1'),
and some tools only keep the style id ('Heading1')."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document

from builder.config.templates import DEFAULT_DIR, FILE_NAMES
from builder.errors import TemplateError
from builder.render.word_common import Writer, find_style, require_styles, style_id

REPORT_TEMPLATE = DEFAULT_DIR / FILE_NAMES["report"]


def respelt(tmp_path: Path, spell: Callable[[str], str]) -> Path:
    """The report template with every style name in styles.xml rewritten by ``spell``."""
    path = tmp_path / "respelt.docx"
    with zipfile.ZipFile(REPORT_TEMPLATE) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/styles.xml":
                data = re.sub(r'(<w:name w:val=")([^"]*)(")',
                              lambda m: m.group(1) + spell(m.group(2)) + m.group(3),
                              data.decode("utf-8")).encode("utf-8")
            out.writestr(item, data)
    return path


class DescribeFindStyle:
    @pytest.mark.parametrize("spell", [str.title, str.upper, str.lower],
                             ids=["LibreOffice", "capitals", "lower case"])
    def it_finds_built_in_and_custom_styles_in_any_case(
            self, tmp_path: Path, spell: Callable[[str], str]) -> None:
        doc = Document(str(respelt(tmp_path, spell)))
        require_styles(doc, tmp_path / "t.docx", ("Heading 1", "Normal", "Report Field"))
        assert style_id(doc, "Heading 1") == "Heading1"
        para = Writer(doc).add("A heading", "Heading 1")
        assert para._p.pPr.pStyle.val == "Heading1"

    def it_falls_back_on_the_style_id(self, tmp_path: Path) -> None:
        doc = Document(str(respelt(tmp_path, lambda name: f"Renamed {name}")))
        assert find_style(doc, "Report Field").style_id == "ReportField"

    def it_lists_every_missing_style_at_once(self, tmp_path: Path) -> None:
        doc = Document(str(REPORT_TEMPLATE))
        with pytest.raises(TemplateError) as caught:
            require_styles(doc, tmp_path / "t.docx", ("Heading 1", "Fancy One", "Fancy Two"))
        assert [p.what for p in caught.value.problems] == [
            "no style named 'Fancy One'", "no style named 'Fancy Two'"]
        assert "templates/src" not in caught.value.hint
