"""Which runs of a Word part Word would not print: hidden (``w:vanish``) by the run itself, by
its character style or by its paragraph's style.

A run's own setting wins (``<w:vanish w:val="0"/>`` shows a run its style hides); otherwise its
character style decides, then its paragraph's style. A style hides when it, or the nearest style
it is based on that says anything, sets ``w:vanish`` in its run properties.
"""

from __future__ import annotations

from lxml import etree

from builder.data.docx_package import w
from builder.inspection.report_document import is_on

MAX_BASED_ON = 50
"""Longest ``basedOn`` chain followed (a loop in a damaged file stops here)."""


def hiding_styles(styles: etree._Element | None) -> frozenset[str]:
    """The ids of the styles in ``word/styles.xml`` that hide their text."""
    if styles is None:
        return frozenset()
    own: dict[str, bool | None] = {}
    based_on: dict[str, str] = {}
    for style in styles.iter(w("style")):
        ident = style.get(w("styleId")) or ""
        mark = style.find(f"{w('rPr')}/{w('vanish')}")
        own[ident] = None if mark is None else is_on(mark)
        parent = style.find(w("basedOn"))
        if parent is not None and parent.get(w("val")):
            based_on[ident] = parent.get(w("val")) or ""
    return frozenset(i for i in own if _hides(i, own, based_on))


def _hides(ident: str, own: dict[str, bool | None], based_on: dict[str, str]) -> bool:
    current: str | None = ident
    for _ in range(MAX_BASED_ON):
        if current is None or current not in own:
            return False
        setting = own[current]
        if setting is not None:
            return setting
        current = based_on.get(current)
    return False


def hidden_runs(tree: etree._Element, hiding: frozenset[str]) -> list[etree._Element]:
    """The runs of ``tree`` that are hidden (see the module doc), in document order."""
    return [run for run in tree.iter(w("r")) if _is_hidden(run, hiding)]


def _is_hidden(run: etree._Element, hiding: frozenset[str]) -> bool:
    props = run.find(w("rPr"))
    mark = props.find(w("vanish")) if props is not None else None
    if mark is not None:
        return is_on(mark)
    rstyle = props.find(w("rStyle")) if props is not None else None
    if rstyle is not None and rstyle.get(w("val")) in hiding:
        return True
    paragraph = next(run.iterancestors(w("p")), None)
    pstyle = paragraph.find(f"{w('pPr')}/{w('pStyle')}") if paragraph is not None else None
    return pstyle is not None and pstyle.get(w("val")) in hiding
