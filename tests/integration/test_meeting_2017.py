"""The second embedded meeting, 5 January 2017 (config/meetings/2017-01-05.yaml: the 2017 report
variant, the November 2016 monthly dataset), built once with the real LibreOffice
(``builder build``) and its public pack read back against the published 2017 agenda pack:
agenda items, their numbers and order, each report's section headings in the 2017 order and
its paragraph numbering, and the dataset appendix as builder renders it today.

The published values below are those of the 2017 agenda pack (format-spec A.2, A.3, B.2, B.4,
C.3; line numbers ``004:N`` of its text extraction).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.inspection.docx_summary import DocxSummary, summarize_docx
from builder.inspection.pdf_summary import PdfSummary, summarize
from tests.conftest import CONFIG, FIXTURES
from tests.integration.test_reports import HEADINGS_2017

pytestmark = pytest.mark.libreoffice

MEETING = CONFIG / "meetings" / "2017-01-05.yaml"

# the agenda as published (004:191-240): number, title, description
AGENDA = (
    (1, "APOLOGIES AND CHANGES IN PANEL MEMBERSHIP (IF ANY)",
     "To note any changes in membership of the Panel made in accordance with Council Procedure "
     "Rule 4.3."),
    (2, "DECLARATION OF PARTY POLITICAL WHIP",
     "Members are invited to declare the application of any party political whip on any matter "
     "on the agenda and being scrutinised at this meeting."),
    (3, "DECLARATIONS OF SCRUTINY INTEREST",
     "Members are invited to declare any prior participation in any decision taken by a "
     "Committee, Sub-Committee, or Panel of the Council on the agenda and being scrutinised at "
     "this meeting."),
    (4, "STATEMENT FROM THE CHAIR", ""),
    (5, "MINUTES OF THE PREVIOUS MEETING (INCLUDING MATTERS ARISING)",
     "To approve and sign as a correct record the Minutes of the meetings held on 3 November "
     "2016 and to deal with any matters arising, attached."),
    (6, "EDUCATIONAL ATTAINMENT FOR LOOKED AFTER CHILDREN",
     "Report of the Service Lead for Education and Early Help providing information on "
     "educational attainment for Looked After Children in Southampton, attached."),
    (7, "UPDATE ON SERVICES FOR CARE LEAVERS IN SOUTHAMPTON",
     "Report of the Service Lead for Children's Social Care updating the Panel on services for "
     "care leavers in Southampton, attached."),
    (8, "CHILDREN AND FAMILIES - PERFORMANCE",
     "Report of the Service Director - Legal and Governance providing an overview of "
     "performance across Children and Families Services since November 2016, attached."),
    (9, "MONITORING SCRUTINY RECOMMENDATIONS",
     "Report of the Service Director Legal and Governance relating to recommendations made at "
     "previous meetings of the Panel, attached."),
)
ISSUE_LINE = "Thursday, 22 December 2016 SERVICE DIRECTOR, LEGAL AND GOVERNANCE"   # 004:243-244
# the 2017 order has no RISK MANAGEMENT IMPLICATIONS (format-spec A.2)
SECTIONS = HEADINGS_2017[HEADINGS_2017.index("RECOMMENDATIONS:") + 1:-1]
SUPPORTING_2017 = ("Appendices", "Documents In Members’ Rooms", "Equality Impact Assessment",
                   "Privacy Impact Assessment", "Other Background Documents")
# paragraph numbers per numbered section of each report, as printed
NUMBERS_2017 = {
    6: [[1], [2], list(range(3, 22)), [22, 23], [24, 25], [26]],     # 004:422-970
    7: [[1], [2], list(range(3, 14)), [14, 15], [16, 17], [18]],     # 004:1161-1302
    8: [[1], [2], [3, 4, 5], [6, 7], [8, 9], [10]],                  # 004:1440-1474
    9: [[1], [2], [3, 4], [5, 6], [7, 8], [9]],                      # 004:4392-4427
}
APPENDICES_2017 = {
    8: ["1. Children and Families Monthly Dataset – November 2016", "2. Glossary of terms"],
    9: ["1. Monitoring Scrutiny Recommendations – 5 January 2017"],
}
NUMBER = re.compile(r"^(\d{1,2})\.\s+\S")


@dataclass(frozen=True)
class Built:
    """The 2017 meeting's output folder and its public pack read back."""

    out: Path
    public: PdfSummary

    def pages_of(self, title: str) -> tuple[int, int]:
        """First and last page index of the bookmarked part ``title``."""
        marks = self.public.bookmarks
        n = next(n for n, b in enumerate(marks) if b.title == title)
        end = marks[n + 1].page if n + 1 < len(marks) else self.public.pages
        return marks[n].page, end

    def agenda_text(self) -> str:
        start, end = self.pages_of("Agenda")
        return " ".join(" ".join(self.public.texts[start:end]).split())

    def report_lines(self, item: int) -> list[str]:
        """The lines of agenda item ``item``'s report (without its appendices)."""
        marks = self.public.bookmarks
        head = next(n for n, b in enumerate(marks) if b.title.startswith(f"Agenda Item {item}:"))
        assert marks[head + 1].title == "Report"
        start = marks[head + 1].page
        end = marks[head + 2].page if head + 2 < len(marks) else self.public.pages
        text = "\n".join(self.public.texts[start:end])
        return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("meeting-2017") / "out"
    result = CliRunner().invoke(app, ["build", str(MEETING), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return Built(out, summarize(out / "agenda-pack-public.pdf", workers=2))


def numbers_by_section(lines: list[str]) -> list[list[int]]:
    """Paragraph numbers at the start of lines under each numbered section heading."""
    out: list[list[int]] = []
    for line in lines:
        if line in SECTIONS:
            out.append([])
        elif line == "SUPPORTING DOCUMENTATION":
            break
        elif out and (number := NUMBER.match(line)):
            out[-1].append(int(number.group(1)))
    return out


class DescribeTheAgenda:
    def it_lists_the_published_items_in_order_with_their_descriptions(self, built: Built
                                                                      ) -> None:
        text = built.agenda_text()
        found = [(int(m.group(1)), m.group(2)) for m in
                 re.finditer(r"(?<!\S)(\d) ([A-Z][A-Z ()'\-]+[A-Z)])(?= |$)", text)]
        assert found == [(number, title) for number, title, _ in AGENDA]
        for number, title, description in AGENDA:
            assert f"{number} {title}" in text
            assert description in text, number

    def it_closes_with_the_issue_line(self, built: Built) -> None:
        assert built.agenda_text().endswith(ISSUE_LINE)

    def it_gives_the_items_with_papers_page_ranges_that_start_on_odd_pages(
            self, built: Built) -> None:
        text = built.agenda_text()
        ranges = {}
        for number, title, _ in AGENDA:
            pages = re.search(rf"(?<!\S){number} {re.escape(title)} \(Pages (\d+) - (\d+)\)",
                              text)
            if pages:
                ranges[number] = (int(pages.group(1)), int(pages.group(2)))
        assert sorted(ranges) == [5, 6, 7, 8, 9]
        for number, (first, last) in ranges.items():
            assert first % 2 == 1 and last % 2 == 0, number
            stamped = built.public.page_labels.index(str(first))
            assert built.public.stamps[stamped].head == f"Agenda Item {number}"
        starts = [first for first, _ in ranges.values()]
        assert starts[0] == 1
        assert [last + 1 for _, last in ranges.values()][:-1] == starts[1:]

    def it_bookmarks_each_item_with_a_paper_by_number_and_title(self, built: Built) -> None:
        items = [b.title for b in built.public.bookmarks if b.level == 0][2:]
        assert items == [f"Agenda Item {n}: {t}" for n, t, _ in AGENDA if n >= 5]


class DescribeTheMinutes:
    def it_prints_the_3_november_2016_minutes_numbered_through_the_year(self, built: Built
                                                                         ) -> None:
        start, end = built.pages_of("Minutes")
        text = "\n".join(built.public.texts[start:end])
        assert "MINUTES OF THE MEETING HELD ON 3 NOVEMBER 2016" in text      # 004:251
        items = re.findall(r"^(\d)\. +([A-Z][A-Z \-]+)$", text, re.MULTILINE)
        assert [(int(n), t.strip()) for n, t in items] == [             # 004:259-379
            (5, "CHILD SEXUAL EXPLOITATION IN SOUTHAMPTON - UPDATE"),
            (6, "ELECTIVE HOME EDUCATION AND SAFEGUARDING ARRANGEMENTS"),
            (7, "CHILDREN AND FAMILIES PERFORMANCE"),
            (8, "MONITORING SCRUTINY RECOMMENDATIONS")]


class DescribeTheReports:
    @pytest.mark.parametrize("item", [6, 7, 8, 9])
    def it_has_the_2017_headings_in_order(self, built: Built, item: int) -> None:
        lines = built.report_lines(item)
        assert [line for line in lines if line in HEADINGS_2017] == list(HEADINGS_2017)
        assert "RISK MANAGEMENT IMPLICATIONS" not in lines
        supporting = lines[lines.index("SUPPORTING DOCUMENTATION"):]
        assert [line for line in supporting if line in SUPPORTING_2017] == list(SUPPORTING_2017)
        assert lines[1].startswith("SUBJECT: ") and lines[2] == "DATE OF DECISION: 5 JANUARY 2017"
        assert "KEY DECISION No" in lines
        assert "WARDS/COMMUNITIES AFFECTED: None directly as a result of this report" in lines

    @pytest.mark.parametrize("item", [6, 7, 8, 9])
    def it_numbers_paragraphs_as_published(self, built: Built, item: int) -> None:
        assert numbers_by_section(built.report_lines(item)) == NUMBERS_2017[item]

    @pytest.mark.parametrize("item", [8, 9])
    def it_lists_the_published_appendices(self, built: Built, item: int) -> None:
        lines = built.report_lines(item)
        start = lines.index("Appendices") + 1
        assert lines[start:lines.index("Documents In Members’ Rooms")] == APPENDICES_2017[item]

    def it_states_the_data_cut_off_of_the_performance_report(self, built: Built) -> None:
        text = " ".join(built.report_lines(8))
        assert "Performance information up to 30 November 2016 is attached as Appendix 1." in text
        assert "AUTHOR: Name: Mark Pirnie Tel: 023 8083 3886" in text      # author first (A.2)


class DescribeTheAcknowledgedCohortChange:
    def it_lists_the_lac11_outliers_as_acknowledged_not_as_warnings(self, built: Built) -> None:
        manifest = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["warnings"] == []
        assert [a.split(":")[0] for a in manifest["acknowledged"]] == [
            "[outlier] lac11_ql", "[outlier] lac11_ql_pct"]
        lines = (built.out / "build-warnings.txt").read_text(encoding="utf-8").splitlines()
        assert lines == manifest["acknowledged"]
        assert all("(acknowledged: Cohort changed in Nov-16" in line for line in lines)


@pytest.fixture(scope="module")
def dataset(built: Built) -> DocxSummary:
    report = built.out / "item-08-children-and-families-performance.docx"
    return summarize_docx(report)


@pytest.fixture(scope="module")
def printed() -> list[dict[str, str]]:
    with (FIXTURES / "cf_monthly_dataset_nov16.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class DescribeTheDatasetAppendix:
    """The Nov-16 dataset in the ``monthly-dataset-2016`` layout (spec C.3): 14 months, data
    owner and accountability, bare-integer changes, benchmarks and the month's commentary."""

    def it_prints_the_columns_of_the_2016_dataset(self, dataset: DocxSummary) -> None:
        header = dataset.tables[-1].rows[0]
        months = [f"{m}\u00a0{y}" for y, ms in (("15", ("Oct", "Nov", "Dec")), ("16", (
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov")))
            for m in ms]
        assert header == ("Ref", "Description", "Data owner", "Data accountability", *months,
                          "% change from Oct\u00a016", "% change from Nov\u00a015",
                          "12 month average", "12-mnth max value", "SN", "Nat.", "SE",
                          "November commentary")

    def it_keeps_the_printed_rows_in_their_printed_order(self, dataset: DocxSummary,
                                                         printed: list[dict[str, str]]) -> None:
        rows = dataset.tables[-1].rows[1:]
        assert [r[0] for r in rows] == [p["ref"] for p in printed]

    def it_prints_the_published_values_of_cp1(self, dataset: DocxSummary,
                                              printed: list[dict[str, str]]) -> None:
        cp1 = next(r for r in dataset.tables[-1].rows if r[0] == "CP1")
        source = printed[0]
        assert source["ref"] == "CP1"
        months = ["Oct 15", "Nov 15", "Dec 15", "Jan 16", "Feb 16", "Mar 16", "Apr 16",
                  "May 16", "Jun 16", "Jul 16", "Aug 16", "Sep 16", "Oct 16", "Nov 16"]
        assert cp1[4:18] == tuple(source[m] for m in months)
        assert list(cp1[18:20]) == [source["pct_change_prev_month"],
                                    source["pct_change_same_month_prev_year"]]
        assert cp1[20:22] == (source["avg_12m"], source["max_12m"])
        assert cp1[-4:-1] == (source["sn"], source["nat"], source["se"])
