"""End to end in Debian's Chromium (Playwright, the system browser, never a downloaded one):
the sample meeting with a bad then a good values workbook, one real build followed to the end,
the public pack downloaded and read back, a POST without its CSRF token, a supplied paper's
new version refused and its cleaned copy used, the report checker, axe on every page.

Set ``BUILDER_WEB_SCREENSHOTS=DIR`` to save the pages as PNGs (``docs/screenshots``)."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
import uvicorn
from starlette.applications import Starlette

from builder.inspection.pdf_summary import summarize
from builder.web.app import Settings, create_app
from tests.web.support import (
    MEETING,
    PAPER_MEETING,
    PAPERS,
    copy_config,
    paper_meeting,
    values_workbook,
)

pytestmark = pytest.mark.libreoffice

CHROMIUM = Path("/usr/bin/chromium")
BUILD_TIMEOUT_MS = 300_000

if not CHROMIUM.exists():
    if os.environ.get("BUILDER_REQUIRE_LIBREOFFICE"):
        raise RuntimeError("Chromium is required here: apt-get install chromium")
    pytest.skip("Chromium (/usr/bin/chromium) is not installed", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(app: Starlette) -> Iterator[str]:
    """``app`` served by uvicorn on a free 127.0.0.1 port, in a thread, until the block ends."""
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if uv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(30)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app on a copy of the sample config."""
    config = copy_config(tmp_path_factory.mktemp("web") / "config")
    paper_meeting(config)
    app = create_app(Settings(config))
    with serving(app) as url:
        yield url, config
    app.state.web.builds.wait(MEETING, 60)


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--no-sandbox"])
        context = browser.new_context(accept_downloads=True, viewport={"width": 1200,
                                                                        "height": 900})
        yield context.new_page()
        context.close()
        browser.close()


