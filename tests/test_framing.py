"""Framing: each outlet's loaded words, kept apart from the words it quotes, lined up across outlets.

The two fictional articles below report one council vote; the Harbour Gazette's copy calls people
names, puts a word in scare quotes and names a disease after a people, the Valley Courier's does
not. A loaded word inside a quotation is the speaker's, not the outlet's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.analysis.framing import find_framing
from newsfuse.analysis.nlp import load_nlp
from newsfuse.analysis.quotes import extract_quotes
from newsfuse.analysis.record import analyse_articles
from newsfuse.brief.build import build_brief
from newsfuse.brief.framing import least_loaded, line_up_framing, loaded_in
from newsfuse.model import Article, FramingKind, Ref, SpanKind, SummaryItem
from newsfuse.render import render
from newsfuse.render.json import brief_from_json, brief_to_json, load_schema

LOADED = Article(
    id="gazette-1",
    outlet="Harbour Gazette",
    title="Disgraced councillor rams harbour plan through amid outrage",
    text=(
        "The disgraced councillor Peter Hale forced the harbour plan through the council on Tuesday.\n\n"
        "The council voted seven to four for the plan. The “reform” will rebuild the harbour wall.\n\n"
        "Leftist campaigner Ana Ruiz led a small protest outside the town hall.\n\n"
        "The vote was delayed last winter when the Spanish flu swept through the town.\n\n"
        "“This is a corrupt and shameful plan,” said Tom Reyes, who runs the harbour cafe."
    ),
)
NEUTRAL = Article(
    id="courier-1",
    outlet="Valley Courier",
    title="Council approves harbour plan",
    text=(
        "The councillor Peter Hale steered the harbour plan through the council on Tuesday.\n\n"
        "The council voted seven to four for the plan to rebuild the harbour wall.\n\n"
        "Campaigner Ana Ruiz led a protest outside the town hall.\n\n"
        "Harbour cafe owner Tom Reyes said he would keep his cafe open during the works."
    ),
)


@pytest.fixture(scope="module")
def records():
    return analyse_articles([LOADED, NEUTRAL], n_process=1)


@pytest.fixture(scope="module")
def brief():
    return build_brief([LOADED, NEUTRAL], words=80)


def _texts(refs) -> list[str]:
    return [r.text for r in refs]


def test_every_framing_span_is_exact(records) -> None:
    for article, record in zip((LOADED, NEUTRAL), records, strict=True):
        for ref in record.framing:
            assert article.text[ref.start : ref.end] == ref.text
            assert ref.kind in (SpanKind.FRAMING, SpanKind.QUOTED_FRAMING)
            FramingKind(ref.label)


def test_loaded_labels_scare_quotes_and_a_disease_named_after_a_people(records) -> None:
    own = {r.text: FramingKind(r.label) for r in records[0].framing if r.kind == SpanKind.FRAMING}
    assert own.get("disgraced") == FramingKind.LABEL
    assert own.get("Leftist") == FramingKind.LABEL
    assert own.get("“reform”") == FramingKind.SCARE_QUOTE
    assert own.get("Spanish flu") == FramingKind.DISEASE_NAME


def test_a_loaded_word_inside_a_quotation_is_the_speakers(records, brief) -> None:
    gazette = records[0]
    quoted = [r for r in gazette.framing if r.kind == SpanKind.QUOTED_FRAMING]
    assert "corrupt" in _texts(quoted) or "shameful" in _texts(quoted)
    own = [r for r in gazette.framing if r.kind == SpanKind.FRAMING]
    assert not {"corrupt", "shameful"} & set(_texts(own))
    framing = {f.outlet: f for f in brief.framing}["Harbour Gazette"]
    speakers = {i.ref.text: i.speaker for i in framing.quoted}
    assert any(speakers.get(w) == "Tom Reyes" for w in ("corrupt", "shameful"))
    assert not {"corrupt", "shameful"} & {i.ref.text for i in framing.items}


def test_the_neutral_outlet_has_none_of_the_loaded_words(records, brief) -> None:
    assert not [r for r in records[1].framing if r.label in (FramingKind.LABEL, FramingKind.SCARE_QUOTE)]
    courier = {f.outlet: f for f in brief.framing}["Valley Courier"]
    words = {i.ref.text.lower() for i in courier.items}
    assert not words & {"disgraced", "leftist", "“reform”", "spanish flu"}


def test_the_other_outlets_words_for_the_same_person(brief) -> None:
    gazette = {f.outlet: f for f in brief.framing}["Harbour Gazette"]
    disgraced = next(i for i in gazette.items if i.ref.text == "disgraced")
    others = dict(disgraced.alternatives)
    assert "Valley Courier" in others
    alternative = others["Valley Courier"]
    assert NEUTRAL.text[alternative.start : alternative.end] == alternative.text
    assert alternative.text.endswith("Hale") or alternative.text.endswith("councillor")
    assert "disgraced" not in alternative.text


def test_the_summary_shows_the_least_loaded_wording(brief) -> None:
    gazette_lead = LOADED.text.split("\n")[0]
    courier_lead = NEUTRAL.text.split("\n")[0]
    loaded = Ref(LOADED.id, 0, len(gazette_lead), gazette_lead)
    plain = Ref(NEUTRAL.id, 0, len(courier_lead), courier_lead)
    assert loaded_in(loaded, brief.framing) > loaded_in(plain, brief.framing)
    (item,) = least_loaded([SummaryItem(loaded.text, (loaded, plain))], brief.framing)
    assert item.text == plain.text and item.sources == (plain, loaded)
    # a wording longer than the one the budget was made for is never taken
    (kept,) = least_loaded([SummaryItem(plain.text, (plain, loaded))], brief.framing)
    assert kept.sources[0] == plain


def test_a_headline_angle_is_a_loaded_headline_word_its_body_never_uses(brief) -> None:
    by_outlet = {f.outlet: f for f in brief.framing}
    assert by_outlet["Harbour Gazette"].headline == ("outrage",)  # "disgraced" is in its body too
    assert by_outlet["Valley Courier"].headline == ()
    assert "headline angle" in render(brief, "md")


def test_framing_is_in_every_format_and_the_json_round_trips(brief) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = brief_to_json(brief)
    data = json.loads(text)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert brief_from_json(text) == brief
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for f in data["framing"]:
        for item in f["items"] + f["quoted"]:
            assert texts[item["article"]][item["start"] : item["end"]] == item["text"]
    for fmt in ("md", "text", "html"):
        out = render(brief, fmt)
        assert "How each outlet frames it" in out
        assert "disgraced" in out and "Spanish flu" in out
    # the loaded word is shown in its sentence, spaced as it stands there
    assert "The <mark>disgraced</mark> councillor" in render(brief, "html")
    assert "The **disgraced** councillor" in render(brief, "md")


def test_without_analysis_there_is_no_framing() -> None:
    assert build_brief([LOADED, NEUTRAL], words=80, analyse=False).framing == ()


def test_line_up_with_no_records_gives_empty_outlets() -> None:
    (gazette,) = line_up_framing([LOADED], [])
    assert gazette.items == () and gazette.words == 0


# --- the seeds: one outlet calls people "leftist", writes "Chinese Coronavirus", "disgraced" -----


def test_the_seeds_brief_names_the_loaded_words_of_the_outlet_that_uses_them(seeds: Path) -> None:
    import newsfuse

    brief = newsfuse.brief([seeds])
    wanted = {"leftist", "disgraced", "chinese coronavirus"}
    users = []
    for f in brief.framing:
        words = {i.ref.text.lower() for i in f.items}
        if words & wanted:
            users.append(f.outlet)
            assert wanted <= words, f"{f.outlet} names only {words & wanted}"
    assert len(users) == 1
    markdown = render(brief, "md")
    for word in ("leftist", "disgraced", "Chinese Coronavirus"):
        assert word in markdown
    # the summary carries the retraction in another outlet's words than "the disgraced MP wrote"
    assert any("retract my statement" in item.text for item in brief.summary)
    assert not any("disgraced" in item.text for item in brief.summary)


# --- BASIL: a sample of expert-annotated articles -------------------------------------------------


def test_a_basil_sample_finds_annotated_bias_outside_quotations(shared: Path) -> None:
    path = shared / "data" / "basil_dev.jsonl"
    if not path.exists():
        pytest.skip(f"needs {path}")
    records = [json.loads(line) for _, line in zip(range(12), path.open(encoding="utf-8"), strict=False)]
    hits = found = 0
    nlp = load_nlp()
    for r, doc in zip(records, nlp.pipe(x["text"] for x in records), strict=True):
        article = Article(id=r["id"], text=r["text"], outlet=r["outlet"])
        quotes = extract_quotes(article, doc)
        refs = [x for x in find_framing(article, doc, quotes) if x.kind == SpanKind.FRAMING]
        found += len(refs)
        for ref in refs:
            assert r["text"][ref.start : ref.end] == ref.text
            assert not any(q.start <= ref.start and ref.end <= q.end for q in quotes)
        gold = [s for s in r["spans"] if s["kind"] == "lex" and not s["quote"]]
        hits += sum(1 for s in gold if any(x.start < s["end"] and s["start"] < x.end for x in refs))
    words = sum(len(r["text"].split()) for r in records)
    assert hits >= 1  # some expert-marked wording is found
    assert found < words / 20  # and the outlet's wording is not flagged wholesale
