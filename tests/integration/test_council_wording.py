"""The council's fixed sentences and labels reworded once in a copy of the sample's
``council.yaml``: the sample built with the real LibreOffice, every report and pack place the
words appear read back (python-docx, pypdf, pikepdf) carries the new wording and none the
old."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from typer.testing import CliRunner

from builder.cli import app
from builder.config.council import PackLabels
from builder.inspection.pdf_summary import PdfSummary, summarize
from tests.conftest import FIXTURES, edited_sample

pytestmark = pytest.mark.libreoffice

CONFIDENTIALITY = "Kept back: {appendices} {verb} withheld under {category}, since {reason}."
GROUNDS = "Excluded: {appendices} {verb} private under {ground}, since {reason}."
DECK = "The deck sits in the agenda pack, after this report."
REASON = "it relates to the financial and business affairs"
EXEMPT = "Annex 2 plus Annex 3 are withheld under category 3 paragraph 10.4, since " + REASON
LABELS = {
    "appendix": "Annex {number}", "last_separator": " plus ",
    "appendix_heading": "{appendix} – {title}",
    "exempt_heading": "{appendix} (restricted) – {title}",
    "yes": "Affirmative", "no": "Negative",
    "tracker": {"header": ["When", "What", "Asked", "Done", "State"],
                "subheading": "Follow-up at {date}"},
    "glossary": {"acronyms": "Short forms", "header": ["Short", "Long"], "terms": "Words",
                 "sources": "Read more"},
    "not_for_publication": "WITHHELD FROM THE PUBLIC",
    "blank_page": "Nothing is printed on this page",
    "notice_title": "Item {number}, {appendix} withheld: {title}",
    "pages": " [pp. {first} to {last}]",
    "telephone": "Phone {tel}", "email": "Mail {email}", "date_line": "{date}, from {time}",
    "minutes": {"heading": "RECORD OF THE MEETING OF {date}", "present": "Attending:",
                "appointed_members": "Co-opted:", "apologies": "Sent apologies:",
                "in_attendance": "Also attending:"},
    "stamps": {"page": "Sheet {page}", "agenda_item": "Business {number}",
               "exempt": "{appendix} of business {number}, sheet {page} of {pages}"},
    "bookmarks": {"front_sheet": "Cover pages", "agenda": "Order of business",
                  "item": "Business {number} – {title}", "report": "The report",
                  "minutes": "The minutes",
                  "withheld": "{bookmark} (withheld)", "exempt": "Business {number}: {bookmark}",
                  "blank": "Empty page"},
    "titles": {"public": "{panel} on {date}: papers", "exempt": "{panel} on {date}: withheld",
               "front_sheet": "{panel}: cover", "agenda": "{panel}: business",
               "minutes": "Record of the {panel} of {date}"},
}


@dataclass(frozen=True)
class Reworded:
    out: Path
    public: str
    """The public pack's text, its whitespace squeezed."""
    exempt: str
    notices: tuple[str, ...]
    """The public pack's pages standing in for the exempt appendices."""
    public_pdf: PdfSummary
    exempt_pdf: PdfSummary


