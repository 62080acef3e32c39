"""``builder supplement``: a late supplied paper published as a supplementary pack with the real
LibreOffice, read back; the main pack untouched; the manifest of supplements."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from builder.inspection.pdf_summary import PdfSummary, summarize
from builder.pipeline.supplement import MANIFEST, SupplementResult, build_supplement
from tests.conftest import FIXTURES, OUTSIDE

pytestmark = pytest.mark.libreoffice

MEETING = FIXTURES / "supplied" / "meeting.yaml"
ISSUED = dt.date(2023, 11, 21)
MAIN_PACK = b"%PDF-1.7 the main pack, issued on 15 November"


@dataclass(frozen=True)
class Supplement:
    out: Path
    result: SupplementResult
    public: PdfSummary
    exempt: PdfSummary


@pytest.fixture(scope="module")
def supplement(tmp_path_factory: pytest.TempPathFactory) -> Supplement:
    out = tmp_path_factory.mktemp("supplement")
    (out / "agenda-pack-public.pdf").write_bytes(MAIN_PACK)
    result = build_supplement(MEETING, [3], out, ISSUED, allow_outside=OUTSIDE)
    assert result.exempt is not None
    return Supplement(out, result, summarize(result.public), summarize(result.exempt))


class DescribeASupplement:
    def it_writes_the_numbered_supplement_and_leaves_the_main_pack(self, supplement: Supplement
                                                                   ) -> None:
        names = sorted(p.name for p in supplement.out.iterdir())
        assert names == ["agenda-pack-public.pdf", "supplement-1-exempt.pdf",
                         "supplement-1-public.pdf", MANIFEST]
        assert (supplement.out / "agenda-pack-public.pdf").read_bytes() == MAIN_PACK

    def it_opens_with_the_supplementary_agenda_and_the_reason(self, supplement: Supplement
                                                              ) -> None:
        first = " ".join(supplement.public.texts[0].split())
        assert first.startswith("SUPPLEMENTARY AGENDA CHILDREN AND FAMILIES SCRUTINY PANEL")
        assert "3 SEND AND HOME TO SCHOOL TRANSPORT (Pages 1 - 6)" in first
        assert "Reason for lateness: The briefing paper was considered by the Strategic " \
               "Capital Board after the agenda was issued." in first
        assert "Tuesday, 21 November 2023" in first

    def it_stamps_the_papers_in_their_own_sequence(self, supplement: Supplement) -> None:
        stamps = supplement.public.stamps
        assert stamps[0].foot == "" and stamps[0].head == ""
        assert [s.foot for s in stamps[1:]] == [f"Page {n}" for n in range(1, 7)]
        assert stamps[1].head == "Agenda Item 3"
        assert supplement.result.spans[3].first == 1

    def it_bookmarks_the_agenda_and_the_papers(self, supplement: Supplement) -> None:
        assert [(b.level, b.title, b.page) for b in supplement.public.bookmarks[:3]] == [
            (0, "Supplementary agenda", 0),
            (0, "Agenda Item 3: SEND AND HOME TO SCHOOL TRANSPORT", 1), (1, "Report", 1)]
        assert supplement.public.title == ("Children and Families Scrutiny Panel, 23 November "
                                           "2023: agenda pack, supplement 1")

    def it_keeps_exempt_appendices_for_the_exempt_supplement(self, supplement: Supplement
                                                             ) -> None:
        secret = "The briefing paper considered by the Strategic Capital Board"
        assert secret not in " ".join(" ".join(supplement.public.texts).split())
        assert secret in " ".join(" ".join(supplement.exempt.texts).split())

    def it_records_what_went_out_when(self, supplement: Supplement) -> None:
        record, = json.loads((supplement.out / MANIFEST).read_text("utf-8"))["supplements"]
        assert (record["number"], record["issued"], record["items"]) == (1, "2023-11-21", [3])
        assert record["papers"][0]["pages"] == [1, 6]
        assert [o["path"] for o in record["outputs"]] == ["supplement-1-public.pdf",
                                                          "supplement-1-exempt.pdf"]
