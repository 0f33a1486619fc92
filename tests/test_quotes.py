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


# --- who a pronoun or a description stands for (newsfuse.analysis.coref) -------------------


def test_he_after_a_woman_speaker_is_the_man_named_since(nlp) -> None:
    # regression: "he" took the last speaker (a woman) instead of the man named after her
    text = (
        "“The mill roof came down in minutes,” Greta Lund, who chairs the parish council, said.\n\n"
        "The fire was spotted by the night watchman, Anton Rusk, 61, who called the brigade.\n\n"
        "“I saw the smoke from the yard and ran for the phone,” he said."
    )
    q = by_text(quotes(nlp, text), "I saw the smoke")
    assert q.speaker_mention is not None and q.speaker_mention.text == "he"
    assert q.speaker == "Anton Rusk"
    first = by_text(quotes(nlp, text), "The mill roof")
    assert first.speaker == "Greta Lund"


def test_she_takes_the_woman_not_the_man_spoken_last(nlp) -> None:
    text = (
        "Ms Ilse Moran, the head teacher, met parents on Monday.\n\n"
        "“We will reopen the hall next week,” caretaker Bruno Hale said.\n\n"
        "Asked about the cost, she said: “The county has promised to pay for the repairs.”"
    )
    q = by_text(quotes(nlp, text), "The county has promised")
    assert q.speaker == "Ilse Moran"


def test_gender_learned_from_the_articles_own_pronouns(nlp) -> None:
    # "Robin" is given to men and women alike: the article's "she" decides
    text = (
        "Robin Tarrant opened the new clinic on Friday. She has led the health board since 2019.\n\n"
        "“Waiting lists will fall,” said Dr Felix Aumont, the senior surgeon.\n\n"
        "“This building was ten years in the making,” she said."
    )
    q = by_text(quotes(nlp, text), "This building was")
    assert q.speaker == "Robin Tarrant"


def test_an_organisation_never_becomes_she(nlp) -> None:
    text = (
        "Ms Delia Crane quit the committee after the vote.\n\n"
        "In a post on Twitter she wrote: “I could not stay on after what was said tonight.”\n\n"
        "Marlow Water, which runs the reservoir, said the level was safe. "
        "“Nobody is at risk,” she added."
    )
    found = quotes(nlp, text)
    assert by_text(found, "I could not stay").speaker == "Delia Crane"
    assert by_text(found, "Nobody is at risk").speaker == "Delia Crane"


def test_description_resolved_to_the_person_with_that_role(nlp) -> None:
    text = (
        "Harbour board chairman Ivo Marsh said the quay would be rebuilt.\n\n"
        "Fishermen were angry about the delay.\n\n"
        "“We cannot rush a job like this,” the chairman said."
    )
    q = by_text(quotes(nlp, text), "We cannot rush")
    assert q.speaker_mention is not None and q.speaker_mention.text == "the chairman"
    assert q.speaker == "Ivo Marsh"
    assert q.role == "the chairman"


def test_age_description(nlp) -> None:
    text = (
        "The boat was found by Pieter Haas, 47, a diver from the town.\n\n"
        "“It was lying on its side in six metres of water,” the 47-year-old said."
    )
    q = by_text(quotes(nlp, text), "It was lying")
    assert q.speaker == "Pieter Haas"


def test_it_speaks_for_a_document(nlp) -> None:
    text = (
        "A report by the river trust said: “The weir must be repaired before the winter.”\n\n"
        "“Delay will put the lower town at risk,” it added."
    )
    q = by_text(quotes(nlp, text), "Delay will put")
    assert q.speaker_mention is not None and q.speaker_mention.text == "it"
    assert q.speaker is not None and q.speaker.startswith("A report")


def test_outermost_verb_of_saying(nlp) -> None:
    text = "Councillor Ruth Abara said residents were calling the plan “a slap in the face for the east end”."
    q = by_text(quotes(nlp, text), "a slap in the face")
    assert q.speaker == "Ruth Abara"


