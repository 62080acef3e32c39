"""The app factory: settings, templates (autoescaped), middleware and routes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from builder.web import routes
from builder.web.builds import Builds
from builder.web.security import BodyLimit, SessionMiddleware, Sessions, session_of
from builder.web.uploads import MAX_UPLOAD_BYTES, PendingPaper, Stored
from builder.web.workspace import Workspace

HERE = Path(__file__).parent
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class Settings:
    config_dir: Path
    password: str | None = None
    """When set, every request needs a session signed in with it."""
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    """Host headers accepted (guards a local app against DNS rebinding); ``*`` for any."""


@dataclass
class WebState:
    """What the routes share: settings, the workspace, sessions, builds, pending uploads."""

    settings: Settings
    workspace: Workspace
    templates: jinja2.Environment
    sessions: Sessions = field(default_factory=Sessions)
    builds: Builds = field(default_factory=Builds)
    pending: dict[str, tuple[str, Stored]] = field(default_factory=dict)
    """Upload token -> (meeting id, the stored upload) awaiting 'Use this data'."""
    papers: dict[str, PendingPaper] = field(default_factory=dict)
    """Upload token -> a supplied paper's new version awaiting 'Use this version'."""

    def page(self, request: Request, name: str, status: int = 200, **context: Any
             ) -> HTMLResponse:
        context.setdefault("shown", self.workspace.shown)
        html = self.templates.get_template(name).render(
            csrf=session_of(request).csrf, signed_in=session_of(request).signed_in,
            password_set=self.settings.password is not None, **context)
        return HTMLResponse(html, status_code=status)


def templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    return env


async def _error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    web: WebState = request.app.state.web
    return web.page(request, "error.html", exc.status_code, code=exc.status_code,
                    detail=exc.detail)


def create_app(settings: Settings, builds: Builds | None = None) -> Starlette:
    """The ASGI app for one config folder."""
    web = WebState(settings, Workspace(settings.config_dir.resolve()), templates())
    web.workspace.clear_pending()
    if builds is not None:
        web.builds = builds
    app = Starlette(
        routes=[
            Route("/", routes.meetings),
            Route("/login", routes.login, methods=["GET", "POST"]),
            Route("/logout", routes.logout, methods=["POST"]),
            Route("/check", routes.check, methods=["GET", "POST"]),
            Route("/meetings/{key}", routes.meeting),
            Route("/meetings/{key}/copy", routes.copy, methods=["GET", "POST"]),
            Route("/meetings/{key}/upload", routes.upload, methods=["POST"]),
            Route("/meetings/{key}/use", routes.use, methods=["POST"]),
            Route("/meetings/{key}/paper", routes.paper, methods=["POST"]),
            Route("/meetings/{key}/use-paper", routes.use_paper, methods=["POST"]),
            Route("/meetings/{key}/build", routes.build, methods=["GET", "POST"]),
            Route("/meetings/{key}/files/{name}", routes.download),
            Route("/meetings/{key}/pages/{page:int}", routes.thumbnail),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        middleware=[
            Middleware(BodyLimit, max_bytes=MAX_UPLOAD_BYTES + 100_000),
            Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts)),
            Middleware(SessionMiddleware, sessions=web.sessions,
                       password_set=settings.password is not None),
        ],
        exception_handlers={HTTPException: _error},
    )
    app.state.web = web
    return app
