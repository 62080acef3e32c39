"""The web app's actions, in process: uploads, 'Use this data', builds, downloads, safety."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import yaml
from starlette.testclient import TestClient
from typer.testing import CliRunner

from builder.cli import app as cli_app
from builder.commands.serve import settings_for
from builder.web import security
from builder.web.app import Settings, create_app
from builder.web.builds import Builds
from tests.web.conftest import FakeBuilder
from tests.web.support import MEETING, csrf_of, values_workbook

MEETING_URL = f"/meetings/{MEETING}"


def comments_of(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if line.lstrip().startswith("#")]


def _upload(client: TestClient, path: Path, kind: str = "values", name: str | None = None):  # type: ignore[no-untyped-def]
    csrf = csrf_of(client.get(MEETING_URL).text)
    return client.post(f"{MEETING_URL}/upload", data={"csrf": csrf, "kind": kind},
                       files={"file": (name or path.name, path.read_bytes())})


def _wait(client: TestClient) -> dict[str, str]:
    for _ in range(100):
        state: dict[str, str] = client.get(f"{MEETING_URL}/build").json()
        if state["state"] != "running":
            return state
        time.sleep(0.05)
    raise AssertionError("the build did not end")


def _build(client: TestClient) -> dict[str, str]:
    csrf = csrf_of(client.get(MEETING_URL).text)
    started = client.post(f"{MEETING_URL}/build", data={"csrf": csrf}, follow_redirects=False)
    assert started.status_code == 303
    return _wait(client)


class DescribeValuesUpload:
    def it_names_the_bad_cell_and_saves_nothing(self, client: TestClient, config: Path,
                                                tmp_path: Path) -> None:
        book = values_workbook(tmp_path / "october.xlsx", ("contacts", "Oct-23", "lots"))
        page = _upload(client, book)
        assert page.status_code == 400
        assert "october.xlsx cannot be used" in page.text
        assert "cell Z5" in page.text and "&#39;lots&#39; is not a number" in page.text
        assert not list((config / ".builder-web" / "pending").iterdir())

    def it_shows_the_dataset_then_uses_it_when_asked(self, client: TestClient, config: Path,
                                                     tmp_path: Path) -> None:
        before = (config / "meetings" / f"{MEETING}.yaml").read_text("utf-8")
        kept_lines = before.splitlines().index("data:")  # everything above 'data' unchanged
        page = _upload(client, values_workbook(tmp_path / "october.xlsx"))
        assert page.status_code == 200
        assert "The dataset for October 2023 with october.xlsx" in page.text
        assert '<table class="dataset">' in page.text and "Use this data" in page.text
        assert "Number of contacts in the month" in page.text
        token = page.text.split('name="upload" value="')[1].split('"')[0]
        used = client.post(f"{MEETING_URL}/use", data={"csrf": csrf_of(page.text),
                                                       "upload": token})
        assert used.status_code == 200 and "now uses the values in october.xlsx" in used.text
        meeting = yaml.safe_load((config / "meetings" / f"{MEETING}.yaml").read_text("utf-8"))
        (values,) = meeting["data"]["values"]
        assert values.startswith(f"../values/{MEETING}-") and values.endswith(".xlsx")
        assert (config / "meetings" / values).resolve().is_file()
        assert "No problems" in used.text
        text = (config / "meetings" / f"{MEETING}.yaml").read_text("utf-8")
        assert text.splitlines()[:kept_lines] == before.splitlines()[:kept_lines]
        assert comments_of(text) == comments_of(before)  # the officer's comments are kept
        again = client.post(f"{MEETING_URL}/use", data={"csrf": csrf_of(used.text),
                                                        "upload": token})
        assert again.status_code == 400

    def it_refuses_a_workbook_that_is_not_a_zip_and_a_wrong_type(self, client: TestClient,
                                                                 tmp_path: Path) -> None:
        fake = tmp_path / "fake.xlsx"
        fake.write_bytes(b"not a workbook")
        assert "not a .xlsx file" in _upload(client, fake).text
        script = tmp_path / "run.exe"
        script.write_bytes(b"MZ")
        refused = _upload(client, script)
        assert refused.status_code == 400 and "takes .xlsx, .csv" in refused.text

    def it_escapes_the_file_name_it_was_sent(self, client: TestClient, tmp_path: Path) -> None:
        page = _upload(client, values_workbook(tmp_path / "v.xlsx"),
                       name="<img src=x onerror=alert(1)>.xlsx")
        assert "<img src=x" not in page.text
        assert "&lt;img src=x onerror=alert(1)&gt;.xlsx" in page.text


class DescribeCommentaryUpload:
    def it_shows_the_commentary_beside_its_indicator_escaped(self, client: TestClient,
                                                              tmp_path: Path) -> None:
        notes = tmp_path / "notes.csv"
        notes.write_text('indicator,period,text\ncontacts,2023-10,"Up <b>25%</b>, as forecast"\n',
                         encoding="utf-8")
        page = _upload(client, notes, kind="commentary")
        assert page.status_code == 200
        row = page.text.split("Number of contacts in the month")[1].split("</tr>")[0]
        assert "Up &lt;b&gt;25%&lt;/b&gt;, as forecast" in row

    def it_names_an_unknown_indicator_in_the_commentary(self, client: TestClient,
                                                         tmp_path: Path) -> None:
        notes = tmp_path / "notes.csv"
        notes.write_text("indicator,period,text\nnobody,2023-10,Words\n", encoding="utf-8")
        page = _upload(client, notes, kind="commentary")
        assert page.status_code == 400 and "unknown indicator &#39;nobody&#39;" in page.text


class DescribeCsrf:
    def it_refuses_a_post_without_the_token_or_with_another(self, client: TestClient) -> None:
        client.get(MEETING_URL)
        assert client.post(f"{MEETING_URL}/build", data={}).status_code == 403
        assert client.post(f"{MEETING_URL}/build", data={"csrf": "guess"}).status_code == 403
        assert client.app.state.web.builds.latest(MEETING) is None  # type: ignore[attr-defined]


class DescribeBuild:
    def it_says_idle_before_the_first_build(self, client: TestClient) -> None:
        state = client.get(f"{MEETING_URL}/build").json()
        assert state["state"] == "idle" and "Build the papers" in state["html"]

    def it_reports_each_stage_then_lists_the_downloads_and_pages(
            self, client: TestClient) -> None:
        state = _build(client)
        assert state["state"] == "done"
        assert "load and compute: done" in state["html"]
        assert "page thumbnails: done" in state["html"]
        assert "The build finished" in state["html"]
        page = client.get(MEETING_URL).text
        assert f'href="{MEETING_URL}/files/agenda-pack-public.pdf"' in page
        pdf = client.get(f"{MEETING_URL}/files/agenda-pack-public.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert "attachment" in pdf.headers["content-disposition"]
        png = client.get(f"{MEETING_URL}/pages/2")
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
        assert client.get(f"{MEETING_URL}/pages/3").status_code == 404
        assert "Built" in client.get("/").text

    def it_serves_only_files_the_build_made(self, client: TestClient) -> None:
        _build(client)
        assert client.get(f"{MEETING_URL}/files/..%2F..%2Fcouncil.yaml").status_code == 404
        assert client.get(f"{MEETING_URL}/files/council.yaml").status_code == 404

    def it_keeps_the_last_good_outputs_when_a_build_fails(self, client: TestClient,
                                                           fake_builder: FakeBuilder) -> None:
        _build(client)
        fake_builder.fail = True
        state = _build(client)
        assert state["state"] == "failed"
        assert "LibreOffice stopped" in state["html"]
        assert "last good build" in state["html"]
        assert client.get(f"{MEETING_URL}/files/agenda-pack-public.pdf").status_code == 200

    def it_runs_one_build_at_a_time_per_meeting(self, client: TestClient,
                                                fake_builder: FakeBuilder) -> None:
        fake_builder.hold = threading.Event()
        csrf = csrf_of(client.get(MEETING_URL).text)
        client.post(f"{MEETING_URL}/build", data={"csrf": csrf})
        second = client.post(f"{MEETING_URL}/build", data={"csrf": csrf})
        assert "Building…" in second.text and "load and compute: " in second.text
        fake_builder.hold.set()
        assert _wait(client)["state"] == "done"
        assert fake_builder.runs == 1


class DescribeSignIn:
    def it_asks_for_the_password_before_anything_else(self, config: Path) -> None:
        app = create_app(Settings(config, "s3cret", ("testserver",)), Builds(FakeBuilder()))
        with TestClient(app) as client:
            assert client.get("/", follow_redirects=False).headers["location"] == "/login"
            assert client.get(MEETING_URL, follow_redirects=False).status_code == 303
            assert client.post(f"{MEETING_URL}/build").status_code == 401
            login = client.get("/login")
            before = client.cookies["builder_session"]
            wrong = client.post("/login", data={"csrf": csrf_of(login.text), "password": "no"})
            assert wrong.status_code == 401
            right = client.post("/login", data={"csrf": csrf_of(login.text),
                                                "password": "s3cret"})
            assert right.status_code == 200 and "Meetings" in right.text
            assert client.cookies["builder_session"] != before
            assert client.get(MEETING_URL).status_code == 200

    def it_refuses_other_hosts_when_serving_this_machine(self, config: Path) -> None:
        with TestClient(create_app(Settings(config))) as client:
            assert client.get("/").status_code == 400


class DescribeLimits:
    def it_asks_for_a_file_when_none_was_chosen(self, client: TestClient) -> None:
        csrf = csrf_of(client.get(MEETING_URL).text)
        page = client.post(f"{MEETING_URL}/upload", data={"csrf": csrf, "kind": "values"},
                           files={"file": ("", b"")})
        assert page.status_code == 400 and "Choose a file first." in page.text

    def it_refuses_a_body_larger_than_the_upload_limit(self, client: TestClient) -> None:
        big = client.post(f"{MEETING_URL}/upload", content=b"x" * 100,
                          headers={"content-length": "999999999"})
        assert big.status_code == 413


class DescribeServeCommand:
    def it_will_not_open_the_app_to_other_machines_without_a_password(self, config: Path
                                                                      ) -> None:
        result = CliRunner().invoke(cli_app, ["serve", str(config), "--host", "0.0.0.0"])
        assert result.exit_code != 0
        assert isinstance(result.exception, Exception)
        assert "needs a password" in str(result.exception)

    def it_opens_the_app_to_other_machines_with_a_token_file(self, config: Path,
                                                             tmp_path: Path) -> None:
        token = tmp_path / "token"
        token.write_text("long random words\n", encoding="utf-8")
        settings = settings_for(config, "0.0.0.0", None, token)
        assert settings.password == "long random words" and settings.allowed_hosts == ("*",)
        assert settings_for(config, "127.0.0.1", None, None).password is None

    def it_needs_a_config_folder(self, tmp_path: Path) -> None:
        result = CliRunner().invoke(cli_app, ["serve", str(tmp_path)])
        assert "not a config folder" in str(result.exception)


class DescribeSessions:
    def it_drops_visitors_who_never_signed_in_before_signed_in_officers(
            self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(security, "MAX_SESSIONS", 3)
        sessions = security.Sessions()
        officer, session = sessions.new()
        session.signed_in = True
        for _ in range(10):
            newest, _visitor = sessions.new()
        assert sessions.get(officer) is session
        assert sessions.get(newest) is not None
