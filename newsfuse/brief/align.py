"""Recognise the same sentence across outlets: identical copy, wire copy with a word changed,
a clause added or cut.

:func:`group_sentences` turns the sentences of a story's articles into
:class:`SentenceGroup` s; each group is one piece of content and lists every sentence (in every
outlet) that carries it.

How, in time close to linear in the number of sentences:

1. Each sentence is normalised (lower case, words only) and cut into word 3-gram shingles.
2. Candidate pairs come from an inverted index over shingles (a sparse product of the
   sentence x shingle matrix with itself). Shingles found in more sentences than a wire copy
   could explain (``MAX_SHINGLE_ARTICLES_FACTOR`` x the number of articles) are common phrases
   ("one of the", "said in a") and are left out of the index, so no shingle makes a quadratic
   number of pairs.
3. A candidate pair is kept when the shorter sentence's shingles are mostly found in the
   longer one (``MIN_CONTAINMENT``), the lengths are comparable (``MIN_LENGTH_RATIO``: a short
   sentence inside a long one is a quote of it, not the same sentence), and a character-level
   check by rapidfuzz agrees (``MIN_FUZZ``).
4. Pairs are merged best first (union-find). Two different sentences of ONE article are never
   put in one group: an article that says nearly the same thing twice is usually updating a
   figure or contrasting two claims, and merging them would let a chain A1~B~A2 fuse two
   distinct statements. Identical sentences (same normalised words) are always one group, also
   inside one article: that is a scraped duplicate (a pull quote, a caption repeated) and the
   summary must never say it twice.

Nothing depends on the order of the articles (:mod:`newsfuse.brief.order`): sentences are
numbered in a content order (articles by :func:`~newsfuse.brief.order.article_key`, then
position), so equally good pairs are merged, groups listed and representatives chosen the same
way whatever order the articles came in.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse

from newsfuse.brief.order import article_key
from newsfuse.model import Article, Ref, Span

__all__ = [
    "SentenceGroup",
    "group_sentences",
    "normalise",
    "representative",
    "MIN_CONTAINMENT",
    "MIN_LENGTH_RATIO",
    "MIN_FUZZ",
    "SHINGLE",
    "MAX_SHINGLE_ARTICLES_FACTOR",
]

#: Words per shingle. 3-grams are specific enough that two unrelated sentences rarely share
#: several of them, yet one changed word only spoils three shingles of a wire sentence.
SHINGLE = 3

#: Share of the shorter sentence's shingles that must be in the longer one. One changed word in
#: a 15-word sentence keeps 10 of 13 shingles (0.77); a paraphrase keeps well under half.
#: Set on written near-copies (tests/test_align.py) and wire copy in the seeds.
MIN_CONTAINMENT = 0.6

#: Shorter / longer sentence in words. A clause added to a 20-word sentence gives ~0.7;
#: a 6-word quote inside a 30-word sentence (0.2) is a different sentence.
MIN_LENGTH_RATIO = 0.5

#: rapidfuzz token_set_ratio (0-100) that confirms a candidate pair: 100 when one sentence's
#: words are a subset of the other's, ~90 for one word changed, under 70 for sentences that
#: share only a phrase.
MIN_FUZZ = 80.0

#: A shingle in more than this many sentences per article is a common phrase, not copy; it is
#: kept out of the candidate index (each article carries a copied sentence about once).
MAX_SHINGLE_ARTICLES_FACTOR = 2

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class SentenceGroup:
    """One piece of content and every sentence that carries it.

    ``members`` are in a content order (articles by
    :func:`~newsfuse.brief.order.article_key`, then position in the article), never the input
    order; ``representative`` is chosen by :func:`representative`; ``articles`` / ``outlets``
    are the ids and outlets that carry it.
    """

    members: tuple[Ref, ...]
    representative: Ref
    articles: frozenset[str]
    outlets: frozenset[str]


def normalise(text: str) -> list[str]:
    """The words of ``text``, lower case, punctuation dropped (curly apostrophes made straight)."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def _shingles(words: list[str]) -> set[str]:
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


