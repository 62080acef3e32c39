"""The ``builder`` command line. The only place errors become exit codes and messages."""

from __future__ import annotations

import sys

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
from builder.stopping import Stopped, install

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


def main() -> None:
    """Entry point: run the app, map BuilderError to its exit code with a clear message."""
    install()
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
        err.print(stop.message, markup=False)
        sys.exit(stop.exit_code)
    except Exception as exc:  # a bug, not bad input: say so plainly, without a traceback
        err.print(f"internal error: {type(exc).__name__}: {exc}", markup=False)
        err.print("This is a bug in builder; please report it with the command you ran.")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
