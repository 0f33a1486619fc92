"""Rules every item set of a brief-like summary obeys (issue 10, point 3), shared by the methods.

- No item under :data:`MIN_WORDS` words: a fragment ("Nobody was hurt.", "By Jane Doe") reads
  badly out of its place, and with a gentle length penalty it is almost free filler.
- No two items that say the same thing in other words. Groups (``align``) already join copies
  of one sentence; :func:`paraphrase` catches what outlets rewrote, from the content words the
  two share. :class:`Rewordings` gives a method the check as ``clash(i, j)`` (for a search over
  sets) and ``redundant(i, chosen)`` (for a greedy walk), computing each group's content words
  once, and only for the groups it is asked about.
- With sentence embeddings (optional), :func:`embedding_distinct` also drops a chosen item whose
  cosine to a better one is at least :data:`PARAPHRASE_COSINE`. Only the items of a pair that
  shares at least :data:`EMBED_MIN_SHARED` content words are embedded, and the model is loaded
  only then: it costs about 6-10 ms a sentence here (2 cores), and rewordings of one fact share
  their names and key nouns.

The openings that lean on the sentence before and the quotations without a speaker are handled
where a sentence is judged on its own (``readable.readable``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from newsfuse.brief.summarizers.base import StoryUnits, content_words

if TYPE_CHECKING:
    from newsfuse.analysis.embed import Embedder

__all__ = [
    "MIN_WORDS",
    "PARAPHRASE_OVERLAP",
    "PARAPHRASE_MIN_SHARED",
    "PARAPHRASE_COSINE",
    "EMBED_MIN_SHARED",
    "paraphrase",
    "Rewordings",
    "embedding_distinct",
    "EmbeddingCheck",
]

#: Sentences shorter than this are never summary items: with a gentle length penalty a fragment
#: ("By Jane Doe", "On Monday it gave way.") is almost free filler, and reads badly out of its
#: place. No effect on NeuS train 0-1199 in the exact search (R1 vs MMR: 1 word +1.22, 4 +1.21,
#: 6 +1.22, 8 +1.23); issue 10 asks for no item under 6 words.
MIN_WORDS = 6

#: Two sentences say the same thing when this share of the content words (stemmed) of the
#: shorter one is in the other: a rewording keeps the names, numbers and key nouns and changes
#: the rest.
PARAPHRASE_OVERLAP = 0.6

#: ... and at least this many content words shared: two fragments sharing a name ("The Thing",
#: "Long Story") are not a rewording of one fact.
PARAPHRASE_MIN_SHARED = 4

#: With embeddings: two chosen items whose all-MiniLM-L6-v2 cosine is at least this say the same
#: thing, and the one of lower worth is dropped. Rewordings of one fact score about 0.8-0.95 with
#: this model, two facts of one story mostly under 0.7.
PARAPHRASE_COSINE = 0.8

#: Only pairs of chosen items sharing at least this many content words are compared by their
#: embeddings (the others do not reword one fact). Set on NeuS train only
#: (bench/summary_embed_pairs.py, first 600 stories, 60- and 260-word summaries of ``learned`` and
#: ``coverage``: 16,500 item pairs, 199 at cosine >= PARAPHRASE_COSINE, every one sharing at least
#: 3 content words, two sharing 3 and two sharing 4). 3 keeps all 199 and sends 38% of the pairs
#: to the model (2: 55%, 4: 26% but loses two).
EMBED_MIN_SHARED = 3


def paraphrase(a: set[str], b: set[str]) -> bool:
    """Do two sentences (their content words) say the same thing (PARAPHRASE_OVERLAP,
    PARAPHRASE_MIN_SHARED)?"""
    shared = len(a & b)
    return shared >= PARAPHRASE_MIN_SHARED and shared >= PARAPHRASE_OVERLAP * min(len(a), len(b))


class Rewordings:
    """The lexical rewording check between the groups of one story (by group index)."""

    def __init__(self, units: StoryUnits) -> None:
        self._units = units
        self._words: dict[int, set[str]] = {}

    def words(self, i: int) -> set[str]:
        """The content words of group ``i``'s wording (computed once)."""
        got = self._words.get(i)
        if got is None:
            got = self._words[i] = content_words(self._units.groups[i].representative.text)
        return got

    def clash(self, i: int, j: int) -> bool:
        """Do groups ``i`` and ``j`` say the same thing (:func:`paraphrase`)?"""
        return paraphrase(self.words(i), self.words(j))

    def redundant(self, i: int, chosen: list[int]) -> bool:
        """Does group ``i`` say again what one of ``chosen`` says?"""
        return any(self.clash(i, j) for j in chosen)


def embedding_distinct(
    units: StoryUnits,
    chosen: Sequence[int],
    worth: Sequence[float],
    rewordings: Rewordings,
    model: Embedder | None = None,
) -> list[int]:
    """``chosen`` without an item whose embedding is within PARAPHRASE_COSINE of a chosen item of
    higher ``worth`` (ties: the lower group index stays). Only the items of pairs sharing
    EMBED_MIN_SHARED content words are embedded, in one batch, by ``model`` (default: the
    process's embedder, loaded only when such a pair exists); the order of ``chosen`` is kept."""
    pairs = [
        (i, j)
        for a, i in enumerate(chosen)
        for j in chosen[a + 1 :]
        if len(rewordings.words(i) & rewordings.words(j)) >= EMBED_MIN_SHARED
    ]
    if not pairs:
        return list(chosen)
    if model is None:
        from newsfuse.analysis.embed import embedder

        model = embedder()
        if model is None:
            return list(chosen)
    need = sorted({k for p in pairs for k in p})
    vec = model.embed([units.groups[i].representative.text for i in need])
    row = {i: r for r, i in enumerate(need)}
    close = {frozenset(p) for p in pairs if float(np.dot(vec[row[p[0]]], vec[row[p[1]]])) >= PARAPHRASE_COSINE}
    keep: list[int] = []
    for i in sorted(chosen, key=lambda i: (-float(worth[i]), i)):
        if all(frozenset((i, j)) not in close for j in keep):
            keep.append(i)
    kept = set(keep)
    return [i for i in chosen if i in kept]


class EmbeddingCheck:
    """Mixin for a summary method whose ``distinct(units, chosen, worth, rewordings)`` hook runs
    after its choice: drops rewordings by sentence embeddings (:func:`embedding_distinct`) when
    the optional model is installed, and sets ``used`` (shown as ``Brief.method``) to say whether
    embeddings were used."""

    name: ClassVar[str]
    used: str

    def distinct(
        self, units: StoryUnits, chosen: list[int], worth: Sequence[float], rewordings: Rewordings
    ) -> list[int]:
        from newsfuse.analysis.embed import MODEL_NAME, embeddings_available

        if not embeddings_available():
            self.used = f"{self.name} (lexical paraphrase check: no embedding model)"
            return chosen
        self.used = f"{self.name} (embeddings: {MODEL_NAME})"
        return embedding_distinct(units, chosen, worth, rewordings)
