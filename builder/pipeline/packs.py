"""The pack stage of a meeting: the pack's own documents, the agenda with the page ranges, and
the public and exempt packs assembled from every paper's PDF."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from builder.assemble.manifest import EXEMPT_PACK, PUBLIC_PACK, sha256
from builder.assemble.merge import Prepared, prepare
from builder.assemble.pack import (
    FrontMatter,
    PackPaper,
    PackPart,
    exempt_parts,
    page_count,
    public_spans,
    write_exempt_pack,
    write_public_pack,
)
from builder.assemble.pagination import Span
from builder.config.council import PackLabels
from builder.config.meeting import numbered_items
from builder.errors import AssemblyError
from builder.inspection.pdf_structure import TreeFacts
from builder.parts import ReportParts
from builder.pipeline.cache import Cache, cache_key, cached
from builder.pipeline.cached_pdfs import Converter
from builder.pipeline.inputs import MeetingInputs
from builder.pipeline.progress import Timer
from builder.present import pack_context as pc
from builder.render.pack_docx import PackDocument, render_pack_document


@dataclass(frozen=True)
class PackResult:
    """What the pack stage wrote."""

    public: Path
    exempt: Path | None
    """None when no appendix is exempt."""
    spans: dict[int, Span]
    """Agenda number -> pages of its papers in the public pack."""
    reused: bool = False
    """The papers were rendered earlier (``builder report``/``deck``), not by this run."""

    def moved(self, stage: Path, out_dir: Path) -> PackResult:
        """The result with its paths in ``out_dir``, where the staged files now are."""
        def moved(path: Path) -> Path:
            return out_dir / path.relative_to(stage)
        return PackResult(moved(self.public), moved(self.exempt) if self.exempt else None,
                          self.spans, self.reused)


@dataclass(frozen=True)
class PackDocuments:
    """The pack's own documents, rendered: front sheet, blank page, minutes, notices."""

    front_sheet: Path
    blank: Path
    minutes: dict[int, Path]
    """Agenda number -> minutes document."""
    notices: dict[tuple[int, int], Path]
    """(agenda number, appendix number) -> the page standing in for an exempt appendix."""

    def all(self) -> list[Path]:
        return [self.front_sheet, self.blank, *self.minutes.values(), *self.notices.values()]


@dataclass(frozen=True)
class Papers:
    """Everything rendered for the pack, and every PDF made of it."""

    reports: tuple[ReportParts, ...]
    deck: Path | None
    own: PackDocuments
    pdf: dict[Path, Path]
    """Source document -> its PDF."""
    supplied: tuple[ReportParts, ...] = ()
    """The supplied papers (``kind: paper``), cleaned."""


def created(inputs: MeetingInputs) -> dt.datetime:
    """The documents' creation time: fixed from the meeting, so same inputs, same documents."""
    return dt.datetime.combine(inputs.loaded.meeting.issue_date, dt.time(9, 0))


def pack_document(inputs: MeetingInputs, document: PackDocument, out: Path,
                  cache: Cache | None) -> Path:
    """``document`` rendered into ``out``; with ``cache``, taken from it when its context,
    title, date and template are the ones it was rendered from."""
    when = created(inputs)
    key = cache_key({"kind": "pack document", "document": repr(document),
                     "created": when.isoformat(),
                     "template": sha256(getattr(inputs.templates, document.kind))})
    cached(cache, key, out, partial(render_pack_document, document, when,
                                    templates=inputs.templates))
    return out


