"""What shared copy, framing and the timeline add to a full brief of a small story (issue 9).

    python bench/issue9_speed.py [--repeats N]

For each story (examples/story and, when ../shared is there, the seeds) a full brief is built
from the articles' text N times in one process (spaCy loaded and warmed first, so start-up is out
of it). The three steps are timed where they run, in CPU seconds, by wrapping their entry points
in a timer for the run (nothing else changes):

- framing, per article: ``analysis.framing.find_framing`` (inside the per-article analysis);
- framing, across outlets: ``brief.analyse._add_framing`` (line-up and least-loaded wording);
- timeline: ``brief.timeline.build_timeline``;
- shared copy: ``brief.shared_copy.with_shared_copy``.

"Added" is their CPU time over the CPU time of the rest of the brief: how much longer a brief is
with them than it would be without them. The bar of issue 9: at most 30% for all three together.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsfuse.brief.build import build_brief  # noqa: E402
from newsfuse.ingest import load  # noqa: E402

# By module path: ``newsfuse.brief`` is also the name of the package's brief() function.
analysis_framing = importlib.import_module("newsfuse.analysis.framing")
brief_analyse = importlib.import_module("newsfuse.brief.analyse")
shared_copy = importlib.import_module("newsfuse.brief.shared_copy")
timeline = importlib.import_module("newsfuse.brief.timeline")

SPENT: dict[str, float] = defaultdict(float)


def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[name] += time.process_time() - start

    return run


def instrument() -> None:
    analysis_framing.find_framing = timed("framing (per article)", analysis_framing.find_framing)
    brief_analyse._add_framing = timed("framing (across outlets)", brief_analyse._add_framing)
    timeline.build_timeline = timed("timeline", timeline.build_timeline)
    shared_copy.with_shared_copy = timed("shared copy", shared_copy.with_shared_copy)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    stories = [("examples/story", REPO / "examples" / "story")]
    seeds = REPO.parent / "shared" / "seeds"
    if seeds.is_dir():
        stories.append(("seeds", seeds))
    instrument()
    build_brief(load([stories[0][1]]).articles)  # warm up: spaCy, lexicons, dateparser
    print(
        f"| story | articles | brief CPU s (mean of {args.repeats}) | framing per article | framing across "
        "outlets | timeline | shared copy | all three | added to the rest |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, path in stories:
        articles = load([path]).articles
        SPENT.clear()
        total = 0.0
        for _ in range(args.repeats):
            start = time.process_time()
            build_brief(articles)
            total += time.process_time() - start
        parts = [
            SPENT[k] / args.repeats
            for k in ("framing (per article)", "framing (across outlets)", "timeline", "shared copy")
        ]
        mean = total / args.repeats
        three = sum(parts)
        cells = " | ".join(f"{p:.3f}" for p in parts)
        print(
            f"| {name} | {len(articles)} | {mean:.3f} | {cells} | {three:.3f} | {100 * three / (mean - three):+.1f}% |"
        )


if __name__ == "__main__":
    main()
