"""The fonts a Word paper's, a template's or the deck template's text is set in that
LibreOffice cannot lay out as Word and PowerPoint do.

LibreOffice makes the PDFs in the fonts this machine has. A font it lacks is replaced: by its
metric twin when one is installed (Liberation Sans for Arial, Carlito for Calibri ...: the same
widths, so lines and pages break where Word breaks them), else by fontconfig's fallback (DejaVu
Sans, much wider), so lines, tables and pages come out differently from Word's. Aptos, Office's
default since 2024, and Calibri Light, the headings' font of the themes before it, have no twin
on Debian: a warning names them, so that the font can be installed (or, for an officer's
paper, the paper asked for as a PDF).

In Word, a run's font is the one Word shows for it: its own (``w:rFonts``), else its character
style's, else its paragraph style's (each with the styles it is based on), else the document's
default; a theme font (``asciiTheme``) is read from the package's theme. In the deck template,
the fonts are its slide masters' theme fonts and any typeface its masters and layouts name.
Symbol fonts are left out: LibreOffice maps their characters to its own OpenSymbol.
"""

from __future__ import annotations

import functools
import posixpath
import shutil
import subprocess
import zipfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from builder.data.docx_package import parse_part, w
from builder.data.safezip import check_office_zip
from builder.inspection.report_document import Finding, WordPackage
from builder.inspection.word_styles import StyleChain, run_styles

DRAWING_MAIN = "http://schemas.openxmlformats.org/drawingml/2006/main"
SYMBOL_FONTS = frozenset({"symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings",
                          "mt extra"})
METRIC_TWINS = {
    "arial": ("liberation sans", "arimo"), "helvetica": ("liberation sans", "arimo"),
    "arial narrow": ("liberation sans narrow",),
    "times new roman": ("liberation serif", "tinos"), "times": ("liberation serif", "tinos"),
    "courier new": ("liberation mono", "cousine"), "courier": ("liberation mono", "cousine"),
    "calibri": ("carlito",), "cambria": ("caladea",),
}
"""Fonts (lower case) and the free fonts of the same widths that fontconfig puts in their
place."""
FC_LIST_SECONDS = 20.0


def font_findings(doc: WordPackage) -> list[Finding]:
    """A warning for each font an officer's paper's text is set in that this machine neither
    has nor has a metric twin of."""
    return [Finding("font", "warning", missing_font(name, "or ask the author for a PDF"),
                    where="fonts") for name in unavailable(text_fonts(doc))]


def missing_font(name: str, remedy: str) -> str:
    """What a warning of a missing font says, ending with ``remedy`` (after 'install the
    font')."""
    return (f"its text is set in {name}, which this machine does not have (nor a font of the "
            "same widths): LibreOffice puts another font in its place, so lines, tables and "
            "pages may break where they do not in Word or PowerPoint; install the font "
            f"(docs/supplied-papers.md, Fonts) {remedy}")


def unavailable(names: Iterable[str]) -> list[str]:
    """The fonts of ``names`` that this machine neither has nor has a metric twin of; none
    when the machine's fonts cannot be listed."""
    families = installed_families()
    if families is None:
        return []
    return [name for name in names if not _available(name, families)]


def _available(name: str, families: frozenset[str]) -> bool:
    key = name.strip().lower()
    return key in families or any(twin in families for twin in METRIC_TWINS.get(key, ()))


