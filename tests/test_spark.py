"""The Spark path (newsfuse/spark/, `newsfuse spark ...`) on local[2]: same briefs, same stories.

One SparkSession for the module; the corpus is the bundled example's story lines plus, when
../shared is there, a few NeuS story lines and the first STORIES_DEV_SAMPLE articles of
stories_dev (written to a temporary folder, never into the repo). Skipped with the reason where
PySpark or Java is missing; CI installs the [spark] extra (it is in [dev]) and Java.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="the Spark tests need the [spark] extra (pip install 'newsfuse[spark]')")
pytest.importorskip("pyarrow", reason="the Spark tests need the [spark] extra (pip install 'newsfuse[spark]')")
if shutil.which("java") is None:
    pytest.skip("the Spark tests need Java (17) on PATH", allow_module_level=True)

from conftest import EXAMPLES, SHARED  # noqa: E402  (tests/ is on sys.path)
from typer.testing import CliRunner  # noqa: E402

import newsfuse  # noqa: E402
import newsfuse.spark as ns  # noqa: E402
from newsfuse.cli import app  # noqa: E402
from newsfuse.render.json import brief_to_json  # noqa: E402
from newsfuse.spark.columns import ORDER, article_from_row  # noqa: E402
from newsfuse.stories.cluster import StoryClusterer  # noqa: E402

#: Articles of stories_dev clustered by both paths (file order): enough for stories of several
#: articles, small enough for the 2-core CI runner.
STORIES_DEV_SAMPLE = 400
#: NeuS story lines briefed by both paths.
NEUS_SAMPLE = 3


@pytest.fixture(scope="module")
def spark():
    session = ns.get_session("local[2]", app_name="newsfuse-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def story_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Story-line files: the bundled example, and a NeuS sample when ../shared is there."""
    files = [EXAMPLES / "stories.jsonl"]
    neus = SHARED / "data" / "neus_val.jsonl"
    if neus.is_file():
        folder = tmp_path_factory.mktemp("neus")
        with neus.open(encoding="utf-8") as fh:
            lines = [next(fh) for _ in range(NEUS_SAMPLE)]
        (folder / "neus_sample.jsonl").write_text("".join(lines), encoding="utf-8")
        files.append(folder / "neus_sample.jsonl")
    return files


@pytest.fixture(scope="module")
def analysed(spark, story_files, tmp_path_factory):
    """The story files read and analysed by Spark, written as Parquet and read back."""
    corpus = ns.read_corpus(spark, [str(p) for p in story_files])
    out = tmp_path_factory.mktemp("out") / "analysis.parquet"
    ns.analyse(corpus.articles).write.parquet(str(out))
    return spark.read.parquet(str(out))


def test_briefs_are_the_batch_commands(analysed, story_files) -> None:
    rows = ns.brief(analysed).orderBy(*ORDER).collect()
    mine = [r["brief"] for r in rows]
    cli = [brief_to_json(b, indent=None) for path in story_files for b in newsfuse.brief_stories(str(path))]
    assert len(mine) == len(cli) >= 3
    for got, want in zip(mine, cli, strict=True):
        assert json.loads(got)["id"] == json.loads(want)["id"]
        assert got == want  # byte for byte: summary, quotes, entities, facts, origins


def test_analysis_rows_are_plain_codec_records(analysed) -> None:
    from newsfuse.analysis.codec import analysis_from_json

    row = analysed.where("id = 'harbour-gazette'").first()
    record = analysis_from_json(row["analysis"])
    article = article_from_row(row.asDict())
    assert row["error"] is None and record.article == article.id
    assert record.quotes and all(article.text[q.start : q.end] == q.text for q in record.quotes)


def _grouped(pairs) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for article_id, story in pairs:
        out[story].add(article_id)
    return dict(out)


def test_clusters_the_example_as_the_single_machine_does(analysed) -> None:
    rows = analysed.orderBy(*ORDER).collect()
    clusterer = StoryClusterer()
    single = _grouped((a.article_id, a.story_id) for a in (clusterer.add(article_from_row(r.asDict())) for r in rows))
    spark_rows = ns.cluster(analysed).select("id", "story").collect()
    assert _grouped((r["id"], r["story"]) for r in spark_rows) == single
    assert {"harbour-gazette", "daily-courier", "riverside-post"} <= single["harbour-gazette"]


def _bcubed_f1(pred: dict[str, str], gold: dict[str, str]) -> float:
    ids = list(gold)
    pc, gc = defaultdict(set), defaultdict(set)
    for i in ids:
        pc[pred[i]].add(i)
        gc[gold[i]].add(i)
    p = sum(len(pc[pred[i]] & gc[gold[i]]) / len(pc[pred[i]]) for i in ids) / len(ids)
    r = sum(len(pc[pred[i]] & gc[gold[i]]) / len(gc[gold[i]]) for i in ids) / len(ids)
    return 2 * p * r / (p + r)


