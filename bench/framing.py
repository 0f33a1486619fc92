"""Loaded wording on BASIL: detection of lexical-bias spans outside quotations, against baselines.

    python bench/framing.py ../shared/data            # score both halves, per-outlet counts
    python bench/framing.py ../shared/data --fit      # fit the weights on the dev half (prints them)
    python bench/framing.py ../shared/data --speed    # framing's share of a 5-article brief (seeds)

``basil_dev.jsonl`` (see its README) holds 150 articles (50 events x 3 outlets) with expert
lexical-bias spans; spans inside quotations are marked and are not the outlet's. The articles are
split by event: an event whose id's SHA-1 is even is in the **dev** half (every choice of
newsfuse/analysis/framing.py was made on it: features, fitted weights, threshold), the rest is
**held out** (reported, not read).

Scoring (same for every method): words are runs of letters and digits; a word is gold when it
overlaps a lexical-bias span outside quotations; words that overlap a lexical span inside a
quotation are left out of the count (neither found nor missed). Token precision, recall and F1
are over all words of the half; sentence F1 counts a sentence (newsfuse's splitter) positive when
it holds a gold word, and found when a method marks one of its words. Every method, baselines
included, drops what lies inside the quotations our quotation finder reads (the task is the
outlet's words); the baselines are a published lexicon (AFINN-165: every word with a valence;
Pattern's subjectivity lexicon: every adjective with subjectivity >= 0.5) and every adjective
(spaCy's tagger).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsfuse.analysis.framing import (  # noqa: E402
    FEATURES,
    THRESHOLD,
    candidates,
    find_framing,
    headline_literal,
    quoted_ranges,
    token_features,
)
from newsfuse.analysis.nlp import load_nlp  # noqa: E402
from newsfuse.analysis.quotes import extract_quotes  # noqa: E402
from newsfuse.analysis.sentences import split_sentences  # noqa: E402
from newsfuse.lexicon import afinn_valence, subjective_adjectives, word_count  # noqa: E402
from newsfuse.model import Article, SpanKind  # noqa: E402

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def half(event_id: str) -> str:
    return "dev" if int(hashlib.sha1(event_id.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


class Item:
    """One BASIL article, parsed, with its words and their gold labels."""

    def __init__(self, record: dict, doc) -> None:
        self.record = record
        self.text = record["text"]
        self.article = Article(id=record["id"], text=self.text, outlet=record["outlet"], title=record.get("title"))
        self.doc = doc
        self.quotes = extract_quotes(self.article, doc)
        self.spoken, self.scare = quoted_ranges(self.text, self.quotes)
        self.words = [(m.start(), m.end()) for m in WORD.finditer(self.text)]
        lex = [s for s in record["spans"] if s["kind"] == "lex"]
        self.gold = {
            i
            for i, (a, b) in enumerate(self.words)
            if any(s["start"] < b and a < s["end"] for s in lex if not s["quote"])
        }
        self.ignored = {
            i for i, (a, b) in enumerate(self.words) if any(s["start"] < b and a < s["end"] for s in lex if s["quote"])
        } - self.gold
        self.gold_spans = sum(1 for s in lex if not s["quote"])
        self.sentences = [(s.start, s.end) for s in split_sentences(self.text)]

    def in_speech(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b, _ in self.spoken)

    def marked(self, ranges: list[tuple[int, int]]) -> set[int]:
        return {i for i, (a, b) in enumerate(self.words) if any(s < b and a < e for s, e in ranges)}


def load(data: Path) -> list[Item]:
    records = [json.loads(line) for line in (data / "basil_dev.jsonl").open(encoding="utf-8")]
    docs = load_nlp().pipe((r["text"] for r in records), batch_size=16)
    return [Item(r, d) for r, d in zip(records, docs, strict=True)]


# --- methods: each returns the character ranges it marks, quotations already left out -------------


def ours(item: Item) -> list[tuple[int, int]]:
    return [(r.start, r.end) for r in find_framing(item.article, item.doc, item.quotes) if r.kind == SpanKind.FRAMING]


def afinn(item: Item) -> list[tuple[int, int]]:
    valence = afinn_valence()
    out = []
    for t in item.doc:
        if (valence.get(t.lower_) or valence.get(t.lemma_.lower())) and not item.in_speech(t.idx, t.idx + len(t)):
            out.append((t.idx, t.idx + len(t)))
    return out


def pattern_subjective(item: Item) -> list[tuple[int, int]]:
    adjectives = subjective_adjectives()
    return [
        (t.idx, t.idx + len(t))
        for t in item.doc
        if t.pos_ == "ADJ"
        and adjectives.get(t.lower_, (0.0, 0.0))[0] >= 0.5
        and not item.in_speech(t.idx, t.idx + len(t))
    ]


def every_adjective(item: Item) -> list[tuple[int, int]]:
    return [(t.idx, t.idx + len(t)) for t in item.doc if t.pos_ == "ADJ" and not item.in_speech(t.idx, t.idx + len(t))]


METHODS = {
    "newsfuse": ours,
    "lexicon: AFINN-165": afinn,
    "lexicon: Pattern subjective adj": pattern_subjective,
    "every adjective": every_adjective,
}


def score(items: list[Item], method) -> dict[str, float]:
    tp = fp = fn = 0
    stp = sfp = sfn = 0
    for item in items:
        found = item.marked(method(item)) - item.ignored
        tp += len(found & item.gold)
        fp += len(found - item.gold)
        fn += len(item.gold - found)
        for a, b in item.sentences:
            idx = {i for i, (s, e) in enumerate(item.words) if a <= s and e <= b}
            g, f = bool(idx & item.gold), bool(idx & found)
            stp += g and f
            sfp += f and not g
            sfn += g and not f
    return {**_prf("tok", tp, fp, fn), **_prf("sent", stp, sfp, sfn)}


def _prf(prefix: str, tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{prefix}_p": p, f"{prefix}_r": r, f"{prefix}_f1": f}


def report(items: list[Item]) -> None:
    for name in ("dev", "heldout"):
        part = [i for i in items if half(i.record["event_id"]) == name]
        gold = sum(len(i.gold) for i in part)
        print(f"\n### {name} half: {len(part)} articles, {gold} gold words ({sum(i.gold_spans for i in part)} spans)\n")
        print("| method | token P | token R | token F1 | sentence P | sentence R | sentence F1 |")
        print("|---|---|---|---|---|---|---|")
        for label, method in METHODS.items():
            s = score(part, method)
            print(
                f"| {label} | {s['tok_p']:.3f} | {s['tok_r']:.3f} | {s['tok_f1']:.3f} "
                f"| {s['sent_p']:.3f} | {s['sent_r']:.3f} | {s['sent_f1']:.3f} |"
            )
    per_outlet(items)


def per_outlet(items: list[Item]) -> None:
    """Loaded spans found per 1,000 words, by outlet and by BASIL's stance, beside the experts'."""
    rows: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0])
    for item in items:
        words = len(item.words)
        found = len(ours(item))
        for key in (
            (item.record["outlet"], "all"),
            ("all", item.record["stance"]),
            (item.record["outlet"], item.record["stance"]),
        ):
            row = rows[key]
            row[0] += 1
            row[1] += words
            row[2] += found
            row[3] += item.gold_spans
    print("\n### Per outlet and BASIL stance (all 150 articles): spans per 1,000 words\n")
    print("| outlet | stance | articles | newsfuse | experts (lexical, outside quotes) |")
    print("|---|---|---|---|---|")
    for (outlet, stance), (n, words, found, gold) in sorted(rows.items()):
        print(f"| {outlet} | {stance} | {n} | {1000 * found / words:.2f} | {1000 * gold / words:.2f} |")
    xs = [len(ours(i)) / len(i.words) for i in items]
    ys = [i.gold_spans / len(i.words) for i in items]
    print(f"\nPer-article correlation (Pearson) of the two rates: {statistics.correlation(xs, ys):.3f}")


def fit(items: list[Item]) -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    dev = [i for i in items if half(i.record["event_id"]) == "dev"]
    rows, labels = [], []
    for item in dev:
        for t in candidates(item.doc):
            if item.in_speech(t.idx, t.idx + len(t)):
                continue
            hit = {i for i, (a, b) in enumerate(item.words) if a < t.idx + len(t) and t.idx < b}
            if hit & item.ignored:
                continue
            rows.append(token_features(t))
            labels.append(int(bool(hit & item.gold)))
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(np.array(rows), np.array(labels))
    print(f"{len(rows)} candidate words, {sum(labels)} gold")
    for name, w in zip(FEATURES, model.coef_[0], strict=True):
        print(f"  {name:18s} {w:+.3f}")
    print(f"  intercept          {model.intercept_[0]:+.3f}")
    print(
        "WEIGHTS =", tuple(round(float(w), 3) for w in model.coef_[0]), "BIAS =", round(float(model.intercept_[0]), 3)
    )
    import newsfuse.analysis.framing as framing

    framing.WEIGHTS = tuple(float(w) for w in model.coef_[0])
    framing.BIAS = float(model.intercept_[0])
    for threshold in (0.5, 0.6, 0.7, 0.75, 0.8, 0.82, 0.84, 0.86, 0.88, 0.9):
        framing.THRESHOLD = threshold
        s = score(dev, ours)
        token = f"token F1 {s['tok_f1']:.3f} (P {s['tok_p']:.3f} R {s['tok_r']:.3f})"
        print(f"  threshold {threshold:.2f}: {token}, sentence F1 {s['sent_f1']:.3f}")


def speed(seeds: Path, repeats: int) -> None:
    """Framing's share of a full brief of the 5 seed articles (parse and analysis included): the
    brief timed whole (framing included), and the framing steps timed alone on the same input
    (find_framing on each article's parse and headline_literal on its title, then the brief
    layer's line-up and summary choice)."""
    from newsfuse.analysis.record import analyse_articles
    from newsfuse.brief.analyse import _add_framing
    from newsfuse.brief.build import build_brief
    from newsfuse.ingest import load as load_inputs

    articles = load_inputs([seeds]).articles
    nlp = load_nlp()
    t0 = time.perf_counter()
    subjective_adjectives(), afinn_valence(), word_count("the")
    print(f"lexicons read once per process: {time.perf_counter() - t0:.3f} s (not counted below)")
    brief = build_brief(articles)  # warm up
    records = analyse_articles(articles, n_process=1)
    docs = list(nlp.pipe(a.text for a in articles))
    whole, alone = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        build_brief(articles)
        whole.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for a, d, r in zip(articles, docs, records, strict=True):
            find_framing(a, d, r.quotes)
            headline_literal(a, d, nlp)  # the title parsed when it holds a rated word
        _add_framing(brief, records)
        alone.append(time.perf_counter() - t0)
    w, f = statistics.median(whole), statistics.median(alone)
    when = f"{dt.datetime.now(dt.UTC).date()} on {os.cpu_count()} cores"
    print(f"{when}, {len(articles)} articles, {repeats} repeats, medians")
    print(f"full brief (with framing) {w:.3f} s; framing steps alone {f:.3f} s; brief without them {w - f:.3f} s")
    print(f"framing adds {100 * f / (w - f):.1f}% to the brief")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    if args.speed:
        speed(args.data.parent / "seeds" if (args.data.parent / "seeds").is_dir() else args.data, args.repeats)
        return
    print(f"{dt.datetime.now(dt.UTC).date()} on {os.cpu_count()} cores; threshold {THRESHOLD}")
    items = load(args.data)
    if args.fit:
        fit(items)
        return
    report(items)


if __name__ == "__main__":
    main()
