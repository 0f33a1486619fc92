"""A brief in the terminal with rich: a header panel, the summary with citation markers coloured by
source, a legend of sources, and tables for quotes and disagreements.

All text from articles goes in as :class:`rich.text.Text`, never as markup, so brackets in the news
cannot be read as rich styles. Without a terminal (a pipe, a file) rich writes no colour codes.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsfuse.model import Brief, Quote
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

__all__ = ["print_brief", "PALETTE"]

#: Colours given to sources 1, 2, ... in turn (chosen to read on dark and light backgrounds).
PALETTE = ("cyan", "magenta", "green", "yellow", "blue", "red", "bright_cyan", "bright_magenta")
#: Summary sentences per paragraph (as in the Markdown rendering).
SENTENCES_PER_PARAGRAPH = 3


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
    return Panel(Group(*lines), box=box.ROUNDED, border_style="blue", padding=(0, 1))


def _section(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def _summary(brief: Brief) -> list[Text]:
    numbers = source_numbers(brief)
    paragraphs: list[Text] = []
    for i in range(0, len(brief.summary), SENTENCES_PER_PARAGRAPH):
        para = Text()
        for item in brief.summary[i : i + SENTENCES_PER_PARAGRAPH]:
            if para:
                para.append(" ")
            para.append(one_line(item.text))
            cited = cited_numbers((r.article for r in item.sources), numbers)
            if cited:
                para.append(" ")
                para.append_text(_markers(cited))
        paragraphs.append(para)
    return paragraphs


def _legend(brief: Brief) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for n, a in enumerate(brief.articles, start=1):
        text = Text(a.outlet, style=f"bold {_colour(n)}")
        if a.title:
            text.append(f"  {one_line(a.title)}")
        if a.date:
            text.append(f"  {a.date.isoformat()}", style="dim")
        if a.url:
            text.append(f"\n{a.url}", style="dim")
        grid.add_row(Text(f"[{n}]", style=_colour(n)), text)
    return grid


def _quotes_table(brief: Brief, quotes: list[Quote]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("Speaker", ratio=1, style="bold")
    table.add_column("Quote", ratio=3)
    table.add_column("Sources", no_wrap=True)
    numbers = source_numbers(brief)
    for q in quotes:
        speaker = Text(q.speaker or "unnamed", style="bold" if q.speaker else "italic dim")
        if q.role:
            speaker.append(f"\n{q.role}", style="dim")
        quote = Text(f"“{quote_text(q.text)}”")
        flags = shown_flags(q)
        if flags:
            quote.append("\n" + ", ".join(flags), style="bold yellow")
        same_note: dict[str, list[int]] = {}  # one line per kind of difference, with every outlet making it
        for c in q.carried_by:
            note = carrier_note(q, c)
            if note:
                same_note.setdefault(note, []).extend(cited_numbers([c.article], numbers))
        for note, cited_here in same_note.items():
            quote.append("\n")
            if cited_here:
                quote.append_text(_markers(sorted(set(cited_here)), dim=False))
                quote.append(" ")
            quote.append(note, style="italic yellow")
        cited = cited_numbers((c.article for c in q.carried_by), numbers)
        table.add_row(speaker, quote, _markers(cited, dim=False))
    return table


def _disagreements_table(brief: Brief) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("About", ratio=3, style="bold")
    table.add_column("Value", ratio=1)
    table.add_column("Who says it, in their words", ratio=6)
    for d in brief.disagreements:
        for i, (value, mentions) in enumerate(d.values):
            about = Text("")
            if i == 0:
                about = Text(d.subject, style="bold")
                note = extra_note(d)
                if note:
                    about.append(f"\n{note}", style="dim")
            who = Text()
            numbers = source_numbers(brief)
            for j, m in enumerate(mentions):
                if j:
                    who.append("\n")
                n = numbers.get(m.article, 0)
                who.append(m.outlet, style=_colour(n) if n else "")
                who.append(f": “{one_line(m.text)}”", style="dim")
            table.add_row(about, Text(value, style="bold"), who, end_section=i == len(d.values) - 1)
    return table


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


def print_brief(brief: Brief, console: Console | None = None) -> None:
    """Print ``brief`` to ``console`` (a new stdout console when none is given)."""
    console = console or Console(highlight=False)
    console.print(_header(brief))
    for i, para in enumerate(_summary(brief)):
        if i:
            console.print()
        console.print(para)
    if brief.quotes:
        quotes, left_out = shown_quotes(brief.quotes, MAX_QUOTES_SHOWN)
        console.print(_section("Who said what"))
        console.print(_quotes_table(brief, quotes))
        if left_out:
            more = f"and {left_out} more quotation{'s' if left_out > 1 else ''} (the JSON output has them all)"
            console.print(Text(more, style="dim"))
    if brief.disagreements:
        console.print(_section("Where the outlets differ"))
        console.print(_disagreements_table(brief))
    if brief.entities:
        console.print(_section("People, organisations, places"))
        console.print(_entities(brief))
    if brief.problems:
        console.print(_section("Problems with the input"))
        console.print(_problems(brief))
    if brief.articles:
        console.print(_section("Sources"))
        console.print(_legend(brief))
