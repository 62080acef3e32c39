"""``builder serve``: the officers' web app on this machine (``builder.web``). The web stack is
imported only when the app starts: every other command leaves it alone."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from builder.commands.common import out
from builder.errors import ConfigError, Problem

if TYPE_CHECKING:
    from builder.web.app import Settings

MAX_TOKEN_BYTES = 4_096


def secret(password: str | None, token_file: Path | None) -> str | None:
    """The password the app asks for: given, read from a token file, or none."""
    if password is not None and token_file is not None:
        raise ConfigError("give --password or --token-file, not both")
    if token_file is None:
        return password or None
    if not token_file.is_file() or token_file.stat().st_size > MAX_TOKEN_BYTES:
        raise ConfigError(f"{token_file}: not a readable token file",
                          [Problem(str(token_file), "", "missing, or larger than 4 KB",
                                   "a small text file holding the password")])
    token = token_file.read_text(encoding="utf-8").strip()
    if not token:
        raise ConfigError(f"{token_file}: the token file is empty")
    return token


def settings_for(config_dir: Path, host: str, password: str | None, token_file: Path | None
                 ) -> Settings:
    """Settings for ``builder serve``: any host but this machine needs a password."""
    from builder.web.app import LOCAL_HOSTS, Settings  # noqa: PLC0415 - the web stack: here only
    if not (config_dir / "meetings").is_dir():
        raise ConfigError(f"{config_dir}: not a config folder",
                          [Problem(str(config_dir), "", "has no meetings/ folder",
                                   "the folder holding meetings/, e.g. config")])
    key = secret(password, token_file)
    local = host in LOCAL_HOSTS
    if not local and key is None:
        raise ConfigError(f"--host {host} opens the app to other machines: it needs a password",
                          hint="Add --password or --token-file, or leave out --host.")
    return Settings(config_dir, key, LOCAL_HOSTS if local else ("*",))


def serve(config_dir: Annotated[Path, typer.Argument(
              help="The config folder (holding meetings/), e.g. config.")] = Path("config"),
          port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
          host: Annotated[str, typer.Option(
              help="Address to listen on; anything but 127.0.0.1 needs a password.")]
          = "127.0.0.1",
          password: Annotated[str | None, typer.Option(
              help="Password every visitor must sign in with.")] = None,
          token_file: Annotated[Path | None, typer.Option(
              help="File holding that password (kept out of the process list).")] = None,
          ) -> None:
    """Start the officers' web app: meetings, data uploads, builds, downloads and checks."""
    import uvicorn

    from builder.web import engine  # noqa: PLC0415 - the web stack: here only
    from builder.web.app import create_app  # noqa: PLC0415
    from builder.web.builds import Builds  # noqa: PLC0415

    settings = settings_for(config_dir, host, password, token_file)
    shown = f"[{host}]" if ":" in host else host
    out.print(f"builder: open http://{shown}:{port}/ in a browser (Ctrl+C stops the app)",
              markup=False)
    engine.warm_office()  # the first build skips LibreOffice's start-up, and so does each next
    uvicorn.run(create_app(settings, Builds(engine.warm_build)), host=host, port=port,
                log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(serve)
