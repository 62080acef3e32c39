"""Templated text cannot run forever or fill memory (issue 15): each case stops in well under
a second with a TemplateError naming the field and the tag."""

from __future__ import annotations

import dataclasses
import resource
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.core.limits import LIMITS
from builder.errors import TemplateError
from builder.jinja_sandbox import environment, render_text

HOSTILE = {
    "nested ranges": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                     "{% endfor %}",
    "a huge range": "{{ range(10**9)|list|length }}",
    "string repetition": "{{ 'x' * 10**9 }}",
    "repetition the other way": "{{ 10**9 * 'x' }}",
    "list repetition": "{{ ([1] * 10**9)|length }}",
    "a huge power": "{{ 10 ** (10 ** 10) }}",
    "a wide filter": "{{ 'x'|center(10**9) }}",
    "a wide method": "{{ 'x'.ljust(10**9) }}",
    "a wide format": "{{ '{:>1000000000}'.format(1) }}",
    "a wide percent format": "{{ '%1000000000s' % 'x' }}",
    "nested loops over data": "{% for a in xs %}{% for b in xs %}{% for c in xs %}{% endfor %}"
                              "{% endfor %}{% endfor %}",
    "long output": "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
    "exponential macros": "{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(1) }}",
}


@pytest.fixture(autouse=True)
def bounded_memory() -> Iterator[None]:
    """A regression would fail with MemoryError instead of eating the machine: at most 1 GB
    more address space than the test process has now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    in_use = int(status.split("VmSize:")[1].split()[0]) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (in_use + 1_000_000_000, hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class DescribeBoundedRendering:
    @pytest.mark.parametrize("case", HOSTILE)
    def it_stops_a_costly_template_naming_the_field(self, case: str) -> None:
        start = time.monotonic()
        with pytest.raises(TemplateError) as caught:
            render_text(HOSTILE[case], {"xs": list(range(450))}, "meeting.yaml",
                        "items[0].title")
        assert time.monotonic() - start < 5
        problem = caught.value.problems[0]
        assert problem.file == "meeting.yaml"
        assert problem.where.startswith("items[0].title, tag {")

    def it_says_which_limit_was_passed(self) -> None:
        with pytest.raises(TemplateError) as caught:
            render_text(HOSTILE["nested ranges"], {}, "m.yaml", "title")
        assert caught.value.problems[0].what == \
            "too costly to render: loops ran more than 1,000,000 times"

    def it_stops_a_render_past_its_time_budget(self) -> None:
        env = environment(False, dataclasses.replace(LIMITS, render_seconds=0.05))
        template = env.from_string("{% for i in range(100000) %}{{ i|string|length }}"
                                   "{% endfor %}")
        start = time.monotonic()
        with pytest.raises(Exception, match="took longer than 0.05 s"):
            template.render()
        assert time.monotonic() - start < 1

    def it_still_renders_ordinary_arithmetic_and_formats(self) -> None:
        text = ("{{ n + 1 }} {{ 'ab' * 3 }} {% for x in xs[:3] %}{{ x }}{% endfor %} "
                "{{ '{:,}'.format(1500000000) }} {{ 2 ** 10 }} {{ '%5.1f' % 3.14159 }} "
                "{{ big|round(1) }} {% for x in xs[:2] %}{{ loop.index }}/{{ loop.length }}"
                "{% endfor %}")
        out = render_text(text, {"xs": list(range(450)), "n": 1, "big": 4.5e10}, "m", "t")
        assert out == "2 ababab 012 1,500,000,000 1024   3.1 45000000000.0 1/22/2"


class DescribeUnfitOutput:
    def it_refuses_a_control_character_made_by_an_escape(self) -> None:
        with pytest.raises(TemplateError) as caught:
            render_text('{{ "a\\x0bb" }}', {}, "meeting.yaml", "items[0].title")
        problem = caught.value.problems[0]
        assert problem.where == 'items[0].title, tag {{ "a\\x0bb" }}'
        assert problem.what == "the output has a control character U+000B at character 2"
