"""How each outlet frames the story: its loaded words, lined up with what the others wrote.

The articles' records carry their loaded spans (:mod:`newsfuse.analysis.framing`). Here they are
gathered per outlet and judged against the story:

- A loaded word that most other outlets use too ("convicted", "guilty" in a court story) is the
  story's vocabulary, not one outlet's framing: it is counted as ``shared`` and not listed.
- For each listed word, the words the other outlets used for the same thing: for a word before a
  person or a noun ("the disgraced MP", "leftist ... Keir Starmer"), the other outlets' phrases
  ending in the same noun or surname ("the Tory MP", "Labour leader Keir Starmer"); otherwise
  the other outlets' sentences that carry the same content (:mod:`newsfuse.brief.align`).
- Words inside quotations are the speakers' and are kept apart, with the speaker.
- A headline's angle: the loaded words of a headline (by the lexicons) that its own article's
  body never uses, but for a word said of a physical thing ("bridge deck collapse"), which the
  article's record holds (:func:`newsfuse.analysis.framing.headline_literal`, the rule the
  article's own words follow).

:func:`least_loaded` then lets the summary show, of several outlets' wordings of one item, the
one with the fewest loaded words.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from newsfuse.analysis.stemming import stem
from newsfuse.brief.align import SentenceGroup
from newsfuse.lexicon import ENGLISH_STOP_WORDS, afinn_valence, political_labels
from newsfuse.model import (
    Article,
    ArticleAnalysis,
    EntityKind,
    FramingItem,
    FramingKind,
    OutletFraming,
    Ref,
    SpanKind,
    SummaryItem,
)

__all__ = [
    "SHARED_SHARE",
    "HEAD_WINDOW",
    "HEADLINE_MAX_BLAME",
    "is_loaded_word",
    "loaded_count",
    "HEADLINE_MIN_PRAISE",
    "headline_angle",
    "MODIFIER_WORDS",
    "MAX_ALTERNATIVES",
    "line_up_framing",
    "least_loaded",
    "loaded_in",
]

#: A loaded word used by at least this share of the other outlets is the story's vocabulary
#: (the seeds' court story: "convicted", "guilty", "assaulting" in all five). Half: with two
#: outlets, a word both use is shared; with five, one used by two others is.
SHARED_SHARE = 0.5

#: A person named within this many characters after a loaded word, in the same sentence, is who
#: it describes ("leftist Labour Party leader Keir Starmer": 27 characters).
HEAD_WINDOW = 40

#: A headline word is loaded when AFINN rates it this negative or worse ("slams" -2, "outrage"
#: -3; -1 words are mild: "cut"), or at least :data:`HEADLINE_MIN_PRAISE` positive ("triumph" +4):
#: +2 holds the plain verbs of council copy ("approves", "agrees"), and loaded praise is rarer
#: than loaded blame (BASIL's experts: 143 positive spans to 606 negative).
HEADLINE_MAX_BLAME = -2
HEADLINE_MIN_PRAISE = 3

#: How many words before the noun or surname make another outlet's phrase ("the Tory MP").
MODIFIER_WORDS = 3
#: How far before a mention of the target its modifiers are looked for, in characters: three
#: words and their spaces, with room for long words; a phrase never reaches further.
PHRASE_REACH = 200

#: At most this many other outlets' wordings are shown per loaded word.
MAX_ALTERNATIVES = 4

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_NEXT = re.compile(r"[\s\-–]*([^\W_][\w'’-]*)")
_RUN = re.compile(r"\w+")
_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|his|her|their|its)\b", re.IGNORECASE)
_NOUN_KINDS = frozenset({FramingKind.LABEL, FramingKind.ADJECTIVE})


def _stems(text: str) -> set[str]:
    return {stem(w.lower()) for w in _WORD.findall(text)}


def _content_stems(text: str) -> set[str]:
    return {stem(w.lower()) for w in _WORD.findall(text) if w.lower() not in ENGLISH_STOP_WORDS} or _stems(text)


def _outlets(articles: Sequence[Article]) -> list[str]:
    return list(dict.fromkeys(a.outlet for a in articles))


def _inside(ref: Ref, spans: Sequence[Ref]) -> Ref | None:
    for s in spans:
        if s.start <= ref.start and ref.end <= s.end:
            return s
    return None


def _speaker(record: ArticleAnalysis, ref: Ref) -> str | None:
    for q in record.quotes:
        if q.start <= ref.start and ref.end <= q.end:
            return q.speaker
    return None


def _target(article: Article, record: ArticleAnalysis, ref: Ref) -> str | None:
    """The word the loaded word describes: the surname of a person named just after it in the
    same sentence, else the next word ("MP" in "the disgraced MP")."""
    sentence = _inside(ref, record.sentences)
    limit = min(ref.end + HEAD_WINDOW, sentence.end if sentence else len(article.text))
    for m in record.mentions:
        if m.label == EntityKind.PERSON and ref.end <= m.start < limit:
            words = _WORD.findall(m.text)
            return words[-1] if words else None
    found = _NEXT.match(article.text, ref.end)
    return found.group(1) if found else None


@functools.lru_cache(maxsize=512)
def _tokens(text: str) -> frozenset[str]:
    """The casefolded runs of word characters of ``text`` (once per text)."""
    return frozenset(w.casefold() for w in _RUN.findall(text))


def _may_hold(text: str, target: str) -> bool:
    """False when ``text`` cannot hold ``target`` as a whole word: one of its runs of word
    characters is missing (a quick test before the phrase search; True is only a maybe)."""
    tokens = _tokens(text)
    return all(w.casefold() in tokens for w in _RUN.findall(target))


@functools.lru_cache(maxsize=4096)
def _phrase_patterns(target: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The phrase ending in ``target`` (up to :data:`MODIFIER_WORDS` words before it), and
    ``target`` alone; case-blind unless ``target`` is capitalised (a name, "MP")."""
    flags = 0 if target[:1].isupper() else re.IGNORECASE
    word = re.escape(target)
    phrase = re.compile(r"(?:[\w'’.-]+[ \t]+){0," + str(MODIFIER_WORDS) + r"}\b" + word + r"\b", flags)
    return phrase, re.compile(r"\b" + word + r"\b", flags)


