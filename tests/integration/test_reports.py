"""The sample meeting's committee reports, read back from the Word files (format-spec A, E).

Expected headings, paragraph numbers and wording are those of the published packs
(``agenda-pack-2023-11-23.txt`` and ``agenda-pack-2017-01-05.txt``, as cited in format-spec A.1);
dataset cells were worked out by hand from ``config/values/b4b-2023-10.csv``.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from builder.cli import main
from builder.inspection.docx_summary import DocxSummary, summarize_docx
from builder.parts import ReportParts
from builder.pipeline.checked import check_meeting
from builder.pipeline.reports import build_reports, dataset_charts
from builder.render.charts import chart_name, draw_charts
from tests.conftest import CONFIG, FIXTURES, OUTSIDE
from tests.golden_support import assert_matches_golden

SAMPLE = CONFIG / "meetings" / "2023-11-23.yaml"
MEETING_2017 = FIXTURES / "report_2017" / "meeting.yaml"
SEND_YAML = FIXTURES / "report_2023" / "meeting.yaml"
"""Item 9, the SEND report, as a YAML report (the sample publishes it as a supplied paper)."""
SECTIONS = ("REASONS FOR REPORT RECOMMENDATIONS", "ALTERNATIVE OPTIONS CONSIDERED AND REJECTED",
            "DETAIL (Including consultation carried out)", "RESOURCE IMPLICATIONS",
            "LEGAL IMPLICATIONS", "RISK MANAGEMENT IMPLICATIONS",
            "POLICY FRAMEWORK IMPLICATIONS")
HEADINGS_2023 = ("CONTACT DETAILS", "STATEMENT OF CONFIDENTIALITY", "BRIEF SUMMARY",
                 "RECOMMENDATIONS:", *SECTIONS, "SUPPORTING DOCUMENTATION")
HEADINGS_2017 = tuple(h for h in HEADINGS_2023 if h != "RISK MANAGEMENT IMPLICATIONS")
SUPPORTING_2023 = ("Appendices", "Documents In Members’ Rooms", "Equality Impact Assessment",
                   "Data Protection Impact Assessment", "Other Background Documents")
# paragraph numbers per section, as format-spec A.1 observed them
NUMBERS = {
    7: [[1], [2], [3, 4, 5, 6, 7, 8], [9, 10], [11, 12], [13], [14]],
    9: [[1], [2], [3, 4, 5, 6, 7, 8], [9], [10, 11, 12], [13], [14]],
    10: [[1], [2], [3, 4, 5], [6], [7, 8], [9], [10]],
    11: [[1], [2], [3, 4], [5], [6, 7], [8], [9]],
}
NUMBERS_2017 = {2: [[1], [2], [3, 4, 5], [6, 7], [8, 9], [10]],
                3: [[1], [2], [3, 4], [5, 6], [7, 8], [9]]}


def rendered(meeting: Path, out: Path) -> tuple[ReportParts, ...]:
    checked = check_meeting(meeting, allow_outside=OUTSIDE)
    return build_reports(checked.inputs, out, checked.model)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[int, ReportParts]:
    """The sample meeting's reports (7, 10, 11) and the SEND report (9) of ``SEND_YAML``."""
    out, send = tmp_path_factory.mktemp("reports"), tmp_path_factory.mktemp("send")
    return {p.agenda_number: p for p in (*rendered(SAMPLE, out), *rendered(SEND_YAML, send))}


@pytest.fixture(scope="module")
def bodies(sample: dict[int, ReportParts]) -> dict[int, DocxSummary]:
    return {n: summarize_docx(p.body) for n, p in sample.items()}


@pytest.fixture(scope="module")
def sample_2017(tmp_path_factory: pytest.TempPathFactory) -> dict[int, ReportParts]:
    out = tmp_path_factory.mktemp("reports-2017")
    return {p.agenda_number: p for p in rendered(MEETING_2017, out)}


def numbers_by_section(summary: DocxSummary) -> list[list[int]]:
    """Paragraph numbers under each numbered section heading, computed like Word does."""
    out: list[list[int]] = []
    for para in summary.paragraphs:
        if para.heading_level == 1 and para.text in SECTIONS:
            out.append([])
        elif para.heading_level == 1:
            if out and para.text == "SUPPORTING DOCUMENTATION":
                break
        elif out and para.style == "Numbered Paragraph" and para.number:
            out[-1].append(int(para.number.rstrip(".")))
    return out


