"""Shared copy (issue 9): passages found on planted copies, scored at the character level, against
two baselines in the same run; and what the step adds to a full brief.

**Planted copies.** From real articles of ``basil_dev.jsonl`` and ``multinews_val250.jsonl`` (at
least 250 words), each case takes a source article S and a filler article F of another story, and
writes a second outlet's version C: an intro of one or two of F's sentences (a different intro),
then runs of S's sentences (each run 2-6 sentences, in S's order) with F's sentences between them.
Light edits inside the copied runs: one word changed (a run in two), a sentence dropped (a run of
three or more, one in two), straight quotation marks for curly ones (one case in three). The
share of S's sentences copied is drawn from 0.15-0.8. Gold: the characters of S that C carries
(a dropped sentence is not carried) and the characters of C that come from S, each copied run a
span from its first to its last character. Everything is drawn from ``random.Random(SEED)``: the
same cases every run.

The articles are split in two halves by a hash of their id: **dev** (the constants of
``newsfuse/brief/shared_copy.py`` were tuned looking at it) and **test** (reported, not tuned on).
Scores are micro-averaged characters over both sides of every case: precision, recall, F1 of the
characters the detector puts in passages of the pair (S, C). The bar (issue 9): F1 >= 0.9 on cases
where at least 40 words are shared.

Baselines, same cases, same run: **exact n-grams** (runs of word 5-grams both carry, on one
diagonal without a gap: no edit tolerated), kept from 12 words; **difflib** (``SequenceMatcher``'s
matching blocks over the words, ``autojunk=False``), kept from 12 words.

**Speed.** Full briefs (``build_brief``, parse included) of examples/story and of the seeds
(``--seeds``), alternately with the step and with it replaced by a no-op (a hook here only), the
median of ``--repeat`` runs each, in one process.

    python bench/shared_copy.py [--data ../shared/data] [--seeds ../shared/seeds] [--cases 300] [--repeat 7]
                                [--no-speed | --speed-only]
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import hashlib
import json
import os
import platform
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsfuse.analysis.sentences import split_sentences  # noqa: E402
from newsfuse.brief import shared_copy  # noqa: E402
from newsfuse.brief.worddiff import tokenize  # noqa: E402
from newsfuse.model import Article  # noqa: E402

SEED = 20261127
MIN_WORDS = 250
BAR_WORDS = 40
BAR_F1 = 0.9
BASELINE_MIN_WORDS = 12

# Words put in for a changed word: common words of news prose (general English).
_SWAPS = ("said", "told", "new", "major", "local", "several", "recent", "senior", "former", "large", "early", "late")
_WORD = re.compile(r"[A-Za-z]{4,}")


@dataclass
class Case:
    source: Article
    copy: Article
    gold_source: list[tuple[int, int]]
    gold_copy: list[tuple[int, int]]
    shared_words: int


def _articles(data: Path) -> list[tuple[str, str, str]]:
    """(id, story, text) of every article of at least MIN_WORDS words."""
    out = []
    with (data / "basil_dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out.append((r["id"], "basil-" + r["event_id"], r["text"]))
    with (data / "multinews_val250.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            for a in r["articles"]:
                out.append((a["id"], "mn-" + r["id"], a["text"]))
    return [a for a in out if len(a[2].split()) >= MIN_WORDS]


def _half(article_id: str) -> str:
    return "dev" if hashlib.blake2b(article_id.encode(), digest_size=2).digest()[0] % 2 == 0 else "test"


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text) if len(text[s.start : s.end].split()) >= 3]


def _change_word(sentence: str, rng: random.Random) -> str:
    words = list(_WORD.finditer(sentence))
    if not words:
        return sentence
    m = rng.choice(words)
    new = rng.choice([w for w in _SWAPS if w != m.group().lower()])
    return sentence[: m.start()] + new + sentence[m.end() :]


def plant(pool: list[tuple[str, str, str]], n: int, rng: random.Random, heavy: bool = False) -> list[Case]:
    """``n`` planted cases; ``heavy``: a word changed in every copied sentence (not one a run in
    two), the harder set that shows what tolerance of edits buys."""
    cases = []
    while len(cases) < n:
        sid, sstory, stext = rng.choice(pool)
        fid, fstory, ftext = rng.choice(pool)
        if fstory == sstory:
            continue
        s_sents, f_sents = _sentences(stext), _sentences(ftext)
        if len(s_sents) < 6 or len(f_sents) < 6:
            continue
        share = rng.uniform(0.15, 0.8)
        want = max(2, round(share * len(s_sents)))
        runs: list[list[int]] = []
        k = rng.randrange(0, max(1, len(s_sents) - want))
        while want > 0 and k < len(s_sents):
            size = min(want, rng.randint(2, 6), len(s_sents) - k)
            runs.append(list(range(k, k + size)))
            want -= size
            k += size + rng.randint(1, 3)
        curly = rng.random() >= 1 / 3
        fillers = iter(f_sents)
        parts: list[tuple[str, int | None]] = []  # (text, run number or None)
        for _ in range(rng.randint(1, 2)):
            parts.append((next(fillers), None))
        kept_runs: list[list[int]] = []
        for r_no, run in enumerate(runs):
            run = list(run)
            if len(run) >= 3 and rng.random() < 0.5:
                run.pop(rng.randrange(1, len(run) - 1))  # a dropped sentence
            texts = [s_sents[i] for i in run]
            if heavy:
                texts = [_change_word(t, rng) for t in texts]
            elif rng.random() < 0.5:
                x = rng.randrange(len(texts))
                texts[x] = _change_word(texts[x], rng)
            if not curly:
                texts = [t.replace("“", '"').replace("”", '"') for t in texts]
            kept_runs.append(run)
            for t in texts:
                parts.append((t, r_no))
            for _ in range(rng.randint(1, 3)):
                f = next(fillers, None)
                if f is not None:
                    parts.append((f, None))
        # the copy's text and its gold spans
        text, gold_copy = "", []
        current: tuple[int, int, int] | None = None  # (run, start, end)
        for t, r_no in parts:
            start = len(text) + (1 if text else 0)
            text = text + (" " if text else "") + t
            if r_no is None:
                continue
            if current is not None and current[0] == r_no:
                current = (r_no, current[1], len(text))
            else:
                if current is not None:
                    gold_copy.append((current[1], current[2]))
                current = (r_no, start, len(text))
        if current is not None:
            gold_copy.append((current[1], current[2]))
        # gold in the source: runs of kept sentences (a dropped one splits its run)
        spans = _offsets(stext, s_sents)
        gold_source: list[tuple[int, int]] = []
        for run in kept_runs:
            prev = None
            for i in run:
                s, e = spans[i]
                if prev is not None and i == prev + 1 and gold_source:
                    gold_source[-1] = (gold_source[-1][0], e)
                else:
                    gold_source.append((s, e))
                prev = i
        shared_words = sum(len(s_sents[i].split()) for run in kept_runs for i in run)
        source = Article(id=f"s-{len(cases)}", text=stext, outlet="source")
        copy = Article(id=f"c-{len(cases)}", text=text, outlet="copy")
        cases.append(Case(source, copy, gold_source, gold_copy, shared_words))
    return cases


def _offsets(text: str, sents: list[str]) -> list[tuple[int, int]]:
    """Where each sentence of ``sents`` (cut from ``text`` in order) stands in ``text``."""
    out, at = [], 0
    for sent in sents:
        at = text.index(sent, at)
        out.append((at, at + len(sent)))
        at += len(sent)
    return out


# --- detectors: (source, copy) -> spans in the source, spans in the copy ---------------------------

Spans = list[tuple[int, int]]


def ours(source: Article, copy: Article) -> tuple[Spans, Spans]:
    pairs = shared_copy.find_shared_copy([source, copy])
    a_spans: Spans = []
    b_spans: Spans = []
    for p in pairs:
        for x in p.passages:
            src, cpy = (x.a, x.b) if x.a.article == source.id else (x.b, x.a)
            a_spans.append((src.start, src.end))
            b_spans.append((cpy.start, cpy.end))
    return a_spans, b_spans


def exact_ngrams(source: Article, copy: Article) -> tuple[Spans, Spans]:
    ta, tb = tokenize(source.text), tokenize(copy.text)
    n = shared_copy.SEED_WORDS
    grams: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(ta) - n + 1):
        grams.setdefault(tuple(t.norm for t in ta[i : i + n]), []).append(i)
    hits = set()
    for j in range(len(tb) - n + 1):
        for i in grams.get(tuple(t.norm for t in tb[j : j + n]), ()):
            hits.add((i, j))
    a_spans, b_spans = [], []
    for i, j in sorted(hits):
        if (i - 1, j - 1) in hits:
            continue  # not the start of a run
        k = 0
        while (i + k + 1, j + k + 1) in hits:
            k += 1
        length = k + n
        if length >= BASELINE_MIN_WORDS:
            a_spans.append((ta[i].start, ta[i + length - 1].end))
            b_spans.append((tb[j].start, tb[j + length - 1].end))
    return a_spans, b_spans


def difflib_blocks(source: Article, copy: Article) -> tuple[Spans, Spans]:
    ta, tb = tokenize(source.text), tokenize(copy.text)
    matcher = difflib.SequenceMatcher(None, [t.norm for t in ta], [t.norm for t in tb], autojunk=False)
    a_spans, b_spans = [], []
    for block in matcher.get_matching_blocks():
        if block.size >= BASELINE_MIN_WORDS:
            a_spans.append((ta[block.a].start, ta[block.a + block.size - 1].end))
            b_spans.append((tb[block.b].start, tb[block.b + block.size - 1].end))
    return a_spans, b_spans


DETECTORS: dict[str, Callable[[Article, Article], tuple[Spans, Spans]]] = {
    "shared_copy (ours)": ours,
    "exact 5-grams": exact_ngrams,
    "difflib blocks": difflib_blocks,
}


def _chars(spans: Spans) -> set[int]:
    return {c for s, e in spans for c in range(s, e)}


def score(cases: list[Case], detect: Callable[[Article, Article], tuple[Spans, Spans]]) -> dict[str, float]:
    tp = fp = fn = 0
    for case in cases:
        pa, pb = detect(case.source, case.copy)
        for pred, gold in ((_chars(pa), _chars(case.gold_source)), (_chars(pb), _chars(case.gold_copy))):
            tp += len(pred & gold)
            fp += len(pred - gold)
            fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


# --- speed -------------------------------------------------------------------------------------------


def _brief_seconds(articles: list[Article], repeat: int) -> dict[str, float]:
    """Median wall and CPU seconds of a full brief with the step and with it a no-op, runs
    alternating (CPU seconds of this process: the brief of 5 articles parses in process, and CPU
    time is less disturbed than wall time by other work on a shared machine)."""
    from newsfuse.brief.build import build_brief

    real = shared_copy.find_shared_copy
    times: dict[str, list[float]] = {"wall on": [], "wall off": [], "cpu on": [], "cpu off": []}
    build_brief(articles)  # warm up: the spaCy model loads once
    for _ in range(repeat):
        for on in (True, False):
            shared_copy.find_shared_copy = real if on else (lambda _articles: ())  # type: ignore[assignment]
            wall, cpu = time.perf_counter(), time.process_time()
            build_brief(articles)
            key = "on" if on else "off"
            times[f"wall {key}"].append(time.perf_counter() - wall)
            times[f"cpu {key}"].append(time.process_time() - cpu)
    shared_copy.find_shared_copy = real
    return {k: statistics.median(v) for k, v in times.items()}


def real_triples(data: Path) -> None:
    """BASIL's 50 events, three outlets each (NYT, Fox, HuffPost): the pairs claimed as shared
    copy, with the start of their longest passage of the outlets' own words, to read by eye
    (HuffPost and Fox often run wire copy, so a claim is not by itself a false copy)."""
    events: dict[str, list[Article]] = {}
    with (data / "basil_dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            art = Article(id=r["id"], text=r["text"], outlet=r["outlet"])
            events.setdefault(r["event_id"], []).append(art)
    claimed = []
    for arts in events.values():
        for p in shared_copy.find_shared_copy(arts):
            own = [x for x in p.passages if not x.quotation]
            longest = max(own, key=lambda x: x.a.end - x.a.start)
            outlets = {a.id: a.outlet for a in arts}
            claimed.append((outlets[p.a], outlets[p.b], p.share_a, p.share_b, len(p.passages), longest.a.text))
    print(f"\nBASIL events (real, same story, 3 outlets): {len(claimed)} of {3 * len(events)} pairs claimed")
    for oa, ob, sa, sb, n, text in claimed:
        print(f"  {oa}/{ob} shares {sa:.2f}/{sb:.2f}, {n} passage(s): {' '.join(text.split()[:16])} ...")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    ap.add_argument("--cases", type=int, default=300, help="planted cases per half")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--speed-only", action="store_true")
    args = ap.parse_args()
    print(f"date {dt.date.today().isoformat()}  machine {platform.machine()} {os.cpu_count()} cores  seed {SEED}")
    pool = _articles(args.data)
    if args.speed_only:
        speed(args, pool)
        return
    for half in ("dev", "test"):
        rng = random.Random(f"{SEED}-{half}")
        cases = plant([a for a in pool if _half(a[0]) == half], args.cases, rng)
        big = [c for c in cases if c.shared_words >= BAR_WORDS]
        note = " (tuned on)" if half == "dev" else " (not tuned on)"
        print(f"\n{half}{note}: {len(cases)} planted cases, {len(big)} with >= {BAR_WORDS} words shared")
        print(f"{'detector':22s} {'P':>6s} {'R':>6s} {'F1':>6s}   (cases >= {BAR_WORDS} words)   P R F1 (all cases)")
        for name, detect in DETECTORS.items():
            s_big, s_all = score(big, detect), score(cases, detect)
            print(
                f"{name:22s} {s_big['precision']:6.3f} {s_big['recall']:6.3f} {s_big['f1']:6.3f}"
                f"   {s_all['precision']:6.3f} {s_all['recall']:6.3f} {s_all['f1']:6.3f}"
            )
            if name.endswith("(ours)") and half == "test":
                verdict = "met" if s_big["f1"] >= BAR_F1 else "NOT met"
                print(f"bar F1 >= {BAR_F1} on test cases >= {BAR_WORDS} words: {verdict}")
    rng = random.Random(f"{SEED}-test-heavy")
    cases = plant([a for a in pool if _half(a[0]) == "test"], args.cases, rng, heavy=True)
    big = [c for c in cases if c.shared_words >= BAR_WORDS]
    print(f"\ntest, heavier edits (a word changed in every copied sentence): {len(big)} cases >= {BAR_WORDS} words")
    print(f"{'detector':22s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for name, detect in DETECTORS.items():
        sc = score(big, detect)
        print(f"{name:22s} {sc['precision']:6.3f} {sc['recall']:6.3f} {sc['f1']:6.3f}")
    real_triples(args.data)
    if not args.no_speed:
        speed(args, pool)


def speed(args: argparse.Namespace, pool: list[tuple[str, str, str]]) -> None:
    from newsfuse.ingest import load

    print(f"\nspeed: full brief (parse included), median of {args.repeat} alternating runs")
    for name, path in (("examples/story", REPO / "examples" / "story"), ("seeds", args.seeds)):
        if not path.exists():
            print(f"{name}: not found at {path}, skipped")
            continue
        articles = list(load([path]).articles)
        began = time.perf_counter()
        for _ in range(20):
            shared_copy.find_shared_copy(articles)
        step = (time.perf_counter() - began) / 20
        timed = _brief_seconds(articles, args.repeat)
        for kind in ("wall", "cpu"):
            on, off = timed[f"{kind} on"], timed[f"{kind} off"]
            print(
                f"{name:15s} {len(articles)} articles, {kind:4s}: with {on:.3f}s, without {off:.3f}s,"
                f" added {100 * (on - off) / off:+.1f}%"
            )
        print(
            f"{name:15s} the step alone {1000 * step:.1f} ms (wall) = {100 * step / timed['wall off']:.1f}% of a brief"
        )
    # The step alone on a pooled story of many articles (Multi-News, as bench/speed.py pools them).
    pool_texts = [a for a in pool if a[1].startswith("mn-")][:100]
    big = [Article(id=i, text=text, outlet=i) for i, _, text in pool_texts]
    began = time.perf_counter()
    pairs = shared_copy.find_shared_copy(big)
    print(
        f"pooled story of {len(big)} Multi-News articles: the step alone {time.perf_counter() - began:.2f}s, "
        f"{len(pairs)} pairs sharing copy"
    )


if __name__ == "__main__":
    main()
