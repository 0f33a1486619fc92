"""Who said what: line up the quotations of a story's articles across outlets.

:func:`line_up_quotes` turns the per-article :class:`~newsfuse.model.QuoteSpan` s into
:class:`~newsfuse.model.Quote` s, one per quotation, each listing every outlet that carries it
(:class:`~newsfuse.model.QuoteCarrier`) with that outlet's own wording and its word-level
differences from the fullest wording.

How it works:

1. Every quote span is cut into normalised words (:mod:`newsfuse.brief.worddiff`).
2. Spans are taken longest first; each either joins the quote whose fullest wording it best fits
   inside, or starts a new quote (and is then that quote's fullest wording). A span fits when it is
   an exact run of words of the fullest wording or of another wording already in the quote, or,
   for spans of at least ``FUZZY_MIN_WORDS`` words, when at least ``MIN_FIT`` of the aligned
   words agree (a changed, dropped or added word still lines up and is then flagged). Spans of
   one to three words (``MIN_UNNAMED_WORDS``, mostly scare quotes) only join a quote by the same
   named speaker; longer spans line up on their words whoever the extractor says spoke them, and
   the quote's speaker is then the name most articles give (one vote per article).
3. Only quotes that share one of the span's ``BLOCKING_KEYS`` rarest word pairs (among pairs
   seen in at least two spans) are compared with it, so a story of 100 articles does not compare every pair of quotes.
4. Split quotes: an outlet that breaks a quotation into pieces (``"...," he said. "..."``) gives
   several spans that each fit inside another outlet's fuller wording. Rather than guessing which
   neighbouring spans belong together before lining up, the pieces of one article that land in the
   same quote are joined afterwards into one carrier: ``parts`` lists their exact spans,
   ``start``/``end`` run from the first piece to the last, and ``text`` joins the pieces (" "
   between pieces that continue each other in the fullest wording, " … " where the outlet left
   words out). Pieces are joined only as the outlet wrote them (:func:`joins`): in the same
   order as in the fullest wording, and around one attribution (``"A," she said, "B."``,
   ``"A." She added: "B."``, or two stretches of one sentence), never across a paragraph,
   another quotation or a sentence of the writer's own. An outlet whose pieces do not join that
   way is carried by its longest run of pieces that do: a carrier never shows a wording no
   outlet printed. A piece too short to line up alone joins the quote of a piece next to it
   that it continues in the fullest wording, under the same rule. A piece that repeats words
   already covered by a longer piece of the same article (a partial quote in the lede, the full
   quote further down) is not counted twice.
5. Nothing depends on the order of the articles or their ids: equal candidates are told apart
   by their words, then by :func:`~newsfuse.brief.order.article_key`. Only the order of each
   quote's carriers follows the input (the order of the source numbers).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsfuse.analysis.sentences import split_sentences
from newsfuse.brief.framing import loaded_count
from newsfuse.brief.order import article_ranks
from newsfuse.brief.worddiff import Alignment, Token, align, same_words, tokenize
from newsfuse.errors import MalformedInput
from newsfuse.lexicon import COURTESY_TITLES_DOTTED
from newsfuse.model import Article, Quote, QuoteCarrier, QuoteFlag, QuoteSpan, Span, WordDiff

__all__ = [
    "line_up_quotes",
    "joins",
    "FUZZY_MIN_WORDS",
    "MIN_FIT",
    "MIN_UNNAMED_WORDS",
    "WINDOW_CUTOFF",
    "MAX_PIECE_GAP",
    "BLOCKING_KEYS",
    "POSSIBLE_MISQUOTE",
    "EXCERPT",
    "UNATTRIBUTED",
    "SINGLE_OUTLET",
]

POSSIBLE_MISQUOTE = QuoteFlag.POSSIBLE_MISQUOTE
EXCERPT = QuoteFlag.EXCERPT
UNATTRIBUTED = QuoteFlag.UNATTRIBUTED
SINGLE_OUTLET = QuoteFlag.SINGLE_OUTLET

# Spans shorter than this only line up when their words occur exactly (after normalisation) in
# another wording: with fewer words one change is too much of the quote to tell a misquote from a
# different remark ("I am sorry for the upset" / "I am sorry for the delay", 6 words, must stay
# apart). Set on the fixtures of tests/test_quote_lineup.py and the seeds (shortest misquoted
# quotation there: 21 words).
FUZZY_MIN_WORDS = 8

# Share of aligned words that must agree for a fuzzy fit: one changed word in 5 still lines up,
# two in 5 do not. Seeds: the misquoted "we had"/"were had" quotation scores 0.96, the "I'm sorry
# my defence" rewording of the retraction 0.89; different quotations by one speaker there score
# below 0.5.
MIN_FIT = 0.8

# rapidfuzz similarity (0-100) of the best window below which a long span is not diffed at all:
# a fit of MIN_FIT of the words gives a window similarity of about 80 or more; 70 leaves room
# for windows cut one word off. Same bench figures with and without it; the real pile lines up
# about twice as fast (bench/quote_lineup.py).
WINDOW_CUTOFF = 70.0

# Quotes shorter than this (one to three words, mostly scare quotes: "hell", "some people",
# "fraud") only join a quote by the same named speaker: on PolNeAR dev (bench/quote_lineup.py,
# real pile) such words otherwise joined 15 unrelated longer quotations that happen to use them.
MIN_UNNAMED_WORDS = 4

# Characters between two pieces of one quotation split by an attribution ('," the Reigate MP
# said in a statement on his website. "' is ~60): farther apart, they are two quotations.
# The longest attribution between two pieces of one split carrier on Multi-News val
# (bench/split_carriers.py) is 105 characters ('," reads the original article which was copied
# and pasted word for word ... in the People's Daily. "').
MAX_PIECE_GAP = 120

# Rarest word pairs of a span used to find quotes to compare it with. A span shares at least one
# of them with any quote it fits in unless more than this many of its pairs were changed; pairs
# seen only in the span itself (a misquoted pair) are skipped, as they cannot find anything.
# bench/quote_lineup.py: 100 articles x 10 quotes line up in ~0.1 s with 6 keys.
BLOCKING_KEYS = 6

# Speakers that name nobody: the quote extractor resolves pronouns where it can; what is left
# cannot be counted as a speaker.
_PRONOUNS = frozenset("he she they it we i you him her them one".split())
_SEPARATOR = "\x1f"  # between normalised words (never part of a word)
# Words that open a description rather than a name ("a spokesperson", "the disgraced MP").
_DETERMINERS = frozenset("a an the his her their its our one another some this that these those".split())
_TITLES = COURTESY_TITLES_DOTTED  # newsfuse.lexicon


@dataclass
class _Part:
    """One quote span, ready to line up."""

    span: QuoteSpan
    order: int  # index of the article in the input: only for the order carriers are listed in
    rank: int  # rank of the article by its content (order.article_key): for ties
    outlet: str
    text: str  # the article's whole text (to read what stands between two pieces)
    date: dt.date | None
    tokens: list[Token]
    name: str | None  # the speaker's name (canonical when known), or None
    description: str | None  # a speaker described, not named ("a Conservative HQ spokesperson")
    words: str = ""  # the normalised words, each followed by a separator (for fast containment)

    def __post_init__(self) -> None:
        self.words = "".join(t.norm + _SEPARATOR for t in self.tokens)

    @property
    def size(self) -> int:
        return len(self.tokens)


@dataclass
class _Group:
    """A quotation being lined up: its fullest wording and the parts fitted into it."""

    fullest: _Part
    members: list[tuple[_Part, Alignment]] = field(default_factory=list)


def line_up_quotes(
    articles: Sequence[Article],
    quote_spans: Sequence[QuoteSpan],
    canonical: Callable[[str], str | None] | None = None,
) -> list[Quote]:
    """Line up ``quote_spans`` (from ``articles``) into one :class:`Quote` per quotation.

    ``canonical`` maps a speaker as named in one article ("Mr Blunt") to the name the story uses
    ("Crispin Blunt"), or None when it does not know the name. Quotes are ordered by the number of
    outlets carrying them, then by how early they first appear in an article (character
    position), then by their fullest wording; each quote's carriers follow the input order.
    Nothing else depends on the order of ``articles``.
    Raises :class:`~newsfuse.errors.MalformedInput` when a span names an article not given.
    """
    parts = _parts(articles, quote_spans, canonical)
    groups = _group(parts)
    quotes = [(_quote(g), _first_seen(g)) for g in groups]
    quotes.sort(key=lambda qf: (-len({c.outlet for c in qf[0].carried_by}), qf[1], qf[0].text))
    return [q for q, _ in quotes]


# --- preparing the spans -------------------------------------------------------------------------


def _parts(
    articles: Sequence[Article],
    quote_spans: Sequence[QuoteSpan],
    canonical: Callable[[str], str | None] | None,
) -> list[_Part]:
    by_id = {a.id: (i, a) for i, a in enumerate(articles)}
    ranks = article_ranks(articles)
    parts: list[_Part] = []
    for span in quote_spans:
        if span.article not in by_id:
            raise MalformedInput(span.article, "a quote refers to an article that was not given")
        order, article = by_id[span.article]
        tokens = tokenize(span.text)
        if not tokens:
            continue
        name, description = _speaker(span.speaker, canonical)
        parts.append(
            _Part(span, order, ranks[article.id], article.outlet, article.text, article.date, tokens, name, description)
        )
    return parts


def _speaker(speaker: str | None, canonical: Callable[[str], str | None] | None) -> tuple[str | None, str | None]:
    """(name, description) of a speaker as given by one article; pronouns give neither."""
    if speaker is None or not speaker.strip():
        return None, None
    text = " ".join(speaker.split())
    if text.casefold() in _PRONOUNS:
        return None, None
    words = text.split()
    if not text[0].isupper() or words[0].casefold() in _DETERMINERS:
        return None, text  # a description stays as written, even if it holds a name
    if canonical is not None:
        found = canonical(text)
        if found:
            return found, None
    while len(words) > 1 and words[0].casefold() in _TITLES:
        words = words[1:]
    return " ".join(words), None


def _surname(name: str) -> str:
    return name.split()[-1].casefold().removesuffix("'s").removesuffix("’s")


# --- grouping ------------------------------------------------------------------------------------


def _keys(tokens: Sequence[Token]) -> set[str]:
    """Word pairs of a wording (a single word for a one-word quote), used for blocking."""
    norms = [t.norm for t in tokens]
    if len(norms) == 1:
        return {norms[0]}
    return {f"{a} {b}" for a, b in zip(norms, norms[1:], strict=False)}


def _group(parts: list[_Part]) -> list[_Group]:
    keys = [_keys(p.tokens) for p in parts]
    # Keys of every wording (pairs, and single words for one-word quotes) and how many spans have them.
    seen: Counter[str] = Counter()
    for p, k in zip(parts, keys, strict=True):
        seen.update(k | {t.norm for t in p.tokens})
    same_wording = Counter(tuple(t.norm for t in p.tokens) for p in parts)
    # Longest first; among equal lengths the wording most outlets share, then the one with more
    # characters (its punctuation kept), then by content alone (never the input order).
    ranked = sorted(
        range(len(parts)),
        key=lambda i: (
            -parts[i].size,
            -same_wording[tuple(t.norm for t in parts[i].tokens)],
            -len(parts[i].span.text),
            parts[i].span.text,
            parts[i].rank,
            parts[i].span.start,
        ),
    )
    groups: list[_Group] = []
    index: dict[str, set[int]] = defaultdict(set)
    for i in ranked:
        part = parts[i]
        lookup = sorted((k for k in keys[i] if seen[k] > 1), key=lambda k: seen[k])[:BLOCKING_KEYS]
        candidates = set().union(*(index[k] for k in lookup)) if lookup else set()
        best: tuple[float, int, int, Alignment] | None = None
        for g in candidates:
            fit = _fit(part, groups[g])
            if fit is not None and (best is None or (fit.score, len(groups[g].members), -g) > best[:3]):
                best = (fit.score, len(groups[g].members), -g, fit)
        if best is None:
            g = len(groups)
            whole = Alignment(0, part.size, part.size, 1.0, ())
            groups.append(_Group(part, [(part, whole)]))
        else:
            g = -best[2]
            groups[g].members.append((part, best[3]))
        for k in keys[i] | {t.norm for t in part.tokens}:
            index[k].add(g)
    return _attach_pieces(groups)


def _attach_pieces(groups: list[_Group]) -> list[_Group]:
    """Give a short piece left on its own to the quote its neighbour in the article belongs to.

    ``"We will not," she said, "close it."``: the piece "close it" is too short to line up by its
    words alone, but when the piece just before it in the same article lined up with a quote
    whose fullest wording goes on with exactly these words, it is the rest of that quotation.
    """
    by_article: dict[str, list[tuple[int, _Part, Alignment]]] = defaultdict(list)
    for g, group in enumerate(groups):
        for part, fit in group.members:
            by_article[part.span.article].append((g, part, fit))
    moved: set[int] = set()
    for g, group in enumerate(groups):
        part = group.fullest
        if len(group.members) > 1 or part.size >= FUZZY_MIN_WORDS:
            continue
        norms = [t.norm for t in part.tokens]
        for target, other, fit in by_article[part.span.article]:
            if target == g or target in moved:
                continue
            words = [t.norm for t in groups[target].fullest.tokens]
            if joins(part.text, other.span, part.span) and words[fit.end : fit.end + part.size] == norms:
                where = Alignment(fit.end, fit.end + part.size, part.size, 1.0, ())
            elif joins(part.text, part.span, other.span) and words[max(0, fit.start - part.size) : fit.start] == norms:
                where = Alignment(fit.start - part.size, fit.start, part.size, 1.0, ())
            else:
                continue
            groups[target].members.append((part, where))
            moved.add(g)
            break
    return [group for g, group in enumerate(groups) if g not in moved]


def _fit(part: _Part, group: _Group) -> Alignment | None:
    """How ``part`` fits in ``group``'s fullest wording, or None when it is another quotation."""
    short = part.size < FUZZY_MIN_WORDS
    if part.size < MIN_UNNAMED_WORDS:
        # A scare-quoted word or two only joins a quote by the same named speaker. Longer runs
        # line up on their words alone: speakers found by the extractor are too often wrong
        # (seeds: one outlet's "lazy tropes" statement is put to Imran Ahmad Khan) to split a
        # quote on them; the majority vote on the speaker then corrects the odd one out.
        names = {_surname(p.name) for p, _ in group.members if p.name is not None}
        if part.name is None or _surname(part.name) not in names:
            return None
    fit = align(part.tokens, group.fullest.tokens, cutoff=0.0 if short else WINDOW_CUTOFF)
    if fit.score >= 1.0 or (not short and fit.score >= MIN_FIT):
        return fit
    if not short:
        return None
    # A short quote may sit exactly in another outlet's wording that differs from the fullest
    # ("around the world" inside one outlet's version when the fullest says "throughout").
    for member, _ in group.members:
        if member is not group.fullest and _contains(member, part):
            return fit if fit.matched else None
    return None


