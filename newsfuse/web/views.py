"""What the web pages show, as plain data for the templates: built from a Brief with the shared
rendering helpers (:mod:`newsfuse.render.common`), so the page says what the other views say.

The templates only lay these out (and jinja2 escapes every string). Citation marks link to the
article page at the cited span: ``/article/ID#s-START-END``; the article page gives that span the
element id ``s-START-END``, so ``:target`` highlights exactly the cited characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from newsfuse.brief.editorial import warning_counts
from newsfuse.model import Article, Brief, Quote, QuoteCarrier, Ref
from newsfuse.render.common import (
    MAX_ENTITIES_PER_KIND,
    MAX_QUOTES_SHOWN,
    SPELLING_KINDS,
    brief_title,
    carrier_note,
    disagreement_subject,
    entity_groups,
    extra_note,
    is_misquote,
    one_line,
    overview_line,
    paragraphs,
    provenance,
    quote_text,
    readable_outlet,
    shown_flags,
    shown_quotes,
    source_numbers,
    timeline_note,
    timeline_rows,
    value_rows,
)
from newsfuse.render.copy_notes import copy_rows, group_rows, independence_note
from newsfuse.render.snippets import shorten_url

__all__ = [
    "Cite",
    "TimelineView",
    "ArticleNode",
    "article_href",
    "span_id",
    "story_view",
    "article_nodes",
    "has_warning",
    "URL_CHARS",
    "CopyView",
]

#: Characters of a source's address shown (the link holds all of it), as in the HTML rendering.
URL_CHARS = 70

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def span_id(start: int, end: int) -> str:
    """The element id of the span ``[start, end)`` on its article page."""
    return f"s-{start}-{end}"


def article_href(article_id: str, start: int | None = None, end: int | None = None) -> str:
    """The article page's address, at a span when given."""
    href = "/article/" + quote(article_id, safe="")
    return href if start is None or end is None else f"{href}#{span_id(start, end)}"


@dataclass(frozen=True)
class Cite:
    """One citation mark: the source number, where it leads, and that outlet's own words."""

    number: int
    href: str
    outlet: str
    words: str


def _cites(brief: Brief, numbers: dict[str, int], refs: Iterable[tuple[str, int, int, str]]) -> list[Cite]:
    """One mark per article (its first span), in source-number order."""
    outlets = {a.id: a.outlet for a in brief.articles}
    marks: dict[int, Cite] = {}
    for article, start, end, text in refs:
        n = numbers.get(article)
        if n is not None and n not in marks:
            marks[n] = Cite(n, article_href(article, start, end), outlets[article], one_line(text))
    return [marks[n] for n in sorted(marks)]


@dataclass(frozen=True)
class Wording:
    """One wording of a quote and the outlets that print it, cut into pieces; ``changed`` pieces
    are the words that differ from the fullest wording."""

    cites: list[Cite]
    pieces: tuple[tuple[str, bool], ...]
    note: str
    warn: bool


def _marked(carrier: QuoteCarrier) -> tuple[tuple[str, bool], ...]:
    """The carrier's wording with the words it changed or added (against the fullest) marked."""
    text = one_line(carrier.text)
    changed = [w.casefold() for d in carrier.diff for w in _WORD.findall(d.here)]
    if not changed:
        return ((text, False),)
    pieces: list[tuple[str, bool]] = []
    at = 0
    for m in _WORD.finditer(text):
        if changed and m.group().casefold() == changed[0]:
            changed.pop(0)
            if m.start() > at:
                pieces.append((text[at : m.start()], False))
            pieces.append((m.group(), True))
            at = m.end()
    pieces.append((text[at:], False))
    return tuple(p for p in pieces if p[0])


@dataclass(frozen=True)
class QuoteView:
    speaker: str
    role: str
    cites: list[Cite]
    flags: list[tuple[str, bool]]  # (label, warn)
    misquote: bool
    text: str
    wordings: list[Wording]
    provenance: list[tuple[str, int, str]]


