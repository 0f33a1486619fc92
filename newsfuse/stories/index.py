"""The hot index: stories still open to new articles, found by their rare terms.

An inverted index maps a term ("t|cantor", "n|eric cantor", "b|primari") to the hot stories that
hold it among their members' :data:`INDEX_TERMS` heaviest terms. An article's candidate stories are
the ones that share the most of its own heaviest terms; a term held by more than
:data:`MAX_POSTING` hot stories is too common to tell stories apart and is not followed. So a
look-up touches a bounded number of stories, however many the store holds.

Stories leave the hot index when they have gone quiet by both clocks: no new article for more
than ``window_articles`` articles of the stream, and for more than ``window_days`` days of stream
time (the newest date seen so far; an undated stream has only the first clock). Both must agree so
that a burst of articles (a busy news day) does not push out yesterday's stories, and a jump in
dates (a pile that is not in date order, such as stories_dev with BASIL's 2010-2014 articles
shuffled in) does not push out stories the stream is still adding to. The stories are kept in the
order of their last update, so eviction pops from the front and costs nothing per article.
"""

from __future__ import annotations

import heapq
from collections import Counter, OrderedDict
from collections.abc import Iterable
from operator import itemgetter

__all__ = ["HotIndex", "INDEX_TERMS", "MAX_POSTING", "QUERY_TERMS"]

# Terms per member article put in the index, and per new article looked up. 30 covers all the
# title words, names and most body stems of a short report; more only finds the same stories.
# Set by bench/cluster.py on BASIL + NeuS-train (recall of the gold story among the candidates).
INDEX_TERMS = 50
QUERY_TERMS = 30
# A term held by more hot stories than this is not followed (it names no story: "trump" in a
# year of US politics). Keeps the cost per article flat as the hot index fills.
MAX_POSTING = 300  # 300 and 1,000 give the same BCubed F1 on the tuning pile and stories_dev


class HotIndex:
    """Postings from terms to story ids, and the stories' last-update order for eviction."""

    def __init__(self, max_posting: int = MAX_POSTING) -> None:
        self.max_posting = max_posting
        # term -> story ids (a dict used as an ordered set: iteration follows the stream, so ties
        # between candidates break the same way on every run, whatever the hash seed)
        self._postings: dict[str, dict[str, None]] = {}
        self._terms: dict[str, set[str]] = {}  # story id -> its posted terms
        self._order: OrderedDict[str, tuple[int | None, int]] = OrderedDict()  # story id -> (clock day, seq)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, story_id: str) -> bool:
        return story_id in self._order

    def terms(self) -> int:
        """Postings held: (term, story) pairs."""
        return sum(len(t) for t in self._terms.values())

    def post(self, story_id: str, terms: Iterable[str], day: int | None, seq: int) -> None:
        """Register ``terms`` for ``story_id`` and mark it updated at (``day``, ``seq``)."""
        own = self._terms.setdefault(story_id, set())
        for term in terms:
            if term not in own:
                own.add(term)
                self._postings.setdefault(term, {})[story_id] = None
        self._order[story_id] = (day, seq)
        self._order.move_to_end(story_id)

    def candidates(self, terms: Iterable[str], limit: int) -> list[str]:
        """Up to ``limit`` story ids sharing ``terms``, most shared terms first (ties: older first)."""
        shared: Counter[str] = Counter()
        for term in terms:
            holders = self._postings.get(term)
            if holders and len(holders) <= self.max_posting:
                shared.update(holders.keys())
        if len(shared) <= limit:
            return list(shared)
        return [sid for sid, _ in heapq.nlargest(limit, shared.items(), key=itemgetter(1))]

    def expired(self, day: int | None, seq: int, window_days: int, window_articles: int) -> list[str]:
        """Remove and return the stories quiet since ``seq - window_articles`` and ``day - window_days``."""
        gone: list[str] = []
        while self._order:
            sid, (last_day, last_seq) = next(iter(self._order.items()))
            if seq - last_seq <= window_articles:
                break
            if day is not None and last_day is not None and day - last_day <= window_days:
                break
            self._order.popitem(last=False)
            for term in self._terms.pop(sid, ()):
                holders = self._postings[term]
                holders.pop(sid, None)
                if not holders:
                    del self._postings[term]
            gone.append(sid)
        return gone
