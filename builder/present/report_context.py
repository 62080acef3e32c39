"""The committee report's template context: every config string rendered and formatted as text.

The Word template (``builder/templates/committee_report.docx``) may use exactly these names:

``variant`` '2023' | '2017'; ``decision_maker``, ``subject``, ``date_of_decision``,
``report_of`` (capitals); ``director``, ``author`` {title, name, tel, email};
``confidentiality`` (text, '' for blank); ``exempt_groups`` [{appendices, verb, category,
reason, statement}] (``statement``: the council's ``confidentiality`` sentence filled in);
``brief_summary`` [text]; ``recommendations`` [text]; ``reasons``, ``alternatives``,
``detail``, ``risk``, ``policy`` [block]; ``resources`` {is_combined, combined,
capital_revenue, property_other}; ``legal`` {statutory_power, other}; ``key_decision``,
``esia``, ``dpia`` ('Yes'/'No'); ``wards`` ('' for the template's default); ``appendices``
[{number, title, exempt}]; ``members_rooms`` [text]; ``background_documents`` [{title,
exempt_paragraph}]. A block is {kind: 'paragraph'|'subheading'|'table', text, continued,
bullets, after, caption, header, rows}.

Configuration strings may themselves use sandboxed Jinja over :func:`text_context`:
``period`` (:class:`PeriodText`) and ``meeting`` (:class:`MeetingText`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.compute.periods import Month
from builder.config.council import PackLabels
from builder.config.meeting import LoadedMeeting
from builder.config.paper import Paper
from builder.config.report import Block, ContactBlock, Report
from builder.config.wording import fill
from builder.jinja_sandbox import has_tags, render_text
from builder.present import formatting as fmt

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class PeriodText:
    """The report month as config strings may use it: ``{{ period.end | long_date }}``."""

    iso: str
    """``2023-10``."""
    label: str
    """``Oct-23``."""
    name: str
    """``October 2023``."""
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class MeetingText:
    """The meeting as config strings may use it: ``{{ meeting.date | long_date }}``."""

    panel: str
    date: dt.date
    issue_date: dt.date


def period_text(month: Month) -> PeriodText:
    start = month.first_day()
    return PeriodText(month.iso(), month.label(), f"{start:%B %Y}", start, month.last_day())


def text_context(loaded: LoadedMeeting, period: Month | None) -> dict[str, Any]:
    """Names a configuration string may use."""
    m = loaded.meeting
    context: dict[str, Any] = {"meeting": MeetingText(m.panel, m.date, m.issue_date)}
    if period is not None:
        context["period"] = period_text(period)
    return context


def clean(text: str) -> str:
    """Remove control characters (docxtpl would turn \\a and \\f into paragraphs and pages)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n"))


class Strings:
    """Renders the configuration strings of one report item, naming each by its key path."""

    def __init__(self, file: str, prefix: str, context: Mapping[str, Any]) -> None:
        self.file, self.prefix, self.context = file, prefix, context

    def __call__(self, text: str, where: str) -> str:
        if has_tags(text):
            text = render_text(text, self.context, self.file, f"{self.prefix}.{where}")
        return clean(text)

    def all(self, texts: Sequence[str], where: str) -> list[str]:
        return [self(t, f"{where}[{n}]") for n, t in enumerate(texts)]


