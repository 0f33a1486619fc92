"""Named people, organisations and places in one article, as spans into its text.

spaCy's small English model finds the candidates; this module cleans them and corrects the
errors it makes again and again on news copy (seen on the seeds and on BASIL texts):

- titles and role words are cut from the front of a name ("Mr Blunt" -> "Blunt",
  "MPs Stewart McDonald" -> "Stewart McDonald", "Following Mr" -> nothing), possessives and
  punctuation from the end ("Blunt's" -> "Blunt");
- a name after a title the model missed ("Ms Osborne") is added as a person;
- a word that is part of a person's name in the same article is a person, whatever the model
  said ("Khan" tagged GPE, "Imran" tagged ORG, "Blunt" tagged ORG);
- a constituency is a place: "MP for Reigate", "the Reigate MP" (the model tags it ORG, and
  reads "the MP for Wakefield Khan" as one PERSON);
- platforms and agencies the model takes for people ("Twitter") are organisations;
- a name's own words give its kind, whatever the model said: "Westhallow Water", "Lowmere
  Town Council" end in an organisation word (:data:`ORG_HEADS`); "River Carrow", "Carrow
  Dam", "Quarry Lane" start or end in a place word (:data:`PLACE_PREFIXES`,
  :data:`PLACE_HEADS`); an organisation the model split ("Westhallow Fire" + "Rescue") is
  found whole by its last word;
- NORP (nationalities, religious and political groups: "Muslim", "Tory", "British") is not an
  entity here: it names a group of people, not one organisation, person or place; but a
  NORP span shaped like a person's name set off after a role ("the Labour chair, Anneliese
  Dodds,") or opening with a given name gender-guesser knows is that person;
- junk is dropped: numbers, lower-case words, URLs, @handles, single letters, spans across
  lines, spans inside boilerplate.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsfuse.lexicon import (
    COURTESY_TITLES,
    KNOWN_ORGS,
    NAME_CONNECTORS,
    NOT_ORGS,
    ORG_HEADS,
    PARTY_WORDS,
    PLACE_HEADS,
    PLACE_PREFIXES,
    POST_NOMINALS,
    ROLE_WORDS,
    is_given_name,
)
from newsfuse.model import Article, EntityMention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "KINDS",
    "TITLES",
    "ORG_HEADS",
    "PLACE_PREFIXES",
    "PLACE_HEADS",
    "extract_entities",
    "strip_name",
    "name_tokens",
]

#: The kinds of entity we report.
KINDS = ("person", "organisation", "place")

_LABEL_KIND = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}

#: Courtesy titles before a name (lower case, without a full stop): newsfuse.lexicon.
TITLES = COURTESY_TITLES

# Words the model keeps at the front of a PERSON span that are not part of the name: roles,
# party labels, and sentence openers (newsfuse.lexicon).
_ROLE_WORDS = ROLE_WORDS

# Offices and topics the model tags ORG; platforms and agencies it takes for people or places;
# the words that make a name an organisation or a place (newsfuse.lexicon, with their sources).
_NOT_ORG = NOT_ORGS
_KNOWN_ORGS = KNOWN_ORGS

# Single words that are a kind of thing, not a name ("Reservoir keeper Tomas Brennan").
_GENERIC_WORDS = (PLACE_HEADS | PLACE_PREFIXES | ORG_HEADS) - frozenset(
    "parliament congress senate police army navy".split()
)

# Given names come from gender-guesser (newsfuse.lexicon.is_given_name): a span the model
# tags NORP or ORG that starts with one and has the shape of a name ("Anneliese Dodds") is a
# person. Only a fallback: the model finds most people itself.

# An organisation named by its last word, with the capitalised words before it (joined by
# "and"/"of"/"for"/"&"): "Westhallow Fire and Rescue", "Rivers and Dams Authority".
_ORG_HEAD_RE = "|".join(w.capitalize() for w in sorted(ORG_HEADS, key=len, reverse=True))
_ORG_NAME = re.compile(
    rf"(?<![\w'’-])((?:(?!(?:{_ORG_HEAD_RE})\b)[A-Z][\w'’-]*[ \xa0]+(?:(?:and|of|for|&)[ \xa0]+)?)+"  # noqa: RUF001
    rf"(?:{_ORG_HEAD_RE}))\b(?![ \xa0]+[A-Z])"  # not "Constitutional Authority Statements"
)

# Party words: "the Labour MP" is a party, not a constituency.
_PARTY_WORDS = PARTY_WORDS

# Post-nominal letters after a name ("Crispin Blunt MP").
_TRAILING_ROLES = POST_NOMINALS

# Lower-case words that may stand inside a name: English connectives ("University of Dayton",
# "Ways and Means") and the commonest particles of personal names (newsfuse.lexicon).
_CONNECTORS = NAME_CONNECTORS
_PARTY_STATE = re.compile(r"^[DRI]-[A-Z][a-z]*\.?$")
_ACRONYM = re.compile(r"^[A-Z][A-Z.&]+$")

# Parts of speech that do not stand at either end of a person's name (headline run-ons,
# sentence openers: "Plus Obama", "Deval Patrick Names").
_NOT_NAME_POS = frozenset(("VERB", "AUX", "ADV", "ADP", "CCONJ", "SCONJ", "PART", "DET", "PRON", "ADJ"))
_VERB_TAGS = frozenset(("VBZ", "VBD", "VBN", "VBG", "VBP"))

_POSSESSIVE = ("'s", "’s", "'", "’")
_TRAIL_PUNCT = ".,;:!?\"'“”‘’()[]{}-–—"  # noqa: RUF001 (curly quotes on purpose)
_JUNK = re.compile(r"https?:|www\.|\.com\b|@|^[\d\W_]+$")
# The short courtesy titles, capitalised, as they stand before a name ("Mr", "Dame", "Prof").
_SHORT_TITLES = "|".join(sorted((t.capitalize() for t in TITLES if len(t) <= 4 and t != "fr"), key=len, reverse=True))
_TITLE_NAME = re.compile(
    rf"\b(?:{_SHORT_TITLES})\.?[ \xa0]+"
    r"((?:[A-Z][\w'’-]*[\w])(?:[ \xa0]+[A-Z][\w'’-]*[\w]){0,2})"  # noqa: RUF001
)
# "MP for Reigate", "Member of Parliament for Reigate", "MSP for Glasgow Kelvin".
_MP_FOR = re.compile(r"\b(?:MP|MPs|MSP|MEP|MLA|AM|Member of Parliament|member)\s+for\s+$")
_POSSESSIVE_END = re.compile(r"(?:['’]s|['’])$")  # noqa: RUF001


def strip_name(name: str) -> str:
    """A name without titles, role words in front, possessive or punctuation at the end.

    ``"Mr Blunt's"`` -> ``"Blunt"``; ``"Former justice minister Mr Blunt"`` keeps only words
    from the first capitalised non-title word on.
    """
    words = name.replace("\xa0", " ").split()
    while words and (_bare(words[0]) in TITLES or _bare(words[0]) in _ROLE_WORDS or not words[0][:1].isupper()):
        words.pop(0)
    while words and _bare(words[-1]) in _TRAILING_ROLES:
        words.pop()
    if not words:
        return ""
    text = " ".join(words)
    text = _POSSESSIVE_END.sub("", text.rstrip(_TRAIL_PUNCT.replace("'", "").replace("’", "")))  # noqa: RUF001
    return text.strip(_TRAIL_PUNCT + " ")


def name_tokens(name: str) -> list[str]:
    """The words of a person's name, lower case, without titles ("Mr Blunt" -> ["blunt"])."""
    return [w.lower() for w in strip_name(name).split()]


