"""Sentences as exact character spans into an article's text.

A small rule-based splitter written for news copy, linear in the length of the text:

1. The text is cut into lines. A line break always ends a sentence (paragraphs, headlines,
   ``READ MORE: ...`` lines, sign-offs), except a single line break inside a hard-wrapped
   sentence: the line before has no closing punctuation and the next line starts in lower case.
2. In each block, one regular expression finds every candidate end: a run of ``. ! ? …``
   (or a spaced ``. . .``), then any closing quote marks or brackets, then white space.
   Closing marks always stay with the sentence they close, also a stray closing quote that
   stands after a space (``done. ” Next``).
3. Each candidate is kept or dropped by looking at the word before it (titles like ``Mr``,
   ``U.S.``, ``p.m.``, ``Jan.``, ``No.``, initials) and the word after it (lower case never
   starts a sentence here; ``"Stop!" Smith shouted`` is one sentence).

Spans are trimmed of white space (including no-break and zero-width spaces), in order and
never overlap; ``text[span.start:span.end]`` is the sentence. Pieces without any letter or
digit (a line of ``***``, a lone ``—``) are not sentences and are not returned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsfuse.model import Article, Span

__all__ = ["split_sentences", "content_sentences", "without_boilerplate"]

# White space as far as trimming and splitting are concerned: everything ``str.isspace``
# accepts (no-break space \xa0, thin spaces, ...) plus the zero-width marks scraped pages carry.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_WS_CLASS = r"[\s" + _ZERO_WIDTH + r"]"

# Line breaks as ``str.splitlines`` knows them; the text between them is one line.
_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")

# A candidate sentence end: terminal punctuation, closing marks, then white space or the end.
_CLOSERS = "\"'”’»)]"
_END = re.compile(
    r"(\.(?:[ \xa0]\.){2,}|[.!?…‽]+)"  # spaced ". . ." or a run of terminal marks
    r"([" + re.escape(_CLOSERS) + r"]*)"  # closing quote marks and brackets
    r"(?:(?=" + _WS_CLASS + r"|$)"  # then white space, or a missing space in scraped copy
    r"|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z])"  # "today.All travellers"
    r"|(?<=[a-z][a-z][.!?][\"”’])(?=[A-Z][a-z]))"  # 'apart."We are'
)
# What may stand after the space of a candidate end and still belong to the sentence before:
# a closing mark followed by space (``end. ” Next``), or loose end marks (``end. ... Next``).
_STRAY = re.compile(
    r"(?:[”»)\]]+|[\"']+(?=" + _WS_CLASS + r"|$)|[.!?…]+|\.(?:[ \xa0]\.){2,})"
    r"[" + re.escape(_CLOSERS) + r"]*(?=" + _WS_CLASS + r"|$)"
)
# A list number or letter at the start of a line: "2." "iv." "b." is not a sentence by itself.
_LIST_MARK = re.compile(r"\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})\)?")
# A tweet's sign-off after its text: "— Name (@handle) April 12, 2022".
_TWEET_SIGNOFF = re.compile(r"[—–-]+\s*[^()\n]{1,80}\(@\w+\)")
_NON_SPACE = re.compile(r"[^\s" + _ZERO_WIDTH + r"]")
_ALNUM = re.compile(r"[^\W_]")
_OPENERS = "\"'“‘«([{"
_OPEN_ONLY = "“‘«([{"
_CLOSE_ONLY = "”»)]}"
_WORD = re.compile(r"[\w’'.-]+")
# The word a dot ends, as an abbreviation would be written: "Dr" in 'else."Dr', "Nev" in
# "(D-Nev", "U.S" in "Korean-U.S".
_KEY = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.)*\w+$")
# A dotted acronym before the final dot: "U.S", "a.m", "D.C", "H.W".
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
# After "?"/"!" and a closing quote: a capitalised speaker and a verb of saying keep the
# attribution in the sentence ("Are you done?" Smith asked.).
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w’'.-]*\s+){1,4}"
    r"(?:said|says|asked|asks|shouted|shouts|yelled|told|tells|added|adds|wrote|writes|"
    r"tweeted|replied|replies|continued|explained|insisted|recalled|joked|cried|screamed|"
    r"exclaimed|declared|noted|remarked|responded|answered|wondered|pleaded|urged|questioned|"
    r"pressed|demanded|quipped|countered|argued|chanted|interjected|snapped|mused|went on)\b"
)

# Words before a dot that never end a sentence: titles before a name, and a few Latin ones.
_TITLES = frozenset(
    "mr mrs ms mx messrs mmes mme mlle dr prof rev fr hon sen sens rep reps gov govs gen "
    "lt col capt sgt maj adm cmdr cdr cpl pvt brig supt insp det pres vs v e.g i.e cf viz".split()
)
# Words before a dot that do not end a sentence when a number follows ("No. 10", "Jan. 5").
_BEFORE_NUMBER = frozenset(
    "no nos art fig figs vol vols pp p op ch sec para pt ex ext ref refs al "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Abbreviations that may or may not end a sentence: they end one only when the next word is a
# typical sentence opener (below) or a quotation opens. "in the U.S. The" splits,
# "the U.S. Senate" and "St. Louis" do not. Months and US state abbreviations (AP style) too.
_AMBIGUOUS = frozenset(
    "st co mt ft ave blvd rd dept univ govt assn est approx bros "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss "
    "mo mont neb nev okla ore pa tenn tex va vt wash wis wyo".split()
)
# Company and name suffixes end a sentence more often than not ("... Inc. The"), but not
# before a bracket.
_SUFFIXES = frozenset("inc corp ltd llc plc jr sr esq".split())
# "a.m." and "p.m." end a sentence unless a day, month or time zone follows ("9 p.m. Tuesday").
_CLOCK = frozenset(["a.m", "p.m"])
_AFTER_CLOCK = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tonight yesterday "
    "tomorrow january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec et est edt ct cst cdt mt mst "
    "mdt pt pst pdt gmt bst utc cet local eastern central pacific mountain".split()
)
# Capitalised words that usually open a sentence and rarely continue a name or a title.
_OPENER_WORDS = frozenset(
    "the a an he she it they we i you his her its their our my your this that these those "
    "there here but and or so yet if when while after before as although though because "
    "since in on at for from with without by of to into under over during despite "
    "according some many most several few all both each every no none one two three four "
    "five six seven eight nine ten police officials authorities investigators witnesses "
    "also however meanwhile still then now later earlier today yesterday instead other "
    "such what who where why how which whether not only even just more it's he's she's "
    "they're we're i'm there's that's".split()
)


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentence spans (exact character ranges, trimmed of white space)."""
    spans: list[Span] = []
    for start, end in _blocks(text):
        _split_block(text, start, end, spans)
    return spans


