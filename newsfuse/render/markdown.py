"""A brief as Markdown: the summary with numbered citations, then who said what, where the outlets
differ, who is named, and what could not be read. A section appears only when it has content."""

from __future__ import annotations

import re

from newsfuse.model import Brief, Disagreement, FactMention, Quote
from newsfuse.render.common import (
    MAX_ENTITIES_PER_KIND,
    MAX_QUOTES_SHOWN,
    brief_title,
    carrier_note,
    cited_numbers,
    entity_groups,
    extra_note,
    numbered_outlets,
    one_line,
    overview_line,
    quote_text,
    shown_flags,
    shown_quotes,
    source_numbers,
)

__all__ = ["brief_to_markdown", "SENTENCES_PER_PARAGRAPH"]

#: Summary sentences per paragraph: three keeps paragraphs short enough to scan with their
#: citations, without a wall of one-line bullets.
SENTENCES_PER_PARAGRAPH = 3

_SPACE = re.compile(r"\s+")
# Characters that start inline markup; "_" only where it could open or close emphasis (not
# inside a word such as a file stem "harbour_gazette", which CommonMark leaves alone).
_SPECIAL = re.compile(r"([\\`*\[\]<>|]|(?<!\w)_|_(?!\w))")


def md_escape(text: str) -> str:
    """``text`` on one line, with Markdown's inline markup characters escaped."""
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text))


def _cite(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def brief_to_markdown(brief: Brief) -> str:
    """The brief as a Markdown document (ends with a newline)."""
    numbers = source_numbers(brief)
    blocks = [f"# {md_escape(brief_title(brief))}", f"*{md_escape(overview_line(brief))}*"]
    blocks += _summary(brief, numbers)
    for section in (_quotes, _disagreements, _entities, _problems):
        blocks += section(brief)
    if brief.articles:
        blocks += _sources(brief)
    return "\n\n".join(blocks) + "\n"


def _summary(brief: Brief, numbers: dict[str, int]) -> list[str]:
    if not brief.summary:
        return []
    sentences = []
    for item in brief.summary:
        cited = cited_numbers((r.article for r in item.sources), numbers)
        sentences.append(f"{md_escape(one_line(item.text))} {_cite(cited)}".rstrip())
    paragraphs = [
        " ".join(sentences[i : i + SENTENCES_PER_PARAGRAPH]) for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)
    ]
    return ["## Summary", *paragraphs]


def _carried_by(brief: Brief, article_ids: list[str]) -> str:
    return ", ".join(f"{md_escape(outlet)} [{n}]" for n, outlet in numbered_outlets(brief, article_ids))


def _quote_block(brief: Brief, q: Quote) -> str:
    speaker = f"**{md_escape(q.speaker)}**" if q.speaker else "*Unnamed speaker*"
    if q.role:
        speaker += f" ({md_escape(q.role)})"
    lines = [f"- {speaker}: “{md_escape(quote_text(q.text))}”"]
    lines.append(f"  - carried by {_carried_by(brief, [c.article for c in q.carried_by])}")
    flags = shown_flags(q)
    if flags:
        lines.append("  - flagged: " + ", ".join(flags))
    numbers = source_numbers(brief)
    for c in q.carried_by:
        note = carrier_note(q, c)
        if note:
            cite = f" [{numbers[c.article]}]" if c.article in numbers else ""
            lines.append(f"  - {md_escape(c.outlet)}{cite} {md_escape(note)}: “{md_escape(quote_text(c.text))}”")
    return "\n".join(lines)


def _quotes(brief: Brief) -> list[str]:
    if not brief.quotes:
        return []
    quotes, left_out = shown_quotes(brief.quotes, MAX_QUOTES_SHOWN)
    blocks = ["## Who said what", "\n".join(_quote_block(brief, q) for q in quotes)]
    if left_out:
        blocks.append(f"*and {left_out} more quotation{'s' if left_out > 1 else ''} (the JSON output has them all)*")
    return blocks


def _wording(m: FactMention) -> str:
    """The sentence that states the value, with the words giving it in bold."""
    sentence = one_line(m.text)
    wording = one_line(m.wording)
    at = sentence.find(wording) if wording else -1
    if at < 0:
        return f"“{md_escape(sentence)}”"
    before, after = sentence[:at], sentence[at + len(wording) :]
    return f"“{md_escape(before)}**{md_escape(wording)}**{md_escape(after)}”"


def _disagreement_block(brief: Brief, d: Disagreement) -> str:
    numbers = source_numbers(brief)
    head = f"- **{md_escape(d.subject)}** ({md_escape(d.kind)})"
    note = extra_note(d)
    if note:
        head += f": {md_escape(note)}"
    lines = [head]
    for value, mentions in d.values:
        for m in mentions:
            cite = f" [{numbers[m.article]}]" if m.article in numbers else ""
            lines.append(f"  - **{md_escape(value)}**: {md_escape(m.outlet)}{cite}: {_wording(m)}")
    return "\n".join(lines)


def _disagreements(brief: Brief) -> list[str]:
    if not brief.disagreements:
        return []
    blocks = [_disagreement_block(brief, d) for d in brief.disagreements]
    return ["## Where the outlets differ", "\n".join(blocks)]


def _entities(brief: Brief) -> list[str]:
    groups = entity_groups(brief.entities)
    if not groups:
        return []
    lines = []
    for label, members in groups:
        shown = []
        for e in members[:MAX_ENTITIES_PER_KIND]:
            text = md_escape(e.name)
            extras = []
            if e.role:
                extras.append(md_escape(e.role))
            others = [v for v in e.variants if v != e.name]
            if others:
                extras.append("also spelled " + ", ".join(f"“{md_escape(v)}”" for v in others))
            n = len(set(e.outlets))
            if n > 1:
                extras.append(f"{n} outlets")
            shown.append(f"{text} ({'; '.join(extras)})" if extras else text)
        more = len(members) - MAX_ENTITIES_PER_KIND
        tail = f", and {more} more" if more > 0 else ""
        lines.append(f"- **{label}**: " + ", ".join(shown) + tail)
    return ["## People, organisations, places", "\n".join(lines)]


def _problems(brief: Brief) -> list[str]:
    if not brief.problems:
        return []
    lines = []
    for p in brief.problems:
        origin = one_line(p.origin).replace("`", "'")
        lines.append(f"- {'error' if p.fatal else 'warning'}: `{origin}`: {md_escape(p.message)}")
    return ["## Problems with the input", "\n".join(lines)]


def _sources(brief: Brief) -> list[str]:
    lines = []
    for n, a in enumerate(brief.articles, start=1):
        line = f"{n}. **{md_escape(a.outlet)}**"
        if a.title:
            line += f": {md_escape(a.title)}"
        if a.date:
            line += f" ({a.date.isoformat()})"
        if a.url:
            line += f" <{a.url}>"
        lines.append(line)
    return ["## Sources", "\n".join(lines)]
