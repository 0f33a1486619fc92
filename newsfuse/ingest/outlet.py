"""Outlet names and article ids: who published an article, and a short stable name for it.

Article ids (:func:`stable_id`, :func:`assign_ids`): a record's own ``id`` when it gives one;
else, when the article has a URL, its host and a hash of its canonical URL (host without
``www.``, path and query, tracking parameters and fragment dropped), as in
``dailycourier.example-3fa9c0e1b2d4``; else ``text-`` and a hash of its text. Ids made here
hold only letters, digits, ``.`` and ``-``, so they fit in a web address or a file name.
Never the load order or the file name, so the same article has the same id in every call,
whatever else is loaded with it.
Ids are unique within one call: articles that would share one (the same text in two files)
are ordered by outlet, title, date and URL, the first keeps the id and the others get ``-2``,
``-3``, ...; only articles alike in all of these are numbered in input order, and swapping
those changes nothing in the brief.

Outlet, in order of trust: explicit metadata in the input (a record's ``outlet``, ``source`` or
``site``; a feed entry's source); the ``--outlet`` option; the site name an HTML page or feed
declares; the domain of the article's URL (``www.`` dropped); else a fallback the caller gives
(the file stem, or a record's id).

A declared site name is used only when it is plausible (:func:`plausible_site_name`): not a
copyright line, a URL, a date, the headline or the file name, which pages put in ``og:site_name``
often enough. :func:`clean_title` takes the site's name (and a date) off a page title, so "Bridge
reopens - Coast Herald" becomes "Bridge reopens" and the headline can be matched in the text.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urlsplit

from newsfuse.model import Article

__all__ = [
    "domain_of",
    "pick_outlet",
    "plausible_site_name",
    "clean_title",
    "short_id",
    "unique_id",
    "stable_id",
    "canonical_url",
    "assign_ids",
    "MAX_ID_CHARS",
    "MAX_SITE_NAME_WORDS",
    "MAX_SITE_NAME_CHARS",
]

#: Longest article id kept as it is. Ids appear in every citation of a brief, so they should
#: stay readable; a longer name (a long file stem or feed GUID) is cut and given a hash suffix
#: so it stays unique and stable. 48 fits a typical slug plus a Multi-News style id.
MAX_ID_CHARS = 48

#: Length of the hash suffix on a cut id (hex digits): 8 digits make a clash between two cut
#: ids of one load call vanishingly rare.
ID_HASH_CHARS = 8

#: Most words in a plausible site name. Outlet names run to four or five words ("The Times of
#: India", "The Atlanta Journal-Constitution"); a longer "site name" is a headline or a slogan.
MAX_SITE_NAME_WORDS = 6

#: Most characters in a plausible site name: the longest outlet names run to about 40 ("The
#: Atlanta Journal-Constitution" is 30); a longer run is a slogan, a sentence or junk.
MAX_SITE_NAME_CHARS = 80

#: Most words in a title segment taken for a site label when the site's name is not known
#: ("Bridge reopens | Coast Herald"): outlet names are short, headline halves are longer.
MAX_UNKNOWN_SUFFIX_WORDS = 4

_NOT_A_NAME = re.compile(r"©|\bcopyright\b|\(c\)|all rights|://|^www\.|/|^@|^\W*$", re.IGNORECASE)
_DATE_LIKE = re.compile(r"^[\d\s./,:-]+$|^\d{1,2}\.?\s+\w+\s+\d{4}$|^\w+\s+\d{1,2},?\s+\d{4}$", re.UNICODE)
# Separators between a headline and a site label in <title>: " | ", " - ", " — ", " – ", " · ".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•»:]{1,2}\s+|\s*\|\s*")
#: Hex digits of the text hash in an id: 12 (48 bits) make a clash between two different texts
#: of one call vanishingly rare (about 1 in 10^10 for 1,000 articles).
TEXT_HASH_CHARS = 12

#: Query parameters that track a reader, not name an article; dropped from a canonical URL.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|ref|ref_src)$", re.IGNORECASE)
_WWW = re.compile(r"^www\d*\.", re.IGNORECASE)
_SAFE = re.compile(r"[^a-z0-9.-]+")
_SPACE = re.compile(r"\s+")


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` in lower case without ``www.`` ("theguardian.com"), or None."""
    if not url:
        return None
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return _WWW.sub("", host.lower()).rstrip(".") or None


def _clean(name: object) -> str | None:
    if not isinstance(name, str):
        return None
    cleaned = _SPACE.sub(" ", name).strip()
    return cleaned or None


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def plausible_site_name(name: object, *, title: str | None = None, stem: str | None = None) -> str | None:
    """``name`` cleaned, or None when it cannot be an outlet's name (see the module docstring)."""
    cleaned = _clean(name)
    if not cleaned or _NOT_A_NAME.search(cleaned) or _DATE_LIKE.match(cleaned):
        return None
    if len(cleaned.split()) > MAX_SITE_NAME_WORDS or len(cleaned) > MAX_SITE_NAME_CHARS:
        return None
    folded = _fold(cleaned)
    if not folded or not any(char.isalpha() for char in folded):
        return None
    if title and (folded == _fold(title) or (len(folded.split()) >= 4 and folded in _fold(title))):
        return None
    if stem and folded == _fold(stem):
        return None
    return cleaned


