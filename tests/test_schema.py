"""The JSON rendering of a brief: it validates against the shipped JSON Schema, and every span in it
is exactly the characters of the article it names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_render import example_brief, sample_brief

from newsfuse.model import Brief, Problem
from newsfuse.render.json import SCHEMA_ID, brief_from_dict, brief_from_json, brief_to_dict, brief_to_json, load_schema

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def spans(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ``(article id, span)`` in a rendered brief."""
    for item in data["summary"]:
        for source in item["sources"]:
            yield source["article"], source
    for quote in data["quotes"]:
        for carrier in quote["carried_by"]:
            if carrier["parts"]:  # a split quote: its text joins the parts, each an exact span
                parts = carrier["parts"]
                assert (carrier["start"], carrier["end"]) == (parts[0]["start"], parts[-1]["end"])
                assert all(p["text"] in carrier["text"] for p in parts)
            else:
                yield carrier["article"], carrier
            if carrier["speaker_mention"] is not None:
                yield carrier["article"], carrier["speaker_mention"]
            for part in carrier["parts"]:
                yield carrier["article"], part
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            yield mention["article"], mention
    for fact in data["facts"]:
        for mention in fact["mentions"]:
            yield mention["article"], mention
    for disagreement in data["disagreements"]:
        for value in disagreement["values"]:
            for mention in value["mentions"]:
                yield mention["article"], mention
    for event in data.get("timeline", ()):  # issue 9
        for source in event["sources"]:
            yield source["article"], source
    for pair in data.get("shared_copy", ()):  # shared copy (brief/shared_copy.py)
        for passage in pair["passages"]:
            assert (passage["a"]["article"], passage["b"]["article"]) == (pair["a"], pair["b"])
            yield pair["a"], passage["a"]
            yield pair["b"], passage["b"]


def check_spans(brief: Brief, data: dict[str, Any]) -> int:
    """Check every span against the texts the JSON itself carries (and those against the brief's)."""
    texts = {a["id"]: a["text"] for a in data["articles"]}
    by_id = {a.id: a.text for a in brief.articles}
    for article_id, text in texts.items():
        assert text == by_id[article_id], article_id
    count = 0
    for article, span in spans(data):
        assert texts[article][span["start"] : span["end"]] == span["text"], (article, span)
        count += 1
    return count


def test_sample_brief_validates_and_its_spans_are_exact(validator: jsonschema.Draft202012Validator) -> None:
    brief = sample_brief()
    data = json.loads(brief_to_json(brief))
    validator.validate(data)
    assert data["schema"] == SCHEMA_ID
    assert check_spans(brief, data) >= 10
    carrier = data["quotes"][0]["carried_by"][1]
    assert carrier["diff"] == [{"op": "replace", "fullest": "great", "here": "grand"}]
    assert carrier["speaker_mention"]["text"] == "Ruth Amberly"
    assert data["summary"][0]["sources"][1] == {
        "article": "county",
        "outlet": "County [Post]",
        "start": 0,
        "end": 86,
        "text": "The footbridge over the River Tamsin reopened on Friday after eight months of repairs.",
    }
    assert data["articles"][0]["date"] == "2026-05-08"
    assert data["articles"][1]["url"] is None
    assert data["disagreements"][0]["values"][1]["value"] == "60"
    assert data["problems"] == [{"origin": "broken.html", "message": "no article text found", "fatal": True}]


def test_example_story_validates_and_its_spans_are_exact(validator: jsonschema.Draft202012Validator) -> None:
    brief = example_brief()
    data = brief_to_dict(brief)
    validator.validate(data)
    assert check_spans(brief, data) >= 9
    assert {a["outlet"] for a in data["articles"]} >= {"The Northern Ledger", "Daily Courier"}


def test_schema_is_strict(validator: jsonschema.Draft202012Validator) -> None:
    data = brief_to_dict(sample_brief())
    extra = json.loads(json.dumps(data))
    extra["summary"][0]["sources"][0]["confidence"] = 0.9
    assert not validator.is_valid(extra)
    missing = json.loads(json.dumps(data))
    del missing["quotes"][0]["carried_by"][0]["diff"]
    assert not validator.is_valid(missing)
    wrong = json.loads(json.dumps(data))
    wrong["articles"][0]["date"] = "9 May 2026"
    assert not validator.is_valid(wrong)
    wrong_op = json.loads(json.dumps(data))
    wrong_op["quotes"][0]["carried_by"][1]["diff"][0]["op"] = "swap"
    assert not validator.is_valid(wrong_op)


def test_schema_names_exactly_the_keys_the_renderer_writes() -> None:
    schema = load_schema()
    data = brief_to_dict(sample_brief())
    assert schema["required"] == list(data)
    defs = schema["$defs"]
    assert defs["quote"]["required"] == list(data["quotes"][0])
    assert defs["carrier"]["required"] == list(data["quotes"][0]["carried_by"][0])
    assert defs["entity"]["required"] == list(data["entities"][0])
    assert defs["fact_mention"]["required"] == list(data["facts"][0]["mentions"][0])
    assert defs["disagreement"]["required"] == list(data["disagreements"][0])
    assert defs["article"]["required"] == list(data["articles"][0])


