"""The app's pages and actions. Every POST checks its CSRF token first; meetings, outputs and
uploads are looked up by generated names only, never by a path from the request."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response

from builder.errors import BuilderError
from builder.web import engine
from builder.web.builds import thumbnail_pages
from builder.web.security import checked_form, same_secret, session_of, set_cookie
from builder.web.uploads import MAX_UPLOAD_BYTES, PendingPaper, Stored, UploadRefused, store

if TYPE_CHECKING:
    from builder.web.app import WebState

FAILED_SIGN_IN_DELAY = 1.0
GONE = "That upload is no longer waiting: upload the file again."


def _web(request: Request) -> WebState:
    web: WebState = request.app.state.web
    return web


def _meeting(request: Request) -> tuple[WebState, str, Path]:
    web = _web(request)
    key = request.path_params["key"]
    path = web.workspace.meeting(key)
    if path is None:
        raise HTTPException(404, "There is no meeting of that name in the config folder.")
    return web, key, path


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _flash(request: Request, what: str, about: str = "") -> None:
    session_of(request).flash = (what, about)


def _take_flash(request: Request) -> tuple[str, str] | None:
    session = session_of(request)
    flash, session.flash = session.flash, None
    return flash


async def meetings(request: Request) -> Response:
    web = _web(request)
    found = await run_in_threadpool(
        lambda: [(key, engine.meeting_facts(path), web.workspace.built(key))
                 for key, path in web.workspace.meetings().items()])
    return web.page(request, "meetings.html", meetings=found, flash=_take_flash(request))


async def meeting(request: Request) -> Response:
    web, key, path = _meeting(request)
    return await _meeting_page(request, web, key, path)


async def _meeting_page(request: Request, web: WebState, key: str, path: Path, status: int = 200,
                        **extra: Any) -> Response:
    facts = await run_in_threadpool(engine.meeting_facts, path)
    renames = extra.pop("renames", None)
    context = {"preview": None, "upload": None, "refused": "", "paper": None,
               "paper_refused": "", **extra}
    return web.page(request, "meeting.html", status, facts=facts,
                    flash=_take_flash(request), **_build_context(web, key),
                    shown=lambda file: web.workspace.shown(file, renames), **context)


def _build_context(web: WebState, key: str) -> dict[str, Any]:
    return {"key": key, "build": web.builds.latest(key), "outputs": web.workspace.outputs(key),
            "pages": thumbnail_pages(web.workspace.thumbnails(key))}


async def _chosen(field: object) -> UploadFile | None:
    """The form's file, or None when none was chosen (the empty part is closed)."""
    if not isinstance(field, UploadFile):
        return None
    if not field.filename:
        await field.close()
        return None
    return field


async def upload(request: Request) -> Response:
    """A values workbook or commentary file: saved aside, the dataset computed with it in place
    of the meeting's own file, and shown; nothing changes until 'Use this data'."""
    web, key, path = _meeting(request)
    form = await checked_form(request, MAX_UPLOAD_BYTES)
    kind = form.get("kind")
    if kind not in ("values", "commentary"):
        raise HTTPException(400, "Unknown kind of upload.")
    file = await _chosen(form.get("file"))
    if file is None:
        return await _meeting_page(request, web, key, path, 400, refused="choose-file")
    try:
        stored = await store(file, str(kind), web.workspace.pending)
    except UploadRefused as exc:
        return await _meeting_page(request, web, key, path, 400, refused=str(exc))
    as_values = stored.path if kind == "values" else None
    as_commentary = stored.path if kind == "commentary" else None
    preview = await run_in_threadpool(engine.preview, path, as_values, as_commentary)
    renames = {str(stored.path): stored.shown_name}
    if preview.problems:
        stored.path.unlink()
        return await _meeting_page(request, web, key, path, 400, preview=preview,
                                   upload=stored, renames=renames)
    token = stored.path.stem
    web.pending[token] = (key, stored)
    return await _meeting_page(request, web, key, path, preview=preview, upload=stored,
                               token=token, renames=renames)


