"""The timeline (issue 9): dates read against the day of writing, events lined up across outlets,
undated articles anchored on the story's date, and the section in every output format.

The expected timelines of the seeds and of examples/story were written by hand from the texts:
each date below is the true date of the event (Khan was convicted on Monday 11 April 2022; the
Carrow Dam spillway collapsed on Monday 9 March 2026).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from newsfuse.analysis.dates import clock_time, date_range, fits, resolve_date
from newsfuse.analysis.record import analyse_articles
from newsfuse.brief.build import build_brief
from newsfuse.brief.timeline import build_timeline, shared_weight, shorten, story_anchor, word_weights
from newsfuse.ingest import load
from newsfuse.model import Article, Brief, DatePrecision, TimelineEvent
from newsfuse.render.html import brief_to_html
from newsfuse.render.json import brief_from_json, brief_to_json, load_schema
from newsfuse.render.markdown import brief_to_markdown
from newsfuse.render.terminal import print_brief

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "story"

TUESDAY = dt.date(2022, 4, 12)

# --- reading one date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "base", "future", "value"),
    [
        ("on Monday", TUESDAY, False, "2022-04-11"),
        ("Monday afternoon", TUESDAY, False, "2022-04-11"),
        ("early on Monday", dt.date(2026, 3, 9), False, "2026-03-09"),  # a Monday paper's own Monday
        ("by Monday night", dt.date(2026, 3, 10), False, "2026-03-09"),
        ("on Wednesday", dt.date(2026, 3, 10), True, "2026-03-11"),  # "will send a team on Wednesday"
        ("yesterday", TUESDAY, False, "2022-04-11"),
        ("last night", TUESDAY, False, "2022-04-11"),
        ("today", TUESDAY, False, "2022-04-12"),
        ("last week", TUESDAY, False, "2022-W14"),
        ("this week", TUESDAY, False, "2022-W15"),
        ("two weeks ago", TUESDAY, False, "2022-W13"),
        ("last month", TUESDAY, False, "2022-03"),
        ("earlier this month", TUESDAY, False, "2022-04"),
        ("last year", TUESDAY, False, "2021"),
        ("seven years ago", dt.date(2026, 3, 10), False, "2019"),
        ("three days ago", TUESDAY, False, "2022-04-09"),
        ("in 2008", TUESDAY, False, "2008"),
        ("in 2008", None, False, "2008"),
        ("in January 2008", None, False, "2008-01"),
        ("12 April 2022", None, False, "2022-04-12"),
        ("in December", dt.date(2011, 12, 7), True, "2011-12"),  # the paper's own month, not next year's
        ("in March", dt.date(2011, 12, 7), False, "2011-03"),
        ("in March", dt.date(2011, 12, 7), True, "2012-03"),
    ],
)
def test_a_date_is_read_at_the_precision_of_its_wording(
    wording: str, base: dt.date | None, future: bool, value: str
) -> None:
    assert resolve_date(wording, base, future) == value


@pytest.mark.parametrize("wording", ["on Monday", "yesterday", "last week", "seven years ago"])
def test_a_relative_date_without_a_day_of_writing_is_not_guessed(wording: str) -> None:
    assert resolve_date(wording, None) is None


def test_ranges_and_fitting_dates() -> None:
    assert date_range("2022-W14") == (dt.date(2022, 4, 4), dt.date(2022, 4, 10))
    assert date_range("2008-02") == (dt.date(2008, 2, 1), dt.date(2008, 2, 29))
    assert date_range("2022-04-11T16:00") == (dt.date(2022, 4, 11), dt.date(2022, 4, 11))
    assert date_range("soon") is None
    assert fits("2008", "2008-01") and fits("2022-W15", "2022-04-11")
    assert not fits("2022-04-10", "2022-04-11") and not fits("2008", "2009-01")


def test_clock_times() -> None:
    assert clock_time("shortly after 4am") == "04:00"
    assert clock_time("at 10:30 p.m. on Friday") == "22:30"
    assert clock_time("at 16:45") == "16:45"
    assert clock_time("in 2008") is None


def test_a_long_sentence_is_cut_around_its_date() -> None:
    words = " ".join(f"w{i}" for i in range(60))
    sentence = f"{words} on Monday {words}"
    short = shorten(sentence, sentence.index("on Monday"), words=10)
    assert "on Monday" in short and short.startswith("…") and short.endswith("…")
    assert len(short.split()) == 10
    assert shorten("Short and sweet.", 0) == "Short and sweet."


# --- a story written for the tests --------------------------------------------------------------


def bridge_story() -> list[Article]:
    """Three outlets on a bridge closed on Monday 11 April 2022: a Tuesday paper, an undated
    article and a Wednesday paper that gives another year for the building of the bridge."""
    tide = Article(
        id="tide",
        outlet="Tidewater Times",
        title="Marlow Bridge shut after crack found",
        date=TUESDAY,
        text=(
            "The Marlow Bridge was closed to traffic on Monday after engineers found a crack in one of its piers.\n\n"
            "A cyclist first spotted the crack last week, the county council said.\n\n"
            "The bridge was built in 2008 at a cost of £12m by the county council.\n\n"
            "Police diverted lorries through the town centre yesterday, and queues stretched for two miles.\n\n"
            '"We closed it this morning as a precaution," the council leader said.'
        ),
    )
    echo = Article(
        id="echo",
        outlet="Estuary Echo",
        title="Marlow Bridge closed",
        text=(
            "Marlow Bridge was closed to traffic on Monday after engineers discovered a crack in one of its piers.\n\n"
            "About 200 residents met in the town hall on Sunday evening to discuss the closure."
        ),
    )
    courier = Article(
        id="courier",
        outlet="County Courier",
        title="Marlow Bridge to stay shut for a month",
        date=dt.date(2022, 4, 13),
        text=(
            "The Marlow Bridge, which was built in 2009 at a cost of £12m by the county council, will stay shut "
            "for a month.\n\nEngineers will inspect the piers again on Friday."
        ),
    )
    return [tide, echo, courier]


@pytest.fixture(scope="module")
def bridge_brief() -> Brief:
    return build_brief(bridge_story(), words=60)


def _by_date(timeline: tuple[TimelineEvent, ...]) -> dict[str, list[TimelineEvent]]:
    out: dict[str, list[TimelineEvent]] = {}
    for e in timeline:
        out.setdefault(e.date, []).append(e)
    return out


def test_the_written_story_has_its_events_in_order_with_their_dates(bridge_brief: Brief) -> None:
    events = _by_date(bridge_brief.timeline)
    assert list(events) == ["2008", "2022-W14", "2022-04-10", "2022-04-11", "2022-04-15"]
    (built,) = events["2008"]
    assert built.precision == DatePrecision.YEAR and set(built.outlets) == {"Tidewater Times", "County Courier"}
    assert built.alternatives == ("2009",)  # the Courier gives another year: a disagreement
    assert {s.value for s in built.sources} == {"2008", "2009"}
    (spotted,) = events["2022-W14"]
    assert spotted.precision == DatePrecision.WEEK and "last week" in spotted.text
    closed, diverted = sorted(events["2022-04-11"], key=lambda e: len(e.outlets), reverse=True)
    assert set(closed.outlets) == {"Tidewater Times", "Estuary Echo"} and not closed.inferred
    assert "closed to traffic" in closed.text and closed.what == "closed"
    assert {s.wording for s in closed.sources} == {"on Monday"}
    assert "yesterday" in diverted.text and diverted.outlets == ("Tidewater Times",)
    (inspect,) = events["2022-04-15"]
    assert "inspect" in inspect.text  # "will inspect on Friday": the Friday after the Wednesday paper


def test_an_undated_article_is_anchored_on_the_story_and_marked_inferred(bridge_brief: Brief) -> None:
    (met,) = _by_date(bridge_brief.timeline)["2022-04-10"]
    assert met.inferred and met.outlets == ("Estuary Echo",) and met.time == "evening"
    assert met.sources[0].value == "2022-04-10" and met.sources[0].wording == "on Sunday"
    assert story_anchor(bridge_story()) == dt.date(2022, 4, 13)  # a tie of dates: the latest


def test_a_date_inside_a_quotation_is_the_speakers_and_left_out(bridge_brief: Brief) -> None:
    assert not any("this morning" in e.text for e in bridge_brief.timeline)


def test_a_story_without_any_date_has_only_its_calendar_dates() -> None:
    undated = [Article(id=a.id, text=a.text, outlet=a.outlet) for a in bridge_story()]
    timeline = build_timeline(undated, analyse_articles(undated))
    assert [e.date for e in timeline] == ["2008"]  # "on Monday" cannot be read, and is not guessed


def test_the_sources_are_exact_spans(bridge_brief: Brief) -> None:
    texts = {a.id: a.text for a in bridge_brief.articles}
    for event in bridge_brief.timeline:
        for s in event.sources:
            assert texts[s.article][s.start : s.end] == s.text
            assert s.wording in s.text


# --- every output format --------------------------------------------------------------------------


def test_json_validates_and_reads_back(bridge_brief: Brief) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = brief_to_json(bridge_brief)
    data = json.loads(text)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert [e["date"] for e in data["timeline"]] == [e.date for e in bridge_brief.timeline]
    assert load_schema()["$defs"]["timeline_event"]["required"] == list(data["timeline"][0])
    back = brief_from_json(text)
    assert back.timeline == bridge_brief.timeline
    assert brief_to_json(back) == text


def test_markdown_terminal_and_html_show_the_timeline(bridge_brief: Brief) -> None:
    md = brief_to_markdown(bridge_brief)
    timeline = md.split("## Timeline", 1)[1].split("\n## ", 1)[0]
    assert "- **2008**: The bridge was built in 2008" in timeline
    assert "*(also given as 2009 [3])*" in timeline
    assert "- **Sun 10 April 2022, evening**: About 200 residents" in timeline
    assert "*(date inferred from the story's date)*" in timeline
    assert "**week of 4 April 2022**" in timeline
    console = Console(file=io.StringIO(), width=120, highlight=False)
    print_brief(bridge_brief, console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Timeline" in out and "Mon 11 April 2022" in out and "(also given as" in out and "2009 [3])" in out
    html = brief_to_html(bridge_brief)
    assert '<section id="timeline"><h2>Timeline</h2>' in html
    assert '<time class="when" datetime="2022-04-10">Sun 10 April 2022, evening</time>' in html


# --- the seeds and the bundled example, by hand ------------------------------------------------------


def _timeline_of(paths: list[Path]) -> tuple[list[Article], tuple[TimelineEvent, ...]]:
    articles = list(load(paths).articles)
    return articles, build_timeline(articles, analyse_articles(articles))


def _as_rows(
    articles: list[Article], timeline: tuple[TimelineEvent, ...]
) -> list[tuple[str, bool, str, frozenset[str], str]]:
    name = {a.id: Path(a.origin or a.id).name.split("_")[0] for a in articles}
    return [(e.date, e.inferred, e.time, frozenset(name[s.article] for s in e.sources), e.text) for e in timeline]


def _matches(rows: list[tuple[str, bool, str, frozenset[str], str]], expected: list[tuple]) -> None:
    """The days in order; the events of one day (which come in an order of their own: by part of
    the day, then by content) compared as a set."""
    assert [r[0] for r in rows] == [e[0] for e in expected], [r[:4] for r in rows]
    for day in dict.fromkeys(e[0] for e in expected):
        got = [r for r in rows if r[0] == day]
        want = [e for e in expected if e[0] == day]
        for e_date, e_inferred, e_time, e_sources, e_words in want:
            match = [r for r in got if e_words in r[4]]
            assert len(match) == 1, (e_words, [r[4] for r in got])
            date, inferred, time, sources, text = match[0]
            assert (date, inferred, time, sources) == (e_date, e_inferred, e_time, frozenset(e_sources)), text


def test_the_seeds_timeline(seeds: Path) -> None:
    """One seed (000) is dated, Tuesday 12 April 2022; the other four say "on Monday" without a
    date of their own, so the conviction and Blunt's statement are anchored on it (inferred).
    Dates inside quotations ("Tonight I resigned", "His conviction today") are the speakers'.
    The offence of 2008 is one event: the outlets that say "2008" and those that say "January
    2008" share words few of the story's sentences use ("found guilty of ... which took place")."""
    articles, timeline = _timeline_of([seeds])
    expected = [
        # one offence, given as "in 2008" by four outlets and "in January 2008" by three: one event
        # at the most precise date all their dates fit, told in a sentence of that precision
        ("2008-01", False, "", {"000", "001", "002", "003", "004"}, "in Staffordshire in January 2008"),
        ("2019", False, "", {"001", "004"}, "elected to Parliament in 2019"),
        ("2022-04-11", True, "afternoon", {"001", "002", "003", "004"}, "found guilty on Monday"),
        ("2022-04-11", True, "", {"001", "004"}, "published on Blunt’s website on Monday"),
    ]
    _matches(_as_rows(articles, timeline), expected)


