"""Site furniture: lines a site repeats word for word in article after article.

A line that stands in many different articles of one outlet ("Free.", a slogan, a rights
notice, a newsletter plug no rule knows) is the site's furniture, not reporting: if it were
left in, every article of that site would "carry" it and a brief would count it as agreement.
:func:`mark_furniture` runs after loading, over all the articles of one call, and adds such
lines to each article's ``boilerplate`` spans (the text is not changed).

Two groupings are looked at:

- the articles of one outlet: a line in at least :data:`MIN_FURNITURE_ARTICLES` *distinct*
  articles. Versions of one article (an update, the same wire copy saved twice) share most of
  their lines legitimately, so articles whose lines mostly overlap count once;
- the entries of one feed file (which an aggregator fills with many outlets): a line in at
  least :data:`MIN_FURNITURE_ARTICLES` entries and in at least :data:`MIN_FEED_SHARE` of them.

Lines are compared after collapsing white space; very short lines of punctuation only are
ignored. Nothing is marked for an outlet with fewer distinct articles than the minimum.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from newsfuse.ingest.boilerplate import merge_spans
from newsfuse.model import Article, Span

__all__ = ["mark_furniture", "MIN_FURNITURE_ARTICLES", "MIN_FEED_SHARE", "VERSION_OVERLAP"]

#: Fewest distinct articles of one site a line must stand in to be furniture. Two articles of
#: one outlet on one story can share a background sentence; three unrelated ones sharing a line
#: word for word is a template. (Our page fixtures: three pages of one site.)
MIN_FURNITURE_ARTICLES = 3

#: Least share of a feed's entries a line must stand in to be that feed's furniture. A feed's
#: template line is in every entry ("Free."); a sentence quoted by a few entries of an
#: aggregator feed is in a minority of them.
MIN_FEED_SHARE = 0.5

#: Share of the smaller article's lines two articles must have in common to be taken as
#: versions of one article (counted once). Different articles of one site share a few
#: furniture lines out of dozens; versions share most.
VERSION_OVERLAP = 0.5

_LINE = re.compile(r"[^\n]+")
_SPACE = re.compile(r"\s+")


def _lines(article: Article) -> dict[str, list[Span]]:
    found: dict[str, list[Span]] = defaultdict(list)
    for match in _LINE.finditer(article.text):
        raw = match.group()
        line = raw.strip()
        if not any(char.isalnum() for char in line):
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        found[_SPACE.sub(" ", line)].append(Span(start, start + len(line)))
    return found


def _line_counts(members: Sequence[int], lines: Sequence[dict[str, list[Span]]]) -> dict[str, int]:
    """How many of ``members`` hold each line."""
    count: dict[str, int] = defaultdict(int)
    for m in members:
        for line in lines[m]:
            count[line] += 1
    return count


def _distinct_groups(members: Sequence[int], lines: Sequence[dict[str, list[Span]]]) -> list[list[int]]:
    """``members`` grouped so that versions of one article (most lines shared) are one group."""
    parent = {m: m for m in members}

    def find(m: int) -> int:
        while parent[m] != m:
            parent[m] = parent[parent[m]]
            m = parent[m]
        return m

    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            smaller = min(len(lines[a]), len(lines[b]))
            if smaller and len(lines[a].keys() & lines[b].keys()) >= VERSION_OVERLAP * smaller:
                parent[find(a)] = find(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for m in members:
        groups[find(m)].append(m)
    return list(groups.values())


def _site_furniture(members: Sequence[int], lines: Sequence[dict[str, list[Span]]]) -> set[str]:
    if len(members) < MIN_FURNITURE_ARTICLES:
        return set()
    raw = _line_counts(members, lines)
    if max(raw.values(), default=0) < MIN_FURNITURE_ARTICLES:
        return set()  # the common case: nothing repeated often enough, no pairwise check
    groups = _distinct_groups(members, lines)
    if len(groups) < MIN_FURNITURE_ARTICLES:
        return set()
    count: dict[str, int] = defaultdict(int)
    for group in groups:
        for line in set().union(*(lines[m].keys() for m in group)):
            count[line] += 1
    return {line for line, n in count.items() if n >= MIN_FURNITURE_ARTICLES}


def _feed_furniture(members: Sequence[int], lines: Sequence[dict[str, list[Span]]]) -> set[str]:
    if len(members) < MIN_FURNITURE_ARTICLES:
        return set()
    count = _line_counts(members, lines)
    least = max(MIN_FURNITURE_ARTICLES, MIN_FEED_SHARE * len(members))
    return {line for line, n in count.items() if n >= least}


def _feed_of(article: Article) -> str | None:
    """The feed file an entry came from (entries' origins are ``path#n``), else None."""
    origin = article.origin or ""
    head, sep, tail = origin.rpartition("#")
    return head if sep and tail.isdigit() else None


def mark_furniture(articles: Sequence[Article]) -> list[Article]:
    """``articles`` with their site's furniture lines added to ``boilerplate`` (same order)."""
    lines = [_lines(a) for a in articles]
    by_outlet: dict[str, list[int]] = defaultdict(list)
    by_feed: dict[str, list[int]] = defaultdict(list)
    for n, article in enumerate(articles):
        by_outlet[article.outlet.casefold()].append(n)
        feed = _feed_of(article)
        if feed is not None:
            by_feed[feed].append(n)
    furniture: dict[int, set[str]] = defaultdict(set)
    for members in by_outlet.values():
        found = _site_furniture(members, lines)
        for m in members:
            furniture[m] |= found & lines[m].keys()
    for members in by_feed.values():
        found = _feed_furniture(members, lines)
        for m in members:
            furniture[m] |= found & lines[m].keys()
    result: list[Article] = []
    for n, article in enumerate(articles):
        marked = furniture.get(n)
        if not marked:
            result.append(article)
            continue
        spans = [span for line in marked for span in lines[n][line]]
        result.append(replace(article, boilerplate=merge_spans([*article.boilerplate, *spans])))
    return result