def _bare(word: str) -> str:
    return word.lower().rstrip(".")


def _overlaps(span: tuple[int, int], spans: Iterable[Span]) -> bool:
    return any(b.start < span[1] and span[0] < b.end for b in spans)


def _is_name_word(tok: Token) -> bool:
    text = tok.text
    return bool(text[:1].isupper()) and any(c.isalpha() for c in text)


def _clean_span(doc: Doc, start: int, end: int, label: str) -> tuple[int, int] | None:
    """Token range [start, end) without leading/trailing words that are not the name."""
    while start < end:
        tok = doc[start]
        low = _bare(tok.text)
        if tok.lower_ in ("the", "a", "an") or low in TITLES or tok.is_punct or tok.is_space:
            start += 1
        elif label == "PERSON" and (low in _ROLE_WORDS or not _is_name_word(tok) or tok.pos_ in _NOT_NAME_POS):
            start += 1
        elif label == "PERSON" and end - start >= 3 and len(tok.text) >= 3 and tok.text.isupper() and tok.is_alpha:
            start += 1  # "HPD Carl Conyers": an agency's initials before the name
        else:
            break
    while end > start:
        tok = doc[end - 1]
        if tok.text in _POSSESSIVE or tok.tag_ == "POS" or tok.is_punct or tok.is_space:
            end -= 1
        elif label == "PERSON" and end - start > 1 and (tok.pos_ in _NOT_NAME_POS or tok.tag_ in _VERB_TAGS):
            end -= 1  # a headline run-on: "Clinton Defends", "Obama Willing"
        else:
            break
    return (start, end) if end > start else None


