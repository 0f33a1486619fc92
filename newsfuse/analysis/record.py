"""One analysis per article: everything read off an article, computed once.

:func:`analyse_article` turns an :class:`~newsfuse.model.Article` (and its spaCy parse) into an
:class:`~newsfuse.model.ArticleAnalysis`: its sentences (split once, here), boilerplate, quotes
with their speakers, entity mentions, facts and loaded wording, each a span into the article's text. The record
is plain data, so a store can cache it by article id and Spark can ship it
(:mod:`newsfuse.analysis.codec` writes it as JSON); a brief is built from records and never
parses an article again.

:func:`analyse_articles` does a batch the way spaCy's authors advise: one ``nlp.pipe`` over the
texts that need a parse (English ones with some text), in two processes only for batches large
enough to pay for starting them.

Quotes and speakers, entity mentions and facts are read with an English pipeline and English
rules; an article in another language (``Article.language`` set at ingest, ``None`` read as
English) gets only its sentences and boilerplate, and ``english=False`` says so.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsfuse.analysis.codec import ANALYSIS_SCHEMA
from newsfuse.analysis.sentences import split_sentences, without_boilerplate
from newsfuse.config import cpu_budget
from newsfuse.model import (
    Article,
    ArticleAnalysis,
    EntityKind,
    FactKind,
    QuoteKind,
    QuoteSpan,
    Ref,
    Span,
    SpanKind,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "ANALYSIS_RULES_VERSION",
    "ANALYSIS_VERSION",
    "ENGLISH",
    "PARALLEL_PARSE_MIN_ARTICLES",
    "PARSE_BATCH_SIZE",
    "WORKER_SHARES",
    "is_english",
    "analyse_article",
    "analyse_articles",
    "content_spans",
]

#: The version of the rules that read a record off an article (sentences, quotes and speakers,
#: entities, facts). Bump it when a change to them gives different records for the same text, so
#: that records cached by a store are recomputed instead of served; a change of the record's shape
#: bumps ``codec.ANALYSIS_SCHEMA`` instead.
ANALYSIS_RULES_VERSION = 6  # 2: loaded wording (analysis/framing.py); 3: dates for the timeline (analysis/dates.py)
# 4: literal uses of loaded words are no framing (analysis/framing.py is_literal, headline_literal)
# 5: a date in a clause on a noun keeps that clause (FactRecord.clause); year ranges "from 2003 to 2009" are no date;
# a day or month without its year is the nearest one unless its verb is in a past tense
# 6: a paragraph break starts a sentence for the parser (analysis/nlp.py paragraph_starts)

#: What a cache keys its records on: the record's shape and the rules that filled it. A record
#: cached under another value is stale.
ANALYSIS_VERSION = f"{ANALYSIS_SCHEMA}+rules.{ANALYSIS_RULES_VERSION}"

#: The language code of the texts our quote, entity and fact rules (and the spaCy pipeline) read.
ENGLISH = "en"

#: From this many articles to parse on, the records are read in two worker processes. On the
#: shared 2-core machine (bench/record_speed.py, bench/RESULTS.md) two processes lost at 20
#: articles (11.7 s against 9.8 s in one) and won at 50 (25.3 s against 26.1 s; spaCy's own
#: n_process=2 with our steps in the main process: 29.8 s); 16 had a 20-article brief pay for
#: the second process.
PARALLEL_PARSE_MIN_ARTICLES = 32

#: Texts per batch handed to spaCy's ``nlp.pipe`` (news articles of ~600 words).
PARSE_BATCH_SIZE = 16

#: Shares of the articles per worker process: a few, so that a worker done early takes another
#: share while the other finishes a long one.
WORKER_SHARES = 4


def is_english(article: Article) -> bool:
    """True when the English-only analysis applies: the detected language is English or unknown."""
    return article.language is None or article.language.split("-")[0].lower() == ENGLISH


def content_spans(analysis: ArticleAnalysis) -> list[Span]:
    """The record's sentences that touch no boilerplate, as plain spans (what summaries draw on)."""
    return without_boilerplate(
        [Span(s.start, s.end) for s in analysis.sentences],
        [Span(b.start, b.end) for b in analysis.boilerplate],
    )


