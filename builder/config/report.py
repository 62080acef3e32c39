"""A committee report agenda item: every field of format-spec A.1, and its appendices.

``Appendix`` is shared with the pack (issue 5), which reads ``title``, ``kind``, ``path``,
``exempt`` and the exemption fields. Wording that is the same in every report (section headings,
the ESIA/DPIA questions, the confidentiality sentence) belongs to the Word template, not here.

Every text field may use sandboxed Jinja over the computed model, e.g.
``Performance information up to {{ period.end | long_date }} is attached as Appendix 1.``
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from builder.config.base import StrictModel
from builder.config.layout import LayoutChoice

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
    """Why it is exempt, completing 'The information is exempt from publication because ...',
    e.g. 'it relates to the financial and business affairs of ...'."""
    charts: bool = True
    """dataset only: add a trend chart per indicator after the theme's table."""
    layout: LayoutChoice = Field(default_factory=LayoutChoice)
    """dataset only: the table layout, a preset name (b4b-2023, the default;
    monthly-scorecard-2018; quarterly-scorecard-2014; monthly-dataset-2016) or
    ``{preset: NAME, ...overrides}`` (see builder/config/layout.py and docs/scorecards.md)."""

    @model_validator(mode="after")
    def _consistent(self) -> Appendix:
        if self.kind in ("tracker", "glossary", "file") and not self.path:
            raise ValueError(f"a {self.kind} appendix needs 'path'")
        if self.kind in ("dataset", "deck") and self.path:
            raise ValueError(f"a {self.kind} appendix is generated; leave out 'path'")
        if self.exempt and not (self.exempt_category and self.exempt_reason):
            raise ValueError("an exempt appendix needs 'exempt_category' and 'exempt_reason'")
        if not self.exempt and (self.exempt_category or self.exempt_reason):
            raise ValueError("'exempt_category'/'exempt_reason' need 'exempt: true'")
        return self


class ContactBlock(StrictModel):
    """One block under CONTACT DETAILS: job title, name and telephone, e-mail."""

    title: str | None = None
    """Job title, e.g. 'Executive Director – Corporate Services' (printed in 2023 only)."""
    name: str = Field(min_length=1)
    """e.g. 'Mel Creighton'."""
    tel: str | None = None
    """e.g. '023 8083 3528'."""
    email: str | None = None
    """e.g. 'Mel.creighton@southampton.gov.uk'."""


