"""Feeding sumy our own sentences: a document built by hand, a regex word tokenizer (sumy's
default tokenizer wants nltk punkt data, which is not installed), sumy's bundled English stop
words and the Snowball stemmer (no nltk data needed for either)."""

from __future__ import annotations

import re

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from baselines import Story

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class RegexTokenizer:
    language = "english"

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(text))

    def to_sentences(self, text: str) -> tuple[str, ...]:
        return (text,)


TOKENIZER = RegexTokenizer()
STEMMER = Stemmer("english")
STOP_WORDS = get_stop_words("english")


def document(story: Story) -> tuple[ObjectDocumentModel, list[Sentence]]:
    paragraphs = []
    sentences: list[Sentence] = []
    current = -1
    bucket: list[Sentence] = []
    for text, art in zip(story.sentences, story.article, strict=True):
        if art != current and bucket:
            paragraphs.append(Paragraph(bucket))
            bucket = []
        current = art
        s = Sentence(text, TOKENIZER)
        bucket.append(s)
        sentences.append(s)
    if bucket:
        paragraphs.append(Paragraph(bucket))
    return ObjectDocumentModel(paragraphs), sentences


def ranked(summarizer_cls: type, story: Story) -> list[int]:
    """Indices ranked by the sumy summariser's own sentence ratings."""

    class Capture(summarizer_cls):  # type: ignore[misc,valid-type]
        ratings: list[float] = []

        def _get_best_sentences(self, sentences, count, rating, *args, **kwargs):  # type: ignore[no-untyped-def]
            rate = rating.__getitem__ if isinstance(rating, dict) else rating
            self.ratings = [float(rate(s, *args, **kwargs)) for s in sentences]
            return ()

    doc, _ = document(story)
    summ = Capture(STEMMER)
    summ.stop_words = STOP_WORDS
    summ(doc, 1)
    ratings = summ.ratings or [0.0] * len(story.sentences)
    return sorted(range(len(story.sentences)), key=lambda i: (-ratings[i], i))
