"""The SparkSession the Spark path runs in: ``local[*]`` by default, the given master otherwise,
or the session ``spark-submit`` already made.

Local runs are set for one machine shared with other work: no web UI, no console progress bar,
few shuffle partitions, a modest driver heap, Arrow batches of a few hundred articles (texts are
large rows). Python workers run the interpreter that runs the driver, with this copy of newsfuse
first on their path, so a worker imports the same code the driver does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["DEFAULT_MASTER", "LOCAL_SHUFFLE_PARTITIONS", "ARROW_BATCH_ROWS", "DRIVER_MEMORY", "get_session"]

#: Where a session runs when no master is given and spark-submit did not start us.
DEFAULT_MASTER = "local[*]"

#: Shuffle partitions of a local run: Spark's default of 200 makes 200 tiny tasks per shuffle on a
#: laptop; a few per core keep every core busy at a small corpus.
LOCAL_SHUFFLE_PARTITIONS = 8

#: Rows per Arrow batch handed to a pandas function. An article row holds its text (~4 KB) and its
#: analysis record (~20 KB of JSON): 256 rows are a few MB per batch, and enough texts per
#: ``nlp.pipe`` call for spaCy's batching to pay.
ARROW_BATCH_ROWS = 256

#: Driver heap of a local run: the driver only plans and writes the brief lines; the work is in
#: the Python workers, outside the JVM heap.
DRIVER_MEMORY = "1g"

_LOG_CONFIG = Path(__file__).with_name("log4j2.properties")


def _under_spark_submit() -> bool:
    return "PYSPARK_GATEWAY_PORT" in os.environ  # set by spark-submit / the pyspark shell


def get_session(master: str | None = None, app_name: str = "newsfuse") -> SparkSession:
    """The active session if there is one (spark-submit, a notebook), else a new one on
    ``master`` (default :data:`DEFAULT_MASTER`). Raises ImportError when PySpark is missing."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName(app_name)
    local = master is None and not _under_spark_submit() or (master or "").startswith("local")
    if master is not None or not _under_spark_submit():
        builder = builder.master(master or DEFAULT_MASTER)
    builder = (
        builder.config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(ARROW_BATCH_ROWS))
        .config("spark.python.worker.reuse", "true")
    )
    if local:
        _local_environment()
        builder = (
            builder.config("spark.sql.shuffle.partitions", str(LOCAL_SHUFFLE_PARTITIONS))
            .config("spark.default.parallelism", str(LOCAL_SHUFFLE_PARTITIONS))
            .config("spark.driver.memory", DRIVER_MEMORY)
            .config("spark.pyspark.python", sys.executable)
            .config("spark.pyspark.driver.python", sys.executable)
            .config("spark.driver.extraJavaOptions", f"-Dlog4j.configurationFile={_LOG_CONFIG.as_uri()}")
        )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _local_environment() -> None:
    """Python workers of a local run import this copy of newsfuse (a source checkout shadows an
    installed copy on the driver; the workers must see the same one)."""
    root = str(Path(__file__).resolve().parents[2])
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if root not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([root, *paths])
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