def texts(summary: DocxSummary, style: str) -> list[str]:
    return [p.text for p in summary.paragraphs if p.style == style]


def after_heading(summary: DocxSummary, heading: str, count: int = 1) -> list[str]:
    paragraphs = [p.text for p in summary.paragraphs]
    start = paragraphs.index(heading) + 1
    return paragraphs[start:start + count]


class DescribeTheSampleReports:
    def it_writes_a_docx_per_report_named_by_agenda_number(
            self, sample: dict[int, ReportParts]) -> None:
        assert sorted(sample) == [7, 9, 10, 11]
        assert sorted(p.name for p in sample[7].docx.parent.glob("*.docx")) == [
            "item-07-building-for-brilliance.docx",
            "item-10-children-and-learning-performance.docx",
            "item-11-monitoring-scrutiny-recommendations.docx"]
        assert all(p.docx.is_file() and p.body.is_file() for p in sample.values())
        assert sample[10].body.parent.name == "parts"

    @pytest.mark.parametrize("item", [7, 9, 10, 11])
    def it_has_every_section_heading_in_order(self, bodies: dict[int, DocxSummary],
                                              item: int) -> None:
        summary = bodies[item]
        assert [t for level, t in summary.headings if level == 1] == list(HEADINGS_2023)
        assert [t for level, t in summary.headings if level == 2][-5:] == list(SUPPORTING_2023)
        fields = [t.split("\t")[0] for t in texts(summary, "Report Field")]
        assert fields == ["DECISION-MAKER:", "SUBJECT:", "DATE OF DECISION:", "REPORT OF:",
                          "KEY DECISION?", "WARDS/COMMUNITIES AFFECTED:"]

    @pytest.mark.parametrize("item", [7, 9, 10, 11])
    def it_numbers_paragraphs_continuously_as_published(self, bodies: dict[int, DocxSummary],
                                                        item: int) -> None:
        assert numbers_by_section(bodies[item]) == NUMBERS[item]

    def it_keeps_sub_headings_unnumbered(self, bodies: dict[int, DocxSummary]) -> None:
        send = bodies[9]
        glossary = next(p for p in send.paragraphs if p.text == "Glossary of terms")
        assert (glossary.style, glossary.number) == ("Heading 2", None)
        assert [t for level, t in bodies[7].headings if level == 2][:2] == \
            ["Capital/Revenue", "Property/Other"]
        assert "Capital/Revenue/Property/Other" in [t for _, t in send.headings]

    def it_numbers_recommendations_in_roman(self, bodies: dict[int, DocxSummary]) -> None:
        assert bodies[10].numbered("Recommendation") == (
            ("(i)", "That the Panel consider and challenge the performance of Children’s "
                    "Services and Learning in Southampton."),)

    def it_states_the_exemption_and_prefixes_exempt_appendices(
            self, sample: dict[int, ReportParts], bodies: dict[int, DocxSummary]) -> None:
        send = bodies[9]
        assert after_heading(send, "STATEMENT OF CONFIDENTIALITY") == [
            "Appendix 2 and Appendix 3 are not for publication by virtue of category 3 "
            "paragraph 10.4 of the Access to Information Procedure Rules as set out in the "
            "Council’s Constitution. The information is exempt from publication because it "
            "relates to the financial and business affairs of both the Council and specified "
            "third parties and is commercially sensitive."]
        assert after_heading(send, "Appendices", 3) == [
            "1.\tSend Annual Review of Current and Future Needs to Inform Provision",
            "2.\tExempt – SEND Capital Programme Briefing Paper",
            "3.\tExempt – Home to School Transport Service Review"]
        parts = sample[9].appendices
        assert [(p.number, p.exempt, p.exempt_category) for p in parts] == [
            (1, False, None), (2, True, "category 3 paragraph 10.4"),
            (3, True, "category 3 paragraph 10.4")]
        assert parts[1].source is not None
        assert summarize_docx(parts[1].source).headings[0] == \
            (1, "Appendix 2: Exempt – SEND Capital Programme Briefing Paper")

    def it_prints_none_or_a_blank_statement_when_nothing_is_exempt(
            self, bodies: dict[int, DocxSummary]) -> None:
        assert after_heading(bodies[10], "STATEMENT OF CONFIDENTIALITY") == ["None"]
        assert after_heading(bodies[7], "STATEMENT OF CONFIDENTIALITY", 2) == \
            ["", "BRIEF SUMMARY"]

    def it_prints_the_b4b_specifics(self, bodies: dict[int, DocxSummary]) -> None:
        b4b = bodies[7]
        assert texts(b4b, "Report Field")[0] == \
            "DECISION-MAKER:\tCHILDREN AND LEARNING SCRUTINY PANEL"
        assert "WARDS/COMMUNITIES AFFECTED:\tAll" in texts(b4b, "Report Field")
        assert after_heading(b4b, "Documents In Members’ Rooms") == ["1.\tNA"]
        assert b4b.tables[-1].rows == (
            ("Title of Background Paper(s)", "Relevant Paragraph of the Access to Information "
             "Procedure Rules / Schedule 12A allowing document to be Exempt/Confidential (if "
             "applicable)"), ("1.\tN/A", ""))
        assert b4b.tables[-1].header_rows == (True, False)

    def it_prints_the_contact_blocks_executive_director_first(
            self, bodies: dict[int, DocxSummary]) -> None:
        assert texts(bodies[11], "Contact Line") == [
            "Executive Director\tTitle\tExecutive Director – Corporate Resources",
            "\tName:\tMel Creighton\tTel:\t023 8083 3528",
            "\tE-mail:\tMel.creighton@southampton.gov.uk",
            "Author:\tTitle\tScrutiny Manager",
            "\tName:\tMark Pirnie\tTel:\t023 8083 3886",
            "\tE-mail:\tMark.pirnie@southampton.gov.uk"]

    def it_declares_title_language_and_author(self, bodies: dict[int, DocxSummary],
                                              sample: dict[int, ReportParts]) -> None:
        assert (bodies[10].title, bodies[10].language, bodies[10].author) == \
            ("Children and Learning - Performance", "en-GB", "Mark Pirnie")
        combined = summarize_docx(sample[9].docx)
        assert combined.title == "SEND and Home to School Transport"

    def it_has_a_page_number_field_in_the_footer(self, sample: dict[int, ReportParts]) -> None:
        with zipfile.ZipFile(sample[10].docx) as package:
            footers = [n for n in package.namelist() if n.startswith("word/footer")]
            xml = "".join(package.read(n).decode("utf-8") for n in footers)
        assert 'w:instr=" PAGE "' in xml

    def it_leaves_the_footers_out_of_the_parts_the_pack_stamps(
            self, sample: dict[int, ReportParts]) -> None:
        parts = [path for report in sample.values() for path in (report.body, *(
            a.source for a in report.appendices if a.source is not None))
            if path.suffix == ".docx"]
        assert len(parts) >= 8  # bodies, the dataset, trackers, officers' Word appendices
        for part in parts:
            doc = Document(str(part))
            assert doc.paragraphs, part.name
            assert not doc.element.body.findall(f".//{qn('w:footerReference')}"), part.name
            with zipfile.ZipFile(part) as package:
                assert not [n for n in package.namelist() if "footer" in n], part.name

    def it_keeps_golden_summaries_of_each_report(self, bodies: dict[int, DocxSummary]) -> None:
        for item, summary in bodies.items():
            assert_matches_golden(f"report_2023_item_{item:02d}", golden(summary))


