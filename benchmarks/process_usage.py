"""Run a program and account for every process it starts: CPU-seconds and peak memory.

``rusage`` of a child counts only the descendants that were waited for; LibreOffice instances
killed together with their launcher are re-parented and their CPU is lost to it. So this
process makes itself a *child subreaper* (Linux ``prctl``): orphans of the program are
re-parented here and reaped here, with their own rusage. Peak memory per process is sampled
from ``/proc/PID/status`` (VmHWM) while the program runs, and taken from ``wait4`` for the
processes reaped here.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36
SAMPLE_SECONDS = 0.1
ORPHAN_WAIT_SECONDS = 10.0


@dataclass(frozen=True)
class ProcessPeak:
    """One process the program started (or the program itself): its name and peak RSS."""

    pid: int
    name: str
    peak_mb: float


@dataclass(frozen=True)
class Usage:
    """What one run of a program cost."""

    wall: float
    cpu_program: float
    """CPU-seconds of the program and every descendant it (or they) waited for."""
    cpu_orphans: float
    """CPU-seconds of descendants re-parented here (LibreOffice instances killed at the end)."""
    peaks: tuple[ProcessPeak, ...]
    returncode: int
    ended_at: float
    """time.time() when the program exited."""

    @property
    def cpu(self) -> float:
        return self.cpu_program + self.cpu_orphans


def become_subreaper() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


@dataclass
class _Sampler:
    """Peak RSS of every descendant of this process, sampled until stopped."""

    peaks: dict[int, tuple[str, float]] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)
    seen: dict[int, int] = field(default_factory=dict)
    """How many samples found each process."""
    forks: set[int] = field(default_factory=set)
    """Processes found bearing their parent's name (a fork, perhaps before its exec)."""

    def run(self) -> None:
        while not self.stop.wait(SAMPLE_SECONDS):
            for pid, name, peak, parent_name in _descendants(os.getpid()):
                old_name, old = self.peaks.get(pid, (name, 0.0))
                # a new name means the process has exec'd: what it had before was its parent's
                self.peaks[pid] = (name, peak if name != old_name else max(old, peak))
                self.seen[pid] = self.seen.get(pid, 0) + 1
                if name == parent_name:
                    self.forks.add(pid)

    def transient_forks(self) -> set[int]:
        """Forks found once only, under their parent's name: caught between fork and exec
        (LibreOffice forks to run gpg and other helpers), their high-water mark is the
        parent's size when it forked, not memory of their own."""
        return {pid for pid in self.forks if self.seen.get(pid, 0) == 1}


def run_measured(argv: Sequence[str], cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> Usage:
    """Run ``argv`` (output discarded) and measure it and everything it starts."""
    become_subreaper()
    sampler = _Sampler()
    thread = threading.Thread(target=sampler.run, daemon=True)
    thread.start()
    start = time.perf_counter()
    process = subprocess.Popen(list(argv), cwd=cwd, env=env,  # noqa: S603 - our own argv
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    ended = time.time()
    process.returncode = os.waitstatus_to_exitcode(status)
    orphan_cpu, orphan_peaks = _reap_orphans()
    sampler.stop.set()
    thread.join()
    peaks = dict(sampler.peaks)  # the high-water mark, so only the last 0.1 s can be missed
    for orphan in orphan_peaks:  # exact, from wait4
        name, seen = peaks.get(orphan.pid, (orphan.name, 0.0))
        peaks[orphan.pid] = (name, max(seen, orphan.peak_mb))
    reaped = {orphan.pid for orphan in orphan_peaks}
    for pid in sampler.transient_forks() - reaped:
        del peaks[pid]
    ranked = sorted((ProcessPeak(pid, name, mb) for pid, (name, mb) in peaks.items()),
                    key=lambda p: -p.peak_mb)
    return Usage(wall, usage.ru_utime + usage.ru_stime, orphan_cpu, tuple(ranked),
                 process.returncode, ended)


def _reap_orphans() -> tuple[float, list[ProcessPeak]]:
    """Wait for the descendants re-parented here; their CPU-seconds and peaks."""
    cpu, peaks = 0.0, []
    deadline = time.monotonic() + ORPHAN_WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            pid, _status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            time.sleep(0.02)
            continue
        cpu += usage.ru_utime + usage.ru_stime
        peaks.append(ProcessPeak(pid, "orphan", usage.ru_maxrss / 1024))
    return cpu, peaks


def _descendants(root: int) -> list[tuple[int, str, float, str]]:
    """(pid, name, peak RSS MB, its parent's name) of every live descendant of ``root``."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    peaks: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        parents[pid] = int(fields.get("PPid", "0").strip())
        names[pid] = fields.get("Name", "?").strip()
        peaks[pid] = int(fields.get("VmHWM", "0 kB").split()[0]) / 1024
    found = []
    for pid in parents:
        up, seen = parents.get(pid, 0), 0
        while up not in (0, 1, root) and seen < 64:
            up, seen = parents.get(up, 0), seen + 1
        if up == root and pid != root:
            found.append((pid, names[pid], peaks[pid], names.get(parents[pid], "")))
    return found
