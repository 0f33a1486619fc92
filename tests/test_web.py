"""The web page (`newsfuse serve`), in-process with starlette's TestClient over a real store: the
example story, and a hostile story whose text, title, outlet and URL try to run script."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from newsfuse.cli import app as cli_app
from newsfuse.model import Article
from newsfuse.render.json import load_schema
from newsfuse.store import Store
from newsfuse.stories.collect import add_paths
from newsfuse.web import create_app
from newsfuse.web.app import CSP

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "story"

HOSTILE_TITLE = "<script>alert('title')</script> Council <b>vote</b>"
HOSTILE_TEXT = (
    "The council voted on Tuesday. <img src=x onerror=alert('img')> The mayor, Jane Doe, spoke.\n\n"
    "\"We will <script>alert('quote')</script> act now,\" said Jane Doe, the mayor of Lowtown. "
    "Read more at <a href=\"javascript:alert('link')\">this link</a>. Forty people attended."
)


def hostile_articles() -> list[Article]:
    return [
        Article(
            id="evil-1",
            text=HOSTILE_TEXT,
            outlet="<i>Evil Times</i>",
            title=HOSTILE_TITLE,
            url="javascript:alert('url')",
        ),
        Article(
            id="evil-2",
            text=HOSTILE_TEXT.replace("Forty", "Fifty"),
            outlet="Plain Post",
            title="Council vote <img src=x onerror=alert(2)>",
            url="https://example.org/council?a=1&b=<2>",
        ),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "stories.db"
    with Store(path) as store:
        add_paths(store, [EXAMPLES])
        for article in hostile_articles():
            store.insert_article(article, "evil")
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def example_article(client: TestClient) -> str:
    """The id of the Daily Courier's article (ids come from the content, not the file name)."""
    story = client.get(f"/api/story/{example_story(client)}").json()
    return next(a["id"] for a in story["articles"] if a["outlet"] == "Daily Courier")


def example_story(client: TestClient) -> str:
    stories = client.get("/api/stories").json()["stories"]
    return next(s["id"] for s in stories if "Daily Courier" in s["outlets"])


