"""A supplied paper agenda item (``kind: paper``): an officer's finished report, as a Word or
PDF file, and its appendices (format-spec A.3: exempt ones go to the exempt pack only).

Its appendices are the same :class:`~builder.config.report.Appendix` as a YAML report's, each an
external file: ``file:`` names it (``kind: file`` is implied).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from pydantic import Field, model_validator

from builder.config.base import StrictModel
from builder.config.report import Appendix

PAPER_TYPES = (".docx", ".pdf")


class Paper(StrictModel):
    """The officer's paper and its appendices."""

    file: str = Field(min_length=1)
    """The report as sent, .docx (checked against the report format, then cleaned) or .pdf
    (published as it is), relative to the meeting YAML."""
    appendices: tuple[Appendix, ...] = ()
    """Appendices in order, their position their number: ``title``, ``file`` (.docx/.pdf),
    and ``exempt`` with ``exempt_category`` and ``exempt_reason`` as for a YAML report."""
    headings: str | None = None
    """The report format to check the paper against (a YAML file as
    ``builder/report_formats/2023.yaml``); default: the meeting's variant."""

    @model_validator(mode="before")
    @classmethod
    def _appendix_files(cls, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("appendices"), list):
            value = {**value, "appendices": [_as_file_appendix(a) for a in value["appendices"]]}
        return value

    @model_validator(mode="after")
    def _file_types(self) -> Paper:
        if any(a.kind != "file" for a in self.appendices):
            raise ValueError("a supplied paper's appendices are files: give 'file', not 'kind'")
        for name in (self.file, *(a.path or "" for a in self.appendices)):
            if PurePath(name).suffix.lower() not in PAPER_TYPES:
                raise ValueError(f"'{name}' is not a .docx or .pdf file")
        return self

    @property
    def exempt_appendices(self) -> tuple[int, ...]:
        """Numbers (1-based) of the exempt appendices."""
        return tuple(n for n, a in enumerate(self.appendices, 1) if a.exempt)


def _as_file_appendix(entry: Any) -> Any:
    """``{title, file, ...}`` as an :class:`Appendix` of kind 'file' with ``path``."""
    if isinstance(entry, dict) and "file" in entry and "path" not in entry:
        rest = {k: v for k, v in entry.items() if k != "file"}
        return {"kind": "file", **rest, "path": entry["file"]}
    return entry
