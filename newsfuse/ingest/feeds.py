"""RSS and Atom feeds (feedparser): one article per entry.

Each entry gives its title, link (``url``), published (or updated) date and text (the entry's
content, else its summary, turned from HTML into plain text). Outlet: the entry's own
``<source>`` title, else the ``--outlet`` option, else the feed title, else the domain of the
entry link, else the file stem. An entry title loses its outlet's name ("Headline - Outlet", as
aggregators write them). Language: detected per entry, else the feed's ``<language>``. A gzipped
feed is decompressed before it gets here (:mod:`newsfuse.ingest.gzipped`). Ids are ``stem#n``
(n counts entries from 1), so they stay short and stable for one file. Nothing is fetched: the
parser gets the bytes, never a URL.
"""

from __future__ import annotations

import io
from typing import Any

import feedparser

from newsfuse.errors import EmptyInput, MalformedInput
from newsfuse.ingest.boilerplate import find_boilerplate
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.html import html_to_text
from newsfuse.ingest.language import detect_language
from newsfuse.ingest.outlet import clean_title, pick_outlet, short_id
from newsfuse.model import Article, Problem

__all__ = ["parse_feed"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def _entry_text(entry: Any) -> str:
    for item in entry.get("content") or ():
        value = item.get("value") or ""
        if value.strip():
            return _to_text(value, item.get("type", ""))
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    return _to_text(summary, detail.get("type", "text/html"))


def _to_text(value: str, content_type: str) -> str:
    if content_type in _HTML_TYPES or "<" in value:
        return html_to_text(value)
    return value.strip()


def parse_feed(
    data: bytes,
    *,
    origin: str,
    stem: str,
    outlet: str | None = None,
) -> tuple[list[Article], list[Problem]]:
    """The entries of a feed as articles; entries without text become problems."""
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    feed = parsed.get("feed") or {}
    if not entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception") or "not well-formed").splitlines()[0]
            raise MalformedInput(origin, f"broken feed ({reason})")
        if not feed:
            raise MalformedInput(origin, "not an RSS or Atom feed")
        raise EmptyInput(origin, "feed has no entries")
    feed_title = (feed.get("title") or "").strip() or None
    feed_language = feed.get("language")
    articles: list[Article] = []
    problems: list[Problem] = []
    for n, entry in enumerate(entries, start=1):
        entry_origin = f"{origin}#{n}"
        text = _entry_text(entry)
        if not text:
            problems.append(Problem(entry_origin, "feed entry has no text"))
            continue
        url = (entry.get("link") or "").strip() or None
        source = entry.get("source") or {}
        # The date as written in the feed first (feedparser's parsed form is shifted to UTC).
        date = (
            parse_date(entry.get("published"))
            or parse_date(entry.get("updated"))
            or parse_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        )
        name = pick_outlet(
            explicit=source.get("title"),
            option=outlet,
            site_name=feed_title,
            url=url or feed.get("link"),
            fallback=stem,
        )
        title = clean_title(entry.get("title"), [name, *([feed_title] if feed_title else [])], url)
        language = detect_language(text, declared=feed_language)
        articles.append(
            Article(
                id=short_id(f"{stem}#{n}"),
                text=text,
                outlet=name,
                title=title,
                date=date,
                url=url,
                origin=entry_origin,
                boilerplate=find_boilerplate(text, language=language, title=title),
                language=language,
            )
        )
    if not articles and parsed.get("bozo"):
        reason = str(parsed.get("bozo_exception") or "not well-formed").splitlines()[0]
        raise MalformedInput(origin, f"broken feed ({reason})")
    return articles, problems
