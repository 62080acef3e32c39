"""The ``builder`` program starts LibreOffice before the imports only for converting commands."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

import builder.cli
import builder.stopping
from builder import launch
from builder.pipeline.up_to_date import BuildRequest


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(launch, "start_early", lambda count: seen.append(f"start {count}"))
    monkeypatch.setattr(builder.cli, "main", lambda: seen.append("cli"))
    return seen


class DescribeLaunch:
    @pytest.mark.parametrize("command", ["build", "pack"])
    def it_starts_two_instances_before_a_converting_command(
            self, command: str, calls: list[str], monkeypatch: pytest.MonkeyPatch,
            tmp_path: Path) -> None:
        # an output folder of its own: the cache beside it is empty (a filled one skips this)
        monkeypatch.setattr("sys.argv", ["builder", command, "meeting.yaml", "--out",
                                         str(tmp_path / "out")])
        launch.main()
        assert calls == ["start 2", "cli"]

    @pytest.mark.parametrize("argv", [["builder"], ["builder", "report", "m.yaml"],
                                      ["builder", "build", "--help"]])
    def it_starts_nothing_for_other_commands_or_help(
            self, argv: list[str], calls: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr("sys.argv", argv)
        launch.main()
        assert calls == ["cli"]


class DescribeBuildRequest:
    def it_reads_the_options_that_shape_a_build(self) -> None:
        request = launch.build_request(["build", "m.yaml", "--strict", "--out=out", "--cache",
                                        "c", "--allow-outside", "a", "--allow-outside=b",
                                        "--timeout", "30"])
        assert request == BuildRequest(Path("m.yaml"), Path("out"), True, (Path("a"), Path("b")))

    def it_reads_a_pack_as_a_request_of_its_own(self) -> None:
        request = launch.build_request(["pack", "m.yaml", "--out", "out", "--cache", "c"])
        assert request == BuildRequest(Path("m.yaml"), Path("out"), command="pack")

    @pytest.mark.parametrize("args", [
        ["report", "m.yaml", "--out", "out"],
        ["build", "m.yaml"],  # no --out: typer says so
        ["build", "m.yaml", "--out", "out", "--no-cache"],
        ["build", "m.yaml", "--out", "out", "--help"],
        ["build", "m.yaml", "--out", "out", "--verbose"],  # an option it does not know
        ["build", "m.yaml", "other.yaml", "--out", "out"],
        ["build", "m.yaml", "--out", "out", "--timeout", "soon"],
        ["build", "m.yaml", "--out"],
        ["build", "m.yaml", "--out", "out", "--cache", "a", "--cache", "b"],
        ["pack", "m.yaml", "--out", "out", "--strict"],  # not an option of pack
    ])
    def it_leaves_anything_else_to_the_full_command_line(self, args: list[str]) -> None:
        assert launch.build_request(args) is None


@pytest.fixture
def stop_handlers() -> Iterator[None]:
    """The test process's own SIGTERM and SIGINT handlers, put back afterwards."""
    kept = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}
    yield
    for signum, handler in kept.items():
        signal.signal(signum, handler)


class DescribeAStopWhileStarting:
    def it_ends_with_the_stop_code_before_the_command_line_is_read(
            self, calls: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
            stop_handlers: None, capsys: pytest.CaptureFixture[str]) -> None:
        def stopped_while_starting(count: int) -> None:
            calls.append(f"start {count}")
            signal.raise_signal(signal.SIGTERM)

        ended: list[int] = []
        monkeypatch.setattr(launch, "start_early", stopped_while_starting)
        monkeypatch.setattr(launch, "_exit_now", ended.append)  # it runs the exit handlers
        monkeypatch.setattr(builder.stopping, "_cut_short", lambda signum: None)  # no watchdog
        monkeypatch.setattr("sys.argv", ["builder", "build", "m.yaml", "--out",
                                         str(tmp_path / "out")])
        launch.main()
        assert calls == ["start 2"]  # the command line was never run
        assert ended == [143]
        assert capsys.readouterr().err == "stopped (SIGTERM); nothing was changed\n"


class DescribeAStopWhileImporting:
    """A native module initialising (pikepdf's enums) aborts the process when an exception is
    raised inside it: a stop waits for the import, then unwinds as before."""

    @pytest.fixture
    def handlers(self, stop_handlers: None, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(builder.stopping, "_cut_short", lambda signum: None)  # no watchdog
        builder.stopping.install()

    def it_is_held_until_the_import_ends(self, handlers: None) -> None:
        imported: list[str] = []
        with pytest.raises(builder.stopping.Stopped) as stop, builder.stopping.deferred():
            signal.raise_signal(signal.SIGTERM)
            imported.append("the rest of the import")
        assert imported == ["the rest of the import"]
        assert stop.value.exit_code == 143

    def it_hands_a_stop_held_in_an_inner_import_to_the_outer_one(self, handlers: None) -> None:
        imported: list[str] = []
        with pytest.raises(builder.stopping.Stopped) as stop, builder.stopping.deferred():
            with builder.stopping.deferred():
                signal.raise_signal(signal.SIGINT)
            imported.append("the rest of the outer import")
        assert (imported, stop.value.exit_code) == (["the rest of the outer import"], 130)

    def it_lets_another_failure_through_and_holds_nothing_after(self, handlers: None) -> None:
        with pytest.raises(ImportError), builder.stopping.deferred():
            raise ImportError("no such module")
        with pytest.raises(builder.stopping.Stopped):
            signal.raise_signal(signal.SIGINT)


class DescribeTheEnd:
    def it_ends_a_converting_command_with_its_code_and_no_teardown(
            self, calls: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        def failed() -> None:
            raise SystemExit(2)

        ended: list[int] = []
        monkeypatch.setattr(builder.cli, "main", failed)
        monkeypatch.setattr(launch, "_exit_now", ended.append)
        monkeypatch.setattr("sys.argv", ["builder", "pack", "m.yaml", "--out",
                                         str(tmp_path / "out")])
        launch.main()
        assert ended == [2]

    def it_lets_other_commands_end_as_usual(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def done() -> None:
            raise SystemExit(0)

        monkeypatch.setattr(builder.cli, "main", done)
        monkeypatch.setattr(launch, "_exit_now", lambda code: pytest.fail("no early exit"))
        monkeypatch.setattr("sys.argv", ["builder", "report", "m.yaml"])
        with pytest.raises(SystemExit):
            launch.main()