def test_the_example_story_timeline() -> None:
    """The dam story: Harbour Gazette is dated Monday 9 March 2026, the day of the collapse; the
    Courier, the Ledger and the Echo Tuesday 10 March; the Riverside Post is undated (anchored on
    10 March, the commonest date). Wednesday's statement and inspection are still to come."""
    articles, timeline = _timeline_of([EXAMPLES])
    name = {a.id: Path(a.origin or a.id).stem for a in articles}
    rows = [(e.date, e.inferred, e.time, frozenset(name[s.article] for s in e.sources), e.text) for e in timeline]
    expected = [
        ("1964", False, "", {"riverside_post"}, "has stood above the town since 1964"),
        ("1964", False, "", {"northern_ledger"}, "completed in 1964"),
        ("2019", False, "", {"northern_ledger"}, "Engineers warned seven years ago"),
        (
            "2019-03",
            False,
            "",
            {"harbour_gazette", "daily_courier", "westhallow_echo", "riverside_post", "northern_ledger"},
            "In March 2019, an inspection",
        ),
        ("2021-05", False, "", {"riverside_post"}, "about the dam in May 2021"),
        (
            "2023-11",
            False,
            "",
            {"harbour_gazette", "daily_courier", "westhallow_echo"},
            "In November 2023, the town council's bid",
        ),
        (
            "2026-03-09",
            False,
            "",
            {"harbour_gazette", "daily_courier", "westhallow_echo"},
            "spillway collapsed early on Monday",
        ),
        ("2026-03-09", True, "", {"riverside_post"}, "By the time the sun came up on Monday"),
        ("2026-03-09", False, "evening", {"westhallow_echo"}, "visited the shelters on Monday evening"),
        ("2026-03-09", True, "night", {"riverside_post"}, "raised more than £60,000 by Monday night"),
        ("2026-03-10", False, "", {"westhallow_echo"}, "returning to sodden homes on Tuesday"),
        ("2026-03-11", False, "", {"westhallow_echo"}, "send a team of engineers to Lowmere on Wednesday"),
        ("2026-03-11", False, "", {"northern_ledger"}, "make a statement to parliament on Wednesday"),
    ]
    _matches(rows, expected)
    built = next(e for e in timeline if e.date == "1964" and "stood" in e.text)
    assert "broke apart" not in built.text and built.text.endswith("…")  # 1964 dates the clause only
    assert not any(e.text.startswith("On Monday it") for e in timeline)  # leans on a sentence not shown


