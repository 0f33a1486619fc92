"""What every human-readable rendering of a brief shares: source numbers, titles, labels.

Sources are numbered by their place in ``brief.articles`` (1, 2, ...), so the Markdown ``[2]`` and
the terminal's ``[2]`` point at the same article.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from newsfuse.brief.editorial import is_misquote, untitled_heading
from newsfuse.model import (
    Article,
    Brief,
    Disagreement,
    DisagreementKind,
    Entity,
    EntityKind,
    FactMention,
    Quote,
    QuoteCarrier,
    QuoteFlag,
    WordDiff,
)
from newsfuse.render.snippets import value_snippet

__all__ = [
    "lead_warnings",
    "MAX_ENTITIES_PER_KIND",
    "MAX_DIFFS_SHOWN",
    "brief_title",
    "source_numbers",
    "cited_numbers",
    "outlet_list",
    "date_range",
    "overview_line",
    "flag_label",
    "extra_note",
    "shown_flags",
    "shown_quotes",
    "MAX_QUOTES_SHOWN",
    "carrier_note",
    "entity_groups",
    "one_line",
    "quote_text",
    "numbered_outlets",
    "is_misquote",
    "WARNING_SIGN",
    "readable_outlet",
    "CarrierNote",
    "carrier_notes",
    "provenance",
    "SPELLING_KINDS",
    "disagreement_subject",
    "ValueRow",
    "value_rows",
    "MAX_TIMELINE_SHOWN",
    "timeline_date",
    "TimelineRow",
    "timeline_rows",
    "timeline_note",
    "INFERRED_NOTE",
]

#: Entities listed per kind before "and N more": a brief is read in a minute, and past about a
#: dozen names per kind the list stops helping (judged on the example story and the seeds).
MAX_ENTITIES_PER_KIND = 12
#: Quotations shown in the Markdown, HTML and terminal views (the JSON has all of them). They
#: come possible misquotes and most widely carried first (:func:`shown_quotes`), so the cut drops
#: one-outlet scare quotes; the example story has 17 quotes, of which 7 are carried by two or more
#: outlets, and the seeds 18, of which 5.
MAX_QUOTES_SHOWN = 10
#: Word differences spelled out per carrier before "and N more changes".
MAX_DIFFS_SHOWN = 3

_FLAG_LABELS = {
    QuoteFlag.POSSIBLE_MISQUOTE: "possible misquote",
    QuoteFlag.EXCERPT: "excerpt",
    QuoteFlag.UNATTRIBUTED: "no speaker named",
    QuoteFlag.SINGLE_OUTLET: "one outlet",
}
# Flags every rendering already makes plain without a label: a missing speaker reads "unnamed",
# the carriers list shows a single outlet, and each shortened wording gets its own note.
_SELF_EVIDENT_FLAGS = frozenset({QuoteFlag.UNATTRIBUTED, QuoteFlag.SINGLE_OUTLET, QuoteFlag.EXCERPT})
#: Flags shown with the warning sign.
_WARNING_FLAGS = frozenset({QuoteFlag.POSSIBLE_MISQUOTE})
_KIND_LABELS = {EntityKind.PERSON: "People", EntityKind.ORGANISATION: "Organisations", EntityKind.PLACE: "Places"}
#: Marks a possible misquote in every view, so it stands out without colour too (a pipe, a file).
WARNING_SIGN = "⚠"
_DIFF_OPS = frozenset({"replace", "delete", "insert"})
#: Disagreement kinds about how a name is written: their values are the spellings themselves, so
#: the views list the variants with their sources and no wording.
SPELLING_KINDS = frozenset({DisagreementKind.SPELLING})
_SPACE = re.compile(r"\s+")
_FILE_STEM = re.compile(r"[\w.-]+")
_ID_LIKE = re.compile(r"\d{3,}|[0-9a-f]{8,}", re.IGNORECASE)


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks included) made one space."""
    return _SPACE.sub(" ", text).strip()


def quote_text(text: str) -> str:
    """A quotation for display: on one line, without the comma that hands over to "she said"."""
    return one_line(text).rstrip(",;: ")


def brief_title(brief: Brief) -> str:
    """The brief's headline (chosen in ``brief/``: the outlets' consensus headline); without one,
    the names most outlets carry (``editorial.names_title``), else the story id, or "News brief"."""
    if brief.headline:
        return one_line(brief.headline)
    names = untitled_heading(brief)
    if names:
        return names
    return f"Brief: {brief.id}" if brief.id else "News brief"


def source_numbers(brief: Brief) -> dict[str, int]:
    """Article id -> its source number (1-based, in the order of ``brief.articles``)."""
    return {a.id: i for i, a in enumerate(brief.articles, start=1)}


