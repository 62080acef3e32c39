"""Check a PDF from a user before the pack needs it: size, readable, not encrypted."""

from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from builder.core.limits import LIMITS, Limits


def check_pdf(path: Path, limits: Limits = LIMITS) -> str | None:
    """``None`` when ``path`` is a PDF the pack can merge; otherwise what is wrong with it."""
    size = path.stat().st_size
    if size > limits.pdf_bytes:
        return f"is {size:,} bytes (limit {limits.pdf_bytes:,})"
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns on every repaired offset
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            return "is encrypted or password-protected"
        if len(reader.pages) == 0:
            return "has no pages"
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError,
            RecursionError) as exc:
        return f"is not a readable PDF ({type(exc).__name__}: {exc})"
    return None
