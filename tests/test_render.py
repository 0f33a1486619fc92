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

from newsfuse.brief.editorial import consensus_headline, rank_quotes
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
    QuoteFlag,
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
    m40 = FactMention("valley", *_at(valley, forty), outlet="Valley Times", value="40", wording="40")
    m60 = FactMention("county", *_at(county, sixty), outlet="County [Post]", value="60", wording="60")
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
        headline="Tamsin footbridge reopens",
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


# Compact views: a hand-built brief whose outlets are known by long file stems (as plain-text
# inputs are), with a count disagreement stated in long sentences, a name spelled two ways in
# many places, a misquote whose fullest and first versions come from different outlets, an
# excerpt, and a long address.

FERRY_IDS = ("0001_9c4e2b7d1a3f5e6c", "0002_4b8d6f0a2c1e3d5b", "0003_7e2a9c4b6d8f0a1c")
FERRY_TEXTS = (
    "Harbour master Ines Valdivia-Oyelaran said on Tuesday that 27 passengers were taken to hospital after "
    "the ferry struck the northern pier in thick fog, and that the vessel would stay in port until the "
    "inspectors had finished their work.\n\n"
    '"Nobody should cross in fog like that, and we will find out why they did," she said.',
    "In all, 27 passengers were treated for injuries at the quayside, most of them for cuts and bruises, "
    "according to the coastguard, which sent two lifeboats from Pellar Point.\n\n"
    "Ines Valdivia-Oyelaren, the harbour master, was at the pier within the hour.\n\n"
    '"Nobody should ever cross in fog like that, and we will find out exactly why they did," '
    "Ms Valdivia-Oyelaren said.",
    "Seventy-two passengers were hurt when the ferry hit the pier, the operator said in a statement issued "
    "late on Tuesday evening after the last crossing of the day was cancelled.\n\n"
    "The harbour master, Ines Valdivia-Oyelaran, promised an inquiry and said no crossing in fog would "
    '"ever be allowed again" while she was in charge.\n\n'
    'She said nobody should cross in fog, adding that the port would "find out exactly why they did".',
)
LONG_URL = "https://www.pellarpointnews.example/coast/2026/apr/14/ferry-strikes-northern-pier-in-thick-fog-27-hurt"


def ferry_articles() -> tuple[Article, ...]:
    return tuple(
        Article(
            id=i,
            text=t,
            outlet=i,
            date=dt.date(2026, 4, 14 + n),
            url=LONG_URL if n == 0 else None,
            title="Ferry strikes pier in fog" if n == 0 else None,
        )
        for n, (i, t) in enumerate(zip(FERRY_IDS, FERRY_TEXTS, strict=True))
    )


def _sentence(article: Article, start_words: str) -> tuple[int, int, str]:
    """The sentence of ``article`` starting with ``start_words`` (up to its full stop)."""
    start = article.text.index(start_words)
    end = article.text.index(".", start) + 1
    return start, end, article.text[start:end]


