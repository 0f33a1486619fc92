"""Split quote carriers: are the pieces joined as the outlet wrote them?

Usage: python bench/split_carriers.py [SHARED_DIR] [--limit N] [--cache FILE] [--show]

An outlet that splits a quotation ("A," she said, "B.") gives one carrier with several
``parts``. Such a carrier is faithful only when the outlet wrote the pieces in the order the
carrier joins them and around one attribution. For every carrier with two or more parts this
counts:

- *out of order*: the pieces, read in the article's order, do not appear in that order in the
  carrier's text (the carrier's wording was never printed);
- *across sentences*: two neighbouring pieces are not one quotation around one attribution: the
  text between them holds a paragraph break, another quotation, more than one sentence end, or
  a sentence end between two pieces that are each words inside the writer's own sentences.

Stories: the seeds (../shared/seeds, one story), examples/story, and Multi-News val
(../shared/data/multinews_val250.jsonl; counts as seen/dev). Quote spans and entities are
read with the real pipeline (spaCy); ``--cache`` keeps them in a pickle so that a second run
after a change to the line-up (brief/quotes.py) does not parse again. Delete the cache after a
change to analysis/.
"""

from __future__ import annotations

import argparse
import itertools
import os
import pickle
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsfuse.brief.entities import canonical_name, merge_entities  # noqa: E402
from newsfuse.brief.quotes import line_up_quotes  # noqa: E402
from newsfuse.model import Article, Entity, QuoteCarrier, QuoteSpan  # noqa: E402

_DOUBLE = re.compile(r"[\"“”«»„]")  # double quotation marks (single ones are mostly apostrophes)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=[\"“‘'A-Z0-9(])")
_EDGE = " \xa0\t\n.,;:!?…—–-\"“”‘’'«»„"

Story = tuple[str, list[Article], list[QuoteSpan], list[Entity]]


def analyse(name: str, articles: list[Article]) -> Story:
    from newsfuse.analysis.entities import extract_entities
    from newsfuse.analysis.nlp import load_nlp
    from newsfuse.analysis.quotes import extract_quotes

    docs = list(load_nlp().pipe(a.text for a in articles))
    spans = [q for a, doc in zip(articles, docs, strict=True) for q in extract_quotes(a, doc)]
    mentions = {a.id: extract_entities(a, doc) for a, doc in zip(articles, docs, strict=True)}
    return name, articles, spans, merge_entities(articles, mentions)


def stories(shared: Path, limit: int | None) -> list[tuple[str, list[Article]]]:
    from newsfuse.ingest import iter_stories, load

    out: list[tuple[str, list[Article]]] = []
    seeds = sorted((shared / "seeds").glob("*.txt"))
    if seeds:
        out.append(("seeds", list(load(seeds).articles)))
    out.append(("examples/story", list(load([REPO / "examples" / "story"]).articles)))
    path = shared / "data" / "multinews_val250.jsonl"
    if path.is_file():
        for i, story in enumerate(iter_stories(path)):
            if limit is not None and i >= limit:
                break
            out.append((f"multinews/{story.id}", list(story.articles)))
    return out


def verdict(article: Article, carrier: QuoteCarrier) -> tuple[bool, bool]:
    """(out of order, across sentences) for one split carrier.

    Checked on the text alone, with regular expressions (not with the line-up's own rule):
    the joined stretch between two pieces crosses sentences unless it is one attribution.
    """
    text = article.text
    pieces = [text[p.start : p.end] for p in carrier.parts]
    at, out_of_order = 0, False
    for piece in pieces:
        found = carrier.text.find(piece, at)
        if found < 0:
            out_of_order = True
            break
        at = found + len(piece)
    across = False
    for left, right in itertools.pairwise(carrier.parts):
        gap = text[left.end : right.start]
        inner = gap.strip(_EDGE)
        if not inner:
            continue  # a quotation carried on over paragraphs
        # sentence ends from the last character of the left piece to the first of the right
        found = _SENTENCE_END.finditer(text, left.end - 1, right.start + 1)
        ends = [m for m in found if not _abbreviated(text, m.start())]
        whole_right = text[right.start : right.start + 1].isupper()
        hands_over = bool(re.match(r"[,—–]|[\"”’»]\s*[,—–]", gap)) or text[left.end - 1] in "?!,"
        whole_left = _opens_sentence(text, left.start) or hands_over
        if (
            "\n" in gap
            or _DOUBLE.search(inner)
            or len(ends) > 1
            or (len(ends) == 1 and not (whole_right and whole_left))
        ):
            across = True
    return out_of_order, across


def _abbreviated(text: str, dot: int) -> bool:
    return bool(re.search(r"\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|[A-Z])$", text[max(0, dot - 4) : dot]))


def _opens_sentence(text: str, start: int) -> bool:
    """Does the quoted piece at ``start`` open a sentence (a capital after a sentence start,
    a colon or a comma)?"""
    before = text[max(0, start - 4) : start].rstrip("\"“‘'« \xa0")
    return text[start : start + 1].isupper() and (not before or before[-1] in ".!?:,\n—–")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shared", nargs="?", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="Multi-News stories (default: all 250)")
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the parsed stories")
    ap.add_argument("--show", action="store_true", help="print every split carrier")
    args = ap.parse_args()

    t0 = time.perf_counter()
    parsed: list[Story] | None = None
    if args.cache is not None and args.cache.is_file():
        parsed = pickle.loads(args.cache.read_bytes())
    if parsed is None:
        parsed = [analyse(name, arts) for name, arts in stories(args.shared, args.limit)]
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(parsed))
    counts = {"seeds": [0, 0, 0], "examples/story": [0, 0, 0], "multinews": [0, 0, 0]}
    for name, articles, spans, entities in parsed:
        by_id = {a.id: a for a in articles}
        quotes = line_up_quotes(articles, spans, canonical=lambda n, e=entities: canonical_name(n, e))
        row = counts["multinews" if name.startswith("multinews/") else name]
        for q in quotes:
            for c in q.carried_by:
                if len(c.parts) < 2:
                    continue
                disorder, across = verdict(by_id[c.article], c)
                row[0] += 1
                row[1] += disorder
                row[2] += across
                if args.show:
                    flag = ("ORDER " if disorder else "") + ("ACROSS" if across else "")
                    print(f"{name} {c.outlet} {flag}\n  carrier: {c.text}")
                    text = by_id[c.article].text
                    for left, right in itertools.pairwise(c.parts):
                        print(f"  gap: {text[left.end : right.start]!r}")
    secs = time.perf_counter() - t0
    run = f"run {time.strftime('%Y-%m-%d')}, os.cpu_count() {os.cpu_count()}, {secs:.0f} s"
    print(f"\n## Split quote carriers (bench/split_carriers.py), {run}\n")
    print("| stories | split carriers | out of order | across sentences |")
    print("|---|---:|---:|---:|")
    for name, (n, disorder, across) in counts.items():
        print(f"| {name} | {n} | {disorder} | {across} |")


if __name__ == "__main__":
    main()