def content_sentences(article: Article) -> list[Span]:
    """The sentences of ``article`` that do not touch any of its boilerplate spans."""
    return without_boilerplate(split_sentences(article.text), article.boilerplate)


def without_boilerplate(spans: Sequence[Span], boilerplate: Iterable[Span]) -> list[Span]:
    """``spans`` (sentences in text order) that do not touch any of the ``boilerplate`` spans."""
    marked = sorted(boilerplate)
    if not marked:
        return list(spans)
    kept: list[Span] = []
    i = 0
    for s in spans:  # both lists are in text order: one pass over each
        while i < len(marked) and marked[i].end <= s.start:
            i += 1
        touches = False
        for b in marked[i:]:
            if b.start >= s.end:
                break
            if b.start < s.end and s.start < b.end:
                touches = True
                break
        if not touches:
            kept.append(s)
    return kept


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _ZERO_WIDTH):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _ZERO_WIDTH):
        end -= 1
    return start, end


def _blocks(text: str) -> list[tuple[int, int]]:
    """Trimmed line ranges, with hard-wrapped sentence lines joined (see the module doc)."""
    blocks: list[tuple[int, int]] = []
    prev_line_end = -1  # end of the last non-blank line, if the line just before was it
    for m in _LINE.finditer(text):
        start, end = _trim(text, m.start(), m.end())
        if start == end:
            prev_line_end = -1  # a blank line: a paragraph break
            continue
        if blocks and prev_line_end >= 0 and _continues(text, blocks[-1], prev_line_end, start):
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
        prev_line_end = m.end()
    return blocks


def _continues(text: str, block: tuple[int, int], line_end: int, start: int) -> bool:
    """Does the line at ``start`` continue the sentence of ``block`` (a hard wrap)?"""
    gap = text[line_end:start]
    if len(gap.replace("\r\n", "\n").strip(" \t\xa0" + _ZERO_WIDTH)) != 1:
        return False  # more than one line break: a paragraph break
    last = text[block[1] - 1]
    return text[start].islower() and last not in ".!?…:;" + _CLOSERS


def _split_block(text: str, start: int, end: int, out: list[Span]) -> None:
    """Append the sentences of ``text[start:end]`` (one block, already trimmed) to ``out``."""
    first = len(out)
    begin = start
    word_at = _first_alnum(text, begin, end)  # the first letter or digit of this sentence
    for m in _END.finditer(text, start, end):
        cut = m.end()
        if cut < begin:  # inside a stray run already given to the sentence before
            continue
        nxt = _skip_space(text, cut, end)
        if nxt >= end:
            break
        stray = _STRAY.match(text, nxt, end)
        while stray:  # "there … . I was", "end. ” Next"
            cut = stray.end()
            nxt = _skip_space(text, cut, end)
            stray = _STRAY.match(text, nxt, end)
        if nxt >= end:
            break
        if word_at >= cut or _LIST_MARK.fullmatch(text, begin, m.start()):
            continue  # only marks ("“... Word") or a list number ("2. “Red”") so far
        if _is_boundary(text, m, nxt, end):
            _emit(text, begin, cut, out)
            begin = nxt
            word_at = _first_alnum(text, begin, end)
    if word_at < end:
        _emit(text, begin, end, out)
    elif len(out) > first:  # trailing marks only: they belong to the last sentence
        last = out.pop()
        _emit(text, last.start, end, out)
    # The pic.twitter.com tail of an embedded tweet starts a piece of its own.
    if "pic.twitter.com" in text[start:end]:
        _split_tweet_links(text, first, out)