@pytest.fixture(scope="module")
def dev_sample(spark, tmp_path_factory):
    path = SHARED / "data" / "stories_dev.jsonl"
    if not path.is_file():
        pytest.skip(f"needs ../shared/data/stories_dev.jsonl, not found at {path}")
    with path.open(encoding="utf-8") as fh:
        lines = [next(fh) for _ in range(STORIES_DEV_SAMPLE)]
    sample = tmp_path_factory.mktemp("dev") / "stories_dev_sample.jsonl"
    sample.write_text("".join(lines), encoding="utf-8")
    gold = {json.loads(line)["id"]: json.loads(line)["story"] for line in lines}
    articles = ns.read_corpus(spark, [str(sample)]).articles.persist()
    return articles, gold


def test_cluster_f1_within_a_hundredth_of_the_single_machine(dev_sample) -> None:
    articles, gold = dev_sample
    rows = articles.orderBy(*ORDER).collect()
    clusterer = StoryClusterer()
    single = {a.article_id: a.story_id for a in (clusterer.add(article_from_row(r.asDict())) for r in rows)}
    mine = {r["id"]: r["story"] for r in ns.cluster(articles).select("id", "story").collect()}
    f_single, f_spark = _bcubed_f1(single, gold), _bcubed_f1(mine, gold)
    assert f_single > 0.7
    assert abs(f_spark - f_single) <= 0.01


def test_stitching_windows_beats_cutting_them(dev_sample) -> None:
    """Windows of 100 articles: warm-up + stitching keep stories across windows that cut windows lose."""
    articles, gold = dev_sample
    stitched = {r["id"]: r["story"] for r in ns.cluster(articles, window=100).select("id", "story").collect()}
    cut = {r["id"]: r["story"] for r in ns.cluster(articles, window=100, warmup=0).select("id", "story").collect()}
    assert _bcubed_f1(stitched, gold) > _bcubed_f1(cut, gold)


def test_ids_unique_over_the_corpus(spark, tmp_path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    one.write_text(json.dumps({"id": "a1", "outlet": "Zeta Post", "text": "The bridge reopened today."}) + "\n")
    two.write_text(json.dumps({"id": "a1", "outlet": "Alpha News", "text": "The ferry was cancelled."}) + "\n")
    rows = ns.read_corpus(spark, [str(one), str(two)]).articles.select("id", "outlet").collect()
    assert sorted((r["outlet"], r["id"]) for r in rows) == [("Alpha News", "a1"), ("Zeta Post", "a1-2")]


def _cli(*args: str):
    return CliRunner().invoke(app, ["spark", *args])


def test_cli_reports_bad_lines_and_goes_on(spark, tmp_path) -> None:
    pile = tmp_path / "pile.jsonl"
    good = {"id": "g1", "outlet": "Harbour Gazette", "text": "Water poured through the breach, officials said."}
    pile.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    out = tmp_path / "analysis.parquet"
    result = _cli("analyse", str(pile), str(tmp_path / "missing.jsonl"), str(out))
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line]
    assert f"newsfuse: error: {tmp_path / 'missing.jsonl'}: no such file or folder" in lines
    assert any(line.startswith(f"newsfuse: error: {pile}:2: malformed JSON") for line in lines)
    assert f"newsfuse: error: {pile}:3: record has no 'text'" in lines
    assert "1 articles analysed (0 failed)" in lines[-1]
    assert spark.read.parquet(str(out)).select("id").collect()[0]["id"] == "g1"
    assert "Traceback" not in result.output


def test_cli_one_line_errors(spark, tmp_path) -> None:
    result = _cli("cluster", str(tmp_path / "nope.parquet"), str(tmp_path / "out.parquet"))
    assert result.exit_code == 2
    assert result.output.strip() == f"newsfuse: error: {tmp_path / 'nope.parquet'}: no such file or folder"
    other = tmp_path / "other.parquet"
    spark.createDataFrame([(1,)], "foo int").write.parquet(str(other))
    result = _cli("brief", str(other), str(tmp_path / "briefs.jsonl"))
    assert result.exit_code == 2
    want = f"newsfuse: error: {other}: not a table of `newsfuse spark cluster` (no column 'id')"
    assert result.output.strip() == want
    result = _cli("analyse", str(tmp_path / "none.jsonl"), str(tmp_path / "no-folder" / "a.parquet"))
    assert result.exit_code == 2
    assert "does not exist" in result.output and len(result.output.strip().splitlines()) == 1


