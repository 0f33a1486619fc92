"""Saved HTML pages (trafilatura), and HTML fragments to plain text (feed entries).

A page gives its main text, title, site name, date, canonical URL and language. Nothing is
fetched: trafilatura and htmldate only read the given markup.

Main text: trafilatura's normal extraction, with its own fallbacks (its readability and
jusText comparison, its baseline rescue for short results); when that finds nothing, the same in
its recall mode; only when both find nothing, the page's visible text without navigation,
header, footer, aside and forms. Each block of the extracted body (paragraph, heading, list
item, table row) becomes one paragraph, joined with a blank line as in the plain-text inputs.
Inside a block, line breaks of the source are spaces (a ``<p>`` hard-wrapped in the markup is
one paragraph, not a column of fragments); a ``<br>`` is a line break only after the end of a
sentence, else a space. The Article text is what was extracted; every span points into it.

Metadata is read from the whole tree, wherever the parser put it: an HTML parser moves a
``<meta>`` written after body content into ``<body>``, and it still names the site.
Site name, in order: ``og:site_name``, a JSON-LD ``publisher`` name, ``application-name``,
trafilatura's guess; each only when plausible (see :func:`~newsfuse.ingest.outlet.plausible_site_name`).
The title loses the site's name (``… - Coast Herald``); a line of the text that only repeats
the headline is boilerplate.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import DEFAULT_CONFIG
from trafilatura.utils import load_html

from newsfuse.errors import EmptyInput, MalformedInput
from newsfuse.ingest.boilerplate import find_boilerplate
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.language import detect_language
from newsfuse.ingest.outlet import clean_title, pick_outlet, plausible_site_name, short_id
from newsfuse.model import Article, Problem

__all__ = ["parse_html", "html_to_text", "declared_charset", "MAX_JSON_LD_CHARS"]

#: Largest JSON-LD block read for the site name (characters). Real blocks are a few KiB; a
#: bigger one is a data dump, not page metadata, and is skipped unread.
MAX_JSON_LD_CHARS = 200_000

#: Deepest nesting walked inside one JSON-LD block: publisher names sit at depth 2-4.
MAX_JSON_LD_DEPTH = 8

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head"})
# Skipped only by the last-resort reading of a page: site furniture, not the article.
_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu", "button", "select"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_ANY_SPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A <br> stays a line break after the end of a sentence or a label, else it is a space.
_BREAK_AFTER = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_BREAK = "\x00"
_ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
     "opinionnewsarticle", "webpage", "liveblogposting", "backgroundnewsarticle"}
)  # fmt: skip


@lru_cache(maxsize=1)
def _config():  # type: ignore[no-untyped-def]
    config = copy.deepcopy(DEFAULT_CONFIG)
    # trafilatura's timeout uses a signal, which only works in the main thread; pages are small.
    config["DEFAULT"]["EXTRACTION_TIMEOUT"] = "0"
    return config


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag of its first 2 KiB, if any."""
    match = _CHARSET.search(data[:2048])
    return match.group(1).decode("ascii", "ignore") if match else None


def _has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)


# --- the extracted body ----------------------------------------------------------------------


def _join_breaks(text: str) -> str:
    """Collapse white space; a break marker becomes a newline after a sentence end, else a space."""
    pieces = [_ANY_SPACE.sub(" ", piece).strip() for piece in text.split(_BREAK)]
    out = ""
    for piece in pieces:
        if not piece:
            continue
        if not out:
            out = piece
        elif _BREAK_AFTER.search(out):
            out += "\n" + piece
        else:
            out += " " + piece
    return out


def _inline_text(element: lxml.etree._Element) -> str:
    parts: list[str] = []

    def walk(node: lxml.etree._Element) -> None:
        if node.tag == "lb":
            parts.append(_BREAK)
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return _join_breaks("".join(parts))


_CONTAINERS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "cell", "div", "code"})


def _is_container(element: lxml.etree._Element) -> bool:
    return any(child.tag in _CONTAINERS for child in element)


