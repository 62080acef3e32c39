"""Stop signals: SIGTERM (what a service manager or a web server's worker timeout sends) and
SIGINT (Ctrl-C) unwind the run, so that every ``with`` block cleans up (LibreOffice instances
are killed, staging and work folders removed, the previous output kept); a clean-up that does
not end in ``STOP_GRACE_SECONDS`` is cut short. Imports nothing heavy: the ``builder`` program
installs the handlers first thing (:mod:`builder.launch`), before it starts LibreOffice and
imports the rest, so that a stop during those imports stops the instances started early too.
A stop that arrives while builder is imported is held until the import ends (:func:`deferred`):
a native module initialising runs Python code (pikepdf's enums), and an exception raised there
aborts the whole process (SIGABRT), with no clean-up at all.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

STOP_GRACE_SECONDS = 15.0
"""How long the clean-up after SIGTERM or Ctrl-C may take before the build exits anyway."""
STOP_MESSAGES = {signal.SIGTERM: "stopped (SIGTERM); nothing was changed",
                 signal.SIGINT: "interrupted; nothing was changed"}


_held: list[int] | None = None
"""The stop signals that arrived inside :func:`deferred` (None outside it)."""


class Stopped(BaseException):
    """SIGTERM or SIGINT (Ctrl-C) arrived: unwinds the stack so that every ``with`` block
    cleans up. Not a KeyboardInterrupt, which typer would turn into a silent exit."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def message(self) -> str:
        """What the program says as it exits."""
        return STOP_MESSAGES[signal.Signals(self.signum)]

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def install() -> None:
    """Make SIGTERM and SIGINT raise :class:`Stopped`."""
    for signum in STOP_MESSAGES:
        signal.signal(signum, _stop)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold a stop that arrives inside the block, and raise its :class:`Stopped` when the block
    ends (not when it raises something else): for imports (see the module doc). Inside another
    such block, the stop is handed on to it."""
    global _held  # noqa: PLW0603 - the signal handler's only way to know
    outer, _held = _held, []
    try:
        yield
    finally:
        held, _held = _held, outer
    if held and outer is not None:
        outer.extend(held)
    elif held:
        raise Stopped(held[0])


def _stop(signum: int, frame: FrameType | None) -> None:
    for each in STOP_MESSAGES:  # a second signal must not cut the clean-up short
        signal.signal(each, signal.SIG_IGN)
    watchdog = threading.Timer(STOP_GRACE_SECONDS, _cut_short, args=(signum,))
    watchdog.daemon = True
    watchdog.start()
    if _held is not None:
        _held.append(signum)
        return
    raise Stopped(signum)


def _cut_short(signum: int) -> None:
    """The clean-up after a stop did not end in ``STOP_GRACE_SECONDS``: kill this process's
    workers and exit with the stop's code, so that a stopped build never hangs."""
    for child in multiprocessing.active_children():
        child.kill()
    message = f"{STOP_MESSAGES[signal.Signals(signum)]} (clean-up cut short after " \
              f"{STOP_GRACE_SECONDS:.0f} s)\n"
    os.write(2, message.encode())
    os._exit(128 + signum)
