"""The public and exempt agenda packs from converted PDFs (format-spec B.2, B.3, A.3).

Public pack: the front sheet and agenda (unnumbered), then every paper in agenda order, each
starting on an odd page (a blank page, "This page is intentionally left blank", pads the
paper before it), every page from the first paper on stamped 'Page N', the first page of each
paper also 'Agenda Item N'. An exempt appendix is replaced by one notice page saying it is not
for publication and why. Exempt pack: only the exempt appendices, every page marked "NOT FOR
PUBLICATION". The stamps are worded as the council's ``labels`` say. Both packs are tagged
PDFs with bookmarks, a title and the language set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from builder.assemble.merge import Outline, Preparer, TaggedMerger, prepare
from builder.assemble.pagination import Span, paginate
from builder.assemble.stamp import Stamp, stamp_pages
from builder.config.council import Bookmarks, PackLabels
from builder.config.wording import fill
from builder.errors import AssemblyError, Problem, raise_if_any


@dataclass(frozen=True)
class PackPart:
    """One PDF of a paper: the report itself, or one of its appendices."""

    title: str
    """Its bookmark, e.g. 'Report' or 'Appendix 2: SEND Capital Programme Briefing Paper'."""
    pdf: Path
    exempt: bool = False
    notice: Path | None = None
    """For an exempt part: the one-page PDF standing in for it in the public pack."""
    source: Path | None = None
    """The .docx/.pptx converted to ``pdf``, whose alt texts mend the PDF's figures."""
    appendix: int = 0
    """The appendix's number (0 for the report or minutes), for the exempt pack's stamp."""

    def shown(self) -> tuple[Path, Path | None]:
        """PDF and source document of what the public pack shows for this part."""
        if not self.exempt:
            return self.pdf, self.source
        if self.notice is None:
            raise AssemblyError(f"{self.title}: exempt, but no notice page stands in for it")
        return self.notice, None

    def public(self, bookmarks: Bookmarks) -> tuple[str, Path, Path | None]:
        """Bookmark, PDF and source document of what the public pack shows for this part."""
        label = fill(bookmarks.withheld, {"bookmark": self.title}) if self.exempt else self.title
        return (label, *self.shown())


@dataclass(frozen=True)
class PackPaper:
    """The papers of one agenda item, in order (the report first, then its appendices)."""

    number: int
    """The agenda item number."""
    title: str
    """The agenda title, e.g. 'BUILDING FOR BRILLIANCE'."""
    parts: tuple[PackPart, ...]

    def bookmark(self, bookmarks: Bookmarks) -> str:
        return fill(bookmarks.item, {"number": str(self.number), "title": self.title})


@dataclass(frozen=True)
class FrontMatter:
    """The unnumbered pages at the start of the public pack."""

    front_sheet: Path | None
    """None for a supplementary pack, which opens with its agenda."""
    agenda: Path
    supplementary: bool = False
    """The agenda is a supplement's (bookmarked as the supplementary agenda)."""


def page_count(pdf: Path) -> int:
    """Pages of a PDF, or an AssemblyError naming it."""
    try:
        with pikepdf.open(pdf) as opened:
            return len(opened.pages)
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise AssemblyError(f"{pdf}: cannot read this PDF: {exc}") from None


def public_spans(papers: Sequence[PackPaper]) -> dict[int, Span]:
    """Where each paper will sit in the public pack: agenda number -> span."""
    counts = [sum(page_count(part.shown()[0]) for part in paper.parts) for paper in papers]
    spans = paginate(counts)
    return {paper.number: span for paper, span in zip(papers, spans, strict=True)}


def write_public_pack(front: FrontMatter, papers: Sequence[PackPaper], blank: Path,
                      spans: dict[int, Span], out: Path, title: str, labels: PackLabels,
                      prepared: Preparer = prepare) -> None:
    """Write the public pack; ``spans`` (from :func:`public_spans`) must match the papers, as
    the agenda printed from them has to match the stamps (worded as ``labels.stamps``). Each
    PDF is made ready to merge by ``prepared`` (:func:`builder.assemble.merge.prepare`)."""
    words, marks = labels.stamps, labels.bookmarks
    merger = TaggedMerger(prepared)
    outline = [] if front.front_sheet is None else [
        Outline(marks.front_sheet, merger.add(front.front_sheet, marks.front_sheet))]
    agenda = marks.supplementary_agenda if front.supplementary else marks.agenda
    outline.append(Outline(agenda, merger.add(front.agenda, agenda)))
    unnumbered = merger.page_count
    stamps = [Stamp()] * unnumbered
    problems = []
    for paper in papers:
        span = spans[paper.number]
        children = []
        start = merger.page_count
        for part in paper.parts:
            label, pdf, source = part.public(marks)
            children.append(Outline(label, merger.add(pdf, fill(marks.item, {
                "number": str(paper.number), "title": label}), source)))
        for _ in range(span.blank):
            merger.add(blank, marks.blank)
        made = merger.page_count - start
        if unnumbered + span.first - 1 != start or made != span.last - span.first + 1:
            problems.append(Problem(paper.bookmark(marks), "", f"has {made} pages from pack page "
                                    f"{start - unnumbered + 1}, but the agenda says "
                                    f"{span.first} - {span.last}"))
        stamps.extend(Stamp(foot=fill(words.page, {"page": str(n)}),
                            head=fill(words.agenda_item, {"number": str(paper.number)})
                            if n == span.first else "") for n in range(span.first, span.last + 1))
        outline.append(Outline(paper.bookmark(marks), start, tuple(children)))
    raise_if_any(problems, AssemblyError, "the papers changed after the agenda was paginated")
    stamp_pages(merger.pdf, stamps)
    merger.write(out, title, labels=(unnumbered, 1), outline=tuple(outline))


def exempt_parts(papers: Sequence[PackPaper]) -> list[tuple[PackPaper, PackPart]]:
    return [(paper, part) for paper in papers for part in paper.parts if part.exempt]


def write_exempt_pack(papers: Sequence[PackPaper], out: Path, title: str, labels: PackLabels,
                      prepared: Preparer = prepare) -> bool:
    """Write the exempt pack (only the exempt appendices, every page marked as ``labels``
    word it); False, writing nothing, when no paper has an exempt part."""
    parts = exempt_parts(papers)
    if not parts:
        return False
    merger = TaggedMerger(prepared)
    outline = []
    stamps: list[Stamp] = []
    for paper, part in parts:
        name = fill(labels.bookmarks.exempt, {"number": str(paper.number),
                                              "bookmark": part.title})
        start = merger.add(part.pdf, name, part.source)
        outline.append(Outline(name, start))
        count = merger.page_count - start
        stamps.extend(Stamp(banner=labels.not_for_publication,
                            foot=fill(labels.stamps.exempt, {
                                "number": str(paper.number), "page": str(k), "pages": str(count),
                                "appendix": fill(labels.appendix, {"number": str(part.appendix)})}))
                      for k in range(1, count + 1))
    stamp_pages(merger.pdf, stamps)
    merger.write(out, title, outline=tuple(outline))
    return True
