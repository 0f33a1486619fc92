"""Online story clustering: each new article joins the story it reports on, or opens a new one.

The clusterer reads a stream in order and decides at once, never revisiting a decision. For each
article:

1. **Duplicates and copies** (:mod:`newsfuse.stories.dedup`): the same URL or the same text is a
   duplicate (not stored again); a near-identical text (MinHash Jaccard >= 0.8) is a copy. Both
   join the story of the article they repeat, with no further decision.
2. **Features** (:mod:`newsfuse.stories.features`): TF-IDF sub-vectors after Miranda et al. 2018
   (title stems, body stems, title + body stems, adjacent-stem pairs, names as capitalised runs,
   figures); the tuned default uses title + body stems (title words counted 3 times) and the pairs.
   IDF is counted online, over the articles seen so far; tf is sublinear; each sub-vector is unit
   length.
3. **Candidates** (:mod:`newsfuse.stories.index`): the hot stories that share the article's
   heaviest terms, at most :data:`MAX_CANDIDATES` of them. Never a scan of all stories.
4. **Lexical score**: for each candidate, the cosine of each sub-vector with the story's centroid
   (the sum of its members' sub-vectors), combined with the weights :data:`WEIGHTS` over the
   kinds both sides have (an article without a title is not held to have a different one).
5. **Learned decision** (the default; Miranda et al. 2018 learn theirs too): the
   :data:`FEATURE_CANDIDATES` best candidates by lexical score get merge features
   (:meth:`StoryClusterer.features`): the cosines of the "text", "pairs" and "title" sub-vectors,
   the lexical score, the best cosine with one of the story's :data:`MEMBERS_COMPARED` latest
   members ("nearest"), how far each of those two leads the best other candidate, whether the
   article is undated, the squared day gap between the article's date and the story's date range
   (0 inside it), and the story's size (log). A logistic regression (:data:`MERGE_COEFS`, trained
   by bench/cluster_train.py on BASIL + NeuS-train) gives each a probability (a model may also use
   :data:`MEMBER_FEATURES`, comparisons with the latest members' titles, stem pairs, word shingles
   and quotes; the shipped one does not: no gain, RESULTS.md issue 7); the most probable
   candidate takes the article when it reaches :data:`MERGE_PROBABILITY`, otherwise the article
   opens a new story, whose id is the article's id (stable for a given stream, whatever else is
   loaded).

   With ``ClusterSettings(merge_coefs=())`` the former hand-set rule decides instead: the
   lexical score times ``exp(-gap**2 / (2 * TIME_SIGMA_DAYS**2))``; the best candidate takes the
   article when that reaches :data:`JOIN_THRESHOLD`, or reaches :data:`MIN_SCORE` and is
   :data:`MARGIN_RATIO` times the runner-up's.

Embedding mode (optional, off by default; see EMBEDDINGS_BY_DEFAULT and :func:`default_embedder`):
each article's title and lead are also embedded (newsfuse.analysis.embed); the hot stories nearest
by embedding join the candidates (:mod:`newsfuse.stories.embedding_index`) and a second learned
model (:data:`EMBED_MERGE_COEFS`) adds the embedding cosines to the features. Without an embedder
the clusterer is the lexical one above, unchanged. :attr:`StoryClusterer.mode` says which runs.

The online document-frequency tables are bounded (:data:`DF_MAX_TERMS`): the rarest terms are
dropped when one outgrows it (bench/RESULTS.md).

Undated articles: no day gap (the "undated" feature lets the model weigh that; in the hand-set
rule their time factor is 1) and they do not move the stream's day clock. A story leaves the hot
index once it has had no new article for :data:`HOT_WINDOW_ARTICLES` articles of the stream and
for :data:`HOT_WINDOW_DAYS` days of stream time (the newest date seen; undated streams have only
the first clock); its articles leave the near-duplicate index with it.

Memory per story is bounded by :data:`KEEP_MEMBERS` (bench/RESULTS.md, "Flat memory"): a story
counts all its members and sums their vectors (the centroid is exact), but keeps only its latest
KEEP_MEMBERS in the near-duplicate index (MinHash LSH), and the clusterer maps only those to their
story. The exact keys (URL, text) of every article go into a compact table of the latest
SEEN_ARTICLES (:mod:`newsfuse.stories.seen`, 60-90 bytes an article), so an article added again is
a duplicate whenever its original came, its story hot or cold.
"""

from __future__ import annotations

import heapq
import math
import os
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter, mul
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from newsfuse.errors import ConfigError
from newsfuse.model import Article
from newsfuse.stories.dedup import COPY_JACCARD, DuplicateIndex
from newsfuse.stories.embedding_index import EmbeddingIndex
from newsfuse.stories.features import READ_CHARS, ArticleTerms, article_terms, quotes, shingles
from newsfuse.stories.index import INDEX_TERMS, MAX_POSTING, QUERY_TERMS, HotIndex
from newsfuse.stories.seen import SEEN_ARTICLES

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "Assignment",
    "ClusterSettings",
    "TextEmbedder",
    "default_embedder",
    "story_embedder",
    "STORY_ENCODER",
    "CLUSTER_EMBEDDINGS_ENV",
    "EMBEDDINGS_BY_DEFAULT",
    "embedding_text",
    "EMBED_MERGE_COEFS",
    "EMBED_MERGE_BIAS",
    "EMBED_CANDIDATES",
    "DF_MAX_TERMS",
    "StoryClusterer",
    "HOT_WINDOW_DAYS",
    "HOT_WINDOW_ARTICLES",
    "KEEP_MEMBERS",
    "JOIN_THRESHOLD",
    "MARGIN_RATIO",
    "MAX_CANDIDATES",
    "MEMBER_FEATURES",
    "MIN_SCORE",
    "TITLE_BOOST",
    "TIME_SIGMA_DAYS",
    "WEIGHTS",
]

