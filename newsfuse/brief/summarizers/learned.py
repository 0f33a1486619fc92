"""``learned``: ``coverage``'s selection with a learned sentence worth.

Each sentence group gets a worth from a model fitted on NeuS train (``worth.py``, model file
``sentence_worth.json``, training script bench/summary_train.py): the ROUGE a sentence holds
toward a reference summary, predicted from features that carry across collections. The worth
enters the selection where ``coverage`` puts its centrality prior: the exact search over sets
of groups for a small story, lazy greedy concept coverage for a large one (same switch by size
as ``coverage``). Two groups that say the same thing in other words are never both taken
(``brieflike.paraphrase``), and groups under ``brieflike.MIN_WORDS`` words are not taken either.

The weights of the worth against the covered concepts were chosen by 5-fold cross-validation
on NeuS train, by story (see bench/RESULTS.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from newsfuse.brief.summarizers import register
from newsfuse.brief.summarizers.base import StoryUnits, Summarizer, to_items, word_count
from newsfuse.brief.summarizers.brieflike import (
    MIN_WORDS,
    PARAPHRASE_COSINE,
    PARAPHRASE_MIN_SHARED,
    PARAPHRASE_OVERLAP,
    EmbeddingCheck,
    Rewordings,
    paraphrase,
)
from newsfuse.brief.summarizers.consensus import greedy
from newsfuse.brief.summarizers.coverage import best_set
from newsfuse.brief.summarizers.worth import WorthModel, load_model, worth_features
from newsfuse.model import Article, Span, SummaryItem

__all__ = [
    "LearnedSummarizer",
    "group_worths",
    "paraphrase",
    "EXACT_WORTH_WEIGHT",
    "GREEDY_WORTH_WEIGHT",
    "PARAPHRASE_OVERLAP",
    "PARAPHRASE_MIN_SHARED",
    "PARAPHRASE_COSINE",
    "LearnedEmbedSummarizer",
]

#: Weight of the learned worth (as expected matched words, worth x length) against the covered
#: concept worth in the exact search. Chosen by 5-fold cross-validation on NeuS train
#: (bench/summary_train.py, 600 held-out stories, R1+R2 vs coverage): 0.05 -0.10, 0.1 -0.09,
#: 0.2 +0.29 ± 0.37, 0.5 +0.25, 1 -0.13, 2 -0.70 (HistGradientBoosting on the p12 label).
EXACT_WORTH_WEIGHT = 0.2

#: Weight of the learned worth against the concept gain in greedy coverage (large stories);
#: None keeps ``consensus``'s centrality prior there. Chosen by 5-fold cross-validation on NeuS
#: train with the greedy path forced (60 words; R1+R2 vs coverage's exact search): centrality
#: -0.74, 0.1 -0.73, 0.3 -0.61, 1 -0.52, 3 -0.65. NeuS is the only collection looked at, and its
#: stories are small: the weight is carried to Multi-News untested.
GREEDY_WORTH_WEIGHT: float | None = 1.0


def group_worths(units: StoryUnits, articles: Sequence[Article], model: WorthModel | None = None) -> np.ndarray:
    """The learned worth of each group (not below 0)."""
    model = model or load_model()
    x = worth_features(units, articles)
    return np.maximum(model.score(x), 0.0)


@register
class LearnedSummarizer(Summarizer):
    name = "learned"

    def __init__(
        self,
        readable: bool = True,
        model: WorthModel | None = None,
        scorer: Callable[[StoryUnits, Sequence[Article]], np.ndarray] | None = None,
        exact_weight: float = EXACT_WORTH_WEIGHT,
        greedy_weight: float | None = GREEDY_WORTH_WEIGHT,
        force_greedy: bool = False,
    ) -> None:
        super().__init__(readable)
        self.model = model
        #: bench/summary_train.py passes the scores of a model fitted on the other folds
        self.scorer = scorer
        self.exact_weight = exact_weight
        #: None: greedy coverage keeps ``consensus``'s centrality prior
        self.greedy_weight = greedy_weight
        self.force_greedy = force_greedy
        #: What the last summary used, for the brief to say (Brief.method).
        self.used = f"{self.name} (lexical paraphrase check)"

    def summarize(
        self, articles: Sequence[Article], words: int, sentences: Mapping[str, Sequence[Span]] | None = None
    ) -> list[SummaryItem]:
        units = self.units(articles, words, sentences)
        if units is None:
            return []
        worth = self.scorer(units, articles) if self.scorer else group_worths(units, articles, self.model)
        rewordings = Rewordings(units)
        chosen = self.choose(units, articles, words, worth, rewordings)
        chosen = self.distinct(units, chosen, worth, rewordings)
        return to_items(units, chosen, [float(v) for v in worth])

    def distinct(self, units: StoryUnits, chosen: list[int], worth: np.ndarray, rewordings: Rewordings) -> list[int]:
        """``chosen`` without rewordings the lexical check missed (a hook: ``learned-embed``
        compares sentence embeddings here)."""
        return chosen

    def choose(
        self,
        units: StoryUnits,
        articles: Sequence[Article],
        words: int,
        worth: np.ndarray,
        rewordings: Rewordings | None = None,
    ) -> list[int]:
        """The groups to summarise with, given each group's learned worth (a share of its words
        the reference holds): the worth enters as expected matched words, worth x length."""
        lengths = [word_count(g.representative.text) for g in units.groups]
        prior = np.asarray(worth, dtype=float) * np.asarray(lengths, dtype=float)
        rw = rewordings or Rewordings(units)
        clash, redundant = rw.clash, rw.redundant
        found = None
        if not self.force_greedy:
            found = best_set(units, articles, words, prior=prior, prior_weight=self.exact_weight, clash=clash)
        if found is not None:
            return found[0]
        if self.greedy_weight is None:
            chosen, _ = greedy(units, articles, words, redundant=redundant, min_words=MIN_WORDS)
        else:
            chosen, _ = greedy(
                units,
                articles,
                words,
                prior=prior,
                prior_weight=self.greedy_weight,
                redundant=redundant,
                min_words=MIN_WORDS,
            )
        return chosen


@register
class LearnedEmbedSummarizer(EmbeddingCheck, LearnedSummarizer):
    """``learned``, and no two items whose sentence embeddings say the same thing
    (``brieflike.PARAPHRASE_COSINE``). The embedding model loads once per process; without it (not
    installed, or NEWSFUSE_EMBEDDINGS=off) this is ``learned``, and ``used`` says so."""

    name = "learned-embed"
