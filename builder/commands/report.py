"""`builder report` (placeholder: the capability's owner replaces this module)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Adds the command to the app; nothing yet."""
