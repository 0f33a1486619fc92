"""The product's word lists hold general words, not words lifted from the texts we test on.

A list that learns its words from the seed stories, the bundled example or the test fixtures
passes our tests and fails users: a given name seen there, a typo of the seeds ("Mss"), the one
word the example's near-copy changes ("swamping"). Every word of a list in
:mod:`newsfuse.lexicon` that also occurs in those texts must be either known to a kept library
(spaCy's English stop words, nameparser's titles and name parts) or on :data:`GENERAL` below,
with the reason it is general. Adding a word to a list that the tests' texts use means adding
it here too, where a reviewer sees it.
"""

from __future__ import annotations

import calendar
import re
from pathlib import Path

import pytest
from nameparser.config import CONSTANTS as NAMEPARSER
from spacy.lang.en.lex_attrs import _num_words as SPACY_NUMBER_WORDS
from spacy.lang.en.stop_words import STOP_WORDS

from newsfuse import lexicon

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # "don't" is one word, not "don"

#: Words of the lists that the seeds, the example or the fixtures also use, and why each is
#: general knowledge rather than something read off those texts.
GENERAL: dict[str, str] = {
    # the letters of the contracted endings ('m, 's, 're, 've, 'll, 'd): English grammar
    **dict.fromkeys("m s re ve ll d".split(), "a contracted ending of English grammar"),
    # verbs of saying and their forms: any style guide's attribution verbs
    **dict.fromkeys(
        """add added claim comment condemn continue crack echo fire message notes post quote read
        reject reply report said says support testify text thank title told tweet volunteer warn
        issue vote announce answer argue ask blame defend denounce describe explain note order pen
        press question recommend relate remark repeat respond talk term approve""".split(),
        "a verb of saying (or of a vote's result) in general English",
    ),
    # offices, ranks and party labels of UK and US public life
    **dict.fromkeys(
        """chairman justice ministers mps spokesperson campaigner inspector shadow exchequer conservative conservatives
        labour tory independent following according""".split(),
        "an office, a party label or a clause opener of UK/US political copy",
    ),
    # kinds of body and of place that end or open a name
    **dict.fromkeys(
        """association authority club committee company council force fund hospital inquiry ltd
        parliament party service services university water rescue school church court hall house
        park bridge dam falls harbour island lake lane port reservoir river road street
        valley base""".split(),
        "a generic word for a kind of organisation or place (Thames Water, Hoover Dam, Abbey Road)",
    ),
    # topics and platforms every news reader knows
    **dict.fromkeys(
        "coronavirus lgbt government apple breitbart epa facebook reuters twitter".split(),
        "a topic, platform, agency or outlet known from the news at large",
    ),
    # words of the names of wire services (lexicon.WIRE_SERVICES: Wikipedia's list of news agencies)
    **dict.fromkeys(
        "afp dpa efe international media news presse trust wire".split(),
        "a word of a wire service's name, as credits give it ('PA Media', 'Press Trust of India')",
    ),
    # what news copy counts, and how
    **dict.fromkeys(
        """damage damaged evacuated flood flooded hurt injured home homes house household people
        person property die evacuate injure treat""".split(),
        "a general word for what a news count counts",
    ),
    # physical things (lexicon.PHYSICAL_NOUNS, PART_NOUNS: WordNet's physical noun supersenses)
    **dict.fromkeys(
        """blaze boat building bus car concrete door ferry flooding fuel mill pump quarry roof server
        storm tide tree warehouse wave window section""".split(),
        "a common noun for a physical thing or a part of one, in any news prose (WordNet noun.artifact etc.)",
    ),
    # time adverbs and prepositions (lexicon.TIME_OPENERS: adverbials of time in any grammar)
    **dict.fromkeys(
        """ago hours days weeks months years later earlier early late afterwards soon previously recently
        since until during before after next last""".split(),
        "an adverb, preposition or unit of time that opens a time phrase (general English grammar)",
    ),
    # units and parts of the calendar
    **dict.fromkeys(
        "afternoon evening morning night today tonight century day hour month second week year cent feet pound "
        "metre minute decade".split(),
        "a unit of time or measure, or a part of the day",
    ),
    # given names that are the full forms of common English short forms (lexicon.NICKNAMES)
    **dict.fromkeys(
        "alex chris daniel katherine kathryn margaret mohammed sam steve".split(),
        "a common English given name or short form, in the nickname table (general usage)",
    ),
}


def _entries(value: object) -> set[str]:
    """The words of one list: keys and values of a table, members of a set or a tuple."""
    items: list[str] = []
    if isinstance(value, dict):
        for key, val in value.items():
            items.append(key)
            items.extend(val if isinstance(val, frozenset | set | tuple) else [val])
    elif isinstance(value, frozenset | set | tuple):
        items.extend(value)
    return {w for item in items if isinstance(item, str) for w in _WORD.findall(item.lower())}


#: Lists whose every member is checked against a library instead (closed classes).
_CLOSED = {"MONTHS", "WEEKDAYS", "NUMBER_WORDS", "NUMBER_SCALES", "NAME_TITLES", "NAME_SUFFIXES", "NAME_PARTICLES"}

LISTS = {
    name: _entries(getattr(lexicon, name))
    for name in lexicon.__all__
    if not callable(getattr(lexicon, name)) and name not in _CLOSED
}

KNOWN_TO_LIBRARIES = (
    set(STOP_WORDS)
    | set(NAMEPARSER.titles)
    | set(NAMEPARSER.suffix_acronyms)
    | set(NAMEPARSER.suffix_not_acronyms)
    | set(NAMEPARSER.prefixes)
    | set(NAMEPARSER.conjunctions)
)


