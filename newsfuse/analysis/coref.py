"""Who a pronoun or a description stands for, among the people an article names.

:class:`People` reads one parsed article once and keeps every person it names (spaCy's PERSON
entities, merged by surname), with

- a **gender** when the text gives one: an honorific (``Mr``, ``Mrs``, ``Ms``), a gendered
  title (``congresswoman``), a given name (gender-guesser, through :func:`newsfuse.lexicon.given_name_gender`),
  or, most often, the pronoun the article itself uses for them (``Clinton ... she``): a
  ``he``/``she``/``his``/``her`` in the sentence where the person is the subject, or the one
  after it, with no other person named in between, is a vote;
- the **roles** the text gives them: the words of an apposition (``Tomas Brennan, the
  reservoir keeper``; ``the Labour chair, Anneliese Dodds``), of a title before the name
  (``Republican nominee Donald Trump``, ``Sen. Bernie Sanders``), and an age (``Brennan, 52,``
  is ``the 52-year-old``).

:meth:`People.pronoun` resolves ``he``/``she`` to a person of that gender (never to an
organisation: only PERSON entities are people here); :meth:`People.description` resolves a
definite description (``the disgraced MP``, ``the former secretary of state``) to the named
person who carries that role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsfuse.analysis.speakers import person_name
from newsfuse.lexicon import (
    COURTESY_TITLES,
    COURTESY_TITLES_DOTTED,
    FEMALE_WORDS,
    KNOWN_ORGS,
    MALE_WORDS,
    NAME_SUFFIXES,
    NOT_PERSON_HEADS,
    TITLE_ABBREVIATIONS,
    given_name_gender,
)

__all__ = ["Person", "People", "surname_of"]

# The word lists are in newsfuse.lexicon (each with its source); given names and their gender
# come from gender-guesser (lexicon.given_name_gender).
_MALE_WORDS = MALE_WORDS
_FEMALE_WORDS = FEMALE_WORDS
_HE = frozenset("he him his himself".split())
_SHE = frozenset("she her hers herself".split())
# Titles before a name: courtesy titles, with and without the full stop, and the offices that
# most often stand there.
_TITLES = COURTESY_TITLES_DOTTED | frozenset(
    "sen sen. rep rep. gov gov. gen gen. president senator governor mayor judge".split()
)
# Names the small model often takes for people: platforms, outlets and agencies.
_NOT_PEOPLE = KNOWN_ORGS
# Last words of names of places and organisations the small model takes for people.
_PLACE_WORDS = NOT_PERSON_HEADS
_HONORIFICS = COURTESY_TITLES
_SUFFIXES = NAME_SUFFIXES | frozenset(w + "." for w in NAME_SUFFIXES)
# Abbreviated titles as the role words they stand for.
_EXPAND = TITLE_ABBREVIATIONS
_NOT_ROLE = frozenset("the a an of his her their its and former then now also who".split())
_AGE = re.compile(r"^(\d{1,3})-year-old$")
# A pronoun in the sentence after the one naming a person as subject still votes for that
# person's gender (seed stories: "Osborne announced ... / In a post she said").
_VOTE_SENTENCES = 2
# Look for a person whose gender is known to fit before one whose gender is unknown ("she"
# after "caretaker Bruno Hale said" is the "Ms Moran" named before). Neutral on polnear_train
# (bench/quotes_polnear.py), right on the tests of tests/test_quotes.py.
STRICT_GENDER_FIRST = True
# A description is resolved when its role words score at least this much against a person's
# roles: the head noun counts 2, each other shared word 1 ("the disgraced MP" -> MP).
MIN_ROLE_SCORE = 2


@dataclass
class Person:
    """One person the article names, merged across the mentions of one surname."""

    name: str  # the fullest form seen ("Tomas Brennan")
    surname: str
    given: str | None = None
    he: int = 0  # votes from names, titles and pronouns
    she: int = 0
    roles: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (start, end) characters
    subject_at: list[int] = field(default_factory=list)  # ends of mentions as a subject

    @property
    def gender(self) -> str | None:
        if self.he > self.she:
            return "m"
        if self.she > self.he:
            return "f"
        return None


def surname_of(name: str) -> str:
    """The last word of a name, without suffixes and a possessive (``Donald Trump Jr.'s``)."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    while len(words) > 1 and words[-1].lower().rstrip(",") in _SUFFIXES:
        words.pop()
    last = words[-1] if words else name
    return re.sub(r"(?:['’]s|['’])$", "", last).strip(",.")


class People:
    """The people of one parsed article (see the module doc)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people: list[Person] = []
        self._by_surname: dict[str, list[Person]] = {}
        self._at: list[tuple[int, int, Person]] = []  # (start, end, person) in text order
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                self._add(ent)
        for span in _titled_names(doc):
            self._add(span)  # "Ms Delia Crane" that the recogniser missed
        self._at.sort(key=lambda x: x[0])
        self._vote_pronouns()

    # -- building ---------------------------------------------------------------------------

    def _add(self, ent: Span) -> None:
        text = person_name(ent)  # without the titles the recogniser kept ("Councillor")
        words = [t for t in ent if t.text not in ("'s", "’s") and t.idx >= ent.start_char + max(0, ent.text.find(text))]
        while len(words) > 1 and words[0].lower_ in _TITLES:
            words.pop(0)
        if not words:
            return
        text = self.doc[words[0].i : words[-1].i + 1].text
        surname = surname_of(text).lower()
        if not surname or not surname[0].isalpha() or surname in _TITLES or text.lower() in _NOT_PEOPLE:
            return
        if surname in _PLACE_WORDS or any(c.lower_ == "which" for c in ent.root.subtree if c.i >= ent.end):
            return  # "Westhallow Water, which owns the dam": a thing, not a person
        given = words[0].lower_ if len(words) > 1 else None
        person = self._find(surname, given)
        if person is None:
            person = Person(name=text, surname=surname, given=given)
            self.people.append(person)
            self._by_surname.setdefault(surname, []).append(person)
        elif len(text) > len(person.name) and (person.given is None or person.given == given):
            person.name, person.given = text, given or person.given
        person.mentions.append((ent.start_char, ent.end_char))
        self._at.append((ent.start_char, ent.end_char, person))
        if ent.root.dep_ in ("nsubj", "nsubjpass"):
            person.subject_at.append(ent.end_char)
        name_gender = given_name_gender(given) if given else None
        if name_gender == "m":
            person.he += 1
        elif name_gender == "f":
            person.she += 1
        before = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        for w in [before] + [t.lower_ for t in ent[:1]]:
            if w in _MALE_WORDS:
                person.he += 1
            elif w in _FEMALE_WORDS:
                person.she += 1
        self._roles(ent, person)

    def _find(self, surname: str, given: str | None) -> Person | None:
        same = self._by_surname.get(surname, [])
        if given is not None:
            exact = [p for p in same if p.given == given]
            if exact:
                return exact[-1]
            loose = [p for p in same if p.given is None]
            return loose[-1] if loose else None
        return same[-1] if same else None

    def _roles(self, ent: Span, person: Person) -> None:
        doc = self.doc
        root = ent.root
        words: list[Token] = []
        # a title before the name inside its noun phrase: "Republican nominee Donald Trump"
        k = ent.start - 1
        while k >= 0 and doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and doc[k].head.i > k and doc[k].ent_type_ != "PERSON":
            words.append(doc[k])
            k -= 1
        # titles the recogniser kept inside the name: "Sen. Bernie Sanders"
        words.extend(t for t in ent if t.lower_.rstrip(".") in _EXPAND or t.lower_ in _TITLES)
        # an apposition: "Tomas Brennan, the reservoir keeper," / "Brennan, 52,"
        for c in root.children:
            if c.dep_ in ("appos", "npadvmod", "amod") and c.i >= ent.end:
                words.extend(t for t in c.subtree if t.dep_ not in ("relcl",) and t.i < c.i + 12)
        # the name as the apposition of a role: "the Labour chair, Anneliese Dodds"
        if root.dep_ == "appos" and root.head.i < ent.start:
            words.extend(t for t in root.head.subtree if t.i < ent.start and t.i >= root.head.left_edge.i)
        for t in words:
            w = t.lower_.rstrip(".")
            w = _EXPAND.get(w, w)
            if t.like_num and t.i == ent.end + 1:
                person.roles.add(f"{t.text}-year-old")
            elif (
                w
                and w not in _NOT_ROLE
                and w not in _HONORIFICS
                and (t.is_alpha or "-" in w)
                and t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")
            ):
                person.roles.add(w)

    def _vote_pronouns(self) -> None:
        """``Clinton ... she``: a pronoun after a person named as the subject votes for them."""
        sents = list(self.doc.sents)
        starts = [s.start for s in sents]
        people_at = self._at
        for start, end, person in people_at:
            tok = self.doc.char_span(start, end, alignment_mode="expand")
            if tok is None or tok.root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            si = _index_le(starts, tok.start)
            last = sents[min(len(sents) - 1, si + _VOTE_SENTENCES - 1)].end
            for t in self.doc[tok.end : last]:
                if t.ent_type_ == "PERSON":
                    break  # another person named first: the pronoun may be theirs
                if t.lower_ in _HE:
                    person.he += 1
                    break
                if t.lower_ in _SHE:
                    person.she += 1
                    break

    # -- lookups ----------------------------------------------------------------------------

    def person(self, name: str) -> Person | None:
        """The person a name (as a speaker is named: ``Mr Blunt``) stands for."""
        words = [w for w in name.split() if w.lower() not in _TITLES]
        if not words:
            return None
        surname = surname_of(" ".join(words)).lower()
        given = words[0].lower() if len(words) > 1 else None
        return self._find(surname, given)

    def gender(self, name: str) -> str | None:
        """``"m"``, ``"f"`` or None for a named speaker."""
        p = self.person(name)
        if p is not None:
            return p.gender
        first = name.split()[0].lower() if name.split() else ""
        name_gender = given_name_gender(first) if len(name.split()) > 1 else None
        if first in _MALE_WORDS or name_gender == "m":
            return "m"
        if first in _FEMALE_WORDS or name_gender == "f":
            return "f"
        return None

    def pronoun(self, word: str, at: int, last_speaker: tuple[int, str] | None) -> str | None:
        """The person ``he``/``she`` at character ``at`` stands for.

        The last named speaker when the gender fits and no person of that gender was brought
        in as a subject since; else the latest such subject; else the latest person of that
        gender named at all. ``None`` when no person fits.
        """
        want = "m" if word.lower() in _HE else "f" if word.lower() in _SHE else None
        if want is not None and STRICT_GENDER_FIRST:
            found = self._pronoun(at, last_speaker, lambda g: g == want)
            if found is not None:
                return found
        return self._pronoun(at, last_speaker, lambda g: want is None or g is None or g == want)

    def _pronoun(self, at: int, last_speaker: tuple[int, str] | None, fits) -> str | None:  # noqa: ANN001
        speaker_fits = last_speaker is not None and fits(self.gender(last_speaker[1]))
        since = last_speaker[0] if last_speaker is not None else -1
        subject = self._latest_subject(at, fits)
        if subject is not None and subject[0] > since:
            return subject[1].name  # a person brought in as a subject since the last speaker
        if speaker_fits and last_speaker is not None:
            return last_speaker[1]
        for _start, end, person in reversed(self._at):
            if end <= at and fits(person.gender):
                return person.name  # the speaker does not fit: the latest person who does
        return None

    def _latest_subject(self, at: int, fits) -> tuple[int, Person] | None:  # noqa: ANN001
        best: tuple[int, Person] | None = None
        for person in self.people:
            if not fits(person.gender):
                continue
            for end in person.subject_at:
                if end <= at and (best is None or end > best[0]):
                    best = (end, person)
        return best

    def description(self, words: str, at: int) -> str | None:
        """The person named before ``at`` whose roles match a definite description
        (``the disgraced MP``, ``the 52-year-old``), or None."""
        tokens = [w.lower().strip(",.") for w in words.split()]
        if len(tokens) < 2 or tokens[0] != "the":
            return None
        content = [_EXPAND.get(w, w) for w in tokens[1:] if w and w not in _NOT_ROLE]
        if not content:
            return None
        head = content[-1]
        best: tuple[int, int, Person] | None = None
        for _start, end, person in self._at:
            if end > at:
                break
            score = (2 if head in person.roles else 0) + sum(1 for w in content[:-1] if w in person.roles)
            if _AGE.match(head) and head in person.roles:
                score = max(score, MIN_ROLE_SCORE)
            if score >= MIN_ROLE_SCORE and (best is None or (score, end) >= (best[0], best[1])):
                best = (score, end, person)
        return best[2].name if best else None


def _titled_names(doc: Doc) -> list[Span]:
    """Capitalised words after an honorific, outside any PERSON entity (``Ms Ilse Moran``)."""
    out: list[Span] = []
    for t in doc:
        if t.lower_ not in _HONORIFICS and t.lower_.rstrip(".") not in _HONORIFICS:
            continue
        j = t.i + 1
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and doc[j].ent_type_ != "PERSON":
            j += 1
        if j > t.i + 1 and doc[t.i + 1].ent_type_ != "PERSON":
            out.append(doc[t.i : j])
    return out


def _index_le(starts: list[int], i: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= i:
            lo = mid
        else:
            hi = mid - 1
    return lo
