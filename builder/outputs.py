"""Atomic outputs: write into a temporary sibling, then move into place (DESIGN 7)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from builder.errors import ConfigError

SYSTEM_FOLDERS = frozenset(Path(p) for p in (
    "/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/run", "/sbin", "/sys",
    "/usr", "/usr/bin", "/usr/lib", "/usr/local", "/var"))
"""Folders an output may never be, nor be written into: the system's own."""
HINT = "Pass an --out in a folder of your own, e.g. --out out/papers."


def check_output_folder(folder: Path) -> None:
    """Refuse, with a ConfigError, an output folder that is a file, a system folder or the
    home folder itself (outputs there would mix with the user's or the system's files)."""
    resolved = folder.expanduser().resolve()
    if resolved.exists() and not resolved.is_dir():
        raise ConfigError(f"{folder}: is a file, not a folder; refusing to replace it", hint=HINT)
    if {resolved, resolved.parent} & SYSTEM_FOLDERS or resolved == Path.home().resolve():
        raise ConfigError(f"{folder}: is a system or home folder; refusing to write into it",
                          hint=HINT)


def check_output_file(path: Path) -> None:
    """Refuse an output file that is a folder, or that lies in a system folder."""
    resolved = path.expanduser().resolve()
    if resolved.is_dir():
        raise ConfigError(f"{path}: is a folder; name a file to write", hint=HINT)
    if resolved.parent in SYSTEM_FOLDERS:
        raise ConfigError(f"{path}: is in a system folder; refusing to write there", hint=HINT)


@contextlib.contextmanager
def _writable(place: Path) -> Iterator[None]:
    """Turn a failure to create ``place`` (or a file in it) into a ConfigError naming it."""
    try:
        yield
    except OSError as exc:
        raise ConfigError(f"{place}: cannot write here ({exc.strerror or exc})",
                          hint=HINT) from None


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; it replaces ``path`` only if the block succeeds."""
    check_output_file(path)
    with _writable(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def staging_dir(final: Path) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``final``. When the block succeeds, every file in
    it is moved into ``final`` (created if needed), replacing files of the same name; when it
    fails, ``final`` is left exactly as it was. See ``check_output_folder`` for the folders
    refused."""
    check_output_folder(final)
    with _writable(final):
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=final.parent))
    try:
        yield tmp
        with _writable(final):
            publish(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def publish(staged: Path, final: Path) -> None:
    """Move every file of ``staged`` into ``final``; each move is an atomic rename."""
    final.mkdir(parents=True, exist_ok=True)
    for item in sorted(staged.rglob("*")):
        if item.is_file():
            target = final / item.relative_to(staged)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(item, target)
