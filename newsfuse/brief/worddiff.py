"""Word-level alignment of one wording of a quotation against a fuller wording.

Words are compared in a normalised form (lower case, curly quotes and apostrophes folded to
straight ones, accents dropped, punctuation ignored, hyphenated words split), so differences of
case, punctuation or typography never count; differences are reported with the words as written.

:func:`align` finds where a (possibly shortened) wording sits inside the fuller one: rapidfuzz
locates the best window of the fuller wording (each word mapped to one character, so its
character-level ``partial_ratio_alignment`` works on words), and difflib then diffs the wording
against that window widened by a small margin. Words of the fuller wording outside the excerpt at
either end are not a difference (the outlet quoted less); words changed, dropped or added inside
it are.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.fuzz import partial_ratio_alignment

from newsfuse.model import WordDiff

__all__ = ["Token", "Alignment", "tokenize", "normalise_word", "align", "contains"]

# A word: letters/digits, with inner apostrophes ("don't", "Blunt's"), and a trailing "+"
# ("LGBT+"), which carries meaning. Hyphens and other punctuation separate words.
_WORD = re.compile(r"[^\W_]+(?:['’‘`][^\W_]+)*\+*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})

# Words of the fuller wording looked at beyond rapidfuzz's window on each side: a dropped or an
# added word shifts the best window by one word per change, so a margin of a quarter of the
# excerpt (at least 2 words) keeps every changed word inside what difflib sees. Checked on the
# fixtures of tests/test_quote_lineup.py (dropped word at either end of an excerpt).
_MIN_MARGIN = 2
_MARGIN_SHARE = 4

# Private-use-free code points to stand for words when handing word sequences to rapidfuzz.
_FIRST_CODE_POINT = 0x10000


@dataclass(frozen=True)
class Token:
    """One word of a wording: its normalised form and where it stands in the wording."""

    norm: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Alignment:
    """Where a wording sits in the fuller wording (token indices), and how it differs there."""

    start: int  # first token of the fuller wording covered
    end: int  # one past the last covered token
    matched: int  # tokens equal (after normalisation) on both sides
    score: float  # matched / max(len(wording), end - start): 1.0 means an exact excerpt
    diff: tuple[WordDiff, ...]


@functools.lru_cache(maxsize=1 << 16)
def normalise_word(word: str) -> str:
    """Lower case, straight apostrophes, no accents."""
    folded = unicodedata.normalize("NFKD", word.translate(_APOSTROPHES).casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` with their normalised forms and character offsets."""
    return [Token(normalise_word(m.group()), m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def contains(longer: Sequence[Token], shorter: Sequence[Token]) -> bool:
    """True when ``shorter`` is a contiguous run of ``longer`` (normalised words)."""
    n = len(shorter)
    if n == 0 or n > len(longer):
        return False
    target = [t.norm for t in shorter]
    first = target[0]
    norms = [t.norm for t in longer]
    return any(norms[i] == first and norms[i : i + n] == target for i in range(len(norms) - n + 1))


def _as_chars(a: Sequence[Token], b: Sequence[Token]) -> tuple[str, str]:
    codes: dict[str, str] = {}

    def encode(tokens: Sequence[Token]) -> str:
        return "".join(codes.setdefault(t.norm, chr(_FIRST_CODE_POINT + len(codes))) for t in tokens)

    return encode(a), encode(b)


def _words(tokens: Sequence[Token]) -> str:
    return " ".join(t.text for t in tokens)


def align(here: Sequence[Token], fullest: Sequence[Token]) -> Alignment:
    """Align the wording ``here`` inside ``fullest`` and list its word differences there."""
    n, m = len(here), len(fullest)
    if n == 0 or m == 0:
        return Alignment(0, 0, 0, 0.0, ())
    lo, hi = 0, m
    if n < m:
        h_chars, f_chars = _as_chars(here, fullest)
        window = partial_ratio_alignment(h_chars, f_chars)
        margin = max(_MIN_MARGIN, n // _MARGIN_SHARE)
        # rapidfuzz may return a window shorter than the wording: widen it to the wording's length.
        first = min(window.dest_start, window.dest_end - n)
        last = max(window.dest_end, window.dest_start + n)
        lo, hi = max(0, first - margin), min(m, last + margin)
    part = fullest[lo:hi]
    matcher = difflib.SequenceMatcher(None, [t.norm for t in part], [t.norm for t in here], autojunk=False)
    ops = [list(op) for op in matcher.get_opcodes()]
    # Words of the fuller wording before and after the excerpt are not differences: trim them.
    # A leading (trailing) "replace" keeps only the fullest words next to the match.
    while ops and ops[0][0] == "delete":
        ops.pop(0)
    while ops and ops[-1][0] == "delete":
        ops.pop()
    if not ops:
        return Alignment(0, 0, 0, 0.0, ())
    if ops[0][0] == "replace":
        op = ops[0]
        op[1] = max(op[1], op[2] - (op[4] - op[3]))
    if ops[-1][0] == "replace":
        op = ops[-1]
        op[2] = min(op[2], op[1] + (op[4] - op[3]))
    start, end = lo + ops[0][1], lo + ops[-1][2]
    matched = sum(op[2] - op[1] for op in ops if op[0] == "equal")
    diff = tuple(
        WordDiff(op=tag, fullest=_words(part[i1:i2]), here=_words(here[j1:j2]))
        for tag, i1, i2, j1, j2 in ops
        if tag != "equal"
    )
    score = matched / max(n, end - start)
    return Alignment(start, end, matched, score, diff)
