"""``builder supplement``: papers that arrive after the agenda was issued, published as a
supplementary pack (``supplement-N-public.pdf`` and, for exempt appendices, ``-exempt.pdf``).

The supplement opens with the supplementary agenda (the items, their pages in the supplement and
the reason each is late), then the items' papers exactly as in the main pack (odd-page starts,
notices for exempt appendices, bookmarks), stamped in the supplement's own page sequence. The
main pack is not touched. ``supplements-manifest.json`` records which papers went out in which
supplement, and when.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.assemble.convert import DEFAULT_TIMEOUT, LibreOffice
from builder.assemble.manifest import file_entry
from builder.assemble.pack import FrontMatter, public_spans, write_exempt_pack, write_public_pack
from builder.assemble.pagination import Span
from builder.config.wording import fill
from builder.outputs import staging_dir
from builder.pipeline.checked import check_meeting
from builder.pipeline.meeting import render_and_convert
from builder.pipeline.packs import agenda_papers
from builder.pipeline.progress import Quiet, Reporter, Timer
from builder.present import formatting as fmt
from builder.present.pack_context import pack_titles
from builder.present.supplement_context import late_items, supplement_context
from builder.render.pack_docx import PackDocument, render_pack_document

MANIFEST = "supplements-manifest.json"


@dataclass(frozen=True)
class SupplementResult:
    number: int
    public: Path
    exempt: Path | None
    spans: dict[int, Span]
    """Agenda number -> its pages in the supplement."""


def build_supplement(meeting_yaml: Path, items: Sequence[int], out_dir: Path, issued: dt.date,
                     reporter: Reporter | None = None, timeout: float = DEFAULT_TIMEOUT,
                     allow_outside: Sequence[Path] = ()) -> SupplementResult:
    """Supplement for agenda items ``items`` into ``out_dir`` (see the module doc); the same
    items again replace their supplement, other items make the next one."""
    timer = Timer(reporter or Quiet())
    with timer("check and compute"):
        checked = check_meeting(meeting_yaml, allow_outside=allow_outside)
        loaded = checked.inputs.loaded
        chosen = late_items(loaded, items, issued)
    records = _records(out_dir)
    number = next((r["number"] for r in records if r["items"] == chosen),
                  max((r["number"] for r in records), default=0) + 1)
    council = checked.inputs.council
    titles = pack_titles(loaded, council)
    title = fill(council.labels.titles.supplement, {"pack": titles.public,
                                                    "number": str(number)})
    with staging_dir(out_dir) as stage, tempfile.TemporaryDirectory(
            prefix="builder-work-") as scratch, LibreOffice(timeout) as office:
        work = Path(scratch)
        papers = render_and_convert(checked, office, work, timer)
        selected = [p for p in agenda_papers(checked.inputs, papers) if p.number in chosen]
        spans = public_spans(selected)
        with timer("agenda"):
            ranges = {n: (s.first, s.last) for n, s in spans.items()}
            context = supplement_context(loaded, council, chosen, ranges,
                                         fmt.weekday_date(issued))
            agenda = render_pack_document(
                PackDocument("supplement", context, fill(
                    council.labels.titles.supplementary_agenda, {"pack": title})),
                dt.datetime.combine(issued, dt.time(9, 0)), work / "pack" / "supplement.docx",
                checked.inputs.templates)
        with timer("conversion"):
            agenda_pdf = office.convert([agenda], work / "pdf-supplement")[agenda]
        with timer("assembly"):
            public = stage / f"supplement-{number}-public.pdf"
            write_public_pack(FrontMatter(None, agenda_pdf, supplementary=True), selected,
                              papers.pdf[papers.own.blank], spans, public, title,
                              council.labels)
            exempt = stage / f"supplement-{number}-exempt.pdf"
            wrote_exempt = write_exempt_pack(selected, exempt, fill(
                council.labels.titles.supplement, {"pack": titles.exempt, "number": str(number)}),
                council.labels)
        record = {
            "number": number, "issued": issued.isoformat(), "items": chosen,
            "papers": [{"item": p.number, "title": p.title,
                        "pages": [spans[p.number].first, spans[p.number].last],
                        "parts": [part.title for part in p.parts]} for p in selected],
            "outputs": [file_entry(f, f.name) for f in (public, *((exempt,) if wrote_exempt
                                                                  else ()))]}
        kept = [r for r in records if r["number"] != number]
        (stage / MANIFEST).write_text(json.dumps(
            {"supplements": sorted([*kept, record], key=lambda r: int(r["number"]))},
            indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    final_exempt = out_dir / exempt.name
    if not wrote_exempt:
        final_exempt.unlink(missing_ok=True)
    return SupplementResult(number, out_dir / public.name,
                            final_exempt if wrote_exempt else None, spans)


def _records(out_dir: Path) -> list[dict[str, Any]]:
    """The supplements already recorded in ``out_dir``."""
    path = out_dir / MANIFEST
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return []
    records = data.get("supplements") if isinstance(data, dict) else None
    return [r for r in records or () if isinstance(r, dict) and isinstance(r.get("number"), int)]
