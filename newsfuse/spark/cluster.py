"""Stage 2: articles -> stories, by the single-machine online clusterer, one stream window per task.

:class:`newsfuse.stories.cluster.StoryClusterer` reads a stream in order and keeps a story open
("hot") while it had an article within the last ``HOT_WINDOW_ARTICLES`` articles (and
``HOT_WINDOW_DAYS`` days). That window is the blocking key here:

1. **Stream order.** Rows are ordered as ``newsfuse cluster`` reads a pile (input file, line,
   article of a story line) and numbered (``pos``).
2. **Windows.** Window ``k`` holds positions ``[k*W, (k+1)*W)``, ``W`` = the clusterer's hot window
   in articles. Each window also gets the ``warmup`` articles before it (default ``W``: every story
   still hot at the window's start has a member there), so its clusterer starts with the stories
   and term statistics of the stream so far, as the single machine would have them.
3. **One clusterer per window** (``groupBy(window).applyInPandas``): the same
   ``StoryClusterer.add`` decisions (learned merge decision, duplicates, copies), through its public
   API only. Its decisions on the warm-up articles are not kept: those articles belong to the
   window before.
4. **Stitching, without chains.** A story that window ``k`` opened with warm-up articles in it is
   the window-``k-1`` story that holds most of those articles (one target each, ties to the
   earliest): a story continues across the boundary, and two window-``k-1`` stories are never
   joined through it. Connected components of a "same story" graph chain unrelated stories
   (bench/spark_speed.py measures how much on stories_dev); here every link is a clusterer's own
   decision, and each story has at most one predecessor.

Within one window the result is the single machine's exactly (a pile of up to ``W`` articles,
stories_dev included, is one window). Across windows it differs only where a story's centroid or
a term's frequency reaches further back than the warm-up; docs/scale.md gives the cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsfuse.spark.columns import ORDER, article_from_row
from newsfuse.stories.cluster import HOT_WINDOW_ARTICLES, StoryClusterer

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["cluster", "cluster_window", "ASSIGNMENT_SCHEMA"]

ASSIGNMENT_SCHEMA = (
    "window long, pos long, id string, warm boolean, local_story string, duplicate_of string, copy_of string"
)
_NEEDED = ("id", "text", "title", "outlet", "date", "url", "origin", "language")


def cluster_window(frame: pd.DataFrame) -> pd.DataFrame:
    """The clusterer's assignments for one window's rows (warm-up first, in stream order)."""
    import pandas as pd

    frame = frame.sort_values("pos", kind="stable")
    clusterer = StoryClusterer()
    rows = []
    for r in frame.to_dict("records"):
        a = clusterer.add(article_from_row(r))
        rows.append(
            (int(r["window"]), int(r["pos"]), a.article_id, bool(r["warm"]), a.story_id, a.duplicate_of, a.copy_of)
        )
    return pd.DataFrame(rows, columns=["window", "pos", "id", "warm", "local_story", "duplicate_of", "copy_of"])


def _numbered(articles: DataFrame) -> DataFrame:
    """``id`` and its stream position ``pos`` (a sort of the keys only, then zipWithIndex)."""
    keys = articles.select("id", *ORDER).orderBy(*ORDER, "id")
    spark = articles.sparkSession
    pairs = keys.rdd.zipWithIndex().map(lambda x: (x[0]["id"], x[1]))
    return spark.createDataFrame(pairs, "id string, pos long")


def cluster(articles: DataFrame, window: int = HOT_WINDOW_ARTICLES, warmup: int | None = None) -> DataFrame:
    """``articles`` with ``story`` set to the story each joins and ``duplicate_of`` / ``copy_of``
    (see the module doc). ``window``: articles per window; ``warmup``: articles before a window
    its clusterer reads first (default ``window``)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    if window < 1:
        raise ValueError("window must be at least 1 article")
    warmup = window if warmup is None else max(0, warmup)
    numbered = _numbered(articles)
    cols = [c for c in _NEEDED if c in articles.columns]
    base = articles.select(*cols).join(numbered, "id").withColumn("window", (F.col("pos") / window).cast("long"))
    core = base.withColumn("warm", F.lit(False))
    # The warm-up rows of window k: the `warmup` positions before k*W, possibly several windows back.
    reach = -(-warmup // window) if warmup else 0
    warm_parts = []
    for back in range(1, reach + 1):
        shifted = base.withColumn("window", F.col("window") + back)
        warm_parts.append(
            shifted.where(F.col("pos") >= F.col("window") * window - warmup).withColumn("warm", F.lit(True))
        )
    rows = core
    for part in warm_parts:
        rows = rows.unionByName(part)
    last = base.agg(F.max("window")).first()[0]
    if last is None:
        return articles.withColumn("duplicate_of", F.lit(None).cast("string")).withColumn(
            "copy_of", F.lit(None).cast("string")
        )
    rows = rows.where(F.col("window") <= last)
    assigned = rows.groupBy("window").applyInPandas(cluster_window, ASSIGNMENT_SCHEMA).persist()

    # Stitch: a warm-up article's story in window k votes for its own (core) story in window k-1's
    # ... owner: the window its position belongs to.
    owner = assigned.where(~F.col("warm")).select(
        "id", F.col("window").alias("own_window"), F.col("local_story").alias("own_story"), F.col("pos")
    )
    votes = (
        assigned.where(F.col("warm"))
        .select("window", "local_story", "id")
        .join(owner, "id")
        .groupBy("window", "local_story", "own_window", "own_story")
        .agg(F.count("*").alias("n"), F.min("pos").alias("first"))
    )
    best = Window.partitionBy("window", "local_story").orderBy(F.desc("n"), F.asc("first"))
    links = votes.withColumn("rank", F.row_number().over(best)).where("rank = 1").collect()
    target = {(r["window"], r["local_story"]): (r["own_window"], r["own_story"]) for r in links}
    final = {key: _resolve(key, target) for key in target}
    spark = articles.sparkSession
    mapping = spark.createDataFrame(
        [(w, s, story) for (w, s), story in final.items()], "window long, local_story string, story string"
    )
    stories = (
        assigned.where(~F.col("warm"))
        .join(F.broadcast(mapping), ["window", "local_story"], "left")
        .select("id", F.coalesce("story", "local_story").alias("story"), "duplicate_of", "copy_of")
    )
    assigned.unpersist()
    rest = [c for c in articles.columns if c not in ("story", "duplicate_of", "copy_of")]
    return articles.select(*rest).join(stories, "id")


def _resolve(key: tuple[int, str], target: dict[tuple[int, str], tuple[int, str]]) -> str:
    """The story id ``key`` (window, local story) continues, following links back."""
    seen = 0
    while key in target and seen <= len(target):
        key = target[key]
        seen += 1
    return key[1]
