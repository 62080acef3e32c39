"""What must not be published with an officer's Word file: tracked changes, comments, hidden
text, leftover guidance and personal metadata, each planted in a copy of a report rendered by
the real template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import RGBColor

from builder.config.report_format import variant_format
from builder.inspection.report_document import Finding, ReportDocument
from builder.inspection.report_hygiene import hygiene_findings
from tests.unit.report_samples import (
    CUSTOM_REL,
    CUSTOM_TYPE,
    CUSTOM_XML,
    edited,
    paragraph,
    track_deletion,
    track_insertion,
    with_company,
    with_part,
)

FORMAT = variant_format("2023")


def findings(path: Path, check: str) -> list[Finding]:
    return [f for f in hygiene_findings(ReportDocument(path), FORMAT) if f.check == check]


def planted(published: Path, tmp_path: Path, edit: Any, check: str) -> list[Finding]:
    return findings(edited(published, tmp_path / "planted.docx", edit), check)


class DescribeThePublishedReport:
    def it_has_nothing_to_remove(self, published: Path) -> None:
        assert hygiene_findings(ReportDocument(published), FORMAT) == []


class DescribeGuidance:
    def it_finds_placeholders_highlights_and_blue_guidance(self, published: Path,
                                                           tmp_path: Path) -> None:
        def leave(doc: Any) -> None:
            paragraph(doc, "None.").runs[0].text = "[Insert the options considered]"
            paragraph(doc, "An overview").add_run(" check with finance").font.highlight_color = \
                WD_COLOR_INDEX.YELLOW
            blue = paragraph(doc, "There are risks").add_run(" Guidance: list the risks")
            blue.font.color.rgb = RGBColor(0x00, 0x00, 0xFF)
        found = planted(published, tmp_path, leave, "guidance")
        assert [(f.paragraph, f.what) for f in found] == [
            (21, "template guidance or placeholder ‘[insert’"),
            (48, "highlighted text ‘check with finance’"),
            (56, "template guidance or placeholder ‘Guidance:’"),
            (56, "guidance-coloured text ‘Guidance: list the risks’")]
        assert all(f.severity == "error" for f in found)


class DescribeWhatMustNotBePublished:
    def it_finds_tracked_changes(self, published: Path, tmp_path: Path) -> None:
        def track(doc: Any) -> None:
            track_insertion(paragraph(doc, "An overview").add_run(" and in the budget"))
            track_deletion(paragraph(doc, "There are risks"), " which are small")
        found = planted(published, tmp_path, track, "tracked change")
        assert [(f.paragraph, f.what) for f in found] == [
            (48, "inserted 'and in the budget' by Jo Bloggs, not accepted or rejected"),
            (56, "deleted 'which are small' by Jo Bloggs, not accepted or rejected")]

    def it_finds_comments_with_their_author(self, published: Path, tmp_path: Path) -> None:
        def comment(doc: Any) -> None:
            doc.add_comment(paragraph(doc, "An overview").runs, "Is this still true?",
                            author="Jo Bloggs", initials="JB")
        (found,) = planted(published, tmp_path, comment, "comment")
        assert (found.paragraph, found.what, found.severity) == (
            48, "comment by Jo Bloggs: ‘Is this still true?’", "error")

    def it_finds_hidden_text(self, published: Path, tmp_path: Path) -> None:
        def hide(doc: Any) -> None:
            paragraph(doc, "An overview").add_run(" draft figure £2.1m").font.hidden = True
        (found,) = planted(published, tmp_path, hide, "hidden text")
        assert (found.paragraph, found.what) == (48, "hidden text ‘draft figure £2.1m’")

    def it_finds_text_hidden_by_a_character_or_paragraph_style(self, published: Path,
                                                               tmp_path: Path) -> None:
        def hide(doc: Any) -> None:
            doc.styles.add_style("Draft note", WD_STYLE_TYPE.CHARACTER).font.hidden = True
            based = doc.styles.add_style("Hidden base", WD_STYLE_TYPE.PARAGRAPH)
            based.font.hidden = True
            hidden = doc.styles.add_style("Working notes", WD_STYLE_TYPE.PARAGRAPH)
            hidden.base_style = based  # hidden through the style it is based on
            paragraph(doc, "An overview").add_run(" draft figure £2.1m", "Draft note")
            paragraph(doc, "There are risks").style = hidden
        run, styled = planted(published, tmp_path, hide, "hidden text")
        assert (run.paragraph, run.what) == (48, "hidden text ‘draft figure £2.1m’")
        assert styled.paragraph == 56 and styled.what.startswith("hidden text ‘There are risks")

    def it_leaves_a_run_shown_by_its_own_setting_in_a_hiding_style(self, published: Path,
                                                                  tmp_path: Path) -> None:
        def show(doc: Any) -> None:
            doc.styles.add_style("Draft note", WD_STYLE_TYPE.CHARACTER).font.hidden = True
            run = paragraph(doc, "An overview").add_run(" shown", "Draft note")
            run.font.hidden = False
        assert planted(published, tmp_path, show, "hidden text") == []

    def it_warns_of_names_and_custom_properties_in_the_metadata(self, published: Path,
                                                                tmp_path: Path) -> None:
        def names(doc: Any) -> None:
            doc.core_properties.author = "Jo Bloggs"
            doc.core_properties.last_modified_by = "Mark Pirnie"  # printed in the report
        named = edited(published, tmp_path / "named.docx", names)
        company = with_company(named, tmp_path / "company.docx", "Acme Consulting Ltd")
        custom = with_part(company, tmp_path / "custom.docx", "docProps/custom.xml",
                           CUSTOM_XML, CUSTOM_TYPE, CUSTOM_REL)
        metadata_findings = findings(custom, "metadata")
        found = [(f.where, f.what, f.severity) for f in metadata_findings]
        assert found == [
            ("docProps/core.xml", "author is ‘Jo Bloggs’", "warning"),
            ("docProps/app.xml", "company is ‘Acme Consulting Ltd’", "warning"),
            ("docProps/custom.xml", "custom property ‘DMS Owner’ is ‘jo.bloggs@example.gov.uk’",
             "warning")]
        assert all(f.severity == "warning" for f in metadata_findings)
