"""Lead: the first sentence of every article, then every second sentence, ... (round robin)."""

from __future__ import annotations

from baselines import Story


def rank(story: Story) -> list[int]:
    return sorted(range(len(story.sentences)), key=lambda i: (story.index[i], story.article[i]))
