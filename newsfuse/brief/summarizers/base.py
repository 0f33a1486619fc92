"""The base of every summary method, and the steps they share.

A method subclasses :class:`Summarizer`, sets ``name`` and implements ``summarize``. Most methods
only score sentence groups: they call :func:`story_units` (content sentences grouped across
outlets), score the groups, then :func:`select` (word budget, no repeated content) and
:func:`to_items` (story order, every outlet cited).
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from newsfuse.analysis.sentences import content_sentences
from newsfuse.brief.align import SentenceGroup, group_sentences, representative
from newsfuse.brief.summarizers.junk import is_junk
from newsfuse.brief.summarizers.readable import quoted_runs, quoted_words
from newsfuse.brief.summarizers.readable import readable as is_readable
from newsfuse.model import Article, SummaryItem

__all__ = [
    "Summarizer",
    "StoryUnits",
    "story_units",
    "select",
    "to_items",
    "word_count",
    "REACTION_QUOTED_WORDS",
]

#: A group whose wording holds at least this many quoted words is a reaction and is told
#: after what happened. Three words leave scare quotes ("a shambles") among the facts.
REACTION_QUOTED_WORDS = 4


class Summarizer(ABC):
    """One way of summarising a story's articles into cited, extractive summary items."""

    name: ClassVar[str]

    def __init__(self, readable: bool = True) -> None:
        #: Only sentences that can stand alone (``readable.readable``) are chosen. False gives
        #: the unfiltered method, for measuring what the readability rules cost in ROUGE.
        self.readable = readable

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
    #: Per group: may it be chosen (not page furniture and, when asked, readable on its own).
    usable: list[bool]
    #: Per group: is it a reaction (its wording quotes someone), told after what happened.
    reaction: list[bool]


def story_units(articles: Sequence[Article], readable: bool = True) -> StoryUnits:
    """Content sentences (boilerplate skipped) of ``articles``, grouped across outlets.

    With ``readable``, a quotation told over several sentences is one unit (``quoted_runs``)
    and a group is usable only when one of its members can stand alone in a
    summary (:func:`readable.readable`); its wording (representative) is then such a member,
    the representative chosen by ``align`` when it qualifies, else the qualifying member
    closest to all the others (:func:`~newsfuse.brief.align.representative`).
    """
    spans = {a.id: content_sentences(a) for a in articles}
    if readable:
        spans = {a.id: quoted_runs(a, spans[a.id]) for a in articles}
    groups = group_sentences(articles, spans)
    by_id = {a.id: a for a in articles}
    usable: list[bool] = []
    for k, g in enumerate(groups):
        if is_junk(g.representative.text):
            usable.append(False)
            continue
        if not readable:
            usable.append(True)
            continue
        ok = [m for m in g.members if is_readable(m, by_id[m.article])]
        if ok and g.representative not in ok:
            groups[k] = replace(g, representative=representative(g.members, ok))
        usable.append(bool(ok))
    reaction = [quoted_words(g.representative.text) >= REACTION_QUOTED_WORDS for g in groups]
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
        position.append(math.fsum(rel) / len(rel))  # fsum: the same whatever the members' order
        first_index.append(first)
    n_articles = sum(1 for a in articles if spans[a.id])
    return StoryUnits(groups, position, first_index, n_articles, usable, reaction)


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
    """Summary items for the chosen groups, in story order: what happened first, then the
    reactions (groups that quote someone); each part by the mean relative position of the
    group's sentences in their articles, ties by first appearance. Not outlet by outlet."""
    ordered = sorted(chosen, key=lambda i: (units.reaction[i], units.position[i], i))
    items: list[SummaryItem] = []
    for i in ordered:
        g = units.groups[i]
        rep = g.representative
        sources = (rep, *(m for m in g.members if m is not rep))
        items.append(SummaryItem(text=rep.text, sources=sources, score=float(scores[i])))
    return items
