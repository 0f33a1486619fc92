"""Store: articles per second for ``newsfuse add``, without and with the per-article analysis.

Usage: python bench/store.py [--limit N] [--analysis-limit M] [DATA_DIR]

Reads the articles of DATA_DIR (default ../shared/data: stories_dev, polnear_train, basil_dev)
with ``load`` once, then adds the first N of them to a fresh store in a temporary folder, timing:

1. ``load`` alone (the floor every add pays: JSON, dates, boilerplate spans);
2. the store alone: every article through :class:`Adder` with a clusterer that opens one story per
   article (duplicate checks, id, the article row, its FTS5 index, its story and membership);
3. ``add`` as the command runs it: the same with the online story clusterer;
4. ``add`` with the analysis cached (the first M articles): 3 plus the analysis of each article;
5. ``brief --story`` (``newsfuse.brief_story``) of the largest story of that store, from the cached
   records, and uncached: the same story with its records taken out of the cache first (a store
   filled by a plain ``add``), opened read-only so that nothing is written back between the runs.
   Each is run twice, alternating, and the faster time of each is kept: in this process (the spaCy
   pipeline already loaded) and as the command ``newsfuse brief --story ID -f json`` in a new
   process (what a user waits for: the uncached one loads the pipeline; a fresh uncached copy each time).

Then the same add is run again (every article a duplicate), and the file size per article is
reported. Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import newsfuse
from newsfuse.ingest import load
from newsfuse.model import Article
from newsfuse.store import Store
from newsfuse.stories.cluster import Assignment, ClusterSettings
from newsfuse.stories.collect import Adder

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
FILES = ("stories_dev.jsonl", "polnear_train.jsonl", "basil_dev.jsonl")


class OneStoryEach:
    """A clusterer that opens a new story for every article: measures the store's own cost."""

    settings = ClusterSettings()

    def add(self, article: Article) -> Assignment:
        return Assignment(article.id, article.id, True, None, None)

    def restore(self, article: Article, story_id: str) -> None:
        pass


def timed_add(articles: list[Article], path: Path, *, clusterer: object = None, analyse: bool = False) -> float:
    started = time.perf_counter()
    with Store(path) as store, Adder(store, clusterer=clusterer, analyse=analyse) as adder:  # type: ignore[arg-type]
        for article in articles:
            adder.add(article)
    return time.perf_counter() - started


def brief_times(db: Path, tmp: Path) -> tuple[str, int, list[tuple[str, float, float]]]:
    """(story id, its articles, [(how, seconds from the cache, seconds uncached)]) for the largest story."""
    with Store(db) as store:
        story = max(store.stories(), key=lambda s: (s.articles, s.id))
    bare = tmp / "uncached.db"
    shutil.copy(db, bare)
    with Store(bare) as store, store.transaction():
        store.conn.execute("DELETE FROM analyses")
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def command(path: Path) -> None:
        argv = [sys.executable, "-m", "newsfuse.cli", "brief", "--story", story.id, "--db", str(path), "-f", "json"]
        subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)

    def in_process(path: Path) -> None:
        newsfuse.brief_story(story.id, db=path, readonly=True)

    rows = []
    for how, run in (("in this process", in_process), ("the command, a new process", command)):
        cached, uncached = [], []
        for _ in range(2):
            started = time.perf_counter()
            run(db)
            cached.append(time.perf_counter() - started)
            fresh = tmp / "uncached-run.db"
            shutil.copy(bare, fresh)  # the command writes the records back: start uncached each time
            started = time.perf_counter()
            run(fresh)
            uncached.append(time.perf_counter() - started)
        rows.append((how, min(cached), min(uncached)))
    return story.id, story.articles, rows


def synthetic(articles: list[Article], n: int) -> list[Article]:
    """``n`` distinct articles from the data: round k of the data rotates each text's paragraphs
    by k (and numbers the text, so every text is new), gives it the id ``id~k`` and shifts its
    date by k days; rounds follow each other, articles keep the data's order within a round."""
    out: list[Article] = []
    k = 0
    while len(out) < n:
        for a in articles:
            paragraphs = a.text.split("\n\n")
            r = k % len(paragraphs)
            text = "\n\n".join(paragraphs[r:] + paragraphs[:r]) + f"\n\n({k})"
            date = a.date + dt.timedelta(days=k) if a.date else None
            out.append(replace(a, id=f"{a.id}~{k}", text=text, date=date, url=None, boilerplate=()))
            if len(out) == n:
                break
        k += 1
    return out


