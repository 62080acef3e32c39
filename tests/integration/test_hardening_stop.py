"""SIGTERM and SIGINT mid-build stop cleanly (issue 15): LibreOffice is killed as a process
group, the chart pool's workers die with the build, the staging and work folders and
LibreOffice's temp files are removed, the previous output is kept, and the exit code says
which signal it was."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CONFIG, ROOT

pytestmark = pytest.mark.libreoffice

MEETING = CONFIG / "meetings" / "2023-11-23.yaml"


def processes_mentioning(text: str) -> list[str]:
    """Command lines of running processes that mention ``text``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            line = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in line and proc.name != str(os.getpid()):
            found.append(line)
    return found


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@contextlib.contextmanager
def running_build(out: Path, env: dict[str, str], new_session: bool = False
                  ) -> Iterator[subprocess.Popen[str]]:
    """``builder build`` of the sample into ``out``, its stderr piped (in a process group of
    its own with ``new_session``); killed on leaving if it still runs."""
    run = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "builder.cli", "build", str(MEETING), "--out", str(out)],
        cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True, start_new_session=new_session)
    try:
        yield run
    finally:
        if run.poll() is None:
            run.kill()
            run.communicate()


@pytest.mark.parametrize(("signum", "code", "said"), [(signal.SIGTERM, 143, "stopped"),
                                                      (signal.SIGINT, 130, "interrupted")],
                         ids=["SIGTERM", "SIGINT"])
def it_leaves_no_process_or_folder_when_stopped_mid_build(
        tmp_path: Path, signum: int, code: int, said: str) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "previous.pdf").write_bytes(b"%PDF-1.4 previous")
    with running_build(out, {**os.environ, "TMPDIR": str(temp)}) as run:
        assert wait_for(lambda: processes_mentioning(str(temp)), 60), "LibreOffice never started"
        time.sleep(1.5)  # mid-build: LibreOffice is up and the papers are being made
        assert run.poll() is None
        run.send_signal(signum)
        _, stderr = run.communicate(timeout=60)
    assert run.returncode == code, stderr
    assert said in stderr.strip().splitlines()[-1], stderr
    assert wait_for(lambda: not processes_mentioning(str(temp)), 10), \
        processes_mentioning(str(temp))
    assert sorted(p.name for p in temp.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["previous.pdf"]
    assert (out / "previous.pdf").read_bytes() == b"%PDF-1.4 previous"


def children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            stat = (proc / "stat").read_text(encoding="utf-8")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(proc.name))
    return found


def chart_workers(build: int) -> list[int]:
    """The build's chart-pool workers: the processes its chart workers' fork server (a child
    of the build running multiprocessing's fork server) has forked."""
    workers = []
    for child in children_of(build):
        try:
            line = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"multiprocessing.forkserver" in line:
            workers += children_of(child)
    return workers


@pytest.mark.parametrize(("signum", "code", "group"), [(signal.SIGTERM, 143, False),
                                                     (signal.SIGINT, 130, True)],
                         ids=["SIGTERM to the build", "Ctrl-C to its process group"])
def it_stops_the_chart_workers_with_the_build(tmp_path: Path, signum: int, code: int,
                                              group: bool) -> None:
    out = tmp_path / "out"
    with running_build(out, dict(os.environ), new_session=True) as run:
        assert wait_for(lambda: chart_workers(run.pid), 120), "no chart worker was started"
        workers = chart_workers(run.pid)
        if group:  # as a terminal sends Ctrl-C: to every process of the group
            os.killpg(run.pid, signum)
        else:
            run.send_signal(signum)
        _, stderr = run.communicate(timeout=60)
    assert run.returncode == code, stderr
    assert "Traceback" not in stderr, stderr
    assert wait_for(lambda: not [w for w in workers if Path(f"/proc/{w}").exists()], 10)
    assert not processes_mentioning(str(out))


def it_leaves_no_libreoffice_temp_files_after_a_build(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "out"
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "builder.cli", "build", str(MEETING), "--out", str(out)],
        cwd=ROOT, env={**os.environ, "TMPDIR": str(temp)}, capture_output=True, text=True,
        timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in temp.iterdir()) == []  # no lu*.tmp, builder-work-*
    assert not processes_mentioning(str(temp))


def it_stops_the_instances_started_early_when_stopped_while_builder_imports(
        tmp_path: Path) -> None:
    """The ``builder`` program starts LibreOffice before it imports the rest of builder; a
    SIGTERM in between (as soon as the instances are there) stops them too: none is left
    running, holding its profile slot and its memory."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    program = Path(sys.executable).parent / "builder"
    run = subprocess.Popen(  # noqa: S603 - our own program and arguments
        [str(program), "build", str(MEETING), "--out", str(tmp_path / "out")], cwd=ROOT,
        env={**os.environ, "TMPDIR": str(temp)}, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: processes_mentioning(str(temp)), 60), "LibreOffice never started"
        run.send_signal(signal.SIGTERM)
        _, stderr = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 143, stderr
    assert "stopped (SIGTERM); nothing was changed" in stderr and "Traceback" not in stderr
    assert wait_for(lambda: not processes_mentioning(str(temp)), 30), \
        processes_mentioning(str(temp))
    assert not (tmp_path / "out").exists()


def it_exits_with_the_stop_code_when_the_clean_up_hangs(tmp_path: Path) -> None:
    """A clean-up that never ends (here: a ``with`` block that sleeps on unwinding) is cut
    short after the grace period, with the stop's exit code."""
    script = tmp_path / "hang.py"
    script.write_text(
        "import sys, time\n"
        "import builder.cli as cli\n"
        "import builder.stopping\n"
        "builder.stopping.STOP_GRACE_SECONDS = 1.0\n"
        "def hang(*args, **kwargs):\n"
        "    try:\n"
        "        print('ready', flush=True)\n"
        "        time.sleep(60)\n"
        "    finally:\n"
        "        time.sleep(60)\n"
        "cli.app = hang\n"
        "cli.main()\n", encoding="utf-8")
    run = subprocess.Popen([sys.executable, str(script)], cwd=ROOT,  # noqa: S603
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert run.stdout is not None and run.stdout.readline().strip() == "ready"
        run.send_signal(signal.SIGTERM)
        _, stderr = run.communicate(timeout=30)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 143
    assert "clean-up cut short after 1 s" in stderr and "Traceback" not in stderr
