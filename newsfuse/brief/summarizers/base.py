"""The base of every summary method, and the steps they share.

A method subclasses :class:`Summarizer`, sets ``name`` and implements ``summarize``. Most methods
only score sentence groups: they call :func:`story_units` (content sentences grouped across
outlets), score the groups, then :func:`select` (word budget, no repeated content) and
:func:`to_items` (story order, every outlet cited).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from newsfuse.analysis.sentences import content_sentences
from newsfuse.brief.align import SentenceGroup, group_sentences
from newsfuse.model import Article, SummaryItem

__all__ = ["Summarizer", "StoryUnits", "story_units", "select", "to_items", "word_count"]


class Summarizer(ABC):
    """One way of summarising a story's articles into cited, extractive summary items."""

    name: ClassVar[str]

    @abstractmethod
    def summarize(self, articles: Sequence[Article], words: int) -> list[SummaryItem]:
        """At most ``words`` words (whitespace tokens) of the articles' own sentences.

        Each item's ``text`` is its first source's text; ``sources`` are every sentence (in
        every outlet) carrying that content; no content comes twice.
        """


def word_count(text: str) -> int:
    """Words as the budget counts them: whitespace-separated tokens."""
    return len(text.split())


@dataclass(frozen=True)
class StoryUnits:
    """A story's content sentences grouped by content, with where each group stands."""

    groups: list[SentenceGroup]
    #: Per group: mean relative position (0 = first sentence, 1 = last) of its members.
    position: list[float]
    #: Per group: the smallest sentence index of any member in its article (0 = a lead).
    first_index: list[int]
    #: Number of articles that have at least one content sentence.
    n_articles: int


def story_units(articles: Sequence[Article]) -> StoryUnits:
    """Content sentences (boilerplate skipped) of ``articles``, grouped across outlets."""
    spans = {a.id: content_sentences(a) for a in articles}
    groups = group_sentences(articles, spans)
    index: dict[tuple[str, int], tuple[int, int]] = {}
    for a in articles:
        ss = spans[a.id]
        for k, s in enumerate(ss):
            index[(a.id, s.start)] = (k, len(ss))
    position: list[float] = []
    first_index: list[int] = []
    for g in groups:
        rel = []
        first = 1 << 30
        for m in g.members:
            k, total = index[(m.article, m.start)]
            rel.append(k / max(total - 1, 1))
            first = min(first, k)
        position.append(sum(rel) / len(rel))
        first_index.append(first)
    n_articles = sum(1 for a in articles if spans[a.id])
    return StoryUnits(groups, position, first_index, n_articles)


def select(
    order: Sequence[int],
    lengths: Sequence[int],
    words: int,
    redundant: Callable[[int, list[int]], bool] | None = None,
) -> list[int]:
    """Walk ``order`` (candidates best first) and keep each one that fits the word budget.

    A candidate longer than what is left is skipped and the walk goes on to shorter ones (the
    budget is never exceeded, and is filled as far as the candidates allow). ``redundant(i,
    chosen)`` may reject a candidate that repeats what is already chosen.
    """
    chosen: list[int] = []
    left = words
    for i in order:
        n = lengths[i]
        if n == 0 or n > left:
            continue
        if redundant is not None and redundant(i, chosen):
            continue
        chosen.append(i)
        left -= n
        if left <= 0:
            break
    return chosen


def to_items(units: StoryUnits, chosen: Sequence[int], scores: Sequence[float]) -> list[SummaryItem]:
    """Summary items for the chosen groups, in story order: by the mean relative position of
    each group's sentences in their articles (what happened comes first, reactions later),
    ties by first appearance."""
    ordered = sorted(chosen, key=lambda i: (units.position[i], i))
    items: list[SummaryItem] = []
    for i in ordered:
        g = units.groups[i]
        rep = g.representative
        sources = (rep, *(m for m in g.members if m is not rep))
        items.append(SummaryItem(text=rep.text, sources=sources, score=float(scores[i])))
    return items
