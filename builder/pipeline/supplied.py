"""Supplied papers (``kind: paper``): an officer's report and its appendices, checked before
anything is built, cleaned, and handed to the pack as the same parts as a rendered report.

A Word paper is checked against the report format (``check-report``) and its Word appendices for
what must not be published; any blocking finding stops the run. What goes into the pack is a
cleaned copy (comments, hidden text and personal metadata removed); a PDF goes in as it is.
"""

from __future__ import annotations

from pathlib import Path

from builder.config.meeting import AgendaItem, LoadedMeeting
from builder.config.paper import Paper
from builder.config.report_format import ReportFormat, load_report_format, variant_format
from builder.data.safezip import check_office_input
from builder.errors import ConfigError, PaperCheckError, Problem, raise_if_any
from builder.inspection.document_fonts import font_findings
from builder.inspection.report_check import ItemAppendices, check_report
from builder.inspection.report_document import Finding, ReportDocument
from builder.inspection.report_hygiene import hygiene_findings
from builder.parts import AppendixPart, ReportParts
from builder.pipeline.agenda import ReportItem, agenda_entries
from builder.pipeline.cache import Cache, office_build
from builder.pipeline.checks_memo import check_key, recalled, remember
from builder.render.report_clean import clean_report


class SuppliedItem(ReportItem):
    """A supplied paper on the agenda (``kind: paper``)."""

    @property
    def paper(self) -> Paper:
        assert self.item.paper is not None  # supplied_items picks only items with a paper
        return self.item.paper


def supplied_items(loaded: LoadedMeeting) -> tuple[SuppliedItem, ...]:
    return agenda_entries(loaded, lambda item: item.paper is not None, SuppliedItem)


def supplied_files(loaded: LoadedMeeting, item: AgendaItem) -> list[Path]:
    """The files a paper item reads: the paper, its appendices, its report format."""
    if item.paper is None:
        return []
    paper = item.paper
    return [loaded.resolve(p) for p in (paper.file, *(a.path or "" for a in paper.appendices),
                                        *((paper.headings,) if paper.headings else ()))]


def report_format(loaded: LoadedMeeting, paper: Paper) -> ReportFormat:
    if paper.headings:
        return load_report_format(loaded.resolve(paper.headings))
    return variant_format(loaded.meeting.variant)


def check_supplied(loaded: LoadedMeeting, cache: Cache | None = None) -> tuple[str, ...]:
    """Check every supplied paper (see the module doc): a ConfigError listing missing files, a
    PaperCheckError listing every blocking finding of every paper; else the warnings. With
    ``cache``, the warnings of papers that passed before, byte for byte and configured the
    same, are taken from it instead (:mod:`builder.pipeline.checks_memo`)."""
    items = supplied_items(loaded)
    key = check_key(cache, "supplied papers",
                    [path for s in items for path in supplied_files(loaded, s.item)],
                    (items, loaded.meeting.variant, office_build()))  # the fonts: font warnings
    if (passed := recalled(cache, key)) is not None:
        return passed
    warnings = _checked(loaded, items)
    remember(cache, key, warnings)
    return warnings


def _checked(loaded: LoadedMeeting, items: tuple[SuppliedItem, ...]) -> tuple[str, ...]:
    file = str(loaded.path)
    missing = [Problem(file, f"items[{s.index}].paper", f"file not found: {path}",
                       "an existing .docx or .pdf")
               for s in items for path in supplied_files(loaded, s.item) if not path.is_file()]
    raise_if_any(missing + _unsound(loaded, items), ConfigError,
                 f"{file}: supplied papers are missing or cannot be read")
    findings: list[tuple[Path, Finding]] = []
    for s in items:
        fmt = report_format(loaded, s.paper)
        paper = loaded.resolve(s.paper.file)
        if paper.suffix.lower() == ".docx":
            item = ItemAppendices(len(s.paper.appendices), s.paper.exempt_appendices)
            findings += [(paper, f) for f in check_report(paper, fmt, item)]
        for appendix in s.paper.appendices:
            path = loaded.resolve(appendix.path or "")
            if path.suffix.lower() == ".docx":
                findings += [(path, f) for f in appendix_findings(path, fmt)]
    raise_if_any([Problem(str(path), f.place, f"[{f.check}] {f.what}")
                  for path, f in findings if f.severity == "error"], PaperCheckError,
                 "supplied papers cannot be published",
                 "Run builder check-report on each paper, ask its author to put it right "
                 "(or use --fix), and build again.")
    return tuple(f"{path.name}: {f}" for path, f in findings)


def _unsound(loaded: LoadedMeeting, items: tuple[SuppliedItem, ...]) -> list[Problem]:
    """Every Word paper or appendix that is not a sound package (a DOCTYPE, malformed XML,
    zip limits: :func:`check_office_input`), named by its key; missing files are left out."""
    problems = []
    for s in items:
        at = f"items[{s.index}].paper"
        keys = [(f"{at}.file", s.paper.file), *((f"{at}.appendices[{n}].file", a.path or "")
                                               for n, a in enumerate(s.paper.appendices))]
        for key, name in keys:
            path = loaded.resolve(name)
            if path.suffix.lower() == ".docx" and path.is_file() and (
                    problem := check_office_input(path)):
                problems.append(Problem(str(loaded.path), key, f"{path.name}: {problem}",
                                        "a Word .docx"))
    return problems


def appendix_findings(path: Path, fmt: ReportFormat) -> list[Finding]:
    """What must not be published in a Word appendix (the hygiene checks), the fonts this
    machine cannot lay it out in, or why it cannot be read."""
    try:
        doc = ReportDocument(path)
        return hygiene_findings(doc, fmt) + font_findings(doc)
    except (ValueError, KeyError, OSError) as exc:
        return [Finding("file", "error", f"cannot be read: {exc}", where=str(path))]


def supplied_papers(loaded: LoadedMeeting, work: Path) -> tuple[ReportParts, ...]:
    """Every supplied paper as the parts the pack is made of (Word files cleaned into
    ``work``; call :func:`check_supplied` first)."""
    work.mkdir(parents=True, exist_ok=True)
    out = []
    for s in supplied_items(loaded):
        fmt = report_format(loaded, s.paper)
        paper = _published(loaded.resolve(s.paper.file), work / s.stem, fmt)
        appendices = tuple(
            AppendixPart(n, a.title, a.kind,
                         _published(loaded.resolve(a.path or ""),
                                    work / f"{s.stem}-appendix-{n}", fmt),
                         a.exempt, a.exempt_category, a.exempt_reason)
            for n, a in enumerate(s.paper.appendices, 1))
        out.append(ReportParts(s.number, s.item.title, paper, paper, appendices))
    return tuple(out)


def _published(source: Path, stem: Path, fmt: ReportFormat) -> Path:
    """The copy of ``source`` that is published: a cleaned Word file, or the PDF itself."""
    if source.suffix.lower() != ".docx":
        return source
    return clean_report(source, stem.with_suffix(".docx"), fmt).path
