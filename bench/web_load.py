"""Web: latency of `newsfuse serve` under load on the loopback.

Usage: python bench/web_load.py [--requests 2000] [--clients 20] [--stories 10] [--db PATH] [DATA]

Fills a store (default: a temporary file; ``--db`` keeps and reuses one) with the pile DATA
(default ../shared/data/stories_dev.jsonl) through the store's library, as ``newsfuse cluster
--jsonl DATA --db`` does; starts ``newsfuse serve`` on a free loopback port in its own process;
views the ``--stories`` newest stories with two or more articles once each (the first view
briefs the story: timed apart, it is what a reader waits for once per story); then sends
``--requests`` GETs from ``--clients`` concurrent clients (httpx, asyncio), cycling through the
story pages of those stories, the stories list (pages 1-3), and a search. Prints a Markdown
section for bench/RESULTS.md: p50/p95/max per kind of page, errors, requests per second.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from newsfuse.store import Store
from newsfuse.stories.batch import BatchCounts, cluster_lines, read_stream
from newsfuse.stories.collect import Adder

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "stories_dev.jsonl"


def fill(db: Path, data: Path) -> tuple[int, int, float]:
    started = time.monotonic()
    with Store(db) as store:
        if store.count_articles() == 0:
            counts = BatchCounts()
            with Adder(store) as adder:
                for _ in cluster_lines(read_stream(data), adder, counts):
                    pass
        return store.count_articles(), store.count_stories(), time.monotonic() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


async def load(base: str, urls: list[tuple[str, str]], clients: int) -> tuple[dict[str, list[float]], int, float]:
    times: dict[str, list[float]] = {}
    errors = 0
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in urls:
        queue.put_nowait(item)

    async def client() -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            while not queue.empty():
                kind, url = queue.get_nowait()
                t = time.perf_counter()
                try:
                    r = await http.get(url)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                times.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
                errors += not ok

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return times, errors, time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--stories", type=int, default=10)
    ap.add_argument("--db", type=Path)
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "web.db"
    articles, stories, fill_s = fill(db, args.data)
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM stories WHERE articles >= 2 ORDER BY last_seen DESC, updated DESC, rowid DESC LIMIT ?",
            (args.stories,),
        )
    ]
    conn.close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "newsfuse.cli", "serve", "--db", str(db), "--port", str(port)],
        cwd=REPO,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api/stories", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        first = []
        for sid in ids:
            t = time.perf_counter()
            assert httpx.get(f"{base}/story/{sid}", timeout=300).status_code == 200
            first.append((time.perf_counter() - t) * 1000)
        pages = [("story", f"/story/{sid}") for sid in ids]
        pages += [("stories", "/"), ("stories", "/?page=2"), ("stories", "/?page=3"), ("search", "/?q=president")]
        urls = [pages[i % len(pages)] for i in range(args.requests)]
        times, errors, seconds = asyncio.run(load(base, urls, args.clients))
    finally:
        server.terminate()
        server.wait(10)
    everything = [t for ts in times.values() for t in ts]
    print(f"## Web: `newsfuse serve` under load ({dt.date.today().isoformat()})\n")
    print(
        f"    python bench/web_load.py --requests {args.requests} --clients {args.clients} --stories {args.stories}"
        f" {args.data if args.data != DEFAULT_DATA else ''}".rstrip()
    )
    print(
        f"    {platform.platform()}, os.cpu_count() = {os.cpu_count()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}. Store: {articles} articles, {stories} stories "
        f"(filled in {fill_s:.0f} s{'' if fill_s > 1 else ', reused'}); server and clients on the loopback, "
        "one uvicorn process."
    )
    print()
    print(
        f"First view of a story (briefs it: its articles are read): median {statistics.median(first):,.0f} ms, "
        f"max {max(first):,.0f} ms over {len(first)} stories.\n"
    )
    print("| page | requests | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for kind in ("story", "stories", "search"):
        ts = times.get(kind, [])
        if ts:
            print(f"| {kind} | {len(ts)} | {pct(ts, 50):.1f} | {pct(ts, 95):.1f} | {max(ts):.1f} |")
    print(
        f"| all | {len(everything)} | {pct(everything, 50):.1f} | {pct(everything, 95):.1f} | {max(everything):.1f} |"
    )
    print(
        f"\nErrors: {errors} of {len(everything)}; {len(everything) / seconds:,.0f} requests/s "
        f"with {args.clients} clients."
    )


if __name__ == "__main__":
    main()
