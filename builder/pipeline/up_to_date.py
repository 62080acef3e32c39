"""Up to date: a ``builder build`` (or ``builder pack``) whose output folder already holds
what it would write.

A build records in ``manifest.json`` its *build key* (:func:`build_key`): the hash of every
file it read (the manifest's ``inputs``, hashed as soon as the run has read them), the meeting
file it was given, the working folder (the manifest names the inputs relative to it), the
options that shape the outputs (``--strict``, ``--allow-outside``), LibreOffice's build and
builder's own code (:func:`builder.pipeline.cache.cache_key`). Before anything heavy is
imported (:mod:`builder.launch`), :func:`unchanged` hashes exactly the files that manifest
lists, and every output it lists: when the key comes out the same and every output is there
with the bytes the manifest recorded, a build would write the same files, and it stops there.

``builder pack`` writes only the packs, so it keeps the same record in its cache instead
(:func:`run_record`: ``runs/pack-<hash of the output folder>.json``), with one thing more: the
papers ``builder report`` and ``builder deck`` wrote into the output folder, which a pack uses
when every one is there and newer than every input (:func:`papers_fresh`). The record names
them and says whether they were used; when they would now be used and were not (or the other
way round) the pack is not up to date, and when they were used their bytes are inputs too.

A changed input changes its own hash; a file the meeting newly names is caught because the
file naming it changed. Any doubt means a full build: no record or an unreadable one, another
key, an output edited or missing, an exempt pack the build would remove, ``--no-cache``.
This module imports nothing heavy: it runs before LibreOffice is started.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.assemble.manifest import EXEMPT_PACK, MANIFEST, file_entry, sha256, shown_path
from builder.outputs import atomic_file
from builder.pipeline.cache import cache_key, office_build

BUILD_KEY = "build_key"
RENDERED = "rendered"
"""A pack record's papers rendered earlier: ``{"papers": [...], "used": bool}``."""
RUNS = "runs"


@dataclass(frozen=True)
class BuildRequest:
    """What a ``builder build`` command line asks for, as far as it shapes the outputs."""

    meeting: Path
    out_dir: Path
    strict: bool = False
    allow_outside: tuple[Path, ...] = ()
    command: str = "build"
    """``build``, or ``pack`` (the packs only)."""