async def _waiting(request: Request) -> tuple[WebState, str, Path, str]:
    """The meeting of a 'Use' form and the token of the upload it names."""
    web, key, path = _meeting(request)
    form = await checked_form(request, MAX_UPLOAD_BYTES)
    token = form.get("upload")
    return web, key, path, token if isinstance(token, str) else ""


async def use(request: Request) -> Response:
    """Move a previewed upload into the config folder and point the meeting at it."""
    web, key, path, token = await _waiting(request)
    entry = web.pending.get(token)
    if entry is None or entry[0] != key or not entry[1].path.is_file():
        raise HTTPException(400, GONE)
    del web.pending[token]
    stored: Stored = entry[1]
    target = web.workspace.accept(key, stored.kind, stored.path)
    values = target if stored.kind == "values" else None
    commentary = target if stored.kind == "commentary" else None
    await run_in_threadpool(engine.use_data, path, values, commentary)
    _flash(request, f"used-{stored.kind}", stored.shown_name)
    return _back(f"/meetings/{key}")


async def paper(request: Request) -> Response:
    """A new version of a supplied paper or of one of its appendices: checked as the build
    checks it and shown with what was found; nothing changes until 'Use this version' (or
    'Use the cleaned copy' when only cleaning stands in its way)."""
    web, key, path = _meeting(request)
    form = await checked_form(request, MAX_UPLOAD_BYTES)
    index, part = str(form.get("item") or ""), str(form.get("part") or "")
    if not index.isdigit():
        await form.close()
        raise HTTPException(400, "Unknown agenda item.")
    file = await _chosen(form.get("file"))
    if file is None:
        return await _meeting_page(request, web, key, path, 400, paper_refused="choose-file")
    try:
        stored = await store(file, "paper", web.workspace.pending)
    except UploadRefused as exc:
        return await _meeting_page(request, web, key, path, 400, paper_refused=str(exc))
    try:
        checked = await run_in_threadpool(engine.check_paper, path, int(index), part,
                                          stored.path, web.workspace.pending_file(".docx"))
    except BuilderError as exc:
        stored.path.unlink()
        raise HTTPException(400, "That agenda item has no such file to replace.") from exc
    usable = stored.path if not checked.checked.blocked else \
        checked.cleaned.path if checked.cleaned and not checked.cleaned.checked.blocked else None
    for made in (stored.path, checked.cleaned.path if checked.cleaned else None):
        if made is not None and made != usable:
            made.unlink()
    token = ""
    if usable is not None:
        token = usable.stem
        web.papers[token] = PendingPaper(key, int(index), part, usable, stored.shown_name)
    return await _meeting_page(request, web, key, path, 200 if usable else 400, paper=checked,
                               upload=stored, token=token)


async def use_paper(request: Request) -> Response:
    """Move a checked new version into the config folder and point the agenda item at it."""
    web, key, path, token = await _waiting(request)
    entry = web.papers.get(token)
    if entry is None or entry.key != key or not entry.path.is_file():
        raise HTTPException(400, GONE)
    del web.papers[token]
    kind = "paper" if entry.part == "paper" else "appendix"
    target = web.workspace.accept(key, kind, entry.path)
    await run_in_threadpool(engine.use_paper, path, entry.index, entry.part, target)
    _flash(request, f"used-{kind}", entry.shown_name)
    return _back(f"/meetings/{key}")


async def copy(request: Request) -> Response:
    """'New meeting from this one': the same agenda on a new date with a new data period."""
    web, key, path = _meeting(request)
    facts = await run_in_threadpool(engine.meeting_facts, path)
    if request.method == "GET":
        return web.page(request, "copy.html", key=key, facts=facts, date=facts.iso_date,
                        period=facts.period, wrong="", problems=())
    form = await checked_form(request, MAX_UPLOAD_BYTES)
    date_text, period = str(form.get("date") or ""), str(form.get("period") or "")
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        return web.page(request, "copy.html", 400, key=key, facts=facts, date=date_text,
                        period=period, wrong="date", problems=())
    try:
        target = await run_in_threadpool(engine.copy_meeting, path, date, period)
    except ValueError:
        return web.page(request, "copy.html", 400, key=key, facts=facts, date=date_text,
                        period=period, wrong="period", problems=())
    except BuilderError as exc:
        return web.page(request, "copy.html", 400, key=key, facts=facts, date=date_text,
                        period=period, wrong="", problems=engine.problems_of(exc, path))
    _flash(request, "copied", facts.date)
    return _back(f"/meetings/{target.stem}")


