"""Normalised Office packages and PDF identities: same content, same bytes; still readable."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from builder.assemble.pdf_identity import fix_identity
from builder.render.reproducible import (
    ZIP_EPOCH,
    normalise_file,
    normalised,
    package_created,
    save_package,
)

MEETING = dt.datetime(2023, 11, 15, 9, 0)


def word(path: Path, text: str = "Hello") -> Path:
    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = dt.datetime(2023, 1, 2)
    doc.add_paragraph(text)
    doc.save(str(path))
    return path


def zipped(members: list[tuple[str, bytes]], when: tuple[int, ...]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, when), data)  # type: ignore[arg-type]
    return out.getvalue()


def workbook_bytes() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


class DescribeNormalised:
    def it_gives_the_same_bytes_whatever_the_save_time_and_order(self) -> None:
        members = [("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<doc/>"),
                   ("_rels/.rels", b"<Relationships/>")]
        one = zipped(members, (2024, 5, 6, 7, 8, 10))
        two = zipped(list(reversed(members)), (2025, 1, 1, 0, 0, 0))
        assert one != two
        assert normalised(one, MEETING) == normalised(two, MEETING)

    def it_puts_the_content_types_first_and_dates_every_member_from_the_document(self) -> None:
        package = zipped([("b.xml", b"<b/>"), ("_rels/.rels", b"<r/>"), ("a.xml", b"<a/>"),
                          ("[Content_Types].xml", b"<t/>")], (2024, 5, 6, 7, 8, 10))
        with zipfile.ZipFile(io.BytesIO(normalised(package, MEETING))) as archive:
            assert archive.namelist() == ["[Content_Types].xml", "_rels/.rels", "a.xml", "b.xml"]
            assert {i.date_time for i in archive.infolist()} == {(2023, 11, 15, 9, 0, 0)}
            assert archive.read("b.xml") == b"<b/>"

    def it_sets_the_core_dates_of_embedded_workbooks_too(self) -> None:
        package = zipped([("[Content_Types].xml", b"<t/>"),
                          ("ppt/embeddings/Sheet1.xlsx", workbook_bytes())], (2024, 5, 6, 7, 8, 10))
        with zipfile.ZipFile(io.BytesIO(normalised(package, MEETING))) as archive:
            inner = archive.read("ppt/embeddings/Sheet1.xlsx")
        with zipfile.ZipFile(io.BytesIO(inner)) as workbook:
            assert {i.date_time for i in workbook.infolist()} == {(2023, 11, 15, 9, 0, 0)}
            core = workbook.read("docProps/core.xml").decode()
        assert core.count("2023-11-15T09:00:00Z") == 2
        assert load_workbook(io.BytesIO(inner)).properties.created == MEETING


class DescribeSavePackage:
    def it_saves_a_word_document_that_opens_with_its_text_and_date(self, tmp_path: Path) -> None:
        doc = Document(str(word(tmp_path / "w.docx", "Same every time")))
        save_package(doc, tmp_path / "a.docx", MEETING)
        time.sleep(2.1)  # zip times have two-second steps
        save_package(doc, tmp_path / "b.docx", MEETING)
        assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
        again = Document(str(tmp_path / "a.docx"))
        assert [p.text for p in again.paragraphs] == ["Same every time"]
        utc = MEETING.replace(tzinfo=dt.UTC)
        assert again.core_properties.created == again.core_properties.modified == utc

    def it_dates_a_package_as_it_declares_itself_when_given_no_date(self, tmp_path: Path
                                                                     ) -> None:
        path = word(tmp_path / "w.docx")
        normalise_file(path)
        assert package_created(path) == dt.datetime(2023, 1, 2)
        with zipfile.ZipFile(path) as archive:
            assert archive.infolist()[0].date_time == (2023, 1, 2, 0, 0, 0)

    def it_saves_a_workbook_with_the_given_date_instead_of_the_save_time(self, tmp_path: Path
                                                                          ) -> None:
        save_package(Workbook(), tmp_path / "w.xlsx", MEETING)
        props = load_workbook(tmp_path / "w.xlsx").properties
        assert props.created == props.modified == MEETING

    def it_knows_no_date_for_a_file_that_is_not_a_package(self, tmp_path: Path) -> None:
        (tmp_path / "x.docx").write_text("not a zip")
        assert package_created(tmp_path / "x.docx") is None
        assert ZIP_EPOCH.year == 1980


def lo_like_pdf(path: Path, stamp: str, ident: bytes) -> Path:
    """A one-page PDF written as LibreOffice writes its info and trailer."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Count 1/Kids[3 0 R]>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>",
               b"<</Title<FEFF0054>\n/CreationDate(D:" + stamp.encode() + b"Z')>>"]
    out = bytearray(b"%PDF-1.6\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<</Size 5/Root 1 0 R\n/Info 4 0 R\n/ID [ <" + ident + b">\n<" + ident
            + b"> ]\n/DocChecksum /" + ident + b"\n>>\nstartxref\n%d\n%%%%EOF\n" % xref)
    path.write_bytes(bytes(out))
    return path


class DescribeFixIdentity:
    @pytest.fixture
    def pdfs(self, tmp_path: Path) -> tuple[Path, Path]:
        return (lo_like_pdf(tmp_path / "a.pdf", "20261201110828", b"07543D8BCB29F6A6" * 2),
                lo_like_pdf(tmp_path / "b.pdf", "20261201110835", b"7DC4B73CBFAB25F9" * 2))

    def it_makes_two_exports_of_the_same_document_the_same(self, pdfs: tuple[Path, Path]
                                                           ) -> None:
        one, two = pdfs
        assert one.read_bytes() != two.read_bytes()
        for pdf in pdfs:
            fix_identity(pdf, MEETING)
        assert one.read_bytes() == two.read_bytes()

    def it_dates_the_pdf_from_the_document_and_keeps_it_readable(self, pdfs: tuple[Path, Path]
                                                                 ) -> None:
        one, _ = pdfs
        size = one.stat().st_size
        fix_identity(one, MEETING)
        assert one.stat().st_size == size
        reader = PdfReader(one)
        assert reader.metadata is not None
        assert reader.metadata["/CreationDate"] == "D:20231115090000Z'"
        assert len(reader.pages) == 1
        assert b"07543D8B" not in one.read_bytes()