def _words_of(paths: list[Path]) -> dict[str, str]:
    """Each lower-case word of the files, with one file that uses it."""
    seen: dict[str, str] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for word in _WORD.findall(text.lower()):
            seen.setdefault(word, path.name)
            seen.setdefault(re.sub(r"['’]s$", "", word), path.name)  # "Osborne's" uses "osborne"
    return seen


def _forms(word: str) -> list[str]:
    """The word and its regular inflections ("swamp": "swamps", "swamped", "swamping")."""
    stem = word[:-1] if word.endswith("e") else word
    return [word, word + "s", word + "es", stem + "ed", stem + "ing", word + word[-1:] + "ed", word + word[-1:] + "ing"]


def _lifted(seen: dict[str, str]) -> list[str]:
    found = []
    for name, words in LISTS.items():
        for word in words:
            if word in KNOWN_TO_LIBRARIES or word in GENERAL:
                continue
            used = [form for form in _forms(word) if form in seen]
            if used:
                found.append(f"{name}: {word!r} ({used[0]!r} in {seen[used[0]]})")
    return sorted(found)


def test_no_list_word_from_the_example_or_the_fixtures() -> None:
    # tests/fixtures/pages (34 news pages in four languages, added after these lists) is left out:
    # ordinary news prose uses most list words ("board", "station", "told"), and the lists were
    # written before the pages, so nothing in them can have been taken from there.
    pages = REPO / "tests" / "fixtures" / "pages"
    files = [
        p
        for d in (REPO / "examples", REPO / "tests" / "fixtures")
        for p in d.rglob("*")
        if p.is_file() and pages not in p.parents
    ]
    assert files
    assert _lifted(_words_of(files)) == []


def test_no_list_word_from_the_seeds() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent (the seed stories are shared, not in the repository)")
    assert _lifted(_words_of(sorted(SEEDS.glob("*.txt")))) == []


def test_every_allowed_word_is_in_a_list() -> None:
    used = set().union(*LISTS.values())
    assert sorted(w for w in GENERAL if w not in used) == []


def test_seed_typo_mss_is_not_a_title() -> None:
    # the seeds write "Mss Osborne" for "Ms Osborne": a typo is not a title
    assert "mss" not in lexicon.COURTESY_TITLES
    assert not any("mss" in words for words in LISTS.values())


def test_example_near_copy_word_is_not_a_count_event() -> None:
    # the example's near-copy changes "flooding" to "swamping" to test line-up, not facts
    assert "swamp" not in lexicon.COUNT_EVENTS


def test_titles_are_nameparsers() -> None:
    # our short title lists narrow nameparser's; the exceptions are named here
    assert lexicon.COURTESY_TITLES - lexicon.NAME_TITLES == {"revd"}
    assert lexicon.SPEAKER_TITLES - lexicon.NAME_TITLES == {
        "sen",
        "det",
        "inspector",
        "congressman",
        "congresswoman",
        "councilman",
        "councilwoman",
        "justice",
        "mp",
    }
    particles = lexicon.NAME_CONNECTORS - set("of the and for on in at y & upon".split())
    assert particles <= lexicon.NAME_PARTICLES


def test_calendar_and_number_words_are_the_libraries() -> None:
    with calendar.different_locale("C"):  # type: ignore[arg-type]
        months = {m.lower() for m in (*calendar.month_name, *calendar.month_abbr) if m}
        days = [d.lower() for d in calendar.day_name]
    assert set(lexicon.MONTHS) - months == {"sept"}
    assert list(lexicon.WEEKDAYS) == days
    assert set(lexicon.NUMBER_WORDS) - set(SPACY_NUMBER_WORDS) == {"dozen"}
    assert set(lexicon.NUMBER_SCALES) - set(SPACY_NUMBER_WORDS) == {"m", "bn"}


def test_given_names_come_from_gender_guesser() -> None:
    assert lexicon.given_name_gender("Harold") == "m"
    assert lexicon.given_name_gender("Agnes") == "f"
    assert lexicon.given_name_gender("Robin") is None  # given to both: the article's pronouns decide
    assert lexicon.given_name_gender("The") is None
    assert lexicon.given_name_gender("Mr") is None
    assert lexicon.is_given_name("Harold")
    assert not lexicon.is_given_name("Reservoir")


def test_the_name_table_read_on_demand_is_gender_guessers_own() -> None:
    """Each name's entry (genders, their order and country values) and gender, looked up one
    by one and then from the whole table, equal the library's reading of the whole file."""
    import random

    from gender_guesser.detector import Detector

    full = Detector(case_sensitive=False)
    keys = sorted(full.names)
    rng = random.Random(6)
    joined = [k for k in keys if " " in k or "-" in k]  # from names written with "+" (and hyphens)
    plain = [k for k in keys if k.isascii() and k.isalpha()]
    wanted = rng.sample(joined, 15) + rng.sample(plain, 25) + ["harold", "agnes", "robin", "zzzq", "b", "the"]
    wanted += [k.replace(" ", "").replace("-", "") for k in rng.sample(joined, 10)]  # joined forms
    ours = lexicon._gender_detector.__wrapped__()
    assert len(wanted) <= lexicon.MAX_NAME_LOOKUPS  # these are looked up one by one
    later = rng.sample(plain, 80) + [k for k in keys if not k.isascii()][:20]  # then the whole table
    for names in (wanted, later):
        for name in names:
            assert (name in ours.names) == (name in full.names), name
            if name in full.names:
                assert list(ours.names[name].items()) == list(full.names[name].items()), name
            assert ours.get_gender(name) == full.get_gender(name), name
        assert (ours.names._whole is None) == (names is wanted)  # one by one, then the whole table
