"""Quote line-up: quality on copies with known changes, and speed, against baselines.

Usage: python bench/quote_lineup.py [DATA_DIR] [--stories N] [--seed S]

DATA_DIR defaults to ../shared/data relative to the repository. Quoted words come from the
PolNeAR attributions (polnear_dev.jsonl): every run of words between double quotation marks
inside an annotated content span, with the annotated source as speaker.

1. Synthetic stories with a known answer: each story takes 30 real quotations; 100 articles
   each carry 10 of them, every copy changed in a known way (verbatim, case/punctuation only,
   an excerpt, one word changed, one word dropped, an excerpt with a changed word, or split in two
   pieces). Measured: pairwise precision/recall of the grouping (two copies in one Quote <=> the
   same quotation), and per copy whether the word diff is non-empty exactly for the copies with a
   changed or dropped word. Baselines in the same process: grouping by identical normalised
   wording, and all-pairs rapidfuzz ``partial_ratio`` >= 90 with union-find (no blocking).
2. The real dev set as one pile (84 articles from 7 outlets, one month of the 2016 campaign):
   how many quotations several outlets carry, and how long it takes.

Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz.fuzz import partial_ratio
from rich.progress import Progress

from newsfuse.brief.quotes import POSSIBLE_MISQUOTE, line_up_quotes
from newsfuse.brief.worddiff import tokenize
from newsfuse.model import Article, QuoteSpan

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
FILE = "polnear_dev.jsonl"
QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")
POOL, ARTICLES, PER_ARTICLE = 30, 100, 10
CHANGES = ("verbatim", "case", "excerpt", "word", "drop", "excerpt+word", "split")
CHANGED = {"word", "drop", "excerpt+word"}  # copies whose wording differs inside the quote
MIN_WORDS = 8  # quotations used for the synthetic stories: long enough to excerpt and change

Grouper = Callable[[Sequence[Article], Sequence[QuoteSpan]], list[list[QuoteSpan]]]


def load(data: Path) -> tuple[list[Article], list[QuoteSpan]]:
    path = data / FILE
    if not path.is_file():
        raise SystemExit(f"{path}: not found (pass the shared data folder as the first argument)")
    articles: list[Article] = []
    spans: list[QuoteSpan] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            a = Article(id=record["id"], text=record["text"], outlet=record["outlet"])
            articles.append(a)
            for at in record["attributions"]:
                if at["quote"] == "none":
                    continue
                speaker = at["source"]["text"] if at["source"] else None
                for s, e in at["content"]["ranges"]:
                    for m in QUOTED.finditer(a.text, s, e):
                        words = m.group(1).strip()
                        if tokenize(words):
                            start = a.text.index(words, m.start())
                            spans.append(QuoteSpan(a.id, start, start + len(words), words, speaker=speaker))
    return articles, spans


def change(words: list[str], how: str, rng: random.Random) -> list[list[str]]:
    """A copy of ``words`` changed in the way named (pieces: more than one for a split copy)."""
    n = len(words)
    if how == "case":
        return [[w.upper() if rng.random() < 0.3 else w.strip(",.;:") for w in words]]
    if how in ("excerpt", "excerpt+word"):
        size = rng.randint(max(4, n // 3), n - 1)
        first = rng.randint(0, n - size)
        words = words[first : first + size]
    # Change or drop a real word (not a lone dash), inside the quote for a drop.
    real = [i for i, w in enumerate(words) if tokenize(w)]
    if how in ("word", "excerpt+word") and real:
        i = rng.choice(real)
        words = words[:i] + ["zyzzyva"] + words[i + 1 :]
    if how == "drop":
        i = rng.choice(real[1:-1])
        words = words[:i] + words[i + 1 :]
    if how == "split":
        cut = rng.randint(3, n - 3)
        return [words[:cut], words[cut:]]
    return [words]


def synthetic(pool: list[QuoteSpan], rng: random.Random, story: int):
    """One story: articles, their spans, and per span (true quotation, change made)."""
    chosen = rng.sample(pool, POOL)
    articles: list[Article] = []
    spans: list[QuoteSpan] = []
    truth: dict[tuple[str, int], tuple[int, str]] = {}
    for i in range(ARTICLES):
        aid = f"s{story}-a{i}"
        text = ""
        found: list[tuple[int, int, str, int, str]] = []
        for q in rng.sample(range(POOL), PER_ARTICLE):
            how = rng.choice(CHANGES)
            for piece in change(chosen[q].text.split(), how, rng):
                words = " ".join(piece)
                text += '"'
                found.append((len(text), len(text) + len(words), words, q, how))
                text += f'{words}," said {chosen[q].speaker or "someone"}. '
        articles.append(Article(id=aid, text=text, outlet=f"outlet{i % 40}"))
        for s, e, words, q, how in found:
            spans.append(QuoteSpan(aid, s, e, words, speaker=chosen[q].speaker))
            truth[(aid, s)] = (q, how)
    return articles, spans, truth


def distinct(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """One span per quotation: drop spans whose words lie inside another kept span's words."""
    kept: list[QuoteSpan] = []
    seen: list[str] = []
    for s in sorted(spans, key=lambda s: -len(s.text)):
        norm = " " + " ".join(t.norm for t in tokenize(s.text)) + " "
        if not any(norm in other for other in seen):
            kept.append(s)
            seen.append(norm)
    return kept


def newsfuse_groups(articles: Sequence[Article], spans: Sequence[QuoteSpan]) -> list[list[QuoteSpan]]:
    by_key = {(s.article, s.start): s for s in spans}
    groups = []
    for q in line_up_quotes(articles, spans):
        group = []
        for c in q.carried_by:
            for p in c.parts or [c]:
                group.append(by_key[(c.article, p.start)])
        groups.append(group)
    return groups


