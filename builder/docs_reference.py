"""The configuration reference (``docs/configuration.md``), generated from the config schemas.

Every model reachable from a top-level file kind gets a table: each field's type, whether it is
required (or its default), its description (the field's docstring) and an example taken from the
sample configuration where the sample sets that field. ``reference_markdown`` is pure: it is
given the sample files already loaded (``load_samples``) and returns the Markdown text.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Gt, Le, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from builder.config.catalogue import Catalogue
from builder.config.council import Council, load_council
from builder.config.deck import Deck, load_deck
from builder.config.glossary import Glossary, load_glossary
from builder.config.loader import load_catalogue
from builder.config.meeting import Meeting, load_meeting
from builder.config.minutes import Minutes, load_minutes
from builder.config.tracker import Tracker, load_tracker

EXAMPLE_WIDTH = 60


@dataclass(frozen=True)
class FileKind:
    """One kind of configuration file and the model its top level validates into."""

    title: str
    model: type[BaseModel]

    @property
    def about(self) -> str:
        """What the file is: the docstring of the module defining its model."""
        return sys.modules[self.model.__module__].__doc__ or ""


FILE_KINDS = (
    FileKind("Meeting", Meeting),
    FileKind("Council", Council),
    FileKind("Minutes", Minutes),
    FileKind("Deck", Deck),
    FileKind("Tracker", Tracker),
    FileKind("Glossary", Glossary),
    FileKind("Catalogue", Catalogue),
)
HEADER = """# Configuration reference

