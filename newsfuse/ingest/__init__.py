"""Ingest: files, folders, globs, HTML pages, JSON records and feeds in; Articles out.

``load(inputs, outlet=None) -> LoadResult`` reads anything the user points at and reports what
it could not read as one-line problems; ``iter_stories(path)`` reads a stories JSONL file (one
``{"id", "articles": [...]}`` per line) story by story.
"""

from __future__ import annotations

from newsfuse.ingest.boilerplate import find_boilerplate
from newsfuse.ingest.load import LoadResult, load, load_file
from newsfuse.ingest.records import StoryInput, iter_stories

__all__ = ["load", "load_file", "LoadResult", "iter_stories", "StoryInput", "find_boilerplate"]
