"""The web app's pages, in process: meetings, a meeting, copying, checking, errors."""

from __future__ import annotations

from pathlib import Path

import docx
import yaml
from starlette.testclient import TestClient

from tests.web.support import MEETING, csrf_of


class DescribeMeetingsPage:
    def it_lists_the_sample_meeting_with_date_period_and_status(self, client: TestClient
                                                                 ) -> None:
        page = client.get("/")
        assert page.status_code == 200
        assert f'href="/meetings/{MEETING}"' in page.text
        assert "23 November 2023" in page.text and "2023-10" in page.text
        assert "Valid" in page.text and "Built" not in page.text

    def it_counts_the_problems_of_a_broken_meeting(self, client: TestClient, config: Path
                                                   ) -> None:
        (config / "meetings" / "2024-01-11.yaml").write_text(
            "panel: Panel\ndate: 2024-01-11\n", encoding="utf-8")
        page = client.get("/")
        row = page.text.split('href="/meetings/2024-01-11"')[1].split("</tr>")[0]
        assert 'class="tag bad"' in row and "problem" in row

    def it_sets_a_strict_http_only_session_cookie_and_security_headers(
            self, client: TestClient) -> None:
        page = client.get("/")
        cookie = page.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["x-frame-options"] == "DENY"


class DescribeMeetingPage:
    def it_shows_the_agenda_in_order_and_no_problems(self, client: TestClient) -> None:
        page = client.get(f"/meetings/{MEETING}").text
        first = page.index("APOLOGIES AND CHANGES IN PANEL MEMBERSHIP")
        minutes = page.index("MINUTES OF THE PREVIOUS MEETING")
        b4b = page.index("BUILDING FOR BRILLIANCE")
        assert first < minutes < b4b
        assert "Exclusion of the press and public" in page
        assert "No problems" in page

    def it_lists_validation_problems_as_a_table(self, client: TestClient, config: Path) -> None:
        path = config / "meetings" / f"{MEETING}.yaml"
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        raw["data"]["catalogue"] = "../missing.yaml"
        path.write_text(yaml.safe_dump(raw), encoding="utf-8")
        page = client.get(f"/meetings/{MEETING}").text
        assert '<table class="problems">' in page
        assert "missing.yaml" in page

    def it_is_not_found_for_a_meeting_that_is_not_in_the_folder(self, client: TestClient
                                                               ) -> None:
        assert client.get("/meetings/nothing").status_code == 404
        assert client.get("/meetings/..%2Fcouncil").status_code == 404


class DescribeNewMeetingFromThisOne:
    def it_copies_the_meeting_with_the_new_date_issue_date_and_period(
            self, client: TestClient, config: Path) -> None:
        form = client.get(f"/meetings/{MEETING}/copy")
        assert 'type="date"' in form.text and 'type="month"' in form.text
        made = client.post(f"/meetings/{MEETING}/copy", data={
            "csrf": csrf_of(form.text), "date": "2023-12-14", "period": "2023-11"},
            follow_redirects=False)
        assert made.status_code == 303 and made.headers["location"] == "/meetings/2023-12-14"
        raw = yaml.safe_load((config / "meetings" / "2023-12-14.yaml").read_text("utf-8"))
        assert str(raw["date"]) == "2023-12-14" and str(raw["issue_date"]) == "2023-12-06"
        assert raw["data"]["period"] == "2023-11"
        assert "New meeting made" in client.get("/meetings/2023-12-14").text

    def it_refuses_a_date_not_after_this_meeting(self, client: TestClient) -> None:
        form = client.get(f"/meetings/{MEETING}/copy")
        again = client.post(f"/meetings/{MEETING}/copy", data={
            "csrf": csrf_of(form.text), "date": MEETING, "period": "2023-10"})
        assert again.status_code == 400
        assert "is not after this meeting" in again.text

    def it_never_overwrites_the_files_of_a_meeting_made_before(self, client: TestClient
                                                               ) -> None:
        form = client.get(f"/meetings/{MEETING}/copy")
        fields = {"csrf": csrf_of(form.text), "date": "2024-01-25", "period": "2023-11"}
        assert client.post(f"/meetings/{MEETING}/copy", data=fields,
                           follow_redirects=False).status_code == 303
        again = client.post(f"/meetings/{MEETING}/copy", data=fields)
        assert again.status_code == 400 and "exists already" in again.text

    def it_refuses_a_period_that_is_not_a_month(self, client: TestClient) -> None:
        form = client.get(f"/meetings/{MEETING}/copy")
        wrong = client.post(f"/meetings/{MEETING}/copy", data={
            "csrf": csrf_of(form.text), "date": "2023-12-14", "period": "November"})
        assert wrong.status_code == 400 and 'aria-invalid="true"' in wrong.text


class DescribeCheckPage:
    def it_lists_what_builder_check_finds_in_an_uploaded_paper(self, client: TestClient,
                                                               tmp_path: Path) -> None:
        paper = tmp_path / "paper.docx"
        document = docx.Document()
        document.add_paragraph("No heading, no title.")
        document.save(str(paper))
        form = client.get("/check")
        result = client.post("/check", data={"csrf": csrf_of(form.text)},
                             files={"file": ("<i>paper.docx", paper.read_bytes())})
        assert result.status_code == 200
        assert "Results for &lt;i&gt;paper.docx" in result.text
        assert '<ul class="issues">' in result.text and "title" in result.text
        assert not list((client.app.state.web.workspace.checking).iterdir())  # type: ignore[attr-defined]

    def it_refuses_a_file_it_cannot_check(self, client: TestClient) -> None:
        form = client.get("/check")
        result = client.post("/check", data={"csrf": csrf_of(form.text)},
                             files={"file": ("notes.txt", b"hello")})
        assert result.status_code == 400 and "takes .docx, .pptx, .pdf" in result.text
