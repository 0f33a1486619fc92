"""The Spark path against the single-machine path: throughput per stage, where the time goes, the
marginal cost per article, and what blocking does to story quality.

    python bench/spark_speed.py --speed 500,2000 --full 20000   # both paths, per stage
    python bench/spark_speed.py --quality                       # stories_dev: windows, stitching, LSH

Speed (``--speed N1,N2 [--full N]``): prefixes of bench/cluster.py's synthetic stream (texts of all
of ../shared/data, cycled, dated 1,000 a day), written as JSON Lines. Same process, same machine,
the two paths interleaved size by size (a change of load hits both):

- single machine: read (``iter_jsonl_lines``), analyse (``analyse_articles``, its own two
  processes from 32 articles), cluster (``StoryClusterer``), brief (``build_brief`` with the
  records, stories in a 2-process pool, as the batch command does); its start-up (spaCy loaded
  in the main process) is timed once, first;
- Spark ``local[2]``: session start and a first job (read and analyse 64 articles: starts the
  Python workers, each loads spaCy) timed once, first; then per size: read (``read_corpus``,
  persisted and counted), an identity ``mapInPandas`` pass over the articles (rows to pandas and
  back, nothing else: the serialisation cost), analyse and write Parquet, the same identity pass
  over the analysed table, cluster and write Parquet, brief and collect.

Analyse and brief run at N1 and N2; read and cluster (cheap) also at ``--full`` (the issue's
20,000). Each stage gives wall seconds, CPU seconds of the whole process tree (this process, the
JVM, the Python workers, pools: /proc, sampled, the dead ones kept), and the 1-minute load
average at its end. The marginal cost per article of a stage is the difference between its two
largest sizes divided by the difference in articles (fixed costs cancel); the fixed part is what
the smaller size leaves.

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

#: Articles of the Spark path's first job (worker start, spaCy load), timed apart from the sizes.
FIRST_JOB_ARTICLES = 64


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "_")))


def _proc_table() -> dict[tuple[int, str], tuple[int, int, int]]:
    """(pid, start time) -> (parent pid, utime + stime, cutime + cstime) of every process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        table[(int(entry), fields[19])] = (
            int(fields[1]),
            int(fields[11]) + int(fields[12]),
            int(fields[13]) + int(fields[14]),
        )
    return table


class CpuMeter:
    """CPU seconds of this process and all its descendants, the dead ones included.

    Sampled from /proc every :data:`SAMPLE_SECONDS` in a thread. This process's reaped children
    are in its own ``cutime``; other processes' children may be reaped without their times being
    added anywhere (PySpark's daemon ignores SIGCHLD, and Spark stops Python workers idle for a
    minute), so each descendant's last sampled CPU is kept after it is gone. A process that dies
    loses at most its CPU of the last interval (idle workers: none)."""

    SAMPLE_SECONDS = 0.5

    def __init__(self) -> None:
        import threading

        self.me = os.getpid()
        self.tick = os.sysconf("SC_CLK_TCK")
        self.last: dict[tuple[int, str], tuple[int, int]] = {}  # key -> (parent, utime + stime)
        self.lock = threading.Lock()
        self.sample()
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self) -> None:
        while True:
            time.sleep(self.SAMPLE_SECONDS)
            self.sample()

    def sample(self) -> float:
        table = _proc_table()
        parent = {pid: ppid for (pid, _), (ppid, _, _) in table.items()}

        def mine(pid: int) -> bool:
            for _ in range(64):
                if pid == self.me:
                    return True
                if pid <= 1 or pid not in parent:
                    return False
                pid = parent[pid]
            return False

        own = 0
        with self.lock:
            for key, (ppid, used, reaped) in table.items():
                if key[0] == self.me:
                    own = used + reaped
                elif mine(key[0]):
                    self.last[key] = (ppid, used)
            # a gone child of this process was reaped by it: its time is in our cutime now
            gone = [k for k, (ppid, _) in self.last.items() if k not in table and ppid == self.me]
            for k in gone:
                del self.last[k]
            others = sum(used for _, used in self.last.values())
        return (own + others) / self.tick