def input_entries(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """The manifest's ``inputs``: each file once, named as :func:`shown_path` names it, with its
    size and sha256 now."""
    return [file_entry(p, shown_path(p)) for p in dict.fromkeys(paths)]


def build_key(request: BuildRequest, inputs: Sequence[Mapping[str, Any]]) -> str:
    """The key of a build of ``request`` that read ``inputs`` (entries as
    :func:`input_entries` makes them)."""
    return cache_key({
        "kind": request.command,
        "meeting": str(request.meeting.resolve()),
        "cwd": str(Path.cwd().resolve()),
        "inputs": [[str(e["path"]), str(e["sha256"])] for e in inputs],
        "strict": request.strict,
        "allow_outside": sorted(str(p.resolve()) for p in request.allow_outside),
        "libreoffice": office_build(),
    })


@dataclass(frozen=True)
class Unchanged:
    """An output folder that is up to date, as its manifest describes the build that made it
    (what ``builder build`` prints at its end)."""

    built_at: str
    files: tuple[Path, ...]
    """Every output, the manifest included."""
    warnings: tuple[str, ...]
    revisions: tuple[str, ...]
    acknowledged: tuple[str, ...]
    pages: tuple[tuple[str, int, int], ...]
    """(agenda number, first page, last page) of each paper in the public pack."""


def run_record(request: BuildRequest, cache: Path | None) -> Path | None:
    """Where the run ``request`` asks for records what it read and wrote: a build in its
    ``manifest.json``, a pack in ``cache`` (None: not at all)."""
    if request.command == "build":
        return request.out_dir / MANIFEST
    if cache is None:
        return None
    folder = str(request.out_dir.absolute()).encode("utf-8")
    return cache / RUNS / f"pack-{hashlib.sha256(folder).hexdigest()[:32]}.json"


@dataclass(frozen=True)
class PackRun:
    """What a ``builder pack`` run did, for its record."""

    built_at: str
    papers: tuple[Path, ...]
    """The papers rendered earlier it would use (see :func:`papers_fresh`)."""
    used: bool
    """Whether it used them."""
    public: Path
    exempt: Path | None
    pages: Mapping[str, tuple[int, int]]
    """Agenda number -> (first page, last page) in the public pack."""


def write_pack_record(record: Path, request: BuildRequest, inputs: Sequence[Mapping[str, Any]],
                      run: PackRun) -> None:
    """Write the record (:func:`run_record`) of a ``builder pack`` run of ``request`` that read
    ``inputs`` (entries as :func:`input_entries` makes them): what :func:`unchanged` reads."""
    outputs = [run.public, *((run.exempt,) if run.exempt is not None else ())]
    text = json.dumps({
        "built_at": run.built_at, BUILD_KEY: build_key(request, inputs), "inputs": list(inputs),
        RENDERED: {"papers": [shown_path(p) for p in run.papers], "used": run.used},
        "outputs": [file_entry(p, p.name) for p in outputs],
        "pack": {"public": run.public.name, "exempt": run.exempt.name if run.exempt else None,
                 "pages": {n: list(span) for n, span in run.pages.items()}},
        "warnings": [], "revisions": [], "acknowledged": [],
    }, indent=2, ensure_ascii=False)
    with atomic_file(record) as tmp:
        tmp.write_text(text + "\n", encoding="utf-8")


def papers_fresh(papers: Sequence[Path], inputs: Sequence[Path]) -> bool:
    """Whether there are papers rendered earlier, all there and newer than every input file
    (the rule by which ``builder pack`` uses them)."""
    read = [p.stat().st_mtime for p in inputs if p.is_file()]
    oldest_allowed = max(read, default=0.0)
    return bool(papers) and all(p.is_file() and p.stat().st_mtime > oldest_allowed
                                for p in papers)


def unchanged(request: BuildRequest, record: Path | None = None) -> Unchanged | None:
    """The run in ``request.out_dir`` when a run of ``request`` would write the same files as
    are there, as ``record`` (default: the folder's manifest) describes it (see the module
    doc); None when there is any doubt."""
    out_dir = request.out_dir
    record = record if record is not None else out_dir / MANIFEST
    try:
        manifest = json.loads(record.read_text(encoding="utf-8"))
        recorded = manifest[BUILD_KEY]
        inputs = [{"path": e["path"], "sha256": sha256(Path(e["path"]))}
                  for e in manifest["inputs"]]
        names = [e["path"] for e in manifest["outputs"]]
        intact = all(_plain(e["path"]) and sha256(out_dir / e["path"]) == e["sha256"]
                     for e in manifest["outputs"])
        stale_exempt = manifest["pack"]["exempt"] is None and (out_dir / EXEMPT_PACK).exists()
        same_papers = _same_papers(manifest.get(RENDERED), [Path(e["path"]) for e in inputs])
        kept = (*names, MANIFEST) if record == out_dir / MANIFEST else names
        done = Unchanged(
            str(manifest["built_at"]), tuple(sorted(out_dir / n for n in kept)),
            tuple(str(w) for w in manifest["warnings"]),
            tuple(str(r["text"]) for r in manifest["revisions"]),
            tuple(str(a) for a in manifest["acknowledged"]),
            tuple((str(n), int(first), int(last))
                  for n, (first, last) in manifest["pack"]["pages"].items()))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not intact or stale_exempt or not same_papers or recorded != build_key(request, inputs):
        return None
    return done


def _same_papers(rendered: Any, inputs: list[Path]) -> bool:
    """Whether a pack would use the papers rendered earlier now as the recorded one did (a
    build's manifest has no such record: true)."""
    if rendered is None:
        return True
    papers = [Path(p) for p in rendered["papers"]]
    named = set(papers)
    return papers_fresh(papers, [p for p in inputs if p not in named]) == bool(rendered["used"])


def _plain(name: object) -> bool:
    """A file name without folders (an output of the manifest's own folder)."""
    return isinstance(name, str) and name not in ("", ".", "..") and Path(name).name == name
