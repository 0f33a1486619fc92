"""``consensus``: cover the words and word pairs that several outlets share, within the budget.

A concept-coverage summariser (after Gillick & Favre's concept ILP for multi-document
summaries, solved greedily): the concepts of a story are its stemmed content words and word
pairs; a concept is worth as much as the number of articles that use it beyond the first (what
one outlet alone says is not the story's core), plus a little when an article title uses it.
Sentence groups (the same sentence in several outlets is one group, see ``align``) are taken
greedily by the value of the concepts they add that are not covered yet, plus a centrality
prior, per square root of their length. A concept counts once, so the summary does not repeat
itself; the square root lets longer, fuller sentences compete with short ones without
letting a long one eat the budget. Scraped page furniture (``features.is_junk``) is never
taken, nor is a sentence under ``brieflike.MIN_WORDS`` words or one that rewords a chosen one
(``brieflike.Rewordings``).

Numbers were set on NeuS train (/work/shared/data/neus_train.jsonl, 1,200 clusters, grid over
the exponent, title weight and prior) and checked on the validation sets by bench/summarize.py.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from newsfuse.brief.summarizers import register
from newsfuse.brief.summarizers.base import StoryUnits, Summarizer, stem, to_items, tokens, word_count
from newsfuse.brief.summarizers.brieflike import MIN_WORDS, Rewordings
from newsfuse.brief.summarizers.features import group_vectors
from newsfuse.lexicon import ENGLISH_STOP_WORDS
from newsfuse.model import Article, Span, SummaryItem

__all__ = [
    "ConsensusSummarizer",
    "concepts",
    "concept_worths",
    "greedy",
    "brief_greedy",
    "UNIGRAM_WEIGHT",
    "TITLE_WEIGHT",
    "PRIOR_WEIGHT",
    "LENGTH_EXPONENT",
]

#: Weight of a shared content word against a shared word pair (1.0). Pairs carry more of the
#: story (names, events); 0.5 beat 0 and 1 on NeuS train and on Multi-News val (R1 and R2).
UNIGRAM_WEIGHT = 0.5

#: Added to a concept's worth for each article title that uses it. 0.5 was best on NeuS train
#: (1.0 and 2.0 slightly worse); Multi-News has no titles.
TITLE_WEIGHT = 0.5

#: Weight of the centrality prior (TF-IDF cosine to the story centroid, 0..1) against concept
#: gains (which run from ~1 to ~30). 2 was best on NeuS train (0, 1, 4, 8 tried).
PRIOR_WEIGHT = 2.0

#: Value per length**LENGTH_EXPONENT words: 1 would favour short sentences, 0 long ones.
#: 0.5 was best on NeuS train and on Multi-News val (0.3 and 0.7 tried).
LENGTH_EXPONENT = 0.5

#: A concept must be used by this many articles to count (when the story has that many).
MIN_ARTICLES = 2

#: Worth of a concept that only one article uses (when the story has several): a little, so
#: that with few shared concepts (three short excerpts in NeuS) the story's own words still
#: steer the choice. Tried 0.1, 0.25, 0.5 on NeuS train: none beat 0 (39.25, 39.07, 38.94 R1
#: against 39.28), so single-outlet words count for nothing beyond the centrality prior.
SINGLE_WEIGHT = 0.0

_STOP = ENGLISH_STOP_WORDS


def concepts(text: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The stemmed content words and the word pairs (not two stop words) of ``text``."""
    raw = tokens(text)
    words = [stem(w) for w in raw]
    stop = [w in _STOP for w in raw]
    uni = {w for w, s in zip(words, stop, strict=True) if not s}
    bi = {(words[k], words[k + 1]) for k in range(len(words) - 1) if not (stop[k] and stop[k + 1])}
    return uni, bi


def _worth(articles: int, need: int) -> float:
    return float(articles - need + 1) if articles >= need else SINGLE_WEIGHT


