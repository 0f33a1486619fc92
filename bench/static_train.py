"""Distil the story encoder into a static table of word-piece vectors (Model2Vec's recipe), then train it.

    # training only (torch, transformers; never at run time), in a separate environment:
    python bench/static_train.py --teacher /tmp/enc/e3/torch          # the measured table -> /tmp/static/
    python bench/static_train.py --teacher DIR --dims 128 --weighting idf --epochs 0 --out T.npz   # variants
    python bench/static_train.py --score-only /tmp/static/story-static.npz
    python bench/cluster_train.py --static --eval                      # its merge model, val B3 F1
    python bench/cluster.py --speed 10000 50000 --static               # its clustering speed

Measured, not kept (bench/RESULTS.md, "Story clustering: the story encoder distilled into static
vectors"): the clusterer with these vectors is no better than the lexical mode on val (0.849 vs
0.848 BCubed F1) and slower, so nothing of it is in the package. To rebuild: the story encoder's
torch weights (`python bench/encoder_train.py --out /tmp/enc/e3 --epochs 3` saves them in
/tmp/enc/e3/torch), then the first command (its defaults are the measured table's: 256 dims, SIF
weights, 12 epochs); the merge model of that table is STATIC_MERGE_COEFS below.

Steps:

1. Distil: every word piece of the encoder's vocabulary (30,522) is run through the encoder alone,
   as ``[CLS] piece [SEP]``, and its output mean-pooled as newsfuse.analysis.embed pools (over the
   three positions): one 384-dimensional vector per piece (cached in /tmp/static).
2. PCA to ``--dims`` dimensions (centred on the mean piece vector, no whitening).
3. Weight each row by how informative its piece is (``--weighting``): "sif", a / (a + p) with p the
   piece's share of the pieces of the training texts (SIF, Arora et al. 2017; a = SIF_A); "idf",
   log(N / df) over the training texts; or "none". Pieces never seen in them count as seen once.
4. Train (``--epochs``, 0: none): the table itself (torch EmbeddingBag, sum, then unit length) with
   bench/encoder_train.py's objective and data: pairs of reports of one NeuS-train "extra" story,
   in-batch softmax over cosines times SCALE, symmetric, plus one TF-IDF hard negative per pair.
   Only the "extra" stories are trained on (counts of step 3 too); "val" is scored after each epoch
   and the epoch of the best val MRR kept (choices: dims, weighting, epochs). Two extra losses were
   tried: ``--mimic W`` (W times 1 - cosine between the anchor's vector mapped back to 384 dims and
   the encoder's vector of that text) and ``--residual L`` (L times the TF-IDF cosine added to the
   logits, so that the table learns what TF-IDF misses).

A text's vector (:class:`StaticTable`, numpy and ``tokenizers`` only): the sum of its pieces' rows
(no special tokens; the WordPiece tokenizer is built from the vocabulary in the file), unit
length. The table is written as int8 rows with one scale per row, with the vocabulary, in one .npz
(6.7 MiB at 256 dims). Scores printed: accuracy at 1 and MRR of the first sibling on "val"
(bench/encoder_train.py's retrieval score) at each stage.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cluster import STATIC_TABLE  # noqa: E402
from encoder_train import SCALE, SEED, _batches, _hard_negatives, _stories, retrieval  # noqa: E402

SIF_A = 1e-3
LEARNING_RATE = 2e-3
CACHE = STATIC_TABLE.parent
#: Where the table goes by default (not shipped: measured, not kept; bench/RESULTS.md).
TABLE = STATIC_TABLE
#: The static mode's merge model for the table of the default settings (256 dims, SIF, 12 epochs),
#: fitted by `python bench/cluster_train.py --static --eval` on the tuning pile (as the embedding
#: mode's: the table is trained on the "extra" stories); bench/cluster.py --speed --static runs it.
STATIC_MERGE_COEFS: dict[str, float] = {
    "cos_text": 2.043,
    "cos_pairs": 0.336,
    "cos_title": 1.058,
    "lexical": 1.474,
    "nearest": 1.425,
    "lead_lexical": 4.827,
    "lead_nearest": 4.788,
    "undated": -1.545,
    "gap_sq": -0.59,
    "log_size": -1.224,
    "emb_centroid": 2.925,
    "emb_nearest": 1.771,
    "lead_emb_centroid": 2.466,
    "lead_emb_nearest": 1.02,
}
STATIC_MERGE_BIAS = -3.11
STATIC_MERGE_PROBABILITY = 0.5
#: Word pieces per text that count (a title and a 1,000-character lead are 200-300).
MAX_PIECES = 512


def wordpiece_tokenizer(vocab: list[str]):  # type: ignore[no-untyped-def]
    """A ``tokenizers`` Tokenizer cutting text into the pieces of ``vocab`` as BERT uncased does (lower
    case, accents stripped, punctuation split off, greedy longest match), without special tokens,
    truncation or padding: built from the vocabulary alone, so that a table file needs nothing else."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    model = models.WordPiece({p: i for i, p in enumerate(vocab)}, unk_token="[UNK]", max_input_chars_per_word=100)
    tok = Tokenizer(model)
    tok.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True
    )
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    return tok


