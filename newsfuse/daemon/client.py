"""The client side of the daemon: standard library only, so that the launcher stays cheap.

:func:`forward` hands a command to a running daemon of the same code, or returns ``None`` and
the caller runs it in-process as always. It sends, in one message over the Unix socket, the
arguments, the working folder, the environment, how Python set up the standard streams, and
the file descriptors 0, 1 and 2 themselves (``SCM_RIGHTS``); the daemon's child writes straight
to them, so the output, progress bars, ``-o`` files, error lines and exit code are the ones the
in-process run gives. The client then only waits for the exit code.

A daemon is used only when its :func:`fingerprint` equals the client's: the package version,
the package's folder, every file of the package (path, size, modification time), the Python
executable and the interpreter settings that a forked child cannot take from the client
(:func:`settings_key`). After an edit, or from another checkout, the command runs in-process.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import struct
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import BinaryIO

__all__ = [
    "FORWARDED_COMMANDS",
    "SOCKET_ENV",
    "SWITCH_ENV",
    "DaemonGone",
    "ask",
    "fingerprint",
    "forward",
    "read_reply",
    "send_message",
    "settings_key",
    "socket_path",
]

#: Environment variable naming the socket (default: :func:`socket_path`).
SOCKET_ENV = "NEWSFUSE_DAEMON_SOCKET"
#: ``NEWSFUSE_DAEMON=off`` never uses a daemon (the command always runs in-process).
SWITCH_ENV = "NEWSFUSE_DAEMON"
#: The commands that parse text, the only ones worth handing over; ``daemon`` and ``serve``
#: (long-running, or about the daemon itself) never are.
FORWARDED_COMMANDS = frozenset({"brief", "add", "fetch", "cluster"})
#: Seconds to wait for the daemon's first answer (it accepts one client at a time, briefly).
ANSWER_TIMEOUT = 10.0
#: Environment variables read when the interpreter, typer or click start, so a forked child
#: cannot take the client's values: a client whose values differ runs in-process.
#: (PYTHONPATH is not among them: which code is loaded is in the fingerprint.)
_STARTUP_PREFIXES = ("PYTHON", "TYPER_", "_TYPER_")
_LENGTH = struct.Struct("!I")


class DaemonGone(Exception):
    """The daemon went away while it ran a command (its output may be partial)."""


def socket_path() -> str:
    """The socket: ``$NEWSFUSE_DAEMON_SOCKET``, else in a private folder of the user."""
    chosen = os.environ.get(SOCKET_ENV, "").strip()
    if chosen:
        return os.path.abspath(chosen)
    runtime = os.environ.get("XDG_RUNTIME_DIR", "").strip()
    base = runtime if runtime and os.path.isdir(runtime) else os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "newsfuse", "daemon.sock")


def settings_key() -> str:
    """The interpreter settings a forked child keeps from the daemon (flags, start-up variables)."""
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith(_STARTUP_PREFIXES) and k != "PYTHONPATH")
    return json.dumps([sys.executable, list(sys.flags), sys.warnoptions, env])


def fingerprint() -> str:
    """The code's identity: version, package folder, each package file's size and mtime, Python."""
    import newsfuse

    package = os.path.dirname(os.path.abspath(newsfuse.__file__))
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{newsfuse.__version__}\0{package}\0{sys.executable}\0{sys.version}\0".encode())
    folders = [package]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name == "__pycache__" or entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file():
                    st = entry.stat()
                    digest.update(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def send_message(sock: socket.socket, message: dict, fds: list[int] | None = None) -> None:
    """Send ``message`` as a length-prefixed JSON object, ``fds`` riding with its first bytes."""
    data = json.dumps(message).encode("utf-8", "surrogateescape")
    data = _LENGTH.pack(len(data)) + data
    sent = socket.send_fds(sock, [data], fds) if fds else sock.send(data)
    if sent < len(data):
        sock.sendall(data[sent:])


def read_reply(stream: BinaryIO) -> dict:
    """One reply of the daemon: a JSON object on one line; :class:`DaemonGone` at the end of stream."""
    line = stream.readline()
    if not line.endswith(b"\n"):
        raise DaemonGone("the daemon closed the connection")
    return json.loads(line)


def _connect(path: str, timeout: float | None = ANSWER_TIMEOUT) -> socket.socket | None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(path)
    except OSError:
        sock.close()
        return None
    return sock


def ask(path: str, op: str, timeout: float = ANSWER_TIMEOUT) -> dict | None:
    """Send ``op`` (``status`` or ``stop``) to the daemon at ``path``; its reply, or None if none answers."""
    sock = _connect(path, timeout)
    if sock is None:
        return None
    with sock, sock.makefile("rb") as stream:
        try:
            send_message(sock, {"op": op})
            return read_reply(stream)
        except (OSError, ValueError, DaemonGone):
            return None


def _command(argv: list[str]) -> str | None:
    """The subcommand of ``argv``: its first word that is not an option."""
    return next((a for a in argv[1:] if not a.startswith("-")), None)


def _stream_setup() -> list[list] | None:
    """How Python set up stdin, stdout and stderr here (the child re-creates them alike)."""
    setup = []
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "encoding"):
            return None
        setup.append([stream.encoding, stream.errors, bool(getattr(stream, "line_buffering", False))])
    return setup


def _main_module() -> dict:
    """What click reads of ``__main__`` to name the program in usage lines (``python -m ...`` or not)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return {"package": getattr(main, "__package__", None), "spec": getattr(spec, "name", None)}


def forward(argv: list[str]) -> int | None:
    """Run ``argv`` in a running daemon of the same code and return its exit code; None: run it here."""
    if os.environ.get(SWITCH_ENV, "").strip().lower() in ("off", "0", "no", "false"):
        return None
    if _command(argv) not in FORWARDED_COMMANDS:
        return None
    if "-" in argv[1:] and os.isatty(0):
        return None  # reading a terminal needs the terminal's foreground: only this process has it
    streams = _stream_setup()
    try:
        cwd = os.getcwd()
    except OSError:
        return None
    if streams is None:
        return None
    sock = _connect(socket_path())
    if sock is None:
        return None
    request = {
        "op": "run",
        "fingerprint": fingerprint(),
        "settings": settings_key(),
        "argv": list(argv),
        "cwd": cwd,
        "env": dict(os.environ),
        "streams": streams,
        "main": _main_module(),
    }
    with sock, sock.makefile("rb") as stream:
        try:
            send_message(sock, request, [0, 1, 2])
            first = read_reply(stream)
        except (OSError, ValueError, DaemonGone):
            return None  # nothing ran: run it here
        except KeyboardInterrupt:
            return 130  # leaving closes the socket: the daemon interrupts a child it started
        if first.get("started") is None:
            return None  # a daemon of other code or settings, or one that refused us
        return _wait(sock, stream)


def _wait(sock: socket.socket, stream: BinaryIO) -> int:
    """Wait for the child's exit code; on Ctrl-C tell the daemon (it interrupts the child) and keep waiting."""
    sock.settimeout(None)
    interrupted = False
    while True:
        try:
            reply = read_reply(stream)
            return int(reply["exit"])
        except KeyboardInterrupt:
            if interrupted:
                return 130
            interrupted = True
            try:
                sock.shutdown(socket.SHUT_WR)  # the daemon sees the end and interrupts the child
            except OSError:
                return 130
        except (OSError, ValueError, KeyError, DaemonGone):
            sys.stderr.write("newsfuse: error: the daemon stopped while it ran the command\n")
            return 2
