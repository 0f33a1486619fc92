"""Editorial choices about a brief's content: which headline heads it, which quotes come first.

They are decisions about what the brief says, so they are made here and kept on the
:class:`~newsfuse.model.Brief` (``headline``, the order of ``quotes``); renderers only lay it out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfuse.model import Article, Brief, Entity, EntityKind, Quote, QuoteFlag, SummaryItem

__all__ = ["consensus_headline", "names_title", "untitled_heading", "rank_quotes", "is_misquote", "warning_counts"]

_WORD = re.compile(r"[a-z0-9]+")
_SPACE = re.compile(r"\s+")


def _title_words(title: str) -> set[str]:
    return {w for w in _WORD.findall(title.casefold()) if len(w) > 2}


def consensus_headline(articles: Sequence[Article], summary: Sequence[SummaryItem]) -> str:
    """The outlets' consensus headline, or ``""`` when no article has a title.

    Each headline is scored by the words it shares with the other outlets' headlines (Jaccard,
    summed), so the brief is headed by what most outlets say rather than by one outlet's angle
    (a disputed figure in one headline scores low). Ties go to the article the summary leans on
    first.
    """
    titled = [a for a in articles if a.title]
    if not titled:
        return ""
    lean = [ref.article for item in summary for ref in item.sources]
    order = {aid: i for i, aid in reversed(list(enumerate(lean)))}
    words = {a.id: _title_words(a.title or "") for a in titled}

    def consensus(article_id: str) -> float:
        mine = words[article_id]
        return sum(
            len(mine & other) / len(mine | other) for aid, other in words.items() if aid != article_id and mine | other
        )

    best = max(titled, key=lambda a: (round(consensus(a.id), 6), -order.get(a.id, len(lean))))
    return _SPACE.sub(" ", best.title or "").strip()


#: A title made of names holds at most this many: two or three names say who a story is about; more
#: read as a list.
NAMES_TITLE_MAX = 3
#: A name heads the title only when at least this share of the outlets name it: one outlet's
#: extra figure is that outlet's angle, not the story's subject.
NAMES_TITLE_SHARE = 0.5


def names_title(entities: Sequence[Entity], outlets: int) -> str:
    """A title for a story whose articles have no headline: the people (else organisations, else
    places) that most outlets name, ``" · "``-joined, at most :data:`NAMES_TITLE_MAX`, each named by
    at least :data:`NAMES_TITLE_SHARE` of the ``outlets``; ``""`` when none qualifies.

    ``entities`` come ranked as the brief ranks them (outlets naming them, then mentions). Names
    are neutral where a first sentence is one outlet's angle, so they head an untitled brief."""
    floor = max(1, outlets * NAMES_TITLE_SHARE)
    shared = [e for e in entities if len(e.outlets) >= floor]
    for kind in (EntityKind.PERSON, EntityKind.ORGANISATION, EntityKind.PLACE):
        names = [e.name for e in shared if e.kind == kind][:NAMES_TITLE_MAX]
        if names:
            return " · ".join(names)
    return ""


def untitled_heading(brief: Brief) -> str:
    """:func:`names_title` of a brief whose articles have no headline; ``""`` when it has one."""
    if brief.headline:
        return ""
    return names_title(brief.entities, len({a.outlet or a.id for a in brief.articles}))


def is_misquote(quote: Quote) -> bool:
    """True when ``quote`` is flagged as a possible misquote: an outlet changed words inside it."""
    return QuoteFlag.POSSIBLE_MISQUOTE in quote.flags


def warning_counts(brief: Brief) -> tuple[int, int]:
    """What a listing warns about in a story: (possible misquotes, facts the outlets disagree on)."""
    return sum(is_misquote(q) for q in brief.quotes), len(brief.disagreements)


def rank_quotes(quotes: Sequence[Quote]) -> list[Quote]:
    """``quotes`` most important first: those two or more outlets carry, possible misquotes first
    among them, then by how many outlets carry them; ties keep their order."""

    def rank(item: tuple[int, Quote]) -> tuple[bool, bool, int, int]:
        index, quote = item
        outlets = len({c.article for c in quote.carried_by})
        return (outlets < 2, not is_misquote(quote), -outlets, index)

    return [q for _, q in sorted(enumerate(quotes), key=rank)]
