"""The default summary reads like a brief on both of its paths (issue 10, point 3): no item under
6 words and no two items that reword one fact, on a story written here to tempt both faults."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from newsfuse.brief.summarizers import DEFAULT_METHOD, get
from newsfuse.brief.summarizers.base import content_words, story_units
from newsfuse.brief.summarizers.brieflike import MIN_WORDS, Rewordings, embedding_distinct, paraphrase
from newsfuse.brief.summarizers.consensus import greedy
from newsfuse.brief.summarizers.coverage import MAX_EXACT_WORDS, best_set
from newsfuse.ingest import load
from newsfuse.model import Article, SummaryItem

REPO = Path(__file__).resolve().parents[1]

CLOSED = (
    "The Harlow Street bridge over the Tamsin was closed to all traffic on Thursday after inspectors "
    "found a cracked support beam."
)
REWORD = (
    "Inspectors found a cracked support beam under the Harlow Street bridge on Thursday, and the bridge "
    "over the Tamsin was closed to traffic."
)
SHORT = "Nobody was hurt."
SHORT2 = "Buses will divert."
DETOUR = (
    "Drivers heading north are being sent through the Kelby roundabout, which adds about twenty minutes at peak hours."
)
REPAIR = (
    "The city engineer, Maria Osei, said repairs to the beam would take at least six weeks and cost about "
    "1.2 million pounds."
)
SCHOOL = "Pupils at Tamsin Primary School, on the far bank, will be taken to lessons by coach until the bridge reopens."

# Four outlets; two word the closure each their own way (not one group), and all of them carry two
# very short sentences, which cover shared words almost for free.
LARGE = [
    Article(
        id="a", outlet="Alpha", title="Harlow Street bridge closed", text=f"{CLOSED} {SHORT} {DETOUR} {REPAIR} {SHORT2}"
    ),
    Article(
        id="b", outlet="Beta", title="Cracked beam shuts bridge", text=f"{REWORD} {SHORT} {SCHOOL} {REPAIR} {SHORT2}"
    ),
    Article(id="c", outlet="Gamma", title="Bridge shut", text=f"{CLOSED} {SHORT} {SHORT2} {DETOUR} {SCHOOL}"),
    Article(id="d", outlet="Delta", title="Tamsin crossing closed", text=f"{REWORD} {SHORT} {SHORT2} {REPAIR}"),
]
# Fewer sentences: the exact search, at the largest budget it takes, would hold both wordings.
SMALL = [
    Article(id="a", outlet="Alpha", title="Harlow Street bridge closed", text=f"{CLOSED} {SHORT} {REPAIR}"),
    Article(id="b", outlet="Beta", title="Cracked beam shuts bridge", text=f"{REWORD} {SHORT} {REPAIR}"),
    Article(id="c", outlet="Gamma", title="Bridge shut", text=f"{CLOSED} {SHORT2}"),
    Article(id="d", outlet="Delta", title="Tamsin crossing closed", text=f"{REWORD} {SHORT2} {SHORT}"),
]


def _faults(texts: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    short = [t for t in texts if len(t.split()) < MIN_WORDS]
    pairs = [(a, b) for a, b in itertools.combinations(texts, 2) if paraphrase(content_words(a), content_words(b))]
    return short, pairs


def _check(items: list[SummaryItem], words: int) -> None:
    texts = [i.text for i in items]
    assert texts
    assert sum(len(t.split()) for t in texts) <= words
    assert _faults(texts) == ([], []), texts


def test_the_written_rewording_is_a_paraphrase() -> None:
    assert paraphrase(content_words(CLOSED), content_words(REWORD))
    assert not paraphrase(content_words(CLOSED), content_words(REPAIR))


def test_greedy_path_keeps_no_fragment_and_no_rewording() -> None:
    words = 200
    units = story_units(LARGE)
    assert best_set(units, LARGE, words) is None  # a long summary: the greedy path
    raw, _ = greedy(units, LARGE, words)  # the walk without the rules falls for both
    short, pairs = _faults([units.groups[i].representative.text for i in raw])
    assert {SHORT, SHORT2} <= set(short)
    assert pairs == [(CLOSED, REWORD)] or pairs == [(REWORD, CLOSED)]
    items = get(DEFAULT_METHOD).summarize(LARGE, words)
    _check(items, words)
    assert len(items) >= 3  # the rules drop the faults, not the summary
    assert get("consensus").summarize(LARGE, words) == items


def test_exact_path_keeps_no_rewording() -> None:
    words = MAX_EXACT_WORDS
    units = story_units(SMALL)
    found = best_set(units, SMALL, words)
    assert found is not None  # a small story: the exact search
    chosen = {units.groups[i].representative.text for i in found[0]}
    assert {CLOSED, REWORD} <= chosen  # without the check it takes both wordings
    items = get(DEFAULT_METHOD).summarize(SMALL, words)
    _check(items, words)
    assert {CLOSED, REWORD} & {i.text for i in items}  # one of them stays


@pytest.mark.parametrize(("articles", "words"), [(LARGE, 200), (SMALL, MAX_EXACT_WORDS), (SMALL, 60)])
def test_the_summary_does_not_depend_on_the_order_of_the_articles(articles: list[Article], words: int) -> None:
    first = get(DEFAULT_METHOD).summarize(articles, words)
    for perm in itertools.permutations(articles):
        assert get(DEFAULT_METHOD).summarize(list(perm), words) == first


@pytest.mark.parametrize("words", [60, 120, 260])
def test_the_bundled_example_reads_like_a_brief(words: int) -> None:
    articles = list(load([REPO / "examples" / "story"]).articles)
    for method in (DEFAULT_METHOD, "learned"):
        _check(get(method).summarize(articles, words), words)


def test_embeddings_drop_the_lower_worth_rewording() -> None:
    from newsfuse.analysis.embed import embedder

    model = embedder()
    if model is None:
        pytest.skip("the optional embedding model is not installed")
    units = story_units(LARGE)
    at = {g.representative.text: k for k, g in enumerate(units.groups)}
    chosen = [at[CLOSED], at[REPAIR], at[REWORD], at[SCHOOL]]
    worth = [0.0] * len(units.groups)
    worth[at[REWORD]] = 0.9
    worth[at[CLOSED]] = 0.5
    kept = embedding_distinct(units, chosen, worth, Rewordings(units), model)
    assert kept == [at[REPAIR], at[REWORD], at[SCHOOL]]
    worth[at[CLOSED]] = 1.0
    kept = embedding_distinct(units, chosen, worth, Rewordings(units), model)
    assert kept == [at[CLOSED], at[REPAIR], at[SCHOOL]]