def _contains(longer: _Part, shorter: _Part) -> bool:
    """True when ``shorter``'s words are a contiguous run of ``longer``'s."""
    return longer.words.startswith(shorter.words) or (_SEPARATOR + shorter.words) in longer.words


# --- building the quotes -------------------------------------------------------------------------


def _first_seen(group: _Group) -> int:
    """How early the quote first appears in an article (a character position: not input order)."""
    return min(p.span.start for p, _ in group.members)


def _spelling_only(diff: WordDiff) -> bool:
    """A difference of contraction only: the same words ("I'm" / "I am")."""
    return diff.op == "replace" and same_words(diff.fullest, diff.here)


def _quote(group: _Group) -> Quote:
    fullest = group.fullest
    size = fullest.size
    by_article: dict[str, list[tuple[_Part, Alignment]]] = defaultdict(list)
    for part, fit in group.members:
        by_article[part.span.article].append((part, fit))
    carriers: list[tuple[int, QuoteCarrier]] = []
    kept: list[_Part] = []
    excerpt = False
    for pieces in by_article.values():
        chosen = _pieces(pieces)
        kept.extend(p for p, _ in chosen)
        carriers.append((chosen[0][0].order, _carrier(chosen)))
        covered = sum(f.end - f.start for _, f in chosen)
        excerpt = excerpt or covered < size
    carriers.sort(key=lambda oc: (oc[0], oc[1].start))
    carried_by = tuple(c for _, c in carriers)
    speaker, role = _speaker_and_role(kept)
    flags: list[QuoteFlag] = []
    if any(not _spelling_only(d) for c in carried_by for d in c.diff):
        flags.append(POSSIBLE_MISQUOTE)  # a contraction spelled out ("I am" for "I'm") is listed, not flagged
    if excerpt:
        flags.append(EXCERPT)
    if speaker is None:
        flags.append(UNATTRIBUTED)
    if len({c.outlet for c in carried_by}) == 1:
        flags.append(SINGLE_OUTLET)
    return Quote(
        text=fullest.span.text,
        speaker=speaker,
        role=role,
        carried_by=carried_by,
        flags=tuple(flags),
        fullest=fullest.span.article,
        first_published=_first_published(kept),
    )


