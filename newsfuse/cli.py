"""The console script's entry (``newsfuse = "newsfuse.cli:main"``): a launcher, standard library only.

For the commands that parse text (``brief``, ``add``, ``fetch``, ``cluster``), :func:`main` first
offers the command to a running daemon of the same code (``newsfuse daemon start``, see
newsfuse/daemon/); when none answers, or ``NEWSFUSE_DAEMON=off``, the command runs here, in this
process, exactly as before. Importing this module costs no more than the package itself: the
typer app lives in newsfuse/cli_app.py and is imported only to run a command here.
``from newsfuse.cli import app`` (and any other name of the app's module) still works.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["main"]


def main() -> None:
    """Run the command line: in a daemon when one of the same code runs, else in this process."""
    from newsfuse.daemon.client import forward

    code = forward(sys.argv)
    if code is not None:
        raise SystemExit(code)
    from newsfuse.cli_app import main as run_here

    run_here()


def __getattr__(name: str) -> Any:
    """The app's names (``app``, ``err``, ...), read from newsfuse/cli_app.py on first use."""
    import newsfuse.cli_app

    try:
        return getattr(newsfuse.cli_app, name)
    except AttributeError:
        raise AttributeError(f"module 'newsfuse.cli' has no attribute {name!r}") from None


if __name__ == "__main__":
    main()
