"""Warm LibreOffice instances, each with a profile of its own (DESIGN 7, 8).

An instance is started once per run with a small keep-alive document open, so that it stays up.
A conversion is then a short ``soffice --convert-to`` client started with the same profile: it
hands its request to the running instance through LibreOffice's own single-instance pipe and
waits for it to finish (0.05 s instead of a 1.6 s start-up per call). Should the instance have
gone, the client simply does the work itself, so a conversion never depends on the instance
being alive. Every call has a timeout; a timed-out instance is killed and started again.

Profiles are kept between runs: instance slot N uses ``$XDG_CACHE_HOME/builder/lo-profile-N``
(``~/.cache`` by default), held with a file lock for the run so that two runs never share one
(a run that finds every slot taken, or no writable cache, uses a temporary profile). LibreOffice
builds a profile on its first start (about 1 s); reusing it saves that on every later start. A
profile that was never completed, or with which LibreOffice will not start, is removed and
built again.

``start_early`` starts instances before the caller imports the rest of builder (the imports
take longer than LibreOffice's start-up); the next ``LibreOffice`` session adopts them.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from builder.errors import AssemblyError

INSTALL_HINT = (
    "Install LibreOffice: on Debian 'apt-get install libreoffice-writer-nogui "
    "libreoffice-impress-nogui' (scripts/setup does it), or set BUILDER_SOFFICE to the "
    "soffice program."
)
KEEPALIVE_TEXT = "builder keeps this LibreOffice instance open while it converts a run\n"
POLL_SECONDS = 0.05
PROFILE_SLOTS = 8
READY_MARK = ".builder-ready"
"""Written into a kept profile once LibreOffice has started with it: the profile is complete."""
NICENESS = 10
START_TIMEOUT = 120.0
"""Seconds an instance started early may take to start (its session's timeout then applies)."""


def find_soffice() -> str:
    """The ``soffice`` program: $BUILDER_SOFFICE, else ``soffice`` or ``libreoffice`` on PATH."""
    named = os.environ.get("BUILDER_SOFFICE")
    if named:
        if shutil.which(named):
            return named
        raise AssemblyError(f"BUILDER_SOFFICE={named!r} is not an executable program",
                            hint=INSTALL_HINT)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise AssemblyError("LibreOffice (soffice) is not installed, so no PDF can be made",
                        hint=INSTALL_HINT)


@dataclass(frozen=True)
class CallResult:
    """What one client call did: whether it finished in time, and LibreOffice's messages."""

    timed_out: bool
    messages: tuple[str, ...]


def cache_dir() -> Path:
    """builder's folder in the user's cache: $XDG_CACHE_HOME/builder, else ~/.cache/builder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "builder"


class ProfileSlot:
    """A kept profile folder, held (file lock) by one instance at a time."""

    def __init__(self, folder: Path, lock: int) -> None:
        self.folder, self._lock = folder, lock

    @classmethod
    def claim(cls) -> ProfileSlot | None:
        """The first free slot, locked; None when every slot is taken or the cache unusable."""
        root = cache_dir()
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        for n in range(PROFILE_SLOTS):
            try:
                lock = os.open(root / f"lo-profile-{n}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                return None
            folder = root / f"lo-profile-{n}"
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                if _pipe_in_use(folder.as_uri()):
                    raise BlockingIOError("a LibreOffice left running still uses the profile")
            except OSError:
                os.close(lock)
                continue
            return cls(folder, lock)
        return None

    @property
    def complete(self) -> bool:
        return (self.folder / READY_MARK).is_file()

    def mark_complete(self) -> None:
        with contextlib.suppress(OSError):
            (self.folder / READY_MARK).touch()

    def reset(self) -> None:
        """Remove the profile: LibreOffice builds a new one on its next start."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def release(self) -> None:
        os.close(self._lock)  # closing the descriptor releases the lock


class Instance:
    """One LibreOffice process with a profile of its own (a kept slot, else a temporary one);
    ``start`` does not wait for it."""

    def __init__(self, soffice: str, timeout: float, keep_profile: bool = True) -> None:
        self.soffice = soffice
        self.timeout = timeout
        self.folder = Path(tempfile.mkdtemp(prefix="builder-office-"))
        self.slot = ProfileSlot.claim() if keep_profile else None
        profile = self.slot.folder if self.slot else self.folder / "profile"
        self.profile_url = profile.as_uri()
        self.reused = self.slot is not None and self.slot.complete
        """The instance starts with a profile an earlier run built."""
        self.keepalive = self.folder / "keepalive.txt"
        self.keepalive.write_text(KEEPALIVE_TEXT, encoding="utf-8")
        self.log = self.folder / "office.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.client: subprocess.Popen[bytes] | None = None
        self.env = {**os.environ, "TMPDIR": str(self.folder)}  # its lu*.tmp go with the folder

    def _args(self, *rest: str) -> list[str]:
        return [self.soffice, f"-env:UserInstallation={self.profile_url}", "--headless",
                "--norestore", "--nologo", *rest]

    def start(self) -> None:
        """Launch the instance in the background (it loads while other work goes on)."""
        if self.slot is not None and not self.slot.complete:
            self.slot.reset()  # a profile whose first start never finished
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - fixed program, our own arguments
                [*_nice(), *self._args(str(self.keepalive))], stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, process_group=0, env=self.env)

    def wait_ready(self) -> None:
        """Wait until the keep-alive document is open (LibreOffice then writes its lock file).
        An instance that stops while starting with a kept profile is started once more with
        a new profile (the old one may be damaged)."""
        try:
            self._wait_open()
        except AssemblyError:
            if not self.reused or self.slot is None:
                raise
            self.stop(remove=False)
            self.slot.reset()
            self.reused = False
            self.start()
            self._wait_open()
        if self.slot is not None:
            self.slot.mark_complete()

    def _wait_open(self) -> None:
        lock = self.keepalive.with_name(f".~lock.{self.keepalive.name}#")
        deadline = time.monotonic() + self.timeout
        while not lock.exists():
            if self.process is None or self.process.poll() is not None:
                raise AssemblyError("LibreOffice stopped while starting",
                                    hint=f"Its messages: {' / '.join(self.messages()) or 'none'}. "
                                    + INSTALL_HINT)
            if time.monotonic() > deadline:
                raise AssemblyError(f"LibreOffice did not start within {self.timeout:.0f} s",
                                    hint="Check that soffice runs: soffice --headless --version")
            time.sleep(POLL_SECONDS)

    def convert(self, files: list[Path], out_dir: Path, export: str) -> CallResult:
        """Ask the instance to convert ``files`` into ``out_dir`` with the ``export`` filter."""
        self.wait_ready()
        before = len(self.messages())
        with self.log.open("ab") as log:
            self.client = client = subprocess.Popen(  # noqa: S603 - fixed program and arguments
                self._args("--convert-to", export, "--outdir", str(out_dir),
                           *map(str, files)),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True, env=self.env)
            try:
                client.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                _kill(client)
                self.restart()
                return CallResult(True, ())
        return CallResult(False, tuple(self.messages()[before:]))

    def messages(self) -> list[str]:
        """LibreOffice's error lines so far (it reports a file it cannot load only here)."""
        if not self.log.exists():
            return []
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return [line.strip() for line in text.splitlines() if line.startswith("Error")]

    def restart(self) -> None:
        self.stop(remove=False)
        self.start()

    def stop(self, remove: bool = True) -> None:
        """Kill the instance and a client call in progress, remove its lock and pipe, and (by
        default) its temporary folder, releasing its kept profile for the next run."""
        if self.client is not None and self.client.poll() is None:  # never a reaped (reused) id
            _kill(self.client)
        if self.process is not None:
            _kill(self.process)
            self.process = None
        with contextlib.suppress(FileNotFoundError):
            self.keepalive.with_name(f".~lock.{self.keepalive.name}#").unlink()
        _remove_pipe(self.profile_url)
        if remove:
            shutil.rmtree(self.folder, ignore_errors=True)
            if self.slot is not None:
                self.slot.release()
                self.slot = None


