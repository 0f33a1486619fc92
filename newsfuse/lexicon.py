"""The word lists newsfuse reads text with, in one place, each with its source and its use.

Two kinds:

- **What kept libraries know**, asked through them: given names and the gender they are
  usually given to (``gender-guesser``: :func:`given_name_gender`, :func:`is_given_name`), and
  titles, suffixes and particles of personal names (``nameparser``'s constants:
  :data:`NAME_SUFFIXES`, :data:`NAME_PARTICLES`). Our own short title lists are subsets of
  ``nameparser``'s titles (``tests/test_lexicon.py`` checks it), narrowed to the use at hand.
- **Our own lists**: general English (verbs of saying, pronouns, months, number words) and
  general knowledge of how news copy names things (roles, parties, organisation and place
  words). None is taken from the seed stories, the bundled example or the tests:
  ``tests/test_lexicon.py`` fails when a list holds a word those texts use that is not on its
  short, documented list of general words.

Every list is lower case. A module that reads one imports it from here; nothing here imports
the rest of newsfuse (layer 0, beside ``model``).
"""

from __future__ import annotations

from functools import cache

from nameparser.config import CONSTANTS as _NAMEPARSER

__all__ = [
    "HEADLINE_STOP_WORDS",
    "COURTESY_TITLES",
    "COURTESY_TITLES_DOTTED",
    "NAME_TITLES",
    "NAME_SUFFIXES",
    "NAME_PARTICLES",
    "NAME_CONNECTORS",
    "POST_NOMINALS",
    "TITLE_ABBREVIATIONS",
    "SPEAKER_TITLES",
    "ROLE_WORDS",
    "MALE_WORDS",
    "FEMALE_WORDS",
    "NICKNAMES",
    "given_name_gender",
    "is_given_name",
    "load",
    "SPEECH_LEMMAS",
    "DOCUMENT_SPEECH_LEMMAS",
    "SPEECH_VERB_FORMS",
    "PARTICLE_SPEECH_VERBS",
    "REPORTING_LEMMAS",
    "KNOWN_ORGS",
    "NOT_ORGS",
    "ORG_HEADS",
    "PLACE_PREFIXES",
    "PLACE_HEADS",
    "NOT_PERSON_HEADS",
    "PARTY_WORDS",
    "MONTHS",
    "WEEKDAYS",
    "RELATIVE_DAYS",
    "DAY_PARTS",
    "TIME_UNIT_SECONDS",
    "NUMBER_WORDS",
    "NUMBER_SCALES",
    "MEASURES",
    "COUNT_EVENTS",
    "COUNT_NOUNS",
    "EVENT_NOUNS",
    "TREAT_VERBS",
    "VOTE_VERBS",
    "BALLOT_WORDS",
    "subjective_adjectives",
    "afinn_valence",
    "word_count",
    "political_labels",
    "NEUTRAL_SPEECH_LEMMAS",
    "DISEASE_WORDS",
    "PHYSICAL_NOUNS",
    "PART_NOUNS",
    "WIRE_SERVICES",
    "BACK_POINTING_OPENERS",
    "CONNECTIVE_OPENERS",
    "CONTRACTIONS",
    "CONTRACTED_ENDINGS",
    "TIME_OPENERS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---------------------------------------------------------------------------------------------
# Names of people: titles, suffixes, particles (nameparser), given names (gender-guesser)
# ---------------------------------------------------------------------------------------------

#: Every title nameparser knows before a personal name (about 800: "mr", "dr", "senator",
#: "bishop", ...), lower case without a full stop. Source: nameparser ``CONSTANTS.titles``.
NAME_TITLES: frozenset[str] = frozenset(_NAMEPARSER.titles)

#: Generational and honorary suffixes after a name ("Jr", "III", "Esq"). Source: nameparser
#: ``CONSTANTS.suffix_not_acronyms``.
NAME_SUFFIXES: frozenset[str] = frozenset(_NAMEPARSER.suffix_not_acronyms)

#: Lower-case particles inside a personal name ("de", "van", "von", "bin", "al-"). Source:
#: nameparser ``CONSTANTS.prefixes``.
NAME_PARTICLES: frozenset[str] = frozenset(_NAMEPARSER.prefixes)

#: Lower-case words that may stand inside a name: English connectives ("University of
#: Dayton", "Ways and Means") and the commonest particles of personal names ("de", "van"; all
#: in nameparser's prefixes, which also holds rarer ones that are English words: "bar", "do").
NAME_CONNECTORS = _words("of the and for on in at y & upon de du la le van von der da di")

#: Courtesy titles before a name, the ones that are never a role ("Mr Blunt", "Dame Jo",
#: "Prof Varga"). A subset of nameparser's titles, but for "revd" (British abbreviation of
#: "Reverend", Church of England and UK press style; not in nameparser 2.6).
COURTESY_TITLES = _words("mr mrs ms miss mx dr sir dame lord lady prof professor rev revd reverend fr")

#: The same as they stand in running text, with and without the full stop (the tokenizer keeps
#: "Mr." whole). Used where a token is matched as written.
COURTESY_TITLES_DOTTED = COURTESY_TITLES | frozenset(w + "." for w in COURTESY_TITLES)

#: Abbreviated titles and the role words they stand for (AP and Guardian style abbreviations).
TITLE_ABBREVIATIONS: dict[str, str] = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "pres": "president",
}

