"""Generate ``templates/committee_report.docx``: the committee report Word template.

The template is an ordinary Word document that Democratic Services can open, restyle and reword
in Word. It holds docxtpl tags (``{{ subject }}``, ``{%p for b in detail %}`` ...) and NAMED
styles that the code looks up by name:

* ``Heading 1`` section headings, ``Heading 2`` sub-headings (unnumbered), ``Heading 3``;
* ``Numbered Paragraph``: real Word numbering (one numbering definition on the style), so the
  paragraph numbers run 1, 2, 3 ... from REASONS to POLICY and never restart at a heading;
* ``Recommendation``: Word numbering (i), (ii) ...; ``List Bullet``: bullets under a paragraph;
* ``Follow-on Paragraph`` (unnumbered, aligned with numbered text), ``Report Field`` with the
  ``Field Label`` character style, ``Contact Line``, ``List Item``, ``Table Heading``,
  ``Table Text``, ``Dataset Text``, ``Key Text``, ``Chart Caption``, table styles
  ``Report Table`` and ``Dataset Table``; ``RAG Green``, ``RAG Amber``, ``RAG Red`` and
  ``Dataset Subheading``, whose shading and font colour colour the RAG cells and the dataset's
  sub-heading rows (:mod:`builder.render.word_cell_styles`).

Both variants of format-spec A.2 are in the one template, chosen by ``variant`` ('2023' or
'2017'). The appendix documents reuse these styles (they start from this template's body-less
copy). Run: ``.venv/bin/python templates/src/make_committee_report.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from style_colours import readable_style_colours

from builder.render.word_cell_styles import BUILT_IN, STYLE_NAMES, CellLook

OUT = Path(__file__).resolve().parent.parent / "committee_report.docx"
FONT = "Arial"

NUM_PARAGRAPH, NUM_RECOMMENDATION, NUM_BULLET = 20, 21, 22
INDENT = 567  # twips (1 cm): numbers hang in this space
BULLET_INDENT = 1134

# ---------------------------------------------------------------------------------- styles


def _fonts(element_rpr: object, size: float | None = None, bold: bool | None = None) -> None:
    """Arial, black, no theme fonts (theme attributes would win over a font name)."""
    rpr = element_rpr
    for old in rpr.findall(qn("w:rFonts")):  # type: ignore[attr-defined]
        rpr.remove(old)  # type: ignore[attr-defined]
    rpr.insert(0, parse_xml(  # type: ignore[attr-defined]
        f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" '
        f'w:eastAsia="{FONT}"/>'))
    for old in rpr.findall(qn("w:color")):  # type: ignore[attr-defined]
        rpr.remove(old)  # type: ignore[attr-defined]


def setup_base(doc: Document) -> None:
    """Document defaults: Arial 11, en-GB, A4 portrait with 2 cm margins."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr_default)
    lang = rpr_default.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")
    ppr_default = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "259")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    _fonts(normal.element.get_or_add_rPr())
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))


def _inherit(element_rpr: object) -> None:
    """No font, colour or size of its own: the style takes them from its base (Normal), so
    restyling Normal in Word restyles the report."""
    rpr = element_rpr
    for tag in ("w:rFonts", "w:color", "w:sz", "w:szCs"):
        for old in rpr.findall(qn(tag)):  # type: ignore[attr-defined]
            rpr.remove(old)  # type: ignore[attr-defined]


def paragraph_style(doc: Document, name: str, base: str = "Normal", size: float | None = None,
                    bold: bool = False, left: int = 0, hanging: int = 0,
                    before: int = 0, after: int = 120, keep_next: bool = False) -> None:
    """Add (or reset) a paragraph style with indents and spacing; font and size come from its
    base style unless ``size`` says the style is smaller (tables, keys, captions)."""
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base] if base != name else None
    style.quick_style = True
    _inherit(style.element.get_or_add_rPr())
    if size is not None:
        style.font.size = Pt(size)
    style.font.bold = bold or None
    fmt = style.paragraph_format
    fmt.left_indent = Cm(left / 567) if left else None
    fmt.first_line_indent = Cm(-hanging / 567) if hanging else None
    fmt.space_before = Pt(before / 20)
    fmt.space_after = Pt(after / 20)
    fmt.keep_with_next = keep_next or None


