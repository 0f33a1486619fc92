"""Feeds: subscribe (URL, OPML), fetch over real HTTP from a local server on 127.0.0.1, serving
our own fixtures (tests/fixtures/store: a fictional ferry strike). No test reaches the internet."""

from __future__ import annotations

import hashlib
import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.errors import InputError
from newsfuse.ingest.fetch import USER_AGENT, Fetcher, FetchSettings
from newsfuse.model import Feed
from newsfuse.store import Store
from newsfuse.stories.collect import fetch_feeds, subscribe

FIXTURES = Path(__file__).parent / "fixtures" / "store"


#: No waiting in tests: no gap between requests to the local host, a tiny back-off.
FAST = FetchSettings(host_interval=0.0, backoff=0.01, connect_timeout=2.0, read_timeout=5.0)

LAST_MODIFIED = "Tue, 14 Apr 2026 10:00:00 GMT"
TYPES = {".xml": "application/rss+xml", ".atom": "application/atom+xml", ".html": "text/html; charset=utf-8"}


@dataclass
class Site:
    """What the local server serves, and what it was asked."""

    base: str = ""
    status: dict[str, int] = field(default_factory=dict)  # path -> a status it always answers
    fail_first: dict[str, int] = field(default_factory=dict)  # path -> 503s before it answers
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    delay: float = 0.0  # seconds each answer takes
    spans: list[tuple[float, float]] = field(default_factory=list)  # (start, end) of each answer
    most_at_once: int = 0
    _now: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def begin(self) -> float:
        with self._lock:
            self._now += 1
            self.most_at_once = max(self.most_at_once, self._now)
        return time.monotonic()

    def end(self, started: float) -> None:
        with self._lock:
            self._now -= 1
            self.spans.append((started, time.monotonic()))

    def body(self, path: str) -> bytes | None:
        file = FIXTURES / path.lstrip("/")
        if not file.is_file():
            return None
        return file.read_text(encoding="utf-8").replace("{base}", self.base).encode("utf-8")

    def asked(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]


def _handler(site: Site) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server name)
            started = site.begin()
            try:
                time.sleep(site.delay)
                self._answer()
            finally:
                site.end(started)

        def _answer(self) -> None:
            site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            if site.fail_first.get(self.path, 0) > 0:
                site.fail_first[self.path] -= 1
                return self._send(503, b"busy", "text/plain")
            if self.path in site.status:
                return self._send(site.status[self.path], b"no", "text/plain")
            body = site.body(self.path)
            if body is None:
                return self._send(404, b"not found", "text/plain")
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", None, etag)
            self._send(200, body, TYPES.get(Path(self.path).suffix, "text/plain"), etag)

        def _send(self, status: int, body: bytes, kind: str | None, etag: str | None = None) -> None:
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "news.db") as store:
        yield store


def test_fetch_adds_full_entries_and_the_pages_behind_teasers(site: Site, store: Store) -> None:
    store.add_feed(f"{site.base}/gazette.xml")
    store.add_feed(f"{site.base}/northport.atom")
    report = fetch_feeds(store, settings=FAST)
    assert report.feeds_fetched == 2 and report.feeds_failed == 0, report.problems
    assert report.counts.added == 4
    texts = {a.title: a for s in store.stories() for a in store.story_articles(s.id)}
    walkout = texts["Ferry walkout strands 2,400 on Brennick as union strikes over rosters"]
    # The teaser ("Read the full story.") was replaced by the page, extracted by the HTML ingest.
    assert "Read the full story" not in walkout.text
    assert "Island shops ran short of bread and milk" in walkout.text
    assert walkout.outlet == "Northport Daily"
    assert walkout.url == f"{site.base}/pages/northport-ferry.html"
    gazette = texts["Brennick ferry crews strike over new rosters"]
    assert gazette.outlet == "Harbour Gazette" and gazette.date is not None
    assert all(headers["user-agent"] == USER_AGENT for _, headers in site.requests)


def test_a_second_poll_sends_the_etag_and_a_304_adds_nothing(site: Site, store: Store) -> None:
    store.add_feed(f"{site.base}/gazette.xml")
    first = fetch_feeds(store, settings=FAST)
    assert first.counts.added == 2
    (feed,) = store.feeds()
    assert feed.etag and feed.last_modified == LAST_MODIFIED and feed.last_fetched and feed.error is None
    second = fetch_feeds(store, settings=FAST)
    assert second.feeds_not_modified == 1 and second.feeds_fetched == 0
    assert second.counts.added == 0 and second.counts.duplicates == 0
    polls = site.asked("/gazette.xml")
    assert "if-none-match" not in polls[0]
    assert polls[1]["if-none-match"] == feed.etag and polls[1]["if-modified-since"] == LAST_MODIFIED
    assert store.count_articles() == 2


