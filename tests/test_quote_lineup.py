"""Lining up quotations across outlets (newsfuse.brief.quotes), on short texts written here."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
from pathlib import Path

import pytest

from newsfuse.brief.quotes import (
    EXCERPT,
    POSSIBLE_MISQUOTE,
    SINGLE_OUTLET,
    UNATTRIBUTED,
    line_up_quotes,
)
from newsfuse.brief.worddiff import align, same_words, tokenize
from newsfuse.errors import MalformedInput
from newsfuse.model import Article, Quote, QuoteSpan, Span, WordDiff

PLEDGE = "We will not close a single library while I hold this office, and I stand by every word of that promise."


def article(aid: str, text: str, outlet: str | None = None, date: dt.date | None = None) -> Article:
    return Article(id=aid, text=text, outlet=outlet or aid, date=date)


def quote(
    a: Article,
    words: str,
    speaker: str | None = "Mara Quill",
    role: str | None = None,
    kind: str = "full",
    nth: int = 0,
) -> QuoteSpan:
    """The QuoteSpan of the ``nth`` occurrence of ``words`` in ``a``'s text."""
    start = -1
    for _ in range(nth + 1):
        start = a.text.index(words, start + 1)
    return QuoteSpan(a.id, start, start + len(words), words, speaker=speaker, role=role, kind=kind)


