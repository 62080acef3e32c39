"""``builder templates check``: every problem of a Word template at once, each with its part
(``body``, ``header1.xml`` ...) and the text of the paragraph (or table row) around it.

Checked statically, so a branch this meeting does not use is checked too: block tags that are
never closed (at their opening tag) or closed without being opened; ``{%p %}``/``{%tr %}``/
``{%tc %}`` tags sharing their paragraph with other text (the whole paragraph is replaced by
the tag, so the text would vanish); unknown names and attribute paths, against the variables
of :mod:`builder.inspection.template_vars`, with "did you mean"; fields the default template
prints whose tag was deleted; and every style the rendered papers need.
"""

from __future__ import annotations

import difflib
import functools
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import meta, nodes
from lxml import etree

from builder import jinja_sandbox
from builder.config.templates import DEFAULT_DIR, FILE_NAMES
from builder.data.docx_package import W
from builder.data.safezip import check_office_zip
from builder.errors import Problem
from builder.inspection.template_vars import KINDS, Var, variables

_TAG = re.compile(r"\{%-?\s*(p|tr|tc|r)?\s*(\w+)(.*?)-?%\}|\{\{(.*?)\}\}", re.S)
_OPENERS = {"if", "for", "macro", "call", "filter", "with", "block", "raw"}
_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
KIND_BY_FILE = {FILE_NAMES[k.replace("-", "_")]: k for k in
                ("report", "front-sheet", "agenda", "minutes", "pack-page")}
REQUIRED_STYLES = {
    "report": ("Normal", "Heading 1", "Heading 2", "Heading 3", "Report Field",
               "Numbered Paragraph", "Recommendation", "List Bullet", "Table Text",
               "Table Heading", "Report Table", "Dataset Table", "Dataset Text",
               "Dataset Heading", "Key Text", "List Item"),
}
"""Styles the code adds paragraphs and tables in (appendices, dataset, glossary, tracker)."""


@dataclass(frozen=True)
class _Tag:
    text: str
    prefix: str
    keyword: str
    part: str
    place: str
    """The paragraph's (or table row's) text, shortened."""


def kind_of(path: Path) -> str:
    """The template kind a file name suggests (the defaults' names), else the report."""
    return KIND_BY_FILE.get(path.name, "report")


def check_template(path: Path, kind: str) -> list[Problem]:
    """Every problem of the Word template at ``path`` used as a ``kind`` template."""
    file = str(path)
    if not path.is_file():
        return [Problem(file, "", "file not found")]
    unsafe = check_office_zip(path)
    if unsafe:
        return [Problem(file, "", unsafe, "a Word .docx")]
    parts = _parts(path)
    problems, sources = _structure(file, parts)
    known = variables(kind)
    used: set[str] = set()
    for part, source in sources.items():
        names, found = _names(file, part, source, known, parts[part])
        used |= names
        problems += found
    problems += _deleted(file, kind, used)
    problems += _styles(file, path, kind)
    return problems


def structure_problems(path: Path, names: set[str]) -> list[Problem]:
    """What would make rendering lose text or fail at the wrong place, checked before it:
    paragraph tags sharing their paragraph, unbalanced blocks, names outside ``names`` (the
    context given), each in its own part (a header's tag is named in its header), and, when
    ``names`` is a whole report or pack context, fields the default prints that no tag uses."""
    stat = path.stat()
    problems, used = _structure_of(str(path), stat.st_mtime_ns, stat.st_size)
    found = list(problems)
    for part, part_names, paragraphs in used:
        for name in sorted(part_names - names):
            para = next((p for p in paragraphs if re.search(rf"\b{re.escape(name)}\b", p)), "")
            close = difflib.get_close_matches(name, sorted(names), n=3)
            found.append(Problem(str(path), f"{part}, paragraph {_short(para)}",
                                 f"unknown name '{name}'",
                                 "did you mean " + ", ".join(close) if close
                                 else "a name from `builder templates vars`"))
    kind = next((k for k in KINDS if set(variables(k)) == names), None)
    if kind is not None and not found:  # a whole context: every field it prints is wanted
        found += _deleted(str(path), kind, {n for _, part_names, _ in used for n in part_names})
    return found


@functools.lru_cache(maxsize=16)
def _structure_of(file: str, mtime_ns: int, size: int
                  ) -> tuple[tuple[Problem, ...],
                             tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]]:
    """Once per version of a template file: its structural problems, and per part the
    top-level names it uses and its paragraphs."""
    parts = _parts(Path(file))
    problems, sources = _structure(file, parts)
    used = []
    for part, source in sources.items():
        try:
            names = frozenset(meta.find_undeclared_variables(_ENV.parse(source)))
        except jinja2.TemplateSyntaxError:
            continue  # the renderer reports it with its tag
        used.append((part, names, tuple(parts[part])))
    return tuple(problems), tuple(used)


