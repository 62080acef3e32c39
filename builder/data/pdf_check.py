"""Check a PDF from a user before the pack needs it: size, readable, not encrypted.

Read with pikepdf (qpdf), the library the pack merges it with (:mod:`builder.assemble.merge`):
a PDF this check passes is one the merge can open.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from builder.core.limits import LIMITS, Limits

ENCRYPTED = "is encrypted or password-protected"


def check_pdf(path: Path, limits: Limits = LIMITS) -> str | None:
    """``None`` when ``path`` is a PDF the pack can merge; otherwise what is wrong with it."""
    size = path.stat().st_size
    if size > limits.pdf_bytes:
        return f"is {size:,} bytes (limit {limits.pdf_bytes:,})"
    try:
        with pikepdf.open(path) as pdf:
            if pdf.is_encrypted:  # opened without a password, but restricted by its owner
                return ENCRYPTED
            if len(pdf.pages) == 0:
                return "has no pages"
    except pikepdf.PasswordError:
        return ENCRYPTED
    except (pikepdf.PdfError, ValueError, KeyError, TypeError, AttributeError, OSError,
            RecursionError) as exc:
        return f"is not a readable PDF ({type(exc).__name__}: {exc})"
    return None
