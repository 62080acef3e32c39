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
from builder.inspection.word_styles import StyleChain, run_styles


def hiding_styles(styles: etree._Element | None) -> frozenset[str]:
    """The ids of the styles in ``word/styles.xml`` that hide their text."""
    chain = StyleChain(styles, _vanish)
    return frozenset(ident for ident in chain if chain.value(ident))


def _vanish(style: etree._Element) -> bool | None:
    mark = style.find(f"{w('rPr')}/{w('vanish')}")
    return None if mark is None else is_on(mark)


def hidden_runs(tree: etree._Element, hiding: frozenset[str]) -> list[etree._Element]:
    """The runs of ``tree`` that are hidden (see the module doc), in document order."""
    return [run for run in tree.iter(w("r")) if _is_hidden(run, hiding)]


def _is_hidden(run: etree._Element, hiding: frozenset[str]) -> bool:
    props = run.find(w("rPr"))
    mark = props.find(w("vanish")) if props is not None else None
    if mark is not None:
        return is_on(mark)
    character, paragraph = run_styles(run)
    return character in hiding or paragraph in hiding
