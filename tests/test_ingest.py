"""Ingest: every format on small texts written here, bad inputs as problems, the seeds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsfuse.errors import EmptyInput, MalformedInput, UnreadableInput
from newsfuse.ingest import LoadResult, StoryInput, iter_stories, load
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.decode import decode_bytes
from newsfuse.ingest.html import html_to_text, parse_html
from newsfuse.ingest.outlet import MAX_ID_CHARS, domain_of, short_id, stable_id
from newsfuse.ingest.text import split_headers
from newsfuse.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def by_id(result: LoadResult) -> dict[str, Article]:
    return {a.id: a for a in result.articles}


def by_origin(result: LoadResult) -> dict[str, Article]:
    return {a.origin or "": a for a in result.articles}


def problem_for(result: LoadResult, origin: str | Path) -> str:
    found = [p.message for p in result.problems if p.origin == str(origin)]
    assert found, f"no problem for {origin}: {result.problems}"
    return found[0]


def assert_spans_true(article: Article) -> None:
    for span in article.boilerplate:
        assert 0 <= span.start < span.end <= len(article.text)
        piece = article.text[span.start : span.end]
        assert piece == piece.strip()


# --- plain text ------------------------------------------------------------------------------


def test_text_date_header_becomes_date_and_leaves_the_text(tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text("  date 2021-06-30 The harbour master retired on Friday.\n\nHe served 30 years.\n\n")
    (article,) = load([path]).articles
    assert article.date == dt.date(2021, 6, 30)
    assert article.text == "The harbour master retired on Friday.\n\nHe served 30 years."
    assert article.title is None
    assert article.id.startswith("text-") and article.outlet == "harbour"  # id: a hash of the text
    assert article.origin == str(path)


def test_text_keeps_everything_but_the_ends_verbatim(tmp_path: Path) -> None:
    body = "First line  with two spaces.\n\n\n\n“Curly” quotes — and a dash.\tTab."
    path = tmp_path / "verbatim.txt"
    path.write_text("\n\n" + body + "   \n")
    (article,) = load([path]).articles
    assert article.text == body
    assert article.date is None


def test_text_markdown_heading_is_the_title() -> None:
    headers = split_headers("date: 2020-01-02\n# Snow closes schools\n\nAll schools shut today.")
    assert headers.date == dt.date(2020, 1, 2)
    assert headers.title == "Snow closes schools"
    assert headers.body == "All schools shut today."


def test_text_outlet_header_names_the_outlet_before_the_file_name(tmp_path: Path) -> None:
    headers = split_headers("outlet: Marsh Valley Times\ndate 2020-01-02\n# Snow closes schools\n\nAll shut.")
    assert (headers.outlet, headers.date, headers.title, headers.body) == (
        "Marsh Valley Times",
        dt.date(2020, 1, 2),
        "Snow closes schools",
        "All shut.",
    )
    after = split_headers("date: 2020-01-02\nSource: Fenwick Post\nAll schools shut today.")
    assert (after.outlet, after.date, after.body) == ("Fenwick Post", dt.date(2020, 1, 2), "All schools shut today.")
    path = tmp_path / "marsh_valley.txt"
    path.write_text("outlet: Marsh Valley Times\n\nAll schools shut today after heavy snow.")
    (article,) = load([path]).articles
    assert article.outlet == "Marsh Valley Times" and article.text.startswith("All schools")
    junk = tmp_path / "junk_outlet.txt"
    junk.write_text("outlet: " + "X" * 500 + "\nA ferry sank in the harbour on Monday.")
    loaded = load([junk])
    assert loaded.articles[0].outlet == "junk_outlet"
    assert any("ignored an outlet header that is not a name" in p.message for p in loaded.problems)
    plain = tmp_path / "fenwick_post.txt"
    plain.write_text("Outlets in the town centre stayed open: source of relief for shoppers.")
    (article,) = load([plain]).articles
    assert article.outlet == "fenwick_post" and article.text.startswith("Outlets in the town")


def test_text_impossible_date_header_is_reported_and_kept_out_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text("date 2021-13-40 The clock tower was repaired.")
    result = load([path])
    (article,) = result.articles
    assert article.date is None
    assert article.text == "The clock tower was repaired."
    (problem,) = result.problems
    assert problem.origin == str(path) and not problem.fatal and "2021-13-40" in problem.message


@pytest.mark.parametrize(
    ("first_line", "text"),
    [
        ("date: last Tuesday\n", "The clock tower was repaired."),
        ("date 2021/13/40\n", "The clock tower was repaired."),
        ("Date palms lined the square. ", "Date palms lined the square. The clock tower was repaired."),
        ("date 20 people came. ", "date 20 people came. The clock tower was repaired."),
    ],
)
def test_only_lines_meant_as_date_headers_leave_the_text(tmp_path: Path, first_line: str, text: str) -> None:
    path = tmp_path / "odd.txt"
    path.write_text(first_line + "The clock tower was repaired.")
    result = load([path])
    assert result.articles[0].text == text
    assert len(result.problems) == (0 if text.startswith(first_line) else 1)


def test_text_with_only_a_date_header_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "only_date.txt"
    path.write_text("date 2021-01-01\n")
    result = load([path])
    assert result.articles == ()
    assert "no text" in problem_for(result, path)


def test_seeds_load_as_five_articles(seeds: Path) -> None:
    result = load([seeds])
    assert result.problems == ()
    assert len(result.articles) == 5
    articles = sorted(result.articles, key=lambda a: a.origin or "")
    first = articles[0]
    assert Path(first.origin or "").name.startswith("000")
    assert first.date == dt.date(2022, 4, 12)
    assert "date 2022" not in first.text and not first.text.startswith((" ", "date"))
    for article, path in zip(articles, sorted(seeds.iterdir()), strict=True):
        raw = path.read_text(encoding="utf-8").strip()
        assert raw.endswith(article.text)  # only the header and the ends were taken off
        assert len(raw) - len(article.text) == (len("date 2022-04-12 ") if article is first else 0)
        assert_spans_true(article)
    assert len({a.outlet for a in articles}) == 5
    assert [a.date for a in articles[1:]] == [None] * 4


# --- HTML ------------------------------------------------------------------------------------


def test_html_page_gives_text_and_metadata() -> None:
    result = load([FIXTURES / "page.html"])
    assert result.problems == ()
    (article,) = result.articles
    assert article.title == "Council votes to close Elm Street library"
    assert article.outlet == "The Riverside Gazette"
    assert article.date == dt.date(2023, 5, 2)
    assert article.url == "https://www.riversidegazette.example.com/news/library-vote"
    assert article.text.startswith("The town council voted seven to two")
    assert "Home" not in article.text and "Copyright" not in article.text
    assert "tracker" not in article.text
    assert "\n\nCouncillor Maria Lopez" in article.text
    (span,) = article.boilerplate
    assert article.text[span.start : span.end] == "READ MORE: Bus route 7 to be cut from the spring timetable"


def test_html_outlet_falls_back_to_the_domain_and_option_wins() -> None:
    (article,) = load([FIXTURES / "no_site.htm"]).articles
    assert article.outlet == "harbourweekly.example.org"
    assert article.title == "Harbour wall repairs start"
    (named,) = load([FIXTURES / "no_site.htm"], outlet="Harbour Weekly").articles
    assert named.outlet == "Harbour Weekly"


def test_html_short_page_is_still_read() -> None:
    article, _ = parse_html(
        "<html><body><p>The pier reopens on Saturday.</p></body></html>", origin="pier.html", stem="pier"
    )
    assert article.text == "The pier reopens on Saturday."


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ("<html><body><div></div></body></html>", EmptyInput),
        ("<!DOCTYPE html><html><body><p class=", MalformedInput),
        ("<html", MalformedInput),
    ],
)
def test_broken_or_empty_html_is_one_error(markup: str, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        parse_html(markup, origin="x.html", stem="x")
    assert str(caught.value).startswith("x.html: ")
    assert "\n" not in str(caught.value)


def test_html_to_text_keeps_paragraphs_and_line_breaks() -> None:
    text = html_to_text("<p>One <b>bold</b>  word.<br>Next line</p><div>Fish &amp; chips</div><script>x()</script>")
    assert text == "One bold word.\nNext line\n\nFish & chips"


# --- JSON / JSONL ----------------------------------------------------------------------------


def test_json_list_of_records() -> None:
    path = FIXTURES / "records.json"
    result = load([path], outlet="Fallback Name")
    articles = by_id(result)
    mill = articles["mill-1"]
    assert mill.outlet == "Northern Ledger"  # the record's own outlet beats the option
    assert mill.title == "Old mill to become flats"
    assert mill.date == dt.date(2021, 9, 14)
    assert mill.url == "https://northernledger.example.net/mill"
    assert mill.origin == f"{path}#1"
    second = by_origin(result)[f"{path}#2"]
    assert second.id.startswith("cityjournal.example.com-")  # no id given: from its canonical URL
    assert second.outlet == "Fallback Name"  # the option beats the URL's domain
    assert problem_for(result, f"{path}#3") == "record has no 'text'"


def test_json_record_without_outlet_uses_the_url_domain() -> None:
    (second,) = [a for a in load([FIXTURES / "records.json"]).articles if a.origin.endswith("#2")]
    assert second.outlet == "cityjournal.example.com"


def test_json_single_record_and_one_story(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "The ferry was late again.", "site": "Quay News", "id": 7}))
    result = load([one, FIXTURES / "story.json"])
    articles = by_id(result)
    assert articles["7"].outlet == "Quay News"
    assert {"storm-a", "storm-b"} <= set(articles)
    assert articles["storm-a"].outlet != articles["storm-b"].outlet


def test_malformed_json_names_the_line() -> None:
    path = FIXTURES / "bad.json"
    result = load([path, FIXTURES / "story.json"])
    assert result.articles  # the other file still loads
    assert "malformed JSON" in problem_for(result, f"{path}:1")


def test_jsonl_bad_lines_are_problems_and_other_lines_load() -> None:
    path = FIXTURES / "records.jsonl"
    result = load([path])
    articles = by_id(result)
    assert set(articles) == {"school-1", "school-4"}
    assert articles["school-1"].outlet == "Eastside Echo"  # from {"source": {"name": ...}}
    assert articles["school-1"].date == dt.date(2020, 3, 3)
    assert articles["school-1"].origin == f"{path}:1"
    assert articles["school-4"].text.startswith("  Lessons")  # record text kept verbatim
    assert "malformed JSON" in problem_for(result, f"{path}:2")
    assert problem_for(result, f"{path}:3") == "record has no 'text'"
    date_problem = [p for p in result.problems if p.origin == f"{path}:5"]
    assert date_problem and not date_problem[0].fatal


def test_jsonl_line_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": "A clean line."}).encode()
    path.write_bytes(good + b'\n{"id": "bad", "text": "caf\xe9 \xff\xfe"}\n')
    result = load([path])
    assert [a.id for a in result.articles] == ["ok"]
    assert "not UTF-8" in problem_for(result, f"{path}:2")


def test_iter_stories_reads_story_by_story() -> None:
    path = FIXTURES / "stories.jsonl"
    stories = list(iter_stories(path))
    assert [s.id for s in stories] == ["fire-1", "stories:2", "fire-3", "fire-4"]
    assert all(isinstance(s, StoryInput) for s in stories)
    first = stories[0]
    assert [a.id for a in first.articles] == ["fire-1-a0", "fire-1-a1"]
    assert first.articles[1].outlet == "County Times" and first.articles[1].title == "Warehouse fire"
    assert first.articles[0].outlet == "fire-1-a0"  # unknown outlets stay distinct within a story
    assert first.problems == ()
    assert stories[1].articles == () and stories[1].problems[0].origin == f"{path}:2"
    assert [a.id for a in stories[2].articles] == ["fire-3-a1"]
    assert stories[2].problems[0].origin.startswith(f"{path}:3")
    assert stories[3].articles == () and "articles" in stories[3].problems[0].message


def test_iter_stories_on_a_missing_file_raises_one_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput):
        list(iter_stories(tmp_path / "nope.jsonl"))


def test_iter_stories_on_multinews(shared: Path) -> None:
    stories = list(iter_stories(shared / "data" / "multinews_val250.jsonl"))
    assert len(stories) == 250
    assert sum(len(s.articles) for s in stories) == 690
    assert all(not s.problems for s in stories)
    raw = json.loads((shared / "data" / "multinews_val250.jsonl").open(encoding="utf-8").readline())
    assert stories[0].articles[0].text == raw["articles"][0]["text"]  # verbatim: dataset offsets hold


# --- feeds -----------------------------------------------------------------------------------


def test_rss_feed_gives_one_article_per_entry() -> None:
    path = FIXTURES / "feed.rss"
    result = load([path])
    first, second = result.articles
    assert first.id.startswith("harbourweekly.example.org-") and first.title == "Ferry fares to rise in June"
    assert first.url == "https://harbourweekly.example.org/ferry-fares"
    assert first.date == dt.date(2022, 4, 12)
    assert first.outlet == "Harbour Weekly"
    fares = "Fares on the island ferry will rise by five per cent in June."
    assert first.text == f"{fares}\n\nThe operator blamed the cost of fuel."
    assert second.date == dt.date(2022, 4, 13)
    assert problem_for(result, f"{path}#3") == "feed entry has no text"


def test_atom_feed_without_title_uses_the_domain() -> None:
    (article,) = load([FIXTURES / "updates.atom"]).articles
    assert article.outlet == "valleypost.example.com"
    assert article.date == dt.date(2023, 1, 5)
    assert article.text == (
        "The new footbridge over the river opened on Thursday morning.\n\n"
        "It replaces a crossing that closed in 2019.\nCyclists may use it too."
    )


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><colour>blue</colour></settings>')
    assert "not an RSS or Atom feed" in problem_for(load([path]), path)


# --- sniffing --------------------------------------------------------------------------------


def test_formats_are_sniffed_when_the_extension_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "page").write_bytes((FIXTURES / "page.html").read_bytes())
    (tmp_path / "feed.dat").write_bytes((FIXTURES / "feed.rss").read_bytes())
    (tmp_path / "record.dat").write_text(json.dumps({"id": "r", "text": "Sniffed JSON record."}))
    (tmp_path / "lines.dat").write_text('{"id": "l1", "text": "One."}\n{"id": "l2", "text": "Two."}\n')
    result = load([tmp_path])
    assert [p.origin for p in result.problems] == [f"{tmp_path / 'feed.dat'}#3"]  # the empty entry
    assert by_origin(result)[str(tmp_path / "page")].outlet == "The Riverside Gazette"
    names = ("feed.dat#1", "feed.dat#2", "record.dat", "lines.dat:1", "lines.dat:2")
    origins = {str(tmp_path / name) for name in names}
    assert origins <= set(by_origin(result))
    assert {"r", "l1", "l2"} <= set(by_id(result))


# --- bad input -------------------------------------------------------------------------------


def test_every_bad_input_is_a_problem_and_the_rest_loads(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The new bakery opened on the high street.")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    not_utf8 = tmp_path / "noise.txt"
    not_utf8.write_bytes(b"Ceci n'est pas " + bytes(range(0xA0, 0x100)) * 3)
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    useless_folder = tmp_path / "useless"
    useless_folder.mkdir()
    (useless_folder / "blank.txt").write_text("")
    missing = tmp_path / "missing.txt"
    pattern = str(tmp_path / "*.nomatch")
    broken = FIXTURES / "broken.html"
    inputs = [empty, binary, not_utf8, broken, empty_folder, useless_folder, missing, pattern, good]
    result = load(inputs)
    assert [a.origin for a in result.articles] == [str(good)]
    assert problem_for(result, empty) == "empty file"
    assert "binary" in problem_for(result, binary)
    assert "not UTF-8" in problem_for(result, not_utf8)
    assert "broken HTML" in problem_for(result, broken)
    assert "no files" in problem_for(result, empty_folder)
    assert "nothing readable" in problem_for(result, useless_folder)
    assert problem_for(result, useless_folder / "blank.txt") == "empty file"
    assert "no such file" in problem_for(result, missing)
    assert "no file matches" in problem_for(result, pattern)
    assert all("\n" not in p.message for p in result.problems)


def test_near_text_in_cp1252_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes("The caf\u00e9 said \u201cno comment\u201d \u2014 again.".encode("cp1252"))
    result = load([path])
    (article,) = result.articles
    assert article.text == "The caf\u00e9 said \u201cno comment\u201d \u2014 again."
    (problem,) = result.problems
    assert not problem.fatal and "cp1252" in problem.message


def test_decode_policy() -> None:
    assert decode_bytes("\ufeffBOM text".encode(), "x").text == "BOM text"
    assert decode_bytes("wide text".encode("utf-16"), "x").text == "wide text"
    with pytest.raises(UnreadableInput):
        decode_bytes(b"text\x00with nul", "x")
    with pytest.raises(EmptyInput):
        decode_bytes(b"   ", "x")


# --- ids, outlets, folders, globs ------------------------------------------------------------


def test_same_stem_in_two_folders_gets_distinct_ids_and_outlets(tmp_path: Path) -> None:
    for folder in ("north", "south"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"Report from the {folder} office.")
    result = load([tmp_path])
    ids = [a.id for a in result.articles]
    assert len(set(ids)) == 2 and not any("report" in i for i in ids)
    assert [a.outlet for a in result.articles] == ["north/report", "south/report"]


def test_folders_are_sorted_recursive_and_skip_hidden(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second.")
    (tmp_path / "a.txt").write_text("First.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("Third.")
    (tmp_path / ".hidden.txt").write_text("Never.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("Never either.")
    result = load([tmp_path])
    assert [a.text for a in result.articles] == ["First.", "Second.", "Third."]


def test_globs_are_expanded_and_a_file_is_read_once(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(f"Text of {name}.")
    result = load([str(tmp_path / "x*.txt"), tmp_path / "x1.txt"])
    assert [a.origin for a in result.articles] == [str(tmp_path / "x1.txt"), str(tmp_path / "x2.txt")]


def test_articles_pass_through_with_unique_ids() -> None:
    given = Article(id="x1", text="Given directly.", outlet="Mine")
    other = Article(id="x1", text="Given as well.", outlet="Yours")
    assert [a.id for a in load([given, other]).articles] == ["x1", "x1-2"]
    # Which one keeps the id follows the outlet, not the order of the inputs.
    assert [a.id for a in load([other, given]).articles] == ["x1-2", "x1"]
    assert load([given, other]).articles[0] is given


def test_outlet_helpers() -> None:
    assert domain_of("https://www.theguardian.com/uk-news/2022/apr/12/x") == "theguardian.com"
    assert domain_of("news.bbc.co.uk/1/hi") == "news.bbc.co.uk"
    assert domain_of("not a url") is None
    long_id = short_id("a" * 200)
    assert len(long_id) == MAX_ID_CHARS and short_id("a" * 200) == long_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-04-12", dt.date(2022, 4, 12)),
        ("2022-04-12T23:30:00-05:00", dt.date(2022, 4, 12)),
        ("Tue, 12 Apr 2022 09:30:00 GMT", dt.date(2022, 4, 12)),
        ("12 April 2022", dt.date(2022, 4, 12)),
        ("April 12, 2022", dt.date(2022, 4, 12)),
        ("soon", None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


def test_load_on_real_data_is_verbatim_and_spans_hold(shared: Path) -> None:
    path = shared / "data" / "basil_dev.jsonl"
    result = load([path])
    assert result.problems == ()
    assert len(result.articles) == 150
    first = json.loads(path.open(encoding="utf-8").readline())
    article = result.articles[0]
    assert article.text == first["text"] and article.outlet == first["outlet"]
    for span in first["spans"]:
        assert article.text[span["start"] : span["end"]] == span["text"]
    for article in result.articles:
        assert_spans_true(article)


def test_html_date_is_not_guessed_from_the_body() -> None:
    body = "<p>The pier reopened on Saturday after repairs that began on 3 March 2019 and ran late.</p>"
    undated, _ = parse_html(f"<html><body><article>{body}</article></body></html>", origin="p", stem="p")
    assert undated.date is None
    marked = f'<html><body><article><time datetime="2022-04-12">12 April</time>{body}</article></body></html>'
    dated, _ = parse_html(marked, origin="p", stem="p")
    assert dated.date == dt.date(2022, 4, 12)


def test_one_path_on_its_own_is_one_input() -> None:
    result = load(str(FIXTURES / "story.json"))
    assert [a.id for a in result.articles] == ["storm-a", "storm-b"]


def test_public_names_are_exported() -> None:
    import newsfuse.ingest as ingest

    assert sorted(ingest.__all__) == sorted(
        ["load", "load_file", "LoadResult", "iter_stories", "StoryInput", "find_boilerplate"]
    )
    assert all(hasattr(ingest, name) for name in ingest.__all__)


# --- stable ids ------------------------------------------------------------------------------


def test_a_text_id_is_a_hash_of_the_text_not_the_file_name_or_order(tmp_path: Path) -> None:
    text = "The ferry to Lowmere was cancelled again on Tuesday."
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(text)
    two.write_text("A different report on the ferry.")
    forward = {a.origin: a.id for a in load([one, two]).articles}
    renamed = tmp_path / "zzz-renamed.txt"
    renamed.write_text(text)
    backward = {a.origin: a.id for a in load([two, renamed]).articles}
    assert forward[str(one)] == backward[str(renamed)]
    assert forward[str(two)] == backward[str(two)]
    assert forward[str(one)] != forward[str(two)]


def test_a_page_id_is_its_canonical_url(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text(
        '<html><head><title>Fares rise</title><link rel="canonical" '
        'href="https://www.harbour.example.org/news/fares/?utm_source=feed#top"></head>'
        "<body><article><p>Fares on the island ferry will rise in June, the operator said.</p>"
        "</article></body></html>"
    )
    (article,) = load([page]).articles
    assert article.id == stable_id("", "harbour.example.org/news/fares")  # scheme, www, /, tracking, # dropped
    assert article.id.startswith("harbour.example.org-") and "/" not in article.id


def test_the_same_text_in_two_files_gets_two_ids_whatever_the_order(tmp_path: Path) -> None:
    text = "The same wire copy, printed word for word by two outlets."
    a = tmp_path / "a.json"
    b = tmp_path / "b.json"
    a.write_text(json.dumps({"text": text, "outlet": "Alpha Post"}))
    b.write_text(json.dumps({"text": text, "outlet": "Beta Times"}))
    forward = {x.outlet: x.id for x in load([a, b]).articles}
    backward = {x.outlet: x.id for x in load([b, a]).articles}
    assert forward == backward  # the first by outlet keeps the hash, the other gets -2
    assert forward["Beta Times"] == forward["Alpha Post"] + "-2"


# -- iter_jsonl_lines: the line-by-line reader of the Spark path ------------------------------------


def test_iter_jsonl_lines_reads_as_parse_jsonl(tmp_path) -> None:
    import io
    import json as _json

    from newsfuse.ingest.records import iter_jsonl_lines, parse_jsonl

    story = {"id": "bridge", "articles": [{"id": "a", "text": "The bridge reopened."}, {"text": "It reopened."}]}
    data = (
        _json.dumps({"id": "r1", "text": "Ferries resumed.", "date": "someday"})
        + "\n{oops\n"
        + _json.dumps(story)
        + "\n"
    ).encode()
    lines = list(iter_jsonl_lines(io.BytesIO(data), origin="pile.jsonl", stem="pile"))
    assert [(x.lineno, x.story, len(x.articles)) for x in lines] == [(1, None, 1), (2, None, 0), (3, "bridge", 2)]
    assert lines[2].articles[0].id == "a" and lines[2].articles[1].id.startswith("text-")
    articles, problems = parse_jsonl(data, origin="pile.jsonl", stem="pile")
    assert [a for x in lines for a in x.articles] == articles
    assert [p for x in lines for p in x.problems] == problems
    assert problems[1].origin == "pile.jsonl:2" and not problems[0].fatal
