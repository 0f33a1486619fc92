"""Train the story clusterer's merge decision: a logistic regression over (article, story) features.

    python bench/cluster_train.py                 # fit on the tuning pile, print the coefficients
    python bench/cluster_train.py --eval          # and score the fitted model on tuning pile + stories_dev
    python bench/cluster_train.py --pile big --eval   # train on BASIL + 1,652 NeuS-train stories (issue 7)
    python bench/cluster_train.py --pile big --model trees --eval   # gradient-boosted trees instead
    python bench/cluster_train.py --cv            # 3-fold cross-validation of the threshold (issue 7)
    python bench/cluster_train.py --ceiling       # BCubed F1 of a perfect decision over the candidates
    python bench/cluster_train.py --static --eval   # the static mode's model, table of bench/static_train.py
    python bench/cluster_train.py --static /tmp/static/s128.npz --eval   # another static table

Scores: "val" is the 400 NeuS-train stories of cluster.neus_splits set apart to choose on (never
trained on); "tuning" is the training pile (in-sample); "dev" is stories_dev (looked at before).

Pairs come from a teacher-forced pass over the tuning pile of bench/cluster.py (BASIL + 400
NeuS-train stories, never stories_dev): each article is compared, as the online clusterer would,
with the candidate stories the hot index gives for it; a pair is positive when the candidate is
the article's gold story; then the article joins its gold story (or opens it), so that later
articles meet the stories they should. The features are :meth:`StoryClusterer.features` plus the
"lead" of each candidate over the best other one. The fitted coefficients are printed as Python
to be pasted into ``newsfuse/stories/cluster.py`` (MERGE_COEFS, MERGE_BIAS): no model file.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cluster import (  # noqa: E402
    DATA,
    CachedEmbedder,
    add_static_option,
    bcubed,
    extra_piles,
    load_pile,
    run_clusterer,
    tuning_pile,
    val_pile,
)

from newsfuse.stories import cluster as C  # noqa: E402

# All the features the clusterer computes (--features picks among them) ...
ALL_FEATURES = (
    (
        "cos_text",
        "cos_pairs",
        "cos_title",
        "cos_body",
        "cos_names",
        "cos_numbers",
        "lexical",
        "nearest",
        "lead_lexical",
        "lead_nearest",
        "no_title",
        "no_names",
        "no_numbers",
        "undated",
        "gap_days",
        "gap_sq",
        "log_size",
        "rare_shared",
        "title_shared",
        "emb_centroid",
        "emb_nearest",
        "lead_emb_centroid",
        "lead_emb_nearest",
    )
    + C.MEMBER_FEATURES
    + tuple(f"lead_{k}" for k in C.MEMBER_FEATURES)
)
# ... and the ones of the shipped model (MERGE_COEFS), the default.
FEATURES = (
    "cos_text",
    "cos_pairs",
    "cos_title",
    "lexical",
    "nearest",
    "lead_lexical",
    "lead_nearest",
    "undated",
    "gap_sq",
    "log_size",
)
# ... and of the embedding mode's model (EMBED_MERGE_COEFS), with --embeddings.
EMBED_FEATURES = FEATURES + ("emb_centroid", "emb_nearest", "lead_emb_centroid", "lead_emb_nearest")


class _Teacher(C.StoryClusterer):
    """Records the candidates' features and sends each article to its gold story."""

    def __init__(self, settings: C.ClusterSettings, gold: dict[str, str], embedder=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(settings, embedder=embedder)
        self.gold = gold  # article id -> gold story
        self.sid_of_gold: dict[str, str] = {}
        self.rows: list[tuple[list[float], int, int]] = []  # features, label, article number
        # articles whose gold story was hot: all, and those whose gold story was among the index's
        # candidates, and among the FEATURE_CANDIDATES that get features
        self.recall = [0, 0, 0]

    def _decide(self, article, vectors, ranked):  # type: ignore[no-untyped-def]
        g = self.gold[article.id]
        target = self.sid_of_gold.get(g)
        scored = self._scored(article, vectors, ranked)
        for sid, f in scored:
            self.rows.append(([f.get(k, 0.0) for k in ALL_FEATURES], int(sid == target), self._seq))
        if target is not None and target in self._stories:
            self.recall[0] += 1
            self.recall[1] += target in self._index.candidates(ranked[: C.QUERY_TERMS], self.settings.max_candidates)
            self.recall[2] += any(sid == target for sid, _ in scored)
            return target
        self.sid_of_gold[g] = article.id
        return None


def training_piles(pile: str = "tuning"):  # type: ignore[no-untyped-def]
    """The streams teacher-forced pairs come from: "tuning" (BASIL + 400 NeuS-train stories) or
    "big" (that and the 1,252 "extra" NeuS-train stories of cluster.neus_splits, in 3 streams)."""
    return [tuning_pile()] + (extra_piles() if pile == "big" else [])


def pairs(features: tuple[str, ...], embedder=None, pile: str = "tuning"):  # type: ignore[no-untyped-def]
    """Teacher-forced (x, y) over ``features`` from the streams of training_piles(pile)."""
    import numpy as np

    settings = C.ClusterSettings(merge_coefs=tuple((k, 0.0) for k in ALL_FEATURES))
    rows, recall, n_articles = [], [0, 0, 0], 0
    for articles, gold, _ in training_piles(pile):
        t = _Teacher(settings, {a.id: g for a, g in zip(articles, gold, strict=True)}, embedder)
        t.add_many(articles)
        rows += t.rows
        recall = [a + b for a, b in zip(recall, t.recall, strict=True)]
        n_articles += len(articles)
    idx = [ALL_FEATURES.index(k) for k in features]
    x = np.array([[r[0][i] for i in idx] for r in rows])
    y = np.array([r[1] for r in rows])
    print(
        f"{len(y)} pairs from {n_articles} articles ({pile} pile), {int(y.sum())} positive; "
        f"gold story hot for {recall[0]} articles: among the index candidates {recall[1]}, "
        f"among the {C.FEATURE_CANDIDATES} featured {recall[2]}"
    )
    return x, y


def fit(features: tuple[str, ...] = FEATURES, c: float = 1.0, embedder=None, pile: str = "tuning"):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    x, y = pairs(features, embedder, pile)
    model = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    coefs = {k: round(float(w), 3) for k, w in zip(features, model.coef_[0], strict=True)}
    return coefs, round(float(model.intercept_[0]), 3)


class _TreeClusterer(C.StoryClusterer):
    """The clusterer deciding by gradient-boosted trees (bench only: the shipped model is MERGE_COEFS)."""

    trees = None
    names: tuple[str, ...] = ()

    def _probability(self, f):  # type: ignore[no-untyped-def]
        import numpy as np

        z = float(self.trees.raw(np.array([[f[k] for k in self.names]]))[0])
        return 1.0 / (1.0 + math.exp(-z)), self.settings.merge_probability


def fit_trees(features: tuple[str, ...], pile: str):  # type: ignore[no-untyped-def]
    """HistGradientBoostingClassifier on the teacher-forced pairs, as a TreeEnsemble."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    from newsfuse.trees import TreeEnsemble, tree_dicts

    x, y = pairs(features, None, pile)
    m = HistGradientBoostingClassifier(
        max_iter=150, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40, random_state=0
    ).fit(x, y)
    return TreeEnsemble(tree_dicts(m), float(np.ravel(m._baseline_prediction)[0]))


def cross_validate(features: tuple[str, ...], probabilities=(0.3, 0.4, 0.5)) -> None:  # type: ignore[no-untyped-def]
    """Logistic model trained on the tuning pile and two of the three "extra" NeuS streams, scored
    (BCubed F1) on the third and on the "val" stories; the mean over the three folds."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    streams = training_piles("big")
    settings = C.ClusterSettings(merge_coefs=tuple((k, 0.0) for k in ALL_FEATURES))
    idx = [ALL_FEATURES.index(k) for k in features]
    per = []
    for articles, gold, _ in streams:
        t = _Teacher(settings, {a.id: g for a, g in zip(articles, gold, strict=True)})
        t.add_many(articles)
        per.append((np.array([[r[0][i] for i in idx] for r in t.rows]), np.array([r[1] for r in t.rows])))
    val = val_pile()
    got: dict[float, list[tuple[float, float]]] = {p: [] for p in probabilities}
    for k in (1, 2, 3):
        x = np.vstack([per[i][0] for i in range(4) if i != k])
        y = np.concatenate([per[i][1] for i in range(4) if i != k])
        m = LogisticRegression(max_iter=5000).fit(x, y)
        coefs = tuple((f, float(w)) for f, w in zip(features, m.coef_[0], strict=True))
        for p in probabilities:
            s = C.ClusterSettings(merge_coefs=coefs, merge_bias=float(m.intercept_[0]), merge_probability=p)
            held, v = (bcubed(run_clusterer(a, s), g)[2] for a, g, _ in (streams[k], val))
            got[p].append((held, v))
    print("| merge probability | held-out fold B3 F1 (mean of 3) | val B3 F1 (mean of 3 fits) | mean of both |")
    print("|---:|---:|---:|---:|")
    for p, r in got.items():
        a, b = float(np.mean([h for h, _ in r])), float(np.mean([v for _, v in r]))
        print(f"| {p} | {a:.3f} | {b:.3f} | {(a + b) / 2:.3f} |", flush=True)


class _Oracle(_Teacher):
    """Takes the gold story when it is among the featured candidates, else opens a new story."""

    def _decide(self, article, vectors, ranked):  # type: ignore[no-untyped-def]
        g = self.gold[article.id]
        target = self.sid_of_gold.get(g)
        if any(sid == target for sid, _ in self._scored(article, vectors, ranked)):
            return target
        if target is None:
            self.sid_of_gold[g] = article.id
        return None


def ceiling() -> None:
    """BCubed F1 on the val stories of a perfect merge decision over the featured candidates."""
    articles, gold, _ = val_pile()
    default = C.FEATURE_CANDIDATES
    for n in (default, 5, 10):
        C.FEATURE_CANDIDATES = n
        o = _Oracle(C.ClusterSettings(), {a.id: g for a, g in zip(articles, gold, strict=True)}, None)
        pred = [a.story_id for a in o.add_many(articles)]
        p, r, f = bcubed(pred, gold)
        print(f"featured candidates {n}: B3 P {p:.3f} R {r:.3f} F1 {f:.3f}")
    C.FEATURE_CANDIDATES = default


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", action="store_true")
    ap.add_argument("--features", nargs="*")
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument(
        "--embeddings",
        action="store_true",
        help="fit the embedding mode's model (EMBED_MERGE_COEFS) with sentence embeddings",
    )
    add_static_option(ap, "fit the embedding mode's model on")
    ap.add_argument("--no-dev", action="store_true", help="score on the tuning pile only")
    ap.add_argument("--pile", choices=("tuning", "big"), default="tuning", help="the training streams")
    ap.add_argument("--model", choices=("logistic", "trees"), default="logistic")
    ap.add_argument("--cv", action="store_true", help="cross-validate the threshold over NeuS-train streams")
    ap.add_argument("--ceiling", action="store_true", help="quality of a perfect decision on the val stories")
    args = ap.parse_args()
    if args.ceiling:
        ceiling()
        return
    if args.cv:
        cross_validate(tuple(args.features or FEATURES))
        return
    emb = CachedEmbedder() if args.embeddings else None
    if args.static:
        from static_train import StaticTable

        if emb:
            raise SystemExit("--static or --embeddings, not both")
        emb = StaticTable(args.static)
    prefix = "STATIC_MERGE" if args.static else ("EMBED_MERGE" if emb else "MERGE")
    features = tuple(args.features or (EMBED_FEATURES if emb else FEATURES))
    if args.model == "trees":
        if emb:
            raise SystemExit("--model trees: lexical mode only")
        _TreeClusterer.trees = fit_trees(features, args.pile)
        _TreeClusterer.names = features
        coefs, bias = {k: 0.0 for k in features}, 0.0  # only so that the clusterer computes them
    else:
        coefs, bias = fit(features, args.c, emb, args.pile)
        print(f"{prefix}_COEFS =", coefs)
        print(f"{prefix}_BIAS =", bias)
    if not args.eval:
        return
    piles = [val_pile(), tuning_pile()] + ([] if args.no_dev else [load_pile(DATA / "stories_dev.jsonl")])
    print("| merge probability | val B3 F1 (choose) | val NeuS | tuning B3 F1 | tuning NeuS | dev B3 F1 | dev NeuS |")
    for p in (0.3, 0.4, 0.5, 0.6):
        if emb:
            s = C.ClusterSettings(embed_coefs=tuple(coefs.items()), embed_bias=bias, embed_probability=p)
        else:
            s = C.ClusterSettings(merge_coefs=tuple(coefs.items()), merge_bias=bias, merge_probability=p)
        cells = []
        for arts, gold, parts in piles:
            if args.model == "trees":
                pred = [a.story_id for a in _TreeClusterer(s, embedder=None).add_many(arts)]
            else:
                pred = run_clusterer(arts, s, emb)
            n = [i for i, k in enumerate(parts) if k == "neus"]
            cells += [bcubed(pred, gold)[2], bcubed([pred[i] for i in n], [gold[i] for i in n])[2]]
        print(f"| {p} | " + " | ".join(f"{v:.3f}" for v in cells) + " |", flush=True)


if __name__ == "__main__":
    main()
