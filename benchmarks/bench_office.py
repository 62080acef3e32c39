"""LibreOffice instance start-up: with a fresh (temporary) profile, as every run had before,
and with the kept per-slot profile an earlier run built (``builder.assemble.office``)."""

from __future__ import annotations

from benchmarks.timing import Figure, measure
from builder.assemble.office import Instance, find_soffice

TIMEOUT = 120.0


def started(keep_profile: bool) -> None:
    instance = Instance(find_soffice(), TIMEOUT, keep_profile=keep_profile)
    try:
        instance.start()
        instance.wait_ready()
    finally:
        instance.stop()


def run() -> list[Figure]:
    started(keep_profile=True)  # make sure the kept profile exists
    return [measure("instance start, fresh profile", lambda: started(False), runs=3,
                    note="until the keep-alive document is open"),
            measure("instance start, reused profile", lambda: started(True), runs=3,
                    note="slot 0 under $XDG_CACHE_HOME/builder")]
