"""``newsfuse serve``: a small read-only web view over the store (starlette, jinja2, uvicorn).

Pages, each with a JSON twin under ``/api/``:

- ``/`` (``/api/stories``): the stories, newest first; ``?q=`` searches (FTS5), ``?since=`` keeps
  stories seen since a day (or ``3d``, ``2w``), ``?page=`` pages.
- ``/story/ID`` (``/api/story/ID``: the documented brief JSON, ``newsfuse.brief/1``).
- ``/article/ID`` (``/api/article/ID``): the text, cited sentences and quotes highlighted.

The store is opened read-only (SQLite ``mode=ro``), one connection per worker thread. Briefs are
built from the store's cached per-article analyses (articles without one are read), once per
story, and kept in memory keyed by the story's article count and last change, so a story that
gains an article is briefed again on its next view. Every response carries a
Content-Security-Policy that allows nothing from outside; jinja2 escapes every string.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsfuse.brief.build import build_brief
from newsfuse.errors import NewsfuseError, NotFound
from newsfuse.model import Brief, Story
from newsfuse.render.common import brief_title
from newsfuse.render.json import brief_to_dict
from newsfuse.store import Store
from newsfuse.stories.listing import STORIES_SCHEMA, list_stories, parse_since, story_to_dict
from newsfuse.web.views import article_nodes, has_warning, story_view

__all__ = ["create_app", "BriefCache", "PAGE_SIZE", "CSP", "CACHE_STORIES"]

HERE = Path(__file__).resolve().parent

#: Stories per page of the list: a screen or two on a laptop, and a listing query that reads
#: no article text stays a few milliseconds (bench/web_load.py).
PAGE_SIZE = 20
#: Briefs kept in memory (least recently viewed dropped first). A brief of a few articles is
#: tens of kilobytes with its articles' texts; 500 keep a whole stories_dev store within ~50 MB.
CACHE_STORIES = 500
#: Nothing from anywhere but this server; no inline script or style; no framing; forms post here.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
#: An id from the store: any characters but a slash, a backslash or control characters, and not
#: ``.`` or ``..``; the id only ever goes into SQL as a parameter, never into a file path.
_ID = re.compile(r"[^/\\\x00-\x1f\x7f]{1,300}")


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def valid_id(value: str) -> str:
    """``value`` if it can be a stored id; else a 404 (never a look-up, never a path)."""
    if not _ID.fullmatch(value) or value in (".", ".."):
        raise HTTPException(404, "no such page")
    return value


class BriefCache:
    """Briefs by story id, each kept with the story's article count and last change; a story that
    has changed since is briefed again. One build per story at a time (others wait for it)."""

    def __init__(self, build: Callable[[Story], Brief], size: int = CACHE_STORIES) -> None:
        self._build = build
        self._size = size
        self._items: OrderedDict[str, tuple[tuple[int, str], Brief]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[str, threading.Lock] = {}
        self.builds = 0

    @staticmethod
    def key(story: Story) -> tuple[int, str]:
        return (story.articles, story.updated.isoformat())

    def peek(self, story: Story) -> Brief | None:
        """The cached brief if it is still current, without building one."""
        with self._lock:
            item = self._items.get(story.id)
        return item[1] if item and item[0] == self.key(story) else None

    def get(self, story: Story) -> Brief:
        brief = self.peek(story)
        if brief is not None:
            with self._lock:
                self._items.move_to_end(story.id)
            return brief
        with self._lock:
            lock = self._building.setdefault(story.id, threading.Lock())
        with lock:
            brief = self.peek(story)
            if brief is None:
                brief = self._build(story)
                self.builds += 1
                with self._lock:
                    self._items[story.id] = (self.key(story), brief)
                    self._items.move_to_end(story.id)
                    while len(self._items) > self._size:
                        self._items.popitem(last=False)
        return brief


class _Stores(threading.local):
    store: Store | None = None


def create_app(db: str | Path, *, words: int | None = None) -> Starlette:
    """The web app over the store file ``db`` (opened read-only; it must exist)."""
    path = Path(db)
    Store(path, readonly=True).close()  # fail now, with the store's message, not on the first page
    stores = _Stores()
    templates = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def store() -> Store:
        if stores.store is None:
            stores.store = Store(path, readonly=True)
        return stores.store

    def build(story: Story) -> Brief:
        """The story's brief, from the store's cached analyses where it has them; the missing ones
        are read from the articles and not saved (the page only reads the store)."""
        articles = store().story_articles(story.id)
        records = store().analyses_of(articles, write_back=False)
        options: dict[str, Any] = {"story_id": story.id, "analyses": records}
        if words:
            options["words"] = words
        return build_brief(articles, **options)

    cache = BriefCache(build)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = templates.get_template(name).render(request=request, **context)
        return HTMLResponse(html, status_code=status)

    def story_or_404(story_id: str) -> Story:
        try:
            return store().story(valid_id(story_id))
        except NotFound:
            raise HTTPException(404, f"no story {story_id!r}") from None

    # --- stories ----------------------------------------------------------------------

    def listing(request: Request) -> dict[str, Any]:
        q = (request.query_params.get("q") or "").strip()[:200]
        since_text = (request.query_params.get("since") or "").strip()[:40]
        try:
            number = max(1, min(int(request.query_params.get("page") or 1), 10_000))
        except ValueError:
            number = 1
        error = ""
        try:
            since = parse_since(since_text) if since_text else None
        except NewsfuseError as e:
            since, error = None, str(e).replace("--since", "since")
        stories = list_stories(store(), since=since, search=q or None, limit=number * PAGE_SIZE + 1)
        shown = stories[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        flagged = {}
        for s in shown:
            brief = cache.peek(s)
            if brief is not None:
                flagged[s.id] = has_warning(brief)
            elif s.misquotes is not None and s.disagreements is not None:  # kept by the last brief made
                flagged[s.id] = bool(s.misquotes or s.disagreements)
            else:
                flagged[s.id] = None  # not briefed since it last changed: unknown until viewed
        return {
            "q": q,
            "since": since_text,
            "page": number,
            "more": len(stories) > number * PAGE_SIZE,
            "stories": shown,
            "flagged": flagged,
            "error": error,
        }

    def stories_page(request: Request) -> Response:
        return page(request, "stories.html", **listing(request))

    def stories_api(request: Request) -> Response:
        data = listing(request)
        return JSONResponse(
            {
                "schema": STORIES_SCHEMA,
                "page": data["page"],
                "more": data["more"],
                "stories": [{**story_to_dict(s), "warning": data["flagged"][s.id]} for s in data["stories"]],
            }
        )

    # --- a story ----------------------------------------------------------------------

    def brief_of(story_id: str) -> Brief:
        return cache.get(story_or_404(story_id))

    def story_page(request: Request) -> Response:
        brief = brief_of(request.path_params["story_id"])
        return page(request, "story.html", view=story_view(brief))

    def story_api(request: Request) -> Response:
        return JSONResponse(brief_to_dict(brief_of(request.path_params["story_id"])))

    # --- an article -------------------------------------------------------------------

    def article_data(article_id: str) -> tuple[Brief, int]:
        valid_id(article_id)
        try:
            story_id = store().story_of(article_id)
        except NotFound:
            raise HTTPException(404, f"no article {article_id!r}") from None
        brief = brief_of(story_id)
        index = next(i for i, a in enumerate(brief.articles) if a.id == article_id)
        return brief, index

    def spans(brief: Brief, article_id: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
        """The targets (every span the brief cites in this article) and the marks to colour."""
        cited = [(r.start, r.end) for item in brief.summary for r in item.sources if r.article == article_id]
        quoted = [(c.start, c.end) for q in brief.quotes for c in q.carried_by if c.article == article_id]
        facts = [
            (m.start, m.end)
            for d in brief.disagreements
            for _, mentions in d.values
            for m in mentions
            if m.article == article_id
        ]
        # framing (issue 9): each loaded word and each other outlet's wording for it is a target
        loaded = [
            (r.start, r.end)
            for f in brief.framing
            for i in f.items
            for r in (i.ref, *(alt for _, alt in i.alternatives))
            if r.article == article_id
        ]
        facts += [(m.start, m.end) for e in brief.timeline for m in e.sources if m.article == article_id]  # issue 9
        article = next(a for a in brief.articles if a.id == article_id)
        marks = [(b.start, b.end, "boilerplate") for b in article.boilerplate]
        marks += [(s, e, "cited") for s, e in cited + facts] + [(s, e, "quoted") for s, e in quoted]
        return cited + quoted + facts + loaded, marks

    def article_page(request: Request) -> Response:
        brief, index = article_data(request.path_params["article_id"])
        article = brief.articles[index]
        targets, marks = spans(brief, article.id)
        return page(
            request,
            "article.html",
            article=article,
            number=index + 1,
            story=brief.id,
            story_title=brief_title(brief),  # as the story page it links back to is headed
            nodes=article_nodes(article, targets, marks),
        )

    def article_api(request: Request) -> Response:
        brief, index = article_data(request.path_params["article_id"])
        article = brief.articles[index]
        data = brief_to_dict(brief)["articles"][index]
        targets, marks = spans(brief, article.id)
        return JSONResponse(
            {
                "schema": "newsfuse.article/1",
                "story": brief.id,
                "article": data,
                "text": article.text,
                "boilerplate": [{"start": b.start, "end": b.end} for b in article.boilerplate],
                "cited": [{"start": s, "end": e, "kind": k} for s, e, k in marks if k != "boilerplate"],
            }
        )

    # --- errors -----------------------------------------------------------------------

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        detail = {404: str(getattr(exc, "detail", "")) or "no such page", 405: "this page only reads"}.get(
            status, "something went wrong"
        )
        if is_api(request):
            return JSONResponse({"error": detail, "status": status}, status_code=status)
        return page(request, "error.html", status=status, status_code=status, detail=detail)

    async def server_error(request: Request, exc: Exception) -> Response:
        if is_api(request):
            return JSONResponse({"error": "something went wrong", "status": 500}, status_code=500)
        return page(request, "error.html", status=500, status_code=500, detail="something went wrong")

    routes = [
        Route("/", stories_page, name="stories"),
        Route("/story/{story_id}", story_page, name="story"),
        Route("/article/{article_id}", article_page, name="article"),
        Route("/api/stories", stories_api),
        Route("/api/story/{story_id}", story_api),
        Route("/api/article/{article_id}", article_api),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    app.state.cache = cache
    app.state.db = path
    return app
