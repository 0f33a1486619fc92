"""Standard extractive baselines for bench/summarize.py (not part of the product).

Every baseline gets the same input, a :class:`Story` (the content sentences of the story's
articles from newsfuse's own splitter, boilerplate spans skipped), and returns the sentence
indices ranked best first. bench/summarize.py applies the same word-budget rule to all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    sentences: list[str]  # in article order, then position in the article
    article: list[int]  # article index of each sentence
    index: list[int]  # position of each sentence in its article (0 = first)
