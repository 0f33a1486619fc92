"""extract_quotes: quotation marks, speakers, roles and pronouns on small texts written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.analysis.nlp import load_nlp
from newsfuse.analysis.quote_marks import find_quoted
from newsfuse.analysis.quotes import extract_quotes
from newsfuse.errors import MalformedInput
from newsfuse.model import Article, QuoteSpan


@pytest.fixture(scope="module")
def nlp():  # noqa: ANN201 - a spaCy Language
    return load_nlp()


def quotes(nlp, text: str) -> list[QuoteSpan]:  # noqa: ANN001
    article = Article(id="a1", text=text, outlet="Test Post")
    found = extract_quotes(article, nlp(text))
    for q in found:  # every span is exact
        assert text[q.start : q.end] == q.text
        if q.speaker_mention is not None:
            m = q.speaker_mention
            assert text[m.start : m.end] == m.text
    return found


def by_text(found: list[QuoteSpan], start: str) -> QuoteSpan:
    hits = [q for q in found if q.text.startswith(start)]
    assert hits, f"no quote starting {start!r} in {[q.text for q in found]}"
    return hits[0]


def test_split_quote_shares_one_attribution(nlp) -> None:
    text = (
        "Harbour master Lena Okafor spoke at the quay on Friday.\n\n"
        "“The tide came in faster than any chart had warned us,” Ms Okafor said. "
        "“We moved the boats before midnight.”"
    )
    found = quotes(nlp, text)
    first = by_text(found, "The tide came in")
    second = by_text(found, "We moved the boats")
    assert first.text.endswith("warned us")  # the comma that hands over is left out
    assert first.speaker == second.speaker == "Ms Okafor"
    assert first.speaker_mention == second.speaker_mention
    assert first.kind == second.kind == "full"


def test_multi_paragraph_quote(nlp) -> None:
    text = (
        "The mayor, Tomas Varga, read a statement outside the town hall.\n\n"
        "Mr Varga said: “We have heard the residents of the east bank. The new bridge will be built.\n\n"
        "“Work starts in the spring and the old ferry keeps running until then.”"
    )
    found = quotes(nlp, text)
    assert len(found) == 2
    a, b = found
    assert a.text.startswith("We have heard") and a.text.endswith("will be built.")
    assert b.text.startswith("Work starts") and b.text.endswith("until then.")
    assert a.speaker == b.speaker == "Mr Varga"
    assert a.speaker_mention == b.speaker_mention


def test_pronoun_resolved_to_last_named_speaker(nlp) -> None:
    text = (
        "“The orchard lost half its trees in the frost,” farmer Ada Quist said on Tuesday.\n\n"
        "“We will replant what we can before the summer,” she added."
    )
    found = quotes(nlp, text)
    second = by_text(found, "We will replant")
    assert second.speaker_mention is not None and second.speaker_mention.text == "she"
    assert second.speaker == "Ada Quist"


def test_spokesperson_kept_as_description(nlp) -> None:
    text = "A spokesperson for the Northern Rail Company said: “Services will resume on Monday morning.”"
    q = by_text(quotes(nlp, text), "Services will resume")
    assert q.speaker == "A spokesperson for the Northern Rail Company"
    assert q.role is None


def test_colon_introduced_quote(nlp) -> None:
    text = (
        "Councillor Ben Ashe was asked about the delays.\n\nHe replied: “Nobody is happy about this, least of all me.”"
    )
    q = by_text(quotes(nlp, text), "Nobody is happy")
    assert q.speaker_mention is not None and q.speaker_mention.text == "He"
    assert q.speaker == "Ben Ashe"
    assert q.kind == "full"


def test_said_x_inversion(nlp) -> None:
    text = "“This is the wettest March on record,” said meteorologist Priya Lal of the Weather Office."
    q = by_text(quotes(nlp, text), "This is the wettest")
    assert q.speaker == "Priya Lal"
    assert q.role == "meteorologist"


def test_according_to(nlp) -> None:
    text = "According to the harbour authority, “no vessel was damaged during the storm.”"
    q = by_text(quotes(nlp, text), "no vessel was damaged")
    assert q.speaker == "the harbour authority"


def test_role_apposition(nlp) -> None:
    text = "Mara Jensen, the MP for Eastfield, said: “The closure of the clinic is a mistake.”"
    q = by_text(quotes(nlp, text), "The closure of the clinic")
    assert q.speaker == "Mara Jensen"
    assert q.role == "the MP for Eastfield"


def test_role_before_name(nlp) -> None:
    text = "Former transport minister Mr Hale said the plan was “a recipe for gridlock”."
    q = by_text(quotes(nlp, text), "a recipe for gridlock")
    assert q.speaker == "Mr Hale"
    assert q.role == "Former transport minister"
    assert q.kind == "partial"


def test_partial_quote_inside_sentence(nlp) -> None:
    text = "Union leader Sam Orrin described the pay offer as a “slap in the face for every nurse” on Monday."
    q = by_text(quotes(nlp, text), "slap in the face")
    assert q.kind == "partial"
    assert q.speaker == "Sam Orrin"


def test_embedded_tweet_with_signature(nlp) -> None:
    text = (
        "The chef posted her reaction within minutes.\n\n"
        "Thrilled to win the regional prize. Thank you to my whole kitchen team! "
        "pic.twitter.com/abc123XYZ — Hana Mori (@hanamori_chef) May 3, 2023\n\n"
        "The award is given every year."
    )
    q = by_text(quotes(nlp, text), "Thrilled to win")
    assert q.text.endswith("kitchen team!")
    assert q.speaker == "Hana Mori"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Hana Mori"
    assert q.kind == "full"


def test_scare_quotes_are_not_quotations(nlp) -> None:
    text = "The so-called “bridge tax” was dropped after the vote."
    assert quotes(nlp, text) == []


def test_single_curly_quotes_and_apostrophes() -> None:
    text = "Minister’s aide defends ‘reckless and unkind’ remarks in the Smiths’ garden"
    found = find_quoted(text)
    assert [text[q.start : q.end] for q in found] == ["reckless and unkind"]


def test_straight_and_curly_marks_mixed() -> None:
    text = 'She called it “a fair result" and left.'
    assert [text[q.start : q.end] for q in find_quoted(text)] == ["a fair result"]


def test_nyt_double_apostrophe_marks() -> None:
    text = "''We are ready,'' the coach said."
    assert [text[q.start : q.end] for q in find_quoted(text)] == ["We are ready"]


def test_parse_of_another_text_is_refused(nlp) -> None:
    article = Article(id="a1", text="One text.", outlet="x", origin="story.txt")
    with pytest.raises(MalformedInput, match="story.txt"):
        extract_quotes(article, nlp("Another text."))


def test_parses_itself_without_doc() -> None:
    article = Article(id="a1", text="“It works,” Jo Reyes said.", outlet="x")
    [q] = extract_quotes(article)
    assert q.text == "It works" and q.speaker == "Jo Reyes"


def _seed(seeds: Path, prefix: str) -> Article:
    path = next(seeds.glob(prefix + "*.txt"))
    return Article(id=path.stem, text=path.read_text(encoding="utf-8"), outlet=prefix)


def test_seeds(seeds: Path, nlp) -> None:
    a002 = _seed(seeds, "002")
    q002 = extract_quotes(a002, nlp(a002.text))
    hq = by_text(q002, "A jury of Mr Khan")
    assert hq.speaker == "A Conservative HQ spokesperson"

    a003 = _seed(seeds, "003")
    q003 = extract_quotes(a003, nlp(a003.text))
    abhorrent = by_text(q003, "Crispin Blunt’s statement was abhorrent")
    assert abhorrent.speaker == "Keir Starmer"
    continued = by_text(q003, "It was abhorrent for [Crispin Blunt]")
    assert continued.speaker_mention is not None and continued.speaker_mention.text == "he"
    assert continued.speaker == "Keir Starmer"
    headline = a003.text.splitlines()[0]  # single curly marks in the headline
    assert [headline[q.start : q.end] for q in find_quoted(headline)] == ["friend and colleague"]

    a004 = _seed(seeds, "004")
    tweet = by_text(extract_quotes(a004, nlp(a004.text)), "On reflection I have decided")
    assert tweet.speaker == "Crispin Blunt"
    assert "pic.twitter.com" not in tweet.text

    a000 = _seed(seeds, "000")
    q000 = extract_quotes(a000, nlp(a000.text))
    reed = by_text(q000, "should suspend Blunt")
    assert reed.speaker == "Steve Reed" and reed.role == "Shadow justice secretary"
    clear = by_text(q000, "To be clear, I do not condone")  # second paragraph of one quote
    assert clear.speaker == "Mr Blunt"


def test_titles_in_quotation_marks_are_not_quotations(nlp) -> None:
    text = "The author Ola Brandt signed copies of “Rivers of the Northern Coast” at the fair."
    assert quotes(nlp, text) == []
