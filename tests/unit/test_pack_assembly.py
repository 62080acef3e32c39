"""Pack assembly from small PDFs drawn with reportlab (no LibreOffice): padding, stamps,
bookmarks, page labels, public/exempt split, and the check that papers match the agenda."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from builder.assemble.pack import (
    FrontMatter,
    PackPaper,
    PackPart,
    public_spans,
    write_exempt_pack,
    write_public_pack,
)
from builder.assemble.pagination import Span
from builder.config.council import PackLabels
from builder.errors import AssemblyError
from builder.inspection.pdf_summary import summarize


def pdf(path: Path, *pages: str, size: tuple[float, float] = A4) -> Path:
    canvas = Canvas(str(path), pagesize=size)
    for text in pages:
        canvas.drawString(72, size[1] / 2, text)
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def papers(tmp_path: Path) -> list[PackPaper]:
    minutes = pdf(tmp_path / "minutes.pdf", "minutes one", "minutes two")
    report = pdf(tmp_path / "report.pdf", "report one", "report two", "report three")
    wide = pdf(tmp_path / "wide.pdf", "wide table", size=landscape(A4))
    secret = pdf(tmp_path / "secret.pdf", "secret one", "secret two")
    notice = pdf(tmp_path / "notice.pdf", "NOT FOR PUBLICATION notice")
    return [PackPaper(6, "MINUTES", (PackPart("Minutes", minutes),)),
            PackPaper(9, "SEND", (PackPart("Report", report),
                                  PackPart("Appendix 1: Table", wide),
                                  PackPart("Appendix 2: Secret", secret, True, notice,
                                           appendix=2)))]


@pytest.fixture
def front(tmp_path: Path) -> FrontMatter:
    return FrontMatter(pdf(tmp_path / "front.pdf", "front one", "front two"),
                       pdf(tmp_path / "agenda.pdf", "agenda"))


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    return pdf(tmp_path / "blank.pdf", "This page is intentionally left blank")


class DescribePublicSpans:
    def it_counts_a_notice_page_in_place_of_an_exempt_appendix(self, papers: list[PackPaper]
                                                               ) -> None:
        # minutes 2 pages; report 3 + table 1 + notice 1 = 5 pages, padded to 6
        assert public_spans(papers) == {6: Span(1, 2, 0), 9: Span(3, 8, 1)}


class DescribePublicPack:
    def it_assembles_stamps_and_bookmarks_the_papers(self, papers: list[PackPaper],
                                                     front: FrontMatter, blank: Path,
                                                     tmp_path: Path) -> None:
        out = tmp_path / "public.pdf"
        write_public_pack(front, papers, blank, public_spans(papers), out, "Pack title",
                          PackLabels())
        pack = summarize(out)
        assert pack.pages == 3 + 8
        assert [s.foot for s in pack.stamps] == ["", "", ""] + [f"Page {n}" for n in range(1, 9)]
        assert [s.head for s in pack.stamps][3:] == ["Agenda Item 6", "", "Agenda Item 9", "",
                                                     "", "", "", ""]
        assert "This page is intentionally left blank" in pack.texts[-1]
        assert "NOT FOR PUBLICATION notice" in pack.texts[-2]
        assert not any("secret" in text for text in pack.texts)
        assert "wide table" in pack.texts[8]
        assert pack.page_labels[:4] == ("i", "ii", "iii", "1")
        assert [(b.level, b.title, b.page) for b in pack.bookmarks] == [
            (0, "Front sheet", 0), (0, "Agenda", 2), (0, "Agenda Item 6: MINUTES", 3),
            (1, "Minutes", 3), (0, "Agenda Item 9: SEND", 5), (1, "Report", 5),
            (1, "Appendix 1: Table", 8), (1, "Appendix 2: Secret (not for publication)", 9)]
        assert (pack.title, pack.lang) == ("Pack title", "en-GB")

    def it_draws_the_stamps_in_embedded_fonts_only(self, papers: list[PackPaper],
                                                   front: FrontMatter, blank: Path,
                                                   tmp_path: Path) -> None:
        """PDF/UA: every font a page uses is embedded, the stamps' resources included."""
        out = tmp_path / "public.pdf"
        write_public_pack(front, papers, blank, public_spans(papers), out, "Pack", PackLabels())
        with pikepdf.open(out) as pack:
            stamps = [form for page in pack.pages
                      for name, form in page.obj.Resources.get("/XObject", {}).items()
                      if name.startswith("/BuilderStamp")]
            fonts = [font for form in stamps for font in form.Resources.Font.values()]
            assert len(stamps) == 8 and fonts
            assert all("/FontFile2" in font.FontDescriptor for font in fonts), [
                str(font.BaseFont) for font in fonts]

    def it_refuses_papers_that_no_longer_match_the_agenda(self, papers: list[PackPaper],
                                                          front: FrontMatter, blank: Path,
                                                          tmp_path: Path) -> None:
        spans = public_spans(papers)
        spans[9] = Span(3, 10, 0)
        with pytest.raises(AssemblyError, match="changed after the agenda was paginated"):
            write_public_pack(front, papers, blank, spans, tmp_path / "public.pdf", "Pack",
                              PackLabels())


