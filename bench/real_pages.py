"""Real-page quality: our ingest against trafilatura's defaults on pages with expectation files.

Usage: python bench/real_pages.py [FOLDER] [--words N]

FOLDER (default tests/fixtures/pages) holds pages ``NAME.html`` with expectations ``NAME.json``:
``title``, ``outlet``, ``date`` (YYYY-MM-DD or null), ``language``, ``first`` and ``last`` (the
first and last sentence of the body), optionally ``body`` (the reporting paragraphs, for text
F1) and ``furniture`` (strings of page furniture that must not be read as reporting).

Two readers, in the same process, on the same pages:

- ``ours``: ``newsfuse.ingest.load`` on the whole folder (so site furniture shared by pages of
  one outlet is found), text outside boilerplate spans;
- ``trafilatura``: ``trafilatura.bare_extraction`` with its default settings and metadata; the
  outlet is its site name, else the domain of its URL, else the file stem (the fallback chain
  newsfuse used before), and the text is all it extracted.

Measured per reader: text 4-gram F1 against ``body``; title, outlet, date errors (ours also
language errors); then a one-page brief of each page (newsfuse's default summarizer, summary
only) on the reader's article: the share of summary sentences that hold furniture, that are
not in the body, that have fewer than 4 words, and fragments (starting in lower case or
without a sentence end). The figures are on pages we wrote ourselves: a dev set, not held out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsfuse.api import brief  # noqa: E402
from newsfuse.ingest import load  # noqa: E402
from newsfuse.ingest.dates import parse_date  # noqa: E402
from newsfuse.ingest.language import detect_language  # noqa: E402
from newsfuse.ingest.outlet import domain_of  # noqa: E402
from newsfuse.model import Article  # noqa: E402

DEFAULT_FOLDER = REPO / "tests" / "fixtures" / "pages"
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*$")


def ngrams(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def f1(predicted: str, reference: str) -> float:
    pred, ref = ngrams(predicted), ngrams(reference)
    overlap = sum((pred & ref).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(pred.values())
    recall = overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def content_text(article: Article) -> str:
    """The text outside boilerplate spans, paragraphs kept apart."""
    pieces, at = [], 0
    for span in sorted(article.boilerplate):
        pieces.append(article.text[at : span.start])
        at = max(at, span.end)
    pieces.append(article.text[at:])
    return "\n".join(pieces)


def baseline_article(path: Path) -> Article:
    markup = path.read_text(encoding="utf-8")
    doc = trafilatura.bare_extraction(markup, with_metadata=True)
    text = (doc.text or "").strip() if doc is not None else ""
    site = (doc.sitename or "").strip() if doc is not None else ""
    url = (doc.url or "").strip() or None if doc is not None else None
    return Article(
        id=path.stem,
        text=text or "(nothing extracted)",
        outlet=site or domain_of(url) or path.stem,
        title=((doc.title or "").strip() or None) if doc is not None else None,
        date=parse_date(doc.date) if doc is not None else None,
        url=url,
    )


@dataclass
class Tally:
    pages: int = 0
    f1s: list[float] = field(default_factory=list)
    title_errors: list[str] = field(default_factory=list)
    outlet_errors: list[str] = field(default_factory=list)
    date_errors: list[str] = field(default_factory=list)
    language_errors: list[str] = field(default_factory=list)
    items: int = 0
    furniture: list[str] = field(default_factory=list)
    not_in_body: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)


def check(name: str, article: Article, text: str, expected: dict, tally: Tally, words: int, language: bool) -> None:
    tally.pages += 1
    body = "\n".join(expected.get("body") or [])
    if body:
        tally.f1s.append(f1(text, body))
    if norm(article.title or "") != norm(expected["title"]):
        tally.title_errors.append(f"{name}: {article.title!r}")
    if article.outlet != expected["outlet"]:
        tally.outlet_errors.append(f"{name}: {article.outlet!r}")
    want_date = dt.date.fromisoformat(expected["date"]) if expected.get("date") else None
    if article.date != want_date:
        tally.date_errors.append(f"{name}: {article.date}")
    if language and article.language != expected.get("language"):
        tally.language_errors.append(f"{name}: {article.language!r}")
    summary = brief([article], words=words, analyse=False).summary
    flat_body = norm(body) if body else None
    furniture = [f.lower() for f in expected.get("furniture", [])]
    for item in summary:
        sentence = norm(item.text)
        tally.items += 1
        if any(f in sentence.lower() for f in furniture):
            tally.furniture.append(f"{name}: {sentence!r}")
        if flat_body is not None and sentence not in flat_body:
            tally.not_in_body.append(f"{name}: {sentence!r}")
        if len(_WORD.findall(sentence)) < 4:
            tally.short.append(f"{name}: {sentence!r}")
        if sentence[:1].islower() or not _SENTENCE_END.search(sentence):
            tally.fragments.append(f"{name}: {sentence!r}")


def share(part: list[str], whole: int) -> str:
    return f"{len(part)}/{whole} ({100 * len(part) / whole:.1f}%)" if whole else "0/0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--words", type=int, default=80, help="summary word budget per page")
    parser.add_argument("--verbose", action="store_true", help="list every error")
    args = parser.parse_args()
    folder: Path = args.folder
    pages = sorted(p for p in folder.glob("*.html") if p.with_suffix(".json").exists())
    if not pages:
        sys.exit(f"no pages with expectation files in {folder}")
    expected = {p.stem: json.loads(p.with_suffix(".json").read_text(encoding="utf-8")) for p in pages}

    started = time.perf_counter()
    detect_language("The language model is read once per process, on the first call; timed apart.")
    model_seconds = time.perf_counter() - started
    started = time.perf_counter()
    loaded = load(pages)
    ours_seconds = time.perf_counter() - started
    by_name = {Path(a.origin or "").stem: a for a in loaded.articles}
    started = time.perf_counter()
    baseline = {p.stem: baseline_article(p) for p in pages}
    base_seconds = time.perf_counter() - started

    ours, base = Tally(), Tally()
    missing = [p.stem for p in pages if p.stem not in by_name]
    for page in pages:
        name = page.stem
        if name in by_name:
            article = by_name[name]
            check(name, article, content_text(article), expected[name], ours, args.words, language=True)
        check(name, baseline[name], baseline[name].text, expected[name], base, args.words, language=False)

    print(f"## Real pages: our ingest against trafilatura's defaults (bench/real_pages.py), {dt.date.today()}")
    print()
    print(
        f"Machine: {platform.node()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, trafilatura {trafilatura.__version__}; "
        f"load average {os.getloadavg()[0]:.1f} at the end of the run."
    )
    print(f"Pages: {len(pages)} in {folder.relative_to(REPO) if folder.is_relative_to(REPO) else folder}.")
    print("These are pages we wrote ourselves (the dev set the rules were built on), not held-out pages.")
    print()
    print("| measure | ours | trafilatura defaults |")
    print("|---|---:|---:|")

    def mean(values: list[float]) -> str:
        return f"{sum(values) / len(values):.3f}" if values else "n/a"

    rows = [
        ("text 4-gram F1 (mean over pages with a body)", mean(ours.f1s), mean(base.f1s)),
        ("pages read", f"{ours.pages}/{len(pages)}", f"{base.pages}/{len(pages)}"),
        ("title errors", str(len(ours.title_errors)), str(len(base.title_errors))),
        ("outlet errors", str(len(ours.outlet_errors)), str(len(base.outlet_errors))),
        ("date errors", str(len(ours.date_errors)), str(len(base.date_errors))),
        ("language errors", str(len(ours.language_errors)), "not detected"),
        ("summary items", str(ours.items), str(base.items)),
        (
            "summary sentences holding page furniture",
            share(ours.furniture, ours.items),
            share(base.furniture, base.items),
        ),
        ("summary sentences not in the body", share(ours.not_in_body, ours.items), share(base.not_in_body, base.items)),
        ("summary items under 4 words", share(ours.short, ours.items), share(base.short, base.items)),
        ("summary fragments", share(ours.fragments, ours.items), share(base.fragments, base.items)),
        ("seconds to read the pages", f"{ours_seconds:.2f}", f"{base_seconds:.2f}"),
        ("seconds to read the language model (once per process)", f"{model_seconds:.2f}", "-"),
    ]
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")
    if missing:
        print(f"\nNot read by ours: {', '.join(missing)}; problems: {loaded.problems}")
    if args.verbose:
        for label, tally in (("ours", ours), ("trafilatura", base)):
            for kind in ("title_errors", "outlet_errors", "date_errors", "language_errors", "furniture",
                         "not_in_body", "short", "fragments"):  # fmt: skip
                for line in getattr(tally, kind):
                    print(f"- {label} {kind}: {line}")


if __name__ == "__main__":
    main()