def _blocks(element: lxml.etree._Element) -> Iterator[str]:
    """The paragraphs of one element of trafilatura's extracted body: a block holding other
    blocks gives theirs; a table row of plain cells is one line, cells joined by " | "."""
    tag = element.tag
    if tag == "graphic":
        return
    if tag == "row" and not any(_is_container(cell) for cell in element):
        cells = [_inline_text(cell) for cell in element if cell.tag == "cell"]
        yield " | ".join(c for c in cells if c)
    elif tag in ("list", "table") or _is_container(element):
        yield from _blocks_of_children(element)
    else:
        yield _inline_text(element)


def _blocks_of_children(element: lxml.etree._Element) -> Iterator[str]:
    """Blocks of the children; loose text between them (with any inline elements) is a block."""
    loose: list[str] = [element.text or ""]
    for child in element:
        if child.tag in _CONTAINERS or child.tag == "graphic":
            if "".join(loose).strip():
                yield _join_breaks("".join(loose))
            loose = []
            yield from _blocks(child)
        elif child.tag == "lb":
            loose.append(_BREAK)
        else:
            loose.append(_inline_text(child))
        loose.append(child.tail or "")
    if "".join(loose).strip():
        yield _join_breaks("".join(loose))


def _body_paragraphs(body: lxml.etree._Element | None) -> list[str]:
    if body is None:
        return []
    return [p for p in _blocks_of_children(body) if p and _has_words(p)]


def _extract(tree: lxml.html.HtmlElement, recall: bool) -> Any:
    return trafilatura.bare_extraction(
        tree,
        include_comments=False,
        with_metadata=True,
        favor_recall=recall,
        # Publication (not update) date from markup, bylines and <time> only: the
        # "extensive" search also takes any date written in the body ("began on 3 March
        # 2019"), and no date is better than a wrong one.
        date_extraction_params={"original_date": True, "extensive_search": False},
        config=_config(),
    )


# --- metadata read off the whole tree --------------------------------------------------------


@dataclass
class _PageMeta:
    site_names: list[str] = field(default_factory=list)  # in order of trust, not yet checked
    language: str | None = None
    url: str | None = None
    headings: list[str] = field(default_factory=list)  # the <h1> texts


