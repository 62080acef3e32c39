"""Text contrast in .docx and .pptx files, read from their XML (WCAG 2.2 1.4.3: at least 4.5:1).

Every run of text with a colour of its own, and every run in a filled table cell, is paired with
the colour behind it: the cell's fill (in PowerPoint, the table style's header fill — the
theme's accent 1 — for a header row without a fill of its own), else the paragraph's shading,
else white; so is the text colour of every paragraph and character style (on its own shading,
else white). Colours named by the theme (``tx1``, ``accent1`` ...) are looked up in the file's
theme; ``auto`` is black.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from builder.data.docx_package import W

MINIMUM = 4.5
"""WCAG 2.2 AA, 1.4.3, for normal-size text."""
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
WHITE, BLACK = "FFFFFF", "000000"
SCHEME_ALIASES = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}


@dataclass(frozen=True)
class Pairing:
    """A run of text and the colour behind it."""

    where: str
    text: str
    foreground: str
    background: str

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two 'RRGGBB' colours, from 1 to 21."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


LOW_CONTRAST_HINT = "a darker text colour or a lighter fill (or the reverse) reaching 4.5:1"


def too_low(text: str, behind: str) -> str | None:
    """Why text in colour ``text`` cannot be read on ``behind`` (below 4.5:1), in words, as a
    template's style is refused; None when it can."""
    ratio = contrast_ratio(text, behind)
    if ratio >= MINIMUM:
        return None
    return (f"text #{text} on #{behind} has a contrast of {ratio:.2f}:1, below WCAG 2.2 AA's "
            f"{MINIMUM}:1")


def low_contrast(path: Path, minimum: float = MINIMUM) -> list[Pairing]:
    """Runs of text in a .docx/.pptx whose contrast is below ``minimum``."""
    return [p for p in pairings(path) if p.ratio < minimum]


def pairings(path: Path) -> list[Pairing]:
    """Every coloured or filled run of text of a .docx or .pptx file."""
    with zipfile.ZipFile(path) as package:
        if path.suffix.lower() == ".pptx":
            return list(_pptx(package))
        return list(_docx(package))


