"""One entry per real-world entity across the outlets of a story.

People are grouped by surname: every full name ("Crispin Blunt") starts or joins a group whose
given names fit (the same words, fewer of them - "Ahmad Khan" in "Imran Ahmad Khan" - or
spelled alike - "Ahmad" / "Ahmed", or with the same consonants - "Katherine" / "Kathryn");
a bare surname or title ("Blunt", "Mr Blunt") joins the
group with that surname (the one named in the same article first, else the most named). The
canonical name is the longest form the story uses, the most widely used spelling of it when
there are several; the other spellings are the entity's ``variants``.

Organisations and places are grouped by their name without "the", case and accents, and an
acronym joins the long name it abbreviates ("APPG").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsfuse.analysis.entities import strip_name
from newsfuse.brief.order import article_ranks
from newsfuse.lexicon import NICKNAMES as _NICKNAMES
from newsfuse.model import Article, Entity, EntityMention

__all__ = [
    "merge_entities",
    "canonical_name",
    "NameIndex",
    "spelling_groups",
    "same_person",
    "GIVEN_NAME_SIMILARITY",
    "NICKNAMES",
]

#: Two given names are one name spelled two ways at this rapidfuzz ratio (0-100) or above.
#: 80 admits one changed letter in a five-letter name ("Ahmad" / "Ahmed", the seeds) and
#: keeps apart pairs of distinct names that share letters ("John" / "Joan" 75, "Mark" / "Mary"
#: 75, "Dan" / "Don" 67). Set on the seeds and the fixture stories in tests/test_entities.py.
GIVEN_NAME_SIMILARITY = 80

#: Given names shorter than this are only equal when spelled the same (short names differ by
#: one letter too easily: "Ed" / "Ty").
MIN_FUZZY_LENGTH = 4


def _norm(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces, no leading "the"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("\xa0", " ").lower()  # noqa: RUF001
    # a nickname in quotation marks is a word of the name: Lewis "Scooter" Libby / Scooter Libby
    words = [w.strip("\"“”‘'") or w for w in text.split()]  # noqa: RUF001
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _form(text: str, kind: str) -> str:
    """A mention's name form: a person's without titles, any without possessive or "the"."""
    if kind == "person":
        return " ".join(strip_name(text).split())
    words = text.replace("\xa0", " ").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    form = " ".join(words)
    for end in ("'s", "’s"):  # noqa: RUF001
        if form.endswith(end):
            form = form[: -len(end)]
    return form


#: A consonant skeleton this long or longer is specific enough to call two given names one
#: ("kthrn": Katherine / Kathryn / Catherine); shorter ones are shared by distinct names
#: ("rk": Eric / Erica, "ls": Louis / Louise).
MIN_SKELETON = 4

# Endings that make another given name of one ("Paul" / "Paula"); a bare "e" is left out:
# "Cheryl" / "Cheryle" is one name spelled two ways (seen on Multi-News).
_FEMININE_ENDINGS = frozenset(("a", "ine", "le", "elle", "ette", "ina"))

_SOUNDS = (("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("z", "s"), ("v", "f"))


def _skeleton(word: str) -> str:
    """The consonants of a given name as said, in order, doubles collapsed: "katherine",
    "kathryn", "catherine" -> "kthrn"; "stephen", "steven" -> "stfn"; "john" -> "jhn"."""
    for a, b in _SOUNDS:
        word = word.replace(a, b)
    out: list[str] = []
    for ch in word.rstrip("h"):
        if ch.isalpha() and ch not in "aeiouy" and (not out or out[-1] != ch):
            out.append(ch)
    return "".join(out)


def _alike(word: str, other: str) -> bool:
    """Two given names that are one name spelled two ways ("Ahmad" / "Ahmed", "Katherine" /
    "Kathryn"): close letter for letter, or the same consonants in the same order."""
    if len(word) < MIN_FUZZY_LENGTH or len(other) < MIN_FUZZY_LENGTH:
        return False
    short, long = sorted((word, other), key=len)
    if long.startswith(short) and long[len(short) :] in _FEMININE_ENDINGS:
        return False  # "Paul" / "Paula", "Daniel" / "Danielle": two names, often two people
    if fuzz.ratio(word, other) >= GIVEN_NAME_SIMILARITY:
        return True
    skeleton = _skeleton(word)
    return len(skeleton) >= MIN_SKELETON and skeleton == _skeleton(other)


#: Short forms of given names, to the full names they stand for (newsfuse.lexicon). "Dick
#: Blumenthal" and "Richard Blumenthal" are one person, but a short form is a way of naming,
#: not a spelling: it never makes a spelling disagreement.
NICKNAMES = _NICKNAMES


def _nickname_of(word: str, other: str) -> bool:
    """True when one of two given names is a short form of the other ("Dick" / "Richard")."""
    return other in NICKNAMES.get(word, ()) or word in NICKNAMES.get(other, ())


def _given_fit(short: list[str], long: list[str]) -> bool:
    """True when each given name of ``short`` matches one of ``long`` (same, alike or a short
    form of it)."""
    for word in short:
        if word in long or any(_alike(word, other) or _nickname_of(word, other) for other in long):
            continue
        return False
    return True


def same_person(a: str, b: str) -> bool:
    """True when two full or partial names can name one person ("Mr Blunt" / "Crispin Blunt")."""
    wa, wb = _norm(strip_name(a)).split(), _norm(strip_name(b)).split()
    if not wa or not wb:
        return False
    if wa[-1] != wb[-1]:
        return bool(wa[:-1]) and wa[:-1] == wb[:-1] and _surname_alike(wa[-1], wb[-1])
    short, long = sorted((wa[:-1], wb[:-1]), key=len)
    return _given_fit(short, long)


def _surname_alike(a: str, b: str) -> bool:
    """Two surnames that are one spelled two ways ("McRae" / "MacRae", "Smith" / "Smyth").

    Only used for full names with the very same given names: "Fiona McRae" / "Fiona MacRae"."""
    a, b = (re.sub(r"^mac(?=[a-z])", "mc", w) for w in (a, b))
    return a == b or (min(len(a), len(b)) >= MIN_FUZZY_LENGTH and fuzz.ratio(a, b) >= GIVEN_NAME_SIMILARITY)


@dataclass
class _Group:
    kind: str
    key: str  # surname for people, normalised name otherwise
    forms: Counter[str] = field(default_factory=Counter)  # name form -> mentions
    form_outlets: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    mentions: list[tuple[EntityMention, str]] = field(default_factory=list)  # (mention, outlet)
    article_ids: set[str] = field(default_factory=set)  # of the mentions

    def add(self, form: str, mention: EntityMention, outlet: str) -> None:
        self.forms[form] += 1
        self.form_outlets[form].add(outlet)
        self.mentions.append((mention, outlet))
        self.article_ids.add(mention.article)

    def given(self) -> list[list[str]]:
        return [_norm(f).split()[:-1] for f in self.forms if len(f.split()) >= 2]

    def articles(self) -> set[str]:
        return self.article_ids


#: An all-capitals name this long or longer may be an acronym of a longer name ("APPG").
ACRONYM_MIN = 3


def _initials(name: str) -> str:
    letters = []
    for word in name.replace("-", " ").split():
        if word[:1].isupper():
            letters.append(word[0])
    return "".join(letters)


def _canonical(group: _Group) -> tuple[str, tuple[str, ...]]:
    """The name to show and the spelling variants of it."""
    forms = list(group.forms)
    if group.kind == "person":
        ranked = sorted(
            forms,
            key=lambda f: (-len(f.split()), -len(group.form_outlets[f]), -group.forms[f], f),
        )
        best = ranked[0]
        variants = []
        seen = {_norm(best)}
        longer = [_norm(best).split()]
        for f in ranked[1:]:
            words = _norm(f).split()
            # a part of a name already listed ("McRae" of "Fiona McRae") is not a spelling,
            # and a short form ("Dick Blumenthal" of "Richard Blumenthal") is not one either
            if _norm(f) in seen or any(
                all(w in other or any(_nickname_of(w, o) for o in other) for w in words) for other in longer
            ):
                continue
            seen.add(_norm(f))
            longer.append(words)
            variants.append(f)
        return best, tuple(variants)
    ranked = sorted(forms, key=lambda f: (-len(group.form_outlets[f]), -group.forms[f], -len(f), f))
    # an acronym is not the name to show when the long form is there
    long_forms = [f for f in ranked if not f.isupper()]
    return (long_forms or ranked)[0], ()


def merge_entities(
    articles: Sequence[Article],
    mentions_by_article: Mapping[str, Sequence[tuple[EntityMention, str]]],
) -> list[Entity]:
    """Merge per-article mentions (from ``extract_entities``) into story entities.

    ``mentions_by_article`` maps an article id to its (mention, kind) pairs. The result is
    sorted by importance: outlets naming the entity, then mentions, then name.
    """
    outlet_of = {a.id: a.outlet for a in articles}
    items: list[tuple[EntityMention, str, str, str]] = []  # mention, kind, form, outlet
    for article in articles:
        for mention, kind in mentions_by_article.get(article.id, ()):
            form = _form(mention.text, kind)
            if form:
                items.append((mention, kind, form, outlet_of.get(mention.article, article.outlet)))
    # In a content order, so that no tie below ("first seen") depends on the order of the
    # articles: by the name, then the article's content (brief/order.py), then position.
    ranks = article_ranks(articles)
    items.sort(key=lambda it: (it[2], it[1], ranks.get(it[0].article, -1), it[0].start))

    # a headline run-on after a name the story also gives alone: "Glenn Beck Rips ..." is
    # Glenn Beck ("Deval Patrick Names", "Glenn Beck CPAC")
    full_names = {_norm(f) for _, k, f, _ in items if k == "person" and len(f.split()) >= 2}
    items = [(m, k, _known_prefix(f, full_names) if k == "person" else f, o) for m, k, f, o in items]

    # surnames of people named in full anywhere in the story: a lone surname tagged as
    # something else in one article is that person ("Khan" tagged a place)
    surnames = {_norm(f).split()[-1] for _, k, f, _ in items if k == "person" and len(f.split()) >= 2}
    items = [(m, "person" if k != "person" and _norm(f) in surnames else k, f, o) for m, k, f, o in items]

    # one kind per name in a story: "White House" tagged a place in one article and an
    # organisation in three is an organisation (majority; ties go to the first in items' order)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for _, k, f, _ in items:
        if k != "person":
            votes[_norm(f)][k] += 1
    items = [(m, votes[_norm(f)].most_common(1)[0][0] if k != "person" else k, f, o) for m, k, f, o in items]
    # a lone word tagged a person that no full name in the story contains, and that the
    # story names as a place or organisation at least as often, is that ("Kelmarsh")
    name_words = {w for _, k, f, _ in items if k == "person" and len(f.split()) >= 2 for w in _norm(f).split()}
    as_person = Counter(_norm(f) for _, k, f, _ in items if k == "person" and len(f.split()) == 1)
    items = [
        (m, votes[_norm(f)].most_common(1)[0][0], f, o)
        if k == "person"
        and len(f.split()) == 1
        and _norm(f) not in name_words
        and votes.get(_norm(f))
        and sum(votes[_norm(f)].values()) >= as_person[_norm(f)]
        else (m, k, f, o)
        for m, k, f, o in items
    ]

    groups: list[_Group] = []
    groups.extend(_merge_people([it for it in items if it[1] == "person"]))
    for kind in ("organisation", "place"):
        groups.extend(_merge_names(kind, [it for it in items if it[1] == kind]))

    entities = []
    for g in groups:
        name, variants = _canonical(g)
        mentions = tuple(sorted((m for m, _ in g.mentions), key=lambda m: (m.article, m.start)))
        outlets = tuple(sorted({o for _, o in g.mentions}))
        entities.append(Entity(name=name, kind=g.kind, mentions=mentions, outlets=outlets, variants=variants))
    entities.sort(key=lambda e: (-len(e.outlets), -len(e.mentions), e.name))
    return entities


def _known_prefix(form: str, full_names: set[str]) -> str:
    """``form`` cut to the longest full name of the story it starts with, when the words after
    it are capitalised run-on words; else ``form``."""
    words = form.split()
    for k in range(len(words) - 1, 1, -1):
        if _norm(" ".join(words[:k])) in full_names and all(w[:1].isupper() for w in words[k:]):
            return " ".join(words[:k])
    return form


def _merge_people(items: list[tuple[EntityMention, str, str, str]]) -> list[_Group]:
    by_surname: dict[str, list[_Group]] = defaultdict(list)
    # for the surname-variant step, without a scan of every surname for each new name: the
    # order surnames were first met, the surnames each group is filed under, and for each
    # given-name list the surnames that have a group with it
    surname_order: dict[str, int] = {}
    homes: dict[int, list[str]] = {}
    with_given: dict[tuple[str, ...], set[str]] = defaultdict(set)
    full = [it for it in items if len(it[2].split()) >= 2]
    short = [it for it in items if len(it[2].split()) < 2]
    # most used full forms first, so a group's first form is a common one
    use = Counter(_norm(it[2]) for it in full)
    full.sort(key=lambda it: (-len(it[2].split()), -use[_norm(it[2])], it[2]))
    for mention, _kind, form, outlet in full:
        words = _norm(form).split()
        surname, given = words[-1], words[:-1]
        surname_order.setdefault(surname, len(surname_order))
        target = None
        for g in by_surname[surname]:
            if any(_given_fit(*sorted((given, other), key=len)) for other in g.given()):
                target = g
                break
        if target is None and given:
            # the same given names and a surname spelled another way: "Fiona MacRae"; the first
            # such surname met, as a scan of the surnames in order would find
            alike = [
                other
                for other in with_given.get(tuple(given), ())
                if other != surname and _surname_alike(surname, other)
            ]
            if alike:
                other_surname = min(alike, key=surname_order.__getitem__)
                target = next(g for g in by_surname[other_surname] if given in g.given())
                by_surname[surname].append(target)  # a bare "MacRae" finds it too
                homes[id(target)].append(surname)
                for other_given in target.given():
                    with_given[tuple(other_given)].add(surname)
        if target is None:
            target = _Group("person", surname)
            by_surname[surname].append(target)
            homes[id(target)] = [surname]
        target.add(form, mention, outlet)
        with_given[tuple(given)].update(homes[id(target)])

    first_names: dict[str, list[_Group]] = defaultdict(list)
    for gs in by_surname.values():
        for g in gs:
            for given in g.given():
                if given and g not in first_names[given[0]]:
                    first_names[given[0]].append(g)

    for mention, _kind, form, outlet in short:
        word = _norm(form)
        candidates = by_surname.get(word) or first_names.get(word) or []
        if not candidates:
            g = _Group("person", word)
            by_surname[word].append(g)
            candidates = [g]
        same_article = [g for g in candidates if mention.article in g.articles()]
        pool = same_article or candidates
        target = max(pool, key=lambda g: len(g.mentions))
        target.add(form, mention, outlet)
    unique = {id(g): g for gs in by_surname.values() for g in gs}  # a group may sit under two spellings
    return list(unique.values())


def _merge_names(kind: str, items: list[tuple[EntityMention, str, str, str]]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for mention, _, form, outlet in items:
        key = _norm(form)
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(kind, key)
        g.add(form, mention, outlet)
    # "Labour" joins "Labour Party"; "APPG" joins "All-Party Parliamentary Group ...": the first
    # group (in the order first seen) that is either. Instead of a scan of every group for each,
    # the groups are indexed by the first letters of their forms' initials (an acronym has at
    # least three letters, so a group it joins has forms with those three initials).
    order = {key: i for i, key in enumerate(groups)}
    by_initials: dict[str, set[str]] = defaultdict(set)
    for key, g in groups.items():
        for f in g.forms:
            by_initials[_initials(f)[:ACRONYM_MIN]].add(key)
    tails = _prepositional_tails(groups) if kind == "organisation" else {}
    for key in sorted(groups, key=len):
        g = groups[key]
        candidates = []
        party = groups.get(key + " party")
        if party is not None and party is not g:
            candidates.append(key + " party")
        candidates.extend(k for k in tails.get(key, ()) if k in groups and k != key)
        forms = list(g.forms)
        if all(f.isupper() and len(f) >= ACRONYM_MIN for f in forms):
            for other_key in by_initials.get(forms[0][:ACRONYM_MIN], ()):
                other = groups.get(other_key)
                if (
                    other is not None
                    and other is not g
                    and any(_initials(of).startswith(forms[0]) for of in other.forms)
                    and not all(of.isupper() for of in other.forms)
                ):
                    candidates.append(other_key)
        if candidates:
            target_key = min(candidates, key=order.__getitem__)
            target = groups[target_key]
            for m, o in g.mentions:
                form = _form(m.text, kind)
                target.add(form, m, o)
                by_initials[_initials(form)[:ACRONYM_MIN]].add(target_key)
            del groups[key]
    return list(groups.values())


#: The prepositions that join a body to what it deals with in an organisation's name ("Committee
#: on Foreign Affairs", "Department of Health", "Commission for Racial Equality").
_NAME_PREPOSITIONS = re.compile(r"\s(?:on|of|for)\s")
#: Fewest words in the tail of such a name that is taken for that organisation on its own ("Global
#: LGBT+ Rights" in "the APPG on Global LGBT+ Rights"); a one-word tail ("Health") may name
#: something else.
MIN_TAIL_WORDS = 2


def _prepositional_tails(groups: dict[str, _Group]) -> dict[str, list[str]]:
    """For each normalised tail of an organisation's name after "on", "of" or "for" (at least
    :data:`MIN_TAIL_WORDS` words, every word capitalised), the groups whose forms end so: the
    model often tags the tail alone ("the APPG on [Global LGBT+ Rights]"), which is then one of
    their mentions, not another organisation."""
    tails: dict[str, list[str]] = defaultdict(list)
    for key, g in groups.items():
        for form in g.forms:
            for m in _NAME_PREPOSITIONS.finditer(form):
                tail = form[m.end() :]
                words = tail.split()
                if len(words) >= MIN_TAIL_WORDS and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
                    if key not in tails[_norm(tail)]:
                        tails[_norm(tail)].append(key)
    return tails


class NameIndex:
    """The story's entities indexed by name, built once per story: :meth:`canonical` answers
    what :func:`canonical_name` does in time independent of the number of entities.

    ``NameIndex(merge_entities(...)).canonical`` is the ``canonical`` callable the quote
    line-up and :func:`newsfuse.brief.compare.compare` take.
    """

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = tuple(entities)
        self._names: dict[str, str] = {}  # normalised name or variant -> the first entity's name
        self._mentions: dict[str, str] = {}  # normalised mention form -> the first entity's name
        self._surnames: dict[str, str] = {}  # last word of a person's name -> the first person's name
        for e in self.entities:
            for n in (e.name, *e.variants):
                self._names.setdefault(_norm(n), e.name)
        for e in self.entities:
            for m in e.mentions:
                self._mentions.setdefault(_norm(_form(m.text, e.kind)), e.name)
        for e in self.entities:
            if e.kind == "person":
                for n in (e.name, *e.variants):
                    words = _norm(n).split()
                    if words:
                        self._surnames.setdefault(words[-1], e.name)

    def canonical(self, name: str) -> str | None:
        """The canonical name of the entity ``name`` refers to, or None when none fits."""
        form = _norm(strip_name(name))
        if not form:
            return None
        found = self._names.get(form)
        if found is None:
            found = self._mentions.get(form)
        if found is not None:
            return found
        words = form.split()
        if len(words) == 1:
            return self._surnames.get(words[0])
        if not _norm(strip_name(form)):
            # ``form`` is lower case, so strip_name leaves nothing of it and same_person is
            # False for every entity (kept as it was: identical output)
            return None
        for e in self.entities:  # most important first
            if e.kind == "person" and any(same_person(form, n) for n in (e.name, *e.variants)):
                return e.name
        return None


def canonical_name(name: str, entities: Sequence[Entity]) -> str | None:
    """The canonical name of the entity ``name`` refers to, or None when none fits.

    ``"Mr Blunt"``, ``"Blunt"``, ``"Blunt's"`` -> ``"Crispin Blunt"`` when that entity is in
    ``entities`` (from :func:`merge_entities`); descriptions ("a spokesperson") give None.
    This indexes ``entities`` on each call: for many names of one story, build a
    :class:`NameIndex` once and call its ``canonical``.
    """
    return NameIndex(entities).canonical(name)


def spelling_groups(entity: Entity) -> dict[str, list[EntityMention]]:
    """For an entity with spelling variants: each spelling and the mentions that use it.

    A mention counts for a spelling when it contains one of that spelling's own words
    (a word the other spellings do not have), so "Imran Ahmed Khan" and "Ahmed Khan" count
    for "Ahmed"; a bare "Khan" counts for none.
    """
    if not entity.variants:
        return {}
    spellings = [entity.name, *entity.variants]
    words = {s: set(_norm(s).split()) for s in spellings}
    own = {s: words[s] - set().union(*(words[o] for o in spellings if o != s)) for s in spellings}
    out: dict[str, list[EntityMention]] = {}
    for m in entity.mentions:
        mw = set(_norm(strip_name(m.text)).split())
        hits = [s for s in spellings if own[s] & mw]
        if len(hits) == 1:
            out.setdefault(hits[0], []).append(m)
    return out
