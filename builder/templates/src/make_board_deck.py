"""Generate ``templates/board_deck.pptx``, the Building for Brilliance deck template.

Run from the repository root: ``.venv/bin/python templates/src/make_board_deck.py``.

Starts from python-pptx's default template, makes it 16:9, and defines the layouts the deck
renderer looks up BY NAME, each with NAMED placeholders (in reading order):

=============  ==================================================================
layout         placeholders
=============  ==================================================================
Title          Title, Subtitle
Priorities     Title, Purpose, Tagline, Priorities (numbered)
Table          Title, Table
Chart          Title, Chart 1, Chart 2, Chart 3, Chart 4 (2 x 2 grid)
Narrative      Title, Outcome, Statements, Commentary
Bullets        Title, Body
Exceptions     Title, Table
Data notes     Title, Body
Styles         no placeholders: the named shapes of the table and chart styles
=============  ==================================================================

In text placeholders, paragraph level 1 is a heading or plain text and level 2 a bullet, so
a designer restyles the deck in PowerPoint's Slide Master view (fonts, sizes, colours,
positions) without touching code. Renaming a layout or placeholder breaks the contract: the
renderer then stops with a TemplateError naming what is missing and what exists.

The "Styles" layout is never used for a slide: builder reads the fill and text of its named
shapes (``builder/render/deck_styles.py``) for the deck's tables and charts. The styles here are
the deck's original ones: a header row of white on #1F4E79 (8.7:1; the table style's white on
#4F81BD is 4.03:1), 9 pt table text, RAG cells as in the reports, charts at 9 pt with an 11 pt
title and 8 pt month labels, lines in the theme's automatic colours. No typeface is set: text
follows the theme's minor font.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Inches

OUT = Path(__file__).resolve().parent.parent / "board_deck.pptx"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in, PowerPoint's 16:9
OLD_WIDTH = Inches(10)
LANGUAGE = "en-GB"


@dataclass(frozen=True)
class Level:
    """Paragraph properties of one outline level of a placeholder."""

    size: int
    """Font size in points."""
    bold: bool = False
    bullet: str = "none"
    """none | char | number."""
    accent: bool = False
    """Text in the theme's accent colour."""
    space_before: int = 0
    """Space before the paragraph, in points."""


@dataclass(frozen=True)
class Placeholder:
    """One named placeholder of a layout; position in inches."""

    name: str
    kind: str
    """title | ctrTitle | subTitle | body | chart | tbl."""
    x: float
    y: float
    w: float
    h: float
    prompt: str
    levels: tuple[Level, ...] = ()
    anchor: str = "t"


@dataclass(frozen=True)
class Style:
    """One named shape of the Styles layout; position in inches."""

    name: str
    x: float
    y: float
    size: int
    """Font size in hundredths of a point."""
    fill: str | None = None
    """RRGGBB; None: no fill."""
    color: str | None = None
    """Text colour, RRGGBB; None: the theme's."""
    bold: bool | None = None
    """None: not set (the theme's)."""
    w: float = 3.9
    h: float = 0.55


@dataclass(frozen=True)
class Layout:
    name: str
    placeholders: tuple[Placeholder, ...]
    kind: str | None = None
    """The layout's ``type`` attribute (``title`` for the title slide), else custom."""
    styles: tuple[Style, ...] = ()


def title(prompt: str = "Slide title") -> Placeholder:
    return Placeholder("Title", "title", 0.5, 0.25, 12.33, 0.85, prompt,
                       (Level(26, bold=True, accent=True),), anchor="ctr")


HEADING = Level(15, bold=True, accent=True, space_before=4)
TEXT = Level(13, space_before=4)
BULLET = Level(13, bullet="char", space_before=4)