def test_coordinated_verbs_of_saying_keep_their_own_speakers(nlp) -> None:
    text = (
        "Opposition leader Carl Benn called the budget “a missed chance”, while the finance chief, "
        "Nora Salo, called it “the best we could do in a hard year”."
    )
    found = quotes(nlp, text)
    assert by_text(found, "a missed chance").speaker == "Carl Benn"
    assert by_text(found, "the best we could do").speaker == "Nora Salo"


def test_according_to_after_the_quote(nlp) -> None:
    text = "“We will not close the depot,” the minister said on Tuesday, according to the Valley Courier."
    q = by_text(quotes(nlp, text), "We will not close")
    assert q.speaker == "the Valley Courier"


def test_unattributed_paragraph_hands_over_to_the_next(nlp) -> None:
    text = (
        "The count ended just after midnight.\n\n"
        "“This is the best result the town has had in a decade,”\n\n"
        "“Now the hard work starts,” Mayor Joan Petrie said."
    )
    found = quotes(nlp, text)
    first = by_text(found, "This is the best result")
    assert first.speaker == "Joan Petrie"
    assert first.speaker_mention == by_text(found, "Now the hard work").speaker_mention


def test_short_clause_with_any_verb_after_a_quote(nlp) -> None:
    text = "“If they were serious, they would have called us first,” Senator Lale Oduya fumed on Tuesday."
    q = by_text(quotes(nlp, text), "If they were serious")
    assert q.speaker == "Lale Oduya"


def test_people_of_an_article(nlp) -> None:
    from newsfuse.analysis.coref import People

    doc = nlp(
        "Ms Tova Lind, the harbour master, met Mr Abel Okoro. Okoro said he was pleased. "
        "Westhallow Water, which owns the dam, said nothing."
    )
    people = People(doc)
    lind = people.person("Tova Lind")
    assert lind is not None and lind.gender == "f" and "harbour" in lind.roles and "master" in lind.roles
    assert people.gender("Mr Okoro") == "m"
    assert people.person("Westhallow Water") is None


def test_harbour_gazette_example(nlp) -> None:
    path = Path(__file__).resolve().parents[1] / "examples" / "story" / "harbour_gazette.txt"
    article = Article(id="harbour_gazette", text=path.read_text(encoding="utf-8"), outlet="Harbour Gazette")
    found = extract_quotes(article, nlp(article.text))
    crack = by_text(found, "I heard a crack like a gunshot")
    assert crack.speaker == "Tomas Brennan"  # not Katherine Doyle, the speaker before him
    assert by_text(found, "The spillway had been patched").speaker == "Tomas Brennan"
    assert by_text(found, "We have been lucky").speaker == "Katherine Doyle"


def test_seed_pronouns_and_descriptions(seeds: Path, nlp) -> None:
    a000 = _seed(seeds, "000")
    q000 = extract_quotes(a000, nlp(a000.text))
    tory = by_text(q000, "A Tory MP defending")
    assert tory.speaker_mention is not None and tory.speaker_mention.text == "she"
    assert tory.speaker is not None and tory.speaker.endswith("Osborne")  # not "Twitter"

    a002 = _seed(seeds, "002")
    q002 = extract_quotes(a002, nlp(a002.text))
    assert by_text(q002, "I sat through some of the trial").speaker == "Crispin Blunt"
    assert by_text(q002, "I am utterly appalled").speaker == "Crispin Blunt"
    disgraceful = by_text(q002, "disgraceful")  # "..., while the Labour chair, Anneliese Dodds, called"
    assert disgraceful.speaker == "Anneliese Dodds" and disgraceful.role == "the Labour chair"

    a003 = _seed(seeds, "003")
    q003 = extract_quotes(a003, nlp(a003.text))
    retract = by_text(q003, "On reflection I have decided")
    assert retract.speaker_mention is not None and retract.speaker_mention.text == "the disgraced MP"
    assert retract.speaker == "Crispin Blunt"
