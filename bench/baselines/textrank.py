"""TextRank (Mihalcea & Tarau 2004) as sumy implements it, on our sentences."""

from __future__ import annotations

from sumy.summarizers.text_rank import TextRankSummarizer

from baselines import Story
from baselines._sumy import ranked


def rank(story: Story) -> list[int]:
    return ranked(TextRankSummarizer, story)
