"""How many articles would a cascade have to send to the story encoder? (issue 7)

    OMP_NUM_THREADS=1 python bench/cluster_uncertain.py

A cascade would run the lexical clusterer and call the (slow) story encoder only where the lexical
merge model is unsure. This prints, for the NeuS-train "val" stories and stories_dev fed as
streams in the lexical mode, the share of articles whose best candidate's merge probability lies in
a band around the threshold. At 20-40 ms of encoder time per article, keeping the clusterer at
>= 500 articles per CPU-second (about 1.3 ms lexical + 0.7 ms to spare) allows about 2% of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cluster import DATA, load_pile, val_pile  # noqa: E402

from newsfuse.stories.cluster import ClusterSettings, StoryClusterer  # noqa: E402

BANDS = ((0.3, 0.7), (0.2, 0.8), (0.1, 0.9), (0.05, 0.95))


class _Recording(StoryClusterer):
    """The lexical clusterer, noting the best candidate's merge probability of every decision."""

    def __init__(self) -> None:
        super().__init__(ClusterSettings(), embedder=None)
        self.best: list[float] = []

    def _decide(self, article, vectors, ranked):  # type: ignore[no-untyped-def]
        probabilities = [self._probability(f)[0] for _, f in self._scored(article, vectors, ranked)]
        if probabilities:
            self.best.append(max(probabilities))
        return super()._decide(article, vectors, ranked)


def main() -> None:
    print("| stream | articles | with a candidate | " + " | ".join(f"p in [{lo}, {hi})" for lo, hi in BANDS) + " |")
    print("|---|---:|---:|" + "---:|" * len(BANDS))
    streams = (("NeuS-train val", val_pile()), ("stories_dev", load_pile(DATA / "stories_dev.jsonl")))
    for name, (articles, _, _) in streams:
        clusterer = _Recording()
        clusterer.add_many(articles)
        n = len(articles)
        cells = [sum(lo <= p < hi for p in clusterer.best) for lo, hi in BANDS]
        print(f"| {name} | {n} | {len(clusterer.best)} | " + " | ".join(f"{k} ({k / n:.1%})" for k in cells) + " |")


if __name__ == "__main__":
    main()
