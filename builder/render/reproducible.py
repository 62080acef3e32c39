"""Byte-reproducible Office packages: the same inputs give the same .docx/.pptx/.xlsx bytes.

python-docx, python-pptx and openpyxl write each zip member with the current time, and
openpyxl (like the workbooks python-pptx embeds in its charts) stamps the save time into
``docProps/core.xml``. ``save_package`` saves a document into memory and writes it out
normalised: members in a fixed order ([Content_Types].xml, then the package relationships,
then by name), each with the document's date and fixed attributes and compression, the core
properties' created/modified set to the document's date, and embedded packages (chart
workbooks) normalised the same way. Nothing else of the content changes, so a normalised
package opens exactly as the original did. Its bytes then depend only on its content, which
is what a content-addressed cache needs.

Before anything is written, every XML part (embedded packages' too) is parsed, without
entities, DTD or network: a document whose writer produced malformed XML is a RenderError
naming the document and the part, instead of a file Word or PowerPoint refuses to open.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any, Protocol

from builder.data.safezip import xml_problem
from builder.errors import RenderError

CORE_PART = "docProps/core.xml"
FIRST_MEMBERS = ("[Content_Types].xml", "_rels/.rels")
PACKAGE_SUFFIXES = (".docx", ".pptx", ".xlsx", ".docm", ".pptm", ".xlsm")
ZIP_EPOCH = dt.datetime(1980, 1, 1)
"""The earliest date a zip member can carry; also the date of a package that declares none."""
COMPRESS_LEVEL = 6
MEMBER_MODE = 0o644 << 16  # rw-r--r--, as a Unix zip tool records it
UNIX = 3
_CORE_DATE = re.compile(
    rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
_CREATED = re.compile(rb"<dcterms:created\b[^>]*>([^<]*)</dcterms:created>")


class Saveable(Protocol):
    """python-docx/python-pptx documents, docxtpl templates and openpyxl workbooks."""

    def save(self, file: Any) -> Any: ...


def save_package(document: Saveable, out: Path, created: dt.datetime | None) -> None:
    """Save ``document`` to ``out`` normalised (see the module doc), dated ``created`` (the
    date of the meeting or period the document is for; None: the date it declares itself)."""
    buffer = io.BytesIO()
    document.save(buffer)
    package = normalised(buffer.getvalue(), created)
    if problem := _xml_problem(package):
        raise RenderError(f"{out}: the generated document is not sound: {problem}",
                          hint="This is a fault in what produced the document (a template or "
                               "builder itself); nothing was written.")
    out.write_bytes(package)


def normalise_file(path: Path, created: dt.datetime | None = None) -> None:
    """Normalise the package at ``path`` in place (see :func:`save_package`)."""
    path.write_bytes(normalised(path.read_bytes(), created))


def normalised(package: bytes, created: dt.datetime | None) -> bytes:
    """The package's bytes, normalised; ``created`` None: the date its core properties give."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()
                   if not info.is_dir()}
    when = _naive_utc(created or declared_created(members.get(CORE_PART, b"")) or ZIP_EPOCH)
    stamp = _zip_time(when)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in sorted(members, key=_member_order):
            data = members[name]
            if name == CORE_PART:
                data = _dated_core(data, when)
            elif name.lower().endswith(PACKAGE_SUFFIXES) and zipfile.is_zipfile(io.BytesIO(data)):
                data = normalised(data, when)
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = UNIX
            info.external_attr = MEMBER_MODE
            target.writestr(info, data, compresslevel=COMPRESS_LEVEL)
    return out.getvalue()


def package_created(path: Path) -> dt.datetime | None:
    """The created date a .docx/.pptx/.xlsx declares in its core properties (None if none)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return declared_created(archive.read(CORE_PART))
    except (OSError, KeyError, zipfile.BadZipFile):
        return None


def declared_created(core_xml: bytes) -> dt.datetime | None:
    """``dcterms:created`` of a core-properties part, as a naive UTC datetime."""
    found = _CREATED.search(core_xml)
    if found is None:
        return None
    try:
        when = dt.datetime.fromisoformat(found.group(1).decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        return None
    return _naive_utc(when)


def _xml_problem(package: bytes) -> str | None:
    """What is wrong with an XML part of ``package`` or of a package embedded in it."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        if problem := xml_problem(archive):
            return problem
        for name in archive.namelist():
            data = archive.read(name) if name.lower().endswith(PACKAGE_SUFFIXES) else b""
            if zipfile.is_zipfile(io.BytesIO(data)) and (inner := _xml_problem(data)):
                return f"embedded '{name}': {inner}"
    return None


def _naive_utc(when: dt.datetime) -> dt.datetime:
    return when if when.tzinfo is None else when.astimezone(dt.UTC).replace(tzinfo=None)


def _member_order(name: str) -> tuple[int, str]:
    return (FIRST_MEMBERS.index(name) if name in FIRST_MEMBERS else len(FIRST_MEMBERS), name)


def _zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    when = max(when, ZIP_EPOCH)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def _dated_core(core_xml: bytes, when: dt.datetime) -> bytes:
    """Core properties with created and modified both set to ``when`` (W3CDTF, UTC)."""
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    return _CORE_DATE.sub(lambda m: m.group(1) + iso + m.group(3), core_xml)
