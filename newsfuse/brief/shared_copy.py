"""Shared copy: the passages two outlets' articles share word for word (give or take an edit).

For every pair of a story's articles, :func:`find_shared_copy` lists the passages both carry
(at least :data:`MIN_PASSAGE_WORDS` words, with a changed word or two tolerated), the share of
each article they make up, and which of the two is likely the source. Pairs that share more than
:data:`COPY_GROUP_SHARE` of an article are one copy; :func:`copy_groups` joins them into groups
(connected components), and :func:`independent_sources` counts a summary item's sources with the
copies of one another counted once.

How, after passim (Smith, Cordell & Mullen, "Computational methods for uncovering reprinted
texts in antebellum American newspapers", 2015): candidate pairs from shared n-grams, then
alignment.

1. Each article's words (:func:`newsfuse.brief.worddiff.word_norms`: lower case, apostrophes and
   accents folded, punctuation dropped) are cut into word :data:`SEED_WORDS`-grams. An inverted
   index over the story's n-grams gives, for every pair of articles, the positions where both
   carry the same n-gram (the seeds). Only pairs with seeds are looked at, so a story of many
   unrelated articles costs about as much as its n-grams.
2. Seeds are chained along their diagonal: a seed joins a chain when it follows the chain's last
   seed by at most :data:`MAX_GAP_WORDS` words in both articles and the two gaps differ by at
   most :data:`MAX_SHIFT_WORDS` (a word changed or dropped). A dropped sentence shifts the
   diagonal by more, and starts a new passage: the sentence is not shared.
3. Each chain is widened over the equal words next to it, checked with rapidfuzz (the words of
   both sides as one character each, its Indel similarity at least :data:`MIN_SIMILARITY`), and
   kept when it has at least :data:`MIN_PASSAGE_WORDS` words on both sides. Overlapping passages
   keep the longest.
4. Words inside quotation marks are the speaker's, not the outlet's: two outlets quoting one
   statement have not copied each other. A passage is the outlets' own copy when at least
   :data:`MIN_PASSAGE_WORDS` of its words stand outside quotation marks in both articles
   (:func:`newsfuse.analysis.quote_marks.find_quoted`); otherwise it is a shared quotation
   (``quotation=True``). A pair is reported only when it shares own copy (a whole sentence, or
   :data:`LONE_CLAUSE_WORDS` words); its shared quotations are then listed with it, as part of
   the copy.

Why not datasketch here: MinHash estimates the similarity of whole texts (it is what
:mod:`newsfuse.stories.dedup` uses to mark near-identical copies); a passage that makes up a
fifth of an article leaves the whole-text estimate near that of two unrelated reports, and
MinHash says nothing about *where* the passage is. The exact n-gram index finds every shared
stretch and its place at about the same cost for a story's few dozen articles.

The likely source of a pair (:class:`~newsfuse.model.CopyReason`): the earlier dated article;
else the one that credits a wire service (:data:`~newsfuse.lexicon.WIRE_SERVICES`) when only one
does; else the one whose shared stretch is fuller (the copy cut words out) by at least
:data:`FULLER_MARGIN`; else none.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from rapidfuzz.distance import Indel

from newsfuse.analysis.quote_marks import find_quoted
from newsfuse.analysis.sentences import split_sentences
from newsfuse.brief.order import article_key
from newsfuse.brief.worddiff import word_norms
from newsfuse.lexicon import WIRE_SERVICES
from newsfuse.model import (
    Article,
    Brief,
    CopyGroup,
    CopyPair,
    CopyReason,
    Ref,
    SharedPassage,
    SpanKind,
    SummaryItem,
)

__all__ = [
    "with_shared_copy",
    "find_shared_copy",
    "copy_groups",
    "independent_sources",
    "wire_credit",
    "SEED_WORDS",
    "MIN_PASSAGE_WORDS",
    "LONE_CLAUSE_WORDS",
    "MAX_GAP_WORDS",
    "MAX_SHIFT_WORDS",
    "EDGE_RUN_WORDS",
    "MIN_SIMILARITY",
    "COPY_GROUP_SHARE",
    "FULLER_MARGIN",
    "MAX_SEED_REPEATS",
    "MIN_PAIR_SEEDS",
]

#: Words per seed n-gram. Five words of news prose rarely recur by chance in two reports (the
#: common ones, "one of the most", are four words or fewer), and one changed word spoils only
#: the five seeds around it. Tuned on the dev half of bench/shared_copy.py.
SEED_WORDS = 5

#: A shared passage has at least this many words on both sides (as a reader counts them: white
#: space apart): the issue's "a dozen words".
#: Shorter shared stretches are stock phrases and names ("the all-party parliamentary group on").
MIN_PASSAGE_WORDS = 12

#: Two reports of one event often word its key fact alike ("was found guilty on Monday of
#: sexually assaulting a 15-year-old boy in 2008", from one court report): a pair whose only
#: shared copy is a piece of one sentence in both articles, under this many words, is not
#: copy. A pair sharing a whole sentence, or this many words, is.
LONE_CLAUSE_WORDS = 2 * MIN_PASSAGE_WORDS

#: Words from one seed to the next (in both articles) that still continue one passage: a changed
#: word leaves a gap of SEED_WORDS + 1, two changed words close together up to twice that.
#: Tuned on the dev half of bench/shared_copy.py.
MAX_GAP_WORDS = 2 * SEED_WORDS + 2

#: How much the two gaps may differ (words added or dropped inside a passage): a word or two
#: swapped for one. A dropped sentence (ten words and more) starts a new passage.
#: Tuned on the dev half of bench/shared_copy.py.
MAX_SHIFT_WORDS = 3

#: Equal words that must follow a changed, added or dropped word at a passage's edge for the
#: passage to reach over it (a seed needs SEED_WORDS; an edit near a sentence's start leaves
#: fewer before it). Tuned on the dev half of bench/shared_copy.py.
EDGE_RUN_WORDS = 3

#: Indel similarity (0-1) of the two sides' words from which a chain is kept: a passage with a
#: changed word in ten scores 0.9; a chain that is mostly gaps between scattered common n-grams
#: scores far lower.
MIN_SIMILARITY = 0.8

#: Seeds a pair needs to be looked at: a passage of MIN_PASSAGE_WORDS words with one word
#: changed anywhere still holds at least two (a 12-word passage changed at its fifth word keeps
#: seven words, three seeds, after the change). One seed is a stock phrase both carry.
MIN_PAIR_SEEDS = 2

#: An n-gram found more than this many times in one article is a refrain (a chant, a repeated
#: name and title), not a seed: it would pair every occurrence with every other.
MAX_SEED_REPEATS = 3

# Words are coded from the first character outside the Basic Multilingual Plane on (above the
# surrogates): room for a million distinct words in one story.
_FIRST_CODE = 0x10000

#: Share of an article (its words in copy passages, quotations not counted) from which a pair is
#: one copy, for :func:`copy_groups`: a quarter of an article is more than a borrowed paragraph.
#: Set looking at the seeds and the bundled example (so: dev material): the seeds' two versions
#: of one wire story share 0.31 and 0.35 of their words, every other seed pair nothing; in the
#: example, outlets that each run the same three wire paragraphs around their own reporting share
#: 0.15-0.24 (not one copy), and the Courier, which also reworded the Gazette's history of the
#: dam, 0.28-0.32 with the Gazette (one copy).
COPY_GROUP_SHARE = 0.25

#: Relative margin by which one side of a pair's shared stretch (first to last shared word) must
#: be longer than the other's to be called the fuller text, the likely source: a copy cuts
#: sentences, rarely adds them inside a copied stretch. Under it the lengths say nothing.
FULLER_MARGIN = 0.1


class _Text:
    """One article as the detector reads it: its words, where they stand, what is quoted.

    Which words are quoted and which sentence each is in are read only for the articles a
    candidate passage is found in (most pairs of a large story share nothing).
    """

    def __init__(self, article: Article, vocabulary: dict[str, str]) -> None:
        """``vocabulary`` maps each normalised word of the story to its code (one character,
        given in the order words are first met), shared by the story's articles."""
        found = word_norms(article.text)
        self.article = article
        self.starts = [s for s, _, _ in found]  # per word: where it starts in the text
        self.ends = [e for _, e, _ in found]
        get, add = vocabulary.get, vocabulary.setdefault
        # one character per word, rapidfuzz works on them
        self.codes = "".join([get(w) or add(w, chr(_FIRST_CODE + len(vocabulary))) for _, _, w in found])
        grams: dict[str, list[int]] = defaultdict(list)
        codes = self.codes
        for i in range(len(codes) - SEED_WORDS + 1):
            grams[codes[i : i + SEED_WORDS]].append(i)
        # n-gram (SEED_WORDS codes) -> its word positions, refrains left out
        self.grams = {g: pos for g, pos in grams.items() if len(pos) <= MAX_SEED_REPEATS}

    @functools.cached_property
    def quoted(self) -> list[bool]:
        """Per word: inside quotation marks."""
        spans = sorted((q.start, q.end) for q in find_quoted(self.article.text))
        return [k >= 0 and e <= spans[k][1] for k, e in zip(_per_word(self.starts, spans), self.ends, strict=True)]

    @functools.cached_property
    def sentence(self) -> list[int]:
        """Per word: the number of its sentence."""
        return [k + 1 for k in _per_word(self.starts, [(s.start, s.end) for s in split_sentences(self.article.text)])]