def exact_groups(articles: Sequence[Article], spans: Sequence[QuoteSpan]) -> list[list[QuoteSpan]]:
    groups: dict[tuple[str, ...], list[QuoteSpan]] = defaultdict(list)
    for s in spans:
        groups[tuple(t.norm for t in tokenize(s.text))].append(s)
    return list(groups.values())


def all_pairs_groups(articles: Sequence[Article], spans: Sequence[QuoteSpan]) -> list[list[QuoteSpan]]:
    texts = [" ".join(t.norm for t in tokenize(s.text)) for s in spans]
    parent = list(range(len(spans)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(spans)), 2):
        if partial_ratio(texts[i], texts[j], score_cutoff=90):
            parent[root(i)] = root(j)
    groups: dict[int, list[QuoteSpan]] = defaultdict(list)
    for i, s in enumerate(spans):
        groups[root(i)].append(s)
    return list(groups.values())


def pair_scores(groups: list[list[QuoteSpan]], truth: dict[tuple[str, int], tuple[int, str]]) -> tuple[int, int, int]:
    """(true positive pairs, predicted pairs, gold pairs) over copies from different articles."""
    label = {}
    for g, group in enumerate(groups):
        for s in group:
            label[(s.article, s.start)] = g
    keys = list(truth)
    tp = pred = gold = 0
    for a, b in itertools.combinations(keys, 2):
        if a[0] == b[0]:
            continue
        same_true = truth[a][0] == truth[b][0]
        same_pred = a in label and label[a] == label.get(b)
        tp += same_true and same_pred
        pred += same_pred
        gold += same_true
    return tp, pred, gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--stories", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    articles, spans = load(args.data)
    pool = distinct([s for s in spans if len(s.text.split()) >= MIN_WORDS])
    rng = random.Random(args.seed)
    methods: dict[str, Grouper] = {
        "newsfuse line_up_quotes": newsfuse_groups,
        "exact normalised wording": exact_groups,
        "all-pairs partial_ratio>=90": all_pairs_groups,
    }
    totals = {name: [0, 0, 0, 0.0] for name in methods}
    flag_tp = flag_fp = flag_fn = 0
    with Progress(transient=True) as progress:
        task = progress.add_task("synthetic stories", total=args.stories * len(methods))
        for story in range(args.stories):
            arts, story_spans, truth = synthetic(pool, rng, story)
            for name, method in methods.items():
                begin = time.perf_counter()
                groups = method(arts, story_spans)
                totals[name][3] += time.perf_counter() - begin
                tp, pred, gold = pair_scores(groups, truth)
                totals[name][0] += tp
                totals[name][1] += pred
                totals[name][2] += gold
                progress.advance(task)
            for q in line_up_quotes(arts, story_spans):
                for c in q.carried_by:
                    changed = any(truth[(c.article, p.start)][1] in CHANGED for p in c.parts or [c])
                    flag_tp += bool(c.diff) and changed
                    flag_fp += bool(c.diff) and not changed
                    flag_fn += not c.diff and changed
    print(f"## Quote line-up (bench/quote_lineup.py), run {dt.date.today()}, os.cpu_count() {os.cpu_count()}\n")
    print(f"Command: `python bench/quote_lineup.py --stories {args.stories} --seed {args.seed}`\n")
    print(
        f"Synthetic stories: {args.stories} x {ARTICLES} articles x {PER_ARTICLE} quotations "
        f"(pool of {POOL} real PolNeAR quotations of >= {MIN_WORDS} words per story; "
        f"copies {', '.join(CHANGES)}, equally likely).\n"
    )
    print("| method | pair precision | pair recall | seconds per story | time vs newsfuse |")
    print("|---|---|---|---|---|")
    ours = totals["newsfuse line_up_quotes"][3]
    for name, (tp, pred, gold, secs) in totals.items():
        print(
            f"| {name} | {tp / max(pred, 1):.3f} | {tp / max(gold, 1):.3f} | "
            f"{secs / args.stories:.3f} | {secs / ours:.1f}x |"
        )
    print(
        f"\nWord diff on the carriers with a changed or dropped word: precision "
        f"{flag_tp / max(flag_tp + flag_fp, 1):.3f}, recall {flag_tp / max(flag_tp + flag_fn, 1):.3f} "
        f"({flag_tp + flag_fn} changed carriers).\n"
    )
    begin = time.perf_counter()
    quotes = line_up_quotes(articles, spans)
    secs = time.perf_counter() - begin
    shared = [q for q in quotes if len({c.outlet for c in q.carried_by}) > 1]
    flagged = [q for q in shared if POSSIBLE_MISQUOTE in q.flags]
    print(
        f"Real dev set as one pile: {len(articles)} articles, {len(spans)} quoted runs -> {len(quotes)} "
        f"quotations in {secs:.3f} s; {len(shared)} carried by 2+ outlets, {len(flagged)} of them "
        f"flagged possible_misquote.\n"
    )
    for q in flagged + [q for q in shared if q not in flagged][: max(0, 8 - len(flagged))]:
        outlets = ", ".join(sorted({c.outlet for c in q.carried_by}))
        diffs = "; ".join(f"{d.fullest!r}->{d.here!r}" for c in q.carried_by for d in c.diff)
        print(f'- {q.speaker}: "{q.text[:90]}" ({outlets}) {diffs}')


if __name__ == "__main__":
    main()
