"""Build one story's Brief from its articles: the summary, then who said what and where outlets differ."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.config import DEFAULT_WORDS
from newsfuse.errors import NoArticles
from newsfuse.model import Article, Brief, Problem

__all__ = ["build_brief", "ONE_ARTICLE_WARNING"]

ONE_ARTICLE_WARNING = "only one article in this story: the brief has nothing to compare it with"


def build_brief(
    articles: Sequence[Article],
    *,
    words: int = DEFAULT_WORDS,
    method: str | None = None,
    story_id: str | None = None,
    problems: Sequence[Problem] = (),
    analyse: bool = True,
) -> Brief:
    """Summarise ``articles`` within ``words`` and, if ``analyse``, add quotes, entities and facts."""
    from newsfuse.brief.summarizers import DEFAULT_METHOD, get

    if not articles:
        raise NoArticles(f"{story_id or 'story'}: no readable article to brief")
    notes = list(problems)
    if len(articles) == 1:
        notes.append(Problem(origin=articles[0].origin or articles[0].id, message=ONE_ARTICLE_WARNING, fatal=False))
    name = method or DEFAULT_METHOD
    summary = tuple(get(name).summarize(articles, words))
    brief = Brief(
        id=story_id,
        articles=tuple(articles),
        summary=summary,
        words=words,
        problems=tuple(notes),
        method=name,
    )
    if analyse:
        from newsfuse.brief.analyse import add_analysis

        brief = add_analysis(brief)
    return brief