def report_context(loaded: LoadedMeeting, index: int, period: Month | None,
                   confidentiality: str, labels: PackLabels) -> dict[str, Any]:
    """The template context of the report at ``meeting.items[index]``; ``confidentiality`` is
    the council's statement of confidentiality, with its ``{name}`` fields, ``labels`` the
    council's fixed words."""
    meeting = loaded.meeting
    item = meeting.items[index]
    report = item.report
    if report is None:
        raise ValueError(f"items[{index}] is not a report")
    s = Strings(str(loaded.path), f"items[{index}].report", text_context(loaded, period))
    return {
        "variant": meeting.variant,
        "decision_maker": s(report.decision_maker or meeting.panel, "decision_maker").upper(),
        "subject": s(report.subject, "subject").upper(),
        "date_of_decision": fmt.upper_date(report.date_of_decision or meeting.date),
        "report_of": s(report.report_of, "report_of").upper(),
        "director": _contact(report.director, s, "director"),
        "author": _contact(report.author, s, "author"),
        "confidentiality": (labels.no_confidentiality if report.confidentiality is None
                            else s(report.confidentiality, "confidentiality")),
        "exempt_groups": [{**g, "statement": fill(confidentiality, g)}
                          for g in exempt_groups(report, s, labels)],
        "brief_summary": s.all(report.brief_summary, "brief_summary"),
        "recommendations": s.all(report.recommendations, "recommendations"),
        "reasons": _blocks(report.reasons, s, "reasons"),
        "alternatives": _blocks(report.alternatives, s, "alternatives"),
        "detail": _blocks(report.detail, s, "detail"),
        "resources": {
            "is_combined": report.resources.is_combined,
            "combined": _blocks(report.resources.combined or (), s, "resources.combined"),
            "capital_revenue": _blocks(report.resources.capital_revenue or (), s,
                                       "resources.capital_revenue"),
            "property_other": _blocks(report.resources.property_other or (), s,
                                      "resources.property_other"),
        },
        "legal": {"statutory_power": _blocks(report.legal.statutory_power, s,
                                             "legal.statutory_power"),
                  "other": _blocks(report.legal.other, s, "legal.other")},
        "risk": _blocks(report.risk or (), s, "risk"),
        "policy": _blocks(report.policy, s, "policy"),
        "key_decision": _yes_no(report.key_decision, labels),
        "wards": s(report.wards, "wards") if report.wards else "",
        "appendices": [{"number": n, "title": s(a.title, f"appendices[{n - 1}].title"),
                        "exempt": a.exempt} for n, a in enumerate(report.appendices, 1)],
        "members_rooms": s.all(report.members_rooms, "members_rooms"),
        "esia": _yes_no(report.esia, labels),
        "dpia": _yes_no(report.dpia, labels),
        "background_documents": [
            {"title": s(d.title, f"background_documents[{n}].title"),
             "exempt_paragraph": s(d.exempt_paragraph or "",
                                   f"background_documents[{n}].exempt_paragraph")}
            for n, d in enumerate(report.background_documents)],
    }


def exempt_groups(report: Report | Paper, s: Callable[[str, str], str], labels: PackLabels
                  ) -> list[dict[str, str]]:
    """One confidentiality sentence per ground: 'Appendix 2 and Appendix 3' ... 'are'."""
    groups: dict[tuple[str, str], list[int]] = {}
    for n, appendix in enumerate(report.appendices, 1):
        if appendix.exempt and appendix.exempt_category and appendix.exempt_reason:
            key = (s(appendix.exempt_category, f"appendices[{n - 1}].exempt_category"),
                   s(appendix.exempt_reason, f"appendices[{n - 1}].exempt_reason"))
            groups.setdefault(key, []).append(n)
    return [{"appendices": appendix_list(numbers, labels),
             "verb": "is" if len(numbers) == 1 else "are",
             "category": category, "reason": reason.rstrip(".")}
            for (category, reason), numbers in groups.items()]


def appendix_list(numbers: Sequence[int], labels: PackLabels) -> str:
    """``Appendix 2``; ``Appendix 2 and Appendix 3``; ``Appendix 1, Appendix 2 and Appendix 3``
    (the council's ``labels.appendix`` and ``last_separator``)."""
    names = [appendix_name(n, labels) for n in numbers]
    return names[0] if len(names) == 1 else \
        f"{', '.join(names[:-1])}{labels.last_separator}{names[-1]}"


def appendix_name(number: int, labels: PackLabels) -> str:
    """``Appendix 2``, in the council's words."""
    return fill(labels.appendix, {"number": str(number)})


def _contact(block: ContactBlock, s: Callable[[str, str], str], where: str) -> dict[str, str]:
    return {"title": s(block.title or "", f"{where}.title"), "name": s(block.name, f"{where}.name"),
            "tel": s(block.tel or "", f"{where}.tel"), "email": s(block.email or "",
                                                                 f"{where}.email")}


def _blocks(blocks: Sequence[Block], s: Strings, where: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, block in enumerate(blocks):
        at = f"{where}[{n}]"
        item: dict[str, Any] = {"kind": "paragraph", "text": "", "continued": block.continued,
                                "bullets": [], "after": [], "caption": "", "header": [],
                                "rows": []}
        if block.text is not None:
            item.update(text=s(block.text, f"{at}.text"),
                        bullets=s.all(block.bullets, f"{at}.bullets"),
                        after=s.all(block.after, f"{at}.after"))
        elif block.subheading is not None:
            item.update(kind="subheading", text=s(block.subheading, f"{at}.subheading"))
        elif block.table is not None:
            table = block.table
            item.update(kind="table", caption=s(table.caption or "", f"{at}.table.caption"),
                        header=s.all(table.header, f"{at}.table.header"),
                        rows=[s.all(row, f"{at}.table.rows[{r}]")
                              for r, row in enumerate(table.rows)])
        out.append(item)
    return out


def _yes_no(value: bool, labels: PackLabels) -> str:
    return labels.yes if value else labels.no
