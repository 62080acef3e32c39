"""The ``builder`` command line. The only place errors become exit codes and messages."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from types import FrameType

import typer

from builder.commands import (
    build,
    check,
    check_report,
    data,
    deck,
    docs,
    next_meeting,
    pack,
    report,
    serve,
    supplement,
    templates,
)
from builder.commands.common import err
from builder.errors import BuilderError

app = typer.Typer(
    help="Build a scrutiny panel's papers from performance data and YAML configuration.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
for module in (data, report, deck, pack, build, check, check_report, next_meeting, serve,
               supplement, docs, templates):
    module.register(app)

EXIT_INTERNAL = 70
STOP_GRACE_SECONDS = 15.0
"""How long the clean-up after SIGTERM or Ctrl-C may take before the build exits anyway."""
STOP_MESSAGES = {signal.SIGTERM: "stopped (SIGTERM); nothing was changed",
                 signal.SIGINT: "interrupted; nothing was changed"}


class Stopped(BaseException):
    """SIGTERM or SIGINT (Ctrl-C) arrived: unwinds the stack so that every ``with`` block
    cleans up (LibreOffice instances are killed, staging and work folders removed, the previous
    output kept). Not a KeyboardInterrupt, which typer would turn into a silent exit."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: FrameType | None) -> None:
    for each in STOP_MESSAGES:  # a second signal must not cut the clean-up short
        signal.signal(each, signal.SIG_IGN)
    watchdog = threading.Timer(STOP_GRACE_SECONDS, _exit_now, args=(signum,))
    watchdog.daemon = True
    watchdog.start()
    raise Stopped(signum)


def _exit_now(signum: int) -> None:
    """The clean-up after a stop did not end in ``STOP_GRACE_SECONDS``: kill this process's
    workers and exit with the stop's code, so that a stopped build never hangs."""
    for child in multiprocessing.active_children():
        child.kill()
    message = f"{STOP_MESSAGES[signal.Signals(signum)]} (clean-up cut short after " \
              f"{STOP_GRACE_SECONDS:.0f} s)\n"
    os.write(2, message.encode())
    os._exit(128 + signum)


def main() -> None:
    """Entry point: run the app, map BuilderError to its exit code with a clear message."""
    for signum in STOP_MESSAGES:
        signal.signal(signum, _stop)
    try:
        app()
    except BuilderError as exc:
        err.print(f"[bold red]{exc.kind}:[/bold red] {exc.message}", markup=True)
        for problem in exc.problems:
            err.print(f"  - {problem}", markup=False)
        if exc.hint:
            err.print(exc.hint, markup=False)
        sys.exit(exc.exit_code)
    except Stopped as stop:
        err.print(STOP_MESSAGES[signal.Signals(stop.signum)], markup=False)
        sys.exit(128 + stop.signum)
    except Exception as exc:  # a bug, not bad input: say so plainly, without a traceback
        err.print(f"internal error: {type(exc).__name__}: {exc}", markup=False)
        err.print("This is a bug in builder; please report it with the command you ran.")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