def golden(summary: DocxSummary) -> dict[str, object]:
    """What a reader checks against the published report: headings, fields, numbered
    paragraphs (label + opening words), recommendations and lists."""
    return {
        "headings": [f"{level} {text}" for level, text in summary.headings],
        "fields": texts(summary, "Report Field"),
        "numbered": [f"{n} {t[:60]}" for n, t in summary.numbered("Numbered Paragraph")],
        "recommendations": [f"{n} {t}" for n, t in summary.numbered("Recommendation")],
        "lists": texts(summary, "List Item"),
    }


class DescribeThe2017Variant:
    def it_has_the_2017_headings_and_wording(self, sample_2017: dict[int, ReportParts]) -> None:
        summary = summarize_docx(sample_2017[2].body)
        assert [t for level, t in summary.headings if level == 1] == list(HEADINGS_2017)
        assert [t for level, t in summary.headings if level == 2][-5:] == [
            "Appendices", "Documents In Members’ Rooms", "Equality Impact Assessment",
            "Privacy Impact Assessment", "Other Background Documents"]
        fields = texts(summary, "Report Field")
        assert fields[-2:] == ["KEY DECISION\tNo", "WARDS/COMMUNITIES AFFECTED:\tNone directly "
                               "as a result of this report"]
        assert after_heading(summary, "Equality Impact Assessment") == [
            "Do the implications/subject of the report require an Equality and Safety Impact "
            "Assessments (ESIA) to be carried out."]
        assert texts(summary, "Contact Line")[0] == "AUTHOR:\tName:\tMark Pirnie\tTel:\t" \
                                                    "023 8083 3886"

    @pytest.mark.parametrize("item", [2, 3])
    def it_numbers_paragraphs_as_published(self, sample_2017: dict[int, ReportParts],
                                           item: int) -> None:
        summary = summarize_docx(sample_2017[item].body)
        assert numbers_by_section(summary) == NUMBERS_2017[item]
        assert_matches_golden(f"report_2017_item_{item:02d}", golden(summary))

    def it_heads_the_tracker_column_recommendation_and_drops_closed_rows(
            self, sample_2017: dict[int, ReportParts]) -> None:
        source = sample_2017[3].appendices[0].source
        assert source is not None
        table = summarize_docx(source).tables[0]
        assert table.rows[0][2] == "Recommendation"
        assert [r[0] for r in table.rows[1:]] == ["22/09/16", "03/11/16", "03/11/16"]
        assert [r[2][:3] for r in table.rows[1:]] == ["1) ", "1) ", "2) "]


