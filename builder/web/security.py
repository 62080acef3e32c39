"""Sessions, sign-in, CSRF tokens, body limits and security headers for the web app.

Every visitor gets a random session id in an ``HttpOnly``, ``SameSite=Strict`` cookie; the
session holds its CSRF token and whether it has signed in. When the app has a password, every
request but the sign-in page and the static files needs a signed-in session.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import OrderedDict
from dataclasses import dataclass, field

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "builder_session"
MAX_SESSIONS = 1_000
OPEN_PATHS = ("/login", "/static/")
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self'; object-src 'none'; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class Session:
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    signed_in: bool = False
    flash: tuple[str, str] | None = None
    """A message for the next page: (what happened, about what), worded by the template."""


class Sessions:
    """Sessions in memory (they end with the app); past ``MAX_SESSIONS`` the oldest that has
    not signed in is dropped, so a flood of new visitors cannot sign anyone out."""

    def __init__(self) -> None:
        self._by_id: OrderedDict[str, Session] = OrderedDict()

    def get(self, sid: str | None) -> Session | None:
        return self._by_id.get(sid) if sid else None

    def new(self) -> tuple[str, Session]:
        sid = secrets.token_urlsafe(32)
        self._by_id[sid] = session = Session()
        if len(self._by_id) > MAX_SESSIONS:  # visitors who never signed in go first
            oldest = next((k for k, s in self._by_id.items() if not s.signed_in and k != sid),
                          None)
            if oldest is None:
                self._by_id.popitem(last=False)
            else:
                del self._by_id[oldest]
        return sid, session

    def renew(self, sid: str) -> tuple[str, Session]:
        """A fresh id and token for a session that has just signed in (no fixation)."""
        self._by_id.pop(sid, None)
        return self.new()


def same_secret(given: str, secret: str) -> bool:
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(),
                               hashlib.sha256(secret.encode()).digest())


def session_of(request: Request) -> Session:
    session: Session = request.state.session
    return session


async def checked_form(request: Request, max_bytes: int) -> FormData:
    """The posted form, after its CSRF token was found equal to the session's (else 403)."""
    form = await request.form(max_files=1, max_fields=20, max_part_size=max_bytes)
    token = form.get("csrf")
    if not isinstance(token, str) or not hmac.compare_digest(token, session_of(request).csrf):
        await form.close()
        raise HTTPException(403, "The form has expired or did not come from this app: "
                                 "reload the page and try again.")
    return form


def set_cookie(response: Response, sid: str) -> None:
    response.set_cookie(COOKIE, sid, httponly=True, samesite="strict", path="/")


class SessionMiddleware:
    """Attaches the session, asks for sign-in when a password is set, adds security headers."""

    def __init__(self, app: ASGIApp, sessions: Sessions, password_set: bool) -> None:
        self.app = app
        self.sessions = sessions
        self.password_set = password_set

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        sid = request.cookies.get(COOKIE)
        session = self.sessions.get(sid)
        new_sid = None
        if session is None:
            new_sid, session = self.sessions.new()
        scope.setdefault("state", {})["session"] = session
        scope["state"]["sid"] = new_sid or sid

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
                if new_sid is not None:
                    cookie = Response()
                    set_cookie(cookie, new_sid)
                    headers += [h for h in cookie.raw_headers if h[0] == b"set-cookie"]
                message["headers"] = headers
            await send(message)

        path = scope["path"]
        if self.password_set and not session.signed_in and not path.startswith(OPEN_PATHS):
            response: Response = RedirectResponse("/login", status_code=303)
            if request.method != "GET":
                response = PlainTextResponse("Sign in first.", status_code=401)
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies larger than ``max_bytes`` (413) before they are read whole."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._too_large(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise HTTPException(413, self._message())
            return message

        await self.app(scope, limited, send)

    def _message(self) -> str:
        return f"The upload is larger than {self.max_bytes // 1_000_000} MB."

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await PlainTextResponse(self._message(), status_code=413)(scope, receive, send)