def _quote(brief: Brief, numbers: dict[str, int], q: Quote) -> QuoteView:
    outlets = {a.id: a.outlet for a in brief.articles}
    groups: dict[tuple[str, str], list[QuoteCarrier]] = {}  # (wording, note) -> the carriers printing it
    seen = set()
    for c in sorted(q.carried_by, key=lambda c: numbers.get(c.article, 0)):
        if c.article in seen or c.article not in numbers:
            continue
        seen.add(c.article)
        groups.setdefault((quote_text(c.text).casefold(), carrier_note(q, c)), []).append(c)
    wordings = []
    for (_, note), carriers in groups.items():
        first = carriers[0]
        cites = [
            Cite(numbers[c.article], article_href(c.article, c.start, c.end), outlets[c.article], quote_text(c.text))
            for c in carriers
        ]
        wordings.append(Wording(cites, _marked(first), note, bool(first.diff) and is_misquote(q)))
    wordings.sort(key=lambda w: (not w.warn, not w.note, w.cites[0].number))
    return QuoteView(
        speaker=one_line(q.speaker or ""),
        role=one_line(q.role or ""),
        cites=_cites(brief, numbers, ((c.article, c.start, c.end, quote_text(c.text)) for c in q.carried_by)),
        flags=shown_flags(q),
        misquote=is_misquote(q),
        text=quote_text(q.text),
        wordings=wordings,
        provenance=provenance(brief, q),
    )


@dataclass(frozen=True)
class ValueView:
    value: str
    cites: list[Cite]
    snippet: str


@dataclass(frozen=True)
class DifferView:
    subject: str
    kind: str
    note: str
    spelling: bool
    values: list[ValueView]


@dataclass(frozen=True)
class SourceView:
    number: int
    article: Article
    href: str
    url: str  # an http(s) address to link to, else ""
    url_text: str
    readable: bool


@dataclass(frozen=True)
class FramingLineView:
    """One loaded word in its context (a link to it in its article) and what the others wrote."""

    kind: str
    before: str
    text: str
    after: str
    cite: Cite | None
    alternatives: list[tuple[str, Cite]]  # (their words, where)


@dataclass(frozen=True)
class FramingView:
    """How one outlet frames it (:mod:`newsfuse.render.framing`)."""

    outlet: str
    readable: bool
    cites: list[Cite]
    overview: str
    lines: list[FramingLineView]
    more: int
    quoted: list[tuple[str, str | None]]
    headline: list[str] = field(default_factory=list)


def _framing(brief: Brief, numbers: dict[str, int]) -> list[FramingView]:
    from newsfuse.render.framing import framing_blocks

    def mark(ref: Ref) -> Cite | None:
        marks = _cites(brief, numbers, [(ref.article, ref.start, ref.end, ref.text)])
        return marks[0] if marks else None

    out = []
    for b in framing_blocks(brief):
        lines = []
        for line in b.lines:
            alternatives = [(words, c) for _, _, words, ref in line.alternatives if (c := mark(ref)) is not None]
            lines.append(FramingLineView(line.kind, line.before, line.text, line.after, mark(line.ref), alternatives))
        outlets = {a.id: a.outlet for a in brief.articles}
        cites = [Cite(numbers[a], article_href(a), outlets[a], "") for a in b.articles if a in numbers]
        out.append(
            FramingView(
                b.outlet, readable_outlet(b.outlet), cites, b.overview, lines, b.more, list(b.quoted), list(b.headline)
            )
        )
    return out


@dataclass(frozen=True)
class TimelineView:
    """One event of the timeline: its date for a reader and in ISO, what happened, its sources."""

    when: str
    date: str
    head: str  # the statement but its last word
    last: str
    cites: list[Cite]
    note: str
    inferred: bool