def analyse_article(article: Article, doc: Doc | None = None, nlp: Language | None = None) -> ArticleAnalysis:
    """Everything read off ``article``; ``doc`` is its text parsed by ``load_nlp()`` (parsed here
    when not given and the article needs it); ``nlp``, when given, is that pipeline (a batch
    passes the one it parsed with, for the title's parse)."""
    text = article.text
    sentences = tuple(
        Ref(article.id, s.start, s.end, text[s.start : s.end], SpanKind.SENTENCE) for s in split_sentences(text)
    )
    marked = sorted(article.boilerplate)
    boilerplate = tuple(Ref(article.id, b.start, b.end, text[b.start : b.end], SpanKind.BOILERPLATE) for b in marked)
    if not is_english(article):
        return ArticleAnalysis(article.id, article.language, sentences, boilerplate, english=False)
    if not text.strip():
        return ArticleAnalysis(article.id, article.language, sentences, boilerplate)
    if doc is None or nlp is None:  # one ask of the pipeline, for the text and the title
        from newsfuse.analysis.nlp import load_nlp

        nlp = nlp or load_nlp()
        doc = doc if doc is not None else nlp(text)
    from newsfuse.analysis.entities import extract_entities
    from newsfuse.analysis.facts import extract_facts
    from newsfuse.analysis.framing import find_framing, headline_literal
    from newsfuse.analysis.quotes import extract_quotes

    record = ArticleAnalysis(article.id, article.language, sentences, boilerplate)
    quotes = tuple(_quote(q) for q in extract_quotes(article, doc))
    found = extract_entities(article, doc)
    mentions = tuple(dataclasses.replace(m, kind=SpanKind.MENTION, label=EntityKind(kind)) for m, kind in found)
    facts = tuple(
        dataclasses.replace(r, kind=FactKind(r.kind)) for r in extract_facts(article, doc, content_spans(record))
    )
    framing = find_framing(article, doc, quotes)
    record = dataclasses.replace(record, quotes=quotes, mentions=mentions, facts=facts, framing=framing)
    return dataclasses.replace(record, headline_literal=headline_literal(article, doc, nlp))


def _quote(q: QuoteSpan) -> QuoteSpan:
    mention = q.speaker_mention
    if mention is not None:
        mention = dataclasses.replace(mention, kind=SpanKind.SPEAKER)
    return dataclasses.replace(q, kind=QuoteKind(q.kind), speaker_mention=mention)


def analyse_articles(articles: Sequence[Article], n_process: int | None = None) -> list[ArticleAnalysis]:
    """:func:`analyse_article` for each of ``articles``, in order.

    ``n_process`` None: two processes from :data:`PARALLEL_PARSE_MIN_ARTICLES` texts to parse on
    (when there are two cores), else one. In one process the texts that need a parse go through
    one ``nlp.pipe``. With more, each worker process analyses a contiguous share of the articles
    (its own ``nlp.pipe``, then quotes, mentions and facts) and sends back the plain records, so
    our own steps run in parallel too and no parse crosses a process boundary (the way the Spark
    path ships records).
    """
    todo = [i for i, a in enumerate(articles) if is_english(a) and a.text.strip()]
    if n_process is None:
        n_process = min(2, cpu_budget()) if len(todo) >= PARALLEL_PARSE_MIN_ARTICLES else 1  # 1 in a batch worker
    if n_process > 1 and len(todo) > 1:
        return _in_workers(articles, min(n_process, len(todo)))
    if not todo:
        return [analyse_article(a) for a in articles]
    from newsfuse.analysis.nlp import load_nlp

    # Docs are read off as they come, so only a batch of parses is held at a time.
    nlp = load_nlp()
    parsed = iter(nlp.pipe((articles[i].text for i in todo), batch_size=PARSE_BATCH_SIZE))
    wanted = set(todo)
    return [
        analyse_article(a, next(parsed), nlp) if i in wanted else analyse_article(a) for i, a in enumerate(articles)
    ]


def _analyse_share(articles: Sequence[Article]) -> list[ArticleAnalysis]:
    return analyse_articles(articles, n_process=1)


def _in_workers(articles: Sequence[Article], n_process: int) -> list[ArticleAnalysis]:
    """The records of ``articles`` from ``n_process`` worker processes, each given contiguous
    shares of about equal text length (several per worker, so one slow share does not hold up
    the end)."""
    import multiprocessing

    from newsfuse.analysis.nlp import load_nlp

    shares = _shares(articles, n_process * WORKER_SHARES)
    if "fork" in multiprocessing.get_all_start_methods() and os.name == "posix" and sys.platform != "darwin":
        load_nlp()  # loaded once here; forked workers share it instead of loading their own
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context()
    with context.Pool(n_process) as pool:
        done = pool.map(_analyse_share, shares, chunksize=1)
    return [r for part in done for r in part]


def _shares(articles: Sequence[Article], n: int) -> list[list[Article]]:
    total = sum(len(a.text) for a in articles) or 1
    out: list[list[Article]] = [[]]
    size = 0
    for a in articles:
        if out[-1] and size >= total * len(out) / n:
            out.append([])
        out[-1].append(a)
        size += len(a.text)
    return out