def ferry_brief() -> Brief:
    a1, a2, a3 = ferry_articles()
    m27a = FactMention(a1.id, *_sentence(a1, "Harbour master"), outlet=a1.outlet, value="27", wording="27")
    m27b = FactMention(a2.id, *_sentence(a2, "In all"), outlet=a2.outlet, value="27", wording="27")
    m72 = FactMention(a3.id, *_sentence(a3, "Seventy-two"), outlet=a3.outlet, value="72", wording="Seventy-two")
    count = Disagreement("count", "passengers hurt: count", (("27", (m27a, m27b)), ("72", (m72,))))
    right = [
        FactMention(
            a.id, *_sentence(a, s), outlet=a.outlet, value="Ines Valdivia-Oyelaran", wording="Ines Valdivia-Oyelaran"
        )
        for a, s in ((a1, "Harbour master"), (a3, "The harbour master"))
    ]
    wrong = FactMention(
        a2.id,
        *_sentence(a2, "Ines"),
        outlet=a2.outlet,
        value="Ines Valdivia-Oyelaren",
        wording="Ines Valdivia-Oyelaren",
    )
    spelling = Disagreement(
        "spelling",
        "Ines Valdivia-Oyelaran",
        (("Ines Valdivia-Oyelaran", tuple(right)), ("Ines Valdivia-Oyelaren", (wrong,))),
    )
    full = "Nobody should ever cross in fog like that, and we will find out exactly why they did,"
    said = "Nobody should cross in fog like that, and we will find out why they did,"
    part = "find out exactly why they did"
    misquote = Quote(
        text=full,
        speaker="Ines Valdivia-Oyelaran",
        role="harbour master",
        carried_by=(
            QuoteCarrier(
                a1.id,
                a1.outlet,
                *_at(a1, said),
                None,
                (WordDiff("delete", "ever", ""), WordDiff("delete", "exactly", "")),
            ),
            QuoteCarrier(a2.id, a2.outlet, *_at(a2, full)),
            QuoteCarrier(a3.id, a3.outlet, *_at(a3, part)),
        ),
        flags=("possible_misquote", "excerpt"),
        fullest=a2.id,
        first_published=a1.id,
    )
    lone = Quote(
        text="ever be allowed again",
        speaker="Ines Valdivia-Oyelaran",
        role=None,
        carried_by=(QuoteCarrier(a3.id, a3.outlet, *_at(a3, "ever be allowed again")),),
        flags=("single_outlet",),
    )
    lead = FERRY_TEXTS[2].split(",", 1)[0]
    return Brief(
        id="ferry",
        articles=(a1, a2, a3),
        summary=(SummaryItem(lead, (ref(a3, lead),)),),
        words=60,
        quotes=tuple(rank_quotes([lone, misquote])),  # brief/ ranks them: the misquote comes first
        disagreements=(count, spelling),
    )


def _section_of(text: str, head: str) -> str:
    return (
        text.split(head, 1)[1].split("\n\n\n", 1)[0] if "\n\n\n" in text.split(head, 1)[1] else text.split(head, 1)[1]
    )


def _quoted(text: str) -> list[str]:
    return re.findall(r"“([^”]*)”", text)


@pytest.mark.parametrize("width", [80, 120])
def test_text_differ_section_is_one_short_line_per_value(width: int) -> None:
    from newsfuse.render.snippets import MAX_SNIPPET_WORDS

    text = render_text(ferry_brief(), width=width)
    section = plain_lines(text.split("Where the outlets differ", 1)[1].split("Sources", 1)[0])
    lines = [line for line in section.splitlines() if line.strip()]
    assert all(len(line) <= width for line in lines)
    # a title line, a rule, and one line per value: 2 + 2
    assert len(lines) == 2 + 4, section
    for fragment in FERRY_IDS:
        assert fragment not in section  # outlets appear as their source numbers
    assert re.search(r"passengers hurt\s+27 \[1\]\[2\]\s+“…27 passengers were taken to hospital…”", section)
    assert re.search(r"\s72 \[3\]\s+“Seventy-two passengers were hurt…”", section)
    assert re.search(r"Ines Valdivia-Oyelaran\s+\[1\]\[3\]\n", section + "\n")
    assert re.search(r"Ines Valdivia-Oyelaren\s+\[2\]\n", section + "\n")
    for snippet in _quoted(section):
        assert len(snippet.split()) <= MAX_SNIPPET_WORDS
        assert "…" in snippet or snippet.endswith(".")


def test_markdown_differ_section_is_one_line_per_disagreement() -> None:
    from newsfuse.render.snippets import MAX_SNIPPET_WORDS

    md = brief_to_markdown(ferry_brief())
    section = md.split("## Where the outlets differ\n\n", 1)[1].split("\n\n", 1)[0]
    lines = section.splitlines()
    assert len(lines) == 2
    count, spelling = lines
    assert count.startswith("- **passengers hurt**: **27** [1][2] “")
    assert " / **72** [3] “Seventy-two passengers were hurt…”" in count
    assert (
        spelling
        == "- **Ines Valdivia-Oyelaran** (spelling): “Ines Valdivia-Oyelaran” [1][3] / “Ines Valdivia-Oyelaren” [2]"
    )
    for fragment in FERRY_IDS:
        assert fragment not in section
    for snippet in _quoted(count):
        assert len(snippet.split()) <= MAX_SNIPPET_WORDS
    assert "thick fog" not in section and "lifeboats" not in section  # the sentences are not repeated whole