def growth(articles: list[Article], sizes: list[int]) -> list[tuple[str, int, float]]:
    """The store's cost per article (one story per article) for the last 1,000 articles of a
    store of each size: flat when indexes and FTS5 keep their cost per article bounded."""
    rows = []
    for size in sizes:
        stream = synthetic(articles, size)
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "grow.db") as store:
            with Adder(store, clusterer=OneStoryEach()) as adder:  # type: ignore[arg-type]
                for article in stream[:-1000]:
                    adder.add(article)
                adder.commit()
                started = time.perf_counter()
                for article in stream[-1000:]:
                    adder.add(article)
                adder.commit()
                seconds = time.perf_counter() - started
            rows.append((f"store only: the last 1,000 of {size:,} (synthetic stream)", 1000, seconds))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=3000, help="articles added (default 3000)")
    parser.add_argument(
        "--analysis-limit", type=int, default=200, help="articles added with analysis (default 200; 0: skip)"
    )
    parser.add_argument(
        "--growth",
        default="",
        help="store sizes for the cost per article as the store grows, e.g. 10000,50000 (default: skip)",
    )
    args = parser.parse_args()

    started = time.perf_counter()
    loaded = load([args.data / name for name in FILES])
    load_s = time.perf_counter() - started
    articles = list(loaded.articles[: args.limit])
    n_loaded = len(loaded.articles)
    words = sum(len(a.text.split()) for a in articles) / len(articles)

    rows: list[tuple[str, int, float]] = [("load (JSONL to articles; the floor)", n_loaded, load_s)]
    with tempfile.TemporaryDirectory() as tmp:
        store_s = timed_add(articles, Path(tmp) / "store.db", clusterer=OneStoryEach())
        rows.append(("add, store only (one story per article)", len(articles), store_s))
        db = Path(tmp) / "add.db"
        add_s = timed_add(articles, db)
        rows.append(("add (online clusterer + store)", len(articles), add_s))
        again_s = timed_add(articles, db)
        rows.append(("add again (every article a duplicate)", len(articles), again_s))
        briefs = None
        size = db.stat().st_size + sum(p.stat().st_size for p in Path(tmp).glob("add.db-*") if p.is_file())
        few = articles[: args.analysis_limit]
        if few:
            analysis_s = timed_add(few, Path(tmp) / "analysis.db", analyse=True)
            rows.append(("add with analysis (clusterer + store + ArticleAnalysis cached)", len(few), analysis_s))
            briefs = brief_times(Path(tmp) / "analysis.db", Path(tmp))
        with Store(db) as store:
            stories = store.count_stories()

    print(f"## Store: `add` speed (bench/store.py), {dt.date.today()}, {os.cpu_count()} cores\n")
    print(
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}. Data: {', '.join(FILES)} "
        f"({n_loaded} articles read; the first {len(articles)} added, {words:.0f} words each on average).\n"
    )
    if args.growth:
        sizes = [int(n) for n in args.growth.split(",") if n.strip()]
        rows += growth(list(loaded.articles), sizes)
    print("| what | articles | seconds | articles/s |")
    print("|---|---:|---:|---:|")
    for name, n, seconds in rows:
        print(f"| {name} | {n} | {seconds:.2f} | {n / seconds:,.0f} |")
    print(
        f"\nStore file: {size / len(articles) / 1024:.1f} KiB per article (text, FTS5 index, rows); {stories} stories."
    )
    if briefs is not None:
        story_id, n, times = briefs
        print(f"\n`brief --story {story_id}` ({n} articles, the largest story of the analysis store), best of 2:\n")
        print("| how | from the cached records (s) | uncached (s) | uncached / cached |")
        print("|---|---:|---:|---:|")
        for how, cached_s, uncached_s in times:
            print(f"| {how} | {cached_s:.2f} | {uncached_s:.2f} | {uncached_s / cached_s:.1f}x |")


if __name__ == "__main__":
    main()
