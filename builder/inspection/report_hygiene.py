"""What must not be published with an officer's Word file: tracked changes, comments, hidden
text, leftover template guidance (errors), and personal metadata (warnings)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from builder.config.report_format import ReportFormat
from builder.data.docx_package import NS, w
from builder.inspection.hidden_runs import hidden_runs, hiding_styles
from builder.inspection.report_document import Finding, ReportDocument, run_text, shorten

CHANGES = {"ins": "inserted", "del": "deleted", "moveFrom": "moved from", "moveTo": "moved to"}
FORMAT_CHANGES = ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                  "tcPrChange", "numberingChange")
COMMENT_MARKS = ("commentRangeStart", "commentRangeEnd", "commentReference")


def hygiene_findings(doc: ReportDocument, fmt: ReportFormat) -> list[Finding]:
    return [*tracked_changes(doc), *comments(doc), *hidden_text(doc), *guidance(doc, fmt),
            *metadata(doc, fmt)]


def tracked_changes(doc: ReportDocument) -> list[Finding]:
    """Every insertion, deletion, move and formatting change still tracked."""
    found = []
    for part, tree in doc.content_parts():
        for element in tree.iter(*(w(k) for k in (*CHANGES, *FORMAT_CHANGES))):
            local = etree.QName(element).localname
            author = element.get(w("author")) or "unknown author"
            if local in CHANGES:
                text = shorten(run_text(element))
                parent = etree.QName(element.getparent()).localname \
                    if element.getparent() is not None else ""
                what = f"{CHANGES[local]} {'paragraph mark' if parent == 'rPr' else repr(text)}"
            else:
                what = "formatting changed"
            found.append(doc.finding("tracked change", "error",
                                     f"{what} by {author}, not accepted or rejected",
                                     element, part))
    return found


def comments(doc: ReportDocument) -> list[Finding]:
    """Every comment (from ``word/comments.xml``) and any comment mark left in the text."""
    anchors: dict[str | None, etree._Element] = {}
    for element in doc.document.iter(w("commentRangeStart"), w("commentReference")):
        anchors.setdefault(element.get(w("id")), element)
    found = []
    tree = doc.xml("word/comments.xml")
    listed = set()
    for n, comment in enumerate(tree.iter(w("comment")) if tree is not None else (), 1):
        ident = comment.get(w("id"))
        listed.add(ident)
        what = (f"comment by {comment.get(w('author')) or 'unknown author'}: "
                f"‘{shorten(run_text(comment))}’")
        anchor = anchors.get(ident)
        found.append(doc.finding("comment", "error", what, anchor) if anchor is not None
                     else Finding("comment", "error", what, where=f"comment {n}"))
    for ident, anchor in anchors.items():
        if ident not in listed:
            found.append(doc.finding("comment", "error", "a comment mark is left in the text",
                                     anchor))
    return found


def hidden_text(doc: ReportDocument) -> list[Finding]:
    """Hidden runs (:mod:`builder.inspection.hidden_runs`: by the run, its character style or
    its paragraph's style): printed by nobody, read by anyone who looks. One finding a
    paragraph."""
    hiding = hiding_styles(doc.xml("word/styles.xml"))
    found = []
    for part, tree in doc.content_parts():
        by_paragraph: dict[etree._Element, list[etree._Element]] = {}
        for run in hidden_runs(tree, hiding):
            paragraph = next(run.iterancestors(w("p")), None)
            if paragraph is not None:
                by_paragraph.setdefault(paragraph, []).append(run)
        for paragraph, runs in by_paragraph.items():
            text = "".join(run_text(r) for r in runs)
            if text.strip():
                found.append(doc.finding("hidden text", "error",
                                         f"hidden text ‘{shorten(text)}’", paragraph, part))
    return found


def guidance(doc: ReportDocument, fmt: ReportFormat) -> list[Finding]:
    """Template guidance left in: the format's phrases, highlighted text, guidance colours and
    guidance styles. One finding per paragraph and kind."""
    phrases = [p.casefold() for p in fmt.guidance_phrases]
    colours = {c.upper() for c in fmt.guidance_colours}
    styles = _style_ids(doc, fmt.guidance_styles)
    found = []
    for part, tree in doc.content_parts():
        for paragraph in tree.iter(w("p")):
            text = run_text(paragraph)
            for phrase, original in zip(phrases, fmt.guidance_phrases, strict=True):
                if phrase in text.casefold():
                    found.append(doc.finding("guidance", "error",
                                             f"template guidance or placeholder ‘{original}’",
                                             paragraph, part))
            marked = _marked_runs(paragraph, colours, styles)
            for reason, runs in marked.items():
                shown = shorten("".join(run_text(r) for r in runs))
                found.append(doc.finding("guidance", "error", f"{reason} text ‘{shown}’",
                                         paragraph, part))
    return found


def _marked_runs(paragraph: etree._Element, colours: set[str], styles: set[str]
                 ) -> dict[str, list[etree._Element]]:
    pstyle = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    in_style = pstyle is not None and pstyle.get(w("val")) in styles
    marked: dict[str, list[etree._Element]] = {}
    for run in paragraph.iter(w("r")):
        if not run_text(run).strip():
            continue
        props = run.find(w("rPr"))
        highlight = props.find(w("highlight")) if props is not None else None
        colour = props.find(w("color")) if props is not None else None
        rstyle = props.find(w("rStyle")) if props is not None else None
        if highlight is not None and highlight.get(w("val"), "none") != "none":
            marked.setdefault("highlighted", []).append(run)
        if colour is not None and (colour.get(w("val")) or "").upper() in colours:
            marked.setdefault("guidance-coloured", []).append(run)
        if in_style or (rstyle is not None and rstyle.get(w("val")) in styles):
            marked.setdefault("guidance-styled", []).append(run)
    return marked


def _style_ids(doc: ReportDocument, names: tuple[str, ...]) -> set[str]:
    """The ids of the styles named (a style is referred to by id, shown by name)."""
    wanted = {n.casefold() for n in names}
    tree = doc.xml("word/styles.xml")
    ids = set()
    for style in tree.iter(w("style")) if tree is not None else ():
        name = style.find(w("name"))
        ident = style.get(w("styleId")) or ""
        if ident.casefold() in wanted or (name is not None and
                                          (name.get(w("val")) or "").casefold() in wanted):
            ids.add(ident)
    return ids


CUSTOM_PART = "docProps/custom.xml"
PERSONAL = (("docProps/core.xml", "dc:creator", "author"),
            ("docProps/core.xml", "cp:lastModifiedBy", "last modified by"),
            ("docProps/app.xml", "ep:Company", "company"),
            ("docProps/app.xml", "ep:Manager", "manager"))


@dataclass(frozen=True)
class PersonalField:
    """A document property naming someone the paper does not print itself."""

    part: str
    path: str
    """The element in ``part``, e.g. 'dc:creator' (prefixes as in ``NS``)."""
    label: str
    value: str


def personal_fields(doc: ReportDocument, fmt: ReportFormat) -> list[PersonalField]:
    """Author, last modified by, company and manager when they name someone the paper does not
    print (a report's named author is public already; a program is nobody)."""
    printed = doc.text().casefold()
    tools = {t.casefold() for t in fmt.tool_names}
    found = []
    for part, path, label in PERSONAL:
        tree = doc.xml(part)
        element = tree.find(path, NS) if tree is not None else None
        value = (element.text or "").strip() if element is not None else ""
        if value and value.casefold() not in tools and value.casefold() not in printed:
            found.append(PersonalField(part, path, label, value))
    return found


def metadata(doc: ReportDocument, fmt: ReportFormat) -> list[Finding]:
    """Personal fields (:func:`personal_fields`) and every custom property (document-management
    systems leave names, ids and paths there)."""
    found = [Finding("metadata", "warning", f"{f.label} is ‘{f.value}’", where=f.part)
             for f in personal_fields(doc, fmt)]
    custom = doc.xml(CUSTOM_PART)
    for prop in custom.iterfind("op:property", NS) if custom is not None else ():
        value = shorten(" ".join(t.text or "" for t in prop.iter() if t is not prop))
        found.append(Finding("metadata", "warning",
                             f"custom property ‘{prop.get('name')}’ is ‘{value}’",
                             where=CUSTOM_PART))
    return found