def accessible(page: Page, name: str, whole: bool = False) -> None:
    """axe-core finds nothing on the page; its picture (the window, or the ``whole`` page) is
    saved when screenshots are asked for."""
    result = Axe().run(page)
    assert result.violations_count == 0, f"{name}: {result.generate_report()}"
    folder = os.environ.get("BUILDER_WEB_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=whole)


class DescribeTheOfficersApp:
    def it_builds_the_sample_meeting_with_the_mouse_alone(
            self, server: tuple[str, Path], page: Page, tmp_path: Path) -> None:
        url, _config = server
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
        accessible(page, "meetings")

        page.get_by_role("link", name="23 November 2023", exact=True).click()
        expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
        accessible(page, "meeting", whole=True)

        bad = values_workbook(tmp_path / "october-bad.xlsx", ("contacts", "Oct-23", "lots"))
        page.set_input_files("#values-file", str(bad))
        page.get_by_role("button", name="Check the values").click()
        problems = page.locator(".preview table.problems")
        expect(problems).to_contain_text("cell Z5")
        expect(problems).to_contain_text("'lots' is not a number")
        expect(page.locator("#preview")).to_be_focused()
        accessible(page, "upload-problem", whole=True)

        good = values_workbook(tmp_path / "october.xlsx")
        page.set_input_files("#values-file", str(good))
        page.get_by_role("button", name="Check the values").click()
        expect(page.locator("#preview")).to_have_text(
            "The dataset for October 2023 with october.xlsx")
        expect(page.locator("table.dataset").first).to_contain_text("↓")
        accessible(page, "preview")
        page.get_by_role("button", name="Use this data").click()
        expect(page.locator(".flash")).to_contain_text("now uses the values in october.xlsx")

        page.get_by_role("button", name="Build the papers").click()
        announce = page.locator("#build-announce")
        expect(announce).to_contain_text("Building", timeout=30_000)
        expect(announce).to_have_text("The build finished: the papers are ready to download.",
                                      timeout=BUILD_TIMEOUT_MS)
        expect(page.locator(".stages")).to_contain_text("assembly: done")
        thumbnails = page.locator(".thumbs img")
        expect(thumbnails.first).to_be_visible()
        page.locator("#build").scroll_into_view_if_needed()
        accessible(page, "built")
        page.locator(".thumbs").scroll_into_view_if_needed()
        accessible(page, "pages")

        with page.expect_download() as download:
            page.get_by_role("link", name="agenda-pack-public.pdf").click()
        pack = tmp_path / "public.pdf"
        download.value.save_as(pack)
        summary = summarize(pack)
        assert summary.pages == thumbnails.count() > 10
        feet = [s.foot for s in summary.stamps]
        first = feet.index("Page 1")
        assert feet[first:] == [f"Page {n}" for n in range(1, summary.pages - first + 1)]
        assert "Agenda Item 6" in {s.head for s in summary.stamps}

    def it_refuses_a_post_without_the_csrf_token(self, server: tuple[str, Path], page: Page
                                                 ) -> None:
        url, _config = server
        page.goto(f"{url}/meetings/{MEETING}")
        refused = page.request.post(f"{url}/meetings/{MEETING}/build", form={"x": "1"})
        assert refused.status == 403

    def it_lists_what_the_check_finds_in_a_paper_using_the_keyboard(
            self, server: tuple[str, Path], page: Page, tmp_path: Path) -> None:
        url, _config = server
        paper = tmp_path / "untitled-paper.docx"
        document = docx.Document()
        document.add_paragraph("A paper with no title and no headings.")
        document.save(str(paper))
        page.goto(url)
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Meetings")).to_be_focused()
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Check a paper")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Check a paper")
        accessible(page, "check")
        page.set_input_files("#paper", str(paper))
        page.get_by_role("button", name="Check this paper").focus()
        page.keyboard.press("Enter")
        expect(page.locator("#results")).to_have_text("Results for untitled-paper.docx")
        expect(page.locator("#results")).to_be_focused()
        expect(page.locator(".issues li").first).to_contain_text("title")
        accessible(page, "check-results")

    def it_refuses_a_commented_paper_and_uses_its_cleaned_copy(
            self, server: tuple[str, Path], page: Page) -> None:
        url, _config = server
        page.goto(f"{url}/meetings/{PAPER_MEETING}")
        page.get_by_label("File to replace").select_option("paper")
        commented = PAPERS / "send-and-home-to-school-transport.docx"
        page.set_input_files("#paper-1-file", str(commented))
        page.get_by_role("button", name="Check the new version").click()
        expect(page.locator("#paper-result")).to_be_focused()
        expect(page.locator(".findings li").first).to_contain_text("Paragraph 48")
        expect(page.locator(".findings .fix").first).to_be_visible()
        accessible(page, "paper-refused", whole=True)
        page.get_by_role("button", name="Use the cleaned copy").click()
        expect(page.locator(".flash")).to_contain_text("send-and-home-to-school-transport.docx")
        expect(page.locator(".paper-files li").first).to_contain_text(f"papers/{PAPER_MEETING}-")
        accessible(page, "paper-used")

    def it_checks_a_committee_report_against_the_format_using_the_keyboard(
            self, server: tuple[str, Path], page: Page) -> None:
        url, _config = server
        page.goto(f"{url}/check")
        page.set_input_files("#paper", str(PAPERS / "send-and-home-to-school-transport.docx"))
        page.locator("#report").focus()
        page.keyboard.press("Space")
        expect(page.locator("#report")).to_be_checked()
        page.get_by_label("Report format").select_option("2023")
        page.get_by_role("button", name="Check this paper").focus()
        page.keyboard.press("Enter")
        expect(page.locator("#results")).to_be_focused()
        expect(page.locator(".findings li").first).to_contain_text("Paragraph 48")
        accessible(page, "check-report", whole=True)

    def it_offers_a_new_meeting_from_this_one(self, server: tuple[str, Path], page: Page
                                              ) -> None:
        url, _config = server
        page.goto(url)
        page.get_by_role("link", name="New meeting from this one (23 November 2023)").click()
        expect(page.get_by_label("Date of the new meeting")).to_have_value("2023-11-23")
        accessible(page, "new-meeting")


class DescribeSignIn:
    def it_asks_for_the_password_then_opens_the_meetings(self, page: Page, tmp_path: Path
                                                         ) -> None:
        config = copy_config(tmp_path / "config")
        with serving(create_app(Settings(config, password="correct horse"))) as url:
            page.goto(f"{url}/meetings/{MEETING}")
            expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
            accessible(page, "sign-in")
            page.get_by_label("Password").fill("correct horse")
            page.keyboard.press("Enter")
            expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
