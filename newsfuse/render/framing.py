"""What every human-readable rendering shows of "How each outlet frames it" (brief.framing).

One :class:`FramingBlock` per outlet: a line on how much loaded wording it uses of its own, its
loaded words with a few words around each (the span in its article) and what the other outlets
wrote instead, then the loaded words inside the quotations it carries, with their speakers
(the speakers' words, not the outlet's). The renderers only lay these out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.model import Brief, FramingItem, FramingKind, OutletFraming, Ref
from newsfuse.render.common import one_line, source_numbers

__all__ = [
    "MAX_FRAMING_SHOWN",
    "MAX_QUOTED_SHOWN",
    "CONTEXT_WORDS",
    "FRAMING_TITLE",
    "FramingLine",
    "FramingBlock",
    "framing_blocks",
    "framing_kind_label",
]

FRAMING_TITLE = "How each outlet frames it"

#: Loaded words listed per outlet (labels, disease names and scare quotes first); the JSON has all.
MAX_FRAMING_SHOWN = 8
#: Loaded words inside quotations listed per outlet.
MAX_QUOTED_SHOWN = 6
#: Words shown on each side of a loaded word, so that the reader sees it in its sentence.
CONTEXT_WORDS = 4

_LABELS = {
    FramingKind.LABEL: "loaded label",
    FramingKind.ADJECTIVE: "loaded adjective",
    FramingKind.VERB: "loaded verb",
    FramingKind.ADVERB: "loaded adverb",
    FramingKind.NOUN: "loaded noun",
    FramingKind.SCARE_QUOTE: "scare quotes",
    FramingKind.DISEASE_NAME: "disease named after a people or place",
}
_ORDER = {
    k: i
    for i, k in enumerate(
        (FramingKind.LABEL, FramingKind.DISEASE_NAME, FramingKind.SCARE_QUOTE, FramingKind.ADJECTIVE, FramingKind.VERB)
    )
}
_WORDS = re.compile(r"\S+")


def framing_kind_label(kind: str) -> str:
    """The reader's words for a :class:`FramingKind`."""
    return _LABELS.get(FramingKind(kind), str(kind))


@dataclass(frozen=True)
class FramingLine:
    """One loaded word: its kind, its words, a few words around it, its source number, and
    ``(outlet, source number, wording, span)`` for each other outlet's words for the same thing;
    ``ref`` is the loaded span itself."""

    kind: str
    text: str
    before: str
    after: str
    number: int
    alternatives: tuple[tuple[str, int, str, Ref], ...]
    ref: Ref


@dataclass(frozen=True)
class FramingBlock:
    outlet: str
    articles: tuple[str, ...]
    numbers: tuple[int, ...]
    overview: str
    lines: tuple[FramingLine, ...]
    more: int  # loaded words not listed
    quoted: tuple[tuple[str, str | None], ...]  # (words, speaker) inside quotations, each once
    headline: tuple[str, ...] = ()  # loaded headline words its body never uses


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = _WORDS.findall(text[max(0, start - 80) : start])[-CONTEXT_WORDS:]
    after = _WORDS.findall(text[end : end + 80])[:CONTEXT_WORDS]
    lead = one_line(" ".join(before)) + (" " if before and text[start - 1 : start].isspace() else "")
    tail = (" " if after and text[end : end + 1].isspace() else "") + one_line(" ".join(after))
    return lead, tail


def _overview(f: OutletFraming) -> str:
    n = len(f.items)
    head = f"{n} loaded word{'s' if n != 1 else ''} of its own" if n else "no loaded words of its own"
    if n:
        head += f" ({f.rate:.1f} per 1,000 words)"
    if f.shared:
        head += f"; {f.shared} more that most outlets use too"
    return head


def framing_blocks(brief: Brief) -> list[FramingBlock]:
    """The framing section's blocks, outlets in the brief's order; [] when nothing was read."""
    if not brief.framing or not any(f.items or f.quoted or f.headline for f in brief.framing):
        return []
    numbers = source_numbers(brief)
    texts = {a.id: a.text for a in brief.articles}
    blocks = []
    for f in brief.framing:
        ordered: list[FramingItem] = sorted(f.items, key=lambda i: (_ORDER.get(i.kind, len(_ORDER)), i.ref.start))
        lines = []
        for item in ordered[:MAX_FRAMING_SHOWN]:
            before, after = _context(texts.get(item.ref.article, ""), item.ref.start, item.ref.end)
            alternatives = tuple(
                (outlet, numbers.get(ref.article, 0), one_line(ref.text), ref) for outlet, ref in item.alternatives
            )
            lines.append(
                FramingLine(
                    framing_kind_label(item.kind),
                    one_line(item.ref.text),
                    before,
                    after,
                    numbers.get(item.ref.article, 0),
                    alternatives,
                    item.ref,
                )
            )
        quoted = tuple(dict.fromkeys((one_line(i.ref.text).lower(), i.speaker) for i in f.quoted))
        blocks.append(
            FramingBlock(
                outlet=f.outlet,
                articles=f.articles,
                numbers=tuple(sorted(numbers[a] for a in f.articles if a in numbers)),
                overview=_overview(f),
                lines=tuple(lines),
                more=max(0, len(ordered) - MAX_FRAMING_SHOWN),
                quoted=quoted[:MAX_QUOTED_SHOWN],
                headline=f.headline,
            )
        )
    return blocks
