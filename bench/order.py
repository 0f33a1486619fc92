"""Order independence: does the brief change when the inputs come in another order or name?

Usage: python bench/order.py [SHARED_DIR] [--shuffles N]

Briefs examples/story and the seeds (../shared/seeds) forwards, reversed, shuffled and copied
under other names (in a temporary folder), and counts, against the forward brief, the summary
items, quotes, entities, facts and disagreements that differ. Articles are named by a digest of
their text, so ids and positions do not count; the outlet names in disagreement notes are
replaced by the same digests (plain-text outlets are named after their files).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsfuse.brief.build import build_brief  # noqa: E402
from newsfuse.ingest import load  # noqa: E402
from newsfuse.model import Brief  # noqa: E402

PARTS = ("summary", "quotes", "entities", "facts", "disagreements")


def content(brief: Brief) -> dict[str, set[str]]:
    key = {a.id: hashlib.sha1(a.text.encode()).hexdigest()[:10] for a in brief.articles}
    names = {a.outlet: key[a.id] for a in brief.articles}

    def refs(items) -> str:  # type: ignore[no-untyped-def]
        return repr(sorted((key[r.article], r.start, r.end) for r in items))

    def note(text: str) -> str:
        for outlet in sorted(names, key=len, reverse=True):
            text = text.replace(outlet, names[outlet])
        # "52: A, B; 53: C": each value's outlets are listed by name, which renaming changes
        parts = [part.partition(": ") for part in text.split("; ")]
        return "; ".join(f"{v}: {', '.join(sorted(o.split(', ')))}" for v, _, o in parts)

    return {
        "summary": {f"{i.text} {refs(i.sources)}" for i in brief.summary},
        "quotes": {
            repr((q.text, q.speaker, q.role, q.flags, sorted((key[c.article], c.text, c.parts) for c in q.carried_by)))
            for q in brief.quotes
        },
        "entities": {repr((e.name, e.kind, e.variants, refs(e.mentions))) for e in brief.entities},
        "facts": {repr((f.kind, f.subject, refs(f.mentions))) for f in brief.facts},
        "disagreements": {repr((d.kind, d.subject, note(d.note))) for d in brief.disagreements},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shared", nargs="?", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--shuffles", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    sets = {"examples/story": sorted((REPO / "examples" / "story").iterdir())}
    seeds = sorted((args.shared / "seeds").glob("*.txt"))
    if seeds:
        sets["seeds"] = seeds
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, files in sets.items():
            base = content(build_brief(load(files).articles))
            variants = {"reversed": files[::-1]}
            rng = random.Random(0)
            for k in range(args.shuffles):
                order = files[:]
                rng.shuffle(order)
                variants[f"shuffled {k + 1}"] = order
            folder = Path(tmp) / name.replace("/", "_")
            folder.mkdir()
            renamed = []
            for k, path in enumerate(reversed(files)):
                renamed.append(folder / f"{k:02d}_{path.stem[::-1]}{path.suffix}")
                shutil.copyfile(path, renamed[-1])
            variants["renamed, reversed"] = renamed
            for label, order in variants.items():
                got = content(build_brief(load(order).articles))
                rows.append((name, label, [len(base[p] - got[p]) for p in PARTS], [len(base[p]) for p in PARTS]))
    secs = time.perf_counter() - t0
    run = f"run {time.strftime('%Y-%m-%d')}, os.cpu_count() {os.cpu_count()}, {secs:.0f} s"
    print(f"\n## Order independence (bench/order.py), {run}\n")
    print("Entries of the forward brief missing from the brief of the same inputs given otherwise:\n")
    print("| story | inputs | " + " | ".join(PARTS) + " |")
    print("|---|---|" + "---:|" * len(PARTS))
    for name, label, diff, total in rows:
        print(f"| {name} | {label} | " + " | ".join(f"{d} of {t}" for d, t in zip(diff, total, strict=True)) + " |")


if __name__ == "__main__":
    main()
