"""Duplicates (the same article again) and copies (near-identical text from another outlet).

- A **duplicate** has the same canonical URL as an article seen before, or the same text once
  case, punctuation and spacing are set aside. It is not stored again.
- A **copy** has a text whose word 5-shingles overlap an earlier article's by an estimated
  Jaccard similarity of at least :data:`COPY_JACCARD` (syndicated wire copy with another
  outlet's headline, a changed dateline or a trimmed tail). It is another outlet's publication,
  so it is kept, marked as a copy of the earlier one. Found with datasketch's MinHash LSH, so a
  look-up costs the same however many articles are indexed.

Memory stays flat on an endless stream (bench/RESULTS.md, "Flat memory"):

- the exact keys of every article go into a :class:`~newsfuse.stories.seen.SeenKeys` table, 60-90
  bytes an article, the latest :data:`~newsfuse.stories.seen.SEEN_ARTICLES` remembered: a
  duplicate is found however long ago its original came, its story hot or not;
- the MinHash sketches (a few kB each with their LSH entries) are held only for the articles the
  clusterer keeps in the near index (:meth:`DuplicateIndex.forget` drops the others): a story's
  latest members while it is hot. A copy is found when its original is one of those.

The store keeps its own unique keys for every article it holds, and is asked first.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsfuse.model import Article
from newsfuse.stories.features import READ_CHARS, words
from newsfuse.stories.seen import SEEN_ARTICLES, SeenKeys, key_hash

__all__ = ["COPY_JACCARD", "DuplicateIndex", "Match", "canonical_url", "shingle_hashes"]

# Estimated Jaccard similarity of word 5-shingles from which a text is a copy of another. Wire
# copies in the dev pile share > 0.9; two outlets' own reports of one event share < 0.2
# (bench/cluster.py, copy section). 0.8 leaves room for a changed lead or tail.
COPY_JACCARD = 0.8
SHINGLE_WORDS = 5
# Texts shorter than this many words are too short to call a copy (a one-line teaser).
COPY_MIN_WORDS = 25
# Only the start of the text is shingled (the same characters the clusterer reads, about 500
# words): a copy is recognisable from its lead, and a 7,000-word feature must not cost ten times
# as much as a report.
COPY_CHARS = READ_CHARS
NUM_PERM = 64  # 64 permutations: Jaccard estimates within ~0.06 of the truth, ample at 0.8.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32").permutations

_TRACKING = ("utm_", "fbclid", "gclid", "mc_", "ref", "cmpid", "ocid")


def canonical_url(url: str) -> str:
    """``url`` without scheme, ``www.``, fragment, tracking parameters or trailing slash."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)]
    path = parts.path.rstrip("/") or "/"
    return host + path + ("?" + urlencode(sorted(query)) if query else "")


_WORD_HASHES: dict[str, int] = {}
_WORD_HASHES_MAX = 500_000
# Odd multipliers that mix five word hashes into one shingle hash (arithmetic mod 2**64).
_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD],
    dtype=np.uint64,
)[:SHINGLE_WORDS]


def _word_hash(word: str) -> int:
    h = _WORD_HASHES.get(word)
    if h is None:
        if len(_WORD_HASHES) >= _WORD_HASHES_MAX:
            _WORD_HASHES.clear()
        h = _WORD_HASHES[word] = zlib.crc32(word.encode("utf-8"))
    return h


def shingle_hashes(ws: list[str]) -> list[int]:
    """Distinct 32-bit hashes of the 5-shingles of the words ``ws`` (empty when too few words)."""
    if len(ws) < COPY_MIN_WORDS:
        return []
    get = _WORD_HASHES.get
    hs = [get(w) for w in ws]
    if None in hs:
        hs = [_word_hash(w) for w in ws]
    h = np.array(hs, dtype=np.uint64)
    n = len(h) - SHINGLE_WORDS + 1
    with np.errstate(over="ignore"):
        mixed = sum((h[i : i + n] * _MIX[i] for i in range(SHINGLE_WORDS)), np.zeros(n, dtype=np.uint64))
    return np.unique((mixed >> np.uint64(32)) ^ (mixed & np.uint64(0xFFFFFFFF))).tolist()


def _identity(value: int) -> int:
    return value


@dataclass(frozen=True)
class Match:
    """What an article is to one already indexed: a ``duplicate`` or a ``copy`` of ``article_id``,
    a member of ``story_id``."""

    kind: str  # "duplicate" | "copy"
    article_id: str
    story_id: str


class DuplicateIndex:
    """Exact keys (URL, text) of the articles seen, and a MinHash LSH of the texts kept near."""

    def __init__(self, copy_jaccard: float = COPY_JACCARD, seen_articles: int = SEEN_ARTICLES) -> None:
        self.copy_jaccard = copy_jaccard
        self._seen = SeenKeys(seen_articles)
        self._lsh = MinHashLSH(threshold=copy_jaccard, num_perm=NUM_PERM)
        self._near: dict[str, tuple[str, MinHash]] = {}  # article id -> (story id, sketch)

    def __len__(self) -> int:
        """Articles in the near-duplicate index."""
        return len(self._near)

    @property
    def seen(self) -> SeenKeys:
        """The exact keys of the articles seen (read only: for sizes)."""
        return self._seen

    def _sketch(self, article: Article, tokens: list[str] | None) -> MinHash | None:
        shingles = shingle_hashes(tokens if tokens is not None else words(article.text[:COPY_CHARS]))
        if not shingles:
            return None
        m = MinHash(num_perm=NUM_PERM, hashfunc=_identity, permutations=_PERMUTATIONS, scheme="affine32")
        m.update_batch(shingles)
        return m

    def check(self, article: Article, tokens: list[str] | None = None) -> tuple[Match | None, _Pending]:
        """Whether ``article`` duplicates or copies an indexed one, and its keys for :meth:`add`.

        ``tokens``: the words of the start of the text as :func:`~newsfuse.stories.features.tokens`
        gives them, when the caller has them already (they are not read twice).
        """
        keys = tuple(_keys(article))
        for key in keys:
            hit = self._seen.find(key)
            if hit is not None:
                return Match("duplicate", *hit), _Pending(keys, None)
        sketch = self._sketch(article, tokens)
        pending = _Pending(keys, sketch)
        if sketch is None:
            return None, pending
        best: tuple[float, str] | None = None
        for other in self._lsh.query(sketch):
            j = sketch.jaccard(self._near[other][1])
            if j >= self.copy_jaccard and (best is None or (j, other) > best):
                best = (j, other)
        return (Match("copy", best[1], self._near[best[1]][0]) if best else None), pending

    def add(self, article_id: str, story_id: str, pending: _Pending) -> None:
        """Index an article of ``story_id`` under the keys :meth:`check` returned for it."""
        self._seen.add(pending.keys, article_id, story_id)
        if pending.sketch is not None and article_id not in self._near:
            self._lsh.insert(article_id, pending.sketch, check_duplication=False)
            self._near[article_id] = (story_id, pending.sketch)

    def forget(self, article_id: str) -> None:
        """Take an article out of the near-duplicate index (its exact keys stay)."""
        if self._near.pop(article_id, None) is not None:
            self._lsh.remove(article_id)


def _keys(article: Article) -> Iterator[int]:
    """The article's exact keys: its canonical URL (if any), and its text lower-cased with runs of
    white space as one space."""
    if article.url:
        yield key_hash("url", canonical_url(article.url))
    yield key_hash("text", " ".join(article.text.lower().split()))


@dataclass(frozen=True)
class _Pending:
    keys: tuple[int, ...]
    sketch: MinHash | None
