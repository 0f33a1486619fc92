"""How the brief's cost grows with the length of one article: real text, and text without punctuation.

Usage: python bench/long_text.py [--sizes 11000,22000,44000] [--summary-only]

Takes the longest article of ../shared/data/multinews_val250.jsonl, cut to each size, and a
text without punctuation of each size (words of the example story), and times a brief of it
with one short second article, in this process after a warm-up. Prints the date, os.cpu_count()
and the load average of this run; wall and CPU seconds (CPU is what a shared machine leaves
comparable). Doubling the size should double the time; more means a step that is not linear.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import time
from pathlib import Path

import newsfuse
from newsfuse.model import Article

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "multinews_val250.jsonl"
SECOND = Article(id="second", text="The mayor said the bridge will open on Monday.", outlet="Second")


def flat_text(size: int) -> str:
    words = [w.strip(".,;:\"'()") for w in (REPO / "examples" / "story" / "harbour_gazette.txt").read_text().split()]
    words = [w for w in words if w]  # capitals kept: names make entities, and entities cost
    rnd = random.Random(size)
    out: list[str] = []
    while sum(map(len, out)) + len(out) < size:
        out.append(rnd.choice(words))
    return " ".join(out)[:size]


def seconds(text: str, analyse: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one brief of ``text`` and the short second article (one process:
    two articles never start parse workers)."""
    started, cpu = time.perf_counter(), time.process_time()
    newsfuse.brief([Article(id="long", text=text, outlet="Long"), SECOND], analyse=analyse)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="11000,22000,44000")
    parser.add_argument("--summary-only", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    analyse = not args.summary_only
    with DATA.open(encoding="utf-8") as fh:
        longest = max((a["text"] for line in fh for a in json.loads(line)["articles"]), key=len)
    seconds("The mayor said so. It was fine.", analyse)  # warm-up: imports and the spaCy model
    print(f"{dt.date.today().isoformat()}, os.cpu_count() = {os.cpu_count()}, load {os.getloadavg()[0]:.1f}")
    print(f"{'full brief' if analyse else 'summary only'}; longest Multi-News val article: {len(longest):,} chars\n")
    print(
        "| characters | real article (wall s) | real article (CPU s) "
        "| no punctuation (wall s) | no punctuation (CPU s) |"
    )
    print("|---:|---:|---:|---:|---:|")
    nan = (float("nan"), float("nan"))
    for size in sizes:
        real = seconds(longest[:size], analyse) if size <= len(longest) else nan
        flat = seconds(flat_text(size), analyse)
        print(f"| {size:,} | {real[0]:.1f} | {real[1]:.1f} | {flat[0]:.1f} | {flat[1]:.1f} |", flush=True)


if __name__ == "__main__":
    main()