Generated from the configuration schemas by `builder docs reference`; do not edit by hand.
Every key of every configuration file, with its type, its default and an example from the
sample configuration in `config/` (where the sample sets it). Unknown keys are errors. Text
fields may use the Jinja variables and filters described in [jinja.md](jinja.md).
"""


def models_of(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models named anywhere inside a field's type, in order."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in get_args(annotation):
        yield from models_of(arg)


def reachable(root: type[BaseModel]) -> list[type[BaseModel]]:
    """``root`` and every model its fields reach, depth first in field order."""
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for info in model.model_fields.values():
            for nested in models_of(info.annotation):
                visit(nested)

    visit(root)
    return seen


def schema_models() -> list[type[BaseModel]]:
    """Every model of every file kind, each once (in the order the reference lists them)."""
    models: list[type[BaseModel]] = []
    for kind in FILE_KINDS:
        models += [m for m in reachable(kind.model) if m not in models]
    return models


def model_names(models: list[type[BaseModel]]) -> dict[type[BaseModel], str]:
    """Display names: the class name, qualified by its module where two classes share one."""
    counts: dict[str, int] = {}
    for model in models:
        counts[model.__name__] = counts.get(model.__name__, 0) + 1
    return {m: (f"{m.__module__.rsplit('.', 1)[-1]}.{m.__name__}"
                if counts[m.__name__] > 1 else m.__name__) for m in models}


def anchor(name: str) -> str:
    """The anchor GitHub gives a heading that is just ``name`` in code."""
    return "".join(c for c in name.lower() if c.isalnum() or c in "-_")


def type_text(annotation: Any, names: Mapping[type[BaseModel], str]) -> str:
    """A readable type: ``str``, ``list of Appendix``, ``'standard' | 'minutes'``."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if annotation is type(None):
        return "null"
    if origin is Annotated:
        return type_text(args[0], names)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{names[annotation]}](#{anchor(names[annotation])})"
    if origin is Literal:
        return " | ".join(f"'{a}'" if isinstance(a, str) else str(a) for a in args)
    if origin in (Union, types.UnionType):
        return " or ".join(type_text(a, names) for a in args)
    if origin in (tuple, list):
        item = type_text(args[0], names)
        return f"list of ({item})" if " or " in item else f"list of {item}"
    if origin is dict:
        return f"mapping of {type_text(args[0], names)} to {type_text(args[1], names)}"
    simple = {str: "str", int: "int", float: "number", bool: "true/false",
              dt.date: "date (YYYY-MM-DD)"}
    return simple.get(annotation, getattr(annotation, "__name__", str(annotation)))


def without_none(info: FieldInfo) -> Any:
    """A field's type without the ``| None`` of an optional field (its default says 'none')."""
    args = get_args(info.annotation)
    if get_origin(info.annotation) in (Union, types.UnionType) and type(None) in args \
            and info.default is None:
        rest = tuple(a for a in args if a is not type(None))
        return rest[0] if len(rest) == 1 else Union[rest]  # noqa: UP007 - built at run time
    return info.annotation


def constraint_text(info: FieldInfo) -> str:
    """The field's limits in words: 'not empty', 'matching ...', '1 to 30', '> 0'."""
    parts: list[str] = []
    low = high = None
    for rule in info.metadata:
        if isinstance(rule, MinLen) and rule.min_length:
            parts.append("not empty")
        elif isinstance(rule, Ge):
            low = f"{rule.ge}"
        elif isinstance(rule, Gt):
            parts.append(f"> {rule.gt}")
        elif isinstance(rule, Le):
            high = f"{rule.le}"
        elif getattr(rule, "pattern", None):
            parts.append(f"matching `{rule.pattern}`")
    if low is not None and high is not None:
        parts.append(f"{low} to {high}")
    elif low is not None or high is not None:
        parts.append(f">= {low}" if low is not None else f"<= {high}")
    return ", ".join(parts)


def value_text(value: Any) -> str:
    """A value as it would be written in YAML, shortened to fit a table cell."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", exclude_defaults=True)
    elif isinstance(value, tuple | list):
        value = [v.model_dump(mode="json", exclude_defaults=True) if isinstance(v, BaseModel)
                 else v for v in value]
    if value is None:
        text = "none"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, str):
        text = value
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split()) or "''"
    if len(text) > EXAMPLE_WIDTH:
        text = text[:EXAMPLE_WIDTH - 1].rstrip() + "…"
    return text


def default_text(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    default = info.get_default(call_default_factory=True)
    if isinstance(default, BaseModel) and default == type(default)():
        return "optional (its defaults)"
    return f"optional, default `{value_text(default)}`"


def examples(sample: BaseModel, found: dict[tuple[type[BaseModel], str], Any]) -> None:
    """Record, for each model and field the sample sets, the first value set there."""
    for name in sorted(sample.model_fields_set, key=list(type(sample).model_fields).index):
        value = getattr(sample, name)
        found.setdefault((type(sample), name), value)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, BaseModel):
                examples(item, found)


def cell(text: str) -> str:
    """Table-cell safe: one line, pipes escaped, reST double backticks as Markdown code, and
    ``<`` outside code written as an entity (``<Month YYYY>`` is not an HTML tag)."""
    parts = " ".join(text.split()).replace("``", "`").replace("|", "\\|").split("`")
    return "`".join(p if n % 2 else p.replace("<", "&lt;") for n, p in enumerate(parts))


def example_cell(value: Any) -> str:
    if value is None or isinstance(value, BaseModel) or (
            isinstance(value, tuple) and value and isinstance(value[0], BaseModel)):
        return ""
    return "`" + value_text(value).replace("`", "").replace("|", "\\|") + "`"


def model_table(model: type[BaseModel], names: Mapping[type[BaseModel], str],
                found: Mapping[tuple[type[BaseModel], str], Any]) -> list[str]:
    lines = [f"### `{names[model]}`", "", cell(model.__doc__ or ""), "",
             "| Key | Type | Required / default | Description | Example |",
             "|---|---|---|---|---|"]
    for name, info in model.model_fields.items():
        kind = type_text(without_none(info), names)
        limits = constraint_text(info)
        kind = f"{kind}, {limits}" if limits else kind
        example = example_cell(found.get((model, name)))
        lines.append(f"| `{name}` | {cell(kind)} | {cell(default_text(info))} | "
                     f"{cell(info.description or '')} | {example} |")
    return [*lines, ""]


def reference_markdown(samples: Mapping[type[BaseModel], BaseModel]) -> str:
    """The whole reference. ``samples``: a loaded sample file for each top-level model that has
    one (examples are taken from them)."""
    found: dict[tuple[type[BaseModel], str], Any] = {}
    for kind in FILE_KINDS:
        if kind.model in samples:
            examples(samples[kind.model], found)
    names = model_names(schema_models())
    lines = [HEADER]
    done: list[type[BaseModel]] = []
    for kind in FILE_KINDS:
        lines += [f"## {kind.title}", ""]
        lines += [f"{cell(p)}\n" for p in kind.about.split("\n\n") if p.strip()]
        shared = [names[m] for m in reachable(kind.model) if m in done]
        if shared:
            listed = ", ".join(f"[`{n}`](#{anchor(n)})" for n in shared)
            lines += [f"Also uses {listed}, described above.", ""]
        for model in reachable(kind.model):
            if model not in done:
                done.append(model)
                lines += model_table(model, names, found)
    return "\n".join(lines).rstrip() + "\n"


def load_samples(meeting_path: Path) -> dict[type[BaseModel], BaseModel]:
    """The sample meeting and the files it names (council, minutes, deck, catalogue, the first
    tracker and glossary appendix), loaded and validated."""
    loaded = load_meeting(meeting_path)
    meeting = loaded.meeting
    samples: dict[type[BaseModel], BaseModel] = {
        Meeting: meeting, Council: load_council(loaded.resolve(meeting.council))}
    for item in meeting.items:
        if item.minutes is not None:
            samples.setdefault(Minutes, load_minutes(loaded.resolve(item.minutes)))
        for appendix in item.report.appendices if item.report else ():
            if appendix.kind == "tracker" and appendix.path:
                samples.setdefault(Tracker, load_tracker(loaded.resolve(appendix.path)))
            if appendix.kind == "glossary" and appendix.path:
                samples.setdefault(Glossary, load_glossary(loaded.resolve(appendix.path)))
    if meeting.deck is not None:
        samples[Deck] = load_deck(loaded.resolve(meeting.deck)).deck
    if meeting.data is not None:
        samples[Catalogue] = load_catalogue(loaded.resolve(meeting.data.catalogue))
    return samples