def test_misquote_is_flagged_and_the_fullest_and_first_are_named_in_every_view() -> None:
    brief = ferry_brief()
    md = brief_to_markdown(brief)
    quotes = md.split("## Who said what", 1)[1].split("## ", 1)[0]
    assert quotes.index("possible misquote") < quotes.index("ever be allowed again")  # flagged first
    assert "**⚠ possible misquote**" in quotes
    assert "  - **⚠ [1] leaves out “ever”, “exactly”**" in quotes
    assert "  - [3] quotes part\n" in quotes
    assert "fullest in [2] · first published by [1]" in quotes  # file-stem outlets as numbers only

    text = render_text(brief)
    assert "⚠ possible misquote" in text
    assert "⚠ [1] leaves out “ever”, “exactly”" in text
    assert "[3] quotes part" in text
    assert "fullest in [2] · first published by [1]" in text

    from newsfuse.render.html import brief_to_html

    page = brief_to_html(brief)
    assert '<li class="quote misquote">' in page
    assert (
        '<span class="badge" title="an outlet changed words inside the quotation marks">⚠ possible misquote</span>'
        in page
    )
    assert '<li class="warn">⚠ <sup class="cite"><a href="#source-1"' in page
    assert 'fullest in <a href="#source-2">[2]</a> · first published by <a href="#source-1">[1]</a>' in page


