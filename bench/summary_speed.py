"""Seconds for the summary of a 5-article story (examples/story, and the real seeds in
../shared/seeds when present), after start-up.

    python bench/summary_speed.py [--repeat 7] [--methods learned,learned-embed,coverage,coverage-embed]

Each method runs once to warm up (imports, the model file, the embedding model for the ``-embed``
methods), then ``--repeat`` times; the median wall time and CPU time are printed, with the lead
baseline of bench/summarize.py (first sentences of each article) run in the same process as
reference. ``X (every pair)`` is an ``-embed`` method with brieflike.EMBED_MIN_SHARED set to 0:
every pair of chosen items compared, so every chosen item embedded (what ``learned-embed`` did
before the pairs were filtered by shared words).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from summarize import run_system  # noqa: E402

from newsfuse.brief.summarizers import brieflike  # noqa: E402
from newsfuse.ingest import load  # noqa: E402

WORDS = 120


def _time(name: str, arts: tuple, repeat: int) -> tuple[float, float, float]:
    t = time.perf_counter()
    run_system(name, arts, WORDS)
    first = time.perf_counter() - t
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        run_system(name, arts, WORDS)
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu), first


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--methods", default="learned,learned-embed,coverage,coverage-embed")
    args = ap.parse_args()
    stories = [REPO / "examples" / "story"]
    seeds = REPO.parent / "shared" / "seeds"
    if seeds.is_dir():
        stories.append(seeds)
    print(
        f"{WORDS}-word summary, median of {args.repeat} after a warm-up; os.cpu_count() = {os.cpu_count()}, "
        f"load average at start {os.getloadavg()[0]:.1f}\n"
    )
    print("| story | method | wall s | CPU s | first call (warm-up) s |")
    print("|---|---|---:|---:|---:|")
    names = args.methods.split(",")
    for story in stories:
        arts = tuple(load([story]).articles)
        label = f"{story.name} ({len(arts)} articles)"
        for name in [*names, *(f"{n} (every pair)" for n in names if n.endswith("-embed")), "lead"]:
            method = name.split(" ")[0]
            keep = brieflike.EMBED_MIN_SHARED
            if name.endswith("(every pair)"):
                brieflike.EMBED_MIN_SHARED = 0
            try:
                wall, cpu, first = _time(method, arts, args.repeat)
            finally:
                brieflike.EMBED_MIN_SHARED = keep
            print(f"| {label} | {name} | {wall:.4f} | {cpu:.4f} | {first:.3f} |")
    print(f"\nload average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