def tidewater(aid: str, text: str, date: dt.date = TUESDAY) -> Article:
    """One Tidewater Times article, written for a test."""
    return Article(id=aid, outlet="Tidewater Times", date=date, text=text)


def alone(article: Article) -> tuple[TimelineEvent, ...]:
    """The timeline of ``article`` alone."""
    return build_timeline([article], analyse_articles([article]))


def test_a_date_in_a_clause_on_a_noun_dates_the_clause_not_the_sentence() -> None:
    article = tidewater(
        "ferry",
        "The old ferry, which first sailed in 1987, sank in the harbour on Monday. "
        "Its captain, appointed in 2015, was rescued by a fishing boat.",
    )
    timeline = alone(article)
    by_date = {e.date: e.text for e in timeline}
    assert "sank" not in by_date["1987"] and "first sailed in 1987" in by_date["1987"]
    assert "rescued" not in by_date["2015"] and "appointed in 2015" in by_date["2015"]
    assert "sank in the harbour on Monday" in by_date["2022-04-11"]
    record = next(r for r in analyse_articles([article])[0].facts if r.mention.value == "1987")
    assert record.clause is not None
    assert article.text[record.clause.start : record.clause.end] == "The old ferry, which first sailed in 1987"


def test_a_leaning_statement_stays_when_it_alone_tells_its_day() -> None:
    article = tidewater("mill", "The mill on Quay Street had been empty for years. On Monday it burned down.")
    timeline = alone(article)
    assert [e.text for e in timeline] == ["On Monday it burned down."]


