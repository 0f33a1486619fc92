"""The daemon (newsfuse/daemon/) end to end: one real daemon for the module, real commands through the
console script, each compared with the same command run in-process (``NEWSFUSE_DAEMON=off``).

That a command really went through the daemon is read from the daemon's own count of commands
served (``newsfuse daemon status``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
STORY = REPO / "examples" / "story"
SCRIPT = Path(sys.executable).parent / "newsfuse"


def _command() -> list[str]:
    """The venv's console script (this tree's code comes first through PYTHONPATH), else ``python -m``."""
    return [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "newsfuse.cli"]


class Daemon:
    """Runs newsfuse commands with the module's daemon socket in the environment."""

    def __init__(self, sock: Path, code: Path = REPO) -> None:
        self.sock = sock
        self.env = dict(os.environ)
        self.env.pop("NEWSFUSE_DAEMON", None)
        self.env["NEWSFUSE_DAEMON_SOCKET"] = str(sock)
        self.env["PYTHONPATH"] = str(code)

    def run(self, *args: str | Path, cwd: Path | None = None, daemon: bool = True, **env: str):
        full = dict(self.env, **env)
        if not daemon:
            full["NEWSFUSE_DAEMON"] = "off"
        return subprocess.run(
            [*_command(), *map(str, args)], capture_output=True, cwd=cwd or REPO, env=full, timeout=300
        )

    def status(self) -> tuple[int, str]:
        done = self.run("daemon", "status")
        return done.returncode, done.stdout.decode()

    def served(self) -> int:
        code, text = self.status()
        assert code == 0, text
        return int(text.split("commands served:")[1].split()[0])


@pytest.fixture(scope="module")
def daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    folder = tmp_path_factory.mktemp("nfd")
    folder.chmod(0o700)
    d = Daemon(folder / "d.sock")
    started = d.run("daemon", "start")
    pid = None
    try:
        assert started.returncode == 0, started.stderr.decode()
        code, text = d.status()
        assert code == 0 and "current" in text, text
        pid = int(text.split("(pid ")[1].split(")")[0])
        d.pid = pid  # type: ignore[attr-defined]
        yield d
    finally:
        d.run("daemon", "stop")
        if pid is not None and Path(f"/proc/{pid}").exists():
            os.kill(pid, 9)


def _same(a: subprocess.CompletedProcess, b: subprocess.CompletedProcess) -> None:
    assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr)


def test_json_brief_is_byte_identical(daemon: Daemon) -> None:
    before = daemon.served()
    through = daemon.run("brief", STORY, "--format", "json")
    assert daemon.served() == before + 1
    here = daemon.run("brief", STORY, "--format", "json", daemon=False)
    assert daemon.served() == before + 1  # NEWSFUSE_DAEMON=off: not sent
    assert through.returncode == 0, through.stderr.decode()
    _same(through, here)
    assert len(json.loads(through.stdout)["articles"]) == 5


def test_bad_input_gives_the_same_line_and_exit_code(daemon: Daemon, tmp_path: Path) -> None:
    before = daemon.served()
    missing = tmp_path / "no-such-story"
    through, here = daemon.run("brief", missing), daemon.run("brief", missing, daemon=False)
    assert daemon.served() == before + 1
    assert through.returncode == 2
    assert through.stderr.decode().count("\n") == 1 and "no-such-story" in through.stderr.decode()
    _same(through, here)
    usage = [daemon.run("brief", "--no-such-option", daemon=flag) for flag in (True, False)]
    assert usage[0].returncode == 2 and b"No such option" in usage[0].stderr
    _same(*usage)


def test_output_into_a_missing_folder(daemon: Daemon, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "brief.json"
    through = daemon.run("brief", STORY, "-f", "json", "-o", target)
    here = daemon.run("brief", STORY, "-f", "json", "-o", target, daemon=False)
    assert through.returncode == 2 and b"does not exist" in through.stderr
    _same(through, here)
    assert not target.parent.exists()


def test_relative_paths_resolve_in_the_clients_folder(daemon: Daemon, tmp_path: Path) -> None:
    story = os.path.relpath(STORY, tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    before = daemon.served()
    through = daemon.run("brief", story, "-f", "md", "--summary-only", "-o", "a/brief.md", cwd=tmp_path)
    here = daemon.run("brief", story, "-f", "md", "--summary-only", "-o", "b/brief.md", cwd=tmp_path, daemon=False)
    assert daemon.served() == before + 1
    _same(through, here)
    assert (tmp_path / "a" / "brief.md").read_bytes() == (tmp_path / "b" / "brief.md").read_bytes()
    assert not (REPO / "a").exists() and not Path("/a/brief.md").exists()


def test_the_childs_exit_code_is_passed_through(daemon: Daemon, tmp_path: Path) -> None:
    # One input briefed, one missing: a brief is made and the exit code is 1 (partial).
    args = ("brief", STORY, tmp_path / "missing.txt", "-f", "json", "--summary-only")
    through, here = daemon.run(*args), daemon.run(*args, daemon=False)
    assert through.returncode == 1
    _same(through, here)
    nothing = [daemon.run("brief", daemon=flag) for flag in (True, False)]
    assert nothing[0].returncode == 2
    _same(*nothing)


def test_other_code_or_settings_run_in_process(daemon: Daemon, tmp_path: Path) -> None:
    # Another copy of the package: its files' fingerprint differs, so the daemon is not used.
    copy = tmp_path / "code"
    shutil.copytree(REPO / "newsfuse", copy / "newsfuse", ignore=shutil.ignore_patterns("__pycache__"))
    other = Daemon(daemon.sock, code=copy)
    code, text = other.status()
    assert code == 1 and "stale" in text
    before = daemon.served()
    through = other.run("brief", STORY, "-f", "json", "--words", "60", "--summary-only")
    here = daemon.run("brief", STORY, "-f", "json", "--words", "60", "--summary-only", daemon=False)
    assert through.returncode == 0, through.stderr.decode()
    _same(through, here)
    # Interpreter settings the forked child could not take (here the hash seed): in-process too.
    seeded = daemon.run("brief", STORY, "-f", "json", "--words", "60", "--summary-only", PYTHONHASHSEED="7")
    _same(seeded, here)
    assert daemon.served() == before


def test_stop_leaves_no_process_and_no_socket(daemon: Daemon) -> None:
    pid = daemon.pid  # type: ignore[attr-defined]
    stopped = daemon.run("daemon", "stop")
    assert stopped.returncode == 0 and f"pid {pid}" in stopped.stdout.decode()
    assert not daemon.sock.exists()
    stat = Path(f"/proc/{pid}/stat")
    assert not stat.exists() or stat.read_text().rpartition(")")[2].split()[0] == "Z"
    # A socket file left by a daemon that died: status removes it, commands run in-process.
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(daemon.sock))
    dead.close()
    code, text = daemon.status()
    assert code == 1 and "stale socket" in text and not daemon.sock.exists()
    assert daemon.run("brief", STORY, "-f", "json", "--words", "60", "--summary-only").returncode == 0
