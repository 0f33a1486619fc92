"""The store: one SQLite file that keeps articles, stories, feeds and cached analyses.

Persistence for model objects: methods take and return :mod:`newsfuse.model` dataclasses. The
file is in WAL mode, so readers (``stories``, ``brief --story``, the web page) work while one
writer adds; writes go through :meth:`Store.transaction` (``BEGIN IMMEDIATE`` ... ``COMMIT``), so
a process killed at any moment leaves whole articles only. The schema lives in
:mod:`newsfuse.store.migrations`.

Same article, stored once: an article whose id and text, or URL (:func:`url_key`), or text
(white space collapsed) is already stored is a duplicate (:meth:`Store.find_duplicate`). An article whose id is taken by
a different text gets the id ``id~hash`` (:meth:`Store.free_id`), the same one on every run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsfuse.errors import NotFound, StoreError
from newsfuse.model import Article, ArticleAnalysis, Feed, Span, Story
from newsfuse.store.migrations import MIGRATIONS, NEWEST_KEY, migrate, schema_version

__all__ = [
    "Store",
    "Duplicate",
    "DEFAULT_PATH",
    "ENV_VAR",
    "BUSY_TIMEOUT_SECONDS",
    "resolve_path",
    "text_hash",
    "url_key",
]

#: The store file when neither ``--db`` nor the environment names one (in the working folder).
DEFAULT_PATH = "newsfuse.db"
#: The environment variable that names the store file.
ENV_VAR = "NEWSFUSE_DB"
#: How long a connection waits for another one's lock before giving up. A writer holds the lock
#: for one small batch (well under a second), and a WAL checkpoint is short; 30 s only matters on
#: a very slow disk.
BUSY_TIMEOUT_SECONDS = 30.0
#: Pause between tries to open a store another process is creating (see Store.__init__).
OPEN_RETRY_SECONDS = 0.05
#: Characters of a story's first article kept as its lead when no article has a title: enough for
#: a one-line title, never the whole text (a listing reads no article text beyond this).
LEAD_CHARS = 300
#: Hex digits of the text hash added to an id that another text already holds.
CLASH_HASH_CHARS = 8

_SPACE = re.compile(r"\s+")
_FTS_TERM = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

_ARTICLE_COLUMNS = "id, url, outlet, title, date, language, text, boilerplate, origin"


def resolve_path(db: str | Path | None = None) -> Path:
    """The store file: ``db`` if given, else ``$NEWSFUSE_DB``, else ``newsfuse.db`` here."""
    if db:
        return Path(db)
    return Path(os.environ.get(ENV_VAR, "").strip() or DEFAULT_PATH)


@functools.lru_cache(maxsize=16)  # one add asks for the hash of the same text several times
def text_hash(text: str) -> str:
    """The hash that makes two texts the same article: SHA-1 of the text with white space collapsed."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def url_key(url: str | None) -> str | None:
    """The form of ``url`` that makes two articles the same.

    WIRING PENDING: becomes ``newsfuse.ingest.outlet.canonical_url`` (branch ``hostile``: no
    tracking parameters, no ``www.``, no trailing ``/``) once that is in main; until then the URL
    as given, stripped.
    """
    return url.strip() or None if url else None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def fts_query(search: str) -> str | None:
    """An FTS5 query matching articles that hold every word of ``search`` (any order), or None
    when it has no words. Words are quoted, so FTS5 operators in user input are plain words."""
    terms = _FTS_TERM.findall(search)
    return " ".join('"' + t.replace('"', "") + '"' for t in terms) or None


@dataclass(frozen=True)
class Duplicate:
    """An article that is already stored: the stored id, and why they are the same."""

    stored_id: str
    reason: str  # "same id and text", "same URL", "same text"


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        outlet=row["outlet"],
        title=row["title"],
        date=_date(row["date"]),
        url=row["url"],
        origin=row["origin"],
        boilerplate=tuple(Span(s, e) for s, e in json.loads(row["boilerplate"])),
        language=row["language"],
    )


