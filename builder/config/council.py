"""The council configuration (``config/council.yaml``): the front-sheet text of the agenda pack.

The front sheet ("PUBLIC INFORMATION" pages, format-spec B.1) is the same for every meeting of
the panel in a municipal year: the panel's role and terms of reference, the standing notices,
the Corporate Plan goals, the dates of meetings, the rules on interests and the principles of
decision making. All of it is the council's wording, kept verbatim here; the Word template
decides only how it looks.

The sentences and labels printed in several papers are worded here once, with ``{name}``
placeholders checked when the file is read: the statement of confidentiality, the exclusion
item's ground, and (``labels``) the names and headings of appendices, the pack's own pages,
the minutes' labels, the page stamps, bookmarks and document titles. Every one defaults to
today's wording.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from builder.config.base import StrictModel
from builder.config.loader import read_yaml, validate_model
from builder.config.templates import TemplateChoice
from builder.config.wording import (
    CONFIDENTIALITY,
    DECK_PLACEHOLDER,
    EXCLUSION_GROUND,
    PDF_PLACEHOLDER,
    ConfidentialitySentence,
    GroundSentence,
    PdfSentence,
    PlainSentence,
    sentence,
)


def _sentence(*names: str) -> object:
    return AfterValidator(sentence(*names))


class MinutesLabels(StrictModel):
    """The fixed words of the minutes."""

    heading: Annotated[str, Field(min_length=1), _sentence("date")] = (
        "MINUTES OF THE MEETING HELD ON {date}")
    """The line under the panel's name; ``{date}``: '28 SEPTEMBER 2023'."""
    present: PlainSentence = "Present:"
    """Before the members present."""
    appointed_members: PlainSentence = "Appointed Members:"
    """Before the appointed members."""
    apologies: PlainSentence = "Apologies:"
    """Before the apologies."""
    in_attendance: PlainSentence = "In Attendance:"
    """Before the others in attendance."""


class StampLabels(StrictModel):
    """What is stamped on the pack's pages (format-spec B.3)."""

    page: Annotated[str, Field(min_length=1), _sentence("page")] = "Page {page}"
    """The public pack's page number, at the foot of every numbered page."""
    agenda_item: Annotated[str, Field(min_length=1), _sentence("number")] = (
        "Agenda Item {number}")
    """At the head of the first page of each agenda item's papers; ``{number}``: '9'."""
    exempt: Annotated[str, Field(min_length=1),
                      _sentence("number", "appendix", "page", "pages")] = (
        "Agenda Item {number}, {appendix} – page {page} of {pages}")
    """The exempt pack's foot: ``{appendix}`` (the appendix's name, 'Appendix 2'), ``{page}``
    of ``{pages}`` within the appendix."""


class Bookmarks(StrictModel):
    """The packs' bookmarks (the outline a PDF viewer shows) and the parts a screen reader
    lists."""

    front_sheet: PlainSentence = "Front sheet"
    """The front sheet."""
    agenda: PlainSentence = "Agenda"
    """The agenda."""
    supplementary_agenda: PlainSentence = "Supplementary agenda"
    """The agenda of a supplement."""
    item: Annotated[str, Field(min_length=1), _sentence("number", "title")] = (
        "Agenda Item {number}: {title}")
    """An agenda item's papers; ``{title}``: the item's title."""
    report: PlainSentence = "Report"
    """A report within its item."""
    minutes: PlainSentence = "Minutes"
    """The minutes within their item."""
    withheld: Annotated[str, Field(min_length=1), _sentence("bookmark")] = (
        "{bookmark} (not for publication)")
    """The public pack's page standing in for an exempt appendix; ``{bookmark}``: the
    appendix's."""
    exempt: Annotated[str, Field(min_length=1), _sentence("number", "bookmark")] = (
        "Agenda Item {number}, {bookmark}")
    """An appendix in the exempt pack; ``{bookmark}``: the appendix's."""
    blank: PlainSentence = "Blank page"
    """A blank page (the part a screen reader lists)."""


MeetingTitle = Annotated[str, Field(min_length=1), _sentence("panel", "date")]


