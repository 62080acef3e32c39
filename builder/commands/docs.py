"""``builder docs``: the generated parts of ``docs/`` (the configuration reference)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.commands.common import out
from builder.docs_reference import load_samples, reference_markdown
from builder.errors import ConfigError

docs_app = typer.Typer(help="Generate the documentation in docs/ from the code.",
                       no_args_is_help=True)


@docs_app.command()
def reference(
        out_path: Annotated[Path, typer.Option(
            "--out", help="The Markdown file to write.")] = Path("docs/configuration.md"),
        sample: Annotated[Path, typer.Option(
            help="The sample meeting YAML the examples come from (and the files it names).")]
        = Path("config/meetings/2023-11-23.yaml"),
        check: Annotated[bool, typer.Option(
            "--check", help="Write nothing; fail if the file is not up to date.")] = False,
) -> None:
    """Write the configuration reference: every key of every config file, from the schemas."""
    text = reference_markdown(load_samples(sample))
    if check:
        current = out_path.read_text(encoding="utf-8") if out_path.is_file() else None
        if current != text:
            raise ConfigError(f"{out_path} is out of date with the configuration schemas",
                              hint="Run `builder docs reference` and commit the result.")
        out.print(f"OK: {out_path} is up to date", markup=False)
        return
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
    out.print(f"wrote {out_path}", markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(docs_app, name="docs")
