"""JSON and JSON Lines records, and stories of records.

A record is an object with ``text`` and optionally ``id``, ``title``, ``outlet`` (or ``source`` /
``site``; a ``{"name": ...}`` object is read too), ``date`` (or ``published``) and ``url`` (or
``link``). A record's text is kept exactly as given (not stripped), so span offsets that came
with a data set still point at the same characters.

- ``.json``: one record, a list of records, or one story ``{"articles": [...]}`` (a list of
  stories is read as well).
- ``.jsonl``: one record per line, or one story per line ``{"id", "articles": [...]}`` (the shape
  of Multi-News / NeuS in ``shared/data``). :func:`iter_stories` reads the stories one by one.

Ids: the record's ``id``, else its canonical URL, else a hash of its text (see
:mod:`newsfuse.ingest.outlet`), made unique within a file or a story. Outlet when a record names none: the ``--outlet``
option, the URL's domain, else the file stem for plain records; for the articles of a story the
article's id, since the articles of one story come from different outlets by construction and
must not look like one outlet. A malformed line, a record without text, a line over
``Limits.max_input_bytes``, JSON nested deeper than ``Limits.max_json_depth`` or a text over
``Limits.max_article_chars`` becomes a :class:`~newsfuse.model.Problem` naming ``path:line``;
the other lines are still read. A batch file is read line by line, never whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import accumulate
from pathlib import Path
from typing import Any, BinaryIO

from newsfuse.config import Limits
from newsfuse.config import limits as current_limits
from newsfuse.errors import EmptyInput, InputError, MalformedInput, UnreadableInput
from newsfuse.ingest.boilerplate import find_boilerplate
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.decode import SNIFF_BYTES, decode_bytes, looks_binary
from newsfuse.ingest.files import check_regular, check_text_size, iter_lines_capped, over_limit, read_capped
from newsfuse.ingest.outlet import assign_ids, pick_outlet, short_id, stable_id
from newsfuse.model import Article, Problem

__all__ = [
    "StoryInput",
    "iter_stories",
    "record_to_article",
    "parse_json",
    "parse_jsonl",
    "json_depth",
    "JsonlLine",
    "iter_jsonl_lines",
]

_OUTLET_KEYS = ("outlet", "source", "site", "publisher")
_DATE_KEYS = ("date", "published", "published_at", "pubdate")
_URL_KEYS = ("url", "link")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKETS = re.compile(r"[\[\]{}]")


@dataclass(frozen=True)
class StoryInput:
    """One story read from a stories file: its articles and what could not be read."""

    id: str
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...] = ()
    origin: str = ""  # where it was read: ``path:line`` (or ``path#n`` in a .json file)


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if isinstance(value, Mapping):
            value = value.get("name") or value.get("title")
        if value not in (None, ""):
            return value
    return None


def _opt_str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def record_to_article(
    record: Any,
    *,
    origin: str,
    fallback_outlet: str,
    outlet: str | None = None,
    limits: Limits | None = None,
) -> tuple[Article, list[Problem]]:
    """An article from one JSON record; raises an InputError naming ``origin`` when unusable."""
    if not isinstance(record, Mapping):
        raise MalformedInput(origin, f"record is a JSON {type(record).__name__}, not an object")
    text = record.get("text")
    if text is None:
        raise MalformedInput(origin, "record has no 'text'")
    if not isinstance(text, str):
        raise MalformedInput(origin, f"record 'text' is a {type(text).__name__}, not a string")
    if not text.strip():
        raise EmptyInput(origin, "record text is empty")
    check_text_size(text, origin, limits or current_limits())
    url = _opt_str(_first(record, _URL_KEYS))
    raw_id = record.get("id")
    has_id = isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) and str(raw_id).strip()
    article_id = short_id(str(raw_id).strip()) if has_id else stable_id(text, url)
    problems: list[Problem] = []
    raw_date = _first(record, _DATE_KEYS)
    date = parse_date(raw_date)
    if raw_date is not None and date is None:
        problems.append(Problem(origin, f"could not read the date {str(raw_date)[:40]!r}", fatal=False))
    article = Article(
        id=article_id,
        text=text,
        outlet=pick_outlet(
            explicit=_first(record, _OUTLET_KEYS),
            option=outlet,
            url=url,
            fallback=fallback_outlet,
        ),
        title=_opt_str(record.get("title")),
        date=date,
        url=url,
        origin=origin,
        boilerplate=find_boilerplate(text),
    )
    return article, problems


def _story_articles(
    story: Mapping[str, Any],
    *,
    origin: str,
    story_id: str,
    outlet: str | None,
    limits: Limits,
) -> tuple[list[Article], list[Problem]]:
    """The articles of one story object; ids made unique inside the story."""
    items = story.get("articles")
    if not isinstance(items, list):
        raise MalformedInput(origin, "story has no 'articles' list")
    articles: list[Article] = []
    problems: list[Problem] = []
    for k, item in enumerate(items):
        default_outlet = f"{story_id}-a{k}"
        fallback = str(item.get("id") or default_outlet) if isinstance(item, Mapping) else default_outlet
        try:
            article, warnings = record_to_article(
                item,
                origin=f"{origin} article {k}",
                fallback_outlet=fallback,
                outlet=outlet,
                limits=limits,
            )
        except InputError as err:
            problems.append(Problem(err.origin, err.message))
            continue
        problems.extend(warnings)
        articles.append(article)
    if items and not articles:
        problems.append(Problem(origin, "no article of the story could be read"))
    elif not items:
        problems.append(Problem(origin, "story has no articles"))
    return assign_ids(articles), problems


def _story_id(value: Any, stem: str, number: int | None) -> str | None:
    """The id of a story object (a value with an ``articles`` list and no ``text``); None for a record."""
    if isinstance(value, Mapping) and "articles" in value and "text" not in value:
        return _opt_str(str(value.get("id") or "")) or (f"{stem}#{number}" if number else stem)
    return None


def _records(
    value: Any,
    *,
    origin: str,
    stem: str,
    outlet: str | None,
    limits: Limits,
    number: int | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Articles from one parsed JSON value: a record, or a story (``articles`` list)."""
    story_id = _story_id(value, stem, number)
    if story_id is not None:
        return _story_articles(value, origin=origin, story_id=story_id, outlet=outlet, limits=limits)
    article, warnings = record_to_article(value, origin=origin, fallback_outlet=stem, outlet=outlet, limits=limits)
    return [article], warnings


