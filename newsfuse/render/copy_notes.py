"""What every renderer shows of the brief's shared copy, laid out once: the groups of outlets that
are one copy, each pair sharing passages with its shares and likely source, the passages
shortened, and the note a summary item gets when some of its outlets are copies of one another.

The choices (which passages, which source) were made in ``brief/shared_copy.py``; this module
only words them and numbers the sources as the renderers do.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsfuse.model import Brief, CopyPair, CopyReason, SummaryItem
from newsfuse.render.common import one_line, source_numbers

__all__ = [
    "MAX_COPY_PAIRS_SHOWN",
    "MAX_PASSAGES_SHOWN",
    "PASSAGE_WORDS_SHOWN",
    "CopyRow",
    "GroupRow",
    "copy_rows",
    "group_rows",
    "independence_note",
    "shorten_passage",
    "reason_label",
]

#: Pairs listed (the most shared first); the JSON output has them all.
MAX_COPY_PAIRS_SHOWN = 8
#: Passages shown per pair (the outlets' own words first, then shared quotations).
MAX_PASSAGES_SHOWN = 2
#: Words of a passage shown: its first words, "…", and its last few.
PASSAGE_WORDS_SHOWN = 14
_TAIL_WORDS = 4

_REASONS = {
    CopyReason.EARLIER_DATE: "published earlier",
    CopyReason.WIRE_CREDIT: "credits a wire service",
    CopyReason.FULLER_TEXT: "fuller text",
}


def reason_label(reason: CopyReason | str | None) -> str:
    return _REASONS.get(CopyReason(reason), str(reason)) if reason else ""


def shorten_passage(text: str, words: int = PASSAGE_WORDS_SHOWN) -> str:
    """``text`` on one line; past ``words`` words, its first words … its last few."""
    ws = one_line(text).split()
    if len(ws) <= words:
        return " ".join(ws)
    return " ".join(ws[: words - _TAIL_WORDS]) + " … " + " ".join(ws[-_TAIL_WORDS:])


@dataclass(frozen=True)
class GroupRow:
    """A group of outlets that are one copy: (number, outlet) per article, and the likely source."""

    members: tuple[tuple[int, str], ...]
    source: tuple[int, str] | None


@dataclass(frozen=True)
class CopyRow:
    """A pair sharing copy: each side (number, outlet, share), the likely source and why, and
    the passages shown (shortened text, is a quotation), with how many are left out."""

    a: tuple[int, str, float]
    b: tuple[int, str, float]
    source: tuple[int, str] | None
    reason: str
    passages: tuple[tuple[str, bool], ...]
    more_passages: int


def group_rows(brief: Brief) -> list[GroupRow]:
    numbers = source_numbers(brief)
    outlets = {a.id: a.outlet for a in brief.articles}
    rows = []
    for g in brief.copy_groups:
        members = tuple(sorted((numbers[i], outlets[i]) for i in g.articles if i in numbers))
        source = (numbers[g.source], outlets[g.source]) if g.source in numbers else None
        rows.append(GroupRow(members, source))
    return rows


def _row(brief: Brief, p: CopyPair, numbers: dict[str, int], outlets: dict[str, str]) -> CopyRow:
    a = (numbers[p.a], outlets[p.a], p.share_a)
    b = (numbers[p.b], outlets[p.b], p.share_b)
    if b[0] < a[0]:
        a, b = b, a
    source = (numbers[p.likely_source], outlets[p.likely_source]) if p.likely_source in numbers else None
    ordered = sorted(p.passages, key=lambda x: x.quotation)  # the outlets' own words first
    flip = numbers[p.a] > numbers[p.b]  # show the lower-numbered side's words
    shown = tuple((shorten_passage((x.b if flip else x.a).text), x.quotation) for x in ordered[:MAX_PASSAGES_SHOWN])
    return CopyRow(a, b, source, reason_label(p.reason), shown, max(0, len(p.passages) - MAX_PASSAGES_SHOWN))


def copy_rows(brief: Brief) -> tuple[list[CopyRow], int]:
    """The pairs shown (most shared first) and how many are left out."""
    numbers = source_numbers(brief)
    outlets = {a.id: a.outlet for a in brief.articles}
    pairs = [p for p in brief.shared_copy if p.a in numbers and p.b in numbers]
    pairs.sort(key=lambda p: (-max(p.share_a, p.share_b), min(numbers[p.a], numbers[p.b])))
    shown = [_row(brief, p, numbers, outlets) for p in pairs[:MAX_COPY_PAIRS_SHOWN]]
    return shown, max(0, len(pairs) - MAX_COPY_PAIRS_SHOWN)


def independence_note(brief: Brief, item: SummaryItem) -> str:
    """``"3 outlets, 2 independent"`` / ``"4 outlets, all one copy"`` when some of the item's
    outlets carry it as copy of one another; ``""`` otherwise (or when not worked out)."""
    if item.independent is None:
        return ""
    outlets = {a.id: a.outlet for a in brief.articles}
    n = len({outlets.get(r.article, r.article) for r in item.sources})
    if item.independent >= n:
        return ""
    if item.independent <= 1:
        return f"{n} outlets, all one copy"
    return f"{n} outlets, {item.independent} independent"
