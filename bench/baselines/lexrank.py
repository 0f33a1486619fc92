"""LexRank (Erkan & Radev 2004) as sumy implements it, on our sentences."""

from __future__ import annotations

from sumy.summarizers.lex_rank import LexRankSummarizer

from baselines import Story
from baselines._sumy import ranked


def rank(story: Story) -> list[int]:
    return ranked(LexRankSummarizer, story)
