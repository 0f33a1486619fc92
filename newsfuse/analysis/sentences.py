"""Sentences as spans into an article's text (first version: syntok, paragraph by paragraph)."""

from __future__ import annotations

import syntok.segmenter as segmenter

from newsfuse.model import Article, Span

__all__ = ["split_sentences", "content_sentences"]


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentence spans (exact character ranges, trimmed of white space)."""
    spans: list[Span] = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            if not sentence:
                continue
            first, last = sentence[0], sentence[-1]
            start = first.offset
            end = last.offset + len(last.value)
            if end > start:
                spans.append(Span(start, end))
    return spans


def content_sentences(article: Article) -> list[Span]:
    """The sentences of ``article`` that do not touch any of its boilerplate spans."""
    spans = split_sentences(article.text)
    if not article.boilerplate:
        return spans
    return [s for s in spans if not any(b.start < s.end and s.start < b.end for b in article.boilerplate)]
