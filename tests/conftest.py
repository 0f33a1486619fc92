"""Shared test helpers: where the real data lives, and skipping cleanly without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = Path(os.environ.get("NEWSFUSE_SHARED", REPO.parent / "shared"))


@pytest.fixture
def shared() -> Path:
    """The ../shared folder (seeds and datasets); tests that need it skip without it."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"needs the shared data folder, not found at {SHARED}")
    return SHARED


@pytest.fixture
def seeds(shared: Path) -> Path:
    return shared / "seeds"
