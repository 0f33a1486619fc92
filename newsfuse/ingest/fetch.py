"""Fetching feeds and pages over HTTP (httpx): one poll of a feed in, its entries as Articles out.

Polite and robust by default:

- a clear user agent (:data:`USER_AGENT`), timeouts on connect and read;
- conditional GET: the ETag and Last-Modified of the last fetch are sent back, and a ``304 Not
  Modified`` costs no parse;
- retries with exponential back-off on network errors and on 429/5xx (a ``Retry-After`` header
  is honoured up to :data:`MAX_RETRY_AFTER_SECONDS`);
- a limit per host: one request at a time to a host, at least ``host_interval`` seconds apart;
- an entry that holds only a teaser (fewer than ``teaser_max_words`` words, with a link) is
  replaced by the linked page, extracted by the HTML ingest (trafilatura), at most
  ``max_pages_per_feed`` pages per feed and poll.

A feed that fails is one :class:`FeedResult` with ``error`` set; it never stops the others.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from newsfuse.errors import FetchError, InputError
from newsfuse.ingest.decode import decode_bytes
from newsfuse.ingest.feeds import parse_feed
from newsfuse.ingest.html import declared_charset, parse_html
from newsfuse.ingest.outlet import domain_of
from newsfuse.model import Article, Feed, Problem

__all__ = ["USER_AGENT", "FetchSettings", "FeedResult", "Fetcher", "is_teaser"]

#: Who we are, on every request: a name, a version and what we do, so a site owner can tell.
USER_AGENT = "newsfuse/0.1.0 (news feed reader; polls each feed once per run)"

#: Status codes worth another try: rate limiting and passing server trouble.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: Longest wait a server's Retry-After may ask of us before we give up on that feed for this run.
MAX_RETRY_AFTER_SECONDS = 30.0
#: Largest response body read (a feed or a page); a bigger one is refused, not truncated.
MAX_BYTES = 10_000_000


@dataclass(frozen=True)
class FetchSettings:
    """How fetching behaves; the defaults suit polling public news sites."""

    #: seconds to connect, and to wait for each read
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    #: tries after the first one, and the first back-off (doubled at each try)
    retries: int = 2
    backoff: float = 1.0
    #: at least this many seconds between two requests to one host (and one at a time)
    host_interval: float = 1.0
    #: an entry with fewer words than this and a link is a teaser: its page is fetched. Full feed
    #: entries run to hundreds of words; teasers (a dek, a first sentence) to one or two dozen.
    teaser_max_words: int = 60
    #: pages fetched for teasers per feed and poll, so one feed cannot take the whole run
    max_pages_per_feed: int = 30
    #: feeds fetched at once (each host still gets one request at a time)
    workers: int = 4
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class FeedResult:
    """One poll of one feed: its new state, its articles, and what went wrong (if anything)."""

    feed: Feed  # the state to save: ETag, Last-Modified, when, error
    articles: tuple[Article, ...] = ()
    problems: tuple[Problem, ...] = ()  # entries or pages that could not be used
    not_modified: bool = False  # the server said 304: nothing new since the last poll

    @property
    def error(self) -> str | None:
        return self.feed.error


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = 0.0


def is_teaser(article: Article, max_words: int) -> bool:
    """True when a feed entry holds only a teaser of the article its link points to."""
    return bool(article.url) and len(article.text.split()) < max_words


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


class Fetcher:
    """An HTTP client for feeds and pages; thread-safe; close it (or use ``with``) when done."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        s = self.settings
        self.client = httpx.Client(
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
            headers={"User-Agent": s.user_agent},
            follow_redirects=True,
            limits=httpx.Limits(max_connections=max(4, s.workers * 2)),
        )
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def _host(self, url: str) -> _Host:
        name = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            return self._hosts.setdefault(name, _Host())

    def get(self, url: str, headers: dict[str, str] | None = None) -> httpx.Response:
        """GET ``url`` with the host limit and retries; raises FetchError naming the URL."""
        s = self.settings
        host = self._host(url)
        delay = s.backoff
        for attempt in range(s.retries + 1):
            wait: float | None = None
            with host.lock:
                gap = host.last + s.host_interval - time.monotonic()
                if gap > 0:
                    time.sleep(gap)
                try:
                    response = self.client.get(url, headers=headers)
                    if len(response.content) > MAX_BYTES:
                        raise FetchError(url, f"response larger than {MAX_BYTES:,} bytes")
                except httpx.HTTPError as err:
                    reason = f"{type(err).__name__}: {err}".splitlines()[0] if str(err) else type(err).__name__
                    if attempt == s.retries:
                        raise FetchError(url, reason) from None
                    wait = delay
                else:
                    if response.status_code not in RETRY_STATUSES:
                        if response.status_code >= 400:
                            raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                        return response
                    if attempt == s.retries:
                        raise FetchError(
                            url,
                            f"HTTP {response.status_code} {response.reason_phrase} after {s.retries + 1} tries".strip(),
                        )
                    asked = _retry_after(response)
                    if asked is not None and asked > MAX_RETRY_AFTER_SECONDS:
                        raise FetchError(url, f"HTTP {response.status_code}: the server asks to wait {asked:.0f} s")
                    wait = max(delay, asked or 0.0)
                finally:
                    host.last = time.monotonic()
            time.sleep(wait or 0.0)
            delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def fetch_feed(self, feed: Feed) -> FeedResult:
        """Poll one feed once (conditional GET); teasers are replaced by their pages."""
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        headers: dict[str, str] = {}
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
        try:
            response = self.get(feed.url, headers)
        except FetchError as err:
            return FeedResult(replace(feed, last_fetched=now, error=err.message))
        if response.status_code == 304:
            return FeedResult(replace(feed, last_fetched=now, error=None), not_modified=True)
        stem = domain_of(feed.url) or "feed"
        try:
            articles, problems = parse_feed(response.content, origin=feed.url, stem=stem)
        except InputError as err:
            return FeedResult(replace(feed, last_fetched=now, error=err.message))
        outlets = Counter(a.outlet for a in articles)
        state = replace(
            feed,
            # Unnamed feeds take the outlet most entries carry (the feed's title, else its domain).
            title=feed.title or (outlets.most_common(1)[0][0] if outlets else None),
            etag=response.headers.get("etag") or None,
            last_modified=response.headers.get("last-modified") or None,
            last_fetched=now,
            error=None,
        )
        full, more = self._expand_teasers(articles)
        return FeedResult(state, tuple(full), tuple(problems) + tuple(more))

    def _expand_teasers(self, articles: list[Article]) -> tuple[list[Article], list[Problem]]:
        s = self.settings
        pages = 0
        out: list[Article] = []
        problems: list[Problem] = []
        for article in articles:
            if not is_teaser(article, s.teaser_max_words) or pages >= s.max_pages_per_feed:
                out.append(article)
                continue
            pages += 1
            try:
                page = self.page(article.url or "", outlet=article.outlet)
            except InputError as err:
                problems.append(Problem(err.origin, f"{err.message}; kept the feed's teaser", fatal=False))
                out.append(article)
                continue
            if len(page.text.split()) <= len(article.text.split()):
                out.append(article)
                continue
            out.append(
                replace(
                    article,
                    text=page.text,
                    boilerplate=page.boilerplate,
                    title=article.title or page.title,
                    date=article.date or page.date,
                )
            )
        return out, problems

    def page(self, url: str, outlet: str | None = None) -> Article:
        """The article on a web page (HTML ingest); raises an InputError naming the URL."""
        response = self.get(url, {"Accept": "text/html,application/xhtml+xml"})
        data = response.content
        declared = response.charset_encoding or declared_charset(data)
        text = decode_bytes(data, url, declared=declared).text
        article, _ = parse_html(text, origin=url, stem=domain_of(url) or "page", outlet=outlet)
        return article

    def fetch_all(self, feeds: Iterable[Feed]) -> Iterator[FeedResult]:
        """Poll every feed once, ``workers`` at a time; results as they come."""
        feeds = list(feeds)
        if not feeds:
            return
        with ThreadPoolExecutor(max_workers=max(1, self.settings.workers)) as pool:
            futures = [pool.submit(self.fetch_feed, feed) for feed in feeds]
            for future in as_completed(futures):
                yield future.result()
