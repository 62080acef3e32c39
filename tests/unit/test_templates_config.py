"""Templates are configuration: the council names them, the defaults ship in the package and
``builder templates export`` copies them out (issue 10)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document

from builder.config.council import load_council
from builder.config.meeting import load_meeting
from builder.config.templates import DEFAULT_DIR, DEFAULTS, FILE_NAMES, resolve_templates
from builder.errors import ConfigError
from builder.present import pack_context as pc
from builder.render.pack_docx import PackDocument, render_pack_document
from tests.cli_support import run_cli
from tests.conftest import CONFIG

SAMPLE = CONFIG / "meetings" / "2023-11-23.yaml"


class DescribeDefaults:
    def it_ships_every_template_inside_the_package(self) -> None:
        assert DEFAULT_DIR.parent.name == "builder"
        for name in FILE_NAMES.values():
            assert (DEFAULT_DIR / name).is_file(), name

    def it_declares_them_package_data(self, root: Path) -> None:
        text = (root / "pyproject.toml").read_text(encoding="utf-8")
        assert 'builder = ["templates/*.docx", "templates/*.pptx"' in text


class DescribeTheCouncilsChoice:
    def write(self, folder: Path, templates: dict[str, str] | None) -> Path:
        data = yaml.safe_load((CONFIG / "council.yaml").read_text(encoding="utf-8"))
        if templates is not None:
            data["templates"] = templates
        path = folder / "council.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return path

    def it_uses_the_defaults_when_the_council_names_none(self, tmp_path: Path) -> None:
        path = self.write(tmp_path, None)
        assert resolve_templates(load_council(path).templates, path) == DEFAULTS

    def it_resolves_each_named_template_against_the_yaml(self, tmp_path: Path) -> None:
        path = self.write(tmp_path, {"report": "ours/report.docx", "agenda": "agenda.docx"})
        chosen = resolve_templates(load_council(path).templates, path)
        assert chosen.report == tmp_path / "ours" / "report.docx"
        assert chosen.agenda == tmp_path / "agenda.docx"
        assert (chosen.front_sheet, chosen.minutes, chosen.pack_page) == (
            DEFAULTS.front_sheet, DEFAULTS.minutes, DEFAULTS.pack_page)

    def it_lets_a_meeting_override_the_council(self, tmp_path: Path) -> None:
        path = self.write(tmp_path, {"report": "council.docx", "minutes": "minutes.docx"})
        council = resolve_templates(load_council(path).templates, path)
        meeting_yaml = tmp_path / "meetings" / "m.yaml"
        choice = load_council(self.write(tmp_path, {"report": "special.docx"})).templates
        chosen = resolve_templates(choice, meeting_yaml, council)
        assert chosen.report == tmp_path / "meetings" / "special.docx"
        assert chosen.minutes == tmp_path / "minutes.docx"

    def it_renders_the_pack_from_the_councils_template(self, tmp_path: Path) -> None:
        ours = tmp_path / "our-agenda.docx"
        with zipfile.ZipFile(DEFAULT_DIR / FILE_NAMES["agenda"]) as src, \
                zipfile.ZipFile(ours, "w") as out:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "word/document.xml":
                    data = data.replace(b">AGENDA<", b">ORDER OF BUSINESS<")
                out.writestr(item, data)
        path = self.write(tmp_path, {"agenda": ours.name})
        chosen = resolve_templates(load_council(path).templates, path)
        context = pc.agenda_context(load_council(path), load_meeting(SAMPLE), {})
        rendered = render_pack_document(PackDocument("agenda", context, "Agenda"),
                                        dt.datetime(2023, 11, 15), tmp_path / "a.docx", chosen)
        texts = [p.text for p in Document(str(rendered)).paragraphs]
        assert texts[0] == "ORDER OF BUSINESS"

    def it_refuses_a_misspelt_template_kind(self, tmp_path: Path) -> None:
        path = self.write(tmp_path, {"reprot": "x.docx"})
        with pytest.raises(ConfigError) as caught:
            load_council(path)
        assert any("templates.reprot" in str(p) for p in caught.value.problems)


class DescribeExport:
    def it_copies_every_default_out(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                    ) -> None:
        assert run_cli(monkeypatch, "templates", "export", str(tmp_path / "ours")) == 0
        for name in FILE_NAMES.values():
            assert (tmp_path / "ours" / name).read_bytes() == (DEFAULT_DIR / name).read_bytes()

    def it_refuses_to_overwrite_an_owners_edits_without_force(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> None:
        edited = tmp_path / FILE_NAMES["report"]
        edited.write_bytes(b"edited")
        assert run_cli(monkeypatch, "templates", "export", str(tmp_path)) == 2
        assert f"{edited}: already exists" in capsys.readouterr().err
        assert edited.read_bytes() == b"edited"
        assert run_cli(monkeypatch, "templates", "export", str(tmp_path), "--force") == 0
        assert edited.read_bytes() == (DEFAULT_DIR / FILE_NAMES["report"]).read_bytes()