class SimpleTable(StrictModel):
    """A small table inside a section, e.g. results by year in DETAIL (spec A.1 item 11)."""

    header: tuple[str, ...] = Field(min_length=1)
    """Column headings (the header row is repeated on every page)."""
    rows: tuple[tuple[str, ...], ...] = Field(min_length=1)
    """Rows of cells as text, each as long as ``header``."""
    caption: str | None = None
    """Optional sentence shown above the table (and used as its description)."""

    @field_validator("rows", mode="before")
    @classmethod
    def _cells_as_text(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [[_cell_text(c) for c in row] if isinstance(row, list | tuple) else row
                    for row in value]
        return value

    @model_validator(mode="after")
    def _rectangular(self) -> SimpleTable:
        width = len(self.header)
        for n, row in enumerate(self.rows, 1):
            if len(row) != width:
                raise ValueError(f"row {n} has {len(row)} cells; the header has {width}")
        return self


def _cell_text(cell: Any) -> Any:
    return str(cell) if isinstance(cell, int | float) and not isinstance(cell, bool) else cell


class Block(StrictModel):
    """One element of a numbered section: a numbered paragraph (``text``, optionally with
    bullets and unnumbered follow-on paragraphs), an unnumbered sub-heading, or a table.
    A plain string in YAML is a numbered paragraph."""

    text: str | None = None
    """A numbered paragraph. A line break inside it is kept as a line break."""
    continued: bool = False
    """The paragraph continues the previous numbered one: printed unnumbered (with its own
    bullets), e.g. 'Other projects ... overseen by the board are:' and a list."""
    bullets: tuple[str, ...] = ()
    """Bullet points under the paragraph."""
    after: tuple[str, ...] = ()
    """Unnumbered paragraphs following the paragraph (and its bullets)."""
    subheading: str | None = None
    """An unnumbered sub-heading, e.g. 'Glossary of terms'; numbering does not restart."""
    table: SimpleTable | None = None
    """A simple table (no numbering)."""

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_paragraph(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_kind(self) -> Block:
        given = [k for k in ("text", "subheading", "table") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a block is exactly one of 'text' (a numbered paragraph), "
                             f"'subheading' or 'table' (got {', '.join(given) or 'none'})")
        if self.text is None and (self.bullets or self.after or self.continued):
            raise ValueError("'bullets', 'after' and 'continued' belong to a paragraph ('text')")
        return self


Blocks = tuple[Block, ...]


class Resources(StrictModel):
    """RESOURCE IMPLICATIONS: the combined sub-heading, or the split pair (spec A.1 item 12)."""

    combined: Blocks | None = None
    """Paragraphs under 'Capital/Revenue/Property/Other' (the usual 2023 form)."""
    capital_revenue: Blocks | None = None
    """Paragraphs under 'Capital/Revenue' (split form: 2017, and the 2023 B4B report)."""
    property_other: Blocks | None = None
    """Paragraphs under 'Property/Other' (split form)."""

    @model_validator(mode="after")
    def _one_form(self) -> Resources:
        split = (self.capital_revenue, self.property_other)
        if self.combined is not None and any(s is not None for s in split):
            raise ValueError("give either 'combined' or 'capital_revenue' + 'property_other'")
        if self.combined is None and any(s is None for s in split):
            raise ValueError("give 'combined', or both 'capital_revenue' and 'property_other'")
        for blocks in (self.combined, *split):
            if blocks is not None and not blocks:
                raise ValueError("a resource sub-section needs at least one paragraph")
        return self

    @property
    def is_combined(self) -> bool:
        return self.combined is not None


class Legal(StrictModel):
    """LEGAL IMPLICATIONS (spec A.1 item 13)."""

    statutory_power: Blocks = Field(min_length=1)
    """Paragraphs under 'Statutory power to undertake proposals in the report:'."""
    other: Blocks = Field(min_length=1)
    """Paragraphs under 'Other Legal Implications:', e.g. ['None']."""


class BackgroundDocument(StrictModel):
    """A row of the background documents table."""

    title: str = Field(min_length=1)
    """Title of the background paper, e.g. 'None' or 'N/A'."""
    exempt_paragraph: str | None = None
    """Relevant paragraph of the Access to Information Procedure Rules, if exempt."""


class Report(StrictModel):
    """The fields of a committee report (format-spec A.1), in the order they are printed."""

    decision_maker: str | None = None
    """DECISION-MAKER line; default: the meeting's panel (printed in capitals)."""
    subject: str = Field(min_length=1)
    """SUBJECT line, normally the agenda title (printed in capitals)."""
    date_of_decision: dt.date | None = None
    """DATE OF DECISION; default: the meeting date."""
    report_of: str = Field(min_length=1)
    """REPORT OF role, e.g. 'Scrutiny Manager' (printed in capitals)."""
    director: ContactBlock
    """The Executive Director (2023, printed first) or Director (2017, printed second)."""
    author: ContactBlock
    """The author of the report."""
    confidentiality: str | None = None
    """STATEMENT OF CONFIDENTIALITY when no appendix is exempt: left out, it prints 'None'; ''
    leaves it blank. With exempt appendices the statement is generated; leave this out."""
    brief_summary: tuple[str, ...] = Field(min_length=1)
    """BRIEF SUMMARY: one or more unnumbered paragraphs (a single string is one paragraph)."""
    recommendations: tuple[str, ...] = Field(min_length=1)
    """RECOMMENDATIONS, numbered (i), (ii), ... e.g. 'That the Panel note ...'."""
    reasons: Blocks = Field(min_length=1)
    """REASONS FOR REPORT RECOMMENDATIONS (paragraph numbering starts here at 1)."""
    alternatives: Blocks = Field(min_length=1)
    """ALTERNATIVE OPTIONS CONSIDERED AND REJECTED, e.g. ['None.']."""
    detail: Blocks = Field(min_length=1)
    """DETAIL (Including consultation carried out): paragraphs, sub-headings and tables."""
    resources: Resources
    """RESOURCE IMPLICATIONS, combined or split sub-headings."""
    legal: Legal
    """LEGAL IMPLICATIONS."""
    risk: Blocks | None = None
    """RISK MANAGEMENT IMPLICATIONS: required by the 2023 variant, absent in 2017."""
    policy: Blocks = Field(min_length=1)
    """POLICY FRAMEWORK IMPLICATIONS (a paragraph may have unnumbered follow-ons)."""
    key_decision: bool = False
    """KEY DECISION? Yes/No."""
    wards: str | None = None
    """WARDS/COMMUNITIES AFFECTED; default: the template's ('None', or 2017 'None directly as a
    result of this report'). The B4B report has 'All'."""
    appendices: tuple[Appendix, ...] = ()
    """Appendices in order; their position is their number."""
    members_rooms: tuple[str, ...] = ("None",)
    """Documents In Members’ Rooms, listed 1., 2., ... (B4B prints 'NA')."""
    esia: bool = False
    """Does the report require an Equality and Safety Impact Assessment? Printed Yes/No."""
    dpia: bool = False
    """Does it require a Data Protection (2017: Privacy) Impact Assessment? Printed Yes/No."""
    background_documents: tuple[BackgroundDocument, ...] = (BackgroundDocument(title="None"),)
    """Rows of the background documents table, numbered 1., 2., ..."""

    @field_validator("brief_summary", "recommendations", "members_rooms", mode="before")
    @classmethod
    def _string_is_one_item(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _confidentiality(self) -> Report:
        if self.confidentiality is not None and any(a.exempt for a in self.appendices):
            raise ValueError("the statement of confidentiality is generated from the exempt "
                             "appendices; leave out 'confidentiality'")
        return self

    @property
    def exempt_appendices(self) -> tuple[int, ...]:
        """Numbers (1-based) of the exempt appendices."""
        return tuple(n for n, a in enumerate(self.appendices, 1) if a.exempt)