def json_depth(text: str) -> int:
    """How deep arrays and objects nest in the JSON ``text`` (0 for a bare string or number).

    Counted on the brackets outside strings, in C-speed regex passes, so a 16 MB document is
    measured in well under a second and a 10,000-deep one never reaches Python's recursive parser.
    """
    if text.count("[") + text.count("{") <= 1:
        return text.count("[") + text.count("{")
    brackets = "".join(_JSON_BRACKETS.findall(_JSON_STRING.sub("", text)))
    steps = (1 if char in "[{" else -1 for char in brackets)
    return max(accumulate(steps, initial=0))


def _loads(text: str, where: str, limits: Limits, document: bool = False) -> Any:
    """``json.loads`` with the depth limit checked first; errors name ``where`` (and the line
    of a whole ``document``)."""
    if text.count("[") + text.count("{") > limits.max_json_depth:
        depth = json_depth(text)
        if depth > limits.max_json_depth:
            raise over_limit(where, f"JSON nested {depth:,} deep", limits, "max_json_depth")
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        origin = f"{where}:{err.lineno}" if document else where
        raise MalformedInput(origin, f"malformed JSON ({err.msg}, column {err.colno})") from None
    except RecursionError:  # the limit was raised past what Python's parser can take
        raise over_limit(where, "JSON nested too deep for Python's parser", limits, "max_json_depth") from None