def _char_range(doc: Doc, text: str, start: int, end: int) -> tuple[int, int]:
    """Character range of tokens [start, end), with a glued possessive or stop cut off.

    ``text`` is the text ``doc`` was parsed from (``doc.text`` rebuilds it on every call)."""
    s = doc[start].idx
    last = doc[end - 1]
    e = last.idx + len(last)
    m = _POSSESSIVE_END.search(text, s, e)
    if m and m.start() > s:
        e -= len(m.group(0))
    # a full stop glued to the last token is an abbreviation's ("U.S.", "Calif.", "Jr."): spaCy
    # splits off a sentence's full stop, and _clean_span drops it then
    while e > s and text[e - 1] in _TRAIL_PUNCT and text[e - 1] != ".":
        e -= 1
    return s, e


def _is_junk(text: str) -> bool:
    if len(text) < 2 or "\n" in text or not text[:1].isupper() or any(c in text for c in "[]{}()|"):
        return True
    return bool(_JUNK.search(text))


def extract_entities(article: Article, doc: Doc) -> list[tuple[EntityMention, str]]:
    """People, organisations and places named in ``article``, in text order.

    ``doc`` is ``load_nlp()(article.text)``, parsed once by the caller. Returns pairs of
    (mention, kind), kind one of :data:`KINDS`; mentions inside boilerplate are skipped.
    """
    text = article.text
    # 1. candidates from the model, cleaned: (char start, char end, label)
    found: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in _LABEL_KIND and label != "NORP":
            continue
        rng = _clean_span(doc, ent.start, ent.end, label)
        if rng is None:
            # "Following Mr" + "Blunt": the model cut the name off after the title
            if label == "PERSON" and _bare(doc[ent.end - 1].text) in TITLES and ent.end < len(doc):
                nxt = doc[ent.end]
                if _is_name_word(nxt):
                    found.append((*_char_range(doc, text, ent.end, ent.end + 1), "PERSON"))
            continue
        s_tok, e_tok = rng
        if label == "PERSON":
            # extend left over a first name the model left out ("defending Imran" + "Ahmad Khan")
            while s_tok > 0:
                prev = doc[s_tok - 1]
                if (
                    prev.pos_ == "PROPN"
                    and _is_name_word(prev)
                    and not prev.ent_type_
                    and _bare(prev.text) not in TITLES | _ROLE_WORDS
                    and not _ACRONYM.match(prev.text)  # "HPD Carl Conyers": initials, not a name
                    and "\n" not in text[prev.idx : doc[s_tok].idx]
                ):
                    s_tok -= 1
                else:
                    break
        s, e = _char_range(doc, text, s_tok, e_tok)
        if e <= s:
            continue
        # "the MP for Wakefield Khan": the first word is the seat, the rest the person
        if label == "PERSON" and _MP_FOR.search(text[max(0, s - 40) : s]) and e_tok - s_tok >= 2:
            seat = _char_range(doc, text, s_tok, s_tok + 1)
            found.append((*seat, "GPE"))
            s = doc[s_tok + 1].idx
        found.append((s, e, label))

    # 2. names after a title the model missed or mislabelled ("Ms Osborne", "Mr Khan")
    for m in _TITLE_NAME.finditer(text):
        s, e = m.span(1)
        e = s + len(_POSSESSIVE_END.sub("", text[s:e]))
        if not any(fs <= s and e <= fe and lab == "PERSON" for fs, fe, lab in found):
            found.append((s, e, "PERSON_T"))

    # 3. organisations and places by the shape of their name, whatever the model said: an
    # organisation the model split ("Westhallow Fire" + "Rescue") or took for a person
    # ("Westhallow Water"), a place it took for an organisation ("River Carrow")
    starts = doc.to_array("IDX").tolist()  # each token's offset, for a binary search
    orgs = [rng for m in _ORG_NAME.finditer(text) if (rng := _org_span(doc, starts, *m.span(1))) is not None]
    # a longer name the model found around it stands ("All-Party Parliamentary Group on ...")
    orgs = [o for o in orgs if not any(f[0] <= o[0] and o[1] <= f[1] and f[1] - f[0] > o[1] - o[0] for f in found)]
    found = [f for f in found if f[2] == "PERSON_T" or not _overlaps(f[:2], (Span(*o) for o in orgs))]
    found.extend((s, e, "ORG") for s, e in orgs)
    found = [(s, e, _shape_label(doc, text, s, e, label)) for s, e, label in found]

    # 4. words of people's names in this article
    person_words: set[str] = set()
    for s, e, label in found:
        if label in ("PERSON", "PERSON_T"):
            words = text[s:e].split()
            if len(words) >= 2 or label == "PERSON_T":
                person_words.update(w.lower() for w in words if not _ACRONYM.match(w))

    # names of places in this article: a seat ("MP for Kelmarsh") or a GPE the model saw
    place_names = {
        text[s:e].lower() for s, e, label in found if label in ("GPE", "LOC") or _is_seat(text, s, e, text[s:e].lower())
    }

    out: dict[tuple[int, int], tuple[EntityMention, str]] = {}
    for s, e, label in found:
        mention = text[s:e]
        if _is_junk(mention) or _overlaps((s, e), article.boilerplate):
            continue
        first, _, rest = mention.partition(" ")
        if label != "PERSON" and rest and _bare(first) in _ROLE_WORDS | TITLES:
            if all(w.lower() in person_words for w in rest.split()):
                # "Sheriff Arpaio", "Republican Sharron Angle" tagged ORG
                s = e - len(rest)
                mention, label = rest, "PERSON"
        low = mention.lower()
        words = low.split()
        kind = _LABEL_KIND.get(label, "person" if label == "PERSON_T" else None)
        if low in _KNOWN_ORGS:
            kind = "organisation"
        elif label != "PERSON" and words and all(w in person_words for w in words):
            kind = "person"
        elif _is_seat(text, s, e, low):
            kind = "place"
        elif label == "PERSON" and len(words) == 1 and low in place_names and low not in person_words:
            kind = "place"  # "ignored Kelmarsh for years" after "the MP for Kelmarsh"
        elif label == "ORG" and low in _NOT_ORG:
            kind = None
        elif len(words) == 1 and _bare(low) in _GENERIC_WORDS and low not in person_words:
            kind = None  # "Reservoir keeper Tomas Brennan": a common noun opening a sentence
        elif label != "PERSON" and any(w.islower() and w not in _CONNECTORS for w in mention.split()):
            kind = None  # "LGBT+ group", "Manley put Reid": a description or a run-on, not a name
        elif _PARTY_STATE.match(mention):
            kind = None  # "D-Ill": a party and a state, US style
        elif label == "PERSON" and _ACRONYM.match(mention):
            kind = "organisation"  # "AARP", "CPAC" tagged PERSON
        if kind is None:
            continue
        # a PERSON_T wholly inside an accepted span of another kind is not a new entity
        key = (s, e)
        if key in out and out[key][1] == "person":
            continue
        out[key] = (EntityMention(article=article.id, start=s, end=e, text=mention), kind)

    # drop a mention that sits inside a longer accepted one of the same kind
    spans = sorted(out, key=lambda k: (k[0], -(k[1] - k[0])))
    kept: list[tuple[EntityMention, str]] = []
    last_end = -1
    for key in spans:
        if key[0] < last_end:
            continue
        kept.append(out[key])
        last_end = key[1]
    return kept


