"""People, organisations and places: found in one article, merged across outlets."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from newsfuse.analysis.entities import extract_entities, strip_name
from newsfuse.analysis.facts import extract_facts
from newsfuse.analysis.nlp import load_nlp
from newsfuse.brief.compare import compare
from newsfuse.brief.entities import canonical_name, merge_entities, same_person
from newsfuse.model import Article, Ref, Span, SpanKind

# A fictional story told by two outlets, written for these tests.
HERALD = Article(
    id="herald",
    outlet="Valley Herald",
    text=(
        "Daniel Okafor, the MP for Kelmarsh, has resigned from the Transport Committee.\n\n"
        "Mr Okafor said the committee had ignored Kelmarsh for years. Okafor's letter was "
        "published by the Valley Herald on its website.\n\n"
        "Mohammad Idris Rahman, who chairs the committee, thanked him.\n\n"
        "Share this story: https://example.org/okafor @valleyherald"
    ),
)
COURIER = Article(
    id="courier",
    outlet="Kelmarsh Courier",
    text=(
        "The Kelmarsh MP quit the Transport Committee on Tuesday, saying Mr Okafor's "
        "constituents had been ignored.\n\n"
        "Committee chairman Mohammed Idris Rahman said he was sorry to see Okafor go.\n\n"
        "Dr Priya Nandakumar, a transport researcher, said 'the town deserves better'."
    ),
)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def story(nlp):
    articles = [HERALD, COURIER]
    mentions = {a.id: extract_entities(a, nlp(a.text)) for a in articles}
    return articles, mentions, merge_entities(articles, mentions)


def _by_name(entities, name):
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [e.name for e in entities]
    return found[0]


def test_strip_name_cuts_titles_and_possessives():
    assert strip_name("Mr Blunt's") == "Blunt"
    assert strip_name("Dr Priya Nandakumar") == "Priya Nandakumar"
    assert strip_name("Former justice minister Mr Blunt") == "Blunt"
    assert strip_name("Crispin Blunt MP") == "Crispin Blunt"


def test_mentions_are_exact_spans_without_titles_or_possessives(story):
    articles, mentions, _ = story
    for article in articles:
        for mention, kind in mentions[article.id]:
            assert article.text[mention.start : mention.end] == mention.text
            assert kind in ("person", "organisation", "place")
            assert not mention.text.endswith(("'s", "’s"))  # noqa: RUF001
            assert mention.text.split()[0] not in ("Mr", "Mrs", "Ms", "Dr", "Sir")
    texts = [m.text for m, _ in mentions["herald"]]
    assert "Okafor" in texts  # from "Okafor's"


def test_junk_is_not_an_entity(story):
    _, mentions, _ = story
    texts = [m.text for m, _ in mentions["herald"]]
    assert not any("http" in t or "@" in t or "example" in t for t in texts)


def test_seat_after_mp_for_is_a_place(story):
    _, mentions, _ = story
    kinds = {(m.text, k) for ms in mentions.values() for m, k in ms}
    assert ("Kelmarsh", "place") in kinds
    assert ("Kelmarsh", "person") not in kinds
    assert ("Kelmarsh", "organisation") not in kinds


def test_mr_x_x_and_full_name_merge_to_the_longest_form(story):
    _, _, entities = story
    okafor = _by_name(entities, "Daniel Okafor")
    assert okafor.kind == "person"
    assert set(okafor.outlets) == {"Valley Herald", "Kelmarsh Courier"}
    forms = {m.text for m in okafor.mentions}
    assert {"Daniel Okafor", "Okafor"} <= forms
    assert not [e for e in entities if e.name in ("Okafor", "Mr Okafor")]


def test_spelling_variant_is_merged_and_recorded(story):
    articles, _, entities = story
    rahman = [e for e in entities if e.kind == "person" and e.name.endswith("Idris Rahman")]
    assert len(rahman) == 1
    spellings = {rahman[0].name, *rahman[0].variants}
    assert spellings == {"Mohammad Idris Rahman", "Mohammed Idris Rahman"}
    _, disagreements = compare(articles, entities, {})
    spelling = [d for d in disagreements if d.kind == "spelling"]
    assert len(spelling) == 1
    values = dict(spelling[0].values)
    assert {m.outlet for m in values["Mohammad Idris Rahman"]} == {"Valley Herald"}
    assert {m.outlet for m in values["Mohammed Idris Rahman"]} == {"Kelmarsh Courier"}


def test_canonical_name_maps_partial_names(story):
    _, _, entities = story
    assert canonical_name("Mr Okafor", entities) == "Daniel Okafor"
    assert canonical_name("Okafor's", entities) == "Daniel Okafor"
    assert canonical_name("Mohammed Idris Rahman", entities).endswith("Idris Rahman")
    assert canonical_name("a committee spokesperson", entities) is None
    assert canonical_name("Mr Smith", entities) is None


def test_same_person_needs_the_same_surname_and_fitting_given_names():
    assert same_person("Mr Blunt", "Crispin Blunt")
    assert same_person("Imran Ahmad Khan", "Imran Ahmed Khan")
    assert not same_person("Sadiq Khan", "Imran Khan")
    assert not same_person("Crispin Blunt", "Crispin Bland")
    assert not same_person("Ann Blunt", "Crispin Blount")


def test_the_same_given_names_and_a_surname_spelled_another_way_are_one_person():
    # a surname may differ only when the given names are the very same
    assert same_person("Fiona McRae", "Fiona MacRae")
    assert same_person("Reuben Prieston", "Reuben Preiston")
    assert not same_person("Fiona McRae", "Morag MacRae")


def test_a_surname_variant_is_a_spelling_disagreement(nlp):
    one = Article(
        id="one", outlet="One", text="Fiona McRae, the union organiser, said crews were angry. McRae called a vote."
    )
    two = Article(id="two", outlet="Two", text="Fiona MacRae, its organiser, said the strike would go on.")
    articles = [one, two]
    mentions = {a.id: extract_entities(a, nlp(a.text)) for a in articles}
    entities = merge_entities(articles, mentions)
    assert len([e for e in entities if e.kind == "person"]) == 1
    _, disagreements = compare(articles, entities, {})
    spelling = [d for d in disagreements if d.kind == "spelling"]
    assert [sorted(v for v, _ in d.values) for d in spelling] == [["Fiona MacRae", "Fiona McRae"]]


def test_entities_in_boilerplate_are_skipped(nlp):
    text = "Anna Berg won the race in Oslo.\n\nPhoto: Lars Moe for the Nordic Times"
    start = text.index("Photo")
    article = Article(id="b", outlet="x", text=text, boilerplate=(Span(start, len(text)),))
    names = [m.text for m, _ in extract_entities(article, nlp(text))]
    assert "Anna Berg" in names
    assert not any(m.start >= start for m, _ in extract_entities(article, nlp(text)))


# --- the seeds: five outlets on one real story ------------------------------------------

_DATE_LINE = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s*")


def load_seeds(folder: Path) -> list[Article]:
    """The seed articles, through newsfuse.ingest when it is there."""
    paths = sorted(folder.glob("*.txt"))
    try:
        from newsfuse.ingest import load
    except ImportError:
        load = None
    if load is not None:
        return list(load([str(p) for p in paths]).articles)
    articles = []
    for p in paths:
        text = _DATE_LINE.sub("", p.read_text(encoding="utf-8"), count=1)
        articles.append(Article(id=p.stem, outlet=p.stem, text=text))
    return articles


@functools.lru_cache(maxsize=1)
def _seed_story(folder: Path):
    nlp = load_nlp()
    articles = load_seeds(folder)
    docs = {a.id: nlp(a.text) for a in articles}
    mentions = {a.id: extract_entities(a, docs[a.id]) for a in articles}
    return articles, docs, mentions, merge_entities(articles, mentions)


@pytest.fixture
def seed_story(seeds):
    """Parsed once per test run (the ``seeds`` fixture skips without the shared folder)."""
    return _seed_story(seeds)


def test_seeds_crispin_blunt_is_one_person_named_by_all_outlets(seed_story):
    articles, _, _, entities = seed_story
    blunt = [e for e in entities if "blunt" in e.name.lower()]
    assert [e.name for e in blunt] == ["Crispin Blunt"]
    assert blunt[0].kind == "person"
    assert set(blunt[0].outlets) == {a.outlet for a in articles}
    assert len(blunt[0].outlets) == 5


def test_seeds_khan_is_one_person_with_a_spelling_variant(seed_story):
    articles, docs, _, entities = seed_story
    khans = [e for e in entities if e.name.lower().endswith("khan")]
    assert len(khans) == 1
    khan = khans[0]
    assert khan.kind == "person"
    assert {khan.name, *khan.variants} == {"Imran Ahmad Khan", "Imran Ahmed Khan"}
    facts = {a.id: extract_facts(a, docs[a.id]) for a in articles}
    _, disagreements = compare(articles, entities, facts)
    spelling = [d for d in disagreements if d.kind == "spelling"]
    assert [d.subject for d in spelling] == [khan.name]
    assert {v for v, _ in spelling[0].values} == {"Imran Ahmad Khan", "Imran Ahmed Khan"}


def test_seeds_khan_is_never_a_place(seed_story):
    _, _, mentions, entities = seed_story
    for ms in mentions.values():
        assert not [m for m, k in ms if "Khan" in m.text and k != "person"]
    assert not [e for e in entities if e.kind != "person" and "khan" in e.name.lower()]


def test_seeds_reigate_is_a_place(seed_story):
    _, _, _, entities = seed_story
    reigate = [e for e in entities if e.name == "Reigate"]
    assert reigate and reigate[0].kind == "place"


# --- kinds from the shape of a name, people the model tags NORP, given-name variants --------

FLOOD = Article(
    id="flood",
    outlet="Dale Times",
    text=(
        "A flood warning is in place for the River Tamsett after the Ashby Dam overflowed.\n\n"
        "Ashcombe Water, which owns the dam, said engineers were on site. According to Ashcombe "
        "Fire and Rescue, homes on Barley Lane were flooded.\n\n"
        "Reservoir keeper Owen Tilly said the water rose fast. The council chair, Rosalind "
        "Pembury, said the town needed answers."
    ),
)


@pytest.fixture(scope="module")
def flood_mentions(nlp):
    return {m.text: k for m, k in extract_entities(FLOOD, nlp(FLOOD.text))}


def test_river_dam_and_lane_are_places(flood_mentions):
    assert flood_mentions.get("River Tamsett") == "place"
    assert flood_mentions.get("Ashby Dam") == "place"
    assert flood_mentions.get("Barley Lane") == "place"


def test_a_company_named_water_or_fire_and_rescue_is_an_organisation(flood_mentions):
    assert flood_mentions.get("Ashcombe Water") == "organisation"
    # one organisation, not "Ashcombe Fire" (a person) and "Rescue"
    assert flood_mentions.get("Ashcombe Fire and Rescue") == "organisation"
    assert "Ashcombe Fire" not in flood_mentions and "Rescue" not in flood_mentions


def test_a_common_noun_opening_a_sentence_is_not_an_entity(flood_mentions):
    assert "Reservoir" not in flood_mentions
    assert flood_mentions.get("Owen Tilly") == "person"


def test_a_name_set_off_after_a_role_is_a_person(flood_mentions):
    assert flood_mentions.get("Rosalind Pembury") == "person"


def test_seeds_anneliese_dodds_is_a_person(seed_story):
    _, _, _, entities = seed_story
    dodds = [e for e in entities if e.name == "Anneliese Dodds"]
    assert [e.kind for e in dodds] == ["person"]


def test_katherine_and_kathryn_are_one_person_spelled_two_ways():
    assert same_person("Katherine Doyle", "Kathryn Doyle")
    assert same_person("Stephen Marsh", "Steven Marsh")
    assert not same_person("Katherine Doyle", "Kathleen Doyle")
    assert not same_person("Paul Reyes", "Paula Reyes")
    assert same_person("Cheryl Jackson", "Cheryle Jackson")


def test_a_spelling_disagreement_cites_each_outlet_once(nlp):
    one = Article(
        id="one",
        outlet="One",
        text="Katherine Doyle, the mayor, opened the bridge. Later Katherine Doyle thanked the crews.",
    )
    two = Article(id="two", outlet="Two", text="Kathryn Doyle, the mayor, opened the bridge on Friday.")
    three = Article(id="three", outlet="Three", text="The mayor, Katherine Doyle, cut the ribbon.")
    articles = [one, two, three]
    mentions = {a.id: extract_entities(a, nlp(a.text)) for a in articles}
    entities = merge_entities(articles, mentions)
    _, disagreements = compare(articles, entities, {})
    spelling = [d for d in disagreements if d.kind == "spelling"]
    assert len(spelling) == 1
    values = dict(spelling[0].values)
    assert [m.outlet for m in values["Katherine Doyle"]] == ["One", "Three"]
    assert values["Katherine Doyle"][0].text.startswith("Katherine Doyle, the mayor, opened")
    assert [m.outlet for m in values["Kathryn Doyle"]] == ["Two"]


def test_a_nickname_in_quotes_is_not_a_spelling_variant(nlp):
    one = Article(id="one", outlet="One", text="Former aide Lewis “Scooter” Pardell was pardoned on Friday.")
    two = Article(id="two", outlet="Two", text="The president pardoned Scooter Pardell on Friday.")
    articles = [one, two]
    mentions = {a.id: extract_entities(a, nlp(a.text)) for a in articles}
    entities = merge_entities(articles, mentions)
    _, disagreements = compare(articles, entities, {})
    assert not [d for d in disagreements if d.kind == "spelling"]


def _merged(nlp, *texts):
    articles = [Article(id=f"a{i}", outlet=f"Outlet {i}", text=t) for i, t in enumerate(texts)]
    mentions = {a.id: extract_entities(a, nlp(a.text)) for a in articles}
    entities = merge_entities(articles, mentions)
    _, disagreements = compare(articles, entities, {})
    return entities, disagreements


def test_a_short_form_of_a_given_name_is_the_same_person_but_not_a_spelling(nlp):
    entities, disagreements = _merged(
        nlp,
        "Senator Richard Hallam said the bill would pass.",
        "Dick Hallam, the senator, said the bill would pass.",
        "Steve Orlov, a geologist, measured the quake. Richard Hallam agreed.",
        "Steven Orlov said the quake was shallow.",
    )
    people = sorted(e.name for e in entities if e.kind == "person")
    assert len(people) == 2, people
    assert not [d for d in disagreements if d.kind == "spelling"]


def test_a_headline_run_on_after_a_known_name_is_that_person(nlp):
    entities, _ = _merged(
        nlp,
        "Glenn Hollis Rips Into Council Plans\n\nGlenn Hollis, the radio host, attacked the plan.",
        "Glenn Hollis said the plan was a waste.",
    )
    hollis = [e for e in entities if e.kind == "person" and "hollis" in e.name.lower()]
    assert [e.name for e in hollis] == ["Glenn Hollis"]


def _org_mentions(article: Article, names: list[str]) -> list[tuple[Ref, str]]:
    out = []
    for name in names:
        start = article.text.index(name)
        ref = Ref(article.id, start, start + len(name), name, SpanKind.MENTION, "organisation")
        out.append((ref, "organisation"))
    return out


def test_the_tail_of_an_organisations_name_tagged_alone_is_that_organisation():
    long_name = "Select Committee on Coastal Defence"
    a = Article(id="a", outlet="Tidewater Times", text=f"The {long_name} met on Monday in Port Aske.")
    b = Article(id="b", outlet="Skerra Post", text="The MPs on Coastal Defence said the sea wall must be rebuilt.")
    c = Article(id="c", outlet="Skerra Post", text="The Department of Health and the Bank of Port Aske replied.")
    mentions = {
        "a": _org_mentions(a, [long_name]),
        "b": _org_mentions(b, ["Coastal Defence"]),
        "c": _org_mentions(c, ["Department of Health", "Bank of Port Aske"]),
    }
    entities = merge_entities([a, b, c], mentions)
    names = sorted(e.name for e in entities)
    assert names == ["Bank of Port Aske", "Department of Health", long_name], names
    committee = _by_name(entities, long_name)
    assert set(committee.outlets) == {"Tidewater Times", "Skerra Post"}
