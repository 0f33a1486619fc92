"""Quality gate: the default summary method must stay above the ROUGE floor in bench/floor.json.

Runs the default method on the first stories of Multi-News val (the subset named in the floor
file) with the benchmark's own scoring. Lowering a floor is a visible change to bench/floor.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newsfuse.brief.summarizers import DEFAULT_METHOD, get
from newsfuse.ingest import iter_stories

REPO = Path(__file__).resolve().parents[1]
FLOOR = json.loads((REPO / "bench" / "floor.json").read_text(encoding="utf-8"))


def test_floor_file_names_the_default_method() -> None:
    assert FLOOR["method"] == DEFAULT_METHOD
    gate = FLOOR["gate"]
    for m in ("rouge1", "rouge2", "rougeLsum"):
        assert 0 < gate["floor"][m] <= gate["measured"][m]


def test_default_method_stays_above_the_floor(shared: Path) -> None:
    pytest.importorskip("rouge_score")
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from summarize import load_refs, score  # the benchmark's own scoring
    finally:
        sys.path.remove(str(REPO / "bench"))
    from rouge_score import rouge_scorer

    gate = FLOOR["gate"]
    path = shared / "data" / gate["file"]
    if not path.is_file():
        pytest.skip(f"needs {path}")
    refs = load_refs(path)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    summarizer = get(DEFAULT_METHOD)
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0}
    n = 0
    for story in iter_stories(path):
        if n == gate["stories"]:
            break
        items = summarizer.summarize(story.articles, gate["words"])
        assert sum(len(i.text.split()) for i in items) <= gate["words"]
        for m, v in score(scorer, refs[story.id], [i.text for i in items]).items():
            totals[m] += v
        n += 1
    assert n == gate["stories"]
    for m, total in totals.items():
        mean = total / n
        assert mean >= gate["floor"][m], f"{m} {mean:.2f} fell under the floor {gate['floor'][m]}"