#: Titles of office the entity recogniser often keeps inside a name ("Senator Bernie Sanders",
#: "Chief Inspector X"): they are the speaker's role, not the name. Offices in UK and US
#: public life and the police, fire and armed forces ranks (general knowledge); each is in
#: nameparser's titles but "sen", "det", "inspector", "congressman", "congresswoman",
#: "councilman", "councilwoman", "justice" and "mp".
SPEAKER_TITLES = _words(
    """councillor councilman councilwoman senator sen rep representative gov governor president
    mayor judge justice minister chancellor secretary pastor bishop father officer sergeant sgt
    detective det inspector chief general gen colonel col captain capt commissioner sheriff
    congressman congresswoman ambassador premier prime mp"""
)

#: Post-nominal letters of members of parliaments and of legal rank, and "jr"/"sr", stripped
#: from the end of a name ("Crispin Blunt MP"): UK, Scottish, European and Northern Irish
#: legislatures and King's/Queen's Counsel (general knowledge).
POST_NOMINALS = _words("mp msp mep mla qc kc jr sr")

#: Words that stand at the front of a name but are not part of it: offices, ranks, jobs,
#: party labels and the words that open a clause before a name ("According to Smith",
#: "Following Smith's ..."). General knowledge of English news copy.
ROLE_WORDS = _words(
    """mp mps msp mep meps mla am minister ministers president senator sen rep reps gov governor
    secretary chancellor chairman chairwoman chair judge justice shadow former prime deputy leader
    tory tories labour conservative conservatives democrat democrats republican republicans
    following according after before when while as said says but and then also though although
    because since if once unless whether
    majority minority whip sheriff speaker congressman congresswoman representative presidents senators sens
    governors candidate nominee challenger incumbent spokesman spokeswoman spokesperson
    treasurer councillor director executive ceo chairperson commissioner ambassador lawyer
    barrister solicitor campaigner activist manager coach captain striker author actor actress
    singer star professor doctor dr nurse officer editor columnist correspondent reporter
    general gen col capt sgt detective chief inspector constable pc king queen
    prince princess pope cardinal bishop archbishop mayor cllr attorney"""
)

#: Words before or opening a name that say the person is a man or a woman: courtesy titles,
#: gendered job titles and kin and royal words (general English).
MALE_WORDS = _words(
    """mr mr. sir lord congressman councilman chairman spokesman businessman father son
    brother husband king prince"""
)
FEMALE_WORDS = _words(
    """mrs mrs. ms ms. miss dame lady congresswoman councilwoman chairwoman spokeswoman
    businesswoman mother daughter sister wife queen princess"""
)

#: Short forms of English given names and the full names they stand for ("Dick" /
#: "Richard"), from common English usage (general knowledge; "Bibi" is Benjamin Netanyahu's
#: widely reported nickname). A short form is a way of naming, never a spelling difference.
NICKNAMES: dict[str, frozenset[str]] = {
    short: frozenset(full.split())
    for short, full in {
        "bill": "william",
        "billy": "william",
        "will": "william",
        "bob": "robert",
        "bobby": "robert",
        "rob": "robert",
        "dick": "richard",
        "rick": "richard",
        "rich": "richard",
        "jim": "james",
        "jimmy": "james",
        "mike": "michael",
        "mick": "michael",
        "tom": "thomas",
        "tommy": "thomas",
        "steve": "steven stephen",
        "dave": "david",
        "chuck": "charles",
        "charlie": "charles",
        "liz": "elizabeth",
        "beth": "elizabeth",
        "betsy": "elizabeth",
        "kate": "katherine catherine kathryn",
        "katie": "katherine catherine kathryn",
        "kathy": "katherine catherine kathryn",
        "cathy": "catherine katherine",
        "joe": "joseph",
        "tony": "anthony",
        "chris": "christopher christine christina",
        "dan": "daniel",
        "danny": "daniel",
        "ed": "edward",
        "eddie": "edward",
        "ted": "edward theodore",
        "jon": "jonathan",
        "nick": "nicholas",
        "sam": "samuel samantha",
        "alex": "alexander alexandra",
        "andy": "andrew",
        "matt": "matthew",
        "pat": "patrick patricia",
        "maggie": "margaret",
        "peggy": "margaret",
        "meg": "margaret",
        "bibi": "benjamin",
        "ben": "benjamin",
        "greg": "gregory",
        "jeff": "jeffrey geoffrey",
        "ken": "kenneth",
        "larry": "lawrence",
        "ron": "ronald",
        "don": "donald",
        "fred": "frederick",
        "jerry": "gerald",
        "sue": "susan",
        "jen": "jennifer",
        "jenny": "jennifer",
        "becky": "rebecca",
        "vicky": "victoria",
        "abby": "abigail",
        "debbie": "deborah",
        "jack": "john",
        "johnny": "john",
        "mo": "mohammed muhammad mohammad",
    }.items()
}


