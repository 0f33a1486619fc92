"""newsfuse.trees: the numpy evaluator gives scikit-learn's own predictions."""

from __future__ import annotations

import numpy as np
import pytest

from newsfuse.trees import TreeEnsemble, tree_dicts


def test_tree_ensemble_matches_scikit_learn() -> None:
    ensemble_mod = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    x[::17, 1] = np.nan  # missing values take the side the fit learnt
    y = ((x[:, 0] > 0.2) ^ (np.nan_to_num(x[:, 1]) < -0.5)).astype(int)
    model = ensemble_mod.HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=7, random_state=0).fit(x, y)
    trees = TreeEnsemble(tree_dicts(model), float(np.ravel(model._baseline_prediction)[0]))
    got = 1.0 / (1.0 + np.exp(-trees.raw(x)))
    assert np.allclose(got, model.predict_proba(x)[:, 1])
    assert np.allclose(trees.raw(x[:1]), trees.raw(x)[:1])  # one row as in a batch
    assert TreeEnsemble([], 0.5).raw(x[:2]).tolist() == [0.5, 0.5]
