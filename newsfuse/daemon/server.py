"""The daemon: a fork server that keeps the CLI, the analysis and the spaCy pipeline loaded.

Started by ``newsfuse daemon start`` as ``python -m newsfuse.daemon.server --socket PATH``. It
imports the CLI and the modules a brief uses, loads the pipeline through
:func:`newsfuse.analysis.nlp.load_nlp` and parses a sentence (:func:`preload`), then listens on
a Unix socket in a private folder (mode 0700, the socket 0600). Peers of another user are
refused (``SO_PEERCRED``), and so are clients of other code or interpreter settings (the
fingerprint of :mod:`newsfuse.daemon.client`).

Each command runs in a child forked for it (:func:`run_child`): the child puts the client's
file descriptors on 0, 1 and 2, moves to its working folder, takes its environment, arguments
and stream setup, imports the ``newsfuse.cli*`` modules afresh (their rich Consoles read the
terminal, its width and colours when they are made) and runs the same ``main()`` as an
in-process run. The parent sends the child's exit code back. If the client goes away (Ctrl-C),
the child's process group gets SIGINT (the in-process run's ``interrupted`` line and exit code),
then SIGKILL after :data:`INTERRUPT_GRACE` seconds.

Fork safety: the parent runs no thread of its own; numpy's OpenBLAS re-creates its threads in
a forked child; onnxruntime (the optional embeddings) is not loaded before the fork.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import importlib.machinery
import io
import json
import os
import pkgutil
import selectors
import signal
import socket
import stat
import struct
import sys
import threading
import time
import traceback
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfuse.daemon.client import fingerprint, settings_key
from newsfuse.errors import ConfigError

__all__ = ["INTERRUPT_GRACE", "Server", "check_folder", "main", "preload", "run_child"]

#: Seconds a child has to end after SIGINT (client gone, or the daemon stopping) before SIGKILL.
INTERRUPT_GRACE = 5.0
#: Seconds the daemon waits for a request once a client has connected.
REQUEST_TIMEOUT = 5.0
#: Largest request accepted (arguments and environment), in bytes.
MAX_REQUEST = 16 * 1024 * 1024
#: Packages not loaded before the fork: the web page and Spark are never run through the daemon.
NOT_PRELOADED = ("newsfuse.spark", "newsfuse.web", "newsfuse.daemon", "newsfuse.cli_web", "newsfuse.cli_spark")
#: Libraries the commands import on demand (pages, feeds, dates, progress bars).
LAZY_LIBRARIES = ("trafilatura", "feedparser", "dateparser", "lxml.html", "rich.progress")
WARM_UP_TEXT = "The mayor said on Tuesday that the new bridge would open in March."
_LENGTH = struct.Struct("!I")
_PEERCRED = struct.Struct("3i")
#: The standard streams the daemon replaced in a child, kept referenced: collecting them would close fds 0-2.
_REPLACED: list[Any] = []


def check_folder(path: str) -> Path:
    """Create the socket's folder (mode 0700) if missing; refuse one that is not private to this user.

    Also refuses a system without what the daemon needs (Linux: ``SO_PEERCRED``, ``pidfd_open``)."""
    if not (hasattr(socket, "SO_PEERCRED") and hasattr(os, "pidfd_open") and hasattr(os, "fork")):
        raise ConfigError("the daemon needs Linux (SO_PEERCRED, pidfd_open); commands run in-process here")
    folder = Path(path).parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = folder.stat()
    if st.st_uid != os.getuid() or stat.S_IMODE(st.st_mode) & 0o077:
        raise ConfigError(f"{folder}: the daemon's folder must be yours and private (chmod 700 {folder})")
    if len(os.fsencode(path)) >= 104:
        raise ConfigError(f"{path}: too long for a Unix socket path (set NEWSFUSE_DAEMON_SOCKET to a shorter one)")
    return folder


def preload() -> dict[str, Any]:
    """Import the CLI and what the commands use, load and warm the spaCy pipeline; what was loaded."""
    import newsfuse

    importlib.import_module("newsfuse.cli_app")
    for info in pkgutil.walk_packages(newsfuse.__path__, "newsfuse."):
        if not info.name.startswith(NOT_PRELOADED):
            importlib.import_module(info.name)
    for name in LAZY_LIBRARIES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
    from newsfuse.analysis.nlp import load_nlp
    from newsfuse.config import spacy_model_names

    nlp = load_nlp()
    nlp(WARM_UP_TEXT)
    warmed = warm_up()
    meta = nlp.meta
    return {
        "model": f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}",
        "model_names": list(spacy_model_names()),
        "onnxruntime": "onnxruntime" in sys.modules,
        "warm_up": warmed,
    }


def warm_up() -> str:
    """Build what a brief's first use builds and caches: dateparser's tables (its first call costs
    about a second) and the word lists read from packages. "ok", or what failed."""
    import datetime as dt

    from newsfuse import lexicon
    from newsfuse.analysis.dates import resolve_date
    from newsfuse.ingest.language import detect_language

    try:
        # Wordings the plain reader passes on to dateparser (newsfuse/analysis/dates.py).
        resolve_date("late September 2020", None)
        resolve_date("earlier Thursday", dt.date(2024, 2, 6))
        lexicon.subjective_adjectives()
        lexicon.afinn_valence()
        lexicon.political_labels()
        lexicon.word_count("bridge")
        detect_language(WARM_UP_TEXT)
    except Exception as e:  # a failed warm-up only costs speed: say so in the log, serve anyway
        print(f"newsfuse daemon: warm-up failed: {type(e).__name__}: {e}", file=sys.stderr)
        return f"failed: {type(e).__name__}"
    return "ok"


@dataclass
class _Job:
    """A command running in a child."""

    pid: int
    conn: socket.socket
    pidfd: int
    kill_at: float | None = None
    watched: bool = True  # its connection is in the selector (until the client's end is read)


class Server:
    """The listening socket, the children and their clients."""

    def __init__(self, path: str, loaded: dict[str, Any]) -> None:
        self.path = path
        self.loaded = loaded
        self.fingerprint = fingerprint()
        self.settings = settings_key()
        self.started = time.time()
        self.stopping = False
        self.served = 0
        self.jobs: dict[int, _Job] = {}
        self.selector = selectors.DefaultSelector()
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)
        try:
            self.listener.bind(path)
        finally:
            os.umask(old)
        os.chmod(path, 0o600)
        self.inode = os.stat(path).st_ino
        self.listener.listen(16)
        self.selector.register(self.listener, selectors.EVENT_READ, ("accept", None))

    # --- the loop ---------------------------------------------------------------------------
    def serve_forever(self) -> None:
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        try:
            while not (self.stopping and not self.jobs):
                if self.stopping and self.listener.fileno() >= 0:
                    self._close_listener()
                for key, _events in self.selector.select(self._timeout()):
                    kind, job = key.data
                    if kind == "accept":
                        self._accept()
                    elif kind == "client":
                        self._client_readable(job)
                    elif kind == "exit":
                        self._reap(job)
                self._kill_overdue()
        finally:
            self._close_listener()

    def _on_signal(self, signum: int, _frame: object) -> None:
        self._stop()

    def _stop(self) -> None:
        self.stopping = True
        for job in self.jobs.values():
            self._interrupt(job)

    def _timeout(self) -> float:
        deadlines = [j.kill_at for j in self.jobs.values() if j.kill_at is not None]
        return max(0.05, min([d - time.monotonic() for d in deadlines] + [1.0]))

    def _close_listener(self) -> None:
        if self.listener.fileno() < 0:
            return
        self.selector.unregister(self.listener)
        self.listener.close()
        try:  # only our own socket: a newer daemon may have taken the path
            if os.stat(self.path).st_ino == self.inode:
                os.unlink(self.path)
        except FileNotFoundError:
            pass

    # --- clients ----------------------------------------------------------------------------
    def _accept(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        try:
            _pid, uid, _gid = _PEERCRED.unpack(conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _PEERCRED.size))
            if uid != os.getuid():
                conn.close()  # another user: not a word
                return
            conn.settimeout(REQUEST_TIMEOUT)
            request, fds = _read_request(conn)
        except (OSError, ValueError):
            conn.close()
            return
        try:
            self._handle(conn, request, fds)
        finally:
            for fd in fds:
                os.close(fd)

    def _handle(self, conn: socket.socket, request: dict, fds: list[int]) -> None:
        op = request.get("op")
        if op == "status":
            self._answer(conn, self.status())
        elif op == "stop":
            self._answer(conn, {"stopping": os.getpid()})
            self._stop()
        elif op != "run" or len(fds) != 3 or self.stopping:
            self._answer(conn, {"refused": "not a request this daemon serves"})
        elif request.get("fingerprint") != self.fingerprint:
            self._answer(conn, {"refused": "stale: the daemon runs other code (restart it)"})
        elif request.get("settings") != self.settings:
            self._answer(conn, {"refused": "other interpreter settings than the daemon's"})
        else:
            self._start(conn, request, fds)

    def _answer(self, conn: socket.socket, reply: dict) -> None:
        try:
            conn.sendall(json.dumps(reply).encode() + b"\n")
        except OSError:
            pass
        conn.close()

    def status(self) -> dict[str, Any]:
        return {
            "pid": os.getpid(),
            "socket": self.path,
            "model": self.loaded.get("model"),
            "started": self.started,
            "uptime": time.time() - self.started,
            "fingerprint": self.fingerprint,
            "settings": self.settings,
            "running": len(self.jobs),
            "served": self.served,
            "package": str(Path(__file__).resolve().parents[1]),
        }

    # --- children ---------------------------------------------------------------------------
    def _start(self, conn: socket.socket, request: dict, fds: list[int]) -> None:
        for stream in (sys.stdout, sys.stderr):  # nothing of ours buffered for the child to repeat
            stream.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                self._forget_in_child(conn)
                code = run_child(request, fds, self.loaded["model_names"])
            except BaseException:  # the child must reach os._exit whatever happens
                traceback.print_exc()
            finally:
                os._exit(code)
        try:  # set here too, not only in the child: an interrupt sent at once must find the group
            os.setpgid(pid, pid)
        except OSError:
            pass  # the child did it first, or is gone already
        try:
            conn.sendall(json.dumps({"started": pid}).encode() + b"\n")
        except OSError:
            pass  # the client is gone already: the EOF below interrupts the child
        conn.settimeout(None)
        self.served += 1
        job = _Job(pid, conn, os.pidfd_open(pid))
        self.jobs[pid] = job
        self.selector.register(conn, selectors.EVENT_READ, ("client", job))
        self.selector.register(job.pidfd, selectors.EVENT_READ, ("exit", job))

    def _forget_in_child(self, conn: socket.socket) -> None:
        """In a new child: drop the parent's sockets and signal handlers."""
        self.selector.close()
        self.listener.close()
        for job in self.jobs.values():
            job.conn.close()
            os.close(job.pidfd)
        conn.close()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        os.setpgid(0, 0)  # its own group: an interrupt reaches its workers too

    def _client_readable(self, job: _Job) -> None:
        try:
            data = job.conn.recv(4096)
        except OSError:
            data = b""
        if not data:  # the client is gone, or was interrupted (Ctrl-C): interrupt the child
            self.selector.unregister(job.conn)
            job.watched = False
            self._interrupt(job)

    def _interrupt(self, job: _Job) -> None:
        if job.kill_at is None:
            _signal_group(job.pid, signal.SIGINT)
            job.kill_at = time.monotonic() + INTERRUPT_GRACE

    def _kill_overdue(self) -> None:
        now = time.monotonic()
        for job in self.jobs.values():
            if job.kill_at is not None and now >= job.kill_at:
                _signal_group(job.pid, signal.SIGKILL)
                job.kill_at = now + INTERRUPT_GRACE

    def _reap(self, job: _Job) -> None:
        _pid, status = os.waitpid(job.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        code = 128 - code if code < 0 else code  # killed by a signal: as a shell reports it
        try:  # an interrupted client still waits for it
            job.conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
        except OSError:
            pass
        self.selector.unregister(job.pidfd)
        os.close(job.pidfd)
        if job.watched:
            self.selector.unregister(job.conn)
        job.conn.close()
        del self.jobs[job.pid]
        if not self.stopping:
            _signal_group(job.pid, signal.SIGKILL)  # leftovers of the child's group (its workers)


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _read_request(conn: socket.socket) -> tuple[dict, list[int]]:
    """One length-prefixed JSON request and the file descriptors sent with it."""
    data, fds, _flags, _addr = socket.recv_fds(conn, 65536, 3)
    try:
        while len(data) < _LENGTH.size:
            more = conn.recv(65536)
            if not more:
                raise ValueError("short request")
            data += more
        (size,) = _LENGTH.unpack_from(data)
        if size > MAX_REQUEST:
            raise ValueError("request too large")
        while len(data) < _LENGTH.size + size:
            more = conn.recv(min(1 << 20, _LENGTH.size + size - len(data)))
            if not more:
                raise ValueError("short request")
            data += more
        return json.loads(data[_LENGTH.size :].decode("utf-8", "surrogateescape")), fds
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise


# --- in the child ---------------------------------------------------------------------------
def run_child(request: dict, fds: list[int], model_names: list[str]) -> int:
    """Become the client's command: its fds, folder, environment, argv, streams; run ``main()``."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = list(request["argv"])
    _fake_main_module(request.get("main") or {})
    _open_streams(request["streams"])
    atexit._clear()  # the daemon's exit handlers are not the command's

    from newsfuse.analysis.nlp import load_nlp
    from newsfuse.config import spacy_model_names

    if list(spacy_model_names()) != model_names:  # NEWSFUSE_SPACY_MODEL differs from the daemon's
        load_nlp.cache_clear()
    for name in [m for m in sys.modules if m == "newsfuse.cli" or m.startswith("newsfuse.cli_")]:
        del sys.modules[name]  # made again below, their Consoles reading this terminal
    code = _run_main()
    return _finish(code)


def _fake_main_module(main: dict) -> None:
    """``__main__`` as the client's, for what click reads of it (the program's name in usage lines)."""
    module = types.ModuleType("__main__")
    module.__package__ = main.get("package")
    if main.get("spec"):
        module.__spec__ = importlib.machinery.ModuleSpec(main["spec"], None)
    sys.modules["__main__"] = module


def _open_streams(setup: list[list]) -> None:
    _REPLACED.extend([sys.stdin, sys.stdout, sys.stderr, sys.__stdin__, sys.__stdout__, sys.__stderr__])
    streams = []
    for fd, (encoding, errors, line_buffering) in enumerate(setup):
        raw = open(fd, "rb" if fd == 0 else "wb", closefd=False)  # kept open: they are the streams
        streams.append(io.TextIOWrapper(raw, encoding=encoding, errors=errors, line_buffering=line_buffering))
    sys.stdin, sys.stdout, sys.stderr = streams
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = streams


def _run_main() -> int:
    try:
        importlib.import_module("newsfuse.cli_app").main()
        return 0
    except SystemExit as e:
        if e.code is None:
            return 0
        if isinstance(e.code, int):
            return e.code & 0xFF
        print(e.code, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        traceback.print_exc()
        return 130
    except BaseException:  # as the interpreter would: the traceback, exit code 1
        traceback.print_exc()
        return 1


def _finish(code: int) -> int:
    """What the interpreter does at exit: threads, exit handlers, flushing the streams."""
    try:
        threading._shutdown()  # type: ignore[attr-defined]
    except Exception:  # a private function of threading: never let it cost the exit code
        pass
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = 120 if code == 0 else code  # as Python when stdout cannot be flushed at exit
    return code


# --- start ----------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m newsfuse.daemon.server", description=__doc__.splitlines()[0])
    parser.add_argument("--socket", required=True)
    args = parser.parse_args(argv)
    try:
        check_folder(args.socket)
    except ConfigError as e:
        print(f"newsfuse: error: {e}", file=sys.stderr)
        raise SystemExit(2) from None
    loaded = preload()
    if os.path.exists(args.socket):  # a leftover of a daemon that died (the caller checked none answers)
        os.unlink(args.socket)
    server = Server(args.socket, loaded)
    os.chdir("/")  # hold no folder of the user's
    print(
        f"newsfuse daemon {os.getpid()} listening on {args.socket}: {loaded['model']}, warm-up {loaded['warm_up']}, "
        f"onnxruntime loaded: {loaded['onnxruntime']}, threads: {threading.active_count()} Python, "
        f"{len(os.listdir('/proc/self/task'))} in all",
        file=sys.stderr,
        flush=True,
    )
    server.serve_forever()


if __name__ == "__main__":
    main()