def test_misquote_stands_out_in_colour_in_a_terminal() -> None:
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="standard")
    print_brief(ferry_brief(), console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    line = next(x for x in out.splitlines() if "possible misquote" in x)
    assert "\x1b[1;33m" in line  # bold yellow


def test_quotes_many_outlets_and_flagged_first() -> None:
    from newsfuse.render.common import shown_quotes

    brief = sample_brief()
    misquote = brief.quotes[0]
    two_plain = replace(misquote, flags=(), text="plain")
    single = replace(misquote, carried_by=misquote.carried_by[:1], flags=(QuoteFlag.SINGLE_OUTLET,), text="single")
    ranked = rank_quotes([single, two_plain, misquote])
    assert [q.text for q in ranked] == [misquote.text, "plain", "single"]
    shown, left = shown_quotes(ranked, 2)  # the views show the brief's first quotes
    assert [q.text for q in shown] == [misquote.text, "plain"] and left == 1


def test_legend_keeps_a_long_address_on_one_line() -> None:
    from newsfuse.render.snippets import shorten_url

    for width in (80, 120):
        text = render_text(ferry_brief(), width=width)
        legend = text.split("Sources", 1)[1]
        assert all(len(line) <= width for line in legend.splitlines())
        url_lines = [line.strip() for line in legend.splitlines() if "pellarpointnews" in line]
        assert len(url_lines) == 1
        assert url_lines[0] == shorten_url(LONG_URL, width - 4)
        assert url_lines[0].endswith("ferry-strikes-northern-pier-in-thick-fog-27-hurt")
    assert "[1] 0001_9c4e2b7d1a3f5e6c · 2026-04-14\n    Ferry strikes pier in fog" in plain_lines(
        render_text(ferry_brief())
    )


def plain_lines(text: str) -> str:
    """``text`` with the spaces that pad each line to the width taken off."""
    return "\n".join(line.rstrip() for line in text.splitlines())


def test_html_citations_are_superscript_links_kept_with_the_last_word() -> None:
    from newsfuse.render.html import brief_to_html

    page = brief_to_html(ferry_brief())
    assert (
        '<span class="nowrap">pier<sup class="cite"><a href="#source-3" title="0003_7e2a9c4b6d8f0a1c: Seventy-two'
        in page
    )
    assert f'<a class="url" href="{LONG_URL}"' in page


# Snippets


def test_value_snippet_keeps_the_clause_around_the_value() -> None:
    from newsfuse.render.snippets import value_snippet

    count = "In all, 27 passengers were treated for injuries at the quayside, most of them for cuts."
    assert value_snippet(count, "27") == "…27 passengers were treated for injuries at the quayside…"
    age = "The skipper, Owen Pask, 61, was on the bridge when the ferry struck the pier."
    assert value_snippet(age, "61") == "…Owen Pask, 61, was on the bridge…"
    told = "The coastguard said 72 people were hurt, two of them badly."
    assert value_snippet(told, "72") == "…72 people were hurt…"
    share = "The dockers' union said 64% of members who took part backed the walkout."
    assert value_snippet(share, "64%") == "…64% of members who took part backed the walkout."
    short = "About 40 cyclists crossed it."
    assert value_snippet(short, "40") == "About 40 cyclists crossed it."
    assert value_snippet(short, "ninety") == "About 40 cyclists crossed it."  # wording not found: the start
    long = " ".join(f"w{i}" for i in range(40))
    assert len(value_snippet(long, "w20").split()) <= 12
    assert value_snippet("", "x") == ""


def test_shorten_url_keeps_host_and_slug() -> None:
    from newsfuse.render.snippets import shorten_url

    url = "https://www.example.org/a/b/c/a-long-headline-slug"
    assert shorten_url(url, 80) == url
    assert shorten_url(url, 45) == "example.org/a/b/c/a-long-headline-slug"
    assert shorten_url(url, 35) == "example.org/…/a-long-headline-slug"
    assert shorten_url(url, 20) == "example.org/a/b/c/a…"
    assert len(shorten_url(url, 20)) == 20


def test_outlets_known_by_numbered_file_names_are_left_to_the_legend() -> None:
    from newsfuse.render.common import overview_line, readable_outlet

    assert not readable_outlet("004_d4e16f04220dfac3")
    assert readable_outlet("harbour_gazette") and readable_outlet("Channel4") and readable_outlet("The Ledger")
    brief = ferry_brief()
    assert overview_line(brief) == "3 articles · 14–16 April 2026"
    named = replace(brief, articles=(replace(brief.articles[0], outlet="Pellar News"), *brief.articles[1:]))
    assert overview_line(named) == "3 articles from Pellar News and 2 others · 14–16 April 2026"


def test_a_carrier_with_many_changes_gets_a_short_note() -> None:
    from newsfuse.render.common import MAX_DIFFS_SHOWN, carrier_note

    quote = sample_brief().quotes[0]
    changes = tuple(WordDiff("replace", f"w{i}", f"v{i}") for i in range(MAX_DIFFS_SHOWN + 2))
    carrier = replace(quote.carried_by[1], diff=changes)
    assert carrier_note(quote, carrier) == "“v0” for “w0”; “v1” for “w1”; “v2” for “w2”; and 2 more changes"


def test_the_brief_is_headed_by_the_consensus_headline_not_one_outlets_figure() -> None:
    """Regression: the brief once took the first article's headline, which carried a disputed count."""
    from newsfuse.model import Article, Brief
    from newsfuse.render.common import brief_title

    arts = (
        Article(id="a", text="x", outlet="A", title="51 hurt as Innisgrey boat hits rocks"),
        Article(id="b", text="x", outlet="B", title="Ferry runs aground off Innisgrey, injuring dozens"),
        Article(id="c", text="x", outlet="C", title="Innisgrey ferry runs aground: passengers injured"),
    )
    title = consensus_headline(arts, ())
    assert title in (arts[1].title, arts[2].title)
    assert brief_title(Brief(id=None, articles=arts, summary=(), words=50, headline=title)) == title


def test_an_untitled_brief_is_headed_by_the_names_most_outlets_carry() -> None:
    """Articles with no headline: the brief is headed by the people most outlets name, not
    "News brief" and not a person only one outlet brings in."""
    from conftest import BRIDGE_REPORTS as texts

    from newsfuse.brief.build import build_brief
    from newsfuse.render.common import brief_title

    arts = [Article(id=f"a{i}", text=t, outlet=o) for i, (o, t) in enumerate(texts.items())]
    title = brief_title(build_brief(arts, words=60))
    assert "Edwina Calloway" in title
    assert "Rufus Okonjo" not in title  # one outlet of three names him