def render_pack_documents(inputs: MeetingInputs, docs: Path, cache: Cache | None = None
                          ) -> PackDocuments:
    """The front sheet, the blank page, the minutes and a notice per exempt appendix (from
    ``cache`` when rendered before from the same context and template)."""
    loaded = inputs.loaded
    titles = pc.pack_titles(loaded, inputs.council)
    docs.mkdir(parents=True)

    def render(document: PackDocument, name: str) -> Path:
        return pack_document(inputs, document, docs / name, cache)

    front = render(PackDocument("front_sheet", pc.front_sheet_context(inputs.council, loaded),
                                titles.front_sheet), "front-sheet.docx")
    blank = render(PackDocument("pack_page", pc.blank_page(inputs.council), titles.blank),
                   "blank.docx")
    minutes = {number: render(PackDocument("minutes", pc.minutes_context(inputs.council, m),
                                           pc.minutes_title(m, inputs.council)),
                              f"minutes-{number}.docx")
               for number, (_path, m) in inputs.minutes.items()}
    notices = {key: render(PackDocument("pack_page", pc.notice_page(page), page.title),
                           f"notice-{key[0]}-{key[1]}.docx")
               for key, page in pc.notices(loaded, inputs.council).items()}
    return PackDocuments(front, blank, minutes, notices)


def assemble_packs(inputs: MeetingInputs, papers: Papers, office: Converter, work: Path,
                   out_dir: Path, timer: Timer, cache: Cache | None = None,
                   ready: ReadyPdfs | None = None) -> PackResult:
    """Paginate, render and convert the agenda with the page ranges, write both packs; the
    PDFs are made ready to merge by ``ready`` (which may hold some made ready already)."""
    loaded = inputs.loaded
    pdf = papers.pdf
    blank = pdf[papers.own.blank]
    if page_count(blank) != 1:
        raise AssemblyError(f"the blank page rendered as {page_count(blank)} pages",
                            hint=f"Check {inputs.templates.pack_page}: it must fit one page.")
    pack_papers = agenda_papers(inputs, papers)
    spans = public_spans(pack_papers)
    titles = pc.pack_titles(loaded, inputs.council)
    with timer("agenda"):
        ranges = {number: (span.first, span.last) for number, span in spans.items()}
        agenda = pack_document(
            inputs, PackDocument("agenda", pc.agenda_context(inputs.council, loaded, ranges),
                                 titles.agenda), work / "pack" / "agenda.docx", cache)
    with timer("conversion"):
        agenda_pdf = office.convert([agenda], work / "pdf-agenda")[agenda]
    with timer("assembly"):
        public, exempt = out_dir / PUBLIC_PACK, out_dir / EXEMPT_PACK
        front = FrontMatter(pdf[papers.own.front_sheet], agenda_pdf)
        labels = inputs.council.labels
        prepared = ready or ReadyPdfs(cache, work / "prepared")
        cached(cache, pack_key("public", pack_papers, titles.public, labels, front, blank, spans),
               public, partial(write_public_pack, front, pack_papers, blank, spans,
                               title=titles.public, labels=labels, prepared=prepared))
        wrote_exempt = bool(exempt_parts(pack_papers))
        if wrote_exempt:
            cached(cache, pack_key("exempt", pack_papers, titles.exempt, labels), exempt,
                   partial(write_exempt_pack, pack_papers, title=titles.exempt, labels=labels,
                           prepared=prepared))
    return PackResult(public, exempt if wrote_exempt else None, spans)


class ReadyPdfs:
    """:func:`builder.assemble.merge.prepare`, each PDF once: one made ready in this run (while
    LibreOffice still converted others, or added again, as the blank page) is kept, and with a
    ``cache``, one made ready before (the same bytes, the same source document) is taken from
    it (into ``work``)."""

    def __init__(self, cache: Cache | None, work: Path) -> None:
        self.cache, self.work = cache, work
        self.ready: dict[str, Prepared] = {}

    def __call__(self, pdf: Path | bytes, source: Path | None) -> Prepared:
        if isinstance(pdf, bytes):
            return prepare(pdf, source)
        key = cache_key({"kind": "prepared pdf", "pdf": sha256(pdf),
                         "source": sha256(source) if source is not None else None})
        if key not in self.ready:
            self.ready[key] = self._prepared(key, pdf, source)
        return self.ready[key]

    def _prepared(self, key: str, pdf: Path, source: Path | None) -> Prepared:
        if self.cache is None:
            return prepare(pdf, source)
        made = self.work / key / f"{pdf.stem}.prepared.pdf"
        facts = made.with_name(f"{pdf.stem}.facts.json")
        facts_key = cache_key({"kind": "prepared pdf facts", "of": key})
        if self.cache.fetch(key, made) and self.cache.fetch(facts_key, facts):
            kept = json.loads(facts.read_text(encoding="utf-8"))
            tree = kept["tree"]
            return Prepared(made.read_bytes(), tuple(int(n) for n in kept["untagged"]),
                            None if tree is None else
                            TreeFacts(int(tree["problems"]), tuple(int(n) for n in tree["levels"])))
        ready = prepare(pdf, source)
        made.parent.mkdir(parents=True, exist_ok=True)
        made.write_bytes(ready.pdf)
        tree = None if ready.facts is None else \
            {"problems": ready.facts.problems, "levels": list(ready.facts.levels)}
        facts.write_text(json.dumps({"untagged": list(ready.untagged), "tree": tree}),
                         encoding="utf-8")
        self.cache.store(key, made)
        self.cache.store(facts_key, facts)
        return ready


