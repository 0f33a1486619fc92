"""The story's events in order: each dated statement of the articles, lined up across outlets.

The dates are the date facts of the articles' records (:mod:`newsfuse.analysis.facts`, read
with :mod:`newsfuse.analysis.dates`): "found guilty on Monday" in an article of Tuesday 12 April
2022 is 2022-04-11, "in January 2008" is 2008-01, "seven years ago" in 2026 is 2019. An event is
a sentence with such a date; the events of several outlets are one when they state the same
thing:

- the same event words (lemmas, "find guilty"; near-identical ones joined as in
  :mod:`newsfuse.brief.compare`) with dates that fit one another ("2008" / "January 2008");
- or dates that fit and sentences that share most content words (:data:`SAME_EVENT_OVERLAP`);
- or the very same calendar month or day ("in January 2008", not "on Monday", which is the
  day of most of a story's events) and sentences that share some content words
  (:data:`SAME_DATE_OVERLAP`);
- or dates of different precision, one holding the other ("2008" / "January 2008" / "12 January
  2008"), none relative, and sentences that share words rare in the story: each shared word
  weighs by how few of the story's sentences use it, and a word every article uses (the main
  person's name) weighs nothing (:func:`word_weights`, :data:`RARE_SHARED_WEIGHT`);
- the same event words in sentences that share most content words but with dates that do not
  fit: one event on which the outlets disagree (its ``alternatives``), unless the dates are
  relative ones in articles of different days (two "on Tuesday" a week apart are two events).

Dates inside quotations are left out: a speaker's "today" is the day they spoke, not the day
the article was written.

An article without a date in a story with dated articles: its relative dates ("on Monday") are
read against the story's date (:func:`story_anchor`: the commonest publication date, the latest
on a tie) and the event is marked ``inferred`` when no dated article gives its date.

What an event shows: the sentence cut around the date, or, where the date sits in a clause on a
noun ("The dam, completed in 1964, broke apart on Monday"), that clause alone between "…"
(``FactRecord.clause``): the rest of the sentence happened at another time. A line that leans on
a sentence it does not show ("On Monday it gave way.") is left out where another event of that
date tells the day.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from newsfuse.analysis.dates import PRECISIONS, date_range, fits, resolve_date
from newsfuse.brief.compare import CONTEXT_OVERLAP, SUBJECT_SIMILARITY
from newsfuse.brief.order import article_ranks
from newsfuse.brief.summarizers.readable import needs_context
from newsfuse.lexicon import CONNECTIVE_OPENERS
from newsfuse.model import (
    Article,
    ArticleAnalysis,
    DatePrecision,
    FactKind,
    FactRecord,
    TimelineEvent,
)

__all__ = [
    "build_timeline",
    "story_anchor",
    "shorten",
    "word_weights",
    "shared_weight",
    "SAME_EVENT_OVERLAP",
    "SAME_DATE_OVERLAP",
    "RARE_SHARED_WEIGHT",
    "SHORT_WORDS",
]

#: Two dated sentences whose dates fit state one event when they share at least this share of
#: content words (overlap coefficient, as :data:`newsfuse.brief.compare.CONTEXT_OVERLAP`, whose
#: value and reasons it takes: retellings of one event share most names and verbs).
SAME_EVENT_OVERLAP = CONTEXT_OVERLAP

#: Two sentences giving the very same calendar month or day need share only this much: "the offence
#: which took place at a party in Staffordshire in January 2008" / "before the attack at a house
#: in Staffordshire in January 2008" share the place and the date, little else (0.27, seeds).
#: Set by hand on the seeds and examples/story, where 0.25 joins those and no two events of
#: the same day ("the spillway collapsed on Monday" / "the mayor visited the shelters on Monday
#: evening": 0.1).
SAME_DATE_OVERLAP = 0.25

#: Two sentences whose dates are of different precisions, one holding the other ("in 2008" /
#: "in January 2008"), none relative, state one event when the words they share weigh at least
#: this much (:func:`shared_weight`: the sum over the shared words of ln(S / s), S the story's
#: sentences with a number or date, s those using the word; a word of every article weighs 0).
#: About two words each used by a sixth of the story's sentences (2 x ln 6 = 3.6): a place, a
#: person or an act of the event itself, not of the story. Set on the seeds, examples/story and
#: the BASIL dev stories (a dev split; bench/timeline.py, bench/RESULTS.md "Timeline: one event
#: at several precisions"): the seeds' "found guilty of sexually assaulting a minor in 2008" /
#: "found guilty of the offence which took place ... in January 2008" weigh 4.15 and 4.56; on
#: BASIL the one such retelling ("his win in a special election in January 2010 to finish
#: Senator Edward M. Kennedy's term" / "a surprise 2010 victory in the race for the open seat of
#: Sen. Ted Kennedy") weighs 4.28 and the heaviest pair of two events 2.71 ("the talking points
#: ... the 2012 election" / "reviewed the talking points ... Sept. 15"); examples/story has no
#: such pair. Relative dates are left out: on BASIL 5 of the 8 pairs at this weight with a
#: relative date are two events ("reform will live or die this year" / "unveil their template
#: this week").
RARE_SHARED_WEIGHT = 3.5

#: The statement shown for an event is its sentence, cut to about this many words around the date.
SHORT_WORDS = 32


@dataclass(frozen=True)
class _Dated:
    record: FactRecord
    value: str
    inferred: bool
    article: Article
    rank: int
    crowded: int  # how many dates its sentence gives (a sentence of one date shows it best)


def story_anchor(articles: Sequence[Article]) -> _dt.date | None:
    """The date undated articles of the story are read against: the commonest publication date
    of the dated ones (the latest on a tie); None when no article is dated."""
    dates = Counter(a.date for a in articles if a.date is not None)
    if not dates:
        return None
    return max(dates, key=lambda d: (dates[d], d))


def _quoted(record: FactRecord, analysis: ArticleAnalysis) -> bool:
    start, end = record.span.start, record.span.end
    return any(q.start <= start < q.end or q.start < end <= q.end for q in analysis.quotes)


def _dated(articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]) -> list[_Dated]:
    anchor = story_anchor(articles)
    ranks = article_ranks(articles)
    by_id = {a.id: a for a in articles}
    out = []
    for analysis in analyses:
        per_sentence = Counter(r.mention.start for r in analysis.facts if r.kind == FactKind.DATE)
        article = by_id.get(analysis.article)
        if article is None:
            continue
        for r in analysis.facts:
            if r.kind != FactKind.DATE or _quoted(r, analysis):
                continue
            value, inferred = r.mention.value, False
            if not value and r.relative and anchor is not None and article.date is None:
                value = resolve_date(r.mention.wording, anchor, r.future) or ""
                inferred = True
            if value and date_range(value) is not None:
                out.append(_Dated(r, value, inferred, article, ranks[article.id], per_sentence[r.mention.start]))
    out.sort(key=lambda d: (d.rank, d.record.span.start))
    return out


def _overlap(a: FactRecord, b: FactRecord) -> float:
    if not a.context or not b.context:
        return 0.0
    return len(a.context & b.context) / min(len(a.context), len(b.context))


def word_weights(articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]) -> dict[str, float]:
    """How much sharing each content word tells of two sentences: ln(S / s), S the story's
    sentences with a number or date (those whose content words the records hold), s those of
    them using the word; 0 for a word every article uses, in a story of three articles or more
    (the main person, the story's own verb: with two, every shared word is in every article)."""
    sentences: dict[tuple[str, int], frozenset[str]] = {}
    for analysis in analyses:
        for r in analysis.facts:
            sentences.setdefault((analysis.article, r.mention.start), r.context)
    per_sentence: Counter[str] = Counter()
    per_article: dict[str, set[str]] = {}
    for (article, _), words in sentences.items():
        per_sentence.update(words)
        per_article.setdefault(article, set()).update(words)
    everywhere = set.intersection(*per_article.values()) if len(per_article) >= 3 else set()
    total = len(sentences)
    return {w: 0.0 if w in everywhere else math.log(total / n) for w, n in per_sentence.items()}


def shared_weight(a: frozenset[str], b: frozenset[str], weights: Mapping[str, float]) -> float:
    """The weight of the content words two sentences share (:func:`word_weights`)."""
    return sum(weights.get(w, 0.0) for w in a & b)


def _precision(value: str) -> str:
    if "-W" in value:
        return "week"
    return {4: "year", 7: "month"}.get(len(value), "day")


def _same_event(a: _Dated, b: _Dated, weights: Mapping[str, float]) -> bool:
    ra, rb = a.record, b.record
    same_words = ra.key == rb.key or fuzz.ratio(ra.key, rb.key) >= SUBJECT_SIMILARITY
    if a.article.id == b.article.id:
        return same_words and a.value == b.value  # one article stating one event twice
    date_fits = fits(a.value, b.value)
    overlap = _overlap(ra, rb)
    if date_fits:
        if same_words or overlap >= SAME_EVENT_OVERLAP:
            return True
        calendar = not (ra.relative or rb.relative)
        if calendar and a.value != b.value:  # one event told at two precisions
            return shared_weight(ra.context, rb.context, weights) >= RARE_SHARED_WEIGHT
        calendar = calendar and _precision(a.value) in ("month", "day")
        return calendar and a.value == b.value and overlap >= SAME_DATE_OVERLAP
    if (ra.relative or rb.relative) and a.article.date != b.article.date:
        return False  # "on Tuesday" in papers of different days: two events, not a dispute
    return same_words and overlap >= SAME_EVENT_OVERLAP


def _groups(items: list[_Dated], weights: Mapping[str, float]) -> list[list[_Dated]]:
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            if find(i) != find(j) and _same_event(a, items[j], weights):
                parent[find(j)] = find(i)
    groups: dict[int, list[_Dated]] = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    return list(groups.values())


def _chosen_date(group: list[_Dated]) -> tuple[str, tuple[str, ...]]:
    """The date most outlets' dates fit, the most precise on a tie, the earliest last; and the
    dates that do not fit it, most stated first."""
    outlets: dict[str, set[str]] = {}
    for d in group:
        outlets.setdefault(d.value, set()).add(d.article.outlet)

    def support(value: str) -> int:
        return len(set().union(*(o for v, o in outlets.items() if fits(value, v))))

    best = max(outlets, key=lambda v: (support(v), PRECISIONS.index(_precision(v)), [-ord(c) for c in v]))
    others = sorted(
        (v for v in outlets if not fits(best, v)),
        key=lambda v: (-len(outlets[v]), v),
    )
    return best, tuple(others)


def shorten(sentence: str, at: int, words: int = SHORT_WORDS) -> str:
    """``sentence`` cut to about ``words`` words around character ``at`` (the date), with "…"
    where words were left out; whole when short enough."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence)]
    if len(spans) <= words:
        return sentence.strip()
    here = next((i for i, (s, e) in enumerate(spans) if e > at), len(spans) - 1)
    lo = max(0, min(here - words // 2, len(spans) - words))
    hi = lo + words
    text = sentence[spans[lo][0] : spans[hi - 1][1]]
    return ("…" if lo > 0 else "") + text + ("…" if hi < len(spans) else "")


def _event(group: list[_Dated]) -> TimelineEvent:
    date, alternatives = _chosen_date(group)
    # the statement shown: a dated article's, of the chosen date (as precise as it: "in January
    # 2008" before "in 2008"), in a sentence of one date that needs no cutting where there is one
    group.sort(
        key=lambda d: (
            d.inferred,
            not fits(date, d.value),
            _leans(_statement(d)),
            _precision(d.value) != _precision(date),
            d.crowded,
            len(d.record.mention.text.split()) > SHORT_WORDS,
            d.rank,
            d.record.span.start,
        )
    )
    lead = group[0]
    sources = tuple(
        dataclasses.replace(d.record.mention, value=d.value)
        for d in sorted(group, key=lambda d: (d.rank, d.record.span.start))
    )
    outlets = tuple(dict.fromkeys(s.outlet for s in sources))
    precision = DatePrecision(_precision(date))
    times = [d.record.time for d in group if d.record.time and fits(date, d.value)]
    clock = next((t for t in times if ":" in t), "")
    part = "" if clock else next(iter(times), "")
    if clock and precision == DatePrecision.DAY:
        date, precision = f"{date}T{clock}", DatePrecision.TIME
    return TimelineEvent(
        date=date,
        precision=precision,
        text=_statement(lead),
        what=lead.record.subject,
        sources=sources,
        outlets=outlets,
        inferred=all(d.inferred for d in group),
        time=part,
        alternatives=alternatives,
    )


def _statement(dated: _Dated) -> str:
    """What the timeline shows for a date: the clause it dates where it is not the sentence's
    main one (the rest of the sentence happened at another time), else the sentence, cut short
    around the date."""
    record, clause = dated.record, dated.record.clause
    if clause is not None:
        text = shorten(dated.article.text[clause.start : clause.end], record.span.start - clause.start)
        if clause.start > record.mention.start and not text.startswith("…"):
            text = "… " + text
        return text if text.endswith("…") else text + " …"
    return shorten(record.mention.text, record.span.start - record.mention.start)


_DAY_PARTS = ("", "morning", "lunchtime", "afternoon", "evening", "night")


def _order(event: TimelineEvent, first: int) -> tuple[_dt.date, int, int, str, int]:
    span = date_range(event.date)
    assert span is not None  # every value was checked in _dated
    part = _DAY_PARTS.index(event.time) if event.time in _DAY_PARTS else 0
    return span[0], -(span[1] - span[0]).days, part, event.date, first


def build_timeline(articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]) -> tuple[TimelineEvent, ...]:
    """The story's dated events in order of date (a wider date before the narrower ones it
    holds: "2008" before "2008-01"), from the articles' records (in any order)."""
    items = _dated(articles, analyses)
    events = []
    for group in _groups(items, word_weights(articles, analyses)):
        first = min(d.rank * 10**7 + d.record.span.start for d in group)
        events.append((_event(group), first))
    events.sort(key=lambda ef: _order(*ef))
    return tuple(_readable(e for e, _ in events))


def _leans(text: str) -> bool:
    """Does a timeline line lean on a sentence it does not show? As the summary's rule
    (readable.needs_context), except that a connective in front ("But", "And on Monday ...")
    is no pointer in a line that names what it is about."""
    words = text.lstrip("… ").split()
    while words and words[0].lower().strip(",;:") in CONNECTIVE_OPENERS:
        words = words[1:]
    return bool(words) and needs_context(" ".join(words))


def _readable(events: Iterable[TimelineEvent]) -> list[TimelineEvent]:
    """The events without those whose only statement leans on a sentence the timeline does not
    show ("On Monday it gave way.") where another event of the same date tells that day."""
    events = list(events)
    leaning = [_leans(e.text) for e in events]
    told = {e.date for e, lean in zip(events, leaning, strict=True) if not lean}
    return [e for e, lean in zip(events, leaning, strict=True) if not (lean and e.date in told)]
