"""``builder templates check``: every problem of a damaged Word template at once, with the part
and the paragraph around it, and a fix (issue 10). Fixture templates are made here."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from builder.config.templates import DEFAULT_DIR, FILE_NAMES
from builder.inspection.template_check import check_template
from builder.inspection.template_vars import REPORT, describe
from builder.render.word_common import document_from_template
from tests.cli_support import run_cli

REPORT_TEMPLATE = DEFAULT_DIR / FILE_NAMES["report"]


def template(path: Path, *paragraphs: str, header: str | None = None) -> Path:
    """A report template with the shipped styles and ``paragraphs`` as its body."""
    doc = document_from_template(REPORT_TEMPLATE)
    for text in paragraphs:
        doc.add_paragraph(text)
    if header is not None:
        doc.sections[0].header.paragraphs[0].text = header
    doc.save(str(path))
    return path


def edited_copy(tmp_path: Path, old: str, new: str) -> Path:
    """The shipped report template with ``old`` replaced by ``new`` in its body XML."""
    path = tmp_path / "edited.docx"
    with zipfile.ZipFile(REPORT_TEMPLATE) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            out.writestr(item, data)
    return path


def problems(path: Path, kind: str = "report") -> list[str]:
    return [str(p) for p in check_template(path, kind)]


class DescribeTheShippedTemplates:
    @pytest.mark.parametrize("kind", ["report", "front-sheet", "agenda", "minutes", "pack-page"])
    def it_finds_nothing_wrong(self, kind: str) -> None:
        assert problems(DEFAULT_DIR / FILE_NAMES[kind.replace("-", "_")], kind) == []


class DescribeADamagedTemplate:
    def it_names_a_deleted_required_field(self, tmp_path: Path) -> None:
        path = edited_copy(tmp_path, "{{ subject }}", "")
        assert problems(path) == [
            f"{path}: body: no tag uses 'subject' (SUBJECT, in capitals) (valid: put "
            "{{ subject }} back where it is printed (the default template shows where))"]

    def it_finds_an_unknown_name_in_a_branch_this_meeting_does_not_use(self, tmp_path: Path
                                                                      ) -> None:
        path = template(tmp_path / "t.docx", "{%p if variant == '2017' %}",
                        "Decision by {{ decison_maker }}", "{%p endif %}")
        assert (f"{path}: body, paragraph 'Decision by {{{{ decison_maker }}}}': unknown name "
                "'decison_maker' (valid: did you mean decision_maker)") in problems(path)

    def it_checks_attribute_paths_inside_loops(self, tmp_path: Path) -> None:
        path = template(tmp_path / "t.docx", "{{ director.nmae }}",
                        "{%p for block in detail %}", "{{ block.txt }}", "{%p endfor %}")
        found = problems(path)
        assert (f"{path}: body, paragraph '{{{{ director.nmae }}}}': unknown attribute 'nmae' "
                "(valid: did you mean name)") in found
        assert (f"{path}: body, paragraph '{{{{ block.txt }}}}': unknown attribute 'txt' "
                "(valid: did you mean text)") in found

    def it_places_an_unclosed_block_at_its_opening_tag(self, tmp_path: Path) -> None:
        path = template(tmp_path / "t.docx", "{%p if exempt_groups %}", "Exempt",
                        "{%p for r in recommendations %}", "{{ r }}", "{%p endfor %}",
                        "{{ subject }}")
        assert [p for p in problems(path) if "never closed" in p] == [
            f"{path}: body, tag {{%p if exempt_groups %}} in paragraph '{{%p if exempt_groups "
            "%}': {% if %} is never closed (valid: add {%p endif %} where the block ends "
            "(alone in its paragraph))"]

    def it_refuses_a_paragraph_tag_merged_with_a_heading(self, tmp_path: Path) -> None:
        # the {%p endif %} merged into the next paragraph would delete the heading
        path = template(tmp_path / "t.docx", "{%p if exempt_groups %}", "Exempt",
                        "{%p endif %}RECOMMENDATIONS:")
        assert [p for p in problems(path) if "replaces" in p] == [
            f"{path}: body, tag {{%p endif %}} in paragraph '{{%p endif %}}RECOMMENDATIONS:': "
            "the {%p %} tag replaces its whole paragraph, so the text 'RECOMMENDATIONS:' "
            "beside it would be lost (valid: put the tag alone in its own paragraph (press "
            "Enter before and after it))"]

    def it_names_the_header_part(self, tmp_path: Path) -> None:
        path = template(tmp_path / "t.docx", "{{ subject }}", header="{{ decison_maker }}")
        assert (f"{path}: header1.xml, paragraph '{{{{ decison_maker }}}}': unknown name "
                "'decison_maker' (valid: did you mean decision_maker)") in problems(path)

    def it_lists_every_missing_style_in_one_run(self, tmp_path: Path) -> None:
        path = tmp_path / "plain.docx"
        Document().save(str(path))
        missing = [p for p in problems(path) if "no style named" in p]
        assert len(missing) >= 10
        assert f"{path}: styles: no style named 'Report Field'" in missing[
            [m.split("(valid")[0].strip() for m in missing].index(
                f"{path}: styles: no style named 'Report Field'")]

    def it_checks_that_a_rag_style_gives_both_colours(self, tmp_path: Path) -> None:
        doc = Document(str(DEFAULT_DIR / FILE_NAMES["report"]))
        red = doc.styles["RAG Red"].element
        red.pPr.remove(red.pPr.find(qn("w:shd")))
        path = tmp_path / "t.docx"
        doc.save(str(path))
        assert [p for p in problems(path) if "RAG" in p] == [
            f"{path}: style 'RAG Red': no shading colour (the cell's fill) (valid: set one in "
            "Word: Modify Style > Format > Border > Shading)"]

    def it_never_hints_to_regenerate_the_template(self, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
        path = edited_copy(tmp_path, "{{ subject }}", "{{ subjcet }}")
        assert run_cli(monkeypatch, "templates", "check", str(path)) == 3
        err = capsys.readouterr().err
        assert "unknown name 'subjcet' (valid: did you mean subject)" in err
        assert "no tag uses 'subject'" in err
        assert "templates/src" not in err and "regenerate with" not in err.lower()

    def it_says_ok_for_a_usable_copy(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "ours.docx"
        shutil.copy(REPORT_TEMPLATE, path)
        assert run_cli(monkeypatch, "templates", "check", str(path)) == 0
        assert "is a usable report template" in capsys.readouterr().out

    def it_warns_of_a_font_this_machine_cannot_lay_the_template_out_in(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "ours.docx"
        doc = Document(str(REPORT_TEMPLATE))
        doc.styles["Normal"].font.name = "Nonexistent Grotesk"
        doc.save(str(path))
        assert run_cli(monkeypatch, "templates", "check", str(path)) == 0  # usable, but warned of
        captured = capsys.readouterr()
        assert "is a usable report template" in captured.out
        assert "warning: ours.docx: its text is set in Nonexistent Grotesk" in captured.err


class DescribeTheVariables:
    def it_lists_every_report_name_with_type_meaning_and_example(
            self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        assert run_cli(monkeypatch, "templates", "vars", "report") == 0
        lines = capsys.readouterr().out.splitlines()
        for name in REPORT:
            assert any(line.startswith(f"{name}  (") for line in lines), name
        assert "subject  (str)  SUBJECT, in capitals  e.g. \"PERFORMANCE OF CHILDREN'S " \
               "SERVICES\"" in lines
        assert any(line.startswith("director.email  (str)") for line in lines)
        assert any(line.startswith("detail[].text  (str)") for line in lines)

    def it_reads_the_pack_contexts_from_their_types(self) -> None:
        rows = {path: (type_, meaning) for path, type_, meaning, _ in describe("front-sheet")}
        assert rows["date_line"] == ("str", "'Thursday, 23 November 2023 at 5.30 pm'.")
        assert rows["members"][0] == "list[str]"

    def it_lists_the_decks_layouts_and_placeholders(self, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
        assert run_cli(monkeypatch, "templates", "vars", "deck") == 0
        assert "layout 'Chart': placeholders 'Title', 'Chart 1'" in capsys.readouterr().out