def _pieces(pieces: list[tuple[_Part, Alignment]]) -> list[tuple[_Part, Alignment]]:
    """The pieces of one article's wording that make its carrier, in the article's order.

    Longest first, skipping repeats (pieces whose words another piece already covers); then
    the pieces are read in the article's order and cut into runs the outlet wrote as one
    quotation (:func:`joins`, and in the fullest wording's order). The run covering most words
    of the fullest wording is the carrier (the first in the article on a tie).
    """
    chosen: list[tuple[_Part, Alignment]] = []
    for part, fit in sorted(pieces, key=lambda pf: (-pf[0].size, pf[0].span.start)):
        if all(fit.end <= f.start or f.end <= fit.start for _, f in chosen):
            chosen.append((part, fit))
    chosen.sort(key=lambda pf: pf[0].span.start)
    runs: list[list[tuple[_Part, Alignment]]] = []
    for part, fit in chosen:
        if runs:
            last, last_fit = runs[-1][-1]
            if fit.start >= last_fit.end and joins(part.text, last.span, part.span):
                runs[-1].append((part, fit))
                continue
        runs.append([(part, fit)])
    return max(runs, key=lambda run: (sum(f.end - f.start for _, f in run), -run[0][0].span.start))


def joins(text: str, left: QuoteSpan, right: QuoteSpan) -> bool:
    """Did the outlet write ``left`` and then ``right`` (two quoted pieces of ``text``) as one
    quotation around one attribution?

    Yes when ``right`` comes after ``left`` within ``MAX_PIECE_GAP`` characters and what stands
    between them is only the attribution: no other quotation, no paragraph break (unless
    nothing but marks and spaces stand there: a quotation carried on over paragraphs), and at
    most one sentence end, which is allowed only where the quotation itself goes on with a new
    sentence (``right`` is a whole quoted sentence, and ``left`` is one too or hands over to the
    attribution with a comma: ``"A," she said. "B."``, ``"A." She added: "B."``). Two partial
    quotes in different sentences of the writer's own (``called it a "miscarriage". He was
    "appalled"``) are two quotations, not one.
    """
    if not 0 <= right.start - left.end <= MAX_PIECE_GAP:
        return False
    gap = text[left.end : right.start]
    inner = gap.strip(_GAP_EDGE)
    if not inner:
        return True  # only marks, spaces and punctuation: the quotation goes straight on
    if any(ch in _DOUBLE_MARKS for ch in inner) or any(ch in _LINE_BREAKS for ch in gap):
        return False
    breaks = _sentence_breaks(text, left, right)
    if breaks == 0:
        return True
    hands_over = gap.lstrip(_CLOSING).startswith((",", "—", "–", "-", ":")) or left.text.endswith((",", "?", "!"))
    return breaks == 1 and right.kind == "full" and (left.kind == "full" or hands_over)