def _luminance(hex_rgb: str) -> float:
    channels = [int(hex_rgb[n:n + 2], 16) / 255 for n in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _docx(package: zipfile.ZipFile) -> Iterator[Pairing]:
    for name in sorted(n for n in package.namelist()
                       if n.startswith("word/") and n.endswith(".xml")
                       and n.rsplit("/", 1)[-1].startswith(("document", "header", "footer"))):
        root = ElementTree.fromstring(package.read(name))
        yield from _docx_runs(root, name, WHITE)
    styles = ElementTree.fromstring(package.read("word/styles.xml"))
    for style in styles.iter(f"{{{W}}}style"):
        if style.get(f"{{{W}}}type") not in ("paragraph", "character"):
            continue  # a table style's colours depend on its conditional formats
        color = _word_color(style.find(f"{{{W}}}rPr"))
        if color:
            yield Pairing(f"style '{style.get(f'{{{W}}}styleId')}'", "", color,
                          _shading(style.find(f"{{{W}}}pPr")) or WHITE)


def _docx_runs(node: Any, where: str, background: str) -> Iterator[Pairing]:
    for child in node:
        behind = background
        if child.tag == f"{{{W}}}tc":
            behind = _shading(child.find(f"{{{W}}}tcPr")) or background
        elif child.tag == f"{{{W}}}p":
            behind = _shading(child.find(f"{{{W}}}pPr")) or background
        if child.tag == f"{{{W}}}r":
            text = "".join(t.text or "" for t in child.iter(f"{{{W}}}t"))
            color = _word_color(child.find(f"{{{W}}}rPr"))
            if text.strip() and (color or background != WHITE):
                yield Pairing(where, text, color or BLACK, background)
        else:
            yield from _docx_runs(child, where, behind)


def _word_color(props: Any) -> str:
    color = props.find(f"{{{W}}}color") if props is not None else None
    value = color.get(f"{{{W}}}val", "") if color is not None else ""
    return value.upper() if value and value != "auto" else ""


def _shading(props: Any) -> str:
    shade = props.find(f"{{{W}}}shd") if props is not None else None
    fill = shade.get(f"{{{W}}}fill", "") if shade is not None else ""
    return fill.upper() if fill and fill != "auto" else ""


def _pptx(package: zipfile.ZipFile) -> Iterator[Pairing]:
    theme = _theme(package)
    slides = sorted((n for n in package.namelist()
                     if n.startswith("ppt/slides/slide") and n.endswith(".xml")),
                    key=lambda n: int(n.removeprefix("ppt/slides/slide").removesuffix(".xml")))
    for name in slides:
        root = ElementTree.fromstring(package.read(name))
        where = name.removeprefix("ppt/slides/").removesuffix(".xml")
        for table in root.iter(f"{A}tbl"):
            yield from _pptx_table(table, where, theme)
        for shape in root.iter(f"{P}sp"):
            fill = _drawing_color(shape.find(f"{P}spPr"), theme) or WHITE
            for run in shape.iter(f"{A}r"):
                color = _drawing_color(run.find(f"{A}rPr"), theme)
                if color:
                    yield Pairing(where, _run_text(run), color, fill)


def _pptx_table(table: Any, where: str, theme: dict[str, str]) -> Iterator[Pairing]:
    props = table.find(f"{A}tblPr")
    styled = props is not None and props.find(f"{A}tableStyleId") is not None
    header = props is not None and props.get("firstRow") == "1"
    for index, row in enumerate(table.iter(f"{A}tr")):
        styled_header = styled and header and index == 0
        for cell in row.iter(f"{A}tc"):
            fill = _drawing_color(cell.find(f"{A}tcPr"), theme)
            background = fill or (theme.get("accent1", WHITE) if styled_header else WHITE)
            default = theme.get("lt1", WHITE) if styled_header and not fill else BLACK
            for run in cell.iter(f"{A}r"):
                color = _drawing_color(run.find(f"{A}rPr"), theme) or default
                yield Pairing(f"{where}, table", _run_text(run), color, background)


def _run_text(run: Any) -> str:
    return "".join(t.text or "" for t in run.iter(f"{A}t"))


def _drawing_color(props: Any, theme: dict[str, str]) -> str:
    """The colour of a direct ``a:solidFill`` child of ``props`` ('' when none)."""
    fill = props.find(f"{A}solidFill") if props is not None else None
    if fill is None:
        return ""
    rgb = fill.find(f"{A}srgbClr")
    if rgb is not None:
        return str(rgb.get("val", "")).upper()
    scheme = fill.find(f"{A}schemeClr")
    if scheme is not None:
        name = scheme.get("val", "")
        return theme.get(SCHEME_ALIASES.get(name, name), "")
    return ""


def _theme(package: zipfile.ZipFile) -> dict[str, str]:
    """Theme colour name -> 'RRGGBB' (dk1, lt1, accent1 ...) of the first theme."""
    names = sorted(n for n in package.namelist() if n.startswith("ppt/theme/theme"))
    if not names:
        return {}
    return theme_colours(ElementTree.fromstring(package.read(names[0])))


def theme_colours(root: Any) -> dict[str, str]:
    """Theme colour name -> 'RRGGBB' of a theme part's parsed XML."""
    scheme = next(root.iter(f"{A}clrScheme"), None)
    colors: dict[str, str] = {}
    for entry in scheme if scheme is not None else ():
        value = entry.find(f"{A}srgbClr")
        system = entry.find(f"{A}sysClr")
        if value is not None:
            colors[entry.tag.removeprefix(A)] = str(value.get("val", "")).upper()
        elif system is not None:
            colors[entry.tag.removeprefix(A)] = str(system.get("lastClr", BLACK)).upper()
    return colors