def cited_numbers(article_ids: Iterable[str], numbers: dict[str, int]) -> list[int]:
    """The distinct source numbers of ``article_ids``, ascending (unknown ids are skipped)."""
    return sorted({numbers[a] for a in article_ids if a in numbers})


def outlet_list(names: Iterable[str]) -> str:
    """``"A, B and C"`` from distinct names in first-seen order."""
    seen = list(dict.fromkeys(n for n in names if n))
    if len(seen) <= 1:
        return "".join(seen)
    return ", ".join(seen[:-1]) + " and " + seen[-1]


def _day(d: _dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def date_range(articles: Iterable[Article]) -> str:
    """``"9 March 2026"`` or ``"9–10 March 2026"`` over the dated articles; ``""`` when none is dated."""
    dates = sorted(a.date for a in articles if a.date is not None)
    if not dates:
        return ""
    first, last = dates[0], dates[-1]
    if first == last:
        return _day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    return f"{_day(first)} – {_day(last)}"


def lead_warnings(brief: Brief) -> list[str]:
    """Warnings a reader must see before the brief, not after it: that the articles look like
    several stories (:mod:`newsfuse.stories.mixed`). They stay in the problems list too."""
    from newsfuse.stories.mixed import MIXED_ORIGIN

    return [p.message for p in brief.problems if not p.fatal and p.origin == MIXED_ORIGIN]


def overview_line(brief: Brief) -> str:
    """``"5 articles from A, B and C · 9–10 March 2026"``; ``"5 articles · 12 April 2022"`` when
    the outlets are known only by numbered file names."""
    n = len(brief.articles)
    parts = [f"{n} article{'s' if n != 1 else ''}"]
    names = list(dict.fromkeys(a.outlet for a in brief.articles if a.outlet))
    shown = [name for name in names if readable_outlet(name)]
    others = len(names) - len(shown)
    if others and shown:
        shown.append(f"{others} other{'s' if others > 1 else ''}")
    outlets = outlet_list(shown)  # outlets known only by numbered file names are left to the legend
    if outlets:
        parts[0] += f" from {outlets}"
    when = date_range(brief.articles)
    if when:
        parts.append(when)
    return " · ".join(parts)


def numbered_outlets(brief: Brief, article_ids: Iterable[str]) -> list[tuple[int, str]]:
    """``[(number, outlet), ...]`` for ``article_ids``, one per article, in source-number order."""
    numbers = source_numbers(brief)
    outlets = {a.id: a.outlet for a in brief.articles}
    return [(n, outlets[a]) for n, a in sorted({(numbers[a], a) for a in article_ids if a in numbers})]


def shown_flags(quote: Quote) -> list[tuple[str, bool]]:
    """``(label, warn)`` for each of ``quote``'s flags the rendering does not already show: the
    reader's words for it and whether it gets the warning sign."""
    return [(flag_label(f), f in _WARNING_FLAGS) for f in quote.flags if f not in _SELF_EVIDENT_FLAGS]


def shown_quotes(quotes: Sequence[Quote], limit: int) -> tuple[list[Quote], int]:
    """The first ``limit`` quotes (the brief ranks them, ``brief.editorial.rank_quotes``) and how
    many are left out."""
    return list(quotes[:limit]), max(0, len(quotes) - limit)


def extra_note(d: Disagreement) -> str:
    """``d.note`` unless it only recaps the values and who gives them, which the views show anyway."""
    note = one_line(d.note)
    if note and all(value in note for value, _ in d.values):
        return ""
    return note


def disagreement_subject(d: Disagreement) -> str:
    """What ``d`` is about, for a reader: ``"people injured"`` for the subject
    ``"people injured: count"`` (the values show it is a count); other subjects as they are."""
    subject = one_line(d.subject)
    suffix = f": {d.kind}"
    if d.kind == DisagreementKind.COUNT and subject.endswith(suffix) and len(subject) > len(suffix):
        return subject[: -len(suffix)]
    return subject


@dataclass(frozen=True)
class ValueRow:
    """One value of a disagreement: the sources that give it and one short wording."""

    value: str
    numbers: tuple[int, ...]
    snippet: str  # "" for a spelling (the value is the wording)
    outlets: tuple[str, ...]  # the outlets of ``numbers``, in the same order


def value_rows(brief: Brief, d: Disagreement) -> list[ValueRow]:
    """The values of ``d``, each with its sources and the words around it in the first outlet
    that gives it."""
    numbers = source_numbers(brief)
    outlets = {a.id: a.outlet for a in brief.articles}
    rows = []
    for value, mentions in d.values:
        cited = tuple(cited_numbers((m.article for m in mentions), numbers))
        by_number = {numbers[m.article]: outlets[m.article] for m in mentions if m.article in numbers}
        snippet = "" if d.kind in SPELLING_KINDS else _first_snippet(mentions)
        rows.append(ValueRow(one_line(value), cited, snippet, tuple(by_number[n] for n in cited)))
    return rows


def _first_snippet(mentions: Sequence[FactMention]) -> str:
    for m in mentions:
        snippet = value_snippet(m.text, m.wording or m.value)
        if snippet:
            return snippet
    return ""


def flag_label(flag: QuoteFlag | str) -> str:
    """A reader's word for a quote flag (unknown flags are shown with spaces for underscores)."""
    return _FLAG_LABELS.get(flag, flag.replace("_", " "))


def _diff_phrases(diffs: Sequence[WordDiff]) -> list[str]:
    """``“were” for “we”`` per replaced word run; words left out, and words added, each in one
    phrase (``leaves out “ever”, “exactly”``)."""
    replaced = [f"“{one_line(d.here)}” for “{one_line(d.fullest)}”" for d in diffs if d.op == "replace"]
    left_out = [f"“{one_line(d.fullest)}”" for d in diffs if d.op == "delete"]
    added = [f"“{one_line(d.here)}”" for d in diffs if d.op == "insert"]
    other = [f"{d.op}: “{one_line(d.fullest)}” / “{one_line(d.here)}”" for d in diffs if d.op not in _DIFF_OPS]
    phrases = replaced[:]
    if left_out:
        phrases.append("leaves out " + ", ".join(left_out))
    if added:
        phrases.append("adds " + ", ".join(added))
    return phrases + other


def readable_outlet(outlet: str) -> bool:
    """False for an outlet known only by a file name that reads as a number or hash
    ("004_d4e16f04220dfac3", "story-20260310"): the source number alone says more than such a
    name. "Channel4" and "harbour_gazette" stay."""
    return not (_FILE_STEM.fullmatch(outlet) and _ID_LIKE.search(outlet))


def carrier_note(quote: Quote, carrier: QuoteCarrier) -> str:
    """How one outlet's wording differs from the fullest, in a few words (``“were” for “we”``,
    ``quotes part``); ``""`` when it is the same words."""
    shown = carrier.diff[:MAX_DIFFS_SHOWN]
    phrases = _diff_phrases(shown)
    extra = len(carrier.diff) - len(shown)
    if extra > 0:
        phrases.append(f"and {extra} more change{'s' if extra > 1 else ''}")
    # words the carrier would have if it quoted all of it with these changes: fewer means an excerpt
    expected = len(one_line(quote.text).split())
    expected += sum(len(d.here.split()) - len(d.fullest.split()) for d in carrier.diff)
    if len(one_line(carrier.text).split()) < expected:
        phrases.insert(0, "quotes part")
    return "; ".join(phrases)


@dataclass(frozen=True)
class CarrierNote:
    """One kind of difference from the fullest wording and the sources that make it."""

    numbers: tuple[int, ...]  # source numbers, ascending
    text: str  # "“were” for “we”", "quotes part", "quotes part; leaves out “that”"
    warn: bool  # words were changed inside a quote flagged as a possible misquote


def carrier_notes(brief: Brief, quote: Quote) -> list[CarrierNote]:
    """The differing wordings of ``quote``: one note per kind of difference, each with every
    source that makes it, changed words (the possible misquotes) first."""
    numbers = source_numbers(brief)
    grouped: dict[tuple[str, bool], set[int]] = {}
    for c in quote.carried_by:
        note = carrier_note(quote, c)
        if note:
            warn = bool(c.diff) and is_misquote(quote)
            grouped.setdefault((note, warn), set()).update(cited_numbers([c.article], numbers))
    notes = [CarrierNote(tuple(sorted(ns)), note, warn) for (note, warn), ns in grouped.items()]
    return sorted(notes, key=lambda n: (not n.warn, n.numbers))


def provenance(brief: Brief, quote: Quote) -> list[tuple[str, int, str]]:
    """``[(phrase, source number, outlet), ...]``: whose version is the fullest (when the wordings
    differ) and who published it first, for a quote two or more sources carry; the views write
    each as "phrase outlet [n]" ("fullest in Daily Courier [1]", "first published by ...")."""
    numbers = source_numbers(brief)
    outlets = {a.id: a.outlet for a in brief.articles}
    if len({c.article for c in quote.carried_by}) < 2:
        return []
    differ = any(carrier_note(quote, c) for c in quote.carried_by)
    fullest = quote.fullest if differ and quote.fullest in numbers else None
    first = quote.first_published if quote.first_published in numbers else None
    if fullest is not None and fullest == first:
        return [("fullest and first published in", numbers[fullest], outlets[fullest])]
    out = []
    if fullest is not None:
        out.append(("fullest in", numbers[fullest], outlets[fullest]))
    if first is not None:
        out.append(("first published by", numbers[first], outlets[first]))
    return out


def entity_groups(entities: Iterable[Entity]) -> list[tuple[str, list[Entity]]]:
    """Entities grouped as ``[("People", [...]), ("Organisations", [...]), ("Places", [...]), ...]``,
    each group with the entities most outlets name first."""
    groups: dict[str, list[Entity]] = {}
    for e in entities:
        groups.setdefault(e.kind, []).append(e)
    order = list(_KIND_LABELS) + sorted(k for k in groups if k not in _KIND_LABELS)
    out = []
    for kind in order:
        members = groups.get(kind)
        if members:
            members = sorted(members, key=lambda e: (-len(set(e.outlets)), -len(e.mentions), e.name))
            out.append((_KIND_LABELS.get(kind, kind.capitalize()), members))
    return out


#: Summary sentences per paragraph in every reading view: three keeps paragraphs short enough to
#: scan with their citations, without a wall of one-line bullets.
SENTENCES_PER_PARAGRAPH = 3

_T = TypeVar("_T")


def paragraphs(items: Sequence[_T]) -> list[Sequence[_T]]:
    """``items`` cut into runs of :data:`SENTENCES_PER_PARAGRAPH` (the summary's paragraphs)."""
    return [items[i : i + SENTENCES_PER_PARAGRAPH] for i in range(0, len(items), SENTENCES_PER_PARAGRAPH)]


# --- timeline (issue 9) ----------------------------------------------------------------------

#: Events listed in the Markdown, HTML and terminal views (the JSON has all of them): a story's
#: timeline past about twenty dates is background, and the seeds and the example have under 20.
MAX_TIMELINE_SHOWN = 20

_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})$")