class _Elements(HTMLParser):
    """Element ids -> their text, hrefs, and every attribute, from a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []
        self.text_of: dict[str, str] = {}
        self.hrefs: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        self.attrs += [(tag, k, v) for k, v in attrs]
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        if tag not in ("br", "img", "meta", "link", "input"):
            self.open.append((tag, a.get("id")))
            if a.get("id"):
                self.text_of[a["id"] or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            t, _ = self.open.pop()
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, ident in self.open:
            if ident:
                self.text_of[ident] += data


def parse(html: str) -> _Elements:
    p = _Elements()
    p.feed(html)
    return p


def test_the_stories_page_lists_the_stories_newest_first_with_search_and_dates(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Daily Courier" in page.text and "Plain Post" in page.text
    listed = client.get("/api/stories").json()
    assert listed["schema"] == "newsfuse.stories/1"
    assert len(listed["stories"]) == 2
    found = client.get("/api/stories", params={"q": "spillway"}).json()["stories"]
    assert [s["id"] for s in found] == [example_story(client)]
    assert "No stories match" in client.get("/", params={"q": "zzzxq"}).text
    assert client.get("/api/stories", params={"since": "2999-01-01"}).json()["stories"] == []
    bad = client.get("/", params={"since": "next tuesday"})
    assert bad.status_code == 200 and "YYYY-MM-DD" in bad.text
    assert client.get("/api/stories", params={"page": "2"}).json()["stories"] == []
    assert client.get("/api/stories", params={"page": "x"}).status_code == 200


def test_a_story_page_cites_each_sentence_at_its_span_in_the_article(client: TestClient) -> None:
    story = example_story(client)
    page = client.get(f"/story/{story}")
    assert page.status_code == 200
    brief = client.get(f"/api/story/{story}").json()
    texts = {a["id"]: client.get(f"/api/article/{a['id']}").json()["text"] for a in brief["articles"]}
    cites = re.findall(r'href="/article/([^"#]+)#s-(\d+)-(\d+)"', page.text)
    assert len(cites) >= len(brief["summary"])
    article_id, start, end = cites[0]
    cited = texts[article_id][int(start) : int(end)]
    assert cited in brief["summary"][0]["text"] or brief["summary"][0]["sources"][0]["text"] == cited
    article = parse(client.get(f"/article/{article_id}").text)
    assert article.text_of[f"s-{start}-{end}"] == cited  # what :target highlights is the cited span
    for aid, s, e in cites:  # every mark on the page lands on an element holding exactly its span
        if aid == article_id:
            assert article.text_of[f"s-{s}-{e}"] == texts[aid][int(s) : int(e)]
    for section in ("Summary", "Who said what", "People, organisations, places", "Sources"):
        assert section in page.text
    # the article page's way back names the story as the story page is headed
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.text, re.S)
    assert heading is not None
    crumb = re.search(
        r'<p class="crumbs"><a href="/story/[^"]+">← (.*?)</a>', client.get(f"/article/{article_id}").text
    )
    assert crumb is not None and crumb.group(1).strip() == heading.group(1).strip()


def test_the_json_twins_follow_their_schemas(client: TestClient) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    story = example_story(client)
    brief = client.get(f"/api/story/{story}").json()
    jsonschema.validate(brief, load_schema())
    article = client.get(f"/api/article/{brief['articles'][0]['id']}").json()
    assert article["schema"] == "newsfuse.article/1" and article["story"] == story
    assert article["article"] == brief["articles"][0]
    for span in article["cited"]:
        assert span["kind"] in ("cited", "quoted")


def test_a_viewed_story_with_a_disagreement_gets_a_badge_in_the_list(client: TestClient) -> None:
    story = example_story(client)
    brief = client.get(f"/api/story/{story}").json()
    assert brief["disagreements"]
    listed = {s["id"]: s for s in client.get("/api/stories").json()["stories"]}
    assert listed[story]["warning"] is True
    assert "outlets differ" in client.get("/").text


def test_every_page_has_the_content_security_policy(client: TestClient) -> None:
    story = example_story(client)
    article = example_article(client)
    for url in ("/", f"/story/{story}", f"/article/{article}", "/api/stories", "/static/style.css", "/nope"):
        response = client.get(url)
        assert response.headers["content-security-policy"] == CSP, url
        assert "default-src 'self'" in CSP
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "url",
    [
        "/story/999",
        "/article/no-such-article",
        "/story/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/article/..%2F..%2Fetc%2Fpasswd",
        "/article/%00",
        "/story/" + "x" * 400,
        "/static/../../pyproject.toml",
        "/no/such/page",
    ],
)
def test_unknown_ids_give_a_404_page_never_a_traceback(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "Traceback" not in response.text and 'File "' not in response.text
    assert "Not found" in response.text or response.headers["content-type"].startswith("text/plain")


def test_unknown_ids_in_the_api_give_a_json_404(client: TestClient) -> None:
    for url in ("/api/story/999", "/api/article/nope"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["status"] == 404


def test_hostile_text_is_escaped_and_runs_nothing(client: TestClient) -> None:
    for url in ("/", "/story/evil", "/article/evil-1", "/article/evil-2", "/?q=council"):
        response = client.get(url)
        assert response.status_code == 200, url
        page = parse(response.text)
        assert "script" not in page.tags and "img" not in page.tags, url  # no element came from the text
        assert not [a for a in page.attrs if a[1].startswith("on")], url
        assert not [h for h in page.hrefs if h.strip().lower().startswith("javascript:")], url
        assert "&lt;script&gt;" in response.text or "&lt;img" in response.text, url
    page = client.get("/story/evil").text
    assert "https://example.org/council?a=1&amp;b=&lt;2&gt;" in page  # a real URL is still linked, escaped


def test_the_page_only_reads_the_store(db: Path, client: TestClient) -> None:
    def state() -> tuple[str, int]:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dump = "\n".join(conn.iterdump())
            return hashlib.sha1(dump.encode()).hexdigest(), conn.execute("PRAGMA data_version").fetchone()[0]
        finally:
            conn.close()

    before = state()
    story = example_story(client)
    for url in ("/", f"/story/{story}", f"/article/{example_article(client)}", "/api/story/evil", "/?q=dam"):
        client.get(url)
    assert client.post("/").status_code == 405
    assert state()[0] == before[0]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        Store(db, readonly=True).conn.execute("DELETE FROM feeds")


def test_a_story_that_gains_an_article_is_briefed_again(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    texts = sorted(EXAMPLES.glob("*.txt"))
    with Store(db) as store:
        add_paths(store, texts[:2])
        story = store.stories()[0].id
    with TestClient(create_app(db)) as client:
        first = client.get(f"/api/story/{story}").json()
        client.get(f"/story/{story}")
        assert client.app.state.cache.builds == 1  # type: ignore[attr-defined]
        with Store(db) as store:
            extra = Article(id="late", text=(EXAMPLES / "riverside_post.txt").read_text(), outlet="Late Post")
            store.insert_article(extra, story)
        second = client.get(f"/api/story/{story}").json()
        assert client.app.state.cache.builds == 2  # type: ignore[attr-defined]
        assert len(second["articles"]) == len(first["articles"]) + 1


def test_serve_refuses_a_missing_store_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no store here yet" in result.output
    assert not (tmp_path / "none.db").exists()


def test_a_story_checked_when_added_is_flagged_in_the_list_before_anyone_views_it(tmp_path: Path) -> None:
    db = tmp_path / "checked.db"
    res = CliRunner().invoke(cli_app, ["add", str(EXAMPLES), "--db", str(db), "--analyse"])
    assert res.exit_code == 0, res.output
    assert "1 story checked for misquotes and disagreements" in res.output
    with TestClient(create_app(db)) as client:
        listed = client.get("/api/stories").json()["stories"]
        assert client.app.state.cache.builds == 0  # type: ignore[attr-defined]  # nothing was briefed here
        story = next(s for s in listed if "Daily Courier" in s["outlets"])
        assert story["warning"] is True and story["disagreements"] >= 1
        assert "outlets differ" in client.get("/").text
        brief = client.get(f"/api/story/{story['id']}").json()
        assert story["disagreements"] == len(brief["disagreements"])


def test_a_story_never_briefed_is_not_flagged_either_way(db: Path) -> None:
    with TestClient(create_app(db)) as client:  # a fresh app: its cache is empty
        listed = client.get("/api/stories").json()["stories"]
        assert all(s["warning"] is None and s["misquotes"] is None for s in listed)