def _structure(file: str, parts: dict[str, list[str]]) -> tuple[list[Problem], dict[str, str]]:
    """Shared paragraphs and unbalanced blocks of every part; the Jinja source of each part
    whose blocks balance."""
    problems: list[Problem] = []
    sources: dict[str, str] = {}
    for part, paragraphs in parts.items():
        tags = _tags(part, paragraphs)
        problems += _shared_paragraphs(file, tags, paragraphs)
        balance = _balance(file, tags)
        problems += balance
        if not balance:
            sources[part] = "".join(_jinja(t) for t in tags)
    return problems, sources


def _parts(path: Path) -> dict[str, list[str]]:
    """Body, headers and footers: each paragraph's text (a table row's cells joined by ' | ')."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    out: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as package:
        names = sorted((n for n in package.namelist() if _PART.match(n)),
                       key=lambda n: (n != "word/document.xml", n))
        for name in names:
            root = etree.fromstring(package.read(name), parser)
            label = "body" if name == "word/document.xml" else name.split("/")[-1]
            out[label] = ["".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
                          for p in root.iter(f"{{{W}}}p")]
    return out


def _short(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text[:70]}…'" if len(text) > 70 else f"'{text}'"


def _tags(part: str, paragraphs: list[str]) -> list[_Tag]:
    tags = []
    for para in paragraphs:
        for m in _TAG.finditer(para):
            keyword = m.group(2) or ""
            tags.append(_Tag(m.group(0), m.group(1) or "", keyword, part, para))
    return tags


def _where(tag: _Tag) -> str:
    return f"{tag.part}, tag {tag.text} in paragraph {_short(tag.place)}"


def _shared_paragraphs(file: str, tags: list[_Tag], paragraphs: list[str]
                       ) -> list[Problem]:
    problems = []
    for tag in tags:
        if tag.prefix in ("p", "tr", "tc"):
            rest = tag.place.replace(tag.text, "").strip()
            if rest and not _TAG.fullmatch(rest):
                unit = {"p": "paragraph", "tr": "table row", "tc": "table cell"}[tag.prefix]
                problems.append(Problem(
                    file, _where(tag), f"the {{%{tag.prefix} %}} tag replaces its whole {unit}, "
                    f"so the text {_short(_TAG.sub('', rest))} beside it would be lost",
                    "put the tag alone in its own paragraph (press Enter before and after it)"))
    return problems


def _balance(file: str, tags: list[_Tag]) -> list[Problem]:
    """Block tags never closed (reported at the opening tag) or closed without an opening."""
    stack: list[_Tag] = []
    problems = []
    for tag in tags:
        if tag.keyword in _OPENERS:
            stack.append(tag)
        elif tag.keyword.startswith("end"):
            opener = tag.keyword[3:]
            if stack and stack[-1].keyword == opener:
                stack.pop()
            elif any(t.keyword == opener for t in stack):
                while stack[-1].keyword != opener:
                    problems.append(_unclosed(file, stack.pop()))
                stack.pop()
            else:
                problems.append(Problem(file, _where(tag), f"{{% {tag.keyword} %}} closes no "
                                        f"open {{% {opener} %}}",
                                        f"remove it, or add the {{% {opener} ... %}} it closes"))
        elif tag.keyword in ("elif", "else") and not any(t.keyword in ("if", "for")
                                                           for t in stack):
            problems.append(Problem(file, _where(tag), f"{{% {tag.keyword} %}} outside any "
                                    "{% if %}", "move it inside the block it belongs to"))
    problems += [_unclosed(file, t) for t in stack]
    return problems


def _unclosed(file: str, tag: _Tag) -> Problem:
    close = ("{%" + tag.prefix + f" end{tag.keyword} %}}" if tag.prefix
             else f"{{% end{tag.keyword} %}}")
    return Problem(file, _where(tag), f"{{% {tag.keyword} %}} is never closed",
                   f"add {close} where the block ends"
                   + (" (alone in its paragraph)" if tag.prefix else ""))


def _jinja(tag: _Tag) -> str:
    if tag.prefix:
        return "{%" + tag.text[tag.text.index(tag.prefix) + len(tag.prefix):]
    return tag.text


_ENV = jinja_sandbox.environment(autoescape=True)


def _names(file: str, part: str, source: str, known: dict[str, Var], paragraphs: list[str]
           ) -> tuple[set[str], list[Problem]]:
    """Top-level names used, and unknown names or attributes (in every branch)."""
    try:
        tree = _ENV.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        return set(), [Problem(file, part, f"syntax error: {exc.message}",
                               "fix the tag (docs/templates.md shows the syntax)")]
    problems: list[Problem] = []
    used: set[str] = set()

    def place(text: str) -> str:
        para = next((p for p in paragraphs if text in p), "")
        return f"{part}, paragraph {_short(para)}" if para else part

    def shape(node: nodes.Node, scope: dict[str, Var | None]) -> Var | None:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            used.add(node.name)
            if node.name not in known:
                close = difflib.get_close_matches(node.name, list(known), n=3)
                problems.append(Problem(file, place(node.name), f"unknown name '{node.name}'",
                                        "did you mean " + ", ".join(close) if close else
                                        "a name from `builder templates vars`"))
                return None
            return known[node.name]
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            base = shape(node.node, scope)
            attr = node.attr if isinstance(node, nodes.Getattr) else (
                node.arg.value if isinstance(node.arg, nodes.Const)
                and isinstance(node.arg.value, str) else None)
            if base is None or not base.attrs or attr is None or base.type.startswith("list"):
                return None
            if attr not in base.attrs:
                close = difflib.get_close_matches(attr, list(base.attrs), n=3)
                problems.append(Problem(file, place(attr), f"unknown attribute '{attr}'",
                                        "did you mean " + ", ".join(close) if close else
                                        "one of: " + ", ".join(base.attrs)))
                return None
            return base.attrs[attr]
        for child in node.iter_child_nodes():
            visit(child, scope)
        return None

    def visit(node: nodes.Node, scope: dict[str, Var | None]) -> None:
        if isinstance(node, nodes.For):
            seq = shape(_unbounded(node.iter), scope)
            item = Var("", "", "", seq.attrs) if seq is not None and seq.attrs else None
            inner = dict(scope, loop=None)
            for target in _targets(node.target):
                inner[target.name] = item if isinstance(node.target, nodes.Name) else None
            for child in (*node.body, *node.else_, *([node.test] if node.test else [])):
                visit(child, inner)
            return
        if isinstance(node, nodes.Assign):
            shape(node.node, scope)
            for target in _targets(node.target):
                scope[target.name] = None
            return
        if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            shape(node, scope)
            return
        for child in node.iter_child_nodes():
            visit(child, scope)

    visit(tree, {})
    return used, problems


def _unbounded(node: nodes.Node) -> nodes.Node:
    """The sequence a loop iterates, without the sandbox's ``bounded_iter`` call around it."""
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.EnvironmentAttribute) \
            and node.node.name == "bounded_iter" and node.args:
        return node.args[0]
    return node


