"""The store: one SQLite file (WAL, migrations, FTS5) that keeps articles, stories, feeds and the
cached per-article analyses. ``Store(path)`` opens (and if need be creates or migrates) it."""

from newsfuse.store.db import DEFAULT_PATH, ENV_VAR, Duplicate, Store, resolve_path, text_hash

__all__ = ["Store", "Duplicate", "DEFAULT_PATH", "ENV_VAR", "resolve_path", "text_hash"]
