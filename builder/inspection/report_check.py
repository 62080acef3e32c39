"""``builder check-report``: a supplied Word report checked against the committee-report format
(format-spec A.1, A.3) and for what must not be published (:mod:`report_hygiene`).

Each finding names the body paragraph (number and text). Format problems are warnings for the
author to judge; tracked changes, comments, hidden text and leftover guidance are errors.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from builder.config.report_format import Heading, ReportFormat
from builder.inspection.accessibility import check_file
from builder.inspection.document_fonts import font_findings
from builder.inspection.report_document import Finding, Paragraph, ReportDocument
from builder.inspection.report_hygiene import hygiene_findings
from builder.present.pack_context import roman

SIMILAR = 0.6
"""How alike a heading must be to a missing one to be suggested as its rename (difflib ratio)."""
DECIMAL_LABEL = re.compile(r"^(\d+)[.)]?$")
TYPED_NUMBER = re.compile(r"^\s*(\d{1,3})(?:[.)](?:\s|$)|\t)")
ROMAN_LABEL = re.compile(r"^\(([ivxlc]+)\)$")
TYPED_ROMAN = re.compile(r"^\s*\(([ivxlc]+)\)\s")
REFERENCE = re.compile(r"\bAppendi(?:x|ces)\s+(\d+(?:\s*(?:,|and|&|or)\s*(?:Appendix\s+)?\d+)*)",
                       re.IGNORECASE)
NONE_ENTRY = {"none", "none.", "n/a", "na"}


@dataclass(frozen=True)
class ItemAppendices:
    """What the agenda item says about the paper's appendices; None: take the paper's own
    Appendices list."""

    count: int | None = None
    exempt: tuple[int, ...] | None = None
    """Numbers of the exempt appendices."""


def check_report(path: Path, fmt: ReportFormat, item: ItemAppendices | None = None
                 ) -> list[Finding]:
    """Every finding for one .docx, format first, then hygiene, then accessibility, then the
    fonts this machine cannot lay it out in."""
    try:
        doc = ReportDocument(path)
    except (ValueError, KeyError, OSError) as exc:
        return [Finding("file", "error", f"cannot be read: {exc}", where=str(path))]
    found, positions = headings(doc, fmt)
    sections = Sections(doc, positions)
    found += numbering(sections, fmt)
    found += recommendations(sections, fmt)
    found += appendices(doc, sections, fmt, item or ItemAppendices())
    found += hygiene_findings(doc, fmt)
    found += [Finding("accessibility", "warning", issue.what, where=issue.where)
              for issue in check_file(path)]
    return found + font_findings(doc)


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop the paper being published."""
    return [f for f in findings if f.severity == "error"]


def normalized(text: str) -> str:
    """Headings compared without case, spacing, a final ':' or '?', or curly apostrophes."""
    flat = " ".join(text.replace("’", "'").replace("‘", "'").casefold().split())
    return flat.rstrip(" :?")


def _matches(heading: Heading, paragraph: Paragraph) -> bool:
    text, target = normalized(paragraph.text), normalized(heading.text)
    return text.startswith(target) if heading.inline else text == target


def _label_part(heading: Heading, paragraph: Paragraph) -> str:
    """What to compare a missing heading with: an inline field's name, or the whole text."""
    text = paragraph.text
    return normalized(re.split(r"[:\t?]", text, maxsplit=1)[0]) if heading.inline else \
        normalized(text)


