"""``builder templates``: the Word and PowerPoint templates as their owners handle them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from builder.commands.common import out, report_warnings
from builder.config.templates import DEFAULT_DIR, FILE_NAMES
from builder.errors import ConfigError, Problem, TemplateError, raise_if_any
from builder.inspection.template_check import check_template, kind_of
from builder.inspection.template_vars import KINDS, describe
from builder.pipeline.templates import font_warnings_of
from builder.render.deck_styles import LAYOUT as STYLES
from builder.render.deck_styles import SHAPES
from builder.render.slides_template import REQUIRED, check_deck_template

app = typer.Typer(help="Check, list the variables of, or export the Word and PowerPoint "
                       "templates.", no_args_is_help=True)
Kind = Annotated[str | None, typer.Option("--kind", help="report, front-sheet, agenda, "
                                          "minutes or pack-page; default: from the file name "
                                          "(the defaults' names), else report.")]


def _kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise ConfigError(f"unknown template kind '{kind}'", hint="Use one of: "
                          + ", ".join(KINDS) + ".")


@app.command()
def check(file: Annotated[Path, typer.Argument(help="The Word (.docx) or deck (.pptx) "
                                                    "template.")],
          kind: Kind = None) -> None:
    """List every problem of a Word or deck template at once (exit 3 if any)."""
    if file.suffix.lower() == ".pptx":  # layouts, placeholders and styles, for one chart a slide
        check_deck_template(file, 1)
        out.print(f"OK: {file} is a usable deck template")
        report_warnings(font_warnings_of(file))
        return
    _kind(kind)
    chosen = kind or kind_of(file)
    problems = check_template(file, chosen)
    raise_if_any(problems, TemplateError, f"{file}: the {chosen} template has problems",
                 "Fix each in Word; `builder templates vars " + chosen + "` lists the names. "
                 "docs/templates.md explains the tags.")
    out.print(f"OK: {file} is a usable {chosen} template")
    report_warnings(font_warnings_of(file))


@app.command(name="vars")
def variables(kind: Annotated[str, typer.Argument(help="report, front-sheet, agenda, minutes, "
                                                   "pack-page or deck.")] = "report") -> None:
    """Print every variable a template may use, with its type, meaning and an example (for
    the deck: the layouts and placeholders it fills, by name)."""
    if kind == "deck":
        for layout, placeholders in REQUIRED.items():
            out.print(f"layout '{layout}': placeholders " + ", ".join(
                f"'{name}'" for name in placeholders), markup=False)
        out.print(f"layout '{STYLES}': shapes " + ", ".join(f"'{name}'" for name in SHAPES)
                  + " (the tables' and charts' styles)", markup=False)
        return
    _kind(kind)
    for path, type_, meaning, example in describe(kind):
        shown = f"  e.g. {example!r}" if example else ""
        out.print(f"{path}  ({type_})  {meaning}{shown}", markup=False)


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
