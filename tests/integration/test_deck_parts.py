"""A long deck converted in parts on both LibreOffice instances and joined (issue 14): every
slide in order, each chart's alt text on its own figure across the part boundaries, a clean
PDF/UA check of the deck as the pack publishes it, and a changed slide reconverting only its
part."""

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
from builder.pipeline.deck import convert_deck
from tests.integration.test_accessibility_sample import pdfua
from tests.unit.test_slide_parts import make_deck

pytestmark = pytest.mark.libreoffice


def page_titles(pdf: Path) -> list[str]:
    return [page.extract_text().strip().splitlines()[0] for page in PdfReader(pdf).pages]


class DescribeADeckInParts:
    def it_joins_the_parts_into_the_deck_s_pdf(self, tmp_path: Path) -> None:
        deck = make_deck(tmp_path / "deck.pptx", 7)
        with LibreOffice(timeout=120) as office:
            pdf = convert_deck(office, deck, tmp_path / "pdf", per_part=3).result()[deck]
        assert sorted(p.name for p in (tmp_path / "pdf" / "parts").glob("*.pdf")) == \
            ["deck-part-01.pdf", "deck-part-02.pdf", "deck-part-03.pdf"]
        assert page_titles(pdf) == [f"Slide {n}" for n in range(1, 8)]
        published = tmp_path / "published.pdf"
        merger = TaggedMerger()  # as the pack adds it
        merger.add(pdf, "Appendix 2: deck", deck)
        merger.write(published, "Deck")
        with pikepdf.open(published) as joined:
            figures = [(e.page, e.alt) for e in elements(joined) if e.role == "/Figure"]
        assert figures == [(1, "Chart of slide 2"), (3, "Chart of slide 4"),
                           (5, "Chart of slide 6")]
        report = pdfua([published])[0]
        assert report["findings"] == [], report

    def it_reconverts_only_the_part_of_a_changed_slide(self, tmp_path: Path) -> None:
        cache = Cache(tmp_path / "cache")
        first = make_deck(tmp_path / "first" / "deck.pptx", 7)
        changed = make_deck(tmp_path / "changed" / "deck.pptx", 7, titles={5: "Slide five"})
        with LibreOffice(timeout=120, lazy=True) as office:
            cached = CachedOffice(office, cache)
            convert_deck(cached, first, tmp_path / "pdf-1", per_part=3).result()
            assert cache.reused == []
            pdf = convert_deck(cached, changed, tmp_path / "pdf-2", per_part=3).result()[changed]
        assert sorted(cache.reused) == ["deck-part-01.pdf", "deck-part-03.pdf"]
        assert page_titles(pdf)[3:5] == ["Slide 4", "Slide five"]