#: Names looked up one by one in gender-guesser's table before the whole table is read: one
#: look-up searches the file's bytes (a few ms), reading every line costs about 0.3 s, so a
#: small story looks its few names up and a large one reads the table once.
MAX_NAME_LOOKUPS = 60


class _NameTable:
    """gender-guesser's ``names`` table (name -> {gender: country values}), read on demand.

    A name's entry is built by the library's own line reader from just the lines of the file
    that can give that name, in file order, so it is the entry the whole table would hold.
    Those lines are found in the ASCII-lower-cased bytes of the file: a name field spelling
    the name by one byte search, and the name fields holding a "+" (filed by the library as
    "annemarie", "anne marie" and "anne-marie" for "Anne+Marie") from an index of those lines
    by the field without "+", "-" and spaces.
    A name outside ASCII, a file the byte search cannot read as the library does (a line
    ending in a lone carriage return, a Kelvin sign, which lower-cases to "k"), and more than
    :data:`MAX_NAME_LOOKUPS` names read the whole table once instead, as the library reads it.
    """

    def __init__(self, detector, filename: str) -> None:  # noqa: ANN001 (gender_guesser has no type hints)
        self._detector = detector
        with open(filename, "rb") as f:
            self._data = f.read()
        searchable = self._data.count(b"\r") == self._data.count(b"\r\n") and "\u212a".encode() not in self._data
        self._plain = self._data.lower() if searchable else None  # ASCII letters only: same length
        self._plus: dict[bytes, list[int]] | None = None
        self._found: dict[str, dict[str, str] | None] = {}
        self._whole: dict[str, dict[str, str]] | None = None

    def _read(self, lines: list[str]) -> dict[str, dict[str, str]]:
        """The library's table of just these lines (its own line reader, in this order)."""
        table = self._detector.names = {}
        try:
            for line in lines:
                if line.strip():
                    self._detector._eat_name_line(line.strip())
        finally:
            self._detector.names = self
        return table

    def _plus_index(self) -> dict[bytes, list[int]]:
        """Offsets of the lines whose name field holds a "+", by that field without its "+",
        "-" and spaces (lower case): the library files it under three forms ("annemarie",
        "anne marie", "anne-marie"), each of which gives the same key."""
        import re

        assert self._plain is not None
        index: dict[bytes, list[int]] = {}
        for m in re.finditer(rb"\n[^#=\s]\S*[ \t]+(\S*\+\S*) ", b"\n" + self._plain):
            index.setdefault(m.group(1).translate(None, b"+- "), []).append(m.start())
        return index

    def _lines_for(self, name: str) -> list[str]:
        """The lines whose name field can give ``name``, in file order (a superset: the
        library's reader decides): the field spelling it (one byte search) and the fields
        with a "+" that may be filed under it."""
        assert self._plain is not None
        if self._plus is None:
            self._plus = self._plus_index()
        plain, starts = self._plain, set(self._plus.get(name.encode("ascii").translate(None, b"- "), ()))
        needle = b" " + name.encode("ascii") + b" "
        at = plain.find(needle)
        while at >= 0:
            start = plain.rfind(b"\n", 0, at) + 1
            if len(plain[start : at + 1].split()) == 1 and plain[start : start + 1] not in (b"#", b"="):
                starts.add(start)
            at = plain.find(needle, at + 1)
        out = []
        for start in sorted(starts):
            end = self._data.find(b"\n", start)
            out.append(self._data[start : end if end >= 0 else None].decode("utf-8"))
        return out

    def _entry(self, name: str) -> dict[str, str] | None:
        if self._whole is not None:
            return self._whole.get(name)
        if name in self._found:
            return self._found[name]
        if len(self._found) >= MAX_NAME_LOOKUPS or self._plain is None or not name.isascii() or not name.strip():
            text = self._data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
            self._whole = self._read(text.split("\n"))
            return self._whole.get(name)
        entry = self._read(self._lines_for(name)).get(name)
        self._found[name] = entry
        return entry

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._entry(name) is not None

    def __getitem__(self, name: str) -> dict[str, str]:
        entry = self._entry(name)
        if entry is None:
            raise KeyError(name)
        return entry


@cache
def _gender_detector():  # noqa: ANN202 (gender_guesser has no type hints)
    """gender-guesser's detector, built once per process, with its table read on demand
    (:class:`_NameTable`): reading the whole table cost about 0.3 s of every start-up.
    Everything else is the library's.
    """
    from gender_guesser.detector import Detector

    class _Detector(Detector):
        def _parse(self, filename: str) -> None:
            self.names = _NameTable(self, filename)

    return _Detector(case_sensitive=False)


def load() -> None:
    """Build what the lists need once (gender-guesser's table), ahead of the first article."""
    _gender_detector()


# English function words that gender-guesser also lists as given names ("the", "will", "may").
_NOT_GIVEN = _words("the a an and or of in on at to will may can be so do")


