"""Render the agenda pack's own Word documents (front sheet, agenda, minutes, notices).

The templates are docxtpl files in ``templates/`` (written by
``templates/src/make_pack_templates.py``); each is rendered through the sandboxed, autoescaping
renderer the committee report uses, with its typed context from
:mod:`builder.present.pack_context`, and given a title and the en-GB language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from builder.present.pack_context import template_names
from builder.render.word_common import CoreProperties
from builder.render.word_template import render_docx_template

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
TEMPLATE_FILES = {
    "front_sheet": "front_sheet.docx",
    "agenda": "agenda.docx",
    "minutes": "minutes.docx",
    "pack_page": "agenda_pack_page.docx",
    "supplement": "supplement.docx",
}
AUTHOR = "Democratic Services"


@dataclass(frozen=True)
class PackDocument:
    """One of the pack's own documents to render: which template, its context, its title."""

    kind: str
    """A key of TEMPLATE_FILES."""
    context: object
    """The dataclass context from builder.present.pack_context."""
    title: str
    """The document title (shown by PDF viewers)."""


def render_pack_document(document: PackDocument, created: dt.datetime, out: Path,
                         template: Path | None = None) -> Path:
    """Render ``document`` into ``out`` (.docx) from ``template`` (default: the shipped one of
    its kind)."""
    template = template or TEMPLATES / TEMPLATE_FILES[document.kind]
    core = CoreProperties(title=document.title, author=AUTHOR, created=created)
    render_docx_template(template, template_names(document.context), core, out)
    return out
