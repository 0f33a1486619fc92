"""Every article seen, by its exact keys, in a few dozen bytes each: the clusterer's duplicate check.

An article added again (same canonical URL, or the same text once case and spacing are set aside)
must be found however long ago its original came: also after the original's story left the hot
window, or after so many later members that its near-duplicate sketch was dropped
(:mod:`newsfuse.stories.dedup`). Python dicts of URL strings and hex digests cost a few hundred
bytes an article. This table holds, for each key, a 64-bit hash of it and the article's ordinal
(its position among the articles added here) in two sorted numpy arrays (16 bytes a key, two keys
an article), and for each ordinal the article's id and its story's id, packed in UTF-8 blocks of
:data:`BLOCK` ordinals (their length plus two 8-byte offsets). With ids of 7-20 characters that is
60-90 bytes an article, 60-90 MB for a million.

It is bounded: it remembers the latest :data:`SEEN_ARTICLES` articles; older ones are forgotten
(their keys leave the arrays at the next merge, their names with their block). The store, when
there is one, keeps its own unique keys for every article and is asked first (newsfuse add).

Two different keys share a 64-bit hash with probability about n**2 / 2**65 for n keys: 1e-7 at
the two million keys of a full table. Such a clash would make an article a duplicate of another.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable

import numpy as np

__all__ = ["BLOCK", "SEEN_ARTICLES", "SeenKeys", "key_hash"]

# Articles whose exact keys are remembered. A million is weeks of a large aggregator (10-100k
# articles a day) and costs 60-90 MB at most; an article re-posted after that is taken for a new
# one unless a store (which keeps every key) is asked first.
SEEN_ARTICLES = 1_000_000
# Ordinals per packed block of names (the open block holds its names as Python strings, ~1 MB),
# and new keys held in a dict (~2 MB) before they are merged into the sorted arrays (a merge copies
# the arrays once: at a million articles 32 MB per 16k keys, 4 kB of copying per article).
BLOCK = 8_192
MERGE_KEYS = 16_384


def key_hash(kind: str, value: str) -> int:
    """A 64-bit hash of ``value`` as a key of ``kind`` ("url", "text"): kinds never collide."""
    digest = hashlib.blake2b(value.encode("utf-8"), digest_size=8, person=kind.encode("ascii")).digest()
    return int.from_bytes(digest, "little")


class SeenKeys:
    """Key hash -> (article id, story id) for the latest ``keep`` articles added."""

    def __init__(self, keep: int = SEEN_ARTICLES) -> None:
        if keep < 1:
            raise ValueError("keep must be at least 1")
        self.keep = keep
        self._keys = np.empty(0, dtype=np.uint64)  # sorted
        self._ords = np.empty(0, dtype=np.int64)  # the ordinal of each key's article
        self._fresh: dict[int, int] = {}  # keys not merged yet -> ordinal
        self._blocks: dict[int, tuple[bytes, np.ndarray]] = {}  # block -> (UTF-8 names, offsets)
        self._open: list[str] = []  # article id, story id, ... of the block being filled
        self._next = 0  # the ordinal of the next article

    def __len__(self) -> int:
        """Articles remembered."""
        return self._next - self._first

    @property
    def _first(self) -> int:
        return max(0, self._next - self.keep)

    @property
    def nbytes(self) -> int:
        """Bytes held: the arrays, the packed names, and (estimated by sys.getsizeof) the dict of
        fresh keys and the names of the open block."""
        fresh = sys.getsizeof(self._fresh) + sum(sys.getsizeof(k) + sys.getsizeof(v) for k, v in self._fresh.items())
        names = sys.getsizeof(self._open) + sum(map(sys.getsizeof, self._open))
        packed = sum(len(b) + o.nbytes for b, o in self._blocks.values())
        return self._keys.nbytes + self._ords.nbytes + packed + fresh + names

    def _ordinal(self, key: int) -> int | None:
        o = self._fresh.get(key)
        if o is None and self._keys.size:
            i = int(np.searchsorted(self._keys, np.uint64(key)))
            if i < self._keys.size and int(self._keys[i]) == key:
                o = int(self._ords[i])
        return o if o is not None and o >= self._first else None

    def find(self, key: int) -> tuple[str, str] | None:
        """(article id, story id) of the remembered article holding ``key``, if any."""
        o = self._ordinal(key)
        if o is None:
            return None
        block, i = divmod(o, BLOCK)
        if block == self._next // BLOCK:
            return self._open[2 * i], self._open[2 * i + 1]
        blob, offsets = self._blocks[block]
        start, mid, end = (int(x) for x in offsets[2 * i : 2 * i + 3])
        return blob[start:mid].decode("utf-8"), blob[mid:end].decode("utf-8")

    def add(self, keys: Iterable[int], article_id: str, story_id: str) -> None:
        """Remember an article under ``keys`` (a key some remembered article holds stays with it)."""
        o = self._next
        for key in keys:
            if self._ordinal(key) is None:
                self._fresh[key] = o
        self._open += (article_id, story_id)
        self._next += 1
        if self._next % BLOCK == 0:
            self._pack(o // BLOCK)
        if len(self._fresh) >= MERGE_KEYS:
            self._merge()

    def _pack(self, block: int) -> None:
        parts = [s.encode("utf-8") for s in self._open]
        offsets = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum([len(p) for p in parts], out=offsets[1:])
        self._blocks[block] = (b"".join(parts), offsets)
        self._open = []
        first_block = self._first // BLOCK
        for old in [b for b in self._blocks if b < first_block]:
            del self._blocks[old]

    def _merge(self) -> None:
        """Move the fresh keys into the sorted arrays, dropping the keys of forgotten articles."""
        live = self._ords >= self._first
        keys, ords = self._keys[live], self._ords[live]
        fresh = np.fromiter(self._fresh.keys(), dtype=np.uint64, count=len(self._fresh))
        fresh_ords = np.fromiter(self._fresh.values(), dtype=np.int64, count=len(self._fresh))
        order = np.argsort(fresh, kind="stable")
        fresh, fresh_ords = fresh[order], fresh_ords[order]
        at = np.searchsorted(keys, fresh)
        self._keys = np.insert(keys, at, fresh)
        self._ords = np.insert(ords, at, fresh_ords)
        self._fresh.clear()
