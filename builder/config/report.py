"""A committee report agenda item: every field of format-spec A.1, and its appendices.

OWNER: the report capability (issue 3) extends ``Report``; ``Appendix`` is shared with the
pack (issue 5), which reads ``title``, ``kind``, ``path``, ``exempt`` and the exemption fields.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from builder.config.base import StrictModel

AppendixKind = Literal["dataset", "tracker", "glossary", "file", "deck"]


class Appendix(StrictModel):
    """One appendix of a report, numbered by its position (1, 2, ...)."""

    title: str = Field(min_length=1)
    """As listed under SUPPORTING DOCUMENTATION, e.g. 'Children and Learning Glossary'."""
    kind: AppendixKind
    """dataset: the computed performance dataset; tracker: monitoring scrutiny recommendations
    from ``path``; glossary: from ``path`` (YAML); file: an external .docx (appended) or .pdf
    (carried to the pack) at ``path``; deck: the B4B deck of the meeting, as its PDF."""
    path: str | None = None
    """File for tracker, glossary and file appendices, relative to the meeting YAML."""
    exempt: bool = False
    """Not for publication: kept out of the public pack, listed 'Exempt –'."""
    exempt_category: str | None = None
    """The Access to Information Procedure Rules ground, e.g. 'category 3 paragraph 10.4'."""
    exempt_reason: str | None = None
    """Why it is exempt, e.g. 'it relates to the financial and business affairs of ...'."""

    @model_validator(mode="after")
    def _consistent(self) -> Appendix:
        if self.kind in ("tracker", "glossary", "file") and not self.path:
            raise ValueError(f"a {self.kind} appendix needs 'path'")
        if self.exempt and not (self.exempt_category and self.exempt_reason):
            raise ValueError("an exempt appendix needs 'exempt_category' and 'exempt_reason'")
        return self


class Report(StrictModel):
    """The fields of a committee report (format-spec A.1)."""

    subject: str = Field(min_length=1)
    """SUBJECT line, normally the agenda title."""
    report_of: str = Field(min_length=1)
    """REPORT OF role, e.g. 'Scrutiny Manager'."""
    appendices: tuple[Appendix, ...] = ()
    """Appendices in order; their position is their number."""
