"""Every shipped template saved once by LibreOffice, with no edit, still renders the sample
(styles found however LibreOffice spells them); the deck's layouts, which Impress replaces, are
refused naming the layouts found and those required, with the 'Styles' layout of its table and
chart styles, which Impress drops too (issue 10)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from builder.config.council import load_council
from builder.config.meeting import load_meeting
from builder.config.minutes import load_minutes
from builder.config.templates import DEFAULT_DIR, DEFAULTS, FILE_NAMES
from builder.errors import TemplateError
from builder.inspection.docx_summary import summarize_docx
from builder.present import pack_context as pc
from builder.render.deck_styles import LAYOUT as STYLES
from builder.render.pack_docx import PackDocument, render_pack_document
from builder.render.slides_template import REQUIRED, open_template
from builder.render.word_cell_styles import cell_looks, cell_style_problems
from tests.conftest import CONFIG
from tests.integration.conftest import reports_with_template

pytestmark = pytest.mark.libreoffice

SAMPLE = CONFIG / "meetings" / "2023-11-23.yaml"
CREATED = dt.datetime(2023, 11, 15, 9, 0)


def _resave(files: list[Path], fmt: str, out: Path, profile: Path) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=180)


@pytest.fixture(scope="module")
def resaved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped templates, each opened and saved by LibreOffice (Writer, Impress)."""
    src, out = tmp_path_factory.mktemp("shipped"), tmp_path_factory.mktemp("resaved")
    profile = tmp_path_factory.mktemp("lo-profile")
    for name in FILE_NAMES.values():
        shutil.copy(DEFAULT_DIR / name, src / name)
    docx = [src / n for n in FILE_NAMES.values() if n.endswith(".docx")]
    _resave(docx, "docx", out, profile)
    _resave([src / FILE_NAMES["deck"]], "pptx", out, profile)
    assert sorted(p.name for p in out.iterdir()) == sorted(FILE_NAMES.values())
    return out


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style, p.text) for p in summarize_docx(path).paragraphs if p.text.strip()]


class DescribeTemplatesSavedByLibreOffice:
    def it_spells_built_in_style_names_as_shown_not_as_word_stores_them(self, resaved: Path
                                                                       ) -> None:
        names = {s.style_id: s.element.name_val for s in Document(
            str(resaved / FILE_NAMES["report"])).styles}
        assert names["Heading1"] == "Heading 1"  # Word writes 'heading 1'

    def it_renders_every_report_of_the_sample_as_the_shipped_template_does(
            self, resaved: Path, tmp_path: Path) -> None:
        shipped = reports_with_template(SAMPLE, tmp_path / "shipped")
        again = reports_with_template(SAMPLE, tmp_path / "resaved",
                                      resaved / FILE_NAMES["report"])
        assert [p.agenda_number for p in again] == [p.agenda_number for p in shipped]
        for before, after in zip(shipped, again, strict=True):
            assert _paragraphs(after.body) == _paragraphs(before.body)
            assert summarize_docx(after.body).headings  # heading styles were found

    def it_keeps_the_cell_styles_colours(self, resaved: Path) -> None:
        template = resaved / FILE_NAMES["report"]
        doc = Document(str(template))
        assert cell_style_problems(doc, template) == []
        assert cell_looks(doc) == cell_looks(Document(str(DEFAULT_DIR / FILE_NAMES["report"])))

    def it_renders_every_pack_document_as_the_shipped_templates_do(self, resaved: Path,
                                                                   tmp_path: Path) -> None:
        council = load_council(CONFIG / "council.yaml")
        loaded = load_meeting(SAMPLE)
        minutes = load_minutes(CONFIG / "minutes" / "2023-09-28.yaml")
        documents = [
            PackDocument("front_sheet", pc.front_sheet_context(council, loaded), "Front sheet"),
            PackDocument("agenda", pc.agenda_context(council, loaded, {6: (1, 4)}), "Agenda"),
            PackDocument("minutes", pc.minutes_context(council, minutes), "Minutes"),
            PackDocument("pack_page", pc.blank_page(council), "Blank page"),
        ]
        chosen = dataclasses.replace(DEFAULTS, **{
            kind: resaved / FILE_NAMES[kind]
            for kind in ("front_sheet", "agenda", "minutes", "pack_page")})
        for n, document in enumerate(documents):
            before = render_pack_document(document, CREATED, tmp_path / f"{n}-shipped.docx")
            after = render_pack_document(document, CREATED, tmp_path / f"{n}-resaved.docx",
                                         templates=chosen)
            # Writer may add a tab stop's tab; the words must be the same
            assert [" ".join(t.split()) for _, t in _paragraphs(after)] == [
                " ".join(t.split()) for _, t in _paragraphs(before)], document.kind

    def it_names_the_layouts_impress_left_and_those_the_deck_needs(self, resaved: Path
                                                                  ) -> None:
        with pytest.raises(TemplateError) as caught:
            open_template(resaved / FILE_NAMES["deck"])
        error = caught.value
        assert error.exit_code == 3
        assert "replaced by LibreOffice Impress" in error.message
        # Impress drops the unused 'Styles' layout and its named shapes too
        assert [p.where for p in error.problems] == [f"layout '{n}'"
                                                     for n in (*REQUIRED, STYLES)]
        assert all("'Title Slide'" in p.valid for p in error.problems)  # what Impress left
        assert "'Styles'" in error.message
        assert "PowerPoint" in error.hint and "templates export" in error.hint
        assert "styles" in error.hint


