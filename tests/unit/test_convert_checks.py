"""What conversion checks before LibreOffice runs (no LibreOffice needed)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from builder.assemble.convert import LibreOffice, convert_to_pdf, export_filter
from builder.assemble.office import find_soffice
from builder.errors import AssemblyError


class DescribeExportFilter:
    def it_asks_for_a_tagged_pdf_that_shows_its_title(self) -> None:
        kind, name, options = export_filter(".docx").split(":", 2)
        data = json.loads(options)
        assert (kind, name) == ("pdf", "writer_pdf_Export")
        assert data["UseTaggedPDF"] == {"type": "boolean", "value": "true"}
        assert data["DisplayPDFDocumentTitle"] == {"type": "boolean", "value": "true"}

    def it_uses_the_impress_filter_for_a_deck(self) -> None:
        assert export_filter(".pptx").startswith("pdf:impress_pdf_Export:{")


class DescribeMissingLibreOffice:
    def it_says_which_debian_packages_to_install(self, monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
        monkeypatch.delenv("BUILDER_SOFFICE", raising=False)
        monkeypatch.setenv("PATH", str(tmp_path))
        with pytest.raises(AssemblyError, match="not installed") as caught:
            find_soffice()
        assert "libreoffice-writer-nogui libreoffice-impress-nogui" in caught.value.hint

    def it_names_a_wrong_builder_soffice(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("BUILDER_SOFFICE", "/nowhere/soffice")
        with pytest.raises(AssemblyError, match="/nowhere/soffice"):
            find_soffice()


class DescribeSourceChecks:
    """Files are checked before LibreOffice sees them: it would import a non-zip as text."""

    def convert(self, sources: list[Path], tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> AssemblyError:
        monkeypatch.setenv("BUILDER_SOFFICE", "true")  # never reached: the check comes first
        with pytest.raises(AssemblyError) as caught, LibreOffice(instances=1) as office:
            office.submit(sources, tmp_path / "out")
        return caught.value

    def it_lists_every_bad_file_at_once(self, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
        text = tmp_path / "notes.txt"
        text.write_text("hello", encoding="utf-8")
        garbage = tmp_path / "report.docx"
        garbage.write_bytes(b"this is not a zip file")
        error = self.convert([text, garbage, tmp_path / "gone.pptx"], tmp_path, monkeypatch)
        assert error.message == "cannot convert these files to PDF (3 problems)"
        whats = {Path(p.file).name: p.what for p in error.problems}
        assert whats["notes.txt"] == "cannot convert a '.txt' file"
        assert whats["report.docx"].startswith("corrupt .docx file: not a valid Office (zip)")
        assert whats["gone.pptx"] == "file not found"

    def it_rejects_a_zip_that_is_not_a_word_document(self, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
        fake = tmp_path / "fake.docx"
        with zipfile.ZipFile(fake, "w") as archive:
            archive.writestr("hello.txt", "hi")
        error = self.convert([fake], tmp_path, monkeypatch)
        assert error.problems[0].what == "corrupt .docx file: it has no 'word/document.xml'"

    def it_rejects_a_pdf_that_is_not_one(self, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
        fake = tmp_path / "fake.pdf"
        fake.write_bytes(b"<html>")
        assert self.convert([fake], tmp_path, monkeypatch).problems[0].what == "not a PDF file"

    def it_needs_an_open_session(self, tmp_path: Path) -> None:
        with pytest.raises(AssemblyError, match="not open"):
            LibreOffice().submit([], tmp_path)


def test_convert_to_pdf_copies_a_pdf_through_without_office_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # no .docx/.pptx: one instance is started (of a stand-in program) and the PDF copied
    monkeypatch.setenv("BUILDER_SOFFICE", "true")
    source = tmp_path / "paper.pdf"
    source.write_bytes(b"%PDF-1.4\n%%EOF\n")
    made = convert_to_pdf([source], tmp_path / "out")
    assert made == {source: tmp_path / "out" / "paper.pdf"}
    assert made[source].read_bytes() == source.read_bytes()


HANGING_OFFICE = """#!/bin/sh
# a stand-in for soffice: the instance opens its keep-alive file (LibreOffice then writes a lock
# file beside it) and stays up; a conversion call never finishes
for arg in "$@"; do
  case "$arg" in
    *keepalive.txt) touch "$(dirname "$arg")/.~lock.keepalive.txt#" ;;
  esac
done
exec sleep 600
"""


def test_a_conversion_that_hangs_is_killed_retried_once_and_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    office = tmp_path / "soffice"
    office.write_text(HANGING_OFFICE, encoding="utf-8")
    office.chmod(0o755)
    monkeypatch.setenv("BUILDER_SOFFICE", str(office))
    paper = tmp_path / "paper.docx"
    with zipfile.ZipFile(paper, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")

    with pytest.raises(AssemblyError) as caught, LibreOffice(timeout=0.5, instances=1) as session:
        folder = session.workers[0].instance.folder
        session.convert([paper], tmp_path / "out")

    problem = caught.value.problems[0]
    assert (problem.file, problem.what) == (
        str(paper), "LibreOffice did not finish within 0.5 s (tried twice)")
    assert "--timeout" in caught.value.hint
    assert not folder.exists()  # the private profile is removed with the session
