"""Do the articles given for one brief tell more than one story?

A user who briefs a folder, a glob or a story line of a batch file says the articles are one
story. When they are not (two events in one folder, a stray file), the brief mixes them: its
summary comes from one, its quotes and timeline from both. :func:`mixed_story_note` runs the
story clusterer (:mod:`newsfuse.stories.cluster`, lexical mode: cheap and the same whether or
not embeddings are installed) over the articles in the order given and warns when it finds at
least two stories of :data:`MIN_GROUP` or more articles each.

Why two groups of two and not any split: on the real single stories of
../shared/data/stories_dev.jsonl briefed alone (590 stories of 2 or more articles), the clusterer
leaves some article on its own in 72 of 307 NeuS stories and 80 of 233 Multi-News ones (an
opinion piece, a scraped page), but finds two groups of two or more in none; mixed with another
story it finds two such groups in 80% of 600 random pairs. On 400 NeuS-train stories no choice
was made on: no false alarm, 83% of mixed pairs found, about 5 ms of CPU a brief (bench/mixed.py,
bench/RESULTS.md). A lone odd article is left to the reader; two stories in one brief are not.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import Article, Problem
from newsfuse.stories.cluster import ClusterSettings, StoryClusterer
from newsfuse.stories.listing import lead_title, story_title

__all__ = ["MIN_GROUP", "story_groups", "mixed_story_note", "MIXED_ORIGIN"]

#: A group of articles counts as a story of its own from this many articles (see the module doc).
MIN_GROUP = 2
#: What the warning is about (its ``Problem.origin``): the inputs together, not one file.
MIXED_ORIGIN = "inputs"


def story_groups(articles: Sequence[Article]) -> list[list[Article]]:
    """The articles grouped by the story the clusterer puts them in, largest group first (the
    first given first on a tie); within a group, in the order given."""
    clusterer = StoryClusterer(ClusterSettings(), embedder=None)
    groups: dict[str, list[Article]] = {}
    for article, assignment in zip(articles, clusterer.add_many(articles), strict=True):
        groups.setdefault(assignment.story_id, []).append(article)
    return sorted(groups.values(), key=len, reverse=True)


def _title(group: Sequence[Article]) -> str:
    return story_title([a.title for a in group if a.title]) or lead_title(group[0].text) or group[0].id


def mixed_story_note(articles: Sequence[Article]) -> Problem | None:
    """A warning when ``articles`` look like two or more stories of :data:`MIN_GROUP` or more
    articles each; None when they look like one (or are too few to tell)."""
    if len(articles) < 2 * MIN_GROUP:
        return None
    groups = [g for g in story_groups(articles) if len(g) >= MIN_GROUP]
    if len(groups) < 2:
        return None
    parts = "; ".join(f"{len(g)} on “{_title(g)}”" for g in groups)
    message = (
        f"these {len(articles)} articles look like {len(groups)} different stories ({parts}); "
        "a brief of them mixes the stories: brief each on its own, or let `newsfuse add` group them"
    )
    return Problem(origin=MIXED_ORIGIN, message=message, fatal=False)