async def build(request: Request) -> Response:
    """POST starts a build (or joins the running one); GET is its progress, for polling."""
    web, key, path = _meeting(request)
    if request.method == "POST":
        await checked_form(request, MAX_UPLOAD_BYTES)
        web.builds.start(key, path, web.workspace.out_dir(key), web.workspace.thumbnails(key))
        return _back(f"/meetings/{key}#build")
    context = _build_context(web, key)
    html = web.templates.get_template("_build.html").render(
        csrf=session_of(request).csrf, shown=web.workspace.shown, **context)
    state = context["build"].state if context["build"] else "idle"
    return JSONResponse({"state": state, "html": html})


async def download(request: Request) -> Response:
    web, key, _path = _meeting(request)
    file = web.workspace.output(key, request.path_params["name"])
    if file is None:
        raise HTTPException(404, "That file has not been built for this meeting.")
    return FileResponse(file, filename=file.name)


async def thumbnail(request: Request) -> Response:
    web, key, _path = _meeting(request)
    page = int(request.path_params["page"])
    if page not in thumbnail_pages(web.workspace.thumbnails(key)):
        raise HTTPException(404, "There is no picture of that page.")
    return FileResponse(web.workspace.thumbnails(key) / f"page-{page}.png",
                        media_type="image/png")


async def check(request: Request) -> Response:
    """``builder check`` of an uploaded paper, or for a committee report ``check-report``
    against the chosen format, listed; the upload is deleted afterwards."""
    web = _web(request)
    if request.method == "GET":
        return _check_page(request, web)
    form = await checked_form(request, MAX_UPLOAD_BYTES)
    report = form.get("report") == "yes"
    chosen = form.get("variant") or "2023"
    if chosen not in ("2023", "2017"):
        await form.close()
        raise HTTPException(400, "Unknown report format.")
    variant: engine.Variant = "2017" if chosen == "2017" else "2023"
    choices: dict[str, Any] = {"report": report, "variant": variant}
    file = await _chosen(form.get("file"))
    if file is None:
        return _check_page(request, web, 400, refused="choose-file", **choices)
    if report and not (file.filename or "").lower().endswith(".docx"):
        await file.close()
        return _check_page(request, web, 400, refused="report-docx", **choices)
    try:
        stored = await store(file, "check", web.workspace.checking)
    except UploadRefused as exc:
        return _check_page(request, web, 400, refused=str(exc), **choices)
    try:
        if report:
            findings = await run_in_threadpool(engine.check_committee_report, stored.path,
                                               variant)
            return _check_page(request, web, checked=stored.shown_name, findings=findings,
                               **choices)
        issues = await run_in_threadpool(engine.check, stored.path)
    finally:
        stored.path.unlink(missing_ok=True)
    return _check_page(request, web, checked=stored.shown_name, issues=issues, **choices)


def _check_page(request: Request, web: WebState, status: int = 200, **context: Any
                ) -> Response:
    return web.page(request, "check.html", status, **{
        "checked": None, "issues": (), "findings": None, "refused": "", "report": False,
        "variant": "2023", **context})


async def login(request: Request) -> Response:
    web = _web(request)
    if request.method == "GET":
        return web.page(request, "login.html", failed=False)
    form = await checked_form(request, MAX_UPLOAD_BYTES)
    secret = web.settings.password
    given = form.get("password")
    if secret is None or not isinstance(given, str) or not same_secret(given, secret):
        await asyncio.sleep(FAILED_SIGN_IN_DELAY)
        return web.page(request, "login.html", 401, failed=True)
    sid, session = web.sessions.renew(request.state.sid)
    session.signed_in = True
    response = _back("/")
    set_cookie(response, sid)
    return response


async def logout(request: Request) -> Response:
    web = _web(request)
    await checked_form(request, MAX_UPLOAD_BYTES)
    sid, _session = web.sessions.renew(request.state.sid)
    response = _back("/login")
    set_cookie(response, sid)
    return response
