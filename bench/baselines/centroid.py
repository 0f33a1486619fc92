"""TF-IDF centroid (Radev et al. 2004): sentences ranked by cosine to the mean TF-IDF vector."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from baselines import Story


def vectors(story: Story):  # type: ignore[no-untyped-def]
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        x = vec.fit_transform(story.sentences)
    except ValueError:
        return None, None
    c = np.asarray(x.mean(axis=0)).ravel()
    n = np.linalg.norm(c)
    return x, (c / n if n else c)


def rank(story: Story) -> list[int]:
    x, c = vectors(story)
    if x is None:
        return list(range(len(story.sentences)))
    s = x @ c
    return sorted(range(len(s)), key=lambda i: (-s[i], i))
