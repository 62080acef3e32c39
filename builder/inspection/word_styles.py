"""A run property as Word resolves it through the styles: the run's own setting, else its
character style's, else its paragraph's style's, where a style's setting is its own or that of
the nearest style it is based on that says anything (``w:basedOn``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from lxml import etree

from builder.data.docx_package import w

T = TypeVar("T")
MAX_BASED_ON = 50
"""Longest ``basedOn`` chain followed (a loop in a damaged file stops here)."""


class StyleChain(Generic[T]):
    """What each style of ``word/styles.xml`` sets, by ``read`` (a style's own setting, None
    when it says nothing), followed through the styles it is based on."""

    def __init__(self, styles: etree._Element | None,
                 read: Callable[[etree._Element], T | None]) -> None:
        self.own: dict[str, T | None] = {}
        self.based_on: dict[str, str] = {}
        self.default_paragraph: str | None = None
        """The paragraph style of a paragraph that names none."""
        self._found: dict[str, T | None] = {}
        for style in styles.iter(w("style")) if styles is not None else ():
            ident = style.get(w("styleId")) or ""
            self.own[ident] = read(style)
            if parent := _val(style.find(w("basedOn"))):
                self.based_on[ident] = parent
            if style.get(w("type")) == "paragraph" and \
                    style.get(w("default")) in ("1", "true", "on"):
                self.default_paragraph = ident

    def __iter__(self) -> Iterator[str]:
        return iter(self.own)

    def value(self, ident: str | None) -> T | None:
        """The setting of style ``ident``: its own, else the nearest it is based on."""
        if ident is None:
            return None
        if ident not in self._found:
            current: str | None = ident
            found: T | None = None
            for _ in range(MAX_BASED_ON):
                if current is None or current not in self.own:
                    break
                if (found := self.own[current]) is not None:
                    break
                current = self.based_on.get(current)
            self._found[ident] = found
        return self._found[ident]


def run_styles(run: etree._Element) -> tuple[str | None, str | None]:
    """The ids of a run's character style and of its paragraph's style (None: not named)."""
    props = run.find(w("rPr"))
    paragraph = next(run.iterancestors(w("p")), None)
    return (_val(props.find(w("rStyle"))) if props is not None else None,
            _val(paragraph.find(f"{w('pPr')}/{w('pStyle')}")) if paragraph is not None else None)


def _val(element: etree._Element | None) -> str | None:
    return element.get(w("val")) if element is not None else None