class Clock:
    """Wall and process-tree CPU seconds per (path, stage, size), printed as they are taken."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, int, float, float, float]] = []
        self.cpu = CpuMeter()

    def time(self, path: str, stage: str, n: int, fn):
        t, c = time.perf_counter(), self.cpu.sample()
        out = fn()
        wall, cpu = time.perf_counter() - t, self.cpu.sample() - c
        load = os.getloadavg()[0]
        self.rows.append((path, stage, n, wall, cpu, load))
        print(f"| {path} | {stage} | {n:,} | {wall:.1f} | {cpu:.1f} | {1000 * wall / n:.1f} | {load:.1f} |", flush=True)
        return out

    def get(self, path: str, stage: str, n: int) -> tuple[float, float] | None:
        for p, s, k, wall, cpu, _ in self.rows:
            if (p, s, k) == (path, stage, n):
                return wall, cpu
        return None


def _write_stream(sizes: list[int], folder: Path) -> dict[int, Path]:
    """One JSON Lines file per size, each a prefix of the same stream."""
    top = max(sizes)
    lines = [
        json.dumps({"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.date.isoformat(), "text": a.text})
        + "\n"
        for a in synthetic(top, _texts())
    ]
    paths = {}
    for n in sorted(set(sizes)):
        paths[n] = folder / f"stream{n}.jsonl"
        paths[n].write_text("".join(lines[:n]), encoding="utf-8")
    return paths


_RECORDS: dict = {}


def _brief_one(item):
    from newsfuse.brief.build import build_brief
    from newsfuse.render.json import brief_to_json

    sid, articles = item
    return brief_to_json(build_brief(articles, story_id=sid, analyses=[_RECORDS[a.id] for a in articles]), indent=None)


def _read_single(path: Path) -> list[Article]:
    from newsfuse.ingest.records import iter_jsonl_lines

    with path.open("rb") as fh:
        return [a for line in iter_jsonl_lines(fh, origin=str(path), stem=path.stem) for a in line.articles]


def single_machine(path: Path, n: int, clock: Clock, full: bool) -> None:
    """The single-machine stages on ``path`` (``n`` articles); ``full``: read and cluster only."""
    from newsfuse.analysis.record import analyse_articles

    articles = clock.time("single", "read", n, lambda: _read_single(path))
    if full:
        clusterer = StoryClusterer()
        clock.time("single", "cluster", n, lambda: [clusterer.add(a) for a in articles])
        return
    records = clock.time("single", "analyse", n, lambda: analyse_articles(articles))
    clusterer = StoryClusterer()
    assigned = clock.time("single", "cluster", n, lambda: [clusterer.add(a) for a in articles])
    stories: dict[str, list[Article]] = defaultdict(list)
    by_id = {a.id: a for a in articles}
    for a in assigned:
        if a.duplicate_of is None:
            stories[a.story_id].append(by_id[a.article_id])
    _RECORDS.clear()
    _RECORDS.update((r.article, r) for r in records)

    def brief() -> int:
        with get_context("fork").Pool(2) as pool:
            return len(pool.map(_brief_one, list(stories.items()), chunksize=4))

    clock.time("single", "brief", n, brief)


def _identity(frame):
    return frame.mapInPandas(lambda frames: (f for f in frames), frame.schema)


def spark_first_job(spark, path: Path, clock: Clock) -> None:
    """Read and analyse a few articles (dealt over the partitions): Python workers started, spaCy loaded."""

    def job() -> None:
        articles = ns.read_corpus(spark, [str(path)]).articles
        ns.analyse(articles).write.format("noop").mode("overwrite").save()

    clock.time("spark", "first job (workers start, load spaCy)", FIRST_JOB_ARTICLES, job)


def on_spark(spark, path: Path, n: int, folder: Path, clock: Clock, full: bool) -> dict[str, float]:
    """The Spark stages on ``path``; ``full``: read and cluster only. Bytes per article of each table."""
    articles = ns.read_corpus(spark, [str(path)]).articles.persist()
    clock.time("spark", "read", n, articles.count)
    clock.time(
        "spark",
        "(serialisation: identity over articles)",
        n,
        lambda: _identity(articles).write.format("noop").mode("overwrite").save(),
    )
    stories_path = folder / f"stories{n}.parquet"
    if full:
        clock.time("spark", "cluster", n, lambda: ns.cluster(articles).write.parquet(str(stories_path)))
        articles.unpersist()
        return {"articles (JSONL in)": path.stat().st_size / n, "stories.parquet (no analysis)": _du(stories_path) / n}
    analysed_path = folder / f"analysis{n}.parquet"
    clock.time("spark", "analyse", n, lambda: ns.analyse(articles).write.parquet(str(analysed_path)))
    analysed = spark.read.parquet(str(analysed_path))
    clock.time(
        "spark",
        "(serialisation: identity over analysed)",
        n,
        lambda: _identity(analysed).write.format("noop").mode("overwrite").save(),
    )
    clock.time("spark", "cluster", n, lambda: ns.cluster(analysed).write.parquet(str(stories_path)))
    stories = spark.read.parquet(str(stories_path))
    briefs = clock.time("spark", "brief", n, lambda: ns.brief(stories).orderBy(*ORDER).collect())
    articles.unpersist()
    return {
        "articles (JSONL in)": path.stat().st_size / n,
        "analysis.parquet": _du(analysed_path) / n,
        "stories.parquet": _du(stories_path) / n,
        "briefs (JSON out)": sum(len(r["brief"] or "") for r in briefs) / n,
    }


_STAGES = (
    ("single", "read"),
    ("spark", "read"),
    ("spark", "(serialisation: identity over articles)"),
    ("single", "analyse"),
    ("spark", "analyse"),
    ("spark", "(serialisation: identity over analysed)"),
    ("single", "cluster"),
    ("spark", "cluster"),
    ("single", "brief"),
    ("spark", "brief"),
)


def _marginal(clock: Clock, sizes: list[int]) -> None:
    print(
        "\n| path | stage | sizes | marginal wall ms/article | marginal CPU ms/article | fixed wall s | fixed CPU s |"
    )
    print("|---|---|---|---:|---:|---:|---:|")
    marginal: dict[tuple[str, str], float] = {}
    for path, stage in _STAGES:
        have = [n for n in sorted(set(sizes)) if clock.get(path, stage, n)]
        if len(have) < 2:
            continue
        n1, n2 = have[-2], have[-1]
        (w1, c1), (w2, c2) = clock.get(path, stage, n1), clock.get(path, stage, n2)
        mw, mc = (w2 - w1) / (n2 - n1), (c2 - c1) / (n2 - n1)
        marginal[(path, stage)] = mc
        print(
            f"| {path} | {stage} | {n1:,} -> {n2:,} | {1000 * mw:.2f} | {1000 * mc:.2f} "
            f"| {w1 - n1 * mw:.1f} | {c1 - n1 * mc:.1f} |"
        )
    print("\n| stage | marginal CPU, Spark / single machine |")
    print("|---|---:|")
    for stage in ("read", "analyse", "cluster", "brief"):
        a, b = marginal.get(("spark", stage)), marginal.get(("single", stage))
        if a is not None and b:
            print(f"| {stage} | {a / b:.2f}x |")


def speed(sizes: list[int], full: int | None) -> None:
    folder = Path(tempfile.mkdtemp(prefix="newsfuse-spark-bench-"))
    all_sizes = sorted(set(sizes) | ({full} if full else set()) | {FIRST_JOB_ARTICLES})
    print(
        f"# synthetic stream, sizes {sizes}, read and cluster also at {full}; {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, nice {os.nice(0)}, {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n",
        flush=True,
    )
    print("| path | stage | articles | wall s | CPU s | wall ms/article | load (1 min) |")
    print("|---|---|---:|---:|---:|---:|---:|", flush=True)
    sizes_out: dict[int, dict[str, float]] = {}
    try:
        paths = _write_stream(all_sizes, folder)
        clock = Clock()
        from newsfuse.analysis.nlp import load_nlp

        clock.time("single", "start-up (load spaCy)", 1, load_nlp)
        spark = clock.time("spark", "session start", 1, lambda: ns.get_session("local[2]", app_name="newsfuse-bench"))
        spark_first_job(spark, paths[FIRST_JOB_ARTICLES], clock)
        runs = ([(full, True)] if full else []) + [(n, False) for n in sorted(set(sizes))]
        for n, is_full in runs:
            single_machine(paths[n], n, clock, is_full)
            sizes_out[n] = on_spark(spark, paths[n], n, folder, clock, is_full)
        spark.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _marginal(clock, [n for n, _ in runs])
    print("\n| size | table | bytes per article |")
    print("|---:|---|---:|")
    for n, tables in sizes_out.items():
        for name, b in tables.items():
            print(f"| {n:,} | {name} | {b:,.0f} |")
    print(
        f"\n# done {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )


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
    parser.add_argument("--speed", metavar="N1,N2", help="sizes (articles of the synthetic stream), all stages")
    parser.add_argument("--full", type=int, metavar="N", help="with --speed: read and cluster also at N articles")
    parser.add_argument("--quality", action="store_true", help="stories_dev: windows, stitching, LSH components")
    parser.add_argument("--lsh", metavar="D,D", help="with --quality: only the LSH components, at these distances")
    args = parser.parse_args()
    if args.speed:
        speed([int(x) for x in args.speed.split(",")], args.full)
    if args.quality:
        if args.lsh:
            quality(tuple(float(d) for d in args.lsh.split(",")), windows=False)
        else:
            quality()
    if not args.speed and not args.quality:
        parser.print_help()


if __name__ == "__main__":
    main()