@cache
def _guess(word: str) -> str:
    low = word.lower().strip(".")
    if not low.isalpha() or low in _NOT_GIVEN or low in NAME_TITLES:
        return "unknown"
    return _gender_detector().get_gender(low)


def given_name_gender(word: str) -> str | None:
    """``"m"`` or ``"f"`` when gender-guesser knows ``word`` as a given name given (almost) only
    to men or to women ("Tomas", "Delia"); None for names given to both ("Robin", "Sam": the
    article's own pronouns decide), for words it does not know, and for titles."""
    guess = _guess(word)
    return "m" if guess == "male" else "f" if guess == "female" else None


def is_given_name(word: str) -> bool:
    """True when gender-guesser knows ``word`` as a given name of any gender (not a title or
    a function word)."""
    return _guess(word) != "unknown"


# ---------------------------------------------------------------------------------------------
# Verbs of saying
# ---------------------------------------------------------------------------------------------

#: Lemmas of verbs that report speech or writing, and a few that frame a partial quote
#: ("called it", "described it as"). General English (the verbs of saying of a style guide's
#: attribution advice), widened with the cue words of PolNeAR's training split.
SPEECH_LEMMAS = _words(
    """say add tell claim continue remark tweet retweet post insist pen write explain state note
    argue ask reply respond declare warn acknowledge admit announce concede confirm stress
    suggest urge vow joke quip recall shout yell cry echo observe describe call accuse predict
    promise complain contend allege assert maintain testify emphasize emphasise report reveal
    boast brag lament mutter whisper scream exclaim chant laugh sigh counter retort reiterate
    caution charge deny blast slam criticize criticise praise proclaim agree thank recount mock
    dismiss label brand dub term characterize characterise hail decry denounce condemn question
    wonder muse read conclude summarize summarise tout plead pledge demand order threaten
    interject interrupt snap gush rave rant grumble quote cite message email text blog
    begin go put point told says said assure reassure advise inform remind confide
    concur elaborate mention propose recommend repeat speculate swear tease vent volunteer affirm
    attest talk speak lecture preach thunder opine reason answer remember press
    crack relate surmise release issue refer title express blame comment portray pronounce
    imply defend credit jeer shoot fire lash"""
)

#: Verbs that report speech only with a particle: "went on", "pointed out", "shot back".
PARTICLE_SPEECH_VERBS: dict[str, str] = {"go": "on", "point": "out", "shoot": "back", "fire": "back", "lash": "out"}

#: Verbs with which "it" (a document, a sign, a body) speaks: "it said", "it read".
DOCUMENT_SPEECH_LEMMAS = _words(
    """say read state add write note recommend conclude declare continue warn explain argue
    claim urge ask tell report"""
)

#: Word forms that are verbs of saying even when the tagger reads them as nouns ("Conway notes").
SPEECH_VERB_FORMS = _words("said says told added notes recalls writes adds explains")

#: Verbs of saying and writing that date a statement rather than an event (facts: a date on
#: them is not a fact about the story). General English.
REPORTING_LEMMAS = _words(
    """say tell add write state comment note explain reply respond post tweet continue remark
    claim insist argue report speak announce"""
)


# ---------------------------------------------------------------------------------------------
# Organisations and places: words that make a name one or the other
# ---------------------------------------------------------------------------------------------

#: Platforms, news agencies and broadcasters the small model takes for people or places
#: (general knowledge of the news business).
KNOWN_ORGS = _words(
    """twitter facebook instagram youtube tiktok snapchat whatsapp telegram reddit linkedin
    google apple amazon microsoft netflix reuters ap afp epa pa getty politico breitbart
    cnn bbc msnbc nbc abc cbs itv sky"""
)

#: Single words the model tags ORG that are offices, titles, groups or topics, not
#: organisations (general knowledge).
NOT_ORGS = _words(
    """chair chairman shadow exchequer chancellor minister president government cabinet
    lgbt lgbt+ lgbtq lgbtq+ lgbtqi+ covid covid-19 coronavirus brexit"""
)

#: Last words that make a name an organisation ("Leeds City Council", "Acme Ltd", "Thames
#: Water", "Kent Fire and Rescue"): kinds of body in English (general knowledge; "water" and
#: "rescue" as UK water companies and fire and rescue services are named). Words
#: that are also common surnames ("Power", "Hall", "Church") are left out, and so are words
#: as often places or countries ("Office": "Oval Office"; "Union": "Soviet Union").
ORG_HEADS = _words(
    """water energy gas electric group council authority authorities university college school
    academy hospital police constabulary rescue service services trust association club company
    ltd limited plc inc corp corporation bank party committee commission agency board department
    ministry institute foundation society airways airlines railway railways
    network parliament assembly army navy force brigade guard charity coalition alliance partnership
    fund inquiry"""
)

#: First words that make a name a place ("River Thames", "Lake Geneva", "Mount Everest",
#: "Port Talbot"): generic geographic terms (general knowledge).
PLACE_PREFIXES = _words("river lake loch lough mount mt cape port fort")