def cell_style(doc: Document, name: str, look: CellLook) -> None:
    """A cell style: builder colours a RAG cell or a sub-heading row in its shading (the fill)
    and font colour."""
    paragraph_style(doc, name, base="Dataset Text", after=0)
    style = doc.styles[name]
    style.font.color.rgb = RGBColor.from_string(look.color)
    style.element.get_or_add_pPr().append(parse_xml(
        f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{look.fill}"/>'))


def character_style(doc: Document, name: str, bold: bool = True) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.font.bold = bold
    style.quick_style = True


def table_style(doc: Document, name: str) -> None:
    """A grid table style (thin black borders, cell margins); cells use paragraph styles."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Table Grid"]
    style.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblBorders>'
        + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'))


def setup_styles(doc: Document) -> None:
    paragraph_style(doc, "Heading 1", bold=True, before=240, after=120, keep_next=True)
    paragraph_style(doc, "Heading 2", bold=True, before=120, after=120, keep_next=True)
    paragraph_style(doc, "Heading 3", bold=True, before=120, after=60, keep_next=True)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].font.italic = False
    paragraph_style(doc, "Report Field", after=160)
    _tabs(doc, "Report Field", [2551])
    paragraph_style(doc, "Contact Line", after=40)
    _tabs(doc, "Contact Line", [2268, 3260, 6520, 7370])
    paragraph_style(doc, "Numbered Paragraph", left=INDENT, hanging=INDENT)
    paragraph_style(doc, "Recommendation", left=2 * INDENT, hanging=INDENT)
    paragraph_style(doc, "List Bullet", left=BULLET_INDENT, hanging=283, after=60)
    paragraph_style(doc, "Follow-on Paragraph", left=INDENT)
    paragraph_style(doc, "List Item", left=INDENT, hanging=INDENT, after=60)
    paragraph_style(doc, "Table Heading", size=10, bold=True, after=0, keep_next=True)
    paragraph_style(doc, "Table Text", size=10, after=0)
    paragraph_style(doc, "Table Caption", size=10, bold=True, after=60, keep_next=True)
    paragraph_style(doc, "Dataset Text", size=7, after=0)
    paragraph_style(doc, "Dataset Heading", size=7, bold=True, after=0)
    paragraph_style(doc, "Key Text", size=9, after=40)
    paragraph_style(doc, "Chart Caption", size=9, after=240)
    paragraph_style(doc, "Footer", size=9, after=0)
    for shade, name in STYLE_NAMES.items():
        cell_style(doc, name, BUILT_IN[shade])
    character_style(doc, "Field Label")
    table_style(doc, "Report Table")
    table_style(doc, "Dataset Table")


def _tabs(doc: Document, name: str, stops: list[int]) -> None:
    fmt = doc.styles[name].paragraph_format
    for stop in stops:
        fmt.tab_stops.add_tab_stop(Cm(stop / 567))


KEEP_STYLES = {"normal", "default paragraph font", "normal table", "no list", "table grid",
               "header", "footer", "heading 1", "heading 2", "heading 3", "title", "caption",
               "list paragraph", "list bullet", "hyperlink"}


def slim(doc: Document) -> None:
    """Keep only the styles the documents use (and what they are based on or linked to), drop
    the latent style list and the parts Word regenerates: smaller and faster to open."""
    styles = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    wanted = {sid for sid, s in by_id.items()
              if s.find(qn("w:name")).get(qn("w:val")).lower() in KEEP_STYLES
              or s.get(qn("w:customStyle")) == "1"}
    queue = list(wanted)
    while queue:
        style = by_id[queue.pop()]
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = style.find(qn(tag))
            target = ref.get(qn("w:val")) if ref is not None else None
            if target in by_id and target not in wanted:
                wanted.add(target)
                queue.append(target)
    for sid, element in by_id.items():
        if sid not in wanted:
            styles.remove(element)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    for r_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            doc.part.drop_rel(r_id)
    for r_id, rel in list(doc.part.package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            doc.part.package.rels.pop(r_id)


# ---------------------------------------------------------------------------------- numbering


def _abstract(num_id: int, fmt: str, text: str, left: int, hanging: int, style_id: str,
              font: str | None = None) -> str:
    rfonts = (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>'
              if font else "")
    return (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:pStyle w:val="{style_id}"/><w:lvlText w:val="{text}"/>'
            '<w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{rfonts}</w:lvl>'
            "</w:abstractNum>")


def setup_numbering(doc: Document) -> None:
    """One numbering definition per list style, linked from the style (real Word numbering)."""
    numbering = doc.part.numbering_part.element
    defs = [
        (NUM_PARAGRAPH, "decimal", "%1.", INDENT, INDENT, "NumberedParagraph", None),
        (NUM_RECOMMENDATION, "lowerRoman", "(%1)", 2 * INDENT, INDENT, "Recommendation", None),
        (NUM_BULLET, "bullet", "•", BULLET_INDENT, 283, "ListBullet", FONT),
    ]
    first_num = numbering.find(qn("w:num"))
    for num_id, fmt, text, left, hanging, style_id, font in defs:
        first_num.addprevious(parse_xml(_abstract(num_id, fmt, text, left, hanging, style_id,
                                                  font)))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                                   f'<w:abstractNumId w:val="{num_id}"/></w:num>'))
    for name, num_id in (("Numbered Paragraph", NUM_PARAGRAPH),
                         ("Recommendation", NUM_RECOMMENDATION), ("List Bullet", NUM_BULLET)):
        ppr = doc.styles[name].element.get_or_add_pPr()
        for old in ppr.findall(qn("w:numPr")):
            ppr.remove(old)
        ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                                f'<w:numId w:val="{num_id}"/></w:numPr>'))


# ---------------------------------------------------------------------------------- body


class Body:
    """Writes the template body paragraph by paragraph."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def p(self, text: str, style: str = "Normal") -> None:
        self.doc.add_paragraph(text, style=style)

    def tag(self, text: str) -> None:
        """A paragraph holding only a docxtpl paragraph tag ({%p ... %}); removed on render."""
        self.doc.add_paragraph(text, style="Normal")

    def field(self, label: str, value: str, top_heading: bool = False) -> None:
        """A 'LABEL:<tab>value' line; ``top_heading`` gives it outline level 1, so that
        LibreOffice tags it H1 in the PDF: the report's one top heading (issue 11)."""
        para = self.doc.add_paragraph(style="Report Field")
        para.add_run(label, style="Field Label")
        para.add_run("\t" + value)
        if top_heading:
            para._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} '
                                                      'w:val="0"/>'))

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_paragraph(text, style=f"Heading {level}")

    def blocks(self, var: str) -> None:
        """The elements of a numbered section: paragraphs (numbered, with bullets and follow-on
        paragraphs), unnumbered sub-headings and simple tables."""
        self.tag(f"{{%p for b in {var} %}}")
        self.tag("{%p if b.kind == 'paragraph' %}")
        self.tag("{%p if b.continued %}")
        self.p("{{ b.text }}", "Follow-on Paragraph")
        self.tag("{%p else %}")
        self.p("{{ b.text }}", "Numbered Paragraph")
        self.tag("{%p endif %}")
        self.tag("{%p for t in b.bullets %}")
        self.p("{{ t }}", "List Bullet")
        self.tag("{%p endfor %}")
        self.tag("{%p for t in b.after %}")
        self.p("{{ t }}", "Follow-on Paragraph")
        self.tag("{%p endfor %}")
        self.tag("{%p elif b.kind == 'subheading' %}")
        self.p("{{ b.text }}", "Heading 2")
        self.tag("{%p else %}")
        self.tag("{%p if b.caption %}")
        self.p("{{ b.caption }}", "Table Caption")
        self.tag("{%p endif %}")
        table = self.doc.add_table(rows=4, cols=3)
        table.style = self.doc.styles["Report Table"]
        _header_row(table.rows[0])
        cells = [("{%tc for h in b.header %}", "{{ h }}", "{%tc endfor %}"),
                 ("{%tr for row in b.rows %}", "", ""),
                 ("{%tc for c in row %}", "{{ c }}", "{%tc endfor %}"),
                 ("{%tr endfor %}", "", "")]
        for row, texts in zip(table.rows, cells, strict=True):
            style = "Table Heading" if row is table.rows[0] else "Table Text"
            for cell, text in zip(row.cells, texts, strict=True):
                cell.paragraphs[0].text = text
                cell.paragraphs[0].style = self.doc.styles[style]
        _full_width(table)
        self.tag("{%p endif %}")
        self.tag("{%p endfor %}")


