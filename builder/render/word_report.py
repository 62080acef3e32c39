"""The Word side of a committee report's appendices: an external .docx under its heading, and
``item-NN-<slug>.docx`` combined from the report and its appendices (python-docx stays here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument

from builder.render.reproducible import save_package
from builder.render.word_append import append_document
from builder.render.word_common import (
    CoreProperties,
    Writer,
    document_from_template,
    set_core_properties,
)

HEADING = "Heading 1"
TEXT = "Normal"
STYLES = (HEADING, TEXT)


@dataclass(frozen=True)
class Placeholder:
    """A page standing in for an appendix that is not a Word document (a PDF, or the deck)."""

    heading: str
    sentence: str


def write_external_appendix(template: Path, heading: str, source: Path, core: CoreProperties,
                            out: Path) -> None:
    """``source`` (an officer's .docx) under ``heading``, in the template's styles."""
    doc = document_from_template(template)
    Writer(doc).add(heading, HEADING)
    append_document(doc, Document(str(source)), str(source), new_section=False)
    set_core_properties(doc, core)
    save_package(doc, out, core.created)


def combine_report(template: Path, body: Path, parts: Sequence[Path | Placeholder],
                   core: CoreProperties, out: Path) -> None:
    """The report ``body`` followed by each appendix, each in a section of its own."""
    doc = Document(str(body))
    for part in parts:
        if isinstance(part, Placeholder):
            append_document(doc, _placeholder(template, part), part.heading)
        else:
            append_document(doc, Document(str(part)), str(part))
    set_core_properties(doc, core)
    save_package(doc, out, core.created)


def _placeholder(template: Path, part: Placeholder) -> DocxDocument:
    doc = document_from_template(template)
    w = Writer(doc)
    w.add(part.heading, HEADING)
    w.add(part.sentence, TEXT)
    return doc
