"""Every text field of a configuration model, by its YAML key path: to read them all (the
staleness check) or to rewrite them all (sandboxed Jinja in every field)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def text_fields(model: BaseModel, prefix: str = "") -> Iterator[tuple[str, str]]:
    """``(key path, text)`` for every string in ``model``, depth first, in field order."""
    for name in type(model).model_fields:
        yield from _texts(getattr(model, name), f"{prefix}.{name}" if prefix else name)


def _texts(value: Any, at: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, BaseModel):
        yield from text_fields(value, at)
    elif isinstance(value, tuple | list):
        for n, item in enumerate(value):
            yield from _texts(item, f"{at}[{n}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{at}.{key}")


def map_text(model: M, change: Callable[[str, str], str], prefix: str = "") -> M:
    """A copy of ``model`` with every string ``s`` at key path ``p`` replaced by
    ``change(s, p)``; parts without a changed string are shared, not copied."""
    update = {}
    for name in type(model).model_fields:
        old = getattr(model, name)
        new = _mapped(old, change, f"{prefix}.{name}" if prefix else name)
        if new is not old:
            update[name] = new
    return model.model_copy(update=update) if update else model


def _mapped(value: Any, change: Callable[[str, str], str], at: str) -> Any:
    if isinstance(value, str):
        new = change(value, at)
        return value if new == value else new
    if isinstance(value, BaseModel):
        return map_text(value, change, at)
    if isinstance(value, tuple | list):
        items = [_mapped(item, change, f"{at}[{n}]") for n, item in enumerate(value)]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        mapped = {k: _mapped(v, change, f"{at}.{k}") for k, v in value.items()}
        return value if all(mapped[k] is v for k, v in value.items()) else mapped
    return value
