"""Articles into the store, each joined to its story: ``add`` (files), ``feeds add`` and ``fetch``.

An :class:`Adder` takes articles in stream order. For each one it asks the store whether the
article is there already (same id and text, URL or text: a duplicate, not stored again), gives it
a free id if another text holds its id, lets the online clusterer place it (a story it joins or a
new one; a near-identical text from another outlet is kept and marked a copy), and stores it
with its membership. Writes are committed in small batches (:data:`BATCH_ARTICLES` articles or
:data:`BATCH_SECONDS`), so a process killed at any moment leaves whole articles, and running the
same add again skips what is stored and completes the rest.

With ``analyse`` (``newsfuse add --analyse``), each batch's articles are also read into their
:class:`~newsfuse.model.ArticleAnalysis` (one batch through the parser) and the records are cached
in the store right after the batch commits, in a transaction of their own: the write lock is not
held through seconds of parsing, so a reader writing back a record it computed (``brief --story``)
never waits for it. A kill between the two leaves whole articles without their record;
``brief --story`` computes those, and running the same add again finds the articles stored and
analyses those whose record is missing or stale (written by another ``ANALYSIS_VERSION``).

The clusterer lives in memory; at start-up it gets back the members of the stories seen in its
hot window (``ClusterSettings.hot_window_days`` of the data, at most ``hot_window_articles``
articles, the newest), so new articles can join them.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from newsfuse.analysis.record import analyse_articles
from newsfuse.errors import InputError
from newsfuse.ingest import load
from newsfuse.ingest.fetch import Fetcher, FetchSettings
from newsfuse.ingest.opml import looks_like_opml, parse_opml
from newsfuse.model import Article, Problem
from newsfuse.store import Store
from newsfuse.stories.cluster import PREFETCH, Assignment, StoryClusterer

__all__ = [
    "Adder",
    "AddCounts",
    "AddReport",
    "FetchReport",
    "Listener",
    "Quiet",
    "add_paths",
    "subscribe",
    "fetch_feeds",
    "make_clusterer",
    "BATCH_ARTICLES",
    "BATCH_SECONDS",
]

#: Articles per write transaction. One commit per article costs ~0.3 ms in WAL mode; 64 make it
#: negligible while a kill loses at most a second of work (bench/store.py).
BATCH_ARTICLES = 64
#: ... or this many seconds, whichever comes first, so a slow stream (analysis on) still commits often.
BATCH_SECONDS = 1.0
#: Stories restored into the clusterer are named ``store:<id>``, so that no name the clusterer
#: gives a story of its own (such as the id of its first article, which may be "12") can be taken
#: for a stored story's id.
RESTORED = "store:"


@dataclass
class AddCounts:
    """What an add did. ``added`` articles were stored: ``merged`` of them joined a story that
    was there before them, ``new_stories`` opened one, ``copies`` are marked as copies of an
    earlier text. ``duplicates`` were stored already and skipped; ``rejected`` inputs or records
    could not be read (each one is a Problem)."""

    added: int = 0
    merged: int = 0
    new_stories: int = 0
    copies: int = 0
    duplicates: int = 0
    rejected: int = 0
    analysed: int = 0  # records computed and cached (with ``analyse``): new articles, and stored ones missing theirs
    clustering: str = ""  # the clusterer's mode: "lexical" or "embeddings (<model>)"

    def line(self) -> str:
        analysed = f", {self.analysed} analysed" if self.analysed else ""
        return (
            f"{self.added} added ({self.merged} merged into stories, {self.new_stories} new stories), "
            f"{self.duplicates} duplicates, {self.copies} copies, {self.rejected} rejected{analysed}"
            + (f"; clustering: {self.clustering}" if self.clustering else "")
        )


@dataclass(frozen=True)
class AddReport:
    counts: AddCounts
    problems: tuple[Problem, ...] = ()
    stories: tuple[str, ...] = ()  # the stories that gained an article, in the order first touched


@dataclass(frozen=True)
class FetchReport:
    counts: AddCounts
    problems: tuple[Problem, ...] = ()
    feeds_fetched: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    stories: tuple[str, ...] = ()  # the stories that gained an article, in the order first touched


class Listener(Protocol):
    """Hooks for a progress display (the CLI's bar); :class:`Quiet` does nothing."""

    def expect(self, n: int) -> None:
        """``n`` more articles are on their way."""

    def step(self, counts: AddCounts) -> None:
        """One more article was handled (stored or skipped)."""

    def problem(self, problem: Problem) -> None:
        """An input, record, feed or page could not be (fully) used."""


class Quiet:
    """A Listener that shows nothing."""

    def expect(self, n: int) -> None:
        pass

    def step(self, counts: AddCounts) -> None:
        pass

    def problem(self, problem: Problem) -> None:
        pass


def make_clusterer() -> StoryClusterer:
    """The online story clusterer (newsfuse.stories.cluster) with its default settings."""
    return StoryClusterer()


@dataclass
class Adder:
    """Adds articles to ``store`` one by one, in stream order; call :meth:`close` at the end."""

    store: Store
    clusterer: StoryClusterer | None = None
    analyse: bool = False  # also analyse each stored article and cache its ArticleAnalysis
    counts: AddCounts = field(default_factory=AddCounts)

    def __post_init__(self) -> None:
        self.store.acquire_writer()
        if self.clusterer is None:
            self.clusterer = make_clusterer()
        self.counts.clustering = self.clusterer.mode
        # The clusterer's hot index covers so many days and articles; restoring more would only
        # be dropped again.
        hot = self.clusterer.settings
        recent = self.store.recent_members(days=hot.hot_window_days, limit=hot.hot_window_articles)
        for article, story_id in recent:
            self.clusterer.restore(article, RESTORED + story_id)
        self._stories: dict[str, str] = {}  # the clusterer's ids of stories opened in this run -> store ids
        self.touched: dict[str, None] = {}  # store ids of the stories that gained an article (an ordered set)
        self._batch: contextlib.ExitStack | None = None
        self._stored: list[Article] = []  # stored in the open batch, waiting for their analysis
        self._repeated: list[str] = []  # stored ids met again in the batch: analysed if their record is missing
        self._in_batch = 0
        self._batch_started = 0.0

    def __enter__(self) -> Adder:
        return self

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        if kind is None:
            self.close()
        elif self._batch is not None:
            self._batch.__exit__(kind, value, tb)  # roll the open batch back
            self._batch = None

    def add(self, article: Article) -> Assignment:
        """Store ``article`` in its story, or count it as a duplicate; say where it went, with the
        store's ids (the article's own, changed if another text held it; the story's)."""
        if self._batch is None:
            self._batch = contextlib.ExitStack()
            self._batch.enter_context(self.store.transaction())
            self._batch_started = time.monotonic()
        store = self.store
        duplicate = store.find_duplicate(article)
        if duplicate is not None:
            store.record_duplicate(article, duplicate.stored_id)
            self.counts.duplicates += 1
            stored = duplicate.stored_id
            if self.analyse:
                self._repeated.append(stored)
            placed = Assignment(article.id, store.story_of(stored), False, duplicate_of=stored)
        else:
            free = store.free_id(article)
            if free != article.id:
                article = replace(article, id=free)
            assert self.clusterer is not None
            placed = self.clusterer.add(article)
            if placed.duplicate_of is not None:
                store.record_duplicate(article, placed.duplicate_of)
                self.counts.duplicates += 1
                if self.analyse:
                    self._repeated.append(placed.duplicate_of)
                placed = replace(placed, story_id=store.story_of(placed.duplicate_of))
            else:
                if placed.new_story:
                    story_id = store.new_story_id()
                    self._stories[placed.story_id] = story_id
                    self.counts.new_stories += 1
                else:
                    story_id = self._story_id(placed.story_id)
                    self.counts.merged += 1
                store.insert_article(article, story_id, copy_of=placed.copy_of)
                self.touched[story_id] = None
                if self.analyse:
                    self._stored.append(article)
                self.counts.added += 1
                self.counts.copies += placed.copy_of is not None
                placed = replace(placed, story_id=story_id)
        self._in_batch += 1
        if self._in_batch >= BATCH_ARTICLES or time.monotonic() - self._batch_started >= BATCH_SECONDS:
            self.commit()
        return placed

    @property
    def mode(self) -> str:
        """The clusterer's mode ("lexical" or "embeddings (<model>)")."""
        assert self.clusterer is not None
        return self.clusterer.mode

    def prefetch(self, articles: Iterable[Article]) -> None:
        """Let the clusterer embed ``articles`` ahead in one batch (embedding mode)."""
        assert self.clusterer is not None
        self.clusterer.prefetch(articles)

    def _story_id(self, clusterer_id: str) -> str:
        """The store's id of a story the clusterer names: one restored from the store, or one
        opened in this run (the clusterer names those as it likes, e.g. after their first article)."""
        if clusterer_id.startswith(RESTORED):
            return clusterer_id[len(RESTORED) :]
        return self._stories.get(clusterer_id, clusterer_id)

    def commit(self) -> None:
        """Commit the open batch; with ``analyse``, then analyse and cache its articles."""
        if self._batch is not None:
            self._batch.close()
            self._batch = None
            self._in_batch = 0
        if self._stored or self._repeated:
            self._analyse_batch()

    def _analyse_batch(self) -> None:
        """The records of the batch's new articles and of the stored ones it met again without a
        current record, computed with no transaction open, then cached in one."""
        todo = self._stored
        stored = {a.id for a in todo}
        todo += [self.store.article(i) for i in self.store.missing_analyses(self._repeated) if i not in stored]
        self._stored, self._repeated = [], []
        if todo:
            self.counts.analysed += self.store.save_analyses(analyse_articles(todo))

    def close(self) -> None:
        self.commit()
        self.store.release_writer()


def _note(new: Iterable[Problem], problems: list[Problem], counts: AddCounts | None, listener: Listener) -> None:
    """Keep and show each problem; a fatal one counts as a rejected input when ``counts`` is given
    (a failing feed is counted among the feeds instead)."""
    for problem in new:
        problems.append(problem)
        if counts is not None:
            counts.rejected += problem.fatal
        listener.problem(problem)


def _add_all(adder: Adder, articles: Sequence[Article], listener: Listener) -> None:
    listener.expect(len(articles))
    for start in range(0, len(articles), PREFETCH):
        chunk = articles[start : start + PREFETCH]
        adder.prefetch(chunk)
        for article in chunk:
            adder.add(article)
            listener.step(adder.counts)


def add_paths(
    store: Store,
    inputs: Iterable[str | Path],
    *,
    outlet: str | None = None,
    listener: Listener | None = None,
    clusterer: StoryClusterer | None = None,
    analyse: bool = False,
) -> AddReport:
    """Add files, folders, globs, JSON/JSONL and saved feeds to the store (input by input);
    ``analyse``: cache each article's ArticleAnalysis too (see :class:`Adder`)."""
    listener = listener or Quiet()
    problems: list[Problem] = []
    with Adder(store, clusterer=clusterer, analyse=analyse) as adder:
        for item in inputs:
            loaded = load([item], outlet=outlet)
            _note(loaded.problems, problems, adder.counts, listener)
            _add_all(adder, loaded.articles, listener)
    return AddReport(adder.counts, tuple(problems), tuple(adder.touched))


def subscribe(store: Store, source: str, *, settings: FetchSettings | None = None) -> tuple[list[str], list[str]]:
    """Subscribe to a feed URL, or to every feed of an OPML list (a file, or a URL ending in
    ``.opml``); returns (feeds added, feeds already there). Raises an InputError for a bad source."""
    path = Path(source)
    entries: list[tuple[str, str | None]]
    if "://" not in source:
        if not path.is_file():
            raise InputError(source, "not a feed URL (http:// or https://) nor an OPML file")
        data = path.read_bytes()
        if not looks_like_opml(data):
            raise InputError(source, "not an OPML list; subscribe to a feed by its URL")
        entries = parse_opml(data, source)
    elif not source.startswith(("http://", "https://")):
        raise InputError(source, "a feed URL starts with http:// or https://")
    elif source.lower().split("?")[0].endswith(".opml"):
        with Fetcher(settings) as fetcher:
            entries = parse_opml(fetcher.get(source).content, source)
    else:
        entries = [(source, None)]
    added, known = [], []
    for url, title in entries:
        (added if store.add_feed(url, title) else known).append(url)
    return added, known


def fetch_feeds(
    store: Store,
    *,
    settings: FetchSettings | None = None,
    listener: Listener | None = None,
    clusterer: StoryClusterer | None = None,
    analyse: bool = False,
) -> FetchReport:
    """Poll every subscribed feed once and add what is new (``analyse``: with each article's
    ArticleAnalysis cached); a failing feed is one Problem."""
    listener = listener or Quiet()
    problems: list[Problem] = []
    fetched = not_modified = failed = 0
    feeds = store.feeds()
    with Fetcher(settings) as fetcher, Adder(store, clusterer=clusterer, analyse=analyse) as adder:
        for result in fetcher.fetch_all(feeds):
            _note(result.problems, problems, adder.counts, listener)
            if result.error is not None:
                failed += 1
                _note([Problem(result.feed.url, result.error)], problems, None, listener)
            elif result.not_modified:
                not_modified += 1
            else:
                fetched += 1
                _add_all(adder, result.articles, listener)
                # The articles are committed before the new ETag: a kill in between fetches them again
                # (and finds them stored), never skips them behind a 304.
                adder.commit()
            store.save_feed(result.feed)
    return FetchReport(adder.counts, tuple(problems), fetched, not_modified, failed, tuple(adder.touched))
