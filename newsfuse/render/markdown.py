"""A brief as Markdown: the summary with numbered citations, then who said what, where the outlets
differ, who is named, and what could not be read. A section appears only when it has content."""

from __future__ import annotations

import re

from newsfuse.model import Brief, Disagreement, Quote
from newsfuse.render.common import (
    INFERRED_NOTE,
    MAX_ENTITIES_PER_KIND,
    MAX_QUOTES_SHOWN,
    SPELLING_KINDS,
    WARNING_SIGN,
    brief_title,
    carrier_notes,
    cited_numbers,
    disagreement_subject,
    entity_groups,
    extra_note,
    lead_warnings,
    one_line,
    overview_line,
    paragraphs,
    provenance,
    quote_text,
    readable_outlet,
    shown_flags,
    shown_quotes,
    source_numbers,
    timeline_rows,
    value_rows,
)
from newsfuse.render.copy_notes import copy_rows, group_rows, independence_note

__all__ = ["brief_to_markdown"]


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
    blocks += [f"> **⚠ {md_escape(warning)}**" for warning in lead_warnings(brief)]
    blocks += _summary(brief, numbers)
    blocks += _timeline(brief)  # issue 9
    for section in (_quotes, _disagreements, _framing, _shared_copy, _entities, _problems):
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
        note = independence_note(brief, item)  # copies of one another count once
        tail = f" *({md_escape(note)})*" if note else ""
        sentences.append(f"{md_escape(one_line(item.text))} {_cite(cited)}".rstrip() + tail)
    return ["## Summary", *(" ".join(run) for run in paragraphs(sentences))]


def _timeline(brief: Brief) -> list[str]:
    """Timeline: one line per event, its date in bold, the statement, its sources and a note."""
    rows, left_out = timeline_rows(brief)
    if not rows:
        return []
    lines = []
    for row in rows:
        line = f"- **{md_escape(row.when)}**: {md_escape(row.text)} {_cite(list(row.numbers))}".rstrip()
        notes = [INFERRED_NOTE] if row.inferred else []
        notes += [f"also given as {md_escape(when)} {_cite(list(cited))}".rstrip() for when, cited in row.alternatives]
        if notes:
            line += f" *({'; '.join(notes)})*"
        lines.append(line)
    blocks = ["## Timeline", "\n".join(lines)]
    if left_out:
        blocks.append(f"*and {left_out} more dated event{'s' if left_out > 1 else ''} (the JSON output has them all)*")
    return blocks


def _quote_block(brief: Brief, q: Quote) -> str:
    """The speaker line (with the sources and a bold warning for a possible misquote), the
    fullest wording under it, then one sub-item per way an outlet's wording differs."""
    numbers = source_numbers(brief)
    speaker = f"**{md_escape(q.speaker)}**" if q.speaker else "*Unnamed speaker*"
    if q.role:
        speaker += f" ({md_escape(q.role)})"
    cited = _cite(cited_numbers((c.article for c in q.carried_by), numbers))
    head = f"{speaker} {cited}".rstrip()
    for label, warn in shown_flags(q):
        head += f" **{WARNING_SIGN} {label}**" if warn else f" *{label}*"
    lines = [f"- {head}\\", f"  “{md_escape(quote_text(q.text))}”"]
    for note in carrier_notes(brief, q):
        text = f"{_cite(list(note.numbers))} {md_escape(note.text)}"
        lines.append(f"  - **{WARNING_SIGN} {text}**" if note.warn else f"  - {text}")
    said = provenance(brief, q)
    if said:
        lines.append("  - " + " · ".join(f"{label} {_outlet(outlet, n)}" for label, n, outlet in said))
    return "\n".join(lines)


def _outlet(outlet: str, n: int) -> str:
    """``Daily Courier [1]``, or only ``[1]`` for an outlet known by a file name with digits."""
    return f"{md_escape(outlet)} [{n}]" if readable_outlet(outlet) else f"[{n}]"


