"""Stage 1: the per-article analysis, in Python workers, by the single-machine code.

Each Arrow batch of article rows becomes :class:`~newsfuse.model.Article` objects and goes through
:func:`newsfuse.analysis.record.analyse_articles` (one ``nlp.pipe`` per batch, one process per
Spark task): the records ``newsfuse brief`` computes, written with the codec
(:mod:`newsfuse.analysis.codec`) as one JSON string per row. spaCy is loaded by the worker on its
first batch (``load_nlp`` keeps it for the life of the reused worker process); nothing is
shipped from the driver but the function. An article whose analysis fails keeps its row, with
``analysis`` null and ``error`` saying why; the other articles of its batch are still analysed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsfuse.spark.columns import ANALYSIS_SCHEMA, ARTICLE_COLUMNS, article_from_row

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["analyse", "analyse_frame"]


def analyse_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """One batch of article rows with their ``analysis``, ``analysis_version`` and ``error``."""
    from newsfuse.analysis.codec import analysis_to_json
    from newsfuse.analysis.record import ANALYSIS_VERSION, analyse_articles
    from newsfuse.config import BATCH_WORKER_ENV

    os.environ[BATCH_WORKER_ENV] = "1"  # one core per Spark task: no parse processes of its own
    articles = [article_from_row(r) for r in frame.to_dict("records")]
    records: list[str | None] = [None] * len(articles)
    errors: list[str | None] = [None] * len(articles)
    try:
        records = [analysis_to_json(r) for r in analyse_articles(articles, n_process=1)]
    except Exception:  # one bad article must not cost its batch: analyse them one by one
        for k, article in enumerate(articles):
            try:
                (record,) = analyse_articles([article], n_process=1)
                records[k] = analysis_to_json(record)
            except Exception as err:  # noqa: BLE001 - reported per article, the others go on
                errors[k] = f"could not analyse this article ({type(err).__name__}: {err})"[:300]
    out = frame[list(ARTICLE_COLUMNS)].copy()
    out["analysis"] = records
    out["analysis_version"] = [ANALYSIS_VERSION if r is not None else None for r in records]
    out["error"] = errors
    return out


def _analyse_batches(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for frame in frames:
        yield analyse_frame(frame)


def analyse(articles: DataFrame) -> DataFrame:
    """``articles`` (:data:`~newsfuse.spark.columns.ARTICLE_SCHEMA`) with each one's analysis
    record (:data:`~newsfuse.spark.columns.ANALYSIS_SCHEMA`).

    The rows are first dealt round-robin over at least ``spark.default.parallelism`` partitions:
    a JSON Lines file is read by one task, so a corpus of one large file would otherwise be
    analysed by one core (moving the articles costs little next to their analysis)."""
    spark = articles.sparkSession
    parts = max(articles.rdd.getNumPartitions(), spark.sparkContext.defaultParallelism)
    rows = articles.select(*ARTICLE_COLUMNS).repartition(parts)
    return rows.mapInPandas(_analyse_batches, ANALYSIS_SCHEMA)
