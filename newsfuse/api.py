"""The Python API: ``newsfuse.brief(...)`` returns the same Brief the CLI renders."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from newsfuse.brief.build import build_brief
from newsfuse.config import BATCH_WORKER_ENV, DEFAULT_WORDS, Limits
from newsfuse.errors import NewsfuseError, NoArticles
from newsfuse.model import Article, Brief, Problem

if TYPE_CHECKING:
    from newsfuse.ingest.records import StoryInput
    from newsfuse.store import Store

__all__ = ["brief", "brief_stories", "brief_story", "stored_brief", "check_stories"]

Input = str | Path | Article

#: Stories handed to the worker processes ahead of the one being written, per worker: enough to
#: keep both cores busy while one long story finishes, few enough to keep memory bounded.
STORIES_AHEAD_PER_WORKER = 2


def brief(
    inputs: Input | Sequence[Input],
    *,
    words: int = DEFAULT_WORDS,
    method: str | None = None,
    outlet: str | None = None,
    story_id: str | None = None,
    analyse: bool = True,
    limits: Limits | None = None,
) -> Brief:
    """Brief one story from files, folders, globs or :class:`Article` objects.

    Inputs that cannot be read are listed in ``Brief.problems``; if nothing at all can be read,
    :class:`newsfuse.errors.NoArticles` is raised with the reasons. ``limits`` (sizes, JSON
    depth) default to :func:`newsfuse.config.limits`, read from the environment.
    """
    from newsfuse.ingest import load

    items: Sequence[Input] = [inputs] if isinstance(inputs, str | Path | Article) else inputs
    loaded = load(items, outlet=outlet, limits=limits)
    if not loaded.articles:
        reasons = "; ".join(f"{p.origin}: {p.message}" for p in loaded.problems) or "no inputs given"
        raise NoArticles(f"nothing readable to brief ({reasons})")
    return build_brief(
        loaded.articles,
        words=words,
        method=method,
        story_id=story_id,
        problems=(*loaded.problems, *_mixed(loaded.articles)),
        analyse=analyse,
    )


def _mixed(articles: Sequence[Article]) -> tuple[Problem, ...]:
    """The warning that articles given as one story look like several (newsfuse.stories.mixed)."""
    from newsfuse.stories.mixed import mixed_story_note

    note = mixed_story_note(articles)
    return (note,) if note is not None else ()


def brief_stories(
    path: str | Path,
    *,
    words: int = DEFAULT_WORDS,
    method: str | None = None,
    analyse: bool = True,
    workers: int = 1,
    limits: Limits | None = None,
) -> Iterator[Brief]:
    """Brief every story of a batch JSONL file (one story a line), in file order.

    The file is read line by line and each Brief is yielded as soon as it and the ones before
    it are done, so a batch of any length runs in bounded memory. A line that cannot be read,
    or a story whose briefing fails for any reason, gives a brief-less
    :class:`~newsfuse.model.Brief` whose ``problems`` say why (naming ``file:line``); the other
    stories are not affected. With ``workers`` > 1 the stories are briefed in that many
    processes at once (the output order stays the file's order).
    """
    from newsfuse.ingest import iter_stories

    stories = iter_stories(path, limits=limits)
    if workers <= 1:
        for story in stories:
            yield _brief_story(story, words, method, analyse)
        return
    yield from _in_parallel(stories, workers, words, method, analyse)


def _failed(story: StoryInput, words: int, message: str) -> Brief:
    where = story.origin or story.id
    problems = (*story.problems, Problem(where, message))
    return Brief(id=story.id, articles=(), summary=(), words=words, problems=problems)


def _brief_story(story: StoryInput, words: int, method: str | None, analyse: bool) -> Brief:
    """One story's Brief; any failure becomes a brief-less Brief naming the story's line."""
    if not story.articles:
        return Brief(id=story.id, articles=(), summary=(), words=words, problems=story.problems)
    try:
        problems = (*story.problems, *_mixed(story.articles))
        return build_brief(
            story.articles, words=words, method=method, story_id=story.id, problems=problems, analyse=analyse
        )
    except NewsfuseError as err:
        return _failed(story, words, str(err))
    except (Exception, RecursionError) as err:  # a bug of ours on odd input must cost one story only
        return _failed(story, words, f"could not brief this story ({type(err).__name__}: {err})"[:300])


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork: the workers start with newsfuse already imported (spawn would import it again,
    # about a second per worker); each loads its own spaCy pipeline on first use.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if "fork" in methods else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_as_batch_worker)


def _warm_up(analyse: bool) -> None:
    """Import the summarizers (scikit-learn, nltk) and load the spaCy pipeline once, before the
    workers are forked: they start with both in (shared, copy-on-write) memory instead of each
    paying seconds for its own copy."""
    import newsfuse.brief.summarizers  # noqa: F401

    if analyse:
        from newsfuse.analysis.nlp import load_nlp

        load_nlp()


def _as_batch_worker() -> None:
    """In each worker: one core each, so no story starts parse processes of its own."""
    os.environ[BATCH_WORKER_ENV] = "1"


def _in_parallel(
    stories: Iterable[StoryInput], workers: int, words: int, method: str | None, analyse: bool
) -> Iterator[Brief]:
    """Brief ``stories`` in ``workers`` processes, yielding in input order.

    A worker that dies (killed, out of memory) breaks the pool: the story it was waited on is
    reported as failed, a new pool is started and the stories still pending are sent again.
    """
    _warm_up(analyse)
    pool = _pool(workers)
    pending: deque[tuple[StoryInput, Future[Brief] | Brief]] = deque()
    ahead = workers * STORIES_AHEAD_PER_WORKER

    def send(story: StoryInput) -> Future[Brief] | Brief:
        if not story.articles:  # nothing to brief: no need to ship it to a worker
            return Brief(id=story.id, articles=(), summary=(), words=words, problems=story.problems)
        return pool.submit(_brief_story, story, words, method, analyse)

    def take() -> Brief:
        nonlocal pool
        story, job = pending.popleft()
        if isinstance(job, Brief):
            return job
        try:
            return job.result()
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = _pool(workers)
            for k, (other, _) in enumerate(pending):
                pending[k] = (other, send(other))
            return _failed(story, words, "the process briefing this story died (out of memory?)")

    try:
        for story in stories:
            pending.append((story, send(story)))
            while len(pending) >= ahead:
                yield take()
        while pending:
            yield take()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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
        return stored_brief(store, story_id, words=words, method=method, analyse=analyse)


def stored_brief(
    store: Store, story_id: str, *, words: int = DEFAULT_WORDS, method: str | None = None, analyse: bool = True
) -> Brief:
    """The brief of one story of an open ``store``. Records missing from its cache are computed
    and, unless the store is read-only, written back with what the brief warns about (possible
    misquotes, disagreements), so that a listing can flag the story without briefing it again."""
    from newsfuse.brief.editorial import untitled_heading, warning_counts

    articles = store.story_articles(story_id)
    if analyse:
        records = store.analyses_of(articles)
    else:  # the summary needs sentences only: cached records spare their split, none is computed
        records = list(store.cached_analyses([a.id for a in articles]).values())
    made = build_brief(articles, words=words, method=method, story_id=story_id, analyse=analyse, analyses=records)
    if analyse and not store.readonly:
        misquotes, disagreements = warning_counts(made)
        names = untitled_heading(made)
        store.save_story_flags(store.story(story_id), misquotes=misquotes, disagreements=disagreements, names=names)
    return made


def check_stories(store: Store, story_ids: Iterable[str], step: Callable[[], None] | None = None) -> int:
    """Brief each of ``story_ids`` in a writable ``store`` so that its cached analyses and its
    warning flags are current (``newsfuse add --analyse``); returns how many were checked."""
    n = 0
    for story_id in dict.fromkeys(story_ids):
        stored_brief(store, story_id)
        n += 1
        if step is not None:
            step()
    return n
