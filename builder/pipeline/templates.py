"""The checks of a meeting's templates (the council's choice, :mod:`builder.config.templates`)
before anything renders, and the deck's template."""

from __future__ import annotations

from pathlib import Path

from builder.config.deck import LoadedDeck
from builder.config.meeting import LoadedMeeting
from builder.config.templates import DEFAULT_DIR, FILE_NAMES, Templates
from builder.errors import Problem, TemplateError
from builder.inspection.document_fonts import deck_fonts, missing_font, text_fonts, unavailable
from builder.inspection.report_document import WordPackage
from builder.inspection.template_check import check_template
from builder.pipeline.cache import Cache, office_build
from builder.pipeline.checks_memo import check_key, recalled, remember
from builder.render import word_dataset, word_glossary, word_report, word_tracker
from builder.render.deck_styles import DeckStyles
from builder.render.slides_template import check_deck_template
from builder.render.word_common import template_style_problems
from builder.render.word_template import check_template as check_docx_template

KINDS = ("report", "front-sheet", "agenda", "minutes", "pack-page")
"""The template kinds ``builder templates check`` knows (the supplement is checked as a file)."""
DEFAULT_DECK_TEMPLATE = DEFAULT_DIR / FILE_NAMES["deck"]
APPENDIX_STYLES = {"dataset": word_dataset.STYLES, "tracker": word_tracker.STYLES,
                   "glossary": word_glossary.STYLES, "file": word_report.STYLES,
                   "deck": word_report.STYLES}


def template_problems(templates: Templates, loaded: LoadedMeeting, cache: Cache | None = None
                      ) -> list[Problem]:
    """Every template that is missing or unreadable (the report template's RAG styles included:
    :func:`builder.inspection.template_check.check_template`), and every style the meeting's
    appendices need that the report template lacks (all of them, for every appendix kind, at
    once). With
    ``cache``, not checked again when the same templates passed for the same appendix kinds
    (:mod:`builder.pipeline.checks_memo`)."""
    files = [getattr(templates, kind.replace("-", "_")) for kind in KINDS]
    kinds = sorted({a.kind for item in loaded.meeting.items if item.report
                    for a in item.report.appendices})
    key = check_key(cache, "templates", [*files, templates.supplement], kinds)
    if recalled(cache, key) is not None:
        return []
    problems = []
    for kind, path in zip(KINDS, files, strict=True):
        problems += [p for p in check_template(path, kind) if p not in problems]
    try:
        check_docx_template(templates.supplement)
    except TemplateError as exc:
        problems.append(Problem(str(templates.supplement), "",
                                exc.message.removeprefix(f"{templates.supplement}: "),
                                "a Word .docx template"))
    if problems:
        return problems
    needed = [style for kind in kinds for style in APPENDIX_STYLES[kind]]
    problems = template_style_problems(templates.report, needed)
    if not problems:
        remember(cache, key, ())
    return problems


def template_font_warnings(templates: Templates, deck: Path | None, cache: Cache | None = None
                           ) -> tuple[str, ...]:
    """A warning for each font a template's text is set in (the Word templates', the deck
    template's) that this machine cannot lay out as Word or PowerPoint does
    (:mod:`builder.inspection.document_fonts`). With ``cache``, remembered for the same
    templates and the same fonts on the machine."""
    files = list(dict.fromkeys([*templates.files, *((deck,) if deck is not None else ())]))
    key = check_key(cache, "template fonts", files, office_build())
    if (known := recalled(cache, key)) is not None:
        return known
    warnings = [warning for path in files for warning in font_warnings_of(path)]
    remember(cache, key, warnings)
    return tuple(warnings)


def font_warnings_of(path: Path) -> list[str]:
    """The font warnings of one Word or deck template (none when it cannot be read: its
    checks say why)."""
    try:
        names = deck_fonts(path) if path.suffix.lower() == ".pptx" else \
            text_fonts(WordPackage(path))
    except (ValueError, KeyError, OSError):
        return []
    return [f"{path.name}: " + missing_font(name, "or set the template's text in a font this "
                                                  "machine has") for name in unavailable(names)]


def deck_template(loaded: LoadedDeck) -> Path:
    """The deck's own template, or the one shipped with builder."""
    return loaded.resolve(loaded.deck.template) if loaded.deck.template else \
        DEFAULT_DECK_TEMPLATE


def deck_template_styles(loaded: LoadedDeck, template: Path
                         ) -> tuple[DeckStyles | None, list[Problem]]:
    """The table and chart styles of ``template``, or every layout, placeholder and style the
    deck needs that it lacks."""
    try:
        return check_deck_template(template, loaded.deck.options.charts_per_slide), []
    except TemplateError as exc:
        return None, list(exc.problems) or [Problem(str(template), "",
                                                    exc.message.removeprefix(f"{template}: "),
                                                    exc.hint)]
