"""Supplied papers in the web app, in process: a new version of a paper or an appendix checked
before it is saved, the cleaned copy offered, the meeting pointed at the file used; and the
report checker on the Check page."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from starlette.testclient import TestClient

from tests.unit.report_samples import paragraph, track_insertion
from tests.web.support import PAPER_MEETING, PAPERS, csrf_of, paper_meeting, pdf

URL = f"/meetings/{PAPER_MEETING}"
COMMENTED = PAPERS / "send-and-home-to-school-transport.docx"
"""The SEND paper as its author sent it: one comment (blocking), an author in its metadata."""
CLEAN = PAPERS / "send-and-home-to-school-transport.cleaned.docx"


@pytest.fixture(autouse=True)
def meeting(config: Path) -> Path:
    return paper_meeting(config)


def _send(client: TestClient, path: Path | None, part: str = "paper", name: str | None = None,
          item: str = "1", content: bytes | None = None) -> Any:
    csrf = csrf_of(client.get(URL).text)
    data = content if content is not None else path.read_bytes() if path else b""
    return client.post(f"{URL}/paper", data={"csrf": csrf, "item": item, "part": part},
                       files={"file": (name or (path.name if path else ""), data)})


def _token(html: str) -> str:
    found = re.search(r'action="[^"]*/use-paper".*?name="upload" value="([^"]+)"', html, re.S)
    assert found, "no 'use' form on the page"
    return found.group(1)


def _paper(meeting: Path) -> dict[str, Any]:
    raw = yaml.safe_load(meeting.read_text(encoding="utf-8"))
    paper: dict[str, Any] = raw["items"][1]["paper"]
    return paper


def _pending(config: Path) -> list[Path]:
    folder = config / ".builder-web" / "pending"
    return list(folder.iterdir()) if folder.is_dir() else []


def _with_comment(tmp_path: Path, text: str) -> Path:
    doc = docx.Document(str(CLEAN))
    doc.add_comment(paragraph(doc, "An overview").runs, text, author="Sam Kent", initials="SK")
    path = tmp_path / "commented.docx"
    doc.save(str(path))
    return path


class DescribeThePaperForm:
    def it_lists_the_papers_files_and_offers_each_to_replace(self, client: TestClient,
                                                            meeting: Path) -> None:
        page = client.get(URL).text
        assert "papers/send-and-home-to-school-transport.cleaned.docx" in page
        assert "appendices/send-2-capital-programme-briefing.docx" in page
        form = page.split(f'action="{URL}/paper"')[1].split("</form>")[0]
        assert 'name="csrf"' in form and '<label for="paper-1-file">' in form
        assert '<label for="paper-1-part">' in form
        assert re.findall(r'<option value="([^"]+)"', form) == ["paper", "1", "2", "3"]

    def it_offers_no_form_on_a_meeting_without_supplied_papers(self, client: TestClient
                                                               ) -> None:
        assert "/paper\"" not in client.get("/meetings/2017-01-05").text  # no kind: paper item


class DescribeANewVersionOfThePaper:
    def it_names_the_blocking_finding_and_its_fix_and_offers_the_cleaned_copy(
            self, client: TestClient, config: Path, meeting: Path) -> None:
        before = _paper(meeting)["file"]
        page = _send(client, COMMENTED)
        result = page.text.split('id="paper-result"')[1].split("</section>")[0]
        blocking = result.split('<ul class="findings">')[1].split("</ul>")[0]
        assert "Paragraph 48" in blocking and "(comment)" in blocking and "Sam Kent" in blocking
        assert 'class="fix"' in blocking
        assert "Use this version" not in result and "Use the cleaned copy" in result
        assert _paper(meeting)["file"] == before
        (waiting,) = _pending(config)
        with zipfile.ZipFile(waiting) as archive:
            assert "word/comments.xml" not in archive.namelist()

    def it_points_the_paper_at_the_cleaned_copy_when_it_is_used(
            self, client: TestClient, config: Path, meeting: Path) -> None:
        page = _send(client, COMMENTED)
        used = client.post(f"{URL}/use-paper", data={"csrf": csrf_of(page.text),
                                                      "upload": _token(page.text)})
        assert used.status_code == 200 and "now uses send-and-home" in used.text
        file = _paper(meeting)["file"]
        assert re.fullmatch(rf"\.\./papers/{PAPER_MEETING}-\d{{8}}-\d{{6}}-[0-9a-f]{{8}}\.docx",
                            file)
        with zipfile.ZipFile((meeting.parent / file).resolve()) as archive:
            assert "word/comments.xml" not in archive.namelist()
        assert "No problems" in used.text and not _pending(config)
        again = client.post(f"{URL}/use-paper", data={"csrf": csrf_of(used.text),
                                                       "upload": _token(page.text)})
        assert again.status_code == 400

    def it_takes_a_clean_paper_as_it_is(self, client: TestClient, meeting: Path) -> None:
        page = _send(client, CLEAN, name="SEND final.docx")
        assert page.status_code == 200
        assert "Use this version" in page.text and "The cleaned copy" not in page.text
        client.post(f"{URL}/use-paper", data={"csrf": csrf_of(page.text),
                                               "upload": _token(page.text)})
        assert (meeting.parent / _paper(meeting)["file"]).read_bytes() == CLEAN.read_bytes()

    def it_offers_nothing_when_the_cleaned_copy_still_has_tracked_changes(
            self, client: TestClient, config: Path, tmp_path: Path) -> None:
        doc = docx.Document(str(COMMENTED))
        track_insertion(paragraph(doc, "An overview").add_run(" and the budget"))
        tracked = tmp_path / "tracked.docx"
        doc.save(str(tracked))
        page = _send(client, tracked)
        assert page.status_code == 400
        assert "(tracked change)" in page.text and "tracked changes" in page.text
        assert "/use-paper" not in page.text and not _pending(config)

    def it_escapes_what_the_findings_quote(self, client: TestClient, meeting: Path,
                                           tmp_path: Path) -> None:
        page = _send(client, _with_comment(tmp_path, "<script>alert(1)</script>"),
                     name="<b>paper.docx")
        assert "<script>alert(1)" not in page.text and "<b>paper" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert "&lt;b&gt;paper.docx" in page.text


class DescribeANewVersionOfAnAppendix:
    def it_checks_a_word_appendix_for_what_must_not_be_published(
            self, client: TestClient, meeting: Path, tmp_path: Path) -> None:
        page = _send(client, _with_comment(tmp_path, "Not for the public"), part="2")
        assert "Appendix 2 (SEND Capital Programme Briefing Paper)" in page.text
        assert "(comment)" in page.text and "(heading)" not in page.text

    def it_points_the_appendix_at_a_pdf_and_keeps_it_exempt(
            self, client: TestClient, meeting: Path, tmp_path: Path) -> None:
        page = _send(client, pdf(tmp_path / "briefing.pdf", 3), part="2")
        assert page.status_code == 200
        client.post(f"{URL}/use-paper", data={"csrf": csrf_of(page.text),
                                               "upload": _token(page.text)})
        appendix = _paper(meeting)["appendices"][1]
        assert appendix["file"].startswith("../appendices/") and appendix["file"].endswith(".pdf")
        assert appendix["exempt"] is True and appendix["exempt_category"]
        assert client.get(URL).text.count("No problems") == 1


class DescribeRefusedUploads:
    def it_refuses_a_wrong_type_a_broken_pdf_and_a_missing_file(
            self, client: TestClient, meeting: Path, config: Path) -> None:
        wrong = _send(client, None, name="paper.txt", content=b"text")
        assert wrong.status_code == 400 and "takes .docx, .pdf" in wrong.text
        broken = _send(client, None, name="paper.pdf", content=b"%PDF-1.4 nothing else")
        assert broken.status_code == 400 and "The file was not saved" in broken.text
        none = _send(client, None)
        assert none.status_code == 400 and "Choose a file first." in none.text
        assert not _pending(config)

    def it_refuses_an_item_or_part_the_agenda_does_not_have(self, client: TestClient,
                                                            meeting: Path, config: Path
                                                            ) -> None:
        assert _send(client, CLEAN, item="0").status_code == 400
        assert _send(client, CLEAN, part="7").status_code == 400
        assert _send(client, CLEAN, item="../1").status_code == 400
        assert not _pending(config)

    def it_refuses_a_post_without_the_csrf_token(self, client: TestClient, meeting: Path
                                                 ) -> None:
        client.get(URL)
        refused = client.post(f"{URL}/paper", data={"item": "1", "part": "paper"},
                              files={"file": ("p.docx", CLEAN.read_bytes())})
        assert refused.status_code == 403


class DescribeTheReportCheckOnTheCheckPage:
    def it_lists_the_findings_with_paragraph_numbers_and_accessibility(
            self, client: TestClient) -> None:
        form = client.get("/check")
        assert '<input type="checkbox" id="report" name="report"' in form.text
        result = client.post("/check", data={"csrf": csrf_of(form.text), "report": "yes",
                                             "variant": "2023"},
                             files={"file": ("SEND.docx", COMMENTED.read_bytes())})
        assert result.status_code == 200
        assert "Paragraph 48" in result.text and "(comment)" in result.text
        assert '<ul class="issues">' not in result.text

    def it_checks_against_the_2017_format_when_asked(self, client: TestClient) -> None:
        form = client.get("/check")
        result = client.post("/check", data={"csrf": csrf_of(form.text), "report": "yes",
                                             "variant": "2017"},
                             files={"file": ("SEND.docx", CLEAN.read_bytes())})
        assert "(heading)" in result.text and 'value="2017" selected' in result.text

    def it_refuses_a_report_check_of_a_pdf_and_an_unknown_format(self, client: TestClient,
                                                                 tmp_path: Path) -> None:
        form = client.get("/check")
        paper = pdf(tmp_path / "paper.pdf", 1).read_bytes()
        refused = client.post("/check", data={"csrf": csrf_of(form.text), "report": "yes"},
                              files={"file": ("paper.pdf", paper)})
        assert refused.status_code == 400 and 'aria-invalid="true"' in refused.text
        unknown = client.post("/check", data={"csrf": csrf_of(form.text), "report": "yes",
                                              "variant": "1999"},
                              files={"file": ("SEND.docx", CLEAN.read_bytes())})
        assert unknown.status_code == 400
