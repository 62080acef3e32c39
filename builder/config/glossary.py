"""A glossary appendix (YAML; format-spec E.2): acronyms, terms with definitions, sources."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import Field, model_validator

from builder.config.base import StrictModel
from builder.config.loader import read_yaml, validate_model
from builder.errors import ConfigError, Problem, raise_if_any


class Acronym(StrictModel):
    """One line of the 'Acronyms' list."""

    abbreviation: str = Field(min_length=1)
    """e.g. 'CLA'."""
    expansion: str = Field(min_length=1)
    """e.g. 'Children Looked After'."""


class DefinitionPart(StrictModel):
    """A paragraph, a bullet list or a numbered list of a definition (a string is a paragraph)."""

    paragraph: str | None = None
    """A paragraph of prose."""
    bullets: tuple[str, ...] = ()
    """Bullet points."""
    numbered: tuple[str, ...] = ()
    """Numbered points (printed 1., 2., ...)."""

    @model_validator(mode="before")
    @classmethod
    def _string_is_paragraph(cls, value: Any) -> Any:
        return {"paragraph": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_kind(self) -> DefinitionPart:
        given = [k for k in ("paragraph", "bullets", "numbered") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("give exactly one of 'paragraph', 'bullets' or 'numbered'")
        return self


class Term(StrictModel):
    """A headword and its definition."""

    term: str = Field(min_length=1)
    """The headword, e.g. 'Care Order'."""
    definition: tuple[DefinitionPart, ...] = Field(min_length=1)
    """Paragraphs and lists, in order."""


class Source(StrictModel):
    """A source of the definitions."""

    title: str = Field(min_length=1)
    """e.g. 'Tri.x live online glossary'."""
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    """The address, printed as text."""
    note: str | None = None
    """e.g. 'a free resource, available to all ...'."""


class Glossary(StrictModel):
    """The glossary file."""

    acronyms: tuple[Acronym, ...] = ()
    """Printed first, under 'Acronyms', in the order given."""
    terms: tuple[Term, ...] = Field(min_length=1)
    """Headwords in the order given (normally alphabetical)."""
    sources: tuple[Source, ...] = ()
    """Printed last, under 'Sources'."""


def load_glossary(path: Path) -> Glossary:
    """Read and validate a glossary; a headword or acronym given twice is an error."""
    glossary = validate_model(Glossary, read_yaml(path), path, "glossary")
    problems = [Problem(str(path), "terms", f"term '{t}' is defined {n} times", "each term once")
                for t, n in Counter(t.term.casefold() for t in glossary.terms).items() if n > 1]
    problems += [Problem(str(path), "acronyms", f"acronym '{a}' is listed {n} times",
                         "each acronym once")
                 for a, n in Counter(a.abbreviation for a in glossary.acronyms).items() if n > 1]
    raise_if_any(problems, ConfigError, f"{path}: the glossary is not consistent")
    return glossary