def _quotes(brief: Brief) -> list[str]:
    if not brief.quotes:
        return []
    quotes, left_out = shown_quotes(brief.quotes, MAX_QUOTES_SHOWN)
    blocks = ["## Who said what", "\n".join(_quote_block(brief, q) for q in quotes)]
    if left_out:
        blocks.append(f"*and {left_out} more quotation{'s' if left_out > 1 else ''} (the JSON output has them all)*")
    return blocks


def _disagreement_line(brief: Brief, d: Disagreement) -> str:
    """One line: what it is about, then each value with its sources and a few words of one outlet."""
    head = f"**{md_escape(disagreement_subject(d))}**"
    if d.kind in SPELLING_KINDS:
        head += f" ({md_escape(d.kind)})"
    note = extra_note(d)
    if note:
        head += f" ({md_escape(note)})"
    values = []
    for row in value_rows(brief, d):
        value = f"“{md_escape(row.value)}”" if d.kind in SPELLING_KINDS else f"**{md_escape(row.value)}**"
        text = f"{value} {_cite(list(row.numbers))}".rstrip()
        if row.snippet:
            text += f" “{md_escape(row.snippet)}”"
        values.append(text)
    return f"- {head}: " + " / ".join(values)


def _disagreements(brief: Brief) -> list[str]:
    if not brief.disagreements:
        return []
    return ["## Where the outlets differ", "\n".join(_disagreement_line(brief, d) for d in brief.disagreements)]


def _framing(brief: Brief) -> list[str]:
    """How each outlet frames it: per outlet its loaded words in context, what the others wrote."""
    from newsfuse.render.framing import FRAMING_TITLE, framing_blocks

    blocks = framing_blocks(brief)
    if not blocks:
        return []
    lines = []
    for b in blocks:
        who = md_escape(b.outlet) if readable_outlet(b.outlet) else "Source"
        lines.append(f"- **{who}** {_cite(list(b.numbers))}: {md_escape(b.overview)}")
        for line in b.lines:
            words = f"{md_escape(line.before)}**{md_escape(line.text)}**{md_escape(line.after)}"
            text = f"  - {line.kind}: “{words}”"
            if line.alternatives:
                others = "; ".join(f"“{md_escape(w)}” {_outlet(o, n)}" for o, n, w, _ in line.alternatives)
                text += f" (others: {others})"
            lines.append(text)
        if b.headline:
            words = ", ".join(f"“{md_escape(w)}”" for w in b.headline)
            lines.append(f"  - headline angle: its headline says {words}, which its article never does")
        if b.more:
            lines.append(f"  - *and {b.more} more (the JSON output has them all)*")
        if b.quoted:
            said = ", ".join(f"“{md_escape(w)}”" + (f" ({md_escape(s)})" if s else "") for w, s in b.quoted)
            lines.append(f"  - in quotations (the speakers' words, not the outlet's): {said}")
    return [f"## {FRAMING_TITLE}", "\n".join(lines)]


def _shared_copy(brief: Brief) -> list[str]:
    """Groups of outlets that are one copy, then each pair sharing passages (brief/shared_copy.py)."""
    rows, left_out = copy_rows(brief)
    if not rows:
        return []
    lines = []
    for g in group_rows(brief):
        line = "- **One copy**: " + ", ".join(_outlet(outlet, n) for n, outlet in g.members)
        if g.source:
            line += f"; likely source {_outlet(g.source[1], g.source[0])}"
        lines.append(line)
    for row in rows:
        (na, oa, sa), (nb, ob, sb) = row.a, row.b
        line = f"- {_outlet(oa, na)} and {_outlet(ob, nb)} share copy: {sa:.0%} of [{na}], {sb:.0%} of [{nb}]"
        if row.source:
            line += f"; likely source [{row.source[0]}] ({row.reason})"
        lines.append(line)
        for text, quotation in row.passages:
            lines.append(f"  - “{md_escape(text)}”" + (" *(a quotation both carry)*" if quotation else ""))
        if row.more_passages:
            lines.append(f"  - *and {row.more_passages} more passage{'s' if row.more_passages > 1 else ''}*")
    if left_out:
        lines.append(f"- *and {left_out} more pair{'s' if left_out > 1 else ''} (the JSON output has them all)*")
    return ["## Shared copy", "\n".join(lines)]


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
