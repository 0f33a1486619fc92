"""Summary citations: does every cited sentence carry the item it is cited for?

Usage: python bench/citations.py [SHARED_DIR] [--limit N] [--show K]

A summary item cites the other sentences of its sentence group (the same content in other
outlets, ``brief/align.py``). Grouping admits a clause added or cut and a word changed, so a
member may carry only part of the item. For every member of every chosen group (its wording
aside) this reports the share of the item's content words it carries (stemmed, stop words left
out; ``summarizers/base.py:content_words``; the quoted words only when the item is mostly a
quotation), whether it gives every number of the item, and how
many the citation rule (``base.covers``, ``MIN_SOURCE_COVERAGE``) keeps: before the rule every
member was cited.

Stories: examples/story, the seeds (../shared/seeds) and Multi-News val
(../shared/data/multinews_val250.jsonl, counts as seen/dev), default summary method, the
data set's budget (260 words for Multi-News, the CLI default for the others). No spaCy.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsfuse.brief.summarizers import DEFAULT_METHOD, get  # noqa: E402
from newsfuse.brief.summarizers.base import (  # noqa: E402
    MIN_SOURCE_COVERAGE,
    _claim,
    content_words,
    covers,
    story_units,
)
from newsfuse.config import DEFAULT_WORDS  # noqa: E402
from newsfuse.ingest import iter_stories, load  # noqa: E402
from newsfuse.model import Article  # noqa: E402

BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def stories(shared: Path, limit: int | None) -> list[tuple[str, list[Article], int]]:
    out = [("examples/story", list(load([REPO / "examples" / "story"]).articles), DEFAULT_WORDS)]
    seeds = sorted((shared / "seeds").glob("*.txt"))
    if seeds:
        out.append(("seeds", list(load(seeds).articles), DEFAULT_WORDS))
    path = shared / "data" / "multinews_val250.jsonl"
    if path.is_file():
        for i, story in enumerate(iter_stories(path)):
            if limit is not None and i >= limit:
                break
            out.append((f"multinews/{story.id}", list(story.articles), 260))
    return out


def share(member: str, item: str) -> float:
    need = content_words(_claim(item))
    return len(need & content_words(member)) / len(need) if need else 1.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shared", nargs="?", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="Multi-News stories (default: all 250)")
    ap.add_argument("--show", type=int, default=0, help="print this many dropped citations")
    args = ap.parse_args()

    t0 = time.perf_counter()
    rows: dict[str, Counter[str]] = {}
    bins: Counter[float] = Counter()
    shown = 0
    for name, articles, words in stories(args.shared, args.limit):
        row = rows.setdefault(name.split("/")[0] if name.startswith("multinews/") else name, Counter())
        units = story_units(articles)
        by_rep = {g.representative: g for g in units.groups}
        outlet = {a.id: a.outlet for a in articles}
        for item in get(DEFAULT_METHOD).summarize(articles, words):
            group = by_rep[item.sources[0]]
            others = [m for m in group.members if m != item.sources[0]]
            row["items"] += 1
            row["cited before"] += len(group.members)
            row["cited after"] += len(item.sources)
            row["items citing another outlet before"] += len({outlet[m.article] for m in group.members}) > 1
            row["items citing another outlet after"] += len({outlet[r.article] for r in item.sources}) > 1
            for m in others:
                s = share(m.text, item.text)
                bins[next(b for b in BINS if s <= b)] += 1
                kept = covers(m.text, item.text)
                row["members dropped"] += not kept
                row["dropped for a number"] += not kept and s >= MIN_SOURCE_COVERAGE
                if not kept and shown < args.show:
                    shown += 1
                    print(f"{name} share {s:.2f}\n  item:   {item.text}\n  member: {m.text}\n")
    secs = time.perf_counter() - t0
    run = f"run {time.strftime('%Y-%m-%d')}, os.cpu_count() {os.cpu_count()}, {secs:.0f} s"
    print(f"\n## Summary citations (bench/citations.py), {run}")
    print(f"MIN_SOURCE_COVERAGE = {MIN_SOURCE_COVERAGE}, method {DEFAULT_METHOD}\n")
    keys = [
        "items",
        "cited before",
        "cited after",
        "members dropped",
        "dropped for a number",
        "items citing another outlet before",
        "items citing another outlet after",
    ]
    print("| stories | " + " | ".join(keys) + " |")
    print("|---|" + "---:|" * len(keys))
    for name, row in rows.items():
        print(f"| {name} | " + " | ".join(str(row[k]) for k in keys) + " |")
    print("\nShare of the item's content words carried by the other members of its group:\n")
    print("| share | " + " | ".join(f"<= {b:.1f}" for b in BINS) + " |")
    print("|---|" + "---:|" * len(BINS))
    print("| members | " + " | ".join(str(bins[b]) for b in BINS) + " |")


if __name__ == "__main__":
    main()
