"""Render the agenda pack's own Word documents (front sheet, agenda, minutes, notices).

The templates are docxtpl files (the defaults in ``builder/templates/``, written by
``builder/templates/src/make_pack_templates.py``); each is rendered through the sandboxed,
autoescaping renderer the committee report uses, with its typed context from
:mod:`builder.present.pack_context`, and given a title and the en-GB language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from builder.config.templates import DEFAULT_DIR, DEFAULTS, FILE_NAMES, Templates
from builder.present.pack_context import template_names
from builder.render.word_common import CoreProperties
from builder.render.word_template import render_docx_template

TEMPLATES = DEFAULT_DIR
TEMPLATE_FILES = {kind: FILE_NAMES[kind] for kind in ("front_sheet", "agenda", "minutes",
                                                      "pack_page", "supplement")}
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
                         templates: Templates = DEFAULTS) -> Path:
    """Render ``document`` into ``out`` (.docx) from its template in ``templates`` (the
    council's choice, :func:`builder.config.templates.resolve_templates`)."""
    template: Path = getattr(templates, document.kind)
    core = CoreProperties(title=document.title, author=AUTHOR, created=created)
    render_docx_template(template, template_names(document.context), core, out)
    return out
