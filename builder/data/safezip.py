"""Limits for Office files from users (xlsx, docx, pptx): DESIGN 7, docs/limits.md.

A package is refused when it has too many zip entries, expands too far (in total or in one
entry), has an entry outside the package, or has an XML part with a DOCTYPE: Office never
writes one, and it is how XXE (external entities) and entity-expansion bombs get in, so each
XML part's prolog is read before any XML library opens the file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

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