def _header_row(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))


def _full_width(table: object) -> None:
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="5000" w:type="pct"/>'))
    for tc in table._tbl.iter(qn("w:tc")):  # type: ignore[attr-defined]
        tc_pr = tc.get_or_add_tcPr()
        for old in tc_pr.findall(qn("w:tcW")):
            tc_pr.remove(old)


def write_body(doc: Document) -> None:
    b = Body(doc)
    b.field("DECISION-MAKER:", "{{ decision_maker }}")
    b.field("SUBJECT:", "{{ subject }}", top_heading=True)
    b.field("DATE OF DECISION:", "{{ date_of_decision }}")
    b.field("REPORT OF:", "{{ report_of }}")
    b.heading("CONTACT DETAILS")
    b.tag("{%p if variant == '2017' %}")
    _contact_2017(doc, "AUTHOR:", "author")
    _contact_2017(doc, "Director", "director")
    b.tag("{%p else %}")
    _contact_2023(doc, "Executive Director", "director")
    _contact_2023(doc, "Author:", "author")
    b.tag("{%p endif %}")

    b.heading("STATEMENT OF CONFIDENTIALITY")
    b.tag("{%p if exempt_groups %}")
    b.tag("{%p for g in exempt_groups %}")
    b.p("{{ g.statement }}")  # council.yaml `confidentiality`: also on the pack's notice pages
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.p("{{ confidentiality }}")
    b.tag("{%p endif %}")

    b.heading("BRIEF SUMMARY")
    b.tag("{%p for t in brief_summary %}")
    b.p("{{ t }}")
    b.tag("{%p endfor %}")
    b.heading("RECOMMENDATIONS:")
    b.tag("{%p for t in recommendations %}")
    b.p("{{ t }}", "Recommendation")
    b.tag("{%p endfor %}")

    b.heading("REASONS FOR REPORT RECOMMENDATIONS")
    b.blocks("reasons")
    b.heading("ALTERNATIVE OPTIONS CONSIDERED AND REJECTED")
    b.blocks("alternatives")
    b.heading("DETAIL (Including consultation carried out)")
    b.blocks("detail")
    b.heading("RESOURCE IMPLICATIONS")
    b.tag("{%p if resources.is_combined %}")
    b.heading("Capital/Revenue/Property/Other", 2)
    b.blocks("resources.combined")
    b.tag("{%p else %}")
    b.heading("Capital/Revenue", 2)
    b.blocks("resources.capital_revenue")
    b.heading("Property/Other", 2)
    b.blocks("resources.property_other")
    b.tag("{%p endif %}")
    b.heading("LEGAL IMPLICATIONS")
    b.heading("Statutory power to undertake proposals in the report:", 2)
    b.blocks("legal.statutory_power")
    b.heading("Other Legal Implications:", 2)
    b.blocks("legal.other")
    b.tag("{%p if variant != '2017' %}")
    b.heading("RISK MANAGEMENT IMPLICATIONS")
    b.blocks("risk")
    b.tag("{%p endif %}")
    b.heading("POLICY FRAMEWORK IMPLICATIONS")
    b.blocks("policy")

    b.tag("{%p if variant == '2017' %}")
    b.field("KEY DECISION", "{{ key_decision }}")
    b.field("WARDS/COMMUNITIES AFFECTED:",
            "{{ wards if wards else 'None directly as a result of this report' }}")
    b.tag("{%p else %}")
    b.field("KEY DECISION?", "{{ key_decision }}")
    b.field("WARDS/COMMUNITIES AFFECTED:", "{{ wards if wards else 'None' }}")
    b.tag("{%p endif %}")

    b.heading("SUPPORTING DOCUMENTATION")
    b.heading("Appendices", 2)
    b.tag("{%p for a in appendices %}")
    b.p("{{ a.number }}.\t{% if a.exempt %}Exempt – {% endif %}{{ a.title }}", "List Item")
    b.tag("{%p endfor %}")
    b.tag("{%p if not appendices %}")
    b.p("1.\tNone", "List Item")
    b.tag("{%p endif %}")
    b.heading("Documents In Members’ Rooms", 2)
    b.tag("{%p for t in members_rooms %}")
    b.p("{{ loop.index }}.\t{{ t }}", "List Item")
    b.tag("{%p endfor %}")
    b.heading("Equality Impact Assessment", 2)
    b.tag("{%p if variant == '2017' %}")
    b.p("Do the implications/subject of the report require an Equality and Safety Impact "
        "Assessments (ESIA) to be carried out.")
    b.tag("{%p else %}")
    b.p("Do the implications/subject of the report require an Equality and Safety Impact "
        "Assessment (ESIA) to be carried out?")
    b.tag("{%p endif %}")
    b.p("{{ esia }}")
    b.tag("{%p if variant == '2017' %}")
    b.heading("Privacy Impact Assessment", 2)
    b.p("Do the implications/subject of the report require a Privacy Impact Assessment (PIA) "
        "to be carried out.")
    b.tag("{%p else %}")
    b.heading("Data Protection Impact Assessment", 2)
    b.p("Do the implications/subject of the report require a Data Protection Impact "
        "Assessment (DPIA) to be carried out?")
    b.tag("{%p endif %}")
    b.p("{{ dpia }}")
    b.heading("Other Background Documents", 2)
    b.tag("{%p if variant == '2017' %}")
    b.p("Equality Impact Assessment and Other Background documents available for inspection "
        "at:")
    b.tag("{%p else %}")
    b.p("Other Background documents available for inspection at:")
    b.tag("{%p endif %}")
    _background_table(doc)


