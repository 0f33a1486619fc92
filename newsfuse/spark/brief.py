"""Stage 3: one brief per story, in parallel, the same JSON as ``newsfuse brief --jsonl``.

Rows are grouped by ``story`` (``groupBy(story).applyInPandas``); a story's articles are put in
stream order and briefed by :func:`newsfuse.brief.build.build_brief` with the records stage 1 made
(read back by the codec; an article without one is analysed there), and the input's warnings
about them as the brief's problems, as the batch command does with a story line's. The brief is
written by :func:`newsfuse.render.json.brief_to_json` on one line, with the texts. Duplicates
(``duplicate_of`` set) are left out, as the store does not keep them. A story whose briefing
fails gets no brief and an error naming it; the other stories are not affected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsfuse.config import DEFAULT_WORDS
from newsfuse.errors import NewsfuseError
from newsfuse.model import Brief, Problem
from newsfuse.spark.columns import ORDER, article_from_row, problems_from_row, text_or_none

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["brief", "brief_group", "write_parts", "BRIEF_SCHEMA"]

BRIEF_SCHEMA = (
    "story string, file_no int, line long, item int, articles int, brief string, "
    "problems array<struct<origin:string,message:string,fatal:boolean>>"
)


def _brief_of(frame: pd.DataFrame, story: str, words: int, method: str | None) -> tuple[Brief | None, list[Problem]]:
    from newsfuse.analysis.codec import analysis_from_json
    from newsfuse.brief.build import build_brief

    rows = frame.to_dict("records")
    articles = [article_from_row(r) for r in rows]
    problems = [p for r in rows for p in problems_from_row(r)]
    records = [analysis_from_json(t) for r in rows if (t := text_or_none(r.get("analysis")))]
    try:
        made = build_brief(articles, words=words, method=method, story_id=story, problems=problems, analyses=records)
    except NewsfuseError as err:
        return None, [*problems, Problem(story, str(err))]
    except (Exception, RecursionError) as err:  # a bug of ours on odd input must cost one story only
        return None, [*problems, Problem(story, f"could not brief this story ({type(err).__name__}: {err})"[:300])]
    return made, list(made.problems)


def brief_group(frame: pd.DataFrame, words: int = DEFAULT_WORDS, method: str | None = None) -> pd.DataFrame:
    """The brief row of one story's rows."""
    import pandas as pd

    from newsfuse.render.json import brief_to_json

    frame = frame.sort_values(list(ORDER), kind="stable")
    story = str(frame["story"].iloc[0])
    made, problems = _brief_of(frame, story, words, method)
    first = frame.iloc[0]
    return pd.DataFrame(
        [
            {
                "story": story,
                "file_no": int(first["file_no"]),
                "line": int(first["line"]),
                "item": int(first["item"]),
                "articles": len(frame),
                "brief": brief_to_json(made, indent=None) if made is not None else None,
                "problems": [{"origin": p.origin, "message": p.message, "fatal": p.fatal} for p in problems],
            }
        ]
    )


def brief(stories: DataFrame, words: int = DEFAULT_WORDS, method: str | None = None) -> DataFrame:
    """One row per story of ``stories`` (rows with a ``story``): its brief's JSON line, where it
    first appears in the stream, and its problems (:data:`BRIEF_SCHEMA`). Order the result by
    ``file_no, line, item`` for the batch command's order (stories by their first article)."""
    from pyspark.sql import functions as F

    rows = stories.where(F.col("story").isNotNull())
    if "duplicate_of" in rows.columns:
        rows = rows.where(F.col("duplicate_of").isNull())
    if "analysis" not in rows.columns:
        rows = rows.withColumn("analysis", F.lit(None).cast("string"))
    return rows.groupBy("story").applyInPandas(lambda f: brief_group(f, words, method), BRIEF_SCHEMA)


def write_parts(briefs: DataFrame, folder: str, compression: str | None = None) -> None:
    """Write the brief lines of ``briefs`` (the output of :func:`brief`) as a folder of part files
    by Spark's own writer, each executor writing its share: JSON Lines, one brief a line, in
    stream order across the parts (``part-00000`` first; the parts concatenated in name order are
    the single file ``newsfuse spark brief`` writes). Stories without a brief are left out.
    ``compression``: a codec of Spark's text writer (``gzip``...), none by default. An existing
    ``folder`` is replaced."""
    from pyspark.sql import functions as F

    lines = briefs.orderBy(*ORDER, "story").where(F.col("brief").isNotNull()).select("brief")
    writer = lines.write.mode("overwrite")
    if compression:
        writer = writer.option("compression", compression)
    writer.text(folder)
