"""Write the agenda pack's Word templates: front sheet, agenda, minutes and the pack's own pages.

Run from the repository root after changing this script (the templates are committed; Democratic
Services may then restyle them in Word, keeping the style names and the {{ }} / {%p %} tags):

    .venv/bin/python templates/src/make_pack_templates.py

Every template: A4, Arial (Liberation Sans where Arial is absent), language en-GB in the
document defaults, black headings using the built-in Heading styles (they become the PDF's tags
and bookmarks), and the pack's own paragraph styles named 'Pack ...'. The text comes from the
context built in ``builder/present/pack_context.py``; the tags here only place it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from style_colours import readable_style_colours

TEMPLATES = Path(__file__).resolve().parent.parent
FONT = "Arial"
BLACK = RGBColor(0, 0, 0)
Doc = Any  # a python-docx Document (the library is untyped)


def new_document() -> Doc:
    """An A4 document with the pack's styles and en-GB as the default language."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2.2)
    _defaults(doc)
    _style(doc, "Normal", size=11, after=6)
    _style(doc, "Title", size=16, bold=True, after=12)
    _style(doc, "Subtitle", size=14, bold=True, after=6, italic=False)
    _style(doc, "Heading 1", size=14, bold=True, before=12, after=6)
    _style(doc, "Heading 2", size=11, bold=True, before=12, after=6)
    _style(doc, "List Bullet", size=11, after=4)
    _style(doc, "Body Text", size=11, after=6)
    _new_style(doc, "Pack Item", indent=1.0, hanging=1.0)
    _new_style(doc, "Pack Subitem", indent=2.0, hanging=1.0)
    _new_style(doc, "Pack Centred", align=WD_ALIGN_PARAGRAPH.CENTER)
    _new_style(doc, "Pack Agenda Text", indent=1.5)
    _new_style(doc, "Pack Attendance", indent=4.0, hanging=4.0)
    for name in ("Pack Item", "Pack Subitem", "Pack Attendance"):
        stop = 1.0 if name != "Pack Attendance" else 4.0
        base = 1.0 if name == "Pack Subitem" else 0.0
        doc.styles[name].paragraph_format.tab_stops.add_tab_stop(Cm(base + stop))
    return doc


def _defaults(doc: Doc) -> None:
    """Arial and en-GB in the document defaults (every style inherits them)."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")


def _style(doc: Doc, name: str, size: float, bold: bool = False, before: float = 0,
           after: float = 0, italic: bool | None = None) -> None:
    style = doc.styles[name]
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        rpr.remove(fonts)  # drop theme fonts: the document default (Arial) applies
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = BLACK
    if italic is not None:
        style.font.italic = italic
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.0
    border = style.element.find(qn("w:pPr"))
    if border is not None and border.find(qn("w:pBdr")) is not None:
        border.remove(border.find(qn("w:pBdr")))  # the default Title has a rule under it


def _new_style(doc: Doc, name: str, indent: float = 0, hanging: float = 0,
               align: int | None = None) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    fmt = style.paragraph_format
    fmt.left_indent = Cm(indent)
    fmt.first_line_indent = Cm(-hanging) if hanging else None
    if align is not None:
        fmt.alignment = align


def tag(doc: Doc, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag (it disappears when rendered)."""
    doc.add_paragraph(text)


def page_break(doc: Doc) -> None:
    run = doc.add_paragraph().add_run()
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    run._r.append(br)


def lead_paragraph(doc: Doc, style: str, var: str) -> None:
    """'{{ line.lead }}' in bold, then '{{ line.text }}'."""
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(f"{{{{ {var}.lead }}}}").bold = True
    paragraph.add_run(f"{{{{ {var}.text }}}}")


def lines(doc: Doc, source: str) -> None:
    """Every ``Line`` of ``source`` in the style its kind names (pack_context.Line)."""
    tag(doc, f"{{%p for line in {source} %}}")
    tag(doc, "{%p if line.kind == 'heading' %}")
    doc.add_paragraph("{{ line.text }}", style="Heading 2")
    tag(doc, "{%p elif line.kind == 'bullet' %}")
    lead_paragraph(doc, "List Bullet", "line")
    for kind, style in (("item", "Pack Item"), ("subitem", "Pack Subitem")):
        tag(doc, f"{{%p elif line.kind == '{kind}' %}}")
        doc.add_paragraph("{{ line.label }}\t{{ line.text }}", style=style)
    tag(doc, "{%p else %}")
    lead_paragraph(doc, "Body Text", "line")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def top_heading(paragraph: Any) -> Any:
    """Give the paragraph outline level 1: LibreOffice tags it H1 in the PDF, the paper's one
    top heading (issue 11), while it keeps its own (Title) look."""
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().append(level)
    return paragraph


