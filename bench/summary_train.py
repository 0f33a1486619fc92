"""Train the learned sentence worth of the ``learned`` summary method, on NeuS train only.

    python bench/summary_train.py [--cache DIR] [--eval-stories N] [--write]

Every choice is made by 5-fold cross-validation inside ../shared/data/neus_train.jsonl, by
story (folds seeded): the model kind and its label, then the weight of the worth in the exact
search and (with the greedy path forced on the same stories, 60-word budget) in greedy
coverage. Each candidate is judged by the ROUGE-1 + ROUGE-2 F1 (bench/summarize.py's scoring)
of the summaries it gives on the held-out folds, against ``coverage`` on the same stories.
``--write`` refits the chosen model on all of NeuS train and writes
newsfuse/brief/summarizers/sentence_worth.json (JSON: no pickle). No other data set is read.

Labels (per sentence group, its wording against the reference, rouge-score tokens, Porter
stemmer): ``p12`` the mean of its unigram and bigram precision (the share of its words and
word pairs the reference holds: what a word of the budget spent on it earns); ``oracle`` 1 when
it is in the greedy ROUGE-1+2 oracle set of 60 words.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from rouge_score import rouge_scorer  # noqa: E402
from rouge_score.rouge_scorer import _create_ngrams  # noqa: E402
from summarize import load_refs, score  # noqa: E402

from newsfuse.brief.summarizers import get  # noqa: E402
from newsfuse.brief.summarizers.base import story_units, to_items, word_count  # noqa: E402
from newsfuse.brief.summarizers.learned import LearnedSummarizer  # noqa: E402
from newsfuse.brief.summarizers.worth import MODEL_PATH, WORTH_FEATURES, worth_features  # noqa: E402
from newsfuse.ingest import iter_stories  # noqa: E402
from newsfuse.trees import tree_dicts  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "neus_train.jsonl"
WORDS = 60
FOLDS = 5
SEED = 20261127

_TOKENIZER = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)._tokenizer


def toks(text: str) -> list[str]:
    """rouge-score's own tokens (lower case, Porter stems), as bench/summarize.py scores."""
    return _TOKENIZER.tokenize(text)


def precision(sent: list[str], ref_grams: Counter, n: int) -> float:
    grams = _create_ngrams(sent, n)
    total = sum(grams.values())
    if not total:
        return 0.0
    return sum(min(c, ref_grams[g]) for g, c in grams.items()) / total


def oracle(sents: list[list[str]], lengths: list[int], usable: list[bool], ref: list[str]) -> set[int]:
    """Greedy oracle: add the group that most raises ROUGE-1+2 F1 of the set, within WORDS."""
    r1, r2 = _create_ngrams(ref, 1), _create_ngrams(ref, 2)

    def f(grams: Counter, refg: Counter) -> float:
        hit = sum(min(c, refg[g]) for g, c in grams.items())
        p = hit / max(sum(grams.values()), 1)
        r = hit / max(sum(refg.values()), 1)
        return 2 * p * r / (p + r) if p + r else 0.0

    chosen: list[int] = []
    left = WORDS
    best = 0.0
    while True:
        pick, pick_v = None, best
        for i in range(len(sents)):
            if i in chosen or not usable[i] or lengths[i] > left or lengths[i] == 0:
                continue
            toks_ = [t for j in chosen + [i] for t in sents[j]]
            v = f(_create_ngrams(toks_, 1), r1) + f(_create_ngrams(toks_, 2), r2)
            if v > pick_v:
                pick, pick_v = i, v
        if pick is None:
            return set(chosen)
        chosen.append(pick)
        left -= lengths[pick]
        best = pick_v


def build(cache: Path) -> list[dict]:
    """Per story: id, features, labels, usable (cached in ``cache``)."""
    f = cache / "neus_train_features.pkl"
    if f.is_file():
        return pickle.loads(f.read_bytes())
    refs = load_refs(DATA)
    out = []
    for story in iter_stories(DATA):
        if not story.articles:
            continue
        units = story_units(story.articles)
        lengths = [word_count(g.representative.text) for g in units.groups]
        x = worth_features(units, story.articles, lengths)
        ref = toks(refs[story.id])
        r1, r2 = _create_ngrams(ref, 1), _create_ngrams(ref, 2)
        st = [toks(g.representative.text) for g in units.groups]
        p12 = np.array([(precision(s, r1, 1) + precision(s, r2, 2)) / 2 for s in st])
        orc = oracle(st, lengths, list(units.usable), ref)
        y_or = np.array([float(i in orc) for i in range(len(st))])
        out.append({"id": story.id, "x": x, "p12": p12, "oracle": y_or, "usable": np.array(units.usable)})
    cache.mkdir(parents=True, exist_ok=True)
    f.write_bytes(pickle.dumps(out))
    return out


def folds(n: int) -> np.ndarray:
    rng = np.random.default_rng(SEED)
    return rng.permutation(n) % FOLDS


def fit(kind: str, label: str, rows: list[dict]):  # type: ignore[no-untyped-def]
    """A fitted scikit-learn model over usable groups of ``rows``."""
    x = np.vstack([r["x"][r["usable"]] for r in rows])
    y = np.concatenate([r[label][r["usable"]] for r in rows])
    if kind == "linear":
        from sklearn.linear_model import LogisticRegression, Ridge
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        est = LogisticRegression(C=1.0, max_iter=2000) if label == "oracle" else Ridge(alpha=1.0)
        return make_pipeline(StandardScaler(), est).fit(x, y)
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    cls = HistGradientBoostingClassifier if label == "oracle" else HistGradientBoostingRegressor
    return cls(max_iter=150, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40, random_state=SEED).fit(x, y)


