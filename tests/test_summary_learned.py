"""The ``learned`` summary method: its model file, and the readability rules of a brief (openings
that lean on the sentence before, short items, rewordings of one fact), on texts written here."""

from __future__ import annotations

import json

import numpy as np

from newsfuse.brief.summarizers import get
from newsfuse.brief.summarizers.base import content_words, story_units
from newsfuse.brief.summarizers.learned import paraphrase
from newsfuse.brief.summarizers.readable import needs_context, unsupported_openings
from newsfuse.brief.summarizers.worth import MODEL_PATH, WORTH_FEATURES, load_model, model_from_dict, worth_features
from newsfuse.model import Article, Ref, SummaryItem

DAM = "Engineers opened the spillway of the Orlen dam on Sunday after three days of heavy rain upstream."
DAM_REWORDED = "The spillway of the Orlen dam was opened by engineers on Sunday following three days of heavy rain."
EVAC = "About 2,400 residents of the lower valley were moved to schools and sports halls overnight."
MAYOR = "Mayor Ines Volk said the town had prepared for a flood of this size since 2019."
POINTER = "It gave way shortly before noon, flooding the river road."
TIMED = "On Monday it reopened to traffic."
SHORT = "Nobody was hurt."

ARTICLES = [
    Article(id="a", outlet="Alpha", text=f"{DAM} {POINTER} {EVAC} {SHORT}"),
    Article(id="b", outlet="Beta", text=f"{DAM_REWORDED} {TIMED} {EVAC} {MAYOR}"),
    Article(id="c", outlet="Gamma", text=f"{DAM} However, the river road stayed shut. {MAYOR} {SHORT}"),
]


def test_needs_context_on_written_openings() -> None:
    assert needs_context(POINTER)
    assert needs_context(TIMED)
    assert needs_context("However, the river road stayed shut.")
    assert needs_context("But the mayor disagreed with the engineers.")
    assert needs_context("Later, she said the dam was safe.")
    assert not needs_context(DAM)
    assert not needs_context("On Monday, the river road reopened to traffic.")
    assert not needs_context("This week the council will meet to review the dam.")
    assert not needs_context('"It held," the chief engineer said.')  # the speaker's words


def _item(article: Article, sentence: str) -> SummaryItem:
    start = article.text.index(sentence)
    return SummaryItem(text=sentence, sources=(Ref(article.id, start, start + len(sentence), sentence),))


def test_pronoun_opening_is_fine_only_after_its_antecedent() -> None:
    a = ARTICLES[0]
    by_id = {x.id: x for x in ARTICLES}
    with_antecedent = [_item(a, DAM), _item(a, POINTER)]
    without = [_item(a, EVAC), _item(a, POINTER)]
    alone = [_item(a, POINTER)]
    assert unsupported_openings(with_antecedent, by_id) == []
    assert unsupported_openings(without, by_id) == [1]
    assert unsupported_openings(alone, by_id) == [0]


def test_paraphrase_catches_a_rewording_not_a_shared_name() -> None:
    assert paraphrase(content_words(DAM), content_words(DAM_REWORDED))
    assert not paraphrase(content_words(DAM), content_words(EVAC))
    assert not paraphrase(content_words("The Orlen dam"), content_words("Orlen dam tours resume in June."))


def test_learned_summary_reads_like_a_brief() -> None:
    by_id = {x.id: x for x in ARTICLES}
    for words in (30, 60, 200):
        items = get("learned").summarize(ARTICLES, words)
        assert items
        texts = [i.text for i in items]
        assert sum(len(t.split()) for t in texts) <= words
        assert all(len(t.split()) >= 6 for t in texts), texts
        assert unsupported_openings(items, by_id) == [], texts
        assert not ({DAM, DAM_REWORDED} <= set(texts)), texts
        for i in items:
            for s in i.sources:
                assert by_id[s.article].text[s.start : s.end] == s.text


def test_model_file_loads_and_scores() -> None:
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert tuple(raw["features"]) == WORTH_FEATURES
    assert MODEL_PATH.stat().st_size < 2_000_000
    model = load_model()
    units = story_units(ARTICLES)
    x = worth_features(units, ARTICLES)
    assert x.shape == (len(units.groups), len(WORTH_FEATURES))
    scores = model.score(x)
    assert scores.shape == (len(units.groups),)
    assert np.isfinite(scores).all()
    assert scores.std() > 0  # the features move the worth
    assert np.allclose(model_from_dict(raw).score(x), scores)