@functools.cache
def installed_families() -> frozenset[str] | None:
    """The font families fontconfig knows (lower case), or None without ``fc-list``."""
    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        done = subprocess.run([program, ":", "family"], capture_output=True, text=True,  # noqa: S603
                              timeout=FC_LIST_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return frozenset(family.strip().lower() for line in done.stdout.splitlines()
                     for family in line.split(",") if family.strip())


def text_fonts(doc: WordPackage) -> list[str]:
    """The fonts of the runs that hold text, in the order first met (see the module doc)."""
    fonts = _Fonts(doc)
    found: dict[str, None] = {}
    for _part, tree in doc.content_parts():
        for run in tree.iter(w("r")):
            if not any((t.text or "").strip() for t in run.iter(w("t"))):
                continue
            properties = run.find(w("rPr"))
            character, paragraph = run_styles(run)
            name = fonts.of(properties.find(w("rFonts")) if properties is not None else None) \
                or fonts.styles.value(character) \
                or fonts.styles.value(paragraph or fonts.styles.default_paragraph) \
                or fonts.default
            if name and name.lower() not in SYMBOL_FONTS:
                found.setdefault(name)
    return list(found)


class _Fonts:
    """The package's theme fonts, the font each style sets, and the default font."""

    def __init__(self, doc: WordPackage) -> None:
        self.theme = _theme_fonts(doc)
        styles = doc.xml("word/styles.xml")
        self.styles = StyleChain(styles, lambda style: self.of(style.find(
            f"{w('rPr')}/{w('rFonts')}")))
        self.default = self.of(styles.find(
            f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")) \
            if styles is not None else None

    def of(self, fonts: etree._Element | None) -> str | None:
        """The Latin font ``w:rFonts`` names (its theme font first), if any."""
        if fonts is None:
            return None
        theme = fonts.get(w("asciiTheme")) or fonts.get(w("hAnsiTheme"))
        if theme:
            return self.theme.get("major" if theme.startswith("major") else "minor")
        return fonts.get(w("ascii")) or fonts.get(w("hAnsi"))


def deck_fonts(path: Path) -> list[str]:
    """The fonts of a PowerPoint template's slide masters' themes and the typefaces its masters
    and layouts name (``+mj-lt``, a theme font by reference, left out), in that order; a
    ``ValueError`` when the file is not a sane package."""
    if problem := check_office_zip(path):
        raise ValueError(problem)
    found: dict[str, None] = {}
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        masters = sorted(n for n in names if n.startswith(("ppt/slideMasters/",
                                                            "ppt/slideLayouts/"))
                         and n.endswith(".xml"))
        themes = {posixpath.normpath(posixpath.join(posixpath.dirname(master), target))
                  for master in masters if master.startswith("ppt/slideMasters/")
                  for target in _targets(archive, master) if "/theme/" in f"/{target}"}
        for theme in sorted(themes & set(names)):
            tree = parse_part(theme, archive.read(theme))
            found.update(dict.fromkeys(_scheme_fonts(tree).values()))
        for part in masters:
            tree = parse_part(part, archive.read(part))
            found.update(dict.fromkeys(
                typeface for latin in tree.iter(f"{{{DRAWING_MAIN}}}latin")
                if (typeface := latin.get("typeface", "")) and not typeface.startswith("+")))
    return [name for name in found if name.lower() not in SYMBOL_FONTS]


def _targets(archive: zipfile.ZipFile, part: str) -> list[str]:
    """The targets of ``part``'s relationships."""
    rels = f"{posixpath.dirname(part)}/_rels/{posixpath.basename(part)}.rels"
    if rels not in archive.namelist():
        return []
    tree = parse_part(rels, archive.read(rels))
    return [rel.get("Target", "") for rel in tree if rel.get("TargetMode") != "External"]


def _theme_fonts(doc: WordPackage) -> dict[str, str]:
    """'major' and 'minor' -> the theme's Latin heading and body fonts."""
    for name in sorted(n for n in doc.parts if n.startswith("word/theme/") and
                       n.endswith(".xml")):
        theme = doc.xml(name)
        if theme is not None:
            return _scheme_fonts(theme)
    return {}


def _scheme_fonts(theme: etree._Element) -> dict[str, str]:
    """'major' and 'minor' -> a theme's Latin heading and body fonts."""
    found = {}
    for kind in ("major", "minor"):
        latin = theme.find(f".//{{{DRAWING_MAIN}}}{kind}Font/{{{DRAWING_MAIN}}}latin")
        if latin is not None and latin.get("typeface"):
            found[kind] = latin.get("typeface", "")
    return found