@pytest.fixture(scope="module")
def dataset(sample: dict[int, ReportParts]) -> DocxSummary:
    source = sample[10].appendices[0].source
    assert source is not None
    return summarize_docx(source)


class DescribeTheDatasetAppendix:
    def it_is_a_landscape_section_in_the_report(self, sample: dict[int, ReportParts],
                                                dataset: DocxSummary) -> None:
        assert dataset.orientations == ("landscape",)
        assert summarize_docx(sample[10].docx).orientations == \
            ("portrait", "landscape", "portrait", "portrait")

    def it_has_a_key_then_a_heading_and_table_per_theme(self, dataset: DocxSummary) -> None:
        assert [t for level, t in dataset.headings if level == 2] == [
            "Key", "Right support at the right time", "Strong, safe & vibrant localities",
            "Children remain within or return to their birth families",
            "Promote permanence and placement stability", "Permanent, stable workforce",
            "Embedding Practice Framework and Standards"]
        assert len(dataset.tables) == 7
        assert [r[1] for r in dataset.tables[0].rows[1:4]] == [
            "Increase of 10% or more", "Similar (change of less than 10%)",
            "Decrease of 10% or more"]

    def it_marks_header_rows_and_merges_no_cells(self, dataset: DocxSummary) -> None:
        for table in dataset.tables:
            assert table.header_rows[0] and not any(table.header_rows[1:])
            assert not table.merged
            assert table.description

    def it_prints_the_header_with_13_months_and_benchmarks(self, dataset: DocxSummary) -> None:
        assert dataset.tables[1].rows[0] == (
            "Ref", "Indicator", "Oct-22", "Nov-22", "Dec-22", "Jan-23", "Feb-23", "Mar-23",
            "Apr-23", "May-23", "Jun-23", "Jul-23", "Aug-23", "Sep-23", "Oct-23",
            "Change from Sep-23", "Change from Oct-22", "12-month average", "12-month max",
            "Target", "RAG", "So'ton 21/22", "Statistical Neighbours", "South East", "England")

    @pytest.mark.parametrize(("title", "cells"), [
        ("Number of contacts in the month",
         ("1,488", "1,794", "1,428", "1,839", "1,598", "2,023", "1,544", "1,828", "1,948",
          "1,804", "1,471", "1,532", "1,922", "↑ 25%", "↑ 29%", "1,728", "2,023", "", "",
          "", "", "", "")),
        ("Number of children subject to CP Plan at end of month",
         ("315", "301", "302", "288", "301", "315", "347", "355", "351", "345", "346", "318",
          "314", "⇒ -1%", "⇒ 0%", "324", "355", "295", "Red", "", "", "", "")),
        ("Percentage of re-referrals within 12 months",
         ("27%", "26%", "30%", "27%", "25%", "28%", "27%", "25%", "35%", "26%", "19%", "21%",
          "21%", "⇒ 0%", "↓ -22%", "26%", "35%", "23%", "Green", "27%", "21%", "26%",
          "21%")),
        ("Number of children in our care",
         ("552", "543", "543", "553", "545", "539", "505", "517", "518", "507", "510", "505",
          "504", "⇒ 0%", "⇒ -9%", "524", "553", "495", "Red", "497", "640", "10,480",
          "80,850")),
    ])
    def it_prints_the_computed_values_by_the_rules(self, dataset: DocxSummary, title: str,
                                                   cells: tuple[str, ...]) -> None:
        rows = [row for table in dataset.tables[1:] for row in table.rows if row[1] == title]
        assert rows, f"no row for {title}"
        assert rows[0][2:] == cells

    def it_fills_rag_cells_with_the_rating_colour(self, dataset: DocxSummary) -> None:
        for table in dataset.tables[1:]:
            rag = table.rows[0].index("RAG")
            for row, fills in zip(table.rows[1:], table.fills[1:], strict=True):
                expected = {"Red": "FFC7CE", "Amber": "FFEB9C", "Green": "C6EFCE", "": None}
                assert fills[rag] == expected[row[rag]]

    def it_has_a_chart_per_indicator_with_alt_text_from_the_data(
            self, dataset: DocxSummary) -> None:
        rows = sum(len(t.rows) - 1 for t in dataset.tables[1:])
        assert len(dataset.pictures) == rows
        assert all(p.descr and p.descr.startswith("Line chart: ") for p in dataset.pictures)
        assert ("Line chart: Number of contacts in the month, Oct-22 to Oct-23, from 1,488 "
                "(Oct-22) to 1,922 (Oct-23); lowest 1,428 (Dec-22), highest 2,023 (Mar-23).") \
            in [p.descr for p in dataset.pictures]


