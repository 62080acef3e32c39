"""Shared Word plumbing: core properties, documents started from the template's styles, styles
looked up by name, landscape sections. python-docx objects stay in ``render``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from builder.errors import Problem, TemplateError, raise_if_any


@dataclass(frozen=True)
class CoreProperties:
    """What every generated document declares about itself (DESIGN 6, 7)."""

    title: str
    author: str
    created: dt.datetime
    """Fixed from the meeting so that the same inputs give the same document."""
    subject: str = ""
    language: str = "en-GB"


def set_core_properties(doc: DocxDocument, core: CoreProperties) -> None:
    props = doc.core_properties
    props.title = core.title
    props.author = core.author
    props.subject = core.subject
    props.language = core.language
    props.keywords = ""
    props.comments = ""
    props.last_modified_by = core.author
    props.created = props.modified = core.created
    props.revision = 1


def document_from_template(template: Path) -> DocxDocument:
    """A new document with the template's styles, numbering, page setup and footer, and an
    empty body (the template's tagged body is dropped)."""
    doc = Document(str(template))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def require_styles(doc: DocxDocument, template: Path, names: tuple[str, ...]) -> None:
    """TemplateError listing every named style the template lacks."""
    raise_if_any(style_problems(doc, template, names), TemplateError,
                 f"{template}: the template lacks styles the documents need",
                 hint="Add the styles, or copy them from the default template (`builder "
                      "templates export DIR` writes it out).")


def style_problems(doc: DocxDocument, template: Path, names: Iterable[str]) -> list[Problem]:
    """A Problem for every style of ``names`` the document lacks (each once), looked up as
    :func:`find_style` does."""
    return [Problem(str(template), "styles", f"no style named '{n}'",
                    "add the style in Word (Home > Styles) with exactly this name")
            for n in dict.fromkeys(names) if find_style(doc, n) is None]


def template_style_problems(template: Path, names: Iterable[str]) -> list[Problem]:
    """``style_problems`` of a template file, for checking before anything is rendered."""
    return style_problems(Document(str(template)), template, names)


class Writer:
    """Appends paragraphs by style name to the end of a document, looking each style's id up
    once (python-docx looks a style name up by scanning every style, on every paragraph)."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self.ids: dict[str, str] = {}

    def add(self, text: str, style: str) -> Paragraph:
        para = self.doc.add_paragraph(text)
        if style not in self.ids:
            self.ids[style] = style_id(self.doc, style)
        para._p.style = self.ids[style]
        return para


def style_id(doc: DocxDocument, name: str) -> str:
    """The XML id of the style named ``name`` (ids differ from names, e.g. 'Heading1')."""
    style = find_style(doc, name)
    if style is None:
        raise TemplateError(f"the template has no style named '{name}'",
                            hint="Add the style in Word (Home > Styles) with exactly this name.")
    return str(style.style_id)


def find_style(doc: DocxDocument, name: str) -> Any | None:
    """The style called ``name`` however the office suite that saved the template spelt it:
    by name (Word writes built-in names in lower case, 'heading 1', LibreOffice as shown,
    'Heading 1'), then by name ignoring case, then by style id ('Heading1')."""
    styles = list(doc.styles)
    wanted = name.casefold()
    compact = _COMPACT.sub("", wanted)
    return (next((s for s in styles if s.name == name), None)
            or next((s for s in styles if (s.name or "").casefold() == wanted), None)
            or next((s for s in styles if _COMPACT.sub("", s.style_id.casefold()) == compact),
                    None))


_COMPACT = re.compile(r"[^0-9a-z]")


def landscape(doc: DocxDocument) -> None:
    """Turn the (single) section to landscape, keeping the margins."""
    section = doc.sections[-1]
    if section.orientation != WD_ORIENT.LANDSCAPE:
        width, height = section.page_width, section.page_height
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
