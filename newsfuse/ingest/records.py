"""JSON and JSON Lines records, and stories of records.

A record is an object with ``text`` and optionally ``id``, ``title``, ``outlet`` (or ``source`` /
``site``; a ``{"name": ...}`` object is read too), ``date`` (or ``published``) and ``url`` (or
``link``). A record's text is kept exactly as given (not stripped), so span offsets that came
with a data set still point at the same characters.

- ``.json``: one record, a list of records, or one story ``{"articles": [...]}`` (a list of
  stories is read as well).
- ``.jsonl``: one record per line, or one story per line ``{"id", "articles": [...]}`` (the shape
  of Multi-News / NeuS in ``shared/data``). :func:`iter_stories` reads the stories one by one.

Ids: the record's ``id``, else ``stem#n``. Outlet when a record names none: the ``--outlet``
option, the URL's domain, else the file stem for plain records; for the articles of a story the
article's id, since the articles of one story come from different outlets by construction and
must not look like one outlet. A malformed line or a record without text becomes a
:class:`~newsfuse.model.Problem` naming ``path:line``; the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsfuse.errors import EmptyInput, InputError, MalformedInput, UnreadableInput
from newsfuse.ingest.boilerplate import find_boilerplate
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.decode import SNIFF_BYTES, decode_bytes, looks_binary
from newsfuse.ingest.outlet import pick_outlet, short_id, unique_id
from newsfuse.model import Article, Problem

__all__ = [
    "StoryInput",
    "iter_stories",
    "record_to_article",
    "parse_json",
    "parse_jsonl",
]

_OUTLET_KEYS = ("outlet", "source", "site", "publisher")
_DATE_KEYS = ("date", "published", "published_at", "pubdate")
_URL_KEYS = ("url", "link")


@dataclass(frozen=True)
class StoryInput:
    """One story read from a stories file: its articles and what could not be read."""

    id: str
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...] = ()


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
    default_id: str,
    fallback_outlet: str,
    outlet: str | None = None,
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
    raw_id = record.get("id")
    article_id = str(raw_id).strip() if isinstance(raw_id, (str, int)) and str(raw_id).strip() else default_id
    url = _opt_str(_first(record, _URL_KEYS))
    problems: list[Problem] = []
    raw_date = _first(record, _DATE_KEYS)
    date = parse_date(raw_date)
    if raw_date is not None and date is None:
        problems.append(Problem(origin, f"could not read the date {str(raw_date)[:40]!r}", fatal=False))
    article = Article(
        id=short_id(article_id),
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
) -> tuple[list[Article], list[Problem]]:
    """The articles of one story object; ids made unique inside the story."""
    items = story.get("articles")
    if not isinstance(items, list):
        raise MalformedInput(origin, "story has no 'articles' list")
    articles: list[Article] = []
    problems: list[Problem] = []
    taken: set[str] = set()
    for k, item in enumerate(items):
        default_id = f"{story_id}-a{k}"
        fallback = str(item.get("id") or default_id) if isinstance(item, Mapping) else default_id
        try:
            article, warnings = record_to_article(
                item,
                origin=f"{origin} article {k}",
                default_id=default_id,
                fallback_outlet=fallback,
                outlet=outlet,
            )
        except InputError as err:
            problems.append(Problem(err.origin, err.message))
            continue
        problems.extend(warnings)
        new_id = unique_id(article.id, taken)
        if new_id != article.id:
            article = _with_id(article, new_id)
        articles.append(article)
    if items and not articles:
        problems.append(Problem(origin, "no article of the story could be read"))
    elif not items:
        problems.append(Problem(origin, "story has no articles"))
    return articles, problems


def _with_id(article: Article, new_id: str) -> Article:
    return replace(article, id=new_id)


def _records(
    value: Any,
    *,
    origin: str,
    stem: str,
    outlet: str | None,
    number: int | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Articles from one parsed JSON value: a record, or a story (``articles`` list)."""
    if isinstance(value, Mapping) and "articles" in value and "text" not in value:
        story_id = _opt_str(str(value.get("id") or "")) or (f"{stem}#{number}" if number else stem)
        return _story_articles(value, origin=origin, story_id=story_id, outlet=outlet)
    default_id = f"{stem}#{number}" if number else stem
    article, warnings = record_to_article(
        value, origin=origin, default_id=default_id, fallback_outlet=stem, outlet=outlet
    )
    return [article], warnings


