"""One small error hierarchy. Only ``builder.cli`` turns these into exit codes and messages.

Every error carries a list of :class:`Problem` so that a stage can collect everything that is
wrong with its input and fail once, listing it all (DESIGN 10.7).
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from builder.core.limits import LIMITS, Limits


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input: where it is, what is wrong, what would be valid."""

    file: str
    where: str
    what: str
    valid: str = ""

    def __str__(self) -> str:
        place = f"{self.file}: {self.where}" if self.where else self.file
        text = f"{place}: {self.what}"
        return f"{text} (valid: {self.valid})" if self.valid else text


class BuilderError(Exception):
    """Base of every error the tool reports to its user."""

    exit_code = 1
    kind = "error"

    def __init__(self, message: str, problems: Sequence[Problem] = (), hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.hint = hint

    def __str__(self) -> str:
        lines = [self.message, *(f"  - {p}" for p in self.problems)]
        if self.hint:
            lines.append(self.hint)
        return "\n".join(lines)

    def with_context(self, context: str) -> BuilderError:
        """The same error with ``context`` prefixed, for re-raising across a stage."""
        return type(self)(f"{context}: {self.message}", self.problems, self.hint)


class ConfigError(BuilderError):
    """A YAML configuration file is missing, unreadable or does not match its schema."""

    exit_code = 2
    kind = "configuration error"


class DataError(BuilderError):
    """A values, commentary or tracker file has a cell, header or row that cannot be used."""

    exit_code = 2
    kind = "data error"


class TemplateError(BuilderError):
    """A Word/PowerPoint/Jinja template is malformed, unsafe or references unknown names."""

    exit_code = 3
    kind = "template error"


class RenderError(BuilderError):
    """A document could not be rendered from a valid context."""

    exit_code = 4
    kind = "render error"


class AssemblyError(BuilderError):
    """PDF conversion (LibreOffice), pagination or pack assembly failed."""

    exit_code = 5
    kind = "assembly error"


class CheckError(BuilderError):
    """Finished papers fail the accessibility checks (``builder check``)."""

    exit_code = 6
    kind = "accessibility check failed"


class PaperCheckError(CheckError):
    """A supplied paper has what must not be published (``builder check-report``)."""

    kind = "paper check failed"


def raise_if_any(
    problems: Iterable[Problem], error: type[BuilderError], message: str, hint: str = "",
    limits: Limits = LIMITS,
) -> None:
    """Raise ``error`` listing every problem, if there is at least one.

    A long list is cut (docs/limits.md): every kind of problem is shown, each up to
    ``limits.problems_per_kind`` times, then '... and N more of the same kind'; the full list
    is written to a file that the hint names."""
    collected = list(problems)
    if not collected:
        return
    noun = "problem" if len(collected) == 1 else "problems"
    shown = _cut(collected, limits)
    if len(shown) < len(collected):
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix="builder-problems-",
                                         suffix=".txt", delete=False) as handle:
            handle.writelines(f"{p}\n" for p in collected)
        listed = f"The full list of {len(collected):,} problems is in {handle.name}"
        hint = f"{hint}\n{listed}" if hint else listed
    raise error(f"{message} ({len(collected):,} {noun})", shown, hint)


def _kind(problem: Problem) -> tuple[str, str, str]:
    """Problems of one kind differ only in their place and in quoted names and numbers."""
    return problem.file, _VARYING.sub("#", problem.what), problem.valid


_VARYING = re.compile(r"'[^']*'|\d+")


def _cut(problems: list[Problem], limits: Limits) -> list[Problem]:
    kinds = Counter(map(_kind, problems))
    if len(problems) <= limits.problems_shown:
        return problems
    each = max(1, min(limits.problems_per_kind, limits.problems_shown // len(kinds)))
    seen: Counter[tuple[str, str, str]] = Counter()
    shown = []
    for problem in problems:
        kind = _kind(problem)
        seen[kind] += 1
        if seen[kind] <= each:
            shown.append(problem)
        if seen[kind] == kinds[kind] > each:
            shown.append(Problem(problem.file, "", f"... and {kinds[kind] - each:,} more of "
                                 "the same kind"))
    return shown