def test_a_changed_feed_is_fetched_again_and_its_old_entries_are_duplicates(site: Site, store: Store) -> None:
    store.add_feed(f"{site.base}/gazette.xml")
    fetch_feeds(store, settings=FAST)
    store.save_feed(Feed(url=f"{site.base}/gazette.xml", title="Harbour Gazette", etag='"stale"'))
    again = fetch_feeds(store, settings=FAST)
    assert again.feeds_fetched == 1
    assert again.counts.added == 0 and again.counts.duplicates == 2
    assert store.count_articles() == 2


def test_a_failing_feed_is_one_problem_and_the_others_still_run(site: Site, store: Store) -> None:
    site.status["/down.xml"] = 500
    for path in ("/down.xml", "/missing.xml", "/gazette.xml"):
        store.add_feed(f"{site.base}{path}")
    store.add_feed("http://127.0.0.1:9/refused.xml")  # the discard port: nothing listens there
    report = fetch_feeds(store, settings=FAST)
    assert report.feeds_failed == 3 and report.feeds_fetched == 1
    assert report.counts.added == 2
    by_origin = {p.origin: p.message for p in report.problems}
    assert "HTTP 500" in by_origin[f"{site.base}/down.xml"]
    assert "HTTP 404" in by_origin[f"{site.base}/missing.xml"]
    assert "http://127.0.0.1:9/refused.xml" in by_origin
    assert len(site.asked("/down.xml")) == FAST.retries + 1  # a 500 is retried, then given up
    assert len(site.asked("/missing.xml")) == 1  # a 404 is not
    errors = {f.url: f.error for f in store.feeds()}
    assert errors[f"{site.base}/gazette.xml"] is None and errors[f"{site.base}/down.xml"]


def test_a_passing_503_is_retried_with_back_off(site: Site) -> None:
    site.fail_first["/gazette.xml"] = 2
    with Fetcher(FAST) as fetcher:
        result = fetcher.fetch_feed(Feed(url=f"{site.base}/gazette.xml"))
    assert result.error is None and len(result.articles) == 2
    assert len(site.asked("/gazette.xml")) == 3


def test_one_request_at_a_time_and_a_gap_per_host(site: Site) -> None:
    """Politeness, not speed: the server sees the requests to its host one after the other, each
    at least host_interval after the one before ended (a lower bound the client enforces)."""
    site.delay = 0.05  # each answer takes a while, so overlapping requests would show
    settings = FetchSettings(host_interval=0.2, backoff=0.01, workers=4)
    feeds = [Feed(url=f"{site.base}/gazette.xml"), Feed(url=f"{site.base}/x.xml"), Feed(url=f"{site.base}/y.xml")]
    with Fetcher(settings) as fetcher:
        assert len(list(fetcher.fetch_all(feeds))) == 3
    assert site.most_at_once == 1
    spans = sorted(site.spans)
    assert len(spans) == 3
    assert all(later[0] - earlier[1] >= 0.2 - 0.01 for earlier, later in zip(spans, spans[1:], strict=False))


def test_a_teaser_whose_page_fails_is_kept_with_a_warning(site: Site, store: Store) -> None:
    site.status["/pages/northport-seawall.html"] = 404
    store.add_feed(f"{site.base}/northport.atom")
    report = fetch_feeds(store, settings=FAST)
    assert report.counts.added == 2
    (warning,) = [p for p in report.problems if "seawall" in p.origin]
    assert not warning.fatal and "teaser" in warning.message


def test_subscribe_to_an_opml_list_and_to_urls(site: Site, store: Store, tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(site.body("/feeds.opml").decode("utf-8"), encoding="utf-8")  # type: ignore[union-attr]
    added, known = subscribe(store, str(opml))
    assert added == [f"{site.base}/gazette.xml", f"{site.base}/northport.atom", f"{site.base}/gone.xml"]
    assert known == []
    assert subscribe(store, f"{site.base}/gazette.xml") == ([], [f"{site.base}/gazette.xml"])
    assert subscribe(store, f"{site.base}/feeds.opml", settings=FAST) == ([], added)
    titles = {f.url: f.title for f in store.feeds()}
    assert titles[f"{site.base}/gazette.xml"] == "Harbour Gazette"
    with pytest.raises(InputError):
        subscribe(store, "feeds-that-do-not-exist.opml")
    with pytest.raises(InputError):
        subscribe(store, "ftp://example.org/feed.xml")


def test_feeds_and_fetch_commands(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    opml = tmp_path / "feeds.opml"
    opml.write_text(site.body("/feeds.opml").decode("utf-8"), encoding="utf-8")  # type: ignore[union-attr]
    runner = CliRunner()
    res = runner.invoke(app, ["feeds", "add", str(opml), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "3 feeds added" in res.stdout
    res = runner.invoke(app, ["fetch", "--db", str(db)])
    # gone.xml is a 404: one failing feed, the others added -> exit 1
    assert res.exit_code == 1, res.output
    assert "2 fetched" in res.stdout and "1 failed" in res.stdout and "4 added" in res.stdout
    assert "gone.xml" in res.stderr and "HTTP 404" in res.stderr
    res = runner.invoke(app, ["feeds", "list", "--db", str(db)])
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert len(lines) == 3 and any("error: HTTP 404" in line for line in lines)
