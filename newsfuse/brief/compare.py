"""Where outlets disagree: the same age, count, date or amount given differently, and the
same name spelled differently.

Facts from :func:`newsfuse.analysis.facts.extract_facts` are grouped across outlets by kind,
qualifier and subject (people through :class:`newsfuse.brief.entities.NameIndex`, other
subjects by their lemmas, near-identical ones joined). A group is a disagreement only when
two outlets give values that cannot both be true, so the rules lean to silence:

- a less precise date fits a more precise one ("2008" / "January 2008");
- a bound fits what it bounds ("at least three" / "four"), an "about" fits within
  :data:`APPROX_TOLERANCE`;
- an age "now" is never compared with an age at the time of the events (the qualifier
  keeps them apart: "a 15-year-old boy" / "the boy, now 29");
- a subject that one article gives two different values for is ambiguous, and not compared;
- two facts clash only in sentences about the same thing (:data:`CONTEXT_OVERLAP`), except
  the story's own toll (people injured, killed, arrested, homes flooded...: a *headline*
  count), which outlets state in sentences that share little else; facts from sentences that
  name different years never clash;
- a bare surname that two people of the story share ("Pasztor", mother and child) is not
  resolved to either, so its facts are compared with nothing.

A spelling disagreement cites each outlet once: the first sentence where it spells the name so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process

from newsfuse.analysis.dates import fits
from newsfuse.analysis.entities import strip_name
from newsfuse.analysis.facts import FactRecord, parse_number
from newsfuse.analysis.sentences import split_sentences
from newsfuse.brief.entities import NameIndex, spelling_groups
from newsfuse.lexicon import TIME_UNIT_SECONDS
from newsfuse.model import Article, Disagreement, Entity, Fact, FactMention, Span

__all__ = ["compare", "compatible", "APPROX_TOLERANCE", "SUBJECT_SIMILARITY", "CONTEXT_OVERLAP"]

#: "about N" fits any value within this fraction of N. A quarter keeps "about five hours" and
#: "four hours" together and tells "about 30" from "50"; set by hand on the seeds and the
#: fixture stories in tests/test_facts.py (no labelled set of numeric disagreements exists).
APPROX_TOLERANCE = 0.25

#: Two subject keys of one kind are the same subject at this rapidfuzz ratio or above ("mp
#: resign" / "mps resign" after lemmas failed). High on purpose: a wrong join makes a false
#: disagreement, a missed join only a missed one.
SUBJECT_SIMILARITY = 90

#: Two facts clash only when their sentences share at least this share of content words
#: (lemmas; overlap coefficient, |A & B| / min(|A|, |B|)). Outlets retelling one event share
#: most of the names and verbs around a number ("Khan, 48," / "Khan, 48," ~0.6 on the seeds);
#: the same verb about another instance ("the program began in 2007" / "the list begins on
#: May 12, 2009", BASIL) shares few. 0.5 removed those false disagreements on BASIL dev
#: (bench/entities_speed.py) and keeps every one in tests/test_facts.py. Headline counts
#: (people injured, homes flooded: ``FactRecord.headline``) skip this test: outlets state the
#: toll in sentences that share little else ("Forty-three people were hurt when ..." /
#: "Thirty-four people were injured, according to the fire service", examples/story), and a
#: story names one toll of each kind; they are kept apart only by different years.
CONTEXT_OVERLAP = 0.5

_SECONDS = TIME_UNIT_SECONDS  # newsfuse.lexicon


def _quantity(record: FactRecord) -> tuple[str, float] | None:
    """(unit, number) of a numeric fact: ("", 48), ("second", 18000), ("GBP", 5000)."""
    value = record.mention.value
    if record.kind in ("age", "count"):
        n = parse_number(value)
        return None if n is None else ("", n)
    if record.kind == "duration":
        number, _, unit = value.partition(" ")
        n = parse_number(number)
        unit = unit.rstrip("s") if unit.rstrip("s") in _SECONDS else unit
        if n is None or unit not in _SECONDS:
            return None
        return ("second", n * _SECONDS[unit])
    if record.kind == "share":
        n = parse_number(value.rstrip("%"))
        return None if n is None else ("%", n)
    if record.kind == "amount":
        currency, _, number = value.partition(" ")
        n = parse_number(number)
        return None if n is None else (currency, n)
    return None


def _fits(bound: str, n: float, other: float) -> bool:
    """Whether ``other`` can be true when one outlet says ``bound`` ``n``."""
    if bound == "min":
        return other >= n
    if bound == "max":
        return other <= n
    if bound == "approx":
        return abs(other - n) <= APPROX_TOLERANCE * max(abs(n), 1)
    return other == n


def compatible(a: FactRecord, b: FactRecord) -> bool:
    """True when the two facts (same kind and subject) can both be true."""
    if a.kind == "date":
        return fits(a.mention.value, b.mention.value)  # "2008" fits "2008-01", a week its days
    qa, qb = _quantity(a), _quantity(b)
    if qa is None or qb is None or qa[0] != qb[0]:
        return True  # cannot tell: stay silent
    if a.bound and b.bound:
        if a.bound == "approx" or b.bound == "approx":
            return _fits("approx", qa[1], qb[1]) or _fits("approx", qb[1], qa[1])
        if a.bound == b.bound:
            return True  # "at least 3" and "at least 5" can both hold
        lo, hi = (qa[1], qb[1]) if a.bound == "min" else (qb[1], qa[1])
        return lo <= hi
    if a.bound:
        return _fits(a.bound, qa[1], qb[1])
    if b.bound:
        return _fits(b.bound, qb[1], qa[1])
    return qa[1] == qb[1]


def _label(record: FactRecord) -> str:
    words = {"min": "at least ", "max": "at most ", "approx": "about "}
    return words.get(record.bound, "") + record.mention.value


class _People:
    """The story's entities for :func:`_subject_key`, indexed once: names to canonical names,
    and people by the last word of their name."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.names = NameIndex(entities)
        self.by_surname: dict[str, list[Entity]] = defaultdict(list)
        for e in entities:
            if e.kind == "person":
                self.by_surname[e.name.lower().split()[-1]].append(e)
        self._full: dict[int, set[str]] = {}

    def named_in_full(self, e: Entity) -> set[str]:
        """The articles that name ``e`` with two words or more."""
        found = self._full.get(id(e))
        if found is None:
            found = self._full[id(e)] = {m.article for m in e.mentions if len(m.text.split()) >= 2}
        return found


