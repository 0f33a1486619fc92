"""Numbers and dates in articles, and where outlets disagree about them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsfuse.analysis.entities import extract_entities
from newsfuse.analysis.facts import extract_facts, parse_number
from newsfuse.analysis.nlp import load_nlp
from newsfuse.brief.compare import compare, compatible
from newsfuse.brief.entities import merge_entities
from newsfuse.model import Article, Span

WEDNESDAY = dt.date(2023, 3, 8)

# A fictional story told by three outlets, written for these tests.
POST = Article(
    id="post",
    outlet="Northern Post",
    date=WEDNESDAY,
    text=(
        "Councillor Margaret Hollis, 52, was charged on Monday with fraud over a housing fund.\n\n"
        "Mrs Hollis denied the charges. The payments were made in January 2019, prosecutors said.\n\n"
        "At least 34 people lost money. A 15-year-old boy first raised the alarm; he is now 19.\n\n"
        "The hearing lasted about three hours."
    ),
)
BEACON = Article(
    id="beacon",
    outlet="Daily Beacon",
    date=WEDNESDAY,
    text=(
        "Margaret Hollis, 53, appeared in court after she was charged on Monday.\n\n"
        "The payments were made in 2019. A total of 41 people lost money, police said.\n\n"
        "She was fined £5,000 for a separate offence last year."
    ),
)
GAZETTE = Article(
    id="gazette",
    outlet="Evening Gazette",
    date=dt.date(2023, 3, 7),  # a Tuesday: its "on Monday" is the same day as the others'
    text="Ms Hollis was charged on Monday. The payments were made in January 2019.",
)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _facts(nlp, article):
    return extract_facts(article, nlp(article.text))


def _story(nlp, articles):
    docs = {a.id: nlp(a.text) for a in articles}
    mentions = {a.id: extract_entities(a, docs[a.id]) for a in articles}
    entities = merge_entities(articles, mentions)
    facts = {a.id: extract_facts(a, docs[a.id]) for a in articles}
    return compare(articles, entities, facts)


def test_parse_number():
    assert parse_number("1,200") == 1200
    assert parse_number("three") == 3
    assert parse_number("twenty-five") == 25
    assert parse_number("5 million") == 5_000_000
    assert parse_number("several") is None


def test_fact_mentions_point_into_the_text(nlp):
    for article in (POST, BEACON, GAZETTE):
        for r in _facts(nlp, article):
            m = r.mention
            assert article.text[m.start : m.end] == m.text
            assert article.text[r.span.start : r.span.end] == m.wording
            assert m.start <= r.span.start and r.span.end <= m.end


def test_age_after_a_name(nlp):
    ages = [r for r in _facts(nlp, POST) if r.kind == "age" and r.mention.value == "52"]
    assert len(ages) == 1
    assert ages[0].subject == "Margaret Hollis"  # the title "Councillor" is not the name
    assert ages[0].subject_is_name


def test_fifteen_year_old_is_an_age_not_a_date(nlp):
    facts = _facts(nlp, POST)
    ages = [r for r in facts if r.kind == "age" and r.mention.value == "15"]
    assert [(r.subject, r.mention.wording) for r in ages] == [("boy", "15-year-old")]
    assert not [r for r in facts if r.kind == "date" and "15" in r.mention.wording]


def test_age_now_is_kept_apart(nlp):
    now = [r for r in _facts(nlp, POST) if r.kind == "age" and r.qualifier == "now"]
    assert [(r.subject, r.mention.value) for r in now] == [("boy", "19")]


def test_on_monday_is_resolved_against_the_article_date(nlp):
    dates = [r for r in _facts(nlp, POST) if r.kind == "date" and r.mention.wording == "on Monday"]
    assert [(r.key, r.mention.value) for r in dates] == [("charge", "2023-03-06")]
    gazette = [r for r in _facts(nlp, GAZETTE) if r.kind == "date" and r.key == "charge"]
    assert [r.mention.value for r in gazette] == ["2023-03-06"]


def test_relative_date_without_article_date_is_kept_unresolved_and_not_compared(nlp):
    # the timeline (issue 9) reads it against the story's date; outlets' facts never compare it
    undated = Article(id="u", outlet="x", text="Ms Hollis was charged on Monday.")
    dates = [r for r in _facts(nlp, undated) if r.kind == "date"]
    assert [(r.mention.value, r.relative, r.mention.wording) for r in dates] == [("", True, "on Monday")]
    other = Article(id="v", outlet="y", text="Ms Hollis was charged on Monday.", date=dt.date(2023, 3, 7))
    facts, disagreements = compare([undated, other], [], {"u": dates, "v": _facts(nlp, other)})
    assert [m.value for f in facts if f.kind == "date" for m in f.mentions] == ["2023-03-06"]
    assert not disagreements


def test_dates_keep_their_precision(nlp):
    values = {r.mention.wording: r.mention.value for r in _facts(nlp, POST) if r.kind == "date"}
    assert values["in January 2019"] == "2019-01"
    values = {r.mention.wording: r.mention.value for r in _facts(nlp, BEACON) if r.kind == "date"}
    assert values["in 2019"] == "2019"


def test_counts_durations_and_amounts(nlp):
    post = _facts(nlp, POST)
    counts = [r for r in post if r.kind == "count"]
    assert [(r.mention.value, r.bound, r.mention.wording) for r in counts] == [("34", "min", "At least 34")]
    assert "people" in counts[0].subject
    durations = [r for r in post if r.kind == "duration"]
    assert [(r.mention.value, r.bound) for r in durations] == [("3 hours", "approx")]
    amounts = [r for r in _facts(nlp, BEACON) if r.kind == "amount"]
    assert [(r.mention.value, r.mention.wording, r.subject) for r in amounts] == [("GBP 5000", "£5,000", "fined")]


def test_reporting_verbs_give_no_date(nlp):
    article = Article(id="r", outlet="x", date=WEDNESDAY, text="The mayor said on Monday that the bridge would reopen.")
    assert not [r for r in _facts(nlp, article) if r.kind == "date"]


def test_no_facts_from_boilerplate(nlp):
    text = "The bridge reopened in May 2021.\n\nREAD MORE: 300 people lost jobs in 2020"
    start = text.index("READ MORE")
    article = Article(id="b", outlet="x", text=text, boilerplate=(Span(start, len(text)),))
    facts = _facts(nlp, article)
    assert facts
    assert all(r.span.end <= start for r in facts)


def test_age_disagreement_is_found_with_both_wordings(nlp):
    facts, disagreements = _story(nlp, [POST, BEACON, GAZETTE])
    ages = [d for d in disagreements if d.kind == "age"]
    assert len(ages) == 1
    assert ages[0].subject == "Margaret Hollis: age"
    values = {v: [(m.outlet, m.wording, m.text) for m in ms] for v, ms in ages[0].values}
    assert set(values) == {"52", "53"}
    assert values["52"][0][:2] == ("Northern Post", "52")
    assert values["53"][0][:2] == ("Daily Beacon", "53")
    assert "Margaret Hollis, 53," in values["53"][0][2]  # the sentence that says it


def test_compatible_dates_are_not_a_disagreement(nlp):
    facts, disagreements = _story(nlp, [POST, BEACON, GAZETTE])
    made = [f for f in facts if f.kind == "date" and f.subject.startswith("made")]
    assert len(made) == 1
    assert {m.value for m in made[0].mentions} == {"2019", "2019-01"}
    assert len({m.outlet for m in made[0].mentions}) == 3
    assert not [d for d in disagreements if d.kind == "date"]


def test_bound_count_fits_or_clashes(nlp):
    _, disagreements = _story(nlp, [POST, BEACON])
    counts = [d for d in disagreements if d.kind == "count"]
    assert counts == []  # "at least 34" and 41 can both be true
    low = Article(id="low", outlet="Low Times", date=WEDNESDAY, text="Only 20 people lost money, police said.")
    _, disagreements = _story(nlp, [POST, low])
    counts = [d for d in disagreements if d.kind == "count"]
    assert len(counts) == 1
    assert {v for v, _ in counts[0].values} == {"at least 34", "20"}


def test_age_then_and_age_now_are_not_a_disagreement(nlp):
    then = Article(id="t", outlet="A", text="He assaulted a 15-year-old boy in 2008.")
    now = Article(id="n", outlet="B", text="He assaulted a boy, who is now 29, in 2008.")
    _, disagreements = _story(nlp, [then, now])
    assert not [d for d in disagreements if d.kind == "age"]


def test_compatible_rules():
    def rec(kind, value, bound=""):
        from newsfuse.analysis.facts import FactRecord
        from newsfuse.model import FactMention

        m = FactMention(article="a", outlet="o", start=0, end=1, text="x", value=value, wording=value)
        return FactRecord(kind=kind, subject="s", key="s", mention=m, span=Span(0, 1), bound=bound)

    assert compatible(rec("date", "2008"), rec("date", "2008-01"))
    assert not compatible(rec("date", "2008-01"), rec("date", "2008-02"))
    assert not compatible(rec("age", "52"), rec("age", "53"))
    assert compatible(rec("count", "3", "min"), rec("count", "4"))
    assert not compatible(rec("count", "3", "min"), rec("count", "2"))
    assert compatible(rec("duration", "5 hours", "approx"), rec("duration", "300 minutes"))
    assert not compatible(rec("duration", "5 hours"), rec("duration", "2 days"))
    assert compatible(rec("amount", "GBP 5000"), rec("amount", "USD 6000"))  # cannot tell


# --- counts written in words, and the same count in other words ---------------------------


def test_number_words_are_read_whole(nlp):
    article = Article(id="w", outlet="x", text="Thirty-four people were injured when the roof fell in.")
    counts = [r for r in _facts(nlp, article) if r.kind == "count"]
    assert [(r.mention.value, r.mention.wording) for r in counts] == [("34", "Thirty-four")]
    assert parse_number("Forty-three") == 43


def test_hurt_injured_and_treated_for_injuries_are_one_count(nlp):
    texts = {
        "a": "Twelve people were hurt when the stand gave way at the ground on Saturday.",
        "b": "The ambulance service said 12 people were injured.",
        "c": "In all, 12 people were treated for injuries, most of them minor.",
        "d": "Twelve persons were wounded.",
    }
    keys = set()
    for aid, text in texts.items():
        counts = [r for r in _facts(nlp, Article(id=aid, outlet=aid, text=text)) if r.kind == "count"]
        assert [r.mention.value for r in counts] == ["12"], text
        keys.add((counts[0].key, counts[0].headline))
    assert keys == {("people injured", True)}


def test_a_toll_is_compared_across_sentences_that_share_little_else(nlp):
    # the outlets' sentences share almost no words but the toll: the toll still clashes
    one = Article(id="one", outlet="One", text="Nineteen people were hurt when the stand collapsed at Brackley Park.")
    two = Article(id="two", outlet="Two", text="The county ambulance trust said 25 people were injured, two seriously.")
    _, disagreements = _story(nlp, [one, two])
    counts = [d for d in disagreements if d.kind == "count"]
    assert [(d.subject, {v for v, _ in d.values}) for d in counts] == [("people injured: count", {"19", "25"})]


def test_a_toll_of_another_named_event_is_not_the_story_toll(nlp):
    one = Article(id="one", outlet="One", text="Six people were killed when the stand collapsed on Saturday.")
    two = Article(
        id="two",
        outlet="Two",
        text="It was the worst disaster since the Brackley Park fire of 1986 that killed 40 people.",
    )
    _, disagreements = _story(nlp, [one, two])
    assert not [d for d in disagreements if d.kind == "count"]


def test_a_toll_in_another_year_is_not_compared(nlp):
    one = Article(id="one", outlet="One", text="Six people were killed when the stand collapsed in 2024.")
    two = Article(id="two", outlet="Two", text="In 2019, nine people were killed when a stand collapsed.")
    _, disagreements = _story(nlp, [one, two])
    assert not [d for d in disagreements if d.kind == "count"]


def test_a_bare_surname_two_people_share_is_not_compared(nlp):
    # a mother and her son share a surname: "Pellow, 41" is not the son's age
    one = Article(
        id="one",
        outlet="One",
        text="Dana Pellow was charged after her son Rory Pellow was hurt. Pellow, 41, denied it.",
    )
    two = Article(
        id="two",
        outlet="Two",
        text="Rory Pellow, 8, was hurt at the house of his mother, Dana Pellow. Rory Pellow is recovering.",
    )
    _, disagreements = _story(nlp, [one, two])
    assert not [d for d in disagreements if d.kind == "age"]


# --- the bundled example story, through the whole brief --------------------------------------

EXAMPLE_STORY = Path(__file__).resolve().parents[1] / "examples" / "story"


@pytest.fixture(scope="module")
def example_brief():
    from newsfuse import brief

    return brief(str(EXAMPLE_STORY))


def _outlets_by_value(disagreement):
    return {v: sorted({m.outlet for m in ms}) for v, ms in disagreement.values}


def test_example_story_has_the_three_documented_disagreements_and_no_other(example_brief):
    found = {(d.kind, d.subject): d for d in example_brief.disagreements}
    assert set(found) == {
        ("count", "people injured: count"),
        ("age", "Tomas Brennan: age"),
        ("spelling", "Katherine Doyle"),
    }, [d.note for d in example_brief.disagreements]
    injured = _outlets_by_value(found[("count", "people injured: count")])
    assert injured == {
        "34": ["Harbour Gazette", "The Northern Ledger", "Westhallow Echo"],
        "43": ["Daily Courier"],
    }
    wordings = {m.wording for _, ms in found[("count", "people injured: count")].values for m in ms}
    assert {"Thirty-four", "Forty-three", "34", "43"} <= wordings
    assert _outlets_by_value(found[("age", "Tomas Brennan: age")]) == {
        "52": ["Harbour Gazette", "The Northern Ledger"],
        "53": ["Westhallow Echo"],
    }
    spelling = found[("spelling", "Katherine Doyle")]
    assert _outlets_by_value(spelling) == {
        "Katherine Doyle": ["Daily Courier", "Harbour Gazette", "The Northern Ledger", "riverside_post"],
        "Kathryn Doyle": ["Westhallow Echo"],
    }
    for _, ms in spelling.values:  # one citation per outlet
        assert len(ms) == len({m.outlet for m in ms})


def test_example_story_entity_kinds(example_brief):
    kinds = {e.name: e.kind for e in example_brief.entities}
    assert kinds["Westhallow Water"] == "organisation"
    assert kinds["Westhallow Fire and Rescue"] == "organisation"
    assert kinds["Rivers and Dams Authority"] == "organisation"
    assert kinds["River Carrow"] == "place"
    assert kinds["Carrow Dam"] == "place"
    assert kinds["Quarry Lane"] == "place"
    assert kinds["Katherine Doyle"] == "person"
    assert "Kathryn Doyle" not in kinds  # a variant of Katherine Doyle, not another person
    assert not {"Rescue", "Westhallow Fire", "Reservoir", "Dams Authority"} & set(kinds)


def test_a_weekday_is_read_from_the_article_date_and_the_tense(nlp):
    monday = dt.date(2026, 3, 9)
    article = Article(
        id="w",
        outlet="x",
        date=monday,
        text=(
            "The stand collapsed early on Monday. The club said it would send a team on Wednesday. "
            "The ground was inspected on Friday."
        ),
    )
    values = {r.key: r.mention.value for r in _facts(nlp, article) if r.kind == "date"}
    assert values["collapse"] == "2026-03-09"  # the paper's own day, not a week before
    assert values["send"] == "2026-03-11"  # still to come
    assert values["inspect"] == "2026-03-06"  # the last Friday before


def test_hundred_and_three_is_one_number(nlp):
    article = Article(id="h", outlet="x", text="One hundred and three patients were admitted to the study.")
    counts = [r for r in _facts(nlp, article) if r.kind == "count"]
    assert [(r.mention.value, r.mention.wording) for r in counts] == [("103", "One hundred and three")]
    assert parse_number("two thousand three hundred") == 2300


def test_a_distance_alone_is_not_a_count(nlp):
    article = Article(id="d", outlet="x", text="The debris was found about 200km from the coast.")
    assert not [r for r in _facts(nlp, article) if r.kind == "count"]


def test_two_ages_of_two_unnamed_people_are_not_a_disagreement(nlp):
    one = Article(
        id="one",
        outlet="One",
        text="A 6-year-old boy was pushed into the river by his 19-year-old brother, police said.",
    )
    two = Article(
        id="two", outlet="Two", text="A 19-year-old man pushed his 6-year-old brother into the river, police said."
    )
    _, disagreements = _story(nlp, [one, two])
    assert not [d for d in disagreements if d.kind == "age"]


def test_a_day_and_month_without_a_year_in_an_undated_article_is_no_date(nlp):
    article = Article(id="u", outlet="x", text="The poll was conducted Nov. 14-17 among 1,000 adults.")
    assert not [r for r in _facts(nlp, article) if r.kind == "date"]


def test_an_amount_in_millions_belongs_to_what_it_pays_for(nlp):
    article = Article(id="m", outlet="x", text="The club's request for £2.5m from the sports fund was refused.")
    amounts = [r for r in _facts(nlp, article) if r.kind == "amount"]
    assert [(r.mention.value, r.key) for r in amounts] == [("GBP 2500000", "request")]  # not "m"


def test_the_same_act_by_two_actors_is_not_compared(nlp):
    one = Article(
        id="one", outlet="One", text="Ruritania imposed tariffs in July on $34 billion in goods from Elbonia."
    )
    two = Article(
        id="two", outlet="Two", text="Elbonia hit back at Ruritania by imposing new tariffs on $60bn of its goods."
    )
    _, disagreements = _story(nlp, [one, two])
    assert not [d for d in disagreements if d.kind == "amount"]
    assert [r.key for r in _facts(nlp, one) if r.kind == "amount"] == ["ruritania impose"]


def test_a_vote_result_is_a_share_and_two_results_clash(nlp):
    one = Article(
        id="one", outlet="One", text="The drivers' union said its members had voted by 64% to strike over pay."
    )
    two = Article(id="two", outlet="Two", text="The drivers' union said 46% of members who voted backed the strike.")
    shares = [r for r in _facts(nlp, one) if r.kind == "share"]
    assert [(r.mention.value, r.key) for r in shares] == [("64%", "vote for")]
    _, disagreements = _story(nlp, [one, two])
    assert [{v for v, _ in d.values} for d in disagreements if d.kind == "share"] == [{"64%", "46%"}]


def test_an_opinion_poll_percentage_is_not_a_share(nlp):
    article = Article(
        id="p", outlet="x", text="A broad 71 percent favor delaying the plan, and 10 percent support the mayor."
    )
    assert not [r for r in _facts(nlp, article) if r.kind == "share"]


def test_example_batch_ferry_strike_disagreements():
    from newsfuse import brief_stories

    ferry = next(
        b
        for b in brief_stories(Path(__file__).resolve().parents[1] / "examples" / "stories.jsonl")
        if b.id == "ferry-strike"
    )
    found = {(d.kind, tuple(sorted(v for v, _ in d.values))) for d in ferry.disagreements}
    assert found == {("share", ("78%", "87%")), ("spelling", ("Fiona MacRae", "Fiona McRae"))}


def test_a_caption_line_does_not_swallow_the_next_paragraphs_date(nlp):
    """A photo credit with no full stop ("Photo: Reuters") is no subject of the next paragraph's
    verb: the parser starts a sentence at the paragraph break, so the date of that paragraph stays
    attached to its own verb and is read."""
    article = Article(
        id="caption",
        outlet="Evening Gazette",
        date=WEDNESDAY,
        text=(
            "Ms Hollis left the court on Monday.\n\n"
            "Supporters outside the court on Monday. Photo: Reuters\n\n"
            "In March 2019, an audit by the county found gaps in the accounts of the fund."
        ),
    )
    dates = {f.mention.value: f for f in _facts(nlp, article) if f.kind == "date"}
    assert "2019-03" in dates
    assert dates["2019-03"].subject == "found"


def test_a_hard_wrapped_line_break_starts_no_sentence(nlp):
    """One line break inside a sentence (text wrapped at a fixed width) is no sentence start."""
    doc = nlp("The payments were made in January 2019\nand stopped in May, prosecutors said.")
    assert len(list(doc.sents)) == 1