def test_a_clock_time_with_a_day_gives_the_event_its_time() -> None:
    article = tidewater("fire", "A fire broke out in the old mill shortly after 4am on Monday, the fire service said.")
    (event,) = alone(article)
    assert (event.date, event.precision) == ("2022-04-11T04:00", DatePrecision.TIME)
    assert brief_to_markdown(build_brief([article])).count("**Mon 11 April 2022, 04:00**") == 1


# --- one event told at several precisions ------------------------------------------------------------


def committee_story() -> list[Article]:
    """Three outlets on one councillor: each tells her resignation from the planning committee at
    its own precision ("in 2019", "in March 2019", "on 4 March 2019"), in its own words; one also
    gives another event of 2019 about her (elected chair of the transport board in June)."""
    herald = Article(
        id="herald",
        outlet="Lakeside Herald",
        date=dt.date(2024, 5, 2),
        text=(
            "Councillor Mara Ellison, who represents the Eastgate ward and sits on the housing panel, resigned "
            "from the planning committee in 2019 after it emerged that her brother's haulage firm had bid for "
            "work at the Harwick quarry.\n\n"
            "Ellison, 52, has always denied any wrongdoing.\n\n"
            "The quarry employs about 140 people and ships 2 million tonnes of stone a year.\n\n"
            "Its owners want to dig 30 metres deeper."
        ),
    )
    post = Article(
        id="post",
        outlet="Dunmore Post",
        date=dt.date(2024, 5, 2),
        text=(
            "Ellison stepped down from the committee in March 2019 because her brother's haulage firm was named "
            "among the bidders for the Harwick quarry contract, and a Green councillor from the Northfield "
            "estate took her seat.\n\n"
            "Ellison was elected chair of the county transport board in June 2019.\n\n"
            "The board oversees 12 bus routes and a budget of £30m.\n\n"
            "About 400 residents signed a petition against the quarry."
        ),
    )
    wire = Article(
        id="wire",
        outlet="Vale Wire",
        date=dt.date(2024, 5, 3),
        text=(
            "Mara Ellison left the committee on 4 March 2019, telling colleagues in a short letter that she "
            "needed time with her family, and the Green councillor Tom Reddy took her seat.\n\n"
            "Opposition members have asked for 3 years of her expense claims.\n\n"
            "The Harwick quarry has been worked for 90 years."
        ),
    )
    return [herald, post, wire]


