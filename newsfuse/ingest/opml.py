"""OPML subscription lists (listparser): the feeds a reader exported, as (URL, title) pairs."""

from __future__ import annotations

import listparser

from newsfuse.errors import EmptyInput, MalformedInput

__all__ = ["parse_opml", "looks_like_opml"]


def looks_like_opml(data: bytes) -> bool:
    """True when ``data`` starts like an OPML document (an ``<opml`` element near the top)."""
    return b"<opml" in data[:1024].lower()


def parse_opml(data: bytes, origin: str) -> list[tuple[str, str | None]]:
    """The feeds of an OPML list, in document order, each URL once; raises an InputError naming
    ``origin`` when the list is broken or holds no feed."""
    parsed = listparser.parse(data)
    feeds: dict[str, str | None] = {}
    for entry in parsed.get("feeds") or ():
        url = (entry.get("url") or "").strip()
        if url and url not in feeds:
            feeds[url] = (entry.get("title") or "").strip() or None
    if not feeds:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception") or "not well-formed").splitlines()[0]
            raise MalformedInput(origin, f"broken OPML ({reason})")
        raise EmptyInput(origin, "OPML list holds no feed")
    return list(feeds.items())
