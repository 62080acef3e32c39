"""The deck template: opened safely, checked once, layouts and placeholders found BY NAME.

A designer may restyle, move and resize anything in ``builder/templates/board_deck.pptx``; what the
code relies on is the names below (and each placeholder's kind), and the named shapes of its
"Styles" layout (:mod:`builder.render.deck_styles`). A template that lacks one is reported in
full: every missing layout, placeholder or style shape, with the names that do exist.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.packuri import PackURI

from builder.data.safezip import check_office_input
from builder.errors import Problem, TemplateError, raise_if_any
from builder.render.deck_styles import LAYOUT as STYLES
from builder.render.deck_styles import DeckStyles, read_styles

TITLE_KINDS = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
TEXT_KINDS = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.OBJECT)
# layout name -> placeholder names, in reading order; "Chart 2".."Chart 4" are required only
# when the deck puts that many charts on a slide
REQUIRED: Mapping[str, tuple[str, ...]] = {
    "Title": ("Title", "Subtitle"),
    "Priorities": ("Title", "Purpose", "Tagline", "Priorities"),
    "Table": ("Title", "Table"),
    "Chart": ("Title", "Chart 1"),
    "Narrative": ("Title", "Outcome", "Statements", "Commentary"),
    "Bullets": ("Title", "Body"),
    "Exceptions": ("Title", "Table"),
    "Data notes": ("Title", "Body"),
}
HINT = ("Restore the layout/placeholder/shape names in PowerPoint (View > Slide Master; rename "
        "with the Selection Pane) and the styles of the 'Styles' layout's shapes, or start "
        "again from the default template (`builder templates export DIR` writes it out).")
IMPRESS_HINT = ("LibreOffice Impress does not keep a PowerPoint template's own layouts, nor the "
                "table and chart styles of its 'Styles' layout: edit the deck template in "
                "PowerPoint, or start again from the default template (`builder templates "
                "export DIR` writes it out).")


def chart_placeholder(n: int) -> str:
    """Name of the n-th (1-based) chart placeholder of the 'Chart' layout."""
    return f"Chart {n}"


@dataclass(frozen=True)
class Spot:
    """Where a layout's placeholder is: its ``idx`` (a slide's placeholder of the same idx
    inherits from it) and its position in EMU."""

    idx: int
    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class Template:
    """An opened, checked template: the presentation, its layouts by name, each layout's
    placeholders by name (looked up once: python-pptx re-reads the XML on every access), and
    its table and chart styles."""

    presentation: Any
    layouts: Mapping[str, Any]
    spots: Mapping[tuple[str, str], Spot]
    path: Path
    styles: DeckStyles

    def layout(self, name: str) -> Any:
        return self.layouts[name]

    def spot(self, layout: str, placeholder: str) -> Spot:
        return self.spots[(layout, placeholder)]

    def placeholder_names(self, layout: str) -> tuple[str, ...]:
        return tuple(name for (owner, name) in self.spots if owner == layout)


def open_template(path: Path, charts_per_slide: int = 1, styles: DeckStyles | None = None
                  ) -> Template:
    """Open ``path``, check every layout and placeholder the deck needs, read its styles
    (unless ``styles``, read when it was checked, are given), drop example slides."""
    if not path.is_file():
        raise TemplateError(f"{path}: template not found",
                            hint="Point 'template' in the deck YAML at a .pptx file, or leave it "
                                 "out to use the default template.")
    unsafe = check_office_input(path)
    if unsafe:
        raise TemplateError(f"{path}: {unsafe}")
    try:
        prs: Any = Presentation(str(path))
    except Exception as exc:  # python-pptx raises many kinds for a broken package
        raise TemplateError(f"{path}: not a PowerPoint file python-pptx can read ({exc})") from None
    layouts: dict[str, Any] = {layout.name: layout for layout in prs.slide_layouts}
    required = dict(REQUIRED)
    required["Chart"] = ("Title", *(chart_placeholder(n) for n in range(1, charts_per_slide + 1)))
    problems = template_problems(layouts, required, str(path))
    if styles is None:
        styles, found = read_styles(layouts, str(path))
        problems += found
    if not set(required) & set(layouts):  # replaced wholesale, as Impress does on saving
        impress = _saved_by_impress(path)
        raise TemplateError(
            f"{path}: the template's layouts were replaced"
            f"{' by LibreOffice Impress' if impress else ''}: none of the layouts the deck "
            f"needs ({', '.join(repr(n) for n in (*required, STYLES))}) is left", problems,
            hint=IMPRESS_HINT if impress else HINT)
    raise_if_any(problems, TemplateError,
                 f"{path}: the template lacks layouts, placeholders or usable styles the deck "
                 "needs", HINT)
    assert styles is not None  # read without problems
    _drop_slides(prs)
    if STYLES in layouts:  # read; a deck's reader has no use for it
        prs.slide_layouts.remove(layouts.pop(STYLES))
    spots = {(layout.name, shape.name): Spot(int(shape.placeholder_format.idx),
                                             int(shape.left), int(shape.top), int(shape.width),
                                             int(shape.height))
             for layout in layouts.values() for shape in layout.placeholders}
    return Template(prs, layouts, spots, path, styles)


def check_deck_template(path: Path, charts_per_slide: int) -> DeckStyles:
    """The template's styles; a TemplateError listing everything :func:`open_template` would
    refuse in ``path``."""
    return open_template(path, charts_per_slide).styles


def _saved_by_impress(path: Path) -> bool:
    """docProps/app.xml names the application that saved the file."""
    try:
        with zipfile.ZipFile(path) as package:
            return b"LibreOffice" in package.read("docProps/app.xml")
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


def template_problems(layouts: Mapping[str, Any], required: Mapping[str, Sequence[str]],
                      file: str) -> list[Problem]:
    """Every missing layout or placeholder, and placeholders of the wrong kind."""
    problems = []
    existing = ", ".join(f"'{name}'" for name in layouts) or "(none)"
    for layout_name, names in required.items():
        layout = layouts.get(layout_name)
        if layout is None:
            problems.append(Problem(file, f"layout '{layout_name}'", "no layout of this name",
                                    f"layouts in the template: {existing}"))
            continue
        shapes = {shape.name: shape for shape in layout.placeholders}
        present = ", ".join(f"'{n}'" for n in shapes) or "(none)"
        for name in names:
            shape = shapes.get(name)
            if shape is None:
                problems.append(Problem(file, f"layout '{layout_name}'",
                                        f"no placeholder named '{name}'",
                                        f"placeholders in this layout: {present}"))
            elif (wrong := _wrong_kind(name, shape.placeholder_format.type)) is not None:
                problems.append(Problem(file, f"layout '{layout_name}', placeholder '{name}'",
                                        f"is a {shape.placeholder_format.type} placeholder",
                                        wrong))
    return problems


def _wrong_kind(name: str, kind: PP_PLACEHOLDER) -> str | None:
    """What kind the placeholder should be, when it is not."""
    if name == "Title":
        return None if kind in TITLE_KINDS else "a title placeholder"
    if name == "Table":
        return None if kind == PP_PLACEHOLDER.TABLE else "a table placeholder"
    if name.startswith("Chart "):
        return None if kind == PP_PLACEHOLDER.CHART else "a chart placeholder"
    return None if kind in TEXT_KINDS else "a text (body) placeholder"


def _drop_slides(prs: Any) -> None:
    """Remove any example slides a designer left in the template."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


@contextmanager
def counted_partnames(prs: Any) -> Iterator[None]:
    """Hand out new part names from a counter while the deck is built.

    python-pptx's ``Package.next_partname`` walks every part of the package on each call, and
    each chart (chart part + embedded workbook) and notes slide calls it: quadratic in the
    number of charts. Parts are only added while rendering, so one walk per name template is
    enough: later names take the next number not already used."""
    package = prs.part.package
    used: dict[str, set[str]] = {}
    last: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        if template not in used:
            prefix = template[: template.index("%d")]
            used[template] = {str(p.partname) for p in package.iter_parts()
                              if str(p.partname).startswith(prefix)}
            last[template] = 0
        n = last[template] + 1
        while template % n in used[template]:
            n += 1
        last[template] = n
        return PackURI(template % n)

    package.next_partname = next_partname
    try:
        yield
    finally:
        del package.next_partname
