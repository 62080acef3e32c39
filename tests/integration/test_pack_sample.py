"""The sample meeting built once with the real LibreOffice (``builder build``), its packs read
back with pypdf: agenda ranges against the stamps, odd-page starts, blank pages, bookmarks,
exempt appendices kept out of the public pack, title and language, the manifest."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, NumberObject
from typer.testing import CliRunner

from builder.cli import app
from builder.config.meeting import load_meeting
from builder.inspection.pdf_summary import PdfSummary, structure_problems, summarize
from tests.conftest import CONFIG
from tests.golden_support import assert_matches_golden
from tests.integration.conftest import SampleBuild

pytestmark = pytest.mark.libreoffice

MEETING = CONFIG / "meetings" / "2023-11-23.yaml"
BLANK = "This page is intentionally left blank"
ITEM = re.compile(r"(?<!\S)(\d{1,2}) (?=[A-Z]{2})")
PAGES = re.compile(r"^(.*?) \(Pages (\d+) - (\d+)\)")


@dataclass(frozen=True)
class Built:
    """The sample meeting's output folder, the command's output and the packs read back."""

    out: Path
    output: str
    public: PdfSummary
    exempt: PdfSummary

    @property
    def unnumbered(self) -> int:
        return next(n for n, s in enumerate(self.public.stamps) if s.foot == "Page 1")

    def agenda_text(self) -> str:
        start = next(b.page for b in self.public.bookmarks if b.title == "Agenda")
        return " ".join(" ".join(self.public.texts[start:self.unnumbered]).split())

    def agenda_ranges(self) -> list[tuple[int, str, int, int]]:
        """(number, title, first page, last page) of each agenda item printed with pages."""
        text = self.agenda_text()
        starts = list(ITEM.finditer(text))
        ranges = []
        for start, end in zip(starts, [*starts[1:], None], strict=True):
            body = text[start.end():end.start() if end else len(text)]
            pages = PAGES.match(body)
            if pages:
                ranges.append((int(start.group(1)), pages.group(1), int(pages.group(2)),
                               int(pages.group(3))))
        return ranges


@pytest.fixture(scope="session")
def built(sample_build: SampleBuild) -> Built:
    out = sample_build.out
    return Built(out, sample_build.output, summarize(out / "agenda-pack-public.pdf", workers=2),
                 summarize(out / "agenda-pack-exempt.pdf"))


def paragraphs(path: Path) -> set[str]:
    return {p.text.strip() for p in Document(str(path)).paragraphs if p.text.strip()}


def exempt_and_public_appendix_files() -> tuple[list[Path], list[Path]]:
    loaded = load_meeting(MEETING)
    exempt, public = [], []
    for item in loaded.meeting.items:
        for appendix in item.appendices:
            if appendix.path and appendix.path.endswith(".docx"):
                (exempt if appendix.exempt else public).append(loaded.resolve(appendix.path))
    return exempt, public


def distinctive_exempt_text() -> list[str]:
    """Every paragraph of an exempt appendix that no public appendix also has."""
    exempt, public = exempt_and_public_appendix_files()
    shared = set().union(*(paragraphs(p) for p in public))
    found = sorted(set().union(*(paragraphs(p) for p in exempt)) - shared)
    assert len(found) >= 4
    return found


def squeezed(text: str) -> str:
    return " ".join(text.split())


class DescribeTheBuild:
    def it_writes_every_output_of_the_meeting(self, built: Built) -> None:
        assert sorted(p.name for p in built.out.iterdir()) == [
            "agenda-pack-exempt.pdf", "agenda-pack-public.pdf", "b4b-board-deck-2023-10.pptx",
            "build-warnings.txt", "item-07-building-for-brilliance.docx",
            "item-10-children-and-learning-performance.docx",
            "item-11-monitoring-scrutiny-recommendations.docx", "manifest.json",
            "performance-dataset-2023-10.xlsx"]
        assert "wrote 9 files" in built.output  # item 9, a supplied paper, is in the packs only

    def it_lists_inputs_and_outputs_with_their_sha256_in_the_manifest(self, built: Built
                                                                      ) -> None:
        manifest = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["period"] == "2023-10"
        outputs = {o["path"]: o["sha256"] for o in manifest["outputs"]}
        assert len(outputs) == 8  # every file but the manifest itself
        for name, digest in outputs.items():
            assert hashlib.sha256((built.out / name).read_bytes()).hexdigest() == digest
        inputs = [Path(i["path"]).name for i in manifest["inputs"]]
        for name in ("2023-11-23.yaml", "council.yaml", "2023-09-28.yaml", "indicators.yaml",
                     "b4b-2023-10.csv", "send-2-capital-programme-briefing.docx",
                     "agenda.docx", "committee_report.docx"):
            assert name in inputs
        assert set(manifest["seconds"]) >= {"reports", "conversion", "assembly"}

    def it_passes_every_paper_through_the_accessibility_checks(self, built: Built) -> None:
        result = CliRunner().invoke(app, ["check", str(built.out)])
        assert result.exit_code == 0, result.output
        assert "OK: 6 file(s) pass the accessibility checks" in result.output


class DescribeThePublicPack:
    def it_declares_title_language_and_tags(self, built: Built) -> None:
        pack = built.public
        assert pack.title == ("Children and Families Scrutiny Panel, 23 November 2023: "
                              "agenda pack")
        assert pack.lang == "en-GB"
        assert pack.tagged
        assert pack.structure_parts[:3] == ("Front sheet", "Agenda", "Agenda Item 6: Minutes")

    def it_keeps_a_sound_structure_tree_from_every_paper(self, built: Built,
                                                          tmp_path: Path) -> None:
        public = built.out / "agenda-pack-public.pdf"
        assert structure_problems(public) == []
        expected, item = ["Front sheet", "Agenda"], ""
        for bookmark in built.public.bookmarks[2:]:
            if bookmark.level == 0:
                item = bookmark.title.split(":")[0]
            else:
                expected.append(f"{item}: {bookmark.title}")
        parts = built.public.structure_parts
        assert [p for p in parts if p != "Blank page"] == expected
        assert parts.count("Blank page") == sum(BLANK in t for t in built.public.texts)
        # the check itself finds a page whose structure entry is missing (on the small pack)
        writer = PdfWriter(clone_from=PdfReader(built.out / "agenda-pack-exempt.pdf"))
        writer.pages[0][NameObject("/StructParents")] = NumberObject(99999)
        broken = tmp_path / "broken.pdf"
        writer.write(broken)
        assert structure_problems(broken) == [
            "page 1: /StructParents 99999 is not in the parent tree"]

    def it_starts_with_the_unnumbered_front_sheet_and_agenda(self, built: Built) -> None:
        front = squeezed(" ".join(built.public.texts[:built.unnumbered]))
        for text in ("CHILDREN AND FAMILIES SCRUTINY PANEL", "PUBLIC INFORMATION",
                     "Dates of Meetings: Municipal Year", "DISCLOSABLE PECUNIARY INTERESTS",
                     "Principles of Decision Making", "AGENDA"):
            assert text in front
        assert all(s.foot == "" and s.head == "" for s in built.public.stamps[:built.unnumbered])
        assert built.public.page_labels[built.unnumbered - 1:built.unnumbered + 1] == ("vi", "1")

    def it_closes_the_agenda_with_the_issue_line(self, built: Built) -> None:
        assert built.agenda_text().endswith("Wednesday, 15 November 2023 Director – Legal, "
                                            "Governance and HR")

    def it_prints_a_range_for_each_item_with_papers_only(self, built: Built) -> None:
        assert [(n, title) for n, title, _a, _b in built.agenda_ranges()] == [
            (6, "MINUTES OF THE PREVIOUS MEETING (INCLUDING MATTERS ARISING)"),
            (7, "BUILDING FOR BRILLIANCE"), (9, "SEND AND HOME TO SCHOOL TRANSPORT"),
            (10, "CHILDREN AND LEARNING - PERFORMANCE"),
            (11, "MONITORING SCRUTINY RECOMMENDATIONS")]

    def it_prints_agenda_ranges_equal_to_the_stamped_pages(self, built: Built) -> None:
        stamps = built.public.stamps
        first_pages = {s.head: n for n, s in enumerate(stamps) if s.head}
        ranges = built.agenda_ranges()
        assert ranges[0][2] == 1
        for (number, _title, first, last), after in zip(ranges, [*ranges[1:], None],
                                                        strict=True):
            start = first_pages[f"Agenda Item {number}"]
            assert stamps[start].foot == f"Page {first}"
            end = first_pages[f"Agenda Item {after[0]}"] - 1 if after else len(stamps) - 1
            assert stamps[end].foot == f"Page {last}"

    def it_stamps_every_page_from_the_minutes_on_with_the_running_number(self, built: Built
                                                                          ) -> None:
        feet = [s.foot for s in built.public.stamps[built.unnumbered:]]
        assert feet == [f"Page {n}" for n in range(1, len(feet) + 1)]

    def it_starts_every_paper_on_an_odd_page(self, built: Built) -> None:
        ranges = built.agenda_ranges()
        assert all(first % 2 == 1 and last % 2 == 0 for _n, _t, first, last in ranges)
        assert all(b[2] == a[3] + 1 for a, b in zip(ranges, ranges[1:], strict=False))

    def it_puts_the_minutes_on_page_1(self, built: Built) -> None:
        page = built.public.texts[built.unnumbered]
        assert "MINUTES OF THE MEETING HELD ON 28 SEPTEMBER 2023" in page
        assert built.public.stamps[built.unnumbered].head == "Agenda Item 6"

    def it_pads_with_pages_that_say_they_are_blank(self, built: Built) -> None:
        blanks = [n for n, text in enumerate(built.public.texts) if BLANK in text]
        assert blanks  # the sample has papers of odd length
        for n in blanks:
            assert squeezed(built.public.texts[n]).replace(built.public.stamps[n].foot, "") \
                .strip() == BLANK
            following = built.public.stamps[n + 1] if n + 1 < built.public.pages else None
            assert following is None or following.head.startswith("Agenda Item")

    def it_bookmarks_each_item_and_appendix_in_agenda_order(self, built: Built) -> None:
        top = [b.title for b in built.public.bookmarks if b.level == 0]
        assert top == ["Front sheet", "Agenda",
                       "Agenda Item 6: MINUTES OF THE PREVIOUS MEETING (INCLUDING MATTERS "
                       "ARISING)", "Agenda Item 7: BUILDING FOR BRILLIANCE",
                       "Agenda Item 9: SEND AND HOME TO SCHOOL TRANSPORT",
                       "Agenda Item 10: CHILDREN AND LEARNING - PERFORMANCE",
                       "Agenda Item 11: MONITORING SCRUTINY RECOMMENDATIONS"]
        pages = [b.page for b in built.public.bookmarks]
        assert pages == sorted(pages)
        for bookmark in built.public.bookmarks:
            if bookmark.title.startswith("Agenda Item"):
                number = bookmark.title.split(":")[0].removeprefix("Agenda Item ")
                assert built.public.stamps[bookmark.page].head == f"Agenda Item {number}"

    def it_holds_no_text_of_the_exempt_appendices(self, built: Built) -> None:
        text = squeezed(" ".join(built.public.texts))
        leaked = [t for t in distinctive_exempt_text() if squeezed(t) in text]
        assert leaked == []

    def it_says_in_their_place_that_they_are_not_for_publication_and_why(self, built: Built
                                                                         ) -> None:
        notices = [squeezed(t) for t in built.public.texts if "NOT FOR PUBLICATION" in t]
        assert len(notices) == 2
        assert "Agenda Item 9, Appendix 2: SEND Capital Programme Briefing Paper" in notices[0]
        assert "Agenda Item 9, Appendix 3: Home to School Transport Service Review" in notices[1]
        for notice in notices:
            assert "by virtue of category 3 paragraph 10.4 of the Access to Information " \
                   "Procedure Rules" in notice

    def it_generates_the_exclusion_item_naming_the_reports_exempt_appendices(self, built: Built
                                                                             ) -> None:
        agenda = built.agenda_text()
        assert "8 EXCLUSION OF THE PRESS AND PUBLIC - EXEMPT PAPERS INCLUDED IN THE FOLLOWING " \
               "ITEM To move that" in agenda
        assert "Appendix 2 and Appendix 3 are considered to be exempt from general " \
               "publication based on Category 3 of paragraph 10.4" in agenda


class DescribeTheExemptPack:
    def it_holds_the_exempt_appendices_only(self, built: Built) -> None:
        text = squeezed(" ".join(built.exempt.texts))
        assert [t for t in distinctive_exempt_text() if squeezed(t) not in text] == []
        assert [b.title for b in built.exempt.bookmarks] == [
            "Agenda Item 9, Appendix 2: SEND Capital Programme Briefing Paper",
            "Agenda Item 9, Appendix 3: Home to School Transport Service Review"]

    def it_marks_every_page_not_for_publication(self, built: Built) -> None:
        assert built.exempt.pages >= 2
        assert all(s.head == "NOT FOR PUBLICATION" for s in built.exempt.stamps)

    def it_declares_title_language_and_tags(self, built: Built) -> None:
        assert built.exempt.title == ("Children and Families Scrutiny Panel, 23 November 2023: "
                                      "exempt appendices (not for publication)")
        assert built.exempt.lang == "en-GB"
        assert built.exempt.tagged


def test_pack_outline_matches_the_reviewed_summary(built: Built) -> None:
    """Bookmarks and agenda items (titles, not page numbers: those follow the papers' length);
    reviewed by hand against format-spec B.2 and the 2023 agenda."""
    summary = {
        "bookmarks": [[b.level, b.title] for b in built.public.bookmarks],
        "agenda_items_with_pages": [[n, t] for n, t, _a, _b in built.agenda_ranges()],
        "first_page_heads": [s.head for s in built.public.stamps if s.head],
        "exempt_bookmarks": [b.title for b in built.exempt.bookmarks],
    }
    assert_matches_golden("pack_public_outline", summary)
