"""Plain-text articles.

The text is the file's text with surrounding white space stripped; everything else stays as it
is, so offsets into ``Article.text`` are offsets into the stripped file text. Two headers are
read and taken out of the text:

- a leading ``date YYYY-MM-DD`` (``date:`` also accepted), possibly after white space, on the
  same line as the text or on a line of its own, becomes ``Article.date``. A first line that
  is meant as a date header but holds no valid date (``date 2024-13-45``, ``date: soon``) is
  reported as a warning and taken out of the text all the same: it is not reporting. Only
  ``date:`` with a colon, or ``date`` and digits with a separator, is a header ("Date palms"
  or "date 20 people" is not);
- a line ``outlet: Name`` (``source:`` also accepted; the colon is required), before or after
  the date header, becomes ``Article.outlet``: the outlet named in the input is trusted before
  the ``--outlet`` option and the file name, when it can be a name
  (:func:`~newsfuse.ingest.outlet.plausible_site_name`; else a warning, and the file name);
- a first line ``# Heading`` (a Markdown title) becomes ``Article.title``.

No title is guessed from a first line otherwise: a first line may be a standfirst.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsfuse.errors import EmptyInput
from newsfuse.ingest.boilerplate import find_boilerplate
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.outlet import pick_outlet, plausible_site_name, short_id
from newsfuse.model import Article, Problem

__all__ = ["parse_text", "split_headers", "Headers"]

_DATE_HEADER = re.compile(r"\A\s*date:?[ \t]+(\d{4})-(\d{2})-(\d{2})(?![\w-])[ \t]*", re.IGNORECASE)
#: A first line meant as a date header that the strict form above did not take: ``date:`` and
#: anything, or ``date`` and digits with a date separator (``2024/13/45``, ``12.3.2024``).
_DATE_LINE = re.compile(
    r"\A\s*date(?::[ \t]*([^\n]*)(?:\n|\Z)|[ \t]+(\d{1,4}[-/.]\d[\d/.-]*)(?![\w])[ \t]*)", re.IGNORECASE
)
_OUTLET_HEADER = re.compile(r"\A\s*(?:outlet|source):[ \t]*([^\n]*?)[ \t]*(?:\n|\Z)", re.IGNORECASE)
_TITLE_HEADER = re.compile(r"\A#[ \t]+([^\n]+?)[ \t#]*(?:\n|\Z)")


@dataclass(frozen=True)
class Headers:
    """What :func:`split_headers` took off the front of a text."""

    body: str
    date: dt.date | None = None
    title: str | None = None
    warning: str | None = None
    outlet: str | None = None


def _outlet_header(text: str) -> tuple[str | None, str]:
    """An ``outlet:`` line off the front of ``text``: (the name or None, the rest, stripped)."""
    match = _OUTLET_HEADER.match(text)
    if not match:
        return None, text
    return match.group(1).strip() or None, text[match.end() :].strip()


def split_headers(raw: str) -> Headers:
    """Take the ``outlet``, ``date`` and ``# title`` headers off ``raw``; the body is stripped."""
    outlet, text = _outlet_header(raw.strip())
    found_date: dt.date | None = None
    warning: str | None = None
    match = _DATE_HEADER.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            found_date = dt.date(year, month, day)
        except ValueError:
            warning = f"ignored an impossible date header {match.group().strip()!r}"
        text = text[match.end() :].strip()
    else:
        line = _DATE_LINE.match(text)
        if line:
            found_date = parse_date((line.group(1) or line.group(2) or "").strip())
            if found_date is None:
                warning = f"ignored a date header that is not a date {line.group().strip()[:60]!r}"
            text = text[line.end() :].strip()
    if outlet is None:
        outlet, text = _outlet_header(text)
    title: str | None = None
    match = _TITLE_HEADER.match(text)
    if match:
        title = match.group(1).strip()
        text = text[match.end() :].strip()
    return Headers(text, found_date, title, warning, outlet)


def parse_text(
    raw: str,
    *,
    origin: str,
    stem: str,
    outlet: str | None = None,
) -> tuple[Article, list[Problem]]:
    """One article from a plain text; ``stem`` gives the id and the fallback outlet name."""
    headers = split_headers(raw)
    if not headers.body:
        raise EmptyInput(origin, "no text after the headers" if raw.strip() else "empty file")
    problems = [Problem(origin, headers.warning, fatal=False)] if headers.warning else []
    named = plausible_site_name(headers.outlet)
    if headers.outlet and named is None:
        warning = f"ignored an outlet header that is not a name {headers.outlet[:60]!r}"
        problems.append(Problem(origin, warning, fatal=False))
    article = Article(
        id=short_id(stem),
        text=headers.body,
        outlet=pick_outlet(explicit=named, option=outlet, fallback=stem),
        title=headers.title,
        date=headers.date,
        origin=origin,
        boilerplate=find_boilerplate(headers.body),
    )
    return article, problems
