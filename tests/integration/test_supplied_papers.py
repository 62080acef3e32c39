"""A meeting whose report is a supplied officer's Word paper (``kind: paper``), built into its
packs with the real LibreOffice and read back: the paper's pages, stamps and bookmarks, the
exclusion item, and its exempt appendices only in the exempt pack."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from builder.inspection.pdf_summary import PdfSummary, summarize
from builder.pipeline.meeting import build_packs
from tests.conftest import FIXTURES, OUTSIDE

pytestmark = pytest.mark.libreoffice

MEETING = FIXTURES / "supplied" / "meeting.yaml"
ITEM = "Agenda Item 3"
EXEMPT_TEXT = "The briefing paper considered by the Strategic Capital Board"


@dataclass(frozen=True)
class Packs:
    public: PdfSummary
    exempt: PdfSummary

    def bookmark(self, title: str) -> int:
        return next(b.page for b in self.public.bookmarks if b.title == title)


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Packs:
    out = tmp_path_factory.mktemp("supplied")
    result = build_packs(MEETING, out, allow_outside=OUTSIDE)
    assert result.exempt is not None
    return Packs(summarize(result.public), summarize(result.exempt))


class DescribeASuppliedPaperInThePack:
    def it_bookmarks_the_paper_and_its_appendices(self, packs: Packs) -> None:
        titles = [(b.level, b.title) for b in packs.public.bookmarks[2:]]
        assert titles == [
            (0, f"{ITEM}: SEND AND HOME TO SCHOOL TRANSPORT"), (1, "Report"),
            (1, "Appendix 1: Send Annual Review of Current and Future Needs to Inform Provision"),
            (1, "Appendix 2: SEND Capital Programme Briefing Paper (not for publication)"),
            (1, "Appendix 3: Home to School Transport Service Review (not for publication)")]

    def it_stamps_the_papers_pages_from_page_1(self, packs: Packs) -> None:
        first, appendix = packs.bookmark("Report"), packs.bookmark(
            "Appendix 1: Send Annual Review of Current and Future Needs to Inform Provision")
        stamps = packs.public.stamps
        assert stamps[first].head == ITEM
        assert [s.foot for s in stamps[first:]] == [
            f"Page {n}" for n in range(1, len(stamps) - first + 1)]
        assert all(s.head == "" for s in stamps[first + 1:])
        paper = " ".join(" ".join(packs.public.texts[first:appendix]).split())
        assert paper.startswith("DECISION-MAKER: CHILDREN AND FAMILIES SCRUTINY PANEL SUBJECT: "
                                "SEND AND HOME TO SCHOOL TRANSPORT")
        assert "14. The 2022-2030 Corporate Plan" in paper  # Word numbering, converted

    def it_prints_the_papers_page_range_and_the_exclusion_item_on_the_agenda(
            self, packs: Packs) -> None:
        agenda = " ".join(packs.public.texts[packs.bookmark("Agenda")].split())
        last = packs.public.stamps[-1].foot.removeprefix("Page ")
        assert f"SEND AND HOME TO SCHOOL TRANSPORT (Pages 1 - {last})" in agenda
        assert "Appendix 2 and Appendix 3 are considered to be exempt from general " \
               "publication based on Category 3 of paragraph 10.4" in agenda

    def it_keeps_the_exempt_appendices_out_of_the_public_pack(self, packs: Packs) -> None:
        public = " ".join(" ".join(packs.public.texts).split())
        assert EXEMPT_TEXT not in public
        assert "Agenda Item 3, Appendix 2: SEND Capital Programme Briefing Paper" in public
        exempt = " ".join(" ".join(packs.exempt.texts).split())
        assert EXEMPT_TEXT in exempt
        assert [b.title for b in packs.exempt.bookmarks] == [
            "Agenda Item 3, Appendix 2: SEND Capital Programme Briefing Paper",
            "Agenda Item 3, Appendix 3: Home to School Transport Service Review"]
