"""The ``builder`` program: LibreOffice first, then everything else.

Importing builder (pandas, matplotlib, python-docx, pypdf ...) takes longer than a LibreOffice
instance needs to start. For the commands that convert to PDF, the instances are started before
those imports (:func:`builder.assemble.office.start_early`), so that they are ready when the
first paper is; the command's LibreOffice session adopts them.
"""

from __future__ import annotations

import sys

from builder.assemble.office import start_early

CONVERTING_COMMANDS = ("build", "pack")
INSTANCES = 2


def main() -> None:
    """Start LibreOffice when the command will need it, then run the command line."""
    if len(sys.argv) > 1 and sys.argv[1] in CONVERTING_COMMANDS and "--help" not in sys.argv:
        start_early(INSTANCES)
    from builder.cli import main as cli_main  # noqa: PLC0415 - imported after the start, on purpose

    cli_main()
