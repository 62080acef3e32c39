"""The agenda pack's template contexts: front sheet, agenda, minutes and the pack's own pages.

Each template in ``builder/templates/`` may use exactly the fields of its context class here:
``front_sheet.docx`` -> :class:`FrontSheetContext`, ``agenda.docx`` -> :class:`AgendaContext`,
``minutes.docx`` -> :class:`MinutesContext`, ``agenda_pack_page.docx`` ->
:class:`PackPageContext`. Text blocks are flattened into :class:`Line` s whose ``kind`` names
the paragraph style the template uses for them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from builder.compute.periods import Month, parse_period
from builder.config.council import Block, Bullet, Bullets, Content, Council, MeetingDates
from builder.config.meeting import (
    AgendaItem,
    LoadedMeeting,
    Meeting,
    NumberedItem,
    numbered_items,
)
from builder.config.minutes import Minutes, Resolved
from builder.config.paper import Paper
from builder.config.report import Report
from builder.config.wording import fill
from builder.present import formatting as fmt
from builder.present.report_context import (
    Strings,
    appendix_list,
    appendix_name,
    clean,
    exempt_groups,
    text_context,
)

LineKind = Literal["heading", "paragraph", "bullet", "item", "subitem"]


@dataclass(frozen=True)
class Line:
    """One paragraph of a text block, in the style ``kind`` names."""

    kind: LineKind
    text: str
    lead: str = ""
    """Bold words printed before ``text`` (an inline heading, a goal's title)."""
    label: str = ""
    """The printed label of an item: '(i)', 'a)', '1)'."""


@dataclass(frozen=True)
class DatesTable:
    """'Dates of Meetings: Municipal Year': a column of '16 June' dates per calendar year."""

    heading: str
    years: tuple[str, str]
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FrontSheetContext:
    """``front_sheet.docx``: the cover page and the 'PUBLIC INFORMATION' pages."""

    panel: str
    date_line: str
    """'Thursday, 23 November 2023 at 5.30 pm'."""
    venue: str
    open_to_public: str
    members: tuple[str, ...]
    """'Councillor T Bunday (Chair)', ..."""
    contacts: tuple[str, ...]
    """The Democratic Support Officer: name and role, telephone, e-mail."""
    heading: str
    before_dates: tuple[Line, ...]
    dates: DatesTable
    after_dates: tuple[Line, ...]


@dataclass(frozen=True)
class AgendaEntry:
    """One agenda item as printed."""

    number: int
    title: str
    pages: str
    """' (Pages 1 - 4)', or '' for an item without papers."""
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class AgendaContext:
    """``agenda.docx``: the items and the issue line."""

    items: tuple[AgendaEntry, ...]
    issue_date: str
    """'Wednesday, 15 November 2023'."""
    signatory: str


@dataclass(frozen=True)
class Attendance:
    """A line of the minutes' attendance: 'Present:' and the names."""

    label: str
    text: str


@dataclass(frozen=True)
class MinuteEntry:
    """One numbered item of the minutes."""

    number: int
    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class MinutesContext:
    """``minutes.docx``."""

    council: str
    panel: str
    heading: str
    """'MINUTES OF THE MEETING HELD ON 28 SEPTEMBER 2023'."""
    attendance: tuple[Attendance, ...]
    items: tuple[MinuteEntry, ...]


@dataclass(frozen=True)
class Notice:
    """The page standing in the public pack for an exempt appendix."""

    heading: str
    title: str
    """'Agenda Item 9, Appendix 2: SEND Capital Programme Briefing Paper'."""
    statement: str
    """Why it is not published: the paragraph relied on and the reason."""


@dataclass(frozen=True)
class PackPageContext:
    """``agenda_pack_page.docx``: one page, either a notice or the blank page."""

    notice: Notice | None
    blank: str


def template_names(context: Any) -> dict[str, Any]:
    """The top-level names a context (one of the dataclasses above) gives its template."""
    return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}


# ------------------------------------------------------------------------------- text blocks

def block_lines(block: Block) -> tuple[Line, ...]:
    """A front-sheet block as lines: its heading (unless inline), then its content."""
    lines = [] if block.heading is None or block.inline else [Line("heading", block.heading)]
    lead = f"{block.heading} " if block.inline and block.heading else ""
    lines.extend(content_lines(block.content, lead))
    return tuple(lines)


def content_lines(content: Content, lead: str = "") -> list[Line]:
    """Paragraphs, bullets and labelled items; ``lead`` runs into the first paragraph."""
    lines: list[Line] = []
    for entry in content:
        if isinstance(entry, str):
            lines.append(Line("paragraph", clean(entry), lead))
            lead = ""
        elif isinstance(entry, Bullets):
            lines.extend(_bullet(b) for b in entry.bullets)
        else:
            kind: LineKind = "item" if entry.level == 1 else "subitem"
            lines.append(Line(kind, clean(entry.text), label=entry.label))
    return lines


def _bullet(bullet: str | Bullet) -> Line:
    if isinstance(bullet, str):
        return Line("bullet", clean(bullet))
    return Line("bullet", clean(bullet.text), f"{bullet.lead} ")


