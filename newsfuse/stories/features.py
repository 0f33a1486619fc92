"""What the story clusterer reads off one article: stems, name-like spans, numbers.

Cheap on purpose: the clusterer must keep up with a stream of hundreds of articles a second, and
spaCy's small English pipeline with the parser off (tagger + NER) costs about 100 ms of CPU per
article on the first 3,000 characters here, against 0.8 ms for this module's scan (40 BASIL
articles, 2-core machine under load, 2026-11-27). One regular-expression scan of the title and
the body gives

- ``body`` and ``title``: Porter stems of the words that are not stop words (sklearn's English
  list, from the Glasgow IR group), counted;
- ``names``: runs of capitalised words, a stand-in for named entities ("Eric Cantor",
  "Randolph-Macon College", "Mr. Cantor" -> "cantor"). A run is cut at a stop word and at a
  sentence end; a lone capitalised stop word or a lone word opening a sentence is not a name
  ("The", "Officials"); the last word of a longer run is counted as a name too, so "Eric Cantor"
  and "Mr. Cantor" meet on "cantor";
- ``pairs``: adjacent stems once stop words are out ("border wall", "lie detector"), from title
  and body;
- ``numbers``: figures of two or more digits ("200,000" -> "200000", "2014", "3.5"), which pick
  out amounts, years and counts that tie reports of one event together.

Every count is kept by feature kind so the clusterer can weigh title words, body words, names and
numbers apart (Miranda et al. 2018 keep such sub-vectors too).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsfuse.analysis.stemming import stem
from newsfuse.lexicon import COURTESY_TITLES, ENGLISH_STOP_WORDS, SPEAKER_TITLES
from newsfuse.model import Article

__all__ = ["ArticleTerms", "article_terms", "quotes", "shingles", "stem", "words", "MAX_SHINGLES", "SHINGLE_WORDS"]

# Words, with inner apostrophes and hyphens ("Randolph-Macon", "don't"), and figures.
# Only the first READ_CHARS characters of the body are read (about 500 words): the lead says what
# the event is, the tail of a long article (background, other news) mostly adds noise, and the
# cost per article stays bounded. Set by bench/cluster.py on BASIL + NeuS-train (see RESULTS.md).
READ_CHARS = 3000
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d[\d,.]*\d|\d")
# A run of capitalised words on one line ("Eric Cantor", "Randolph-Macon College", "Mr. Cantor").
_NAME_RUN = re.compile(r"[A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*(?:\.?[ \t]+[A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*)*")
_SENTENCE_END = frozenset(".!?:;\n\"“”'‘’")
_STOP = frozenset(ENGLISH_STOP_WORDS | {"said", "says", "mr", "mrs", "ms", "dr", "just", "like", "new", "year"})
# Capitalised words that open names but are not part of them ("Mr", "Sen.", "President").
_HONORIFICS = COURTESY_TITLES | SPEAKER_TITLES
# token as written -> its stem ("" for a stop word or a one-letter word); figures map to "#figure".
_TERM_CACHE: dict[str, str] = {}
_TERM_CACHE_MAX = 500_000
# Word shingles (issue 7): runs of SHINGLE_WORDS lower-cased words as written, stop words kept.
# Reports of one event repeat its quoted phrases and the wire's wording ("said in a statement on"
# is common to all stories, "a 9-year-old boy who" is not: the clusterer weighs them by how many
# articles had them). At most MAX_SHINGLES per article, the first ones (the lead), so the cost of
# a comparison stays bounded.
SHINGLE_WORDS = 3
MAX_SHINGLES = 300
# Quoted passages of at least QUOTE_MIN_WORDS words, between double quotation marks.
_QUOTE = re.compile(r'["“]([^"“”\n]{6,400}?)["”]')
QUOTE_MIN_WORDS = 3


def _term(token: str) -> str:
    term = _TERM_CACHE.get(token)
    if term is None:
        if token[0].isdigit():
            figure = token.replace(",", "")
            term = "#" + figure if len(figure) >= 2 else ""
        else:
            low = token.lower().replace("’", "'")
            if low.endswith("'s"):
                low = low[:-2]
            term = "" if low in _STOP or len(low) < 2 else stem(low)
        if len(_TERM_CACHE) >= _TERM_CACHE_MAX:
            _TERM_CACHE.clear()
        _TERM_CACHE[token] = term
    return term


@dataclass(frozen=True)
class ArticleTerms:
    """Counted features of one article, by kind (keys are stems, lower-case names, figures)."""

    body: Counter[str]
    title: Counter[str]
    names: Counter[str]
    numbers: Counter[str]
    pairs: Counter[str]  # adjacent stems of title and body once stop words are out ("border wall")
    tokens: list[str]  # the words of the body's first READ_CHARS characters as written, in order


def words(text: str) -> list[str]:
    """The words and figures of ``text`` as written, in order."""
    return _TOKEN.findall(text)


def shingles(tokens: list[str], size: int = SHINGLE_WORDS, limit: int = MAX_SHINGLES) -> frozenset[int]:
    """Hashes of the first ``limit`` distinct runs of ``size`` lower-cased ``tokens``."""
    low = [t.lower() for t in tokens[: limit + size - 1]]
    return frozenset(hash(" ".join(low[i : i + size])) for i in range(len(low) - size + 1))


def quotes(text: str) -> frozenset[str]:
    """The passages of ``text`` between double quotation marks with QUOTE_MIN_WORDS words or more,
    as their lower-cased words joined by one space."""
    out = set()
    for m in _QUOTE.finditer(text):
        ws = _TOKEN.findall(m.group(1).lower())
        if len(ws) >= QUOTE_MIN_WORDS:
            out.add(" ".join(ws))
    return frozenset(out)


def _stems(tokens: list[str], stems: Counter[str], numbers: Counter[str], pairs: Counter[str]) -> None:
    get = _TERM_CACHE.get
    terms = [get(t) for t in tokens]
    if None in terms:
        terms = [_term(t) for t in tokens]
    kept = [t for t in terms if t and t[0] != "#"]
    pairs.update(map(" ".join, zip(kept, kept[1:], strict=False)))
    for term, n in Counter(terms).items():
        if term:
            if term[0] == "#":
                numbers[term[1:]] += n
            else:
                stems[term] += n


def _names(text: str, names: Counter[str]) -> None:
    for m in _NAME_RUN.finditer(text):
        parts = [w.lower().replace("’", "'").removesuffix("'s") for w in m.group().replace(".", " ").split()]
        k = 0
        while k < len(parts) and (parts[k] in _STOP or parts[k] in _HONORIFICS):
            k += 1
        if k:
            parts = parts[k:]
        if not parts:
            continue
        if len(parts) == 1:
            if len(parts[0]) < 2 or k:
                if k and len(parts[0]) > 1:  # "Mr. Cantor", "The Pentagon"
                    names[parts[0]] += 1
                continue
            i = m.start() - 1
            while i >= 0 and text[i] in " \t":
                i -= 1
            if i < 0 or text[i] in _SENTENCE_END:  # a lone word opening a sentence
                continue
            names[parts[0]] += 1
        else:
            names[" ".join(parts)] += 1
            names[parts[-1]] += 1


def _headline_case(title: str) -> bool:
    """True when most words of ``title`` are capitalised ("Eric Cantor Defeated by David Brat")."""
    ws = [w for w in title.split() if w[:1].isalpha()]
    return len(ws) > 2 and sum(w[0].isupper() for w in ws) >= 0.6 * len(ws)


def article_terms(article: Article, names: bool = True) -> ArticleTerms:
    """The features of ``article`` (title and body scanned apart; names and figures from both).

    ``names=False`` skips the name scan (a quarter of the cost) when the caller gives names no weight.
    """
    body: Counter[str] = Counter()
    title: Counter[str] = Counter()
    found: Counter[str] = Counter()
    numbers: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    if article.title:
        _stems(words(article.title), title, numbers, pairs)
        if names and not _headline_case(article.title):
            _names(article.title, found)
    text = article.text[:READ_CHARS]
    tokens = words(text)
    _stems(tokens, body, numbers, pairs)
    if names:
        _names(text, found)
    return ArticleTerms(body=body, title=title, names=found, numbers=numbers, pairs=pairs, tokens=tokens)
