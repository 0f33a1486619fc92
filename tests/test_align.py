"""Sentence groups across outlets: identical copy, near copies, and what must stay apart."""

from __future__ import annotations

from newsfuse.analysis.sentences import split_sentences
from newsfuse.brief.align import SentenceGroup, group_sentences
from newsfuse.model import Article

WIRE = "The river burst its banks near Harlow on Tuesday night, flooding forty homes and closing the old stone bridge."


def _articles(*texts: str) -> list[Article]:
    return [Article(id=f"a{i}", text=t, outlet=f"outlet{i}") for i, t in enumerate(texts)]


def _group(articles: list[Article]) -> list[SentenceGroup]:
    return group_sentences(articles, {a.id: split_sentences(a.text) for a in articles})


def _group_of(groups: list[SentenceGroup], needle: str) -> SentenceGroup:
    found = [g for g in groups if any(needle in m.text for m in g.members)]
    assert len(found) == 1, f"{needle!r} is in {len(found)} groups"
    return found[0]


def test_identical_sentence_in_four_articles_is_one_group() -> None:
    arts = _articles(
        f"{WIRE} Residents were moved to the school hall.",
        f"Rain fell all week. {WIRE}",
        f"{WIRE} The council said repairs would take a month.",
        f"Officials warned of more rain. {WIRE} Farmers counted their losses.",
    )
    groups = _group(arts)
    g = _group_of(groups, "burst its banks")
    assert len(g.members) == 4
    assert g.articles == frozenset({"a0", "a1", "a2", "a3"})
    assert g.outlets == frozenset({"outlet0", "outlet1", "outlet2", "outlet3"})
    assert g.representative in g.members
    # every other sentence is alone in its group
    assert all(len(x.members) == 1 for x in groups if x is not g)


def test_every_member_is_an_exact_slice() -> None:
    arts = _articles(f"  {WIRE}\n\nMore later.", f"Update: {WIRE}")
    for g in _group(arts):
        for m in g.members:
            art = next(a for a in arts if a.id == m.article)
            assert art.text[m.start : m.end] == m.text


def test_one_word_changed_is_grouped() -> None:
    changed = WIRE.replace("forty", "fifty")
    g = _group_of(_group(_articles(WIRE, changed)), "burst its banks")
    assert g.articles == frozenset({"a0", "a1"})


def test_clause_added_is_grouped() -> None:
    longer = WIRE.replace("Tuesday night,", "Tuesday night after three days of heavy rain,")
    g = _group_of(_group(_articles(WIRE, longer)), "burst its banks")
    assert len(g.members) == 2


def test_wire_copy_with_different_punctuation_and_quotes_is_grouped() -> None:
    other = (
        "The river burst its banks near Harlow on Tuesday night - flooding 40 homes, and closing the old stone bridge."
    )
    g = _group_of(_group(_articles(WIRE, other)), "burst its banks")
    assert len(g.members) == 2


def test_sentences_sharing_only_a_phrase_stay_apart() -> None:
    a = "The old stone bridge will stay closed until engineers have checked every arch."
    b = "Engineers said the old stone bridge was built in 1820 and has survived six floods."
    groups = _group(_articles(a, b))
    assert len(groups) == 2


def test_a_short_quote_inside_a_long_sentence_is_not_the_same_sentence() -> None:
    short = "Forty homes were flooded."
    long = (
        "The mayor, standing by the closed bridge on Wednesday morning, told reporters that forty homes "
        "were flooded and that the town would ask the government for emergency money."
    )
    assert len(_group(_articles(short, long))) == 2


def test_two_versions_in_one_article_are_not_merged_through_another_outlet() -> None:
    # a0 gives an early and an updated count; a1 carries one of them. The two sentences of a0
    # must not end up in one group through a1.
    early = "Police said twelve people had been taken to hospital after the crash on the ring road."
    later = "Police said fifteen people had been taken to hospital after the crash on the ring road."
    arts = _articles(f"{early} Then the count rose. {later}", early)
    groups = _group(arts)
    g_early = _group_of(groups, "twelve")
    g_later = _group_of(groups, "fifteen")
    assert g_early is not g_later
    assert g_early.articles == frozenset({"a0", "a1"})
    assert g_later.articles == frozenset({"a0"})


def test_identical_sentences_inside_one_article_are_one_group() -> None:
    arts = _articles(f"{WIRE} Some other words here today. {WIRE}")
    g = _group_of(_group(arts), "burst its banks")
    assert len(g.members) == 2


def test_no_sentences_no_groups() -> None:
    arts = _articles("Something.")
    assert group_sentences(arts, {}) == []


def test_hundred_articles_of_forty_sentences_is_fast() -> None:
    topics = ["river", "bridge", "council", "school", "farm", "road", "rail", "power", "shop", "park"]
    arts = []
    for a in range(100):
        sents = []
        for s in range(40):
            t = topics[(a + s) % len(topics)]
            sents.append(
                f"Report {a} line {s} says the {t} near district {s % 7} was hit by storm number {a * 40 + s} today."
            )
        sents[0] = WIRE  # a wire lead shared by all
        arts.append(Article(id=f"a{a}", text=" ".join(sents), outlet=f"o{a}"))
    groups = _group(arts)  # its speed is measured in bench/, not here
    g = _group_of(groups, "burst its banks")
    assert len(g.articles) == 100
