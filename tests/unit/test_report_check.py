"""``builder check-report``: a supplied Word report against the committee-report format
(format-spec A.1, A.3). Each defect is planted in a copy of a report rendered by the real
template, which itself yields no findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from builder.config.report_format import variant_format
from builder.inspection.report_check import ItemAppendices, blocking, check_report
from builder.inspection.report_document import Finding
from tests.unit.report_samples import (
    edited,
    paragraph,
    remove,
    unnumber,
)

FORMAT = variant_format("2023")
SEND = ItemAppendices(count=3, exempt=(2, 3))


def findings(path: Path, check: str, item: ItemAppendices = SEND) -> list[Finding]:
    return [f for f in check_report(path, FORMAT, item) if f.check == check]


def planted(published: Path, tmp_path: Path, edit: Any, check: str,
            item: ItemAppendices = SEND) -> list[Finding]:
    return findings(edited(published, tmp_path / "planted.docx", edit), check, item)


class DescribeThePublishedFormat:
    def it_finds_nothing_in_a_report_rendered_by_the_template(self, published: Path) -> None:
        assert check_report(published, FORMAT, SEND) == []

    def it_takes_the_appendices_from_the_report_when_the_item_is_not_given(
            self, published: Path) -> None:
        assert check_report(published, FORMAT) == []

    def it_names_the_headings_of_the_other_variant(self, published: Path) -> None:
        found = [str(f) for f in check_report(published, variant_format("2017"), SEND)]
        assert any("‘Privacy Impact Assessment’ is missing; did you mean" in f and
                   "Data Protection Impact Assessment" in f for f in found)


class DescribeHeadings:
    def it_suggests_the_renamed_heading(self, published: Path, tmp_path: Path) -> None:
        def rename(doc: Any) -> None:
            paragraph(doc, "BRIEF SUMMARY").runs[0].text = "SUMMARY"
        (found,) = planted(published, tmp_path, rename, "heading")
        assert "‘BRIEF SUMMARY’ is missing; did you mean this one" in found.what
        assert (found.text, found.paragraph) == ("SUMMARY", 14)

    def it_lists_a_missing_heading(self, published: Path, tmp_path: Path) -> None:
        def drop(doc: Any) -> None:
            remove(paragraph(doc, "RISK MANAGEMENT IMPLICATIONS"))
        (found,) = planted(published, tmp_path, drop, "heading")
        assert found.what == ("heading ‘RISK MANAGEMENT IMPLICATIONS’ is missing "
                              "(committee report, 2023 template)")
        assert found.paragraph is None

    def it_finds_a_heading_out_of_order(self, published: Path, tmp_path: Path) -> None:
        def move(doc: Any) -> None:
            risk, legal = paragraph(doc, "RISK MANAGEMENT"), paragraph(doc, "LEGAL IMPLICATIONS")
            legal._p.addprevious(risk._p)
        found = planted(published, tmp_path, move, "heading")
        assert [f.what for f in found] == ["heading ‘RISK MANAGEMENT IMPLICATIONS’ is out of "
                                           "order: it should come after ‘Other Legal "
                                           "Implications:’"]


class DescribeParagraphNumbering:
    def it_finds_a_number_typed_by_hand(self, published: Path, tmp_path: Path) -> None:
        def type_it(doc: Any) -> None:
            unnumber(paragraph(doc, "The 2022-2030 Corporate Plan"), "14.\t")
        (found,) = planted(published, tmp_path, type_it, "numbering")
        assert found.paragraph == 58
        assert found.text.startswith("14. The 2022-2030 Corporate Plan")
        assert "typed by hand" in found.what

    def it_finds_a_typed_number_beside_word_numbering(self, published: Path,
                                                      tmp_path: Path) -> None:
        def type_it(doc: Any) -> None:
            unnumber(paragraph(doc, "Attached as Appendix 1"), "4.\t")
        found = planted(published, tmp_path, type_it, "numbering")
        assert [(f.paragraph, f.what) for f in found] == [
            (25, "paragraph number typed by hand; use the template's Word numbering"),
            (26, "number 4 is repeated")]

    def it_finds_a_skip(self, published: Path, tmp_path: Path) -> None:
        found = planted(published, tmp_path, lambda doc: restart_at(doc, 10), "numbering")
        assert [(f.paragraph, f.what) for f in found] == [(48, "numbering skips from 8 to 10")]

    def it_finds_a_restart(self, published: Path, tmp_path: Path) -> None:
        found = planted(published, tmp_path, lambda doc: restart_at(doc, 1), "numbering")
        assert [(f.paragraph, f.what) for f in found] == [
            (48, "numbering restarts at 1 after 8")]


def restart_at(doc: Any, start: int) -> None:
    """Number the RESOURCE paragraph from ``start`` with a new list instance, as Word does
    when an author picks 'Restart numbering' or 'Set numbering value'."""
    later = paragraph(doc, "An overview is provided")
    style_num = later.style.element.pPr.numPr.numId.val
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(0).add_startOverride(start)
    later._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num.numId


class DescribeRecommendations:
    def it_wants_roman_numbers(self, published: Path, tmp_path: Path) -> None:
        def arabic(doc: Any) -> None:
            unnumber(paragraph(doc, "That the Panel consider"), "1. ")
        (found,) = planted(published, tmp_path, arabic, "recommendations")
        assert found.what == "recommendation not in (i), (ii) form; expected (i)"
        assert found.paragraph == 17


class DescribeAppendices:
    def it_finds_a_reference_to_an_appendix_the_item_lacks(self, published: Path,
                                                         tmp_path: Path) -> None:
        def refer(doc: Any) -> None:
            paragraph(doc, "An overview is provided").runs[0].text += " See Appendix 4."
        (found,) = planted(published, tmp_path, refer, "appendices")
        assert found.what == "refers to Appendix 4, but the item has 3 appendices"
        assert found.paragraph == 48

    def it_compares_the_exempt_appendices_with_the_statement_both_ways(
            self, published: Path) -> None:
        found = [f.what for f in findings(published, "exempt appendices",
                                          ItemAppendices(3, (1, 2)))]
        assert found == [
            "Appendix 1 is exempt on the agenda but the Appendices list does not say ‘Exempt’",
            "Appendix 3 is not exempt on the agenda but the Appendices list says ‘Exempt’",
            "Appendix 1 is exempt but the statement of confidentiality does not name it",
            "the statement of confidentiality names Appendix 3, which is not exempt"]


class DescribeBlocking:
    def it_blocks_on_hidden_text_but_not_on_a_name_in_the_metadata(
            self, published: Path, tmp_path: Path) -> None:
        def both(doc: Any) -> None:
            doc.core_properties.author = "Jo Bloggs"
            paragraph(doc, "An overview").add_run(" draft").font.hidden = True
        found = check_report(edited(published, tmp_path / "both.docx", both), FORMAT, SEND)
        assert {f.check for f in found} == {"metadata", "hidden text"}
        assert [f.check for f in blocking(found)] == ["hidden text"]


class DescribeFiles:
    def it_reports_an_unreadable_file_as_an_error(self, tmp_path: Path) -> None:
        bad = tmp_path / "bad.docx"
        bad.write_bytes(b"not a zip")
        (found,) = check_report(bad, FORMAT)
        assert found.severity == "error" and "not a valid Office (zip) file" in found.what




class DescribeAccessibility:
    def it_carries_the_builder_check_issues_as_warnings(self, published: Path,
                                                        tmp_path: Path) -> None:
        def untitle(doc: Any) -> None:
            doc.core_properties.title = ""
        found = planted(published, tmp_path, untitle, "accessibility")
        assert [(f.where, f.what, f.severity) for f in found] == [
            ("core properties", "no document title", "warning")]


def wrap_in_content_control(first: Any, count: int) -> None:
    """Put ``count`` body paragraphs from ``first`` inside one block-level content control."""
    body = first._p.getparent()
    start = body.index(first._p)
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(OxmlElement("w:sdtPr"))
    sdt.append(content)
    moved = list(body)[start:start + count]
    body.insert(start, sdt)
    for element in moved:
        content.append(element)


class DescribeContentControls:
    def it_reads_headings_and_numbering_inside_a_content_control(self, published: Path,
                                                                  tmp_path: Path) -> None:
        def wrap(doc: Any) -> None:
            wrap_in_content_control(paragraph(doc, "BRIEF SUMMARY"), 4)
        assert check_report(edited(published, tmp_path / "sdt.docx", wrap), FORMAT, SEND) == []

    def it_finds_guidance_left_inside_a_content_control(self, published: Path,
                                                        tmp_path: Path) -> None:
        def leave(doc: Any) -> None:
            guidance = paragraph(doc, "BRIEF SUMMARY")
            wrap_in_content_control(guidance, 2)
            body = doc.element.body
            first_inside = body.find(qn("w:sdt")).find(qn("w:sdtContent"))[1]
            first_inside.append(edited_run("[Insert a summary]"))
        (found,) = planted(published, tmp_path, leave, "guidance")
        assert (found.paragraph, found.what) == (15, "template guidance or placeholder ‘[insert’")


def edited_run(text: str) -> Any:
    run, t = OxmlElement("w:r"), OxmlElement("w:t")
    t.text = text
    run.append(t)
    return run


class DescribeFonts:
    def it_warns_of_a_font_this_machine_cannot_lay_the_paper_out_in(
            self, published: Path, tmp_path: Path) -> None:
        def restyle(doc: Any) -> None:
            paragraph(doc, "BRIEF SUMMARY").runs[0].font.name = "Nonexistent Grotesk"
        (found,) = planted(published, tmp_path, restyle, "font")
        assert found.severity == "warning" and "Nonexistent Grotesk" in found.what
        assert not blocking([found])

    def it_takes_the_metric_twins_for_word_s_fonts(self, published: Path, tmp_path: Path
                                                   ) -> None:
        """Setup installs Liberation, Carlito and Caladea: Arial, Times New Roman, Calibri and
        Cambria are laid out with Word's widths."""
        def restyle(doc: Any) -> None:
            runs = [run for p in doc.paragraphs for run in p.runs if run.text.strip()]
            for run, name in zip(runs, ("Arial", "Times New Roman", "Calibri", "Cambria"),
                                 strict=False):
                run.font.name = name
        assert planted(published, tmp_path, restyle, "font") == []
