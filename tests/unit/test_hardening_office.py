"""Hostile Office and PDF inputs: DOCTYPE/XXE/entity bombs, corrupt and encrypted PDFs
(issue 15). Each is refused before any XML library or the pack opens it, naming the part, the
file and the YAML key."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfWriter

from builder.config.meeting import load_meeting
from builder.config.templates import DEFAULT_DIR as TEMPLATES
from builder.data.pdf_check import check_pdf
from builder.data.readers import read_values
from builder.data.safezip import check_office_zip
from builder.errors import ConfigError, DataError, TemplateError
from builder.pipeline.agenda import check_reports, report_items
from builder.pipeline.supplied import check_supplied
from builder.render.slides_template import open_template
from builder.render.word_template import check_template
from tests.conftest import CONFIG
from tests.unit.test_paper_config import with_paper, written
from tests.unit.test_readers import CATALOGUE, xlsx_file

XXE = ('<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n')
LAUGHS = ('<?xml version="1.0"?>\n<!-- <fake root> -->\n<!DOCTYPE lolz [<!ENTITY a "lol">'
          + "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
                    for a, b in zip("abcdefgh", "bcdefghi", strict=True)) + "]>\n")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("An appendix.")
    document.save(buffer)
    return buffer.getvalue()


def with_prolog(source: bytes | Path, part: str, prolog: str, out: Path) -> Path:
    """A copy of the package ``source`` whose ``part`` starts with ``prolog``."""
    data = source.read_bytes() if isinstance(source, Path) else source
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(out, "w") as copy:
        for info in original.infolist():
            body = original.read(info)
            if info.filename == part:
                declared = body.startswith(b"<?xml")
                body = prolog.encode() + (body.split(b"?>", 1)[1] if declared else body)
            copy.writestr(info, body)
    return out


class DescribeDoctypesInOfficeFiles:
    @pytest.mark.parametrize("prolog", [XXE, LAUGHS], ids=["xxe", "billion laughs"])
    def it_names_the_part_of_a_docx_with_a_doctype(self, tmp_path: Path, prolog: str) -> None:
        path = with_prolog(docx_bytes(), "word/document.xml", prolog, tmp_path / "a.docx")
        assert check_office_zip(path) == (
            "part 'word/document.xml' declares a DOCTYPE or entities, which Office files never "
            "need (refused: XXE and entity bombs)")

    def it_passes_an_ordinary_docx(self, tmp_path: Path) -> None:
        (tmp_path / "a.docx").write_bytes(docx_bytes())
        assert check_office_zip(tmp_path / "a.docx") is None

    def it_refuses_an_xlsx_with_a_doctype_as_a_data_error(self, tmp_path: Path) -> None:
        path = xlsx_file(tmp_path, "v.xlsx", [["indicator", "Oct-23"], ["contacts", 1]])
        path = with_prolog(path, "xl/worksheets/sheet1.xml", XXE, tmp_path / "bad.xlsx")
        with pytest.raises(DataError) as caught:
            read_values([path], CATALOGUE)
        assert "part 'xl/worksheets/sheet1.xml' declares a DOCTYPE" in str(caught.value)

    def it_refuses_a_deck_template_with_a_doctype(self, tmp_path: Path) -> None:
        path = with_prolog(TEMPLATES / "board_deck.pptx", "ppt/presentation.xml",
                           LAUGHS, tmp_path / "deck.pptx")
        with pytest.raises(TemplateError, match="part 'ppt/presentation.xml' declares"):
            open_template(path)

    def it_names_the_malformed_part_of_a_deck_template(self, tmp_path: Path) -> None:
        path = with_prolog(TEMPLATES / "board_deck.pptx", "ppt/slideLayouts/slideLayout2.xml",
                           "<?xml?><p:sldLayout><p:cSld>", tmp_path / "deck.pptx")
        with pytest.raises(TemplateError, match="part 'ppt/slideLayouts/slideLayout2.xml' is "
                                                "not well-formed XML"):
            open_template(path)


def meeting_with_appendix(tmp_path: Path, appendix: Path) -> Path:
    path = tmp_path / "meeting.yaml"
    text = (CONFIG / "meetings" / "2023-11-23.yaml").read_text(encoding="utf-8")
    text = text.replace("../appendices/b4b-2-finance-report.docx", str(appendix))
    path.write_text(text.replace("../", str(CONFIG) + "/"), encoding="utf-8")
    return path


def appendix_problem(tmp_path: Path, appendix: Path) -> tuple[str, str]:
    loaded = load_meeting(meeting_with_appendix(tmp_path, appendix))
    with pytest.raises(ConfigError) as caught:
        check_reports(loaded, report_items(loaded))
    [problem] = caught.value.problems
    return problem.where, problem.what


def pdf_bytes(password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class DescribeAppendicesAtValidation:
    def it_names_the_key_and_file_of_a_docx_appendix_with_a_doctype(self, tmp_path: Path
                                                                    ) -> None:
        path = with_prolog(docx_bytes(), "word/document.xml", XXE, tmp_path / "xxe.docx")
        where, what = appendix_problem(tmp_path, path)
        assert where.endswith(".appendices[1].path")
        assert what.startswith("xxe.docx: part 'word/document.xml' declares a DOCTYPE")

    def it_names_a_docx_appendix_that_is_not_well_formed(self, tmp_path: Path) -> None:
        path = with_prolog(docx_bytes(), "word/document.xml", "<?xml?><w:document><w:p>",
                           tmp_path / "cut.docx")
        where, what = appendix_problem(tmp_path, path)
        assert what.startswith("cut.docx: part 'word/document.xml' is not well-formed XML (")

    def it_names_an_encrypted_pdf_appendix(self, tmp_path: Path) -> None:
        path = tmp_path / "locked.pdf"
        path.write_bytes(pdf_bytes(password="secret"))
        where, what = appendix_problem(tmp_path, path)
        assert where.endswith(".appendices[1].path")
        assert what == "locked.pdf: is encrypted or password-protected"

    def it_names_a_corrupt_pdf_appendix(self, tmp_path: Path) -> None:
        path = tmp_path / "broken.pdf"
        path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
        where, what = appendix_problem(tmp_path, path)
        assert what.startswith("broken.pdf: is not a readable PDF")

    def it_passes_an_ordinary_pdf(self, tmp_path: Path) -> None:
        path = tmp_path / "ok.pdf"
        path.write_bytes(pdf_bytes())
        assert check_pdf(path) is None


class DescribeSuppliedPapersAtValidation:
    def it_names_the_key_of_a_paper_and_an_appendix_that_are_not_sound(self, tmp_path: Path
                                                                      ) -> None:
        cut = with_prolog(docx_bytes(), "word/document.xml", "<?xml?><w:document><w:p>",
                          tmp_path / "cut.docx")
        xxe = with_prolog(docx_bytes(), "word/document.xml", XXE, tmp_path / "xxe.docx")
        data = with_paper(file=str(cut))
        data["items"][1]["paper"]["appendices"][0]["file"] = str(xxe)
        with pytest.raises(ConfigError) as caught:
            check_supplied(load_meeting(written(tmp_path, data)))
        found = {p.where: p.what for p in caught.value.problems}
        assert found["items[1].paper.file"].startswith(
            "cut.docx: part 'word/document.xml' is not well-formed XML (")
        assert found["items[1].paper.appendices[0].file"].startswith(
            "xxe.docx: part 'word/document.xml' declares a DOCTYPE")


class DescribeWordTemplates:
    def it_refuses_a_template_whose_xml_is_not_well_formed(self, tmp_path: Path) -> None:
        path = with_prolog(TEMPLATES / "agenda.docx", "word/document.xml",
                           "<?xml?><w:document><w:body>", tmp_path / "agenda.docx")
        with pytest.raises(TemplateError, match="part 'word/document.xml' is not well-formed"):
            check_template(path)

    def it_refuses_a_template_with_a_doctype(self, tmp_path: Path) -> None:
        path = with_prolog(TEMPLATES / "agenda.docx", "word/document.xml", LAUGHS,
                           tmp_path / "agenda.docx")
        with pytest.raises(TemplateError, match="part 'word/document.xml' declares a DOCTYPE"):
            check_template(path)
