"""The bundled examples hold what examples/README.md says they hold, read through the real loaders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsfuse.ingest import iter_stories, load
from newsfuse.model import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

W1 = (
    "Water poured through a breach in the spillway of Carrow Dam shortly after 4am, flooding more than "
    "200 homes in the low-lying streets of Lowmere."
)
W2 = (
    "Emergency services evacuated about 1,500 residents to schools and church halls before dawn, and a "
    "severe flood warning remains in place for the River Carrow downstream."
)
W3 = (
    "Westhallow Water, which owns the 62-year-old dam, said engineers were pumping water out of the "
    "reservoir to lower its level."
)
MAYOR = (
    "We have been lucky that nobody has died",
    "But people have lost everything they own, and they need answers about how this could happen.",
)


@pytest.fixture(scope="module")
def story() -> dict[str, Article]:
    loaded = load([EXAMPLES / "story"])
    assert loaded.problems == ()
    return {Path(a.origin or "").stem: a for a in loaded.articles}  # by file name (ids are hashes)


def carriers(story: dict[str, Article], words: str) -> set[str]:
    return {name for name, a in story.items() if words in a.text}


def test_five_outlets_in_four_formats(story: dict[str, Article]) -> None:
    assert sorted(story) == ["daily_courier", "harbour_gazette", "northern_ledger", "riverside_post", "westhallow_echo"]
    assert story["harbour_gazette"].date == dt.date(2026, 3, 9)
    assert story["riverside_post"].date is None
    assert story["northern_ledger"].outlet == "The Northern Ledger"
    assert story["northern_ledger"].url == (
        "https://www.northernledger.example/uk/2026/mar/10/carrow-dam-lowmere-spillway-warnings"
    )
    assert story["daily_courier"].outlet == "Daily Courier"
    for article in story.values():
        assert 250 <= len(article.text.split()) <= 450, article.id
        assert article.title


def test_wire_copy_and_near_copy(story: dict[str, Article]) -> None:
    assert carriers(story, W1) == {"harbour_gazette", "westhallow_echo", "daily_courier"}
    assert carriers(story, W1.replace("flooding", "swamping")) == {"northern_ledger"}
    assert carriers(story, W2) == {"harbour_gazette", "westhallow_echo", "northern_ledger", "daily_courier"}
    assert carriers(story, W3) == {"harbour_gazette", "westhallow_echo", "daily_courier"}


def test_quotes_misquote_and_excerpt(story: dict[str, Article]) -> None:
    assert carriers(story, MAYOR[0]) == {"harbour_gazette", "westhallow_echo", "northern_ledger"}
    assert carriers(story, MAYOR[1]) == {"harbour_gazette", "westhallow_echo", "northern_ledger", "daily_courier"}
    assert carriers(story, "We have been fortunate that nobody has died") == {"daily_courier"}
    assert carriers(story, '"lost everything they own"') == {"riverside_post"}
    assert carriers(story, '," Katherine Doyle, the mayor of Lowmere, said. "') == {"harbour_gazette", "daily_courier"}
    assert carriers(story, ",” Katherine Doyle, the mayor of Lowmere, said. “") == {"northern_ledger"}
    assert carriers(story, 'described the response as "a shambles"') == {"harbour_gazette"}
    assert carriers(story, " he added.") == {"harbour_gazette"}
    assert carriers(story, 'A spokesperson for Westhallow Water said: "') == {
        "harbour_gazette",
        "westhallow_echo",
        "daily_courier",
    }
    assert carriers(story, "According to Professor Helen Varga") == {"northern_ledger"}


def test_disagreements(story: dict[str, Article]) -> None:
    assert carriers(story, "Tomas Brennan, 52,") == {"harbour_gazette", "northern_ledger"}
    assert carriers(story, "Tomas Brennan, 53,") == {"westhallow_echo"}
    assert carriers(story, "43 people") == {"daily_courier"}
    assert carriers(story, "34 people") == {"harbour_gazette", "westhallow_echo"}
    assert carriers(story, "Kathryn Doyle") == {"westhallow_echo"}
    assert carriers(story, "Katherine Doyle") == {
        "harbour_gazette",
        "northern_ledger",
        "daily_courier",
        "riverside_post",
    }


def test_timeline(story: dict[str, Article]) -> None:
    assert carriers(story, "In March 2019") >= {"harbour_gazette", "northern_ledger", "daily_courier"}
    assert "November 2023" in story["harbour_gazette"].text
    assert "early on Monday" in story["harbour_gazette"].text


@pytest.mark.parametrize(
    ("article", "line"),
    [
        ("harbour_gazette", "READ MORE: Lowmere flood: where to find help and how to claim emergency support"),
        ("harbour_gazette", "Residents are helped from their homes on Quarry Lane on Monday morning. Photo: Reuters"),
        ("westhallow_echo", "Follow Sam Patel on Twitter: @sampatel_echo"),
        ("daily_courier", "Sign up to our newsletter for the day's top stories, sent to your inbox every morning."),
        ("riverside_post", "— Katherine Doyle (@MayorDoyle) March 9, 2026"),
    ],
)
def test_boilerplate_is_in_the_text_and_marked(story: dict[str, Article], article: str, line: str) -> None:
    text = story[article].text
    start = text.index(line)
    end = start + len(line)
    assert any(b.start <= start and end <= b.end + 1 for b in story[article].boilerplate), line


def test_batch_file_repeats_the_story_texts(story: dict[str, Article]) -> None:
    stories = list(iter_stories(EXAMPLES / "stories.jsonl"))
    assert [s.id for s in stories] == ["lowmere-dam", "ferry-strike", "orchard-festival"]
    assert [len(s.articles) for s in stories] == [5, 3, 1]
    for article in stories[0].articles:
        assert article.text == story[article.id.replace("-", "_")].text
    ferry = " ".join(a.text for a in stories[1].articles)
    assert "87%" in ferry and "78%" in ferry and "Fiona McRae" in ferry and "Fiona MacRae" in ferry


def test_feed_has_three_dated_items() -> None:
    loaded = load([EXAMPLES / "feed.xml"])
    assert loaded.problems == ()
    assert [a.date for a in loaded.articles] == [dt.date(2026, 3, 11), dt.date(2026, 3, 12), dt.date(2026, 3, 13)]
    assert "£100,000" in loaded.articles[2].text
