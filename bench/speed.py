"""Speed of a brief as a story grows: stories pooled from Multi-News articles, against a bare
spaCy parse of the same texts run in the same process.

For each size (default 5, 50, 100 and 500 articles, about 630 words each) in one process:

- the bare parse: ``nlp.pipe`` over the texts, one process (the cost every analysis pays);
- the full brief (``build_brief``: summary, parse, quotes, entities, facts, line-up,
  disagreements), wall seconds with its parse workers' start-up, and articles per second;
- each step after the parse, timed by wrapping the functions ``add_analysis`` calls (timing
  hooks here only), and their CPU seconds against the bare parse's CPU seconds.

Bars (issue 6): the 500-article brief costs at most 12x the 50-article one; a 5-article brief
with start-up (a ``newsfuse brief`` subprocess) takes under 2 s. ``--same-as REV`` checks that
the briefs of examples/story and of a pooled story are byte-identical to those of commit REV.

    python bench/speed.py [--data ../shared/data] [--sizes 5,50,100,500] [--same-as REV]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsfuse.brief.build import build_brief  # noqa: E402
from newsfuse.model import Article  # noqa: E402

#: Bars from issue 6.
MAX_GROWTH_50_TO_500 = 12.0
MAX_SMALL_BRIEF_SECONDS = 2.0

#: The steps after the parse, as (module, function) that ``add_analysis`` imports when it runs.
STEPS = (
    ("quotes", "newsfuse.analysis.quotes", "extract_quotes"),
    ("entities", "newsfuse.analysis.entities", "extract_entities"),
    ("merge", "newsfuse.brief.entities", "merge_entities"),
    ("facts", "newsfuse.analysis.facts", "extract_facts"),
    ("compare", "newsfuse.brief.compare", "compare"),
    ("line-up", "newsfuse.brief.quotes", "line_up_quotes"),
)


def pooled(data: Path, n: int) -> list[Article]:
    """The first ``n`` non-empty articles of multinews_val250.jsonl, as one story."""
    articles: list[Article] = []
    with (data / "multinews_val250.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            for a in json.loads(line)["articles"]:
                if a["text"].strip():
                    articles.append(Article(id=a["id"], text=a["text"], outlet=a["id"]))
                if len(articles) == n:
                    return articles
    raise SystemExit(f"only {len(articles)} articles in {data / 'multinews_val250.jsonl'}, asked for {n}")


def _cpu_with_children() -> float:
    own = time.process_time()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + kids.ru_utime + kids.ru_stime


class StepTimer:
    """Wraps the step functions so each call adds its wall and CPU seconds to ``seconds``."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self._undo: list[tuple[object, str, object]] = []

    def __enter__(self) -> StepTimer:
        for step, module_name, name in STEPS:
            module = importlib.import_module(module_name)
            fn = getattr(module, name, None)
            if fn is None:
                continue  # the pipeline changed: that step is not timed
            self._undo.append((module, name, fn))
            setattr(module, name, self._wrap(step, fn))
        return self

    def _wrap(self, step: str, fn):  # type: ignore[no-untyped-def]
        @functools.wraps(fn)
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            w, c = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.wall[step] += time.perf_counter() - w
                self.cpu[step] += time.process_time() - c

        return timed

    def __exit__(self, *exc: object) -> None:
        for module, name, fn in self._undo:
            setattr(module, name, fn)


def measure(articles: list[Article], nlp) -> dict:  # type: ignore[no-untyped-def]
    texts = [a.text for a in articles]
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    parse_cpu, parse_wall = time.process_time() - c0, time.perf_counter() - w0

    c0, w0 = time.process_time(), time.perf_counter()
    build_brief(articles, words=260, analyse=False)
    summary_cpu, summary_wall = time.process_time() - c0, time.perf_counter() - w0

    with StepTimer() as steps:
        c0, w0 = _cpu_with_children(), time.perf_counter()
        build_brief(articles, words=260)
        full_cpu, full_wall = _cpu_with_children() - c0, time.perf_counter() - w0
    ours_cpu = sum(steps.cpu.values())
    return {
        "articles": len(articles),
        "words": sum(len(t.split()) for t in texts),
        "parse_cpu": parse_cpu,
        "parse_wall": parse_wall,
        "summary_cpu": summary_cpu,
        "summary_wall": summary_wall,
        "full_cpu": full_cpu,
        "full_wall": full_wall,
        "steps_cpu": dict(steps.cpu),
        "ours_cpu": ours_cpu,
    }


