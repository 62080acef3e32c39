"""Resource limits for untrusted inputs (issue 15; docs/limits.md).

Every file builder reads may come from an upload, so each kind of input has a bound on its size,
its work and its time. The defaults are sized for a large council with a wide margin (a
450-indicator catalogue is about 7,000 YAML nodes and 100 KB; a real values workbook is a few
thousand rows). ``LIMITS`` is the one instance the code uses; tests and callers that need other
bounds pass ``dataclasses.replace(LIMITS, ...)`` where a function takes ``limits``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """The bounds builder enforces on its inputs; each is checked before the costly work."""

    yaml_bytes: int = 5_000_000
    """Largest YAML file read (configuration, catalogue, commentary), in bytes."""
    yaml_nodes: int = 1_000_000
    """Most YAML nodes (scalars, lists, mappings) in one file, counted while parsing."""
    yaml_expanded_nodes: int = 2_000_000
    """Most nodes once every alias (``*name``) is expanded: stops 'billion laughs' bombs before
    any Python object is built."""
    yaml_depth: int = 100
    """Deepest nesting of lists and mappings in one YAML file."""
    render_seconds: float = 5.0
    """Time budget for rendering one template or one templated configuration field."""
    render_chars: int = 20_000_000
    """Longest text one render may produce, and longest string or list an expression may make
    (``'x' * 10**9`` is refused)."""
    render_iterations: int = 1_000_000
    """Most loop iterations in one render, over all ``{% for %}`` loops together."""
    range_size: int = 100_000
    """Longest ``range()`` a template may ask for."""
    values_rows: int = 200_000
    """Most rows in one values sheet or CSV file."""
    values_columns: int = 2_000
    """Most columns in one values sheet or CSV file."""
    max_magnitude: float = 1e15
    """Largest absolute value of a number in the data (finite numbers only)."""
    office_bytes: int = 500_000_000
    """Largest total uncompressed size of a .docx/.pptx/.xlsx package."""
    office_entries: int = 5_000
    """Most zip entries in a .docx/.pptx/.xlsx package."""
    office_ratio: int = 200
    """Largest compression ratio of one zip entry (uncompressed / compressed size)."""
    pdf_bytes: int = 200_000_000
    """Largest PDF appendix, in bytes."""
    append_seconds: float = 60.0
    """Time budget for appending one Word appendix to its report."""
    problems_shown: int = 200
    """Most problems listed in one error message; the rest go to a file named in the message."""
    problems_per_kind: int = 20
    """Most problems of one kind listed before '... and N more of the same kind'."""


LIMITS = Limits()
