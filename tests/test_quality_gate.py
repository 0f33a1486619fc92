"""Quality gate: the default summary method must stay above the ROUGE floor in bench/floor.json.

Runs the default method on the first stories of Multi-News val and of NeuS val (the subsets
named under "gates" in the floor file) with the benchmark's own scoring: a long summary of long
articles, and a short one of three excerpts. Lowering a floor is a visible change to
bench/floor.json.
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


GATES = sorted(FLOOR["gates"])


def test_floor_file_names_the_default_method() -> None:
    assert FLOOR["method"] == DEFAULT_METHOD
    assert {"multinews_val250.jsonl", "neus_val.jsonl"} <= set(GATES)
    for gate in FLOOR["gates"].values():
        for m in ("rouge1", "rouge2", "rougeLsum"):
            assert 0 < gate["floor"][m] <= gate["measured"][m]


@pytest.mark.parametrize("name", GATES)
def test_default_method_stays_above_the_floor(shared: Path, name: str) -> None:
    pytest.importorskip("rouge_score")
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from summarize import load_refs, score  # the benchmark's own scoring
    finally:
        sys.path.remove(str(REPO / "bench"))
    from rouge_score import rouge_scorer

    gate = FLOOR["gates"][name]
    path = shared / "data" / name
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