def _names_match(segment: str, names: list[str]) -> bool:
    folded = _fold(segment)
    squeezed = folded.replace(" ", "")
    for name in names:
        other = _fold(name)
        if not other:
            continue
        if folded == other or squeezed == other.replace(" ", ""):
            return True
        label = other.split(" ")[0] if "." in name and " " not in name.strip() else None
        if label and squeezed == label.replace(" ", ""):
            return True
    return False


def _site_labels(site_names: list[str], url: str | None) -> list[str]:
    labels = list(site_names)
    domain = domain_of(url)
    if domain:
        labels.append(domain)
        labels.append(domain.split(".")[0])  # "ign.com" -> "ign", "dw.com" -> "dw"
    return labels


def clean_title(title: object, site_names: list[str] = (), url: str | None = None) -> str | None:  # type: ignore[assignment]
    """``title`` without the site's name and dates around it ("… - IGN", "| DW | 19.01.2020").

    Segments are cut from the end (and the start) while they name the site (a given name, the
    URL's domain or its first label) or are a date; a last segment after " | " of at most
    :data:`MAX_UNKNOWN_SUFFIX_WORDS` words is cut too, as sites put their name there. The
    headline itself is never cut to nothing.
    """
    cleaned = _clean(title)
    if not cleaned:
        return None
    labels = _site_labels([n for n in site_names if n], url)
    parts = _TITLE_SEPARATOR.split(cleaned)
    seps = _TITLE_SEPARATOR.findall(cleaned)
    if len(parts) == 1:
        return cleaned

    def is_label(segment: str) -> bool:
        return _names_match(segment, labels) or bool(_DATE_LIKE.match(segment.strip()))

    while len(parts) > 1 and is_label(parts[-1]):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and is_label(parts[0]):
        parts.pop(0)
        seps.pop(0)
    while (
        len(parts) > 1
        and "|" in seps[-1]
        and len(parts[-1].split()) <= MAX_UNKNOWN_SUFFIX_WORDS
        and len(" ".join(parts[:-1]).split()) >= 3
    ):
        parts.pop()
        seps.pop()
    rebuilt = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        rebuilt += sep + part
    return rebuilt.strip() or cleaned


def pick_outlet(
    *,
    explicit: object = None,
    option: str | None = None,
    site_name: object = None,
    url: str | None = None,
    fallback: str,
) -> str:
    """The outlet name by the order in the module docstring; ``fallback`` when nothing else."""
    for candidate in (_clean(explicit), _clean(option), _clean(site_name), domain_of(url)):
        if candidate:
            return candidate
    return fallback


def short_id(name: str) -> str:
    """``name`` with white space collapsed, cut to :data:`MAX_ID_CHARS` with a stable hash."""
    cleaned = _SPACE.sub("_", name.strip()) or "article"
    if len(cleaned) <= MAX_ID_CHARS:
        return cleaned
    digest = hashlib.sha1(cleaned.encode("utf-8")).hexdigest()[:ID_HASH_CHARS]
    return f"{cleaned[: MAX_ID_CHARS - ID_HASH_CHARS - 1]}~{digest}"


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted`` or, if it is in ``taken``, ``wanted-2``, ``wanted-3``, ...; added to ``taken``."""
    candidate = wanted
    n = 2
    while candidate in taken:
        candidate = f"{wanted}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def canonical_url(url: str | None) -> str | None:
    """``url`` as an id: lower-case host without ``www.``, path without a trailing ``/``, the
    query without tracking parameters; no scheme, port or fragment. None if it has no host."""
    host = domain_of(url)
    if host is None or url is None:
        return None
    text = url.strip()
    parts = urlsplit(text if "//" in text else "//" + text)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/")
    return host + path + ("?" + query if query else "")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:TEXT_HASH_CHARS]


def stable_id(text: str, url: str | None = None) -> str:
    """The id of an article that gives none: its host and a hash of its canonical URL, else a
    hash of its text."""
    canonical = canonical_url(url)
    if canonical:
        host = canonical.split("/", 1)[0].split("?", 1)[0]
        return f"{_SAFE.sub('-', host)[: MAX_ID_CHARS - TEXT_HASH_CHARS - 1]}-{_digest(canonical)}"
    return f"text-{_digest(text)}"


def _tie_key(article: Article) -> tuple[str, str, str, str]:
    date = article.date.isoformat() if article.date else ""
    return (article.outlet, article.title or "", date, article.url or "")


def assign_ids(articles: Sequence[Article], wanted: Sequence[str] | None = None) -> list[Article]:
    """``articles`` with ids ``wanted`` (default: their own), made unique as the module says."""
    ids = list(wanted) if wanted is not None else [a.id for a in articles]
    groups: dict[str, list[int]] = defaultdict(list)
    for k, wanted_id in enumerate(ids):
        groups[wanted_id].append(k)
    final = list(ids)
    taken = set(ids)
    for wanted_id, members in groups.items():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda k: (_tie_key(articles[k]), k))
        for k in ordered[1:]:
            final[k] = unique_id(wanted_id, taken)
    return [a if a.id == new else replace(a, id=new) for a, new in zip(articles, final, strict=True)]
