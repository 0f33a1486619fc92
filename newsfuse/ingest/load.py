"""``load``: files, folders, globs and Articles in; articles and problems out.

Each input is turned into articles by its format, found by extension and, when the extension
says nothing, by sniffing the first bytes (``<!doctype html`` / ``<html``: HTML; ``<rss`` /
``<feed`` / ``<rdf:RDF``: a feed; ``{`` / ``[``: JSON; else plain text). Every input that cannot
be used becomes one :class:`~newsfuse.model.Problem` with a one-line message naming it;
everything readable is still loaded. Ids are made unique across one call (``id-2``, ...).
"""

from __future__ import annotations

import glob
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from newsfuse.errors import InputError, UnreadableInput
from newsfuse.ingest.decode import FALLBACK_ENCODING, decode_bytes
from newsfuse.ingest.feeds import parse_feed
from newsfuse.ingest.furniture import mark_furniture
from newsfuse.ingest.gzipped import gunzip_if_gzipped
from newsfuse.ingest.html import declared_charset, parse_html
from newsfuse.ingest.language import with_language
from newsfuse.ingest.outlet import unique_id
from newsfuse.ingest.records import parse_json, parse_jsonl
from newsfuse.ingest.text import parse_text
from newsfuse.model import Article, Problem

__all__ = ["LoadResult", "load", "load_file", "detect_format", "FORMATS"]

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
        return (
            "jsonl"
            if first_line.startswith(b"{") and first_line.endswith(b"}") and b"\n{" in data
            else "json"
        )
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


def load_file(path: Path, outlet: str | None = None) -> tuple[list[Article], list[Problem]]:
    """Articles from one file; raises an InputError when nothing in it can be used."""
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableInput(origin, err.strerror or "cannot be read") from None
    data = gunzip_if_gzipped(data, origin)  # pages branch: a gzipped feed, page or JSON file
    kind = detect_format(path, data)
    stem = path.stem or path.name
    if kind == "jsonl":
        return parse_jsonl(data, origin=origin, stem=stem, outlet=outlet)
    if kind == "feed":
        decode_bytes(data, origin, declared=_xml_encoding(data))  # refuse empty or binary files
        return parse_feed(data, origin=origin, stem=stem, outlet=outlet)
    declared = declared_charset(data) if kind == "html" else None
    decoded = decode_bytes(data, origin, declared=declared)
    problems: list[Problem] = []
    if decoded.encoding == FALLBACK_ENCODING:
        problems.append(Problem(origin, f"not UTF-8; read as {FALLBACK_ENCODING}", fatal=False))
    if kind == "json":
        articles, more = parse_json(decoded.text, origin=origin, stem=stem, outlet=outlet)
        return articles, problems + more
    parse = parse_html if kind == "html" else parse_text
    article, more = parse(decoded.text, origin=origin, stem=stem, outlet=outlet)
    return [article], problems + more


def _xml_encoding(data: bytes) -> str | None:
    match = _XML_DECL.search(data[:200])
    return match.group(1).decode("ascii", "ignore") if match else None


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not _is_hidden(p, folder))


def _expand(item: str | Path) -> tuple[list[tuple[Path, str | None]], list[Problem]]:
    """Files named by one input, each with the folder it came from (to report empty folders)."""
    path = Path(item)
    if path.is_dir():
        files = _folder_files(path)
        if not files:
            return [], [Problem(str(path), "folder has no files to read")]
        return [(f, str(path)) for f in files], []
    if path.exists():
        return [(path, None)], []
    if isinstance(item, str) and _GLOB_CHARS.search(item):
        matches = sorted(Path(m) for m in glob.glob(item, recursive=True))
        files: list[tuple[Path, str | None]] = []
        for match in matches:
            if match.is_dir():
                files.extend((f, str(match)) for f in _folder_files(match))
            elif match.is_file():
                files.append((match, None))
        if not files:
            return [], [Problem(item, "no file matches this pattern")]
        return files, []
    return [], [Problem(str(path), "no such file or folder")]


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


def load(inputs: Iterable[str | Path | Article], outlet: str | None = None) -> LoadResult:
    """Read every input (file, folder, glob, or an Article as it is) into articles.

    Folders are read recursively: every file, sorted by path, hidden files and folders skipped.
    ``outlet`` names the outlet of every article whose input does not name one itself.
    Never raises for bad input: each unusable input is one Problem, the rest still loads.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]  # one path given on its own, not a sequence of paths
    loaded: list[tuple[Path | None, list[Article]]] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    folder_counts: dict[str, int] = {}
    for item in inputs:
        if isinstance(item, Article):
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
                articles, more = load_file(path, outlet=outlet)
            except InputError as err:
                problems.append(Problem(err.origin, err.message))
                continue
            problems.extend(more)
            loaded.append((path, articles))
            if folder is not None:
                folder_counts[folder] += len(articles)
    problems.extend(
        Problem(folder, "nothing readable in this folder") for folder, n in folder_counts.items() if n == 0
    )
    renames = _distinct_stem_outlets([(p, a) for p, a in loaded if p is not None])
    taken: set[str] = set()
    result: list[Article] = []
    for _, articles in loaded:
        for article in articles:
            new_id = unique_id(article.id, taken)
            new_outlet = renames.get(id(article), article.outlet)
            if new_id != article.id or new_outlet != article.outlet:
                article = replace(article, id=new_id, outlet=new_outlet)
            result.append(article)
    result = mark_furniture([with_language(a) for a in result])  # pages branch: language, site furniture
    return LoadResult(tuple(result), tuple(problems))
