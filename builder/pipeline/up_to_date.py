"""Up to date: a ``builder build`` whose output folder already holds what it would write.

A build records in ``manifest.json`` its *build key* (:func:`build_key`): the hash of every
file it read (the manifest's ``inputs``, hashed as soon as the run has read them), the meeting
file it was given, the working folder (the manifest names the inputs relative to it), the
options that shape the outputs (``--strict``, ``--allow-outside``), LibreOffice's build and
builder's own code (:func:`builder.pipeline.cache.cache_key`). Before anything heavy is
imported (:mod:`builder.launch`), :func:`unchanged` hashes exactly the files that manifest
lists, and every output it lists: when the key comes out the same and every output is there
with the bytes the manifest recorded, a build would write the same files, and it stops there.

A changed input changes its own hash; a file the meeting newly names is caught because the
file naming it changed. Any doubt means a full build: no manifest or an unreadable one, another
key, an output edited or missing, an exempt pack the build would remove, ``--no-cache``.
This module imports nothing heavy: it runs before LibreOffice is started.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.assemble.manifest import EXEMPT_PACK, MANIFEST, file_entry, sha256, shown_path
from builder.pipeline.cache import cache_key, office_build

BUILD_KEY = "build_key"


@dataclass(frozen=True)
class BuildRequest:
    """What a ``builder build`` command line asks for, as far as it shapes the outputs."""

    meeting: Path
    out_dir: Path
    strict: bool = False
    allow_outside: tuple[Path, ...] = ()


def input_entries(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """The manifest's ``inputs``: each file once, named as :func:`shown_path` names it, with its
    size and sha256 now."""
    return [file_entry(p, shown_path(p)) for p in dict.fromkeys(paths)]


def build_key(request: BuildRequest, inputs: Sequence[Mapping[str, Any]]) -> str:
    """The key of a build of ``request`` that read ``inputs`` (entries as
    :func:`input_entries` makes them)."""
    return cache_key({
        "kind": "build",
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


def unchanged(request: BuildRequest) -> Unchanged | None:
    """The build in ``request.out_dir`` when a build of ``request`` would write the same files
    as are there (see the module doc); None when there is any doubt."""
    out_dir = request.out_dir
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        recorded = manifest[BUILD_KEY]
        inputs = [{"path": e["path"], "sha256": sha256(Path(e["path"]))}
                  for e in manifest["inputs"]]
        names = [e["path"] for e in manifest["outputs"]]
        intact = all(_plain(e["path"]) and sha256(out_dir / e["path"]) == e["sha256"]
                     for e in manifest["outputs"])
        stale_exempt = manifest["pack"]["exempt"] is None and (out_dir / EXEMPT_PACK).exists()
        done = Unchanged(
            str(manifest["built_at"]), tuple(sorted(out_dir / n for n in (*names, MANIFEST))),
            tuple(str(w) for w in manifest["warnings"]),
            tuple(str(r["text"]) for r in manifest["revisions"]),
            tuple(str(a) for a in manifest["acknowledged"]),
            tuple((str(n), int(first), int(last))
                  for n, (first, last) in manifest["pack"]["pages"].items()))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not intact or stale_exempt or recorded != build_key(request, inputs):
        return None
    return done


def _plain(name: object) -> bool:
    """A file name without folders (an output of the manifest's own folder)."""
    return isinstance(name, str) and name not in ("", ".", "..") and Path(name).name == name