# ------------------------------------------------------------------------------- front sheet

def front_sheet_context(council: Council, loaded: LoadedMeeting) -> FrontSheetContext:
    meeting = loaded.meeting
    sheet = council.front_sheet
    when = date_line(meeting, council)
    members = tuple(f"{m.name} ({m.role})" if m.role else m.name for m in meeting.members)
    contacts: tuple[str, ...] = ()
    if meeting.contact is not None:
        c, labels = meeting.contact, council.labels
        contacts = tuple(t for t in (f"{c.role}: {c.name}",
                                     c.tel and fill(labels.telephone, {"tel": c.tel}),
                                     c.email and fill(labels.email, {"email": c.email})) if t)
    return FrontSheetContext(
        panel=meeting.panel.upper(), date_line=when, venue=meeting.venue or "",
        open_to_public=council.open_to_public, members=members, contacts=contacts,
        heading=sheet.heading,
        before_dates=tuple(line for b in sheet.blocks_before_dates() for line in block_lines(b)),
        dates=dates_table(sheet.meeting_dates),
        after_dates=tuple(line for b in sheet.blocks_after_dates() for line in block_lines(b)))


def date_line(meeting: Meeting, council: Council) -> str:
    """'Thursday, 23 November 2023 at 5.30 pm', in the council's words."""
    day = fmt.weekday_date(meeting.date)
    if not meeting.time:
        return day
    return fill(council.labels.date_line, {"date": day, "time": meeting.time})


def dates_table(dates: MeetingDates) -> DatesTable:
    """Two columns, one per calendar year of the municipal year, dates as '16 June'."""
    first = dates.dates[0].year
    columns: list[list[str]] = [[], []]
    for day in dates.dates:
        columns[day.year - first].append(f"{day.day} {day:%B}")
    depth = max(len(c) for c in columns)
    rows = tuple((_at(columns[0], r), _at(columns[1], r)) for r in range(depth))
    return DatesTable(dates.heading, (str(first), str(first + 1)), rows)


def _at(column: list[str], row: int) -> str:
    return column[row] if row < len(column) else ""


# ------------------------------------------------------------------------------------ agenda

def pages_text(council: Council, first: int, last: int) -> str:
    """' (Pages 5 - 74)' as the agenda prints it, in the council's words."""
    return fill(council.labels.pages, {"first": str(first), "last": str(last)})


def agenda_context(council: Council, loaded: LoadedMeeting,
                   ranges: Mapping[int, tuple[int, int]]) -> AgendaContext:
    """The agenda; ``ranges`` maps an agenda number to the first and last page of its papers."""
    meeting = loaded.meeting
    strings = Strings(str(loaded.path), "items", text_context(loaded, meeting_period(loaded)))
    entries = []
    for numbered in numbered_items(meeting):
        pages = pages_text(council, *ranges[numbered.number]) \
            if numbered.number in ranges else ""
        if numbered.excludes_for is not None:
            source = numbered.excludes_for.report or numbered.excludes_for.paper
            assert source is not None  # an exclusion item is only generated for a report/paper
            paragraphs = (council.exclusion.motion,
                          *exclusion_grounds(source, strings, council))
            entries.append(AgendaEntry(numbered.number, council.exclusion.title, pages,
                                       tuple(clean(p) for p in paragraphs)))
            continue
        item = _item(numbered)
        index = meeting.items.index(item)
        description = (strings(item.description, f"[{index}].description"),) \
            if item.description else ()
        entries.append(AgendaEntry(numbered.number, strings(item.title, f"[{index}].title"),
                                   pages, description))
    return AgendaContext(tuple(entries), fmt.weekday_date(meeting.issue_date),
                         meeting.signatory)


def _item(numbered: NumberedItem) -> AgendaItem:
    if numbered.item is None:
        raise ValueError(f"agenda item {numbered.number} is neither an item nor an exclusion")
    return numbered.item


def meeting_period(loaded: LoadedMeeting) -> Month | None:
    data = loaded.meeting.data
    return parse_period(data.period) if data is not None else None


def exclusion_grounds(report: Report | Paper, strings: Strings, council: Council) -> list[str]:
    """The council's ``exclusion.grounds`` sentence once per ground, naming the appendices
    exactly as the report's statement of confidentiality does."""
    return [fill(council.exclusion.grounds,
                 {**g, "ground": access_ground(g["category"], council.exclusion.ground)})
            for g in exempt_groups(report, strings, council.labels)]


_CATEGORY = re.compile(r"^\s*category\s+(\S+)\s+(?:of\s+)?paragraph\s+(\S+)\s*$", re.IGNORECASE)


def access_ground(category: str, ground: str) -> str:
    """'category 3 paragraph 10.4' -> 'Category 3 of paragraph 10.4' (format-spec A.3), as
    the council's ``exclusion.ground`` words it."""
    match = _CATEGORY.match(category)
    if match:
        return fill(ground, {"category": match.group(1), "paragraph": match.group(2)})
    return category[:1].upper() + category[1:]


# ----------------------------------------------------------------------------------- minutes

