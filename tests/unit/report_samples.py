"""Word reports for the check-report tests: one rendered in the published format by the real
report template, and small edits that plant one defect each."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from builder.pipeline.checked import check_meeting
from builder.pipeline.reports import build_reports
from tests.conftest import FIXTURES, OUTSIDE

SEND_ITEM = 9
"""The SEND report: three appendices, 2 and 3 exempt, named in its confidentiality statement."""
SEND_MEETING = FIXTURES / "report_2023" / "meeting.yaml"
"""A meeting with the SEND report as a YAML report (the sample has it as a supplied paper)."""


def render_published(folder: Path) -> Path:
    """The body of the SEND report, as ``builder report`` writes it."""
    checked = check_meeting(SEND_MEETING, allow_outside=OUTSIDE)
    (parts,) = build_reports(checked.inputs, folder, checked.model, only=SEND_ITEM)
    return parts.body


def edited(source: Path, target: Path, edit: Callable[[Any], None]) -> Path:
    """A copy of ``source`` with ``edit`` applied to its python-docx Document."""
    doc = Document(str(source))
    edit(doc)
    doc.save(str(target))
    return target


def paragraph(doc: Any, starts: str) -> Any:
    """The first body paragraph whose text starts with ``starts``."""
    return next(p for p in doc.paragraphs if p.text.startswith(starts))


def with_part(source: Path, target: Path, name: str, data: bytes,
              content_type: str | None = None, rel_type: str | None = None) -> Path:
    """A copy of the package with part ``name`` added or replaced (and registered)."""
    shutil.copyfile(source, target)
    with zipfile.ZipFile(source) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    parts[name] = data
    if content_type and f'PartName="/{name}"'.encode() not in parts["[Content_Types].xml"]:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'
            .encode())
    if rel_type:
        rel_id = "rIdTest_" + re.sub(r"\W", "_", name)
        parts["_rels/.rels"] = parts["_rels/.rels"].replace(
            b"</Relationships>",
            f'<Relationship Id="{rel_id}" Type="{rel_type}" '
            f'Target="{name}"/></Relationships>'.encode())
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return target


CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
              "custom-properties")
CUSTOM_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="DMS Owner">'
    b"<vt:lpwstr>jo.bloggs@example.gov.uk</vt:lpwstr></property></Properties>")


APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
APP_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "extended-properties")


def with_company(source: Path, target: Path, company: str) -> Path:
    """A copy whose extended properties name ``company`` (added when it has none, as the
    report parts builder writes have none)."""
    with zipfile.ZipFile(source) as archive:
        if "docProps/app.xml" in archive.namelist():
            app = archive.read("docProps/app.xml").replace(
                b"<Company/>", f"<Company>{company}</Company>".encode())
            return with_part(source, target, "docProps/app.xml", app)
    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns='
           '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           f"<Company>{company}</Company></Properties>").encode()
    return with_part(source, target, "docProps/app.xml", app, APP_TYPE, APP_REL)


def track_insertion(run: Any, author: str = "Jo Bloggs") -> None:
    """Wrap ``run`` in a tracked insertion."""
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "901")
    ins.set(qn("w:author"), author)
    ins.set(qn("w:date"), "2023-11-01T10:00:00Z")
    run._r.addprevious(ins)
    ins.append(run._r)


def track_deletion(paragraph: Any, text: str, author: str = "Jo Bloggs") -> None:
    """Append a tracked deletion of ``text`` to ``paragraph``."""
    deletion = OxmlElement("w:del")
    deletion.set(qn("w:id"), "902")
    deletion.set(qn("w:author"), author)
    run = OxmlElement("w:r")
    deleted = OxmlElement("w:delText")
    deleted.text = text
    deleted.set(qn("xml:space"), "preserve")
    run.append(deleted)
    deletion.append(run)
    paragraph._p.append(deletion)


def remove(paragraph: Any) -> None:
    paragraph._p.getparent().remove(paragraph._p)


def unnumber(paragraph: Any, typed: str) -> None:
    """Take ``paragraph`` out of Word numbering and type ``typed`` before its text instead."""
    paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 0
    paragraph.runs[0].text = typed + paragraph.runs[0].text
