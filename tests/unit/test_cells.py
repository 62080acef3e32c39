"""One data cell: a number, a 'no value' marker kept as the reason (format-spec F), or an error."""

from __future__ import annotations

import math

import pytest

from builder.data.cells import Cell, CellError, parse_cell

# Every marker format-spec F prints where a value is expected and that means "no value", as
# printed (leading/trailing spaces and doubled spaces are tidied, the wording kept).
NO_VALUE_MARKERS = [
    "-", "--", "n/a", "N/A", "- n/a", "TBC", "ТВС",  # the last is the Cyrillic look-alike (000:53)
    "Local", "Local measure", "Not available", "No comparator", "No standard method of counting",
    "New measure", "New - not yet collected", "New measure to be collected from Q2", "n/a New",
    "New measure from Sep 16", "New measure from Aug 16", "Old measure replaced by EH1a and EH1b",
    "System changes will make this reportable from Q3", "Pending data accuracy work",
    "Not yet published", "n/a Yearly", "Only available as a snapshot - not collected at the time",
    "No data", "Inc in the 16-19 fig", "Pre 2022 figs only", "NULL",
]

# Values with qualifiers, prose, malformed numbers, dates and arrows in number cells (spec F):
# each is an error, never silently read as a number.
NOT_NUMBERS = [  # numbers with a qualifier ('88% as of April 1st 2014') are values (issue 9)
    "6 young people subject to MAPPA", "(average for ongoing", "16.% *Prov (2014)",
    "4473,255", "Jan-00", "Dec-99", "Dec-69", "↓ 2.3", "↑3.88", "2 + 48 no longer wish to engage",
    "<36%", "<p>12</p>", "&amp;", "-------", "1 922", "12,34", "5.", "£300", "Unknown",
]


class DescribeParseCellNumbers:
    @pytest.mark.parametrize(("raw", "expected"), [
        ("1922", 1922.0),
        ("1,922", 1922.0),
        ("1,938.5", 1938.5),
        ("-1,938", -1938.0),
        ("21%", 21.0),
        ("21 %", 21.0),
        ("0.0%", 0.0),
        (" 14.5 ", 14.5),
        ("1,922\u00a0", 1922.0),               # a non-breaking space pasted from Excel
        ("+3", 3.0),
        ("-9.5", -9.5),
        (".5", 0.5),
        ("13.97", 13.97),
        ("69.512195121951223", 69.512195121951223),
        ("1e3", 1000.0),
        ("-0", 0.0),
        (5, 5.0),
        (2.5, 2.5),
    ])
    def it_reads_numbers_with_percent_signs_and_thousands_separators(
            self, raw: object, expected: float) -> None:
        cell = parse_cell(raw)
        assert cell == Cell(expected)
        assert cell.marker is None

    @pytest.mark.parametrize("raw", [None, "", "   ", math.nan])
    def it_reads_an_empty_cell_as_no_value_with_an_empty_reason(self, raw: object) -> None:
        assert parse_cell(raw) == Cell(None, "")


class DescribeParseCellMarkers:
    @pytest.mark.parametrize("marker", NO_VALUE_MARKERS)
    def it_accepts_every_no_value_marker_and_keeps_it_as_the_reason(self, marker: str) -> None:
        assert parse_cell(marker) == Cell(None, marker)

    def it_tidies_spaces_but_keeps_the_wording(self) -> None:
        assert parse_cell("  New measure   from Sep 16 ") == Cell(None, "New measure from Sep 16")


class DescribeParseCellErrors:
    @pytest.mark.parametrize("text", NOT_NUMBERS)
    def it_rejects_qualified_prose_and_malformed_values(self, text: str) -> None:
        with pytest.raises(CellError) as caught:
            parse_cell(text)
        assert str(caught.value) == f"'{text}' is not a number or a recognised 'no value' marker"

    def it_rejects_true_false(self) -> None:
        with pytest.raises(CellError, match="'True' is a true/false value, not a number"):
            parse_cell(True)

    def it_rejects_infinity(self) -> None:
        with pytest.raises(CellError, match="infinite number"):
            parse_cell(math.inf)