_DOUBLE_MARKS = '"“”„«»‟'
_CLOSING = " \xa0\"”»’'"
_LINE_BREAKS = "\n\r\u2028\u2029"
_GAP_EDGE = " \xa0\t\n\r.,;:!?…—–-\"“”„«»‟‘’'"


def _sentence_breaks(text: str, left: QuoteSpan, right: QuoteSpan) -> int:
    """How many sentences start between the end of ``left`` and the start of ``right``."""
    sentences = split_sentences(text[left.start : right.end])
    gap_start, gap_end = left.end - left.start - 1, right.start - left.start
    return sum(1 for s in sentences[1:] if gap_start <= s.start <= gap_end)


def _carrier(chosen: list[tuple[_Part, Alignment]]) -> QuoteCarrier:
    first = chosen[0][0]
    span = first.span
    if len(chosen) == 1:
        return QuoteCarrier(
            article=span.article,
            outlet=first.outlet,
            start=span.start,
            end=span.end,
            text=span.text,
            speaker_mention=span.speaker_mention,
            diff=chosen[0][1].diff,
        )
    text = chosen[0][0].span.text
    for (_, before), (part, fit) in itertools.pairwise(chosen):
        text += (" " if fit.start == before.end else " … ") + part.span.text
    diff: tuple[WordDiff, ...] = tuple(d for _, f in chosen for d in f.diff)
    mention = next((p.span.speaker_mention for p, _ in chosen if p.span.speaker_mention), None)
    return QuoteCarrier(
        article=span.article,
        outlet=first.outlet,
        start=min(p.span.start for p, _ in chosen),
        end=max(p.span.end for p, _ in chosen),
        text=text,
        speaker_mention=mention,
        diff=diff,
        parts=tuple(sorted(Span(p.span.start, p.span.end) for p, _ in chosen)),
    )