def concept_worths(
    units: StoryUnits, articles: Sequence[Article]
) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """Worth of each stemmed word and word pair of a story: the number of articles that use it
    beyond the first (UNIGRAM_WEIGHT x that for words), plus TITLE_WEIGHT per title using it."""
    per_article: dict[str, tuple[set[str], set[tuple[str, str]]]] = {}
    for g in units.groups:
        for m in g.members:
            u, b = concepts(m.text)
            au, ab = per_article.setdefault(m.article, (set(), set()))
            au |= u
            ab |= b
    udf: Counter[str] = Counter()
    bdf: Counter[tuple[str, str]] = Counter()
    for u, b in per_article.values():
        udf.update(u)
        bdf.update(b)
    need = MIN_ARTICLES if len(per_article) >= MIN_ARTICLES else 1
    uw = {w: UNIGRAM_WEIGHT * _worth(c, need) for w, c in udf.items()}
    bw = {p: _worth(c, need) for p, c in bdf.items()}
    for a in articles:
        if a.title:
            tu, tb = concepts(a.title)
            for w in tu:
                uw[w] = uw.get(w, 0.0) + UNIGRAM_WEIGHT * TITLE_WEIGHT
            for p in tb:
                bw[p] = bw.get(p, 0.0) + TITLE_WEIGHT
    return uw, bw


@register
class ConsensusSummarizer(Summarizer):
    name = "consensus"

    def summarize(
        self, articles: Sequence[Article], words: int, sentences: Mapping[str, Sequence[Span]] | None = None
    ) -> list[SummaryItem]:
        units = self.units(articles, words, sentences)
        if units is None:
            return []
        return to_items(units, *brief_greedy(units, articles, words))


def brief_greedy(
    units: StoryUnits, articles: Sequence[Article], words: int, rewordings: Rewordings | None = None
) -> tuple[list[int], list[float]]:
    """:func:`greedy` with the rules of a brief-like summary (``brieflike``): no group under
    MIN_WORDS words, none that rewords a group already chosen."""
    rw = rewordings or Rewordings(units)
    return greedy(units, articles, words, redundant=rw.redundant, min_words=MIN_WORDS)


def greedy(
    units: StoryUnits,
    articles: Sequence[Article],
    words: int,
    prior: Sequence[float] | None = None,
    prior_weight: float = PRIOR_WEIGHT,
    redundant: Callable[[int, list[int]], bool] | None = None,
    min_words: int = 1,
) -> tuple[list[int], list[float]]:
    """The groups chosen by lazy greedy concept coverage, and each group's value when taken.

    ``prior`` (one value per group) replaces the centrality prior, with ``prior_weight``;
    ``redundant(i, chosen)`` may reject a group that says again what is chosen; groups under
    ``min_words`` words are not taken."""
    groups = units.groups
    uw, bw = concept_worths(units, articles)
    lengths = [word_count(g.representative.text) for g in groups]
    gconcepts = [concepts(g.representative.text) for g in groups]
    if prior is None:
        x, centroid = group_vectors(units)
        prior = (x @ centroid) if x is not None else [0.0] * len(groups)
    covered_u: set[str] = set()
    covered_b: set[tuple[str, str]] = set()

    def value(i: int) -> float:
        u, b = gconcepts[i]
        gain = sum(uw.get(w, 0.0) for w in u - covered_u) + sum(bw.get(p, 0.0) for p in b - covered_b)
        return (gain + prior_weight * float(prior[i])) / lengths[i] ** LENGTH_EXPONENT

    # Lazy greedy: a group's value only falls as concepts get covered, so a value computed
    # earlier is an upper bound and only the top of the heap needs recomputing.
    heap = [(-value(i), i) for i in range(len(groups)) if lengths[i] >= max(min_words, 1) and units.usable[i]]
    heapq.heapify(heap)
    chosen: list[int] = []
    scores = [0.0] * len(groups)
    left = words
    while heap and left > 0:
        _, i = heapq.heappop(heap)
        if lengths[i] > left:
            continue  # does not fit any more: never will
        v = value(i)
        if heap and v < -heap[0][0]:
            heapq.heappush(heap, (-v, i))
            continue
        if redundant is not None and redundant(i, chosen):
            continue
        chosen.append(i)
        scores[i] = v
        left -= lengths[i]
        covered_u |= gconcepts[i][0]
        covered_b |= gconcepts[i][1]
    return chosen, scores
