"""Checks of input files remembered in the build cache (issue 14): a check that passed on the
same bytes of the same files, with the same configuration shaping it, and the same builder
(the key holds builder's fingerprint, :func:`builder.pipeline.cache.cache_key`), is not run
again on a rebuild. What is remembered is what the check returned when it passed (its
warnings); a check that found a problem is never remembered, so it runs, and reports, every
time. The template checks and the supplied papers' checks cost ~0.25 s of every rebuild."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from builder.assemble.manifest import sha256
from builder.pipeline.cache import Cache, cache_key


def check_key(cache: Cache | None, kind: str, files: Sequence[Path], shape: object
              ) -> str | None:
    """The key of a ``kind`` check of ``files`` (their names and bytes: what a check says names
    a file by its name, so the same files in another folder pass the same) and ``shape`` (the
    configuration that shapes it, by ``repr``) in ``cache``; None without a cache, or when a
    file is missing (the check then runs and says so)."""
    if cache is None or not all(path.is_file() for path in files):
        return None
    return cache_key({"kind": f"check: {kind}", "shape": repr(shape),
                      "files": [[path.name, sha256(path)] for path in files]})


def recalled(cache: Cache | None, key: str | None) -> tuple[str, ...] | None:
    """What the check returned when it passed before (its warnings), if ``cache`` holds it."""
    text = cache.recall(key) if cache is not None and key is not None else None
    if text is None:
        return None
    try:
        found = json.loads(text)
    except ValueError:
        return None
    if not isinstance(found, list) or not all(isinstance(item, str) for item in found):
        return None
    return tuple(found)


def remember(cache: Cache | None, key: str | None, passed: Sequence[str]) -> None:
    """Keep what a check that passed returned (its warnings) for the next run."""
    if cache is not None and key is not None:
        cache.remember(key, json.dumps(list(passed)))
