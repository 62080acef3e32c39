"""Write the SAMPLE officer's Word report for agenda item 9 (SEND and home to school transport).

The report as an officer sends it to Democratic Services, written in the council's committee
report template (``builder/templates/committee_report.docx``: its styles give the Word numbering of
paragraphs and recommendations) with the text of the published report (format-spec A.3,
``002:4035-4225``). It carries one deliberately fixable defect, for ``builder check-report`` to
find: a reviewer's comment left in, and the drafting officer's name in the document properties.
``send-and-home-to-school-transport.cleaned.docx`` is the copy Democratic Services publish, made
as ``builder check-report FILE --fix`` makes it.

Re-run after editing: ``.venv/bin/python config/papers/make_samples.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from builder.config.report_format import variant_format
from builder.render.report_clean import clean_report, cleaned_name

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE.parent.parent / "builder" / "templates" / "committee_report.docx"
PAPER = HERE / "send-and-home-to-school-transport.docx"
COMMERCIAL = ("by virtue of category 3 paragraph 10.4 of the Access to Information Procedure "
              "Rules as set out in the Council’s Constitution. The information is exempt from "
              "publication because it relates to the financial and business affairs of both "
              "the Council and specified third parties and is commercially sensitive.")
ACRONYMS = [
    "SEND – Special educational needs and disabilities", "EHCP – Education, health and care plan",
    "SEN K – Special educational needs support required", "ASD – Autistic spectrum disorder",
    "SEMH – Social, emotional and mental health needs", "MLD – Moderate learning difficulties",
    "SLCN – Speech, language and communication needs", "SLD – Severe learning difficulties",
    "PD – Physical development difficulties",
    "PMLD – Profound and multiple learning difficulties", "HI – Hearing impaired",
    "VI – Visually impaired", "MSI – Multi-Sensory impairment",
    "RIBA – Royal Institute of British Architects",
    "Passivhaus – Buildings created to rigorous energy efficient design standards."]

# (style, text): the report from top to bottom
CONTENT: list[tuple[str, str]] = [
    ("Report Field", "DECISION-MAKER:\tCHILDREN AND FAMILIES SCRUTINY PANEL"),
    ("Report Field", "SUBJECT:\tSEND AND HOME TO SCHOOL TRANSPORT"),
    ("Report Field", "DATE OF DECISION:\t23 NOVEMBER 2023"),
    ("Report Field", "REPORT OF:\tSCRUTINY MANAGER"),
    ("Heading 1", "CONTACT DETAILS"),
    ("Contact Line", "Executive Director\tTitle\tExecutive Director – Corporate Services"),
    ("Contact Line", "\tName:\tMel Creighton\tTel:\t023 8083 3528"),
    ("Contact Line", "\tE-mail:\tMel.creighton@southampton.gov.uk"),
    ("Contact Line", "Author:\tTitle\tScrutiny Manager"),
    ("Contact Line", "\tName:\tMark Pirnie\tTel:\t023 8083 3886"),
    ("Contact Line", "\tE-mail:\tMark.pirnie@southampton.gov.uk"),
    ("Heading 1", "STATEMENT OF CONFIDENTIALITY"),
    ("Normal", f"Appendix 2 and Appendix 3 are not for publication {COMMERCIAL}"),
    ("Heading 1", "BRIEF SUMMARY"),
    ("Normal", "Appendices attached to this report identify the increasing number of children in "
               "Southampton with Special Educational Needs and Disabilities (SEND) and the "
               "challenges associated with transporting children with SEND to school and "
               "providing sufficient SEND places in schools within the city."),
    ("Heading 1", "RECOMMENDATIONS:"),
    ("Recommendation", "That the Panel consider the appended information on SEND pressures, the "
                       "SEND Capital Programme and home to school transport and the approaches "
                       "proposed to address the identified challenges."),
    ("Heading 1", "REASONS FOR REPORT RECOMMENDATIONS"),
    ("Numbered Paragraph", "To enable effective scrutiny of Children’s Services and Learning in "
                           "Southampton."),
    ("Heading 1", "ALTERNATIVE OPTIONS CONSIDERED AND REJECTED"),
    ("Numbered Paragraph", "None."),
    ("Heading 1", "DETAIL (Including consultation carried out)"),
    ("Numbered Paragraph", "At the 23 November meeting of the Panel the issues of SEND and home "
                           "to school transport will be considered.  The information provided "
                           "should be seen within the context of Southampton’s SEND Strategy "
                           "2022/2027:"),
    ("Follow-on Paragraph", "Southampton's Children and Young People's SEND Strategy 2022/27"),
    ("Numbered Paragraph", "Attached as Appendix 1 is the SEND Annual Review of current and "
                           "future needs.  This review is developed to help inform decisions "
                           "associated with SEND provision."),
    ("Numbered Paragraph", "Attached as Appendix 2 is a briefing paper considered at the 25 "
                           "September 2023 meeting of the Strategic Capital Board on the SEND "
                           "Capital Programme."),
    ("Numbered Paragraph", "Attached as Appendix 3 is a presentation delivered in April 2023 on "
                           "the outcomes of a review of the Council’s Home to School Transport "
                           "Service."),
    ("Heading 2", "Glossary of terms"),
    ("Numbered Paragraph", "The appended papers contain a number of acronyms:"),
    *(("List Bullet", acronym) for acronym in ACRONYMS),
    ("Numbered Paragraph", "The Cabinet Member for Children and Learning, and representatives "
                           "from the Children’s Services and Learning Senior Management Team and "
                           "the Place Directorate, have been invited to attend the meeting to "
                           "provide an overview of the key issues and to answer questions from "
                           "the Panel."),
    ("Heading 1", "RESOURCE IMPLICATIONS"),
    ("Heading 2", "Capital/Revenue/Property/Other"),
    ("Numbered Paragraph", "An overview is provided within the attached appendices."),
    ("Heading 1", "LEGAL IMPLICATIONS"),
    ("Heading 2", "Statutory power to undertake proposals in the report:"),
    ("Numbered Paragraph", "SEND Code of Practice\nChildren and Families Act 2014"),
    ("Numbered Paragraph", "The duty to undertake overview and scrutiny is set out in Part 1A "
                           "Section 9 of the Local Government Act 2000."),
    ("Heading 2", "Other Legal Implications:"),
    ("Numbered Paragraph", "None"),
    ("Heading 1", "RISK MANAGEMENT IMPLICATIONS"),
    ("Numbered Paragraph", "There are risks related to the adequacy of sufficient SEND provision, "
                           "the affordability of future provision and associated home to school "
                           "transport costs.  Through the implementation of the SEND Strategy, "
                           "the SEND Capital Programme and the review of home to school "
                           "transport the Council is seeking to mitigate these risks."),
    ("Heading 1", "POLICY FRAMEWORK IMPLICATIONS"),
    ("Numbered Paragraph", "The 2022-2030 Corporate Plan includes, as one of its four goals, "
                           "strong foundations for life where people are able to access and "
                           "maximise opportunities to truly thrive, Southampton will focus on "
                           "ensuring residents of all ages and backgrounds have strong "
                           "foundations for life."),
    ("Follow-on Paragraph", "By delivering consistently good outcomes for the city’s children "
                            "and young people, Southampton’s Children’s Services and Learning "
                            "Department will contribute to achieving this objective."),
    ("Report Field", "KEY DECISION?\tNo"),
    ("Report Field", "WARDS/COMMUNITIES AFFECTED:\tNone"),
    ("Heading 1", "SUPPORTING DOCUMENTATION"),
    ("Heading 2", "Appendices"),
    ("List Item", "1.\tSend Annual Review of Current and Future Needs to Inform Provision"),
    ("List Item", "2.\tExempt – SEND Capital Programme Briefing Paper"),
    ("List Item", "3.\tExempt – Home to School Transport Service Review"),
    ("Heading 2", "Documents In Members’ Rooms"),
    ("List Item", "1.\tNone"),
    ("Heading 2", "Equality Impact Assessment"),
    ("Normal", "Do the implications/subject of the report require an Equality and Safety Impact "
               "Assessment (ESIA) to be carried out?"),
    ("Normal", "No"),
    ("Heading 2", "Data Protection Impact Assessment"),
    ("Normal", "Do the implications/subject of the report require a Data Protection Impact "
               "Assessment (DPIA) to be carried out?"),
    ("Normal", "No"),
    ("Heading 2", "Other Background Documents"),
    ("Normal", "Other Background documents available for inspection at:"),
]
BACKGROUND = (("Title of Background Paper(s)",
               "Relevant Paragraph of the Access to Information Procedure Rules / Schedule 12A "
               "allowing document to be Exempt/Confidential (if applicable)"),
              ("1.\tSouthampton's Children and Young People's SEND Strategy 2022/27", ""))


def write_report(path: Path) -> None:
    doc = Document(str(TEMPLATE))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for style, text in CONTENT:
        paragraph = doc.add_paragraph(style=style)
        for n, line in enumerate(text.split("\n")):
            if n:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
    table = doc.add_table(rows=2, cols=2, style="Report Table")
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row, texts in zip(table.rows, BACKGROUND, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    # the defect: a reviewer's comment left in, and the drafter's name in the properties
    overview = next(p for p in doc.paragraphs if p.text.startswith("An overview"))
    doc.add_comment(overview.runs, "Can we give the budget figures here? – SK",
                    author="Sam Kent", initials="SK")
    props: Any = doc.core_properties
    props.title = "SEND and Home to School Transport"
    props.subject = "Children and Families Scrutiny Panel"
    props.language = "en-GB"
    props.author = "Sam Kent"
    props.last_modified_by = "Mark Pirnie"
    props.keywords = ""
    props.created = props.modified = dt.datetime(2023, 11, 10, 9, 0)
    props.revision = 3
    doc.save(str(path))


def main() -> None:
    write_report(PAPER)
    print(f"wrote {PAPER}")
    cleaned = clean_report(PAPER, cleaned_name(PAPER), variant_format("2023"))
    print(f"wrote {cleaned.path} (removed {', '.join(cleaned.removed)})")


if __name__ == "__main__":
    main()
