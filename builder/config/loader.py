"""Load YAML safely and validate it into typed models, collecting every problem first."""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from builder.compute.periods import LENGTHS
from builder.config.catalogue import Catalogue
from builder.core.limits import LIMITS, Limits
from builder.core.text import NO_CONTROL, xml_invalid
from builder.errors import ConfigError, Problem, raise_if_any

# yaml.safe_load's loader, in libyaml's C implementation when present (about 10x faster on a
# 450-indicator catalogue): the same safe constructors, no Python object tags.
SAFE_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader)
MERGE_TAG = "tag:yaml.org,2002:merge"
NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
NUMBER_TEXT = re.compile(r"^[+-]?(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?$")
"""Text that pydantic would read as a number (YAML 1.1 reads ``1e309`` as a string)."""
M = TypeVar("M", bound=BaseModel)


def read_yaml(path: Path, limits: Limits = LIMITS) -> Any:
    """``yaml.safe_load`` of a file (see ``SAFE_LOADER``), with errors that name the file and
    line, after checks that bound its cost (docs/limits.md): the file's size; its nodes, nesting
    and alias expansion, counted from the parser's events before anything is built; then, on
    the composed nodes, repeated keys and characters no document can hold."""
    if not path.is_file():
        raise ConfigError(f"{path}: file not found", hint="Check the path you passed.")
    if path.stat().st_size > limits.yaml_bytes:
        raise ConfigError(f"{path}: larger than {limits.yaml_bytes:,} bytes; refusing to read it")
    try:
        text = path.read_text(encoding="utf-8")
        _check_events(path, text, limits)
        loader = SAFE_LOADER(text)
        try:
            node = loader.get_single_node()
            raise_if_any(_node_problems(path, node, limits), ConfigError,
                         f"{path}: not usable YAML")
            return None if node is None else loader.construct_document(node)
        finally:
            loader.dispose()
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except yaml.reader.ReaderError as exc:  # a raw control character (it has no mark)
        line = f"line {text[:exc.position].count(chr(10)) + 1}"
        raise ConfigError(f"{path}: not valid YAML", [Problem(
            str(path), line, f"control character U+{exc.character:04X}", NO_CONTROL)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(
            f"{path}: not valid YAML", [Problem(str(path), _line(mark), str(problem))]
        ) from None


def _line(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""


def _check_events(path: Path, text: str, limits: Limits) -> None:
    """Count nodes, nesting depth and the nodes every alias stands for, from the event stream
    (constant memory), and stop at the first limit passed."""
    nodes = expanded = 0
    anchors: dict[str, int] = {}
    open_nodes: list[tuple[str | None, int]] = []
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            expanded += anchors.get(event.anchor or "", 1)
        elif isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
            nodes += 1
            expanded += 1
            if isinstance(event, yaml.CollectionStartEvent):
                open_nodes.append((event.anchor, expanded - 1))
            elif event.anchor:
                anchors[event.anchor] = 1
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, start = open_nodes.pop()
            if anchor:
                anchors[anchor] = expanded - start
        if len(open_nodes) > limits.yaml_depth:
            _too_much(path, event, f"nested more than {limits.yaml_depth} levels deep")
        if nodes > limits.yaml_nodes:
            _too_much(path, event, f"more than {limits.yaml_nodes:,} values")
        if expanded > limits.yaml_expanded_nodes:
            _too_much(path, event, f"aliases (*name) that expand to more than "
                      f"{limits.yaml_expanded_nodes:,} values")


def _sane_number(text: str, limits: Limits) -> bool:
    """A YAML int or float that is finite and no larger than the limit (forms Python cannot
    read, such as sexagesimal 1:30, are left to the loader)."""
    plain = text.replace("_", "").lower()
    if plain.lstrip("+-") in (".inf", ".nan"):
        return False
    if len(plain) > 400:
        return False
    try:
        value = float(int(plain, 0)) if plain.lstrip("+-")[:2] in ("0x", "0o", "0b") \
            else float(plain)
    except (ValueError, OverflowError):
        return True
    return math.isfinite(value) and abs(value) <= limits.max_magnitude


def _too_much(path: Path, event: Any, what: str) -> None:
    raise ConfigError(f"{path}: too large to read",
                      [Problem(str(path), _line(event.start_mark), f"the file has {what}",
                               "a smaller file (see docs/limits.md)")])


def _node_problems(path: Path, root: yaml.Node | None, limits: Limits) -> list[Problem]:
    """Keys repeated in one mapping (naming both lines), text with control characters, and
    numbers that are not finite or past ``limits.max_magnitude``."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if bad := xml_invalid(str(node.value)):
                problems.append(Problem(str(path), _line(node.start_mark), bad, NO_CONTROL))
            elif (node.tag in NUMBER_TAGS or NUMBER_TEXT.match(str(node.value))) and \
                    not _sane_number(str(node.value), limits):
                problems.append(Problem(
                    str(path), _line(node.start_mark), f"number {str(node.value)[:24]} is not "
                    f"finite or larger than {limits.max_magnitude:g}", "a smaller number"))
        elif isinstance(node, yaml.MappingNode):
            lines: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != MERGE_TAG:
                    line = key.start_mark.line + 1
                    if key.value in lines:
                        problems.append(Problem(
                            str(path), f"line {line}", f"key '{key.value}' is repeated (first "
                            f"on line {lines[key.value]})", "each key once in a mapping"))
                    lines.setdefault(key.value, line)
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    problems.sort(key=lambda p: int(p.where.split()[1].rstrip(",")) if p.where else 0)
    return problems


def key_path(loc: tuple[int | str, ...], data: Any = None) -> str:
    """Render a pydantic location as a YAML key path: ``indicators[3].polarity``; an indicator
    or theme list entry is labelled with its key when it has one."""
    text = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
            if isinstance(node, list) and 0 <= part < len(node):
                node = node[part]
                if isinstance(node, dict) and isinstance(node.get("key"), str):
                    text += f"(key={node['key']})"
            else:
                node = None
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text


def _valid_hint(error: Any) -> str:
    ctx = error.get("ctx") or {}
    if "expected" in ctx:
        return str(ctx["expected"]).replace("'", "")
    if "pattern" in ctx:
        return f"text matching {ctx['pattern']}"
    if error["type"] == "extra_forbidden":
        return "remove the key or fix its spelling"
    if error["type"] == "missing":
        return "add this key"
    return ""


def problems_from_validation(path: Path, exc: ValidationError, data: Any) -> list[Problem]:
    """One Problem per pydantic error, located by YAML key path. A list that is 'too short' only
    because its invalid entries were dropped is not reported twice; whole mappings are not
    echoed back as the input."""
    errors = [(tuple(p for p in err["loc"] if not str(p).startswith("function-")), err)
              for err in exc.errors()]
    problems = []
    for loc, err in errors:
        if err["type"] == "too_short" and any(
                other[:len(loc)] == loc and len(other) > len(loc) for other, _ in errors):
            continue
        what = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            what = "unknown key"
        elif ("input" in err and err["type"] != "missing"
              and not isinstance(err["input"], dict | list)):
            what = f"{what} (got {err['input']!r})"
        problems.append(Problem(str(path), key_path(loc, data), what, _valid_hint(err)))
    return problems


def validate_model(model: type[M], data: Any, path: Path, what: str) -> M:
    """Validate ``data`` (from ``path``) into ``model``, or raise one ConfigError listing all."""
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of keys at the top of the {what}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(
            f"{path}: the {what} is not valid", problems_from_validation(path, exc, data)
        ) from None


def load_catalogue(path: Path) -> Catalogue:
    """Read, validate and cross-check an indicator catalogue."""
    data = read_yaml(path)
    catalogue = validate_model(Catalogue, data, path, "indicator catalogue")
    raise_if_any(check_catalogue(catalogue, path), ConfigError,
                 f"{path}: the indicator catalogue is not consistent")
    return catalogue


def check_catalogue(cat: Catalogue, path: Path) -> list[Problem]:
    """Cross-references the schema cannot see: unique keys, known themes, formula inputs."""
    file = str(path)
    problems: list[Problem] = []
    theme_keys = [t.key for t in cat.themes]
    for key, n in Counter(theme_keys).items():
        if n > 1:
            problems.append(Problem(file, "themes", f"theme key '{key}' is used {n} times",
                                    "each theme key once"))
    keys = [i.key for i in cat.indicators]
    for key, n in Counter(keys).items():
        if n > 1:
            problems.append(Problem(file, "indicators", f"indicator key '{key}' is used {n} times",
                                    "each indicator key once"))
    known = set(keys)
    themes = ", ".join(theme_keys)
    for n, ind in enumerate(cat.indicators):
        at = f"indicators[{n}](key={ind.key})"
        for field, theme in [("theme", ind.theme), *(("also_in", t) for t in ind.also_in)]:
            if theme not in theme_keys:
                problems.append(Problem(file, f"{at}.{field}", f"unknown theme '{theme}'", themes))
        for name in ind.benchmarks:
            if name not in cat.benchmarks:
                problems.append(Problem(file, f"{at}.benchmarks.{name}", "unknown benchmark name",
                                        ", ".join(cat.benchmarks) or "declare it in 'benchmarks'"))
        refs: list[tuple[str, str]] = []
        if ind.derived:
            refs = [("derived.numerator", ind.derived.numerator),
                    ("derived.denominator", ind.derived.denominator)]
        if ind.rate:
            refs = [("rate.of", ind.rate.of)]
            if ind.rate.population not in cat.populations:
                valid = ", ".join(cat.populations) or "declare it in 'populations'"
                problems.append(Problem(file, f"{at}.rate.population",
                                        f"unknown population '{ind.rate.population}'", valid))
        for field, ref in refs:
            if ref not in known:
                problems.append(Problem(file, f"{at}.{field}", f"unknown indicator '{ref}'",
                                        "the key of another indicator"))
            elif ref == ind.key:
                problems.append(Problem(file, f"{at}.{field}", "refers to itself",
                                        "the key of another indicator"))
            elif cat.indicator(ref).computed:
                problems.append(Problem(file, f"{at}.{field}",
                                        f"'{ref}' is itself computed; formulas take typed-in "
                                        "values", "an indicator without derived/rate"))
            elif cat.indicator(ref).frequency != ind.frequency:
                problems.append(Problem(file, f"{at}.{field}",
                                        f"'{ref}' is {cat.indicator(ref).frequency} but this "
                                        f"indicator is {ind.frequency}",
                                        "an indicator of the same frequency"))
        length = LENGTHS[ind.frequency]
        if ind.rate and ind.rate.rolling_months != 1 and ind.rate.rolling_months % length:
            problems.append(Problem(file, f"{at}.rate.rolling_months",
                                    f"{ind.rate.rolling_months} months is not a whole number of "
                                    f"{ind.frequency} periods", f"1 or a multiple of {length}"))
    for name, value in cat.populations.items():
        if value <= 0:
            problems.append(Problem(file, f"populations.{name}", f"must be positive (got {value})",
                                    "a number above 0"))
    return problems