def _meta_key(element: lxml.html.HtmlElement) -> str:
    return (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()


def _json_ld_objects(data: object, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > MAX_JSON_LD_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _json_ld_objects(graph, depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _name_of(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _json_ld_names(tree: lxml.html.HtmlElement) -> tuple[list[str], list[str]]:
    """(publisher names of the article objects, names of website / news-media objects)."""
    publishers: list[str] = []
    sites: list[str] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if not raw.strip() or len(raw) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for obj in _json_ld_objects(data):
            kinds = _types(obj)
            if kinds & _ARTICLE_TYPES and (name := _name_of(obj.get("publisher"))):
                publishers.append(name)
            if kinds & {"website", "newsmediaorganization"} and (name := _name_of(obj)):
                sites.append(name)
    return publishers, sites


def _page_meta(tree: lxml.html.HtmlElement) -> _PageMeta:
    meta = _PageMeta()
    by_key: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = (element.get("content") or "").strip()
        key = _meta_key(element)
        if content and key:
            by_key.setdefault(key, []).append(content)
        http_equiv = (element.get("http-equiv") or "").strip().lower()
        if content and http_equiv == "content-language":
            by_key.setdefault("content-language", []).append(content)
    publishers, sites = _json_ld_names(tree)
    meta.site_names = [
        *by_key.get("og:site_name", []),
        *publishers,
        *by_key.get("application-name", []),
        *sites,
    ]
    root = tree.getroottree().getroot()
    meta.language = (
        root.get("lang")
        or root.get("{http://www.w3.org/XML/1998/namespace}lang")
        or next(iter(by_key.get("content-language", [])), None)
        or next(iter(by_key.get("og:locale", [])), None)
    )
    meta.url = next(iter(by_key.get("og:url", [])), None)
    meta.headings = [t for h1 in tree.iter("h1") if (t := _ANY_SPACE.sub(" ", h1.text_content()).strip())]
    return meta


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _pick_title(raw_title: str | None, meta: _PageMeta, site_names: list[str], url: str | None) -> str | None:
    title = clean_title(raw_title, site_names, url)
    if title and len(meta.headings) == 1:
        heading = meta.headings[0]
        folded, folded_heading = _fold(title), _fold(heading)
        # "<title>" is the headline plus site furniture the cleaning did not know: take the <h1>.
        if folded != folded_heading and folded.startswith(folded_heading) and len(folded_heading.split()) >= 3:
            title = heading
    return title


# --- the page --------------------------------------------------------------------------------


def _parse_tree(markup: str, origin: str) -> lxml.html.HtmlElement:
    try:
        tree = load_html(markup)
    except (lxml.etree.ParserError, ValueError, TypeError) as err:
        raise MalformedInput(origin, f"broken HTML ({err})") from None
    if tree is None:
        if markup.rfind("<") > markup.rfind(">"):
            raise MalformedInput(origin, "broken HTML: the page is cut off inside a tag and has no text")
        raise MalformedInput(origin, "broken HTML: cannot be parsed")
    return tree


def _visible_paragraphs(tree: lxml.html.HtmlElement) -> list[str]:
    """Last resort: the page's visible text outside navigation, header, footer and forms."""
    body = tree.find(".//body")
    root = copy.deepcopy(body if body is not None else tree)
    for element in list(root.iter(*_FURNITURE_TAGS)):
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()
    return [p for p in html_to_text(root).split("\n\n") if _has_words(p)]


def parse_html(
    markup: str,
    *,
    origin: str,
    stem: str,
    outlet: str | None = None,
) -> tuple[Article, list[Problem]]:
    """One article from a saved page; ``stem`` gives the id and the last-resort outlet name."""
    tree = _parse_tree(markup, origin)
    meta = _page_meta(tree)
    try:
        doc = _extract(tree, recall=False)
        paragraphs = _body_paragraphs(doc.body) if doc is not None else []
        if not paragraphs:
            recalled = _extract(tree, recall=True)
            if recalled is not None:
                doc = recalled
                paragraphs = _body_paragraphs(recalled.body)
    except (ValueError, TypeError, lxml.etree.LxmlError) as err:
        raise MalformedInput(origin, f"broken HTML ({err})") from None
    if not paragraphs:
        paragraphs = _visible_paragraphs(tree)
    if not paragraphs:
        if markup.rfind("<") > markup.rfind(">"):
            raise MalformedInput(origin, "broken HTML: the page is cut off inside a tag and has no text")
        raise EmptyInput(origin, "HTML page has no text")
    url = ((doc.url if doc is not None else None) or meta.url or "").strip() or None
    raw_title = ((doc.title if doc is not None else None) or "").strip() or None
    guessed = (doc.sitename if doc is not None else None) or None
    site_candidates = [*meta.site_names, *([guessed] if guessed else [])]
    known_sites = [n for n in (plausible_site_name(c, stem=stem) for c in site_candidates) if n]
    title = _pick_title(raw_title, meta, known_sites, url)
    site = next((n for c in site_candidates if (n := plausible_site_name(c, title=title, stem=stem))), None)
    if title and len(paragraphs) > 1 and _fold(paragraphs[0]) == _fold(title):
        paragraphs = paragraphs[1:]
    text = "\n\n".join(paragraphs)
    language = detect_language(text, declared=meta.language)
    article = Article(
        id=short_id(stem),
        text=text,
        outlet=pick_outlet(option=outlet, site_name=site, url=url, fallback=stem),
        title=title,
        date=parse_date(doc.date) if doc is not None else None,
        url=url,
        origin=origin,
        boilerplate=find_boilerplate(text, language=language, title=title),
        language=language,
    )
    return article, []


# --- fragments (feed entries) ----------------------------------------------------------------


def _walk(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP_TAGS:
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n\n")
    elif tag == "br":
        parts.append(_BREAK)
    if tag and element.text:
        parts.append(_ANY_SPACE.sub(" ", element.text))
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(_ANY_SPACE.sub(" ", child.tail))
    if block:
        parts.append("\n\n")


def html_to_text(fragment: str | lxml.html.HtmlElement) -> str:
    """Plain text of an HTML fragment: block elements become paragraphs (one blank line apart);
    line breaks in the source are spaces; a ``<br>`` is a line break after the end of a sentence,
    else a space; runs of spaces are one space; scripts and styles are dropped."""
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
        joined = _join_breaks(block)
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)