def headings(doc: ReportDocument, fmt: ReportFormat) -> tuple[list[Finding], dict[str, int]]:
    """Missing, renamed ('did you mean') and out-of-order headings; and where each heading is
    (heading text -> paragraph number), renamed ones included."""
    found: list[Finding] = []
    positions: dict[str, int] = {}
    used: set[int] = set()
    last, last_text = 0, ""
    for heading in fmt.headings:
        candidates = [p for p in doc.paragraphs if p.number not in used and _matches(heading, p)]
        later = [p for p in candidates if p.number > last]
        chosen = later[0] if later else (candidates[0] if candidates else None)
        if chosen is None:
            continue
        positions[heading.text] = chosen.number
        used.add(chosen.number)
        if chosen.number < last:
            found.append(Finding("heading", "warning",
                                 f"heading ‘{heading.text}’ is out of order: it should come "
                                 f"after ‘{last_text}’", chosen.number, chosen.shown))
        else:
            last, last_text = chosen.number, heading.text
    for heading in fmt.headings:
        if heading.text in positions:
            continue
        pool = [p for p in doc.paragraphs if p.heading_like and p.number not in used]
        target = normalized(heading.text)
        scored = [(difflib.SequenceMatcher(None, target, _label_part(heading, p)).ratio(), p)
                  for p in pool]
        score, best = max(scored, key=lambda s: s[0], default=(0.0, None))
        if best is not None and score >= SIMILAR:
            positions[heading.text] = best.number
            used.add(best.number)
            found.append(Finding("heading", "warning",
                                 f"heading ‘{heading.text}’ is missing; did you mean this "
                                 f"one, renamed?", best.number, best.shown))
        else:
            found.append(Finding("heading", "warning",
                                 f"heading ‘{heading.text}’ is missing ({fmt.name})"))
    return found, positions


class Sections:
    """The paragraphs under each heading found, up to the next heading found."""

    def __init__(self, doc: ReportDocument, positions: dict[str, int]) -> None:
        self.doc = doc
        self.positions = positions
        self.starts = sorted(positions.values())

    def end_after(self, position: int) -> int:
        """The paragraph number of the next heading after ``position`` (or past the end)."""
        return next((s for s in self.starts if s > position), len(self.doc.paragraphs) + 1)

    def between(self, first: str, last: str | None = None) -> list[Paragraph] | None:
        """Body paragraphs from under ``first`` to the end of ``last``'s section (default:
        ``first``'s); None when either heading is not there."""
        if first not in self.positions or (last or first) not in self.positions:
            return None
        start, end = self.positions[first], self.end_after(self.positions[last or first])
        return [p for p in self.doc.paragraphs if start < p.number < end
                and p.number not in self.starts and not _heading_style(p)]

    def heading(self, text: str) -> Paragraph | None:
        number = self.positions.get(text)
        return None if number is None else self.doc.paragraphs[number - 1]


def _heading_style(paragraph: Paragraph) -> bool:
    return paragraph.style.startswith("Heading") or paragraph.style == "Title"


def numbering(sections: Sections, fmt: ReportFormat) -> list[Finding]:
    """The numbered paragraphs from REASONS to POLICY: 1, 2, 3 ... in Word numbering, never
    skipping or restarting, never typed by hand."""
    paragraphs = sections.between(fmt.numbering_from, fmt.numbering_to)
    found: list[Finding] = []
    previous = 0
    for p in paragraphs or ():
        label = DECIMAL_LABEL.match(p.label or "")
        typed = TYPED_NUMBER.match(p.text) if p.label is None else None
        if typed:
            found.append(Finding("numbering", "warning", "paragraph number typed by hand; use "
                                 "the template's Word numbering", p.number, p.shown))
        match = label or typed
        if match is None:
            continue
        n = int(match.group(1))
        if previous == 0 and n != 1:
            what = f"numbering starts at {n}, not 1"
        elif previous and n == previous:
            what = f"number {n} is repeated"
        elif previous and n < previous:
            what = f"numbering restarts at {n} after {previous}"
        elif previous and n > previous + 1:
            what = f"numbering skips from {previous} to {n}"
        else:
            what = ""
        if what:
            found.append(Finding("numbering", "warning", what, p.number, p.shown))
        previous = n
    return found


