"""The renderings of a brief: Markdown, the rich terminal view, plain text and the ``render`` entry.

Briefs are built here from model objects over texts written for these tests (a fictional bridge
reopening), and from the bundled example story read by the real loaders, with a summary made of
wire-copy sentences so every citation points at real offsets of real files.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from newsfuse.errors import ConfigError
from newsfuse.model import (
    Article,
    Brief,
    Disagreement,
    Entity,
    EntityMention,
    Fact,
    FactMention,
    Problem,
    Quote,
    QuoteCarrier,
    Ref,
    Span,
    SummaryItem,
    WordDiff,
)
from newsfuse.render import FORMATS, TEXT_WIDTH, render, render_text
from newsfuse.render.markdown import brief_to_markdown
from newsfuse.render.terminal import print_brief

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

VALLEY = (
    "The footbridge over the River Tamsin reopened on Friday after eight months of repairs.\n\n"
    '"It is a great day for the valley," said Ruth Amberley, who chairs Oakby parish council. '
    '"People have waited long enough."\n\n'
    "About 40 cyclists crossed it in the first hour.\n\n"
    "READ MORE: Road closures in Oakby this week"
)
COUNTY = (
    "The footbridge over the River Tamsin reopened on Friday after eight months of repairs. "
    "The work [phase two] cost £3m, the county said.\n\n"
    '"It is a grand day for the valley," said Ruth Amberly.\n\n'
    "About 60 cyclists crossed it in the first hour, according to the county."
)


def ref(article: Article, words: str) -> Ref:
    """The first occurrence of ``words`` in ``article`` as a citation."""
    start = article.text.index(words)
    return Ref(article.id, start, start + len(words), words)


def sample_articles() -> tuple[Article, Article]:
    valley = Article(
        id="valley",
        text=VALLEY,
        outlet="Valley Times",
        title="Tamsin footbridge reopens",
        date=dt.date(2026, 5, 8),
        url="https://www.valleytimes.example/tamsin-footbridge",
        origin="valley.txt",
        boilerplate=(Span(VALLEY.index("READ MORE"), len(VALLEY)),),
    )
    county = Article(id="county", text=COUNTY, outlet="County [Post]", date=dt.date(2026, 5, 9), origin="county.txt")
    return valley, county


def sample_brief(**changes: object) -> Brief:
    """A full brief: summary, a misquote, a disagreement, an entity with a variant, a problem."""
    valley, county = sample_articles()
    lead = "The footbridge over the River Tamsin reopened on Friday after eight months of repairs."
    cost = "The work [phase two] cost £3m, the county said."
    summary = (
        SummaryItem(lead, (ref(valley, lead), ref(county, lead))),
        SummaryItem(cost, (ref(county, cost),)),
    )
    full = "It is a great day for the valley,"
    changed = "It is a grand day for the valley,"
    quote = Quote(
        text=full,
        speaker="Ruth Amberley",
        role="chair of Oakby parish council",
        carried_by=(
            QuoteCarrier("valley", "Valley Times", *_at(valley, full), ref(valley, "Ruth Amberley")),
            QuoteCarrier(
                "county",
                "County [Post]",
                *_at(county, changed),
                ref(county, "Ruth Amberly"),
                (WordDiff("replace", "great", "grand"),),
            ),
        ),
        flags=("possible_misquote",),
        fullest="valley",
        first_published="valley",
    )
    forty = "About 40 cyclists crossed it in the first hour."
    sixty = "About 60 cyclists crossed it in the first hour, according to the county."
    m40 = FactMention("valley", "Valley Times", *_at(valley, forty), "40", "40")
    m60 = FactMention("county", "County [Post]", *_at(county, sixty), "60", "60")
    person = Entity(
        name="Ruth Amberley",
        kind="person",
        mentions=(
            EntityMention("valley", *_at(valley, "Ruth Amberley")),
            EntityMention("county", *_at(county, "Ruth Amberly")),
        ),
        outlets=("Valley Times", "County [Post]"),
        variants=("Ruth Amberley", "Ruth Amberly"),
        role="chair of Oakby parish council",
    )
    place = Entity("River Tamsin", "place", (EntityMention("valley", *_at(valley, "River Tamsin")),), ("Valley Times",))
    brief = Brief(
        id="tamsin-bridge",
        articles=(valley, county),
        summary=summary,
        words=120,
        quotes=(quote,),
        entities=(person, place),
        facts=(Fact("count", "cyclists in the first hour", (m40, m60)),),
        disagreements=(Disagreement("count", "cyclists in the first hour", (("40", (m40,)), ("60", (m60,)))),),
        problems=(Problem("broken.html", "no article text found"),),
        method="test",
    )
    return Brief(**{**brief.__dict__, **changes})  # type: ignore[arg-type]


def _at(article: Article, words: str) -> tuple[int, int, str]:
    start = article.text.index(words)
    return start, start + len(words), words


def bare_brief() -> Brief:
    """Only a summary: every optional section is empty."""
    return sample_brief(quotes=(), entities=(), facts=(), disagreements=(), problems=())


def example_brief() -> Brief:
    """The bundled example story through the real loaders; the summary is its wire copy."""
    from newsfuse.analysis.sentences import content_sentences
    from newsfuse.ingest import load

    loaded = load([EXAMPLES / "story"])
    articles = loaded.articles
    carriers: dict[str, list[Ref]] = {}
    for article in articles:
        for span in content_sentences(article):
            text = article.text[span.start : span.end]
            carriers.setdefault(text, []).append(Ref(article.id, span.start, span.end, text))
    wire = [refs for refs in carriers.values() if len({r.article for r in refs}) >= 3]
    summary = tuple(SummaryItem(refs[0].text, tuple(refs)) for refs in wire)
    return Brief(id=None, articles=tuple(articles), summary=summary, words=80, problems=loaded.problems, method="wire")


def plain(text: str) -> str:
    """White space made single spaces, so wrapped lines can be searched."""
    return re.sub(r"\s+", " ", text)


def terminal_output(brief: Brief, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, highlight=False)
    print_brief(brief, console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


# Markdown


def test_markdown_cites_every_summary_sentence_once_with_its_sources() -> None:
    md = brief_to_markdown(sample_brief())
    assert (
        md.count("The footbridge over the River Tamsin reopened on Friday after eight months of repairs. [1][2]") == 1
    )
    assert md.count(r"The work \[phase two\] cost £3m, the county said. [2]") == 1
    sources = md.split("## Sources", 1)[1]
    assert "1. **Valley Times**: Tamsin footbridge reopens (2026-05-08) <https://www.valleytimes.example/" in sources
    assert r"2. **County \[Post\]** (2026-05-09)" in sources


def test_markdown_sections_in_order() -> None:
    md = brief_to_markdown(sample_brief())
    heads = re.findall(r"^## (.+)$", md, flags=re.MULTILINE)
    assert heads == [
        "Summary",
        "Who said what",
        "Where the outlets differ",
        "People, organisations, places",
        "Problems with the input",
        "Sources",
    ]
    assert md.startswith(
        "# Tamsin footbridge reopens\n\n*2 articles from Valley Times and County \\[Post\\] · 8–9 May 2026*"
    )


def test_markdown_who_said_what_shows_the_misquote() -> None:
    md = brief_to_markdown(sample_brief())
    section = md.split("## Who said what", 1)[1].split("##", 1)[0]
    assert "- **Ruth Amberley** (chair of Oakby parish council) [1][2] **⚠ possible misquote**\\\n" in section
    assert "  “It is a great day for the valley”\n" in section
    assert "  - **⚠ [2] “grand” for “great”**" in section
    assert "fullest and first published in Valley Times [1]" in section


def test_markdown_disagreement_is_one_line_with_markers_and_short_wordings() -> None:
    md = brief_to_markdown(sample_brief())
    section = md.split("## Where the outlets differ", 1)[1].split("##", 1)[0].strip()
    assert section == (
        "- **cyclists in the first hour**: **40** [1] “About 40 cyclists crossed it in the first hour.”"
        " / **60** [2] “About 60 cyclists crossed it in the first hour…”"
    )


def test_markdown_entities_show_spelling_variants() -> None:
    md = brief_to_markdown(sample_brief())
    assert "- **People**: Ruth Amberley (chair of Oakby parish council; also spelled “Ruth Amberly”; 2 outlets)" in md
    assert "- **Places**: River Tamsin\n" in md


def test_markdown_leaves_out_empty_sections() -> None:
    md = brief_to_markdown(bare_brief())
    for head in (
        "Who said what",
        "Where the outlets differ",
        "People, organisations",
        "Problems with the input",
    ):
        assert head not in md
    assert "## Summary" in md and "## Sources" in md


def test_markdown_of_a_brief_without_articles_reports_its_problem() -> None:
    empty = Brief(id="story:3", articles=(), summary=(), words=100, problems=(Problem("s.jsonl:3", "bad JSON"),))
    md = brief_to_markdown(empty)
    assert md.startswith("# Brief: story:3\n")
    assert "## Problems with the input\n\n- error: `s.jsonl:3`: bad JSON" in md
    assert "## Summary" not in md and "## Sources" not in md


def test_markdown_of_the_example_story_cites_wire_copy_to_every_carrier() -> None:
    brief = example_brief()
    md = brief_to_markdown(brief)
    numbers = {a.id: n for n, a in enumerate(brief.articles, start=1)}
    assert len(brief.summary) >= 3
    for item in brief.summary:
        cites = "".join(f"[{n}]" for n in sorted({numbers[r.article] for r in item.sources}))
        assert md.count(f"{item.text} {cites}") == 1
    assert "Photo: Reuters" not in md and "READ MORE" not in md


# Terminal


def test_terminal_at_80_columns_without_colour_has_the_summary() -> None:
    brief = sample_brief()
    out = terminal_output(brief)
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    flat = plain(out)
    for item in brief.summary:
        assert plain(item.text) in flat
    for head in ("Who said what", "Where the outlets differ", "People, organisations, places", "Sources"):
        assert head in out
    assert "possible misquote" in flat
    assert "[phase two]" in flat  # article text is never read as rich markup


def test_terminal_leaves_out_empty_sections() -> None:
    out = terminal_output(bare_brief())
    for head in (
        "Who said what",
        "Where the outlets differ",
        "People, organisations",
        "Problems with the input",
    ):
        assert head not in out
    assert "Valley Times" in out


def test_terminal_colours_markers_on_a_colour_terminal() -> None:
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="standard")
    print_brief(sample_brief(), console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[" in out
    assert "footbridge" in out


def test_terminal_narrow_console_still_prints_everything() -> None:
    out = plain(terminal_output(sample_brief(), width=50))
    assert "Ruth Amberley" in out and "60" in out and "broken.html" in out


# render()


def test_render_formats() -> None:
    brief = sample_brief()
    assert FORMATS == ("md", "json", "text", "html")
    assert render(brief, "md") == brief_to_markdown(brief)
    assert render(brief, "json").startswith('{\n  "schema": "newsfuse.brief/1"')
    text = render(brief, "text")
    assert text == render_text(brief)
    assert "\x1b[" not in text
    assert max(len(line) for line in text.splitlines()) <= TEXT_WIDTH
    assert "The work [phase two] cost £3m, the county said." in plain(text)


def test_render_unknown_format_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown output format 'pdf'"):
        render(sample_brief(), "pdf")


def test_every_format_renders_a_brief_without_articles() -> None:
    empty = Brief(id="x", articles=(), summary=(), words=100)
    for fmt in FORMATS:
        assert render(empty, fmt).strip()


def test_text_rendering_of_the_example_story() -> None:
    brief = example_brief()
    text = plain(render(brief, "text"))
    for item in brief.summary:
        assert plain(item.text) in text
    assert "The Northern Ledger" in text and "Daily Courier" in text


def test_markdown_escapes_markup_but_not_underscores_inside_words() -> None:
    from newsfuse.render.markdown import md_escape

    assert md_escape("harbour_gazette") == "harbour_gazette"
    assert md_escape("a *bold* [link](x) _it_ <b>") == r"a \*bold\* \[link\](x) \_it\_ \<b\>"
    assert md_escape("two\nlines") == "two lines"


# HTML


def test_html_page_cites_sources_and_escapes_the_news() -> None:
    from html.parser import HTMLParser

    from newsfuse.render.html import brief_to_html

    brief = sample_brief(
        articles=(
            sample_articles()[0],
            Article(id="county", text=COUNTY, outlet="County <Post>", url="javascript:alert(1)"),
        )
    )
    page = brief_to_html(brief)
    assert page.startswith("<!DOCTYPE html>") and "<title>Tamsin footbridge reopens</title>" in page
    assert "<script" not in page and 'href="javascript' not in page
    assert "County &lt;Post&gt;" in page
    assert '<a href="#source-1" title="Valley Times: The footbridge' in page
    assert '<li id="source-2">' in page
    assert "“grand” for “great”" in page
    assert "<strong>60</strong>" in page and "<q>About 60 cyclists crossed it in the first hour…</q>" in page

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.chunks: list[str] = []

        def handle_data(self, data: str) -> None:
            self.chunks.append(data)

    parser = Text()
    parser.feed(page)
    text = plain("".join(parser.chunks))
    for item in brief.summary:
        assert item.text in text


def test_html_leaves_out_empty_sections() -> None:
    page = render(bare_brief(), "html")
    assert 'id="summary"' in page and 'id="sources"' in page
    for section in ("quotes", "disagreements", "entities", "problems"):
        assert f'id="{section}"' not in page


def test_long_quote_lists_are_cut_in_the_reading_views_but_not_in_json() -> None:
    from newsfuse.render.common import MAX_QUOTES_SHOWN

    brief = sample_brief()
    quote = brief.quotes[0]
    many = tuple(replace(quote, flags=("unattributed", "single_outlet")) for _ in range(MAX_QUOTES_SHOWN + 3))
    brief = replace(brief, quotes=(quote, *many))
    assert "and 4 more quotations" in brief_to_markdown(brief)
    assert "and 4 more quotations" in plain(render(brief, "text"))
    assert "and 4 more quotations" in render(brief, "html")
    assert render(brief, "json").count('"speaker": "Ruth Amberley"') == MAX_QUOTES_SHOWN + 4
    # flags the view already makes plain are not spelled out
    assert "single outlet" not in render(brief, "text") and "no speaker named" not in brief_to_markdown(brief)
