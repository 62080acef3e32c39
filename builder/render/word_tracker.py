"""The monitoring scrutiny recommendations appendix (format-spec E.1) as a Word document."""

from __future__ import annotations

from pathlib import Path

from builder.present.report_appendices import TrackerText
from builder.render.word_common import (
    CoreProperties,
    Writer,
    document_from_template,
    require_styles,
    set_core_properties,
)
from builder.render.word_tables import add_table

STYLES = ("Heading 1", "Heading 2", "Report Table", "Table Text", "Table Heading")
# Date | Title | Action proposed | Action Taken | Progress Status, in twips (17 cm in all)
WIDTHS = (964, 1587, 3402, 2721, 1304)


def render_tracker(template: Path, text: TrackerText, core: CoreProperties, out: Path) -> None:
    """Heading, the two title lines of the published table, then the table (header repeated)."""
    doc = document_from_template(template)
    w = Writer(doc)
    require_styles(doc, template, STYLES)
    w.add(text.heading, "Heading 1")
    for line in text.subheadings:
        w.add(line, "Heading 2")
    add_table(doc, text.table, WIDTHS, "Report Table", "Table Text", "Table Heading")
    set_core_properties(doc, core)
    doc.save(str(out))
