"""Helpers for the web app's tests: a copy of the sample config, workbooks, CSRF tokens."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import openpyxl
from reportlab.pdfgen import canvas

from tests.conftest import CONFIG, FIXTURES

MEETING = "2023-11-23"
PAPER_MEETING = "2023-11-30-send"
"""A meeting whose report is a supplied paper with three appendices (items[1])."""
PAPERS = CONFIG / "papers"


def copy_config(target: Path) -> Path:
    """The repo's config folder copied to ``target`` (the app writes into it)."""
    shutil.copytree(CONFIG, target)
    return target


def paper_meeting(config: Path) -> Path:
    """``tests/fixtures/supplied/meeting.yaml`` in ``config/meetings`` (its files those of the
    copy), a week later so that its date is its own."""
    text = (FIXTURES / "supplied" / "meeting.yaml").read_text(encoding="utf-8")
    text = text.replace("../../../config/", "../").replace("date: 2023-11-23", "date: 2023-11-30")
    path = config / "meetings" / f"{PAPER_MEETING}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def values_workbook(path: Path, bad_cell: tuple[str, str, str] | None = None) -> Path:
    """The sample values as a wide .xlsx; ``bad_cell`` = (indicator, month header, text)."""
    with (CONFIG / "values" / "b4b-2023-10.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if bad_cell is not None:
        key, month, text = bad_cell
        column = rows[0].index(month)
        next(r for r in rows if r[0] == key)[column] = text
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([row[0], *(float(v) if v.replace(".", "").isdigit() else v
                                for v in row[1:])])
    book.save(path)
    return path


def pdf(path: Path, pages: int) -> Path:
    page = canvas.Canvas(str(path))
    for n in range(pages):
        page.drawString(72, 720, f"Page {n + 1}")
        page.showPage()
    page.save()
    return path


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)
