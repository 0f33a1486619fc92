"""One stemmer for the whole program: the Porter algorithm, from the light ``snowballstemmer``.

The summary and the story clusterer compare words by their stems. nltk's Porter stemmer gave
the same service, but importing nltk costs about 2 CPU-s at every start (it loads the whole
toolkit); snowballstemmer's ``porter`` is the original algorithm (Porter 1980) and imports in
a few milliseconds. The two differ on about 2% of words, mostly nltk's own extensions for
words ending in ``y`` ("monday", "survey"); bench/summarize.py and bench/cluster.py give the
effect on quality (bench/RESULTS.md, "One stemmer").
"""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

__all__ = ["stem"]

_PORTER = snowballstemmer.stemmer("porter")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter stem of a lower-case word (cached: a story repeats its words)."""
    return _PORTER.stemWord(word)
