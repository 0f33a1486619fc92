"""newsfuse on Spark: the same analysis, clustering and briefs, one task per batch, window or story.

    import newsfuse.spark as ns
    spark = ns.get_session()                       # local[*], or the spark-submit session
    corpus = ns.read_corpus(spark, ["corpus/*.jsonl.gz"])
    analysed = ns.analyse(corpus.articles)         # + analysis (codec JSON)
    stories = ns.cluster(analysed)                 # + story, duplicate_of, copy_of
    briefs = ns.brief(stories)                     # one brief JSON line per story

Each stage calls the single-machine code inside ``mapInPandas`` / ``applyInPandas`` and returns a
DataFrame of plain columns (:mod:`newsfuse.spark.columns`). Needs the ``[spark]`` extra (PySpark,
PyArrow, pandas) and Java 17.
"""

from newsfuse.spark.analyse import analyse
from newsfuse.spark.brief import brief
from newsfuse.spark.cluster import cluster
from newsfuse.spark.read import Corpus, read_corpus
from newsfuse.spark.session import get_session

__all__ = ["analyse", "brief", "cluster", "read_corpus", "Corpus", "get_session"]
