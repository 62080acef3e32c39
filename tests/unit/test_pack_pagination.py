"""Page arithmetic of the agenda pack (format-spec B.2), without LibreOffice."""

from __future__ import annotations

import pytest

from builder.assemble.pagination import Span, paginate


class DescribePaginate:
    def it_reproduces_the_published_2023_ranges(self) -> None:
        # 2023 pack: 1-4, 5-74, 75-114, 115-152, 153-162; item 10 ends on blank page 152
        spans = paginate([4, 70, 40, 37, 10])
        assert [(s.first, s.last) for s in spans] == [(1, 4), (5, 74), (75, 114), (115, 152),
                                                      (153, 162)]
        assert spans[3].blank == 1

    def it_starts_every_paper_on_an_odd_page(self) -> None:
        spans = paginate([1, 2, 3, 5, 8, 13])
        assert all(s.first % 2 == 1 for s in spans)

    def it_pads_an_odd_length_paper_with_one_blank_page(self) -> None:
        assert paginate([3]) == (Span(1, 4, 1),)

    def it_does_not_pad_an_even_length_paper(self) -> None:
        assert paginate([2]) == (Span(1, 2, 0),)

    def it_makes_contiguous_ranges_ending_on_even_pages(self) -> None:
        spans = paginate([7, 1, 4, 9])
        assert all(s.last % 2 == 0 for s in spans)
        assert all(b.first == a.last + 1 for a, b in zip(spans, spans[1:], strict=False))

    def it_counts_the_papers_own_pages_apart_from_the_blank(self) -> None:
        assert [s.pages for s in paginate([7, 1, 4])] == [7, 1, 4]

    def it_gives_no_spans_for_no_papers(self) -> None:
        assert paginate([]) == ()

    def it_can_start_after_earlier_pages(self) -> None:
        assert paginate([2], start=5) == (Span(5, 6, 0),)

    def it_rejects_an_empty_paper(self) -> None:
        with pytest.raises(ValueError, match="at least one page"):
            paginate([2, 0])

    def it_rejects_an_even_start(self) -> None:
        with pytest.raises(ValueError, match="odd pages"):
            paginate([2], start=2)
