"""The store caches each article's ArticleAnalysis: on a real temporary SQLite file with
examples/story, ``add --analyse`` caches the records, ``brief --story`` then parses nothing and
gives the brief of the same files briefed from scratch; a stale or missing record is computed
again (and written back unless the store is read-only); a rerun of the add is idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsfuse
from newsfuse.analysis.codec import ANALYSIS_SCHEMA
from newsfuse.analysis.nlp import load_nlp
from newsfuse.analysis.record import ANALYSIS_RULES_VERSION, ANALYSIS_VERSION
from newsfuse.cli import app
from newsfuse.errors import StoreError
from newsfuse.store import Store
from newsfuse.stories.collect import Adder

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WORDS = 150


def _parses() -> int:
    """How often the spaCy pipeline has been asked for: every batch that parses asks once."""
    info = load_nlp.cache_info()
    return info.hits + info.misses


def _rows(db: Path) -> dict[str, tuple[str, str]]:
    with Store(db) as store:
        return {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT article_id, version, analysis FROM analyses")}


def _id(db: Path, stem: str) -> str:
    """The id of the example article read from ``examples/story/<stem>.*`` (ids are hashes)."""
    with Store(db) as store:
        return next(a.id for a in store.story_articles("1") if Path(a.origin or "").stem == stem)


def _sql(db: Path, sql: str, *params: object) -> None:
    with Store(db) as store, store.transaction():
        store.conn.execute(sql, params)


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding examples/story, added with ``--analyse``: the pristine copy tests copy."""
    db = tmp_path_factory.mktemp("cache") / "news.db"
    res = CliRunner().invoke(app, ["add", "--analyse", "--db", str(db), str(EXAMPLES / "story")])
    assert res.exit_code == 0, res.output
    assert "5 added" in res.output and "5 analysed" in res.output
    return db


@pytest.fixture
def db(added: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "news.db"
    with Store(added) as source, Store(copy) as target:
        source.conn.backup(target.conn)
    return copy


@pytest.fixture(scope="module")
def fresh(added: Path) -> newsfuse.Brief:
    """The brief of the story's files read and parsed from scratch, in the story's order."""
    with Store(added) as store:
        origins = [a.origin for a in store.story_articles("1")]
    assert all(o and Path(o).is_file() for o in origins)
    return newsfuse.brief(origins, words=WORDS, story_id="1")


def test_add_analyse_caches_one_current_record_per_article(added: Path) -> None:
    rows = _rows(added)
    with Store(added) as store:
        assert sorted(rows) == sorted(store.ids())
    assert {version for version, _ in rows.values()} == {ANALYSIS_VERSION}
    assert ANALYSIS_VERSION == f"{ANALYSIS_SCHEMA}+rules.{ANALYSIS_RULES_VERSION}"


def test_a_brief_from_the_cache_parses_nothing_and_is_the_fresh_brief(db: Path, fresh: newsfuse.Brief) -> None:
    before = _parses()
    cached = newsfuse.brief_story("1", db=db, words=WORDS)
    assert _parses() == before, "the spaCy pipeline was asked for"
    assert cached == fresh
    assert cached.quotes and cached.entities and cached.facts


def test_the_command_briefs_from_the_cache_too(db: Path, fresh: newsfuse.Brief) -> None:
    before = _parses()
    res = CliRunner().invoke(app, ["brief", "--story", "1", "--db", str(db), "--words", str(WORDS), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert _parses() == before
    assert '"quotes"' in res.stdout


def test_a_stale_record_is_computed_again_and_written_back(db: Path, fresh: newsfuse.Brief) -> None:
    old = f"{ANALYSIS_SCHEMA}+rules.{ANALYSIS_RULES_VERSION - 1}"  # as an older newsfuse wrote it
    riverside, courier, harbour = (_id(db, stem) for stem in ("riverside_post", "daily_courier", "harbour_gazette"))
    _sql(db, "UPDATE analyses SET version = ? WHERE article_id = ?", old, riverside)
    _sql(db, 'UPDATE analyses SET analysis = \'{"schema": "no"}\' WHERE article_id = ?', courier)
    with Store(db) as store:
        # by its version (a cheap check), an unreadable record is not missing, but it is not served
        assert store.missing_analyses([riverside, courier, harbour]) == [riverside]
        assert set(store.cached_analyses(list(store.ids()))) == set(store.ids()) - {riverside, courier}
    before = _parses()
    assert newsfuse.brief_story("1", db=db, words=WORDS) == fresh
    assert _parses() == before + 1, "the missing records are computed in one batch"
    rows = _rows(db)
    assert {version for version, _ in rows.values()} == {ANALYSIS_VERSION}
    before = _parses()
    newsfuse.brief_story("1", db=db, words=WORDS)
    assert _parses() == before


def test_a_read_only_store_briefs_without_writing_back(db: Path, fresh: newsfuse.Brief) -> None:
    _sql(db, "DELETE FROM analyses WHERE article_id IN (?, ?)", _id(db, "northern_ledger"), _id(db, "westhallow_echo"))
    kept = _rows(db)
    assert newsfuse.brief_story("1", db=db, words=WORDS, readonly=True) == fresh
    assert _rows(db) == kept
    with Store(db, readonly=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            Adder(store)
    assert newsfuse.brief_story("1", db=db, words=WORDS) == fresh  # writable: written back
    assert len(_rows(db)) == 5


def test_summary_only_uses_the_cache_and_computes_nothing(db: Path) -> None:
    ledger = _id(db, "northern_ledger")
    _sql(db, "DELETE FROM analyses WHERE article_id = ?", ledger)
    before = _parses()
    brief = newsfuse.brief_story("1", db=db, words=WORDS, analyse=False)
    assert _parses() == before
    assert brief.summary and not brief.quotes
    assert ledger not in _rows(db)


def test_a_rerun_of_add_is_idempotent_and_fills_in_what_is_missing(db: Path) -> None:
    kept = _rows(db)
    runner = CliRunner()
    before = _parses()
    res = runner.invoke(app, ["add", "--analyse", "--db", str(db), str(EXAMPLES / "story")])
    assert res.exit_code == 0, res.output
    assert "0 added" in res.output and "5 duplicates" in res.output and "analysed" not in res.output
    assert _parses() == before and _rows(db) == kept
    # An add killed after its articles committed and before their records: the rerun completes it.
    _sql(db, "DELETE FROM analyses WHERE article_id IN (?, ?)", _id(db, "harbour_gazette"), _id(db, "riverside_post"))
    res = runner.invoke(app, ["add", "--analyse", "--db", str(db), str(EXAMPLES / "story")])
    assert res.exit_code == 0, res.output
    assert "0 added" in res.output and "2 analysed" in res.output
    assert _rows(db) == kept  # the same records, byte for byte
    with Store(db) as store:
        assert store.count_articles() == 5 and store.check() == []


def test_add_without_analyse_caches_nothing(tmp_path: Path) -> None:
    db = tmp_path / "plain.db"
    res = CliRunner().invoke(app, ["add", "--db", str(db), str(EXAMPLES / "story")])
    assert res.exit_code == 0, res.output
    assert _rows(db) == {}
