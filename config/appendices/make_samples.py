"""Write the SAMPLE external appendices of the 23 November 2023 and 5 January 2017 meetings.

The published appendices of these reports are not in the reference extraction (or are long
third-party documents), so the sample meeting carries short, clearly labelled stand-ins.
Re-run after editing: ``.venv/bin/python config/appendices/make_samples.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
NOTICE = ("SAMPLE – this is a short stand-in for the published appendix, which is not part of "
          "the reference material. It exists so that the sample meeting can be built end to end.")

SAMPLES: dict[str, tuple[str, list[str], tuple[list[str], list[list[str]]] | None]] = {
    "b4b-1-terms-of-reference.docx": (
        "Building for Brilliance Board – Terms of reference (SAMPLE)",
        ["Purpose: the Board oversees the service's improvement priorities, the quality of "
         "practice and performance against key service delivery and finance indicators.",
         "Membership, frequency of meetings and reporting lines would be set out here."],
        None),
    "b4b-2-finance-report.docx": (
        "Finance report to the Building for Brilliance Board (SAMPLE)",
        ["An example of the finance report presented to the Board would appear here."],
        (["Area", "Budget", "Forecast", "Variance"],
         [["Sample line A", "£0", "£0", "£0"], ["Sample line B", "£0", "£0", "£0"]])),
    "b4b-3-draft-improvement-plan.docx": (
        "Draft Improvement Plan (SAMPLE)",
        ["The draft improvement plan, organised by the six Building for Brilliance priorities, "
         "would appear here."],
        None),
    "b4b-4-assurance-clinic-report.docx": (
        "Assurance clinic report (SAMPLE)",
        ["An example assurance clinic report would appear here."],
        None),
    "b4b-5-audit-report.docx": (
        "Audit report (SAMPLE)",
        ["An example practice audit report would appear here."],
        None),
    "send-1-annual-review.docx": (
        "SEND Annual Review of Current and Future Needs to Inform Provision (SAMPLE)",
        ["The annual review of the needs of children and young people with special "
         "educational needs and disabilities would appear here."],
        None),
    "send-2-capital-programme-briefing.docx": (
        "SEND Capital Programme Briefing Paper (SAMPLE, EXEMPT)",
        ["Not for publication. The briefing paper considered by the Strategic Capital Board "
         "would appear here."],
        None),
    "send-3-home-to-school-transport-review.docx": (
        "Home to School Transport Service Review (SAMPLE, EXEMPT)",
        ["Not for publication. The presentation on the outcomes of the service review would "
         "appear here."],
        None),
    "monitoring-2-staff-absence.docx": (
        "Staff Absence information (SAMPLE)",
        ["Absence reasons for Children and Learning. The figures below are placeholders, not "
         "published data."],
        (["Absence Reason", "Occasions of Absence", "No. of Days Lost"],
         [["Sample reason A", "0%", "0%"], ["Sample reason B", "0%", "0%"]])),
    "monitoring-3-schools-list.docx": (
        "Southampton Schools list (SAMPLE)",
        ["The list of Southampton schools by type would appear here. The rows below are "
         "placeholders."],
        (["DfE", "School", "Type", "Area"],
         [["000/0000", "Sample Primary School", "Maintained", "Central"],
          ["000/0001", "Sample Academy", "Academy – Trust", "East"]])),
    # the meeting of 5 January 2017 (config/meetings/2017-01-05.yaml)
    "lac-1-ks4-briefing-paper.docx": (
        "Briefing Paper - Provisional Headline KS4 GCSE results 2016 for LAC pupils looked "
        "after continuously for a year as at the 31st March 2016 (25/08/2016) (SAMPLE)",
        ["The briefing paper on the provisional 2016 Key Stage 4 results of looked after "
         "pupils, presented to the Panel in September 2016, would appear here."],
        None),
    "lac-2-headline-ks4-attainment.docx": (
        "Headline 2016 LAC KS4 attainment (SAMPLE)",
        ["The headline 2016 Key Stage 4 attainment of looked after pupils would appear here. "
         "The rows below are placeholders, not published data."],
        (["Measure", "Southampton LAC", "National LAC"],
         [["Sample measure A", "0.0", "0.0"], ["Sample measure B", "0%", "0%"]])),
    "care-leavers-1-performance-data.docx": (
        "Performance data for care leavers (SAMPLE)",
        ["The quarterly performance series for care leavers (suitable accommodation, keeping "
         "in touch, education, training and employment) would appear here. The rows below "
         "are placeholders, not published data."],
        (["Measure", "Q1 16/17", "Q2 16/17"],
         [["Sample measure A", "0%", "0%"], ["Sample measure B", "0%", "0%"]])),
}


def write(path: Path, title: str, paragraphs: list[str],
          table: tuple[list[str], list[list[str]]] | None) -> None:
    """One small document: a heading, the SAMPLE notice, paragraphs and an optional table."""
    doc = Document()
    doc.add_heading(title, level=1)
    doc.add_paragraph(NOTICE)
    for text in paragraphs:
        doc.add_paragraph(text)
    if table is not None:
        header, rows = table
        grid = doc.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, header, strict=True):
            cell.text = text
        tr_pr = grid.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
        for row in rows:
            for cell, text in zip(grid.add_row().cells, row, strict=True):
                cell.text = text
    props = doc.core_properties
    props.title = title
    props.language = "en-GB"
    props.author = "builder"  # a program, not a person: no personal-metadata warning
    fixed = dt.datetime(2023, 11, 15)
    props.created = props.modified = fixed
    props.revision = 1
    style = doc.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    style.append(lang)
    doc.save(str(path))


def main() -> None:
    for name, (title, paragraphs, table) in SAMPLES.items():
        write(HERE / name, title, paragraphs, table)


if __name__ == "__main__":
    main()