def _per_word(starts: list[int], ranges: list[tuple[int, int]]) -> list[int]:
    """Per word (by its start, ascending): the index of the last range starting at or before it
    (-1 before the first)."""
    out, k = [], -1
    for s in starts:
        while k + 1 < len(ranges) and ranges[k + 1][0] <= s:
            k += 1
        out.append(k)
    return out


def _seeds(texts: Sequence[_Text]) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """(text index a, text index b) with a < b -> the word positions (i in a, j in b) of every
    n-gram both carry."""
    index: dict[str, list[int]] = defaultdict(list)
    for k, t in enumerate(texts):
        for g in t.grams:
            index[g].append(k)
    seeds: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for g, carriers in index.items():
        if len(carriers) < 2:
            continue
        for x in range(len(carriers)):
            a = carriers[x]
            for y in range(x + 1, len(carriers)):
                b = carriers[y]
                for i in texts[a].grams[g]:
                    for j in texts[b].grams[g]:
                        seeds[(a, b)].append((i, j))
    return seeds


def _chains(seeds: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Seeds chained along their diagonal (see the module doc, step 2)."""
    chains: list[list[tuple[int, int]]] = []
    open_chains: list[list[tuple[int, int]]] = []
    for i, j in sorted(seeds):
        best = None
        best_shift = MAX_SHIFT_WORDS + 1
        for chain in open_chains:
            li, lj = chain[-1]
            di, dj = i - li, j - lj
            if 0 < di <= MAX_GAP_WORDS and 0 < dj <= MAX_GAP_WORDS and abs(di - dj) < best_shift:
                best, best_shift = chain, abs(di - dj)
        if best is None:
            best = []
            chains.append(best)
            open_chains.append(best)
        best.append((i, j))
        open_chains = [c for c in open_chains if i - c[-1][0] <= MAX_GAP_WORDS]
    return chains


def _passage(a: _Text, b: _Text, chain: list[tuple[int, int]]) -> tuple[int, int, int, int, float] | None:
    """The word ranges [i0, i1) of ``a`` and [j0, j1) of ``b`` a chain covers, widened over the
    equal words next to it, with their similarity; None when too short or too unlike."""
    i0, j0 = chain[0]
    i1, j1 = chain[-1][0] + SEED_WORDS, chain[-1][1] + SEED_WORDS
    i0, j0 = _widen(a.codes, b.codes, i0 - 1, j0 - 1, -1)
    i0, j0 = i0 + 1, j0 + 1
    i1, j1 = _widen(a.codes, b.codes, i1, j1, 1)
    if min(i1 - i0, j1 - j0) < MIN_PASSAGE_WORDS:
        return None  # (most chains, made of a common phrase, end here)
    head = max(_fragment(a, i0, i1, 1), _fragment(b, j0, j1, 1))
    tail = max(_fragment(a, i0, i1, -1), _fragment(b, j0, j1, -1))
    i0, j0, i1, j1 = i0 + head, j0 + head, i1 - tail, j1 - tail
    if min(i1 - i0, j1 - j0) < MIN_PASSAGE_WORDS or min(_words(a, i0, i1), _words(b, j0, j1)) < MIN_PASSAGE_WORDS:
        return None
    similarity = Indel.normalized_similarity(a.codes[i0:i1], b.codes[j0:j1])
    if similarity < MIN_SIMILARITY:
        return None
    return i0, i1, j0, j1, similarity


def _widen(a: str, b: str, i: int, j: int, step: int) -> tuple[int, int]:
    """Move a passage's edge over the words of ``a`` from ``i`` and of ``b`` from ``j`` on, in
    the direction ``step`` (1 forward, -1 back): over equal words, and over one changed, added
    or dropped word when at least EDGE_RUN_WORDS equal words follow it. Returns the first
    positions not covered."""

    def equal(x: int, y: int) -> bool:
        return 0 <= x < len(a) and 0 <= y < len(b) and a[x] == b[y]

    while True:
        while equal(i, j):
            i, j = i + step, j + step
        for dx, dy in ((1, 1), (1, 0), (0, 1)):  # a changed word, a word only in a, only in b
            x, y = i + step * dx, j + step * dy
            if all(equal(x + step * k, y + step * k) for k in range(EDGE_RUN_WORDS)):
                i, j = x, y
                break
        else:
            return i, j


def _fragment(t: _Text, lo: int, hi: int, step: int) -> int:
    """How many words at the start (``step`` 1) or end (-1) of words [lo, hi) are a short piece
    of a sentence the passage does not otherwise cover ("In a statement on" after a shared
    sentence): fewer than SEED_WORDS words, which two reports share by chance. 0 when none."""
    edge = lo if step == 1 else hi - 1
    outside = edge - step
    if not 0 <= outside < len(t.sentence) or t.sentence[outside] != t.sentence[edge]:
        return 0  # the passage starts (ends) where a sentence does
    k = 0
    while k < SEED_WORDS and lo <= edge + k * step < hi and t.sentence[edge + k * step] == t.sentence[edge]:
        k += 1
    return k if k < SEED_WORDS and k < hi - lo else 0


def _words(t: _Text, lo: int, hi: int) -> int:
    """Words of [lo, hi) as a reader counts them (white space apart: "15-year-old" is one)."""
    return len(t.article.text[t.starts[lo] : t.ends[hi - 1]].split())


def _whole_sentence(t: _Text, lo: int, hi: int) -> bool:
    """Words [lo, hi) cover every word of at least one sentence."""
    first = t.sentence[lo] if lo == 0 or t.sentence[lo - 1] != t.sentence[lo] else t.sentence[lo] + 1
    last = (
        t.sentence[hi - 1] if hi == len(t.sentence) or t.sentence[hi] != t.sentence[hi - 1] else t.sentence[hi - 1] - 1
    )
    return first <= last


def _enough(a: _Text, b: _Text, kept: list[tuple[int, int, int, int, float]]) -> bool:
    """Whether a pair's passages are copy rather than the stock wording of one fact: a sentence
    shared whole (in either article), or at least LONE_CLAUSE_WORDS words in all."""
    if sum(_words(a, i0, i1) for i0, i1, _, _, _ in kept) >= LONE_CLAUSE_WORDS:
        return True
    return any(_whole_sentence(a, i0, i1) or _whole_sentence(b, j0, j1) for i0, i1, j0, j1, _ in kept)


def _unquoted(t: _Text, lo: int, hi: int) -> int:
    return sum(1 for q in t.quoted[lo:hi] if not q)


_CLOSING = re.compile(r"[.!?…,;:]?[\"'”’»)\]]*")


def _ref(t: _Text, lo: int, hi: int) -> Ref:
    """The characters of words [lo, hi), with the punctuation that closes the last word."""
    start, end = t.starts[lo], t.ends[hi - 1]
    m = _CLOSING.match(t.article.text, end)
    if m is not None and (hi == len(t.starts) or m.end() <= t.starts[hi]):
        end = m.end()
    return Ref(t.article.id, start, end, t.article.text[start:end], SpanKind.COPY)


def _pair(a: _Text, b: _Text, seeds: list[tuple[int, int]]) -> CopyPair | None:
    found = [p for chain in _chains(seeds) if (p := _passage(a, b, chain)) is not None]
    found.sort(key=lambda p: (-(p[1] - p[0] + p[3] - p[2]), p[0], p[2]))
    used_a: list[tuple[int, int]] = []
    used_b: list[tuple[int, int]] = []
    kept = []
    for i0, i1, j0, j1, sim in found:
        if any(i0 < e and s < i1 for s, e in used_a) or any(j0 < e and s < j1 for s, e in used_b):
            continue
        used_a.append((i0, i1))
        used_b.append((j0, j1))
        kept.append((i0, i1, j0, j1, sim))
    # A quotation both carry is the speaker's words: no evidence of copy by itself. Once the
    # outlets' own words show copy, the quotations they share word for word are part of it.
    own = [p for p in kept if min(_unquoted(a, p[0], p[1]), _unquoted(b, p[2], p[3])) >= MIN_PASSAGE_WORDS]
    if not own or not _enough(a, b, own):
        return None
    kept.sort()
    passages = tuple(
        SharedPassage(_ref(a, i0, i1), _ref(b, j0, j1), round(sim, 3), quotation=(i0, i1, j0, j1, sim) not in own)
        for i0, i1, j0, j1, sim in kept
    )
    share_a = sum(i1 - i0 for i0, i1, _, _, _ in own) / len(a.codes)
    share_b = sum(j1 - j0 for _, _, j0, j1, _ in own) / len(b.codes)
    extent_a = max(p[1] for p in kept) - min(p[0] for p in kept)
    extent_b = max(p[3] for p in kept) - min(p[2] for p in kept)
    source, reason = _likely_source(a.article, b.article, extent_a, extent_b)
    return CopyPair(
        a=a.article.id,
        b=b.article.id,
        passages=passages,
        share_a=round(share_a, 3),
        share_b=round(share_b, 3),
        likely_source=source,
        reason=reason,
    )


# A wire service credited as news copy credits it: "(AP)", "LONDON (Reuters) -", "— AFP", or a
# line of its own ("Reuters", "By Jane Doe, Associated Press"). A name in prose ("Reuters
# reported") is a source cited, not a credit for the text.
_WIRE = "|".join(re.escape(w) for w in sorted(WIRE_SERVICES, key=len, reverse=True))
_WIRE_CREDIT = re.compile(
    rf"\(\s*(?:{_WIRE})\s*\)"
    rf"|(?:^|\n)[^\S\n]*(?:by\b[^\n]{{0,60}}?[,|/—–-]\s*)?(?:{_WIRE})[^\S\n]*(?:\n|$)"
    rf"|[—–]\s*(?:{_WIRE})[^\S\n]*(?:\n|$)"
    rf"|(?:©|copyright)\s*(?:\d{{4}}\s*)?(?:the\s+)?(?:{_WIRE})\b",
    re.IGNORECASE,
)


def wire_credit(text: str) -> str | None:
    """The wire service ``text`` credits for its copy ("(AP)", a "Reuters" line), or None."""
    m = _WIRE_CREDIT.search(text)
    return m.group().strip(" \n()—–©") if m else None


def _likely_source(a: Article, b: Article, extent_a: int, extent_b: int) -> tuple[str | None, CopyReason | None]:
    if a.date is not None and b.date is not None and a.date != b.date:
        return (a.id if a.date < b.date else b.id), CopyReason.EARLIER_DATE
    credit_a, credit_b = wire_credit(a.text) is not None, wire_credit(b.text) is not None
    if credit_a != credit_b:
        return (a.id if credit_a else b.id), CopyReason.WIRE_CREDIT
    if extent_a > extent_b * (1 + FULLER_MARGIN):
        return a.id, CopyReason.FULLER_TEXT
    if extent_b > extent_a * (1 + FULLER_MARGIN):
        return b.id, CopyReason.FULLER_TEXT
    return None, None


def find_shared_copy(articles: Sequence[Article]) -> tuple[CopyPair, ...]:
    """Every pair of ``articles`` that shares copy (see the module doc), in a content order that
    does not depend on the order of ``articles``; in each pair ``a`` comes first in that order."""
    ordered = sorted(articles, key=article_key)
    vocabulary: dict[str, str] = {}
    texts = [_Text(a, vocabulary) for a in ordered]
    pairs = []
    for (x, y), seeds in sorted(_seeds(texts).items()):
        if len(seeds) < MIN_PAIR_SEEDS:
            continue  # one five-word phrase in common: most pairs of a large story
        pair = _pair(texts[x], texts[y], seeds)
        if pair is not None:
            pairs.append(pair)
    return tuple(pairs)


def copy_groups(articles: Sequence[Article], pairs: Sequence[CopyPair]) -> tuple[CopyGroup, ...]:
    """Articles that are one copy: joined by pairs sharing at least :data:`COPY_GROUP_SHARE` of
    either article, as connected components of two or more; each with its likely source (the
    article named source by most of the group's pairs; None when no pair names one)."""
    by_id = {a.id: a for a in articles}
    rank = {a.id: k for k, a in enumerate(sorted(articles, key=article_key))}
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    strong = [p for p in pairs if max(p.share_a, p.share_b) >= COPY_GROUP_SHARE]
    for p in strong:
        ra, rb = find(p.a), find(p.b)
        if ra != rb:
            parent[max(ra, rb, key=rank.__getitem__)] = min(ra, rb, key=rank.__getitem__)
    members: dict[str, list[str]] = defaultdict(list)
    for a in sorted(articles, key=article_key):
        members[find(a.id)].append(a.id)
    groups = []
    for ids in members.values():
        if len(ids) < 2:
            continue
        votes: dict[str, int] = defaultdict(int)
        for p in strong:
            if p.a in ids and p.likely_source is not None:
                votes[p.likely_source] += 1
        source = min(votes, key=lambda i: (-votes[i], rank[i])) if votes else None
        outlets = tuple(dict.fromkeys(by_id[i].outlet for i in ids))
        groups.append(CopyGroup(articles=tuple(ids), outlets=outlets, source=source))
    return tuple(groups)


def independent_sources(item: SummaryItem, pairs: Sequence[CopyPair], outlets: Mapping[str, str]) -> int:
    """How many independent outlets carry ``item``: its sources' outlets, with two sources
    counted once when one is copy of the other (a passage of their pair, in the outlets' own
    words, covers both sentences)."""
    by_pair = {(p.a, p.b): p for p in pairs}
    keys = list(dict.fromkeys(outlets.get(r.article, r.article) for r in item.sources))
    parent = {k: k for k in keys}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    sources = item.sources
    for x in range(len(sources)):
        for y in range(x + 1, len(sources)):
            r, s = sources[x], sources[y]
            pair = by_pair.get((r.article, s.article)) or by_pair.get((s.article, r.article))
            if pair is None:
                continue
            first, second = (r, s) if pair.a == r.article else (s, r)
            own = (p for p in pair.passages if not p.quotation)  # quoting one statement is not copying
            if any(_overlaps(p.a, first) and _overlaps(p.b, second) for p in own):
                ka, kb = find(outlets.get(r.article, r.article)), find(outlets.get(s.article, s.article))
                if ka != kb:
                    parent[kb] = ka
    return len({find(k) for k in keys})


def _overlaps(passage: Ref, source: Ref) -> bool:
    """The passage covers at least half of the source sentence."""
    shared = min(passage.end, source.end) - max(passage.start, source.start)
    return shared * 2 >= source.end - source.start


def with_shared_copy(brief: Brief) -> Brief:
    """``brief`` with its shared copy, copy groups, and each summary item's count of
    independent outlets filled in."""
    pairs = find_shared_copy(brief.articles)
    outlets = {a.id: a.outlet for a in brief.articles}
    summary = tuple(
        dataclasses.replace(item, independent=independent_sources(item, pairs, outlets)) for item in brief.summary
    )
    return dataclasses.replace(
        brief, summary=summary, shared_copy=pairs, copy_groups=copy_groups(brief.articles, pairs)
    )
