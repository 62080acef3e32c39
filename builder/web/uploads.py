"""Uploaded files: checked for size and type, stored under the config folder with generated
names (the name a browser sends is only used for its suffix and for display)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from starlette.datastructures import UploadFile

from builder.data.safezip import check_office_zip

MAX_UPLOAD_BYTES = 20_000_000
OFFICE = frozenset({".xlsx", ".docx", ".pptx"})
MAGIC = {".xlsx": b"PK\x03\x04", ".docx": b"PK\x03\x04", ".pptx": b"PK\x03\x04", ".pdf": b"%PDF-"}
KINDS = {
    "values": (".xlsx", ".csv"),
    "commentary": (".csv", ".yaml", ".yml"),
    "check": (".docx", ".pptx", ".pdf"),
    "paper": (".docx", ".pdf"),
}
"""What each upload form takes."""


@dataclass(frozen=True)
class Stored:
    """An upload saved under a generated name."""

    path: Path
    shown_name: str
    """The browser's file name without any folder, for display only (escaped by templates)."""
    kind: str


@dataclass(frozen=True)
class PendingPaper:
    """A checked new version of a supplied paper's file, waiting for 'Use this version'."""

    key: str
    """The meeting's id."""
    index: int
    """The agenda item's position in the meeting's ``items``."""
    part: str
    """'paper', or the appendix's number."""
    path: Path
    shown_name: str


class UploadRefused(Exception):
    """An upload that was not saved, and why (shown to the officer)."""


def shown_name(filename: str | None) -> str:
    name = PureWindowsPath(PurePosixPath(filename or "upload").name).name
    return name[:120] or "upload"


async def store(upload: UploadFile, kind: str, folder: Path) -> Stored:
    """Save ``upload`` in ``folder`` as ``<random>.<suffix>`` once its type and size are right;
    Office files must pass the zip limits the command line applies."""
    try:
        return await _store(upload, kind, folder)
    finally:
        await upload.close()


async def _store(upload: UploadFile, kind: str, folder: Path) -> Stored:
    name = shown_name(upload.filename)
    suffix = Path(name).suffix.lower()
    allowed = KINDS[kind]
    if suffix not in allowed:
        raise UploadRefused(f"{name}: this form takes {', '.join(allowed)} files")
    content = await upload.read(MAX_UPLOAD_BYTES + 1)
    if not content:
        raise UploadRefused(f"{name}: the file is empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise UploadRefused(f"{name}: larger than {MAX_UPLOAD_BYTES // 1_000_000} MB")
    magic = MAGIC.get(suffix)
    if magic is not None and not content.startswith(magic):
        raise UploadRefused(f"{name}: the content is not a {suffix} file")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{secrets.token_hex(16)}{suffix}"
    path.write_bytes(content)
    if suffix in OFFICE:
        wrong = check_office_zip(path)
        if wrong is not None:
            path.unlink()
            raise UploadRefused(f"{name}: {wrong}")
    return Stored(path, name, kind)
