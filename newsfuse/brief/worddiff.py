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
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.fuzz import partial_ratio_alignment, ratio

from newsfuse.lexicon import CONTRACTED_ENDINGS, CONTRACTIONS
from newsfuse.model import WordDiff

__all__ = ["Token", "Alignment", "tokenize", "word_norms", "normalise_word", "align", "same_words"]

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

# Most readings of a wording :func:`same_words` spells out (each contraction doubles them at most
# threefold; a diff's wording is a few words).
_MAX_READINGS = 256

# Each word stands as one character (from a CRC of the word, outside the Basic Multilingual
# Plane) when word sequences go to rapidfuzz. Two words sharing a character (rare) only move
# rapidfuzz's window; difflib then compares the real words.
_FIRST_CODE_POINT = 0x10000
_CODE_POINTS = 0x100000


@dataclass(frozen=True)
class Token:
    """One word of a wording: its normalised form and where it stands in the wording."""

    norm: str
    text: str
    start: int
    end: int
    code: str = ""  # one character standing for ``norm`` (for rapidfuzz)
    letters: str = ""  # the letters and digits of ``norm`` (for matching contractions)


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


@functools.lru_cache(maxsize=1 << 16)
def _word_forms(word: str) -> tuple[str, str, str]:
    norm = normalise_word(word)
    code = chr(_FIRST_CODE_POINT + zlib.crc32(norm.encode("utf-8")) % _CODE_POINTS)
    return norm, code, "".join(c for c in norm if c.isalnum())


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` with their normalised forms and character offsets."""
    tokens = []
    for m in _WORD.finditer(text):
        norm, code, letters = _word_forms(m.group())
        tokens.append(Token(norm, m.group(), m.start(), m.end(), code, letters))
    return tokens


def word_norms(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, normalised form)`` of each word of ``text``, as :func:`tokenize` finds
    them, without a :class:`Token` per word (for whole articles)."""
    return [(m.start(), m.end(), normalise_word(m.group())) for m in _WORD.finditer(text)]


def _as_chars(tokens: Sequence[Token]) -> str:
    return "".join([t.code for t in tokens])


def _words(tokens: Sequence[Token]) -> str:
    return " ".join(t.text for t in tokens)


def _edge_words(fullest: Sequence[Token], here: Sequence[Token], from_end: bool) -> int:
    """How many words of ``fullest`` (next to the match) a changed edge of ``here`` stands for.

    At the start or end of an excerpt, difflib lumps the fullest words outside the excerpt with
    the changed ones; keep the run nearest the match whose letters are most like the excerpt's
    ("I am" for "I'm", not "Khan. I am"), fewest words on a tie.
    """
    target = "".join([t.letters for t in here])
    best, best_score = 1, -1.0
    letters = ""
    # A changed word stands for one or two ("I'm" / "I am"): look no further than twice as many.
    for k in range(1, min(len(fullest), 2 * len(here) + 1) + 1):
        word = fullest[len(fullest) - k] if from_end else fullest[k - 1]
        letters = word.letters + letters if from_end else letters + word.letters
        score = ratio(letters, target)
        if score > best_score:
            best, best_score = k, score
    return best


def align(here: Sequence[Token], fullest: Sequence[Token], cutoff: float = 0.0) -> Alignment:
    """Align the wording ``here`` inside ``fullest`` and list its word differences there.

    ``cutoff`` (0-100) skips the word diff, giving an empty alignment, when rapidfuzz's best
    window of ``fullest`` is less alike than that.
    """
    n, m = len(here), len(fullest)
    if n == 0 or m == 0:
        return Alignment(0, 0, 0, 0.0, ())
    lo, hi = 0, m
    if n < m:
        window = partial_ratio_alignment(_as_chars(here), _as_chars(fullest))
        if window.score < cutoff:
            return Alignment(0, 0, 0, 0.0, ())
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
        op[1] = op[2] - _edge_words(part[op[1] : op[2]], here[op[3] : op[4]], from_end=True)
    if ops[-1][0] == "replace":
        op = ops[-1]
        op[2] = op[1] + _edge_words(part[op[1] : op[2]], here[op[3] : op[4]], from_end=False)
    start, end = lo + ops[0][1], lo + ops[-1][2]
    matched = sum(op[2] - op[1] for op in ops if op[0] == "equal")
    diff = tuple(
        WordDiff(op=tag, fullest=_words(part[i1:i2]), here=_words(here[j1:j2]))
        for tag, i1, i2, j1, j2 in ops
        if tag != "equal"
    )
    score = matched / max(n, end - start)
    return Alignment(start, end, matched, score, diff)


def _readings(word: str) -> tuple[tuple[str, ...], ...]:
    """``word`` (normalised) and what it stands for when it is a contraction ("i'm": "i am")."""
    out = [(word,)]
    for full in CONTRACTIONS.get(word, ()):
        out.append(tuple(full.split()))
    for ending, fulls in CONTRACTED_ENDINGS.items():
        if word.endswith(ending) and len(word) > len(ending):
            stem = word[: -len(ending)]
            out.extend((stem, full) for full in fulls)
    return tuple(out)


def same_words(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` say the same words once contractions are spelled out ("I'm" / "I am",
    "do not" / "don't")? Case, accents, typography and punctuation never count (as in
    :func:`tokenize`)."""
    sides = []
    for text in (a, b):
        spelled: set[tuple[str, ...]] = {()}
        for m in _WORD.finditer(text):
            spelled = {done + r for done in spelled for r in _readings(normalise_word(m.group()))}
            if len(spelled) > _MAX_READINGS:
                return False
        sides.append(spelled)
    return bool(sides[0] & sides[1])
