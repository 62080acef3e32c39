"""The glossary appendix (format-spec E.2) as a Word document: acronyms, terms, sources."""

from __future__ import annotations

from pathlib import Path

from builder.present.report_appendices import GlossaryText
from builder.render.word_common import (
    CoreProperties,
    Writer,
    document_from_template,
    require_styles,
    set_core_properties,
)
from builder.render.word_tables import add_table

STYLES = ("Heading 1", "Heading 2", "Heading 3", "Normal", "List Bullet", "List Item",
          "Report Table", "Table Text", "Table Heading")
ACRONYM_WIDTHS = (1701, 7938)
LIST_STYLES = {"paragraph": "Normal", "bullets": "List Bullet", "numbered": "List Item"}


def render_glossary(template: Path, text: GlossaryText, core: CoreProperties, out: Path) -> None:
    doc = document_from_template(template)
    w = Writer(doc)
    require_styles(doc, template, STYLES)
    w.add(text.heading, "Heading 1")
    acronyms, terms, sources = text.headings
    if text.acronyms is not None:
        w.add(acronyms, "Heading 2")
        add_table(doc, text.acronyms, ACRONYM_WIDTHS, "Report Table", "Table Text",
                  "Table Heading")
    w.add(terms, "Heading 2")
    for term, parts in text.terms:
        w.add(term, "Heading 3")
        for part in parts:
            for item in part.items:
                w.add(item, LIST_STYLES[part.kind])
    if text.sources:
        w.add(sources, "Heading 2")
        for source in text.sources:
            w.add(source, "Normal")
    set_core_properties(doc, core)
    doc.save(str(out))