def _phrases(article: Article, record: ArticleAnalysis, target: str, loaded: set[str]) -> Ref | None:
    """The first phrase of ``article`` outside quotations that ends in ``target`` (with up to
    :data:`MODIFIER_WORDS` words before it) and does not use the loaded word itself."""
    if not _may_hold(article.text, target):
        return None
    phrase, bare = _phrase_patterns(target)
    quoted: list[Ref] | None = None
    text = article.text
    done = 0  # where the last phrase ended: the next one starts at or after it
    for hit in bare.finditer(text):
        if hit.start() < done:
            continue
        # The phrase is looked for only just before each mention of the target (its modifiers are
        # a few words long), never across the whole text for every target of every outlet.
        m = phrase.search(text, max(done, hit.start() - PHRASE_REACH))
        if m is None:
            continue
        done = m.end()
        start, end = m.start(), m.end()
        line = article.text.rfind("\n", 0, m.end(0) - len(target))
        start = max(start, line + 1)
        # never reach back over a sentence or clause end
        cut = max(article.text.rfind(p, start, end - len(target)) for p in (". ", ", ", "; ", ": "))
        if cut >= 0:
            start = cut + 2
        det = [d.start() for d in _DETERMINER.finditer(article.text, start, end - len(target))]
        if det:  # "the conviction the MP": the phrase starts at its last determiner
            start = det[-1]
        ref = Ref(article.id, start, end, article.text[start:end])
        if quoted is None:
            quoted = [Ref(article.id, q.start, q.end, q.text) for q in record.quotes]
        if _inside(ref, quoted) or _stems(ref.text) & loaded:
            continue
        return ref
    return None


def _alternatives(
    item: Ref,
    kind: FramingKind,
    outlet: str,
    by_id: Mapping[str, Article],
    records: Mapping[str, ArticleAnalysis],
    groups: Mapping[str, Sequence[SentenceGroup]],
) -> tuple[tuple[str, Ref], ...]:
    """What the other outlets wrote for ``item``: a phrase ending in the word it describes, else
    their sentences grouped with its sentence (``groups``: by article id, the groups holding one
    of its sentences, in the story's order)."""
    article, record = by_id[item.article], records[item.article]
    loaded = _stems(item.text)
    out: dict[str, Ref] = {}
    target = _target(article, record, item) if kind in _NOUN_KINDS else None
    if target:
        for other in by_id.values():
            if len(out) >= MAX_ALTERNATIVES:  # the first ones found are those shown
                break
            if other.outlet == outlet or other.outlet in out:
                continue
            phrase = _phrases(other, records[other.id], target, loaded)
            if phrase is not None:
                out[other.outlet] = phrase
    if not out:
        for g in groups.get(item.article, ()):
            if any(m.article == item.article and m.start <= item.start and item.end <= m.end for m in g.members):
                for m in g.members:
                    other = by_id[m.article].outlet
                    if other != outlet and other not in out and not (_stems(m.text) & loaded):
                        out[other] = dataclasses.replace(m, kind=SpanKind.TEXT)
                break
    return tuple(list(out.items())[:MAX_ALTERNATIVES])


