"""The report, tracker and glossary configuration: schemas, shorthands and pinned errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from builder.config.glossary import load_glossary
from builder.config.meeting import load_meeting, numbered_items
from builder.config.report import Block, Report, Resources
from builder.config.tracker import load_tracker
from builder.errors import ConfigError, DataError
from builder.pipeline.agenda import check_reports, report_items
from tests.conftest import CONFIG

SAMPLE = CONFIG / "meetings" / "2023-11-23.yaml"


def minimal_report(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "subject": "Monitoring Scrutiny Recommendations", "report_of": "Scrutiny Manager",
        "director": {"name": "Mel Creighton"}, "author": {"name": "Mark Pirnie"},
        "brief_summary": "This item enables the Panel to monitor progress.",
        "recommendations": "That the Panel considers the responses.",
        "reasons": ["To assist the Panel."], "alternatives": ["None."], "detail": ["Text."],
        "resources": {"combined": ["None"]},
        "legal": {"statutory_power": ["The duty ..."], "other": ["None"]},
        "risk": ["None"], "policy": ["None"],
    }
    data.update(changes)
    return data


class DescribeReport:
    def it_reads_a_single_string_as_one_paragraph_or_recommendation(self) -> None:
        report = Report.model_validate(minimal_report())
        assert report.brief_summary == ("This item enables the Panel to monitor progress.",)
        assert report.recommendations == ("That the Panel considers the responses.",)

    def it_reads_a_plain_string_block_as_a_numbered_paragraph(self) -> None:
        report = Report.model_validate(minimal_report())
        assert report.reasons[0].text == "To assist the Panel."
        assert report.reasons[0].subheading is None

    def it_defaults_members_rooms_and_background_documents_to_none(self) -> None:
        report = Report.model_validate(minimal_report())
        assert report.members_rooms == ("None",)
        assert [d.title for d in report.background_documents] == ["None"]

    def it_refuses_a_block_that_is_both_a_paragraph_and_a_subheading(self) -> None:
        with pytest.raises(ValidationError, match="exactly one of 'text'"):
            Block.model_validate({"text": "x", "subheading": "y"})

    def it_refuses_bullets_without_a_paragraph(self) -> None:
        with pytest.raises(ValidationError, match="belong to a paragraph"):
            Block.model_validate({"subheading": "y", "bullets": ["z"]})

    def it_refuses_a_table_row_of_the_wrong_width(self) -> None:
        with pytest.raises(ValidationError, match="row 2 has 1 cells; the header has 2"):
            Block.model_validate({"table": {"header": ["A", "B"], "rows": [["1", 2], ["3"]]}})

    def it_turns_numbers_in_table_cells_into_text(self) -> None:
        block = Block.model_validate({"table": {"header": ["Year", "Pupils"],
                                                "rows": [[2016, 12.5]]}})
        assert block.table is not None and block.table.rows == (("2016", "12.5"),)

    def it_accepts_combined_or_split_resources_but_not_both(self) -> None:
        assert Resources.model_validate({"combined": ["None"]}).is_combined
        split = Resources.model_validate({"capital_revenue": ["a"], "property_other": ["b"]})
        assert not split.is_combined
        with pytest.raises(ValidationError, match="either 'combined'"):
            Resources.model_validate({"combined": ["a"], "capital_revenue": ["b"]})
        with pytest.raises(ValidationError, match="both 'capital_revenue' and 'property_other'"):
            Resources.model_validate({"capital_revenue": ["b"]})

    def it_refuses_a_typed_confidentiality_statement_when_an_appendix_is_exempt(self) -> None:
        appendix = {"title": "Briefing", "kind": "file", "path": "b.docx", "exempt": True,
                    "exempt_category": "category 3 paragraph 10.4", "exempt_reason": "it is"}
        with pytest.raises(ValidationError, match="generated from the exempt appendices"):
            Report.model_validate(minimal_report(confidentiality="None",
                                                 appendices=[appendix]))

    def it_needs_the_ground_and_reason_of_an_exempt_appendix(self) -> None:
        appendix = {"title": "Briefing", "kind": "file", "path": "b.docx", "exempt": True}
        with pytest.raises(ValidationError, match="needs 'exempt_category' and 'exempt_reason'"):
            Report.model_validate(minimal_report(appendices=[appendix]))

    def it_refuses_a_path_on_a_generated_appendix(self) -> None:
        appendix = {"title": "Dataset", "kind": "dataset", "path": "x.csv"}
        with pytest.raises(ValidationError, match="is generated; leave out 'path'"):
            Report.model_validate(minimal_report(appendices=[appendix]))

    def it_names_an_unknown_key_by_its_yaml_path(self, tmp_path: Path) -> None:
        text = SAMPLE.read_text(encoding="utf-8").replace("      wards: All\n",
                                                           "      ward: All\n")
        path = tmp_path / "meeting.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            load_meeting(path)
        assert [p.where for p in caught.value.problems] == ["items[6].report.ward"]
        assert caught.value.problems[0].what == "unknown key"


class DescribeTheSampleMeeting:
    def it_validates_and_numbers_the_agenda_as_published(self) -> None:
        numbered = numbered_items(load_meeting(SAMPLE).meeting)
        titles = [(n.number, n.item.title if n.item else "EXCLUSION") for n in numbered]
        assert titles[6:] == [(7, "BUILDING FOR BRILLIANCE"), (8, "EXCLUSION"),
                              (9, "SEND AND HOME TO SCHOOL TRANSPORT"),
                              (10, "CHILDREN AND LEARNING - PERFORMANCE"),
                              (11, "MONITORING SCRUTINY RECOMMENDATIONS")]

    def it_marks_send_appendices_2_and_3_exempt_under_paragraph_10_4(self) -> None:
        send = load_meeting(SAMPLE).meeting.items[7]
        assert (send.kind, send.exempt_appendices) == ("paper", (2, 3))
        assert {a.exempt_category for a in send.appendices if a.exempt} == \
            {"category 3 paragraph 10.4"}

    def it_gives_the_performance_report_a_dataset_a_glossary_and_the_deck(self) -> None:
        report = load_meeting(SAMPLE).meeting.items[8].report
        assert report is not None
        assert [a.kind for a in report.appendices] == ["dataset", "glossary", "deck"]


class DescribeTracker:
    def it_shows_rows_made_before_the_meeting_and_not_closed_earlier(self) -> None:
        tracker = load_tracker(CONFIG / "trackers" / "2023-11-23.yaml")
        shown = tracker.shown_at(dt.date(2023, 11, 23))
        assert len(shown) == 9
        assert [r.status for r in shown].count("Partially complete") == 1

    def it_drops_a_row_closed_at_an_earlier_meeting(self, tmp_path: Path) -> None:
        path = tmp_path / "tracker.csv"
        path.write_text("meeting,title,action_proposed,status,closed\n"
                        "2023-09-28,Performance,That A.,Complete,2023-11-23\n"
                        "2023-09-28,Performance,That B.,Outstanding,\n", encoding="utf-8")
        tracker = load_tracker(path)
        assert len(tracker.shown_at(dt.date(2023, 11, 23))) == 2
        assert [r.action_proposed for r in tracker.shown_at(dt.date(2024, 1, 25))] == ["That B."]

    def it_names_row_and_column_of_a_bad_csv_cell(self, tmp_path: Path) -> None:
        path = tmp_path / "tracker.csv"
        path.write_text("meeting,title,action_proposed,status\n"
                        "2023-09-28,Performance,That A.,Done\n"
                        "28/09/23,Performance,That B.,Complete\n", encoding="utf-8")
        with pytest.raises(DataError) as caught:
            load_tracker(path)
        places = [p.where for p in caught.value.problems]
        assert places == ["row 2, column status", "row 3, column meeting"]
        assert "Complete" in caught.value.problems[0].valid

    def it_names_an_unknown_csv_column(self, tmp_path: Path) -> None:
        path = tmp_path / "tracker.csv"
        path.write_text("meeting,title,action_proposed,owner\n", encoding="utf-8")
        with pytest.raises(DataError, match="header") as caught:
            load_tracker(path)
        assert caught.value.problems[0].what == "unknown column 'owner'"


class DescribeGlossary:
    def it_loads_the_sample_acronyms_terms_and_sources(self) -> None:
        glossary = load_glossary(CONFIG / "glossary" / "children-and-learning.yaml")
        assert glossary.acronyms[0].abbreviation == "ADM"
        assert glossary.acronyms[-1].expansion == "Young Person Service"
        assert "Care Order" in [t.term for t in glossary.terms]
        assert [s.url for s in glossary.sources] == ["http://trixresources.proceduresonline.com/",
                                                     "http://southamptonlscb.co.uk/"]

    def it_refuses_a_term_defined_twice(self, tmp_path: Path) -> None:
        path = tmp_path / "glossary.yaml"
        path.write_text("terms:\n  - {term: Referral, definition: [a]}\n"
                        "  - {term: referral, definition: [b]}\n", encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            load_glossary(path)
        assert caught.value.problems[0].what == "term 'referral' is defined 2 times"


class DescribeReportChecks:
    def write(self, tmp_path: Path, old: str, new: str) -> Path:
        path = tmp_path / "meetings" / "2023-11-23.yaml"
        path.parent.mkdir(exist_ok=True)
        text = SAMPLE.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new).replace("../", str(CONFIG) + "/"),
                        encoding="utf-8")
        return path

    def it_lists_every_missing_file_and_section_at_once(self, tmp_path: Path) -> None:
        path = self.write(tmp_path, "../appendices/monitoring-2-staff-absence.docx",
                          "../appendices/missing.docx")
        text = path.read_text(encoding="utf-8").replace(
            "      risk:\n        - None\n      policy:\n        - None\n",
            "      policy:\n        - None\n")
        text = text.replace("b4b-5-audit-report.docx", "make_samples.py")
        path.write_text(text, encoding="utf-8")
        loaded = load_meeting(path)
        with pytest.raises(ConfigError) as caught:
            check_reports(loaded, report_items(loaded))
        problems = {(p.where, p.what.split(":")[0]) for p in caught.value.problems}
        assert problems == {
            ("items[6].report.appendices[4].path", "'.py' files cannot be appendices"),
            ("items[9].report.appendices[1].path", "file not found"),
            ("items[9].report.risk", "the 2023 report has a RISK MANAGEMENT IMPLICATIONS "
                                     "section; this report has no 'risk'"),
        }

    def it_refuses_a_risk_section_in_the_2017_variant(self, tmp_path: Path) -> None:
        loaded = load_meeting(self.write(tmp_path, 'variant: "2023"', 'variant: "2017"'))
        with pytest.raises(ConfigError) as caught:
            check_reports(loaded, report_items(loaded, only=10))
        assert [p.where for p in caught.value.problems] == ["items[8].report.risk"]
