"""One analysis per article: the record holds everything read off an article, as exact spans,
survives JSON, and a brief built from cached records is the brief built from scratch, with no
second parse."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from newsfuse.analysis.codec import ANALYSIS_SCHEMA, analysis_from_json, analysis_to_dict, analysis_to_json
from newsfuse.analysis.nlp import load_nlp
from newsfuse.analysis.record import analyse_article, analyse_articles, content_spans, is_english
from newsfuse.analysis.sentences import content_sentences, split_sentences
from newsfuse.brief.build import build_brief
from newsfuse.errors import MalformedInput
from newsfuse.ingest import load
from newsfuse.model import Article, ArticleAnalysis, EntityKind, FactKind, QuoteKind, SpanKind

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# Written for this test: a short German report and an English one on the same event.
GERMAN = (
    "Die Fußgängerbrücke über den Fluss Tamsin ist am Freitag wieder geöffnet worden. "
    "„Es ist ein großer Tag für das Tal“, sagte Ruth Amberley, die Vorsitzende des Gemeinderats. "
    "Etwa 40 Radfahrer überquerten sie in der ersten Stunde.\n\nAlle Rechte vorbehalten."
)
ENGLISH = (
    "The footbridge over the River Tamsin reopened on Friday after eight months of repairs. "
    '"It is a great day for the valley," said Ruth Amberley, who chairs Oakby parish council. '
    "About 40 cyclists crossed it in the first hour."
)


@pytest.fixture(scope="module")
def story() -> list[Article]:
    return list(load([EXAMPLES / "story"]).articles)


@pytest.fixture(scope="module")
def records(story: list[Article]) -> list[ArticleAnalysis]:
    return analyse_articles(story)


def test_every_span_of_the_record_is_exact_and_of_its_kind(
    story: list[Article], records: list[ArticleAnalysis]
) -> None:
    for article, record in zip(story, records, strict=True):
        assert record.article == article.id and record.english
        text = article.text
        assert [(s.start, s.end) for s in record.sentences] == [(s.start, s.end) for s in split_sentences(text)]
        assert content_spans(record) == content_sentences(article)
        spans = [*record.sentences, *record.boilerplate, *record.mentions]
        spans += [q.speaker_mention for q in record.quotes if q.speaker_mention is not None]
        spans += [f.mention for f in record.facts]
        for span in spans:
            assert span.article == article.id
            assert text[span.start : span.end] == span.text
        assert {s.kind for s in record.sentences} == {SpanKind.SENTENCE}
        assert all(m.kind is SpanKind.MENTION and m.label in set(EntityKind) for m in record.mentions)
        assert all(q.speaker_mention is None or q.speaker_mention.kind is SpanKind.SPEAKER for q in record.quotes)
        assert all(q.kind in set(QuoteKind) and text[q.start : q.end] == q.text for q in record.quotes)
        assert all(isinstance(f.kind, FactKind) and f.mention.kind is SpanKind.FACT for f in record.facts)
    assert sum(len(r.quotes) for r in records) > 10
    assert sum(len(r.mentions) for r in records) > 20
    assert sum(len(r.facts) for r in records) > 5


def test_one_article_alone_gives_the_same_record_as_in_a_batch(
    story: list[Article], records: list[ArticleAnalysis]
) -> None:
    assert analyse_article(story[0]) == records[0]


def test_records_survive_json(records: list[ArticleAnalysis]) -> None:
    for record in records:
        text = analysis_to_json(record)
        assert json.loads(text)["schema"] == ANALYSIS_SCHEMA
        back = analysis_from_json(text)
        assert back == record
        assert analysis_to_json(back) == text


def test_a_bad_record_is_a_clean_input_error(records: list[ArticleAnalysis]) -> None:
    with pytest.raises(MalformedInput, match="not an article analysis"):
        analysis_from_json('{"schema": "newsfuse.analysis/0"}')
    broken = analysis_to_dict(records[0])
    broken["sentences"][0]["start"] = "zero"
    with pytest.raises(MalformedInput, match="expected int"):
        analysis_from_json(json.dumps(broken))
    extra = analysis_to_dict(records[0])
    extra["colour"] = "blue"
    with pytest.raises(MalformedInput, match="colour"):
        analysis_from_json(json.dumps(extra))


def test_a_brief_from_cached_records_is_the_same_and_parses_nothing(
    story: list[Article], records: list[ArticleAnalysis]
) -> None:
    fresh = build_brief(story, words=150)
    cached = [analysis_from_json(analysis_to_json(r)) for r in records]
    before = load_nlp.cache_info()
    again = build_brief(story, words=150, analyses=cached)
    after = load_nlp.cache_info()
    assert (after.hits, after.misses) == (before.hits, before.misses), "the spaCy pipeline was asked for"
    assert again == fresh


def test_records_are_matched_by_article_id_and_missing_ones_computed(
    story: list[Article], records: list[ArticleAnalysis]
) -> None:
    some = list(reversed(records[1:]))  # out of order, one missing
    assert build_brief(story, words=150, analyses=some) == build_brief(story, words=150)


def test_an_article_in_another_language_is_summarised_but_not_read_for_quotes_names_and_facts() -> None:
    de = Article(id="de", text=GERMAN, outlet="Talbote", language="de", origin="talbote.html")
    en = Article(id="en", text=ENGLISH, outlet="Valley Times", language="en")
    assert not is_english(de) and is_english(en)
    assert is_english(dataclasses.replace(en, language=None))
    record = analyse_article(de)
    assert not record.english and record.language == "de"
    assert record.sentences and not (record.quotes or record.mentions or record.facts)
    brief = build_brief([en, de], words=80)
    notes = [p for p in brief.problems if p.origin == "talbote.html"]
    assert len(notes) == 1 and not notes[0].fatal and "'de'" in notes[0].message
    assert all(m.article == "en" for e in brief.entities for m in e.mentions)
    assert all(c.article == "en" for q in brief.quotes for c in q.carried_by)
    assert not any(m.article == "de" for f in brief.facts for m in f.mentions)
    assert "Ruth Amberley" in {e.name for e in brief.entities}
    summary_only = build_brief([en, de], words=80, analyse=False)
    assert summary_only.summary and not summary_only.quotes


def test_two_worker_processes_give_the_same_records_in_the_same_order(
    story: list[Article], records: list[ArticleAnalysis]
) -> None:
    assert analyse_articles(story, n_process=2) == records
