"""The data model: plain, typed, frozen dataclasses with no logic.

One owner of the text: an :class:`Article` owns its ``text``; everything found in it
(sentences, quotes, entity mentions, facts, boilerplate) is a :class:`Span` or a
:class:`Ref` into that text, so every citation points back to exact characters of an
exact article. ``article.text[ref.start:ref.end] == ref.text`` always holds.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

__all__ = [
    "Span",
    "Ref",
    "Article",
    "Problem",
    "SummaryItem",
    "WordDiff",
    "QuoteSpan",
    "QuoteCarrier",
    "Quote",
    "EntityMention",
    "Entity",
    "FactMention",
    "Fact",
    "Disagreement",
    "Brief",
]


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into one article's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Ref:
    """A span of a named article, with its text as it stands there (a citation)."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """One article: the text it owns and its metadata.

    ``boilerplate`` marks spans of ``text`` that are not reporting (``READ MORE`` lines,
    picture captions, share lines, ``pic.twitter.com`` links, tweet signatures); they stay
    in the text so offsets match the source, but no summary or fact is drawn from them.
    ``origin`` names where the article came from (a path, or ``path:line`` for a record).
    """

    id: str
    text: str
    outlet: str
    title: str | None = None
    date: _dt.date | None = None
    url: str | None = None
    origin: str | None = None
    boilerplate: tuple[Span, ...] = ()
    language: str | None = None  # ISO 639-1 code detected from the text ("en", "de"); None if unknown


@dataclass(frozen=True)
class Problem:
    """Something in the input that could not be used, reported in one line."""

    origin: str
    message: str
    fatal: bool = True  # True: nothing from this input was used; False: a warning


@dataclass(frozen=True)
class SummaryItem:
    """One sentence of the summary and every source sentence that carries it.

    ``text`` is exactly the text of ``sources[0]`` (extractive: never rewritten).
    """

    text: str
    sources: tuple[Ref, ...]
    score: float = 0.0


@dataclass(frozen=True)
class WordDiff:
    """A word-level difference between a carrier's wording and the fullest wording."""

    op: str  # "replace", "delete" (words of the fullest missing here), "insert" (extra words here)
    fullest: str  # the words in the fullest wording ("" for insert)
    here: str  # the words in this carrier's wording ("" for delete)


@dataclass(frozen=True)
class QuoteSpan:
    """A direct quotation found in one article (before lining up across outlets)."""

    article: str
    start: int  # the quoted words, without the quotation marks
    end: int
    text: str
    speaker: str | None = None  # the speaker as named at this mention ("Mr Blunt", "a spokesperson for X")
    speaker_mention: Ref | None = None
    role: str | None = None
    kind: str = "full"  # "full" (a whole sentence or more), "partial" (words inside a sentence)


@dataclass(frozen=True)
class QuoteCarrier:
    """One outlet's wording of a quote."""

    article: str
    outlet: str
    start: int
    end: int
    text: str
    speaker_mention: Ref | None = None
    diff: tuple[WordDiff, ...] = ()  # against the fullest wording; empty when the same
    parts: tuple[Span, ...] = ()  # the quoted pieces when this outlet split the quote; () when one


@dataclass(frozen=True)
class Quote:
    """One quotation lined up across outlets."""

    text: str  # the fullest wording
    speaker: str | None  # canonical name, or a description ("a Conservative HQ spokesperson")
    role: str | None
    carried_by: tuple[QuoteCarrier, ...]
    flags: tuple[str, ...] = ()  # e.g. "possible_misquote", "excerpt", "unattributed"
    fullest: str | None = None  # article id of the fullest wording
    first_published: str | None = None  # article id of the earliest dated carrier


@dataclass(frozen=True)
class EntityMention:
    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """One real-world person, organisation or place, merged across outlets."""

    name: str  # canonical (longest common) form
    kind: str  # "person", "organisation", "place"
    mentions: tuple[EntityMention, ...]
    outlets: tuple[str, ...]
    variants: tuple[str, ...] = ()  # spelling variants across outlets ("Ahmad" / "Ahmed")
    role: str | None = None


@dataclass(frozen=True)
class FactMention:
    article: str
    outlet: str
    start: int  # the sentence or clause that states it
    end: int
    text: str
    value: str  # the normalised value ("48", "2008-01", "2022-04-11")
    wording: str  # the words that give the value ("48", "January 2008", "on Monday")


@dataclass(frozen=True)
class Fact:
    """A number or date about one thing (an age, a count, a date), across outlets."""

    kind: str  # "age", "count", "duration", "amount", "date"
    subject: str  # what it is about ("Imran Ahmad Khan: age")
    mentions: tuple[FactMention, ...]


@dataclass(frozen=True)
class Disagreement:
    """Outlets that give different values (or spellings) for the same thing."""

    kind: str  # "age", "count", "date", "spelling", ...
    subject: str
    values: tuple[tuple[str, tuple[FactMention, ...]], ...]  # (value, who says it)
    note: str = ""


@dataclass(frozen=True)
class Brief:
    """Everything newsfuse says about one story; every sentence cites its sources."""

    id: str | None
    articles: tuple[Article, ...]
    summary: tuple[SummaryItem, ...]
    words: int  # the word budget the summary was made for
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    problems: tuple[Problem, ...] = ()
    method: str = ""
