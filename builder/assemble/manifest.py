"""``manifest.json``: what a build read and wrote, with SHA-256 sums, for audit (DESIGN 1)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from builder import __version__

CHUNK = 1 << 20
MANIFEST = "manifest.json"
WARNINGS_FILE = "build-warnings.txt"
PUBLIC_PACK = "agenda-pack-public.pdf"
EXEMPT_PACK = "agenda-pack-exempt.pdf"
"""The files of a build the manifest speaks of (beside the papers)."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def shown_path(path: Path) -> str:
    """Relative to the working folder when inside it (the sample's manifest reads
    'config/indicators.yaml'), absolute otherwise."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def file_entry(path: Path, name: str) -> dict[str, Any]:
    return {"path": name, "bytes": path.stat().st_size, "sha256": sha256(path)}


def write_manifest(out: Path, inputs: Sequence[Mapping[str, Any]], facts: Mapping[str, Any],
                   warnings: Sequence[str], seconds: Mapping[str, float]) -> None:
    """Write ``out``: the inputs (entries as :func:`file_entry` makes them, hashed when they
    were read), every other file in its folder (the outputs), the facts of the run (meeting,
    period, pack ranges, build key), warnings and the seconds spent per stage."""
    outputs = sorted(p for p in out.parent.iterdir() if p.is_file() and p != out)
    manifest = {
        "builder": __version__,
        **facts,
        "inputs": list(inputs),
        "outputs": [file_entry(p, p.name) for p in outputs],
        "warnings": list(warnings),
        "seconds": {stage: round(s, 3) for stage, s in seconds.items()},
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out)
