"""The committee-report format a supplied paper is checked against (``builder check-report``).

The council's two published variants ship as ``builder/report_formats/2023.yaml`` and
``2017.yaml`` (format-spec A.1, A.2); a council with its own template gives its own file of the
same shape (``--headings-file``, or ``headings:`` on a paper agenda item).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator

from builder.config.base import StrictModel
from builder.config.loader import read_yaml, validate_model

FORMATS = Path(__file__).resolve().parent.parent / "report_formats"
Variant = Literal["2023", "2017"]


class Heading(StrictModel):
    """One section heading of the format, in the order the report prints them."""

    text: str = Field(min_length=1)
    """As printed, e.g. 'BRIEF SUMMARY'. Case, spacing, a final ':' or '?' and the kind of
    apostrophe do not matter when matching."""
    inline: bool = False
    """A field line whose value follows on the same line, e.g. 'DECISION-MAKER:' in
    'DECISION-MAKER:  CHILDREN AND FAMILIES SCRUTINY PANEL': matched at the paragraph's start."""

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_heading(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class ReportFormat(StrictModel):
    """Section headings, where the numbered paragraphs run, and what marks template guidance."""

    name: str = Field(min_length=1)
    """Shown in the findings, e.g. 'committee report, 2023 template'."""
    headings: tuple[Heading, ...] = Field(min_length=1)
    """Every heading the report must have, in order."""
    numbering_from: str
    """The heading whose first paragraph is numbered 1 ('REASONS FOR REPORT RECOMMENDATIONS')."""
    numbering_to: str
    """The last heading whose paragraphs continue the numbering ('POLICY FRAMEWORK
    IMPLICATIONS'); the numbered run ends at the next heading of the list."""
    recommendations: str
    """The heading of the recommendations, numbered (i), (ii), ..."""
    confidentiality: str
    """The heading of the statement of confidentiality, which names the exempt appendices."""
    appendices: str
    """The heading of the list of appendices (exempt ones begin 'Exempt')."""
    guidance_phrases: tuple[str, ...] = ()
    """Text the template's guidance or placeholders contain, e.g. '[insert', 'Guidance:'
    (matched anywhere, ignoring case)."""
    guidance_colours: tuple[str, ...] = ()
    """Font colours (RRGGBB) the template prints its guidance in, e.g. '0000FF'."""
    guidance_styles: tuple[str, ...] = ()
    """Paragraph or character style names the template marks guidance with."""
    tool_names: tuple[str, ...] = ()
    """Author names that are programs, not people (not personal metadata), e.g. 'builder'."""

    @model_validator(mode="after")
    def _named_headings_are_listed(self) -> ReportFormat:
        listed = {h.text for h in self.headings}
        for key in ("numbering_from", "numbering_to", "recommendations", "confidentiality",
                    "appendices"):
            if getattr(self, key) not in listed:
                raise ValueError(f"{key} '{getattr(self, key)}' is not one of the headings")
        return self


def load_report_format(path: Path) -> ReportFormat:
    """A format file, validated (every problem listed at once)."""
    return validate_model(ReportFormat, read_yaml(path), path, "report format")


def variant_format(variant: Variant) -> ReportFormat:
    """One of the council's published formats (format-spec A.1, A.2)."""
    return load_report_format(FORMATS / f"{variant}.yaml")
