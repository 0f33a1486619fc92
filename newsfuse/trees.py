"""Gradient-boosted regression trees evaluated with numpy: scikit-learn's HistGradientBoosting
models, flattened to arrays offline (no pickle, no scikit-learn at run time).

One tree is a dict of equal-length node arrays: ``feature``, ``threshold``, ``left``, ``right``,
``value``, ``is_leaf``, ``missing_left`` (node 0 is the root), the layout :func:`tree_dict` writes
from a fitted model's ``_predictors``. :class:`TreeEnsemble` stacks all the trees' nodes into one
set of arrays and walks every (row, tree) pair at once, one step of depth per numpy operation,
so a few rows (the story clusterer's three candidates) cost as little as many (the summarizer's
sentence groups).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["TreeEnsemble", "tree_dicts"]

_FIELDS = ("feature", "threshold", "left", "right", "value", "is_leaf", "missing_left")


class TreeEnsemble:
    """The sum of a list of regression trees plus an intercept (the raw score, before any link)."""

    def __init__(self, trees: Sequence[dict[str, Sequence[float]]], intercept: float = 0.0) -> None:
        self.intercept = float(intercept)
        self.n_trees = len(trees)
        sizes = [len(t["feature"]) for t in trees]
        offsets = np.cumsum([0, *sizes[:-1]]).astype(np.int64) if sizes else np.zeros(0, dtype=np.int64)
        self.roots = offsets
        cat = {k: np.concatenate([np.asarray(t[k]) for t in trees]) if trees else np.zeros(0) for k in _FIELDS}
        shift = np.repeat(offsets, sizes)
        self.feature = cat["feature"].astype(np.int64)
        self.threshold = cat["threshold"].astype(float)
        self.left = cat["left"].astype(np.int64) + shift
        self.right = cat["right"].astype(np.int64) + shift
        self.value = cat["value"].astype(float)
        self.is_leaf = cat["is_leaf"].astype(bool)
        self.missing_left = cat["missing_left"].astype(bool)
        # a leaf points to itself, so walking on from it stays there
        leaves = np.flatnonzero(self.is_leaf)
        self.left[leaves] = leaves
        self.right[leaves] = leaves
        self.feature[leaves] = 0

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The intercept plus the sum of the trees' leaf values, one per row of ``x``."""
        n = x.shape[0]
        if n == 0 or self.n_trees == 0:
            return np.full(n, self.intercept)
        node = np.broadcast_to(self.roots, (n, self.n_trees)).copy()
        rows = np.arange(n)[:, None]
        while True:
            leaf = self.is_leaf[node]
            if leaf.all():
                break
            v = x[rows, self.feature[node]]
            go_left = np.where(np.isnan(v), self.missing_left[node], v <= self.threshold[node])
            node = np.where(go_left, self.left[node], self.right[node])
        return self.value[node].sum(axis=1) + self.intercept


def tree_dicts(model: object) -> list[dict[str, list[float]]]:
    """The trees of a fitted scikit-learn HistGradientBoosting model (one output) as plain lists,
    ready for JSON and for :class:`TreeEnsemble`. Used offline by the training scripts."""
    out = []
    for [pred] in model._predictors:  # type: ignore[attr-defined]
        nodes = pred.nodes
        out.append(
            {
                "feature": nodes["feature_idx"].tolist(),
                "threshold": [float(v) for v in nodes["num_threshold"]],
                "left": nodes["left"].tolist(),
                "right": nodes["right"].tolist(),
                "value": [float(v) for v in nodes["value"]],
                "is_leaf": nodes["is_leaf"].astype(int).tolist(),
                "missing_left": nodes["missing_go_to_left"].astype(int).tolist(),
            }
        )
    return out
