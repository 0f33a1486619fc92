"""Who says a quotation: verbs of saying, their subjects, and the words that name the speaker.

The functions here read a spaCy parse. :func:`speech_verbs` finds the verbs of saying (and
``according to``) in a stretch of text; :func:`speaker_of` finds who does the saying (the verb's
subject, the object of ``according to``, the name after ``said`` in ``said X``);
:func:`describe` turns that subject into the words that name the speaker at this mention, split
into a name and a role:

- ``Blunt, the MP for Reigate,``        -> name ``Blunt``, role ``the MP for Reigate``
- ``Former justice minister Mr Blunt`` -> name ``Mr Blunt``, role ``Former justice minister``
- ``the Labour chair, Anneliese Dodds`` -> name ``Anneliese Dodds``, role ``the Labour chair``
- ``A Conservative HQ spokesperson``    -> a description, kept whole (no name, no role)
- ``he``                               -> a pronoun (resolved by the caller)
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsfuse.lexicon import (
    COURTESY_TITLES_DOTTED,
    DOCUMENT_SPEECH_LEMMAS,
    PARTICLE_SPEECH_VERBS,
    SPEAKER_TITLES,
    SPEECH_LEMMAS,
    SPEECH_VERB_FORMS,
)

__all__ = ["SPEECH_LEMMAS", "Speaker", "speech_verbs", "speaker_of", "describe", "person_name"]

# The verbs of saying and the titles are in newsfuse.lexicon, each with its source.
_PARTICLE_VERBS = PARTICLE_SPEECH_VERBS
_HONORIFICS = COURTESY_TITLES_DOTTED
# Pronouns that stand for a speaker ("he added"); "it", "you", "those" rarely do.
# "it" speaks for a document, a sign or a body with these verbs ("''...,'' it said", "it read").
# polnear_train: gold sources "it" of direct quotations.
IT_SPEAKS = True
_DOCUMENT_VERBS = DOCUMENT_SPEECH_LEMMAS
# Word forms that are verbs of saying even when the tagger reads them as nouns ("Conway notes").
_VERB_FORMS = SPEECH_VERB_FORMS
_PRONOUNS = frozenset("he she they we i".split())
# Titles the entity recogniser often keeps inside a name; they are the speaker's role.
_TITLE_WORDS = SPEAKER_TITLES
_RELATIVE = frozenset("who which that whom".split())
_NOT_ROLES = frozenset("the a an his her their its our my your this that one another".split())
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_NP_LEFT_DEPS = frozenset("det compound amod poss nmod nummod case quantmod npadvmod advmod nn".split())
_NP_RIGHT_DEPS = frozenset(["compound", "flat", "prep", "pobj"])
_NAME_ENTS = frozenset(["PERSON"])


@dataclass(frozen=True)
class Speaker:
    """Who says a quote, as the text names them at one mention."""

    start: int  # the mention: the name, the pronoun or the description
    end: int
    text: str
    role: str | None = None
    pronoun: bool = False
    named: bool = False  # a person's name (not a description)


def speech_verbs(doc: Doc, start: int, end: int) -> list[Token]:
    """Verbs of saying (and the ``according`` of ``according to``) inside ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    found: list[Token] = []
    for t in span:
        low = t.lower_
        if low == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            found.append(t)
            continue
        if t.pos_ not in ("VERB", "AUX") and low not in _VERB_FORMS:
            continue
        lemma = t.lemma_.lower()
        if lemma not in SPEECH_LEMMAS:
            continue
        particle = _PARTICLE_VERBS.get(lemma)
        if particle and not any(c.lower_ == particle for c in t.children):
            continue
        found.append(t)
    return found


def speaker_of(verb: Token, start: int, end: int, inverted: bool = False) -> Token | None:
    """The token heading the speaker of ``verb``, inside ``[start, end)`` of the text.

    ``inverted``: the verb follows the quotation, so a name right after it is the speaker
    (``"...," said Keir Starmer``) even where the parser missed it.
    """
    head = _subject(verb, start, end, inverted)
    if head is None:
        return None
    if head.lower_ in _RELATIVE:
        # "a statement which said", "Smith, who told": the noun the clause hangs on
        clause = head.head
        while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ in ("relcl", "acl") and start <= clause.head.idx < end:
            head = clause.head
        else:
            return None
    if head.lower_ == "it" and IT_SPEAKS and verb.lemma_.lower() in _DOCUMENT_VERBS:
        return head  # a document or a body: "''...,'' it said", "it read"
    if head.pos_ == "PRON" and head.lower_ not in _PRONOUNS:
        return None  # "those", "you", "his": not a speaker we can name
    return head