def _org_span(doc: Doc, starts: list[int], start: int, end: int) -> tuple[int, int] | None:
    """An organisation name found by its last word, without words in front that are not part
    of it ("The", "Inspectors from the" at a sentence start, "Labour MP Jess Smith and").
    ``starts`` holds the character offset of each token of ``doc``."""
    tokens = list(doc[bisect_left(starts, start) : bisect_left(starts, end)])
    if any(t.pos_ in ("PRON", "VERB", "AUX") for t in tokens):
        return None  # "In God We Trust": a motto, not a name
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].tag_ == "POS" or tokens[i].text in _POSSESSIVE:
            tokens = tokens[i + 1 :]  # "Georgetown's Public Policy Institute": the institute
            break
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i].lower_ in _CONNECTORS and _ends_a_name(tokens[:i], tokens[i], tokens[i + 1 :]):
            tokens = tokens[i + 1 :]
            break
    while tokens and (
        tokens[0].is_stop
        or tokens[0].pos_ not in ("PROPN", "NOUN", "ADJ")
        or tokens[0].ent_type_ == "DATE"
        or tokens[0].lower_ in ("the", "a", "an")
    ):
        tokens = tokens[1:]
    while tokens and tokens[0].pos_ == "NOUN" and tokens[0].tag_ == "NNS":
        tokens = tokens[1:]  # "Inspectors from the ...": a plain plural noun opens the sentence
    words = [t for t in tokens if t.lower_ not in _CONNECTORS]
    if len(words) < 2 or any(t.is_stop for t in words):
        return None  # "In God We Trust"
    return tokens[0].idx, end