def test_one_line_json_for_batches_round_trips() -> None:
    brief = sample_brief()
    line = brief_to_json(brief, indent=None)
    assert "\n" not in line
    assert json.loads(line) == brief_to_dict(brief)


def test_a_brief_without_articles_validates(validator: jsonschema.Draft202012Validator) -> None:
    empty = Brief(id="stories:2", articles=(), summary=(), words=200, problems=(Problem("s.jsonl:2", "bad JSON"),))
    data = brief_to_dict(empty)
    validator.validate(data)
    assert data["id"] == "stories:2" and data["summary"] == []


def test_batch_stories_each_validate_with_their_id(validator: jsonschema.Draft202012Validator) -> None:
    from newsfuse.ingest import iter_stories
    from newsfuse.model import Ref, SummaryItem

    ids = []
    for story in iter_stories(EXAMPLES / "stories.jsonl"):
        assert story.articles, story.problems
        lead = story.articles[0]
        first = lead.text.split("\n", 1)[0]
        brief = Brief(
            id=story.id,
            articles=tuple(story.articles),
            summary=(SummaryItem(first, (Ref(lead.id, 0, len(first), first),)),),
            words=60,
        )
        data = json.loads(brief_to_json(brief, indent=None))
        validator.validate(data)
        check_spans(brief, data)
        ids.append(data["id"])
    assert ids == ["lowmere-dam", "ferry-strike", "orchard-festival"]


def test_the_example_in_the_docs_validates_and_matches_the_sample_texts(
    validator: jsonschema.Draft202012Validator,
) -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text(encoding="utf-8")
    block = doc.split("## Example", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    data = json.loads(block)
    validator.validate(data)
    assert check_spans(sample_brief(), data) >= 10
    for key in load_schema()["required"]:
        assert f"| `{key}` |" in doc, f"{key} is not described in docs/schema.md"


@pytest.fixture(scope="module")
def real_brief() -> Brief:
    """The example story through the whole pipeline."""
    import newsfuse

    return newsfuse.brief([EXAMPLES / "story"], words=150)


def test_real_brief_of_the_example_story_validates_with_exact_spans(
    real_brief: Brief, validator: jsonschema.Draft202012Validator
) -> None:
    data = json.loads(brief_to_json(real_brief))
    validator.validate(data)
    assert data["summary"], "the example story should give a summary"
    assert check_spans(real_brief, data) >= len(data["summary"])
    summary = " ".join(item["text"] for item in data["summary"])
    for junk in ("READ MORE", "Photo: Reuters", "Sign up to our newsletter", "Follow Sam Patel"):
        assert junk not in summary


def test_real_brief_renders_in_every_format(real_brief: Brief) -> None:
    from test_render import plain

    from newsfuse.render import FORMATS, render
    from newsfuse.render.markdown import md_escape

    md = render(real_brief, "md")
    text = plain(render(real_brief, "text"))
    for item in real_brief.summary:
        assert md.count(md_escape(plain(item.text).strip())) >= 1
        assert plain(item.text).strip() in text
    for fmt in FORMATS:
        assert render(real_brief, fmt).strip()


def test_real_brief_of_the_seeds_validates_with_exact_spans(
    seeds: Path, validator: jsonschema.Draft202012Validator
) -> None:
    import newsfuse

    brief = newsfuse.brief([seeds], words=150)
    data = brief_to_dict(brief)
    validator.validate(data)
    assert check_spans(brief, data) > len(data["summary"])


def test_the_json_reads_back_into_the_same_brief(real_brief: Brief) -> None:
    """Render -> parse -> the equal Brief, and the same JSON again (the example story, end to end)."""
    text = brief_to_json(real_brief)
    back = brief_from_json(text)
    assert back == real_brief
    assert brief_to_json(back) == text


def test_every_citation_can_be_checked_from_the_json_alone(real_brief: Brief) -> None:
    data = json.loads(brief_to_json(real_brief))
    texts = {a["id"]: a["text"] for a in data["articles"]}
    checked = 0
    for article, span in spans(data):
        assert texts[article][span["start"] : span["end"]] == span["text"]
        checked += 1
    assert checked > 50


def test_no_text_leaves_the_texts_out_and_still_validates(
    real_brief: Brief, validator: jsonschema.Draft202012Validator
) -> None:
    data = json.loads(brief_to_json(real_brief, text=False))
    validator.validate(data)
    assert all(a["text"] is None for a in data["articles"])
    assert brief_from_dict(data).summary == real_brief.summary


def test_a_wrong_shape_is_a_clean_input_error() -> None:
    from newsfuse.errors import MalformedInput

    with pytest.raises(MalformedInput, match="not a newsfuse brief"):
        brief_from_json('{"schema": "other"}')
    with pytest.raises(MalformedInput, match="not JSON"):
        brief_from_json("{")
    with pytest.raises(MalformedInput, match="KeyError"):
        brief_from_json('{"schema": "newsfuse.brief/1"}')
