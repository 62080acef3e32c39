"""What the rendering capabilities hand to the pack: each report as separable parts.

The pack (issue 5) converts every part to PDF, keeps exempt appendices out of the public pack,
and puts the deck in as its PDF. The reports capability (issue 3) produces these.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.config.report import AppendixKind


@dataclass(frozen=True)
class AppendixPart:
    """One appendix of one report, as a file of its own."""

    number: int
    """1-based, as in the report's appendices list."""
    title: str
    kind: AppendixKind
    source: Path | None
    """.docx, .pdf or .pptx to convert/carry; None for kind 'deck' (the build supplies it)."""
    exempt: bool = False
    exempt_category: str | None = None
    exempt_reason: str | None = None


@dataclass(frozen=True)
class ReportParts:
    """A rendered report: the deliverable .docx, and the parts the pack is made of."""

    agenda_number: int
    title: str
    """The agenda title (capitals)."""
    docx: Path
    """``item-NN-<slug>.docx``: the report and its Word appendices (Scrutiny Manager)."""
    body: Path
    """The report without appendices (.docx), the pack's first part of this item."""
    appendices: tuple[AppendixPart, ...] = ()
