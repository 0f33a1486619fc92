"""The language an article is written in, as an ISO 639-1 code ("en", "de"), or None.

Detection is py3langid's naive Bayes classifier (a kept library, 97 languages) with normalised
probabilities, run on the text outside boilerplate. A text too short to tell, or a guess the
classifier is not sure of, falls back to what the input declares (``<html lang="de-AT">``, a
feed's ``<language>``), else None. Nothing downstream should treat None as English without
saying so.

The classifier's model is read once per process, on the first call (it costs about half a
second); later calls take well under a millisecond per article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from newsfuse.lexicon import ENGLISH_FUNCTION_WORDS
from newsfuse.model import Article, Span

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

__all__ = [
    "detect_language",
    "normalise_language",
    "with_language",
    "MIN_DETECT_LETTERS",
    "MIN_CONFIDENCE",
    "MAX_DETECT_CHARS",
]

#: Fewest letters a text needs before the classifier's answer is used. Character n-gram
#: classifiers are unreliable on a few words ("Free." scores Afrikaans); two short sentences
#: (~60 letters) identify the major European languages reliably in our page tests.
MIN_DETECT_LETTERS = 60

#: Lowest normalised probability for a detection to be kept. On one-sentence Spanish the model
#: gives ~0.8, on paragraphs of any of our test languages above 0.99; below 0.5 the text is
#: mixed or too short, and the declared language (or None) is the safer answer.
MIN_CONFIDENCE = 0.5

#: Characters of the text classified: the start of an article identifies its language as well
#: as the whole, and this bounds the cost on very long inputs.
MAX_DETECT_CHARS = 5000

#: The fast path for English: a sample of at least FAST_PATH_MIN_WORDS words of which at least
#: ENGLISH_FUNCTION_SHARE are English function words (lexicon.ENGLISH_FUNCTION_WORDS) is English
#: without asking the classifier, whose model costs about 0.7 CPU-s to read at every start.
#: English articles of ../shared/data: 1,679 of 1,711 above 0.15; our German, French and Spanish
#: pages (tests/fixtures/pages): at most 0.01. Anything below goes to the classifier.
FAST_PATH_MIN_WORDS = 30
ENGLISH_FUNCTION_SHARE = 0.15

_WORD = re.compile(r"[^\W\d_]+")
_CODE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def normalise_language(declared: object) -> str | None:
    """The two-letter primary subtag of a declared language tag ("de-AT" -> "de"), or None."""
    if not isinstance(declared, str):
        return None
    match = _CODE.match(declared)
    if not match:
        return None
    code = match.group(1).lower()
    return code if len(code) == 2 else None


def _outside(text: str, spans: Iterable[Span]) -> str:
    pieces: list[str] = []
    at = 0
    for span in sorted(spans):
        if span.start > at:
            pieces.append(text[at : span.start])
        at = max(at, span.end)
    pieces.append(text[at:])
    return "\n".join(pieces)


def _plainly_english(sample: str) -> bool:
    words = _WORD.findall(sample)
    if len(words) < FAST_PATH_MIN_WORDS:
        return False
    share = sum(w.lower() in ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    return share >= ENGLISH_FUNCTION_SHARE


def detect_language(text: str, declared: object = None, skip: Iterable[Span] = ()) -> str | None:
    """ISO 639-1 code of ``text`` (spans in ``skip`` left out), else the declared language."""
    sample = _outside(text, skip)[:MAX_DETECT_CHARS]
    if _plainly_english(sample):
        return "en"
    if sum(char.isalpha() for char in sample) >= MIN_DETECT_LETTERS:
        code, confidence = _identifier().classify(sample)
        if confidence >= MIN_CONFIDENCE and len(code) == 2:
            return code
    return normalise_language(declared)


def with_language(article: Article) -> Article:
    """``article`` with its language detected, when it has none yet."""
    if article.language is not None:
        return article
    code = detect_language(article.text, skip=article.boilerplate)
    return replace(article, language=code) if code else article
