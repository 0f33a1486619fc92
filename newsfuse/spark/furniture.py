"""Site furniture on Spark: the cross-page marking ``newsfuse brief FILES...`` does, per site group.

:func:`newsfuse.ingest.furniture.mark_furniture` (run by :func:`newsfuse.ingest.load.load` over
every article of a call) marks a line as furniture from two groupings: the articles of one outlet
(case folded) and the entries of one feed file (origin ``path#n``). Its result for an article
depends only on the members of that article's outlet group and feed group. So the same function
gives the same marks when it runs on any set of articles that holds whole outlet groups and whole
feed groups: here, one ``groupBy(site).applyInPandas`` task per *site group*, the outlets joined
through the feeds they share (a feed of many outlets, an aggregator's, puts them in one group).
For pages that are not feed entries a site group is one outlet.

The site groups come from the distinct (outlet, feed) pairs only, collected to the driver and
joined by union-find there (a few rows per outlet and feed, never per article).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsfuse.spark.columns import ARTICLE_COLUMNS, ARTICLE_SCHEMA, article_from_row

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["mark_site_furniture", "mark_group", "site_groups", "FEED_ORIGIN"]

#: A feed entry's origin, ``path#n`` (as :func:`newsfuse.ingest.furniture` reads it): group 1 is
#: the feed file.
FEED_ORIGIN = r"^(.*)#([0-9]+)$"


def mark_group(frame: pd.DataFrame) -> pd.DataFrame:
    """One site group's rows with their furniture lines added to ``boilerplate`` (the text is
    not changed), by :func:`~newsfuse.ingest.furniture.mark_furniture` itself."""
    from newsfuse.ingest.furniture import mark_furniture

    rows = frame[list(ARTICLE_COLUMNS)].copy()
    marked = mark_furniture([article_from_row(r) for r in rows.to_dict("records")])
    rows["boilerplate"] = [[{"start": s.start, "end": s.end} for s in a.boilerplate] for a in marked]
    return rows


def site_groups(outlets: list[str | None], pairs: list[tuple[str | None, str]]) -> dict[str | None, str]:
    """The site group of each outlet: outlets with one case-folded name are one group, and the
    outlets of one feed (``pairs``: outlet, feed file) are joined into one."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for outlet, feed in pairs:
        a, b = find(("outlet", (outlet or "").casefold())), find(("feed", feed))
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {o: "\x1f".join(find(("outlet", (o or "").casefold()))) for o in outlets}


def mark_site_furniture(articles: DataFrame) -> DataFrame:
    """``articles`` (:data:`~newsfuse.spark.columns.ARTICLE_SCHEMA`) with the furniture of their
    site groups marked, as one ``load`` call over them all would mark it."""
    from pyspark.sql import functions as F

    spark = articles.sparkSession
    feed = F.regexp_extract(F.coalesce(F.col("origin"), F.lit("")), FEED_ORIGIN, 1)
    pairs = articles.select("outlet", feed.alias("feed")).where(F.col("feed") != "").distinct().collect()
    outlets = [r["outlet"] for r in articles.select("outlet").distinct().collect()]
    groups = site_groups(outlets, [(r["outlet"], r["feed"]) for r in pairs])
    table = spark.createDataFrame(list(groups.items()), "outlet string, _site string")
    keyed = articles.join(F.broadcast(table), articles["outlet"].eqNullSafe(table["outlet"])).drop(table["outlet"])
    return keyed.groupBy("_site").applyInPandas(mark_group, ARTICLE_SCHEMA)