REWORDED = PackLabels.model_validate({
    "not_for_publication": "PRIVATE", "appendix": "Annex {number}",
    "stamps": {"page": "p. {page}", "agenda_item": "Item {number}",
               "exempt": "{appendix} of item {number}: {page}/{pages}"},
    "bookmarks": {"front_sheet": "Cover", "agenda": "Order of business",
                  "item": "{number}. {title}", "withheld": "{bookmark} [withheld]",
                  "exempt": "{number} / {bookmark}", "blank": "Empty page"}})


class DescribeTheCouncilsLabels:
    def it_stamps_and_bookmarks_the_public_pack_in_the_councils_words(
            self, papers: list[PackPaper], front: FrontMatter, blank: Path, tmp_path: Path
    ) -> None:
        out = tmp_path / "public.pdf"
        write_public_pack(front, papers, blank, public_spans(papers), out, "Pack", REWORDED)
        pack = summarize(out)
        assert [s.foot for s in pack.stamps][3:] == [f"p. {n}" for n in range(1, 9)]
        assert [s.head for s in pack.stamps][3:6] == ["Item 6", "", "Item 9"]
        assert [b.title for b in pack.bookmarks] == [
            "Cover", "Order of business", "6. MINUTES", "Minutes", "9. SEND", "Report",
            "Appendix 1: Table", "Appendix 2: Secret [withheld]"]
        assert not any("Page " in s.foot or "Agenda Item" in s.head for s in pack.stamps)

    def it_marks_the_exempt_pack_in_the_councils_words(self, papers: list[PackPaper],
                                                       tmp_path: Path) -> None:
        out = tmp_path / "exempt.pdf"
        assert write_exempt_pack(papers, out, "Exempt", REWORDED)
        pack = summarize(out)
        assert [s.head for s in pack.stamps] == ["PRIVATE"] * 2
        assert [s.foot for s in pack.stamps] == ["Annex 2 of item 9: 1/2",
                                                 "Annex 2 of item 9: 2/2"]
        assert [b.title for b in pack.bookmarks] == ["9 / Appendix 2: Secret"]


class DescribeExemptPack:
    def it_holds_only_the_exempt_appendices_marked_on_every_page(self, papers: list[PackPaper],
                                                                 tmp_path: Path) -> None:
        out = tmp_path / "exempt.pdf"
        assert write_exempt_pack(papers, out, "Exempt", PackLabels())
        pack = summarize(out)
        assert pack.texts[0].startswith("secret one") and "secret two" in pack.texts[1]
        assert [s.head for s in pack.stamps] == ["NOT FOR PUBLICATION"] * 2
        assert [s.foot for s in pack.stamps] == ["Agenda Item 9, Appendix 2 – page 1 of 2",
                                                 "Agenda Item 9, Appendix 2 – page 2 of 2"]
        assert [b.title for b in pack.bookmarks] == ["Agenda Item 9, Appendix 2: Secret"]

    def it_writes_nothing_without_exempt_appendices(self, papers: list[PackPaper],
                                                    tmp_path: Path) -> None:
        assert not write_exempt_pack(papers[:1], tmp_path / "exempt.pdf", "Exempt", PackLabels())
        assert not (tmp_path / "exempt.pdf").exists()
