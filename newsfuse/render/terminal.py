"""A brief in the terminal with rich: a header panel, the summary with citation markers coloured by
source, who said what (speaker and sources on one line, the fullest wording and each outlet's
differences indented under it, a possible misquote marked ⚠ in yellow), a table of where the
outlets differ (one row per disagreement, one line per value) and a legend of sources.

All text from articles goes in as :class:`rich.text.Text`, never as markup, so brackets in the news
cannot be read as rich styles. Without a terminal (a pipe, a file) rich writes no colour codes.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from newsfuse.model import Brief, DisagreementKind, Quote
from newsfuse.render.common import (
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
    numbered_outlets,
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

__all__ = ["print_brief", "PALETTE", "WARNING_SIGN"]

#: Colours given to sources 1, 2, ... in turn (chosen to read on dark and light backgrounds).
PALETTE = ("cyan", "magenta", "green", "yellow", "blue", "red", "bright_cyan", "bright_magenta")
#: Widest the "About" column of the disagreements gets: room for "Imran Ahmad Khan: age now" on
#: one line, leaving the values and wordings most of an 80-column terminal.
ABOUT_WIDTH = 26
#: Columns a quote's wording and notes are indented under its speaker line.
INDENT = 2


def _colour(n: int) -> str:
    return PALETTE[(n - 1) % len(PALETTE)]


def _markers(numbers: list[int], dim: bool = True) -> Text:
    text = Text()
    for n in numbers:
        text.append(f"[{n}]", style=f"dim {_colour(n)}" if dim else _colour(n))
    return text


def _outlets_text(brief: Brief, article_ids: list[str]) -> Text:
    text = Text()
    for i, (n, outlet) in enumerate(numbered_outlets(brief, article_ids)):
        if i:
            text.append(", ")
        text.append(outlet, style=_colour(n))
        text.append(f" [{n}]", style=f"dim {_colour(n)}")
    return text


def _header(brief: Brief) -> Panel:
    title = Text(brief_title(brief), style="bold")
    lines = [title, Text(overview_line(brief), style="dim")]
    if brief.method:
        lines.append(Text(f"summary of about {brief.words} words by {brief.method}", style="dim"))
    lines += [Text(f"⚠ {warning}", style="bold yellow") for warning in lead_warnings(brief)]
    return Panel(Group(*lines), box=box.ROUNDED, border_style="blue", padding=(0, 1))


def _section(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def _summary(brief: Brief) -> list[Text]:
    numbers = source_numbers(brief)
    blocks: list[Text] = []
    for run in paragraphs(brief.summary):
        para = Text()
        for item in run:
            if para:
                para.append(" ")
            para.append(one_line(item.text))
            cited = cited_numbers((r.article for r in item.sources), numbers)
            if cited:
                para.append(" ")
                para.append_text(_markers(cited))
            note = independence_note(brief, item)  # copies of one another count once
            if note:
                para.append(f" ({note})", style="italic dim")
        blocks.append(para)
    return blocks


def _framing(brief: Brief) -> Group | None:
    """How each outlet frames it: per outlet its loaded words in context (the word in bold) and
    what the other outlets wrote instead; the words inside quotations, with their speakers."""
    from newsfuse.render.framing import FRAMING_TITLE, framing_blocks

    blocks = framing_blocks(brief)
    if not blocks:
        return None
    parts: list[Text | Padding] = [_section(FRAMING_TITLE)]
    for b in blocks:
        head = Text()
        if readable_outlet(b.outlet):
            head.append(b.outlet + " ", style="bold")
        head.append_text(_markers(list(b.numbers), dim=False))
        head.append(f": {b.overview}", style="dim")
        parts.append(head)
        for line in b.lines:
            text = Text(f"{line.kind}: ", style="dim")
            text.append(line.before)
            text.append(line.text, style="bold yellow")
            text.append(line.after)
            for i, (_, n, words, _) in enumerate(line.alternatives):
                text.append(" (others: " if i == 0 else "; ", style="dim")
                text.append(f"“{words}” ")
                text.append_text(_markers([n]))
            if line.alternatives:
                text.append(")", style="dim")
            parts.append(Padding(text, (0, 0, 0, INDENT)))
        if b.headline:
            words = ", ".join(f"“{w}”" for w in b.headline)
            angle = Text(f"headline angle: its headline says {words}, which its article never does")
            parts.append(Padding(angle, (0, 0, 0, INDENT)))
        if b.more:
            parts.append(
                Padding(Text(f"and {b.more} more (the JSON output has them all)", style="dim"), (0, 0, 0, INDENT))
            )
        if b.quoted:
            said = ", ".join(f"“{w}”" + (f" ({s})" if s else "") for w, s in b.quoted)
            parts.append(Padding(Text(f"in quotations (the speakers' words): {said}", style="dim"), (0, 0, 0, INDENT)))
    return Group(*parts)


def _legend(brief: Brief, width: int) -> Table:
    """One entry per source: number, outlet and date, then the title, then the address on a line
    of its own, shortened to fit (never wrapped mid-word) and linked in terminals that can."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    marker_width = len(f"[{len(brief.articles)}]")
    url_width = max(10, width - marker_width - 1)
    for n, a in enumerate(brief.articles, start=1):
        lines: list[Text] = []
        head = Text(a.outlet, style=f"bold {_colour(n)}")
        if a.date:
            head.append(f" · {a.date.isoformat()}", style="dim")
        lines.append(head)
        if a.title:
            lines.append(Text(one_line(a.title)))
        if a.url:
            url = one_line(a.url)
            web = url.lower().startswith(("http://", "https://"))
            style = Style(dim=True, link=url) if web else Style(dim=True)
            lines.append(Text(shorten_url(url, url_width), style=style, no_wrap=True, overflow="ellipsis"))
        grid.add_row(Text(f"[{n}]", style=_colour(n)), Group(*lines))
    return grid


