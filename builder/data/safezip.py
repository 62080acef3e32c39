"""Zip limits for Office files from users (xlsx, docx, pptx): DESIGN 7."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_ENTRIES = 5_000
MAX_TOTAL_BYTES = 500_000_000
MAX_RATIO = 200


def check_office_zip(path: Path) -> str | None:
    """``None`` when ``path`` is a sane zip package; otherwise what is wrong with it."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        return f"not a valid Office (zip) file: {exc}"
    if len(infos) > MAX_ENTRIES:
        return f"has {len(infos):,} zip entries (limit {MAX_ENTRIES:,})"
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in Path(name).parts:
            return f"zip entry '{name}' points outside the package"
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            ratio = info.file_size // info.compress_size
            return f"zip entry '{name}' expands {ratio}x (limit {MAX_RATIO}x)"
    if total > MAX_TOTAL_BYTES:
        return f"expands to {total:,} bytes (limit {MAX_TOTAL_BYTES:,})"
    return None
