"""Entities and facts: speed per article, and how well people merge across outlets (BASIL).

Usage: python bench/entities_speed.py [DATA_DIR] [--limit N]

DATA_DIR defaults to ../shared/data relative to the repository. Reads basil_dev.jsonl
(50 events x 3 outlets).

1. Speed: articles per second for the spaCy parse (``load_nlp()``, one call per article, as
   the pipeline does) and, separately, for our work on the parsed docs: ``extract_entities``
   + ``extract_facts`` per article, ``merge_entities`` + ``compare`` per event.
2. People across outlets: BASIL names each event's main entities. For every main entity that
   is a person's full name (two or more capitalised words), we count how many entities of the
   event carry that surname (1 is ideal: one person, one entry) and whether the canonical name
   is the gold full name. Baseline in the same process: spaCy's PERSON spans grouped by their
   exact text (what one gets without merging).
3. What compare finds on the 50 events: facts stated by 2+ outlets, disagreements by kind
   (``--show`` lists each one with its wordings, to read them: there is no gold list, and
   every disagreement on BASIL so far has been a false one).
4. With ``--stories``: the same count on the Multi-News and NeuS stories of stories_dev.jsonl
   (607 stories less BASIL's 50; outlets unknown, so each article stands for its own outlet).

Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

from rich.progress import Progress

from newsfuse.analysis.entities import extract_entities
from newsfuse.analysis.facts import extract_facts
from newsfuse.analysis.nlp import load_nlp
from newsfuse.brief.compare import compare
from newsfuse.brief.entities import merge_entities
from newsfuse.model import Article, Disagreement

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"


def read_basil(path: Path, limit: int | None) -> list[tuple[Article, str, list[str]]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            date = dt.date.fromisoformat(r["date"]) if r.get("date") else None
            article = Article(id=r["id"], text=r["text"], outlet=r["outlet"], title=r.get("title"), date=date)
            rows.append((article, r["event_id"], list(r.get("main_entities") or [])))
    return rows[:limit] if limit else rows


def is_full_name(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--show", action="store_true", help="list every disagreement with its wordings")
    parser.add_argument("--stories", action="store_true", help="also count disagreements on Multi-News and NeuS")
    args = parser.parse_args()
    rows = read_basil(Path(args.data) / "basil_dev.jsonl", args.limit)

    nlp = load_nlp()
    nlp("Warm up the pipeline once.")
    docs = {}
    parse_s = ours_s = 0.0
    mentions, facts = {}, {}
    with Progress() as progress:
        task = progress.add_task("articles", total=len(rows))
        for article, _, _ in rows:
            t0 = time.perf_counter()
            doc = nlp(article.text)
            t1 = time.perf_counter()
            mentions[article.id] = extract_entities(article, doc)
            facts[article.id] = extract_facts(article, doc)
            t2 = time.perf_counter()
            parse_s += t1 - t0
            ours_s += t2 - t1
            docs[article.id] = doc
            progress.advance(task)

    events: dict[str, list[Article]] = defaultdict(list)
    gold: dict[str, set[str]] = defaultdict(set)
    for article, event, main in rows:
        events[event].append(article)
        gold[event].update(m for m in main if is_full_name(m))

    merge_s = 0.0
    clusters_ours: list[int] = []
    clusters_base: list[int] = []
    exact = 0
    multi_outlet = 0
    kinds: Counter[str] = Counter()
    shown: list[Disagreement] = []
    for event, articles in events.items():
        t0 = time.perf_counter()
        entities = merge_entities(articles, {a.id: mentions[a.id] for a in articles})
        event_facts, disagreements = compare(articles, entities, {a.id: facts[a.id] for a in articles})
        merge_s += time.perf_counter() - t0
        multi_outlet += sum(1 for f in event_facts if len({m.outlet for m in f.mentions}) >= 2)
        kinds.update(d.kind for d in disagreements)
        shown.extend(disagreements)
        base_names = {e.text for a in articles for e in docs[a.id].ents if e.label_ == "PERSON"}
        for name in gold[event]:
            surname = name.split()[-1].lower()
            ours = [e for e in entities if e.kind == "person" and surname in e.name.lower().split()]
            base = [n for n in base_names if surname in n.lower().replace("'s", "").replace("’s", "").split()]  # noqa: RUF001
            clusters_ours.append(len(ours))
            clusters_base.append(len(base))
            exact += any(e.name.lower() == name.lower() for e in ours)

    n = len(rows)
    total_ours = ours_s + merge_s
    people = len(clusters_ours)
    print(f"## Entities and facts (bench/entities_speed.py), run {dt.date.today()}, os.cpu_count() {os.cpu_count()}\n")
    flags = (f" --limit {args.limit}" if args.limit else "") + (" --show" if args.show else "")
    flags += " --stories" if args.stories else ""
    print(f"Command: `python bench/entities_speed.py{flags}`\n")
    print(f"BASIL dev: {n} articles, {len(events)} events.\n")
    print("| stage | seconds | articles per second | time vs spaCy parse |")
    print("|---|---|---|---|")
    print(f"| spaCy parse (baseline) | {parse_s:.2f} | {n / parse_s:.0f} | 1.00x |")
    print(f"| extract_entities + extract_facts | {ours_s:.2f} | {n / ours_s:.0f} | {ours_s / parse_s:.2f}x |")
    print(f"| merge_entities + compare (per event) | {merge_s:.2f} | {n / merge_s:.0f} | {merge_s / parse_s:.2f}x |")
    print(f"| all of ours | {total_ours:.2f} | {n / total_ours:.0f} | {total_ours / parse_s:.2f}x |\n")
    print(f"Main people (BASIL main entities with a full name): {people} (event, person) pairs.\n")
    print("| method | entries per person (ideal 1.00) | persons in exactly one entry | canonical = gold name |")
    print("|---|---|---|---|")
    one_ours = sum(1 for c in clusters_ours if c == 1)
    one_base = sum(1 for c in clusters_base if c == 1)
    print(
        f"| newsfuse merge_entities | {sum(clusters_ours) / people:.2f} | {one_ours / people:.2f} | "
        f"{exact / people:.2f} |"
    )
    print(
        f"| spaCy PERSON texts, exact (baseline) | {sum(clusters_base) / people:.2f} | {one_base / people:.2f} | - |\n"
    )
    print(f"compare on the {len(events)} events: {multi_outlet} facts stated by 2+ outlets; ", end="")
    print(f"disagreements: {sum(kinds.values())} ({_by_kind(kinds)})")
    if args.show:
        _show(shown)
    if args.stories:
        _other_stories(Path(args.data) / "stories_dev.jsonl", args.limit, args.show)


def _by_kind(kinds: Counter[str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none"


def _show(disagreements: list[Disagreement]) -> None:
    print()
    for d in disagreements:
        print(f"- {d.kind} | {d.subject} | {d.note}")
        for value, mentions in d.values:
            for m in mentions:
                print(f"  - [{value}] {m.outlet}: `{m.wording}` in: {m.text[:160]!r}")


def _other_stories(path: Path, limit: int | None, show: bool) -> None:
    """Disagreements on the Multi-News and NeuS stories (each article its own outlet)."""
    stories: dict[str, list[Article]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("collection") == "basil":
                continue
            stories[r["story"]].append(Article(id=r["id"], text=r["text"], outlet=r["id"], title=r.get("title")))
    items = [(sid, arts) for sid, arts in stories.items() if len(arts) >= 2][: limit or None]
    nlp = load_nlp()
    kinds: Counter[str] = Counter()
    found: list[Disagreement] = []
    with Progress() as progress:
        task = progress.add_task("stories", total=len(items))
        for _, articles in items:
            docs = list(nlp.pipe(a.text for a in articles))
            mentions = {a.id: extract_entities(a, d) for a, d in zip(articles, docs, strict=True)}
            facts = {a.id: extract_facts(a, d) for a, d in zip(articles, docs, strict=True)}
            _, disagreements = compare(articles, merge_entities(articles, mentions), facts)
            kinds.update(d.kind for d in disagreements)
            found.extend(disagreements)
            progress.advance(task)
    print(f"\nMulti-News + NeuS ({len(items)} stories of 2+ articles): disagreements: ", end="")
    print(f"{sum(kinds.values())} ({_by_kind(kinds)})")
    if show:
        _show(found)


if __name__ == "__main__":
    main()