#: Last words that make a name a place ("Hoover Dam", "Abbey Road", "Pearl Harbor"): generic
#: terms of geography and of street addresses (general knowledge; Royal Mail and USPS
#: abbreviations "st", "rd", "ave"). Surname-like words ("Hill", "Park", "Close", "Way") are
#: left out.
PLACE_HEADS = _words(
    """dam reservoir street st lane road rd avenue ave boulevard square bridge valley canal estuary
    bay island islands forest mountains terrace airport station motorway highway harbour
    harbor beach falls base"""
)

#: Last words of names of places and bodies that the small model takes for people
#: ("Lombard Street", "Deutsche Bank", "Thames Water"): a PERSON ending in one is not a person
#: (general knowledge).
NOT_PERSON_HEADS = _words(
    """water dam lane street road avenue council party company university college hospital
    group trust bank club church school court bridge river park square hall house"""
)

#: Party names and labels in the UK and US (general knowledge of their politics): "the Labour
#: MP" names a party, not a constituency.
PARTY_WORDS = _words(
    """labour tory tories conservative conservatives snp lib dem dems democrat democrats
    republican republicans green greens independent reform plaid sinn fein dup uup alliance
    gop liberal liberals ukip"""
)


# ---------------------------------------------------------------------------------------------
# Dates, times and numbers (English calendar and number words)
# ---------------------------------------------------------------------------------------------

#: Month names and their AP / common abbreviations.
MONTHS: tuple[str, ...] = tuple(
    (
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec"
    ).split()
)
#: Day names, Monday first (``datetime.weekday()`` order).
WEEKDAYS: tuple[str, ...] = tuple("monday tuesday wednesday thursday friday saturday sunday".split())
#: Words that date relative to the day of writing.
RELATIVE_DAYS: tuple[str, ...] = ("today", "yesterday", "tomorrow", "tonight", "last night")
#: Parts of a day ("Monday morning").
DAY_PARTS = _words("morning afternoon evening night lunchtime")

#: Units of time and their length in seconds (a month as 30 days, a year as 365).
TIME_UNIT_SECONDS: dict[str, int] = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 7 * 86400,
    "fortnight": 14 * 86400,
    "month": 30 * 86400,
    "year": 365 * 86400,
    "decade": 3650 * 86400,
    "century": 36500 * 86400,
}

#: English number words and their values ("twenty-five" is read as two of them).
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "hundred": 100,
}
#: Words that multiply a number ("5 million", "£4.2m", "$3bn").
NUMBER_SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "billion": 10**9,
    "bn": 10**9,
}

#: Units of measure (SI and imperial, general knowledge): a number of them with no verb says
#: nothing checkable on its own.
MEASURES = _words(
    """km kilometre kilometer mile metre meter foot feet ft inch yard cm mm kg kilogram gram
    tonne ton pound lb ounce acre hectare degree percent per cent litre liter gallon"""
)


# ---------------------------------------------------------------------------------------------
# What news copy counts (facts)
# ---------------------------------------------------------------------------------------------

#: What happens to the things news copy counts, by the lemmas outlets use for it: "34 people
#: were hurt" / "34 people were injured" / "34 wounded" are one count. Common news wording
#: (general English synonyms).
COUNT_EVENTS: dict[str, str] = {
    **dict.fromkeys(("injure", "injured", "hurt", "wound", "wounded", "injury", "casualty"), "injured"),
    **dict.fromkeys(("kill", "killed", "die", "dead", "death", "fatality", "perish"), "killed"),
    **dict.fromkeys(("arrest", "arrested", "detain", "detained"), "arrested"),
    **dict.fromkeys(("evacuate", "evacuated", "evacuee"), "evacuated"),
    **dict.fromkeys(("flood", "flooded", "inundate", "submerge"), "flooded"),
    **dict.fromkeys(("damage", "damaged"), "damaged"),
    **dict.fromkeys(("destroy", "destroyed", "flatten", "raze"), "destroyed"),
    **dict.fromkeys(("rescue", "rescued"), "rescued"),
    **dict.fromkeys(("missing", "unaccounted"), "missing"),
    **dict.fromkeys(("charge", "charged"), "charged"),
    **dict.fromkeys(("hospitalise", "hospitalize", "hospitalised", "hospitalized"), "hospitalised"),
}

#: The counted nouns that name the same things ("34 people" / "34 persons").
COUNT_NOUNS: dict[str, str] = {
    **dict.fromkeys(("people", "person", "persons", "individual"), "people"),
    **dict.fromkeys(("home", "house", "property", "dwelling", "household"), "homes"),
}

#: Nouns that are themselves the event ("34 injuries", "12 deaths"): the people they happened to.
EVENT_NOUNS = _words("injury casualty death fatality evacuee")

#: "treated for injuries", "taken to hospital with injuries": the people injured.
TREAT_VERBS = _words("treat take hospitalise hospitalize admit")

#: Verbs that report a vote's result, by the side they count ("backed", "voted ... to strike":
#: for; "rejected": against).
VOTE_VERBS: dict[str, str] = {
    **dict.fromkeys(("vote", "back", "support", "approve", "endorse", "favour", "favor"), "vote for"),
    **dict.fromkeys(("reject", "oppose"), "vote against"),
}
#: Words that make a sentence about a vote.
BALLOT_WORDS = _words("vote voter ballot referendum turnout poll-goer")


