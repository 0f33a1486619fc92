"""Shared test helpers: where the real data lives, and skipping cleanly without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = Path(os.environ.get("NEWSFUSE_SHARED", REPO.parent / "shared"))

# Three untitled reports of one fictional event (outlet -> text): all name the mayor, one of them
# the engineer too. Tests of how an untitled story is headed use them.
BRIDGE_REPORTS = {
    "Lowmoor Post": "Mayor Edwina Calloway closed the Tarrow bridge on Tuesday after engineers found cracks "
    "in two of its piers. Calloway said the bridge would stay shut for at least a month.",
    "Fenwick Daily": "The Tarrow bridge is shut. Mayor Edwina Calloway ordered it closed on Tuesday when "
    "inspectors reported cracked piers, and the council engineer Rufus Okonjo said repairs could take weeks.",
    "Harrowgate Herald": "Edwina Calloway, the mayor, shut the Tarrow bridge to all traffic on Tuesday. "
    "Commuters face a detour of twelve miles, Calloway said.",
}


@pytest.fixture
def shared() -> Path:
    """The ../shared folder (seeds and datasets); tests that need it skip without it."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"needs the shared data folder, not found at {SHARED}")
    return SHARED


@pytest.fixture
def seeds(shared: Path) -> Path:
    return shared / "seeds"