def _quote_head(brief: Brief, q: Quote) -> Text:
    numbers = source_numbers(brief)
    head = Text()
    head.append(q.speaker or "unnamed speaker", style="bold" if q.speaker else "italic dim")
    if q.role:
        head.append(f", {one_line(q.role)}", style="dim")
    cited = cited_numbers((c.article for c in q.carried_by), numbers)
    if cited:
        head.append("  ")
        head.append_text(_markers(cited, dim=False))
    for label, warn in shown_flags(q):
        head.append(f"  {WARNING_SIGN} {label}" if warn else f"  {label}", style="bold yellow" if warn else "yellow")
    return head


def _quote_block(brief: Brief, q: Quote) -> Group:
    """Speaker and sources on one line; below it, indented, the fullest wording, one note per way
    an outlet's wording differs, and whose version is the fullest and came first."""
    body: list[Text] = [Text(f"“{quote_text(q.text)}”")]
    for note in carrier_notes(brief, q):
        line = Text()
        if note.warn:
            line.append(f"{WARNING_SIGN} ", style="bold yellow")
        line.append_text(_markers(list(note.numbers), dim=False))
        line.append(f" {note.text}", style="bold yellow" if note.warn else "italic dim")
        body.append(line)
    said = provenance(brief, q)
    if said:
        line = Text(style="dim")
        for i, (label, n, outlet) in enumerate(said):
            if i:
                line.append(" · ")
            line.append(f"{label} ")
            if readable_outlet(outlet):
                line.append(f"{outlet} ", style=_colour(n))
            line.append(f"[{n}]", style=_colour(n))
        body.append(line)
    return Group(_quote_head(brief, q), Padding(Group(*body), (0, 0, 0, INDENT)))