def _subject_key(record: FactRecord, people: _People) -> tuple[str, str]:
    """(key, display) of what the fact is about."""
    if record.subject_is_name:
        words = strip_name(record.subject).split()
        if len(words) == 1:
            named = _people_named(words[0], record.mention.article, people)
            if len(named) > 1:  # "Pasztor, 29" in a story of a mother and child Pasztor
                return f"{record.key}@{record.mention.article}", record.subject
            name = named[0].name if named else people.names.canonical(record.subject)
        else:
            name = people.names.canonical(record.subject)
        if name is not None:
            return "name:" + name.lower(), name
    if record.headline:  # "people hurt" and "people treated" are shown as "people injured"
        return record.key, record.key
    return record.key, record.subject


def _people_named(surname: str, article: str, people: _People) -> list[Entity]:
    """The people a bare surname in ``article`` can be: the one person of the story with that
    surname, else those the same article names in full (several when it is ambiguous)."""
    named = people.by_surname.get(surname.lower(), [])
    if len(named) <= 1:
        return named
    here = [e for e in named if article in people.named_in_full(e)]
    return here or named


def _display(kind: str, subject: str, qualifier: str) -> str:
    if kind == "age":
        return f"{subject}: age" + (" now" if qualifier == "now" else "")
    if kind == "date" and qualifier:
        return f"{subject}: date ({qualifier})"
    return f"{subject}: {kind}"


