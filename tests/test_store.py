"""The store on a real temporary SQLite file: model objects in and out, duplicates stored once,
migrations, search and listing, the commands; a writer killed with SIGKILL mid-add; a reader
working while a writer adds. Fixtures: tests/fixtures/store (a fictional ferry strike)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsfuse.api
from newsfuse.brief.editorial import warning_counts
from newsfuse.cli import app
from newsfuse.errors import NotFound, StoreError
from newsfuse.model import Article, Span
from newsfuse.store import Store, resolve_path, text_hash
from newsfuse.store.migrations import MIGRATIONS
from newsfuse.stories.collect import Adder, add_paths
from newsfuse.stories.listing import STORIES_SCHEMA, lead_title, list_stories, parse_since, story_title

REPO = Path(__file__).resolve().parents[1]

FIXTURES = Path(__file__).parent / "fixtures" / "store"
EXAMPLES = REPO / "examples"

STRIKE = Article(
    id="gazette-strike",
    text="Ferry crews on the Brennick crossing walked out at dawn on Tuesday.\n\nREAD MORE: Island news",
    outlet="Harbour Gazette",
    title="Brennick ferry crews strike over new rosters",
    date=dt.date(2026, 4, 14),
    url="https://harbourgazette.example/ferry-strike",
    origin="articles.jsonl:1",
    boilerplate=(Span(70, 92),),
    language="en",
)
LIFEBOAT = Article(
    id="old",
    text="The Skerra lifeboat crew was honoured.",
    outlet="Harbour Gazette",
    title="Lifeboat crew honoured",
    date=dt.date(2026, 1, 5),
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "news.db") as store:
        yield store


def _put(store: Store, *articles: Article) -> None:
    """Store each article in a story of its own, through the store alone (no clusterer)."""
    for article in articles:
        store.insert_article(article, store.new_story_id())


def _add(store: Store, *articles: Article) -> Adder:
    with Adder(store) as adder:
        for article in articles:
            adder.add(article)
    return adder


# --- the file, its schema ------------------------------------------------------------------


def test_a_new_store_is_in_wal_mode_with_its_migrations_recorded(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store(path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == MIGRATIONS[-1].version
        rows = store.conn.execute("SELECT version, name FROM migrations").fetchall()
        assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
    with Store(path) as again:  # reopening runs nothing twice
        assert again.conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)


def test_a_store_from_a_newer_newsfuse_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {MIGRATIONS[-1].version + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_a_file_that_is_not_a_store_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError, match="not a newsfuse store"):
        Store(path)
    with pytest.raises(NotFound):
        Store(tmp_path / "nothing-here.db", create=False)


def test_the_store_path_comes_from_the_option_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSFUSE_DB", raising=False)
    assert resolve_path(None) == Path("newsfuse.db")
    monkeypatch.setenv("NEWSFUSE_DB", "/tmp/elsewhere.db")
    assert resolve_path(None) == Path("/tmp/elsewhere.db")
    assert resolve_path("mine.db") == Path("mine.db")


# --- articles in and out -------------------------------------------------------------------


def test_an_article_comes_back_as_it_went_in(store: Store) -> None:
    _put(store, STRIKE)
    assert store.article(STRIKE.id) == STRIKE
    (story,) = store.stories()
    assert store.story_articles(story.id) == (STRIKE,)
    assert story.articles == 1 and story.outlets == ("Harbour Gazette",)
    assert story.first_date == story.last_date == dt.date(2026, 4, 14)
    assert store.check() == []


def test_an_article_added_twice_is_stored_once(store: Store) -> None:
    first = _add(store, STRIKE)
    assert first.counts.added == 1
    same_url = Article(id="other-id", text="A corrected text.", outlet="Harbour Gazette", url=STRIKE.url)
    same_text = Article(
        id="third-id",
        text=" Ferry crews on the Brennick crossing walked out at dawn on Tuesday.\n\nREAD   MORE: Island news ",
        outlet="Copycat",
    )  # white space differs only
    again = _add(store, STRIKE, same_url, same_text)
    assert again.counts.added == 0 and again.counts.duplicates == 3
    assert store.count_articles() == 1
    noted = dict(store.conn.execute("SELECT id, duplicate_of FROM duplicates").fetchall())
    assert noted == {"other-id": STRIKE.id, "third-id": STRIKE.id}


def test_an_id_held_by_another_text_gets_a_stable_suffix(store: Store) -> None:
    other = Article(id=STRIKE.id, text="Another article that came with the same id.", outlet="X")
    _add(store, STRIKE, other)
    moved = f"{STRIKE.id}~{text_hash(other.text)[:8]}"
    assert store.article(moved).text == other.text
    assert _add(store, other).counts.duplicates == 1  # and the same again is a duplicate
    assert store.count_articles() == 2


def test_add_of_records_counts_what_it_did_and_rejects_bad_lines(store: Store, tmp_path: Path) -> None:
    pile = tmp_path / "pile.jsonl"
    lines = (FIXTURES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    pile.write_text("\n".join([*lines, '{"text": ""}', "{broken", lines[0]]) + "\n", encoding="utf-8")
    report = add_paths(store, [pile])
    c = report.counts
    assert (c.added, c.duplicates, c.rejected) == (4, 1, 2)
    assert c.merged + c.new_stories == c.added
    assert {p.origin for p in report.problems if p.fatal} == {f"{pile}:5", f"{pile}:6"}
    assert store.check() == []


def test_stories_restored_after_a_restart_are_joined(store: Store) -> None:
    add_paths(store, [FIXTURES / "articles.jsonl"])
    follow_up = Article(
        id="radio-strike",
        outlet="Island Radio",
        title="Brennick ferry crews strike over new rosters: talks offered",
        date=dt.date(2026, 4, 14),
        text="Ferry crews on the Brennick crossing are on strike over new rosters, and about 2,400 passengers "
        "are stranded. The Island Seafarers Union said its 180 members would stay out for 48 hours; "
        "Brennick Ferries said it had offered talks.",
    )
    with Adder(store) as adder:  # a new run: the clusterer starts from what the store holds
        adder.add(follow_up)
    assert adder.counts.merged == 1
    (story,) = [s for s in store.stories() if "Island Radio" in s.outlets]
    assert story.articles >= 2 and "Harbour Gazette" in story.outlets


# --- listing and search --------------------------------------------------------------------


def test_a_story_title_is_its_most_shared_headline_words() -> None:
    headlines = [
        "Brennick ferry crews strike over new rosters",
        "Ferry walkout strands 2,400 on Brennick as union strikes over rosters",
        "Brennick ferry strike strands 2,400 passengers",
        "Union boss SLAMS 'greedy' ferry bosses in Brennick rosters row",
    ]
    # The headline that shares most with the others (strike/strikes count as one word), not the
    # tabloid angle whose words no other outlet uses.
    assert story_title(headlines) == headlines[1]
    assert story_title(["Only one"]) == "Only one"
    assert story_title([]) == ""


def test_stories_newest_first_since_and_search(store: Store) -> None:
    old = LIFEBOAT
    _put(store, old, STRIKE)
    stories = list_stories(store)
    assert [s.title for s in stories] == [STRIKE.title, "Lifeboat crew honoured"]
    assert [s.title for s in list_stories(store, since=dt.date(2026, 4, 1))] == [STRIKE.title]
    assert [s.title for s in list_stories(store, search="lifeboat SKERRA")] == ["Lifeboat crew honoured"]
    assert list_stories(store, search="lifeboat brennick") == []  # every word must be in one article
    assert len(list_stories(store, search='"ferry (crews*')) == 1  # FTS syntax in user input is plain words
    assert list_stories(store, limit=1)[0].title == STRIKE.title


def test_an_undated_article_added_today_does_not_make_an_old_story_the_newest(store: Store) -> None:
    """A story of January whose second report has no date (added today) is still a story of
    January: the listing orders by its dated articles, and by the day added only where none is."""
    old = LIFEBOAT
    undated = Article(id="old-undated", text="The Skerra lifeboat crew received medals.", outlet="Echo")
    alone = Article(id="alone", text="A choir from Brennick sang at the harbour.", outlet="Echo", title="Choir")
    lifeboat = store.new_story_id()
    store.insert_article(old, lifeboat)
    store.insert_article(undated, lifeboat)
    _put(store, STRIKE, alone)
    assert [s.title for s in list_stories(store)] == ["Choir", STRIKE.title, "Lifeboat crew honoured"]
    assert "Lifeboat crew honoured" not in [s.title for s in list_stories(store, since=dt.date(2026, 4, 1))]


def test_parse_since() -> None:
    today = dt.date(2026, 4, 14)
    assert parse_since("3d", today) == dt.date(2026, 4, 11)
    assert parse_since("2w", today) == dt.date(2026, 3, 31)
    assert parse_since("36h", today) == dt.date(2026, 4, 13)
    assert parse_since("2026-04-01", today) == dt.date(2026, 4, 1)
    assert parse_since(None, today) is None
    from newsfuse.errors import ConfigError

    with pytest.raises(ConfigError):
        parse_since("last tuesday", today)


# --- the commands, in process --------------------------------------------------------------


def test_add_stories_and_brief_story_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "cli.db"
    monkeypatch.setenv("NEWSFUSE_DB", str(db))
    runner = CliRunner()
    res = runner.invoke(app, ["add", str(FIXTURES / "articles.jsonl"), str(EXAMPLES / "story")])
    assert res.exit_code == 0, res.output
    assert "9 added" in res.stdout and "0 rejected" in res.stdout
    res = runner.invoke(app, ["stories", "--format", "json", "--search", "Brennick"])
    assert res.exit_code == 0, res.output
    listing = json.loads(res.stdout)
    assert listing["schema"] == STORIES_SCHEMA
    for story in listing["stories"]:
        keys = {"id", "title", "outlets", "articles", "first_date", "last_date", "updated"}
        assert set(story) == keys | {"misquotes", "disagreements"}
    assert "Harbour Gazette" in {outlet for s in listing["stories"] for outlet in s["outlets"]}
    assert "Westhallow" not in res.stdout  # the example story (a dam) does not mention Brennick
    story = max(listing["stories"], key=lambda s: s["articles"])
    res = runner.invoke(app, ["brief", "--story", story["id"], "--format", "json", "--summary-only"])
    assert res.exit_code == 0, res.output
    brief = json.loads(res.stdout)
    assert brief["id"] == story["id"] and len(brief["articles"]) == story["articles"]
    res = runner.invoke(app, ["brief", "--story", "no-such-story"])
    assert res.exit_code == 2 and "no story 'no-such-story'" in res.stderr
    res = runner.invoke(app, ["stories", "--db", str(tmp_path / "missing.db")])
    assert res.exit_code == 2 and "no store here yet" in res.stderr
    res = runner.invoke(app, ["stories"])
    assert res.exit_code == 0 and "Brennick" in res.stdout


def test_a_second_writer_is_told_to_wait(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    with Store(db) as holder:
        holder.acquire_writer()
        res = CliRunner().invoke(app, ["add", str(FIXTURES / "articles.jsonl"), "--db", str(db)])
        assert res.exit_code == 2 and "another newsfuse add or fetch" in res.stderr
        res = CliRunner().invoke(app, ["stories", "--db", str(db)])  # readers need no lock
        assert res.exit_code == 0


# --- a writer killed, a reader meanwhile ---------------------------------------------------


def _pile(path: Path, n: int) -> dict[str, str]:
    """``n`` distinct short articles (our own sentences with numbers varied), as JSONL."""
    outlets = ["Harbour Gazette", "Northport Daily", "Coastline Wire", "Island Radio"]
    texts: dict[str, str] = {}
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            event = i // 4
            text = (
                f"Council meeting number {event} on the island of Brennick approved plan {event * 7 + 3} "
                f"for the harbour, with {event % 50 + 2} votes in favour. Report {i} by {outlets[i % 4]}: "
                f"the work will cost {event * 13 % 900 + 100} thousand pounds and start in week {event % 52 + 1}."
            )
            record = {
                "id": f"pile-{i}",
                "outlet": outlets[i % 4],
                "title": f"Brennick plan {event * 7 + 3} approved",
                "date": (dt.date(2026, 1, 1) + dt.timedelta(days=event // 40)).isoformat(),
                "text": text,
            }
            texts[record["id"]] = text
            out.write(json.dumps(record) + "\n")
    return texts


def _add_process(pile: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsfuse.cli", "add", str(pile), "--db", str(db)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    with Store(db, create=False) as store:
        return store.count_articles()


def _assert_whole(db: Path, texts: dict[str, str]) -> int:
    with Store(db, create=False) as store:
        assert store.check() == []
        rows = store.conn.execute("SELECT id, text, text_hash FROM articles").fetchall()
        for row in rows:
            assert row["text"] == texts[row["id"]]  # the whole text, exactly
            assert row["text_hash"] == text_hash(row["text"])
        return len(rows)


def test_kill_9_in_the_middle_of_an_add_of_10000_leaves_whole_articles_and_a_rerun_completes(
    tmp_path: Path,
) -> None:
    pile, db = tmp_path / "pile.jsonl", tmp_path / "killed.db"
    texts = _pile(pile, 10_000)
    proc = _add_process(pile, db)
    deadline = time.monotonic() + 240
    while _count(db) < 1_000:
        assert proc.poll() is None, f"the add ended before it could be killed: {proc.communicate()}"
        assert time.monotonic() < deadline, "the add is too slow to reach 1,000 articles"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    kept = _assert_whole(db, texts)
    assert 1_000 <= kept < 10_000, kept
    rerun = subprocess.run(
        [sys.executable, "-m", "newsfuse.cli", "add", str(pile), "--db", str(db)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    assert f"{10_000 - kept} added" in rerun.stdout and f"{kept} duplicates" in rerun.stdout
    assert _assert_whole(db, texts) == 10_000


def test_a_reader_works_while_a_writer_adds(tmp_path: Path) -> None:
    pile, db = tmp_path / "pile.jsonl", tmp_path / "shared.db"
    _pile(pile, 4_000)
    proc = _add_process(pile, db)
    seen: list[int] = []
    try:
        while proc.poll() is None:
            if db.exists():
                with Store(db, create=False) as reader:
                    n = reader.count_articles()
                    stories = list_stories(reader, limit=5)
                    if stories:
                        assert reader.story_articles(stories[0].id)
                seen.append(n)
            time.sleep(0.05)
    finally:
        out, errors = proc.communicate()
    assert proc.returncode == 0, errors
    assert seen == sorted(seen)  # never goes back
    during = {n for n in seen if 0 < n < 4_000}
    assert len(during) >= 2, f"no reads while the writer was adding: {seen[:20]}..."
    assert _count(db) == 4_000


def test_only_stories_in_the_hot_window_go_back_to_the_clusterer(store: Store) -> None:
    topics = ["Lighthouse keeper retires", "Regatta cancelled by gales", "Ferry timetable changes", "Bridge vote"]

    def article(n: int, day: dt.date | None) -> Article:
        return Article(id=f"a{n}", text=f"{topics[n - 1]}.", outlet="X", title=topics[n - 1], date=day)

    _put(store, article(1, dt.date(2026, 1, 1)), article(2, dt.date(2026, 3, 30)),
         article(3, None), article(4, dt.date(2026, 4, 14)))  # fmt: skip
    assert [a.id for a, _ in store.recent_members(days=30, limit=100)] == ["a2", "a3", "a4"]
    assert [a.id for a, _ in store.recent_members(days=30, limit=2)] == ["a3", "a4"]


def test_cluster_with_db_keeps_the_stories_in_the_store(tmp_path: Path) -> None:
    db, out = tmp_path / "pile.db", tmp_path / "assignments.jsonl"
    pile = FIXTURES / "articles.jsonl"
    res = CliRunner().invoke(app, ["cluster", "--jsonl", str(pile), "--db", str(db), "-o", str(out)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    with Store(db, create=False) as store:
        assert store.count_articles() == 4 and store.check() == []
        assert all(store.story_of(line["id"]) == line["story"] for line in lines)
    res = CliRunner().invoke(app, ["cluster", "--jsonl", str(pile), "--db", str(db)])
    again = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert [a["duplicate_of"] for a in again] == [line["id"] for line in lines]
    assert [a["story"] for a in again] == [line["story"] for line in lines]


def test_story_flags_hold_until_the_story_changes(tmp_path: Path) -> None:
    db = tmp_path / "flags.db"
    with Store(db) as store:
        add_paths(store, [EXAMPLES / "story"])
        story = store.stories()[0]
        assert story.misquotes is None and story.disagreements is None  # never briefed
        brief = newsfuse.api.stored_brief(store, story.id)
        kept = store.story(story.id)
        assert (kept.misquotes, kept.disagreements) == warning_counts(brief)
        assert kept.disagreements == len(brief.disagreements) >= 1
        store.insert_article(Article(id="late", text="A late, short report on the same events.", outlet="L"), story.id)
        assert store.story(story.id).disagreements is None  # stale: the story gained an article


def test_a_version_1_store_gains_the_flags_table_when_opened(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for statement in MIGRATIONS[0].statements:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with pytest.raises(StoreError, match="cannot be migrated read-only"):
        Store(db, readonly=True)
    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == MIGRATIONS[-1].version
        assert store.conn.execute("SELECT count(*) FROM story_flags").fetchone()[0] == 0


def test_a_story_with_no_headline_is_titled_by_its_first_sentence(tmp_path: Path) -> None:
    text = (
        "Gales closed the harbour at Brennick for a third day on Friday, and the ferry company said "
        "no sailing would leave before Sunday. Fishermen tied up early."
    )
    with Store(tmp_path / "lead.db") as store:
        store.insert_article(Article(id="g1", text=text, outlet="Harbour Gazette"), "s1")
        (story,) = list_stories(store)
    assert story.title == "Gales closed the harbour at Brennick for a third day on Friday, and the…"
    assert lead_title("Short one. Then more.") == "Short one."


def test_an_untitled_story_is_listed_under_the_names_its_brief_was_headed_by(tmp_path: Path) -> None:
    """Before a brief the listing can only quote the first article's opening (one outlet's angle);
    once briefed, it heads the story as the brief does: by the names most outlets carry."""
    from conftest import BRIDGE_REPORTS as reports

    from newsfuse.render.common import brief_title

    with Store(tmp_path / "names.db") as store:
        for i, (outlet, text) in enumerate(reports.items()):
            store.insert_article(Article(id=f"b{i}", text=text, outlet=outlet), "bridge")
        (before,) = list_stories(store)
        assert before.title.startswith("Mayor Edwina Calloway closed the Tarrow bridge")
        brief = newsfuse.api.stored_brief(store, "bridge")
        (after,) = list_stories(store)
        assert after.title == brief_title(brief) and "Edwina Calloway" in after.title
        store.insert_article(Article(id="late", text="A late report on the bridge.", outlet="Late"), "bridge")
        (stale,) = list_stories(store)
        assert stale.title == before.title  # the story changed: its last brief no longer heads it


def test_brief_story_output_to_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    with Store(db) as store:
        add_paths(store, [EXAMPLES / "story"])
        story = store.stories()[0].id
    target = tmp_path / "nowhere" / "brief.md"
    res = CliRunner().invoke(app, ["brief", "--story", story, "--db", str(db), "--summary-only", "-f", "md",
                                   "-o", str(target)])  # fmt: skip
    assert res.exit_code == 2 and "cannot write here" in res.output and not target.exists()
    good = tmp_path / "brief.md"
    res = CliRunner().invoke(app, ["brief", "--story", story, "--db", str(db), "--summary-only", "-f", "md",
                                   "-o", str(good)])  # fmt: skip
    assert res.exit_code == 0 and good.read_text(encoding="utf-8").startswith("#")


# --- copies and duplicates with a clusterer that keeps few members (bench/RESULTS.md, "Flat memory")

WIRE_FERRY = (
    "BRENNICK (Coastline Wire) — Talks to end the Brennick ferry strike broke up without agreement on "
    "Wednesday, leaving island residents facing a second day without a crossing. Brennick Ferries "
    "said it had offered to delay the new rosters by a month while an independent panel looked at "
    "rest breaks, but the Island Seafarers Union said its 180 members would not return until the "
    "rosters were withdrawn. About 2,400 passengers a day use the route, and the harbour master "
    "said lorries carrying food and fuel were queuing on the mainland quay. Both sides said they "
    "were willing to meet again at the weekend."
)


def _ferry_copy(credit: str) -> str:
    return WIRE_FERRY.split(" — ", 1)[1] + f" Additional reporting by {credit}."


def test_copies_and_duplicates_are_marked_against_the_store_across_runs(store: Store) -> None:
    from newsfuse.stories.cluster import ClusterSettings, StoryClusterer

    def few() -> StoryClusterer:  # a clusterer that keeps one member a story in its near index
        return StoryClusterer(ClusterSettings(keep_members=1), embedder=None)

    day = dt.date(2026, 4, 15)
    wire = Article(
        id="wire-talks",
        text=WIRE_FERRY,
        outlet="Coastline Wire",
        title="Ferry talks fail",
        date=day,
        url="https://coastlinewire.example/talks",
    )
    gazette = Article(
        id="gazette-talks",
        text=_ferry_copy("the Harbour Gazette"),
        outlet="Harbour Gazette",
        title="No deal in ferry talks",
        date=day,
    )
    with Adder(store, clusterer=few()) as adder:
        assert adder.add(wire).new_story
        assert adder.add(gazette).copy_of == "wire-talks"
    assert store.copy_of("gazette-talks") == "wire-talks"
    # A new run: the clusterer is restored from the store, keeping the latest member (the copy).
    radio = Article(
        id="radio-talks",
        text=_ferry_copy("Island Radio"),
        outlet="Island Radio",
        title="Ferry talks collapse",
        date=day,
    )
    again = Article(id="wire-talks-2", text=WIRE_FERRY, outlet="Coastline Wire", title="Ferry talks fail", date=day)
    moved = Article(
        id="wire-moved",
        text="The same report, moved.",
        outlet="Coastline Wire",
        url="http://www.coastlinewire.example/talks/?utm_source=feed",
    )
    with Adder(store, clusterer=few()) as adder:
        placed = adder.add(radio)
        assert placed.copy_of == "gazette-talks" and not placed.new_story
        assert adder.add(again).duplicate_of == "wire-talks"
        assert adder.add(moved).duplicate_of == "wire-talks"
    assert store.copy_of("radio-talks") == "gazette-talks"
    assert store.story_of("radio-talks") == store.story_of("wire-talks")
    assert store.count_articles() == 3 and adder.counts.duplicates == 2
    assert store.check() == []


def test_cluster_with_db_marks_copies_and_duplicates_in_its_output(tmp_path: Path) -> None:
    db = tmp_path / "pile.db"
    day = "2026-04-15"
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(
        json.dumps({"id": "wire-talks", "text": WIRE_FERRY, "date": day, "outlet": "Coastline Wire"}) + "\n",
        encoding="utf-8",
    )
    second.write_text("\n".join(json.dumps(r) for r in [
        {"id": "gazette-talks", "text": _ferry_copy("the Harbour Gazette"), "date": day, "outlet": "Harbour Gazette"},
        {"id": "wire-again", "text": WIRE_FERRY.upper(), "date": day, "outlet": "Coastline Wire"},
    ]) + "\n", encoding="utf-8")  # fmt: skip
    assert CliRunner().invoke(app, ["cluster", "--jsonl", str(first), "--db", str(db)]).exit_code == 0
    res = CliRunner().invoke(app, ["cluster", "--jsonl", str(second), "--db", str(db)])
    assert res.exit_code == 0, res.output
    copy, dup = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert copy["copy_of"] == "wire-talks" and dup["duplicate_of"] == "wire-talks"
    assert copy["story"] == dup["story"]
    with Store(db, create=False) as store:
        assert store.copy_of("gazette-talks") == "wire-talks" and store.count_articles() == 2
