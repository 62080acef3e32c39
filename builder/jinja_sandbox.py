"""The only way builder evaluates Jinja: a sandbox with strict undefined names (DESIGN 7).

Templates and configuration strings come from users and are treated as untrusted:
``SandboxedEnvironment`` blocks ``{{ cycler.__init__.__globals__ }}``-style probes, the global
helpers (``cycler``, ``joiner``, ``lipsum``, ``namespace``, ``dict``) are removed, an unknown
name is an error (``StrictUndefined``), and Word XML is autoescaped so that ``<``, ``&`` and
quotes in data render as text. Every failure becomes a :class:`TemplateError` naming the
template (or configuration field) and the tag.
"""

from __future__ import annotations

import contextvars
import functools
import re
import time
from collections.abc import Callable, Iterator, Mapping
from types import TracebackType
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from builder.core.limits import LIMITS, Limits
from builder.core.text import NO_CONTROL, xml_invalid
from builder.errors import Problem, TemplateError
from builder.present import formatting as fmt

FILTERS: dict[str, Callable[..., str]] = {
    "long_date": fmt.long_date,
    "upper_date": fmt.upper_date,
    "weekday_date": fmt.weekday_date,
    "short_date": fmt.short_date,
}
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_XML_TAG = re.compile(r"<[^>]+>")
_HINT = ("Check the tag's spelling and the names the template may use (see the context "
         "documented in builder/present/report_context.py).")


_WIDE = re.compile(r"[{%][^}%]*?(\d{8,}|\*)")
"""A format width of 8 or more digits (or ``*``) in a ``{:>N}`` or ``%Ns`` format."""


class RenderLimit(jinja2.TemplateRuntimeError):
    """A render went past one of the limits of ``builder.core.limits``."""


class UnfitOutput(jinja2.TemplateRuntimeError):
    """A render produced characters no document can hold (e.g. from a ``"\\x0b"`` escape)."""


class _Budget:
    """What one render may still spend: a deadline and a count of loop iterations."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.render_seconds
        self.iterations = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise RenderLimit(f"took longer than {self.limits.render_seconds:g} s")

    def step(self) -> None:
        self.iterations += 1
        if self.iterations > self.limits.render_iterations:
            raise RenderLimit(f"loops ran more than {self.limits.render_iterations:,} times")
        self.tick()


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("budget", default=None)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    return budget if budget is not None else _Budget(LIMITS)


class _BudgetedTemplate(jinja2.Template):
    """A template whose ``render`` runs within one budget and refuses output past the limit."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        outer = _BUDGET.get()
        budget = outer or _Budget(getattr(self.environment, "limits", LIMITS))
        token = _BUDGET.set(budget)
        try:
            context = self.new_context(dict(*args, **kwargs))
            chunks, size = [], 0
            for chunk in self.root_render_func(context):
                size += len(chunk)
                if size > budget.limits.render_chars:
                    raise RenderLimit(f"output longer than {budget.limits.render_chars:,} "
                                      "characters")
                chunks.append(chunk)
            text: str = self.environment.concat(chunks)
            if bad := xml_invalid(text):
                raise UnfitOutput(f"the output has a {bad}")
            return text
        except Exception:
            self.environment.handle_exception()
        finally:
            _BUDGET.reset(token)