def _subject(verb: Token, start: int, end: int, inverted: bool) -> Token | None:
    doc = verb.doc

    def inside(t: Token) -> bool:
        return start <= t.idx < end

    if verb.lower_ == "according":
        for c in verb.children:
            if c.lower_ == "to":
                for g in c.children:
                    if g.dep_ == "pobj" and inside(g):
                        return g
        nxt = verb.i + 2
        return doc[nxt] if nxt < len(doc) and inside(doc[nxt]) else None
    v: Token | None = verb
    for level in range(4):  # "he went on to say", "and added": climb to a verb that has a subject
        if v is None:
            break
        if level and v.dep_ == "ccomp" and v.lemma_.lower() not in SPEECH_LEMMAS:
            # a reported clause in between ("said the case relied ... and argued"): its subject
            # is what was said, not who said it
            v = v.head if v.head.i != v.i else None
            continue
        for c in v.children:
            if c.dep_ in _SUBJECT_DEPS and inside(c):
                return c
        for c in v.children:
            if c.dep_ == "agent":  # "was told by X"
                for g in c.children:
                    if g.dep_ == "pobj" and inside(g):
                        return g
        v = v.head if v.dep_ in ("conj", "xcomp", "advcl", "ccomp") and v.head.i != v.i else None
    if not inverted:
        # The parser lost the subject ("Blunt, the MP for Reigate, had called ..." read as an
        # apposition): the nearest person named before the verb in the clause.
        for t in reversed(doc[max(0, verb.i - 12) : verb.i]):
            if not inside(t) or t.text in (".", ";", "“", '"', "”"):
                break
            if t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and _free(t, verb):
                while t.i + 1 < verb.i and doc[t.i + 1].ent_type_ == "PERSON" and doc[t.i + 1].pos_ == "PROPN":
                    t = doc[t.i + 1]
                return t
        return None
    # Inversion the parser missed ("said Keir Starmer"): the first name or pronoun after the verb,
    # for a finite verb only ("..., promising the Friends of Abe" names no speaker).
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    for t in doc[verb.i + 1 : min(len(doc), verb.i + 8)]:
        if not inside(t):
            break
        if t.pos_ == "PROPN" or t.lower_ in ("a", "an", "the") or t.lower_ in _PRONOUNS:
            if t.pos_ == "PROPN":
                while t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" and inside(doc[t.i + 1]):
                    t = doc[t.i + 1]
            elif t.lower_ in ("a", "an", "the"):
                t = t.head
            return t
        if t.is_punct or t.pos_ == "ADP" or (t.pos_ == "VERB" and t.dep_ != "amod"):
            break  # ("said retired neurosurgeon Ben Carson": an adjective, not a new clause)
    return None


def _free(t: Token, verb: Token) -> bool:
    """Is ``t`` not inside an object, a possessive or a prepositional phrase (up to ``verb``)?"""
    node = t
    for _ in range(6):
        if node.dep_ in ("poss", "pobj", "dobj", "attr", "oprd", "dative"):
            return False
        if node.head.i == node.i or node.head.i == verb.i:
            return True
        node = node.head
    return True


def describe(head: Token) -> Speaker:
    """The words that name the speaker headed by ``head``: a name and a role, or a description."""
    doc = head.doc
    if head.lower_ in _PRONOUNS or head.lower_ == "it":
        return Speaker(head.idx, head.idx + len(head.text), head.text, pronoun=True)
    np_start, np_end = _noun_phrase(head)
    appos = next((c for c in head.rights if c.dep_ == "appos"), None)
    name = _name_span(doc, head, np_start, np_end)
    if name is None and appos is None:
        # the parser may read the name after a role as an adverb ("the finance chief, Nora Salo,")
        appos = next((c for c in head.rights if c.dep_ == "npadvmod" and c.pos_ == "PROPN"), None)
    if name is None and appos is not None:
        # "the Labour chair, Anneliese Dodds, called ...": the apposition is the name.
        a_start, a_end = _noun_phrase(appos)
        a_name = _name_span(doc, appos, a_start, a_end)
        if a_name is None and doc[a_end - 1].pos_ == "PROPN" and _capitalised(doc, a_start, a_end):
            a_name = (a_start, a_end)  # a name the recogniser took for a group ("NORP")
        if a_name is not None:
            role = _text(doc, np_start, np_end)
            return _speaker(doc, a_name[0], a_name[1], role, named=True)
    if name is None:
        return _speaker(doc, np_start, np_end, None, named=False)
    role_text = _text(doc, np_start, name[0]) if name[0] > np_start else ""
    if appos is not None and appos.i < name[1]:
        appos = None  # the parser took the surname for an apposition ("Priya Lal")
    if appos is not None and not role_text:
        a_start, a_end = _noun_phrase(appos)
        role_text = _text(doc, a_start, a_end)
    role = role_text if _is_role(role_text) else None
    return _speaker(doc, name[0], name[1], role, named=True)


