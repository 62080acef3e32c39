"""A content-addressed store of built files (``.builder-cache/`` beside the output folder, or
``--cache DIR``).

An entry's key is the sha256 of a canonical (sorted JSON) description of everything that shapes
the file: for a PDF, the source document's bytes, the export options, LibreOffice's build and
the fonts it finds, and builder's own code (:func:`builder_fingerprint`). The entry is the file
plus a sidecar holding the key and the sha256 of the file's bytes; a read checks both, so a
corrupt, truncated or foreign entry is dropped and rebuilt, never used. Writes are atomic (a
temporary file renamed), so an interrupted run leaves no half entry that looks whole.

The store is bounded: after a build, :meth:`Cache.prune` removes the entries (and charts) used
longest ago until the store is under ``LIMIT_BYTES``, never one this run used or made.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import sys
import sysconfig
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import builder
from builder import __version__
from builder.assemble.manifest import sha256
from builder.assemble.office import find_soffice
from builder.errors import AssemblyError
from builder.outputs import atomic_file
from builder.render.charts import seal_of

CACHE_FOLDER = ".builder-cache"
CHARTS = "charts"
SIDECAR = ".json"
LIMIT_BYTES = 1 << 30
"""What the store may hold after a build: 1 GiB, about 45 builds of the sample meeting."""


@functools.cache
def builder_fingerprint() -> str:
    """builder's version and a hash of its code and shipped templates, of Python's version and
    of the libraries installed with it: a cached file made by other code is not reused."""
    package = Path(builder.__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix not in (".pyc", ".pyo"):
            digest.update(str(path.relative_to(package)).encode())
            digest.update(sha256(path).encode())
    digest.update(_libraries().encode())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def _libraries() -> str:
    """Python's version and every distribution installed where builder's libraries are (the
    names of their ``.dist-info`` folders carry the versions): python-docx, pikepdf ... shape
    the files too. Listing the folders is cheaper than reading the packages' metadata."""
    paths = sysconfig.get_paths()
    names = [sys.version]
    for folder in sorted({paths["purelib"], paths["platlib"]}):
        with contextlib.suppress(OSError):
            names += sorted(n for n in os.listdir(folder) if n.endswith(".dist-info"))
    return "\n".join(names)


FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
"""Where fontconfig finds the fonts LibreOffice lays text out in (beside its own fonts)."""


@functools.cache
def office_build() -> str:
    """Which LibreOffice converts, with which fonts: the hash of its ``versionrc`` (build id,
    languages), or its path when there is none, and :func:`fonts_digest` of the fonts it finds
    (a font installed or removed moves lines and pages, so a PDF made without it is stale)."""
    try:
        soffice = Path(os.path.realpath(find_soffice()))
    except AssemblyError:
        return "none"
    versionrc = soffice.parent / "versionrc"
    build = sha256(versionrc) if versionrc.is_file() else str(soffice)
    own_fonts = soffice.parent.parent / "share" / "fonts"
    folders = [Path(f).expanduser() for f in FONT_FOLDERS] + [own_fonts]
    return f"{build}+{fonts_digest(folders)}"


def fonts_digest(folders: list[Path]) -> str:
    """A hash of the name and size of every file under ``folders`` (in a fixed order); listing
    them costs a few milliseconds where asking fontconfig costs a process."""
    digest = hashlib.sha256()
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                with contextlib.suppress(OSError):
                    digest.update(f"{path}\0{os.stat(path).st_size}\n".encode())
    return digest.hexdigest()[:16]


