"""Ingest: speed of load() and iter_stories(), HTML extraction quality, boilerplate counts.

Usage: python bench/ingest_speed.py [DATA_DIR] [--pages N]

DATA_DIR defaults to ../shared/data relative to the repository (the seeds are read from
DATA_DIR/../seeds).

1. JSON Lines: ``load`` on every data file and ``iter_stories`` on the Multi-News stories,
   against a bare ``json.loads`` per line in the same process (the floor any reader pays).
2. HTML: N BASIL articles (title + paragraphs) are wrapped in a page with navigation, a
   share bar, a related-links box and a footer, written to a temporary folder and loaded with
   ``load``. Measured: pages per second against trafilatura's default ``extract`` (fallbacks
   on, metadata on) in the same process, and how many pages give back every source paragraph and none of
   the page furniture (a first paragraph that only repeats the headline excepted).
3. Boilerplate: spans found per collection, and on the seeds against the spans known by hand.

Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import html
import json
import tempfile
import time
from pathlib import Path

import trafilatura
from rich.progress import Progress

from newsfuse.ingest import iter_stories, load

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
JSONL_FILES = (
    "basil_dev.jsonl",
    "polnear_dev.jsonl",
    "neus_val.jsonl",
    "stories_dev.jsonl",
    "multinews_val250.jsonl",
)
#: Boilerplate known by hand in the seeds (file prefix -> number of spans); see tests/test_boilerplate.py.
SEED_SPANS = {"000": 0, "001": 2, "002": 0, "003": 2, "004": 3}
FURNITURE = ("Subscribe to the Evening Post", "Most read today", "All rights reserved")

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T08:00:00Z">
<link rel="canonical" href="https://www.{slug}.example.com/story/{n}"></head>
<body><header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a></nav>
<div class="promo">Subscribe to the Evening Post for $1 a week</div></header>
<main><article><h1>{title}</h1><div class="share"><a>Facebook</a> <a>Twitter</a> <a>Email</a></div>
{paragraphs}</article>
<aside><h3>Most read today</h3>
<ul><li><a href="/a">Storm hits coast</a></li><li><a href="/b">Rates rise</a></li></ul></aside>
</main><footer>Copyright 2024 {outlet}. All rights reserved.</footer></body></html>"""


def best_of(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_jsonl(data: Path, progress: Progress) -> list[str]:
    rows = [
        "| file | articles | problems | load (s) | json.loads (s) | ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    task = progress.add_task("JSONL", total=len(JSONL_FILES) + 1)
    for name in JSONL_FILES:
        path = data / name
        result = load([path])
        ours = best_of(lambda path=path: load([path]))
        floor = best_of(lambda path=path: [json.loads(x) for x in path.open(encoding="utf-8")])
        counts = f"| {name} | {len(result.articles)} | {len(result.problems)}"
        rows.append(f"{counts} | {ours:.3f} | {floor:.3f} | {ours / floor:.1f}x |")
        progress.advance(task)
    path = data / "multinews_val250.jsonl"
    stories = list(iter_stories(path))
    ours = best_of(lambda: list(iter_stories(path)))
    floor = best_of(lambda: [json.loads(x) for x in path.open(encoding="utf-8")])
    rows.append(
        f"| iter_stories(multinews_val250) | {sum(len(s.articles) for s in stories)}"
        f" in {len(stories)} stories | {sum(len(s.problems) for s in stories)}"
        f" | {ours:.3f} | {floor:.3f} | {ours / floor:.1f}x |"
    )
    progress.advance(task)
    return rows


def bench_html(data: Path, pages: int, progress: Progress) -> list[str]:
    records = [json.loads(x) for x in (data / "basil_dev.jsonl").open(encoding="utf-8")][:pages]
    task = progress.add_task("HTML", total=len(records))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        markups = []
        for n, rec in enumerate(records):
            paragraphs = [p.strip() for p in rec["text"].split("\n\n") if p.strip()]
            markup = PAGE.format(
                title=html.escape(rec["title"]),
                outlet=html.escape(rec["outlet"]),
                slug=rec["outlet"],
                date=rec["date"],
                n=n,
                paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
            )
            markups.append((markup, paragraphs))
            (folder / f"page{n:03d}.html").write_text(markup, encoding="utf-8")
        start = time.perf_counter()
        result = load([folder])
        ours = time.perf_counter() - start
        start = time.perf_counter()
        for markup, _ in markups:
            trafilatura.extract(markup, with_metadata=True)
            progress.advance(task)
        baseline = time.perf_counter() - start
    complete = clean = dated = 0
    for article, (_, paragraphs) in zip(result.articles, markups, strict=True):
        # A first paragraph that repeats the headline (a BASIL quirk) is dropped on purpose.
        complete += all(p in article.text for p in paragraphs if p != article.title)
        clean += not any(f in article.text for f in FURNITURE)
        dated += article.date is not None
    n = len(records)
    return [
        f"- {n} pages: load {ours:.2f} s ({n / ours:.0f} pages/s);"
        " trafilatura.extract (defaults, with metadata)"
        f" {baseline:.2f} s ({n / baseline:.0f} pages/s); ratio {ours / baseline:.2f}x",
        f"- every source paragraph kept: {complete}/{n}; no page furniture: {clean}/{n};"
        f" date found: {dated}/{n}; problems: {len(result.problems)}",
    ]


def bench_boilerplate(data: Path) -> list[str]:
    lines = ["| collection | articles | with boilerplate | spans |", "|---|---:|---:|---:|"]
    for name in JSONL_FILES:
        articles = load([data / name]).articles
        lines.append(
            f"| {name} | {len(articles)} | {sum(1 for a in articles if a.boilerplate)}"
            f" | {sum(len(a.boilerplate) for a in articles)} |"
        )
    seeds = data.parent / "seeds"
    if seeds.is_dir():
        found = {a.id[:3]: len(a.boilerplate) for a in load([seeds]).articles}
        hit = sum(min(found.get(k, 0), v) for k, v in SEED_SPANS.items())
        lines.append(
            f"\nSeeds: {sum(found.values())} spans found, {sum(SEED_SPANS.values())} known by hand,"
            f" {hit} matched in count per article (exact texts checked in tests/test_boilerplate.py)."
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pages", type=int, default=150)
    args = parser.parse_args()
    with Progress(transient=True) as progress:
        jsonl = bench_jsonl(args.data, progress)
        pages = bench_html(args.data, args.pages, progress)
    boiler = bench_boilerplate(args.data)
    print("## Ingest: load speed, HTML extraction, boilerplate\n")
    print(f"Command: `python bench/ingest_speed.py {args.data} --pages {args.pages}`\n")
    print("### JSON Lines (best of 3)\n")
    print("\n".join(jsonl))
    print("\n### Saved HTML pages (BASIL texts in a page with furniture)\n")
    print("\n".join(pages))
    print("\n### Boilerplate spans\n")
    print("\n".join(boiler))


if __name__ == "__main__":
    main()