PAGES = Path(__file__).parent / "fixtures" / "pages"
LAKESIDE_LINE = "The Lakeside Post is reader-funded. Every donation pays for local reporting."
WIRE_LINE = "Sign up for the Morning Wire digest."
WIRE = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Morning Wire</title><link>https://wire.example.org/</link>
<language>en</language>
{items}
</channel></rss>"""
WIRE_ITEM = """<item><title>{title}</title><link>https://{slug}.example.org/{n}</link>
<source url="https://{slug}.example.org/">{source}</source>
<description>&lt;p&gt;{body}&lt;/p&gt;&lt;p&gt;{line}&lt;/p&gt;</description></item>"""
WIRE_ENTRIES = [
    ("Northgate Herald", "northgate", "Tram works", "Tram works on the high street will run until the end of June."),
    (
        "Coastline News",
        "coastline",
        "Pier repairs",
        "The pier reopens on Saturday after storm repairs costing 2 million.",
    ),
    ("Upland Gazette", "upland", "School expansion", "The primary school will add six classrooms by next September."),
    (
        "River Valley Post",
        "rivervalley",
        "Flood barrier",
        "A new flood barrier was tested on the river for the first time.",
    ),
]


def _marked(article) -> list[str]:
    return sorted(article.text[s.start : s.end] for s in article.boilerplate)


def test_site_furniture_is_marked_as_the_command_line_marks_it(spark, tmp_path) -> None:
    """Pages of one site repeating a line, and an aggregator feed repeating one in every entry:
    the Spark read marks the same spans as `load` (what `newsfuse brief FILES...` reads)."""
    from newsfuse.ingest.load import load, load_file

    items = "\n".join(
        WIRE_ITEM.format(title=t, source=s, slug=g, n=n, body=b, line=WIRE_LINE)
        for n, (s, g, t, b) in enumerate(WIRE_ENTRIES, start=1)
    )
    feed = tmp_path / "wire.rss"
    feed.write_text(WIRE.format(items=items), encoding="utf-8")
    reports = []
    for place, text in (("north", "The ring road reopened."), ("south", "The library closes early.")):
        (tmp_path / place).mkdir()
        reports.append(tmp_path / place / "report.txt")
        reports[-1].write_text(text + "\n", encoding="utf-8")
    inputs = [*sorted(PAGES.glob("*.html")), feed, *reports]
    loaded = load(inputs).articles
    cli = {a.origin: _marked(a) for a in loaded}
    rows = ns.read_corpus(spark, [str(p) for p in inputs]).articles.collect()
    mine = {r["origin"]: _marked(article_from_row(r.asDict())) for r in rows}
    assert mine == cli
    # Same outlets, "north/report" and "south/report" included (one stem, two folders).
    assert {r["origin"]: r["outlet"] for r in rows} == {a.origin: a.outlet for a in loaded}
    assert {r["outlet"] for r in rows} >= {"north/report", "south/report"}
    lakeside = [o for o in mine if "lakeside" in o]
    assert len(lakeside) == 3 and all(LAKESIDE_LINE in mine[o] for o in lakeside)
    entries = [o for o in mine if o.startswith(str(feed))]
    assert len(entries) == 4 and all(WIRE_LINE in mine[o] for o in entries)
    # The marks come from the cross-page step: one page read alone does not mark the line.
    (alone,), _ = load_file(PAGES / "en-18a-lakeside.html")
    assert LAKESIDE_LINE not in _marked(alone)


def test_cli_brief_parts_are_the_single_file_in_pieces(spark, analysed, tmp_path) -> None:
    """`--parts` writes a folder of part files (Spark's writer); in name order they are the file."""
    table = tmp_path / "stories.parquet"
    analysed.write.parquet(str(table))
    single, folder = tmp_path / "briefs.jsonl", tmp_path / "briefs"
    assert _cli("brief", str(table), str(single)).exit_code == 0
    result = _cli("brief", "--parts", str(table), str(folder))
    assert result.exit_code == 0, result.output
    parts = sorted(folder.glob("part-*"))
    assert parts and (folder / "_SUCCESS").exists()
    assert "".join(p.read_text(encoding="utf-8") for p in parts) == single.read_text(encoding="utf-8")
    assert result.output.strip().splitlines()[-1].endswith(f"stories briefed -> {folder}/ (part files)")
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep me", encoding="utf-8")
    refused = _cli("brief", "--parts", str(table), str(other))
    assert refused.exit_code == 2 and "not an earlier Spark output" in refused.output
    assert (other / "mine.txt").read_text(encoding="utf-8") == "keep me"
