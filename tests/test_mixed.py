"""The warning that articles given for one brief tell several stories (newsfuse.stories.mixed)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import newsfuse
from newsfuse.model import Article
from newsfuse.stories.mixed import MIXED_ORIGIN, mixed_story_note, story_groups

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _stories() -> dict[str, list[Article]]:
    """The bundled batch file's stories (fictional events, fictional outlets), as articles."""
    out = {}
    for line in (EXAMPLES / "stories.jsonl").read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        out[story["id"]] = [
            Article(
                id=f"{story['id']}/{a['id']}",
                text=a["text"],
                outlet=a.get("outlet"),
                title=a.get("title"),
                date=dt.date.fromisoformat(a["date"]) if a.get("date") else None,
            )
            for a in story["articles"]
        ]
    return out


@pytest.fixture(scope="module")
def stories() -> dict[str, list[Article]]:
    return _stories()


def _mixed_notes(brief: newsfuse.Brief) -> list[str]:
    return [p.message for p in brief.problems if p.origin == MIXED_ORIGIN]


def test_two_stories_in_one_brief_are_named_in_a_warning(stories: dict[str, list[Article]]) -> None:
    dam, ferry = stories["lowmere-dam"], stories["ferry-strike"]
    mixed = [ferry[0], dam[0], dam[1], ferry[1], dam[2], ferry[2], dam[3], dam[4]]
    brief = newsfuse.brief(mixed, analyse=False)
    (note,) = _mixed_notes(brief)
    assert "these 8 articles look like 2 different stories" in note
    assert "5 on “" in note and "3 on “" in note
    assert "Carrow Dam" in note and "erry" in note  # each story named by its own headlines
    assert not any(p.fatal for p in brief.problems)  # a warning: the brief is still made
    assert brief.summary


def test_one_story_briefs_without_the_warning(stories: dict[str, list[Article]]) -> None:
    assert _mixed_notes(newsfuse.brief(EXAMPLES / "story", analyse=False)) == []
    assert mixed_story_note(stories["lowmere-dam"]) is None
    assert mixed_story_note(stories["ferry-strike"]) is None


def test_a_lone_odd_article_is_no_second_story(stories: dict[str, list[Article]]) -> None:
    """One article of another story among five is left to the reader (the clusterer also
    leaves an odd report of the same story on its own); it still forms its own group."""
    articles = stories["lowmere-dam"] + stories["orchard-festival"]
    assert [len(g) for g in story_groups(articles)] == [5, 1]
    assert mixed_story_note(articles) is None


def test_a_batch_line_mixing_stories_gets_the_warning(tmp_path: Path, stories: dict[str, list[Article]]) -> None:
    def line(story_id: str, articles: list[Article]) -> dict[str, object]:
        return {"id": story_id, "articles": [{"text": a.text, "title": a.title, "outlet": a.outlet} for a in articles]}

    lines = [
        line("one", stories["ferry-strike"]),
        line("two", stories["ferry-strike"][:2] + stories["lowmere-dam"][:3]),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    one, two = newsfuse.brief_stories(path, analyse=False)
    assert _mixed_notes(one) == []
    (note,) = _mixed_notes(two)
    assert "look like 2 different stories (3 on “" in note


def test_every_view_shows_the_warning_before_the_summary(stories: dict[str, list[Article]]) -> None:
    """The reader meets the warning above the summary in Markdown, HTML and the terminal (and
    still in the problems list at the end)."""
    import io

    from rich.console import Console

    from newsfuse.render.html import brief_to_html
    from newsfuse.render.markdown import brief_to_markdown
    from newsfuse.render.terminal import print_brief

    brief = newsfuse.brief(stories["lowmere-dam"] + stories["ferry-strike"], analyse=False)
    first = " ".join(brief.summary[0].text.split()[:3])  # plain words: the same in every view
    buffer = io.StringIO()
    print_brief(brief, Console(file=buffer, width=200, color_system=None))
    for view in (brief_to_markdown(brief), brief_to_html(brief), buffer.getvalue()):
        assert view.index("look like 2 different stories") < view.index(first)
        assert view.count("look like 2 different stories") == 2  # above, and in the problems
    single = newsfuse.brief(stories["lowmere-dam"], analyse=False)
    assert "lead-warning" not in brief_to_html(single).split("<style>")[-1].split("</style>")[-1]