class Titles(StrictModel):
    """The document titles PDF viewers show; ``{panel}`` ('Children and Families Scrutiny
    Panel') and ``{date}`` ('23 November 2023', the meeting's or the minutes')."""

    public: MeetingTitle = "{panel}, {date}: agenda pack"
    """The public pack."""
    exempt: MeetingTitle = "{panel}, {date}: exempt appendices (not for publication)"
    """The exempt pack."""
    front_sheet: MeetingTitle = "{panel}, {date}: front sheet"
    """The front sheet."""
    agenda: MeetingTitle = "{panel}, {date}: agenda"
    """The agenda."""
    minutes: MeetingTitle = "Minutes of the {panel}, {date}"
    """The minutes of a previous meeting."""
    supplement: Annotated[str, Field(min_length=1), _sentence("pack", "number")] = (
        "{pack}, supplement {number}")
    """A supplement's public or exempt pack; ``{pack}``: the pack's own title."""
    supplementary_agenda: Annotated[str, Field(min_length=1), _sentence("pack")] = (
        "{pack}: supplementary agenda")
    """A supplement's agenda; ``{pack}``: the supplement's title."""


Header = tuple[str, str, str, str, str]


class TrackerLabels(StrictModel):
    """The monitoring tracker appendix (format-spec E.1)."""

    header: Header = ("Date", "Title", "Action proposed", "Action Taken", "Progress Status")
    """The table's column headings."""
    header_2017: Header = ("Date", "Title", "Recommendation", "Action Taken", "Progress Status")
    """The column headings at a meeting of the 2017 variant."""
    subheading: Annotated[str, Field(min_length=1), _sentence("date")] = (
        "Scrutiny Monitoring – {date}")
    """The line under the panel's name; ``{date}``: the meeting's ('23 November 2023')."""
    description: Annotated[str, Field(min_length=1), _sentence("count")] = (
        "Recommendations made at previous meetings ({count}), the action taken and the "
        "progress status of each.")
    """The table's description for screen readers; ``{count}``: its rows."""


class GlossaryLabels(StrictModel):
    """The glossary appendix (format-spec E.2)."""

    acronyms: PlainSentence = "Acronyms"
    """The heading above the acronyms."""
    header: tuple[str, str] = ("Acronym", "Meaning")
    """The acronym table's column headings."""
    description: Annotated[str, Field(min_length=1), _sentence("count")] = (
        "{count} acronyms and what they stand for.")
    """The acronym table's description for screen readers."""
    terms: PlainSentence = "Terms"
    """The heading above the terms."""
    sources: PlainSentence = "Sources"
    """The heading above the sources."""


class PackLabels(StrictModel):
    """The fixed words of the papers: appendix names and headings, the report's yes/no
    answers, the agenda pack's own pages, stamps, bookmarks and titles."""

    appendix: Annotated[str, Field(min_length=1), _sentence("number")] = "Appendix {number}"
    """The name of an appendix, the ``{appendix}`` of the labels below and of the statement of
    confidentiality's ``{appendices}`` ('Appendix 2 and Appendix 3')."""
    last_separator: PlainSentence = " and "
    """Between the last two appendices of a list (spaces included)."""
    appendix_heading: Annotated[str, Field(min_length=1), _sentence("appendix", "title")] = (
        "{appendix}: {title}")
    """An appendix's heading in the report's copy, and its bookmark in the pack."""
    exempt_heading: Annotated[str, Field(min_length=1), _sentence("appendix", "title")] = (
        "{appendix}: Exempt – {title}")
    """An exempt appendix's heading in the report's copy."""
    no_confidentiality: PlainSentence = "None"
    """The report's confidentiality when it states none."""
    yes: PlainSentence = "Yes"
    """The report's answer to a yes/no question (key decision, ESIA, DPIA)."""
    no: PlainSentence = "No"
    """The report's answer to a yes/no question."""

    not_for_publication: PlainSentence = "NOT FOR PUBLICATION"
    """The heading of the page standing in the public pack for an exempt appendix and the
    banner on every page of the exempt pack."""
    blank_page: PlainSentence = "This page is intentionally left blank"
    """The page padding a paper to an even number of pages (and its document title)."""
    notice_title: Annotated[str, Field(min_length=1),
                            _sentence("number", "appendix", "title")] = (
        "Agenda Item {number}, {appendix}: {title}")
    """The title of the page standing in for an exempt appendix: ``{number}`` (agenda item),
    ``{appendix}`` (its name), ``{title}``."""
    pages: Annotated[str, Field(min_length=1), _sentence("first", "last")] = (
        " (Pages {first} - {last})")
    """After an agenda item's title on the agenda and the supplementary agenda (printed
    straight after the title, so it starts with a space)."""
    telephone: Annotated[str, Field(min_length=1), _sentence("tel")] = "Tel: {tel}"
    """The cover page's contact telephone line."""
    email: Annotated[str, Field(min_length=1), _sentence("email")] = "E-mail: {email}"
    """The cover page's contact e-mail line."""
    date_line: Annotated[str, Field(min_length=1), _sentence("date", "time")] = (
        "{date} at {time}")
    """The meeting's day and time on the cover page and the supplementary agenda: ``{date}``
    ('Thursday, 23 November 2023'), ``{time}`` ('5.30 pm'); the date alone when the meeting
    has no time."""
    minutes: MinutesLabels = MinutesLabels()
    """The minutes' heading and attendance labels."""
    stamps: StampLabels = StampLabels()
    """The page stamps."""
    bookmarks: Bookmarks = Bookmarks()
    """The packs' bookmarks."""
    tracker: TrackerLabels = TrackerLabels()
    """The monitoring tracker appendix's headings."""
    glossary: GlossaryLabels = GlossaryLabels()
    """The glossary appendix's headings."""
    titles: Titles = Titles()
    """The documents' titles."""


