"""The "accessibility of this document" paragraph, from what ``builder check`` checked (issue 11).

The wording is a Jinja text template (``builder/templates/accessibility_statement.txt``, unless
another is named), rendered in builder's sandbox with the facts gathered here: the date, builder's
version, and per file its kind, pages, figures with alt text, tables and the problems found.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf

from builder import __version__
from builder.config.templates import DEFAULT_DIR
from builder.errors import TemplateError
from builder.inspection.accessibility import Issue
from builder.inspection.docx_summary import summarize_docx
from builder.inspection.pdf_structure import elements
from builder.inspection.pptx_summary import summarize_pptx
from builder.jinja_sandbox import render_text

TEMPLATE = DEFAULT_DIR / "accessibility_statement.txt"
KINDS = {".pdf": "PDF", ".docx": "Word document", ".pptx": "PowerPoint presentation"}


@dataclass(frozen=True)
class CheckedFile:
    """What the statement says about one file."""

    name: str
    kind: str
    pages: int
    figures: int
    """Figures (charts, pictures) with alt text."""
    tables: int
    issues: int
    problems: tuple[str, ...]
    """Each kind of problem found, with how often: 'a figure has no alt text (67 times)'."""


def checked_file(path: Path, issues: Sequence[Issue]) -> CheckedFile:
    """The facts of one checked file (``issues``: those found in it)."""
    pages = figures = tables = 0
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
            found = elements(pdf)
        figures = sum(1 for e in found if e.role == "/Figure" and e.alt)
        tables = sum(1 for e in found if e.role == "/Table")
    elif suffix == ".docx":
        doc = summarize_docx(path)
        figures = sum(1 for p in doc.pictures if (p.descr or "").strip())
        tables = len(doc.tables)
    elif suffix == ".pptx":
        deck = summarize_pptx(path)
        pages = len(deck.slides)
        shapes = [s for slide in deck.slides for s in slide.shapes if s.graphic]
        figures = sum(1 for s in shapes if "TABLE" not in s.kind and (s.alt_text or "").strip())
        tables = sum(len(slide.tables) for slide in deck.slides)
    counts = Counter(issue.what for issue in issues)
    problems = tuple(what if n == 1 else f"{what} ({n} times)" for what, n in counts.items())
    return CheckedFile(path.name, KINDS.get(suffix, suffix), pages, figures, tables,
                       len(issues), problems)


def statement(files: Sequence[CheckedFile], template: Path = TEMPLATE,
              checked_on: dt.date | None = None) -> str:
    """The paragraph, rendered from ``template``."""
    try:
        source = template.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"{template}: cannot read the statement template: {exc}") from None
    context: dict[str, Any] = {
        "checked_on": checked_on or dt.date.today(), "builder_version": __version__,
        "files": files, "issue_count": sum(f.issues for f in files)}
    return render_text(source, context, str(template), "statement").strip() + "\n"
