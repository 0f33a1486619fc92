"""Direct quotations and their speakers on PolNeAR, against a regex baseline in the same process.

Usage: python bench/quotes_polnear.py [DATA_DIR] [--split dev|train] [--limit N] [--errors FILE]

DATA_DIR defaults to ../shared/data relative to the repository. Prints a Markdown section for
bench/RESULTS.md. Tune on ``--split train``; report on ``dev``.

The scorer (defined here, used for every system):

- **Gold quotations** are the attributions with ``direct`` true (the dataset's own definition:
  the content has double quotation marks), both ``full`` and ``partial``. A content may be
  discontinuous (a quote split by its attribution): its ``ranges`` are used, never its extent.
- **What is compared** is the *quoted words*. A ``partial`` gold content also holds the writer's
  paraphrase around the quoted words (``said he was not advocating violence, only a "loud
  voice."``); those words are no quotation and no extractor of quotations should give them, so
  the gold unit is the part of the content's ranges that lies between paired double marks (for
  a ``full`` content, all of it). Both sides are compared as sets of character positions of
  letters and digits only, so quotation marks, spaces and punctuation at the edges (which the
  gold keeps and newsfuse leaves out) do not count either way. The plain-content figure (the
  whole content as annotated) is reported too.
- **Predicted quotations**: the pieces of one quotation (the parts of a split quote, the
  paragraphs of a long one) share one ``speaker_mention`` in newsfuse; consecutive pieces with
  the same mention whose gap holds that mention (``"A," he said. "B."``) or only marks and
  white space (paragraphs of one quote) are joined into one predicted quotation, as PolNeAR
  annotates them as one attribution.
- **Match**: overlap = |P ∩ G| / max(|P|, |G|) (the share of the *longer* of the two: a match
  must cover a fair part of both; this is stricter than GenderGapTracker's share of the gold
  alone). Primary threshold 0.3 (GenderGapTracker's lower threshold), also 0.5 and exact
  (identical positions). Matching is one-to-one within an article, greedy by highest overlap.
  Precision, recall and F1 over all quotations of the split.
- **Speaker accuracy**: among matched quotations (after the pieces are joined, above) whose
  gold has a source, the share where

  1. the predicted ``speaker_mention`` overlaps the gold source's ranges (``he`` for ``he``,
     ``the senator`` for ``the Florida senator``), or
  2. the predicted speaker *names the same person*: it is a name (every word capitalised but
     particles such as ``de``, ``van``) and its surname (last word, without ``Jr.``, ``'s``)
     is a word of the gold source's text (``Hillary Clinton`` for ``Mrs. Clinton``, a pronoun
     resolved to ``Tomas Brennan`` for ``Brennan, 52,``), or
  3. the gold source is a relative pronoun (``who``, ``that``) and the predicted mention is
     the noun phrase it hangs on (``Barack Obama`` of ``Barack Obama, who called ...``).

  No predicted speaker counts as wrong. A gold pronoun (``he``) is not resolved, so a
  prediction naming the person it stands for at another mention counts as wrong. The column
  "v1 rule" is the first version's rule (1, or the last word of any predicted speaker, name or
  description, in the gold source: ``campaign`` of ``Trump's campaign`` matched ``the Clinton
  campaign``), kept for comparison.

Baseline: any text between a matching pair of double marks (``“…”``, ``"…"``, ``''…''``) in a
paragraph; speaker = the PERSON entity of spaCy's sentence nearest to the quotation.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rich.progress import Progress
from spacy.tokens import DocBin

from newsfuse.analysis.nlp import load_nlp
from newsfuse.analysis.quotes import extract_quotes
from newsfuse.model import Article, QuoteSpan, Ref

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
THRESHOLDS = (0.3, 0.5, 1.0)
_MARK = re.compile(r"''|``|[\"“”„‟«»]")
_WORD = re.compile(r"[^\W_]+")
_RELATIVE = frozenset(["who", "whom", "that", "which"])
_PARTICLES = frozenset("de da del della di du van von der den bin al la le st. st".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())
_ROWS = (("0.3", "≥0.3 of longer"), ("0.5", "≥0.5 of longer"), ("1.0", "exact"), ("content", "≥0.3, plain content"))


@dataclass
class Gold:
    quoted: frozenset[int]  # letter/digit positions of the quoted words
    content: frozenset[int]  # letter/digit positions of the whole content
    source: list[tuple[int, int]] | None
    source_text: str
    kind: str


@dataclass
class Pred:
    chars: frozenset[int]
    mention: tuple[int, int] | None
    speaker: str | None
    text: str


def alnum_positions(text: str, ranges: Iterable[tuple[int, int]]) -> frozenset[int]:
    return frozenset(i for s, e in ranges for i in range(s, e) if text[i].isalnum())


def quoted_ranges(text: str, ranges: list[list[int]]) -> list[tuple[int, int]]:
    """The parts of ``ranges`` between paired double marks (toggling through the marks in order)."""
    out: list[tuple[int, int]] = []
    inside = False
    for s, e in ranges:
        marks = list(_MARK.finditer(text, s, e))
        if not marks:
            if inside:
                out.append((s, e))
            continue
        cur = s
        first = True
        for m in marks:
            mark = m.group(0)
            if first and not inside and mark in "”»":
                out.append((s, m.start()))  # the quotation opened before the content
            elif inside:
                out.append((cur, m.start()))
                inside = False
            else:
                inside = True
            cur = m.end()
            first = False
        if inside:
            out.append((cur, e))
    return out


def load(data: Path, split: str) -> list[dict]:
    path = data / f"polnear_{split}.jsonl"
    if not path.is_file():
        raise SystemExit(f"{path}: not found (pass the shared data folder as the first argument)")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_of(rec: dict) -> list[Gold]:
    text = rec["text"]
    out: list[Gold] = []
    for a in rec["attributions"]:
        if not a["direct"]:
            continue
        c = a["content"]
        ranges = [tuple(r) for r in c["ranges"]]
        quoted = ranges if a["quote"] == "full" else quoted_ranges(text, c["ranges"])
        src = a["source"]
        out.append(
            Gold(
                quoted=alnum_positions(text, quoted) or alnum_positions(text, ranges),
                content=alnum_positions(text, ranges),
                source=[tuple(r) for r in src["ranges"]] if src else None,
                source_text=src["text"] if src else "",
                kind=a["quote"],
            )
        )
    return out


def group_pieces(text: str, spans: list[QuoteSpan]) -> list[Pred]:
    """Join the pieces of one quotation (see the module doc)."""
    preds: list[Pred] = []
    last: QuoteSpan | None = None
    for q in spans:
        m = q.speaker_mention
        chars = alnum_positions(text, [(q.start, q.end)])
        if last is not None and m is not None and last.speaker_mention == m:
            gap = text[last.end : q.start]
            joined = (last.end <= m.start and m.end <= q.start) or not _WORD.search(gap)
            if joined:
                p = preds[-1]
                preds[-1] = Pred(p.chars | chars, p.mention, p.speaker, p.text + " … " + q.text)
                last = q
                continue
        preds.append(Pred(chars, (m.start, m.end) if m else None, q.speaker, q.text))
        last = q
    return preds


def baseline(article: Article, doc) -> list[QuoteSpan]:  # noqa: ANN001 - a spaCy Doc
    """Text between matching double marks; speaker = nearest PERSON of the sentence."""
    text = article.text
    out: list[QuoteSpan] = []
    pattern = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"|''([^\n]+?)''")
    for m in pattern.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        s, e = m.span(g)
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        mention = None
        if span is not None:
            sent = span.sent
            people = [ent for ent in sent.ents if ent.label_ == "PERSON" and not (s <= ent.start_char < e)]
            if people:
                best = min(people, key=lambda ent: min(abs(ent.start_char - e), abs(ent.end_char - s)))
                mention = Ref(article.id, best.start_char, best.end_char, best.text)
        out.append(QuoteSpan(article.id, s, e, text[s:e], mention.text if mention else None, mention))
    return out


def match(preds: list[Pred], golds: list[Gold], threshold: float, use_content: bool) -> list[tuple[int, int]]:
    pairs: list[tuple[float, int, int]] = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            gs = g.content if use_content else g.quoted
            inter = len(p.chars & gs)
            if not inter:
                continue
            score = inter / max(len(p.chars), len(gs))
            if score >= threshold - 1e-9:
                pairs.append((score, i, j))
    pairs.sort(key=lambda x: -x[0])
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def speaker_ok(p: Pred, g: Gold, text: str) -> bool:
    """Is the predicted speaker the gold source (see the module doc)?"""
    if g.source is None:
        return False
    if p.mention is not None and any(p.mention[0] < e and s < p.mention[1] for s, e in g.source):
        return True
    surname = name_surname(p.speaker)
    if surname and surname in {w.lower() for w in _WORD.findall(g.source_text)}:
        return True
    if p.mention is not None and g.source_text.strip().lower() in _RELATIVE:
        # "Barack Obama, who called ...": the relative pronoun stands for the words before it
        start = min(s for s, _ in g.source)
        return p.mention[1] <= start and not text[p.mention[1] : start].strip(" ,")
    return False


def speaker_ok_lenient(p: Pred, g: Gold) -> bool:
    """The rule of the first version of this script: the last word of any predicted speaker
    (a name or a description) is a word of the gold source."""
    if g.source is None:
        return False
    if p.mention is not None and any(p.mention[0] < e and s < p.mention[1] for s, e in g.source):
        return True
    if p.speaker:
        words = _WORD.findall(p.speaker)
        if words and words[-1].lower() in {w.lower() for w in _WORD.findall(g.source_text)}:
            return True
    return False


def name_surname(speaker: str | None) -> str | None:
    """The surname of a speaker that is a person's name ("Hillary Clinton", "Mr. Blunt",
    "Donald Trump Jr."), lower-cased; None for a description ("the senator", "a spokesman
    for X") or a pronoun."""
    if not speaker:
        return None
    words = speaker.replace("’", "'").split()
    if not words or any(not w[:1].isupper() and w.lower() not in _PARTICLES for w in words):
        return None
    while len(words) > 1 and words[-1].lower().strip(".,") in _SUFFIXES:
        words.pop()
    found = _WORD.findall(re.sub(r"'s$", "", words[-1]))
    return found[-1].lower() if found else None


@dataclass
class Score:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    spk_ok: int = 0
    spk_n: int = 0
    spk_lenient: int = 0  # under the first version's rule, for comparison

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(
    name: str,
    system: Callable[[Article, object], list[QuoteSpan]],
    records: list[dict],
    docs: list,
    errors: list[str] | None,
) -> tuple[dict[str, Score], float]:
    scores = {f"{t}": Score() for t in THRESHOLDS} | {"content": Score()}
    elapsed = 0.0
    with Progress(transient=True) as progress:
        task = progress.add_task(name, total=len(records))
        for rec, doc in zip(records, docs, strict=True):
            article = Article(id=rec["id"], text=rec["text"], outlet=rec["outlet"])
            begin = time.perf_counter()
            spans = system(article, doc)
            elapsed += time.perf_counter() - begin
            preds = group_pieces(rec["text"], spans)
            golds = gold_of(rec)
            for key, score in scores.items():
                use_content = key == "content"
                threshold = 0.3 if use_content else float(key)
                pairs = match(preds, golds, threshold, use_content)
                score.tp += len(pairs)
                score.n_pred += len(preds)
                score.n_gold += len(golds)
                for i, j in pairs:
                    if golds[j].source is not None:
                        score.spk_n += 1
                        score.spk_ok += speaker_ok(preds[i], golds[j], rec["text"])
                        score.spk_lenient += speaker_ok_lenient(preds[i], golds[j])
            if errors is not None:
                _log_errors(rec, preds, golds, errors)
            progress.advance(task)
    return scores, elapsed


def _log_errors(rec: dict, preds: list[Pred], golds: list[Gold], errors: list[str]) -> None:
    text = rec["text"]
    pairs = match(preds, golds, 0.3, False)
    mp = {i for i, _ in pairs}
    mg = {j for _, j in pairs}

    def show(chars: frozenset[int]) -> str:
        return text[min(chars) : max(chars) + 1][:160] if chars else ""

    for i, p in enumerate(preds):
        if i not in mp:
            errors.append(f"FP {rec['id']} :: {show(p.chars)!r} spk={p.speaker!r}")
    for j, g in enumerate(golds):
        if j not in mg:
            errors.append(f"FN {rec['id']} [{g.kind}] :: {show(g.quoted)!r} src={g.source_text!r}")
    for i, j in pairs:
        if golds[j].source is not None and not speaker_ok(preds[i], golds[j], text):
            m = text[preds[i].mention[0] : preds[i].mention[1]] if preds[i].mention else None
            errors.append(
                f"SPK {rec['id']} :: {show(preds[i].chars)[:80]!r} pred={preds[i].speaker!r}/{m!r} "
                f"gold={golds[j].source_text!r}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--errors", type=Path, help="write unmatched and mis-attributed quotes here")
    parser.add_argument("--cache", type=Path, help="keep the spaCy parses in this folder (tuning runs)")
    args = parser.parse_args()
    records = load(args.data, args.split)
    if args.limit:
        records = records[: args.limit]
    nlp = load_nlp()
    begin = time.perf_counter()
    docs = []
    cache = args.cache / f"polnear_{args.split}_{len(records)}.spacy" if args.cache else None
    cached = cache is not None and cache.is_file()
    if cache is not None and cached:
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        with Progress(transient=True) as progress:
            task = progress.add_task("spaCy parse", total=len(records))
            for doc in nlp.pipe((r["text"] for r in records), batch_size=16):
                docs.append(doc)
                progress.advance(task)
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs).to_disk(cache)
    parse_time = time.perf_counter() - begin
    errors: list[str] | None = [] if args.errors else None
    ours, ours_time = evaluate("newsfuse", extract_quotes, records, docs, errors)
    base, base_time = evaluate("baseline", baseline, records, docs, None)
    if args.errors and errors is not None:
        args.errors.write_text("\n".join(errors) + "\n", encoding="utf-8")

    n = len(records)
    golds = ours["0.3"].n_gold
    print(f"## Quotes on PolNeAR ({args.split}: polnear_{args.split}.jsonl), run {time.strftime('%Y-%m-%d')}\n")
    print(f"{n} articles, {golds} gold direct quotations; scorer in bench/quotes_polnear.py.\n")
    print("| system | match | P | R | F1 | speaker acc. | speaker acc., v1 rule |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for label, scores in (("newsfuse", ours), ("baseline", base)):
        for key, title in _ROWS:
            s = scores[key]
            p, r, f = s.prf()
            acc = s.spk_ok / s.spk_n if s.spk_n else 0.0
            v1 = s.spk_lenient / s.spk_n if s.spk_n else 0.0
            cells = [label, title] + [f"{100 * x:.1f}" for x in (p, r, f, acc, v1)]
            print("| " + " | ".join(cells) + " |")
    print()
    how = "loaded from the --cache, not a parse speed" if cached else f"{n / parse_time:.1f} articles/s"
    print(f"Speed ({n} articles, os.cpu_count() {os.cpu_count()}): spaCy parse {parse_time:.2f} s ({how}); ")
    print(f"newsfuse quotes after the parse {ours_time:.2f} s ({n / max(ours_time, 1e-9):.0f} articles/s); ")
    total = parse_time + ours_time
    print(f"parse + quotes {n / total:.1f} articles/s; baseline after the parse {base_time:.2f} s.")


if __name__ == "__main__":
    main()