def _emit(text: str, start: int, end: int, out: list[Span]) -> None:
    start, end = _trim(text, start, end)
    # A mis-typed mark ("wavered. “" at the end of a line) is left out of the sentence: no
    # sentence ends in an opening quote mark or starts with a closing one.
    while end > start and text[end - 1] in _OPEN_ONLY:
        start, end = _trim(text, start, end - 1)
    while start < end and text[start] in _CLOSE_ONLY:
        start, end = _trim(text, start + 1, end)
    if start < end:
        out.append(Span(start, end))


def _first_alnum(text: str, i: int, end: int) -> int:
    m = _ALNUM.search(text, i, end)
    return m.start() if m else end


def _skip_space(text: str, i: int, end: int) -> int:
    m = _NON_SPACE.search(text, i, end)
    return m.start() if m else end


def _is_boundary(text: str, m: re.Match[str], nxt: int, end: int) -> bool:
    """Is the candidate end ``m`` (next sentence would start at ``nxt``) a real boundary?"""
    k = nxt
    while k < end and text[k] in _OPENERS:
        k += 1
    if k >= end:
        return True
    head = text[k]
    if head.islower():
        return False  # sentences in news copy start with a capital, a digit or a mark
    if head in "—–-":  # a dash opens no sentence, save a tweet's sign-off
        return _TWEET_SIGNOFF.match(text, k, end) is not None
    term = m.group(1)
    glued = nxt == m.end()  # no space before the next sentence: scraped copy
    if glued and any(c in _word_before(text, m.start()) for c in "./@:"):
        return False  # a URL, an e-mail address or a file name
    if term[0] in "?!‽":
        return not (m.group(2) and _is_attribution(text, nxt, end))
    if len(term) > 1 or term == "…":
        return True  # an ellipsis before a capital
    word = _KEY.search(_word_before(text, m.start()))
    if not word:
        return True
    prev = word.group(0)
    key = prev.lower()
    if key in _TITLES and prev != "V":
        return False
    if key in _BEFORE_NUMBER and head.isdigit():
        return False
    if key in _SUFFIXES:
        return text[nxt] != "("  # "XO Group Inc. (NYSE: XOXO)"
    if key in _CLOCK:
        return _next_word(text, k, end).lower() not in _AFTER_CLOCK
    if key in _AMBIGUOUS or (len(prev) == 1 and prev.isupper()) or _ACRONYM.fullmatch(prev):
        if any(c in m.group(2) for c in "\"'”’»"):
            return True  # a quotation closes after it: 'moved to St. Louis, Mo." Police'
        if text[nxt] == "(":
            return False  # "Jan. (2019)": a bracket goes on with the abbreviation
        return k > nxt or _next_word(text, k, end).lower() in _OPENER_WORDS
    return True


def _is_attribution(text: str, i: int, end: int) -> bool:
    """Does a speaker and a verb of saying start at ``i`` ("Smith asked", "I asked")?

    A capitalised pronoun other than "I" starts a new sentence ('...!” He said liberals').
    """
    if not _ATTRIBUTION.match(text, i, end):
        return False
    first = _next_word(text, i, end)
    return first == "I" or first.lower() not in _OPENER_WORDS


def _word_before(text: str, i: int) -> str:
    """The word that ends at ``i``, without quote marks or brackets around it."""
    j = i
    while j > 0 and not (text[j - 1].isspace() or text[j - 1] in _ZERO_WIDTH):
        j -= 1
        if i - j > 40:  # a URL or a run of symbols, not an abbreviation
            return text[j:i]
    return text[j:i].lstrip(_OPENERS + "—–-").rstrip(_CLOSERS)


def _next_word(text: str, i: int, end: int) -> str:
    m = _WORD.match(text, i, end)
    return m.group(0).rstrip(".") if m else ""


def _split_tweet_links(text: str, first: int, out: list[Span]) -> None:
    """Split the sentences from ``out[first:]`` before each ``pic.twitter.com`` link."""
    pieces: list[Span] = []
    for s in out[first:]:
        begin = s.start
        for m in re.finditer(r"(?<=\s)pic\.twitter\.com/", text[s.start : s.end]):
            at = s.start + m.start()
            if _ALNUM.search(text, begin, at):
                _emit(text, begin, at, pieces)
                begin = at
        _emit(text, begin, s.end, pieces)
    out[first:] = pieces
