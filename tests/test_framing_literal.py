"""Literal uses of loaded words: a bridge collapses, a hull is wrecked; a coalition or a person
is judged. The sentences below are written for these tests; the bundled example's brief is read
as a user gets it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.analysis.codec import analysis_from_json, analysis_to_json
from newsfuse.analysis.framing import find_framing, is_literal, is_physical
from newsfuse.analysis.nlp import load_nlp
from newsfuse.analysis.quotes import extract_quotes
from newsfuse.analysis.record import analyse_article
from newsfuse.brief.build import build_brief
from newsfuse.brief.framing import headline_angle
from newsfuse.ingest.load import load
from newsfuse.model import Article, SpanKind
from newsfuse.render import render

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _loaded(nlp, text: str) -> list[str]:
    """The outlet's own loaded words of ``text``, as find_framing reports them."""
    article = Article(id="t", outlet="Test", text=text)
    doc = nlp(text)
    return [r.text for r in find_framing(article, doc, extract_quotes(article, doc)) if r.kind == SpanKind.FRAMING]


@pytest.mark.parametrize(
    ("literal", "evaluative", "word"),
    [
        (
            "The old bridge collapsed into the canal after a night of heavy rain.",
            "The ruling coalition collapsed after a night of bitter talks.",
            "collapsed",
        ),
        (
            "The fishing boat was wrecked by the gale off the point.",
            "The peace talks were wrecked by the generals.",
            "wrecked",
        ),
        (
            "Engineers closed the damaged bridge on Friday while divers checked its piers.",
            "The damaged minister refused to resign on Friday.",
            "damaged",
        ),
    ],
)
def test_a_word_said_of_a_physical_thing_is_description_said_of_people_it_is_loaded(
    nlp, literal: str, evaluative: str, word: str
) -> None:
    assert word not in _loaded(nlp, literal)
    assert word in _loaded(nlp, evaluative)


def test_a_part_takes_the_thing_it_is_part_of(nlp) -> None:
    assert "collapsed" not in _loaded(nlp, "Part of the tunnel roof caved in, and a section of the road collapsed.")
    doc = nlp("Part of the budget collapsed under the weight of the new rules.")
    part = next(t for t in doc if t.lower_ == "part")
    assert not is_physical(part)  # part of an idea is no physical thing


def test_a_physical_noun_in_a_figure_of_speech_is_not_a_thing(nlp) -> None:
    doc = nlp("A storm of protest engulfed the minister, and a flood of letters followed.")
    assert not is_physical(next(t for t in doc if t.lower_ == "storm"))
    assert not is_physical(next(t for t in doc if t.lower_ == "flood"))
    assert is_physical(next(t for t in nlp("The storm flattened the fence.") if t.lower_ == "storm"))


def test_people_organisations_and_places_stay_evaluative_targets(nlp) -> None:
    doc = nlp("Labour collapsed in the north, and Britain was battered by the markets.")
    assert not any(is_literal(t) for t in doc if t.lower_ in ("collapsed", "battered"))


def test_an_event_noun_of_a_thing_is_description(nlp) -> None:
    doc = nlp("Divers filmed the collapse of the pier, and the talks' collapse followed.")
    first, second = (t for t in doc if t.lower_ == "collapse")
    assert is_literal(first)
    assert not is_literal(second)


def test_a_headline_word_said_of_a_thing_is_no_angle() -> None:
    body = "The pier at Saltby fell into the sea on Sunday night. Nobody was on it, the council said."
    thing = Article(id="a", outlet="A", title="Saltby pier collapse shuts seafront", text=body)
    people = Article(id="b", outlet="B", title="Council collapse leaves Saltby without a budget", text=body)
    thing_record, people_record = analyse_article(thing), analyse_article(people)
    assert thing_record.headline_literal == ("collapse",)
    assert headline_angle(thing, thing_record) == ()
    assert people_record.headline_literal == ()
    assert headline_angle(people, people_record) == ("collapse",)
    # the record carries it: read back from its JSON, a brief needs no parse
    assert analysis_from_json(analysis_to_json(thing_record)).headline_literal == ("collapse",)


def test_the_bundled_example_shows_no_loaded_collapse_or_damage() -> None:
    articles = load([EXAMPLES / "story"]).articles
    brief = build_brief(articles, words=200)
    assert brief.framing  # the section is there
    own = [i.ref.text.lower() for f in brief.framing for i in f.items]
    headlines = [w for f in brief.framing for w in f.headline]
    assert not [w for w in own + headlines if w.startswith(("collaps", "damag"))]
    section = render(brief, "md").split("## How each outlet frames it")[1].split("\n## ")[0]
    assert "collapse" not in section.lower() and "damaged" not in section.lower()