def squeezed(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def reworded(tmp_path_factory: pytest.TempPathFactory) -> Reworded:
    root = tmp_path_factory.mktemp("reworded")

    def reword(council: dict[str, Any]) -> None:
        council["confidentiality"] = CONFIDENTIALITY
        council["exclusion"]["grounds"] = GROUNDS
        council["exclusion"]["ground"] = "paragraph {paragraph} (category {category})"
        council["placeholders"] = {"deck": DECK}
        council["labels"] = LABELS

    config = edited_sample(root, "council.yaml", reword).parent
    out = root / "out"
    result = CliRunner().invoke(app, ["build", str(config / "meetings" / "2023-11-23.yaml"),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    public = summarize(out / "agenda-pack-public.pdf", workers=2)
    exempt = summarize(out / "agenda-pack-exempt.pdf")
    return Reworded(out, squeezed(" ".join(public.texts)), squeezed(" ".join(exempt.texts)),
                    tuple(squeezed(t) for t in public.texts if "WITHHELD FROM THE PUBLIC" in t),
                    public, exempt)


def report_paragraphs(out: Path, number: int) -> list[str]:
    (docx,) = out.glob(f"item-{number:02d}-*.docx")
    return [squeezed(p.text) for p in Document(str(docx)).paragraphs]


class DescribeTheStatementOfConfidentiality:
    def it_is_the_councils_sentence_in_a_yaml_report(self, reworded: Reworded) -> None:
        # the sample's item 9 is an officer's paper: its YAML twin is a test fixture
        fixture = reworded.out.parent / "tests" / "fixtures" / "report_2023"
        shutil.copytree(FIXTURES / "report_2023", fixture)
        out = reworded.out.parent / "report"
        result = CliRunner().invoke(app, ["report", str(fixture / "meeting.yaml"), "--item", "9",
                                          "--out", str(out), "--allow-outside",
                                          str(reworded.out.parent / "config")])
        assert result.exit_code == 0, result.output
        paragraphs = report_paragraphs(out, 9)
        assert "Annex 2 (restricted) – SEND Capital Programme Briefing Paper" in paragraphs
        assert not [p for p in paragraphs if p.startswith("Appendix ")]
        assert [p for p in report_paragraphs(out, 9) if p.startswith("Kept back:")] \
            == [f"Kept back: {EXEMPT} of both the Council and specified third parties and is "
                "commercially sensitive."]

    def it_is_the_same_sentence_on_each_page_standing_in_for_an_exempt_appendix(
            self, reworded: Reworded) -> None:
        assert len(reworded.notices) == 2
        for number, notice in zip((2, 3), reworded.notices, strict=True):
            assert (f"Kept back: Annex {number} is withheld under category 3 paragraph 10.4, "
                    f"since {REASON}") in notice

    def it_leaves_no_trace_of_the_default_wording_in_what_builder_writes(self, reworded: Reworded
                                                                ) -> None:
        # (the officer's own paper of item 9 keeps the words its author wrote)
        for text in (*reworded.notices, reworded.exempt):
            assert "by virtue of" not in text
            assert "considered to be exempt" not in text


class DescribeTheExclusionItem:
    def it_gives_the_councils_ground_sentence_after_the_motion(self, reworded: Reworded) -> None:
        assert ("Excluded: Annex 2 plus Annex 3 are private under paragraph 10.4 (category 3), "
                f"since {REASON}") in reworded.public


class DescribeTheDeckPlaceholder:
    def it_is_the_councils_sentence_in_the_reports_word_copy(self, reworded: Reworded) -> None:
        assert DECK in report_paragraphs(reworded.out, 10)


class DescribeThePacksLabels:
    def it_heads_and_titles_each_page_standing_in_for_an_exempt_appendix(
            self, reworded: Reworded) -> None:
        assert [n.split(" Kept back:")[0] for n in reworded.notices] == [
            "WITHHELD FROM THE PUBLIC Item 9, Annex 2 withheld: SEND Capital Programme "
            "Briefing Paper",
            "WITHHELD FROM THE PUBLIC Item 9, Annex 3 withheld: Home to School Transport "
            "Service Review"]

    def it_prints_the_blank_page_agenda_front_sheet_and_minutes_labels(self, reworded: Reworded
                                                                       ) -> None:
        public = reworded.public
        assert "Nothing is printed on this page" in public
        assert " [pp. 1 to " in public
        assert "Phone 023 8083 0000" in public and "Mail democratic.support@" in public
        assert "Thursday, 23 November 2023, from 5.30 pm" in public
        assert "2023 at 5.30 pm" not in public
        assert "RECORD OF THE MEETING OF 28 SEPTEMBER 2023" in public
        assert "Attending:" in public and "Co-opted: Rob Sanders" in public

    def it_stamps_and_bookmarks_both_packs_in_the_councils_words(self, reworded: Reworded
                                                                 ) -> None:
        public, exempt = reworded.public_pdf, reworded.exempt_pdf
        numbered = [s for s in public.stamps if s.foot]
        assert [s.foot for s in numbered] == [f"Sheet {n}" for n in range(1, len(numbered) + 1)]
        assert {s.head for s in public.stamps} >= {"Business 6", "Business 9"}
        assert {s.head for s in exempt.stamps} == {"WITHHELD FROM THE PUBLIC"}
        assert exempt.stamps[0].foot.startswith("Annex 2 of business 9, sheet 1 of ")
        titles = [b.title for b in public.bookmarks]
        assert titles[:2] == ["Cover pages", "Order of business"]
        assert "The minutes" in titles and "The report" in titles
        assert any(t.startswith("Business 9 – ") for t in titles)
        assert "Annex 2 – SEND Capital Programme Briefing Paper (withheld)" in titles
        assert [b.title for b in exempt.bookmarks][0] == (
            "Business 9: Annex 2 – SEND Capital Programme Briefing Paper")
        assert "Empty page" in public.structure_parts
        assert public.title == "Children and Families Scrutiny Panel on 23 November 2023: papers"
        assert exempt.title == "Children and Families Scrutiny Panel on 23 November 2023: withheld"

    def it_leaves_none_of_the_default_labels(self, reworded: Reworded) -> None:
        defaults = PackLabels()
        public, exempt = reworded.public_pdf, reworded.exempt_pdf
        # (the reports' contact details keep the report template's own 'Tel:')
        for text in (defaults.not_for_publication, defaults.blank_page, "(Pages ",
                     "Tel: 023 8083 0000", "E-mail: democratic.support@",
                     "MINUTES OF THE MEETING HELD ON", "Apologies:"):
            assert text not in reworded.public
        stamps = [t for pdf in (public, exempt) for s in pdf.stamps for t in (s.foot, s.head)]
        assert not [t for t in stamps if t.startswith(("Page ", "Agenda Item", "NOT FOR"))]
        marks = [b.title for pdf in (public, exempt) for b in pdf.bookmarks]
        assert not [t for t in marks if t.startswith(("Agenda Item", "Front sheet", "Report"))
                    or t in ("Agenda", "Minutes") or "(not for publication)" in t]


class DescribeTheReportsLabels:
    def it_heads_the_appendices_and_answers_in_the_councils_words(self, reworded: Reworded
                                                                  ) -> None:
        (docx,) = reworded.out.glob("item-10-*.docx")
        doc = Document(str(docx))
        paragraphs = [squeezed(p.text) for p in doc.paragraphs]
        cells = {squeezed(c.text) for t in doc.tables for row in t.rows for c in row.cells}
        assert [p for p in paragraphs if p.startswith("Annex 1 – ")]
        assert not [p for p in paragraphs if p.startswith("Appendix ")]
        assert {"Affirmative", "Negative"} & (cells | set(paragraphs))
        assert not {"Yes", "No"} & (cells | set(paragraphs))

    def it_heads_the_tracker_and_the_glossary_in_the_councils_words(self, reworded: Reworded
                                                                    ) -> None:
        paragraphs, rows = set(), set()
        for docx in reworded.out.glob("item-*.docx"):
            doc = Document(str(docx))
            paragraphs |= {squeezed(p.text) for p in doc.paragraphs}
            rows |= {tuple(squeezed(c.text) for c in t.rows[0].cells) for t in doc.tables}
        assert "Follow-up at 23 November 2023" in paragraphs
        assert ("When", "What", "Asked", "Done", "State") in rows
        assert {"Short forms", "Words"} <= paragraphs and ("Short", "Long") in rows
        assert not {"Acronyms", "Terms", "Scrutiny Monitoring – 23 November 2023"} & paragraphs
        assert ("Acronym", "Meaning") not in rows