def _flags_version() -> str:
    """Story flags are read off the articles' analyses: a new analysis version makes them stale."""
    from newsfuse.analysis.record import ANALYSIS_VERSION

    return ANALYSIS_VERSION


class Store:
    """A newsfuse store (one SQLite file). Use as a context manager, or call :meth:`close`.

    ``create=False`` refuses a file that does not exist yet (a reader should not make an empty
    store by mistake).
    """

    def __init__(self, path: str | Path, *, create: bool = True, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if (readonly or not create) and not self.path.exists():
            raise NotFound(f"{self.path}: no store here yet (add articles with `newsfuse add`, or give --db)")
        # A store being created by another process (its first write, the switch to WAL, the
        # migrations) can answer "database is locked" at once, without waiting for the busy
        # timeout; such an open is tried again until that timeout has passed.
        deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
        while True:
            try:
                mode = self._connect(readonly)
                break
            except sqlite3.OperationalError as err:
                self._close_quietly()
                if "locked" in str(err) and time.monotonic() < deadline:
                    time.sleep(OPEN_RETRY_SECONDS)
                    continue
                raise StoreError(f"{self.path}: not a newsfuse store ({err})") from None
            except sqlite3.DatabaseError as err:
                self._close_quietly()
                raise StoreError(f"{self.path}: not a newsfuse store ({err})") from None
        if mode.lower() != "wal":
            raise StoreError(f"{self.path}: cannot switch the store to WAL mode (journal mode {mode})")
        self._depth = 0
        self._writer_lock: int | None = None

    def _connect(self, readonly: bool) -> str:
        """Open the connection and bring the schema up to date (a reader: check it); return the
        journal mode."""
        if readonly:
            # SQLite refuses every write on this connection; a WAL store still reads while a writer adds.
            target: str | Path = self.path.resolve().as_uri() + "?mode=ro"
        else:
            target = self.path
        self.conn = sqlite3.connect(
            target,
            timeout=BUSY_TIMEOUT_SECONDS,
            isolation_level=None,
            check_same_thread=False,
            uri=readonly,
        )
        self.conn.row_factory = sqlite3.Row
        self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000):d}")
        if readonly:
            mode = self.conn.execute("PRAGMA journal_mode").fetchone()[0]
            self._check_schema()
            return str(mode)
        mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        # NORMAL in WAL mode: a commit survives a crash of the process (the WAL is written
        # before COMMIT returns); only a power cut may lose the last commits, never consistency.
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        migrate(self.conn, str(self.path))
        return str(mode)

    def _close_quietly(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()

    def _check_schema(self) -> None:
        """Read-only: the schema must be the latest already (a reader cannot migrate it)."""
        latest = MIGRATIONS[-1].version
        found = schema_version(self.conn)
        if found != latest:
            raise StoreError(
                f"{self.path}: the store has schema version {found} and this newsfuse reads {latest}; "
                "it cannot be migrated read-only (open it once with `newsfuse add` or `newsfuse stories`)"
            )

    # --- life cycle ---------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.release_writer()
        self.conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``); nested uses join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def acquire_writer(self) -> None:
        """Claim the store for one adding process (a lock file ``<db>-writer``, freed when the
        process ends, even by ``kill -9``); raises StoreError when another process holds it.

        Two processes adding at once would each cluster with half the stream; readers need no lock.
        """
        if self._writer_lock is not None:
            return
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; adding needs a writable store")
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no advisory lock, SQLite still keeps it consistent
            return
        lock_path = f"{self.path}-writer"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise StoreError(
                f"{self.path}: another newsfuse add or fetch is writing to this store; wait for it"
            ) from None
        self._writer_lock = fd

    def release_writer(self) -> None:
        if self._writer_lock is not None:
            os.close(self._writer_lock)  # closing the descriptor frees the flock
            self._writer_lock = None

    # --- articles -----------------------------------------------------------------------

    def find_duplicate(self, article: Article) -> Duplicate | None:
        """The stored article that ``article`` repeats (same id and text, same URL, same text)."""
        digest = text_hash(article.text)
        row = self.conn.execute("SELECT text_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is not None and row["text_hash"] == digest:
            return Duplicate(article.id, "same id and text")
        key = url_key(article.url)
        if key:
            row = self.conn.execute("SELECT id FROM articles WHERE url_key = ? LIMIT 1", (key,)).fetchone()
            if row is not None:
                return Duplicate(row["id"], "same URL")
        row = self.conn.execute("SELECT id FROM articles WHERE text_hash = ? LIMIT 1", (digest,)).fetchone()
        if row is not None:
            return Duplicate(row["id"], "same text")
        return None

    def free_id(self, article: Article) -> str:
        """``article.id`` if no stored article holds it, else ``id~<hash of the text>`` (stable)."""
        wanted = article.id
        if not self._has_article(wanted):
            return wanted
        candidate = f"{wanted}~{text_hash(article.text)[:CLASH_HASH_CHARS]}"
        n = 2
        while self._has_article(candidate):
            candidate = f"{wanted}~{text_hash(article.text)[:CLASH_HASH_CHARS]}-{n}"
            n += 1
        return candidate

    def _has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def insert_article(self, article: Article, story_id: str, *, copy_of: str | None = None) -> None:
        """Store ``article`` as a member of story ``story_id`` (made if new), in one transaction.

        The caller has checked :meth:`find_duplicate` and :meth:`free_id`; a clash raises
        sqlite3.IntegrityError and nothing of the article is stored.
        """
        now = _now()
        day = article.date.isoformat() if article.date else None
        seen = day or now[:10]
        with self.transaction():
            self.conn.execute(
                "INSERT INTO articles(id, url, url_key, outlet, title, date, language, text, text_hash, boilerplate,"
                " origin, added, copy_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.url,
                    url_key(article.url),
                    article.outlet,
                    article.title,
                    day,
                    article.language,
                    article.text,
                    text_hash(article.text),
                    json.dumps([[s.start, s.end] for s in article.boilerplate]),
                    article.origin,
                    now,
                    copy_of,
                ),
            )
            self.conn.execute(
                "INSERT INTO stories(id, articles, first_date, last_date, last_seen, created, updated)"
                " VALUES (?, 1, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET articles = articles + 1,"
                " first_date = min(coalesce(first_date, excluded.first_date),"
                " coalesce(excluded.first_date, first_date)),"
                " last_date = max(coalesce(last_date, excluded.last_date), coalesce(excluded.last_date, last_date)),"
                " last_seen = max(last_seen, excluded.last_seen), updated = excluded.updated",
                (story_id, day, day, seen, now, now),
            )
            self.conn.execute("INSERT INTO memberships(article_id, story_id) VALUES (?, ?)", (article.id, story_id))

    def record_duplicate(self, article: Article, duplicate_of: str) -> None:
        """Note that ``article`` (not stored) repeats stored ``duplicate_of`` under another id."""
        if article.id == duplicate_of:
            return
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO duplicates(id, url, duplicate_of, origin, added) VALUES (?, ?, ?, ?, ?)",
                (article.id, article.url, duplicate_of, article.origin, _now()),
            )

    def new_story_id(self) -> str:
        """A story id not used yet: the next number ("1", "2", ...), short enough to type."""
        row = self.conn.execute("SELECT max(rowid) FROM stories").fetchone()
        n = (row[0] or 0) + 1
        while self.conn.execute("SELECT 1 FROM stories WHERE id = ?", (str(n),)).fetchone():
            n += 1
        return str(n)

    def article(self, article_id: str) -> Article:
        row = self.conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"{self.path}: no article {article_id!r}")
        return _article(row)

    def story_of(self, article_id: str) -> str:
        """The id of the story that stored article ``article_id`` belongs to."""
        row = self.conn.execute("SELECT story_id FROM memberships WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"{self.path}: no article {article_id!r}")
        return row["story_id"]

    def copy_of(self, article_id: str) -> str | None:
        """The id of the earlier article that ``article_id`` is a copy of, if it is one."""
        row = self.conn.execute("SELECT copy_of FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row["copy_of"] if row else None

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def count_stories(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM stories").fetchone()[0])

    def recent_members(self, *, days: int, limit: int) -> Iterator[tuple[Article, str]]:
        """(article, story id) for the members of the stories still open to new articles, in stream
        order: what an online clusterer needs back after a restart. Open: an article dated within
        ``days`` days of the newest article date in the store (days of the data, not of the clock),
        or no dated article at all; at most the newest ``limit`` articles."""
        newest = self.conn.execute("SELECT max(last_date) FROM stories").fetchone()[0]
        since = (dt.date.fromisoformat(newest) - dt.timedelta(days=days)).isoformat() if newest else ""
        columns = ", ".join("a." + c for c in _ARTICLE_COLUMNS.split(", "))
        rows = self.conn.execute(
            f"SELECT * FROM (SELECT a.seq, m.story_id, {columns} FROM stories s"
            " JOIN memberships m ON m.story_id = s.id JOIN articles a ON a.id = m.article_id"
            " WHERE s.last_date IS NULL OR s.last_date >= ? ORDER BY a.seq DESC LIMIT ?) ORDER BY seq",
            (since, limit),
        )
        for r in rows:
            yield _article(r), r["story_id"]

    # --- stories ------------------------------------------------------------------------

    def story(self, story_id: str) -> Story:
        row = self.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFound(f"{self.path}: no story {story_id!r} (`newsfuse stories` lists them)")
        return self._story(row)

    def story_articles(self, story_id: str) -> tuple[Article, ...]:
        """The articles of a story, oldest first (undated ones after the dated, in stream order)."""
        self.story(story_id)
        rows = self.conn.execute(
            f"SELECT {', '.join('a.' + c for c in _ARTICLE_COLUMNS.split(', '))} FROM memberships m"
            " JOIN articles a ON a.id = m.article_id WHERE m.story_id = ?"
            " ORDER BY a.date IS NULL, a.date, a.seq",
            (story_id,),
        )
        return tuple(_article(r) for r in rows)

    def stories(
        self,
        *,
        since: dt.date | None = None,
        search: str | None = None,
        limit: int | None = None,
    ) -> list[Story]:
        """Stories newest first (by the latest dated day of their articles; a story with no dated
        article by the day it was last added to); ``since`` keeps stories whose that day is on or
        after it; ``search`` keeps stories with
        an article whose title or text holds every word of it (FTS5)."""
        where, params = [], []
        if since is not None:
            where.append(f"{NEWEST_KEY} >= ?")
            params.append(since.isoformat())
        if search is not None:
            query = fts_query(search)
            if query is None:
                return []
            where.append(
                "s.id IN (SELECT m.story_id FROM articles_fts f JOIN articles a ON a.seq = f.rowid"
                " JOIN memberships m ON m.article_id = a.id WHERE articles_fts MATCH ?)"
            )
            params.append(query)
        sql = "SELECT s.* FROM stories s"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {NEWEST_KEY} DESC, s.updated DESC, s.rowid DESC"
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        return [self._story(row) for row in self.conn.execute(sql, params).fetchall()]

    def _story(self, row: sqlite3.Row) -> Story:
        outlets: dict[str, str] = {}
        for member in self.conn.execute(
            "SELECT a.outlet, a.title FROM memberships m JOIN articles a ON a.id = m.article_id"
            " WHERE m.story_id = ? ORDER BY a.seq",
            (row["id"],),
        ):
            if member["outlet"] not in outlets or (not outlets[member["outlet"]] and member["title"]):
                outlets[member["outlet"]] = member["title"] or ""
        lead = ""
        if not any(outlets.values()):
            first = self.conn.execute(
                "SELECT substr(a.text, 1, ?) FROM memberships m JOIN articles a ON a.id = m.article_id"
                " WHERE m.story_id = ? ORDER BY a.seq LIMIT 1",
                (LEAD_CHARS, row["id"]),
            ).fetchone()
            lead = first[0] if first else ""
        flags = self.conn.execute(
            "SELECT misquotes, disagreements, names FROM story_flags"
            " WHERE story_id = ? AND articles = ? AND updated = ? AND version = ?",
            (row["id"], row["articles"], row["updated"], _flags_version()),
        ).fetchone()
        return Story(
            id=row["id"],
            articles=row["articles"],
            outlets=tuple(o for o in outlets if o),
            first_date=_date(row["first_date"]),
            last_date=_date(row["last_date"]),
            updated=dt.datetime.fromisoformat(row["updated"]),
            headlines=tuple(h for h in outlets.values() if h),
            misquotes=flags["misquotes"] if flags else None,
            disagreements=flags["disagreements"] if flags else None,
            lead=lead,
            names=flags["names"] if flags and lead else "",
        )

    def save_story_flags(self, story: Story, *, misquotes: int, disagreements: int, names: str = "") -> None:
        """Keep what a brief of ``story`` (as it stands) found worth a warning, and the names that
        headed it when no article has a title. The row holds while the story is unchanged (same
        articles, same ``updated``) and the analysis version is the same."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO story_flags(story_id, articles, updated, version, misquotes, disagreements, names)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(story_id) DO UPDATE SET articles = excluded.articles,"
                " updated = excluded.updated, version = excluded.version, misquotes = excluded.misquotes,"
                " disagreements = excluded.disagreements, names = excluded.names",
                (
                    story.id,
                    story.articles,
                    story.updated.isoformat(),
                    _flags_version(),
                    misquotes,
                    disagreements,
                    names,
                ),
            )

    # --- analyses -----------------------------------------------------------------------

    def save_analyses(self, records: Iterable[ArticleAnalysis]) -> int:
        """Cache these records (as :mod:`~newsfuse.analysis.codec` JSON) under the current
        ``ANALYSIS_VERSION``, replacing any older one; returns how many were written."""
        from newsfuse.analysis.codec import analysis_to_json
        from newsfuse.analysis.record import ANALYSIS_VERSION

        rows = [(r.article, ANALYSIS_VERSION, analysis_to_json(r)) for r in records]
        if rows:
            with self.transaction():
                self.conn.executemany(
                    "INSERT INTO analyses(article_id, version, analysis) VALUES (?, ?, ?)"
                    " ON CONFLICT(article_id) DO UPDATE SET version = excluded.version,"
                    " analysis = excluded.analysis",
                    rows,
                )
        return len(rows)

    def cached_analyses(self, article_ids: Sequence[str]) -> dict[str, ArticleAnalysis]:
        """The cached records of these articles written by the current ``ANALYSIS_VERSION``, by
        article id; stale ones (another version) and unreadable ones are left out."""
        from newsfuse.analysis.codec import analysis_from_json
        from newsfuse.analysis.record import ANALYSIS_VERSION
        from newsfuse.errors import MalformedInput

        found: dict[str, ArticleAnalysis] = {}
        for article_id, text in self._analysis_rows(article_ids, ANALYSIS_VERSION, "analysis"):
            try:
                record = analysis_from_json(text, f"{self.path}: analysis of {article_id}")
            except MalformedInput:
                continue  # computed again, like a stale one
            if record.article == article_id:
                found[article_id] = record
        return found

    def missing_analyses(self, article_ids: Sequence[str]) -> list[str]:
        """Those of ``article_ids`` that have no record of the current ``ANALYSIS_VERSION``
        (none, or a stale one), in the order given, each once."""
        from newsfuse.analysis.record import ANALYSIS_VERSION

        current = {i for i, _ in self._analysis_rows(article_ids, ANALYSIS_VERSION, "version")}
        return [i for i in dict.fromkeys(article_ids) if i not in current]

    def _analysis_rows(self, article_ids: Sequence[str], version: str, column: str) -> Iterator[tuple[str, str]]:
        ids = list(dict.fromkeys(article_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT article_id, {column} FROM analyses WHERE version = ? AND article_id IN ({marks})",
                [version, *chunk],
            ):
                yield row[0], row[1]

    def analyses_of(self, articles: Sequence[Article], *, write_back: bool | None = None) -> list[ArticleAnalysis]:
        """One record per stored article, in order: the cached ones as they are; the missing and
        stale ones computed (one batch, :func:`newsfuse.analysis.record.analyse_articles`) and,
        if ``write_back`` (default: unless the store is read-only), cached for the next reader."""
        from newsfuse.analysis.record import analyse_articles

        found = self.cached_analyses([a.id for a in articles])
        missing = [a for a in articles if a.id not in found]
        if missing:
            computed = analyse_articles(missing)
            if write_back if write_back is not None else not self.readonly:
                self.save_analyses(computed)
            found.update((r.article, r) for r in computed)
        return [found[a.id] for a in articles]

    # --- feeds --------------------------------------------------------------------------

    def add_feed(self, url: str, title: str | None = None) -> bool:
        """Subscribe to a feed; False when it was there already (its title is filled if missing)."""
        with self.transaction():
            known = self.conn.execute("SELECT title FROM feeds WHERE url = ?", (url,)).fetchone()
            if known is not None:
                if title and not known["title"]:
                    self.conn.execute("UPDATE feeds SET title = ? WHERE url = ?", (title, url))
                return False
            self.conn.execute("INSERT INTO feeds(url, title, added) VALUES (?, ?, ?)", (url, title, _now()))
            return True

    def feeds(self) -> list[Feed]:
        return [
            Feed(
                url=r["url"],
                title=r["title"],
                etag=r["etag"],
                last_modified=r["last_modified"],
                last_fetched=_datetime(r["last_fetched"]),
                error=r["error"],
            )
            for r in self.conn.execute("SELECT * FROM feeds ORDER BY added, url")
        ]

    def save_feed(self, feed: Feed) -> None:
        """Write a feed's fetch state (title, ETag, Last-Modified, when, error)."""
        fetched = feed.last_fetched.isoformat(timespec="seconds") if feed.last_fetched else None
        with self.transaction():
            done = self.conn.execute(
                "UPDATE feeds SET title = coalesce(?, title), etag = ?, last_modified = ?, last_fetched = ?,"
                " error = ? WHERE url = ?",
                (feed.title, feed.etag, feed.last_modified, fetched, feed.error, feed.url),
            )
            if done.rowcount == 0:
                raise NotFound(f"{self.path}: no feed {feed.url!r}")

    # --- checks -------------------------------------------------------------------------

    def check(self) -> list[str]:
        """What is wrong with the file (``PRAGMA integrity_check`` and our own invariants); [] if nothing."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        queries = {
            "articles without a story": "SELECT count(*) FROM articles a LEFT JOIN memberships m"
            " ON m.article_id = a.id WHERE m.article_id IS NULL",
            "story counts that do not match their members": "SELECT count(*) FROM stories s WHERE s.articles !="
            " (SELECT count(*) FROM memberships m WHERE m.story_id = s.id)",
            "duplicate texts": "SELECT count(*) FROM (SELECT text_hash FROM articles GROUP BY text_hash"
            " HAVING count(*) > 1)",
        }
        for name, sql in queries.items():
            n = self.conn.execute(sql).fetchone()[0]
            if n:
                problems.append(f"{n} {name}")
        problems += [f"foreign key: {tuple(r)}" for r in self.conn.execute("PRAGMA foreign_key_check")]
        try:
            self.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as err:
            problems.append(f"full-text index out of step with the articles ({err})")
        return problems

    def ids(self) -> Iterable[str]:
        return (r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY seq"))
