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
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsfuse.analysis.quote_marks import find_quoted
from newsfuse.lexicon import (
    DISEASE_WORDS,
    NEUTRAL_SPEECH_LEMMAS,
    ROLE_WORDS,
    SPEECH_LEMMAS,
    afinn_valence,
    political_labels,
    subjective_adjectives,
    word_count,
)
from newsfuse.model import Article, FramingKind, QuoteSpan, Ref, SpanKind

if TYPE_CHECKING:
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
        if not is_loaded_label(token) and _probability(token_features(token)) < THRESHOLD:
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
