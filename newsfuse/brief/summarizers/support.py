"""``support``: centrality, cross-outlet support and lead position, with MMR-style redundancy
control (hand-set weights; see bench/summarize.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from newsfuse.brief.summarizers import register
from newsfuse.brief.summarizers.base import Summarizer, select, to_items, word_count
from newsfuse.brief.summarizers.features import FEATURES, group_features, group_vectors
from newsfuse.model import Article, Span, SummaryItem

__all__ = ["SupportSummarizer", "WEIGHTS", "MAX_OVERLAP"]

#: Hand-set weights over FEATURES (first version; bench/summarize.py on Multi-News val).
WEIGHTS = {
    "centrality": 1.0,
    "support": 0.5,
    "lead": 0.6,
    "early": 0.3,
    "short": -1.0,
    "long": -0.3,
    "log_words": 0.0,
    "quote": -0.2,
    "junk": -5.0,
}

#: A candidate whose TF-IDF cosine to an already chosen sentence exceeds this repeats it.
MAX_OVERLAP = 0.5


@register
class SupportSummarizer(Summarizer):
    name = "support"

    def summarize(
        self, articles: Sequence[Article], words: int, sentences: Mapping[str, Sequence[Span]] | None = None
    ) -> list[SummaryItem]:
        units = self.units(articles, words, sentences)
        if units is None:
            return []
        lengths = [word_count(g.representative.text) for g in units.groups]
        feats = group_features(units, lengths)
        w = np.array([WEIGHTS[f] for f in FEATURES])
        scores = feats @ w
        order = sorted((i for i in range(len(scores)) if units.usable[i]), key=lambda i: (-scores[i], i))
        x, _ = group_vectors(units)

        def redundant(i: int, chosen: list[int]) -> bool:
            if x is None or not chosen:
                return False
            sims = (x[chosen] @ x[i].T).toarray().ravel()
            return bool(sims.max() > MAX_OVERLAP)

        chosen = select(order, lengths, words, redundant)
        return to_items(units, chosen, scores)
