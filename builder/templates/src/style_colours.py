"""Shared by the template generators: no style's text colour below WCAG 2.2 AA contrast.

python-docx's default template colours several built-in styles (Heading 4, Subtitle, Caption,
Intense Quote ...) in the theme's accent 1, #4F81BD: 4.03:1 on white, below the 4.5:1 of WCAG
1.4.3. They are set to a darker shade of the same blue, which Word then uses rather than the
theme colour. An unused table style whose text fails on its own shading (python-docx's
Light Shading and Dark List variants) is removed; a used one stops the generator.
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from builder.inspection.contrast import MINIMUM, contrast_ratio

READABLE = "1F3864"
"""Accent 1, darker 50%: 11.7:1 on white."""


def readable_style_colours(doc: Any) -> None:
    """Recolour every paragraph and character style whose text is below 4.5:1 on white; drop
    unused table styles whose text is below 4.5:1 on their shading."""
    used = {e.get(qn("w:val")) for e in doc.element.body.iter(qn("w:tblStyle"))}
    for style in list(doc.styles):
        color = style.element.find(f"{qn('w:rPr')}/{qn('w:color')}")
        value = color.get(qn("w:val")) if color is not None else None
        if color is None or not value or value == "auto":
            continue
        shade = style.element.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
        fill = shade.get(qn("w:fill")) if shade is not None else None
        background = fill if fill and fill != "auto" else "FFFFFF"
        if contrast_ratio(value, background) >= MINIMUM:
            continue
        if style.type == WD_STYLE_TYPE.TABLE:
            if style.style_id in used:
                raise SystemExit(f"table style {style.name}: text below {MINIMUM}:1")
            style.element.getparent().remove(style.element)
            continue
        for key in list(color.attrib):
            del color.attrib[key]
        color.set(qn("w:val"), READABLE)