def parse_json(
    text: str,
    *,
    origin: str,
    stem: str,
    outlet: str | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Articles from a ``.json`` document (record, list of records or stories, or one story)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":
            # Several JSON values one after another: JSON Lines saved as .json.
            return parse_jsonl(text.encode("utf-8"), origin=origin, stem=stem, outlet=outlet)
        raise MalformedInput(
            f"{origin}:{err.lineno}", f"malformed JSON ({err.msg}, column {err.colno})"
        ) from None
    if isinstance(value, list):
        if not value:
            raise EmptyInput(origin, "empty JSON list")
        articles: list[Article] = []
        problems: list[Problem] = []
        for n, item in enumerate(value, start=1):
            try:
                found, warnings = _records(item, origin=f"{origin}#{n}", stem=stem, outlet=outlet, number=n)
            except InputError as err:
                problems.append(Problem(err.origin, err.message))
                continue
            articles.extend(found)
            problems.extend(warnings)
        return articles, problems
    return _records(value, origin=origin, stem=stem, outlet=outlet)


def _check_bytes(data: bytes, origin: str) -> None:
    if not data.strip():
        raise EmptyInput(origin, "empty file")
    if looks_binary(data[:SNIFF_BYTES]):
        raise UnreadableInput(origin, "binary file, not text")


def _lines(data: bytes, origin: str) -> Iterator[tuple[int, str | Problem]]:
    """(line number, decoded line or a Problem) for every non-blank line."""
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            yield lineno, raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield lineno, Problem(f"{origin}:{lineno}", f"not UTF-8 (bad byte at column {err.start + 1})")


def _parse_line(line: str, where: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        raise MalformedInput(where, f"malformed JSON ({err.msg}, column {err.colno})") from None


def parse_jsonl(
    data: bytes,
    *,
    origin: str,
    stem: str,
    outlet: str | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Articles from JSON Lines: one record or one story per line (stories are flattened)."""
    _check_bytes(data, origin)
    articles: list[Article] = []
    problems: list[Problem] = []
    for lineno, line in _lines(data, origin):
        if isinstance(line, Problem):
            problems.append(line)
            continue
        where = f"{origin}:{lineno}"
        try:
            found, warnings = _records(
                _parse_line(line, where), origin=where, stem=stem, outlet=outlet, number=lineno
            )
        except InputError as err:
            problems.append(Problem(err.origin, err.message))
            continue
        articles.extend(found)
        problems.extend(warnings)
    return articles, problems


def _story(value: Any, *, where: str, fallback_id: str) -> StoryInput:
    if not isinstance(value, Mapping):
        kind = type(value).__name__
        return StoryInput(fallback_id, (), (Problem(where, f"story is a JSON {kind}, not an object"),))
    story_id = _opt_str(str(value.get("id") or "")) or fallback_id
    try:
        articles, problems = _story_articles(value, origin=where, story_id=story_id, outlet=None)
    except InputError as err:
        return StoryInput(story_id, (), (Problem(err.origin, err.message),))
    return StoryInput(story_id, tuple(articles), tuple(problems))


def iter_stories(path: str | Path) -> Iterator[StoryInput]:
    """The stories of a JSONL file (one ``{"id", "articles": [...]}`` per line) one by one.

    A ``.json`` file holding one story or a list of stories is read too. A line that cannot be
    read gives a StoryInput with no articles and a problem naming ``path:line`` (its id is
    ``stem:line``); the other lines are not affected. Raises an InputError when the file itself
    is missing, empty or binary.
    """
    path = Path(path)
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableInput(origin, err.strerror or "cannot be read") from None
    _check_bytes(data, origin)
    if path.suffix.lower() == ".json":
        text = decode_bytes(data, origin).text
        try:
            value = json.loads(text)
        except json.JSONDecodeError as err:
            raise MalformedInput(f"{origin}:{err.lineno}", f"malformed JSON ({err.msg})") from None
        values = value if isinstance(value, list) else [value]
        for n, item in enumerate(values, start=1):
            yield _story(item, where=f"{origin}#{n}", fallback_id=f"{path.stem}#{n}")
        return
    for lineno, line in _lines(data, origin):
        where = f"{origin}:{lineno}"
        fallback_id = f"{path.stem}:{lineno}"
        if isinstance(line, Problem):
            yield StoryInput(fallback_id, (), (line,))
            continue
        try:
            value = _parse_line(line, where)
        except InputError as err:
            yield StoryInput(fallback_id, (), (Problem(err.origin, err.message),))
            continue
        yield _story(value, where=where, fallback_id=fallback_id)