def is_loaded_word(word: str) -> bool:
    """A lower-case word the lexicons call loaded out of context: AFINN valence at most
    :data:`HEADLINE_MAX_BLAME` or at least :data:`HEADLINE_MIN_PRAISE`, or a political label."""
    value = afinn_valence().get(word, 0)
    return value <= HEADLINE_MAX_BLAME or value >= HEADLINE_MIN_PRAISE or word in political_labels()


def loaded_count(text: str) -> int:
    """How many words of ``text`` :func:`is_loaded_word` calls loaded."""
    return sum(is_loaded_word(w.lower()) for w in _WORD.findall(text))


def headline_angle(article: Article, record: ArticleAnalysis | None = None) -> tuple[str, ...]:
    """The loaded words of ``article``'s headline that its body never uses (each once), but
    for those ``record`` found said of a physical thing (``headline_literal``)."""
    if not article.title:
        return ()
    body = _stems(article.text)
    out = []
    for word in _WORD.findall(article.title):
        low = word.lower()
        if is_loaded_word(low) and stem(low) not in body and low not in out:
            out.append(low)
    literal = set(record.headline_literal) if record else set()
    return tuple(w for w in out if w not in literal)


def line_up_framing(
    articles: Sequence[Article],
    records: Sequence[ArticleAnalysis],
    groups: Sequence[SentenceGroup] = (),
) -> tuple[OutletFraming, ...]:
    """One :class:`OutletFraming` per outlet, in the order outlets first appear in ``articles``.

    ``groups`` are the story's sentences grouped across outlets (for the wordings of words that
    describe no noun); without them only noun phrases are lined up."""
    by_id = {a.id: a for a in articles}
    by_record = {r.article: r for r in records}
    outlets = _outlets(articles)
    groups_of: dict[str, list[SentenceGroup]] = {}
    for g in groups:
        for article_id in dict.fromkeys(m.article for m in g.members):
            groups_of.setdefault(article_id, []).append(g)
    vocabulary: dict[str, set[str]] = {}
    for a in articles:
        vocabulary.setdefault(a.outlet, set()).update(_stems(a.text))
    out = []
    for outlet in outlets:
        mine = [a for a in articles if a.outlet == outlet and a.id in by_record]
        others = [o for o in outlets if o != outlet]
        need = max(1, math.ceil(SHARED_SHARE * len(others)))
        items: list[FramingItem] = []
        quoted: list[FramingItem] = []
        shared = 0
        for a in mine:
            record = by_record[a.id]
            for ref in record.framing:
                words = _content_stems(ref.text)
                users = sum(1 for o in others if words <= vocabulary[o])
                if others and users >= need:
                    shared += ref.kind == SpanKind.FRAMING
                    continue
                kind = FramingKind(ref.label)
                if ref.kind == SpanKind.QUOTED_FRAMING:
                    quoted.append(FramingItem(ref, kind, outlet, speaker=_speaker(record, ref)))
                else:
                    alternatives = _alternatives(ref, kind, outlet, by_id, by_record, groups_of)
                    items.append(FramingItem(ref, kind, outlet, alternatives=alternatives))
        words = sum(len(_WORD.findall(a.text)) for a in mine)
        counts = Counter(i.kind for i in items)
        out.append(
            OutletFraming(
                outlet=outlet,
                articles=tuple(a.id for a in mine),
                items=tuple(items),
                quoted=tuple(quoted),
                counts=tuple((k, counts[k]) for k in FramingKind if counts[k]),
                shared=shared,
                words=words,
                rate=round(1000 * len(items) / words, 2) if words else 0.0,
                headline=tuple(dict.fromkeys(w for a in mine for w in headline_angle(a, by_record.get(a.id)))),
            )
        )
    return tuple(out)


def loaded_in(source: Ref, framing: Sequence[OutletFraming]) -> int:
    """How many of the outlets' listed loaded words lie in ``source``."""
    return sum(
        1
        for f in framing
        for i in f.items
        if i.ref.article == source.article and source.start <= i.ref.start and i.ref.end <= source.end
    )


def least_loaded(summary: Sequence[SummaryItem], framing: Sequence[OutletFraming]) -> tuple[SummaryItem, ...]:
    """``summary`` with each item shown in the wording of its sources that carries the fewest
    loaded words (the others stay cited). A wording longer than the one chosen for the word
    budget is never taken, and ties keep the summarizer's choice."""
    out = []
    for item in summary:
        first = item.sources[0]
        words = len(_WORD.findall(first.text))
        best = min(
            (s for s in item.sources if len(_WORD.findall(s.text)) <= words),
            key=lambda s: (loaded_in(s, framing), s is not first),
        )
        if best is not first:
            sources = (best, *(s for s in item.sources if s is not best))
            item = dataclasses.replace(item, text=best.text, sources=sources)
        out.append(item)
    return tuple(out)
