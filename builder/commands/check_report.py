"""``builder check-report``: an officer's Word report checked before it is published."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.commands.common import err, out
from builder.config.report_format import Variant, load_report_format, variant_format
from builder.errors import ConfigError, PaperCheckError, Problem
from builder.inspection.report_check import ItemAppendices, blocking, check_report
from builder.inspection.report_document import Finding
from builder.render.report_clean import clean_report, cleaned_name


def check_report_command(
        file: Annotated[Path, typer.Argument(help="The officer's report, a .docx.")],
        variant: Annotated[Variant, typer.Option(
            help="The council's report format to check against (format-spec A.2).")] = "2023",
        headings_file: Annotated[Path | None, typer.Option(
            "--headings-file", help="The council's own report format (YAML, as "
            "builder/report_formats/2023.yaml); replaces --variant.")] = None,
        appendices: Annotated[int | None, typer.Option(
            min=0, help="How many appendices the agenda item has (default: as the report's "
            "own Appendices list).")] = None,
        fix: Annotated[bool, typer.Option(
            "--fix", help="Write a cleaned copy (NAME.cleaned.docx): comments, hidden text "
            "and personal metadata removed. The original is never changed.")] = False,
        out_file: Annotated[Path | None, typer.Option(
            "--out", help="With --fix: where to write the cleaned copy.")] = None,
        accept_changes: Annotated[bool, typer.Option(
            "--accept-changes", help="With --fix: accept the tracked changes too (otherwise "
            "they are left for the author).")] = False) -> None:
    """Check an officer's Word report against the committee-report format and for tracked
    changes, comments, hidden text, template guidance and personal metadata (exit 6 when
    something blocks publishing)."""
    if (out_file is not None or accept_changes) and not fix:
        raise ConfigError("--out and --accept-changes only go with --fix")
    if file.suffix.lower() != ".docx" or not file.is_file():
        raise ConfigError(f"{file}: {'not a .docx' if file.is_file() else 'file not found'}",
                          hint="check-report reads Word (.docx) files.")
    fmt = load_report_format(headings_file) if headings_file else variant_format(variant)
    item = ItemAppendices(count=appendices)
    findings = check_report(file, fmt, item)
    checked = file
    if fix:
        target = out_file or cleaned_name(file)
        try:
            cleaned = clean_report(file, target, fmt, accept_changes)
        except ValueError as exc:
            raise ConfigError(f"{file}: {exc}") from None
        show(findings, f"{file.name} before cleaning")
        out.print(f"wrote {target}: removed {', '.join(cleaned.removed) or 'nothing'}",
                  markup=False)
        for left in cleaned.left:
            err.print(f"left: {left}", markup=False)
        checked, findings = target, check_report(target, fmt, item)
    show(findings, checked.name)
    errors = blocking(findings)
    if errors:
        raise PaperCheckError(
            f"{checked.name}: {len(errors)} finding(s) block publishing",
            [Problem(str(checked), f.place, f"[{f.check}] {f.what}") for f in errors],
            hint="Ask the author to put them right, or run with --fix (and --accept-changes "
                 "once the changes are agreed).")
    out.print(f"OK: {checked.name} can be published ({len(findings)} warning(s))",
              markup=False)


def show(findings: list[Finding], name: str) -> None:
    """Every finding, one a line (warnings here; errors are listed again by the failure)."""
    if findings:
        err.print(f"{name}: {len(findings)} finding(s)", markup=False)
    for finding in findings:
        err.print(f"  {finding}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("check-report")(check_report_command)
