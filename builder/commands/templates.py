"""``builder templates``: the Word and PowerPoint templates as their owners handle them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from builder.commands.common import out
from builder.config.templates import DEFAULT_DIR, FILE_NAMES
from builder.errors import ConfigError, Problem, raise_if_any

app = typer.Typer(help="Export the default templates for a council to start from.",
                  no_args_is_help=True)


@app.command()
def export(folder: Annotated[Path, typer.Argument(help="Folder to write the templates into.")],
           force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")]
           = False) -> None:
    """Copy the default templates out (the council's own start from these)."""
    targets = {kind: folder / name for kind, name in FILE_NAMES.items()}
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder}: not a folder", hint="Name a folder to export into.")
    existing = [Problem(str(path), "", "already exists", "--force to overwrite it")
                for path in targets.values() if path.exists() and not force]
    raise_if_any(existing, ConfigError, f"{folder}: the export would overwrite files")
    folder.mkdir(parents=True, exist_ok=True)
    for kind, path in targets.items():
        shutil.copyfile(DEFAULT_DIR / FILE_NAMES[kind], path)
        out.print(f"wrote {path}")
    out.print("Name the Word templates in council.yaml under templates: (report, front_sheet, "
              "agenda, minutes, pack_page; paths relative to council.yaml) and the deck's in "
              "the deck YAML's template:")


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="templates")