KINDS = ("title", "body", "text", "names", "numbers", "pairs")  # text: title and body stems together
_PREFIX = {"title": "t|", "body": "b|", "text": "x|", "names": "n|", "numbers": "#|", "pairs": "p|"}

# Weight of each sub-vector's cosine in the score. Set by bench/cluster.py --tune on BASIL +
# NeuS-train (grid search, best BCubed F1; see bench/RESULTS.md): one vector of title and body
# stems ("text") plus adjacent-stem pairs beats separate title/body/name/figure sub-vectors there
# (0.840 vs 0.802 BCubed F1): the capitalised-run names and the figures are noisy and shared
# across the many stories about the same people, and their words are in "text" anyway. The other
# kinds stay available through ClusterSettings(weights=...). The grid's top 12 lie within 0.833-
# 0.840: the choice among them is not sharp.
WEIGHTS: dict[str, float] = {"text": 1.0, "pairs": 0.5}
# ... or from MIN_SCORE when it beats the runner-up by MARGIN_RATIO: long articles about one event
# share fewer words than short ones (Multi-News reports of one event score 0.1-0.3), but stand
# out from the other stories as clearly. Best on the tuning pile by a hair (0.840 vs 0.835 off),
# which holds no long multi-source stories; it was tried after looking at the Multi-News part of
# stories_dev (recall 0.73 -> 0.80), so that part is a dev split for this rule (RESULTS.md says so).
MIN_SCORE = 0.15
MARGIN_RATIO = 1.5
# A title word counts as this many body words in the "text" sub-vector.
TITLE_BOOST = 3.0  # same tuning run (grid 1, 2, 3)
# Score from which the best candidate story takes the article (same tuning run as WEIGHTS).
JOIN_THRESHOLD = 0.30  # same tuning run (grid 0.25, 0.30, 0.35)
# Width of the Gaussian on the day gap: the three outlets of a BASIL event publish within 0-4
# days of each other; a gap of 3 days keeps 0.6 of the score, a week 0.07.
TIME_SIGMA_DAYS = 3.0
# Candidate stories scored per article (by shared index terms). With the learned decision 10 give
# the same BCubed F1 as 20 on BASIL + NeuS-train (0.853 both; 8: 0.851, 6: 0.846) at half the
# scoring cost (bench/cluster.py-based runs of 2026-11-27, RESULTS.md "learned merge decision").
MAX_CANDIDATES = 10
# A story leaves the hot index when it has had no new article for HOT_WINDOW_ARTICLES articles of
# the stream and for HOT_WINDOW_DAYS days of stream time (both; see newsfuse.stories.index). News
# events are reported within days, and the Gaussian above gives a week's gap 0.07 of the score.
# 10,000 articles is a day of a large aggregator; it bounds the hot index of an undated stream.
HOT_WINDOW_DAYS = 7
HOT_WINDOW_ARTICLES = 10_000
# The learned merge decision: logistic-regression coefficients over the features of (article,
# candidate story) that StoryClusterer.features and _scored compute. Fitted by
# `python bench/cluster_train.py --pile big --eval` (its default feature list) on pairs from
# teacher-forced passes over BASIL and 1,652 NeuS-train stories (the tuning pile and the 1,252
# "extra" stories of bench/cluster.py neus_splits, in 4 streams; never stories_dev, the held-out
# 400 nor the 400 "val" stories): 15,165 pairs, 3,109 positive (issue 7, 2026-11-28; before: the
# tuning pile alone, 4,022 pairs, which gives the same quality at the same threshold). Tried there
# and left out for no gain: separate body, name and figure cosines, the rarest shared term and
# shared title terms (RESULTS.md, "learned merge decision"); the MEMBER_FEATURES below (word
# shingles, quotes, title and pairs cosines with the latest members) and gradient-boosted trees
# instead of the logistic model (RESULTS.md, issue 7). Empty coefficients: the hand-set rule above
# decides.
MERGE_COEFS: dict[str, float] = {
    "cos_text": 5.355,
    "cos_pairs": -1.422,
    "cos_title": -0.325,
    "lexical": 3.096,
    "nearest": 3.104,
    "lead_lexical": 6.849,
    "lead_nearest": 6.604,
    "undated": -2.035,
    "gap_sq": -0.808,
    "log_size": -1.217,
}
MERGE_BIAS = -1.753
# Probability from which the best candidate takes the article: chosen by 3-fold cross-validation
# over NeuS-train streams (train on the tuning pile and two "extra" streams, score the third and
# the "val" stories): mean BCubed F1 0.832 / 0.837 / 0.841 at 0.3 / 0.4 / 0.5 (RESULTS.md, issue 7).
# 0.3 before (chosen on the tuning pile alone, in-sample).
MERGE_PROBABILITY = 0.5
# Latest members whose text vectors a story keeps for the "nearest" feature, and candidates (the
# best by lexical score) that get merge features. 3 and 3 give the tuning pile's BCubed F1 of 8
# and 5 (0.853 both) at less cost; the others are too far behind to win.
MEMBERS_COMPARED = 3
FEATURE_CANDIDATES = 3

