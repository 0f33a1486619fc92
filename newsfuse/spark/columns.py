"""The tables of the Spark path as plain columns, and an :class:`Article` to a row and back.

Every stage writes Parquet of plain types: the article's fields (its text kept exactly, so every
span offset still points at the same characters), its place in the input (``file_no``, ``line``,
``item``: the stream order, as ``newsfuse cluster`` reads a pile), the story it belongs to, the
input's warnings about it, and after analysis its ArticleAnalysis record as the codec's JSON
(:mod:`newsfuse.analysis.codec`), never a pickle.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from newsfuse.model import Article, Problem, Span

__all__ = [
    "ARTICLE_SCHEMA",
    "ANALYSIS_SCHEMA",
    "STORY_SCHEMA",
    "ARTICLE_COLUMNS",
    "ORDER",
    "article_row",
    "article_from_row",
    "problems_from_row",
    "text_or_none",
]

#: The stream order of the rows: input file, line (or row) in it, article of a story line.
ORDER = ("file_no", "line", "item")

ARTICLE_SCHEMA = (
    "id string, file_no int, line long, item int, story string, origin string, outlet string, "
    "title string, date string, url string, language string, text string, "
    "boilerplate array<struct<start:int,end:int>>, "
    "warnings array<struct<origin:string,message:string,fatal:boolean>>"
)
ARTICLE_COLUMNS = (
    "id",
    "file_no",
    "line",
    "item",
    "story",
    "origin",
    "outlet",
    "title",
    "date",
    "url",
    "language",
    "text",
    "boilerplate",
    "warnings",
)
#: After ``analyse``: the record as codec JSON, its version, or why it could not be made.
ANALYSIS_SCHEMA = ARTICLE_SCHEMA + ", analysis string, analysis_version string, error string"
#: After ``cluster``: ``story`` holds the story, and what the article repeats.
STORY_SCHEMA = ANALYSIS_SCHEMA + ", duplicate_of string, copy_of string"


def text_or_none(value: Any) -> str | None:
    """A cell as a string, or None for a missing one (pandas may give NaN or None)."""
    return value if isinstance(value, str) else None


def _int(value: Any) -> int:
    return int(value)


def _items(value: Any) -> Sequence[Mapping[str, Any]]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ()
    return list(value)


def article_row(
    article: Article, *, file_no: int, line: int, item: int, story: str | None, warnings: Sequence[Problem] = ()
) -> dict[str, Any]:
    """The row of ``article`` (see :data:`ARTICLE_SCHEMA`)."""
    return {
        "id": article.id,
        "file_no": file_no,
        "line": line,
        "item": item,
        "story": story,
        "origin": article.origin,
        "outlet": article.outlet,
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "url": article.url,
        "language": article.language,
        "text": article.text,
        "boilerplate": [{"start": b.start, "end": b.end} for b in article.boilerplate],
        "warnings": [{"origin": p.origin, "message": p.message, "fatal": p.fatal} for p in warnings],
    }


def article_from_row(row: Mapping[str, Any]) -> Article:
    """The :class:`Article` a row holds (the inverse of :func:`article_row`)."""
    date = text_or_none(row.get("date"))
    return Article(
        id=str(row["id"]),
        text=str(row["text"]),
        outlet=text_or_none(row.get("outlet")) or "",
        title=text_or_none(row.get("title")),
        date=_dt.date.fromisoformat(date) if date else None,
        url=text_or_none(row.get("url")),
        origin=text_or_none(row.get("origin")),
        boilerplate=tuple(Span(_int(b["start"]), _int(b["end"])) for b in _items(row.get("boilerplate"))),
        language=text_or_none(row.get("language")),
    )


def problems_from_row(row: Mapping[str, Any]) -> list[Problem]:
    """The input's warnings about the row's article."""
    return [Problem(str(p["origin"]), str(p["message"]), bool(p["fatal"])) for p in _items(row.get("warnings"))]
