"""The ``builder`` program: LibreOffice first, then everything else.

Importing builder (pandas, matplotlib, python-docx, pypdf ...) takes longer than a LibreOffice
instance needs to start. For the commands that convert to PDF, the instances are started before
those imports (:func:`builder.assemble.office.start_early`), so that they are ready when the
first paper is; the command's LibreOffice session adopts them. Not when the command's cache
already holds files: a rebuild may take every PDF from it, and LibreOffice then starts only
when one is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from builder.assemble.office import start_early
from builder.pipeline.cache import cache_folder, holds_files

CONVERTING_COMMANDS = ("build", "pack")
INSTANCES = 2


def main() -> None:
    """Start LibreOffice when the command will need it, then run the command line."""
    args = sys.argv[1:]
    if args and args[0] in CONVERTING_COMMANDS and "--help" not in args \
            and not _cache_filled(args):
        start_early(INSTANCES)
    from builder.cli import main as cli_main  # noqa: PLC0415 - imported after the start, on purpose

    cli_main()


def _cache_filled(args: list[str]) -> bool:
    """Whether the cache the command line names (or the default one in ``--out``) has files."""
    out, chosen = _option(args, "--out"), _option(args, "--cache")
    if out is None:
        return False
    folder = cache_folder(Path(out), Path(chosen) if chosen else None, "--no-cache" in args)
    return folder is not None and holds_files(folder)


def _option(args: list[str], name: str) -> str | None:
    """The value of ``name`` (``--name VALUE`` or ``--name=VALUE``), if given."""
    for n, arg in enumerate(args):
        if arg == name and n + 1 < len(args):
            return args[n + 1]
        if arg.startswith(f"{name}="):
            return arg[len(name) + 1:]
    return None