def cache_key(description: Mapping[str, object]) -> str:
    """The key of what ``description`` (JSON-able) says shapes a file."""
    text = json.dumps({**description, "builder": builder_fingerprint()}, sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Cache:
    """The store in ``root``; ``reused`` names every file a ``fetch`` supplied this run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.reused: list[str] = []
        self.opened = time.time()
        """When this run opened the store: what was used since is in use."""

    @property
    def charts(self) -> Path:
        """The folder of charts (their names hash their data, each is sealed with the hash of its
        bytes: see ``render.charts``)."""
        return self.root / CHARTS

    def _entry(self, key: str) -> Path:
        return self.root / "files" / key[:2] / key

    def fetch(self, key: str, target: Path) -> bool:
        """Copy the entry ``key`` to ``target`` if it is there and intact (the copy hashes to
        what its sidecar says); a damaged entry is removed (and False returned, so the caller
        rebuilds it)."""
        found = self._sidecar(key)
        if found is None:
            return False
        entry, sidecar, digest = found
        target.parent.mkdir(parents=True, exist_ok=True)
        try:  # another run may prune it meanwhile
            shutil.copyfile(entry, target)
            os.utime(sidecar)  # used now: pruned last
        except OSError:
            target.unlink(missing_ok=True)
            return False
        if sha256(target) != digest:
            target.unlink()
            self._drop(entry, sidecar)
            return False
        self.reused.append(target.name)
        return True

    def recall(self, key: str) -> str | None:
        """The text kept as the entry ``key`` (a check's result), if it is there and intact."""
        found = self._sidecar(key)
        if found is None:
            return None
        entry, sidecar, digest = found
        try:
            data = entry.read_bytes()
            os.utime(sidecar)
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != digest:
            self._drop(entry, sidecar)
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def remember(self, key: str, text: str) -> None:
        """Keep ``text`` as the entry ``key`` (atomically; the sidecar last)."""
        data = text.encode("utf-8")
        self._keep(key, lambda tmp: tmp.write_bytes(data), hashlib.sha256(data).hexdigest(),
                   "check.json")

    def _sidecar(self, key: str) -> tuple[Path, Path, str] | None:
        """The entry ``key``, its sidecar and the sha256 the sidecar gives its bytes, when the
        sidecar is readable and names this key (the caller checks the bytes it reads against
        that hash); an entry with a damaged or foreign sidecar is removed."""
        entry = self._entry(key)
        sidecar = entry.with_name(entry.name + SIDECAR)
        if not entry.is_file() or not sidecar.is_file():
            return None
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = None
        if not isinstance(meta, dict) or meta.get("key") != key \
                or not isinstance(meta.get("sha256"), str):
            self._drop(entry, sidecar)
            return None
        return entry, sidecar, meta["sha256"]

    def store(self, key: str, source: Path) -> None:
        """Keep a copy of ``source`` as the entry ``key`` (atomically; the sidecar last)."""
        self._keep(key, lambda tmp: shutil.copyfile(source, tmp), sha256(source), source.name)

    def _keep(self, key: str, write: Callable[[Path], object], digest: str, name: str) -> None:
        entry = self._entry(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        with atomic_file(entry) as tmp:
            write(tmp)
        with atomic_file(entry.with_name(entry.name + SIDECAR)) as tmp:
            tmp.write_text(json.dumps({"key": key, "sha256": digest, "name": name}),
                           encoding="utf-8")

    def prune(self, limit: int = LIMIT_BYTES) -> int:
        """Remove the entries and charts used longest ago (by their sidecar's or seal's time:
        written when made, touched when used) until the store holds at most ``limit`` bytes,
        but none used or made since this run opened it; the number removed."""
        items = sorted(self._items(), key=lambda item: item[0])
        total = sum(size for _used, size, _paths in items)
        removed = 0
        for used, size, paths in items:
            if total <= limit or used >= self.opened:
                break
            for path in paths:  # the sidecar or seal first: never an entry that looks whole
                path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed

    def _items(self) -> list[tuple[float, int, tuple[Path, Path]]]:
        """(last used, bytes, (sidecar or seal, file)) of every entry and chart."""
        pairs = [(entry.with_name(entry.name + SIDECAR), entry)
                 for entry in (self.root / "files").glob("*/*") if entry.suffix != SIDECAR]
        pairs += [(seal_of(chart), chart)
                  for chart in self.charts.glob("*.png")]
        items = []
        for mark, path in pairs:
            try:
                size = path.stat().st_size
            except OSError:  # removed meanwhile
                continue
            try:
                marked = mark.stat()
                used, size = marked.st_mtime, size + marked.st_size
            except OSError:  # no sidecar or seal: not whole, the first to go
                used = 0.0
            items.append((used, size, (mark, path)))
        return items

    @staticmethod
    def _drop(entry: Path, sidecar: Path) -> None:
        for path in (sidecar, entry):
            path.unlink(missing_ok=True)


def cached(cache: Cache | None, key: str, out: Path, make: Callable[[Path], object]) -> bool:
    """``out``, taken from ``cache``'s entry ``key``, else made by ``make(out)`` (and kept);
    whether it was made."""
    if cache is not None and cache.fetch(key, out):
        return False
    make(out)
    if cache is not None:
        cache.store(key, out)
    return True


def cache_folder(out_dir: Path, chosen: Path | None, off: bool) -> Path | None:
    """Where a run keeps its cache: ``chosen``, else ``.builder-cache`` beside ``out_dir`` (not
    in it: a failed run leaves the output folder as it was); None when ``off``
    (``--no-cache``)."""
    if off:
        return None
    return chosen if chosen is not None else out_dir.absolute().parent / CACHE_FOLDER


def holds_files(folder: Path) -> bool:
    """Whether the cache in ``folder`` has entries (a rebuild may then need no LibreOffice)."""
    files = folder / "files"
    return files.is_dir() and any(files.iterdir())
