"""Tie-breaks that do not depend on the order of the inputs or on their names.

A brief must come out the same whichever order the articles are given in and whatever their
files are called; only the source numbering ([1], [2], ...) follows the input order. Every
choice between equals in ``brief/`` therefore breaks its ties on content: first on the words
themselves (a wording, a name), and last on :func:`article_key`, which orders two articles by
what they say, not by where they came in.

Article ids are not used: today they come from file names and load order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from newsfuse.model import Article

__all__ = ["article_key", "article_ranks"]


def article_key(article: Article) -> tuple[str, str, str]:
    """A sort key for ``article`` from its content alone: a digest of its text, then its outlet
    and title (two copies of one text from two outlets stay apart)."""
    digest = hashlib.blake2b(article.text.encode("utf-8"), digest_size=16).hexdigest()
    return digest, article.outlet, article.title or ""


def article_ranks(articles: Iterable[Article]) -> dict[str, int]:
    """Article id -> its rank by :func:`article_key` (0 first): a content order for ties."""
    ordered = sorted(articles, key=article_key)
    return {a.id: k for k, a in enumerate(ordered)}
