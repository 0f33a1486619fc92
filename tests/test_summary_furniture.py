"""A summary item does not spend its words on a dateline ("KELBY (Wire) — "): it starts at the
news, and stays an exact span of its source sentence, with every outlet that carries it cited."""

from __future__ import annotations

import pytest

from newsfuse.brief.summarizers import get
from newsfuse.brief.summarizers.base import story_units
from newsfuse.brief.summarizers.furniture import dateline_end, without_dateline
from newsfuse.model import Article, Span

NEWS = (
    "The Harlow Street bridge over the Tamsin was closed to all traffic on Thursday after inspectors "
    "found a cracked support beam."
)
REPAIR = (
    "The city engineer, Maria Osei, said repairs to the beam would take at least six weeks and cost about "
    "1.2 million pounds."
)

STORY = [
    Article(id="a", outlet="Alpha", title="Bridge closed", text=f"KELBY, Tamshire (Wire) — {NEWS} {REPAIR}"),
    Article(id="b", outlet="Beta", title="Cracked beam shuts bridge", text=f"KELBY — {NEWS} {REPAIR}"),
    Article(id="c", outlet="Gamma", title="Bridge shut", text=f"(Wire) - {NEWS}"),
]


@pytest.mark.parametrize(
    ("sentence", "dateline"),
    [
        ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON (AP) — "),
        ("MONSEY, N.Y. (AP) — A man was held.", "MONSEY, N.Y. (AP) — "),
        ("LONDON, April 12 (Reuters) - Shares fell.", "LONDON, April 12 (Reuters) - "),
        ("ST. LOUIS — “We are ready,” she said.", "ST. LOUIS — "),
        ("(CNN) - The mayor spoke.", "(CNN) - "),
        ("WASHINGTON\u00a0– The plan was unveiled.", "WASHINGTON\u00a0– "),
        ("Why it matters: The vote sets the budget.", "Why it matters: "),
        ("What’s next: The bill goes to the Senate.", "What’s next: "),
        ("BREAKING: Shares fell.", "BREAKING: "),
    ],
)
def test_datelines_found(sentence: str, dateline: str) -> None:
    assert sentence[: dateline_end(sentence)] == dateline


@pytest.mark.parametrize(
    "sentence",
    [
        "NASA — the space agency — said the launch would wait.",  # a subject, not a dateline
        "The US — and only the US — voted against.",
        "I — and I alone — decided.",
        "A vote — the first in years — was held.",
        "CLAIM: The mayor spoke.",  # a fact check's claim: the label is what the sentence says
        "Yes, but: the bill is late.",
        "Details: the bill is late.",  # the news must start with a capital
    ],
)
def test_no_dateline_left_whole(sentence: str) -> None:
    assert dateline_end(sentence) == 0
    assert without_dateline(sentence, Span(0, len(sentence))) == Span(0, len(sentence))


def test_units_start_at_the_news_and_stay_spans_of_their_text() -> None:
    units = story_units(STORY)
    by_id = {a.id: a for a in STORY}
    for g in units.groups:
        for m in g.members:
            assert by_id[m.article].text[m.start : m.end] == m.text
            assert not m.text.startswith(("KELBY", "(Wire)"))
    # One group for the news: the three outlets' datelines no longer set its wordings apart.
    news = [g for g in units.groups if g.representative.text == NEWS]
    assert len(news) == 1 and {m.article for m in news[0].members} == {"a", "b", "c"}


@pytest.mark.parametrize("method", ["coverage", "consensus", "learned"])
@pytest.mark.parametrize("words", [40, 260])
def test_summary_items_without_datelines(method: str, words: int) -> None:
    items = get(method).summarize(STORY, words)
    assert items
    texts = [i.text for i in items]
    assert NEWS in texts
    by_id = {a.id: a for a in STORY}
    for item in items:
        assert not item.text.startswith(("KELBY", "(Wire)"))
        src = item.sources[0]
        assert item.text == src.text == by_id[src.article].text[src.start : src.end]
    news = items[texts.index(NEWS)]
    assert {s.article for s in news.sources} == {"a", "b", "c"}
    assert sum(len(t.split()) for t in texts) <= words