def parse_json(
    text: str,
    *,
    origin: str,
    stem: str,
    outlet: str | None = None,
    limits: Limits | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Articles from a ``.json`` document (record, list of records or stories, or one story)."""
    limits = limits or current_limits()
    try:
        value = _loads(text, origin, limits, document=True)
    except MalformedInput as err:
        if "Extra data" in err.message:
            # Several JSON values one after another: JSON Lines saved as .json.
            return parse_jsonl(text.encode("utf-8"), origin=origin, stem=stem, outlet=outlet, limits=limits)
        raise
    if isinstance(value, list):
        if not value:
            raise EmptyInput(origin, "empty JSON list")
        articles: list[Article] = []
        problems: list[Problem] = []
        for n, item in enumerate(value, start=1):
            try:
                found, warnings = _records(
                    item, origin=f"{origin}#{n}", stem=stem, outlet=outlet, limits=limits, number=n
                )
            except InputError as err:
                problems.append(Problem(err.origin, err.message))
                continue
            articles.extend(found)
            problems.extend(warnings)
        return assign_ids(articles), problems
    articles, problems = _records(value, origin=origin, stem=stem, outlet=outlet, limits=limits)
    return assign_ids(articles), problems


def _check_bytes(data: bytes, origin: str) -> None:
    if not data.strip():
        raise EmptyInput(origin, "empty file")
    if looks_binary(data[:SNIFF_BYTES]):
        raise UnreadableInput(origin, "binary file, not text")


def _decode_line(lineno: int, raw: bytes | None, origin: str, limits: Limits) -> str | Problem | None:
    """A decoded line, a Problem naming ``origin:lineno``, or None for a blank line."""
    where = f"{origin}:{lineno}"
    if raw is None:
        return Problem(where, over_limit(where, "line of more bytes", limits, "max_input_bytes").message)
    if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return Problem(where, f"not UTF-8 (bad byte at column {err.start + 1})")


def _lines(data: bytes, origin: str, limits: Limits) -> Iterator[tuple[int, str | Problem]]:
    """(line number, decoded line or a Problem) for every non-blank line of ``data``."""
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        line = _decode_line(lineno, raw if len(raw) <= limits.max_input_bytes else None, origin, limits)
        if line is not None:
            yield lineno, line


def parse_jsonl(
    data: bytes,
    *,
    origin: str,
    stem: str,
    outlet: str | None = None,
    limits: Limits | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Articles from JSON Lines: one record or one story per line (stories are flattened)."""
    limits = limits or current_limits()
    _check_bytes(data, origin)
    articles: list[Article] = []
    problems: list[Problem] = []
    for lineno, line in _lines(data, origin, limits):
        if isinstance(line, Problem):
            problems.append(line)
            continue
        where = f"{origin}:{lineno}"
        try:
            found, warnings = _records(
                _loads(line, where, limits), origin=where, stem=stem, outlet=outlet, limits=limits, number=lineno
            )
        except InputError as err:
            problems.append(Problem(err.origin, err.message))
            continue
        articles.extend(found)
        problems.extend(warnings)
    return assign_ids(articles), problems


def _story(value: Any, *, where: str, fallback_id: str, limits: Limits) -> StoryInput:
    if not isinstance(value, Mapping):
        kind = type(value).__name__
        return StoryInput(fallback_id, (), (Problem(where, f"story is a JSON {kind}, not an object"),), where)
    story_id = _opt_str(str(value.get("id") or "")) or fallback_id
    try:
        articles, problems = _story_articles(value, origin=where, story_id=story_id, outlet=None, limits=limits)
    except InputError as err:
        return StoryInput(story_id, (), (Problem(err.origin, err.message),), where)
    return StoryInput(story_id, tuple(articles), tuple(problems), where)


def iter_stories(path: str | Path, limits: Limits | None = None) -> Iterator[StoryInput]:
    """The stories of a JSONL file (one ``{"id", "articles": [...]}`` per line) one by one.

    The file is read line by line (each line up to ``limits.max_input_bytes``), so a batch of
    any length runs in bounded memory. A ``.json`` file holding one story or a list of stories
    is read too (whole, up to the same limit). A line that cannot be read gives a StoryInput
    with no articles and a problem naming ``path:line`` (its id is ``stem:line``); the other
    lines are not affected. Raises an InputError when the file itself is missing, not a regular
    file, empty or binary.
    """
    path = Path(path)
    origin = str(path)
    limits = limits or current_limits()
    if path.suffix.lower() == ".json":
        data = read_capped(path, limits)
        _check_bytes(data, origin)
        values = _loads(decode_bytes(data, origin).text, origin, limits, document=True)
        for n, item in enumerate(values if isinstance(values, list) else [values], start=1):
            yield _story(item, where=f"{origin}#{n}", fallback_id=f"{path.stem}#{n}", limits=limits)
        return
    check_regular(path, _no_size_cap(limits))
    try:
        fh = open(path, "rb")
    except OSError as err:
        raise UnreadableInput(origin, (err.strerror or "cannot be read").lower()) from None
    with fh:
        _check_bytes(fh.read(SNIFF_BYTES), origin)
        fh.seek(0)
        for lineno, raw in iter_lines_capped(fh, limits.max_input_bytes):
            line = _decode_line(lineno, raw, origin, limits)
            if line is None:
                continue
            where = f"{origin}:{lineno}"
            fallback_id = f"{path.stem}:{lineno}"
            if isinstance(line, Problem):
                yield StoryInput(fallback_id, (), (line,), where)
                continue
            try:
                value = _loads(line, where, limits)
            except InputError as err:
                yield StoryInput(fallback_id, (), (Problem(err.origin, err.message),), where)
                continue
            yield _story(value, where=where, fallback_id=fallback_id, limits=limits)


def _no_size_cap(limits: Limits) -> Limits:
    """``limits`` without the whole-file byte cap: a batch file is read line by line."""
    return replace(limits, max_input_bytes=1 << 62)


# -- line by line, for a corpus (the Spark path) -------------------------------------------------


@dataclass(frozen=True)
class JsonlLine:
    """What one line of a JSON Lines file gave: its articles (a record, or a story's articles
    with ``story`` its id) and what could not be read. Ids are not yet unique across lines."""

    lineno: int
    story: str | None
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


def iter_jsonl_lines(
    fh: BinaryIO, *, origin: str, stem: str, outlet: str | None = None, limits: Limits | None = None
) -> Iterator[JsonlLine]:
    """The lines of a JSON Lines stream one by one, read as :func:`parse_jsonl` reads them (same
    origins ``path:line``, same problems), in bounded memory whatever the file's size. The ids
    are made unique within a story, not across lines: the caller does that over the corpus."""
    limits = limits or current_limits()
    for lineno, raw in iter_lines_capped(fh, limits.max_input_bytes):
        line = _decode_line(lineno, raw, origin, limits)
        if line is None:
            continue
        if isinstance(line, Problem):
            yield JsonlLine(lineno, None, (), (line,))
            continue
        where = f"{origin}:{lineno}"
        try:
            value = _loads(line, where, limits)
            found, warnings = _records(value, origin=where, stem=stem, outlet=outlet, limits=limits, number=lineno)
        except InputError as err:
            yield JsonlLine(lineno, None, (), (Problem(err.origin, err.message),))
            continue
        yield JsonlLine(lineno, _story_id(value, stem, lineno), tuple(found), tuple(warnings))