def _disagreements_table(brief: Brief) -> Table:
    """One row per disagreement: what it is about, then each value with the sources giving it and
    a few of one outlet's words around it (a spelling lists its variants and their sources)."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("About", overflow="fold", max_width=ABOUT_WIDTH)
    table.add_column("What the outlets say", ratio=1)
    for i, d in enumerate(brief.disagreements):
        about = Text(disagreement_subject(d), style="bold")
        if d.kind != DisagreementKind.COUNT and d.kind not in d.subject:
            about.append(f"\n{d.kind}", style="dim")
        note = extra_note(d)
        if note:
            about.append(f"\n{note}", style="dim")
        values = Table.grid(padding=(0, 1))
        values.add_column(style="bold", overflow="fold")
        values.add_column(no_wrap=True)
        spelling = d.kind in SPELLING_KINDS
        if not spelling:
            values.add_column(ratio=1)
        for row in value_rows(brief, d):
            cells: list[Text] = [Text(row.value), _markers(list(row.numbers), dim=False)]
            if not spelling:
                cells.append(Text(f"“{row.snippet}”" if row.snippet else "", style="italic dim"))
            values.add_row(*cells)
        table.add_row(about, values, end_section=i < len(brief.disagreements) - 1)
    return table


def _outlet_marker(text: Text, n: int, outlet: str) -> None:
    if readable_outlet(outlet):
        text.append(f"{outlet} ", style=_colour(n))
    text.append(f"[{n}]", style=_colour(n))


def _shared_copy(brief: Brief) -> Group:
    """Groups of outlets that are one copy, then each pair sharing passages, its passages
    shortened and indented under it (brief/shared_copy.py)."""
    rows, left_out = copy_rows(brief)
    parts: list[Text | Padding] = []
    for g in group_rows(brief):
        line = Text("One copy: ", style="bold")
        for i, (n, outlet) in enumerate(g.members):
            if i:
                line.append(", ")
            _outlet_marker(line, n, outlet)
        if g.source:
            line.append("; likely source ")
            _outlet_marker(line, *g.source)
        parts.append(line)
    for row in rows:
        (na, oa, sa), (nb, ob, sb) = row.a, row.b
        line = Text()
        _outlet_marker(line, na, oa)
        line.append(" and ")
        _outlet_marker(line, nb, ob)
        line.append(f": {sa:.0%} of [{na}] and {sb:.0%} of [{nb}] shared", style="")
        if row.source:
            line.append(f"; likely source [{row.source[0]}] ({row.reason})", style="dim")
        body = [
            Text(f"“{text}”" + (" (a quotation both carry)" if quotation else ""), style="italic dim")
            for text, quotation in row.passages
        ]
        if row.more_passages:
            body.append(
                Text(f"and {row.more_passages} more passage{'s' if row.more_passages > 1 else ''}", style="dim")
            )
        parts.append(line)
        parts.append(Padding(Group(*body), (0, 0, 0, INDENT)))
    if left_out:
        parts.append(
            Text(f"and {left_out} more pair{'s' if left_out > 1 else ''} (the JSON output has them all)", style="dim")
        )
    return Group(*parts)


def _entities(brief: Brief) -> Text:
    text = Text()
    for label, members in entity_groups(brief.entities):
        if text:
            text.append("\n")
        text.append(f"{label}: ", style="bold")
        names = []
        for e in members[:MAX_ENTITIES_PER_KIND]:
            others = [v for v in e.variants if v != e.name]
            names.append(e.name + (f" (also “{'”, “'.join(others)}”)" if others else ""))
        more = len(members) - MAX_ENTITIES_PER_KIND
        text.append(", ".join(names) + (f", and {more} more" if more > 0 else ""))
    return text


def _problems(brief: Brief) -> Text:
    text = Text()
    for p in brief.problems:
        if text:
            text.append("\n")
        text.append("error" if p.fatal else "warning", style="bold red" if p.fatal else "bold yellow")
        text.append(f": {p.origin}: {p.message}")
    return text


def _print_timeline(brief: Brief, console: Console) -> None:
    """Timeline: a table of date, what happened (with its sources) and a dim note."""
    rows, left_out = timeline_rows(brief)
    if not rows:
        return
    console.print(_section("Timeline"))
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column("When", style="bold", no_wrap=True)
    table.add_column("What")
    for row in rows:
        what = Text(row.text)
        if row.numbers:
            what.append(" ")
            what.append_text(_markers(list(row.numbers)))
        note = timeline_note(row)
        if note:
            what.append(f" ({note})", style="dim italic")
        table.add_row(Text(row.when), what)
    console.print(table)
    if left_out:
        more = f"and {left_out} more dated event{'s' if left_out > 1 else ''} (the JSON output has them all)"
        console.print(Text(more, style="dim"))


def print_brief(brief: Brief, console: Console | None = None) -> None:
    """Print ``brief`` to ``console`` (a new stdout console when none is given)."""
    console = console or Console(highlight=False)
    console.print(_header(brief))
    for i, para in enumerate(_summary(brief)):
        if i:
            console.print()
        console.print(para)
    _print_timeline(brief, console)  # issue 9
    if brief.quotes:
        quotes, left_out = shown_quotes(brief.quotes, MAX_QUOTES_SHOWN)
        console.print(_section("Who said what"))
        for i, q in enumerate(quotes):
            if i:
                console.print()
            console.print(_quote_block(brief, q))
        if left_out:
            more = f"and {left_out} more quotation{'s' if left_out > 1 else ''} (the JSON output has them all)"
            console.print(Text(more, style="dim"))
    if brief.disagreements:
        console.print(_section("Where the outlets differ"))
        console.print(_disagreements_table(brief))
    framing = _framing(brief)
    if framing is not None:
        console.print(framing)
    if brief.shared_copy:
        console.print(_section("Shared copy"))
        console.print(_shared_copy(brief))
    if brief.entities:
        console.print(_section("People, organisations, places"))
        console.print(_entities(brief))
    if brief.problems:
        console.print(_section("Problems with the input"))
        console.print(_problems(brief))
    if brief.articles:
        console.print(_section("Sources"))
        console.print(_legend(brief, console.width))