def only(quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


# --- word alignment ------------------------------------------------------------------------------


def test_align_ignores_case_punctuation_and_curly_quotes() -> None:
    fit = align(tokenize("don’t close the LIBRARY — ever"), tokenize("Don't close the library, ever."))
    assert fit.diff == () and fit.score == 1.0


def test_align_excerpt_drops_nothing_at_the_edges() -> None:
    fit = align(tokenize("a single library while I hold"), tokenize(PLEDGE))
    assert fit.diff == ()
    assert (fit.start, fit.end) == (4, 10)


def test_align_reports_a_dropped_word_inside_an_excerpt() -> None:
    fit = align(tokenize("close a library while I hold this"), tokenize(PLEDGE))
    assert fit.diff == (WordDiff("delete", "single", ""),)


# --- lining up -----------------------------------------------------------------------------------


def test_three_outlets_with_the_same_quote_give_one_quote_with_three_carriers() -> None:
    arts = [article(o, f'The mayor said: "{PLEDGE}" Council members clapped.') for o in ("north", "south", "east")]
    q = only(line_up_quotes(arts, [quote(a, PLEDGE) for a in arts]))
    assert [c.outlet for c in q.carried_by] == ["north", "south", "east"]
    assert q.text == PLEDGE
    assert all(c.diff == () for c in q.carried_by)
    assert q.flags == ()


def test_one_changed_word_inside_the_quote_is_a_possible_misquote_with_both_words() -> None:
    changed = PLEDGE.replace("close", "shut")
    a = article("a", f'Mara Quill said: "{PLEDGE}"')
    b = article("b", f'"{changed}" Quill told reporters.')
    q = only(line_up_quotes([a, b], [quote(a, PLEDGE), quote(b, changed)]))
    assert POSSIBLE_MISQUOTE in q.flags
    carrier_b = next(c for c in q.carried_by if c.article == "b")
    assert carrier_b.diff == (WordDiff("replace", "close", "shut"),)
    assert carrier_b.text == changed  # the outlet's own wording is kept


def test_a_shortened_excerpt_is_an_excerpt_not_a_misquote() -> None:
    a = article("a", f'Mara Quill said: "{PLEDGE}"')
    b = article("b", 'Quill vowed she would "not close a single library while I hold this office".')
    q = only(
        line_up_quotes([a, b], [quote(a, PLEDGE), quote(b, "not close a single library while I hold this office")])
    )
    assert EXCERPT in q.flags
    assert POSSIBLE_MISQUOTE not in q.flags
    assert all(c.diff == () for c in q.carried_by)
    assert q.fullest == "a"


def test_a_dropped_word_inside_an_excerpt_is_flagged() -> None:
    a = article("a", f'Mara Quill said: "{PLEDGE}"')
    words = "not close a library while I hold this office"
    b = article("b", f'Quill vowed she would "{words}".')
    q = only(line_up_quotes([a, b], [quote(a, PLEDGE), quote(b, words)]))
    assert {POSSIBLE_MISQUOTE, EXCERPT} <= set(q.flags)
    assert q.carried_by[1].diff == (WordDiff("delete", "single", ""),)


def test_case_and_punctuation_differences_are_not_flagged() -> None:
    plain = PLEDGE.lower().replace(",", "").rstrip(".")
    curly = "We won’t sell the LGBT+ Muslims’ centre, not now, not ever — it is theirs."
    lower = "we won't sell the LGBT+ muslims' centre not now not ever, it is theirs"
    a = article("a", f'She said: "{PLEDGE}" And later: "{curly}"')
    b = article("b", f"She said '{plain}' and then '{lower}'.")
    quotes = line_up_quotes([a, b], [quote(a, PLEDGE), quote(b, plain), quote(a, curly), quote(b, lower)])
    assert len(quotes) == 2
    for q in quotes:
        assert len(q.carried_by) == 2
        assert q.flags == ()
        assert all(c.diff == () for c in q.carried_by)


def test_the_fullest_wording_is_the_longest_and_first_published_the_earliest_date() -> None:
    short = "not close a single library"
    longer = "We will not close a single library while I hold this office"
    a = article("a", f'Quill said she would "{short}".', date=dt.date(2031, 5, 3))
    b = article("b", f'"{PLEDGE}" said Quill.', date=dt.date(2031, 5, 2))
    c = article("c", f'"{longer}," Quill said.', date=dt.date(2031, 5, 1))
    q = only(line_up_quotes([a, b, c], [quote(a, short), quote(b, PLEDGE), quote(c, longer)]))
    assert q.fullest == "b" and q.text == PLEDGE
    assert q.first_published == "c"
    assert [c.article for c in q.carried_by] == ["a", "b", "c"]


def test_first_published_is_unknown_when_dates_are_missing_or_equal() -> None:
    day = dt.date(2031, 5, 1)
    a = article("a", f'"{PLEDGE}"', date=day)
    b = article("b", f'"{PLEDGE}"', date=day)
    c = article("c", f'"{PLEDGE}"')
    q = only(line_up_quotes([a, b, c], [quote(a, PLEDGE), quote(b, PLEDGE), quote(c, PLEDGE)]))
    assert q.first_published is None


def test_two_different_quotes_by_the_same_speaker_stay_separate() -> None:
    other = "The budget for next year will protect every branch and every librarian in this city."
    a = article("a", f'Quill said: "{PLEDGE}" She added: "{other}"')
    b = article("b", f'"{other}" Quill said, and "{PLEDGE}"')
    quotes = line_up_quotes([a, b], [quote(a, PLEDGE), quote(a, other), quote(b, other), quote(b, PLEDGE)])
    assert sorted(q.text for q in quotes) == sorted([PLEDGE, other])
    assert all(len(q.carried_by) == 2 for q in quotes)


def test_short_quotes_that_differ_by_a_word_stay_separate() -> None:
    a = article("a", 'Quill said: "I am sorry for the upset."')
    b = article("b", 'Quill said: "I am sorry for the delay."')
    quotes = line_up_quotes([a, b], [quote(a, "I am sorry for the upset."), quote(b, "I am sorry for the delay.")])
    assert len(quotes) == 2
    assert all(SINGLE_OUTLET in q.flags for q in quotes)


def test_a_quote_split_in_two_by_one_outlet_is_one_carrier_with_two_parts() -> None:
    first, second = (
        "We will not close a single library while I hold this office,",
        "and I stand by every word",
    )
    a = article("a", f'Quill said: "{PLEDGE}"')
    b = article("b", f'"{first}" Quill said. "{second} of that promise."')
    spans = [quote(a, PLEDGE), quote(b, first), quote(b, second + " of that promise.")]
    q = only(line_up_quotes([a, b], spans))
    carrier = q.carried_by[1]
    assert carrier.article == "b"
    assert carrier.parts == (Span(spans[1].start, spans[1].end), Span(spans[2].start, spans[2].end))
    assert (carrier.start, carrier.end) == (spans[1].start, spans[2].end)
    assert carrier.text == f"{first} {second} of that promise."
    assert carrier.diff == ()
    assert q.flags == ()


def test_partial_quotes_from_two_places_in_one_article_join_with_an_ellipsis() -> None:
    a = article("a", f'Quill said: "{PLEDGE}"')
    b = article("b", 'Quill would "not close a single library", she said, and stood "by every word".')
    spans = [
        quote(a, PLEDGE),
        quote(b, "not close a single library", kind="partial"),
        quote(b, "by every word"),
    ]
    q = only(line_up_quotes([a, b], spans))
    assert q.carried_by[1].text == "not close a single library … by every word"
    assert q.flags == (EXCERPT,)


def test_a_partial_quote_repeated_in_one_article_is_counted_once() -> None:
    a = article("a", f'Quill promised to "not close a single library". Later she said: "{PLEDGE}"')
    b = article("b", f'"{PLEDGE}"')
    q = only(line_up_quotes([a, b], [quote(a, "not close a single library"), quote(a, PLEDGE), quote(b, PLEDGE)]))
    carrier = q.carried_by[0]
    assert carrier.text == PLEDGE and carrier.parts == ()
    assert q.flags == ()


def test_speaker_is_the_canonical_majority_and_role_the_fullest() -> None:
    names = {"Mr Quill": "Tobias Quill", "Quill": "Tobias Quill", "Tobias Quill": "Tobias Quill"}
    arts = [article(x, f'"{PLEDGE}"') for x in "abcd"]
    spans = [
        quote(arts[0], PLEDGE, speaker="Mr Quill", role="mayor"),
        quote(arts[1], PLEDGE, speaker="Quill", role="mayor of Farrowby"),
        quote(arts[2], PLEDGE, speaker="Dana Ruff"),
        quote(arts[3], PLEDGE, speaker="he"),
    ]
    q = only(line_up_quotes(arts, spans, canonical=names.get))
    assert q.speaker == "Tobias Quill"
    assert q.role == "mayor of Farrowby"
    assert UNATTRIBUTED not in q.flags


def test_the_role_shown_is_the_fullest_in_neutral_words() -> None:
    arts = [article(x, f'"{PLEDGE}"') for x in "abc"]
    spans = [
        quote(arts[0], PLEDGE, speaker="Tobias Quill", role="the disgraced former mayor"),
        quote(arts[1], PLEDGE, speaker="Tobias Quill", role="the former mayor"),
        quote(arts[2], PLEDGE, speaker="Tobias Quill", role="mayor"),
    ]
    assert only(line_up_quotes(arts, spans)).role == "the former mayor"  # "disgraced": AFINN -2


def test_a_described_speaker_stays_as_described_and_no_speaker_is_flagged() -> None:
    words = "A jury of his peers has found him guilty and we respect the verdict of the court."
    a = article("a", f'A party spokesperson said: "{words}"')
    b = article("b", f'"{words}"')
    described = [quote(a, words, speaker="A party spokesperson"), quote(b, words, speaker=None)]
    assert only(line_up_quotes([a, b], described)).speaker == "A party spokesperson"
    nobody = only(line_up_quotes([a, b], [quote(a, words, speaker=None), quote(b, words, speaker=None)]))
    assert nobody.speaker is None and UNATTRIBUTED in nobody.flags


def test_quotes_are_ordered_by_outlets_then_first_appearance() -> None:
    lone = "Nobody asked the readers what they wanted from their libraries this winter."
    a = article("a", f'"{lone}" And: "{PLEDGE}"')
    b = article("b", f'"{PLEDGE}"')
    quotes = line_up_quotes([a, b], [quote(a, lone), quote(a, PLEDGE), quote(b, PLEDGE)])
    assert [q.text for q in quotes] == [PLEDGE, lone]
    assert SINGLE_OUTLET in quotes[1].flags


def test_a_span_of_an_unknown_article_is_a_clean_error() -> None:
    a = article("a", f'"{PLEDGE}"')
    with pytest.raises(MalformedInput, match="ghost"):
        line_up_quotes([a], [QuoteSpan("ghost", 0, 5, "hello")])


def test_spans_without_words_are_ignored() -> None:
    a = article("a", '"—" she said')
    assert line_up_quotes([a], [QuoteSpan("a", 1, 2, "—")]) == []


def test_a_hundred_articles_with_ten_quotes_each_line_up_fast() -> None:
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(3000)] + ["the", "of", "and", "to", "a", "in"] * 200
    pool = [" ".join(rng.choice(vocab) for _ in range(rng.randint(6, 40))) for _ in range(60)]
    arts, spans = [], []
    for i in range(100):
        chosen = rng.sample(pool, 10)
        text = " ".join(f'"{q}" said speaker {pool.index(q)}.' for q in chosen)
        a = article(f"a{i}", text, outlet=f"outlet{i % 40}")
        arts.append(a)
        for q in chosen:
            words = q.split()
            if rng.random() < 0.3:  # an excerpt
                cut = rng.randint(0, len(words) // 3)
                words = words[cut:]
            spans.append(quote(a, " ".join(words), speaker=f"Speaker {pool.index(q)}"))
    quotes = line_up_quotes(arts, spans)  # its speed is measured by bench/quote_lineup.py
    used = {s.speaker for s in spans}
    assert len(quotes) == len(used)
    assert sum(len(q.carried_by) for q in quotes) == len(spans)
    assert len({q.speaker for q in quotes}) == len(quotes)  # no two pool quotes merged


def test_a_scare_quoted_word_only_joins_a_quote_by_the_same_named_speaker() -> None:
    a = article("a", f'Quill said: "{PLEDGE}"')
    b = article("b", 'Critics called the plan a "promise" they had heard before; Quill stood by "every word".')
    spans = [quote(a, PLEDGE), quote(b, "promise", speaker=None), quote(b, "every word", speaker="Quill")]
    quotes = line_up_quotes([a, b], spans)
    assert len(quotes) == 2
    pledge = next(q for q in quotes if q.text == PLEDGE)
    assert [c.text for c in pledge.carried_by] == [PLEDGE, "every word"]
    assert next(q for q in quotes if q.text == "promise").flags == (UNATTRIBUTED, SINGLE_OUTLET)


# --- the seed story (five outlets on one story), with the real extractors ------------------------


@functools.cache
def seed_lineup(folder: Path) -> tuple[list[Article], list[Quote]]:
    """The seeds loaded, parsed once, their quotes extracted and lined up (cached per run)."""
    quotes_module = pytest.importorskip("newsfuse.analysis.quotes")
    from newsfuse.analysis.entities import extract_entities
    from newsfuse.analysis.nlp import load_nlp
    from newsfuse.brief.entities import canonical_name, merge_entities
    from newsfuse.ingest import load

    articles = list(load([folder]).articles)
    docs = list(load_nlp().pipe(a.text for a in articles))
    spans = [q for a, d in zip(articles, docs, strict=True) for q in quotes_module.extract_quotes(a, d)]
    entities = merge_entities(articles, {a.id: extract_entities(a, d) for a, d in zip(articles, docs, strict=True)})
    return articles, line_up_quotes(articles, spans, canonical=lambda n: canonical_name(n, entities))


def find(quotes: list[Quote], words: str) -> Quote:
    key = " ".join(t.norm for t in tokenize(words))
    hits = [q for q in quotes if key in " ".join(t.norm for t in tokenize(q.text))]
    assert hits, f"no quote with {words!r}"
    return max(hits, key=lambda q: len(q.carried_by))


def test_seeds_lazy_tropes_lines_up_with_the_were_had_misquote_flagged(seeds: Path) -> None:
    _, quotes = seed_lineup(seeds)
    q = find(quotes, "relied on lazy tropes about LGBT+ people")
    assert len({c.outlet for c in q.carried_by}) >= 3
    assert POSSIBLE_MISQUOTE in q.flags
    diffs = [d for c in q.carried_by for d in c.diff]
    assert WordDiff("replace", "we", "were") in diffs
    assert q.speaker == "Crispin Blunt"


def test_seeds_retraction_tweet_is_one_quote_from_three_outlets(seeds: Path) -> None:
    _, quotes = seed_lineup(seeds)
    q = find(quotes, "On reflection I have decided to retract my statement")
    assert len({c.outlet for c in q.carried_by}) >= 3
    assert q.speaker == "Crispin Blunt"
    assert sum("On reflection" in (qq.text) for qq in quotes) == 1


def test_a_short_unattributed_piece_joins_the_quote_its_neighbour_continues() -> None:
    head = "We will not close a single library while I hold this office, and I stand by every word"
    a = article("a", f'Quill said: "{PLEDGE}"')
    filler = "The council then turned to the budget for parks, roads and the new bus depot by the river. " * 2
    b = article("b", f'"{head}," she told the council, "of that promise." {filler}A critic mocked "of that promise".')
    spans = [quote(a, PLEDGE), quote(b, head), quote(b, "of that promise.", speaker=None)]
    far = quote(b, "of that promise", speaker=None, nth=1)  # the same words far from the quote
    quotes = line_up_quotes([a, b], [*spans, far])
    pledge = next(q for q in quotes if q.text == PLEDGE)
    assert pledge.carried_by[1].parts == (
        Span(spans[1].start, spans[1].end),
        Span(spans[2].start, spans[2].end),
    )
    assert pledge.flags == ()
    assert len(quotes) == 2  # the far copy stays a quote of its own


def test_a_description_is_not_sent_to_the_name_mapper() -> None:
    words = "A jury of his peers has found him guilty and we respect the verdict of the court."
    a = article("a", f'The Farrowby Party spokesperson said: "{words}"')
    asked: list[str] = []

    def canonical(name: str) -> str | None:
        asked.append(name)
        return "Farrowby Party"

    q = only(line_up_quotes([a], [quote(a, words, speaker="The Farrowby Party spokesperson")], canonical))
    assert q.speaker == "The Farrowby Party spokesperson" and asked == []


def test_an_age_in_apposition_is_not_shown_as_the_speakers_role() -> None:
    """Regression: "Tomas Brennan, 53, ..." once gave the quote the role "53"."""
    text = 'Ellen Marsh, 61, said: "The bridge was closed far too late for anyone to act." She left.'
    art = Article(id="a", text=text, outlet="A")
    start = text.index("The bridge")
    end = text.index('act."') + 4
    span = QuoteSpan(article="a", start=start, end=end, text=text[start:end], speaker="Ellen Marsh", role="61")
    (quote,) = line_up_quotes([art], [span])
    assert quote.speaker == "Ellen Marsh"
    assert quote.role is None


# --- split carriers join only what the outlet wrote as one quotation -------------------------------

VERDICT = "I am shocked and saddened by this decision. It is a grave error of judgement by the panel."


def test_pieces_written_in_the_other_order_in_two_paragraphs_are_not_joined() -> None:
    # Outlet b quotes the end of the statement first and its start a paragraph later: joined in
    # the order of the full statement, they would read "shocked and saddened … grave error of
    # judgement", a wording b never printed.
    a = article("a", f'The chair said: "{VERDICT}"')
    b = article(
        "b",
        'The chair called the ruling "a grave error of judgement by the panel".\n\n'
        'Speaking later, she said she was "shocked and saddened by this decision".',
    )
    spans = [
        quote(a, VERDICT),
        quote(b, "a grave error of judgement by the panel", kind="partial"),
        quote(b, "shocked and saddened by this decision", kind="partial"),
    ]
    q = only(line_up_quotes([a, b], spans))
    carrier = next(c for c in q.carried_by if c.article == "b")
    assert carrier.parts == ()
    assert carrier.text == "a grave error of judgement by the panel"  # the longer piece
    assert EXCERPT in q.flags


def test_partial_pieces_in_order_but_in_two_sentences_of_the_writer_are_not_joined() -> None:
    a = article("a", f'The chair said: "{VERDICT}"')
    b = article(
        "b",
        'The chair was "shocked and saddened". The panel met again on Friday and she called it "a grave error".',
    )
    spans = [
        quote(a, VERDICT),
        quote(b, "shocked and saddened", kind="partial"),
        quote(b, "a grave error", kind="partial"),
    ]
    quotes = line_up_quotes([a, b], spans)
    carriers = [c for q in quotes for c in q.carried_by if c.article == "b"]
    assert all(c.parts == () for c in carriers)
    assert "…" not in " ".join(c.text for c in carriers)


def test_a_quotation_split_around_its_attribution_over_a_sentence_end_is_joined() -> None:
    first, second = "I am shocked and saddened by this decision.", "It is a grave error of judgement by the panel."
    a = article("a", f'The chair said: "{VERDICT}"')
    b = article("b", f'"{first}" The chair added: "{second}"')
    spans = [quote(a, VERDICT), quote(b, first), quote(b, second)]
    q = only(line_up_quotes([a, b], spans))
    carrier = next(c for c in q.carried_by if c.article == "b")
    assert carrier.text == f"{first} {second}"
    assert len(carrier.parts) == 2


def test_joins_reads_what_stands_between_two_pieces() -> None:
    from newsfuse.brief.quotes import joins

    def pieces(text: str, left: str, right: str, kinds: tuple[str, str] = ("full", "full")) -> bool:
        a = article("x", text)
        return joins(text, quote(a, left, kind=kinds[0]), quote(a, right, kind=kinds[1]))

    assert pieces('"We will not," she said, "close it."', "We will not", "close it.")
    assert pieces('"We will not," she said. "It stays open."', "We will not", "It stays open.")
    assert pieces('"We will not close it.\n\n"It stays open."', "We will not close it.", "It stays open.")
    assert not pieces('"We will not," she said. "It stays open."', "It stays open.", "We will not")
    assert not pieces('"We will not," she said.\n\nLater: "It stays open."', "We will not", "It stays open.")
    assert not pieces('"We will not," she said, and "never" and "close it"', "We will not", "close it")
    assert not pieces(
        'She was "shocked". Later she said it was "a grave error".',
        "shocked",
        "a grave error",
        ("partial", "partial"),
    )


def test_seeds_no_split_carrier_joins_pieces_out_of_order_or_across_paragraphs(seeds: Path) -> None:
    articles, quotes = seed_lineup(seeds)
    texts = {a.id: a.text for a in articles}
    split = [c for q in quotes for c in q.carried_by if c.parts]
    for c in split:
        pieces = [texts[c.article][p.start : p.end] for p in c.parts]
        at = 0
        for piece in pieces:  # the carrier reads the pieces in the order the article has them
            at = c.text.index(piece, at) + len(piece)
        for left, right in itertools.pairwise(c.parts):
            assert "\n" not in texts[c.article][left.end : right.start], c.text
    wordings = [c.text for q in quotes for c in q.carried_by]
    assert not any("appalled and distraught … dreadful miscarriage" in w for w in wordings)


def test_a_contraction_spelled_out_is_listed_but_no_misquote() -> None:
    full = "I am sorry that we did not see the flood coming, and we will not let it happen again."
    short = "I'm sorry that we did not see the flood coming, and we will not let it happen again."
    changed = "I'm sorry that we did not see the storm coming, and we will not let it happen again."
    a, b, c = article("a", f'"{full}"'), article("b", f'"{short}"'), article("c", f'"{changed}"')
    q = only(line_up_quotes([a, b], [quote(a, full), quote(b, short)]))
    assert POSSIBLE_MISQUOTE not in q.flags
    assert [(d.here, d.fullest) for c in q.carried_by for d in c.diff] == [("I'm", "I am")]
    q = only(line_up_quotes([a, c], [quote(a, full), quote(c, changed)]))
    assert POSSIBLE_MISQUOTE in q.flags  # "storm" for "flood" is a changed word


def test_same_words_reads_contractions_both_ways() -> None:
    assert same_words("I’m", "I am") and same_words("do not", "don't") and same_words("can't", "cannot")
    assert same_words("it's", "it has") and same_words("we'll", "we shall")
    assert not same_words("lucky", "fortunate") and not same_words("I'm", "I was")
