"""Stale text: what a config copied from last month still says about last month."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.compute.periods import Month
from builder.config.base import StrictModel
from builder.config.staleness import (
    Cycle,
    TextSource,
    cycle_findings,
    stale_text,
    still_to_supply,
)
from builder.config.text_fields import map_text, text_fields

DATES = (dt.date(2023, 9, 28), dt.date(2023, 11, 23), dt.date(2024, 1, 25))
JANUARY = Cycle(Month(2023, 11), dt.date(2024, 1, 25), dt.date(2024, 1, 17), DATES)


class Text(StrictModel):
    title: str
    items: tuple[str, ...] = ()


def findings(text: str, cycle: Cycle = JANUARY) -> list[str]:
    return [f.code for f in stale_text([TextSource("m.yaml", Text(title=text))], cycle)]


class DescribeStaleMonths:
    @pytest.mark.parametrize(("text", "codes"), [
        ("Summary of performance – October 2023", ["stale-month"]),
        ("Change since Oct-23", ["stale-month"]),
        ("Figures for Oct 2023", ["stale-month"]),
        ("Summary of performance – November 2023", []),   # the report period
        ("The meeting in January 2024", []),               # the meeting's month
        ("Since the Ofsted inspection in June 2023", []),  # history, not last month
        ("Summary – {{ period.name }}", []),               # the variable
        ("Report to 31 December 2023", []),  # a full date is judged as a date, not a month
    ])
    def it_flags_recent_months_other_than_the_period(self, text: str,
                                                     codes: list[str]) -> None:
        assert findings(text) == codes

    def it_flags_the_date_of_an_earlier_meeting_but_not_the_previous_one(self) -> None:
        assert findings("Minutes of the meeting held on 28 September 2023") == ["stale-date"]
        assert findings("Minutes of the meeting held on 23 November 2023") == []

    def it_names_the_file_and_key(self) -> None:
        found = stale_text([TextSource("deck.yaml", Text(title="x", items=("", "Oct-23")))],
                           JANUARY)
        assert str(found[0]).startswith("deck.yaml: items[1]: names 'Oct-23'")


class DescribeTheCycle:
    def it_flags_minutes_that_are_not_of_the_previous_meeting(self) -> None:
        found = cycle_findings(JANUARY, "council.yaml",
                               [("minutes.yaml", dt.date(2023, 9, 28))])
        assert [f.code for f in found] == ["minutes-date"]
        assert cycle_findings(JANUARY, "council.yaml",
                              [("minutes.yaml", dt.date(2023, 11, 23))]) == []

    def it_flags_a_meeting_missing_from_the_municipal_year(self) -> None:
        cycle = Cycle(Month(2023, 11), dt.date(2024, 2, 1), dt.date(2024, 1, 20), DATES)
        assert [f.code for f in cycle_findings(cycle, "council.yaml", [])] == ["meeting-date"]


class DescribeStillToSupply:
    def it_lists_every_field_marked_to_supply(self) -> None:
        problems = still_to_supply(TextSource("min.yaml", Text(title="[to supply]",
                                                               items=("ok", "[to supply]"))))
        assert [p.where for p in problems] == ["title", "items[1]"]


class DescribeTextFields:
    def it_reads_and_rewrites_every_string_by_key_path(self) -> None:
        model = Text(title="a", items=("b", "c"))
        assert list(text_fields(model)) == [("title", "a"), ("items[0]", "b"), ("items[1]", "c")]
        changed = map_text(model, lambda s, at: s.upper() if at != "items[0]" else s)
        assert changed == Text(title="A", items=("b", "C"))
        assert map_text(model, lambda s, _at: s) is model