def _capitalised(doc: Doc, start: int, end: int) -> bool:
    words = [t for t in doc[start:end] if not t.is_punct]
    return len(words) >= 2 and all(t.text[:1].isupper() for t in words)


def _speaker(doc: Doc, start: int, end: int, role: str | None, named: bool) -> Speaker:
    span = doc[start:end]
    a, b = span.start_char, span.end_char
    return Speaker(a, b, span.text, role=role, named=named)


def _text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text.strip(" ,") if end > start else ""


def _is_role(text: str) -> bool:
    words = text.split()
    if not words:
        return False
    if len(words) == 1 and (words[0].endswith(("'s", "’s")) or words[0].lower() in _NOT_ROLES):
        return False  # "Labour's", "the": no role
    return True


def _noun_phrase(head: Token) -> tuple[int, int]:
    """Token range of the noun phrase of ``head``, without relative clauses and appositions."""
    start = head.i
    for c in head.lefts:
        if c.dep_ in _NP_LEFT_DEPS:
            start = min(start, c.left_edge.i)
    end = head.i + 1
    for c in head.rights:
        if c.dep_ not in _NP_RIGHT_DEPS:
            break
        if c.dep_ == "prep" and (
            head.ent_type_ in _NAME_ENTS or c.lower_ not in ("for", "of", "at", "from", "to", "with")
        ):
            break
        end = max(end, c.right_edge.i + 1)
    doc = head.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _name_span(doc: Doc, head: Token, np_start: int, np_end: int) -> tuple[int, int] | None:
    """The person's name inside the noun phrase (with an honorific before it), if it has one."""
    if head.ent_type_ in _NAME_ENTS:
        ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
        if ent is not None:
            s, e = max(ent.start, np_start), ent.end  # the entity may run past a mis-parse
            if doc[e - 1].text in ("’s", "'s"):
                e -= 1
            while s < e - 1 and doc[s].lower_.rstrip(".") in _TITLE_WORDS:
                s += 1  # "Councillor Ben Ashe", "Sen. Bernie Sanders": the title is a role
            while e < np_end and doc[e].pos_ == "PROPN" and doc[e].ent_type_ in ("", "PERSON"):
                e += 1  # the recogniser stopped short ("Priya" of "Priya Lal")
            while s > np_start and doc[s - 1].lower_ in _HONORIFICS:
                s -= 1
            if s < e:
                return s, e
    if head.pos_ != "PROPN" or head.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"):
        return None
    if not (head.text[:1].isupper()):
        return None
    s = head.i
    while s > np_start and doc[s - 1].pos_ == "PROPN" and doc[s - 1].ent_type_ not in ("ORG", "GPE", "NORP"):
        s -= 1
    if s == head.i and not any(doc[k].lower_ in _HONORIFICS for k in range(max(np_start, s - 1), s)):
        # a single capitalised word with no honorific: a surname ("Blunt said") is a name, a
        # lone title or an organisation word is not.
        if head.lower_ in ("mp", "president", "senator", "governor", "chairman", "spokesman"):
            return None
    while s > np_start and doc[s - 1].lower_ in _HONORIFICS:
        s -= 1
    return s, head.i + 1


def person_name(ent: Span) -> str:
    """A PERSON entity's text without the titles the recogniser kept ("Councillor Ben Ashe")."""
    words = list(ent)
    while len(words) > 1 and words[0].lower_.rstrip(".") in _TITLE_WORDS:
        words.pop(0)
    if words and words[-1].text in ("’s", "'s"):
        words.pop()
    return ent.doc[words[0].i : words[-1].i + 1].text if words else ent.text


def sentence_of(doc: Doc, char: int) -> Span | None:
    """The spaCy sentence holding character ``char``."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.sent if span is not None else None