def _stop_words_of_scikit_learn() -> frozenset[str]:
    """scikit-learn's English stop words (the Glasgow IR group's list, 318 words), read from its
    plain data module without importing scikit-learn itself, whose import costs about 1 CPU-s
    at every start (it pulls in scipy.stats)."""
    import ast
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("sklearn")  # finds the package; does not import it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("scikit-learn is not installed")
    source = Path(spec.submodule_search_locations[0], "feature_extraction", "_stop_words.py").read_text()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "ENGLISH_STOP_WORDS":
            call = node.value
            if isinstance(call, ast.Call) and call.args:
                return frozenset(ast.literal_eval(call.args[0]))
    raise ImportError("scikit-learn's stop-word list was not found where expected")


#: English stop words for content-word comparisons (summary, clustering): scikit-learn's list,
#: which the summary's TF-IDF has always used (bench/summarize.py floors were set with it).
ENGLISH_STOP_WORDS = _stop_words_of_scikit_learn()
#: Words too common in headlines to say what several outlets' headlines share (articles,
#: prepositions, auxiliaries, and the "says" of attributed headlines). Read by the stories
#: listing (stories/listing.py) when it titles a story. Source: our own general English.
HEADLINE_STOP_WORDS = _words(
    "a an and are as at be by for from has have in is it its of on or over said says the to was were will with after"
)


#: Frequent English function words that are not words of German, French, Spanish, Dutch or
#: Italian (so "a", "in", "is", "was", "die" are left out). Any English prose of a few dozen words
#: is full of them (over 15% of its words in 98% of the English articles of ../shared/data),
#: other languages' prose almost never (at most 1% in our German, French and Spanish pages):
#: the language detector's fast path for English (ingest/language.py). Source: general English.
ENGLISH_FUNCTION_WORDS = _words(
    "the of and to that for with from his her were has have had which they their who this but not by it he"
    " she at are be been would will"
)


# ---------------------------------------------------------------------------------------------
# Loaded wording (analysis/framing.py): read from the packages that ship the published lists
# ---------------------------------------------------------------------------------------------


def _package_file(package: str, *parts: str) -> str:
    """The text of a data file shipped inside an installed package, found without importing it
    (TextBlob's import pulls in NLTK)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{package} is not installed (pip install {package})")
    return Path(spec.submodule_search_locations[0], *parts).read_text(encoding="utf-8")


@cache
def _pattern_words() -> tuple[dict[str, str], ...]:
    """The attributes of each ``<word>`` of Pattern's lexicon (TextBlob's ``en-sentiment.xml``)."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(_package_file("textblob", "en", "en-sentiment.xml"))
    return tuple(dict(w.attrib) for w in root.iter("word"))


@cache
def subjective_adjectives() -> dict[str, tuple[float, float]]:
    """Each English adjective of Pattern's subjectivity lexicon with its highest subjectivity
    (0 objective .. 1 subjective) and highest absolute polarity over its senses, lower case.

    Source: T. De Smedt & W. Daelemans, "Pattern for Python", JMLR 13 (2012); the lexicon
    (2,918 hand-tagged WordNet adjective senses, public domain: PDDL) as shipped in TextBlob
    (``textblob/en/en-sentiment.xml``), read from the installed package."""
    out: dict[str, tuple[float, float]] = {}
    for word in _pattern_words():
        form = (word.get("form") or "").lower()
        if not form or word.get("pos", "JJ") != "JJ":
            continue
        subjectivity = float(word.get("subjectivity") or 0.0)
        polarity = abs(float(word.get("polarity") or 0.0))
        old = out.get(form, (0.0, 0.0))
        out[form] = (max(old[0], subjectivity), max(old[1], polarity))
    return out


@cache
def afinn_valence() -> dict[str, int]:
    """Each word or phrase of the AFINN list with its valence (-5 very negative .. +5 very positive).

    Source: F. Å. Nielsen, "A new ANEW: evaluation of a word list for sentiment analysis in
    microblogs", ESWC 2011 workshop; the 2015 list AFINN-en-165 (3,382 entries, ODbL) as shipped
    in the ``afinn`` package (``afinn/data/AFINN-en-165.txt``), read from the installed package."""
    out: dict[str, int] = {}
    for line in _package_file("afinn", "data", "AFINN-en-165.txt").splitlines():
        word, _, score = line.rpartition("\t")
        if word and score.lstrip("-").isdigit():
            out[word.lower()] = int(score)
    return out


@cache
def political_labels() -> frozenset[str]:
    """Adjectives that label a person by political leaning: the entries of Pattern's lexicon
    whose every WordNet sense is about the political left or right or about extreme views, and
    that its authors tagged as at least somewhat subjective (subjectivity >= 0.4). A word with
    other senses too ("right", "extreme") is left out: its other senses are the common ones.
    Source: as :func:`subjective_adjectives`."""
    senses: dict[str, list[bool]] = {}
    for w in _pattern_words():
        if w.get("pos", "JJ") != "JJ":
            continue
        sense = w.get("sense") or ""
        political = ("political" in sense or "in views" in sense) and float(w.get("subjectivity") or 0.0) >= 0.4
        senses.setdefault((w.get("form") or "").lower(), []).append(political)
    return frozenset(form for form, flags in senses.items() if form and all(flags))


