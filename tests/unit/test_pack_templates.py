"""The pack's Word templates rendered with their typed contexts and read back (no LibreOffice)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from builder.config.council import PackLabels, load_council
from builder.config.meeting import load_meeting
from builder.config.minutes import load_minutes
from builder.errors import TemplateError
from builder.present import pack_context as pc
from builder.render.pack_docx import TEMPLATE_FILES, TEMPLATES, PackDocument, render_pack_document
from tests.conftest import CONFIG

CREATED = dt.datetime(2023, 11, 15, 9, 0)


def documents() -> dict[str, PackDocument]:
    council = load_council(CONFIG / "council.yaml")
    loaded = load_meeting(CONFIG / "meetings" / "2023-11-23.yaml")
    minutes = load_minutes(CONFIG / "minutes" / "2023-09-28.yaml")
    notice = pc.notice(9, 2, "Capital <briefing> & plan", "category 3 paragraph 10.4", "money",
                       council.model_copy(update={
                           "confidentiality": "{appendices} is withheld: {reason}."}))
    return {
        "front_sheet": PackDocument("front_sheet", pc.front_sheet_context(council, loaded),
                                    "Front sheet"),
        "agenda": PackDocument("agenda", pc.agenda_context(council, loaded, {6: (1, 4)}),
                               "Agenda"),
        "minutes": PackDocument("minutes", pc.minutes_context(council, minutes), "Minutes"),
        "notice": PackDocument("pack_page", pc.notice_page(notice), "Notice"),
        "blank": PackDocument("pack_page", pc.blank_page(council), "Blank page"),
    }


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pack-docs")
    return {name: render_pack_document(doc, CREATED, folder / f"{name}.docx")
            for name, doc in documents().items()}


def texts(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in Document(str(path)).paragraphs if p.text.strip()]


class DescribeTemplates:
    @pytest.mark.parametrize("name", sorted(TEMPLATE_FILES.values()))
    def it_declares_en_gb_and_a4(self, name: str) -> None:
        doc = Document(str(TEMPLATES / name))
        defaults = doc.styles.element.find(qn("w:docDefaults"))
        assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "en-GB"
        assert round(doc.sections[0].page_width.cm, 1) == 21.0

    def it_gives_each_document_its_title_and_language(self, rendered: dict[str, Path]) -> None:
        for name, path in rendered.items():
            props = Document(str(path)).core_properties
            assert props.title == documents()[name].title
            assert props.language == "en-GB"

    def it_prints_the_front_sheet_blocks_under_real_headings(self, rendered: dict[str, Path]
                                                             ) -> None:
        lines = texts(rendered["front_sheet"])
        headings = [text for style, text in lines if style == "Heading 2"]
        council = load_council(CONFIG / "council.yaml")
        # the public-information page's heading is a section of the paper, under the panel's
        # name, its one top heading (issue 11)
        assert headings[:4] == ["Members", "Contacts", council.front_sheet.heading,
                                "Terms Of Reference:-"]
        assert "Principles of Decision Making" in headings
        assert ("Body Text", "QUORUM The minimum number of appointed Members required to be in "
                "attendance to hold the meeting is 3.") in lines
        table = Document(str(rendered["front_sheet"])).tables[0]
        assert [c.text for c in table.rows[0].cells] == ["2023", "2024"]
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert [c.text for c in table.rows[-1].cells] == ["23 November", ""]

    def it_prints_agenda_items_as_headings_with_their_pages(self, rendered: dict[str, Path]
                                                            ) -> None:
        lines = texts(rendered["agenda"])
        items = [text for style, text in lines if style == "Heading 2"]
        assert len(items) == 11
        assert items[5] == "6\tMINUTES OF THE PREVIOUS MEETING (INCLUDING MATTERS ARISING) " \
                           "(Pages 1 - 4)"
        assert lines[-1] == ("Normal", "Wednesday, 15 November 2023\tDirector – Legal, "
                                       "Governance and HR")

    def it_prints_the_minutes_items_and_resolutions(self, rendered: dict[str, Path]) -> None:
        lines = texts(rendered["minutes"])
        assert [t for s, t in lines if s == "Heading 2"][0] == \
            "12.\tMINUTES OF THE PREVIOUS MEETING (INCLUDING MATTERS ARISING)"
        assert ("Pack Item", "1)\tThat information highlighting the performance of the fostering "
                "service and the recruitment of foster carers is attached to the performance "
                "dataset for 23 November Panel meeting.") in lines

    def it_escapes_text_from_the_configuration(self, rendered: dict[str, Path]) -> None:
        assert ("Heading 1", "Agenda Item 9, Appendix 2: Capital <briefing> & plan") in \
            texts(rendered["notice"])

    def it_prints_the_blank_page_sentence_alone(self, rendered: dict[str, Path]) -> None:
        assert texts(rendered["blank"]) == [("Pack Centred", PackLabels().blank_page)]


def test_a_template_name_missing_from_the_context_is_a_template_error(tmp_path: Path) -> None:
    docs = documents()
    wrong = dataclasses.replace(docs["notice"], context=docs["agenda"].context)
    with pytest.raises(TemplateError, match="cannot be rendered") as caught:
        render_pack_document(wrong, CREATED, tmp_path / "x.docx")
    assert {p.what for p in caught.value.problems} == {"unknown name 'blank'",
                                                      "unknown name 'notice'"}
