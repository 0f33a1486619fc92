"""``newsfuse daemon start|stop|status``: the resident process that keeps spaCy loaded (newsfuse/daemon/).

Thin: find the socket, ask the daemon, start its process, print one line per fact. Put on the
main typer app by newsfuse/cli_app.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import typer
from rich.console import Console

from newsfuse.daemon.client import SOCKET_ENV, SWITCH_ENV, ask, fingerprint, settings_key, socket_path
from newsfuse.errors import NewsfuseError

__all__ = ["daemon_app", "START_TIMEOUT", "STOP_TIMEOUT"]

#: Seconds ``start`` waits for the new daemon to answer (imports and the model load take a few).
START_TIMEOUT = 120.0
#: Seconds ``stop`` waits for the daemon's process to end.
STOP_TIMEOUT = 20.0
EXIT_OK, EXIT_NOT_RUNNING, EXIT_NOTHING = 0, 1, 2

err = Console(stderr=True, highlight=False, soft_wrap=True)

daemon_app = typer.Typer(
    no_args_is_help=True,
    help=(
        "A resident process that keeps spaCy and the analysis loaded, so that brief, add, fetch and "
        "cluster start in a fraction of a second. The commands use it by themselves when one of the "
        f"same code runs, and run in-process otherwise (or with {SWITCH_ENV}=off). "
        f"Socket: ${SOCKET_ENV}, else $XDG_RUNTIME_DIR/newsfuse/ or ~/.cache/newsfuse/."
    ),
)


def _say(text: str) -> None:
    print(text, flush=True)


def _usable(reply: dict) -> bool:
    return reply.get("fingerprint") == fingerprint() and reply.get("settings") == settings_key()


def _gone(pid: int) -> bool:
    """True once ``pid`` has ended (a zombie waiting for its parent counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rpartition(")")[2].split()[0] == "Z"
    except FileNotFoundError:
        return True
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False


def _clean_stale(path: str) -> bool:
    """Remove a socket file that no daemon answers on; True if there was one."""
    if os.path.exists(path) and ask(path, "status") is None:
        try:
            os.unlink(path)
        except FileNotFoundError:
            return False
        return True
    return False


def _stop(path: str) -> int | None:
    """Stop the daemon at ``path``; its pid, or None if none answered."""
    reply = ask(path, "stop")
    if reply is None or "stopping" not in reply:
        return None
    pid = int(reply["stopping"])
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline and not (_gone(pid) and not os.path.exists(path)):
        time.sleep(0.05)
    return pid


def _uptime(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


@daemon_app.command("start")
def start_command() -> None:
    """Start the daemon (it loads spaCy once); replace one that runs older code."""
    from newsfuse.daemon.server import check_folder

    path = socket_path()
    reply = ask(path, "status")
    if reply is not None and _usable(reply):
        _say(f"newsfuse: the daemon already runs (pid {reply['pid']}, socket {path})")
        raise typer.Exit(EXIT_OK)
    if reply is not None:
        old = _stop(path)
        _say(f"newsfuse: stopped a daemon of other code (pid {old})")
    elif _clean_stale(path):
        _say(f"newsfuse: removed a stale socket ({path})")
    try:
        folder = check_folder(path)
    except NewsfuseError as e:
        err.print(f"newsfuse: error: {e}", markup=False)
        raise typer.Exit(EXIT_NOTHING) from None
    log = folder / "daemon.log"
    env = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parents[1])  # the daemon runs this very code
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
    began = time.monotonic()
    with open(log, "ab") as log_file:
        os.chmod(log, 0o600)
        process = subprocess.Popen(
            [sys.executable, "-m", "newsfuse.daemon.server", "--socket", path],
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
            cwd="/",
            env=env,
            start_new_session=True,
        )
    while time.monotonic() - began < START_TIMEOUT:
        if process.poll() is not None:
            last = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:] or ["no message"]
            err.print(f"newsfuse: error: the daemon did not start: {last[0]} (log: {log})", markup=False)
            raise typer.Exit(EXIT_NOTHING)
        reply = ask(path, "status")
        if reply is not None and reply.get("pid") == process.pid:
            _say(
                f"newsfuse: daemon started (pid {process.pid}, {reply.get('model')}, "
                f"{time.monotonic() - began:.1f} s); socket {path}"
            )
            raise typer.Exit(EXIT_OK)
        time.sleep(0.05)
    process.terminate()
    err.print(f"newsfuse: error: the daemon did not answer within {START_TIMEOUT:.0f} s (log: {log})", markup=False)
    raise typer.Exit(EXIT_NOTHING)


@daemon_app.command("stop")
def stop_command() -> None:
    """Stop the daemon (commands it is running are interrupted)."""
    path = socket_path()
    pid = _stop(path)
    if pid is not None:
        _say(f"newsfuse: daemon stopped (pid {pid})")
    elif _clean_stale(path):
        _say(f"newsfuse: no daemon was running; removed a stale socket ({path})")
    else:
        _say("newsfuse: no daemon was running")


@daemon_app.command("status")
def status_command() -> None:
    """Say whether a daemon runs: pid, socket, model, uptime, and whether its code is current.

    Exit code 0 when a daemon of this code runs (commands use it), 1 otherwise."""
    path = socket_path()
    reply = ask(path, "status")
    if reply is None:
        stale = _clean_stale(path)
        _say("newsfuse: no daemon running" + (f" (removed a stale socket {path})" if stale else f" (socket {path})"))
        raise typer.Exit(EXIT_NOT_RUNNING)
    usable = _usable(reply)
    if reply.get("fingerprint") != fingerprint():
        state = "stale: it runs other code than this newsfuse, so commands do not use it (`daemon start` replaces it)"
    elif not usable:
        state = "not used: the Python settings differ (PYTHON*/TYPER_* variables or flags)"
    else:
        state = "current: brief, add, fetch and cluster run in it"
    _say(f"newsfuse: daemon running (pid {reply.get('pid')})")
    _say(f"  socket: {reply.get('socket')}")
    _say(f"  model:  {reply.get('model')}")
    _say(f"  uptime: {_uptime(float(reply.get('uptime', 0)))}")
    _say(f"  code:   {state}")
    _say(f"  commands served: {reply.get('served', 0)}")
    if reply.get("running"):
        _say(f"  commands running: {reply['running']}")
    raise typer.Exit(EXIT_OK if usable else EXIT_NOT_RUNNING)
