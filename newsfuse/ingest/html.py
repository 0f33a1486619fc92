"""Saved HTML pages (trafilatura), and HTML fragments to plain text (feed entries).

A page gives its main text, title, site name, date and canonical URL. Nothing is fetched:
trafilatura and htmldate only read the given markup. Paragraphs are joined with a blank line,
as in the plain-text inputs, and a first paragraph that only repeats the title is dropped (the
title is kept in ``Article.title``).
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import DEFAULT_CONFIG

from newsfuse.errors import EmptyInput, MalformedInput
from newsfuse.ingest.boilerplate import find_boilerplate
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.outlet import pick_outlet, short_id
from newsfuse.model import Article, Problem

__all__ = ["parse_html", "html_to_text", "declared_charset"]

#: trafilatura drops a main text shorter than 250 characters and then tries its fallbacks. A
#: saved page is one article the user chose, so a short text (a brief, a test page) is still
#: its text: keep anything of one character or more.
MIN_EXTRACTED_CHARS = 1

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@lru_cache(maxsize=1)
def _config():  # type: ignore[no-untyped-def]
    config = copy.deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["MIN_EXTRACTED_SIZE"] = str(MIN_EXTRACTED_CHARS)
    config["DEFAULT"]["MIN_OUTPUT_SIZE"] = str(MIN_EXTRACTED_CHARS)
    # trafilatura's timeout uses a signal, which only works in the main thread; pages are small.
    config["DEFAULT"]["EXTRACTION_TIMEOUT"] = "0"
    return config


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag of its first 2 KiB, if any."""
    match = _CHARSET.search(data[:2048])
    return match.group(1).decode("ascii", "ignore") if match else None


def _has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _paragraphs(text: str) -> list[str]:
    return [_SPACES.sub(" ", line).strip() for line in text.splitlines() if line.strip()]


def _visible_text(markup: str, origin: str) -> str:
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as err:
        raise MalformedInput(origin, f"broken HTML ({err})") from None
    body = root.find("body")
    return html_to_text(body if body is not None else root)


def parse_html(
    markup: str,
    *,
    origin: str,
    stem: str,
    outlet: str | None = None,
) -> tuple[Article, list[Problem]]:
    """One article from a saved page; ``stem`` gives the id and the last-resort outlet name."""
    try:
        doc = trafilatura.bare_extraction(
            markup,
            fast=True,
            include_comments=False,
            with_metadata=True,
            # Publication (not update) date from markup, bylines and <time> only: the
            # "extensive" search also takes any date written in the body ("began on 3 March
            # 2019"), and no date is better than a wrong one.
            date_extraction_params={"original_date": True, "extensive_search": False},
            config=_config(),
        )
    except (ValueError, TypeError, lxml.etree.LxmlError) as err:
        raise MalformedInput(origin, f"broken HTML ({err})") from None
    paragraphs = _paragraphs(doc.text or "") if doc is not None else []
    if not any(_has_words(p) for p in paragraphs):
        # Nothing trafilatura calls main text: say whether the page is cut off, or has no text.
        if markup.rfind("<") > markup.rfind(">"):
            raise MalformedInput(origin, "broken HTML: the page is cut off inside a tag and has no text")
        if _has_words(_visible_text(markup, origin)):
            raise MalformedInput(origin, "broken HTML: no article text found in the page")
        raise EmptyInput(origin, "HTML page has no text")
    assert doc is not None
    title = (doc.title or "").strip() or None
    if title and len(paragraphs) > 1 and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    text = "\n\n".join(paragraphs)
    site = (doc.sitename or "").strip()
    url = (doc.url or "").strip() or None
    article = Article(
        id=short_id(stem),
        text=text,
        outlet=pick_outlet(
            option=outlet, site_name=None if site.startswith("@") else site, url=url, fallback=stem
        ),
        title=title,
        date=parse_date(doc.date),
        url=url,
        origin=origin,
        boilerplate=find_boilerplate(text),
    )
    return article, []


def _walk(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP_TAGS:
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n\n")
    elif tag == "br":
        parts.append("\n")
    if tag and element.text:
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n\n")


def html_to_text(fragment: str | lxml.html.HtmlElement) -> str:
    """Plain text of an HTML fragment: block elements become paragraphs (one blank line apart),
    ``<br>`` a line break, runs of spaces one space; scripts and styles are dropped."""
    if isinstance(fragment, str):
        if not fragment.strip():
            return ""
        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except (lxml.etree.ParserError, ValueError):
            return fragment.strip()
    else:
        root = fragment
    parts: list[str] = []
    _walk(root, parts)
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split("".join(parts)):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)
