"""``check-report --fix``: the cleaned copy loses the planted defects and nothing else."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from builder.config.report_format import variant_format
from builder.inspection.report_document import ReportDocument
from builder.inspection.report_hygiene import hygiene_findings
from builder.render.report_clean import clean_report, cleaned_name
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
W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def document_text(path: Path) -> str:
    """Every w:t of word/document.xml, in order."""
    from lxml import etree
    with zipfile.ZipFile(path) as archive:
        tree = etree.fromstring(archive.read("word/document.xml"))
    return "".join(t.text or "" for t in tree.iter(W_T))


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def checks(path: Path) -> set[str]:
    return {f.check for f in hygiene_findings(ReportDocument(path), FORMAT)}


@pytest.fixture
def defective(published: Path, tmp_path: Path) -> Path:
    """The published report with a comment, hidden text, an author, a company and a custom
    property."""
    def plant(doc: Any) -> None:
        doc.add_comment(paragraph(doc, "An overview").runs, "Is this still true?",
                        author="Jo Bloggs", initials="JB")
        paragraph(doc, "There are risks").add_run(" draft figure £2.1m").font.hidden = True
        doc.core_properties.author = "Jo Bloggs"
    commented = edited(published, tmp_path / "commented.docx", plant)
    company = with_company(commented, tmp_path / "company.docx", "Acme Consulting Ltd")
    return with_part(company, tmp_path / "report.docx", "docProps/custom.xml", CUSTOM_XML,
                     CUSTOM_TYPE, CUSTOM_REL)


class DescribeTheCleanedCopy:
    def it_is_written_beside_the_original_by_default(self, tmp_path: Path) -> None:
        assert cleaned_name(tmp_path / "SEND report.docx") == tmp_path / "SEND report.cleaned.docx"

    def it_removes_comments_hidden_text_and_metadata(self, defective: Path) -> None:
        assert checks(defective) == {"comment", "hidden text", "metadata"}
        result = clean_report(defective, cleaned_name(defective), FORMAT)
        assert checks(result.path) == set()
        assert result.removed == ("1 comment mark", "1 hidden run", "1 comment", "author",
                                  "company", "custom properties")
        assert result.left == ()

    def it_removes_text_hidden_by_a_style(self, published: Path, tmp_path: Path) -> None:
        def plant(doc: Any) -> None:
            doc.styles.add_style("Draft note", WD_STYLE_TYPE.CHARACTER).font.hidden = True
            paragraph(doc, "There are risks").add_run(" draft figure £2.1m", "Draft note")
        source = edited(published, tmp_path / "styled.docx", plant)
        result = clean_report(source, cleaned_name(source), FORMAT)
        assert result.removed == ("1 hidden run",)
        assert checks(result.path) == set()
        assert "draft figure" not in document_text(result.path)

    def it_keeps_the_text_and_every_other_part(self, published: Path, defective: Path) -> None:
        before = parts(defective)
        cleaned = clean_report(defective, cleaned_name(defective), FORMAT).path
        after = parts(cleaned)
        assert document_text(cleaned) == document_text(published)
        assert sorted(before.keys() - after.keys()) == ["docProps/custom.xml",
                                                        "word/comments.xml"]
        changed = {n for n in after if after[n] != before[n]}
        assert changed == {"word/document.xml", "docProps/core.xml", "docProps/app.xml",
                           "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"}
        doc = Document(str(cleaned))
        assert doc.core_properties.author == ""
        assert doc.core_properties.title == "SEND and Home to School Transport"

    def it_never_touches_the_original(self, defective: Path, tmp_path: Path) -> None:
        digest = hashlib.sha256(defective.read_bytes()).hexdigest()
        clean_report(defective, tmp_path / "elsewhere" / "out.docx", FORMAT)
        assert hashlib.sha256(defective.read_bytes()).hexdigest() == digest
        with pytest.raises(ValueError, match="would replace the original"):
            clean_report(defective, defective, FORMAT)


class DescribeTrackedChanges:
    @pytest.fixture
    def tracked(self, published: Path, tmp_path: Path) -> Path:
        def track(doc: Any) -> None:
            track_insertion(paragraph(doc, "An overview").add_run(" and in the budget"))
            track_deletion(paragraph(doc, "There are risks"), " which are small")
        return edited(published, tmp_path / "tracked.docx", track)

    def it_leaves_them_for_the_author_unless_asked(self, tracked: Path) -> None:
        result = clean_report(tracked, cleaned_name(tracked), FORMAT)
        assert result.left == ("2 tracked changes (accept them with --accept-changes, or ask "
                               "the author)",)
        assert checks(result.path) == {"tracked change"}
        assert parts(result.path)["word/document.xml"] == parts(tracked)["word/document.xml"]

    def it_accepts_them_when_asked(self, published: Path, tracked: Path) -> None:
        result = clean_report(tracked, cleaned_name(tracked), FORMAT, accept_changes=True)
        assert result.removed == ("2 tracked changes accepted",)
        assert checks(result.path) == set()
        text = document_text(result.path)
        assert "which are small" not in text
        assert text == document_text(published).replace(
            "within the attached appendices.", "within the attached appendices. and in the "
            "budget")


class DescribeParagraphMarks:
    def it_joins_a_paragraph_whose_mark_was_deleted_and_keeps_an_inserted_one(
            self, tmp_path: Path) -> None:
        doc = Document()
        first, second = doc.add_paragraph("First half, "), doc.add_paragraph("second half.")
        doc.add_paragraph("Kept apart.")
        for para, kind in ((first, "w:del"), (second, "w:ins")):
            mark = OxmlElement(kind)
            mark.set(qn("w:id"), "1")
            mark.set(qn("w:author"), "Jo Bloggs")
            para._p.get_or_add_pPr().insert(0, _rpr(mark))
        source = tmp_path / "marks.docx"
        doc.save(str(source))
        assert checks(source) == {"tracked change"}
        cleaned = clean_report(source, tmp_path / "out.docx", FORMAT, accept_changes=True).path
        assert [p.text for p in Document(str(cleaned)).paragraphs] == [
            "First half, second half.", "Kept apart."]
        assert checks(cleaned) == set()

    def it_drops_a_paragraph_hidden_to_its_mark(self, tmp_path: Path) -> None:
        doc = Document()
        doc.add_paragraph("Shown.")
        hidden = doc.add_paragraph()
        hidden.add_run("Draft note.").font.hidden = True
        hidden._p.get_or_add_pPr().append(_rpr(OxmlElement("w:vanish")))
        source = tmp_path / "hidden.docx"
        doc.save(str(source))
        cleaned = clean_report(source, tmp_path / "out.docx", FORMAT).path
        assert [p.text for p in Document(str(cleaned)).paragraphs] == ["Shown."]


def _rpr(child: Any) -> Any:
    rpr = OxmlElement("w:rPr")
    rpr.append(child)
    return rpr
