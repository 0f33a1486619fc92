"""ROUGE benchmark of the summary methods against standard extractive baselines.

    python bench/summarize.py [DATA_DIR] [--limit N] [--methods a,b,a:raw] [--no-speed]

Data: multinews_val250.jsonl (260-word budget) and neus_val.jsonl (60-word budget) in DATA_DIR
(default ../shared/data from the repo). Every system gets the same content sentences (newsfuse's
splitter, boilerplate spans skipped) and the same budget rule: walk the system's ranking, keep
each sentence that still fits in the budget (whitespace words), skip the ones that do not.
Baselines also drop exact repeats of a sentence already kept. ROUGE-1/2/Lsum F1 from
rouge-score with the Porter stemmer; for Lsum sentences are joined by newlines. Paired
differences are per story, against the best baseline on that measure, with their standard error.
A method named ``name:raw`` runs without the readability rules (summarizers/readable.py).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from rich.progress import track
from rouge_score import rouge_scorer

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from baselines import Story, centroid, lead, lexrank, mmr, textrank  # noqa: E402

from newsfuse.analysis.sentences import content_sentences, split_sentences  # noqa: E402
from newsfuse.brief.align import normalise  # noqa: E402
from newsfuse.brief.summarizers import DEFAULT_METHOD, available, get  # noqa: E402
from newsfuse.ingest import iter_stories  # noqa: E402
from newsfuse.model import Article  # noqa: E402

DATASETS = (("multinews_val250.jsonl", 260), ("neus_val.jsonl", 60))
BASELINES: dict[str, Callable[[Story], list[int]]] = {
    "lead": lead.rank,
    "lexrank": lexrank.rank,
    "textrank": textrank.rank,
    "centroid": centroid.rank,
    "mmr": mmr.rank,
}
MEASURES = ("rouge1", "rouge2", "rougeLsum")
SPEED_ARTICLES = 100


def load_refs(path: Path) -> dict[str, str]:
    refs = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            s = r["summary"].strip()
            if s.startswith("–"):
                s = s[1:].strip()
            refs[r["id"]] = s
    return refs


def story_of(articles: tuple[Article, ...]) -> Story:
    sents, art, idx = [], [], []
    for a_i, a in enumerate(articles):
        for k, sp in enumerate(content_sentences(a)):
            sents.append(a.text[sp.start : sp.end])
            art.append(a_i)
            idx.append(k)
    return Story(sents, art, idx)


def budget_pick(story: Story, order: list[int], words: int) -> list[str]:
    """The shared budget rule (see the module doc)."""
    out: list[tuple[int, str]] = []
    seen: set[str] = set()
    left = words
    for i in order:
        text = story.sentences[i]
        n = len(text.split())
        key = " ".join(normalise(text))
        if n == 0 or n > left or key in seen:
            continue
        seen.add(key)
        out.append((i, text))
        left -= n
        if left <= 0:
            break
    return [t for _, t in sorted(out)]  # story order


def run_system(name: str, articles: tuple[Article, ...], words: int) -> list[str]:
    if name in BASELINES:
        story = story_of(articles)
        return budget_pick(story, BASELINES[name](story), words)
    return [item.text for item in method(name).summarize(articles, words)]


def method(spec: str):  # type: ignore[no-untyped-def]
    """A summariser from ``name`` or ``name:raw`` (the method without the readability rules,
    to measure what they cost)."""
    name, _, raw = spec.partition(":")
    return type(get(name))(readable=raw != "raw")


def score(scorer: rouge_scorer.RougeScorer, ref: str, sents: list[str]) -> dict[str, float]:
    ref_lsum = "\n".join(ref[s.start : s.end] for s in split_sentences(ref))
    a = scorer.score(ref, " ".join(sents))
    b = scorer.score(ref_lsum, "\n".join(sents))
    return {
        "rouge1": 100 * a["rouge1"].fmeasure,
        "rouge2": 100 * a["rouge2"].fmeasure,
        "rougeLsum": 100 * b["rougeLsum"].fmeasure,
    }


def evaluate(path: Path, words: int, systems: list[str], limit: int | None) -> tuple[str, dict]:
    refs = load_refs(path)
    stories = [s for s in iter_stories(path) if s.articles]
    if limit:
        stories = stories[:limit]
    scorer = rouge_scorer.RougeScorer(list(MEASURES), use_stemmer=True)
    per: dict[str, dict[str, list[float]]] = {s: {m: [] for m in MEASURES} for s in systems}
    secs: dict[str, float] = dict.fromkeys(systems, 0.0)
    budget_ok = True
    for story in track(stories, description=f"{path.name} ({words} words)"):
        ref = refs[story.id]
        for name in systems:
            t = time.perf_counter()
            sents = run_system(name, story.articles, words)
            secs[name] += time.perf_counter() - t
            budget_ok &= sum(len(s.split()) for s in sents) <= words
            for m, v in score(scorer, ref, sents).items():
                per[name][m].append(v)
    return table(path.name, words, len(stories), systems, per, secs, budget_ok)


def table(title, words, n, systems, per, secs, budget_ok) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    base = [s for s in systems if s in BASELINES]
    best = {m: max(base, key=lambda s: np.mean(per[s][m])) for m in MEASURES} if base else {}
    lines = [
        f"### {title}: {n} stories, {words}-word budget",
        "",
        "| system | R1 | R2 | RLsum | ΔR1 vs best baseline ± SE | ΔR2 ± SE | ΔRLsum ± SE | s/story |",
        "|---|---|---|---|---|---|---|---|",
    ]
    summary: dict = {"best": best, "systems": {}}
    for s in systems:
        means = {m: float(np.mean(per[s][m])) for m in MEASURES}
        cells = [f"{means[m]:.2f}" for m in MEASURES]
        diffs = {}
        for m in MEASURES:
            if s in BASELINES or not base:
                cells.append("")
                continue
            d = np.array(per[s][m]) - np.array(per[best[m]][m])
            se = float(d.std(ddof=1) / math.sqrt(len(d))) if len(d) > 1 else float("nan")
            diffs[m] = (float(d.mean()), se)
            cells.append(f"{d.mean():+.2f} ± {se:.2f} (vs {best[m]})")
        cells.append(f"{secs[s] / max(n, 1):.3f}")
        lines.append(f"| {s} | " + " | ".join(cells) + " |")
        summary["systems"][s] = {"means": means, "diffs": diffs}
    lines.append("")
    lines.append(f"Budget never exceeded: {'yes' if budget_ok else 'NO'}.")
    return "\n".join(lines), summary


def floor_check(fname: str, summary: dict) -> str:
    """Whether the default method is above its floor in bench/floor.json (full sets only)."""
    floor = json.loads((REPO / "bench" / "floor.json").read_text(encoding="utf-8"))
    ours = summary["systems"].get(floor["method"])
    want = floor["full"].get(fname)
    if ours is None or want is None:
        return ""
    low = [m for m in MEASURES if ours["means"][m] < want["floor"][m]]
    return f"Floor ({floor['method']}, bench/floor.json): {'BELOW on ' + ', '.join(low) if low else 'above'}."


def speed(path: Path, systems: list[str], words: int) -> str:
    """Seconds for one story of SPEED_ARTICLES articles (Multi-News clusters put together)."""
    arts: list[Article] = []
    for story in iter_stories(path):
        arts.extend(story.articles)
        if len(arts) >= SPEED_ARTICLES:
            break
    arts = arts[:SPEED_ARTICLES]
    n_sent = sum(len(content_sentences(a)) for a in arts)
    lines = [
        f"### Speed: one story of {len(arts)} articles ({n_sent} content sentences), {words} words",
        "",
        "| system | seconds |",
        "|---|---|",
    ]
    for s in systems:
        t = time.perf_counter()
        run_system(s, tuple(arts), words)
        lines.append(f"| {s} | {time.perf_counter() - t:.2f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N stories of each set")
    ap.add_argument("--methods", default=DEFAULT_METHOD, help=f"ours, comma-separated ({', '.join(available())})")
    ap.add_argument("--baselines", default=",".join(BASELINES))
    ap.add_argument("--sets", default=",".join(f for f, _ in DATASETS))
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--json", default=None, help="write the means and paired differences here")
    args = ap.parse_args()
    data = Path(args.data)
    systems = [m for m in args.methods.split(",") if m] + [b for b in args.baselines.split(",") if b]
    out = []
    results = {}
    for fname, words in DATASETS:
        if fname not in args.sets.split(","):
            continue
        text, summary = evaluate(data / fname, words, systems, args.limit)
        if not args.limit:
            text += "\n" + floor_check(fname, summary)
        print(text + "\n", flush=True)
        out.append(text)
        results[fname] = summary
    if not args.no_speed:
        text = speed(data / DATASETS[0][0], systems, DATASETS[0][1])
        print(text + "\n")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