def recommendations(sections: Sections, fmt: ReportFormat) -> list[Finding]:
    """Recommendations numbered (i), (ii), ... in order."""
    found: list[Finding] = []
    paragraphs = [p for p in sections.between(fmt.recommendations) or ()
                  if p.text.strip() and not (p.label and not p.label[0].isalnum()
                                              and p.label[0] != "(")]
    for k, p in enumerate(paragraphs, 1):
        expected = f"({roman(k).lower()})"
        label = ROMAN_LABEL.match(p.label or "")
        typed = TYPED_ROMAN.match(p.text) if p.label is None else None
        if typed:
            found.append(Finding("recommendations", "warning", "recommendation number typed "
                                 "by hand; use the template's (i), (ii) numbering",
                                 p.number, p.shown))
        match = label or typed
        if match is None:
            shown = f" (numbered ‘{p.label}’)" if p.label else ""
            found.append(Finding("recommendations", "warning",
                                 f"recommendation not in (i), (ii) form{shown}; expected "
                                 f"{expected}", p.number, p.shown))
        elif f"({match.group(1)})" != expected:
            found.append(Finding("recommendations", "warning",
                                 f"recommendation numbered ({match.group(1)}), expected "
                                 f"{expected}", p.number, p.shown))
    return found


def referenced(text: str) -> list[int]:
    """Appendix numbers a text refers to: 'Appendix 2 and Appendix 3' -> [2, 3]."""
    return [int(n) for m in REFERENCE.finditer(text) for n in re.findall(r"\d+", m.group(1))]


def appendices(doc: ReportDocument, sections: Sections, fmt: ReportFormat,
               item: ItemAppendices) -> list[Finding]:
    """'Appendix N' references against the item's appendices, and the exempt ones against the
    statement of confidentiality (both ways) and the Appendices list's 'Exempt' entries."""
    listed = [p for p in sections.between(fmt.appendices) or ()
              if p.text.strip() and normalized(_unlabelled(p.text)) not in NONE_ENTRY]
    listed_exempt = tuple(n for n, p in enumerate(listed, 1)
                          if normalized(_unlabelled(p.text)).startswith("exempt"))
    count = item.count if item.count is not None else len(listed)
    exempt = item.exempt if item.exempt is not None else listed_exempt
    found: list[Finding] = []
    heading = sections.heading(fmt.appendices)
    if item.count is not None and heading is not None and len(listed) != item.count:
        found.append(Finding("appendices", "warning", f"the Appendices list has {len(listed)} "
                             f"entries; the agenda item has {item.count} appendices",
                             heading.number, heading.shown))
    for p in doc.paragraphs:
        found += [Finding("appendices", "warning", _beyond(n, count), p.number, p.shown)
                  for n in referenced(p.text) if n > count or n < 1]
    for t, table in enumerate(doc.tables, 1):
        text = " ".join("".join(x.text or "" for x in table.iter()).split())
        found += [Finding("appendices", "warning", _beyond(n, count), where=f"table {t}")
                  for n in referenced(text) if n > count or n < 1]
    if item.exempt is not None and heading is not None:
        for n in sorted(set(exempt) ^ set(listed_exempt)):
            state = "exempt" if n in exempt else "not exempt"
            says = "does not say" if n in exempt else "says"
            found.append(Finding("exempt appendices", "warning", f"Appendix {n} is {state} on "
                                 f"the agenda but the Appendices list {says} ‘Exempt’",
                                 heading.number, heading.shown))
    found += _confidentiality(sections, fmt, exempt)
    return found


def _confidentiality(sections: Sections, fmt: ReportFormat, exempt: tuple[int, ...]
                     ) -> list[Finding]:
    heading = sections.heading(fmt.confidentiality)
    statement = sections.between(fmt.confidentiality)
    if heading is None or statement is None:
        return []
    named = {n for p in statement for n in referenced(p.text)}
    found = [Finding("exempt appendices", "warning", f"Appendix {n} is exempt but the statement "
                     "of confidentiality does not name it", heading.number, heading.shown)
             for n in sorted(set(exempt) - named)]
    found += [Finding("exempt appendices", "warning", f"the statement of confidentiality names "
                      f"Appendix {n}, which is not exempt", heading.number, heading.shown)
              for n in sorted(named - set(exempt))]
    return found


def _beyond(n: int, count: int) -> str:
    has = f"{count} appendix" if count == 1 else f"{count} appendices"
    return f"refers to Appendix {n}, but the item has {has}"


def _unlabelled(text: str) -> str:
    """A list entry without its typed number: '2.\tExempt – ...' -> 'Exempt – ...'."""
    return re.sub(r"^\s*\d+\.?\s*", "", text)