@cache
def _word_counts() -> dict[str, int]:
    import re

    counts: dict[str, int] = {}
    text = _package_file("textblob", "en", "en-spelling.txt")
    for word, count in re.findall(r"^([^;\s]\S*) (\d+)$", text, re.MULTILINE):
        key = word.lower()
        counts[key] = counts.get(key, 0) + int(count)
    return counts


def word_count(word: str) -> int:
    """How often ``word`` (lower case) occurs in P. Norvig's spelling corpus (public-domain
    Project Gutenberg books with Wiktionary and British National Corpus frequency lists; 29,000
    words), 0 for a word it lacks: a rough measure of how plain a word is. Source: the corpus's
    counts as shipped in TextBlob (``textblob/en/en-spelling.txt``), read from the package."""
    return _word_counts().get(word, 0)


#: Verbs of saying that report without judging (the attribution verbs news style guides
#: recommend as neutral, "said" first; Recasens, Danescu-Niculescu-Mizil & Jurafsky, ACL 2013,
#: list the others, "claim", "insist", "admit", as report verbs that carry the writer's stance).
NEUTRAL_SPEECH_LEMMAS = _words("say tell add ask write state note explain report announce reply respond speak talk")

#: Names of infectious diseases and their agents. A disease named after a place or a people
#: ("Spanish flu") is what the WHO's naming guidance (World Health Organization, "Best Practices
#: for the Naming of New Human Infectious Diseases", May 2015) asks writers to avoid, since it
#: stigmatises the people named; analysis/framing.py reports such a name. General English.
DISEASE_WORDS = _words("virus coronavirus flu influenza fever pox plague pneumonia disease pandemic epidemic")
# --- literal uses of loaded words (analysis/framing.py) ------------------------------------------
#: Common nouns for physical things: man-made objects and structures, natural objects, materials
#: and natural phenomena. Source: the lexicographer files of Princeton WordNet 3.0 (Miller 1995;
#: the noun supersenses ``noun.artifact``, ``noun.object``, ``noun.substance`` and
#: ``noun.phenomenon``), as opposed to ``noun.person``, ``noun.group``, ``noun.communication``,
#: ``noun.act`` and ``noun.cognition``. No installed library ships WordNet's data (nltk's and
#: textblob's corpora are downloads, not reachable here), so the list holds common nouns whose
#: first, most frequent WordNet sense lies in one of the four physical files, chosen from general
#: knowledge; nouns whose political sense is common are left out ("house", "chamber", "seat",
#: "platform", "floor", "cabinet", "bench", "machine", "bill", "ticket", "wall"). A loaded verb or
#: participle said of one of these is description ("the bridge collapsed", "a damaged roof").
PHYSICAL_NOUNS = _words(
    # structures and buildings (noun.artifact)
    """bridge dam levee dyke dike embankment tunnel tower building skyscraper roof ceiling
    beam girder pillar chimney barn shed warehouse factory mill pipeline pipe
    silo reactor turbine pylon mast crane scaffolding road highway motorway railway
    railroad rail pavement sidewalk runway pier jetty dock wharf canal sluice weir culvert
    drain sewer shaft quarry stadium arena tent hut cabin bungalow apartment
    balcony staircase stairway stair window door gate fence hedge barrier barricade
    """
    # vehicles, machines, devices, weapons (noun.artifact)
    """car truck lorry van bus coach train tram locomotive carriage wagon vehicle bicycle
    motorcycle aircraft airplane aeroplane plane jet helicopter drone rocket missile satellite
    ship boat vessel ferry yacht tanker submarine raft engine motor generator pump battery
    valve boiler furnace computer phone laptop server bomb grenade rifle
    pistol gun cannon
    """
    # materials and substances (noun.substance)
    """concrete cement steel iron metal timber wood brick stone glass plastic rubber asphalt
    tarmac gravel sand mud soil clay dirt dust ash smoke soot oil petrol gasoline diesel fuel
    coal gas water ice snow sewage debris rubble
    """
    # natural objects (noun.object)
    """rock boulder cliff hillside slope riverbank shore coast beach dune glacier iceberg
    volcano crater cave reef tree
    """
    # natural phenomena (noun.phenomenon)
    """flood flooding storm hurricane typhoon cyclone tornado gale wind gust rain rainfall
    downpour hail blizzard lightning thunder earthquake quake tremor aftershock tsunami
    landslide mudslide avalanche wildfire fire blaze flame flames heatwave drought wave surge
    torrent current tide erosion"""
)

