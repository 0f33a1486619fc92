"""TF-IDF rows of a story's sentences, as scikit-learn's ``TfidfVectorizer`` computes them with
``stop_words="english", sublinear_tf=True`` (lower-case words of two or more word characters;
``tf = 1 + ln(count)``; ``idf = ln((1 + n) / (1 + df)) + 1``; rows L2-normalised).

Written here because importing scikit-learn costs about 1 CPU-s at every start, more than the
summary of a small story; tests/test_summarizers.py checks the rows against scikit-learn's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix

from newsfuse.lexicon import ENGLISH_STOP_WORDS

__all__ = ["tfidf_rows"]

_WORD = re.compile(r"(?u)\b\w\w+\b")


def tfidf_rows(texts: Sequence[str]) -> csr_matrix | None:
    """One L2-normalised TF-IDF row per text (columns: the vocabulary in sorted order), or
    None when the texts hold no word outside the stop words."""
    counts = [Counter(w for w in _WORD.findall(t.lower()) if w not in ENGLISH_STOP_WORDS) for t in texts]
    vocabulary = sorted({w for c in counts for w in c})
    if not vocabulary:
        return None
    column = {w: j for j, w in enumerate(vocabulary)}
    df = np.zeros(len(vocabulary))
    for c in counts:
        for w in c:
            df[column[w]] += 1
    idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
    rows, cols, values = [], [], []
    for i, c in enumerate(counts):
        ids = sorted(column[w] for w in c)
        weights = np.array([(1.0 + np.log(c[vocabulary[j]])) * idf[j] for j in ids])
        norm = np.sqrt(weights @ weights) if ids else 0.0
        rows.extend([i] * len(ids))
        cols.extend(ids)
        values.extend(weights / norm if norm > 0 else weights)
    return csr_matrix((values, (rows, cols)), shape=(len(texts), len(vocabulary)))