def minutes_context(council: Council, minutes: Minutes) -> MinutesContext:
    labels = council.labels.minutes
    attendance = tuple(Attendance(label, clean(text)) for label, text in (
        (labels.present, minutes.present), (labels.appointed_members, minutes.appointed_members),
        (labels.apologies, minutes.apologies), (labels.in_attendance, minutes.in_attendance))
        if text)
    items = tuple(
        MinuteEntry(minutes.first_number + n, clean(item.title),
                    tuple(content_lines(item.content)) + resolved_lines(item.resolved))
        for n, item in enumerate(minutes.items))
    return MinutesContext(council.name.upper(), minutes.panel.upper(),
                          fill(labels.heading, {"date": fmt.upper_date(minutes.date)}),
                          attendance, items)


def resolved_lines(resolved: Resolved | None) -> tuple[Line, ...]:
    """'RESOLVED: that ...' on one line, or the heading then '1) That ...' lines."""
    if resolved is None:
        return ()
    if resolved.text is not None:
        return (Line("paragraph", clean(resolved.text), f"{resolved.heading} "),)
    return (Line("paragraph", "", resolved.heading),
            *(Line("item", clean(text), label=resolution_label(resolved.numbering, n))
              for n, text in enumerate(resolved.resolutions, 1)))


def resolution_label(numbering: str, n: int) -> str:
    """'1)', '1.' or '(i)' for the ``n``-th resolution."""
    if numbering == "(i)":
        return f"({roman(n).lower()})"
    return f"{n}{numbering[-1]}"


def roman(n: int) -> str:
    """Roman numerals for list labels (1 -> 'I', 4 -> 'IV', 9 -> 'IX')."""
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, numeral in numerals:
        count, n = divmod(n, value)
        out += numeral * count
    return out


# ------------------------------------------------------------------------ the pack's own pages

def notices(loaded: LoadedMeeting, council: Council) -> dict[tuple[int, int], Notice]:
    """(agenda number, appendix number) -> the notice for every exempt appendix, its texts
    rendered like the report's own (they may use sandboxed Jinja), with the council's
    statement of confidentiality as the report prints it."""
    strings = Strings(str(loaded.path), "items", text_context(loaded, meeting_period(loaded)))
    out = {}
    for numbered in numbered_items(loaded.meeting):
        item = numbered.item
        if item is None or not item.appendices:
            continue
        index = loaded.meeting.items.index(item)
        for k, appendix in enumerate(item.appendices, 1):
            if appendix.exempt:
                at = f"[{index}].{item.kind}.appendices[{k - 1}]"
                out[(numbered.number, k)] = notice(
                    numbered.number, k, strings(appendix.title, f"{at}.title"),
                    strings(appendix.exempt_category or "", f"{at}.exempt_category"),
                    strings(appendix.exempt_reason or "", f"{at}.exempt_reason"),
                    council)
    return out


def notice(agenda_number: int, appendix_number: int, title: str, category: str,
           reason: str, council: Council) -> Notice:
    """The page that stands in the public pack for an exempt appendix: the statement of
    confidentiality for that appendix alone."""
    labels = council.labels
    statement = fill(council.confidentiality, {
        "appendices": appendix_list([appendix_number], labels), "verb": "is",
        "category": category, "reason": reason.rstrip(".")})
    return Notice(labels.not_for_publication,
                  fill(labels.notice_title, {"number": str(agenda_number), "title": title,
                                             "appendix": appendix_name(appendix_number, labels)}),
                  clean(statement))


def notice_page(page: Notice) -> PackPageContext:
    return PackPageContext(page, "")


def blank_page(council: Council) -> PackPageContext:
    return PackPageContext(None, council.labels.blank_page)


# ------------------------------------------------------------------------------------ titles

@dataclass(frozen=True)
class PackTitles:
    """The document titles PDF viewers show for the pack and its own documents."""

    public: str
    exempt: str
    front_sheet: str
    agenda: str
    blank: str


def pack_titles(loaded: LoadedMeeting, council: Council) -> PackTitles:
    """'Children and Families Scrutiny Panel, 23 November 2023: agenda pack', ..."""
    titles = council.labels.titles
    meeting = {"panel": loaded.meeting.panel, "date": fmt.long_date(loaded.meeting.date)}
    return PackTitles(public=fill(titles.public, meeting), exempt=fill(titles.exempt, meeting),
                      front_sheet=fill(titles.front_sheet, meeting),
                      agenda=fill(titles.agenda, meeting), blank=council.labels.blank_page)


def minutes_title(minutes: Minutes, council: Council) -> str:
    """'Minutes of the Children and Families Scrutiny Panel, 28 September 2023'."""
    return fill(council.labels.titles.minutes,
                {"panel": minutes.panel, "date": fmt.long_date(minutes.date)})


def appendix_bookmark(number: int, title: str, council: Council) -> str:
    """'Appendix 1: Terms of reference' (the appendix's heading, exempt or not)."""
    labels = council.labels
    return fill(labels.appendix_heading, {"appendix": appendix_name(number, labels),
                                          "title": title})
