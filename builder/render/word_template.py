"""Render a Word template (report body, front sheet, agenda, minutes) with docxtpl, safely.

The template is checked as an untrusted Office file, its tags are rendered by the sandbox of
:mod:`builder.jinja_sandbox` with XML autoescape, names it uses but is not given are
reported before rendering, and any Jinja failure becomes a TemplateError naming the template,
the part and the tag.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from builder import jinja_sandbox
from builder.data.docx_package import DOCUMENT
from builder.data.safezip import check_office_input
from builder.errors import TemplateError
from builder.inspection.template_check import structure_problems
from builder.render.reproducible import save_package
from builder.render.word_common import CoreProperties, set_core_properties


def check_template(template: Path) -> None:
    """A readable, sane .docx, or a TemplateError saying what is wrong."""
    if not template.is_file():
        raise TemplateError(f"{template}: template not found",
                            hint="Fix the path in the council's templates: (or the meeting's), "
                                 "or leave it out to use the default template.")
    problem = check_office_input(template)
    if problem:
        raise TemplateError(f"{template}: {problem}")


def render_docx_template(template: Path, context: Mapping[str, Any], core: CoreProperties,
                       out: Path) -> None:
    """Render ``template`` with ``context`` into ``out`` (a .docx) and set its properties."""
    check_template(template)
    stat = template.stat()
    problems = structure_problems(template, set(context))
    if problems:
        raise TemplateError(f"{template}: the template cannot be rendered", problems,
                            hint="Fix each in Word, then `builder templates check` the file; "
                                 "docs/templates.md explains the tags.")
    names = _template_names(str(template), stat.st_mtime_ns, stat.st_size)
    if not names <= set(context):
        source = _body_source(DocxTemplate(str(template)))
        unknown = sorted(names - set(context))
        raise jinja_sandbox.undeclared_error(str(template), DOCUMENT, source, unknown)
    tpl = DocxTemplate(str(template))
    try:
        tpl.render(dict(context), _ENV)
    except Exception as exc:  # every Jinja failure, also runtime ones, becomes a TemplateError
        source = _body_source(DocxTemplate(str(template)))
        raise jinja_sandbox.template_error(exc, str(template), DOCUMENT, source) from None
    set_core_properties(tpl.docx, core)
    save_package(tpl, out, core.created)


_ENV = jinja_sandbox.environment(autoescape=True)


@functools.lru_cache(maxsize=8)
def _template_names(path: str, mtime_ns: int, size: int) -> frozenset[str]:
    """The top-level names a template's body uses (once per version of the file)."""
    source = _body_source(DocxTemplate(path))
    try:
        return frozenset(jinja_sandbox.undeclared_names(_ENV, source, set()))
    except Exception as exc:  # a syntax error found while looking for names
        raise jinja_sandbox.template_error(exc, path, DOCUMENT, source) from None


def _body_source(tpl: DocxTemplate) -> str:
    """The body XML exactly as docxtpl hands it to Jinja (one paragraph per line)."""
    tpl.init_docx()
    xml = tpl.patch_xml(tpl.get_xml())
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


