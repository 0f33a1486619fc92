"""Read a corpus into a table of articles, with the ingest's own readers and id rules.

Inputs are files, folders or globs on a file system the executors see (local, NFS; Parquet may be
any URI Spark reads). By kind:

- **JSON Lines** (``.jsonl``, ``.ndjson``, gzipped or not, found by the gzip magic bytes): one
  record or one story ``{"id", "articles": [...]}`` a line, read line by line in a task per file
  by :func:`newsfuse.ingest.records.iter_jsonl_lines`: the same records, origins (``path:line``)
  and problems as ``newsfuse brief``; a story line's articles keep its id as their ``story``.
- **Parquet** (``.parquet`` file or folder): one record a row, its columns named as a JSON
  record's keys (``text``, ``id``, ``title``, ``outlet``, ``date``, ``url``...), read by
  :func:`newsfuse.ingest.records.record_to_article`; origin ``path#row``.
- **Anything else** (text, HTML, JSON, feeds): one task per file, read by
  :func:`newsfuse.ingest.load.load_file` and given its language as ``newsfuse brief`` does;
  then the lines a site repeats across its pages are marked as furniture, as ``newsfuse brief
  FILES...`` marks them over one call (:mod:`newsfuse.spark.furniture`: one task per site group,
  over the page files of the corpus; JSON Lines and Parquet records are read as the batch
  command reads story lines, without it). As ``load`` does, an outlet that is only a file stem
  shared by page files in different folders becomes ``folder/stem``.

Ids (:mod:`newsfuse.ingest.outlet`): a record's own id, else its canonical URL's hash, else its
text's hash; then made unique over the whole corpus as one ``load`` call makes them unique:
articles wanting one id are ordered by outlet, title, date and URL, the first keeps it and the
others get ``-2``, ``-3``... (a shuffle of the ids only, and of the few rows that clash).

A line or file that cannot be read is a problem row (``problem_origin``, ``problem_message``):
counted and reported; everything else is still read.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsfuse.errors import InputError
from newsfuse.ingest.files import folder_files, glob_paths
from newsfuse.ingest.gzipped import GZIP_MAGIC
from newsfuse.model import Article, Problem
from newsfuse.spark.columns import ARTICLE_COLUMNS, ARTICLE_SCHEMA, ORDER, article_from_row, article_row
from newsfuse.spark.session import ARROW_BATCH_ROWS

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["Corpus", "READ_SCHEMA", "expand_inputs", "read_corpus", "unique_ids"]

READ_SCHEMA = ARTICLE_SCHEMA + ", problem_origin string, problem_message string"
_JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_RECORD_COLUMNS = (
    "id",
    "text",
    "title",
    "outlet",
    "source",
    "site",
    "publisher",
    "date",
    "published",
    "published_at",
    "pubdate",
    "url",
    "link",
)
_GLOB = set("*?[")


@dataclass
class Corpus:
    """The articles read (a DataFrame of :data:`~newsfuse.spark.columns.ARTICLE_SCHEMA`), the
    problems (a DataFrame of ``problem_origin``, ``problem_message``) and the inputs that named
    nothing (found on the driver)."""

    articles: DataFrame
    problems: DataFrame
    missing: list[Problem]


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".parquet") or (path.is_dir() and any(path.glob("*.parquet"))):
        return "parquet"
    if name.endswith(_JSONL):
        return "jsonl"
    return "file"


def expand_inputs(inputs: Sequence[str]) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(path, kind) for each file the inputs name, in order, and a problem per input naming none."""
    found: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for item in inputs:
        path = Path(item)
        if "://" in item and not item.startswith("file://"):
            found.append((item, "parquet"))  # a URI only Spark can open: Parquet
            continue
        if path.is_dir() and _kind(path) != "parquet":
            files = [f for f in folder_files(path)]
            if not files:
                problems.append(Problem(item, "folder has no files to read"))
            found += [(str(f), _kind(f)) for f in files]
        elif path.exists():
            found.append((item, _kind(path)))
        elif _GLOB & set(item):
            matches = glob_paths(item)
            if not matches:
                problems.append(Problem(item, "no file matches this pattern"))
            found += [(str(m), _kind(m)) for m in matches]
        else:
            problems.append(Problem(item, "no such file or folder"))
    return found, problems


def _problem_row(file_no: int, line: int, problem: Problem) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(ARTICLE_COLUMNS)
    row.update(file_no=file_no, line=line, item=0, problem_origin=problem.origin, problem_message=problem.message)
    return row


