"""What each Word template may use: every variable with its type, meaning and an example, as
``builder templates vars`` prints it and ``builder templates check`` checks attribute paths.

The pack's contexts are typed dataclasses (:mod:`builder.present.pack_context`) and are read
from their type hints and field docstrings; the committee report's context is a mapping built
by :func:`builder.present.report_context.report_context`, declared field by field here.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import inspect
import typing
from dataclasses import dataclass, field
from typing import Any

from builder.present import pack_context as pc

KINDS = ("report", "front-sheet", "agenda", "minutes", "pack-page")


@dataclass(frozen=True)
class Var:
    """One variable (or attribute) a template may use."""

    type: str
    meaning: str
    example: str = ""
    attrs: dict[str, Var] = field(default_factory=dict)
    """The attributes of a record, or of each element of a list."""


def _rec(type_: str, meaning: str, **attrs: Var) -> Var:
    return Var(type_, meaning, "", dict(attrs))


_BLOCK = dict(
    kind=Var("str", "'paragraph', 'subheading' or 'table'", "paragraph"),
    text=Var("str", "the paragraph's or subheading's text",
             "Performance information up to 31 October 2023 is attached as Appendix 1."),
    continued=Var("bool", "true when the paragraph continues the numbered one before it"),
    bullets=Var("list[str]", "bullets under the paragraph"),
    after=Var("list[str]", "paragraphs after the bullets, unnumbered"),
    caption=Var("str", "a table's caption"),
    header=Var("list[str]", "a table's header cells"),
    rows=Var("list[list[str]]", "a table's rows of cells"),
)
_CONTACT = dict(title=Var("str", "role", "Scrutiny Manager"),
                name=Var("str", "name", "Mark Pirnie"),
                tel=Var("str", "telephone", "023 8083 3886"),
                email=Var("str", "email", "mark.pirnie@southampton.gov.uk"))


def _blocks(meaning: str) -> Var:
    return _rec("list[block]", meaning + " (each block a paragraph, subheading or table)",
                **_BLOCK)


REPORT: dict[str, Var] = {
    "variant": Var("str", "the report format, '2023' or '2017'", "2023"),
    "decision_maker": Var("str", "DECISION-MAKER, in capitals",
                          "CHILDREN AND FAMILIES SCRUTINY PANEL"),
    "subject": Var("str", "SUBJECT, in capitals", "PERFORMANCE OF CHILDREN'S SERVICES"),
    "date_of_decision": Var("str", "DATE OF DECISION, in capitals", "23 NOVEMBER 2023"),
    "report_of": Var("str", "REPORT OF, in capitals", "SCRUTINY MANAGER"),
    "director": _rec("contact", "the executive director's contact block", **_CONTACT),
    "author": _rec("contact", "the author's contact block", **_CONTACT),
    "confidentiality": Var("str", "the statement of confidentiality ('None' when nothing is "
                                  "exempt)", "None"),
    "exempt_groups": _rec("list[record]", "exempt appendices grouped by ground",
                          appendices=Var("str", "'Appendix 2' or 'Appendices 2 and 3'"),
                          verb=Var("str", "'is' or 'are'"),
                          category=Var("str", "the access-to-information category", "3"),
                          reason=Var("str", "why the information is exempt"),
                          statement=Var("str", "council.yaml's `confidentiality` sentence for "
                                               "the group, as the pack's notice pages print "
                                               "it")),
    "brief_summary": Var("list[str]", "BRIEF SUMMARY paragraphs"),
    "recommendations": Var("list[str]", "RECOMMENDATIONS, numbered (i), (ii) by the template"),
    "reasons": _blocks("REASONS FOR REPORT RECOMMENDATIONS"),
    "alternatives": _blocks("ALTERNATIVE OPTIONS CONSIDERED AND REJECTED"),
    "detail": _blocks("DETAIL (Including consultation carried out)"),
    "resources": _rec("record", "RESOURCE IMPLICATIONS",
                      is_combined=Var("bool", "one combined section instead of two"),
                      combined=_blocks("the combined section"),
                      capital_revenue=_blocks("Capital/Revenue"),
                      property_other=_blocks("Property/Other")),
    "legal": _rec("record", "LEGAL IMPLICATIONS",
                  statutory_power=_blocks("Statutory power to undertake proposals"),
                  other=_blocks("Other legal implications")),
    "risk": _blocks("RISK MANAGEMENT IMPLICATIONS (2023 format)"),
    "policy": _blocks("POLICY FRAMEWORK IMPLICATIONS"),
    "key_decision": Var("str", "KEY DECISION?", "No"),
    "wards": Var("str", "WARDS/COMMUNITIES AFFECTED ('' for the template's default)", ""),
    "appendices": _rec("list[record]", "the appendices, in order",
                       number=Var("int", "the appendix number", "1"),
                       title=Var("str", "its title", "Children and Families Performance"),
                       exempt=Var("bool", "true when it is exempt (the template adds 'Exempt –')")),
    "members_rooms": Var("list[str]", "Documents In Members' Rooms"),
    "esia": Var("str", "Equality and Safety Impact Assessment needed?", "No"),
    "dpia": Var("str", "Data Protection Impact Assessment needed?", "No"),
    "background_documents": _rec("list[record]", "Other Background Documents",
                                 title=Var("str", "the document's title"),
                                 exempt_paragraph=Var("str", "its exempt paragraph, or ''")),
}

_PACK_CONTEXTS: dict[str, type] = {
    "front-sheet": pc.FrontSheetContext, "agenda": pc.AgendaContext,
    "minutes": pc.MinutesContext, "pack-page": pc.PackPageContext,
}


@functools.lru_cache(maxsize=8)
def variables(kind: str) -> dict[str, Var]:
    """Every top-level variable the template of ``kind`` is given."""
    if kind == "report":
        return REPORT
    return _fields(_PACK_CONTEXTS[kind])


def _fields(cls: type) -> dict[str, Var]:
    hints = typing.get_type_hints(cls)
    docs = _field_docs(cls)
    return {f.name: _var(hints[f.name], docs.get(f.name, "")) for f in dataclasses.fields(cls)}


def _var(hint: Any, meaning: str) -> Var:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (tuple, list) and args:
        inner = _var(args[0], "")
        return Var(f"list[{inner.type}]", meaning, "", inner.attrs)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return Var(hint.__name__, meaning or (inspect.getdoc(hint) or "").split("\n")[0], "",
                   _fields(hint))
    name = getattr(hint, "__name__", None) or str(hint).replace("typing.", "")
    return Var(name, meaning)


def _field_docs(cls: type) -> dict[str, str]:
    """The docstring written under each field of a dataclass (or its comment-free name)."""
    try:
        tree = ast.parse(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for node, after in zip(body, body[1:], strict=False):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)):
            docs[node.target.id] = " ".join(after.value.value.split())
    return docs


def describe(kind: str) -> list[tuple[str, str, str, str]]:
    """(path, type, meaning, example) of every variable and attribute, in order."""
    rows: list[tuple[str, str, str, str]] = []

    def walk(prefix: str, found: dict[str, Var]) -> None:
        for name, var in found.items():
            path = f"{prefix}{name}"
            rows.append((path, var.type, var.meaning, var.example))
            if var.attrs:
                walk(f"{path}{'[].' if var.type.startswith('list') else '.'}", var.attrs)

    walk("", variables(kind))
    return rows