LAYOUTS = (
    Layout("Title", (
        Placeholder("Title", "ctrTitle", 0.9, 2.0, 11.5, 1.6, "Deck title",
                    (Level(40, bold=True, accent=True),), anchor="b"),
        Placeholder("Subtitle", "subTitle", 0.9, 3.8, 11.5, 1.2, "Subtitle",
                    (Level(22),)),
    ), kind="title"),
    Layout("Priorities", (
        title("Purpose and priorities"),
        Placeholder("Purpose", "body", 0.5, 1.35, 4.3, 5.6, "Purpose paragraph", (Level(18),)),
        Placeholder("Tagline", "body", 5.2, 1.35, 7.6, 0.9, "Tagline",
                    (Level(18, bold=True, accent=True),)),
        Placeholder("Priorities", "body", 5.2, 2.35, 7.6, 4.8, "Priority statements",
                    (Level(15, bullet="number", space_before=8),)),
    )),
    Layout("Table", (
        title("Priority title"),
        Placeholder("Table", "tbl", 0.3, 1.2, 12.73, 6.0, "Indicator table"),
    )),
    Layout("Chart", (
        title("Priority title: trends"),
        Placeholder("Chart 1", "chart", 0.3, 1.2, 6.27, 2.95, "Chart"),
        Placeholder("Chart 2", "chart", 6.76, 1.2, 6.27, 2.95, "Chart"),
        Placeholder("Chart 3", "chart", 0.3, 4.3, 6.27, 2.95, "Chart"),
        Placeholder("Chart 4", "chart", 6.76, 4.3, 6.27, 2.95, "Chart"),
    )),
    Layout("Narrative", (
        title("Priority title: progress analysis"),
        Placeholder("Outcome", "body", 0.5, 1.2, 12.33, 1.55, "Desired outcome",
                    (HEADING, TEXT)),
        Placeholder("Statements", "body", 0.5, 2.9, 6.05, 4.35, "Generated statements",
                    (HEADING, BULLET)),
        Placeholder("Commentary", "body", 6.78, 2.9, 6.05, 4.35, "Commentary from the service",
                    (HEADING, BULLET)),
    )),
    Layout("Bullets", (
        title(),
        Placeholder("Body", "body", 0.5, 1.3, 12.33, 5.9, "Bullets",
                    (Level(16, bullet="char", space_before=6),)),
    )),
    Layout("Exceptions", (
        title("Exceptions"),
        Placeholder("Table", "tbl", 0.3, 1.2, 12.73, 6.0, "Exceptions table"),
    )),
    Layout("Data notes", (
        title("Data notes"),
        Placeholder("Body", "body", 0.5, 1.3, 12.33, 5.9, "Notes",
                    (Level(14, bullet="char", space_before=6),)),
    )),
    Layout("Styles", (), styles=(
        Style("Table header", 0.5, 1.6, 900, "1F4E79", "FFFFFF", bold=True),
        Style("Table body", 0.5, 2.35, 900, bold=False),
        Style("RAG Green", 0.5, 3.1, 900, "C6EFCE", "006100", bold=True),
        Style("RAG Amber", 0.5, 3.85, 900, "FFEB9C", "7A4F00", bold=True),
        Style("RAG Red", 0.5, 4.6, 900, "FFC7CE", "9C0006", bold=True),
        Style("Chart title", 4.7, 1.6, 1100),
        Style("Chart axis", 4.7, 2.35, 800),
        Style("Chart text", 4.7, 3.1, 900),
        Style("Chart line", 8.9, 1.6, 1200),
        Style("Target line", 8.9, 2.35, 1200),
    )),
)
STYLES_NOTE = (
    "Table and chart styles, read by builder from the shapes below by their names (Selection "
    "Pane): each shape's fill and its text's colour, size, bold and typeface. Keep the names. "
    "No fill on Table body leaves the table style's banding; on Chart line and Target line, "
    "the theme's automatic colours. Text colours need 4.5:1 on their fill. This layout is "
    "never used for a slide.")


def level_xml(n: int, level: Level) -> str:
    indent = {"none": (0, 0), "char": (285750, -285750), "number": (457200, -457200)}
    mar_l, ind = indent[level.bullet]
    bullet = {
        "none": "<a:buNone/>",
        "char": '<a:buFont typeface="Arial"/><a:buChar char="&#8226;"/>',
        "number": '<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"/>',
    }[level.bullet]
    space = f'<a:spcBef><a:spcPts val="{level.space_before * 100}"/></a:spcBef>'
    colour = '<a:solidFill><a:schemeClr val="accent1"/></a:solidFill>' if level.accent else ""
    bold = ' b="1"' if level.bold else ' b="0"'
    return (f'<a:lvl{n}pPr marL="{mar_l}" indent="{ind}">{space}{bullet}'
            f'<a:defRPr sz="{level.size * 100}"{bold}>{colour}</a:defRPr></a:lvl{n}pPr>')


def placeholder_xml(shape_id: int, idx: int, ph: Placeholder) -> etree._Element:
    ph_attrs = f'type="{ph.kind}"' + ("" if ph.kind in ("title", "ctrTitle") else f' idx="{idx}"')
    levels = "".join(level_xml(n, lv) for n, lv in enumerate(ph.levels, 1))
    autofit = "<a:normAutofit/>" if ph.kind not in ("chart", "tbl") else ""
    xml = (
        f"<p:sp {nsdecls('a', 'p')}>"
        f'<p:nvSpPr><p:cNvPr id="{shape_id}" name="{ph.name}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph {ph_attrs}/></p:nvPr></p:nvSpPr>"
        f'<p:spPr><a:xfrm><a:off x="{Inches(ph.x)}" y="{Inches(ph.y)}"/>'
        f'<a:ext cx="{Inches(ph.w)}" cy="{Inches(ph.h)}"/></a:xfrm></p:spPr>'
        f'<p:txBody><a:bodyPr anchor="{ph.anchor}">{autofit}</a:bodyPr>'
        f"<a:lstStyle>{levels}</a:lstStyle>"
        f'<a:p><a:r><a:rPr lang="{LANGUAGE}"/><a:t>{ph.prompt}</a:t></a:r></a:p>'
        "</p:txBody></p:sp>"
    )
    return etree.fromstring(xml)


