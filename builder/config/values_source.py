"""One entry of a meeting's or deck's ``data.values``: a values file and how to read it.

An entry is either a plain path (read with every option at its default) or a mapping::

    values:
      - values/b4b-2023-10.csv
      - path: values/analysts-workbook.xlsx
        sheet: B4B data set
        header_row: 3
        columns: [Helper, RAG check]
        match: title
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from builder.config.base import StrictModel

Match = Literal["key", "ref", "title"]


class ValuesSource(StrictModel):
    """A values file (CSV or XLSX) and the options saying how an analyst laid it out."""

    path: str = Field(min_length=1)
    """The file, relative to the YAML that names it."""
    sheet: str | None = None
    """The one sheet of a workbook to read; default: every sheet that has a header row."""
    header_row: int | None = Field(default=None, ge=1)
    """The (last) header row, counted from 1 as Excel shows it; default: the first row with an
    'indicator' column or month headers (a title row above it is skipped). The row above it is
    read too when it holds the years of a two-row header (``2023`` over ``Oct  Nov  Dec``)."""
    columns: tuple[str, ...] = ()
    """Headers of columns to ignore without a warning (helper or check columns)."""
    match: Match = "key"
    """How rows name their indicator: ``key`` (an ``indicator`` column of catalogue keys),
    ``ref`` (a ``ref`` column of refs such as M1) or ``title`` (a ``title`` or ``indicator``
    column of the catalogue's titles)."""

    @model_validator(mode="before")
    @classmethod
    def _from_path(cls, data: Any) -> Any:
        """A plain path is an entry with every option at its default."""
        if isinstance(data, str | Path):
            return {"path": str(data)}
        return data

    @model_serializer(mode="wrap")
    def _plain_path(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Written back (``builder next-meeting``) as a plain path when it has no options."""
        if self == ValuesSource(path=self.path):
            return self.path
        return handler(self)

    @property
    def file(self) -> Path:
        return Path(self.path)

    def at(self, path: Path) -> ValuesSource:
        """The same options for the file at ``path`` (the entry's path resolved)."""
        return self.model_copy(update={"path": str(path)})
