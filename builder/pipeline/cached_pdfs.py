"""PDF conversions through the cache: a document converted before (same bytes, same export
options, same LibreOffice, same builder) is taken from the cache, the rest go to LibreOffice.

``CachedOffice`` has the ``submit``/``convert`` of :class:`builder.assemble.convert.LibreOffice`
and wraps a session opened ``lazy``: when every conversion of a run hits, LibreOffice never
starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from builder.assemble.convert import EXPORT_FILTERS, LibreOffice, export_filter
from builder.assemble.manifest import sha256
from builder.pipeline.cache import Cache, cache_key, office_build

REUSED = "reused"


class Pending(Protocol):
    """Submitted conversions: ``done()`` without waiting, ``result()`` waiting."""

    def done(self) -> bool: ...

    def result(self) -> dict[Path, Path]: ...


class Converter(Protocol):
    """What a build converts with: a LibreOffice session, or one behind the cache."""

    @property
    def busy_seconds(self) -> float: ...

    def submit(self, sources: Sequence[Path], out_dir: Path) -> Pending: ...

    def convert(self, sources: Sequence[Path], out_dir: Path) -> dict[Path, Path]: ...


def pdf_key(source: Path) -> str:
    """The cache key of ``source``'s PDF."""
    suffix = source.suffix.lower()
    return cache_key({"kind": "pdf", "source": sha256(source),
                      "export": export_filter(suffix), "libreoffice": office_build()})


class CachedConversion:
    """A submission: ``result()`` returns source -> PDF, storing what LibreOffice made."""

    def __init__(self, cache: Cache, hits: dict[Path, Path], misses: dict[Path, str],
                 office: LibreOffice, out_dir: Path) -> None:
        self.cache, self.hits, self.misses = cache, hits, misses
        self.pending = office.submit(list(misses), out_dir) if misses else None

    def done(self) -> bool:
        return self.pending is None or self.pending.done()

    def result(self) -> dict[Path, Path]:
        made = self.pending.result() if self.pending is not None else {}
        for source, key in self.misses.items():
            if source.suffix.lower() in EXPORT_FILTERS:
                self.cache.store(key, made[source])
        return {**self.hits, **made}


class CachedOffice:
    """``submit``/``convert`` as LibreOffice's, with every document looked up in ``cache``
    first (PDF sources are passed through: there is nothing to convert)."""

    def __init__(self, office: LibreOffice, cache: Cache) -> None:
        self.office, self.cache = office, cache

    @property
    def busy_seconds(self) -> float:
        return self.office.busy_seconds

    def convert(self, sources: Sequence[Path], out_dir: Path) -> dict[Path, Path]:
        """Convert ``sources`` into ``out_dir`` and wait."""
        return self.submit(sources, out_dir).result()

    def submit(self, sources: Sequence[Path], out_dir: Path) -> CachedConversion:
        """Take each source's PDF from the cache (into ``out_dir/reused/``) or start it."""
        hits: dict[Path, Path] = {}
        misses: dict[Path, str] = {}
        taken: set[str] = set()
        for source in sources:
            key = pdf_key(source) if _convertible(source) else ""
            name, k = source.stem, 2
            while name in taken:
                name, k = f"{source.stem}-{k}", k + 1
            target = out_dir / REUSED / f"{name}.pdf"
            if key and self.cache.fetch(key, target):
                taken.add(name)
                hits[source] = target
            else:
                misses[source] = key
        return CachedConversion(self.cache, hits, misses, self.office, out_dir)


def _convertible(source: Path) -> bool:
    return source.suffix.lower() in EXPORT_FILTERS and source.is_file()
