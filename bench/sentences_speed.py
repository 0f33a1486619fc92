"""Speed of the sentence splitter on Multi-News articles, against syntok in the same process.

Usage: python bench/sentences_speed.py [DATA_DIR] [--repeats N]

DATA_DIR defaults to ../shared/data relative to the repository. Every article of
multinews_val250.jsonl is split (``repeats`` times, best run kept) by
``newsfuse.analysis.sentences.split_sentences`` and by the syntok segmenter (the first
version of the splitter). Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import syntok.segmenter as segmenter
from rich.progress import Progress

from newsfuse.analysis.sentences import split_sentences
from newsfuse.model import Span

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
FILE = "multinews_val250.jsonl"


def syntok_split(text: str) -> list[Span]:
    """The baseline: syntok's segmenter, spans from its first and last token."""
    spans: list[Span] = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            if sentence:
                last = sentence[-1]
                spans.append(Span(sentence[0].offset, last.offset + len(last.value)))
    return spans


def load(data: Path) -> list[str]:
    path = data / FILE
    if not path.is_file():
        raise SystemExit(f"{path}: not found (pass the shared data folder as the first argument)")
    with path.open(encoding="utf-8") as f:
        return [a["text"] for line in f if line.strip() for a in json.loads(line)["articles"]]


def run(name: str, split: Callable[[str], list[Span]], texts: list[str], repeats: int) -> tuple[float, int]:
    """Best total time over ``repeats`` passes, and the number of sentences found."""
    best = float("inf")
    count = 0
    with Progress(transient=True) as progress:
        task = progress.add_task(name, total=repeats * len(texts))
        for _ in range(repeats):
            elapsed = 0.0
            count = 0
            for text in texts:
                begin = time.perf_counter()
                count += len(split(text))
                elapsed += time.perf_counter() - begin
                progress.advance(task)
            best = min(best, elapsed)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    texts = load(args.data)
    words = sum(len(t.split()) for t in texts)

    ours, n_ours = run("newsfuse", split_sentences, texts, args.repeats)
    base, n_base = run("syntok", syntok_split, texts, args.repeats)

    per_60k = ours / words * 60_000  # 100 articles of 600 words
    print(f"## Sentence splitting speed ({FILE}, all articles)\n")
    print(f"{len(texts)} articles, {words:,} words; best of {args.repeats} runs.\n")
    print("| splitter | sentences | seconds | sentences/s | words/s | 100 x 600 words |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, secs, n in (("newsfuse", ours, n_ours), ("syntok (baseline)", base, n_base)):
        print(
            f"| {name} | {n:,} | {secs:.3f} | {n / secs:,.0f} | {words / secs:,.0f} | {secs / words * 60_000:.3f} s |"
        )
    print(f"\nnewsfuse is {base / ours:.1f}x as fast as syntok (same process).")
    print(f"100 articles of 600 words: {per_60k * 1000:.0f} ms.")


if __name__ == "__main__":
    main()
