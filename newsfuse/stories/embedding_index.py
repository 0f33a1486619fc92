"""Nearest hot stories by sentence embedding: the second source of candidate stories.

The lexical hot index (:mod:`newsfuse.stories.index`) finds the stories that share an article's
rare words; a report that tells the same event in other words ("ends his campaign" / "drops out of
the race") shares few of them and may not find its story there. This index holds one row per hot
story, the unit mean of its members' embeddings (:mod:`newsfuse.analysis.embed`), in one float32
matrix, and returns the stories whose rows have the highest cosine with the article's embedding.

It holds only the hot stories (the clusterer removes a story when it leaves the lexical hot index),
so a look-up is one matrix-vector product over a bounded number of rows (a few thousand at 1,000
articles a day: ~0.1 ms), however many stories the store holds. Freed rows are reused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["EmbeddingIndex"]

_FIRST_ROWS = 256


class EmbeddingIndex:
    """Rows of story centroids (unit vectors) by story id; cosine look-up of the nearest."""

    def __init__(self, dimensions: int) -> None:
        import numpy as np

        self._mat = np.zeros((_FIRST_ROWS, dimensions), dtype=np.float32)
        self._row: dict[str, int] = {}
        self._sid: list[str | None] = [None] * _FIRST_ROWS
        self._free: list[int] = list(range(_FIRST_ROWS - 1, -1, -1))
        self._used = 0  # rows [0, _used) have been handed out at least once

    def __len__(self) -> int:
        return len(self._row)

    def set(self, story_id: str, centroid: np.ndarray) -> None:
        """Put (or replace) the story's row: ``centroid`` is its members' summed embeddings."""
        import numpy as np

        row = self._row.get(story_id)
        if row is None:
            if not self._free:
                old = self._mat.shape[0]
                self._mat = np.vstack([self._mat, np.zeros_like(self._mat)])
                self._sid += [None] * old
                self._free = list(range(2 * old - 1, old - 1, -1))
            row = self._free.pop()
            self._row[story_id] = row
            self._sid[row] = story_id
            self._used = max(self._used, row + 1)
        norm = float(np.linalg.norm(centroid))
        self._mat[row] = centroid / norm if norm else 0.0

    def remove(self, story_id: str) -> None:
        row = self._row.pop(story_id, None)
        if row is not None:
            self._mat[row] = 0.0
            self._sid[row] = None
            self._free.append(row)

    def nearest(self, vector: np.ndarray, limit: int, floor: float) -> list[tuple[str, float]]:
        """Up to ``limit`` (story id, cosine) with cosine >= ``floor``, best first (ties: lower row)."""
        import numpy as np

        if not self._row or limit <= 0:
            return []
        sims = self._mat[: self._used] @ vector
        k = min(limit, sims.shape[0])
        top = np.argpartition(-sims, k - 1)[:k] if k < sims.shape[0] else np.arange(sims.shape[0])
        out = []
        for row in sorted(top.tolist(), key=lambda r: (-float(sims[r]), r)):
            sid = self._sid[row]
            if sid is not None and sims[row] >= floor:
                out.append((sid, float(sims[row])))
        return out