def small_brief_seconds(repeat: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of ``newsfuse brief examples/story --format json`` in a fresh process."""
    times = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), _cpu_with_children()
        subprocess.run(
            [sys.executable, "-m", "newsfuse.cli", "brief", str(REPO / "examples" / "story"), "--format", "json"],
            check=True,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
        )
        times.append((time.perf_counter() - t0, _cpu_with_children() - c0))
    return times


def same_as(rev: str, data: Path, n: int) -> bool:
    """True when this tree's briefs of examples/story and of a pooled story of ``n`` articles
    are byte-identical to those of commit ``rev`` (each tree run as ``python -m newsfuse.cli``)."""
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        old.mkdir()
        archive = subprocess.run(["git", "archive", rev, "newsfuse"], cwd=REPO, check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
        story = Path(tmp) / f"pooled{n}.json"
        story.write_text(
            json.dumps({"articles": [{"id": a.id, "text": a.text, "outlet": a.outlet} for a in pooled(data, n)]}),
            encoding="utf-8",
        )
        same = True
        for inputs in (REPO / "examples" / "story", story):
            outs = []
            for tree in (old, REPO):
                run = subprocess.run(
                    [sys.executable, "-m", "newsfuse.cli", "brief", str(inputs), "--format", "json"],
                    cwd=tree,
                    check=True,
                    capture_output=True,
                )
                outs.append(run.stdout)
            print(f"- {inputs.name}: {'identical' if outs[0] == outs[1] else 'DIFFERENT'} to {rev}")
            same &= outs[0] == outs[1]
        return same


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--sizes", default="5,50,100,500", help="story sizes in articles, comma-separated")
    ap.add_argument("--repeat", type=int, default=3, help="runs of the 5-article subprocess brief")
    ap.add_argument("--same-as", metavar="REV", help="check identical briefs against this commit")
    ap.add_argument("--same-size", type=int, default=50, help="articles in the pooled story of --same-as")
    args = ap.parse_args()

    print(f"Date: {dt.datetime.now().isoformat(timespec='minutes')}. os.cpu_count(): {os.cpu_count()}. ")
    print(f"Platform: {platform.platform()}, Python {platform.python_version()}.")
    print(f"Load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}.\n")

    if args.same_as:
        print(f"Identical output (`--same-as {args.same_as}`):")
        ok = same_as(args.same_as, args.data, args.same_size)
        print()
        if not ok:
            raise SystemExit(1)

    small = small_brief_seconds(args.repeat)
    best = min(w for w, _ in small)
    print(
        f"5-article brief with start-up (`newsfuse brief examples/story --format json`, best of {args.repeat}): "
        f"{best:.2f} s wall, {min(c for _, c in small):.2f} CPU-s (runs: "
        f"{', '.join(f'{w:.2f} s / {c:.2f} CPU-s' for w, c in small)}); bar {MAX_SMALL_BRIEF_SECONDS:.0f} s: "
        f"{'met' if best < MAX_SMALL_BRIEF_SECONDS else 'NOT met'}\n"
    )

    from newsfuse.analysis.nlp import load_nlp

    nlp = load_nlp()
    build_brief(pooled(args.data, 5))  # warm the caches and imports
    rows = [measure(pooled(args.data, int(n)), nlp) for n in args.sizes.split(",")]

    print(
        "| articles | words | bare parse CPU s | full brief s (wall) | articles/s | summary CPU s | "
        "our steps CPU s | ours / parse CPU |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['articles']} | {r['words']:,} | {r['parse_cpu']:.2f} | {r['full_wall']:.2f} | "
            f"{r['articles'] / r['full_wall']:.1f} | {r['summary_cpu']:.2f} | {r['ours_cpu']:.2f} | "
            f"{r['ours_cpu'] / r['parse_cpu']:.2f}x |"
        )
    print()
    names = [s for s, _, _ in STEPS]
    print("Steps after the parse, CPU seconds:\n")
    print("| articles | " + " | ".join(names) + " |")
    print("|---:|" + "---:|" * len(names))
    for r in rows:
        print(f"| {r['articles']} | " + " | ".join(f"{r['steps_cpu'].get(s, 0):.2f}" for s in names) + " |")
    print()
    by_n = {r["articles"]: r for r in rows}
    if 50 in by_n and 500 in by_n:
        growth = by_n[500]["full_wall"] / by_n[50]["full_wall"]
        cpu_growth = by_n[500]["full_cpu"] / by_n[50]["full_cpu"]
        steps_growth = by_n[500]["ours_cpu"] / by_n[50]["ours_cpu"]
        parse_growth = by_n[500]["parse_cpu"] / by_n[50]["parse_cpu"]
        print(
            f"500 / 50 articles: full brief {growth:.1f}x wall, {cpu_growth:.1f}x CPU (parse workers included); "
            f"our steps {steps_growth:.1f}x CPU; bare parse {parse_growth:.1f}x CPU. "
            f"Bar {MAX_GROWTH_50_TO_500:.0f}x: {'met' if growth <= MAX_GROWTH_50_TO_500 else 'NOT met'}."
        )


if __name__ == "__main__":
    main()