def timeline_date(date: str, time: str = "") -> str:
    """A timeline date for a reader: "2008", "January 2008", "week of 4 April 2022",
    "Mon 11 April 2022", "Mon 11 April 2022, 16:00"; ``time`` (a part of the day) is added."""
    day, _, clock = date.partition("T")
    week = _ISO_WEEK.match(day)
    try:
        if week:
            monday = _dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
            label = f"week of {_day(monday)}"
        elif len(day) == 4:
            label = day
        elif len(day) == 7:
            label = f"{_dt.date.fromisoformat(day + '-01'):%B %Y}"
        else:
            d = _dt.date.fromisoformat(day)
            label = f"{d:%a} {_day(d)}"
    except ValueError:
        label = date
    for extra in (clock, time):
        if extra:
            label += f", {extra}"
    return label


@dataclass(frozen=True)
class TimelineRow:
    """One timeline event for a view: its date, its statement, its sources and notes."""

    when: str
    text: str
    numbers: tuple[int, ...]
    outlets: tuple[str, ...]  # the outlets of ``numbers``, in the same order
    inferred: bool  # the date was read against the story's date (no dated article gives it)
    alternatives: tuple[tuple[str, tuple[int, ...]], ...]  # other dates given, with their sources


#: The note on an event whose date no dated article gives.
INFERRED_NOTE = "date inferred from the story's date"


