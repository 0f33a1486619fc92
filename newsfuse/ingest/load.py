"""``load``: files, folders, globs and Articles in; articles and problems out.

Each input is turned into articles by its format, found by extension and, when the extension
says nothing, by sniffing the first bytes (``<!doctype html`` / ``<html``: HTML; ``<rss`` /
``<feed`` / ``<rdf:RDF``: a feed; ``{`` / ``[``: JSON; else plain text). Every input that cannot
be used becomes one :class:`~newsfuse.model.Problem` with a one-line message naming it;
everything readable is still loaded.

Hostile input: a path is stat'ed before it is opened (only regular files are read), files are
read up to ``Limits.max_input_bytes``, an article's text is refused over
``Limits.max_article_chars``, JSON deeper than ``Limits.max_json_depth``; folders and ``**``
globs are walked once per real folder (see :mod:`newsfuse.ingest.files`).

Start-up: the readers of feeds (feedparser) and pages (trafilatura, lxml) are imported when a
feed or a page is read, not with this module; text and JSON inputs never pay for them.

Ids: see :mod:`newsfuse.ingest.outlet` (a record's own id, else canonical URL, else a hash of
the text), unique across one call.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from newsfuse.config import Limits
from newsfuse.config import limits as current_limits
from newsfuse.errors import InputError, UnreadableInput
from newsfuse.ingest.decode import FALLBACK_ENCODING, decode_bytes
from newsfuse.ingest.files import check_text_size, folder_files, glob_matches, glob_paths, read_capped
from newsfuse.ingest.furniture import mark_furniture
from newsfuse.ingest.gzipped import gunzip_if_gzipped
from newsfuse.ingest.language import with_language
from newsfuse.ingest.outlet import assign_ids, stable_id
from newsfuse.ingest.records import parse_json, parse_jsonl
from newsfuse.ingest.text import parse_text
from newsfuse.model import Article, Problem

__all__ = ["LoadResult", "load", "load_file", "detect_format", "output_clash", "FORMATS"]

FORMATS = ("text", "html", "json", "jsonl", "feed")

_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_GLOB_CHARS = re.compile(r"[*?\[]")
_XML_DECL = re.compile(rb"""<\?xml[^>]*encoding=["']([\w.:-]+)""", re.IGNORECASE)
#: Bytes of a file's start looked at when sniffing its format.
SNIFF_HEAD_BYTES = 2048


