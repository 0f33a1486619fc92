"""Sentence-group features shared by the scoring methods.

Each group of :func:`~newsfuse.brief.summarizers.base.story_units` gets one row of
``FEATURES``; every value is computed from the story alone (no outside model), so a story of
100 articles costs one TF-IDF fit and a few sparse products.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsfuse.brief.summarizers.base import StoryUnits, word_count
from newsfuse.brief.summarizers.junk import is_junk
from newsfuse.brief.summarizers.tfidf import tfidf_rows

__all__ = ["FEATURES", "group_features", "group_vectors", "is_junk"]

#: Column names of the feature matrix, in order.
FEATURES = (
    "centrality",  # cosine of the group's wording to the story centroid (all content sentences)
    "support",  # share of the other articles that carry this content too
    "lead",  # 1 / (1 + index of the earliest member in its article)
    "early",  # 1 - mean relative position of the members
    "short",  # 1 when under MIN_GOOD_WORDS words
    "long",  # 1 when over MAX_GOOD_WORDS words
    "log_words",  # log(1 + words)
    "quote",  # 1 when the sentence opens with a quotation mark
    "junk",  # 1 when the sentence looks like scraped page furniture (is_junk)
)

#: Sentences shorter than this rarely carry a fact on their own ("He declined.", a dateline);
#: longer than MAX_GOOD_WORDS are usually run-on scraped paragraphs.
MIN_GOOD_WORDS = 8
MAX_GOOD_WORDS = 55


def group_vectors(units: StoryUnits):  # type: ignore[no-untyped-def]
    """TF-IDF rows (L2-normalised, scipy sparse) of each group's representative, and the
    story centroid (every member of every group counts, so copied content weighs more)."""
    texts = [g.representative.text for g in units.groups]
    x = tfidf_rows(texts)
    if x is None:  # only stop words: no vocabulary
        return None, None
    weights = np.array([len(g.members) for g in units.groups], dtype=float)
    centroid = np.asarray(x.T @ weights).ravel()
    norm = np.linalg.norm(centroid)
    if norm > 0:
        centroid /= norm
    return x, centroid


def group_features(units: StoryUnits, lengths: Sequence[int] | None = None) -> np.ndarray:
    """One row of FEATURES per group."""
    n = len(units.groups)
    out = np.zeros((n, len(FEATURES)))
    if n == 0:
        return out
    if lengths is None:
        lengths = [word_count(g.representative.text) for g in units.groups]
    x, centroid = group_vectors(units)
    if x is not None:
        out[:, 0] = x @ centroid
    others = max(units.n_articles - 1, 1)
    for i, g in enumerate(units.groups):
        text = g.representative.text
        nw = lengths[i]
        out[i, 1] = (len(g.articles) - 1) / others
        out[i, 2] = 1.0 / (1 + units.first_index[i])
        out[i, 3] = 1.0 - units.position[i]
        out[i, 4] = float(nw < MIN_GOOD_WORDS)
        out[i, 5] = float(nw > MAX_GOOD_WORDS)
        out[i, 6] = np.log1p(nw)
        out[i, 7] = float(text[:1] in "\"“'‘")
        out[i, 8] = float(is_junk(text))
    return out
