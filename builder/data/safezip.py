"""Limits for Office files from users (xlsx, docx, pptx): DESIGN 7, docs/limits.md.

A package is refused when it has too many zip entries, expands too far (in total or in one
entry), has an entry outside the package, has an XML part with a DOCTYPE (Office never
writes one, and it is how XXE (external entities) and entity-expansion bombs get in, so each
XML part's prolog is read before any XML library opens the file), or has an XML part that is
not well-formed (``check_office_input``, for users' files; the PDF conversion leaves that to
LibreOffice). ``xml_problem`` is the same XML check for any open package: builder runs it on
every Office file it writes, before the file is written.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from builder.core.limits import LIMITS, Limits

XML_PARTS = (".xml", ".rels", ".vml")
PROLOG_BYTES = 65_536
"""How much of each XML part is read to find its root element; a longer prolog is refused."""
_SKIPPED = re.compile(r"<\?.*?\?>|<!--.*?-->", re.DOTALL)
_ROOT = re.compile(r"<[^!?]")


def check_office_zip(path: Path, limits: Limits = LIMITS) -> str | None:
    """``None`` when ``path`` is a sane zip package; otherwise what is wrong with it."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _entry_problem(archive.infolist(), limits) or _doctype_problem(archive)
    except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile) as exc:
        return f"not a valid Office (zip) file: {exc}"


def check_office_input(path: Path, limits: Limits = LIMITS) -> str | None:
    """``check_office_zip``, then every XML part parsed for well-formedness (a user's file,
    checked at validation: python-docx would otherwise fail on it mid-build)."""
    problem = check_office_zip(path, limits)
    if problem is not None:
        return problem
    with zipfile.ZipFile(path) as archive:
        return _malformed_part(archive)


def xml_problem(archive: zipfile.ZipFile) -> str | None:
    """The first XML part of ``archive`` that declares a DOCTYPE or entities or is not
    well-formed, named; None when every part is sound."""
    return _doctype_problem(archive) or _malformed_part(archive)


def _entry_problem(infos: list[zipfile.ZipInfo], limits: Limits) -> str | None:
    if len(infos) > limits.office_entries:
        return f"has {len(infos):,} zip entries (limit {limits.office_entries:,})"
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in Path(name).parts:
            return f"zip entry '{name}' points outside the package"
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > limits.office_ratio:
            ratio = info.file_size // info.compress_size
            return f"zip entry '{name}' expands {ratio}x (limit {limits.office_ratio}x)"
    if total > limits.office_bytes:
        return f"expands to {total:,} bytes (limit {limits.office_bytes:,})"
    return None


class _Discard:
    """A parser target that keeps nothing: well-formedness is checked without a tree."""

    def close(self) -> None:
        return None


def _malformed_part(archive: zipfile.ZipFile) -> str | None:
    """The first XML part that is not well-formed (python-docx and friends would fail on it
    with an XMLSyntaxError), named with the parser's message. Run after the DOCTYPE check, so
    no entity can be declared; the parser loads no DTD and reaches no network."""
    for info in archive.infolist():
        if not info.filename.lower().endswith(XML_PARTS):
            continue
        parser = etree.XMLParser(  # a target without start/end: no Python call per element
            target=_Discard(), resolve_entities=False, no_network=True,  # type: ignore[arg-type]
            load_dtd=False)
        try:
            with archive.open(info) as part:
                while chunk := part.read(1 << 20):
                    parser.feed(chunk)
            parser.close()
        except etree.XMLSyntaxError as exc:
            return f"part '{info.filename}' is not well-formed XML ({exc.msg})"
    return None


def _doctype_problem(archive: zipfile.ZipFile) -> str | None:
    """The first XML part whose prolog declares a DOCTYPE or entities, named."""
    for info in archive.infolist():
        if not info.filename.lower().endswith(XML_PARTS):
            continue
        with archive.open(info) as part:
            head = part.read(PROLOG_BYTES)
        encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
        text = _SKIPPED.sub("", head.decode(encoding, errors="replace"))
        root = _ROOT.search(text)
        if root is None and len(head) == PROLOG_BYTES:
            return f"part '{info.filename}' has an XML prolog over {PROLOG_BYTES:,} bytes"
        prolog = text[:root.start()] if root else text
        if "<!DOCTYPE" in prolog or "<!ENTITY" in prolog:
            return (f"part '{info.filename}' declares a DOCTYPE or entities, which Office "
                    "files never need (refused: XXE and entity bombs)")
    return None

