"""The Python API: ``newsfuse.brief(...)`` returns the same Brief the CLI renders."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from newsfuse.brief.build import build_brief
from newsfuse.config import DEFAULT_WORDS
from newsfuse.errors import NoArticles
from newsfuse.model import Article, Brief

__all__ = ["brief", "brief_stories", "brief_story"]

Input = str | Path | Article


def brief(
    inputs: Input | Sequence[Input],
    *,
    words: int = DEFAULT_WORDS,
    method: str | None = None,
    outlet: str | None = None,
    story_id: str | None = None,
    analyse: bool = True,
) -> Brief:
    """Brief one story from files, folders, globs or :class:`Article` objects.

    Inputs that cannot be read are listed in ``Brief.problems``; if nothing at all can be read,
    :class:`newsfuse.errors.NoArticles` is raised with the reasons.
    """
    from newsfuse.ingest import load

    items: Sequence[Input] = [inputs] if isinstance(inputs, str | Path | Article) else inputs
    loaded = load(items, outlet=outlet)
    if not loaded.articles:
        reasons = "; ".join(f"{p.origin}: {p.message}" for p in loaded.problems) or "no inputs given"
        raise NoArticles(f"nothing readable to brief ({reasons})")
    return build_brief(
        loaded.articles,
        words=words,
        method=method,
        story_id=story_id,
        problems=loaded.problems,
        analyse=analyse,
    )


def brief_stories(
    path: str | Path,
    *,
    words: int = DEFAULT_WORDS,
    method: str | None = None,
    analyse: bool = True,
) -> Iterator[Brief]:
    """Brief every story of a batch JSONL file (one story a line); a bad line gives a brief-less
    :class:`~newsfuse.model.Brief` whose ``problems`` say why, so no line is silently lost."""
    from newsfuse.ingest import iter_stories

    for story in iter_stories(path):
        if not story.articles:
            yield Brief(id=story.id, articles=(), summary=(), words=words, problems=story.problems)
            continue
        yield build_brief(
            story.articles,
            words=words,
            method=method,
            story_id=story.id,
            problems=story.problems,
            analyse=analyse,
        )


def brief_story(
    story_id: str,
    *,
    db: str | Path | None = None,
    words: int = DEFAULT_WORDS,
    method: str | None = None,
    analyse: bool = True,
    readonly: bool | None = None,
) -> Brief:
    """Brief one story of the store (``db``, else ``$NEWSFUSE_DB``, else ``newsfuse.db``) by its id.

    The articles' ArticleAnalysis records come from the store's cache, so nothing is parsed again
    when they are there (``newsfuse add --analyse``, or an earlier brief); missing or stale ones
    are computed and written back. ``readonly`` opens the store read-only and writes nothing back
    (a reader such as a web page); None: read-only when the file or its folder is not writable.
    Raises :class:`newsfuse.errors.NotFound` when the store or the story does not exist.
    """
    import os

    from newsfuse.store import Store, resolve_path

    path = resolve_path(db)
    if readonly is None:
        readonly = path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    with Store(path, create=False, readonly=readonly) as store:
        articles = store.story_articles(story_id)
        if analyse:
            records = store.analyses_of(articles)
        else:  # the summary needs sentences only: cached records spare their split, none is computed
            records = list(store.cached_analyses([a.id for a in articles]).values())
    return build_brief(articles, words=words, method=method, story_id=story_id, analyse=analyse, analyses=records)
