"""Short pieces of text for the reading views: the few words around a value an outlet gives, and
a URL cut to fit a column.

A disagreement shows, for each value, one snippet of one outlet's sentence: the words that give the
value and a few on either side, cut at a clause boundary where there is one, so "34 people were
treated for injuries" stands in for a forty-word sentence.
"""

from __future__ import annotations

import re

__all__ = [
    "MAX_SNIPPET_WORDS",
    "SNIPPET_WORDS_BEFORE",
    "ELLIPSIS",
    "value_snippet",
    "shorten_url",
]

#: Words in a snippet at most: about one line of a 120-column terminal beside its value, and
#: enough for a value and the thing it counts or dates ("34 people were treated for injuries").
MAX_SNIPPET_WORDS = 12
#: Words taken before the value at most: an age wants its name ("Tomas Brennan, 52"), a count
#: its noun after it; three keep "Brennan" without bringing in the previous clause (example story).
SNIPPET_WORDS_BEFORE = 3
ELLIPSIS = "…"

_TOKEN = re.compile(r"\S+")
# A clause starts at these words: the snippet stops before them once it has a few words after the
# value ("Forty-three people were hurt | and hundreds of homes ...").
_CLAUSE_OPENERS = frozenset(
    "and but or when while whereas who whom whose which that after before because although though as "
    "according said says told adding".split()
)
# Words before the value that end the context on that side (besides the clause openers): a verb
# of saying hands over to what was said ("the fire service said | 43 people were injured").
_SAYING = frozenset("said says told added reported stated announced confirmed".split())
_DASHES = frozenset({"—", "–", "-", "--"})
_OPEN_QUOTES = "\"'“‘«("
_CLOSE_PUNCT = ",;:.!?\"'”’»)"
_STRONG_STOP = (";", ":", ".", "!", "?")
_WORDS_AFTER_BEFORE_A_STOP = 2  # words after the value before a comma or clause opener may end it
# A relative clause often says what the value counts ("78% of members | who voted"), so it ends
# the snippet only after a few more words (the example batch's ferry strike).
_RELATIVES = frozenset({"who", "whom", "whose", "which", "that"})
_WORDS_BEFORE_A_RELATIVE = 4


def _strip(word: str) -> str:
    return word.strip(_OPEN_QUOTES + _CLOSE_PUNCT).lower()


def _ending(word: str) -> str:
    """``word`` without closing quotation marks and brackets, so ``died,"`` ends with a comma."""
    return word.rstrip("\"'”’»)")


def value_snippet(sentence: str, wording: str, max_words: int = MAX_SNIPPET_WORDS) -> str:
    """At most ``max_words`` words of ``sentence`` around ``wording`` (the words giving a value),
    with "…" where the sentence goes on; the first words of the sentence when ``wording`` is not in
    it. White space is made single spaces."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
    if not tokens:
        return ""
    text = " ".join(t for _, _, t in tokens)
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    core = " ".join(wording.split())
    at = text.find(core) if core else -1
    if at < 0:
        first = [t for _, _, t in tokens[:max_words]]
        return _join(first, cut_start=False, cut_end=len(tokens) > max_words)
    inside = [i for i, (s, e, _) in enumerate(tokens) if s < at + len(core) and e > at]
    lo, hi = inside[0], inside[-1] + 1  # tokens [lo, hi) hold the wording
    hi = min(hi, lo + max_words)
    # before: a name for an age in apposition ("Tomas Brennan, 52,"), otherwise up to a comma
    apposition = lo > 0 and _ending(tokens[lo - 1][2]).endswith(",") and _ending(tokens[hi - 1][2]).endswith(",")
    start = lo
    budget = min(SNIPPET_WORDS_BEFORE, max_words - (hi - lo))
    while start > 0 and lo - start < budget:
        word = tokens[start - 1][2]
        bare = _strip(word)
        if word in _DASHES or _ending(word).endswith(_STRONG_STOP) or bare in _SAYING or bare in _CLAUSE_OPENERS:
            break
        if _ending(word).endswith(",") and not (apposition and start == lo):
            break
        start -= 1
    # after: up to the end of the clause, within the word budget
    end = hi
    while end < len(tokens) and end - start < max_words:
        word = tokens[end][2]
        taken = end - hi
        bare = _strip(word)
        needed = _WORDS_BEFORE_A_RELATIVE if bare in _RELATIVES else _WORDS_AFTER_BEFORE_A_STOP
        if word in _DASHES or (taken >= needed and bare in _CLAUSE_OPENERS):
            break
        end += 1
        ending = _ending(word)
        if ending.endswith(_STRONG_STOP) or (taken + 1 >= _WORDS_AFTER_BEFORE_A_STOP and ending.endswith(",")):
            break
    words = [t for _, _, t in tokens[start:end]]
    return _join(words, cut_start=start > 0, cut_end=end < len(tokens))


def _join(words: list[str], cut_start: bool, cut_end: bool) -> str:
    text = " ".join(words)
    if cut_end:
        text = text.rstrip(",;:—– ")
    # quotation marks cut in half would read as unbalanced: drop a stray one at either end
    text = text.strip('"“”')
    if cut_start:
        text = ELLIPSIS + text
    if cut_end:
        text += ELLIPSIS
    return text


def shorten_url(url: str, width: int) -> str:
    """``url`` in at most ``width`` characters: without ``https://`` and ``www.`` first, then with
    the middle of its path replaced by "…" (the host and the last part, usually the headline slug,
    stay). Never wraps: the caller links the full address where it can."""
    if len(url) <= width:
        return url
    short = re.sub(r"^[a-z]+://", "", url, flags=re.IGNORECASE)
    short = re.sub(r"^www\.", "", short, flags=re.IGNORECASE).rstrip("/")
    if len(short) <= width:
        return short
    host, _, path = short.partition("/")
    tail = path.rsplit("/", 1)[-1]
    candidate = f"{host}/{ELLIPSIS}/{tail}"
    if path and len(candidate) <= width:
        return candidate
    if width <= 1:
        return ELLIPSIS[:width]
    return short[: width - 1] + ELLIPSIS