def _nice() -> list[str]:
    """The instance runs at a lower CPU priority (``nice -n 10``): its conversions fill the
    cores the build leaves idle instead of slowing the rendering that feeds them (the build's
    own work is the critical path once long papers convert in parts on both instances). The
    instance is a process group of its own (killed as one), not a session: Linux schedules
    each session as one group (autogroup), within which alone ``nice`` counts, and an instance
    in a session of its own took as much CPU as the whole build."""
    program = shutil.which("nice")
    return [program, "-n", str(NICENESS)] if program else []


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill a process started in a process group (or session) of its own, with everything it
    started."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def _pipe(profile_url: str) -> Path:
    """The single-instance pipe of the instance using a profile. LibreOffice names it after
    the MD5 of the profile URL (UTF-16LE), each byte in hex without leading zeros."""
    digest = hashlib.md5(profile_url.encode("utf-16-le"), usedforsecurity=False).digest()
    hexed = "".join(f"{b:x}" for b in digest)
    return Path("/tmp") / f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{hexed}"


def _pipe_in_use(profile_url: str) -> bool:
    """Whether a LibreOffice still listens on the profile's pipe (one a killed run left
    behind): a new instance would hand its work to that one instead of starting."""
    pipe = _pipe(profile_url)
    if not pipe.is_socket():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(pipe))
        except OSError:
            return False
    return True


def _remove_pipe(profile_url: str) -> None:
    """Remove the single-instance pipe a killed instance leaves in /tmp."""
    pipe = _pipe(profile_url)
    if pipe.is_socket():
        with contextlib.suppress(OSError):
            pipe.unlink()


_EARLY: list[Instance] = []


def start_early(count: int) -> None:
    """Start ``count`` instances now, for the next ``LibreOffice`` session to adopt (call it
    first thing, before importing the rest of builder). Does nothing when LibreOffice is
    missing or will not start: the session then reports it. Instances nobody adopts are
    stopped when the program exits."""
    try:
        soffice = find_soffice()
    except AssemblyError:
        return
    for _ in range(count - len(_EARLY)):
        instance = Instance(soffice, START_TIMEOUT)
        try:
            instance.start()
        except BaseException as exc:  # it will not start (OSError), or a stop signal came
            instance.stop()
            if isinstance(exc, OSError):
                return
            raise
        _EARLY.append(instance)


def adopt_early(count: int, timeout: float) -> list[Instance]:
    """Up to ``count`` instances ``start_early`` started (now with ``timeout``)."""
    adopted = [_EARLY.pop(0) for _ in range(min(count, len(_EARLY)))]
    for instance in adopted:
        instance.timeout = timeout
    return adopted


@atexit.register
def _stop_early() -> None:
    while _EARLY:
        _EARLY.pop().stop()
