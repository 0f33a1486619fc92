"""Quoted stretches of a text, found from its quotation marks alone (no parse).

:func:`find_quoted` returns one :class:`Quoted` per stretch of words between an opening and a
closing mark, as exact character ranges into the text *without* the marks.

What counts as a mark:

- Double marks: curly ``“ ”``, low ``„``, reversed ``‟``, guillemets ``« »``, the straight ``"``,
  and the two-character ``''`` and ````` `` ````` of wire copy (the NYT feed writes ``''quote''``).
  Curly and low marks only open or only close; straight ones open when no quotation is open and
  close when one is (a toggle: more robust on scraped copy than guessing from the spacing).
- Single marks, only outside double-quoted stretches (inside, they are a quote within a quote):
  ``‘…’`` and straight ``'…'``, as used by British headlines and for partial quotes. Apostrophes
  make these risky, so an opening single mark must stand at the start of a word (after white
  space, a bracket, a dash or the start of the line) and the closing one at the end of a word
  (not followed by a letter: ``don’t`` and ``Blunt’s`` never close), with a letter or digit
  inside and at most ``MAX_SINGLE_WORDS`` words.

Quotations are looked for paragraph by paragraph (a paragraph is a line). A paragraph that
opens a quotation without closing it, followed by a paragraph that starts with an opening mark,
carries the quotation on (the convention for quotes over several paragraphs): both pieces are
returned, the later ones with ``continues=True``. An opening mark never closed in its paragraph
otherwise runs to the paragraph's end (``closed=False``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quoted", "find_quoted", "MAX_SINGLE_WORDS"]

# Single-quoted stretches longer than this are more likely two apostrophes than a quotation
# (headline quotes and partial quotes are short). Seeds: the longest single-quoted headline
# quote is 3 words; polnear_train: single-quoted stretches past 40 words were apostrophe pairs.
MAX_SINGLE_WORDS = 40

_DOUBLE = re.compile(r"''|``|[\"“”„‟«»]")
_OPEN_ONLY = frozenset(["“", "„", "‟", "«", "``"])
_CLOSE_ONLY = frozenset(["”", "»"])
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
# A single-quoted stretch: the opening mark after a word boundary, the closing mark not followed
# by a letter, digit or another apostrophe-like mark.
_BOUNDARY = r"(?:(?<=^)|(?<=[\s(\[—–\-/:]))"
_SINGLE_CURLY = re.compile(_BOUNDARY + r"‘(?=[^\W_]|[.…])(?:[^‘’\n]|’(?=[^\W_]))*?(?<=\S)’(?![^\W_])")
_SINGLE_STRAIGHT = re.compile(_BOUNDARY + r"'(?=[^\W\d_])(?:[^'\n]|'(?=[^\W_]))*?(?<=\S)'(?![^\W_])")
_ALNUM = re.compile(r"[^\W_]")
_WS = " \t\xa0\u200b\ufeff"


@dataclass(frozen=True)
class Quoted:
    """One quoted stretch: ``start``/``end`` exclude the marks; ``open_at``/``close_at`` are the
    marks' own ranges (``close_at`` is the paragraph end when the quote is not closed)."""

    start: int
    end: int
    open_at: int  # index of the opening mark
    close_end: int  # index just after the closing mark (or the paragraph end)
    mark: str  # "double" or "single"
    closed: bool = True
    continues: bool = False  # continues the quotation of the paragraph before


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch of ``text`` in text order (see the module doc)."""
    out: list[Quoted] = []
    carry = False  # the paragraph before left a double quotation open
    for line in _LINE.finditer(text):
        start, end = line.start(), line.end()
        while start < end and text[start] in _WS:
            start += 1
        if start == end:
            continue
        pieces, carry = _double_in_paragraph(text, start, end, carry)
        singles = _singles(text, start, end, pieces)
        out.extend(sorted(pieces + singles, key=lambda q: q.start))
    return out


def _double_in_paragraph(text: str, start: int, end: int, carry: bool) -> tuple[list[Quoted], bool]:
    pieces: list[Quoted] = []
    marks = list(_DOUBLE.finditer(text, start, end))
    open_mark: re.Match[str] | None = None
    continues = False
    for i, m in enumerate(marks):
        mark = m.group(0)
        if open_mark is None:
            if mark in _CLOSE_ONLY:
                continue  # a stray closing mark
            if mark == '"' and _looks_closing(text, m.start(), m.end(), end) and i == 0 and not carry:
                continue  # e.g. a lone inch mark after a number
            open_mark = m
            continues = carry and m.start() == start
            carry = False
            continue
        if mark in _OPEN_ONLY and _ALNUM.match(text, m.end()) is not None:
            # A second opening mark right before a word: the first one was never closed
            # (or was a mistyped closer); start again from here.
            open_mark = m
            continues = False
            continue
        pieces.append(_piece(text, open_mark.end(), m.start(), open_mark.start(), m.end(), True, continues))
        open_mark = None
        continues = False
    carry = False
    if open_mark is not None:
        pieces.append(_piece(text, open_mark.end(), end, open_mark.start(), end, False, continues))
        carry = True
    return [p for p in pieces if p.end > p.start], carry


def _looks_closing(text: str, at: int, after: int, end: int) -> bool:
    """A straight mark with a letter or digit just before it and none after it."""
    before = text[at - 1] if at > 0 else " "
    nxt = text[after] if after < end else " "
    return (before.isalnum() or before in ".,!?") and not nxt.isalnum()


def _piece(text: str, start: int, end: int, open_at: int, close_end: int, closed: bool, continues: bool) -> Quoted:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return Quoted(start, end, open_at, close_end, "double", closed, continues)


def _singles(text: str, start: int, end: int, doubles: list[Quoted]) -> list[Quoted]:
    found: list[Quoted] = []
    for pattern in (_SINGLE_CURLY, _SINGLE_STRAIGHT):
        for m in pattern.finditer(text, start, end):
            if any(d.open_at <= m.start() < d.close_end for d in doubles):
                continue  # a quote inside a quote
            inner_start, inner_end = m.start() + 1, m.end() - 1
            inner = text[inner_start:inner_end]
            if not _ALNUM.search(inner) or len(inner.split()) > MAX_SINGLE_WORDS:
                continue
            q = _piece(text, inner_start, inner_end, m.start(), m.end(), True, False)
            if q.end > q.start:
                found.append(Quoted(q.start, q.end, q.open_at, q.close_end, "single"))
    return found