def compare(
    articles: Sequence[Article],
    entities: Sequence[Entity],
    fact_records: Mapping[str, Sequence[FactRecord]],
    sentences: Mapping[str, Sequence[Span]] | None = None,
) -> tuple[list[Fact], list[Disagreement]]:
    """Facts across outlets and the disagreements among them.

    ``fact_records`` maps an article id to its records (from ``extract_facts``); ``entities``
    come from ``merge_entities`` on the same articles; ``sentences`` are each article's
    sentences when the caller has split them (else they are split here when needed). Facts are
    sorted by the number of outlets that state them; spelling disagreements follow the factual ones.
    """
    known = {a.id for a in articles}
    dates = {a.id: a.date for a in articles}
    groups: dict[tuple[str, str, str], list[FactRecord]] = defaultdict(list)
    shown: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    people = _People(entities)
    for article_id, records in fact_records.items():
        if article_id not in known:
            continue
        for r in records:
            if r.kind == "date" and not r.mention.value:
                continue  # a relative date in an undated article: only the timeline anchors it
            key, display = _subject_key(r, people)
            gk = (r.kind, r.qualifier, key)
            groups[gk].append(r)
            shown[gk][display] += 1
    _join_similar(groups, shown)
    ages: dict[str, set[str]] = defaultdict(set)  # every age each article states
    for article_id, records in fact_records.items():
        ages[article_id].update(r.mention.value for r in records if r.kind == "age")

    facts: list[Fact] = []
    disagreements: list[Disagreement] = []
    for (kind, qualifier, _), records in groups.items():
        said = shown[(kind, qualifier, _)]
        # the commonest wording of the subject; ties by the words, not by the input order
        subject = _display(kind, min(said, key=lambda w: (-said[w], w)), qualifier)
        records.sort(key=lambda r: (r.mention.outlet, r.mention.article, r.span.start))
        facts.append(Fact(kind=kind, subject=subject, mentions=tuple(r.mention for r in records)))
        d = _disagreement(kind, subject, records, dates, ages)
        if d is not None:
            disagreements.append(d)
    facts.sort(key=lambda f: (-len({m.outlet for m in f.mentions}), f.kind, f.subject))
    disagreements.sort(key=lambda d: (-sum(len(ms) for _, ms in d.values), d.kind, d.subject))
    disagreements.extend(_spellings(articles, entities, sentences or {}))
    return facts, disagreements


def _join_similar(
    groups: dict[tuple[str, str, str], list[FactRecord]], shown: dict[tuple[str, str, str], Counter[str]]
) -> None:
    """Join groups of one kind and qualifier whose subject keys are near-identical
    (:data:`SUBJECT_SIMILARITY`), the larger group taking in the smaller. Names are left apart."""
    keys = sorted(groups, key=lambda k: (-len(groups[k]), k))  # ties by the key, not input order
    # only keys of one kind and qualifier are compared, and rapidfuzz scores each key against the
    # later ones of its block in one call (in C), instead of a Python loop over every pair
    blocks: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    place: dict[tuple[str, str, str], int] = {}
    for k in keys:
        if not k[2].startswith("name:"):
            place[k] = len(blocks[k[:2]])
            blocks[k[:2]].append(k)
    for a in keys:
        if a not in groups or a not in place:
            continue
        later = blocks[a[:2]][place[a] + 1 :]
        hits = process.extract(
            a[2], [b[2] for b in later], scorer=fuzz.ratio, score_cutoff=SUBJECT_SIMILARITY, limit=None
        )
        for i in sorted(hit[2] for hit in hits):
            b = later[i]
            if b in groups and fuzz.ratio(a[2], b[2]) >= SUBJECT_SIMILARITY:
                groups[a].extend(groups.pop(b))
                shown[a].update(shown.pop(b))