def test_one_event_told_at_three_precisions_is_one_event() -> None:
    articles = committee_story()
    timeline = build_timeline(articles, analyse_articles(articles))
    assert [e.date for e in timeline] == ["2019-03-04", "2019-06"]
    resigned, elected = timeline
    assert {s.value for s in resigned.sources} == {"2019", "2019-03", "2019-03-04"}
    assert set(resigned.outlets) == {"Lakeside Herald", "Dunmore Post", "Vale Wire"}
    assert resigned.precision == DatePrecision.DAY and not resigned.alternatives
    assert "4 March 2019" in resigned.text  # told by the outlet that gives the day
    # the other event of 2019 shares only her name, which every article uses: kept apart
    assert elected.outlets == ("Dunmore Post",) and "transport board" in elected.text


def test_words_every_article_uses_weigh_nothing() -> None:
    articles = committee_story()
    weights = word_weights(articles, analyse_articles(articles))
    assert weights["ellison"] == 0.0  # the main person, named by all three
    assert weights["haulage"] > weights["quarry"] == 0.0  # two outlets' detail above the story's place
    assert shared_weight(frozenset({"ellison", "elect"}), frozenset({"ellison", "resign"}), weights) == 0.0


def test_a_range_of_years_is_no_date_of_its_first_year() -> None:
    article = tidewater(
        "letters",
        "The mill was run by the Hale family from 1990 to 2004. "
        "In six council reports published in Tidewater from 2003 to 2009, the mill is described as safe. "
        "It burned down in 2021.",
    )
    timeline = alone(article)
    assert [e.date for e in timeline] == ["2021"]


def test_a_day_without_its_year_is_the_nearest_unless_the_verb_says_past() -> None:
    article = tidewater(
        "ferry-vote",
        "Councillors want to postpone the June 19 vote on the ferry contract. "
        "The old contract was signed in September by the harbour board. "
        "Sentencing has been set for August 2 in the fraud case.",
        date=dt.date(2022, 6, 13),
    )
    by_words = {e.text: e.date for e in alone(article)}
    dates = sorted(by_words.values())
    assert "2022-06-19" in dates  # six days on, not a year back
    assert "2021-09" in dates  # "was signed": the September before
    assert "2022-08-02" in dates  # "set for": a date still to come