class StaticTable:
    """A written table as a TextEmbedder of newsfuse.stories.cluster (name, embed): a text's vector is
    the sum of its pieces' rows, unit length; numpy and ``tokenizers`` only, no model runs."""

    def __init__(self, path: Path) -> None:
        import numpy as np

        with np.load(path, allow_pickle=False) as z:
            vocab = z["vocab"].tolist()
            self._rows = z["rows"].astype(np.float32) * z["scales"].astype(np.float32)[:, None]
            self.name = str(z["name"])
        self._tokenizer = wordpiece_tokenizer(vocab)
        self.dimensions = int(self._rows.shape[1])

    def embed(self, texts):  # type: ignore[no-untyped-def]
        ids = [e.ids[:MAX_PIECES] for e in self._tokenizer.encode_batch(list(texts), add_special_tokens=False)]
        return unit_sums(self._rows, ids)


def unit_sums(rows, ids: list[list[int]]):  # type: ignore[no-untyped-def]
    """For each list of piece ids, the sum of its rows scaled to unit length (zeros for none)."""
    import numpy as np

    out = np.zeros((len(ids), rows.shape[1]), dtype=np.float32)
    lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
    have = np.flatnonzero(lengths)
    if not have.size:
        return out
    flat = np.fromiter((i for row in ids for i in row), dtype=np.int64, count=int(lengths.sum()))
    starts = np.concatenate(([0], np.cumsum(lengths[have])[:-1]))
    sums = np.add.reduceat(rows[flat], starts, axis=0)
    out[have] = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    return out


