"""Speed of a brief: start-up, a 5-article story, a 100-article story, and batch mode.

Reference run in the same process: a bare spaCy parse of the same texts (the cost every
analysis pays), so the figures travel as ratios. Start-up is measured in fresh subprocesses.

    python bench/speed.py [--data ../shared/data] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsfuse.brief.build import build_brief  # noqa: E402
from newsfuse.model import Article  # noqa: E402


def _startup(code: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _multinews(data: Path) -> list[list[Article]]:
    stories = []
    with (data / "multinews_val250.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            arts = [
                Article(id=a["id"], text=a["text"], outlet=f"outlet{i}")
                for i, a in enumerate(rec["articles"])
                if a["text"].strip()
            ]
            stories.append(arts)
    return stories


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from newsfuse.analysis.nlp import load_nlp
    from newsfuse.ingest import load

    rows: list[tuple[str, float, str]] = []
    rows.append(("start-up: import newsfuse", _startup("import newsfuse", args.repeat), ""))
    rows.append(
        (
            "start-up: import + load spaCy",
            _startup("import newsfuse; from newsfuse.analysis.nlp import load_nlp; load_nlp()", args.repeat),
            "",
        )
    )
    nlp = load_nlp()
    story = list(load([REPO / "examples" / "story"]).articles)
    n5 = len(story)
    build_brief(story)  # warm caches
    parse5 = _timed(lambda: list(nlp.pipe(a.text for a in story)), args.repeat)
    summ5 = _timed(lambda: build_brief(story, analyse=False), args.repeat)
    full5 = _timed(lambda: build_brief(story), args.repeat)
    rows.append((f"example story ({n5} articles): summary only", summ5, ""))
    rows.append((f"example story ({n5} articles): full brief", full5, f"{full5 / parse5:.2f}x a bare spaCy parse"))

    clusters = _multinews(args.data)
    big: list[Article] = []
    for arts in clusters:
        big.extend(arts)
        if len(big) >= 100:
            break
    big = big[:100]
    words = sum(len(a.text.split()) for a in big)
    parse100 = _timed(lambda: list(nlp.pipe(a.text for a in big)), 1)
    summ100 = _timed(lambda: build_brief(big, words=260, analyse=False), args.repeat)
    full100 = _timed(lambda: build_brief(big, words=260), 1)
    rows.append((f"100-article story ({words} words): summary only", summ100, ""))
    rows.append(
        (f"100-article story ({words} words): full brief", full100, f"{full100 / parse100:.2f}x a bare spaCy parse")
    )

    batch = clusters[:50]
    t0 = time.perf_counter()
    for arts in batch:
        build_brief(arts, words=260, analyse=False)
    per_story = (time.perf_counter() - t0) / len(batch)
    rows.append(("batch, Multi-News (50 stories): per story, summary only", per_story, ""))

    print("| what | seconds | note |\n|---|---:|---|")
    for name, secs, note in rows:
        print(f"| {name} | {secs:.3f} | {note} |")


if __name__ == "__main__":
    main()