class DescribeTheOtherAppendices:
    def it_prints_the_tracker_of_the_28_september_resolutions(
            self, sample: dict[int, ReportParts]) -> None:
        source = sample[11].appendices[0].source
        assert source is not None
        summary = summarize_docx(source)
        assert [t for _, t in summary.headings] == [
            "Appendix 1: Monitoring Scrutiny Recommendations – 23 November 2023",
            "Children and Families Scrutiny Panel", "Scrutiny Monitoring – 23 November 2023"]
        table = summary.tables[0]
        assert table.rows[0] == ("Date", "Title", "Action proposed", "Action Taken",
                                 "Progress Status")
        assert table.header_rows[:2] == (True, False)
        assert len(table.rows) == 10
        assert table.rows[2][1:] == (
            "Children and Families Performance",
            "2) That, following a spike in sickness absence, the latest HR report summarising "
            "the reasons for staff absence in Children’s Services is circulated to the Panel.",
            "Attached as Appendix 2", "Complete")
        assert [r[4] for r in table.rows[1:]].count("Partially complete") == 1

    def it_prints_the_glossary(self, sample: dict[int, ReportParts]) -> None:
        source = sample[10].appendices[1].source
        assert source is not None
        summary = summarize_docx(source)
        assert [t for level, t in summary.headings if level <= 2] == [
            "Appendix 2: Children and Learning Glossary", "Acronyms", "Terms", "Sources"]
        assert summary.tables[0].rows[1] == ("ADM", "Agency decision maker")
        assert "Care Order" in [t for level, t in summary.headings if level == 3]
        assert "• " not in "".join(texts(summary, "List Bullet"))

    def it_carries_the_deck_without_a_file_and_external_files_as_docx(
            self, sample: dict[int, ReportParts]) -> None:
        deck = sample[10].appendices[2]
        assert (deck.kind, deck.source) == ("deck", None)
        sample_file = sample[7].appendices[0]
        assert sample_file.source is not None and sample_file.source.suffix == ".docx"
        summary = summarize_docx(sample_file.source)
        assert summary.headings[0] == (1, "Appendix 1: Terms of reference")
        assert any("SAMPLE" in p.text for p in summary.paragraphs)

    def it_appends_every_appendix_to_the_item_document(
            self, sample: dict[int, ReportParts]) -> None:
        combined = summarize_docx(sample[7].docx)
        appendix_titles = [t for level, t in combined.headings
                           if level == 1 and t.startswith("Appendix")]
        assert appendix_titles == ["Appendix 1: Terms of reference",
                                   "Appendix 2: Finance report",
                                   "Appendix 3: Draft Improvement Plan",
                                   "Appendix 4: Sample assurance clinic report",
                                   "Appendix 5: Sample audit report"]
        assert len(combined.orientations) == 6