@dataclass(frozen=True)
class LoadResult:
    """The articles read (ids unique) and the problems met, in input order."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...] = ()


def _sniff(data: bytes) -> str:
    head = data[:SNIFF_HEAD_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if head.startswith(b"<?xml"):
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
        if b"<html" in head:
            return "html"
        return "xml"
    if head.startswith(b"<!doctype") or head.startswith(b"<head") or head.startswith(b"<body"):
        return "html"
    if head.startswith((b"{", b"[")):
        first_line = data.lstrip().split(b"\n", 1)[0].strip()
        return "jsonl" if first_line.startswith(b"{") and first_line.endswith(b"}") and b"\n{" in data else "json"
    return "text"


def detect_format(path: Path, data: bytes) -> str:
    """One of :data:`FORMATS` for ``path``: by extension, else by sniffing ``data``."""
    by_extension = _BY_EXTENSION.get(path.suffix.lower())
    sniffed = _sniff(data)
    if by_extension == "feed":
        if sniffed == "html":
            return "html"
        if sniffed != "feed":
            raise UnreadableInput(str(path), "XML file that is not an RSS or Atom feed")
        return "feed"
    if by_extension:
        return by_extension
    if sniffed == "xml":
        raise UnreadableInput(str(path), "XML file that is not an RSS or Atom feed")
    return sniffed


def load_file(
    path: Path, outlet: str | None = None, limits: Limits | None = None
) -> tuple[list[Article], list[Problem]]:
    """Articles from one file; raises an InputError when nothing in it can be used."""
    limits = limits or current_limits()
    origin = str(path)
    data = read_capped(path, limits)
    # A gzipped feed, page or JSON file (pages branch), unpacked within the same byte limit.
    data = gunzip_if_gzipped(data, origin, limit=limits.max_input_bytes)
    kind = detect_format(path, data)
    stem = path.stem or path.name
    if kind == "jsonl":
        return parse_jsonl(data, origin=origin, stem=stem, outlet=outlet, limits=limits)
    if kind == "feed":
        decode_bytes(data, origin, declared=_xml_encoding(data))  # refuse empty or binary files
        from newsfuse.ingest.feeds import parse_feed

        articles, problems = parse_feed(data, origin=origin, stem=stem, outlet=outlet)
        return _own_ids(articles, limits, problems)
    if kind == "html":
        from newsfuse.ingest.html import declared_charset, parse_html

        declared, parse = declared_charset(data), parse_html
    else:
        declared, parse = None, parse_text
    decoded = decode_bytes(data, origin, declared=declared)
    problems: list[Problem] = []
    if decoded.encoding == FALLBACK_ENCODING:
        problems.append(Problem(origin, f"not UTF-8; read as {FALLBACK_ENCODING}", fatal=False))
    if kind == "json":
        articles, more = parse_json(decoded.text, origin=origin, stem=stem, outlet=outlet, limits=limits)
        return articles, problems + more
    if kind == "text":
        # A text's length is its article's length (give or take its headers): refuse it before
        # any work on it.
        check_text_size(decoded.text.strip(), origin, limits)
    article, more = parse(decoded.text, origin=origin, stem=stem, outlet=outlet)
    check_text_size(article.text, origin, limits)
    return [replace(article, id=stable_id(article.text, article.url))], problems + more


def _own_ids(articles: list[Article], limits: Limits, problems: list[Problem]) -> tuple[list[Article], list[Problem]]:
    """A feed's articles with their stable ids (the parser names them after the file), less
    those over the text limit (each a problem)."""
    kept: list[Article] = []
    for article in articles:
        try:
            check_text_size(article.text, article.origin or article.id, limits)
        except InputError as err:
            problems.append(Problem(err.origin, err.message))
            continue
        kept.append(replace(article, id=stable_id(article.text, article.url)))
    return kept, problems


def _xml_encoding(data: bytes) -> str | None:
    match = _XML_DECL.search(data[:200])
    return match.group(1).decode("ascii", "ignore") if match else None


def _expand(item: str | Path) -> tuple[list[tuple[Path, str | None]], list[Problem]]:
    """Files named by one input, each with the folder it came from (to report empty folders)."""
    path = Path(item)
    if path.is_dir():
        files = folder_files(path)
        if not files:
            return [], [Problem(str(path), "folder has no files to read")]
        return [(f, str(path)) for f in files], []
    if path.exists() or path.is_symlink():
        return [(path, None)], []
    if isinstance(item, str) and _GLOB_CHARS.search(item):
        files: list[tuple[Path, str | None]] = []
        for match in glob_paths(item):
            if match.is_dir():  # a folder the pattern names: its files, not reported as a folder
                files.extend((f, None) for f in folder_files(match))
            else:
                files.append((match, None))
        if not files:
            return [], [Problem(item, "no file matches this pattern")]
        return files, []
    return [], [Problem(str(path), "no such file or folder")]


def output_clash(output: Path, inputs: Iterable[str | Path | Article]) -> str | None:
    """Why writing to ``output`` would overwrite or feed back into ``inputs``, or None.

    Refused: the output is one of the input files, lies inside an input folder, or matches an
    input glob (the next run would read the brief as an article). Nothing is read.
    """
    target = output.resolve()
    for item in inputs:
        if isinstance(item, Article):
            continue
        path = Path(item)
        if path.is_dir():
            if target.is_relative_to(path.resolve()):
                return f"it is inside the input folder {path}"
        elif path.exists():
            if target == path.resolve():
                return "it is one of the inputs"
        elif isinstance(item, str) and _GLOB_CHARS.search(item):
            if glob_matches(item, output):
                return f"it matches the input pattern {item}"
            for match in glob_paths(item):
                resolved = match.resolve()
                if target == resolved or (match.is_dir() and target.is_relative_to(resolved)):
                    return f"it is inside {match}, which the input pattern {item} names"
    return None


def _distinct_stem_outlets(loaded: list[tuple[Path, list[Article]]]) -> dict[int, str]:
    """New outlet names for articles whose outlet is only a file stem shared by other files.

    Two files ``a/report.txt`` and ``b/report.txt`` with no outlet information would both be
    outlet ``report``; they become ``a/report`` and ``b/report``. Keyed by ``id(article)``.
    """
    by_stem: dict[str, set[Path]] = defaultdict(set)
    for path, articles in loaded:
        if any(a.outlet == path.stem for a in articles):
            by_stem[path.stem].add(path.resolve())
    renames: dict[int, str] = {}
    for path, articles in loaded:
        if len(by_stem.get(path.stem, ())) > 1:
            name = f"{path.parent.name}/{path.stem}" if path.parent.name else path.stem
            for article in articles:
                if article.outlet == path.stem:
                    renames[id(article)] = name
    return renames


def load(inputs: Iterable[str | Path | Article], outlet: str | None = None, limits: Limits | None = None) -> LoadResult:
    """Read every input (file, folder, glob, or an Article as it is) into articles.

    Folders are read recursively: every file, sorted by path, hidden files and folders skipped.
    ``outlet`` names the outlet of every article whose input does not name one itself.
    ``limits`` default to :func:`newsfuse.config.limits` (the environment).
    Never raises for bad input: each unusable input is one Problem, the rest still loads.
    """
    limits = limits or current_limits()
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]  # one path given on its own, not a sequence of paths
    loaded: list[tuple[Path | None, list[Article]]] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    folder_counts: dict[str, int] = {}
    for item in inputs:
        if isinstance(item, Article):
            try:
                check_text_size(item.text, item.origin or item.id, limits)
            except InputError as err:
                problems.append(Problem(err.origin, err.message))
                continue
            loaded.append((None, [item]))
            continue
        files, missing = _expand(item)
        problems.extend(missing)
        for path, folder in files:
            if folder is not None:
                folder_counts.setdefault(folder, 0)
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            try:
                articles, more = load_file(path, outlet=outlet, limits=limits)
            except InputError as err:
                problems.append(Problem(err.origin, err.message))
                continue
            problems.extend(more)
            loaded.append((path, articles))
            if folder is not None:
                folder_counts[folder] += len(articles)
    problems.extend(Problem(folder, "nothing readable in this folder") for folder, n in folder_counts.items() if n == 0)
    renames = _distinct_stem_outlets([(p, a) for p, a in loaded if p is not None])
    renamed = [
        replace(article, outlet=renames[id(article)]) if id(article) in renames else article
        for _, articles in loaded
        for article in articles
    ]
    result = mark_furniture([with_language(a) for a in assign_ids(renamed)])  # pages: language, furniture
    return LoadResult(tuple(result), tuple(problems))