class Bullet(StrictModel):
    """A bullet whose first words are printed in bold, e.g. a Corporate Plan goal."""

    lead: str = Field(min_length=1)
    """The bold words, e.g. 'A prosperous city -'."""
    text: str = Field(min_length=1)
    """The rest of the bullet."""


class Bullets(StrictModel):
    """A bulleted list inside a block."""

    bullets: tuple[str | Bullet, ...] = Field(min_length=1)
    """Each bullet: plain text, or ``{lead, text}`` with bold first words."""


class Labelled(StrictModel):
    """A paragraph with a printed label, e.g. '(iii) Any contract ...' or 'a) the total ...'."""

    label: str = Field(min_length=1)
    """The label as printed: '(i)', 'a)'."""
    text: str = Field(min_length=1)
    """The paragraph after the label."""
    level: int = Field(default=1, ge=1, le=2)
    """1 for an item, 2 for a sub-item (indented further)."""


Content = tuple[str | Bullets | Labelled, ...]
"""A block's paragraphs in order: plain text, a bulleted list, or a labelled paragraph."""


class Block(StrictModel):
    """One block of the front sheet: a heading and its paragraphs."""

    heading: str | None = None
    """The block's heading as printed, e.g. 'Public Representations'; none for a block whose
    first paragraph says what it is about (the Corporate Plan goals)."""
    inline: bool = False
    """Print the heading in bold at the start of the first paragraph ('QUORUM The minimum
    ...') instead of on a line of its own."""
    content: Content = Field(min_length=1)
    """The paragraphs, bullets and labelled items of the block."""

    @model_validator(mode="after")
    def _inline_needs_text(self) -> Block:
        if self.inline and (self.heading is None or not isinstance(self.content[0], str)):
            raise ValueError("an inline heading needs a 'heading' and a first paragraph of "
                             "plain text to run into")
        return self


class MeetingDates(StrictModel):
    """'Dates of Meetings: Municipal Year': a column of dates per calendar year."""

    heading: str = Field(min_length=1)
    """e.g. 'Dates of Meetings: Municipal Year'."""
    dates: tuple[dt.date, ...] = Field(min_length=1)
    """Every meeting of the municipal year, in order (printed '16 June' under '2023')."""

    @model_validator(mode="after")
    def _in_order_within_two_years(self) -> MeetingDates:
        if list(self.dates) != sorted(set(self.dates)):
            raise ValueError("dates must be in order, each once")
        if self.dates[-1].year - self.dates[0].year > 1:
            raise ValueError("a municipal year spans at most two calendar years")
        return self


