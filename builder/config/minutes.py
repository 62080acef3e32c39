"""The minutes of a previous meeting (``config/minutes/<date>.yaml``), format-spec B.4.

The minutes are the first paper of the next meeting's pack (page 1). Items are numbered through
the municipal year, so the file gives the first item's number; each item is its title, its
paragraphs and bullets ("The Panel considered the report of ..."), and an optional RESOLVED
block in one of the styles the panel's minutes use.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from builder.config.base import StrictModel
from builder.config.council import Content
from builder.config.loader import read_yaml, validate_model

Numbering = Literal["1)", "1.", "(i)"]


class Resolved(StrictModel):
    """What the panel resolved: one sentence run into the heading, or a numbered list."""

    heading: str = "RESOLVED:"
    """As printed before the resolutions: 'RESOLVED:', 'RESOLVED that', 'RESOLVED'."""
    text: str | None = None
    """A single resolution printed after the heading ('that the minutes ... be approved')."""
    resolutions: tuple[str, ...] = ()
    """Numbered resolutions, each 'That ...', printed under the heading."""
    numbering: Numbering = "1)"
    """How the resolutions are numbered: '1)', '1.' or '(i)'."""

    @model_validator(mode="after")
    def _text_or_list(self) -> Resolved:
        if (self.text is None) == (not self.resolutions):
            raise ValueError("give either 'text' (one resolution) or 'resolutions' (a list)")
        return self


class MinuteItem(StrictModel):
    """One item of the minutes."""

    title: str = Field(min_length=1)
    """In capitals, as on that meeting's agenda."""
    content: Content = ()
    """Paragraphs, bullets ('The Panel discussed a number of points including:' ...)."""
    resolved: Resolved | None = None
    """The RESOLVED block, if the panel resolved anything."""

    @model_validator(mode="after")
    def _not_empty(self) -> MinuteItem:
        if not self.content and self.resolved is None:
            raise ValueError("an item needs 'content', 'resolved' or both")
        return self


class Minutes(StrictModel):
    """The minutes of one meeting of the panel."""

    panel: str = Field(min_length=1)
    """e.g. 'Children and Families Scrutiny Panel' (printed in capitals)."""
    date: dt.date
    """The date of the meeting minuted ('MINUTES OF THE MEETING HELD ON 28 SEPTEMBER 2023')."""
    present: str = Field(min_length=1)
    """Members present, e.g. 'Councillors T Bunday (Chair), Barnes-Andrews (Vice-Chair), ...'."""
    appointed_members: str | None = None
    """Appointed (non-councillor) members present, e.g. 'Rob Sanders'."""
    apologies: str | None = None
    """Members who sent apologies, e.g. 'Councillors ...'; left out when none are minuted."""
    in_attendance: str | None = None
    """Others in attendance, e.g. 'Councillor Paffey – Cabinet Member for Education'."""
    first_number: int = Field(ge=1)
    """The number of the first item: numbering runs through the municipal year (e.g. 12)."""
    items: tuple[MinuteItem, ...] = Field(min_length=1)
    """The items in order, numbered from ``first_number``."""


def load_minutes(path: Path) -> Minutes:
    """Read and validate a minutes YAML, listing every problem at once."""
    return validate_model(Minutes, read_yaml(path), path, "minutes")
