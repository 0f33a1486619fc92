"""Sentence splitting: exact spans, quotes, abbreviations, paragraphs, odd white space."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsfuse.analysis.sentences import content_sentences, split_sentences
from newsfuse.model import Article, Span

# A full stop, then a word that always opens a sentence: a boundary the splitter missed.
MISSED = re.compile(r"[a-z]{2}[.!?][”\"’']?\s+(?:The|He|She|It|They|We|But|In|This|That)\s")
CLOSING_ONLY = "”»"
OPENING_ONLY = "“«"


def sents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def check_spans(text: str, spans: list[Span]) -> None:
    """Every span is non-empty, trimmed, in order, not overlapping, and no quote mark is orphaned."""
    last = 0
    for s in spans:
        piece = text[s.start : s.end]
        assert s.start >= last, f"out of order or overlapping: {piece!r}"
        assert piece and piece == piece.strip() and "\u200b" not in (piece[0], piece[-1]), piece
        assert piece[0] not in CLOSING_ONLY, f"starts with a closing quote: {piece!r}"
        assert piece[-1] not in OPENING_ONLY, f"ends with an opening quote: {piece!r}"
        assert not (piece[0] == '"' and piece[1:2].isspace()), f"starts with a stray closing quote: {piece!r}"
        # never split between end punctuation and the quote mark that closes it
        if piece[-1] in ".!?" and s.end < len(text):
            assert text[s.end] not in "”’\"'", f"closing quote left behind: {piece!r}"
        assert "\n\n" not in piece and "\n \n" not in piece, f"joined across a paragraph: {piece!r}"
        assert not MISSED.search(piece), f"missed a sentence end: {piece!r}"
        last = s.end


# --- basics ---------------------------------------------------------------------------


def test_spans_are_exact_and_trimmed() -> None:
    text = "  The vote was held on Monday.   It passed easily!  Was anyone surprised?  "
    spans = split_sentences(text)
    assert sents(text) == ["The vote was held on Monday.", "It passed easily!", "Was anyone surprised?"]
    assert spans[0] == Span(2, 30)
    check_spans(text, spans)


@pytest.mark.parametrize("text", ["", "   ", "\n \n \n", "\xa0\u200b"])
def test_empty_and_blank_text_give_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_lines_of_marks_only_are_not_sentences() -> None:
    text = "The river rose overnight.\n\n***\n\nBy noon it had fallen again.\n\n—"
    assert sents(text) == ["The river rose overnight.", "By noon it had fallen again."]


# --- quotation marks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said: "We won." Then he left.', ['He said: "We won."', "Then he left."]),
        ("He said: “We won.” Then he left.", ["He said: “We won.”", "Then he left."]),
        ("She wrote: ‘It is over.’ Nobody replied.", ["She wrote: ‘It is over.’", "Nobody replied."]),
        ('"We won," he said. The crowd cheered.', ['"We won," he said.', "The crowd cheered."]),
        ("“Are you done?” she asked. He nodded.", ["“Are you done?” she asked.", "He nodded."]),
        ("“Stop it now!” Maria Lopez shouted at them.", ["“Stop it now!” Maria Lopez shouted at them."]),
        ("“We won!” Then they all went home.", ["“We won!”", "Then they all went home."]),
        ("“Did it change?” I asked her.", ["“Did it change?” I asked her."]),
        (
            "“Stop this now!” He said the rules were clear.",
            ["“Stop this now!”", "He said the rules were clear."],
        ),
        (
            "It was “...a grave breach of the rules.” He added that he would resign.",
            ["It was “...a grave breach of the rules.”", "He added that he would resign."],
        ),
        (
            "“I doubt it,'' the mayor said. ``We will see.'' Then she left.",
            ["“I doubt it,'' the mayor said.", "``We will see.''", "Then she left."],
        ),
    ],
)
def test_quotes_stay_with_their_sentence(text: str, expected: list[str]) -> None:
    assert sents(text) == expected
    check_spans(text, split_sentences(text))


def test_multi_sentence_quote_splits_inside_but_keeps_attribution() -> None:
    text = "“I was at the hearing. The evidence was thin. Nobody listened,” the councillor said. She left."
    assert sents(text) == [
        "“I was at the hearing.",
        "The evidence was thin.",
        "Nobody listened,” the councillor said.",
        "She left.",
    ]


def test_quote_opening_in_one_paragraph_and_closing_in_the_next() -> None:
    text = (
        "The chair said: “I regret the post. It was a mistake.\n\n"
        "“I will step down from the committee today.”\n\n"
        "Members welcomed the decision."
    )
    assert sents(text) == [
        "The chair said: “I regret the post.",
        "It was a mistake.",
        "“I will step down from the committee today.”",
        "Members welcomed the decision.",
    ]


def test_stray_closing_quote_after_a_space_belongs_to_the_sentence_before() -> None:
    text = 'She told fans to “Stay calm. ” The advice was ignored. He said "Go home. " Nobody did.'
    assert sents(text) == [
        "She told fans to “Stay calm. ”",
        "The advice was ignored.",
        'He said "Go home. "',
        "Nobody did.",
    ]


def test_mistyped_opening_mark_at_line_end_is_left_out() -> None:
    text = "He never gave up. “\n\nThe campaign went on."
    assert sents(text) == ["He never gave up.", "The campaign went on."]


# --- abbreviations, numbers, ellipses ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Grant and Mrs. Okafor met Dr. Patel and Ms. Ruiz at St. Mary's church.",
        "Mr Grant met Dr Patel in the U.K. Parliament and later at the U.S. Embassy.",
        "The talks began at 9 a.m. Tuesday and ended at 11 p.m. local time.",
        "The deadline is Jan. 15 and the vote is on Sept. 3 in No. 10 Downing Street.",
        "The novel by J. K. Rowling sold 3.5 million copies in the first week.",
        "Gov. Lee and Sen. Park met Lt. Col. Ames at Fort Dodge, Iowa, on Friday.",
        "The case, Roe v. Wade, was argued in Washington, D.C., in 1971.",
        "The firm, XO Group Inc. (NYSE: XOXO), said sales e.g. of rings rose.",
        "He paused... then went on with the speech as if nothing had happened.",
        "Harry M. Reid (D-Nev.) — who led the Senate then — denounced the plan.",
        "It is part of the South Korean-U.S. Mutual Defense Treaty of 1953.",
        "A study by Ito et al. 2010 found it (ref. 20) and you can call ext. 539 today.",
    ],
)
def test_abbreviations_numbers_and_ellipses_do_not_split(text: str) -> None:
    assert sents(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She moved to the U.S. The move paid off.", ["She moved to the U.S.", "The move paid off."]),
        (
            "The fire started at 10 p.m. Police arrived soon after.",
            ["The fire started at 10 p.m.", "Police arrived soon after."],
        ),
        (
            "The meeting is at the Co. The staff are invited.",
            ["The meeting is at the Co.", "The staff are invited."],
        ),
        ("It was over... The next day was calm.", ["It was over...", "The next day was calm."]),
        ("It was over… The next day was calm.", ["It was over…", "The next day was calm."]),
        ("He left in 2008. Nobody knew why.", ["He left in 2008.", "Nobody knew why."]),
        ("It is made by Acme Inc. The shares rose.", ["It is made by Acme Inc.", "The shares rose."]),
        (
            "They live in Menasha, Wis. Four people were hurt.",
            ["They live in Menasha, Wis.", "Four people were hurt."],
        ),
        ("The list ran out. . . . It was never found.", ["The list ran out. . . .", "It was never found."]),
        ("He said no. The talks ended.", ["He said no.", "The talks ended."]),
        ('"We moved to Salem, Ore." Jones agreed.', ['"We moved to Salem, Ore."', "Jones agreed."]),
    ],
)
def test_sentence_ends_after_abbreviations_and_numbers(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


def test_loose_end_marks_stay_with_the_sentence_before() -> None:
    text = "It hardly warrants mention. ... The rest followed. And I stood there … . I was shocked."
    assert sents(text) == [
        "It hardly warrants mention. ...",
        "The rest followed.",
        "And I stood there … .",
        "I was shocked.",
    ]


def test_ellipsis_opening_a_quote_is_not_a_sentence() -> None:
    text = "She wrote: “... the rules were broken.” Then she left."
    assert sents(text) == ["She wrote: “... the rules were broken.”", "Then she left."]


def test_list_number_is_not_a_sentence_of_its_own() -> None:
    text = "2. “Blue Skies”\n\nThe second song is slower."
    assert sents(text) == ["2. “Blue Skies”", "The second song is slower."]


# --- paragraphs and lines -----------------------------------------------------------------


def test_never_joins_across_multinews_paragraph_breaks() -> None:
    text = "Share this story \n \n The bridge closed at noon \n \n Engineers found a crack. It is small."
    assert sents(text) == [
        "Share this story",
        "The bridge closed at noon",
        "Engineers found a crack.",
        "It is small.",
    ]
    check_spans(text, split_sentences(text))


def test_line_without_final_punctuation_is_its_own_sentence() -> None:
    text = (
        "COUNCIL APPROVES NEW BUDGET\n"
        "The council approved the budget on Tuesday.\n\n"
        "READ MORE:\xa0Budget cuts hit libraries across the county\n\n"
        "Follow Jo Bloggs on Twitter: @jo_bloggs\n"
        "Follow the Chronicle on Facebook: The Chronicle"
    )
    assert sents(text) == [
        "COUNCIL APPROVES NEW BUDGET",
        "The council approved the budget on Tuesday.",
        "READ MORE:\xa0Budget cuts hit libraries across the county",
        "Follow Jo Bloggs on Twitter: @jo_bloggs",
        "Follow the Chronicle on Facebook: The Chronicle",
    ]


def test_hard_wrapped_sentence_is_joined() -> None:
    text = "Editor's note: the mayor regularly\nattends these meetings. She spoke.\n\nnext paragraph here."
    assert sents(text) == [
        "Editor's note: the mayor regularly\nattends these meetings.",
        "She spoke.",
        "next paragraph here.",
    ]


def test_crlf_and_unicode_line_separators_break_lines() -> None:
    text = "First line\r\nSecond line\u2028Third line\r\n\r\nFourth."
    assert sents(text) == ["First line", "Second line", "Third line", "Fourth."]


# --- white space and scraped copy -------------------------------------------------------------


def test_dashes_and_no_break_spaces_inside_a_sentence() -> None:
    text = "The mayor was re-elected\xa0on Monday — by a wide margin — after a poll.\xa0The\xa0Herald agreed."
    assert sents(text) == [
        "The mayor was re-elected\xa0on Monday — by a wide margin — after a poll.",
        "The\xa0Herald agreed.",
    ]


def test_picture_caption_and_credit() -> None:
    text = "The mayor arrives at the town hall on Monday. AP\n\nThe vote is today."
    assert sents(text) == ["The mayor arrives at the town hall on Monday.", "AP", "The vote is today."]


def test_no_break_and_zero_width_spaces() -> None:
    text = "\u200bThe storm hit.\xa0Roads closed.\u2009Schools shut.\u200b \xa0"
    spans = split_sentences(text)
    assert sents(text) == ["The storm hit.", "Roads closed.", "Schools shut."]
    check_spans(text, spans)


def test_missing_space_after_full_stop_in_scraped_copy() -> None:
    text = 'It reopened today.All travellers were checked. "We are ready."Staff agreed. See www.example.org.Or not.'
    assert sents(text) == [
        "It reopened today.",
        "All travellers were checked.",
        '"We are ready."',
        "Staff agreed.",
        "See www.example.org.Or not.",
    ]


def test_title_after_glued_quote_is_not_a_boundary() -> None:
    text = 'She had no choice."Dr. Kolb says the risk is small.'
    assert sents(text) == ['She had no choice."', "Dr. Kolb says the risk is small."]


def test_tweet_embed_tail_is_split_off() -> None:
    text = (
        "I regret my words. I apologise. pic.twitter.com/abcDEF123 — Jo Bloggs (@jobloggs) May 2, 2021\n\n"
        "What a night... — Sam Roe (@samroe) May 3, 2021"
    )
    assert sents(text) == [
        "I regret my words.",
        "I apologise.",
        "pic.twitter.com/abcDEF123 — Jo Bloggs (@jobloggs) May 2, 2021",
        "What a night...",
        "— Sam Roe (@samroe) May 3, 2021",
    ]


# --- content_sentences ------------------------------------------------------------------------


def test_content_sentences_skip_boilerplate() -> None:
    text = "The dam held.\n\nREAD MORE: Floods in the valley\n\nWater levels fell. Roads reopened."
    start = text.index("READ MORE")
    article = Article(id="a1", text=text, outlet="Test", boilerplate=(Span(start, start + 30),))
    kept = [text[s.start : s.end] for s in content_sentences(article)]
    assert kept == ["The dam held.", "Water levels fell.", "Roads reopened."]
    plain = Article(id="a2", text=text, outlet="Test")
    assert content_sentences(plain) == split_sentences(text)


# --- speed -----------------------------------------------------------------------------------


def test_long_and_pathological_texts_split_into_exact_spans() -> None:
    """Speed is measured by bench/sentences_speed.py; here only the spans are checked."""
    para = (
        'Mr. Grant said: "The plan failed. We will try again." It was 9 p.m. on Jan. 5 in the U.S. '
        "Officials, who met at No. 10, disagreed... They left. "
    ) * 6  # about 150 words
    article = " \n \n ".join([para] * 4)  # about 600 words
    check_spans(article, split_sentences(article))
    # pathological input: one huge line without white space or with only dots
    for text in ("x" * 200_000, ". " * 100_000, "- . " * 50_000, "Mr. " * 50_000, "“Ah!” " * 50_000):
        check_spans(text, split_sentences(text))


# --- real data ---------------------------------------------------------------------------------


def test_seed_articles_split_cleanly(seeds: Path) -> None:
    files = sorted(seeds.glob("*.txt"))
    assert files, f"no seed articles in {seeds}"
    for path in files:
        text = path.read_text(encoding="utf-8")
        spans = split_sentences(text)
        check_spans(text, spans)
        lines = [line.strip() for line in text.splitlines() if re.search(r"\w", line)]
        assert len(spans) >= len(lines), path.name  # every line is at least one sentence
        for s in spans:
            piece = text[s.start : s.end]
            # a sentence ends in end punctuation (and closing marks) or at the end of its line
            ends_line = s.end == len(text) or text[s.end] in "\n\r"
            assert ends_line or re.search(r"[.!?…][”’\"')\]]*$", piece), f"{path.name}: {piece!r}"


def test_multinews_articles_split_cleanly(shared: Path) -> None:
    path = shared / "data" / "multinews_val250.jsonl"
    with path.open(encoding="utf-8") as f:
        texts = [a["text"] for line in f for a in json.loads(line)["articles"]]
    total = 0
    for text in texts:
        spans = split_sentences(text)
        check_spans(text, spans)
        total += len(spans)
    words = sum(len(t.split()) for t in texts)
    # news copy averages 15-30 words a sentence; far off means splitting is broken
    assert 12 < words / total < 30