def _speaker_and_role(parts: list[_Part]) -> tuple[str | None, str | None]:
    """The name most articles give (else the commonest description), and the fullest role."""
    named = [p for p in parts if p.name is not None]
    speaker: str | None = None
    surname: str | None = None
    if named:
        votes: Counter[str] = Counter()
        mentions: Counter[str] = Counter()
        voted: set[tuple[str, str]] = set()  # one vote per article and name
        for p in named:
            key = _surname(p.name or "")
            mentions[key] += 1
            if (p.span.article, key) not in voted:
                voted.add((p.span.article, key))
                votes[key] += 1
        # Ties on votes: the name given most often, then by the name itself (not input order).
        surname = min(votes, key=lambda k: (-votes[k], -mentions[k], k))
        # The fullest form of that name: "Crispin Blunt" rather than "Blunt".
        names = [p.name or "" for p in named if _surname(p.name or "") == surname]
        speaker = min(names, key=lambda n: (-len(n.split()), -names.count(n), n))
    else:
        described = [p.description for p in parts if p.description]
        if described:
            counts = Counter(d.casefold() for d in described)
            speaker = min(described, key=lambda d: (-counts[d.casefold()], d))
    roles = [
        p.span.role.strip()
        for p in parts
        if p.span.role
        and any(ch.isalpha() for ch in p.span.role)  # "Brennan, 53," gives an age, not a role
        and (surname is None or p.name is None or _surname(p.name) == surname)
    ]
    # the fullest role in neutral words: "the Conservative MP" before "the disgraced MP"
    role = min(roles, key=lambda r: (loaded_count(r), -len(r.split()), -roles.count(r), r)) if roles else None
    return speaker, role


def _first_published(parts: list[_Part]) -> str | None:
    """The article that carried the quote first, when the dates tell (one article on the earliest day)."""
    dated = {(p.date, p.span.article) for p in parts if p.date is not None}
    days = {d for d, _ in dated}
    if len(days) < 2:
        return None
    earliest = min(days)
    first = [a for d, a in dated if d == earliest]
    return first[0] if len(first) == 1 else None