def pack_key(kind: str, papers: Sequence[PackPaper], title: str, labels: PackLabels,
             front: FrontMatter | None = None, blank: Path | None = None,
             spans: Mapping[int, Span] | None = None) -> str:
    """The cache key of a pack: the bytes of every PDF in it and of every document whose alt
    texts mend its figures, the bookmarks, the page ranges, the title and the labels its stamps
    and bookmarks are worded with (the exempt pack: of the exempt parts only)."""
    def digest(path: Path | None) -> str | None:
        return sha256(path) if path is not None else None

    def part(p: PackPart) -> list[object]:
        return [p.title, digest(p.pdf), p.exempt, digest(p.notice), digest(p.source),
                p.appendix]

    shown = [[p.number, p.title, [part(a) for a in p.parts]] for p in papers] \
        if kind == "public" else [[p.number, part(a)] for p, a in exempt_parts(papers)]
    return cache_key({
        "kind": f"{kind} pack", "title": title, "blank": digest(blank), "spans": repr(spans),
        "labels": labels.model_dump(mode="json"),
        "front": None if front is None else [digest(front.front_sheet), digest(front.agenda),
                                             front.supplementary],
        "papers": shown})


def drop_stale_exempt_pack(pack: PackResult, out_dir: Path) -> None:
    """A meeting without exempt appendices has no exempt pack: remove an earlier run's."""
    if pack.exempt is None:
        (out_dir / EXEMPT_PACK).unlink(missing_ok=True)


def _appendix_source(source: Path | None, kind: str, deck: Path | None) -> Path:
    if source is not None:
        return source
    if kind == "deck" and deck is not None:
        return deck
    raise AssemblyError(f"a '{kind}' appendix has no file to put in the pack",
                        hint="A deck appendix needs the meeting's 'deck' configuration.")


def agenda_papers(inputs: MeetingInputs, papers: Papers) -> list[PackPaper]:
    """Every paper of the agenda in order, as PDFs."""
    by_number = {r.agenda_number: r for r in (*papers.reports, *papers.supplied)}
    pdf, own = papers.pdf, papers.own
    bookmarks = inputs.council.labels.bookmarks
    out = []
    for numbered in numbered_items(inputs.loaded.meeting):
        number = numbered.number
        if number in own.minutes and numbered.item is not None:
            part = PackPart(bookmarks.minutes, pdf[own.minutes[number]])
            out.append(PackPaper(number, numbered.item.title, (part,)))
        elif number in by_number:
            report = by_number[number]
            parts = [PackPart(bookmarks.report, pdf[report.body], source=report.body)]
            for a in report.appendices:
                source = _appendix_source(a.source, a.kind, papers.deck)
                notice = pdf[own.notices[(number, a.number)]] if a.exempt else None
                parts.append(PackPart(pc.appendix_bookmark(a.number, a.title, inputs.council),
                                      pdf[source], a.exempt, notice, source, a.number))
            out.append(PackPaper(number, report.title, tuple(parts)))
    return out
