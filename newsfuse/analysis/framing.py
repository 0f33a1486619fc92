"""Loaded wording in one article: the outlet's own words, kept apart from the words it quotes.

:func:`find_framing` reads an article's spaCy parse and its quotations (found once by
:mod:`newsfuse.analysis.quotes`) and returns one :class:`~newsfuse.model.Ref` per loaded span,
labelled with a :class:`~newsfuse.model.FramingKind`:

- **loaded words** (adjectives, verbs, adverbs, nouns) scored by a small logistic model over
  published lexicons (Pattern's subjectivity lexicon of adjectives and the AFINN valence list,
  :mod:`newsfuse.lexicon`) and the word's place in the sentence (part of speech, whether it
  describes a person or a group). The weights were fitted on the dev half of BASIL
  (``bench/framing.py --fit``, see bench/RESULTS.md); a loaded word that describes a person or
  a group is a **label** ("the disgraced MP").
- **scare quotes**: a few words in quotation marks that nobody is said to have said (the
  quotation finder leaves them unattributed).
- **place names in disease names**: a people or a place naming an infectious disease, which the
  WHO's naming guidance (2015) asks writers to avoid.

Words inside an attributed quotation are the speaker's, not the outlet's: they are returned with
``kind`` :attr:`~newsfuse.model.SpanKind.QUOTED_FRAMING`, the outlet's own with ``kind``
:attr:`~newsfuse.model.SpanKind.FRAMING`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsfuse.analysis.quote_marks import find_quoted
from newsfuse.lexicon import (
    DISEASE_WORDS,
    NEUTRAL_SPEECH_LEMMAS,
    ORG_HEADS,
    PART_NOUNS,
    PHYSICAL_NOUNS,
    ROLE_WORDS,
    SPEECH_LEMMAS,
    afinn_valence,
    political_labels,
    subjective_adjectives,
    word_count,
)
from newsfuse.model import Article, FramingKind, QuoteSpan, Ref, SpanKind

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = [
    "FEATURES",
    "WEIGHTS",
    "BIAS",
    "THRESHOLD",
    "SCARE_MAX_WORDS",
    "token_features",
    "candidates",
    "is_loaded_label",
    "is_physical",
    "is_literal",
    "headline_literal",
    "LITERAL_POS",
    "LABEL_MAX_VALENCE",
    "quoted_ranges",
    "find_framing",
]

#: The features of a candidate word, in the order of :data:`WEIGHTS`.
FEATURES = (
    "subjectivity",  # Pattern lexicon: highest subjectivity of the word (or of its adjective)
    "polarity",  # Pattern lexicon: highest absolute polarity
    "afinn_negative",  # AFINN: negative valence / 5
    "afinn_positive",  # AFINN: positive valence / 5
    "rarity",  # 1 - log(count + 1) / log(top count + 1) in Norvig's spelling corpus
    "adj",
    "adv",
    "verb",
    "noun",
    "rare_verb",  # rarity, for verbs only ("pounced", "caved")
    "rare_adj",
    "rare_adv",
    "manner_adverb",  # an adverb in -ly ("vigorously", "supposedly")
    "loaded_speech",  # a verb of saying other than the neutral ones ("insisted", "complained")
    "describes_person",  # an adjective said of a person or a group ("former MP")
    "intensified",  # has a degree word before it ("very", "deeply")
)

#: Logistic weights of :data:`FEATURES`, and the intercept; fitted on the dev half of BASIL
#: (bench/framing.py --fit: L2 logistic regression, C=1, balanced classes, on the 15,123
#: candidate words outside quotations of the 84 dev articles, 155 of them gold). Rare verbs and
#: adjectives, AFINN's negative words and intensified words weigh most; an adjective said of a
#: person is mostly plain description in BASIL ("former", "Republican"), hence its negative
#: weight (the loaded ones are caught by :func:`is_loaded_label`).
WEIGHTS: tuple[float, ...] = (
    0.539,
    -0.172,
    3.415,
    1.307,
    2.456,
    -1.758,
    2.075,
    -2.103,
    0.194,
    4.111,
    3.44,
    -1.624,
    0.862,
    0.15,
    -3.964,
    2.347,
)
BIAS = -2.537

#: A candidate word whose model probability reaches this is reported. Balanced training puts
#: the probabilities high; on the dev half token F1 is flat from 0.80 to 0.84 (0.070-0.075,
#: sentence F1 0.190-0.204) and falls on either side (0.057 at 0.5, 0.039 at 0.88): the middle
#: of the plateau (bench/framing.py --fit, bench/RESULTS.md).
THRESHOLD = 0.82

#: An adjective said of a person or a group is a loaded label when AFINN rates it this
#: negative or worse (-2: "disgraced", "notorious"; -1 holds mild words such as "alleged").
LABEL_MAX_VALENCE = -2

#: The loaded words that :func:`is_literal` may read as plain description of a physical thing:
#: verbs ("the bridge collapsed", "the storm destroyed the pier"), participles used as
#: adjectives ("the damaged roof", "a collapsed tunnel") and nouns of an event ("the bridge
#: collapse"). Plain adjectives are not: "a controversial pipeline", "a notorious prison" judge
#: the project or the place, not its shape. On the dev half of BASIL adding them ("ADJ") scores
#: the same (bench/RESULTS.md, "Framing: literal uses"); the reason decides.
LITERAL_POS = frozenset({"VERB", "PARTICIPLE", "NOUN"})

#: A quoted stretch of at most this many words that nobody is said to have said is a scare
#: quote (the quotation finder's own bound for such stretches, quotes.SCARE_MAX_WORDS).
SCARE_MAX_WORDS = 4

#: log(1 + count of "the"), the commonest word of the frequency list: rarity's scale.
_LOG_TOP = math.log1p(80030)
_POS = {"ADJ": "adj", "ADV": "adv", "VERB": "verb", "NOUN": "noun"}
#: Entity types whose words are names, not wording (a NORP word can be a label: "leftist").
_NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
_PEOPLE_TYPES = frozenset({"PERSON", "NORP", "ORG"})
_DESCRIBING = frozenset({"amod", "compound", "appos", "acomp", "attr", "nmod"})
_DEGREE = frozenset({"very", "extremely", "deeply", "highly", "utterly", "so", "too", "incredibly", "really"})


def _lexicon_scores(token: Token) -> tuple[float, float, float, float, float]:
    adjectives = subjective_adjectives()
    valence = afinn_valence()
    low, lemma = token.lower_, token.lemma_.lower()
    forms = [low, lemma]
    if low.endswith("ly") and len(low) > 4:  # an adverb read as its adjective ("sharply")
        forms += [low[:-2], low[:-3] + "y" if low.endswith("ily") else low[:-2]]
    subj = pol = 0.0
    for form in forms:
        if form in adjectives:
            s, p = adjectives[form]
            subj, pol = max(subj, s), max(pol, p)
    values = [valence.get(f, 0) for f in forms]
    count = max(word_count(f) for f in (low, lemma))
    rarity = 1.0 - math.log1p(count) / _LOG_TOP
    return subj, pol, max(0, -min(values)) / 5, max(0, max(values)) / 5, rarity


def _is_person(token: Token) -> bool:
    return token.ent_type_ in _PEOPLE_TYPES or token.lemma_.lower() in ROLE_WORDS


def _describes_person(token: Token) -> bool:
    if token.pos_ != "ADJ" and not (token.tag_ == "VBN" and token.dep_ == "amod"):  # "the disgraced MP"
        return False
    head = token.head
    if token.dep_ in _DESCRIBING and head is not token and _is_person(head):
        return True
    if token.dep_ in ("acomp", "attr"):  # "Smith is reckless"
        return any(_is_person(c) for c in head.children if c.dep_ in ("nsubj", "nsubjpass"))
    return False


def is_loaded_label(token: Token) -> bool:
    """A word for a person or a group that a published lexicon calls loaded: an adjective said
    of them that AFINN rates at most :data:`LABEL_MAX_VALENCE` ("disgraced", "corrupt") or that
    labels them by political leaning (:func:`~newsfuse.lexicon.political_labels`)."""
    if not _describes_person(token):
        return False
    low, lemma = token.lower_, token.lemma_.lower()
    valence = afinn_valence()
    worst = min(valence.get(low, 0), valence.get(lemma, 0))
    return worst <= LABEL_MAX_VALENCE or low in political_labels()


#: Entity types that name people, groups or polities: never a physical thing, always an
#: evaluative target ("Labour collapsed", "Russia was battered"). A facility's name is a thing
#: only by its own common noun ("Hoover Dam": "dam"); "the White House" stands for the people
#: in it, and its noun "house" is not in the list.
_AGENT_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _of_object(token: Token) -> list[Token]:
    return [g for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]


def is_physical(token: Token) -> bool:
    """Whether ``token`` (a noun) names a physical thing, not a person, a group or an idea.

    A name of a person, an organisation, a people or a polity never is; a noun is one when
    :data:`~newsfuse.lexicon.PHYSICAL_NOUNS` holds it or its lemma (WordNet's physical
    supersenses), unless its "of" names something that is not ("a flood of migrants", "a storm
    of protest": a figure of speech). A part noun ("part of the pier") is the thing it is part
    of, or, when no "of" says of what, a part of the physical thing its sentence names (if it
    names one). A noun none of these knows is
    physical when a word before it names its kind or its material and is one ("the bridge
    deck", "a concrete culvert"), unless it is a role word, the head of an organisation's
    name ("dam workers", "the oil company") or a word AFINN rates (an event or a judgement:
    "the bridge collapse", "the steel scandal")."""
    lemma = token.lemma_.lower()
    if token.ent_type_ in _AGENT_TYPES or lemma in ROLE_WORDS or token.pos_ == "PRON":
        return False
    if lemma in PHYSICAL_NOUNS or token.lower_ in PHYSICAL_NOUNS:
        whole = _of_object(token)  # "a flood of migrants", "a storm of protest": a figure
        return not whole or is_physical(whole[0])
    if lemma in PART_NOUNS:
        whole = _of_object(token)
        if whole:
            return is_physical(whole[0])
        # no "of": a part of the physical thing its sentence names, if it names one ("the tide
        # rose over the broken section"; "the obsolete parts can be skipped": none)
        return any(t.i != token.i and t.pos_ == "NOUN" and t.lemma_.lower() in PHYSICAL_NOUNS for t in token.sent)
    if token.pos_ not in ("NOUN", "PROPN") or lemma in ORG_HEADS:  # "the oil company"
        return False
    if afinn_valence().get(lemma) or afinn_valence().get(token.lower_):  # an event: "bridge collapse"
        return False
    kinds = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
    if token.i > 0 and token.dep_ == "compound":  # a flat compound: "Dam", "deck" both on "collapse"
        left = token.doc[token.i - 1]
        if left.dep_ == "compound" and left.head.i == token.head.i:
            kinds.append(left)
    return any(c.lower_ in PHYSICAL_NOUNS or (c.dep_ == "compound" and is_physical(c)) for c in kinds)


def _literal_pos(token: Token) -> str:
    """``PARTICIPLE`` for a verb form describing a noun ("the damaged roof", "a road closed by
    the flood"), else the word's part of speech."""
    if token.tag_ in ("VBN", "VBG") and token.dep_ in ("amod", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
        return "PARTICIPLE"
    return token.pos_


def _subject(verb: Token) -> Token | None:
    """The thing a verb says something of: its subject, the passive's subject (the thing acted
    on), the noun a relative clause or a participle hangs on, or a conjoined verb's subject."""
    for _ in range(4):  # "the wall cracked and then collapsed": up the chain of conjoined verbs
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            subject = subjects[0]
            if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":  # "the roof, which collapsed"
                return verb.head
            return subject
        if verb.dep_ in ("relcl", "acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head
    # no subject in the parse ("after part of the roof collapsed": "part" read as the object of
    # "after"): a noun just before a finite verb is its subject, by English word order
    if verb.i == 0 or verb.tag_ not in _FINITE or verb.dep_ == "conj":
        return None
    before = verb.doc[verb.i - 1]
    return before if before.pos_ in ("NOUN", "PROPN") else None


def is_literal(token: Token) -> bool:
    """Whether a loaded word is said of a physical thing, so that it describes, not judges.

    A verb whose subject (the passive's subject: what it was done to) is a physical thing
    ("the pier collapsed", "a tunnel was flooded"), a participle describing one ("the
    damaged roof"), a noun of an event whose thing is named by a noun before it or after its
    "of" ("the bridge collapse", "the collapse of the pier"). The same words said of a person,
    an organisation, a people or a polity, or of an idea, stay loaded ("the government's plan
    collapsed", "the disgraced MP"). Only the parts of speech in :data:`LITERAL_POS` are read."""
    pos = _literal_pos(token)
    if pos not in LITERAL_POS:
        return False
    if pos == "PARTICIPLE" or (pos == "ADJ" and token.dep_ == "amod"):
        return is_physical(token.head)
    if pos == "ADJ":  # "the roof was unsafe"
        subject = _subject(token.head) if token.dep_ == "acomp" else None
        return subject is not None and is_physical(subject)
    if pos == "VERB":
        subject = _subject(token)
        return subject is not None and is_physical(subject)
    # the modifier next to the noun names its thing ("Hoover Dam deck collapse": deck)
    before = [c for c in token.children if c.dep_ in ("compound", "poss", "nmod") and c.i < token.i]
    owners = before[-1:] + _of_object(token)
    return any(is_physical(o) for o in owners)


def headline_literal(article: Article, doc: Doc, nlp: Language) -> tuple[str, ...]:
    """The words of ``article``'s title that a lexicon rates (AFINN, political labels) and that
    the title says of a physical thing (:func:`is_literal`: "Saltby pier collapse"), lower case.

    Only a title holding such a word is parsed. The entity recogniser is left out, since
    capitalised headline words mislead it ("Hoover Dam" read as a person): the title's names
    are those ``doc`` (the article's text, parsed by ``nlp``) found, with their types."""
    title = article.title or ""
    valence, labels = afinn_valence(), political_labels()
    if not any(valence.get(w.lower()) or w.lower() in labels for w in title.split()):
        return ()
    from spacy.tokens import Span

    parsed = nlp(title, disable=["ner"])
    spans: list[Span] = []
    for name, label in dict.fromkeys((e.text, e.label_) for e in doc.ents):
        for hit in re.finditer(r"\b" + re.escape(name) + r"\b", title):
            span = parsed.char_span(hit.start(), hit.end(), label=label)
            if span is not None and not any(span.start < o.end and o.start < span.end for o in spans):
                spans.append(span)
    parsed.ents = sorted(spans, key=lambda sp: sp.start)
    return tuple(dict.fromkeys(t.lower_ for t in parsed if t.is_alpha and is_literal(t)))


def candidates(doc: Doc) -> list[Token]:
    """The words that may be loaded: content words that are not names, numbers or stop words."""
    return [
        t
        for t in doc
        if t.pos_ in _POS and t.is_alpha and not t.is_stop and len(t) > 2 and t.ent_type_ not in _NAME_TYPES
    ]


def token_features(token: Token) -> tuple[float, ...]:
    """The values of :data:`FEATURES` for one candidate word."""
    subj, pol, negative, positive, rarity = _lexicon_scores(token)
    pos = _POS.get(token.pos_, "")
    intensified = any(c.lower_ in _DEGREE for c in token.children if c.i < token.i)
    lemma = token.lemma_.lower()
    person = _describes_person(token)
    speech = pos == "verb" and lemma in SPEECH_LEMMAS and lemma not in NEUTRAL_SPEECH_LEMMAS
    return (
        subj,
        pol,
        negative,
        positive,
        rarity,
        float(pos == "adj"),
        float(pos == "adv"),
        float(pos == "verb"),
        float(pos == "noun"),
        rarity * (pos == "verb"),
        rarity * (pos == "adj"),
        rarity * (pos == "adv"),
        float(pos == "adv" and token.lower_.endswith("ly")),
        float(speech),
        float(person),
        float(intensified),
    )


def _probability(features: Sequence[float]) -> float:
    z = BIAS + sum(w * f for w, f in zip(WEIGHTS, features, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def quoted_ranges(
    text: str, quotes: Sequence[QuoteSpan]
) -> tuple[list[tuple[int, int, str | None]], list[tuple[int, int]]]:
    """The quotations of ``text`` as ``(start, end, speaker)`` (marks included) and its scare
    quotes as ``(start, end)`` (marks included).

    A quoted stretch the quotation finder kept is a quotation (its speaker may be unknown); one
    it left out is a scare quote when it is at most :data:`SCARE_MAX_WORDS` words, else (a
    title, a long unattributed stretch) a quotation of nobody known.
    """
    kept = {(q.start, q.end): q.speaker for q in quotes}
    spoken: list[tuple[int, int, str | None]] = []
    scare: list[tuple[int, int]] = []
    for q in find_quoted(text):
        words = text[q.start : q.end].split()
        if (q.start, q.end) in kept:
            spoken.append((q.open_at, q.close_end, kept[(q.start, q.end)]))
        elif 0 < len(words) <= SCARE_MAX_WORDS and not any(w[:1].isupper() for w in words[1:]):
            scare.append((q.open_at, q.close_end))
        else:
            spoken.append((q.open_at, q.close_end, None))
    return spoken, scare


def _inside(start: int, end: int, ranges: Sequence[tuple[int, ...]]) -> tuple[int, ...] | None:
    for r in ranges:
        if r[0] <= start and end <= r[1]:
            return r
    return None


def _kind(token: Token) -> FramingKind:
    if _describes_person(token):
        return FramingKind.LABEL
    return {
        "ADJ": FramingKind.ADJECTIVE,
        "ADV": FramingKind.ADVERB,
        "VERB": FramingKind.VERB,
    }.get(token.pos_, FramingKind.NOUN)


def _disease_names(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` of each disease named by a people or a place ("Spanish flu")."""
    out = []
    for t in doc:
        if t.lower_ in DISEASE_WORDS or t.lemma_.lower() in DISEASE_WORDS:
            mods = [c for c in t.children if c.dep_ in ("amod", "compound", "nmod") and c.i < t.i]
            named = [c for c in mods if c.ent_type_ in ("NORP", "GPE", "LOC")]
            if not named and t.i > 0 and doc[t.i - 1].ent_type_ in ("NORP", "GPE", "LOC"):
                named = [doc[t.i - 1]]
            if named:
                first = min(c.i for c in named)
                out.append((doc[first].idx, t.idx + len(t)))
    return out


def find_framing(article: Article, doc: Doc, quotes: Sequence[QuoteSpan]) -> tuple[Ref, ...]:
    """The loaded spans of ``article`` in text order: the outlet's (kind ``framing``) and those
    inside quotations (kind ``quoted_framing``); ``doc`` is its text parsed."""
    text = article.text
    spoken, scare = quoted_ranges(text, quotes)
    found: dict[tuple[int, int], tuple[SpanKind, FramingKind]] = {}
    for start, end in scare:
        found[(start, end)] = (SpanKind.FRAMING, FramingKind.SCARE_QUOTE)
    for start, end in _disease_names(doc):
        where = SpanKind.QUOTED_FRAMING if _inside(start, end, spoken) else SpanKind.FRAMING
        found[(start, end)] = (where, FramingKind.DISEASE_NAME)
    covered = [k for k in found]
    for token in candidates(doc):
        start, end = token.idx, token.idx + len(token)
        if _inside(start, end, covered):
            continue
        label = is_loaded_label(token)
        if not label and _probability(token_features(token)) < THRESHOLD:
            continue
        if not label and is_literal(token):  # "the pier collapsed": a physical thing, described
            continue
        if _inside(start, end, scare):
            continue
        where = SpanKind.QUOTED_FRAMING if _inside(start, end, spoken) else SpanKind.FRAMING
        found[(start, end)] = (where, _kind(token))
    furniture = [(b.start, b.end) for b in article.boilerplate]  # page furniture is nobody's wording
    return tuple(
        Ref(article.id, s, e, text[s:e], kind, label)
        for (s, e), (kind, label) in sorted(found.items())
        if not any(a < e and s < b for a, b in furniture)
    )
