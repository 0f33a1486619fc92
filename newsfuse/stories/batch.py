"""Batch clustering of a JSONL pile: read the stream, assign each article, write one line each.

Input: one article a line, ``{"id", "text", "title"?, "outlet"?, "date"?, "url"?}``; the line
order is the stream order. Other fields are ignored (a gold ``story`` field is never read). A line
that is not JSON, not an object, has no ``id`` or no ``text``, or repeats an ``id`` is a
:class:`~newsfuse.model.Problem` naming ``file:line``, and is skipped. A date that cannot be read
is a warning; the article is clustered undated.

Output: one JSON object a line, ``{"id", "story"}`` plus ``duplicate_of`` / ``copy_of`` when set.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from newsfuse.ingest.dates import parse_date
from newsfuse.model import Article, Problem
from newsfuse.stories.cluster import PREFETCH, Assignment, StoryClusterer

__all__ = ["BatchCounts", "assignment_json", "cluster_lines", "read_stream"]


def _article(record: Any, where: str) -> tuple[Article | None, Problem | None]:
    if not isinstance(record, dict):
        return None, Problem(where, f"record is a JSON {type(record).__name__}, not an object")
    raw_id = record.get("id")
    if not isinstance(raw_id, (str, int)) or isinstance(raw_id, bool) or not str(raw_id).strip():
        return None, Problem(where, "record has no 'id'")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        why = "record has no 'text'" if text is None else "record 'text' is empty or not a string"
        return None, Problem(where, why)
    title, outlet, url = (record.get(k) for k in ("title", "outlet", "url"))
    raw_date = record.get("date")
    date = parse_date(raw_date) if isinstance(raw_date, str) else None
    warning = None
    if raw_date not in (None, "") and date is None:
        warning = Problem(where, f"could not read the date {str(raw_date)[:40]!r}; clustered undated", fatal=False)
    article = Article(
        id=str(raw_id).strip(),
        text=text,
        outlet=outlet.strip() if isinstance(outlet, str) else "",
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        date=date,
        url=url.strip() if isinstance(url, str) and url.strip() else None,
        origin=where,
    )
    return article, warning


def read_stream(path: Path) -> Iterator[Article | Problem]:
    """The articles of a JSONL pile in file order, with a Problem in place of each bad line."""
    seen: set[str] = set()
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                record = json.loads(raw.decode("utf-8-sig" if lineno == 1 else "utf-8"))
            except UnicodeDecodeError as err:
                yield Problem(where, f"not UTF-8 (bad byte at column {err.start + 1})")
                continue
            except json.JSONDecodeError as err:
                yield Problem(where, f"malformed JSON ({err.msg}, column {err.colno})")
                continue
            article, problem = _article(record, where)
            if problem is not None:
                yield problem
            if article is None:
                continue
            if article.id in seen:
                yield Problem(where, f"id {article.id!r} was used by an earlier line")
                continue
            seen.add(article.id)
            yield article


def assignment_json(a: Assignment) -> str:
    """One output line (no newline): ``{"id", "story"}`` plus what the article repeats, if anything."""
    out: dict[str, str] = {"id": a.article_id, "story": a.story_id}
    if a.duplicate_of is not None:
        out["duplicate_of"] = a.duplicate_of
    if a.copy_of is not None:
        out["copy_of"] = a.copy_of
    return json.dumps(out, ensure_ascii=False)


@dataclass
class BatchCounts:
    """What a batch run did, for the closing line."""

    articles: int = 0
    stories: set[str] = field(default_factory=set)
    new_stories: int = 0
    duplicates: int = 0
    copies: int = 0
    bad_lines: int = 0
    warnings: int = 0
    clustering: str = ""  # the clusterer's mode: "lexical" or "embeddings (<model>)"

    def line(self) -> str:
        return (
            f"{self.articles} articles in {len(self.stories)} stories; {self.duplicates} duplicates, "
            f"{self.copies} copies; {self.bad_lines} bad lines skipped"
            + (f"; {self.warnings} warnings" if self.warnings else "")
            + (f"; clustering: {self.clustering}" if self.clustering else "")
        )


def cluster_lines(
    items: Iterator[Article | Problem], clusterer: StoryClusterer, counts: BatchCounts
) -> Iterator[str | Problem]:
    """Output lines for the articles of ``items`` (in order), passing Problems through. Reads
    PREFETCH items ahead so that the clusterer embeds them in one batch (embedding mode)."""
    counts.clustering = clusterer.mode
    while chunk := list(islice(items, PREFETCH)):
        clusterer.prefetch(x for x in chunk if not isinstance(x, Problem))
        yield from _chunk_lines(chunk, clusterer, counts)


def _chunk_lines(
    chunk: list[Article | Problem], clusterer: StoryClusterer, counts: BatchCounts
) -> Iterator[str | Problem]:
    for item in chunk:
        if isinstance(item, Problem):
            if item.fatal:
                counts.bad_lines += 1
            else:
                counts.warnings += 1
            yield item
            continue
        a = clusterer.add(item)
        counts.articles += 1
        counts.stories.add(a.story_id)
        counts.new_stories += a.new_story
        counts.duplicates += a.duplicate_of is not None
        counts.copies += a.copy_of is not None
        yield assignment_json(a)
