"""Shared copy (brief/shared_copy.py): the passages two articles share, tolerant of small edits,
with exact spans in both; the share of each; the likely source; groups of outlets that are one
copy; and summary items that stop counting copies as independent confirmation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
from starlette.testclient import TestClient
from test_web import client as web_client  # noqa: F401 (a fixture: the web app over a real store)
from test_web import db  # noqa: F401 (the store it reads)
from typer.testing import CliRunner

from newsfuse.brief.shared_copy import (
    COPY_GROUP_SHARE,
    MIN_PASSAGE_WORDS,
    copy_groups,
    find_shared_copy,
    independent_sources,
    wire_credit,
)
from newsfuse.cli import app
from newsfuse.ingest import load
from newsfuse.model import Article, CopyPair, CopyReason, Ref, SpanKind, SummaryItem
from newsfuse.render.json import brief_from_json, brief_to_json, load_schema

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "story"

# A fictional wire story and a second outlet's version of it: its own intro, the wire's
# sentences with one word changed ("closed" -> "shut") and one sentence dropped, then its own end.
WIRE_LEAD = (
    "BRANTFORD (AP) — The Brantford tram network closed on Tuesday after drivers walked out over a pay offer "
    "they called an insult."
)
WIRE_S2 = (
    "The union said more than 300 drivers had joined the strike, the first on the network since it opened in 1998."
)
WIRE_S3 = (
    "Managers said they had offered a rise of four per cent over two years and would meet union leaders on Thursday."
)
WIRE_S4 = "Commuters queued for buses across the city centre, and some schools told pupils to stay at home."
WIRE_QUOTE = '"We are not asking for the moon, only for what we were promised," the union\'s branch secretary said.'
WIRE = "\n\n".join([WIRE_LEAD, WIRE_S2, WIRE_S3, WIRE_S4, WIRE_QUOTE])

OWN_INTRO = "Thousands of people in Brantford had a slow start to the week."
COPY_LEAD = WIRE_LEAD.removeprefix("BRANTFORD (AP) — ").replace("closed", "shut")
OWN_END = "Our reporter at the main depot found the gates locked and a handful of pickets outside."
COPY = "\n\n".join([OWN_INTRO, COPY_LEAD, WIRE_S2, WIRE_S4, WIRE_QUOTE, OWN_END])  # WIRE_S3 dropped


def wire_and_copy(**dates: dt.date) -> tuple[Article, Article]:
    wire = Article(id="wire", text=WIRE, outlet="Wire Service", date=dates.get("wire"))
    copy = Article(id="copy", text=COPY, outlet="Valley Post", date=dates.get("copy"))
    return wire, copy


def only_pair(articles: list[Article]) -> CopyPair:
    pairs = find_shared_copy(articles)
    assert len(pairs) == 1, pairs
    return pairs[0]


def side(pair: CopyPair, article_id: str) -> list[Ref]:
    return [x.a if x.a.article == article_id else x.b for x in pair.passages]


def words(text: str) -> int:
    return len(text.split())


def test_a_wire_copy_with_a_changed_word_and_a_dropped_sentence_is_found_with_exact_spans() -> None:
    wire, copy = wire_and_copy()
    pair = only_pair([wire, copy])
    texts = {"wire": WIRE, "copy": COPY}
    for x in pair.passages:
        for ref in (x.a, x.b):
            assert texts[ref.article][ref.start : ref.end] == ref.text
            assert ref.kind == SpanKind.COPY
    # The dropped sentence splits the copy in two passages: the lead (one word changed) with the
    # next sentence, then the rest; the intro, the dropped sentence and the own end are in none.
    in_copy = side(pair, "copy")
    assert [r.text for r in in_copy] == [COPY_LEAD + "\n\n" + WIRE_S2, WIRE_S4 + "\n\n" + WIRE_QUOTE]
    in_wire = side(pair, "wire")
    assert in_wire[0].text.startswith("The Brantford tram network closed")  # the dateline is the wire's own
    assert WIRE_S3 not in " ".join(r.text for r in in_wire)
    assert pair.passages[0].similarity < 1.0 == pair.passages[1].similarity  # "closed" / "shut"
    assert not any(x.quotation for x in pair.passages)
    # Shares: the part of each text's words inside the passages.
    share_copy = sum(words(r.text) for r in in_copy) / words(COPY)
    assert pair.share_a if pair.a == "copy" else pair.share_b == pytest.approx(share_copy, abs=0.05)
    assert min(pair.share_a, pair.share_b) > COPY_GROUP_SHARE


def test_the_likely_source_by_wire_credit_by_date_and_by_the_fuller_text() -> None:
    wire, copy = wire_and_copy()
    assert wire_credit(WIRE) == "AP" and wire_credit(COPY) is None
    pair = only_pair([wire, copy])
    assert (pair.likely_source, pair.reason) == ("wire", CopyReason.WIRE_CREDIT)
    # An earlier date outranks the credit: the copy came out a day before (it had the wire first).
    wire, copy = wire_and_copy(wire=dt.date(2026, 5, 6), copy=dt.date(2026, 5, 5))
    pair = only_pair([wire, copy])
    assert (pair.likely_source, pair.reason) == ("copy", CopyReason.EARLIER_DATE)
    # No date, no credit: the version that kept the dropped sentence is the fuller one.
    uncredited = dataclasses.replace(wire, text=WIRE.replace("BRANTFORD (AP) — ", "BRANTFORD — "), date=None)
    pair = only_pair([uncredited, dataclasses.replace(copy, date=None)])
    assert (pair.likely_source, pair.reason) == ("wire", CopyReason.FULLER_TEXT)


def test_wire_credits_are_credits_not_names_in_prose() -> None:
    assert wire_credit("LONDON (Reuters) - Shares fell.") == "Reuters"
    assert wire_credit("Shares fell sharply.\n\nAssociated Press\n") == "Associated Press"
    assert wire_credit("Shares fell, Reuters reported on Monday, citing two sources.") is None
    assert wire_credit("The capital (Apia) is small.") is None


def test_two_outlets_quoting_one_statement_have_not_copied_each_other() -> None:
    statement = "We have listened to the drivers and we will put a better offer on the table before the end of the week"
    a = Article(
        id="a", outlet="One", text=f'The company changed its tone late on Tuesday. "{statement}," a spokesman said.'
    )
    b = Article(
        id="b", outlet="Two", text=f'In a statement, the operator said: "{statement}." Talks resume on Thursday.'
    )
    assert find_shared_copy([a, b]) == ()


def test_a_lone_stock_clause_is_not_copy() -> None:
    clause = "was found guilty on Monday of stealing two paintings from a gallery in 2019"
    assert words(clause) >= MIN_PASSAGE_WORDS
    a = Article(id="a", outlet="One", text=f"The former curator, 61, {clause}, and will be sentenced next month.")
    b = Article(id="b", outlet="Two", text=f"A man who {clause} told the court he had acted alone.")
    assert find_shared_copy([a, b]) == ()


def test_the_result_does_not_depend_on_the_order_of_the_articles() -> None:
    wire, copy = wire_and_copy()
    assert find_shared_copy([wire, copy]) == find_shared_copy([copy, wire])


def test_copies_of_one_another_count_once_among_a_summary_items_sources() -> None:
    wire, copy = wire_and_copy()
    third = Article(
        id="third", outlet="Hill Gazette", text="More than 300 drivers had joined the strike, the union said."
    )
    pairs = find_shared_copy([wire, copy, third])
    outlets = {"wire": "Wire Service", "copy": "Valley Post", "third": "Hill Gazette"}
    s2 = SummaryItem(
        WIRE_S2,
        (
            Ref("wire", WIRE.index(WIRE_S2), WIRE.index(WIRE_S2) + len(WIRE_S2), WIRE_S2),
            Ref("copy", COPY.index(WIRE_S2), COPY.index(WIRE_S2) + len(WIRE_S2), WIRE_S2),
            Ref("third", 0, len(third.text), third.text),
        ),
    )
    assert independent_sources(s2, pairs, outlets) == 2  # three outlets, two of them one copy
    groups = copy_groups([wire, copy, third], pairs)
    assert [set(g.articles) for g in groups] == [{"wire", "copy"}]
    assert groups[0].source == "wire"


@pytest.fixture
def seed_articles(seeds: Path) -> list[Article]:
    return list(load([seeds]).articles)


def test_the_seeds_two_wire_versions_are_one_copy_and_no_other_pair_is_claimed(seed_articles: list[Article]) -> None:
    by_stem = {a.outlet[:3]: a for a in seed_articles}
    pairs = find_shared_copy(seed_articles)
    assert [{p.a, p.b} for p in pairs] == [{by_stem["001"].id, by_stem["004"].id}]
    pair = pairs[0]
    assert min(pair.share_a, pair.share_b) >= COPY_GROUP_SHARE
    own = [x for x in pair.passages if not x.quotation]
    assert len(own) >= 3 and sum(words(x.a.text) for x in own) >= 80
    assert any("Blunt removed a post from his website and Twitter feed" in x.a.text for x in own)
    groups = copy_groups(seed_articles, pairs)
    assert [set(g.articles) for g in groups] == [{by_stem["001"].id, by_stem["004"].id}]


# The example's copy, as examples/README.md lists it (W1-W3), and the two sentences on the dam's
# history that three of its outlets carry near word for word. Any other word in a passage of the
# outlets' own words would be a false copy.
EXAMPLE_SHARED = (
    "Water poured through a breach in the spillway of Carrow Dam shortly after 4am, flooding more than 200 homes "
    "in the low-lying streets of Lowmere.",
    "Emergency services evacuated about 1,500 residents to schools and church halls before dawn, and a severe "
    "flood warning remains in place for the River Carrow downstream.",
    "Westhallow Water, which owns the 62-year-old dam, said engineers were pumping water out of the reservoir to "
    "lower its level.",
    "In March 2019, an inspection by the Rivers and Dams Authority found cracking in the concrete of the spillway "
    "channel.",
    "In November 2023, the town council's bid for £4.2m from the national flood fund to repair it was turned down.",
    # the Daily Courier's near-copy of the last two
    "found cracking in the concrete of the spillway channel, and in November 2023 a request for £4.2m from the "
    "national flood fund to repair it was turned down.",
)
_WORDS = re.compile(r"[\w£.,'-]+")


def _words_of(text: str) -> set[str]:
    return {w.strip(".,").lower() for w in _WORDS.findall(text)}


def test_the_example_claims_only_its_wire_copy() -> None:
    articles = list(load([EXAMPLES]).articles)
    pairs = find_shared_copy(articles)
    assert len(pairs) >= 4  # W1-W2 in four outlets
    known = set().union(*(_words_of(s) for s in EXAMPLE_SHARED))
    for pair in pairs:
        for x in pair.passages:
            if x.quotation:
                continue  # quotations both carry are allowed
            for ref in (x.a, x.b):
                extra = _words_of(ref.text) - known - {"swamping"}  # the Ledger's near-copy of W1
                assert not extra, (ref.text, extra)
    outlets = {a.id: a.outlet for a in articles}
    riverside = [p for p in pairs if "riverside_post" in (outlets[p.a], outlets[p.b])]
    for p in riverside:  # the feature shares only the inspection sentence
        assert all(x.a.text.startswith("In March 2019") for x in p.passages)


def test_the_brief_in_json_validates_round_trips_and_says_who_is_one_copy() -> None:
    result = CliRunner().invoke(app, ["brief", str(EXAMPLES), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert data["shared_copy"] and data["copy_groups"]
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for pair in data["shared_copy"]:
        for x in pair["passages"]:
            assert texts[pair["a"]][x["a"]["start"] : x["a"]["end"]] == x["a"]["text"]
            assert texts[pair["b"]][x["b"]["start"] : x["b"]["end"]] == x["b"]["text"]
    first = data["summary"][0]
    assert first["text"].startswith("Water poured through")
    assert first["independent"] == 1 < len(first["sources"])
    brief = brief_from_json(result.stdout)
    assert brief_to_json(brief) == json.dumps(data, ensure_ascii=False, indent=2)
    assert brief.shared_copy and brief.copy_groups


@pytest.mark.parametrize("fmt", ["md", "text", "html"])
def test_every_format_has_a_shared_copy_section(fmt: str) -> None:
    result = CliRunner().invoke(app, ["brief", str(EXAMPLES), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert "Shared copy" in result.stdout
    assert "all one copy" in result.stdout  # the wire lead: four outlets, one copy
    assert "likely source" in result.stdout


def test_the_story_page_shows_the_shared_copy(web_client: TestClient) -> None:  # noqa: F811 (the fixture)
    stories = web_client.get("/api/stories").json()["stories"]
    story = next(s["id"] for s in stories if "Daily Courier" in s["outlets"])
    page = web_client.get(f"/story/{story}").text
    section = page.split('<section id="shared-copy">', 1)[1].split("</section>", 1)[0]
    assert "One copy:" in section and "likely source" in section
    assert re.search(r'<a class="outlet" href="/article/[^"]+">Daily Courier \[\d\]</a>', section)
    assert "Water poured through a breach" in section  # a passage, shortened
    assert "all one copy" in page.split('<section id="summary">', 1)[1].split("</section>", 1)[0]
    # The hostile story's two articles share their text: the passages are escaped like the rest.
    evil = web_client.get("/story/evil").text
    assert 'id="shared-copy"' in evil and "<script>alert" not in evil