class _UnionFind:
    def __init__(self, n: int, article_of: list[int], key_of: list[str]) -> None:
        self.parent = list(range(n))
        # Per root: article index -> the normalised key of its sentence(s) in the group.
        self.keys: list[dict[int, str]] = [{article_of[i]: key_of[i]} for i in range(n)]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        """Merge the groups of ``a`` and ``b`` unless that puts two different sentences of one
        article together."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ka, kb = self.keys[ra], self.keys[rb]
        if len(ka) < len(kb):
            ra, rb, ka, kb = rb, ra, kb, ka
        for art, key in kb.items():
            if art in ka and ka[art] != key:
                return False
        ka.update(kb)
        self.parent[rb] = ra
        self.keys[rb] = {}
        return True


def group_sentences(articles: Sequence[Article], spans: Mapping[str, Sequence[Span]]) -> list[SentenceGroup]:
    """Group the sentences ``spans[article.id]`` of ``articles`` by content.

    Every sentence is in exactly one group (a sentence no other outlet carries is a group of
    one). Groups come in the content order of their first member; the result does not depend on
    the order of ``articles``.
    """
    refs: list[Ref] = []
    article_of: list[int] = []
    words_of: list[list[str]] = []
    for a_index, article in enumerate(sorted(articles, key=article_key)):
        for span in spans.get(article.id, ()):
            text = article.text[span.start : span.end]
            refs.append(Ref(article.id, span.start, span.end, text))
            article_of.append(a_index)
            words_of.append(normalise(text))
    n = len(refs)
    if n == 0:
        return []
    keys = [" ".join(w) for w in words_of]
    uf = _UnionFind(n, article_of, keys)

    # Identical sentences first (same normalised words), within and across articles.
    first_with_key: dict[str, int] = {}
    for i, key in enumerate(keys):
        if not key:
            continue
        j = first_with_key.setdefault(key, i)
        if j != i:
            _force_union(uf, j, i)

    for _, i, j in _candidate_pairs(words_of, article_of, len(articles)):
        if keys[i] == keys[j]:
            continue
        if not _confirm(refs[i].text, refs[j].text):
            continue
        uf.union(i, j)

    by_root: dict[int, list[int]] = {}
    for i in range(n):
        by_root.setdefault(uf.find(i), []).append(i)
    outlet_of = {a.id: a.outlet for a in articles}
    groups: list[SentenceGroup] = []
    for members in sorted(by_root.values(), key=lambda m: m[0]):
        member_refs = tuple(refs[i] for i in members)
        rep = _representative(member_refs)
        ids = frozenset(r.article for r in member_refs)
        groups.append(
            SentenceGroup(
                members=member_refs,
                representative=rep,
                articles=ids,
                outlets=frozenset(outlet_of[a] for a in ids),
            )
        )
    return groups


def _force_union(uf: _UnionFind, a: int, b: int) -> None:
    """Merge identical sentences even inside one article (the key per article is the same)."""
    ra, rb = uf.find(a), uf.find(b)
    if ra == rb:
        return
    if not uf.union(a, b):  # b's group holds another sentence of an article in a's group
        uf.parent[rb] = ra
        uf.keys[ra] = {**uf.keys[rb], **uf.keys[ra]}
        uf.keys[rb] = {}


def _candidate_pairs(words_of: list[list[str]], article_of: list[int], n_articles: int) -> list[tuple[float, int, int]]:
    """Pairs of sentences of different articles that pass the shingle tests, best first."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    sizes = np.zeros(len(words_of), dtype=np.int64)
    for i, words in enumerate(words_of):
        if len(words) < SHINGLE + 1:
            continue  # 3 words or fewer: only an identical copy groups (done by key)
        sh = _shingles(words)
        sizes[i] = len(sh)
        for s in sh:
            rows.append(i)
            cols.append(vocab.setdefault(s, len(vocab)))
    if not rows:
        return []
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(words_of), len(vocab)))
    df = np.asarray(m.sum(axis=0)).ravel()
    common = df > MAX_SHINGLE_ARTICLES_FACTOR * max(n_articles, 1)
    if common.any():
        m = m[:, np.flatnonzero(~common)]
    shared = sparse.triu(m @ m.T, k=1).tocoo()
    out: list[tuple[float, int, int]] = []
    for i, j, c in zip(shared.row, shared.col, shared.data, strict=True):
        if article_of[i] == article_of[j]:
            continue
        short = min(sizes[i], sizes[j])
        if short == 0 or c / short < MIN_CONTAINMENT:
            continue
        li, lj = len(words_of[i]), len(words_of[j])
        if min(li, lj) / max(li, lj) < MIN_LENGTH_RATIO:
            continue
        jaccard = c / (sizes[i] + sizes[j] - c)
        out.append((float(jaccard), int(i), int(j)))
    out.sort(key=lambda t: (-t[0], t[1], t[2]))
    return out


def _confirm(a: str, b: str) -> bool:
    return fuzz.token_set_ratio(a, b, processor=_plain) >= MIN_FUZZ


def _plain(text: str) -> str:
    return " ".join(normalise(text))


def _representative(members: tuple[Ref, ...]) -> Ref:
    return representative(members)


def representative(members: Sequence[Ref], eligible: Sequence[Ref] | None = None) -> Ref:
    """The member of ``eligible`` (default: all ``members``) whose wording is closest to all the
    members (summed rapidfuzz ratio).

    Ties, always the case for two members, go by content alone: the wording most members share
    word for word, then the shorter wording (with two outlets, the words both carry, so that
    both can be cited for it), then the text itself, then the members' content order.
    """
    pool = list(members if eligible is None else eligible)
    if len(pool) == 1:
        return pool[0]
    same = Counter(" ".join(normalise(m.text)) for m in members)

    def key(m: Ref) -> tuple[float, int, int, int, str]:
        closeness = math.fsum(fuzz.ratio(m.text, o.text) for o in members if o is not m)
        return (-closeness, -same[" ".join(normalise(m.text))], len(normalise(m.text)), len(m.text), m.text)

    return min(pool, key=key)