def _same_context(a: FactRecord, b: FactRecord) -> bool:
    if a.years and b.years and not a.years & b.years:
        return False  # "killed in 2010" / "killed in 2014": two events
    if a.headline and b.headline:
        # people injured, homes flooded: the story's own toll, whatever else the sentence says
        return True
    if not a.context or not b.context:
        return True
    shared = len(a.context & b.context)
    return shared / min(len(a.context), len(b.context)) >= CONTEXT_OVERLAP


def _clash(
    a: FactRecord,
    b: FactRecord,
    dates: Mapping[str, object],
    ages: Mapping[str, set[str]] | None = None,
) -> bool:
    """Two facts from different outlets that cannot both be true about one thing."""
    if a.mention.outlet == b.mention.outlet or compatible(a, b) or not _same_context(a, b):
        return False
    if (a.relative or b.relative) and dates.get(a.mention.article) != dates.get(b.mention.article):
        # "on Tuesday" in articles of different days: more likely two events than a mistake
        return False
    if a.kind == "age" and not a.subject_is_name:
        # "a 4-year-old boy ... his 20-year-old brother" / "a 20-year-old man ... his 4-year-old
        # brother": each outlet gives both ages, to two people a common noun cannot tell apart
        seen = ages or {}
        if a.mention.value in seen.get(b.mention.article, ()) and b.mention.value in seen.get(a.mention.article, ()):
            return False
    return True


def _disagreement(
    kind: str,
    subject: str,
    records: list[FactRecord],
    dates: Mapping[str, object],
    ages: Mapping[str, set[str]] | None = None,
) -> Disagreement | None:
    outlets = {r.mention.outlet for r in records}
    if len(outlets) < 2:
        return None
    by_article: dict[str, list[FactRecord]] = defaultdict(list)
    for r in records:
        by_article[r.mention.article].append(r)
    for own in by_article.values():
        if any(not compatible(a, b) for i, a in enumerate(own) for b in own[i + 1 :]):
            return None  # one article gives two values: the subject is ambiguous
    clash = any(_clash(a, b, dates, ages) for i, a in enumerate(records) for b in records[i + 1 :])
    if not clash:
        return None
    values: dict[str, list[FactMention]] = defaultdict(list)
    for r in records:
        values[_label(r)].append(r.mention)
    ordered = sorted(values.items(), key=lambda kv: (-len({m.outlet for m in kv[1]}), kv[0]))
    note = "; ".join(f"{v}: " + ", ".join(sorted({m.outlet for m in ms})) for v, ms in ordered)
    return Disagreement(kind=kind, subject=subject, values=tuple((v, tuple(ms)) for v, ms in ordered), note=note)


def _spellings(
    articles: Sequence[Article], entities: Sequence[Entity], given: Mapping[str, Sequence[Span]]
) -> list[Disagreement]:
    by_id = {a.id: a for a in articles}
    sentences: dict[str, Sequence[Span]] = dict(given)
    out = []
    for entity in entities:
        groups = spelling_groups(entity)
        if len(groups) < 2:
            continue
        values = []
        for spelling, mentions in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            fms = []
            seen: set[str] = set()
            for m in sorted(mentions, key=lambda m: (m.article, m.start)):
                article = by_id.get(m.article)
                if article is None or article.outlet in seen:
                    continue  # one citation per outlet: the first sentence that spells it so
                seen.add(article.outlet)
                if m.article not in sentences:
                    sentences[m.article] = split_sentences(article.text)
                sent = next((s for s in sentences[m.article] if s.start <= m.start < s.end), None)
                start, end = (sent.start, sent.end) if sent else (m.start, m.end)
                fms.append(
                    FactMention(
                        article=m.article,
                        outlet=article.outlet,
                        start=start,
                        end=end,
                        text=article.text[start:end],
                        value=spelling,
                        wording=m.text,
                    )
                )
            if fms:
                values.append((spelling, tuple(fms)))
        if len(values) < 2:
            continue
        note = "; ".join(f"{v}: " + ", ".join(sorted({m.outlet for m in ms})) for v, ms in values)
        out.append(Disagreement(kind="spelling", subject=entity.name, values=tuple(values), note=note))
    return out