#: Nouns for a part of a thing ("part of the bridge", "a section of the roof"): the thing they
#: describe is the object of their "of", or, without one, the physical thing their sentence
#: names, if any (analysis/framing.py ``is_physical``). General English partitives (WordNet's
#: ``part``/``portion`` and their common near-synonyms).
PART_NOUNS = _words("part section piece portion segment stretch chunk fragment length span")
#: Wire services (news agencies selling text to other outlets), as a text credits them
#: ("(AP)", "LONDON (Reuters) -", a "Press Association" line): read by brief/shared_copy.py to
#: tell which of two articles sharing copy is the wire's own text. Source: the major agencies of
#: Wikipedia's "News agency" article and their usual credit forms (the AP Stylebook's "(AP)"
#: dateline credit). Lower case; matched without regard to case, and only where a credit stands.
WIRE_SERVICES = frozenset(
    {
        "ap", "associated press", "the associated press", "reuters", "thomson reuters", "afp",
        "agence france-presse", "agence france presse", "pa", "pa media", "pa wire", "press association",
        "dpa", "deutsche presse-agentur", "upi", "united press international", "bloomberg", "bloomberg news",
        "xinhua", "kyodo", "kyodo news", "yonhap", "ansa", "efe", "tass", "anadolu", "anadolu agency",
        "pti", "press trust of india", "aap", "australian associated press", "canadian press",
        "the canadian press", "cp", "ani",
    }
)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Contractions (quote line-up: "I'm" for "I am" is the same words)
# ---------------------------------------------------------------------------------------------

#: English contractions and the words each stands for (the ambiguous ones, "'d" and "'s", with
#: every reading). Two wordings of a quotation that differ only by these say the same words: the
#: difference is listed, never flagged as a misquote. Source: general English grammar (the
#: contracted forms of auxiliaries and "not"; Quirk et al., A Comprehensive Grammar of the English
#: Language, 1985, 3.23 and 3.37).
CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "can't": ("cannot", "can not"),
    "won't": ("will not",),
    "shan't": ("shall not",),
    "ain't": ("am not", "is not", "are not", "has not", "have not"),
    "let's": ("let us",),
}
#: Endings that contract a following word, with what they stand for (same source).
CONTRACTED_ENDINGS: dict[str, tuple[str, ...]] = {
    "n't": ("not",),
    "'m": ("am",),
    "'re": ("are",),
    "'ve": ("have",),
    "'ll": ("will", "shall"),
    "'d": ("would", "had"),
    "'s": ("is", "has"),
}

# ---------------------------------------------------------------------------------------------
# Sentence openings that need the sentence before them (summary readability)
# ---------------------------------------------------------------------------------------------

#: First words that point back to something said before: personal and possessive pronouns,
#: demonstratives, and the connectives that answer or extend the previous sentence ("But",
#: "However", "Also"). A summary item opening with one reads as if its referent had just been
#: named. Source: general English grammar (anaphora and cohesive conjunctions; Halliday & Hasan,
#: Cohesion in English, 1976, chs. 2 and 5). Read by brief/summarizers/readable.py;
#: CONNECTIVE_OPENERS are the connectives alone (a timeline line may open with one: it names
#: what it is about).
CONNECTIVE_OPENERS = _words(
    "but however and yet still also besides moreover furthermore nevertheless nonetheless instead "
    "meanwhile then thus hence therefore otherwise"
)
BACK_POINTING_OPENERS = _words("he she they it this these those his her their its them him") | CONNECTIVE_OPENERS
#: Words that open a time phrase in front of a sentence's subject ("On Monday it gave way",
#: "Later, she said ..."): prepositions of time and relative time words; with MONTHS, WEEKDAYS,
#: RELATIVE_DAYS and DAY_PARTS they make the phrase that readable.py looks behind. Source:
#: general English grammar (adverbials of time).
TIME_OPENERS = _words(
    "on in at by since until after before during earlier later afterwards soon then last next this "
    "that early late previously recently weeks days months years hours ago week month year the same"
)


# ---------------------------------------------------------------------------------------------
# Labels in front of a sentence that are page furniture (summary budget)
# ---------------------------------------------------------------------------------------------

#: Labels a newsroom sets before a sentence, followed by a colon ("Why it matters: ...",
#: "BREAKING: ..."): the section headers of the "Smart Brevity" house style (J. VandeHei, M. Allen
#: and R. Schwartz, Smart Brevity, Workman 2022, the axioms of Axios's newsletters) and the common
#: news-page flags (breaking, exclusive, update, video, watch). A summary drops the label and keeps
#: the sentence after it (brief/summarizers/furniture.py). Labels whose word is part of what the
#: sentence says are not here: "CLAIM:" / "VERDICT:" (a fact check), "Yes, but:", "Reality check:".
#: Lower case; matched without regard to case.
LEAD_LABELS = frozenset(
    {
        "why it matters", "the big picture", "big picture", "driving the news", "between the lines",
        "the bottom line", "bottom line", "by the numbers", "state of play", "the latest", "details",
        "context", "what's happening", "what happened", "what's next", "what to watch", "go deeper",
        "flashback", "zoom in", "zoom out", "the backstory", "background", "the intrigue", "be smart",
        "where it stands", "catch up quick", "breaking", "breaking news", "exclusive", "update",
        "updated", "video", "watch",
    }
)  # fmt: skip