def predict(model, x: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    if hasattr(model, "predict_proba"):
        return model.predict_proba(x)[:, 1]
    return model.predict(x)


def evaluate(stories, refs, idx, units, rows, preds, **kw) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Per held-out story: R1 + R2 F1 of the learned method with the worths of the model of
    its fold (``preds``: per story index)."""
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    summ = LearnedSummarizer(**kw)
    out = []
    for k in idx:
        s = stories[k]
        u = units[k]
        chosen = summ.choose(u, s.articles, WORDS, np.maximum(preds[k], 0.0))
        items = to_items(u, chosen, [0.0] * len(u.groups))
        r = score(scorer, refs[s.id], [i.text for i in items])
        out.append((r["rouge1"], r["rouge2"]))
    return np.array(out)


def base_scores(stories, refs, idx, name: str) -> np.ndarray:  # type: ignore[no-untyped-def]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    m = get(name)
    out = []
    for k in idx:
        s = stories[k]
        r = score(scorer, refs[s.id], [i.text for i in m.summarize(s.articles, WORDS)])
        out.append((r["rouge1"], r["rouge2"]))
    return np.array(out)


def report(name: str, res: np.ndarray, base: np.ndarray) -> float:
    d = (res - base).sum(axis=1)
    se = d.std(ddof=1) / np.sqrt(len(d))
    print(
        f"{name:40s} R1 {res[:, 0].mean():.2f} R2 {res[:, 1].mean():.2f}  "
        f"d(R1+R2) vs coverage {d.mean():+.2f} ± {se:.2f}",
        flush=True,
    )
    return float(d.mean())


def export(model, kind: str, label: str, about: str) -> dict:  # type: ignore[no-untyped-def]
    if kind == "linear":
        sc, est = model[0], model[-1]
        coef = np.ravel(est.coef_)
        return {
            "kind": "linear",
            "features": list(WORTH_FEATURES),
            "label": label,
            "link": "logit" if label == "oracle" else "identity",
            "mean": sc.mean_.tolist(),
            "scale": sc.scale_.tolist(),
            "coef": coef.tolist(),
            "intercept": float(np.ravel(est.intercept_)[0]),
            "about": about,
        }
    trees = tree_dicts(model)
    return {
        "kind": "trees",
        "features": list(WORTH_FEATURES),
        "label": label,
        "link": "logit" if label == "oracle" else "identity",
        "intercept": float(np.ravel(model._baseline_prediction)[0]),
        "trees": trees,
        "about": about,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default="/tmp/summary_cache")
    ap.add_argument("--eval-stories", type=int, default=600, help="held-out stories scored per candidate")
    ap.add_argument("--kinds", default="linear:p12,linear:oracle,trees:p12,trees:oracle")
    ap.add_argument("--exact-weights", default="0.05,0.1,0.2,0.5,1,2")
    ap.add_argument("--greedy-weights", default="centrality,0.1,0.3,1,3", help="'centrality': today's prior")
    ap.add_argument("--write", default=None, help="KIND:LABEL to refit on all of NeuS train and write")
    args = ap.parse_args()
    t0 = time.perf_counter()
    rows = build(Path(args.cache))
    print(f"features of {len(rows)} stories in {time.perf_counter() - t0:.0f} s", flush=True)
    if args.write:
        kind, label = args.write.split(":")
        model = fit(kind, label, rows)
        about = (
            f"bench/summary_train.py --write {args.write}: {kind} model of label {label} over WORTH_FEATURES, "
            f"fitted on all {len(rows)} NeuS train stories (seed {SEED})"
        )
        MODEL_PATH.write_text(json.dumps(export(model, kind, label, about)) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size} bytes)")
        return
    stories = [s for s in iter_stories(DATA) if s.articles]
    refs = load_refs(DATA)
    fold_of = folds(len(rows))
    idx = [k for k in np.random.default_rng(SEED + 1).permutation(len(rows))[: args.eval_stories]]
    base = base_scores(stories, refs, idx, "coverage")
    print(f"coverage on {len(idx)} held-out stories: R1 {base[:, 0].mean():.2f} R2 {base[:, 1].mean():.2f}", flush=True)
    report("consensus (greedy, no learned worth)", base_scores(stories, refs, idx, "consensus"), base)
    ew = [float(v) for v in args.exact_weights.split(",")]
    gw = [None if v == "centrality" else float(v) for v in args.greedy_weights.split(",")]
    best: dict[str, tuple[float, str]] = {}
    units = {k: story_units(stories[k].articles) for k in idx}
    for spec in args.kinds.split(","):
        kind, label = spec.split(":")
        models = {f: fit(kind, label, [r for k, r in enumerate(rows) if fold_of[k] != f]) for f in range(FOLDS)}
        preds = {k: predict(models[fold_of[k]], rows[k]["x"]) for k in idx}
        for w in ew:
            v = report(f"{spec} exact w={w}", evaluate(stories, refs, idx, units, rows, preds, exact_weight=w), base)
            if v > best.get("exact", (-1e9, ""))[0]:
                best["exact"] = (v, f"{spec} w={w}")
        for w in gw:
            res = evaluate(stories, refs, idx, units, rows, preds, greedy_weight=w, force_greedy=True)
            v = report(f"{spec} greedy w={w}", res, base)
            if v > best.get("greedy", (-1e9, ""))[0]:
                best["greedy"] = (v, f"{spec} w={w}")
    print("best:", best)
    print(f"{time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
