"""The Word templates a meeting is rendered with, and their checks before anything renders."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from pathlib import Path

from builder.config.deck import LoadedDeck
from builder.config.meeting import LoadedMeeting
from builder.errors import Problem, TemplateError
from builder.render import word_dataset, word_glossary, word_report, word_tracker
from builder.render.pack_docx import TEMPLATE_FILES, TEMPLATES
from builder.render.slides_template import check_deck_template
from builder.render.word_common import template_style_problems
from builder.render.word_template import check_template

TEMPLATES_DIR = TEMPLATES
DEFAULT_DECK_TEMPLATE = TEMPLATES / "board_deck.pptx"
APPENDIX_STYLES = {"dataset": word_dataset.STYLES, "tracker": word_tracker.STYLES,
                   "glossary": word_glossary.STYLES, "file": word_report.STYLES,
                   "deck": word_report.STYLES}


@dataclass(frozen=True)
class Templates:
    """The committee-report template and the templates of the pack's own documents."""

    report: Path
    front_sheet: Path
    agenda: Path
    minutes: Path
    pack_page: Path
    supplement: Path

    @classmethod
    def default(cls) -> Templates:
        """The templates shipped with builder."""
        pack = {kind: TEMPLATES / name for kind, name in TEMPLATE_FILES.items()}
        return cls(report=TEMPLATES / "committee_report.docx", **pack)

    @property
    def files(self) -> tuple[Path, ...]:
        return tuple(astuple(self))

    def pack(self, kind: str) -> Path:
        """The template of a pack document kind (``front_sheet``, ``agenda`` ...)."""
        path: Path = getattr(self, kind)
        return path


def template_problems(templates: Templates, loaded: LoadedMeeting) -> list[Problem]:
    """Every template that is missing or unreadable, and every style the meeting's appendices
    need that the report template lacks (all of them, for every appendix kind, at once)."""
    problems = []
    for path in dict.fromkeys(templates.files):
        try:
            check_template(path)
        except TemplateError as exc:
            problems.append(Problem(str(path), "", exc.message.removeprefix(f"{path}: "),
                                    "a Word .docx template"))
    if problems:
        return problems
    kinds = {a.kind for item in loaded.meeting.items if item.report
             for a in item.report.appendices}
    needed = [style for kind in sorted(kinds) for style in APPENDIX_STYLES[kind]]
    return template_style_problems(templates.report, needed)


def deck_template(loaded: LoadedDeck) -> Path:
    """The deck's own template, or the one shipped with builder."""
    return loaded.resolve(loaded.deck.template) if loaded.deck.template else DEFAULT_DECK_TEMPLATE


def deck_template_problems(loaded: LoadedDeck, template: Path) -> list[Problem]:
    """Every layout and placeholder the deck needs that ``template`` lacks."""
    try:
        check_deck_template(template, loaded.deck.options.charts_per_slide)
    except TemplateError as exc:
        return list(exc.problems) or [Problem(str(template), "",
                                              exc.message.removeprefix(f"{template}: "),
                                              exc.hint)]
    return []
