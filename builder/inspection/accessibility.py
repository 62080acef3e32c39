"""Accessibility checks of finished papers (DESIGN 6, issue 11), behind ``builder check``.

Reads .docx, .pptx and .pdf files back and lists what a screen-reader user or an auditor of
the UK public-sector accessibility regulations would find missing: document title and language,
heading structure, alt text on every picture and chart, marked table header rows, no merged
cells in data tables, slide titles, text contrast of at least 4.5:1 (WCAG 1.4.3). A PDF — the
published pack itself, not only its sources — is read with pikepdf: tagged, with its language,
title shown, XMP metadata (dc:title, dc:language, pdfuaid:part), and a structure tree whose
figures hold content and alt text, whose headings skip no level, whose tables have header cells,
that every page leads into, with nothing drawn untagged (:mod:`pdf_structure`). A problem on
a page names the page as stamped on it (its page label) where that differs from its position.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from builder.data.safezip import check_office_zip
from builder.inspection.contrast import MINIMUM, Pairing, low_contrast
from builder.inspection.docx_summary import DocxSummary, summarize_docx
from builder.inspection.pdf_structure import PLACEHOLDER_ALT, structure_findings, xmp
from builder.inspection.pptx_summary import DeckSummary, summarize_pptx

CHECKED = (".docx", ".pptx", ".pdf")


@dataclass(frozen=True)
class Issue:
    """One accessibility failure: which file, where in it, what is missing."""

    file: Path
    where: str
    what: str

    def __str__(self) -> str:
        place = f"{self.file}: {self.where}" if self.where else str(self.file)
        return f"{place}: {self.what}"


def files_to_check(paths: Iterable[Path]) -> list[Path]:
    """The .docx/.pptx/.pdf files named, and those inside named folders (not their parts)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in CHECKED)
        else:
            found.append(path)
    return found


def check_file(path: Path) -> list[Issue]:
    """Every accessibility issue of one file; unreadable files are an issue too."""
    suffix = path.suffix.lower()
    if not path.is_file():
        return [Issue(path, "", "file not found")]
    if suffix not in CHECKED:
        return [Issue(path, "", f"cannot check '{suffix}' files; expected {', '.join(CHECKED)}")]
    if suffix in (".docx", ".pptx") and (bad := check_office_zip(path)):
        return [Issue(path, "", bad)]
    try:
        if suffix == ".docx":
            return _docx(path, summarize_docx(path)) + _contrast(path, low_contrast(path))
        if suffix == ".pptx":
            return _pptx(path, summarize_pptx(path)) + _contrast(path, low_contrast(path))
        return _pdf(path)
    except (pikepdf.PdfError, KeyError, ValueError, OSError) as exc:
        return [Issue(path, "", f"cannot be read: {exc}")]


def _alt_problem(alt: str | None) -> str | None:
    text = (alt or "").strip()
    if not text:
        return "no alt text"
    if PLACEHOLDER_ALT.match(text):
        return f"alt text '{text}' is a file or shape name, not a description"
    return None


def _language(path: Path, language: str) -> list[Issue]:
    if not language.lower().startswith("en"):
        return [Issue(path, "core properties", f"language is '{language}', not set to en-GB")]
    return []


def _docx(path: Path, doc: DocxSummary) -> list[Issue]:
    issues = [] if doc.title.strip() else [Issue(path, "core properties", "no document title")]
    issues += _language(path, doc.language)
    levels = [level for level, _text in doc.headings]
    if not levels:
        issues.append(Issue(path, "headings", "no Heading styles: structure is invisible"))
    for before, (level, text) in zip([0, *levels], doc.headings, strict=False):
        if level > before + 1:
            issues.append(Issue(path, f"heading '{text}'",
                                f"skips from level {before} to level {level}"))
    for n, picture in enumerate(doc.pictures, 1):
        if problem := _alt_problem(picture.descr):
            issues.append(Issue(path, f"picture {n} ({picture.name})", problem))
    for n, table in enumerate(doc.tables, 1):
        data_table = len(table.rows) > 1
        if data_table and not table.header_rows[0]:
            issues.append(Issue(path, f"table {n}", "header row not marked (w:tblHeader)"))
        if data_table and table.merged:
            issues.append(Issue(path, f"table {n}", "merged cells in a data table"))
    return issues


def _pptx(path: Path, deck: DeckSummary) -> list[Issue]:
    issues = [] if deck.title.strip() else [Issue(path, "core properties", "no title")]
    issues += _language(path, deck.language)
    for n, slide in enumerate(deck.slides, 1):
        if not (slide.title or "").strip():
            issues.append(Issue(path, f"slide {n}", "no title in a title placeholder"))
        for shape in slide.shapes:
            if shape.graphic and (problem := _alt_problem(shape.alt_text)):
                issues.append(Issue(path, f"slide {n}, {shape.name}", problem))
        for table in slide.tables:
            if not table.header_marked:
                issues.append(Issue(path, f"slide {n}", "table header row not marked"))
    return issues


def _contrast(path: Path, low: list[Pairing]) -> list[Issue]:
    """One issue per place and colour pair below the minimum, with how many runs use it."""
    pairs: dict[tuple[str, str, str], list[Pairing]] = {}
    for pairing in low:
        key = (pairing.where, pairing.foreground, pairing.background)
        pairs.setdefault(key, []).append(pairing)
    issues = []
    for (_where, fore, back), runs in pairs.items():
        first = runs[0]
        example = f", e.g. '{first.text[:30]}'" if first.text.strip() else ""
        issues.append(Issue(path, first.where, f"{len(runs)} run(s) of text #{fore} on #{back}"
                            f"{example}: contrast {first.ratio:.2f}:1, below {MINIMUM}:1"))
    return issues


def _pdf(path: Path) -> list[Issue]:
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        issues = []
        if not str(pdf.docinfo.get("/Title", "")).strip():
            issues.append(Issue(path, "metadata", "no document title"))
        if not str(root.get("/Lang", "")).lower().startswith("en"):
            issues.append(Issue(path, "catalog", "no /Lang (document language)"))
        marked = bool(root.get("/MarkInfo", pikepdf.Dictionary()).get("/Marked", False))
        if not (marked and "/StructTreeRoot" in root):
            issues.append(Issue(path, "catalog", "not a tagged PDF"))
            return issues
        preferences = root.get("/ViewerPreferences", pikepdf.Dictionary())
        if not bool(preferences.get("/DisplayDocTitle", False)):
            issues.append(Issue(path, "viewer preferences",
                                "the title is not shown (DisplayDocTitle)"))
        metadata = xmp(pdf)
        for key in ("dc:title", "dc:language"):
            if not metadata.get(key):
                issues.append(Issue(path, "XMP metadata", f"no {key} in the XMP metadata"))
        if metadata.get("pdfuaid:part") != "1":
            issues.append(Issue(path, "XMP metadata", "no PDF/UA identification "
                                                      "(pdfuaid:part 1) in the XMP metadata"))
        labels = [page.label for page in pdf.pages]
        for finding in structure_findings(pdf):
            issues.append(Issue(path, _page(finding.page, labels), finding.what))
    return issues


def _page(number: int | None, labels: list[str]) -> str:
    """'page 52 (stamped 46)' when the page label differs from its position."""
    if number is None:
        return "structure tree"
    label = labels[number - 1] if number <= len(labels) else ""
    return f"page {number}" + (f" (stamped {label})" if label and label != str(number) else "")