def _ends_a_name(left: list[Token], connector: Token, right: list[Token]) -> bool:
    """True when the words before "and"/"of" are a name of their own, not the start of the
    organisation's: a person ("Historian Alan Brinkley of Columbia University"), an acronym
    or another organisation or place the model found ("FBI and National Security Agency",
    "Social Security and Medicare Trust"). "Westhallow Fire and Rescue" stays whole."""
    if any(
        _bare(w.text) in _ROLE_WORDS | TITLES
        or w.ent_type_ == "PERSON"
        and w.pos_ == "PROPN"
        and is_given_name(w.lower_)
        for w in left
    ):
        return True
    if any(w.ent_type_ == "PERSON" for w in left) and (connector.lower_ == "of" or len(right) >= 2):
        return True  # "Perry Thurston and Florida Democratic Party" (not "Westhallow Fire and Rescue")
    if connector.lower_ not in ("and", "&"):
        return False
    if any(_ACRONYM.match(w.text) for w in left):
        return True
    return connector.ent_iob_ == "O" and left[-1].ent_type_ in ("ORG", "GPE", "LOC", "FAC", "NORP")


def _shape_label(doc: Doc, text: str, start: int, end: int, label: str) -> str:
    """The label a name's own words give it, else ``label``: "X Water" is an organisation,
    "River X" and "X Lane" places, "Anneliese Dodds" (tagged NORP) a person."""
    if label == "PERSON_T":
        return label
    words = text[start:end].split()
    if len(words) < 2:
        return label
    first, last = _bare(words[0]), _bare(words[-1])
    if label == "PERSON" and len(words) == 2 and is_given_name(words[0]):
        return label  # "Mark Lane", "Michael Bay": a surname that is also a place word
    if last in ORG_HEADS:
        return "ORG"
    if last in PLACE_HEADS:
        return "LOC"
    if any(_bare(w) in ORG_HEADS for w in words[1:-1]):
        return "ORG"  # "Port Authority of New York"
    if first in PLACE_PREFIXES:
        return "LOC"
    if label in ("NORP", "ORG") and _looks_like_person(doc, text, start, end, label):
        return "PERSON"
    return label


#: A comma-set name right after one of these is a person: "the Labour chair, Anneliese Dodds,".
_APPOSITION_ROLE = re.compile(r"\b(\w+),[ \xa0]+$")


def _looks_like_person(doc: Doc, text: str, start: int, end: int, label: str) -> bool:
    """A NORP or ORG span that is a person's name: two or three capitalised words (not
    capitals), set off after a role ("the chair, X Y,") or, for NORP, opening with a common
    given name."""
    words = text[start:end].split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and not w.isupper() and w.isalpha() for w in words):
        return False
    if _bare(words[-1]) in _PARTY_WORDS or words[-1].lower() in _KNOWN_ORGS:
        return False
    m = _APPOSITION_ROLE.search(text[max(0, start - 40) : start])
    if m and m.group(1).islower() and m.group(1) in _ROLE_WORDS and text[end : end + 1] in (",", ".", ";"):
        # a role in running text ("the Labour chair, X Y,"), not a credit line ("Editor, Post Prod.")
        return True
    return label == "NORP" and is_given_name(words[0])


def _is_seat(text: str, start: int, end: int, low: str) -> bool:
    """True when text[start:end] names a constituency: "MP for X" or "the X MP"."""
    if _MP_FOR.search(text[max(0, start - 40) : start]):
        return True
    after = text[end : end + 6]
    before = text[max(0, start - 4) : start].lower()
    return bool(re.match(r"[ \xa0]+MPs?\b", after)) and before.endswith("the ") and not set(low.split()) & _PARTY_WORDS
