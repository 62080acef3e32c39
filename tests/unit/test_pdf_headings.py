"""Headings renumbered per paper before the merge (issue 11): one H1, no level skipped."""

from __future__ import annotations

from pikepdf import Dictionary, Name

from builder.assemble.headings import number_headings
from builder.inspection.pdf_structure import elements, headings
from tests.unit.test_pdf_figures import tagged


def levels_after(*roles: str) -> list[int]:
    pdf = tagged(b"", [Dictionary(Type=Name.StructElem, S=Name(role)) for role in roles], [])
    number_headings(pdf)
    return [level for level, _element in headings(elements(pdf))]


class DescribeNumberHeadings:
    def it_keeps_the_first_h1_and_moves_the_other_sections_down(self) -> None:
        assert levels_after("/P", "/H1", "/H1", "/H2", "/H1") == [1, 2, 3, 2]

    def it_numbers_slide_titles_under_the_deck_title(self) -> None:
        assert levels_after("/H", "/H", "/P", "/H") == [1, 2, 2]

    def it_makes_the_title_paragraph_the_h1_of_a_paper_without_one(self) -> None:
        assert levels_after("/Title", "/H2", "/H3", "/H2") == [1, 2, 3, 2]

    def it_never_skips_a_level(self) -> None:
        assert levels_after("/H1", "/H3", "/H4", "/H2") == [1, 2, 3, 2]

    def it_leaves_a_paper_without_headings_alone(self) -> None:
        assert levels_after("/P", "/Table") == []
