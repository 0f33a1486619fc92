"""``newsfuse serve``: the read-only web page over the store (newsfuse/web/app.py), run by uvicorn.

``register(app)`` puts the command on the main typer app (newsfuse/cli.py), as cli_store does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsfuse.errors import NewsfuseError
from newsfuse.store import resolve_path

__all__ = ["register", "serve_command", "DEFAULT_HOST", "DEFAULT_PORT"]

#: Only this machine can reach the page unless --host says otherwise.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
EXIT_NOTHING = 2

err = Console(stderr=True, highlight=False, soft_wrap=True)


def serve_command(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="The store file (default: $NEWSFUSE_DB, else newsfuse.db here).", show_default=False),
    ] = None,
    host: Annotated[str, typer.Option("--host", help="The address to listen on (this machine only by default).")] = (
        DEFAULT_HOST
    ),
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="The port to listen on.")] = DEFAULT_PORT,
) -> None:
    """Serve a read-only web page of the store's stories and their briefs (http://127.0.0.1:8000)."""
    import uvicorn

    from newsfuse.web import create_app

    try:
        app = create_app(resolve_path(db))
    except NewsfuseError as e:
        err.print(f"newsfuse: error: {e}", markup=False)
        raise typer.Exit(EXIT_NOTHING) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"newsfuse: warning: listening on {host}: other machines can read this store", markup=False)
    err.print(f"newsfuse: serving {resolve_path(db)} read-only on http://{host}:{port}/ (Ctrl-C stops)", markup=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Put ``serve`` on ``app``."""
    app.command("serve")(serve_command)
