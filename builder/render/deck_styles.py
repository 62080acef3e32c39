"""The deck's table and chart styles, read once from the template's "Styles" layout.

The layout is never used for a slide: it holds one named shape per style (names in the
Selection Pane), styled in PowerPoint's Slide Master view. From each shape builder reads its
fill colour and, from its text, the colour, size, bold and typeface:

=================  =====================================================================
shape              styles
=================  =====================================================================
Table header       the header row of every table (fill, text colour, size, bold)
Table body         the other cells (no fill: the table style's banding)
RAG Green/Amber/   a RAG cell of that rating (fill, text colour, size, bold)
Red
Chart title        a chart's title
Chart axis         the month labels along a chart's bottom axis
Chart text         every other text of a chart (value axis, legend)
Chart line         the indicator's line (its fill; no fill: the theme's automatic colour)
Target line        the dashed target line (likewise)
=================  =====================================================================

A typeface left unset follows the theme (its minor font). Colours may be picked from the
theme, with its lighter and darker shades. Every text colour must reach 4.5:1 on its fill
(WCAG 2.2 AA); a template that misses a shape, a value or the contrast is refused, listing
every problem at once. What leaves this module is plain data (:class:`DeckStyles`).
"""

from __future__ import annotations

import colorsys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from builder.compute.calculus import Rag
from builder.errors import Problem
from builder.inspection.contrast import (
    BLACK,
    LOW_CONTRAST_HINT,
    SCHEME_ALIASES,
    WHITE,
    theme_colours,
    too_low,
)

LAYOUT = "Styles"
SHADES = ("lumMod", "lumOff")
"""The colour adjustments PowerPoint's palette writes for a theme colour's shades."""


@dataclass(frozen=True)
class TextStyle:
    """How one kind of text is drawn; ``None`` leaves a value to the template's table style or
    theme."""

    size: int | None
    """Font size in hundredths of a point."""
    bold: bool | None
    color: str | None
    """Text colour, RRGGBB."""
    fill: str | None
    """Fill behind the text (a table cell's), RRGGBB."""
    typeface: str | None
    """A typeface of its own; ``None``: the theme's."""


@dataclass(frozen=True)
class DeckStyles:
    """The table and chart styles of a deck template."""

    table_header: TextStyle
    table_body: TextStyle
    rag_green: TextStyle
    rag_amber: TextStyle
    rag_red: TextStyle
    chart_title: TextStyle
    chart_axis: TextStyle
    chart_text: TextStyle
    chart_line: str | None
    """The indicator's line colour, RRGGBB; ``None``: the chart's automatic colour."""
    target_line: str | None

    def rag(self, rating: Rag) -> TextStyle:
        return {Rag.GREEN: self.rag_green, Rag.AMBER: self.rag_amber,
                Rag.RED: self.rag_red}[rating]


@dataclass(frozen=True)
class _Needs:
    """What a style shape is read into (a field of :class:`DeckStyles`) and must set."""

    field: str
    fill: bool = False
    color: bool = False
    line: bool = False
    """A line colour (the shape's fill, optional), not a text style (a size required)."""


SHAPES: Mapping[str, _Needs] = {
    "Table header": _Needs("table_header", fill=True, color=True),
    "Table body": _Needs("table_body"),
    "RAG Green": _Needs("rag_green", fill=True, color=True),
    "RAG Amber": _Needs("rag_amber", fill=True, color=True),
    "RAG Red": _Needs("rag_red", fill=True, color=True),
    "Chart title": _Needs("chart_title"),
    "Chart axis": _Needs("chart_axis"),
    "Chart text": _Needs("chart_text"),
    "Chart line": _Needs("chart_line", line=True),
    "Target line": _Needs("target_line", line=True),
}
"""The shapes of the Styles layout, by name."""
FIX = (f"add a layout named '{LAYOUT}' (View > Slide Master) with shapes named "
       + ", ".join(f"'{name}'" for name in SHAPES)
       + " (names in the Selection Pane), or start again from the default template "
         "(`builder templates export DIR` writes it out)")


class _Unreadable(Exception):
    """A colour builder cannot turn into RGB."""


