"""Which folders a run may read the files its YAML names from (issue 15, docs/limits.md).

A meeting or deck YAML lives in a folder of its config folder (``config/meetings/`` of
``config/``, ``config/decks/``): the **config folder** of a run is the folder holding the YAML's
folder. Every path the meeting names (council, minutes, data, deck, templates, appendices,
supplied papers and their report formats), its council names (templates) and its deck names
(data, template) must resolve, symlinks followed, inside the config folder or inside a folder
given with ``--allow-outside``. Otherwise an uploaded meeting could have any file on the
machine read, and parts of it published.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.config.council import Council
from builder.config.deck import Deck
from builder.config.meeting import Meeting
from builder.config.templates import TemplateChoice
from builder.config.values_source import ValuesSource
from builder.errors import Problem


@dataclass(frozen=True)
class NamedPath:
    """A path as a YAML file names it: the file, the key, the path written there."""

    file: Path
    key: str
    path: str

    @property
    def resolved(self) -> Path:
        return (self.file.parent / self.path).resolve()


@dataclass(frozen=True)
class Confinement:
    """The folders a run may read from: its config folder and the ``--allow-outside`` ones."""

    folders: tuple[Path, ...]

    @classmethod
    def of(cls, yaml_path: Path, allow_outside: Sequence[Path] = ()) -> Confinement:
        """The config folder of ``yaml_path`` (the folder holding its folder) and
        ``allow_outside``, symlinks resolved."""
        return cls((config_folder(yaml_path), *(Path(p).resolve() for p in allow_outside)))

    def holds(self, path: Path) -> bool:
        resolved = path.resolve()
        return any(resolved.is_relative_to(folder) for folder in self.folders)

    def problems(self, named: Iterable[NamedPath]) -> list[Problem]:
        """A problem for each named path outside every folder, all of them."""
        allowed = " or ".join(f"a path inside {folder}" for folder in self.folders)
        return [Problem(str(n.file), n.key, f"'{n.path}' is outside the config folder "
                        f"({n.resolved})", f"{allowed} (or run with --allow-outside FOLDER)")
                for n in named if not self.holds(n.resolved)]


def config_folder(yaml_path: Path) -> Path:
    """The config folder of a meeting or deck YAML (see the module doc)."""
    return yaml_path.resolve().parent.parent


def meeting_paths(meeting: Meeting, path: Path) -> list[NamedPath]:
    """Every path the meeting YAML at ``path`` names, with its key."""
    named = [NamedPath(path, "council", meeting.council)]
    if meeting.data is not None:
        named += _data_paths(path, "data", meeting.data.catalogue, meeting.data.values,
                             meeting.data.commentary)
    if meeting.deck is not None:
        named.append(NamedPath(path, "deck", meeting.deck))
    named += _template_paths(path, meeting.templates)
    for i, item in enumerate(meeting.items):
        at = f"items[{i}]"
        if item.minutes is not None:
            named.append(NamedPath(path, f"{at}.minutes", item.minutes))
        for n, appendix in enumerate(item.report.appendices if item.report else ()):
            if appendix.path is not None:
                named.append(NamedPath(path, f"{at}.report.appendices[{n}].path",
                                       appendix.path))
        if (paper := item.paper) is not None:
            named.append(NamedPath(path, f"{at}.paper.file", paper.file))
            named += [NamedPath(path, f"{at}.paper.appendices[{n}].file", a.path)
                      for n, a in enumerate(paper.appendices) if a.path is not None]
            if paper.headings is not None:
                named.append(NamedPath(path, f"{at}.paper.headings", paper.headings))
    return named


def council_paths(council: Council, path: Path) -> list[NamedPath]:
    """Every path the council YAML at ``path`` names (its templates)."""
    return _template_paths(path, council.templates)


def deck_paths(deck: Deck, path: Path) -> list[NamedPath]:
    """Every path the deck YAML at ``path`` names (its data and template)."""
    named = _data_paths(path, "data", deck.data.catalogue, deck.data.values,
                        deck.data.commentary)
    if deck.template is not None:
        named.append(NamedPath(path, "template", deck.template))
    return named


def _data_paths(path: Path, at: str, catalogue: str, values: Sequence[ValuesSource],
                commentary: Sequence[str]) -> list[NamedPath]:
    return [NamedPath(path, f"{at}.catalogue", catalogue),
            *(NamedPath(path, f"{at}.values[{n}]", v.path) for n, v in enumerate(values)),
            *(NamedPath(path, f"{at}.commentary[{n}]", c) for n, c in enumerate(commentary))]


def _template_paths(path: Path, choice: TemplateChoice | None) -> list[NamedPath]:
    if choice is None:
        return []
    return [NamedPath(path, f"templates.{name}", chosen)
            for name in TemplateChoice.model_fields
            if (chosen := getattr(choice, name)) is not None]