def _timeline(brief: Brief, numbers: dict[str, int]) -> tuple[list[TimelineView], int]:
    rows, left_out = timeline_rows(brief)
    views = [
        TimelineView(
            row.when,
            event.date,
            *_last_word(row.text),
            _cites(brief, numbers, ((m.article, m.start, m.end, m.text) for m in event.sources)),
            timeline_note(row),
            row.inferred,
        )
        for row, event in zip(rows, brief.timeline, strict=False)
    ]
    return views, left_out


@dataclass
class StoryView:
    """Everything the story page shows."""

    id: str
    title: str
    overview: str
    summary: list[list[tuple[str, str, list[Cite]]]]  # (text before the last word, last word, marks)
    quotes: list[QuoteView]
    quotes_left_out: int
    differ: list[DifferView]
    entities: list[tuple[str, list[tuple[str, list[str]]], int]]
    sources: list[SourceView]
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    framing: list[FramingView] = field(default_factory=list)
    timeline: list[TimelineView] = field(default_factory=list)  # issue 9
    timeline_left_out: int = 0
    copy: CopyView | None = None  # shared copy (brief/shared_copy.py); None when no pair shares copy
    # summary sentence (as shown, on one line) -> "3 outlets, 2 independent" when some of its
    # outlets carry it as copy of one another
    copy_notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CopyOutlet:
    number: int
    outlet: str
    href: str
    share: float | None = None


@dataclass(frozen=True)
class CopyPairView:
    a: CopyOutlet
    b: CopyOutlet
    source: int | None
    reason: str
    passages: list[tuple[str, bool]]  # (shortened text, a quotation both carry)
    more_passages: int


@dataclass(frozen=True)
class CopyView:
    """The story page's "Shared copy" section (templates/_copy.html)."""

    groups: list[tuple[list[CopyOutlet], CopyOutlet | None]]  # (members, likely source)
    pairs: list[CopyPairView]
    left_out: int


def _copy_view(brief: Brief) -> CopyView | None:
    rows, left_out = copy_rows(brief)
    if not rows:
        return None
    ids = {n: a.id for n, a in enumerate(brief.articles, start=1)}

    def outlet(n: int, name: str, share: float | None = None) -> CopyOutlet:
        return CopyOutlet(n, name if readable_outlet(name) else "", article_href(ids[n]), share)

    groups = [
        ([outlet(n, name) for n, name in g.members], outlet(*g.source) if g.source else None) for g in group_rows(brief)
    ]
    pairs = [
        CopyPairView(
            outlet(*row.a),
            outlet(*row.b),
            row.source[0] if row.source else None,
            row.reason,
            list(row.passages),
            row.more_passages,
        )
        for row in rows
    ]
    return CopyView(groups, pairs, left_out)


def _last_word(text: str) -> tuple[str, str]:
    """``text`` as (all but its last word, with the space; the last word): the page keeps the last
    word on one line with the citation marks (a lone "[1][2]" at the start of a line reads as
    belonging to the next sentence)."""
    head, _, last = one_line(text).rpartition(" ")
    return (head + " " if head else "", last)


def has_warning(brief: Brief) -> bool:
    """True when the list should flag the story: a possible misquote or a disagreement."""
    return any(warning_counts(brief))


