"""Does the summary read like a brief? Counts of the faults of issue 10 (point 3) on every story of
the validation sets, for summary methods of this tree and of another checkout (e.g. main before a
change), in one table.

    python bench/summary_readability.py [--methods learned,coverage] [--before DIR] [--limit N]

``--before DIR`` runs the default method of the newsfuse tree in DIR (a checkout or ``git
archive`` of an earlier commit) in a subprocess, and counts its items with this tree's rules.
Per set and method, over all summary items:

- ``back-pointing``: an item opening (outside quotation marks) with a pronoun, "But", "However",
  "This", ... or with a time phrase and a pronoun ("On Monday it ..."; readable.needs_context or
  readable.opens_with_pronoun), when the item before it in the summary is not the sentence
  right before it in the same article;
- ``short``: an item under 6 words;
- ``paraphrase pairs (embeddings)``: two items of one summary whose all-MiniLM-L6-v2 cosine is at
  least PARAPHRASE_COSINE (when the embedding model is installed), and ``(lexical)``: two items
  that brieflike.paraphrase calls the same (content-word overlap);
- ``speaker missing``: an item that is someone's words (mostly quoted, first person, or starting
  inside a quotation) and names no speaker, or only a pronoun, or has unbalanced quotation marks.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATASETS = (("multinews_val250.jsonl", 260), ("neus_val.jsonl", 60))


def dump(data: Path, method: str, limit: int | None) -> dict:
    """The summary items (text, article, start, end) of ``method`` on each story of each set;
    only the public API that every version has (summarizers.get, ingest.iter_stories)."""
    from newsfuse.brief.summarizers import get
    from newsfuse.ingest import iter_stories

    out: dict = {}
    m = get(method)
    for fname, words in DATASETS:
        per = {}
        for k, story in enumerate(iter_stories(data / fname)):
            if limit and k >= limit:
                break
            if not story.articles:
                continue
            items = m.summarize(story.articles, words)
            per[story.id] = [[i.text, i.sources[0].article, i.sources[0].start, i.sources[0].end] for i in items]
        out[fname] = per
    return out


def _embed_cached(texts: list[str], cache: Path) -> dict[str, list[float]] | None:
    from newsfuse.analysis.embed import embedder

    e = embedder()
    if e is None:
        return None
    f = cache / "readability_embeddings.json"
    known: dict[str, list[float]] = json.loads(f.read_text()) if f.is_file() else {}
    key = {t: hashlib.sha1(t.encode()).hexdigest() for t in texts}
    todo = sorted({t for t in texts if key[t] not in known})
    if todo:
        vecs = e.embed(todo)
        for t, v in zip(todo, vecs, strict=True):
            known[key[t]] = [round(float(x), 5) for x in v]
        cache.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(known))
    return {t: known[key[t]] for t in texts}


def count(data: Path, items: dict, cache: Path) -> dict[str, dict[str, int]]:
    import numpy as np

    from newsfuse.brief.summarizers.base import content_words
    from newsfuse.brief.summarizers.brieflike import PARAPHRASE_COSINE, paraphrase
    from newsfuse.brief.summarizers.readable import (
        balanced_quotes,
        has_attribution,
        is_first_person,
        mostly_quoted,
        pronoun_only_attribution,
        starts_inside_quote,
        unsupported_openings,
    )
    from newsfuse.ingest import iter_stories
    from newsfuse.model import Ref, SummaryItem

    out = {}
    for fname, per in items.items():
        arts = {s.id: {a.id: a for a in s.articles} for s in iter_stories(data / fname) if s.id in per}
        texts = [it[0] for its in per.values() for it in its]
        vec = _embed_cached(texts, cache)
        c = {
            "stories": len(per),
            "items": len(texts),
            "back-pointing": 0,
            "short": 0,
            "paraphrase pairs (embeddings)": 0 if vec is not None else -1,
            "paraphrase pairs (lexical)": 0,
            "speaker missing": 0,
        }
        for sid, its in per.items():
            for text, aid, start, _end in its:
                art = arts[sid][aid]
                if len(text.split()) < 6:
                    c["short"] += 1
                opened = starts_inside_quote(art, start)
                needs = opened or mostly_quoted(text, opened) or is_first_person(text, opened)
                named = has_attribution(text, opened) and not pronoun_only_attribution(text, opened)
                if not balanced_quotes(text) or (needs and not named):
                    c["speaker missing"] += 1
            items_ = [SummaryItem(text=t, sources=(Ref(a, s, e, t),)) for t, a, s, e in its]
            c["back-pointing"] += len(unsupported_openings(items_, arts[sid]))
            cw = [content_words(it[0]) for it in its]
            for a in range(len(its)):
                for b in range(a + 1, len(its)):
                    c["paraphrase pairs (lexical)"] += paraphrase(cw[a], cw[b])
                    if vec is not None:
                        sim = float(np.dot(vec[its[a][0]], vec[its[b][0]]))
                        c["paraphrase pairs (embeddings)"] += sim >= PARAPHRASE_COSINE
        out[fname] = c
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--methods", default="learned,coverage")
    ap.add_argument("--before", default=None, help="a newsfuse tree whose default method is counted as 'before'")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", default="/tmp/summary_cache")
    ap.add_argument("--dump", default=None, help=argparse.SUPPRESS)  # internal: write items and stop
    ap.add_argument("--method", default="coverage", help=argparse.SUPPRESS)
    args = ap.parse_args()
    data = Path(args.data)
    if args.dump:
        Path(args.dump).write_text(json.dumps(dump(data, args.method, args.limit)))
        return
    sys.path.insert(0, str(REPO))
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    runs: dict[str, dict] = {}
    if args.before:
        out = cache / f"readability_before_{args.limit or 'all'}.json"
        if not out.is_file():  # the earlier tree does not change: its items are kept in the cache
            env = dict(os.environ, PYTHONPATH=str(Path(args.before).resolve()))
            cmd = [sys.executable, __file__, str(data), "--dump", str(out), "--method", "coverage"]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            subprocess.run(cmd, env=env, cwd=args.before, check=True)
        runs[f"before: coverage ({args.before})"] = json.loads(out.read_text())
    for m in filter(None, args.methods.split(",")):
        runs[m] = dump(data, m, args.limit)
    for fname, _ in DATASETS:
        print(f"### {fname}\n")
        rows = {name: count(data, {fname: r[fname]}, cache)[fname] for name, r in runs.items()}
        keys = list(next(iter(rows.values())))
        print("| method | " + " | ".join(keys) + " |")
        print("|---|" + "---:|" * len(keys))
        for name, c in rows.items():
            print(f"| {name} | " + " | ".join("n/a" if c[k] < 0 else str(c[k]) for k in keys) + " |")
        print()


if __name__ == "__main__":
    main()