def _vocab(teacher: Path) -> list[str]:
    table = json.loads((teacher / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    vocab = [""] * len(table)
    for piece, i in table.items():
        vocab[i] = piece
    return vocab


def distil(teacher: Path):  # type: ignore[no-untyped-def]
    """The encoder's pooled output for each piece alone (rows in vocabulary order), cached on disk."""
    import numpy as np

    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"raw-{teacher.resolve().as_posix().strip('/').replace('/', '_')}.npy"
    if cached.is_file():
        return np.load(cached)
    import torch
    from transformers import AutoModel

    vocab = _vocab(teacher)
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
    model = AutoModel.from_pretrained(teacher).eval()
    out = np.zeros((len(vocab), model.config.hidden_size), dtype=np.float32)
    started = time.time()
    with torch.no_grad():
        for start in range(0, len(vocab), 1024):
            ids = torch.arange(start, min(start + 1024, len(vocab)))
            inputs = torch.stack([torch.full_like(ids, cls), ids, torch.full_like(ids, sep)], dim=1)
            hidden = model(
                input_ids=inputs, attention_mask=torch.ones_like(inputs), token_type_ids=torch.zeros_like(inputs)
            ).last_hidden_state
            out[start : start + len(ids)] = hidden.mean(dim=1).numpy()
    print(f"distilled {len(vocab)} pieces in {time.time() - started:.0f} s", flush=True)
    np.save(cached, out)
    return out


def teacher_vectors(teacher: Path, stories: list[list[str]]):  # type: ignore[no-untyped-def]
    """The encoder's vectors of the training texts (as encoder_train embeds them), cached on disk."""
    import numpy as np

    cached = CACHE / f"texts-{teacher.resolve().as_posix().strip('/').replace('/', '_')}.npy"
    if cached.is_file():
        return np.load(cached)
    import torch
    from encoder_train import _encode
    from transformers import AutoModel, AutoTokenizer

    model, tokenizer = AutoModel.from_pretrained(teacher).eval(), AutoTokenizer.from_pretrained(teacher)
    texts = [t for texts in stories for t in texts]
    with torch.no_grad():
        out = np.concatenate([_encode(model, tokenizer, texts[i : i + 32]).numpy() for i in range(0, len(texts), 32)])
    np.save(cached, out)
    return out


def pca(raw, dims: int):  # type: ignore[no-untyped-def]
    """The rows reduced to ``dims`` dimensions, and the basis (dims x 384)."""
    import numpy as np

    centred = raw - raw.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    kept = float((s[:dims] ** 2).sum() / (s**2).sum())
    print(f"PCA {raw.shape[1]} -> {dims} dimensions: {kept:.1%} of the variance", flush=True)
    return (centred @ vt[:dims].T).astype(np.float32), vt[:dims].astype(np.float32)


def weights(kind: str, pieces: list[list[int]], size: int):  # type: ignore[no-untyped-def]
    """One weight per piece from the training texts' pieces (see the module doc)."""
    import numpy as np

    if kind == "none":
        return np.ones(size, dtype=np.float32)
    if kind == "sif":
        counts = np.bincount(np.concatenate([np.array(p, dtype=np.int64) for p in pieces]), minlength=size)
        p = np.maximum(counts, 1) / counts.sum()
        return (SIF_A / (SIF_A + p)).astype(np.float32)
    df = np.zeros(size, dtype=np.int64)
    for p in pieces:
        df[np.unique(np.array(p, dtype=np.int64))] += 1
    return np.log(len(pieces) / np.maximum(df, 1)).astype(np.float32) + 1e-3


def val_score(table, tokenize, stories: list[list[str]]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    return retrieval(unit_sums(table, tokenize([t for texts in stories for t in texts])), stories)


def tune(table, tokenize, epochs: int, lr: float, val: list[list[str]], mimic=None, basis=None, residual=0.0):  # type: ignore[no-untyped-def]
    """The table trained with encoder_train's objective on the "extra" stories; val scored per epoch."""
    import numpy as np
    import torch

    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    stories = _stories("extra")
    negatives = _hard_negatives(stories)
    ids = [tokenize(texts) for texts in stories]
    if residual:  # the TF-IDF cosine is added to the logits: the table learns what it misses
        from sklearn.feature_extraction.text import TfidfVectorizer

        first = np.concatenate(([0], np.cumsum([len(t) for t in stories])[:-1]))
        tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
            [t for texts in stories for t in texts]
        )
    bag = torch.nn.EmbeddingBag.from_pretrained(torch.tensor(table), freeze=False, mode="sum")
    params = list(bag.parameters())
    if mimic is not None:  # (weight, teacher vectors by story and report, PCA basis to 384 dims)
        w_mimic, targets = mimic[0], torch.tensor(mimic[1])
        first = np.concatenate(([0], np.cumsum([len(t) for t in stories])[:-1]))
        back = torch.nn.Linear(table.shape[1], targets.shape[1], bias=False)
        back.weight.data = torch.tensor(basis.T.copy())
        params += list(back.parameters())
    opt = torch.optim.Adam(params, lr=lr)

    def encode(rows: list[list[int]]):  # type: ignore[no-untyped-def]
        flat = torch.tensor([i for r in rows for i in r], dtype=torch.long)
        offsets = torch.tensor(np.concatenate(([0], np.cumsum([len(r) for r in rows])[:-1])), dtype=torch.long)
        return torch.nn.functional.normalize(bag(flat, offsets), dim=-1)

    best = (val_score(table, tokenize, val), 0, table)
    for epoch in range(1, epochs + 1):
        total = 0.0
        batches = _batches(stories, rng)
        for batch in batches:
            a = encode([ids[s][i] for s, i, _ in batch])
            b = encode(
                [ids[s][j] for s, _, j in batch]
                + [ids[negatives[(s, i)][0]][negatives[(s, i)][1]] for s, i, _ in batch]
            )
            logits = SCALE * a @ b.T
            if residual:
                left = [int(first[s] + i) for s, i, _ in batch]
                right = [int(first[s] + j) for s, _, j in batch] + [
                    int(first[negatives[(s, i)][0]] + negatives[(s, i)][1]) for s, i, _ in batch
                ]
                lex = (tfidf[left] @ tfidf[right].T).toarray()
                logits = logits + SCALE * residual * torch.tensor(lex, dtype=logits.dtype)
            target = torch.arange(len(batch))
            loss = torch.nn.functional.cross_entropy(logits, target)
            loss = (loss + torch.nn.functional.cross_entropy(logits[:, : len(batch)].T, target)) / 2
            if mimic is not None:
                rows = [int(first[s] + i) for s, i, _ in batch]
                got = torch.nn.functional.normalize(back(a), dim=-1)
                loss = loss + w_mimic * (1.0 - (got * targets[rows]).sum(-1)).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        now = bag.weight.detach().numpy().copy()
        acc, mrr = val_score(now, tokenize, val)
        print(f"epoch {epoch}: loss {total / len(batches):.3f}; val accuracy@1 {acc:.3f}, MRR {mrr:.3f}", flush=True)
        if mrr > best[0][1]:
            best = ((acc, mrr), epoch, now)
    print(f"kept epoch {best[1]} (best val MRR)", flush=True)
    return best[2]


def write(table, vocab: list[str], name: str, out: Path) -> None:
    """int8 rows with one scale per row, and the vocabulary, in one compressed .npz."""
    import numpy as np

    scales = np.maximum(np.abs(table).max(axis=1), 1e-12) / 127.0
    rows = np.clip(np.rint(table / scales[:, None]), -127, 127).astype(np.int8)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, vocab=np.array(vocab), rows=rows, scales=scales.astype(np.float32), name=np.array(name))
    print(f"wrote {out} ({out.stat().st_size / 2**20:.1f} MiB)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--teacher", type=Path, help="the encoder's folder (transformers format)")
    ap.add_argument("--dims", type=int, default=256)
    ap.add_argument("--weighting", choices=("sif", "idf", "none"), default="sif")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--lr", type=float, default=LEARNING_RATE)
    ap.add_argument(
        "--mimic", type=float, default=0.0, help="weight of a loss pulling each anchor's vector to the encoder's"
    )
    ap.add_argument("--residual", type=float, default=0.0, help="add this times the TF-IDF cosine to the logits")
    ap.add_argument("--name", default="story-static (all-MiniLM-L6-v2 story encoder, distilled)")
    ap.add_argument("--out", type=Path, default=TABLE, help="write the table here (.npz)")
    ap.add_argument("--score-only", type=Path, help="score this table (.npz) on the val stories")
    args = ap.parse_args()
    val = _stories("val")
    if args.score_only:
        model = StaticTable(args.score_only)
        acc, mrr = retrieval(model.embed([t for texts in val for t in texts]), val)
        print(f"{model.name}: val accuracy@1 {acc:.3f}, MRR {mrr:.3f}")
        return
    if args.teacher is None:
        raise SystemExit("--teacher or --score-only")
    vocab = _vocab(args.teacher)
    tokenizer = wordpiece_tokenizer(vocab)

    def tokenize(texts: list[str]) -> list[list[int]]:
        return [e.ids for e in tokenizer.encode_batch(texts, add_special_tokens=False)]

    raw = distil(args.teacher)
    extra = _stories("extra")
    w = weights(args.weighting, tokenize([t for texts in extra for t in texts]), len(vocab))
    reduced, basis = pca(raw, args.dims)
    table = reduced * w[:, None]
    acc, mrr = val_score(table, tokenize, val)
    print(f"distilled, {args.dims} dims, {args.weighting} weights: val accuracy@1 {acc:.3f}, MRR {mrr:.3f}", flush=True)
    if args.epochs:
        mimic = (args.mimic, teacher_vectors(args.teacher, extra)) if args.mimic else None
        table = tune(table, tokenize, args.epochs, args.lr, val, mimic, basis, args.residual)
    write(table, vocab, args.name, args.out)


if __name__ == "__main__":
    main()
