"""The Spark path against the single-machine path: throughput per stage, where the time goes, and
what blocking does to story quality.

    python bench/spark_speed.py --speed 400        # N articles of the synthetic stream, both paths
    python bench/spark_speed.py --quality          # stories_dev: windows, stitching, LSH components

Speed (``--speed N``): the first N articles of bench/cluster.py's synthetic stream (texts of all of
../shared/data, cycled, dated 1,000 a day), written as JSON Lines. Same process, same machine:

- single machine: read (``iter_jsonl_lines``), analyse (``analyse_articles``, its own two
  processes from 32 articles), cluster (``StoryClusterer``), brief (``build_brief`` with the
  records, stories in a 2-process pool, as the batch command does);
- Spark ``local[2]``: session start, read (``read_corpus``, persisted and counted), analyse and
  write Parquet, cluster and write Parquet, brief and collect; plus an identity ``mapInPandas``
  pass over the analysed table (rows to pandas and back, nothing else: the serialisation cost),
  and the size of each table on disk (what a shuffle or a stage boundary moves).

Quality (``--quality``): stories_dev (1,716 articles, a dev split: looked at while building the
clusterer) in file order, BCubed F1 against its gold stories, of: the single machine; the Spark
clusterer with its default window (the whole pile is one window); with windows of 600 and 300
articles, stitched and not (``warmup=0``); and connected components of Spark ML's
MinHashLSH ``approxSimilarityJoin`` over the clusterer's own title+body stems, at two Jaccard
distances (the chaining that the window design avoids).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cluster import DATA, _texts, bcubed, synthetic  # noqa: E402

import newsfuse.spark as ns  # noqa: E402
from newsfuse.model import Article  # noqa: E402
from newsfuse.spark.columns import ORDER, article_from_row  # noqa: E402
from newsfuse.stories.cluster import StoryClusterer  # noqa: E402


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "_")))


class Clock:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, float]] = []

    def time(self, path: str, stage: str, fn):
        t = time.perf_counter()
        out = fn()
        self.rows.append((path, stage, time.perf_counter() - t))
        return out


def _write_stream(n: int, folder: Path) -> Path:
    path = folder / "stream.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for a in synthetic(n, _texts()):
            fh.write(
                json.dumps(
                    {"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.date.isoformat(), "text": a.text}
                )
                + "\n"
            )
    return path


_RECORDS: dict = {}


def _brief_one(item):
    from newsfuse.brief.build import build_brief
    from newsfuse.render.json import brief_to_json

    sid, articles = item
    return brief_to_json(build_brief(articles, story_id=sid, analyses=[_RECORDS[a.id] for a in articles]), indent=None)


def single_machine(path: Path, clock: Clock) -> None:
    from newsfuse.analysis.record import analyse_articles
    from newsfuse.ingest.records import iter_jsonl_lines

    def read() -> list[Article]:
        with path.open("rb") as fh:
            return [a for line in iter_jsonl_lines(fh, origin=str(path), stem=path.stem) for a in line.articles]

    articles = clock.time("single", "read", read)
    records = clock.time("single", "analyse", lambda: analyse_articles(articles))
    clusterer = StoryClusterer()
    assigned = clock.time("single", "cluster", lambda: [clusterer.add(a) for a in articles])
    stories: dict[str, list[Article]] = defaultdict(list)
    by_id = {a.id: a for a in articles}
    for a in assigned:
        if a.duplicate_of is None:
            stories[a.story_id].append(by_id[a.article_id])
    _RECORDS.update((r.article, r) for r in records)

    def brief() -> int:
        with get_context("fork").Pool(2) as pool:
            return len(pool.map(_brief_one, list(stories.items()), chunksize=4))

    clock.time("single", "brief", brief)


def on_spark(path: Path, folder: Path, clock: Clock) -> dict[str, float]:
    spark = clock.time("spark", "session start", lambda: ns.get_session("local[2]", app_name="newsfuse-bench"))
    corpus = ns.read_corpus(spark, [str(path)])
    articles = corpus.articles.persist()
    n = clock.time("spark", "read", articles.count)
    analysed_path, stories_path = folder / "analysis.parquet", folder / "stories.parquet"
    clock.time("spark", "analyse", lambda: ns.analyse(articles).write.parquet(str(analysed_path)))
    analysed = spark.read.parquet(str(analysed_path))
    identity = analysed.mapInPandas(lambda frames: (f for f in frames), analysed.schema)
    clock.time(
        "spark", "(serialisation: identity mapInPandas)", lambda: identity.write.format("noop").mode("overwrite").save()
    )
    clock.time("spark", "cluster", lambda: ns.cluster(analysed).write.parquet(str(stories_path)))
    stories = spark.read.parquet(str(stories_path))
    briefs = clock.time("spark", "brief", lambda: ns.brief(stories).orderBy(*ORDER).collect())
    sizes = {
        "articles (JSONL in)": path.stat().st_size / n,
        "analysis.parquet": _du(analysed_path) / n,
        "stories.parquet": _du(stories_path) / n,
        "briefs (JSON out)": sum(len(r["brief"] or "") for r in briefs) / n,
    }
    spark.stop()
    return sizes


def speed(n: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="newsfuse-spark-bench-"))
    try:
        path = _write_stream(n, folder)
        clock = Clock()
        single_machine(path, clock)
        sizes = on_spark(path, folder, clock)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"# {n} articles of the synthetic stream; {os.cpu_count()} cores, {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d', time.gmtime())}\n"
    )
    print("| path | stage | seconds | ms per article |")
    print("|---|---|---:|---:|")
    for path_name, stage, secs in clock.rows:
        print(f"| {path_name} | {stage} | {secs:.1f} | {1000 * secs / n:.1f} |")
    single = {s: t for p, s, t in clock.rows if p == "single"}
    sparks = {s: t for p, s, t in clock.rows if p == "spark"}
    print("\n| stage | Spark / single machine |")
    print("|---|---:|")
    for stage in ("read", "analyse", "cluster", "brief"):
        print(f"| {stage} | {sparks[stage] / single[stage]:.2f}x |")
    print("\n| table | bytes per article |")
    print("|---|---:|")
    for name, b in sizes.items():
        print(f"| {name} | {b:,.0f} |")


def _f1(pred: dict[str, str], ids: list[str], gold: list[str]) -> float:
    return bcubed([pred[i] for i in ids], gold)[2]


def _components(pairs: list[tuple[str, str]], ids: list[str]) -> dict[str, str]:
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    return {i: find(i) for i in ids}


def quality(distances: tuple[float, ...] = (0.8, 0.7), windows: bool = True) -> None:
    from pyspark.ml.feature import HashingTF, MinHashLSH
    from pyspark.sql import functions as F

    from newsfuse.stories.features import article_terms

    path = DATA / "stories_dev.jsonl"
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    gold_of = {r["id"]: r["story"] for r in lines}
    spark = ns.get_session("local[2]", app_name="newsfuse-bench")
    articles = ns.read_corpus(spark, [str(path)]).articles.persist()
    rows = articles.orderBy(*ORDER).collect()
    ids = [r["id"] for r in rows]
    gold = [gold_of[i] for i in ids]
    clusterer = StoryClusterer()
    single = {a.article_id: a.story_id for a in (clusterer.add(article_from_row(r.asDict())) for r in rows)}
    print(
        f"# stories_dev: {len(ids)} articles, {len(set(gold))} stories (dev split); "
        f"{time.strftime('%Y-%m-%d', time.gmtime())}\n"
    )
    print("| method | B3 F1 | stories | largest |")
    print("|---|---:|---:|---:|")

    def row(name: str, pred: dict[str, str]) -> None:
        sizes = defaultdict(int)
        for i in ids:
            sizes[pred[i]] += 1
        print(f"| {name} | {_f1(pred, ids, gold):.3f} | {len(sizes)} | {max(sizes.values())} |")

    row("single machine (StoryClusterer)", single)
    for window, warmup in ((None, None), (600, None), (600, 0), (300, None), (300, 0)) if windows else ():
        kwargs = {} if window is None else {"window": window, "warmup": warmup}
        pred = {r["id"]: r["story"] for r in ns.cluster(articles, **kwargs).select("id", "story").collect()}
        name = (
            "Spark, default window (10,000)"
            if window is None
            else (
                f"Spark, windows of {window}, "
                + ("stitched (warm-up = window)" if warmup is None else "cut (no warm-up)")
            )
        )
        row(name, pred)
    terms = []
    for r in rows:
        t = article_terms(article_from_row(r.asDict()), names=False)
        terms.append((r["id"], sorted(set(t.title) | set(t.body)) or ["<empty>"]))
    table = spark.createDataFrame(terms, "id string, terms array<string>")
    hashed = HashingTF(inputCol="terms", outputCol="tf", numFeatures=1 << 18, binary=True).transform(table)
    model = MinHashLSH(inputCol="tf", outputCol="hashes", numHashTables=8, seed=1).fit(hashed)
    for distance in distances:
        joined = model.approxSimilarityJoin(hashed, hashed, distance, distCol="d")
        pairs = joined.where(F.col("datasetA.id") < F.col("datasetB.id")).select("datasetA.id", "datasetB.id").collect()
        comp = _components([(a, b) for a, b in pairs], ids)
        row(f"connected components of MinHashLSH pairs, Jaccard distance < {distance} ({len(pairs)} pairs)", comp)
    spark.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=int, metavar="N", help="articles of the synthetic stream")
    parser.add_argument("--quality", action="store_true", help="stories_dev: windows, stitching, LSH components")
    parser.add_argument("--lsh", metavar="D,D", help="with --quality: only the LSH components, at these distances")
    args = parser.parse_args()
    if args.speed:
        speed(args.speed)
    if args.quality:
        if args.lsh:
            quality(tuple(float(d) for d in args.lsh.split(",")), windows=False)
        else:
            quality()
    if not args.speed and not args.quality:
        parser.print_help()


if __name__ == "__main__":
    main()