class _Sandbox(SandboxedEnvironment):
    """The sandbox, compiling each distinct template text once (docxtpl hands it the same
    body XML for every report rendered from one template), with bounded work: every loop,
    call and ``range`` counts against the render's budget, and ``*``, ``+``, ``%`` and ``**``
    refuse results past the length limit."""

    intercepted_binops = frozenset({"*", "+", "%", "**"})
    template_class = _BudgetedTemplate

    def __init__(self, limits: Limits = LIMITS, **options: Any) -> None:
        super().__init__(**options)
        self.limits = limits
        self._compiled: dict[str, jinja2.Template] = {}
        self.globals["range"] = self._range

    def from_string(self, source: Any, globals: Any = None,  # noqa: A002 - Jinja's name
                    template_class: Any = None) -> jinja2.Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) >= 16:
                self._compiled.clear()
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Jinja's tree, with every ``{% for %}`` iterating through ``bounded_iter``."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.EnvironmentAttribute("bounded_iter"), [loop.iter], [],
                                   None, None, lineno=loop.iter.lineno)
        return tree

    def bounded_iter(self, iterable: Any) -> Iterator[Any]:
        budget = _budget()
        for item in iterable:
            budget.step()
            yield item

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        try:
            size = len(numbers)
        except OverflowError:
            size = self.limits.range_size + 1
        if size > self.limits.range_size:
            raise RenderLimit(f"range() of more than {self.limits.range_size:,} numbers")
        return numbers

    def call(__self, __context: Any, __obj: Any, *args: Any,  # noqa: N805 - Jinja's names
             **kwargs: Any) -> Any:
        _budget().tick()
        if isinstance(getattr(__obj, "__self__", None), str):
            __self._check_widths(*args, *kwargs.values())
        result = super().call(__context, __obj, *args, **kwargs)
        __self._check_size(result)
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _budget().tick()
        sized = (str, list, tuple)
        if operator == "*" and isinstance(left, int) and isinstance(right, sized):
            left, right = right, left
        if operator == "*" and isinstance(left, sized) and isinstance(right, int):
            self._check_size(range(len(left) * max(right, 0)))
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            self._check_size(range(abs(left).bit_length() * max(right, 0) // 8))
        elif operator == "%" and isinstance(left, str) and _WIDE.search(left):
            raise RenderLimit("a format width over 7 digits")
        result = super().call_binop(context, operator, left, right)
        self._check_size(result)
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if isinstance(getattr(value, "__self__", None), str) and _WIDE.search(value.__self__):
            raise RenderLimit("a format width over 7 digits")
        return super().wrap_str_format(value)

    def _check_widths(self, *args: Any) -> None:
        if any(isinstance(a, int) and a > self.limits.render_chars for a in args):
            raise RenderLimit(f"a width over {self.limits.render_chars:,}")

    def _check_size(self, value: Any) -> None:
        if isinstance(value, str | list | tuple | range) and \
                len(value) > self.limits.render_chars:
            raise RenderLimit(f"a value longer than {self.limits.render_chars:,}")


def _bounded_filter(name: str, function: Callable[..., Any], limit: int) -> Callable[..., Any]:
    """``function`` refusing a width, count or length argument past the limit (the value
    filtered, the first argument, may be any number)."""
    passes = getattr(function, "jinja_pass_arg", None)

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        first = 2 if passes is not None else 1
        if any(isinstance(a, int) and a > limit for a in (*args[first:], *kwargs.values())):
            raise RenderLimit(f"filter '{name}' given a width or count over {limit:,}")
        return function(*args, **kwargs)
    return bounded


def environment(autoescape: bool, limits: Limits = LIMITS) -> SandboxedEnvironment:
    """A sandbox with builder's date filters; ``autoescape`` for XML templates."""
    env = _Sandbox(limits, autoescape=autoescape, undefined=jinja2.StrictUndefined,
                   keep_trailing_newline=True)
    for name in ("cycler", "joiner", "lipsum", "namespace", "dict"):
        env.globals.pop(name, None)
    env.filters.update(FILTERS)
    env.filters.update({name: _bounded_filter(name, f, limits.render_chars)
                        for name, f in env.filters.items()})
    return env


_TEXT_ENV = environment(autoescape=False)


def has_tags(text: str) -> bool:
    """True when ``text`` holds a Jinja expression or statement."""
    return "{{" in text or "{%" in text or "{#" in text


def render_text(text: str, context: Mapping[str, Any], file: str, where: str) -> str:
    """Render one configuration string (plain text out; escaping happens in the document)."""
    if not has_tags(text):
        return text
    try:
        return _TEXT_ENV.from_string(text).render(context)
    except Exception as exc:  # every Jinja failure, also runtime ones, becomes a TemplateError
        raise template_error(exc, file, where, text) from None


def template_error(exc: BaseException, file: str, where: str, source: str) -> TemplateError:
    """A TemplateError naming ``file``/``where``, the failing tag and what is wrong.

    ``source`` is the template text that was compiled, used to find the tag by line number
    (syntax errors) or from the traceback (errors while rendering).
    """
    what = _describe(exc)
    line = _line_number(exc)
    tag = _find_tag(source, line, exc)
    place = f"{where}, tag {tag}" if tag else where
    if line is not None and not tag:
        place = f"{where}, template line {line}"
    valid = "" if isinstance(exc, SecurityError) else _valid_for(exc)
    return TemplateError(f"{file}: the template cannot be rendered",
                         [Problem(file, place, what, valid)], hint=_HINT)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, RenderLimit):
        return f"too costly to render: {exc}"
    if isinstance(exc, UnfitOutput):
        return str(exc)
    if isinstance(exc, SecurityError):
        return f"unsafe template code blocked by the sandbox: {exc}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"syntax error: {exc.message}"
    if isinstance(exc, jinja2.UndefinedError):
        return f"unknown name: {exc.message}"
    return f"{type(exc).__name__}: {exc}"


def _valid_for(exc: BaseException) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return "a name from the template context"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return "{{ expression }} or {% statement %}"
    if isinstance(exc, RenderLimit):
        return "a template within the limits of docs/limits.md"
    if isinstance(exc, UnfitOutput):
        return NO_CONTROL
    return ""


def _line_number(exc: BaseException) -> int | None:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.lineno
    line = None
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:  # Jinja rewrites frames so that they carry template line numbers
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _find_tag(source: str, line: int | None, exc: BaseException) -> str:
    """The tag the error is about: on the failing line, preferring one naming the bad name."""
    lines = source.splitlines()
    scope = lines[line - 1] if line is not None and 0 < line <= len(lines) else source
    text = _XML_TAG.sub("", scope)
    tags: list[str] = _TAG.findall(text)
    unclosed = _unclosed(_TAG.sub("", text))
    if unclosed and (not tags or isinstance(exc, jinja2.TemplateSyntaxError)):
        return unclosed
    name = _bad_name(exc)
    for tag in tags:
        if name and re.search(rf"\b{re.escape(name)}\b", tag):
            return tag.strip()
    return tags[0].strip()


def _unclosed(text: str) -> str:
    """A tag opened but never closed, e.g. ``{{ x }`` (up to 60 characters)."""
    starts = [i for i in (text.find("{{"), text.find("{%")) if i >= 0]
    return text[min(starts):min(starts) + 60].strip() if starts else ""


def _bad_name(exc: BaseException) -> str:
    message = str(getattr(exc, "message", None) or exc)
    match = re.search(r"'([A-Za-z_][A-Za-z0-9_]*)' is undefined", message) or \
        re.search(r"has no attribute '([A-Za-z_][A-Za-z0-9_]*)'", message) or \
        re.search(r"attribute '([A-Za-z_][A-Za-z0-9_]*)'", message)
    return str(match.group(1)) if match else ""


def undeclared_names(env: SandboxedEnvironment, source: str, known: set[str]) -> list[str]:
    """Top-level names the template uses that the context does not provide, sorted."""
    return sorted(meta.find_undeclared_variables(env.parse(source)) - known)


def undeclared_error(file: str, where: str, source: str, names: list[str]) -> TemplateError:
    """A TemplateError listing each undeclared name with a tag that uses it."""
    text = _XML_TAG.sub("", source)
    problems = []
    for name in names:
        tag = next((t for t in _TAG.findall(text)
                    if re.search(rf"\b{re.escape(name)}\b", t)), "")
        place = f"{where}, tag {tag.strip()}" if tag else where
        problems.append(Problem(file, place, f"unknown name '{name}'",
                                "a name from the template context"))
    return TemplateError(f"{file}: the template uses names it is not given", problems,
                         hint=_HINT)

