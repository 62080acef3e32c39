"""Sandboxed Jinja in configuration strings and in the Word template (DESIGN 7)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from docx import Document

from builder import jinja_sandbox
from builder.compute.periods import Month
from builder.config.council import PackLabels
from builder.config.meeting import load_meeting
from builder.config.templates import DEFAULTS
from builder.errors import TemplateError
from builder.inspection.docx_summary import summarize_docx
from builder.inspection.template_vars import REPORT
from builder.present.report_context import period_text, report_context
from builder.render.word_common import CoreProperties
from builder.render.word_template import render_docx_template
from tests.conftest import CONFIG

TEMPLATE = DEFAULTS.report

CORE = CoreProperties("Title", "Author", dt.datetime(2023, 11, 15, 9))
PERIOD = {"period": period_text(Month(2023, 10))}


def render(text: str) -> str:
    return jinja_sandbox.render_text(text, PERIOD, "meeting.yaml", "items[8].report.detail[1]")


def make_template(path: Path, *paragraphs: str) -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


class DescribeConfigStrings:
    def it_renders_the_period_with_the_date_filters(self) -> None:
        assert render("up to {{ period.end | long_date }} is attached") == \
            "up to 31 October 2023 is attached"
        assert render("{{ period.end | upper_date }}; {{ period.name }}") == \
            "31 OCTOBER 2023; October 2023"

    def it_leaves_text_without_tags_alone(self) -> None:
        assert render("Children’s <b> & 'quoted'") == "Children’s <b> & 'quoted'"

    @pytest.mark.parametrize("probe", [
        "{{ cycler.__init__.__globals__ }}",
        "{{ period.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ range.__globals__ }}",
    ])
    def it_blocks_sandbox_escapes_with_a_template_error(self, probe: str) -> None:
        with pytest.raises(TemplateError) as caught:
            render(f"text {probe} text")
        problem = caught.value.problems[0]
        assert problem.file == "meeting.yaml"
        assert probe in problem.where
        assert "items[8].report.detail[1]" in problem.where
        assert "unsafe" in problem.what or "unknown name" in problem.what

    def it_names_an_unknown_name_and_its_tag(self) -> None:
        with pytest.raises(TemplateError) as caught:
            render("up to {{ periodd.end | long_date }}")
        problem = caught.value.problems[0]
        assert problem.where == "items[8].report.detail[1], tag {{ periodd.end | long_date }}"
        assert "'periodd' is undefined" in problem.what

    def it_names_a_syntax_error_and_its_tag(self) -> None:
        with pytest.raises(TemplateError) as caught:
            render("text {% if period %} no end")
        problem = caught.value.problems[0]
        assert problem.what.startswith("syntax error")
        assert "{% if period %}" in problem.where


class DescribeTheWordTemplate:
    def it_uses_no_name_the_report_context_does_not_provide(self) -> None:
        # a subset, not equality: an owner may drop a section from their template
        loaded = load_meeting(CONFIG / "meetings" / "2023-11-23.yaml")
        context = report_context(loaded, 8, Month(2023, 10), "{reason}", PackLabels())
        from docxtpl import DocxTemplate

        names = DocxTemplate(str(TEMPLATE)).get_undeclared_template_variables(
            jinja_sandbox.environment(autoescape=True))
        assert names <= set(context)

    def it_declares_every_name_the_report_context_provides(self) -> None:
        loaded = load_meeting(CONFIG / "meetings" / "2023-11-23.yaml")
        assert set(REPORT) == set(report_context(loaded, 8, Month(2023, 10), "{reason}",
                                                 PackLabels()))

    def it_reports_an_undeclared_variable_with_template_and_tag(self, tmp_path: Path) -> None:
        template = make_template(tmp_path / "bad.docx", "{{ subject }}",
                                 "Report of {{ reprot_of }} today")
        with pytest.raises(TemplateError) as caught:
            render_docx_template(template, {"subject": "S"}, CORE, tmp_path / "out.docx")
        problem = caught.value.problems[0]
        assert problem.file == str(template)
        assert problem.where == "body, paragraph 'Report of {{ reprot_of }} today'"
        assert problem.what == "unknown name 'reprot_of'"
        assert not (tmp_path / "out.docx").exists()

    def it_reports_a_syntax_error_with_template_and_tag(self, tmp_path: Path) -> None:
        template = make_template(tmp_path / "bad.docx", "{{ subject }}",
                                 "{% for x in subject %}{{ x }", "end")
        with pytest.raises(TemplateError) as caught:
            render_docx_template(template, {"subject": "S"}, CORE, tmp_path / "out.docx")
        problem = caught.value.problems[0]
        assert problem.file == str(template)
        # located at the opening tag, not at the document's last one
        assert problem.what == "{% for %} is never closed"
        assert problem.where.startswith("body, tag {% for x in subject %} in paragraph")

    def it_names_the_header_an_unknown_name_is_in(self, tmp_path: Path) -> None:
        doc = Document()
        doc.add_paragraph("{{ subject }}")
        doc.sections[0].header.paragraphs[0].text = "{{ decison_maker }}"
        doc.save(str(tmp_path / "h.docx"))
        with pytest.raises(TemplateError) as caught:
            render_docx_template(tmp_path / "h.docx", {"subject": "S", "decision_maker": "D"},
                                 CORE, tmp_path / "out.docx")
        [problem] = caught.value.problems
        assert (problem.where, problem.what, problem.valid) == (
            "header1.xml, paragraph '{{ decison_maker }}'", "unknown name 'decison_maker'",
            "did you mean decision_maker")

    def it_refuses_a_template_whose_subject_tag_was_deleted(self, tmp_path: Path) -> None:
        edited = tmp_path / "no-subject.docx"
        with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(edited, "w") as out:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "word/document.xml":
                    data = data.replace(b"{{ subject }}", b"")
                out.writestr(item, data)
        context = report_context(load_meeting(CONFIG / "meetings" / "2023-11-23.yaml"), 8,
                                 Month(2023, 10), "{reason}", PackLabels())
        with pytest.raises(TemplateError) as caught:
            render_docx_template(edited, context, CORE, tmp_path / "out.docx")
        assert [(p.where, p.what) for p in caught.value.problems] == [
            ("body", "no tag uses 'subject' (SUBJECT, in capitals)")]
        assert not (tmp_path / "out.docx").exists()

    def it_refuses_a_paragraph_tag_merged_into_a_heading_instead_of_deleting_it(
            self, tmp_path: Path) -> None:
        template = make_template(tmp_path / "m.docx", "{%p if subject %}", "{{ subject }}",
                                 "{%p endif %}RECOMMENDATIONS:")
        with pytest.raises(TemplateError) as caught:
            render_docx_template(template, {"subject": "S"}, CORE, tmp_path / "out.docx")
        assert "'RECOMMENDATIONS:' beside it would be lost" in caught.value.problems[0].what
        assert not (tmp_path / "out.docx").exists()

    def it_reports_a_missing_attribute_with_its_tag(self, tmp_path: Path) -> None:
        template = make_template(tmp_path / "bad.docx", "Name: {{ author.nmae }}")
        with pytest.raises(TemplateError) as caught:
            render_docx_template(template, {"author": {"name": "A"}}, CORE, tmp_path / "o.docx")
        assert caught.value.problems[0].where == "word/document.xml, tag {{ author.nmae }}"

    def it_blocks_a_probe_in_the_template(self, tmp_path: Path) -> None:
        template = make_template(tmp_path / "bad.docx",
                                 "{{ subject.__class__.__mro__[1].__subclasses__() }}")
        with pytest.raises(TemplateError) as caught:
            render_docx_template(template, {"subject": "S"}, CORE, tmp_path / "o.docx")
        assert "unsafe" in caught.value.problems[0].what

    def it_refuses_a_file_that_is_not_a_word_document(self, tmp_path: Path) -> None:
        template = tmp_path / "fake.docx"
        template.write_text("not a zip", encoding="utf-8")
        with pytest.raises(TemplateError, match="not a valid Office"):
            render_docx_template(template, {}, CORE, tmp_path / "o.docx")

    def it_renders_markup_characters_in_data_as_text(self, tmp_path: Path) -> None:
        template = make_template(tmp_path / "t.docx", "{{ subject }}")
        text = "<w:t>Tom & Jerry's \"quote\" </w:t>"
        out = tmp_path / "o.docx"
        render_docx_template(template, {"subject": text},
                           CoreProperties("Children's Services & <Learning>", "A",
                                          dt.datetime(2023, 11, 15)), out)
        summary = summarize_docx(out)
        assert summary.paragraphs[0].text == text
        assert summary.title == "Children's Services & <Learning>"
        assert summary.language == "en-GB"
