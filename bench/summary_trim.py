"""What taking datelines and labels off the front of a sentence (summarizers/furniture.py) does to
a summary method's ROUGE, story by story: the same method with and without the trim, same process.

    python bench/summary_trim.py [--data FILE] [--words 60] [--methods coverage,consensus,learned] [--changed-only]

Default data: ../shared/data/neus_train.jsonl (where the trim was judged). ``--changed-only``
scores only the stories where some content sentence opens with a dateline or a label (the others
are the same with and without it). Prints per method the mean ROUGE-1/2/Lsum F1 without and with
the trim and the paired difference with its standard error.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from rouge_score import rouge_scorer  # noqa: E402
from summarize import MEASURES, load_refs, run_system, score  # noqa: E402

from newsfuse.analysis.sentences import content_sentences  # noqa: E402
from newsfuse.brief.summarizers import base, furniture  # noqa: E402
from newsfuse.ingest import iter_stories  # noqa: E402
from newsfuse.model import Article, Span  # noqa: E402


def _untrimmed(text: str, span: Span) -> Span:
    return span


def has_furniture(articles: tuple[Article, ...]) -> bool:
    return any(furniture.dateline_end(a.text[s.start : s.end]) for a in articles for s in content_sentences(a))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data" / "neus_train.jsonl"))
    ap.add_argument("--words", type=int, default=60)
    ap.add_argument("--methods", default="coverage,consensus,learned")
    ap.add_argument("--changed-only", action="store_true")
    args = ap.parse_args()
    path = Path(args.data)
    refs = load_refs(path)
    stories = [s for s in iter_stories(path) if s.articles]
    if args.changed_only:
        stories = [s for s in stories if has_furniture(s.articles)]
    scorer = rouge_scorer.RougeScorer(list(MEASURES), use_stemmer=True)
    print(f"{path.name}: {len(stories)} stories, {args.words}-word budget")
    for name in args.methods.split(","):
        got = {}
        for trim, fn in (("without", _untrimmed), ("with", furniture.without_dateline)):
            base.without_dateline = fn
            rows = []
            for s in stories:
                r = score(scorer, refs[s.id], run_system(name, s.articles, args.words))
                rows.append([r[m] for m in MEASURES])
            got[trim] = np.array(rows)
        base.without_dateline = furniture.without_dateline
        d = got["with"] - got["without"]
        cells = []
        for j, m in enumerate(MEASURES):
            se = d[:, j].std(ddof=1) / math.sqrt(len(d)) if len(d) > 1 else float("nan")
            before, after = got["without"][:, j].mean(), got["with"][:, j].mean()
            cells.append(f"{m} {before:.2f} -> {after:.2f} ({d[:, j].mean():+.2f} ± {se:.2f})")
        both = d[:, :2].sum(axis=1)
        se = both.std(ddof=1) / math.sqrt(len(both)) if len(both) > 1 else float("nan")
        changed = int((np.abs(d).sum(axis=1) > 0).sum())
        print(f"{name}: " + "; ".join(cells) + f"; R1+R2 {both.mean():+.2f} ± {se:.2f}; summaries changed {changed}")


if __name__ == "__main__":
    main()
