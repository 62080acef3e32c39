"""The report's text: context fields, exempt wording, changes, alt text, tracker and glossary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from builder.compute.calculus import Arrow
from builder.compute.periods import Month
from builder.config.catalogue import Indicator
from builder.config.council import GlossaryLabels, PackLabels, TrackerLabels
from builder.config.glossary import Glossary
from builder.config.layout import layout_of
from builder.config.meeting import LoadedMeeting, load_meeting
from builder.config.tracker import Recommendation
from builder.errors import TemplateError
from builder.present import report_appendices as pa
from builder.present.dataset_columns import change_text
from builder.present.report_context import appendix_list, report_context
from tests.conftest import CONFIG, FIXTURES

SAMPLE = CONFIG / "meetings" / "2023-11-23.yaml"
SEND_YAML = FIXTURES / "report_2023" / "meeting.yaml"
"""The SEND report (items[7]) as a YAML report; the sample has it as a supplied paper."""
OCTOBER = Month(2023, 10)
WITHHELD = "{appendices} {verb} withheld ({category}): {reason}."
LABELS = PackLabels()


@pytest.fixture(scope="module")
def sample() -> LoadedMeeting:
    return load_meeting(SAMPLE)


@pytest.fixture(scope="module")
def send_meeting() -> LoadedMeeting:
    return load_meeting(SEND_YAML)


class DescribeReportContext:
    def it_prints_subject_role_and_date_in_capitals(self, sample: LoadedMeeting) -> None:
        context = report_context(sample, 8, OCTOBER, WITHHELD, LABELS)
        assert context["subject"] == "CHILDREN AND LEARNING - PERFORMANCE"
        assert context["report_of"] == "SCRUTINY MANAGER"
        assert context["decision_maker"] == "CHILDREN AND FAMILIES SCRUTINY PANEL"
        assert context["date_of_decision"] == "23 NOVEMBER 2023"

    def it_renders_jinja_in_detail_paragraphs(self, sample: LoadedMeeting) -> None:
        context = report_context(sample, 8, OCTOBER, WITHHELD, LABELS)
        assert context["detail"][1]["text"].startswith(
            "Performance information up to 31 October 2023 is attached as Appendix 1.")
        assert "up to the end of October 2023." in context["brief_summary"][0]

    def it_prints_none_blank_or_generated_confidentiality(
            self, sample: LoadedMeeting, send_meeting: LoadedMeeting) -> None:
        b4b = report_context(sample, 6, OCTOBER, WITHHELD, LABELS)
        send = report_context(send_meeting, 7, OCTOBER, WITHHELD, LABELS)
        performance = report_context(sample, 8, OCTOBER, WITHHELD, LABELS)
        assert (b4b["confidentiality"], b4b["exempt_groups"]) == ("", [])
        assert (performance["confidentiality"], performance["exempt_groups"]) == ("None", [])
        assert send["exempt_groups"] == [{
            "appendices": "Appendix 2 and Appendix 3", "verb": "are",
            "category": "category 3 paragraph 10.4",
            "reason": "it relates to the financial and business affairs of both the Council and "
                      "specified third parties and is commercially sensitive",
            "statement": "Appendix 2 and Appendix 3 are withheld (category 3 paragraph 10.4): it "
                         "relates to the financial and business affairs of both the Council and "
                         "specified third parties and is commercially sensitive."}]

    def it_flags_exempt_appendices_in_the_list(self, send_meeting: LoadedMeeting) -> None:
        send = report_context(send_meeting, 7, OCTOBER, WITHHELD, LABELS)
        assert [(a["number"], a["exempt"]) for a in send["appendices"]] == \
            [(1, False), (2, True), (3, True)]

    def it_names_the_key_path_of_a_bad_jinja_string(self, sample: LoadedMeeting,
                                                     tmp_path: Path) -> None:
        text = SAMPLE.read_text(encoding="utf-8").replace(
            "{{ period.end | long_date }}", "{{ period.ending | long_date }}")
        path = tmp_path / "meetings" / "2023-11-23.yaml"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        with pytest.raises(TemplateError) as caught:
            report_context(load_meeting(path), 8, OCTOBER, WITHHELD, LABELS)
        assert caught.value.problems[0].where == \
            "items[8].report.detail[1].text, tag {{ period.ending | long_date }}"

    def it_removes_control_characters_that_would_break_the_document(
            self, sample: LoadedMeeting) -> None:
        report = sample.meeting.items[8].report
        assert report is not None
        changed = report.model_copy(update={"brief_summary": ("a\x07b\x0cc\x00d\ne",)})
        items = list(sample.meeting.items)
        items[8] = items[8].model_copy(update={"report": changed})
        meeting = sample.meeting.model_copy(update={"items": tuple(items)})
        patched = LoadedMeeting(meeting, sample.path)
        assert report_context(patched, 8, OCTOBER, WITHHELD, LABELS)["brief_summary"] == ["abcd\ne"]


class DescribeAppendixWording:
    @pytest.mark.parametrize(("numbers", "text"), [
        ((2,), "Appendix 2"), ((2, 3), "Appendix 2 and Appendix 3"),
        ((1, 2, 5), "Appendix 1, Appendix 2 and Appendix 5")])
    def it_lists_appendix_numbers_in_words(self, numbers: tuple[int, ...], text: str) -> None:
        assert appendix_list(numbers, LABELS) == text

    def it_heads_an_exempt_appendix_with_the_same_number(self) -> None:
        assert pa.appendix_heading(2, "SEND Capital Programme Briefing Paper", True, LABELS) == \
            "Appendix 2: Exempt – SEND Capital Programme Briefing Paper"
        assert pa.appendix_heading(1, "Terms of reference", False, LABELS) == \
            "Appendix 1: Terms of reference"

    def it_names_and_heads_appendices_in_the_councils_words(self) -> None:
        labels = PackLabels(appendix="Annex {number}", last_separator=" & ",
                            appendix_heading="{appendix}. {title}",
                            exempt_heading="{appendix}. {title} (restricted)")
        assert appendix_list((1, 2, 5), labels) == "Annex 1, Annex 2 & Annex 5"
        assert pa.appendix_heading(2, "Plan", True, labels) == "Annex 2. Plan (restricted)"
        assert pa.appendix_heading(1, "Terms", False, labels) == "Annex 1. Terms"

    def it_answers_yes_no_and_none_in_the_councils_words(self, sample: LoadedMeeting) -> None:
        labels = PackLabels(yes="Y", no="N", no_confidentiality="Nothing withheld")
        context = report_context(sample, 8, OCTOBER, WITHHELD, labels)
        assert {context[k] for k in ("key_decision", "esia", "dpia")} <= {"Y", "N"}
        reports = [report_context(sample, n, OCTOBER, WITHHELD, labels)
                   for n, item in enumerate(sample.meeting.items) if item.report is not None]
        assert "Nothing withheld" in [r["confidentiality"] for r in reports]


class DescribeChangeText:
    @pytest.mark.parametrize(("arrow", "pct", "text"), [
        (Arrow.UP, 25.4569, "↑ 25%"), (Arrow.DOWN, -10.0, "↓ -10%"),
        (Arrow.SIMILAR, -9.5, "⇒ -10%"), (Arrow.NONE, None, "n/a")])
    def it_prints_the_arrow_and_the_rounded_change(self, arrow: Arrow, pct: float | None,
                                                    text: str) -> None:
        assert change_text(arrow, pct, layout_of()) == text


class DescribeChartAltText:
    def it_describes_the_series_from_the_data(self) -> None:
        ind = Indicator(key="contacts", title="Number of contacts in the month", theme="t")
        labels = ("Oct-22", "Nov-22", "Dec-22", "Jan-23")
        text = pa.chart_alt_text(ind, labels, (1488.0, 1794.0, 1428.0, 1922.0))
        assert text == ("Line chart: Number of contacts in the month, Oct-22 to Jan-23, "
                        "from 1,488 (Oct-22) to 1,922 (Jan-23); lowest 1,428 (Dec-22), "
                        "highest 1,922 (Jan-23).")

    def it_mentions_gaps_and_the_target(self) -> None:
        ind = Indicator(key="visits", title="Visits in time", theme="t", unit="percent",
                        target=95)
        text = pa.chart_alt_text(ind, ("Aug-23", "Sep-23", "Oct-23"), (None, 88.0, 90.4), 95)
        assert text.endswith("values for 2 of 3 months; target 95%.")
        assert "from 88% (Sep-23) to 90% (Oct-23)" in text

    def it_says_when_there_is_no_value_at_all(self) -> None:
        ind = Indicator(key="x", title="New measure", theme="t")
        assert pa.chart_alt_text(ind, ("Sep-23", "Oct-23"), (None, None)) == \
            "Line chart: New measure, Sep-23 to Oct-23; no values for these months."


class DescribeTrackerText:
    def rows(self) -> list[Recommendation]:
        day = dt.date(2023, 9, 28)
        return [Recommendation(meeting=day, title="Performance", action_proposed="That A.",
                               status="Complete"),
                Recommendation(meeting=day, title="Performance", action_proposed="That B."),
                Recommendation(meeting=day, title="Attainment", action_proposed="That C.",
                               action_taken="Circulated", status="Partially complete")]

    def it_numbers_actions_within_each_meeting_and_title(self) -> None:
        text = pa.tracker_text(self.rows(), "Children and Families Scrutiny Panel",
                               dt.date(2023, 11, 23), "Appendix 1: Monitoring", "2023",
                               TrackerLabels())
        assert [r[2].text for r in text.table.rows] == ["1) That A.", "2) That B.",
                                                        "1) That C."]
        assert [r[0].text for r in text.table.rows] == ["28/09/23"] * 3
        assert [r[4].text for r in text.table.rows] == ["Complete", "", "Partially complete"]
        assert text.subheadings == ("Children and Families Scrutiny Panel",
                                    "Scrutiny Monitoring – 23 November 2023")
        assert text.table.header == TrackerLabels().header

    def it_heads_the_2017_column_recommendation(self) -> None:
        text = pa.tracker_text(self.rows(), "Panel", dt.date(2017, 1, 5), "A", "2017",
                               TrackerLabels())
        assert text.table.header[2] == "Recommendation"

    def it_heads_and_describes_the_table_in_the_councils_words(self) -> None:
        labels = TrackerLabels(header=("When", "What", "Asked", "Done", "State"),
                               subheading="Follow-up at {date}", description="{count} asks.")
        text = pa.tracker_text(self.rows(), "Panel", dt.date(2023, 11, 23), "A", "2023", labels)
        assert text.table.header == ("When", "What", "Asked", "Done", "State")
        assert text.subheadings == ("Panel", "Follow-up at 23 November 2023")
        assert text.table.description == "3 asks."


class DescribeGlossaryText:
    def it_keeps_paragraphs_bullets_and_numbered_points_in_order(self) -> None:
        glossary = Glossary.model_validate(yaml.safe_load("""
