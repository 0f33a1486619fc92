"""Outlet names and article ids: who published an article, and a short stable name for it.

Outlet, in order of trust: explicit metadata in the input (a record's ``outlet``, ``source`` or
``site``; a feed entry's source); the ``--outlet`` option; the site name an HTML page or feed
declares; the domain of the article's URL (``www.`` dropped); else a fallback the caller gives
(the file stem, or a record's id).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

__all__ = ["domain_of", "pick_outlet", "short_id", "unique_id", "MAX_ID_CHARS"]

#: Longest article id kept as it is. Ids appear in every citation of a brief, so they should
#: stay readable; a longer name (a long file stem or feed GUID) is cut and given a hash suffix
#: so it stays unique and stable. 48 fits a typical slug plus a Multi-News style id.
MAX_ID_CHARS = 48

#: Length of the hash suffix on a cut id (hex digits): 8 digits make a clash between two cut
#: ids of one load call vanishingly rare.
ID_HASH_CHARS = 8

_WWW = re.compile(r"^www\d*\.", re.IGNORECASE)
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