# -- With sentence embeddings (newsfuse.analysis.embed; optional) --------------------------------
# Each article is embedded once (title and the lead: EMBED_CHARS characters of the body, which the
# model cuts at 128 word pieces anyway); a story keeps the sum of its members' embeddings and its
# MEMBERS_COMPARED latest ones. The hot stories' centroids sit in an EmbeddingIndex: the
# EMBED_CANDIDATES nearest (cosine >= EMBED_FLOOR) join the lexical candidates, so a report in other
# words still meets its story. The merge model then adds three features: the cosine with the
# story's centroid ("emb_centroid"), the best cosine with one of its latest members ("emb_nearest"),
# and how far the former leads the best other candidate ("lead_emb"). Its coefficients
# (EMBED_MERGE_COEFS) are fitted like MERGE_COEFS by `python bench/cluster_train.py --embeddings`
# on the same tuning pile; MERGE_COEFS stay the model of the lexical mode (embeddings off or not
# installed), which is then the clusterer of before, unchanged. A candidate story with no embedding
# (restored from a store, see StoryClusterer.restore) is judged by the lexical model.
EMBED_MERGE_COEFS: dict[str, float] = {
    "cos_text": 1.172,
    "cos_pairs": 0.899,
    "cos_title": -0.657,
    "lexical": 1.081,
    "nearest": 1.086,
    "lead_lexical": 3.162,
    "lead_nearest": 2.895,
    "undated": -1.439,
    "gap_sq": -0.436,
    "log_size": -1.17,
    "emb_centroid": 4.623,
    "emb_nearest": 3.639,
    "lead_emb_centroid": 3.573,
    "lead_emb_nearest": 2.751,
}
EMBED_MERGE_BIAS = -4.975
# Best of 0.3-0.6 on the "val" NeuS-train stories with the story encoder (0.867, 0.868, 0.876,
# 0.874 BCubed F1; `python bench/cluster_train.py --embeddings --eval`).
EMBED_MERGE_PROBABILITY = 0.5
EMBED_CANDIDATES = 3
EMBED_FLOOR = 0.3
EMBED_CHARS = 1000
# The encoder of the embedding mode: all-MiniLM-L6-v2 fine-tuned to tell whether two reports tell
# one event (bench/encoder_train.py: NeuS-train stories never used to fit or choose anything else;
# weights int8, as the packaged base model's), read by newsfuse.analysis.embed with the base
# model's tokenizer. EMBED_MERGE_COEFS are fitted on its vectors.
STORY_ENCODER = Path(__file__).resolve().parent / "encoder" / "story-encoder-minilm-int8.onnx"
# Whether a StoryClusterer() uses embeddings when they are installed. Off: with the story encoder
# the embedding mode gains about 0.02 BCubed F1 (0.03 on NeuS) and clusters 25-40x slower (24-28
# articles per CPU-second, against 350-700 lexical; bench/RESULTS.md, "Story clustering: a
# fine-tuned story encoder"), far below the 500/s the stream needs. CLUSTER_EMBEDDINGS_ENV=on (or
# `newsfuse cluster --embeddings`) turns it on; NEWSFUSE_EMBEDDINGS=off always wins.
EMBEDDINGS_BY_DEFAULT = False
CLUSTER_EMBEDDINGS_ENV = "NEWSFUSE_CLUSTER_EMBEDDINGS"
# Articles embedded ahead in one call by add_many / prefetch (the model's own batch is 32).
PREFETCH = 64
# The online document-frequency table of a sub-vector kind is pruned when it holds more than this
# many terms: the terms seen least often go (count 1, then up to 2, 4, ...) until it is back to half
# of it. Without this it keeps every stem and stem pair ever seen and memory grows with the stream
# (bench/RESULTS.md). A pruned term that comes back starts its count again: it was rare, and stays
# so, so its weight hardly changes.
DF_MAX_TERMS = 300_000
# Latest members of a story kept in the near-duplicate index (their MinHash sketches and LSH
# entries, a few kB each). A copy is recognised when its original is one of them: wire copy runs
# within hours of its original, and 32 reports are more than a day of all but the largest stories
# (stories_dev's largest gold story has 9). Without this bound a story that stays hot keeps every
# member and memory grows with the stream (bench/RESULTS.md, "Flat memory"). The exact duplicate
# check does not depend on it (newsfuse.stories.seen).
KEEP_MEMBERS = 32


