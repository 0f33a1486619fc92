"""The web page in a real headless Chromium (Debian's, driven by the playwright package; never
``playwright install``), against uvicorn on a free loopback port, over a store of the example
story, the seeds (when ../shared is there) and a hostile story."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SHARED  # tests/ is on sys.path (pytest's rootdir-based import)
from test_web import EXAMPLES, hostile_articles

from newsfuse.store import Store
from newsfuse.stories.collect import add_paths

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Flags for a sandbox-less container and no network chatter of the browser's own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:
    pytest.skip(
        "browser tests skipped: the playwright Python package is not installed (pip install -e '.[dev]')",
        allow_module_level=True,
    )
if not Path(CHROMIUM).exists():
    pytest.skip(
        f"browser tests skipped: no chromium at {CHROMIUM} (apt-get install chromium; .ci/run does it)",
        allow_module_level=True,
    )

import uvicorn  # noqa: E402

from newsfuse.web import create_app  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "stories.db"
    with Store(db) as store:
        inputs: list[Path] = [EXAMPLES]
        if (SHARED / "seeds").is_dir():
            inputs.append(SHARED / "seeds")
        add_paths(store, inputs)
        for article in hostile_articles():
            store.insert_article(article, "evil")
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    p = context.new_page()
    yield p
    context.close()


def test_search_open_a_story_and_follow_a_citation_to_its_sentence(server: str, page: Page) -> None:
    page.goto(server + "/")
    assert page.locator("ol.stories > li").count() >= 2
    page.fill("#q", "spillway")
    page.click("button[type=submit]")
    page.wait_for_url("**/?q=spillway**")
    titles = page.locator("a.story-title")
    assert titles.count() == 1
    titles.first.click()
    page.wait_for_url("**/story/**")
    mark = page.locator("#summary sup.cite a").first
    mark.hover()
    tip = mark.locator(".tip")
    assert tip.is_visible()  # hovering a mark shows that outlet's sentence
    href = mark.get_attribute("href") or ""
    article_id, _, anchor = href.removeprefix("/article/").partition("#")
    start, end = (int(x) for x in anchor.removeprefix("s-").split("-"))
    mark.click()
    page.wait_for_url(f"**{href}")
    target = page.locator(":target")
    assert target.count() == 1
    highlighted = target.inner_text()
    text = page.request.get(f"{server}/api/article/{article_id}").json()["text"]
    assert highlighted == text[start:end]
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert target.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight }")


def test_the_hostile_story_runs_no_script(server: str, page: Page) -> None:
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for url in ("/", "/story/evil", "/article/evil-1", "/article/evil-2"):
        page.goto(server + url)
        page.wait_for_load_state("load")
        for link in page.locator("a").all():
            assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    assert page.locator("img").count() == 0
    assert "<script>" in page.locator(".text").inner_text()  # shown as text, not run
    assert dialogs == [] and errors == []


def test_a_phone_wide_page_has_no_horizontal_scroll(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    try:
        page.goto(server + "/")
        story = page.locator("a.story-title").first.get_attribute("href") or ""
        with urllib.request.urlopen(server + "/api" + story) as response:  # ids are hashes: ask the page
            article = "/article/" + json.load(response)["articles"][0]["id"]
        for url in ("/", story, article, "/story/evil"):
            page.goto(server + url)
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= 390, f"{url}: {wide}px wide at 390"
    finally:
        context.close()


def test_the_citation_marks_can_be_reached_by_keyboard(server: str, page: Page) -> None:
    page.goto(server + "/")
    page.locator("a.story-title").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/story/**")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('sup.cite') !== null"):
            break
    else:
        pytest.fail("no citation mark reached with Tab")
    assert page.locator("sup.cite a:focus .tip").is_visible()  # focus shows the sentence too
