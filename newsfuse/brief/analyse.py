"""Who said what and where the outlets differ: the analysis half of a brief.

Built from the articles' :class:`~newsfuse.model.ArticleAnalysis` records (quotes, entity
mentions and facts read off each article once, :mod:`newsfuse.analysis.record`), which are lined
up across outlets here. A caller holding the records (a cache, a store) never parses again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsfuse.analysis.record import PARALLEL_PARSE_MIN_ARTICLES, analyse_articles
from newsfuse.model import (
    Article,
    ArticleAnalysis,
    Brief,
    DisagreementKind,
    Entity,
    EntityKind,
    FactKind,
    Problem,
    SpanKind,
)

__all__ = ["add_analysis", "analyses_for", "language_notes", "PARALLEL_PARSE_MIN_ARTICLES"]


def analyses_for(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis] | None = None
) -> list[ArticleAnalysis]:
    """One record per article, in the order of ``articles``: those given (matched by article
    id), the missing ones computed (one parse for all of them)."""
    given = {r.article: r for r in analyses or ()}
    missing = [a for a in articles if a.id not in given]
    if missing:
        given.update((r.article, r) for r in analyse_articles(missing))
    return [given[a.id] for a in articles]


def language_notes(articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]) -> list[Problem]:
    """A warning per article not in English: its quotes, names and facts were not read."""
    by_id = {a.id: a for a in articles}
    notes = []
    for r in analyses:
        if r.english:
            continue
        article = by_id[r.article]
        notes.append(
            Problem(
                origin=article.origin or article.id,
                message=f"written in language {r.language!r}: quotes, names and facts are read only from "
                "English articles (its sentences may still be in the summary)",
                fatal=False,
            )
        )
    return notes


def _settled(entity: Entity) -> Entity:
    """``entity`` with its kind as an enum and every mention labelled with it: the merged entity's
    kind is the story's judgement, which the articles' own readings may not all share."""
    kind = EntityKind(entity.kind)
    mentions = tuple(dataclasses.replace(m, kind=SpanKind.MENTION, label=kind) for m in entity.mentions)
    return dataclasses.replace(entity, kind=kind, mentions=mentions)


def add_analysis(brief: Brief, analyses: Sequence[ArticleAnalysis] | None = None) -> Brief:
    """Return ``brief`` with its quotes, entities, facts and disagreements filled in from the
    articles' records (computed when not given)."""
    from newsfuse.brief.compare import compare
    from newsfuse.brief.editorial import rank_quotes
    from newsfuse.brief.entities import NameIndex, merge_entities
    from newsfuse.brief.quotes import line_up_quotes
    from newsfuse.brief.shared_copy import with_shared_copy

    articles = brief.articles
    records = analyses_for(articles, analyses)
    quote_spans = [q for r in records for q in r.quotes]
    mentions = {r.article: [(m, EntityKind(m.label)) for m in r.mentions] for r in records}
    entities = merge_entities(articles, mentions)
    fact_records = {r.article: list(r.facts) for r in records}
    sentences = {r.article: [s for s in r.sentences] for r in records}
    facts, disagreements = compare(articles, entities, fact_records, sentences)
    quotes = line_up_quotes(articles, quote_spans, canonical=NameIndex(entities).canonical)
    # timeline (issue 9): the dated events in order, from the records' date facts
    from newsfuse.brief.timeline import build_timeline

    timeline = build_timeline(articles, records)
    brief = dataclasses.replace(
        brief,
        timeline=timeline,
        quotes=tuple(rank_quotes(quotes)),
        entities=tuple(_settled(e) for e in entities),
        facts=tuple(dataclasses.replace(f, kind=FactKind(f.kind)) for f in facts),
        disagreements=tuple(dataclasses.replace(d, kind=DisagreementKind(d.kind)) for d in disagreements),
    )
    brief = _add_framing(brief, records)
    brief = with_shared_copy(brief)  # after framing: it counts the final summary's sources
    return brief


def _add_framing(brief: Brief, records: Sequence[ArticleAnalysis]) -> Brief:
    """Framing (issue 9): each outlet's loaded words lined up across outlets, and the summary
    shown in its least loaded wordings (brief/framing.py)."""
    from newsfuse.analysis.record import content_spans
    from newsfuse.brief.align import group_sentences
    from newsfuse.brief.framing import least_loaded, line_up_framing

    groups = group_sentences(brief.articles, {r.article: content_spans(r) for r in records})
    framing = line_up_framing(brief.articles, records, groups)
    return dataclasses.replace(brief, framing=framing, summary=least_loaded(brief.summary, framing))