class TextEmbedder(Protocol):
    """What the clusterer needs of an embedder (newsfuse.analysis.embed.Embedder is one)."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def story_embedder() -> TextEmbedder | None:
    """The story encoder (:data:`STORY_ENCODER`) loaded by newsfuse.analysis.embed, or None when
    sentence embeddings are not installed or are off. NEWSFUSE_EMBEDDINGS=<path> puts another
    model in its place (benchmarks compare encoders so)."""
    from newsfuse.analysis.embed import embedder

    return embedder(model=STORY_ENCODER)


def default_embedder() -> TextEmbedder | None:
    """newsfuse.analysis.embed's model when the clusterer should use it: asked for (CLUSTER_EMBEDDINGS_ENV
    "on", or EMBEDDINGS_BY_DEFAULT and not "off"), installed, and not NEWSFUSE_EMBEDDINGS=off.

    Raises ConfigError when it is asked for by CLUSTER_EMBEDDINGS_ENV=on and cannot be had."""
    setting = os.environ.get(CLUSTER_EMBEDDINGS_ENV, "").strip().lower()
    if setting not in ("", "on", "off"):
        raise ConfigError(f"{CLUSTER_EMBEDDINGS_ENV}={setting}: say 'on' or 'off'")
    if setting == "off" or (setting == "" and not EMBEDDINGS_BY_DEFAULT):
        return None
    from newsfuse.analysis.embed import EMBEDDINGS_ENV

    model = story_embedder()
    if model is None and setting == "on":
        raise ConfigError(
            f"{CLUSTER_EMBEDDINGS_ENV}=on, but sentence embeddings are not installed "
            f"(pip install 'newsfuse[embed]') or {EMBEDDINGS_ENV}=off"
        )
    return model


def embedding_text(article: Article) -> str:
    """What is embedded of an article: its title, then the first EMBED_CHARS characters of the body."""
    lead = article.text[:EMBED_CHARS]
    return f"{article.title}\n{lead}" if article.title else lead


@dataclass(frozen=True)
class Assignment:
    """Where one article went: its story, whether it opened it, and what it repeats."""

    article_id: str
    story_id: str
    new_story: bool
    duplicate_of: str | None = None  # same URL or same text: not stored again
    copy_of: str | None = None  # near-identical text from another outlet (wire copy): kept, marked


@dataclass(frozen=True)
class ClusterSettings:
    """The clusterer's knobs; the defaults are the tuned constants of this module."""

    join_threshold: float = JOIN_THRESHOLD
    min_score: float = MIN_SCORE
    margin_ratio: float = MARGIN_RATIO
    weights: tuple[tuple[str, float], ...] = tuple(WEIGHTS.items())
    time_sigma_days: float = TIME_SIGMA_DAYS
    title_boost: float = TITLE_BOOST
    max_candidates: int = MAX_CANDIDATES
    max_posting: int = MAX_POSTING
    hot_window_days: int = HOT_WINDOW_DAYS
    hot_window_articles: int = HOT_WINDOW_ARTICLES
    copy_jaccard: float = COPY_JACCARD
    merge_coefs: tuple[tuple[str, float], ...] = tuple(MERGE_COEFS.items())
    merge_bias: float = MERGE_BIAS
    merge_probability: float = MERGE_PROBABILITY
    embed_coefs: tuple[tuple[str, float], ...] = tuple(EMBED_MERGE_COEFS.items())
    embed_bias: float = EMBED_MERGE_BIAS
    embed_probability: float = EMBED_MERGE_PROBABILITY
    embed_candidates: int = EMBED_CANDIDATES
    df_max_terms: int = DF_MAX_TERMS
    keep_members: int = KEEP_MEMBERS
    seen_articles: int = SEEN_ARTICLES


@dataclass
class _Story:
    id: str
    centroid: dict[str, dict[str, float]] = field(default_factory=lambda: {k: {} for k in KINDS})
    norm2: dict[str, float] = field(default_factory=lambda: dict.fromkeys(KINDS, 0.0))
    first_day: int | None = None
    last_day: int | None = None
    size: int = 0  # members so far
    kept: deque[str] = field(default_factory=deque)  # the latest keep_members members' ids
    recent: deque[dict[str, float]] = field(default_factory=lambda: deque(maxlen=MEMBERS_COMPARED))
    emb_sum: np.ndarray | None = None  # the sum of its members' embeddings (embedding mode)
    emb_recent: deque[np.ndarray] = field(default_factory=lambda: deque(maxlen=MEMBERS_COMPARED))
    # what MEMBER_FEATURES compare of its latest members (when the model uses them)
    members: deque[_Member] = field(default_factory=lambda: deque(maxlen=MEMBERS_COMPARED))


@dataclass(frozen=True)
class _Member:
    """What the member features compare of one article: its title and pairs vectors, its word
    shingles and quoted passages."""

    title: dict[str, float]
    pairs: dict[str, float]
    shingles: frozenset[int]
    quotes: frozenset[str]


Vectors = dict[str, dict[str, float]]
# Features comparing the article with each of a story's MEMBERS_COMPARED latest members (issue 7;
# the best over the members is kept): title cosine, pairs cosine, the IDF-weighted share of the
# article's word shingles the member has, how many rare ones (seen in at most RARE_SHINGLE_DF
# articles) it shares, and how many quoted passages.
MEMBER_FEATURES = ("title_nearest", "pairs_nearest", "shingles_share", "shingles_rare", "quotes_shared")
RARE_SHINGLE_DF = 5
_ZEROS = repeat(0.0)  # endless default values for map(dict.get, keys, _ZEROS)


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


