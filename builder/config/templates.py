"""Which Word template each paper is rendered from: the council's choice, else the default.

The defaults ship inside the package (``builder/templates/``, package data), so an installed
builder has them; ``builder templates export DIR`` copies them out for a council to start from.
A council names its own in ``council.yaml``::

    templates:
      report: templates/committee_report.docx   # relative to council.yaml
      agenda: templates/agenda.docx
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from builder.config.base import StrictModel

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "templates"
"""The default templates, shipped as package data."""
FILE_NAMES = {
    "report": "committee_report.docx",
    "front_sheet": "front_sheet.docx",
    "agenda": "agenda.docx",
    "minutes": "minutes.docx",
    "pack_page": "agenda_pack_page.docx",
    "supplement": "supplement.docx",
    "deck": "board_deck.pptx",
}
"""The file name of each default template (the deck's is chosen in the deck YAML)."""


class TemplateChoice(StrictModel):
    """The council's Word templates (``templates:`` in council.yaml); each optional, a path
    relative to the YAML; a template left out is the default shipped with builder."""

    report: str | None = None
    """The committee report (docxtpl tags; ``builder templates vars report`` lists them)."""
    front_sheet: str | None = None
    """The agenda pack's front sheet ('PUBLIC INFORMATION' pages)."""
    agenda: str | None = None
    """The agenda with page ranges."""
    minutes: str | None = None
    """The previous meeting's minutes."""
    pack_page: str | None = None
    """The pack's own pages: blank, stand-in and exclusion pages."""
    supplement: str | None = None
    """The supplementary agenda of papers published late (``builder supplement``)."""


@dataclass(frozen=True)
class Templates:
    """The template file of each Word paper, resolved."""

    report: Path
    front_sheet: Path
    agenda: Path
    minutes: Path
    pack_page: Path
    supplement: Path

    @property
    def files(self) -> tuple[Path, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))


DEFAULTS = Templates(**{f.name: DEFAULT_DIR / FILE_NAMES[f.name] for f in fields(Templates)})
"""Every paper from the templates shipped with builder."""


def resolve_templates(choice: TemplateChoice | None, yaml_path: Path,
                      base: Templates = DEFAULTS) -> Templates:
    """``base`` with each template ``choice`` names, resolved against ``yaml_path``'s folder.

    The council's choice over the defaults: ``resolve_templates(council.templates,
    council_path)``; a meeting's own over that: ``resolve_templates(meeting.templates,
    meeting_path, council_templates)``."""
    if choice is None:
        return base
    folder = yaml_path.parent
    return Templates(**{
        f.name: (folder / chosen).resolve() if (chosen := getattr(choice, f.name)) is not None
        else getattr(base, f.name)
        for f in fields(Templates)})
