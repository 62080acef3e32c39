"""Long papers converted in parts on both LibreOffice instances and joined (issue 14): every
slide or paragraph in order, each chart's alt text on its own figure across the part
boundaries, a clean PDF/UA check of the paper as the pack publishes it, and a changed slide
reconverting only its part."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from builder.assemble.convert import LibreOffice
from builder.assemble.merge import TaggedMerger
from builder.inspection.pdf_structure import elements
from builder.pipeline.cache import Cache
from builder.pipeline.cached_pdfs import CachedOffice
from builder.pipeline.parted import convert_in_parts
from tests.integration.test_accessibility_sample import pdfua
from tests.unit.test_slide_parts import make_deck
from tests.unit.test_word_parts import TINY, make_paper

pytestmark = pytest.mark.libreoffice


def page_titles(pdf: Path) -> list[str]:
    return [page.extract_text().strip().splitlines()[0] for page in PdfReader(pdf).pages]


def published(pdf: Path, source: Path, out: Path) -> list[tuple[int | None, str]]:
    """Merge ``pdf`` as the pack adds a paper, check it with pdfua; (page, alt text) of each
    figure."""
    merger = TaggedMerger()
    merger.add(pdf, "Appendix 2", source)
    merger.write(out, "Paper")
    report = pdfua([out])[0]
    assert report["findings"] == [], report
    with pikepdf.open(out) as joined:
        return [(e.page, e.alt) for e in elements(joined) if e.role == "/Figure"]


class DescribeADeckInParts:
    def it_joins_the_parts_into_the_deck_s_pdf(self, tmp_path: Path) -> None:
        deck = make_deck(tmp_path / "deck.pptx", 7)
        with LibreOffice(timeout=120) as office:
            pdf = convert_in_parts(office, [deck], tmp_path / "pdf", slides_per_part=3
                                   ).result()[deck]
        assert sorted(p.name for p in (tmp_path / "pdf" / "parts").glob("*.pdf")) == \
            ["deck-part-01.pdf", "deck-part-02.pdf", "deck-part-03.pdf"]
        assert [p.name for p in (tmp_path / "pdf").glob("*.pdf")] == ["deck.pdf"]
        assert page_titles(pdf) == [f"Slide {n}" for n in range(1, 8)]
        assert published(pdf, deck, tmp_path / "published.pdf") == [
            (1, "Chart of slide 2"), (3, "Chart of slide 4"), (5, "Chart of slide 6")]

    def it_reconverts_only_the_part_of_a_changed_slide(self, tmp_path: Path) -> None:
        cache = Cache(tmp_path / "cache")
        first = make_deck(tmp_path / "first" / "deck.pptx", 7)
        changed = make_deck(tmp_path / "changed" / "deck.pptx", 7, titles={5: "Slide five"})
        with LibreOffice(timeout=120, lazy=True) as office:
            cached = CachedOffice(office, cache)
            convert_in_parts(cached, [first], tmp_path / "pdf-1", slides_per_part=3).result()
            assert cache.reused == []
            pdf = convert_in_parts(cached, [changed], tmp_path / "pdf-2", slides_per_part=3
                                   ).result()[changed]
        assert sorted(cache.reused) == ["deck-part-01.pdf", "deck-part-03.pdf"]
        assert page_titles(pdf)[3:5] == ["Slide 4", "Slide five"]


class DescribeAWordPaperInParts:
    def it_joins_the_parts_into_the_paper_s_pdf(self, tmp_path: Path) -> None:
        paper = make_paper(tmp_path / "paper.docx", themes=3)
        with LibreOffice(timeout=120) as office:
            pdf = convert_in_parts(office, [paper], tmp_path / "pdf", seconds_per_part=TINY
                                   ).result()[paper]
        assert len(list((tmp_path / "pdf" / "parts").glob("*.pdf"))) == 3
        text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert [text.index(f"Text of theme {n}.") for n in (1, 2, 3)] == sorted(
            text.index(f"Text of theme {n}.") for n in (1, 2, 3))
        assert [alt for _page, alt in published(pdf, paper, tmp_path / "published.pdf")] == \
            ["Chart of theme 1", "Chart of theme 2", "Chart of theme 3"]