def timeline_note(row: TimelineRow) -> str:
    """The row's notes as one plain line: "date inferred from the story's date; also given as
    2009 [3]"; "" when none."""
    notes = [INFERRED_NOTE] if row.inferred else []
    notes += [f"also given as {when} " + "".join(f"[{n}]" for n in numbers) for when, numbers in row.alternatives]
    return "; ".join(n.strip() for n in notes)


def timeline_rows(brief: Brief, limit: int = MAX_TIMELINE_SHOWN) -> tuple[list[TimelineRow], int]:
    """The first ``limit`` events of ``brief.timeline`` as rows, and how many are left out."""
    numbers = source_numbers(brief)
    outlets = {a.id: a.outlet for a in brief.articles}
    rows = []
    for event in brief.timeline[:limit]:
        cited = tuple(cited_numbers((s.article for s in event.sources), numbers))
        by_number = {numbers[s.article]: outlets[s.article] for s in event.sources if s.article in numbers}
        alternatives = tuple(
            (timeline_date(alt), tuple(cited_numbers((s.article for s in event.sources if s.value == alt), numbers)))
            for alt in event.alternatives
        )
        rows.append(
            TimelineRow(
                when=timeline_date(event.date, event.time),
                text=one_line(event.text),
                numbers=cited,
                outlets=tuple(by_number[n] for n in cited),
                inferred=event.inferred,
                alternatives=alternatives,
            )
        )
    return rows, max(0, len(brief.timeline) - limit)