class StoryClusterer:
    """Groups a stream of articles into stories, deciding online (see the module doc)."""

    def __init__(
        self,
        settings: ClusterSettings = ClusterSettings(),  # noqa: B008 (frozen)
        embedder: TextEmbedder | Literal["auto"] | None = "auto",
    ) -> None:
        """``embedder``: "auto" is :func:`default_embedder`; None: lexical mode."""
        self.settings = settings
        self._weights = dict(settings.weights)
        self._title_boost = settings.title_boost
        self._coefs = dict(settings.merge_coefs)
        self._bias = settings.merge_bias
        if embedder == "auto":
            embedder = default_embedder() if settings.embed_coefs and self._coefs else None
        self._embedder: TextEmbedder | None = embedder
        self._embed_coefs = dict(settings.embed_coefs)
        self._emb_index: EmbeddingIndex | None = None
        self._emb_ahead: dict[str, np.ndarray] = {}  # embedding text -> its embedding, made ahead
        self._emb: np.ndarray | None = None  # the embedding of the article being decided
        self._need_names = bool(self._weights.get("names")) or "cos_names" in self._coefs
        self._need_rare = "rare_shared" in self._coefs or "title_shared" in self._coefs
        self._need_nearest = "nearest" in self._coefs or "lead_nearest" in self._coefs
        self._need_members = any(k in self._coefs or f"lead_{k}" in self._coefs for k in MEMBER_FEATURES)
        self._sdf: Counter[int] = Counter()  # word shingle -> articles seen with it (member features)
        self._member: _Member | None = None  # the article being decided, when the model compares members
        self._kinds_needed = {k for k in KINDS if self._weights.get(k) or f"cos_{k}" in self._coefs}
        if self._need_nearest or self._need_rare:
            self._kinds_needed |= {"text", "title"}
        if self._need_members:
            self._kinds_needed |= {"title", "pairs"}
        self._df: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
        self._n = 0
        if settings.keep_members < 1:
            raise ValueError("keep_members must be at least 1")
        self._stories: dict[str, _Story] = {}
        self._index = HotIndex(settings.max_posting)
        self._dups = DuplicateIndex(settings.copy_jaccard, settings.seen_articles)
        self._day: int | None = None  # the stream's day clock: the newest date seen (proleptic ordinal)
        self._seq = 0

    # -- public -----------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """What decides: "embeddings (<model>)" or "lexical" (no embedder: not installed, or off)."""
        return f"embeddings ({self._embedder.name})" if self._embedder is not None else "lexical"

    def prefetch(self, articles: Iterable[Article]) -> None:
        """Embed ``articles`` ahead in one batch (the model is much faster on a batch than on one
        text at a time); :meth:`add` then takes their embeddings. Nothing in lexical mode."""
        if self._embedder is None:
            return
        self._emb_ahead.clear()  # what the last batch left (articles found to be duplicates) goes
        texts = list(dict.fromkeys(map(embedding_text, articles)))
        if texts:
            self._emb_ahead.update(zip(texts, self._embedder.embed(texts), strict=True))

    def add_many(self, articles: Sequence[Article]) -> list[Assignment]:
        """:meth:`add` for each of ``articles`` in order, embedding them ahead PREFETCH at a time."""
        out: list[Assignment] = []
        for start in range(0, len(articles), PREFETCH):
            chunk = articles[start : start + PREFETCH]
            self.prefetch(chunk)
            out += map(self.add, chunk)
        return out

    def add(self, article: Article) -> Assignment:
        """Decide where ``article`` goes, register it, and say so."""
        self._tick(article)
        terms = article_terms(article, names=self._need_names)
        match, pending = self._dups.check(article, terms.tokens)
        if match is not None and match.kind == "duplicate":
            return Assignment(article.id, match.story_id, False, duplicate_of=match.article_id)
        if match is not None and match.story_id in self._stories:  # a copy of a kept member
            sid = match.story_id
            vectors = self._vectors(terms)
            self._emb = self._embedding(article)
            self._member = self._as_member(article, terms, vectors)
            self._join(sid, article, vectors, self._ranked(vectors))
            self._dups.add(article.id, sid, pending)
            return Assignment(article.id, sid, False, copy_of=match.article_id)
        vectors = self._vectors(terms)
        ranked = self._ranked(vectors)
        self._emb = self._embedding(article)
        self._member = self._as_member(article, terms, vectors)
        sid = self._decide(article, vectors, ranked)
        new = sid is None
        sid = self._join(sid if sid is not None else article.id, article, vectors, ranked)
        self._dups.add(article.id, sid, pending)
        return Assignment(article.id, sid, new)

    def restore(self, article: Article, story_id: str) -> None:
        """Register an article already stored in ``story_id``, without deciding anything.

        In embedding mode the article is not embedded here (restoring a store's hot window would
        cost minutes), unless :meth:`prefetch` embedded it: a story with no embedding is judged by
        the lexical model until a new member brings one."""
        self._tick(article)
        terms = article_terms(article, names=self._need_names)
        _, pending = self._dups.check(article, terms.tokens)
        vectors = self._vectors(terms)
        self._emb = self._emb_ahead.pop(embedding_text(article), None) if self._embedder is not None else None
        self._member = self._as_member(article, terms, vectors)
        self._join(story_id, article, vectors, self._ranked(vectors))
        self._dups.add(article.id, story_id, pending)

    @property
    def hot_stories(self) -> int:
        """How many stories are open to new articles (in the hot index)."""
        return len(self._index)

    def sizes(self) -> dict[str, int]:
        """How much the clusterer holds (for bench/cluster.py): hot stories, their members in all
        and kept, near-duplicate and exact-key entries, centroid and index terms, frequency terms."""
        stories = self._stories.values()
        return {
            "hot_stories": len(self._stories),
            "hot_members": sum(s.size for s in stories),
            "kept_members": sum(len(s.kept) for s in stories),
            "near_index": len(self._dups),
            "seen_articles": len(self._dups.seen),
            "seen_bytes": self._dups.seen.nbytes,
            "centroid_terms": sum(len(c) for s in stories for c in s.centroid.values()),
            "index_terms": self._index.terms(),
            "df_terms": sum(len(df) for df in self._df.values()),
        }

    # -- steps ------------------------------------------------------------------------------

    def _tick(self, article: Article) -> None:
        self._seq += 1
        if article.date is not None:
            day = article.date.toordinal()
            self._day = day if self._day is None else max(self._day, day)
        s = self.settings
        for sid in self._index.expired(self._day, self._seq, s.hot_window_days, s.hot_window_articles):
            story = self._stories.pop(sid)
            if self._emb_index is not None:
                self._emb_index.remove(sid)
            for aid in story.kept:
                self._dups.forget(aid)

    def _counts(self, terms: ArticleTerms, kind: str) -> Counter[str]:
        if kind == "text":
            if self._title_boost != 1.0:
                return Counter({t: c * self._title_boost for t, c in terms.title.items()}) + terms.body
            return terms.title + terms.body
        return getattr(terms, kind)

    def _vectors(self, terms: ArticleTerms) -> Vectors:
        """Unit TF-IDF sub-vectors (sublinear tf, online smoothed idf); updates the counts first."""
        self._n += 1
        n1 = self._n + 1
        out: Vectors = {}
        for kind in KINDS:
            if kind not in self._kinds_needed:
                out[kind] = {}
                continue
            counts = self._counts(terms, kind)
            df = self._df[kind]
            df.update(counts.keys())
            if len(df) > self.settings.df_max_terms:
                self._prune(df)
            vec = {t: (1.0 + math.log(c)) * (math.log(n1 / (df[t] + 1)) + 1.0) for t, c in counts.items()}
            norm = math.sqrt(sum(w * w for w in vec.values()))
            out[kind] = {t: w / norm for t, w in vec.items()} if norm else {}
        return out

    def _as_member(self, article: Article, terms: ArticleTerms, vectors: Vectors) -> _Member | None:
        """What the member features need of the article (None when the model has none); counts
        its shingles in the shingle frequency table."""
        if not self._need_members:
            return None
        sh = shingles(terms.tokens)
        self._sdf.update(sh)
        if len(self._sdf) > self.settings.df_max_terms:
            self._prune(self._sdf)
        said = quotes(f"{article.title}\n{article.text[:READ_CHARS]}" if article.title else article.text[:READ_CHARS])
        return _Member(vectors["title"], vectors["pairs"], sh, said)

    def _member_features(self, rows: list[tuple[str, dict[str, float]]]) -> None:
        """Fill in MEMBER_FEATURES of each candidate row: the best over the story's latest members."""
        me = self._member
        if me is None:
            return
        sdf = self._sdf
        n1 = self._n + 1
        idf = {h: math.log(n1 / (sdf[h] + 1)) + 1.0 for h in me.shingles}
        total = sum(idf.values()) or 1.0
        for sid, f in rows:
            best = dict.fromkeys(MEMBER_FEATURES, 0.0)
            for m in self._stories[sid].members:
                shared = me.shingles & m.shingles
                vals = (
                    _dot(me.title, m.title),
                    _dot(me.pairs, m.pairs),
                    sum(idf[h] for h in shared) / total,
                    math.log1p(sum(1 for h in shared if sdf[h] <= RARE_SHINGLE_DF)),
                    float(min(len(me.quotes & m.quotes), 3)),
                )
                for k, v in zip(MEMBER_FEATURES, vals, strict=True):
                    if v > best[k]:
                        best[k] = v
            f.update(best)

    def _prune(self, df: Counter) -> None:  # type: ignore[type-arg]
        """Drop the least seen terms of ``df`` until it holds at most half of df_max_terms."""
        keep = self.settings.df_max_terms // 2
        floor = 1
        while len(df) > keep:
            for t in [t for t, c in df.items() if c <= floor]:
                del df[t]
            floor *= 2

    def _embedding(self, article: Article) -> np.ndarray | None:
        """The article's embedding (made ahead by prefetch, or now); None in lexical mode."""
        if self._embedder is None:
            return None
        text = embedding_text(article)
        vec = self._emb_ahead.pop(text, None)
        return vec if vec is not None else self._embedder.embed([text])[0]

    def _ranked(self, vectors: Vectors) -> list[str]:
        """The article's INDEX_TERMS heaviest terms (weight x kind weight), heaviest first."""
        weighted = [
            (w * self._weights.get(k, 0.0), _PREFIX[k] + t) for k, vec in vectors.items() for t, w in vec.items()
        ]
        return [term for w, term in heapq.nlargest(INDEX_TERMS, weighted) if w > 0]

    def _live(self, vectors: Vectors) -> dict[str, tuple[list[str], list[float]]]:
        """Per kind, the article's terms that an earlier article had too (no story holds the others)."""
        out: dict[str, tuple[list[str], list[float]]] = {}
        for kind, vec in vectors.items():
            if vec:
                df = self._df[kind]
                keys = [t for t in vec if df[t] > 1]
                out[kind] = (keys, [vec[t] for t in keys])
        return out

    def score(self, article: Article, live: dict[str, tuple[list[str], list[float]]], story: _Story) -> float:
        """How well ``story`` fits the article: weighted sub-vector cosines times the time factor.

        ``live`` is :meth:`_live` of the article's vectors: a kind the article has counts in the
        weighting even when none of its terms was seen before (its cosine is then 0).
        """
        cos = self._cosines(live, story)
        return self._combined(cos) * self._time_factor(article, story)

    def _cosines(self, live: dict[str, tuple[list[str], list[float]]], story: _Story) -> dict[str, float]:
        """The cosine of each sub-vector kind that both sides have with the story's centroid."""
        out: dict[str, float] = {}
        for kind, (keys, values) in live.items():
            n2 = story.norm2[kind]
            if not n2:
                continue
            if keys:
                out[kind] = sum(map(mul, values, map(story.centroid[kind].get, keys, _ZEROS))) / math.sqrt(n2)
            else:
                out[kind] = 0.0
        return out

    def _combined(self, cos: dict[str, float]) -> float:
        total = weight = 0.0
        for kind, c in cos.items():
            w = self._weights.get(kind, 0.0)
            if w:
                total += w * c
                weight += w
        return total / weight if weight else 0.0

    def _gap(self, article: Article, story: _Story) -> int | None:
        if article.date is None or story.first_day is None or story.last_day is None:
            return None
        day = article.date.toordinal()
        return max(story.first_day - day, day - story.last_day, 0)

    def _time_factor(self, article: Article, story: _Story) -> float:
        gap = self._gap(article, story)
        if not gap:
            return 1.0
        return math.exp(-(gap * gap) / (2.0 * self.settings.time_sigma_days**2))

    def _nearest(self, live_text: tuple[list[str], list[float]], story: _Story) -> float:
        """The best cosine of the article's text vector with one of the story's recent members."""
        keys, values = live_text
        return max((sum(map(mul, values, map(m.get, keys, _ZEROS))) for m in story.recent), default=0.0)

    def features(
        self,
        article: Article,
        live: dict[str, tuple[list[str], list[float]]],
        story: _Story,
        core: dict[str, float] | None = None,
    ) -> dict[str, float]:
        """The merge features of (article, story) but the ones relative to other candidates.

        ``core``: the cosines already computed for some kinds (they are not computed again).
        """
        if core:
            cos = self._cosines({k: v for k, v in live.items() if k not in core}, story)
            cos.update(core)
        else:
            cos = self._cosines(live, story)
        gap = self._gap(article, story)
        f = {f"cos_{k}": cos.get(k, 0.0) for k in KINDS}
        f["lexical"] = self._combined(cos)
        f["nearest"] = 0.0  # filled in by _scored for the best candidates
        f["has_emb"] = f["emb_centroid"] = f["emb_nearest"] = 0.0  # and these in embedding mode
        f.update(dict.fromkeys(MEMBER_FEATURES, 0.0))  # and these when the model compares members
        f["no_title"] = float("title" not in cos)
        f["no_names"] = float("names" not in cos)
        f["no_numbers"] = float("numbers" not in cos)
        f["undated"] = float(gap is None)
        f["gap_days"] = float(min(gap, 30)) if gap is not None else 0.0
        f["gap_sq"] = f["gap_days"] ** 2 / 9.0
        f["log_size"] = math.log(story.size)
        if self._need_rare:
            f["rare_shared"], f["title_shared"] = self._shared(live, story)
        return f

    def _shared(self, live: dict[str, tuple[list[str], list[float]]], story: _Story) -> tuple[float, float]:
        """The rarest text term the article shares with the story (IDF over its maximum), and
        how many title terms it shares with the story's titles (up to 4)."""
        rare = 0.0
        if "text" in live:
            df = self._df["text"]
            c = story.centroid["text"]
            low = min((df[t] for t in live["text"][0] if t in c), default=0)
            if low:
                rare = math.log((self._n + 1) / (low + 1)) / math.log(self._n + 1)
        titles = 0.0
        if "title" in live:
            c = story.centroid["title"]
            titles = min(sum(t in c for t in live["title"][0]), 4) / 4.0
        return rare, titles

    def _probability(self, f: dict[str, float]) -> tuple[float, float]:
        """The merge probability of a candidate and the threshold of the model that gave it (the
        embedding model where both sides have embeddings, else the lexical one)."""
        if f["has_emb"]:
            coefs, bias, threshold = self._embed_coefs, self.settings.embed_bias, self.settings.embed_probability
        else:
            coefs, bias, threshold = self._coefs, self._bias, self.settings.merge_probability
        z = bias + sum(w * f[k] for k, w in coefs.items())
        return (1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0), threshold

    def _scored(self, article: Article, vectors: Vectors, ranked: list[str]) -> list[tuple[str, dict[str, float]]]:
        """Each candidate story with its merge features, the relative ones included."""
        live = self._live(vectors)
        core = {k: v for k, v in live.items() if self._weights.get(k)}  # the lexical score's kinds
        pre = []
        for sid in self._index.candidates(ranked[:QUERY_TERMS], self.settings.max_candidates):
            cos = self._cosines(core, self._stories[sid])
            pre.append((self._combined(cos), sid, cos))
        chosen = {sid: cos for _, sid, cos in heapq.nlargest(FEATURE_CANDIDATES, pre, key=itemgetter(0, 1))}
        emb = self._emb
        if emb is not None and self._emb_index is not None:
            for sid, _ in self._emb_index.nearest(emb, self.settings.embed_candidates, EMBED_FLOOR):
                if sid not in chosen:
                    chosen[sid] = self._cosines(core, self._stories[sid])
        rows = [(sid, self.features(article, live, self._stories[sid], cos)) for sid, cos in chosen.items()]
        if self._need_nearest and "text" in live:
            for sid, f in rows:
                f["nearest"] = self._nearest(live["text"], self._stories[sid])
        keys: tuple[str, ...] = ("lexical", "nearest")
        if self._need_members:
            self._member_features(rows)
            keys += MEMBER_FEATURES
        if emb is not None:
            keys += ("emb_centroid", "emb_nearest")
            for sid, f in rows:
                story = self._stories[sid]
                if story.emb_sum is not None:
                    norm = math.sqrt(float(story.emb_sum @ story.emb_sum))
                    f["has_emb"] = 1.0
                    f["emb_centroid"] = float(story.emb_sum @ emb) / norm if norm else 0.0
                    f["emb_nearest"] = max(float(m @ emb) for m in story.emb_recent)
        for key in keys:
            top = sorted((f[key] for _, f in rows), reverse=True)[:2]
            for _, f in rows:
                other = top[1] if len(top) > 1 and f[key] == top[0] else (top[0] if top and f[key] != top[0] else 0.0)
                f[f"lead_{key}"] = f[key] - other
        return rows

    def _decide(self, article: Article, vectors: Vectors, ranked: list[str]) -> str | None:
        if self._coefs:
            best: tuple[float, float, str] | None = None
            for sid, f in self._scored(article, vectors, ranked):
                p, threshold = self._probability(f)
                if best is None or p > best[0]:
                    best = (p, threshold, sid)
            if best is not None and best[0] >= best[1]:
                return best[2]
            return None
        return self._decide_lexical(article, vectors, ranked)

    def _decide_lexical(self, article: Article, vectors: Vectors, ranked: list[str]) -> str | None:
        best: tuple[float, str] | None = None
        second = 0.0
        live = self._live(vectors)
        for sid in self._index.candidates(ranked[:QUERY_TERMS], self.settings.max_candidates):
            s = self.score(article, live, self._stories[sid])
            if best is None or s > best[0]:
                if best is not None:
                    second = best[0]
                best = (s, sid)
            elif s > second:
                second = s
        if best is None:
            return None
        st = self.settings
        if best[0] >= st.join_threshold or (best[0] >= st.min_score and best[0] >= st.margin_ratio * second):
            return best[1]
        return None

    def _join(self, story_id: str, article: Article, vectors: Vectors, ranked: list[str]) -> str:
        story = self._stories.get(story_id)
        if story is None:
            story = self._stories[story_id] = _Story(story_id)
        for kind, vec in vectors.items():
            c = story.centroid[kind]
            n2 = story.norm2[kind]
            for t, x in vec.items():
                old = c.get(t, 0.0)
                c[t] = old + x
                n2 += 2.0 * old * x + x * x
            story.norm2[kind] = n2
        if article.date is not None:
            day = article.date.toordinal()
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        story.size += 1
        story.kept.append(article.id)
        if len(story.kept) > self.settings.keep_members:
            self._dups.forget(story.kept.popleft())
        if self._need_nearest:
            story.recent.append(vectors["text"])
        if self._member is not None:
            story.members.append(self._member)
        emb = self._emb
        if emb is not None:
            story.emb_sum = emb.copy() if story.emb_sum is None else story.emb_sum + emb
            story.emb_recent.append(emb)
            if self._emb_index is None:
                self._emb_index = EmbeddingIndex(emb.shape[0])
            self._emb_index.set(story_id, story.emb_sum)
        self._index.post(story_id, ranked, self._day, self._seq)
        return story_id