def solid(color: str | None) -> str:
    return f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>' if color else ""


def style_xml(shape_id: int, style: Style) -> etree._Element:
    """A rectangle named for its style, with the style's fill and text; no theme shape style,
    so what is shown is what builder reads."""
    bold = "" if style.bold is None else f' b="{int(style.bold)}"'
    return text_box_xml(shape_id, style.name, style.name, style.x, style.y, style.w, style.h,
                        f'sz="{style.size}"{bold}', solid(style.color),
                        solid(style.fill) or "<a:noFill/>")


def text_box_xml(shape_id: int, name: str, text: str, x: float, y: float, w: float, h: float,
                 run: str, colour: str, fill: str) -> etree._Element:
    xml = (
        f"<p:sp {nsdecls('a', 'p')}>"
        f'<p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{Inches(x)}" y="{Inches(y)}"/>'
        f'<a:ext cx="{Inches(w)}" cy="{Inches(h)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}'
        '<a:ln w="6350"><a:solidFill><a:srgbClr val="7F7F7F"/></a:solidFill></a:ln></p:spPr>'
        '<p:txBody><a:bodyPr wrap="square" anchor="ctr"/><a:lstStyle/>'
        f'<a:p><a:r><a:rPr lang="{LANGUAGE}" {run}>{colour}</a:rPr><a:t>{text}</a:t></a:r></a:p>'
        "</p:txBody></p:sp>"
    )
    return etree.fromstring(xml)


def rebuild_layout(element: etree._Element, layout: Layout) -> None:
    """Name the layout and replace its shapes with the layout's placeholders."""
    c_sld = element.find(qn("p:cSld"))
    c_sld.set("name", layout.name)
    if layout.kind:
        element.set("type", layout.kind)
    elif "type" in element.attrib:
        del element.attrib["type"]
    tree = c_sld.find(qn("p:spTree"))
    for child in list(tree)[2:]:  # keep nvGrpSpPr and grpSpPr
        tree.remove(child)
    for n, ph in enumerate(layout.placeholders):
        tree.append(placeholder_xml(n + 2, n, ph))
    if layout.styles:
        tree.append(text_box_xml(2, "Note", STYLES_NOTE, 0.5, 0.3, 12.33, 1.0, 'sz="1200"', "",
                                 "<a:noFill/>"))
    for n, style in enumerate(layout.styles):
        tree.append(style_xml(n + 3, style))


def widen_master(master: etree._Element) -> None:
    """Scale the master's shapes from 4:3 to 16:9 and set sensible default sizes."""
    scale = WIDTH / OLD_WIDTH
    for xfrm in master.iter(qn("a:xfrm")):
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        off.set("x", str(Emu(round(int(off.get("x")) * scale))))
        ext.set("cx", str(Emu(round(int(ext.get("cx")) * scale))))
    styles = master.find(qn("p:txStyles"))
    title_rpr = styles.find(f"{qn('p:titleStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    title_rpr.set("sz", "2800")
    body = styles.find(qn("p:bodyStyle"))
    for n, size in enumerate((2000, 1800, 1600, 1400, 1400), 1):
        rpr = body.find(f"{qn(f'a:lvl{n}pPr')}/{qn('a:defRPr')}")
        if rpr is not None:
            rpr.set("sz", str(size))


def british(element: etree._Element) -> None:
    for node in element.iter():
        if node.get("lang") == "en-US":
            node.set("lang", LANGUAGE)


def make(out: Path) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    size = prs.part._element.find(qn("p:sldSz"))
    size.attrib.pop("type", None)  # the default says "screen4x3"; 16:9 has no named type
    master = prs.slide_master
    widen_master(master._element)
    layouts = list(prs.slide_layouts)
    for unused in layouts[len(LAYOUTS):]:
        prs.slide_layouts.remove(unused)
    for layout, spec in zip(layouts, LAYOUTS, strict=False):
        rebuild_layout(layout._element, spec)
        british(layout._element)
    british(master._element)
    british(prs.part._element)
    props = prs.core_properties
    props.title = "Building for Brilliance board deck template"
    props.language = LANGUAGE
    props.author = "builder"
    props.revision = 1
    props.created = props.modified = dt.datetime(2024, 1, 1)  # same script, same file content
    prs.save(str(out))


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {sys.argv[1] if len(sys.argv) > 1 else OUT}")
