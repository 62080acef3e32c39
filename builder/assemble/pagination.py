"""Page arithmetic of the agenda pack (format-spec B.2): pure, no PDFs.

The numbered pages start at 1 with the first paper (the minutes). Every paper starts on an odd
page: a paper with an odd number of pages is followed by one blank page, so every range ends on
an even page and the ranges are contiguous (1-4, 5-74, 75-114, ...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Where one paper sits in the pack: its first and last page (the blank included)."""

    first: int
    last: int
    blank: int
    """Blank pages after the paper's own pages (0 or 1)."""

    @property
    def pages(self) -> int:
        """The paper's own pages."""
        return self.last - self.first + 1 - self.blank


def paginate(page_counts: Sequence[int], start: int = 1) -> tuple[Span, ...]:
    """The span of each paper, in order, from its number of pages."""
    if start % 2 == 0:
        raise ValueError(f"papers start on odd pages; cannot start at page {start}")
    spans = []
    first = start
    for count in page_counts:
        if count < 1:
            raise ValueError(f"a paper must have at least one page (got {count})")
        blank = count % 2
        last = first + count + blank - 1
        spans.append(Span(first, last, blank))
        first = last + 1
    return tuple(spans)
