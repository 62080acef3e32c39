"""Change a few values of a YAML file an officer keeps, in its text: comments, key order, quoting
and layout of everything else stay as they were, byte for byte.

The file is first read as every config file is (:func:`builder.config.loader.read_yaml`: size,
alias and depth limits, duplicate keys); then PyYAML's composer (nodes with their positions,
nothing constructed) finds each value to change, and only those characters are replaced. A
value is a string (a scalar) or a list of strings (written in the style the old list used:
``[a, b]`` or one ``- a`` line each); a key the mapping lacks is added on a line after its last
entry. The result is read back and must give exactly the values set, or nothing is written.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from builder.config.loader import read_yaml
from builder.errors import ConfigError
from builder.outputs import atomic_file

KeyPath = tuple[str | int, ...]
Value = str | tuple[str, ...]


@dataclass(frozen=True)
class _Splice:
    start: int
    end: int
    text: str


def update_yaml(path: Path, changes: Mapping[KeyPath, Value]) -> None:
    """Set each key path (``("data", "values")``, ``("items", 3, "paper", "file")``) to its
    value in ``path``, keeping everything else (see the module doc)."""
    read_yaml(path)
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        raise ConfigError(f"{path}: the file is empty")
    splices = sorted((_splice(text, root, keys, value, path) for keys, value in changes.items()),
                     key=lambda s: s.start, reverse=True)
    for s in splices:
        text = text[:s.start] + s.text + text[s.end:]
    with atomic_file(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
        data = read_yaml(tmp)
        for keys, value in changes.items():
            if _get(data, keys) != (list(value) if isinstance(value, tuple) else value):
                raise ConfigError(f"{path}: could not change {_shown(keys)} in place",
                                  hint="Edit the file by hand.")


def _splice(text: str, root: yaml.Node, keys: KeyPath, value: Value, path: Path) -> _Splice:
    parent = _node(root, keys[:-1], path)
    last = keys[-1]
    node = _child(parent, last)
    if node is None:
        if not isinstance(parent, yaml.MappingNode) or parent.flow_style or not parent.value \
                or not isinstance(last, str):
            raise ConfigError(f"{path}: {_shown(keys)} cannot be added in place",
                              hint="Add it by hand.")
        column = parent.value[0][0].start_mark.column
        at = _line_end(text, _content_end(text, parent))
        return _Splice(at, at, f"{' ' * column}{_scalar(last)}: {_flow(value)}\n")
    if isinstance(value, str) or not isinstance(node, yaml.SequenceNode) or node.flow_style \
            or not node.value:
        return _Splice(node.start_mark.index, node.end_mark.index, _flow(value))
    first = node.value[0].start_mark
    column = first.column - 2 if text[first.index - 2:first.index] == "- " else first.column
    start = first.index - first.column
    end = _line_end(text, _content_end(text, node))
    return _Splice(start, end, "".join(f"{' ' * column}- {_scalar(v)}\n" for v in value))


def _node(root: yaml.Node, keys: KeyPath, path: Path) -> yaml.Node:
    node = root
    for n, key in enumerate(keys):
        child = _child(node, key)
        if child is None:
            raise ConfigError(f"{path}: there is no {_shown(keys[:n + 1])}")
        node = child
    return node


def _child(node: yaml.Node, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if k.value == key), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        child: yaml.Node = node.value[key]
        return child
    return None


def _content_end(text: str, node: yaml.Node) -> int:
    """Where the last line holding the node's content ends (a block node's end mark runs on
    over the comments and blank lines after it)."""
    end = node.end_mark.index
    lines = text[:end].splitlines(keepends=True)
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        end -= len(lines.pop())
    return end


def _line_end(text: str, index: int) -> int:
    """The index just after the line holding ``index - 1``."""
    newline = text.find("\n", max(index - 1, 0))
    return len(text) if newline < 0 else newline + 1


def _flow(value: Value) -> str:
    return _scalar(value) if isinstance(value, str) else f"[{', '.join(map(_scalar, value))}]"


def _scalar(value: str) -> str:
    """``value`` plain when YAML reads it back as the same string, else double-quoted."""
    plain = value and not any(c in value for c in ",[]{}#&*!|>'\"%@`") and \
        value.strip() == value and ": " not in value
    if plain and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)


def _get(data: Any, keys: Sequence[str | int]) -> Any:
    for key in keys:
        data = data[key]
    return data


def _shown(keys: KeyPath) -> str:
    return "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in keys).lstrip(".")
