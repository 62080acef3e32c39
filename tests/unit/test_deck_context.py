"""The deck context: slide order, table pages, RAG cells, charts, notes, disclosure control."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.compute.calculus import Rag
from builder.compute.model import ReportModel
from builder.config.deck import Deck, DeckOptions, Disclosure, load_deck
from builder.config.deck_wording import DeckWording
from builder.pipeline.data import build_model, compute_data
from builder.pipeline.inputs import deck_data_inputs, load_deck_inputs
from builder.present.deck_context import (
    ChartSlide,
    DataNotesSlide,
    DeckContext,
    ExceptionsSlide,
    NarrativeSlide,
    PrioritiesSlide,
    TableSlide,
    TitleSlide,
    deck_context,
)
from tests.conftest import CONFIG

SAMPLE = CONFIG / "decks" / "b4b-2023-10.yaml"


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck_inputs(SAMPLE).loaded.deck


@pytest.fixture(scope="module")
def model() -> ReportModel:
    return compute_data(load_deck_inputs(SAMPLE).data)


@pytest.fixture(scope="module")
def context(deck: Deck, model: ReportModel) -> DeckContext:
    return deck_context(deck, model)


def with_options(deck: Deck, **options: object) -> Deck:
    return deck.model_copy(update={"options": DeckOptions.model_validate(options)})


def slides_of(context: DeckContext, kind: type, prefix: str = "") -> list:  # type: ignore[type-arg]
    return [s for s in context.slides if isinstance(s, kind) and s.title.startswith(prefix)]


class DescribeSlideOrder:
    def it_opens_with_the_title_and_the_priorities(self, context: DeckContext) -> None:
        first, second = context.slides[:2]
        assert isinstance(first, TitleSlide)
        assert first.subtitle == "Summary of performance and commentary – October 2023"
        assert isinstance(second, PrioritiesSlide)
        assert len(second.priorities) == 6
        assert second.priorities[0].startswith("Ensure that children get the right support")

    def it_gives_each_priority_tables_then_charts_then_its_progress_analysis(
            self, context: DeckContext) -> None:
        kinds = [type(s).__name__ for s in context.slides
                 if s.title.startswith("Right support at the right time")]
        assert kinds == ["TableSlide"] * 2 + ["ChartSlide"] * 5 + ["NarrativeSlide"]

    def it_ends_with_exceptions_and_data_notes(self, context: DeckContext) -> None:
        assert isinstance(context.slides[-1], DataNotesSlide)
        assert isinstance(context.slides[-2], ExceptionsSlide)

    def it_puts_extra_slides_after_the_progress_analysis(self, context: DeckContext) -> None:
        titles = [s.title for s in context.slides]
        at = titles.index("Strong, safe & vibrant localities: progress analysis")
        assert titles[at + 1] == "Attendance at Family Hubs"

    def it_gives_every_slide_a_unique_title(self, context: DeckContext) -> None:
        titles = [s.title for s in context.slides]
        assert len(set(titles)) == len(titles)


class DescribeTables:
    def it_splits_a_long_priority_into_balanced_continued_pages(
            self, deck: Deck, model: ReportModel) -> None:
        context = deck_context(with_options(deck, max_table_rows=7), model)
        pages = slides_of(context, TableSlide, "Right support at the right time")
        assert [len(p.table.rows) for p in pages] == [7, 7, 6]
        assert [p.title for p in pages] == [f"Right support at the right time ({n} of 3)"
                                            for n in (1, 2, 3)]

    def it_has_indicator_13_months_target_rag_and_benchmarks(self, context: DeckContext
                                                             ) -> None:
        table = slides_of(context, TableSlide, "Right support")[0].table
        assert table.header == ("Indicator", "Oct-22", "Nov-22", "Dec-22", "Jan-23", "Feb-23",
                                "Mar-23", "Apr-23", "May-23", "Jun-23", "Jul-23", "Aug-23",
                                "Sep-23", "Oct-23", "Target", "RAG", "So'ton 21/22",
                                "Statistical Neighbours", "South East", "England")
        assert len(table.widths) == len(table.header)

    def it_shows_rag_as_text_and_colour(self, context: DeckContext) -> None:
        table = slides_of(context, TableSlide, "Right support")[0].table
        referrals = next(r for r in table.rows
                         if r[0].text.startswith("Number of referrals into statutory"))
        assert [c.text for c in referrals[13:16]] == ["277", "273", "Red"]
        assert referrals[15].rag is Rag.RED  # coloured in the template's RAG Red style
        contacts = next(r for r in table.rows if r[0].text == "Number of contacts in the month")
        assert contacts[15].text == "-" and contacts[15].rag is None


class DescribeCharts:
    def it_charts_13_months_with_the_target_as_a_second_series(self, context: DeckContext
                                                               ) -> None:
        chart = next(c for s in slides_of(context, ChartSlide) for c in s.charts
                     if c.key == "referrals")
        assert chart.categories[0] == "Oct-22" and chart.categories[-1] == "Oct-23"
        assert chart.series[0].values[-2:] == (267.0, 277.0)
        assert chart.series[1].name == "Target"
        assert chart.series[1].values == (273.0,) * 13

    def it_describes_the_chart_from_its_data(self, context: DeckContext) -> None:
        chart = next(c for s in slides_of(context, ChartSlide) for c in s.charts
                     if c.key == "contacts")
        assert chart.alt_text == (
            "Line chart: contacts per month, Oct-22 to Oct-23, from 1,488 to 1,922; no target; "
            "highest 2,023 (Mar-23), lowest 1,428 (Dec-22).")

    def it_formats_percentages_as_percentages(self, context: DeckContext) -> None:
        chart = next(c for s in slides_of(context, ChartSlide) for c in s.charts
                     if c.key == "s47_conversion")
        assert chart.number_format == '#,##0"%"'
        assert chart.title == "Percentage of strategy discussions resulting in a Section 47"
        assert chart.series[0].values[0] == pytest.approx(114 / 164 * 100)  # unrounded (D.4)

    def it_puts_at_most_the_configured_number_of_charts_on_a_slide(
            self, deck: Deck, model: ReportModel) -> None:
        context = deck_context(with_options(deck, charts_per_slide=2), model)
        pages = slides_of(context, ChartSlide, "Right support")
        assert [len(p.charts) for p in pages] == [2] * 10


class DescribeNarrative:
    def it_keeps_the_service_commentary_beside_the_generated_statements(
            self, context: DeckContext) -> None:
        slide = slides_of(context, NarrativeSlide, "Right support")[0]
        assert slide.statements.heading == "Progress analysis (generated from the data)"
        assert "Contacts increased by 25% to 1,922 since September." in \
            slide.statements.paragraphs
        assert slide.commentary is not None
        assert slide.commentary.heading == "Commentary from the service"
        assert slide.outcome is not None and slide.outcome.heading == "Desired outcome"

    def it_says_so_when_nothing_is_notable(self, deck: Deck, model: ReportModel) -> None:
        strict = with_options(deck, statements={"month_change_pct": 1000,
                                                "year_change_pct": 1000,
                                                "target_crossed": False, "red_worsening": False})
        slide = slides_of(deck_context(strict, model), NarrativeSlide, "Right support")[0]
        assert slide.statements.paragraphs[0].startswith("No indicator changed notably")


class DescribeNotes:
    def it_uses_the_generated_statement_when_there_is_no_commentary(
            self, context: DeckContext) -> None:
        notes = slides_of(context, TableSlide, "Right support")[0].notes
        assert ("Number of contacts in the month: Contacts increased by 25% to 1,922 since "
                "September.") in notes.splitlines()

    def it_uses_commentary_and_flags_stale_commentary(self, deck: Deck, tmp_path: Path) -> None:
        notes_file = tmp_path / "commentary.csv"
        notes_file.write_text("indicator,period,text\n"
                              "contacts,2023-10,Police referrals rose.\n"
                              "referrals,2023-09,Threshold work continues.\n", encoding="utf-8")
        inputs = deck_data_inputs(load_deck(SAMPLE))
        model = build_model(type(inputs)(inputs.catalogue, inputs.values, (notes_file,)),
                            deck.month)
        notes = slides_of(deck_context(deck, model), TableSlide, "Right support")[0].notes
        lines = notes.splitlines()
        assert "Number of contacts in the month: Police referrals rose." in lines
        assert ("Number of referrals into statutory service in the month (commentary for "
                "Sep-23): Threshold work continues.") in lines
        worded = deck.model_copy(update={"wording": DeckWording(
            older_commentary="{indicator} [{period} note]")})
        notes = slides_of(deck_context(worded, model), TableSlide, "Right support")[0].notes
        assert ("Number of referrals into statutory service in the month [Sep-23 note]: "
                "Threshold work continues.") in notes.splitlines()


class DescribeExceptions:
    def it_lists_every_red_indicator_once(self, context: DeckContext, model: ReportModel
                                          ) -> None:
        rows = [r for s in slides_of(context, ExceptionsSlide) if s.table for r in s.table.rows]
        red = {f.indicator.title for f in model.figures.values()
               if f.rag is not None and f.rag.value == "Red"}
        assert sorted(r[1].text for r in rows) == sorted(red)
        assert all(r[-1].text == "Red" for r in rows)

    def it_shows_value_target_and_change(self, context: DeckContext) -> None:
        rows = [r for s in slides_of(context, ExceptionsSlide) if s.table for r in s.table.rows]
        referrals = next(r for r in rows if r[1].text.startswith("Number of referrals into"))
        assert [c.text for c in referrals[2:6]] == ["277", "273", "⇒ 4%", "⇒ 0%"]


class DescribeDisclosureControl:
    def it_suppresses_small_counts_and_states_the_rule(self, deck: Deck, model: ReportModel
                                                       ) -> None:
        context = deck_context(with_options(deck, disclosure=Disclosure(enabled=True,
                                                                        threshold=5)), model)
        table = slides_of(context, TableSlide, "Children remain")[0].table
        uasc = next(r for r in table.rows if r[0].text.endswith("who are UASC"))
        model_values = [p.value for p in model["new_cla_uasc"].window]
        for cell, value in zip(uasc[1:14], model_values, strict=True):
            assert (cell.text == "c") == (value is not None and 0 < value < 5)
        chart = next(c for s in slides_of(context, ChartSlide) for c in s.charts
                     if c.key == "new_cla_uasc")
        assert all(v is None or v >= 5 or v == 0 for v in chart.series[0].values)
        notes = slides_of(context, DataNotesSlide)[0].bullets
        assert any("counts from 1 to 4 are shown as 'c'" in b for b in notes)

    def it_is_off_by_default(self, context: DeckContext) -> None:
        notes = slides_of(context, DataNotesSlide)[0].bullets
        assert not any("Disclosure control" in b for b in notes)
