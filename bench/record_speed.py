"""Speed of reading articles into records (``analysis.record.analyse_articles``), by way of running.

For stories of N Multi-News articles (N from --sizes), in one process, wall-clock seconds of:

- ``one``: one process, one ``nlp.pipe``, then quotes, mentions and facts;
- ``spacy2``: spaCy's own ``nlp.pipe(n_process=2)``, our steps in the main process (the way
  before the records);
- ``workers2``: two worker processes, each analysing shares of the articles end to end and sending
  back plain records (what ``analyse_articles`` does from PARALLEL_PARSE_MIN_ARTICLES on);
- ``bare``: a bare one-process parse of the same texts (the reference).

Modes are run in turn, --repeat times, and the median kept, so a busy machine slows them alike.

    python bench/record_speed.py [--data ../shared/data] [--sizes 5,10,20,50,100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsfuse.analysis.nlp import load_nlp  # noqa: E402
from newsfuse.analysis.record import analyse_article, analyse_articles  # noqa: E402
from newsfuse.model import Article  # noqa: E402


def _articles(data: Path, n: int) -> list[Article]:
    out: list[Article] = []
    with (data / "multinews_val250.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            for i, a in enumerate(json.loads(line)["articles"]):
                if a["text"].strip():
                    out.append(Article(id=f"{len(out)}-{a['id']}", text=a["text"], outlet=f"outlet{i}"))
            if len(out) >= n:
                return out[:n]
    return out


def _spacy2(articles: list[Article]) -> None:
    docs = load_nlp().pipe((a.text for a in articles), n_process=2, batch_size=16)
    for a, doc in zip(articles, docs, strict=True):
        analyse_article(a, doc)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--sizes", default="5,10,20,50,100")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    nlp = load_nlp()
    modes = {
        "bare": lambda arts: list(nlp.pipe(a.text for a in arts)),
        "one": lambda arts: analyse_articles(arts, n_process=1),
        "spacy2": _spacy2,
        "workers2": lambda arts: analyse_articles(arts, n_process=2),
    }
    analyse_articles(_articles(args.data, 3), n_process=1)  # warm up
    print("| articles | words | " + " | ".join(modes) + " |")
    print("|---:|---:|" + "---:|" * len(modes))
    for n in (int(x) for x in args.sizes.split(",")):
        arts = _articles(args.data, n)
        times: dict[str, list[float]] = {m: [] for m in modes}
        for _ in range(args.repeat):
            for name, fn in modes.items():
                t0 = time.perf_counter()
                fn(arts)
                times[name].append(time.perf_counter() - t0)
        words = sum(len(a.text.split()) for a in arts)
        cells = " | ".join(f"{statistics.median(times[m]):.2f}" for m in modes)
        print(f"| {len(arts)} | {words} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
