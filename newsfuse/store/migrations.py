"""The store's schema, as a list of migrations applied in order and recorded.

``PRAGMA user_version`` holds the number of the last migration applied; the ``migrations`` table
records each one (number, name, when). A migration runs in one transaction with the bump of
``user_version``, so a store is never left half-migrated. Add a migration by appending to
:data:`MIGRATIONS`; never edit one that has shipped.

Schema (version 1):

- ``articles``: one row per stored article. ``seq`` is the stream order (the order articles were
  added); ``id`` the article id; ``text_hash`` the hash of the text with white space collapsed
  (same text = same article); ``boilerplate`` a JSON list of ``[start, end]`` spans; ``copy_of``
  the id of the earlier article this one copies (syndicated wire copy from another outlet).
- ``duplicates``: ids that arrived again under another id or URL and were not stored, with the
  stored article they duplicate.
- ``analyses``: the cached per-article analysis (JSON) and the version that wrote it
  (``newsfuse.analysis.record.ANALYSIS_VERSION``: the codec's shape and the rules' version, e.g.
  ``newsfuse.analysis/1+rules.1``); a record of another version is stale and computed again.
- ``stories`` and ``memberships``: each article belongs to one story. ``stories`` keeps running
  figures (count, first/last dated day, ``last_seen`` = the latest day of an article, its date or
  else the day it was added) so a listing reads no article text. A listing sorts by the latest
  dated day, else (no article dated) ``last_seen`` (:data:`NEWEST_KEY`, indexed since version 4):
  one undated article added today does not make a story of 2022 the newest.
- ``feeds``: subscriptions and the state of their last fetch (ETag, Last-Modified, error).
- ``articles_fts``: FTS5 over title and text, kept in step with ``articles`` by triggers.

Version 2 adds ``story_flags``: what a story's last brief found worth a warning in a listing (how
many quotations an outlet changed, how many facts the outlets disagree on), with the story's
article count and ``updated`` and the analysis version it was found with; a story that has changed since, or a
newer analysis, makes the row stale (a listing then says "not checked yet").

Version 3 adds ``story_flags.names``: the heading that brief gave an untitled story (the names most
outlets carry, ``brief.editorial.names_title``), so that a listing heads the story as its brief does.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from newsfuse.errors import StoreError

__all__ = ["Migration", "MIGRATIONS", "migrate", "schema_version"]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


_V1 = (
    """CREATE TABLE migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied TEXT NOT NULL
    )""",
    """CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        url_key TEXT,
        outlet TEXT NOT NULL,
        title TEXT,
        date TEXT,
        language TEXT,
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        boilerplate TEXT NOT NULL DEFAULT '[]',
        origin TEXT,
        added TEXT NOT NULL,
        copy_of TEXT REFERENCES articles(id)
    )""",
    "CREATE INDEX articles_url_key ON articles(url_key) WHERE url_key IS NOT NULL",
    "CREATE INDEX articles_text_hash ON articles(text_hash)",
    """CREATE TABLE duplicates (
        id TEXT PRIMARY KEY,
        url TEXT,
        duplicate_of TEXT NOT NULL REFERENCES articles(id),
        origin TEXT,
        added TEXT NOT NULL
    )""",
    """CREATE TABLE analyses (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        version TEXT NOT NULL,
        analysis TEXT NOT NULL
    )""",
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        articles INTEGER NOT NULL DEFAULT 0,
        first_date TEXT,
        last_date TEXT,
        last_seen TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    )""",
    "CREATE INDEX stories_last_seen ON stories(last_seen)",
    """CREATE TABLE memberships (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL REFERENCES stories(id)
    )""",
    "CREATE INDEX memberships_story ON memberships(story_id)",
    """CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        last_fetched TEXT,
        error TEXT,
        added TEXT NOT NULL
    )""",
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='seq'
    )""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, coalesce(new.title, ''), new.text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, coalesce(old.title, ''), old.text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, coalesce(old.title, ''), old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, coalesce(new.title, ''), new.text);
    END""",
)

_V2 = (
    """CREATE TABLE story_flags (
        story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        articles INTEGER NOT NULL,
        updated TEXT NOT NULL,
        version TEXT NOT NULL,
        misquotes INTEGER NOT NULL,
        disagreements INTEGER NOT NULL
    )""",
)

_V3 = ("ALTER TABLE story_flags ADD COLUMN names TEXT NOT NULL DEFAULT ''",)

#: The key a listing sorts and filters stories by: the latest dated day of the story's articles,
#: else (no article dated) the latest day one of them was added.
NEWEST_KEY = "coalesce(last_date, last_seen)"

_V4 = (f"CREATE INDEX stories_newest ON stories({NEWEST_KEY})",)

#: Every migration, in order; ``version`` counts from 1 with no gaps.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, stories, feeds, analyses, FTS5", _V1),
    Migration(2, "story flags: misquotes and disagreements found by a story's last brief", _V2),
    Migration(3, "story flags: the names heading an untitled story's last brief", _V3),
    Migration(4, "stories: an index on the day a listing sorts them by (dated day, else added)", _V4),
)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Bring the database up to the latest schema; return its version.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Raises StoreError when the
    database was made by a newer newsfuse (its version is past the last migration known here).
    """
    latest = MIGRATIONS[-1].version
    if schema_version(conn) > latest:
        raise StoreError(
            f"{path}: the store has schema version {schema_version(conn)}, newer than this newsfuse "
            f"knows ({latest}); upgrade newsfuse"
        )
    for migration in MIGRATIONS:
        if schema_version(conn) >= migration.version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) >= migration.version:  # another process got there first
                conn.execute("COMMIT")
                continue
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO migrations(version, name, applied) VALUES (?, ?, ?)",
                (migration.version, migration.name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            conn.execute(f"PRAGMA user_version = {migration.version:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return schema_version(conn)
