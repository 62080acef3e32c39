"""Fixed sentences a council words for itself, with ``{name}`` placeholders builder fills in.

A sentence that appears in several documents (the statement of confidentiality is printed in
the report and on the public pack's page standing in for each exempt appendix) has one field,
so one edit changes every place it appears. Only the named placeholders may be used; any other
is a configuration error, reported when the file is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Annotated

from pydantic import AfterValidator, Field

from builder.config.base import StrictModel

CONFIDENTIALITY = ("{appendices} {verb} not for publication by virtue of {category} of the "
                   "Access to Information Procedure Rules as set out in the Council’s "
                   "Constitution. The information is exempt from publication because {reason}.")
EXCLUSION_GROUND = ("{appendices} {verb} considered to be exempt from general publication based "
                    "on {ground} of the Council’s Access to Information Procedure Rules. The "
                    "information is exempt from publication because {reason}.")
DECK_PLACEHOLDER = ("This appendix is the Building for Brilliance deck, included in the agenda "
                    "pack as PDF.")
PDF_PLACEHOLDER = "This appendix is a PDF document ({file}), included in the agenda pack."

GROUP = frozenset({"appendices", "verb", "category", "reason"})
"""The placeholders of a sentence about the exempt appendices sharing one ground."""

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def check_placeholders(text: str, valid: frozenset[str]) -> None:
    unknown = set(_PLACEHOLDER.findall(text)) - valid
    if unknown:
        raise ValueError(f"unknown placeholder(s) {', '.join(sorted(unknown))} in '{text}'; "
                         f"valid: {', '.join(sorted(valid)) or 'none'}")


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace each ``{name}`` by its value (names are checked when the config is read)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _with(valid: frozenset[str]) -> Callable[[str], str]:
    def check(text: str) -> str:
        check_placeholders(text, valid)
        return text
    return check


ConfidentialitySentence = Annotated[str, Field(min_length=1), AfterValidator(_with(GROUP))]
GroundSentence = Annotated[str, Field(min_length=1),
                           AfterValidator(_with(GROUP | {"ground"}))]
PdfSentence = Annotated[str, Field(min_length=1), AfterValidator(_with(frozenset({"file"})))]
PlainSentence = Annotated[str, Field(min_length=1), AfterValidator(_with(frozenset()))]


def sentence(*names: str) -> Callable[[str], str]:
    """A validator allowing exactly the placeholders ``names`` (for an ``Annotated`` field)."""
    return _with(frozenset(names))


class Meanings(StrictModel):
    """What each change arrow and RAG rating means, as the dataset appendix's key and the
    deck's data notes print it (one set of defaults for both)."""

    up: PlainSentence = "Increase of 10% or more"
    """An increase (↑)."""
    similar: PlainSentence = "Similar (change of less than 10%)"
    """A similar value (⇒, or the layout's ``similar_arrow``)."""
    down: PlainSentence = "Decrease of 10% or more"
    """A decrease (↓)."""
    none: PlainSentence = "Change cannot be calculated (no value or a zero base)"
    """A change that cannot be computed (-)."""
    green: PlainSentence = "Target met"
    """A Green rating."""
    amber: PlainSentence = "Target narrowly missed (within the tolerance)"
    """An Amber rating."""
    red: PlainSentence = "Target missed"
    """A Red rating."""