def _targets(target: nodes.Node) -> list[nodes.Name]:
    """The names a ``for`` or ``set`` binds (one name, or a tuple of them)."""
    return [target] if isinstance(target, nodes.Name) else list(target.find_all(nodes.Name))


def _deleted(file: str, kind: str, used: set[str]) -> list[Problem]:
    """Fields the default template prints that this one no longer uses at all."""
    meanings = variables(kind)
    return [Problem(file, "body", f"no tag uses '{name}' ({meanings[name].meaning})"
                    if name in meanings and meanings[name].meaning else f"no tag uses '{name}'",
                    f"put {{{{ {name} }}}} back where it is printed (the default template "
                    "shows where)") for name in sorted(_default_names(kind) - used)]


@functools.lru_cache(maxsize=8)
def _default_names(kind: str) -> frozenset[str]:
    """The names the default template of ``kind`` uses."""
    default = DEFAULT_DIR / FILE_NAMES[kind.replace("-", "_")]
    stat = default.stat()
    _, used = _structure_of(str(default), stat.st_mtime_ns, stat.st_size)
    return frozenset(name for _, names, _ in used for name in names)


def _styles(file: str, path: Path, kind: str) -> list[Problem]:
    from docx import Document

    from builder.render.word_cell_styles import cell_style_problems
    from builder.render.word_common import find_style

    doc = Document(str(path))
    have = [s.name for s in doc.styles if s.name]
    problems = []
    for name in REQUIRED_STYLES.get(kind, ("Normal",)):
        if find_style(doc, name) is None:
            close = difflib.get_close_matches(name, have, n=3)
            problems.append(Problem(file, "styles", f"no style named '{name}'",
                                    ("did you mean " + ", ".join(close) + "? ") if close else ""
                                    + "add the style in Word (Home > Styles) with this name"))
    return problems + (cell_style_problems(doc, path) if kind == "report" else [])