def _contact_2023(doc: Document, label: str, var: str) -> None:
    first = doc.add_paragraph(style="Contact Line")
    first.add_run(label, style="Field Label")
    first.add_run(f"\tTitle\t{{{{ {var}.title }}}}")
    doc.add_paragraph(f"\tName:\t{{{{ {var}.name }}}}\tTel:\t{{{{ {var}.tel }}}}",
                      style="Contact Line")
    last = doc.add_paragraph(f"\tE-mail:\t{{{{ {var}.email }}}}", style="Contact Line")
    last.paragraph_format.space_after = Pt(8)


def _contact_2017(doc: Document, label: str, var: str) -> None:
    first = doc.add_paragraph(style="Contact Line")
    first.add_run(label, style="Field Label")
    first.add_run(f"\tName:\t{{{{ {var}.name }}}}\tTel:\t{{{{ {var}.tel }}}}")
    last = doc.add_paragraph(f"\tE-mail:\t{{{{ {var}.email }}}}", style="Contact Line")
    last.paragraph_format.space_after = Pt(8)


def _background_table(doc: Document) -> None:
    table = doc.add_table(rows=4, cols=2)
    table.style = doc.styles["Report Table"]
    _header_row(table.rows[0])
    texts = [("Title of Background Paper(s)",
              "Relevant Paragraph of the Access to Information Procedure Rules / Schedule 12A "
              "allowing document to be Exempt/Confidential (if applicable)"),
             ("{%tr for d in background_documents %}", ""),
             ("{{ loop.index }}.\t{{ d.title }}", "{{ d.exempt_paragraph }}"),
             ("{%tr endfor %}", "")]
    for row, pair in zip(table.rows, texts, strict=True):
        style = "Table Heading" if row is table.rows[0] else "Table Text"
        for cell, text in zip(row.cells, pair, strict=True):
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles[style]
    _full_width(table)
    doc.add_paragraph("", style="Normal")


def write_footer(doc: Document) -> None:
    """Page number field, right-aligned, in the footer of every page."""
    footer = doc.sections[0].footer
    para = footer.paragraphs[0]
    para.style = doc.styles["Footer"]
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    para.add_run("Page ")
    para._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t>'
                             "</w:r></w:fldSimple>"))


def main() -> None:
    doc = Document()
    setup_base(doc)
    setup_styles(doc)
    setup_numbering(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    write_body(doc)
    write_footer(doc)
    slim(doc)
    readable_style_colours(doc)
    props = doc.core_properties
    props.title = "Committee report"
    props.subject = "Committee report template (docxtpl)"
    props.author = "Democratic Services"
    props.language = "en-GB"
    props.keywords = "template"
    props.created = props.modified = dt.datetime(2023, 11, 1)
    props.revision = 1
    props.last_modified_by = "builder"
    doc.save(str(OUT))


if __name__ == "__main__":
    main()
