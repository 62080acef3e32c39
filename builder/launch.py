"""The ``builder`` program: nothing when nothing changed, else LibreOffice first, then
everything else.

A ``builder build`` or ``builder pack`` whose output folder is up to date
(:mod:`builder.pipeline.up_to_date`) prints the summary of the run that made it and stops,
before anything heavy is imported (a command line this parser is not sure of is simply run).

Importing builder (pandas, matplotlib, python-docx, pypdf ...) takes longer than a LibreOffice
instance needs to start. For the commands that convert to PDF, the instances are started before
those imports (:func:`builder.assemble.office.start_early`), so that they are ready when the
first paper is; the command's LibreOffice session adopts them. The chart workers' fork server
starts then too (:func:`builder.render.charts.start_server`: it imports matplotlib while the
command imports the rest). When the command's cache already holds files, one instance only:
the build is not up to date, so something changed and most likely one paper needs converting
(an edited sentence), and that one is ready when it is; the session starts the second then.
A rebuild that takes every PDF from the cache (into a fresh output folder) stops that
instance unused.
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

from builder.assemble.office import start_early
from builder.pipeline.cache import cache_folder, holds_files
from builder.pipeline.up_to_date import BuildRequest, run_record, unchanged
from builder.render.charts import start_server
from builder.stopping import Stopped, deferred, install

CONVERTING_COMMANDS = ("build", "pack")
INSTANCES = 2
BUILD_VALUES = ("--out", "--timeout", "--cache", "--allow-outside")
BUILD_FLAGS = ("--strict", "--no-cache")
"""The options of ``builder build`` (:mod:`builder.commands.build`); ``builder pack`` has
them all but ``--strict``."""


def main() -> None:
    """Stop at once when the build asked for is up to date; else start LibreOffice when the
    command will need it, then run the command line. SIGTERM or Ctrl-C while LibreOffice
    starts or builder is imported stops the instances started early and exits 143 or 130,
    as later in the run."""
    install()  # a stop from now on stops what is started early too (see the module doc)
    try:
        _run(sys.argv[1:])
    except Stopped as stop:  # before the command's own handling took over
        sys.stderr.write(f"{stop.message}\n")
        _exit_now(stop.exit_code)


def _run(args: list[str]) -> None:
    request = build_request(args)
    if request is not None and (record := run_record(request, _cache(args))) is not None \
            and (done := unchanged(request, record)) is not None:
        from builder.commands.build_summary import print_unchanged  # noqa: PLC0415 - light
        print_unchanged(request.out_dir, done, request.command)
        return
    converting = bool(args) and args[0] in CONVERTING_COMMANDS and "--help" not in args
    if converting and not _cache_filled(args):
        start_early(INSTANCES)
        start_server()
    elif converting:  # not up to date, so something changed: most likely a paper to convert
        start_early(1)
    with deferred():  # a stop raised inside a native module's initialisation aborts
        from builder.cli import main as cli_main  # noqa: PLC0415 - after the start, on purpose

    try:
        cli_main()
    except SystemExit as done:
        if not converting or not isinstance(done.code, int | None):
            raise
        _exit_now(done.code or 0)


def _exit_now(code: int) -> None:
    """End a converting command without the interpreter's teardown (freeing every module and
    object of a build costs about 0.2 s): its ``with`` blocks have closed LibreOffice, the work
    folders and every file; what is left is the exit handlers (instances nobody adopted are
    stopped) and the output streams."""
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def build_request(args: list[str]) -> BuildRequest | None:
    """The ``builder build`` or ``builder pack`` that ``args`` asks for, using the cache; None
    for another command, ``--no-cache``, or anything this parser does not know (typer then
    reads the line)."""
    if not args or args[0] not in CONVERTING_COMMANDS:
        return None
    positional: list[str] = []
    values: dict[str, list[str]] = {name: [] for name in BUILD_VALUES}
    flags: set[str] = set()
    rest = iter(args[1:])
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name in BUILD_VALUES and equals:
            values[name].append(value)
        elif arg in BUILD_VALUES:
            values[arg].append(next(rest, ""))
        elif arg in BUILD_FLAGS:
            flags.add(arg)
        elif arg.startswith("-"):
            return None
        else:
            positional.append(arg)
    given = [v for vs in values.values() for v in vs]
    if len(positional) != 1 or len(values["--out"]) != 1 or len(values["--cache"]) > 1 \
            or "" in given or "--no-cache" in flags \
            or not all(_timeout(t) for t in values["--timeout"]) \
            or (args[0] == "pack" and "--strict" in flags):
        return None
    return BuildRequest(Path(positional[0]), Path(values["--out"][0]), "--strict" in flags,
                        tuple(Path(p) for p in values["--allow-outside"]), args[0])


def _timeout(text: str) -> bool:
    """Whether ``--timeout`` would take ``text`` (a number of seconds, at least 1)."""
    try:
        return float(text) >= 1.0
    except ValueError:
        return False


def _cache(args: list[str]) -> Path | None:
    """The cache the command line names (or the default one beside ``--out``); None with
    ``--no-cache`` or without ``--out``."""
    out, chosen = _option(args, "--out"), _option(args, "--cache")
    if out is None:
        return None
    return cache_folder(Path(out), Path(chosen) if chosen else None, "--no-cache" in args)


def _cache_filled(args: list[str]) -> bool:
    """Whether the command line's cache (:func:`_cache`) has files."""
    folder = _cache(args)
    return folder is not None and holds_files(folder)


def _option(args: list[str], name: str) -> str | None:
    """The value of ``name`` (``--name VALUE`` or ``--name=VALUE``), if given."""
    for n, arg in enumerate(args):
        if arg == name and n + 1 < len(args):
            return args[n + 1]
        if arg.startswith(f"{name}="):
            return arg[len(name) + 1:]
    return None
