"""The configuration reference: every schema field documented, and docs/configuration.md current."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from builder.config.deck import DeckOptions
from builder.config.meeting import Contact, Meeting
from builder.config.report import Block
from builder.docs_reference import (
    cell,
    constraint_text,
    load_samples,
    reachable,
    reference_markdown,
    schema_models,
    type_text,
    without_none,
)
from tests.conftest import CONFIG, ROOT, Cli

SAMPLE = CONFIG / "meetings" / "2023-11-23.yaml"
REFERENCE = ROOT / "docs" / "configuration.md"


class DescribeTheSchemas:
    def it_gives_every_field_of_every_model_a_docstring(self) -> None:
        missing = [f"{model.__module__}.{model.__name__}.{name}"
                   for model in schema_models()
                   for name, info in model.model_fields.items() if not info.description]
        assert not missing, "fields without a docstring: " + ", ".join(missing)

    def it_reaches_nested_models_from_the_top_level_file(self) -> None:
        models = reachable(Meeting)
        assert models[0] is Meeting
        assert Contact in models and Block in models


class DescribeTypeText:
    def it_reads_like_yaml(self) -> None:
        names: dict[type[BaseModel], str] = {Block: "report.Block"}
        assert type_text(Meeting.model_fields["variant"].annotation, names) == "'2023' | '2017'"
        assert type_text(Meeting.model_fields["date"].annotation, names) == "date (YYYY-MM-DD)"
        assert type_text(without_none(Meeting.model_fields["time"]), names) == "str"
        assert type_text(tuple[Block, ...], names) == "list of [report.Block](#reportblock)"
        assert type_text(dict[str, float | None], names) == "mapping of str to number or null"
        assert type_text(tuple[Annotated[int, Field(ge=1)], ...], names) == "list of int"
        assert type_text(Literal[1, "a"], names) == "1 | 'a'"


class DescribeCells:
    def it_keeps_a_cell_on_one_line_with_pipes_and_tags_escaped(self) -> None:
        assert cell("a |\n ``b | <c>`` <Month YYYY>") == "a \\| `b \\| <c>` &lt;Month YYYY>"

    def it_writes_limits_in_words(self) -> None:
        assert constraint_text(DeckOptions.model_fields["max_bullets"]) == "1 to 30"
        assert constraint_text(Meeting.model_fields["items"]) == "not empty"


class DescribeTheReference:
    def it_has_a_table_row_for_every_field_with_its_docstring_and_sample_value(self) -> None:
        text = reference_markdown(load_samples(SAMPLE))
        for model in schema_models():
            for name in model.model_fields:
                assert f"| `{name}` |" in text, f"{model.__name__}.{name} missing"
        row = next(line for line in text.splitlines() if line.startswith("| `issue_date` |"))
        assert "required" in row and "the issue line" in row and "`2023-11-15`" in row

    def it_is_committed_up_to_date(self) -> None:
        expected = reference_markdown(load_samples(SAMPLE))
        assert REFERENCE.read_text(encoding="utf-8") == expected, (
            "docs/configuration.md is out of date: run `builder docs reference` and commit it")

    def it_fails_the_check_with_exit_2_when_out_of_date(self, tmp_path: Path, cli: Cli) -> None:
        target = tmp_path / "configuration.md"
        target.write_text("# old\n", encoding="utf-8")
        args = ("docs", "reference", "--out", str(target), "--sample", str(SAMPLE))
        stale = cli(*args, "--check")
        assert stale.code == 2 and "out of date" in stale.err
        assert "builder docs reference" in stale.err
        assert target.read_text(encoding="utf-8") == "# old\n"
        assert cli(*args).code == 0
        assert cli(*args, "--check").code == 0