class FrontSheet(StrictModel):
    """The blocks of the front sheet, printed in this order (format-spec B.1)."""

    heading: str = "PUBLIC INFORMATION"
    """The first line of the front sheet."""
    role: Block
    """'Role of this Scrutiny Panel: ...'."""
    terms_of_reference: Block
    """'Terms Of Reference:-' and its bullets."""
    public_representations: Block
    """'Public Representations': addressing the meeting."""
    access: Block
    """'Access –': access for the disabled."""
    mobile_telephones: Block
    """'MOBILE TELEPHONES:-'."""
    social_media: Block
    """'Use of Social Media:-': recording and broadcasting of meetings."""
    business: Block
    """'Business to be Discussed'."""
    quorum: Block
    """'QUORUM': the minimum number of members."""
    rules_of_procedure: Block
    """'Rules of Procedure'."""
    smoking_policy: Block
    """'Smoking policy –'."""
    fire_procedure: Block
    """'Fire Procedure –'."""
    council_priorities: Block
    """The Corporate Plan goals (2023) or the council's priorities (2017)."""
    meeting_dates: MeetingDates
    """'Dates of Meetings: Municipal Year'."""
    disclosure_of_interests: Block
    """'DISCLOSURE OF INTERESTS': the duty to disclose."""
    disclosable_pecuniary_interests: Block
    """Items (i)-(vii), with the sub-items a) and b) of (vii)."""
    other_interests: Block
    """'Other Interests'."""
    principles_of_decision_making: Block
    """'Principles of Decision Making': two bulleted lists."""

    def blocks_before_dates(self) -> tuple[Block, ...]:
        return (self.role, self.terms_of_reference, self.public_representations, self.access,
                self.mobile_telephones, self.social_media, self.business, self.quorum,
                self.rules_of_procedure, self.smoking_policy, self.fire_procedure,
                self.council_priorities)

    def blocks_after_dates(self) -> tuple[Block, ...]:
        return (self.disclosure_of_interests, self.disclosable_pecuniary_interests,
                self.other_interests, self.principles_of_decision_making)


class Exclusion(StrictModel):
    """The agenda item generated before a report with exempt appendices (format-spec A.3)."""

    title: str = Field(min_length=1)
    """'EXCLUSION OF THE PRESS AND PUBLIC - EXEMPT PAPERS INCLUDED IN THE FOLLOWING ITEM'."""
    motion: str = Field(min_length=1)
    """'To move that in accordance with the Council’s Constitution, ...'. The sentences naming
    the appendices and the ground follow it (``grounds``)."""
    ground: Annotated[str, Field(min_length=1), _sentence("category", "paragraph")] = (
        "Category {category} of paragraph {paragraph}")
    """The ``{ground}`` of ``grounds`` for an appendix whose ``exempt_category`` reads
    'category 3 paragraph 10.4' (``{category}`` 3, ``{paragraph}`` 10.4); any other category
    is printed as written, its first letter in capitals."""
    grounds: GroundSentence = EXCLUSION_GROUND
    """The sentence after the motion, one per ground of the report's exempt appendices. Fields:
    ``{appendices}`` ('Appendix 2 and Appendix 3'), ``{verb}`` ('is' or 'are'), ``{ground}``
    ('Category 3 of paragraph 10.4'), ``{category}`` (as the appendix says it) and ``{reason}``
    (without its full stop)."""


class Placeholders(StrictModel):
    """What the report's own Word copy prints for an appendix that is not a Word document (the
    pack includes the appendix itself)."""

    deck: PlainSentence = DECK_PLACEHOLDER
    """Under the heading of a ``deck`` appendix."""
    pdf: PdfSentence = PDF_PLACEHOLDER
    """Under the heading of a PDF ``file`` appendix; ``{file}`` is its file name."""


class Council(StrictModel):
    """A council's standing text for its agenda packs."""

    name: str = Field(min_length=1)
    """e.g. 'Southampton City Council' (the minutes' first heading line, in capitals)."""
    front_sheet: FrontSheet
    """The 'PUBLIC INFORMATION' pages."""
    exclusion: Exclusion
    """The exclusion-of-press item's title and motion."""
    open_to_public: str = "This meeting is open to the public"
    """The cover page's line under the venue."""
    confidentiality: ConfidentialitySentence = CONFIDENTIALITY
    """The statement of confidentiality, one per ground of a report's exempt appendices: printed
    under the report's STATEMENT OF CONFIDENTIALITY and on the public pack's page standing in for
    each exempt appendix. Fields: ``{appendices}`` ('Appendix 2 and Appendix 3'), ``{verb}``
    ('is' or 'are'), ``{category}`` ('category 3 paragraph 10.4') and ``{reason}`` (without its
    full stop)."""
    placeholders: Placeholders = Placeholders()
    """The sentences standing in the report's Word copy for its deck and PDF appendices."""
    labels: PackLabels = PackLabels()
    """The fixed words of the papers: appendix names and headings, the pack's own pages, the
    minutes' labels, the page stamps, bookmarks and titles."""
    templates: TemplateChoice | None = None
    """The Word templates the council's papers are rendered from (paths relative to this
    file); any left out are the defaults shipped with builder."""


def load_council(path: Path) -> Council:
    """Read and validate a council YAML, listing every problem at once."""
    return validate_model(Council, read_yaml(path), path, "council configuration")
