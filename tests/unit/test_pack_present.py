"""The agenda pack's template contexts: front sheet, agenda, minutes, notices."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.config.council import Block, Exclusion, MeetingDates, PackLabels, load_council
from builder.config.meeting import LoadedMeeting, load_meeting
from builder.config.minutes import Resolved, load_minutes
from builder.present import pack_context as pc
from tests.conftest import CONFIG

MEETING = CONFIG / "meetings" / "2023-11-23.yaml"


@pytest.fixture(scope="module")
def loaded() -> LoadedMeeting:
    return load_meeting(MEETING)


@pytest.fixture(scope="module")
def agenda(loaded: LoadedMeeting) -> pc.AgendaContext:
    council = load_council(CONFIG / "council.yaml")
    return pc.agenda_context(council, loaded, {6: (1, 4), 7: (5, 74)})


class DescribeFrontSheet:
    def it_lists_the_meeting_dates_per_calendar_year_without_ordinals(self) -> None:
        dates = MeetingDates(heading="Dates", dates=(
            dt.date(2023, 6, 16), dt.date(2023, 7, 20), dt.date(2023, 9, 28),
            dt.date(2023, 11, 23), dt.date(2024, 1, 25), dt.date(2024, 3, 28)))
        table = pc.dates_table(dates)
        assert table.years == ("2023", "2024")
        assert table.rows == (("16 June", "25 January"), ("20 July", "28 March"),
                              ("28 September", ""), ("23 November", ""))

    def it_runs_an_inline_heading_into_the_first_paragraph(self) -> None:
        block = Block(heading="QUORUM", inline=True, content=("The minimum is 3.", "More."))
        assert pc.block_lines(block) == (pc.Line("paragraph", "The minimum is 3.", "QUORUM "),
                                         pc.Line("paragraph", "More."))

    def it_puts_a_heading_on_a_line_of_its_own(self) -> None:
        block = Block.model_validate({"heading": "Other Interests",
                                      "content": ["Intro", {"bullets": ["a", {"lead": "B -",
                                                                              "text": "b"}]},
                                                  {"label": "(i)", "text": "one"},
                                                  {"label": "a)", "text": "sub", "level": 2}]})
        assert pc.block_lines(block) == (
            pc.Line("heading", "Other Interests"), pc.Line("paragraph", "Intro"),
            pc.Line("bullet", "a"), pc.Line("bullet", "b", "B - "),
            pc.Line("item", "one", label="(i)"), pc.Line("subitem", "sub", label="a)"))

    def it_prints_the_cover_from_the_meeting(self, loaded: LoadedMeeting) -> None:
        context = pc.front_sheet_context(load_council(CONFIG / "council.yaml"), loaded)
        assert context.panel == "CHILDREN AND FAMILIES SCRUTINY PANEL"
        assert context.date_line == "Thursday, 23 November 2023 at 5.30 pm"
        assert context.members[0] == "Councillor T Bunday (Chair)"


class DescribeAgenda:
    def it_numbers_the_items_with_a_generated_exclusion_item_8(self, agenda: pc.AgendaContext
                                                                ) -> None:
        titles = {e.number: e.title for e in agenda.items}
        assert len(agenda.items) == 11
        assert titles[8] == ("EXCLUSION OF THE PRESS AND PUBLIC - EXEMPT PAPERS INCLUDED IN THE "
                             "FOLLOWING ITEM")
        assert titles[9] == "SEND AND HOME TO SCHOOL TRANSPORT"

    def it_prints_page_ranges_only_for_items_with_papers(self, agenda: pc.AgendaContext
                                                         ) -> None:
        pages = {e.number: e.pages for e in agenda.items}
        assert pages[6] == " (Pages 1 - 4)"
        assert pages[7] == " (Pages 5 - 74)"
        assert pages[1] == pages[5] == pages[8] == ""

    def it_names_the_reports_exempt_appendices_in_the_exclusion_item(
            self, agenda: pc.AgendaContext) -> None:
        exclusion = next(e for e in agenda.items if e.number == 8)
        assert exclusion.paragraphs[0].startswith("To move that in accordance with the Council’s "
                                                  "Constitution")
        assert exclusion.paragraphs[1] == (
            "Appendix 2 and Appendix 3 are considered to be exempt from general publication "
            "based on Category 3 of paragraph 10.4 of the Council’s Access to Information "
            "Procedure Rules. The information is exempt from publication because it relates to "
            "the financial and business affairs of both the Council and specified third parties "
            "and is commercially sensitive.")

    def it_closes_with_the_issue_line(self, agenda: pc.AgendaContext) -> None:
        assert (agenda.issue_date, agenda.signatory) == ("Wednesday, 15 November 2023",
                                                         "Director – Legal, Governance and HR")

    @pytest.mark.parametrize(("category", "ground"), [
        ("category 3 paragraph 10.4", "Category 3 of paragraph 10.4"),
        ("Category 3 of paragraph 10.4", "Category 3 of paragraph 10.4"),
        ("paragraph 3 of Schedule 12A", "Paragraph 3 of Schedule 12A"),
    ])
    def it_words_the_access_to_information_ground(self, category: str, ground: str) -> None:
        assert pc.access_ground(category, Exclusion.model_fields["ground"].default) == ground

    def it_words_the_ground_and_the_date_line_as_the_council_says(self, loaded: LoadedMeeting
                                                                 ) -> None:
        assert pc.access_ground("category 3 paragraph 10.4",
                                "para. {paragraph}, cat. {category}") == "para. 10.4, cat. 3"
        council = load_council(CONFIG / "council.yaml")
        worded = council.model_copy(update={"labels": PackLabels(date_line="{date}, {time}")})
        assert pc.date_line(loaded.meeting, worded) == "Thursday, 23 November 2023, 5.30 pm"


@pytest.fixture(scope="module")
def minutes() -> pc.MinutesContext:
    return pc.minutes_context(load_council(CONFIG / "council.yaml"),
                              load_minutes(CONFIG / "minutes" / "2023-09-28.yaml"))


class DescribeMinutes:
    def it_heads_the_minutes_with_council_panel_and_date(self, minutes: pc.MinutesContext
                                                         ) -> None:
        assert (minutes.council, minutes.panel, minutes.heading) == (
            "SOUTHAMPTON CITY COUNCIL", "CHILDREN AND FAMILIES SCRUTINY PANEL",
            "MINUTES OF THE MEETING HELD ON 28 SEPTEMBER 2023")

    def it_numbers_the_items_through_the_municipal_year(self, minutes: pc.MinutesContext
                                                        ) -> None:
        assert [i.number for i in minutes.items] == [12, 13, 14, 15, 16]

    def it_lists_who_attended(self, minutes: pc.MinutesContext) -> None:
        assert [a.label for a in minutes.attendance] == ["Present:", "Appointed Members:"]
        assert minutes.attendance[1].text == "Rob Sanders"

    def it_runs_a_single_resolution_into_its_heading(self) -> None:
        lines = pc.resolved_lines(Resolved(heading="RESOLVED:", text="that it be approved."))
        assert lines == (pc.Line("paragraph", "that it be approved.", "RESOLVED: "),)

    @pytest.mark.parametrize(("numbering", "labels"), [
        ("1)", ["1)", "2)", "3)"]), ("1.", ["1.", "2.", "3."]), ("(i)", ["(i)", "(ii)", "(iii)"]),
    ])
    def it_numbers_resolutions_in_the_style_given(self, numbering: str, labels: list[str]
                                                  ) -> None:
        resolved = Resolved.model_validate({"heading": "RESOLVED:", "numbering": numbering,
                                            "resolutions": ["That a.", "That b.", "That c."]})
        lines = pc.resolved_lines(resolved)
        assert lines[0] == pc.Line("paragraph", "", "RESOLVED:")
        assert [line.label for line in lines[1:]] == labels


class DescribeNotice:
    def it_stands_in_for_each_exempt_appendix_of_the_meeting(self, loaded: LoadedMeeting
                                                             ) -> None:
        council = load_council(CONFIG / "council.yaml").model_copy(
            update={"confidentiality": "{reason}"})
        notices = pc.notices(loaded, council)
        assert sorted(notices) == [(9, 2), (9, 3)]
        assert notices[(9, 3)].title == ("Agenda Item 9, Appendix 3: Home to School Transport "
                                         "Service Review")

    def it_says_which_appendix_is_withheld_and_why_in_the_councils_words(self) -> None:
        council = load_council(CONFIG / "council.yaml").model_copy(update={
            "confidentiality": "{appendices} {verb} withheld under {category}, as {reason}."})
        page = pc.notice(9, 2, "SEND Capital Programme Briefing Paper",
                         "category 3 paragraph 10.4", "it relates to business affairs.", council)
        assert page.heading == PackLabels().not_for_publication
        assert page.title == "Agenda Item 9, Appendix 2: SEND Capital Programme Briefing Paper"
        assert page.statement == ("Appendix 2 is withheld under category 3 paragraph 10.4, as it "
                                  "relates to business affairs.")


@pytest.mark.parametrize(("n", "numeral"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"),
                                            (40, "XL")])
def test_roman_numerals(n: int, numeral: str) -> None:
    assert pc.roman(n) == numeral
