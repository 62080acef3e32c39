"""Render a ``DeckContext`` into the board-deck template (DESIGN 5.3).

Each slide kind goes into the layout of its name; text, tables and charts go into the named
placeholders of that layout, which keeps the reading order the template's (the order of its
placeholders). Unused placeholders are removed. No arithmetic happens here: every number is
already text, and chart series are plotted as given.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from builder.errors import BuilderError, RenderError
from builder.present.deck_context import (
    BulletsSlide,
    ChartSlide,
    DataNotesSlide,
    DeckContext,
    ExceptionsSlide,
    NarrativeSlide,
    PrioritiesSlide,
    Slide,
    TableSlide,
    TitleSlide,
)
from builder.render import slides_text as text
from builder.render.deck_styles import DeckStyles
from builder.render.reproducible import save_package
from builder.render.slides_chart import insert_chart
from builder.render.slides_table import insert_table
from builder.render.slides_template import (
    Template,
    chart_placeholder,
    counted_partnames,
    open_template,
)

AUTHOR = "builder"


def render_deck(context: DeckContext, template_path: Path, out: Path,
                styles: DeckStyles | None = None) -> None:
    """Write the deck described by ``context`` to ``out`` (a .pptx), from the template, in
    ``styles`` (read when the template was checked; by default read from it again)."""
    charts = max((len(s.charts) for s in context.slides if isinstance(s, ChartSlide)), default=1)
    template = open_template(template_path, charts, styles)
    prs = template.presentation
    with counted_partnames(prs):
        for number, slide in enumerate(context.slides, 1):
            try:
                _render(template, slide)
            except BuilderError as exc:
                raise exc.with_context(f"slide {number} '{slide.title}'") from None
            except Exception as exc:  # python-pptx/lxml failure: name the slide
                raise RenderError(f"slide {number} '{slide.title}': {type(exc).__name__}: {exc}"
                                  ) from exc
    _properties(prs, context)
    save_package(prs, out, context.date)


def _render(template: Template, slide: Slide) -> None:
    renderers: dict[type, Callable[[Template, Any], None]] = {
        TitleSlide: _title, PrioritiesSlide: _priorities, TableSlide: _table, ChartSlide: _charts,
        NarrativeSlide: _narrative, BulletsSlide: _bullets, ExceptionsSlide: _exceptions,
        DataNotesSlide: _data_notes,
    }
    renderers[type(slide)](template, slide)


class _Page:
    """A new slide of a named layout, and its placeholders by the layout's names."""

    def __init__(self, template: Template, layout: str, title: str, notes: str) -> None:
        self.template, self.layout = template, layout
        self.slide = template.presentation.slides.add_slide(template.layout(layout))
        self.shapes = {shape.placeholder_format.idx: shape for shape in self.slide.placeholders}
        text.plain(self["Title"], [title])
        text.notes(self.slide, notes)

    def __getitem__(self, name: str) -> Any:
        shape = self.shapes[self.template.spot(self.layout, name).idx]
        shape._element.xpath("./*[1]/p:cNvPr")[0].set("name", name)
        return shape

    def frame_for(self, name: str) -> Any:
        """A chart or table placeholder with the layout's position copied onto it: the graphic
        frame that replaces it gets an explicit position anyway, and python-pptx would
        otherwise look the layout up again for each of left, top, width and height."""
        shape = self[name]
        spot = self.template.spot(self.layout, name)
        shape.left, shape.top, shape.width, shape.height = (spot.left, spot.top, spot.width,
                                                            spot.height)
        return shape


def _title(template: Template, slide: TitleSlide) -> None:
    page = _Page(template, "Title", slide.title, slide.notes)
    text.plain(page["Subtitle"], [slide.subtitle])


def _priorities(template: Template, slide: PrioritiesSlide) -> None:
    page = _Page(template, "Priorities", slide.title, slide.notes)
    text.plain(page["Purpose"], [slide.purpose])
    if slide.tagline:
        text.plain(page["Tagline"], [slide.tagline])
    else:
        text.remove(page["Tagline"])
    text.plain(page["Priorities"], slide.priorities)


def _table(template: Template, slide: TableSlide) -> None:
    page = _Page(template, "Table", slide.title, slide.notes)
    insert_table(page.frame_for("Table"), slide.table, template.styles)


def _charts(template: Template, slide: ChartSlide) -> None:
    page = _Page(template, "Chart", slide.title, slide.notes)
    count = sum(1 for name in template.placeholder_names("Chart") if name.startswith("Chart "))
    for n in range(1, count + 1):
        name = chart_placeholder(n)
        if n <= len(slide.charts):
            insert_chart(page.frame_for(name), slide.charts[n - 1], template.styles)
        else:
            text.remove(page[name])


def _narrative(template: Template, slide: NarrativeSlide) -> None:
    page = _Page(template, "Narrative", slide.title, slide.notes)
    for name, block in (("Outcome", slide.outcome), ("Statements", slide.statements),
                        ("Commentary", slide.commentary)):
        if block is None:
            text.remove(page[name])
        else:
            text.block(page[name], block)


def _bullets(template: Template, slide: BulletsSlide) -> None:
    page = _Page(template, "Bullets", slide.title, slide.notes)
    text.plain(page["Body"], slide.bullets)


def _exceptions(template: Template, slide: ExceptionsSlide) -> None:
    if slide.table is None:  # nothing is Red: say so on a slide of bullets
        text.plain(_Page(template, "Bullets", slide.title, slide.notes)["Body"], [slide.message])
    else:
        page = _Page(template, "Exceptions", slide.title, slide.notes)
        insert_table(page.frame_for("Table"), slide.table, template.styles)


def _data_notes(template: Template, slide: DataNotesSlide) -> None:
    page = _Page(template, "Data notes", slide.title, slide.notes)
    text.plain(page["Body"], slide.bullets)


def _properties(prs: Any, context: DeckContext) -> None:
    props = prs.core_properties
    props.title = context.title
    props.subject = context.subject
    props.language = context.language
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.created = context.date
    props.modified = context.date
    props.revision = 1