def read_styles(layouts: Mapping[str, Any], file: str) -> tuple[DeckStyles | None,
                                                                list[Problem]]:
    """The styles of the template's Styles layout, or every problem that stops reading them."""
    layout = layouts.get(LAYOUT)
    if layout is None:
        existing = ", ".join(f"'{name}'" for name in layouts) or "(none)"
        return None, [Problem(file, f"layout '{LAYOUT}'",
                              "no layout of this name (it holds the deck's table and chart "
                              "styles)", f"layouts in the template: {existing}; {FIX}")]
    shapes = {shape.name: shape._element for shape in layout.shapes}
    present = ", ".join(f"'{name}'" for name in shapes) or "(none)"
    problems = [Problem(file, f"layout '{LAYOUT}'", f"no shape named '{name}'",
                        f"shapes in this layout: {present}; {FIX}")
                for name in SHAPES if name not in shapes]
    theme = _theme(layout)
    styles: dict[str, Any] = {}
    for name, needs in SHAPES.items():
        if name in shapes:
            where = f"layout '{LAYOUT}', shape '{name}'"
            style, found = _style(shapes[name], needs, theme, file, where)
            problems += found
            styles[needs.field] = style.fill if needs.line else style
    if problems:
        return None, problems
    return DeckStyles(**styles), []


def _style(shape: Any, needs: _Needs, theme: Mapping[str, str], file: str, where: str
           ) -> tuple[TextStyle, list[Problem]]:
    problems = []

    def colour(props: Any, what: str, wanted: bool, how: str) -> str | None:
        try:
            found = _colour(props, theme)
        except _Unreadable as exc:
            problems.append(Problem(file, where, f"its {what} {exc}",
                                    "a colour from the palette, the theme or More Colors"))
            return None
        if found is None and wanted:
            problems.append(Problem(file, where, f"has no {what} of its own",
                                    f"give the shape a solid {what} ({how})"))
        return found

    fill = colour(shape.find(qn("p:spPr")), "fill colour", needs.fill,
                  "Shape Format > Shape Fill")
    if needs.line:
        return TextStyle(None, None, None, fill, None), problems
    run = next(shape.iter(qn("a:rPr"), qn("a:endParaRPr")), None)
    props = run if run is not None else etree.Element(qn("a:rPr"))
    color = colour(props, "text colour", needs.color, "Home > Font Color")
    size, bold, latin = props.get("sz"), props.get("b"), props.find(qn("a:latin"))
    if not (size or "").isdigit():
        problems.append(Problem(file, where, "its text has no font size",
                                "type a size for the shape's text (Home > Font size)"))
    typeface = latin.get("typeface") if latin is not None else None
    style = TextStyle(int(size) if size and size.isdigit() else None,
                      None if bold is None else bold in ("1", "true"), color, fill,
                      None if typeface is None or typeface.startswith("+") else typeface)
    if color is not None or fill is not None:
        text, behind = color or theme.get("dk1", BLACK), fill or WHITE
        if low := too_low(text, behind):
            problems.append(Problem(file, where, low, LOW_CONTRAST_HINT))
    return style, problems


def _colour(props: Any, theme: Mapping[str, str]) -> str | None:
    """The RRGGBB of the ``a:solidFill`` directly under ``props``; None when it has none."""
    fill = props.find(qn("a:solidFill")) if props is not None else None
    chosen = fill[0] if fill is not None and len(fill) else None
    if chosen is None:
        return None
    if chosen.tag == qn("a:srgbClr"):
        rgb = str(chosen.get("val", "")).upper()
    elif chosen.tag == qn("a:schemeClr"):
        name = chosen.get("val", "")
        rgb = theme.get(SCHEME_ALIASES.get(name, name), "")
        if not rgb:
            raise _Unreadable(f"names the theme colour '{name}', which the theme lacks")
    elif chosen.tag == qn("a:sysClr"):
        rgb = str(chosen.get("lastClr", "")).upper()
    else:
        raise _Unreadable(f"is a {etree.QName(chosen).localname} colour")
    adjust = {etree.QName(c).localname: int(c.get("val", "0")) for c in chosen}
    if set(adjust) - set(SHADES):
        raise _Unreadable("uses a colour adjustment other than a shade ("
                          + ", ".join(sorted(set(adjust) - set(SHADES))) + ")")
    if len(rgb) != 6:
        raise _Unreadable(f"is '{rgb}', not an RGB colour")
    return _shaded(rgb, adjust.get("lumMod", 100000), adjust.get("lumOff", 0)) if adjust \
        else rgb


def _shaded(rgb: str, mod: int, off: int) -> str:
    """A theme colour's shade: its HSL lightness times ``mod`` plus ``off`` (100000 = 1)."""
    red, green, blue = (int(rgb[n:n + 2], 16) / 255 for n in (0, 2, 4))
    hue, light, saturation = colorsys.rgb_to_hls(red, green, blue)
    light = min(1.0, max(0.0, light * mod / 100000 + off / 100000))
    return "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, light, saturation))


def _theme(layout: Any) -> dict[str, str]:
    """Theme colour name -> RRGGBB (dk1, lt1, accent1 ...) of the layout's master."""
    return theme_colours(parse_xml(layout.slide_master.part.part_related_by(RT.THEME).blob))
