"""``builder check``: accessibility checks of finished papers (DESIGN 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.commands.common import out
from builder.errors import CheckError, ConfigError, Problem, raise_if_any
from builder.inspection.accessibility import CHECKED, check_file, files_to_check
from builder.inspection.statement import TEMPLATE, checked_file
from builder.inspection.statement import statement as write_statement


def check(paths: Annotated[list[Path], typer.Argument(
        help="Files (.docx, .pptx, .pdf) or folders of them, e.g. sample_output.")],
          statement: Annotated[Path | None, typer.Option(
              help="Also write the 'accessibility of this document' paragraph here, from "
                   "what was checked (written even when problems are found).")] = None,
          statement_template: Annotated[Path, typer.Option(
              help="The paragraph's wording: a Jinja text template.")] = TEMPLATE) -> None:
    """Check papers for title, language, headings, alt text, table headers, contrast and, in
    PDFs, the structure tree (figures, headings, /StructParents, XMP, untagged content)."""
    files = files_to_check(paths)
    if not files:
        raise ConfigError(f"no .docx, .pptx or .pdf files in {', '.join(map(str, paths))}",
                          hint="Name the papers, or a folder holding them.")
    unusable = [Problem(str(p), "", "file not found" if not p.is_file() else
                        f"cannot check '{p.suffix}' files", ", ".join(CHECKED))
                for p in files if not p.is_file() or p.suffix.lower() not in CHECKED]
    raise_if_any(unusable, ConfigError, "some files cannot be checked")
    found = {path: check_file(path) for path in files}
    issues = [issue for path in files for issue in found[path]]
    if statement is not None:
        text = write_statement([checked_file(path, found[path]) for path in files],
                               statement_template)
        statement.write_text(text, encoding="utf-8")
        out.print(f"wrote the accessibility statement to {statement}")
    if issues:
        failing = len({issue.file for issue in issues})
        raise CheckError(f"{len(issues)} issue(s) in {failing} of {len(files)} file(s)",
                         [Problem(str(i.file), i.where, i.what) for i in issues],
                         hint="Fix the template or the configuration, rebuild, and check again.")
    out.print(f"OK: {len(files)} file(s) pass the accessibility checks")


def register(app: typer.Typer) -> None:
    app.command()(check)
