"""Text into named placeholders and speaker notes. Paragraph levels, not fonts: the template's
level 1 is a heading or plain text, level 2 a bullet (see templates/src/make_board_deck.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from builder.present.deck_context import Block

HEADING, ITEM = 0, 1


def fill(shape: Any, paragraphs: Sequence[tuple[int, str]]) -> None:
    """Replace the text of ``shape`` with ``paragraphs`` of (level, text)."""
    frame = shape.text_frame
    frame.clear()
    for n, (level, text) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.level = level
        paragraph.text = text


def plain(shape: Any, texts: Sequence[str]) -> None:
    """Paragraphs at level 1 (as the placeholder styles them: plain, bulleted or numbered)."""
    fill(shape, [(HEADING, text) for text in texts])


def block(shape: Any, content: Block) -> None:
    """A heading paragraph, then the block's paragraphs one level down."""
    fill(shape, [(HEADING, content.heading), *((ITEM, text) for text in content.paragraphs)])


def notes(slide: Any, text: str) -> None:
    """Speaker notes (each line a paragraph)."""
    if text:
        slide.notes_slide.notes_text_frame.text = text


def remove(shape: Any) -> None:
    """Delete an unused placeholder from the slide, so no empty prompt is left."""
    element = shape._element
    element.getparent().remove(element)
