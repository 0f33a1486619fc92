"""Build one story's Brief from its articles: the summary, then who said what and where outlets differ."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.config import DEFAULT_WORDS
from newsfuse.errors import NoArticles
from newsfuse.model import Article, ArticleAnalysis, Brief, Problem

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
    analyses: Sequence[ArticleAnalysis] | None = None,
) -> Brief:
    """Summarise ``articles`` within ``words`` and, if ``analyse``, add quotes, entities and facts.

    ``analyses`` are the articles' records when the caller has them (a cache): they are used as
    they are, and only the articles without one are read (:mod:`newsfuse.analysis.record`).
    Without ``analyse`` no article is parsed: the summary needs sentences only.
    """
    from newsfuse.analysis.record import content_spans
    from newsfuse.analysis.sentences import content_sentences
    from newsfuse.brief.analyse import analyses_for, language_notes
    from newsfuse.brief.editorial import consensus_headline
    from newsfuse.brief.summarizers import DEFAULT_METHOD, get

    if not articles:
        raise NoArticles(f"{story_id or 'story'}: no readable article to brief")
    notes = list(problems)
    if len(articles) == 1:
        notes.append(Problem(origin=articles[0].origin or articles[0].id, message=ONE_ARTICLE_WARNING, fatal=False))
    records = None
    if analyse:
        records = analyses_for(articles, analyses)
        sentences = {r.article: content_spans(r) for r in records}
        notes += language_notes(articles, records)
    else:  # the summary needs sentences only: nothing is parsed
        given = {r.article: r for r in analyses or ()}
        sentences = {a.id: content_spans(given[a.id]) if a.id in given else content_sentences(a) for a in articles}
    name = method or DEFAULT_METHOD
    summarizer = get(name)
    summary = tuple(summarizer.summarize(articles, words, sentences))
    brief = Brief(
        id=story_id,
        articles=tuple(articles),
        summary=summary,
        words=words,
        problems=tuple(notes),
        method=getattr(summarizer, "used", "") or name,  # e.g. whether embeddings were used
        headline=consensus_headline(articles, summary),
    )
    if records is not None:
        from newsfuse.brief.analyse import add_analysis

        brief = add_analysis(brief, records)
    return brief