def _rows_of_jsonl(file_no: int, path: str) -> Iterator[dict[str, Any]]:
    from newsfuse.ingest.records import iter_jsonl_lines

    stem = Path(path).stem or Path(path).name
    try:
        with open(path, "rb") as raw:
            gzipped = raw.read(2) == GZIP_MAGIC
        fh = gzip.open(path, "rb") if gzipped else open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as err:
        yield _problem_row(file_no, 0, Problem(path, (err.strerror or "cannot be read").lower()))
        return
    with fh:
        try:
            for line in iter_jsonl_lines(fh, origin=path, stem=stem):
                for k, article in enumerate(line.articles):
                    mine = [p for p in line.problems if not p.fatal and p.origin == article.origin]
                    yield article_row(
                        article, file_no=file_no, line=line.lineno, item=k, story=line.story, warnings=mine
                    )
                for p in line.problems:
                    if p.fatal:
                        yield _problem_row(file_no, line.lineno, p)
        except (OSError, EOFError) as err:  # a broken gzip stream: what was read so far stays
            yield _problem_row(file_no, 0, Problem(path, f"broken gzip data ({err})"))


def _rows_of_file(file_no: int, path: str) -> Iterator[dict[str, Any]]:
    from newsfuse.ingest.language import with_language
    from newsfuse.ingest.load import load_file

    try:
        articles, problems = load_file(Path(path))
    except InputError as err:
        yield _problem_row(file_no, 0, Problem(err.origin, err.message))
        return
    for k, article in enumerate(articles):
        yield article_row(
            with_language(article),
            file_no=file_no,
            line=0,
            item=k,
            story=None,
            warnings=[p for p in problems if not p.fatal],
        )
    for p in problems:
        if p.fatal:
            yield _problem_row(file_no, 0, p)


def _frames(rows: Iterator[dict[str, Any]]) -> Iterator[pd.DataFrame]:
    import pandas as pd

    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append({c: row.get(c) for c in _READ_COLUMNS})  # every key: an all-None column stays None
        if len(batch) >= ARROW_BATCH_ROWS:
            yield pd.DataFrame(batch, columns=_READ_COLUMNS)
            batch = []
    if batch:
        yield pd.DataFrame(batch, columns=_READ_COLUMNS)


_READ_COLUMNS = [*ARTICLE_COLUMNS, "problem_origin", "problem_message"]


