"""MMR (Carbonell & Goldstein 1998): relevance to the TF-IDF centroid minus the largest
similarity to what is already picked, LAMBDA = 0.7 (a common setting)."""

from __future__ import annotations

import numpy as np

from baselines import Story
from baselines.centroid import vectors

LAMBDA = 0.7
#: Picks made by MMR proper; the rest follow by relevance. 100 sentences are far more than any
#: budget in the benchmark holds, and keep a 4,000-sentence story from a quadratic loop.
MAX_PICKS = 100


def rank(story: Story) -> list[int]:
    x, c = vectors(story)
    n = len(story.sentences)
    if x is None:
        return list(range(n))
    rel = x @ c
    sim = (x @ x.T).toarray()
    picked: list[int] = []
    left = set(range(n))
    best_sim = np.zeros(n)
    while left and len(picked) < MAX_PICKS:
        cand = sorted(left)
        vals = LAMBDA * rel[cand] - (1 - LAMBDA) * best_sim[cand]
        i = cand[int(np.argmax(vals))]
        picked.append(i)
        left.discard(i)
        best_sim = np.maximum(best_sim, sim[i])
    rest = sorted(left, key=lambda i: (-rel[i], i))
    return picked + rest
