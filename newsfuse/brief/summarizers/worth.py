"""A learned worth for each sentence group: features that carry across collections, and the
model that turns them into one number (read from ``sentence_worth.json``, trained by
bench/summary_train.py on NeuS train only).

Every feature is computed from the story alone, and most are relative to the story (a rank or a
share), so a model fitted on three short NeuS excerpts still reads a Multi-News cluster of long
articles: cross-outlet support and the coverage of concepts several outlets share (the core of
``coverage``), position, centrality, entity and number content, length, quotation and
attribution.

The model file is JSON (no pickle): a standardised linear model, or a list of regression trees
(scikit-learn's HistGradientBoostingRegressor, flattened to arrays). Either is evaluated with
numpy (the trees by :class:`newsfuse.trees.TreeEnsemble`, shared with the story clusterer's
bench).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from newsfuse.brief.summarizers.base import StoryUnits, word_count
from newsfuse.brief.summarizers.consensus import concept_worths, concepts
from newsfuse.brief.summarizers.features import group_vectors
from newsfuse.brief.summarizers.junk import is_junk
from newsfuse.brief.summarizers.readable import has_attribution, quoted_words
from newsfuse.model import Article
from newsfuse.trees import TreeEnsemble

__all__ = ["WORTH_FEATURES", "worth_features", "WorthModel", "load_model", "MODEL_PATH"]

#: The model file, next to this module.
MODEL_PATH = Path(__file__).with_name("sentence_worth.json")

#: Column names of :func:`worth_features`, in order.
WORTH_FEATURES = (
    "centrality",  # TF-IDF cosine of the group's wording to the story centroid
    "centrality_rank",  # its rank among the story's groups, 1 = most central, 0 = least
    "support",  # share of the other articles that carry this content too
    "coverage_rank",  # rank of the worth of shared concepts the wording covers (1 = most)
    "coverage_share",  # that worth / the largest in the story
    "coverage_per_word_rank",  # rank of that worth per word
    "lead",  # 1 / (1 + index of the earliest member in its article)
    "first",  # 1 when some member is an article's first sentence
    "early",  # 1 - mean relative position of the members
    "log_words",  # log(1 + words)
    "short",  # 1 when under 8 words
    "long",  # 1 when over 55 words
    "quoted_share",  # share of the words inside quotation marks
    "attributed",  # names a speaker (a speech verb or "according to") outside quotation marks
    "numbers",  # numbers in the wording (capped at 3) / 3
    "names_share",  # share of the words (first left out) written with a capital: names
    "junk",  # looks like scraped page furniture
)

_CAPITAL = re.compile(r"\b[A-Z][\w'’-]*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _rank(values: np.ndarray) -> np.ndarray:
    """Per value: 1 for the largest, 0 for the smallest, ties share the mean rank; 1 for one value."""
    n = len(values)
    if n <= 1:
        return np.ones(n)
    order = np.argsort(values, kind="stable")
    ranks = np.empty(n)
    ranks[order] = np.arange(n)
    # ties: the mean rank of the tied values
    for v in np.unique(values):
        same = values == v
        if same.sum() > 1:
            ranks[same] = ranks[same].mean()
    return ranks / (n - 1)


def worth_features(units: StoryUnits, articles: Sequence[Article], lengths: Sequence[int] | None = None) -> np.ndarray:
    """One row of WORTH_FEATURES per group of ``units``."""
    groups = units.groups
    n = len(groups)
    out = np.zeros((n, len(WORTH_FEATURES)))
    if n == 0:
        return out
    if lengths is None:
        lengths = [word_count(g.representative.text) for g in groups]
    x, centroid = group_vectors(units)
    cent = np.asarray(x @ centroid).ravel() if x is not None else np.zeros(n)
    uw, bw = concept_worths(units, articles)
    cov = np.zeros(n)
    for i, g in enumerate(groups):
        u, b = concepts(g.representative.text)
        cov[i] = sum(uw.get(w, 0.0) for w in u) + sum(bw.get(p, 0.0) for p in b)
    per_word = cov / np.maximum(np.asarray(lengths, dtype=float), 1.0)
    others = max(units.n_articles - 1, 1)
    top = cov.max()
    out[:, 0] = cent
    out[:, 1] = _rank(cent)
    out[:, 3] = _rank(cov)
    out[:, 4] = cov / top if top > 0 else 0.0
    out[:, 5] = _rank(per_word)
    for i, g in enumerate(groups):
        text = g.representative.text
        nw = max(lengths[i], 1)
        words = text.split()
        out[i, 2] = (len(g.articles) - 1) / others
        out[i, 6] = 1.0 / (1 + units.first_index[i])
        out[i, 7] = float(units.first_index[i] == 0)
        out[i, 8] = 1.0 - units.position[i]
        out[i, 9] = math.log1p(nw)
        out[i, 10] = float(nw < 8)
        out[i, 11] = float(nw > 55)
        out[i, 12] = quoted_words(text) / nw
        out[i, 13] = float(has_attribution(text))
        out[i, 14] = min(len(_NUMBER.findall(text)), 3) / 3.0
        out[i, 15] = sum(1 for w in words[1:] if _CAPITAL.match(w)) / max(len(words) - 1, 1)
        out[i, 16] = float(is_junk(text))
    return out


@dataclass(frozen=True)
class WorthModel:
    """A fitted model over WORTH_FEATURES, read from JSON. ``kind`` is "linear" or "trees"."""

    kind: str
    features: tuple[str, ...]
    #: linear: standardisation (mean, scale) and the coefficients, intercept
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None
    coef: np.ndarray | None = None
    intercept: float = 0.0
    #: trees: per tree, arrays (feature, threshold, left, right, leaf value, is leaf, missing left)
    trees: tuple[dict[str, np.ndarray], ...] = ()
    ensemble: TreeEnsemble | None = None  # the trees stacked for evaluation
    #: "identity" (a regression: the worth is the prediction) or "logit" (a classifier: the
    #: worth is the probability)
    link: str = "identity"
    about: str = ""

    def score(self, x: np.ndarray) -> np.ndarray:
        """One worth per row of ``x`` (rows of WORTH_FEATURES)."""
        if x.shape[0] == 0:
            return np.zeros(0)
        raw = self._raw(x)
        return 1.0 / (1.0 + np.exp(-raw)) if self.link == "logit" else raw

    def _raw(self, x: np.ndarray) -> np.ndarray:
        if self.kind == "linear":
            assert self.mean is not None and self.scale is not None and self.coef is not None
            return ((x - self.mean) / self.scale) @ self.coef + self.intercept
        ensemble = self.ensemble or TreeEnsemble(self.trees, self.intercept)
        return ensemble.raw(x)


def model_from_dict(d: dict) -> WorthModel:
    """A WorthModel from the JSON layout bench/summary_train.py writes."""
    features = tuple(d["features"])
    if d.get("link", "identity") not in ("identity", "logit"):
        raise ValueError(f"unknown link {d['link']!r}")
    if features != WORTH_FEATURES:
        raise ValueError(f"model features {features} differ from the code's {WORTH_FEATURES}")
    if d["kind"] == "linear":
        return WorthModel(
            kind="linear",
            features=features,
            mean=np.asarray(d["mean"], dtype=float),
            scale=np.asarray(d["scale"], dtype=float),
            coef=np.asarray(d["coef"], dtype=float),
            intercept=float(d["intercept"]),
            link=d.get("link", "identity"),
            about=d.get("about", ""),
        )
    if d["kind"] == "trees":
        trees = tuple(
            {
                "feature": np.asarray(t["feature"], dtype=np.int64),
                "threshold": np.asarray(t["threshold"], dtype=float),
                "left": np.asarray(t["left"], dtype=np.int64),
                "right": np.asarray(t["right"], dtype=np.int64),
                "value": np.asarray(t["value"], dtype=float),
                "is_leaf": np.asarray(t["is_leaf"], dtype=bool),
                "missing_left": np.asarray(t["missing_left"], dtype=bool),
            }
            for t in d["trees"]
        )
        return WorthModel(
            kind="trees",
            features=features,
            trees=trees,
            ensemble=TreeEnsemble(trees, float(d["intercept"])),
            intercept=float(d["intercept"]),
            link=d.get("link", "identity"),
            about=d.get("about", ""),
        )
    raise ValueError(f"unknown model kind {d['kind']!r}")


@cache
def load_model(path: Path = MODEL_PATH) -> WorthModel:
    """The model in ``path`` (read once per process)."""
    return model_from_dict(json.loads(path.read_text(encoding="utf-8")))