def _read_files(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for frame in frames:
        for task in frame.to_dict("records"):
            reader = _rows_of_jsonl if task["kind"] == "jsonl" else _rows_of_file
            yield from _frames(reader(int(task["file_no"]), str(task["path"])))


def _read_records(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    from newsfuse.ingest.records import record_to_article

    def rows() -> Iterator[dict[str, Any]]:
        for frame in frames:
            for r in frame.to_dict("records"):
                path, file_no, line = str(r.pop("_path")), int(r.pop("_file_no")), int(r.pop("_row"))
                origin = f"{path}#{line + 1}"
                record = {k: v for k, v in r.items() if isinstance(v, str)}
                stem = Path(path).stem or Path(path).name
                try:
                    article, warnings = record_to_article(record, origin=origin, fallback_outlet=stem)
                except InputError as err:
                    yield _problem_row(file_no, line, Problem(err.origin, err.message))
                    continue
                yield article_row(article, file_no=file_no, line=line, item=0, story=None, warnings=warnings)

    yield from _frames(rows())


def _parquet_rows(spark: SparkSession, file_no: int, path: str) -> DataFrame:
    from pyspark.sql import functions as F

    table = spark.read.parquet(path)
    present = [c for c in table.columns if c.lower() in _RECORD_COLUMNS]
    cols = [F.col(c).cast("string").alias(c.lower()) for c in present]
    table = table.select(
        *cols,
        F.lit(path).alias("_path"),
        F.lit(file_no).alias("_file_no"),
        F.monotonically_increasing_id().alias("_row"),
    )
    return table.mapInPandas(_read_records, READ_SCHEMA)


def read_corpus(spark: SparkSession, inputs: Sequence[str]) -> Corpus:
    """The articles of ``inputs`` (see the module doc), ids unique over the corpus."""
    files, missing = expand_inputs(inputs)
    tasks = [(n, path, kind) for n, (path, kind) in enumerate(files) if kind != "parquet"]
    parts: list[DataFrame] = []
    if tasks:
        table = spark.createDataFrame(tasks, "file_no int, path string, kind string")
        parts.append(
            table.repartition(min(len(tasks), spark.sparkContext.defaultParallelism * 4)).mapInPandas(
                _read_files, READ_SCHEMA
            )
        )
    parts += [_parquet_rows(spark, n, path) for n, (path, kind) in enumerate(files) if kind == "parquet"]
    if not parts:
        empty = spark.createDataFrame([], READ_SCHEMA)
        return Corpus(empty.select(*ARTICLE_COLUMNS), empty.select("problem_origin", "problem_message"), missing)
    rows = parts[0]
    for more in parts[1:]:
        rows = rows.unionByName(more)
    pages = [(n, path) for n, path, kind in tasks if kind == "file"]
    rows = _stem_outlets(rows.persist(), pages)  # files read once: the renaming reads the kept rows
    articles = unique_ids(rows.where("id is not null").select(*ARTICLE_COLUMNS))
    if pages:
        articles = _with_furniture(articles, [n for n, _ in pages])
    problems = rows.where("id is null").select("problem_origin", "problem_message", *ORDER).orderBy(*ORDER)
    return Corpus(articles, problems.select("problem_origin", "problem_message"), missing)


def _stem_outlets(rows: DataFrame, pages: list[tuple[int, str]]) -> DataFrame:
    """``rows`` with the outlets ``load`` renames: an outlet that is only its file's stem, where
    page files of that stem in different places have such articles, becomes ``folder/stem``
    (``a/report``, ``b/report``). Only files sharing a stem are looked at (a small job)."""
    from pyspark.sql import functions as F

    by_stem: dict[str, list[tuple[int, Path]]] = {}
    for n, path in pages:
        by_stem.setdefault(Path(path).stem, []).append((n, Path(path)))
    shared = [(n, stem, p) for stem, files in by_stem.items() for n, p in files if len(files) > 1]
    if not shared:
        return rows
    spark = rows.sparkSession
    stems = spark.createDataFrame([(n, stem) for n, stem, _ in shared], "file_no int, _stem string")
    hits = rows.join(F.broadcast(stems), "file_no").where(F.col("outlet") == F.col("_stem"))
    named = {r["file_no"] for r in hits.select("file_no").distinct().collect()}
    places: dict[str, set[Path]] = {}
    for n, stem, path in shared:
        if n in named:
            places.setdefault(stem, set()).add(path.resolve())
    renames = [
        (n, stem, f"{path.parent.name}/{stem}" if path.parent.name else stem)
        for n, stem, path in shared
        if n in named and len(places[stem]) > 1
    ]
    if not renames:
        return rows
    table = spark.createDataFrame(renames, "file_no int, _stem string, _outlet string")
    joined = rows.join(F.broadcast(table), "file_no", "left")
    renamed = F.when(F.col("outlet") == F.col("_stem"), F.col("_outlet")).otherwise(F.col("outlet"))
    return joined.withColumn("outlet", renamed).select(*rows.columns)


def _with_furniture(articles: DataFrame, file_nos: list[int]) -> DataFrame:
    """The articles of the page files (``file_nos``) with their sites' furniture marked
    (:mod:`newsfuse.spark.furniture`); the other rows as they are."""
    from pyspark.sql import functions as F

    from newsfuse.spark.furniture import mark_site_furniture

    files = articles.sparkSession.createDataFrame([(n,) for n in file_nos], "file_no int")
    pages = articles.join(F.broadcast(files), "file_no", "left_semi")
    rest = articles.join(F.broadcast(files), "file_no", "left_anti")
    return rest.select(*ARTICLE_COLUMNS).unionByName(mark_site_furniture(pages).select(*ARTICLE_COLUMNS))


def _renumber(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that want one id: unique ids by :func:`newsfuse.ingest.outlet.assign_ids`."""
    from newsfuse.ingest.outlet import assign_ids

    frame = frame.sort_values(list(ORDER), kind="stable").reset_index(drop=True)
    articles: list[Article] = [article_from_row(r) for r in frame.to_dict("records")]
    frame["id"] = [a.id for a in assign_ids(articles)]
    return frame


def unique_ids(articles: DataFrame) -> DataFrame:
    """``articles`` with ids unique over the whole table (see the module doc)."""
    clashing = articles.groupBy("id").count().where("count > 1").select("id")
    alone = articles.join(clashing, "id", "left_anti")
    shared = articles.join(clashing, "id", "left_semi").groupBy("id").applyInPandas(_renumber, ARTICLE_SCHEMA)
    return alone.select(*ARTICLE_COLUMNS).unionByName(shared.select(*ARTICLE_COLUMNS))
