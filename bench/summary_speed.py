"""Seconds for the summary of the bundled 5-article story (examples/story), after start-up.

    python bench/summary_speed.py [--repeat 7] [--methods learned,learned-embed,coverage]

Each method runs once to warm up (imports, the model file, the embedding model for
``learned-embed``), then ``--repeat`` times; the median is printed, with the lead baseline of
bench/summarize.py (first sentences of each article) run in the same process as reference.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from summarize import run_system  # noqa: E402

from newsfuse.ingest import load  # noqa: E402

WORDS = 120


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--methods", default="learned,learned-embed,coverage")
    args = ap.parse_args()
    arts = tuple(load([REPO / "examples" / "story"]).articles)
    print(f"examples/story: {len(arts)} articles, {WORDS}-word summary, median of {args.repeat} after a warm-up\n")
    print("| method | seconds | first call (warm-up) |")
    print("|---|---:|---:|")
    for name in [*args.methods.split(","), "lead"]:
        t = time.perf_counter()
        run_system(name, arts, WORDS)
        first = time.perf_counter() - t
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            run_system(name, arts, WORDS)
            times.append(time.perf_counter() - t)
        print(f"| {name} | {statistics.median(times):.4f} | {first:.3f} |")


if __name__ == "__main__":
    main()
