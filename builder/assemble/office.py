"""Warm LibreOffice instances, each with a private profile (DESIGN 7, 8).

An instance is started once per run with a small keep-alive document open, so that it stays up.
A conversion is then a short ``soffice --convert-to`` client started with the same profile: it
hands its request to the running instance through LibreOffice's own single-instance pipe and
waits for it to finish (0.05 s instead of a 1.6 s start-up per call). Should the instance have
gone, the client simply does the work itself, so a conversion never depends on the instance
being alive. Every call has a timeout; a timed-out instance is killed and started again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
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


class Instance:
    """One LibreOffice process with its own profile folder; ``start`` does not wait for it."""

    def __init__(self, soffice: str, timeout: float) -> None:
        self.soffice = soffice
        self.timeout = timeout
        self.folder = Path(tempfile.mkdtemp(prefix="builder-office-"))
        self.profile_url = (self.folder / "profile").as_uri()
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
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - fixed program, our own arguments
                self._args(str(self.keepalive)), stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True, env=self.env)

    def wait_ready(self) -> None:
        """Wait until the keep-alive document is open (LibreOffice then writes its lock file)."""
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
        default) its profile folder."""
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


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill a process started in its own session, with everything it started."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def _remove_pipe(profile_url: str) -> None:
    """Remove the single-instance pipe a killed instance leaves in /tmp. LibreOffice names it
    after the MD5 of the profile URL (UTF-16LE), each byte in hex without leading zeros."""
    digest = hashlib.md5(profile_url.encode("utf-16-le"), usedforsecurity=False).digest()
    name = f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{''.join(f'{b:x}' for b in digest)}"
    pipe = Path("/tmp") / name
    if pipe.is_socket():
        with contextlib.suppress(OSError):
            pipe.unlink()