class DescribeTheCommand:
    def it_writes_one_report_and_says_so(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
        monkeypatch.setenv("COLUMNS", "1000")
        monkeypatch.setenv("BUILDER_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.setattr(sys, "argv", ["builder", "report", str(SAMPLE), "--item", "11",
                                          "--out", str(tmp_path / "out")])
        with pytest.raises(SystemExit) as caught:
            main()
        assert caught.value.code in (0, None)
        out = capsys.readouterr().out
        assert f"wrote {tmp_path / 'out' / 'item-11-monitoring-scrutiny-recommendations.docx'}" \
            in out
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
            "item-11-monitoring-scrutiny-recommendations.docx", "parts"]
        assert len(list((tmp_path / "out" / "parts").iterdir())) == 4

    def it_names_the_valid_items_when_asked_for_another(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> None:
        monkeypatch.setenv("COLUMNS", "1000")
        monkeypatch.setattr(sys, "argv", ["builder", "report", str(SAMPLE), "--item", "9",
                                          "--out", str(tmp_path / "out")])
        with pytest.raises(SystemExit) as caught:
            main()
        assert caught.value.code == 2
        err = capsys.readouterr().err
        assert "agenda item 9 is not a report" in err  # a supplied paper
        assert "valid: 7, 10, 11" in err
        assert not (tmp_path / "out").exists()


@pytest.mark.libreoffice
class DescribeInLibreOffice:
    def it_converts_a_report_to_a_pdf_that_reads_like_the_published_one(
            self, sample: dict[int, ReportParts], tmp_path: Path) -> None:
        from builder.assemble.convert import convert_to_pdf

        source = sample[11].docx
        pdf = convert_to_pdf([source], tmp_path, timeout=120)[source]
        reader = PdfReader(pdf)
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert len(reader.pages) >= 4
        assert "SUBJECT:" in text and "MONITORING SCRUTINY RECOMMENDATIONS" in text
        assert "9. None" in " ".join(text.split()) or "9.\tNone" in text
        assert "Scrutiny Monitoring – 23 November 2023" in text
        assert reader.metadata is not None
        assert reader.metadata.title == "Monitoring Scrutiny Recommendations"


def it_lists_ahead_every_chart_the_dataset_appendix_draws(tmp_path: Path) -> None:
    """A build draws ``dataset_charts`` ahead: rendering the reports then draws none more."""
    checked = check_meeting(SAMPLE, allow_outside=OUTSIDE)
    specs = dataset_charts(checked.inputs, checked.model)
    charts = tmp_path / "charts"
    draw_charts(specs, charts)
    ahead = sorted(p.name for p in charts.glob("*.png"))
    waited: list[bool] = []
    build_reports(checked.inputs, tmp_path / "out", checked.model, chart_cache=charts,
                  charts_drawn=lambda: waited.append(True))
    assert sorted(p.name for p in charts.glob("*.png")) == ahead
    assert len(ahead) == len({chart_name(s) for s in specs}) > 0  # a chart in two themes: once
    assert waited == [True]  # once, for the one dataset appendix