acronyms: [{abbreviation: CLA, expansion: Children Looked After}]
terms:
  - term: Brief Intervention Team
    definition:
      - They work towards five outcomes.
      - numbered: [No concerns, Step down]
      - bullets: [x]
sources: [{title: Tri.x, url: "http://trixresources.proceduresonline.com/", note: free}]
"""))
        text = pa.glossary_text(glossary, "Appendix 2: Glossary", GlossaryLabels())
        (term, parts), = text.terms
        assert [(p.kind, p.items) for p in parts] == [
            ("paragraph", ("They work towards five outcomes.",)),
            ("numbered", ("1.\tNo concerns", "2.\tStep down")), ("bullets", ("x",))]
        assert text.acronyms is not None and text.acronyms.rows[0][1].text == \
            "Children Looked After"
        assert text.sources == ("Tri.x: http://trixresources.proceduresonline.com/ - free",)

    def it_heads_the_parts_in_the_councils_words(self) -> None:
        glossary = Glossary.model_validate({"acronyms": [{"abbreviation": "CLA",
                                                          "expansion": "Children Looked After"}],
                                            "terms": [{"term": "CIN",
                                                       "definition": ["Child in need."]}]})
        labels = GlossaryLabels(acronyms="Short forms", header=("Short", "Long"),
                                description="{count} short forms.", terms="Words",
                                sources="Read more")
        text = pa.glossary_text(glossary, "Appendix 2: Glossary", labels)
        assert text.headings == ("Short forms", "Words", "Read more")
        assert text.acronyms is not None
        assert (text.acronyms.header, text.acronyms.description) == (("Short", "Long"),
                                                                     "1 short forms.")