def story_view(brief: Brief) -> StoryView:
    numbers = source_numbers(brief)
    summary = [
        [
            (
                *_last_word(item.text),
                _cites(brief, numbers, ((r.article, r.start, r.end, r.text) for r in item.sources)),
            )
            for item in run
        ]
        for run in paragraphs(brief.summary)
    ]
    quotes, left_out = shown_quotes(brief.quotes, MAX_QUOTES_SHOWN)
    differ = []
    for d in brief.disagreements:
        values = [
            ValueView(
                row.value, _cites(brief, numbers, ((m.article, m.start, m.end, m.text) for m in mentions)), row.snippet
            )
            for (_, mentions), row in zip(d.values, value_rows(brief, d), strict=True)
        ]
        kind = d.kind if d.kind != "count" and d.kind not in d.subject else ""
        differ.append(DifferView(disagreement_subject(d), kind, extra_note(d), d.kind in SPELLING_KINDS, values))
    entities = []
    for label, members in entity_groups(brief.entities):
        shown = [(one_line(e.name), [one_line(v) for v in e.variants if v != e.name]) for e in members]
        entities.append((label, shown[:MAX_ENTITIES_PER_KIND], max(0, len(members) - MAX_ENTITIES_PER_KIND)))
    sources = []
    for n, a in enumerate(brief.articles, start=1):
        url = one_line(a.url or "")
        web = url if url.lower().startswith(("http://", "https://")) else ""
        sources.append(
            SourceView(n, a, article_href(a.id), web, shorten_url(url, URL_CHARS), readable_outlet(a.outlet))
        )
    timeline, timeline_left_out = _timeline(brief, numbers)  # issue 9
    return StoryView(
        id=brief.id or "",
        title=brief_title(brief),
        overview=overview_line(brief),
        summary=summary,
        quotes=[_quote(brief, numbers, q) for q in quotes],
        quotes_left_out=left_out,
        differ=differ,
        entities=entities,
        sources=sources,
        problems=[("error" if p.fatal else "warning", p.origin, p.message) for p in brief.problems],
        framing=_framing(brief, numbers),
        timeline=timeline,
        timeline_left_out=timeline_left_out,
        copy=_copy_view(brief),
        copy_notes={one_line(item.text): note for item in brief.summary if (note := independence_note(brief, item))},
    )


# --- the article page ---------------------------------------------------------------------------


@dataclass
class ArticleNode:
    """A piece of an article's text: plain ``text`` with CSS ``classes``, or (``id`` set) a
    citation target holding ``children``; a target's text is exactly the cited span."""

    text: str = ""
    classes: str = ""
    id: str = ""
    children: list[ArticleNode] = field(default_factory=list)


def _pieces(text: str, start: int, end: int, marks: Sequence[tuple[int, int, str]]) -> list[ArticleNode]:
    """``text[start:end]`` cut where a marked span (boilerplate, quote, cited) begins or ends."""
    cuts = {start, end}
    for s, e, _ in marks:
        if start < s < end:
            cuts.add(s)
        if start < e < end:
            cuts.add(e)
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        classes = " ".join(sorted({kind for s, e, kind in marks if s <= a and b <= e}))
        out.append(ArticleNode(text=text[a:b], classes=classes))
    return out


def article_nodes(
    article: Article, targets: Iterable[tuple[int, int]], marks: Sequence[tuple[int, int, str]]
) -> list[ArticleNode]:
    """The article's text as nodes: each target span ``(start, end)`` becomes an element with the
    id ``s-START-END`` (nested when one holds another; one that crosses another is left as marks
    only), and the text between is cut by ``marks`` ``(start, end, css class)``."""
    text = article.text
    spans = sorted({(s, e) for s, e in targets if 0 <= s < e <= len(text)}, key=lambda t: (t[0], -t[1]))
    # a forest of nested targets
    roots: list[tuple[int, int, list]] = []
    stack: list[tuple[int, int, list]] = []
    for s, e in spans:
        while stack and stack[-1][1] <= s:
            stack.pop()
        if stack and e > stack[-1][1]:
            continue  # crosses its parent: no element of its own
        node = (s, e, [])
        (stack[-1][2] if stack else roots).append(node)
        stack.append(node)

    def build(start: int, end: int, children: list) -> list[ArticleNode]:
        out: list[ArticleNode] = []
        at = start
        for s, e, grand in children:
            out += _pieces(text, at, s, marks) if s > at else []
            out.append(ArticleNode(id=span_id(s, e), children=build(s, e, grand)))
            at = e
        out += _pieces(text, at, end, marks) if end > at else []
        return out

    return build(0, len(text), roots)