def mark_header_row(row: Any) -> None:
    """Repeat the row on every page and mark it as the table's header (DESIGN 6)."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def front_sheet() -> Doc:
    doc = new_document()
    top_heading(doc.add_paragraph("{{ panel }}", style="Title"))
    doc.add_paragraph("{{ date_line }}", style="Subtitle")
    doc.add_paragraph("{{ venue }}")
    doc.add_paragraph("{{ open_to_public }}")
    doc.add_paragraph("Members", style="Heading 2")
    tag(doc, "{%p for member in members %}")
    doc.add_paragraph("{{ member }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if contacts %}")
    doc.add_paragraph("Contacts", style="Heading 2")
    tag(doc, "{%p for contact in contacts %}")
    doc.add_paragraph("{{ contact }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    page_break(doc)
    doc.add_paragraph("{{ heading }}", style="Heading 2")
    doc.add_paragraph("{{ panel }}", style="Subtitle")
    lines(doc, "before_dates")
    doc.add_paragraph("{{ dates.heading }}", style="Heading 2")
    table = doc.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    head, loop, body = table.rows
    for cell, text in zip(head.cells, ("{{ dates.years[0] }}", "{{ dates.years[1] }}"),
                          strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    mark_header_row(head)
    loop.cells[0].paragraphs[0].text = "{%tr for row in dates.rows %}"
    body.cells[0].paragraphs[0].text = "{{ row[0] }}"
    body.cells[1].paragraphs[0].text = "{{ row[1] }}"
    table.add_row().cells[0].paragraphs[0].text = "{%tr endfor %}"
    lines(doc, "after_dates")
    return doc


def agenda_item(doc: Doc) -> None:
    """An agenda item: number, title and pages as a heading, then its paragraphs (the caller
    opens the loop over ``items`` and closes it)."""
    title = doc.add_paragraph("{{ item.number }}\t{{ item.title }}", style="Heading 2")
    title.add_run("{{ item.pages }}").bold = False
    title.paragraph_format.left_indent = Cm(1.5)
    title.paragraph_format.first_line_indent = Cm(-1.5)
    title.paragraph_format.tab_stops.add_tab_stop(Cm(1.5))
    tag(doc, "{%p for paragraph in item.paragraphs %}")
    doc.add_paragraph("{{ paragraph }}", style="Pack Agenda Text")
    tag(doc, "{%p endfor %}")


def issue_line(doc: Doc) -> None:
    issue = doc.add_paragraph("{{ issue_date }}\t{{ signatory }}")
    issue.paragraph_format.space_before = Pt(24)
    issue.paragraph_format.tab_stops.add_tab_stop(Cm(16.6), WD_TAB_ALIGNMENT.RIGHT)


def agenda() -> Doc:
    doc = new_document()
    top_heading(doc.add_paragraph("AGENDA", style="Title"))
    tag(doc, "{%p for item in items %}")
    agenda_item(doc)
    tag(doc, "{%p endfor %}")
    issue_line(doc)
    return doc


def supplement() -> Doc:
    """The supplementary agenda: the late items with their pages and the reason for lateness."""
    doc = new_document()
    top_heading(doc.add_paragraph("SUPPLEMENTARY AGENDA", style="Title"))
    doc.add_paragraph("{{ panel }}", style="Subtitle")
    doc.add_paragraph("{{ date_line }}")
    doc.add_paragraph("The papers for the items below were not available when the agenda was "
                      "issued. They are published here, each with the reason it is late.")
    tag(doc, "{%p for item in items %}")
    agenda_item(doc)
    reason = doc.add_paragraph(style="Pack Agenda Text")
    reason.add_run("Reason for lateness: ").bold = True
    reason.add_run("{{ item.reason }}")
    tag(doc, "{%p endfor %}")
    issue_line(doc)
    return doc


def minutes() -> Doc:
    doc = new_document()
    doc.add_paragraph("{{ council }}", style="Title")
    doc.add_paragraph("{{ panel }}", style="Subtitle")
    doc.add_paragraph("{{ heading }}", style="Heading 1")
    tag(doc, "{%p for row in attendance %}")
    attendance = doc.add_paragraph(style="Pack Attendance")
    attendance.add_run("{{ row.label }}").bold = True
    attendance.add_run("\t{{ row.text }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for item in items %}")
    doc.add_paragraph("{{ item.number }}.\t{{ item.title }}", style="Heading 2")
    lines(doc, "item.lines")
    tag(doc, "{%p endfor %}")
    return doc


def pack_page() -> Doc:
    """One page of the pack's own: a notice standing in for an exempt appendix, or the blank
    page that makes the next paper start on an odd page."""
    doc = new_document()
    tag(doc, "{%p if notice %}")
    doc.add_paragraph("{{ notice.heading }}", style="Title")
    doc.add_paragraph("{{ notice.title }}", style="Heading 1")
    doc.add_paragraph("{{ notice.statement }}")
    tag(doc, "{%p else %}")
    blank = doc.add_paragraph("{{ blank }}", style="Pack Centred")
    blank.paragraph_format.space_before = Pt(300)
    tag(doc, "{%p endif %}")
    return doc


MAKERS: dict[str, Callable[[], Doc]] = {
    "front_sheet.docx": front_sheet,
    "agenda.docx": agenda,
    "minutes.docx": minutes,
    "agenda_pack_page.docx": pack_page,
    "supplement.docx": supplement,
}


def main(only: tuple[str, ...] = ()) -> None:
    """Write every template, or the ``only`` ones named (``python ... supplement.docx``)."""
    for name, make in MAKERS.items():
        if only and name not in only:
            continue
        doc = make()
        readable_style_colours(doc)
        props = doc.core_properties
        props.title, props.language, props.author = "", "en-GB", "builder"
        props.comments = "Agenda pack template; see templates/src/make_pack_templates.py"
        doc.save(str(TEMPLATES / name))
        print(f"wrote {TEMPLATES / name}")


if __name__ == "__main__":
    main(tuple(sys.argv[1:]))
