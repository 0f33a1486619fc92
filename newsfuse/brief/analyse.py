"""Who said what and where the outlets differ: the analysis half of a brief.

Each article is parsed by spaCy once; quotes, entity mentions and facts are read off that parse,
then lined up across outlets.
"""

from __future__ import annotations

import dataclasses
import os

from newsfuse.model import Brief

__all__ = ["add_analysis", "PARALLEL_PARSE_MIN_ARTICLES"]

#: From this many articles on, spaCy parses in two processes: on the 2-core machine a
#: 100-article story parses in 7.5 s instead of 14.8 s (bench/speed.py), while for a handful of
#: articles starting the workers costs more than it saves.
PARALLEL_PARSE_MIN_ARTICLES = 16


def add_analysis(brief: Brief) -> Brief:
    """Return ``brief`` with its quotes, entities, facts and disagreements filled in."""
    from newsfuse.analysis.entities import extract_entities
    from newsfuse.analysis.facts import extract_facts
    from newsfuse.analysis.nlp import load_nlp
    from newsfuse.analysis.quotes import extract_quotes
    from newsfuse.brief.compare import compare
    from newsfuse.brief.entities import NameIndex, merge_entities
    from newsfuse.brief.quotes import line_up_quotes

    articles = brief.articles
    workers = min(2, os.cpu_count() or 1) if len(articles) >= PARALLEL_PARSE_MIN_ARTICLES else 1
    docs = list(load_nlp().pipe((a.text for a in articles), n_process=workers, batch_size=16))
    quote_spans = [q for a, doc in zip(articles, docs, strict=True) for q in extract_quotes(a, doc)]
    mentions = {a.id: extract_entities(a, doc) for a, doc in zip(articles, docs, strict=True)}
    entities = merge_entities(articles, mentions)
    fact_records = {a.id: extract_facts(a, doc) for a, doc in zip(articles, docs, strict=True)}
    facts, disagreements = compare(articles, entities, fact_records)
    quotes = line_up_quotes(articles, quote_spans, canonical=NameIndex(entities).canonical)
    return dataclasses.replace(
        brief,
        quotes=tuple(quotes),
        entities=tuple(entities),
        facts=tuple(facts),
        disagreements=tuple(disagreements),
    )
