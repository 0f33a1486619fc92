"""The plain date reader gives dateparser's day for every wording it reads (else it passes on).

dateparser is the reference here: each wording is read by both, with the settings of
``newsfuse.analysis.dates``, on a grid of the forms the reader claims (and near misses it must
pass on), and on the dates the model finds in real texts.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from pathlib import Path

import dateparser

from newsfuse.analysis import dates
from newsfuse.analysis.plain_dates import plain_date
from newsfuse.ingest import load

REPO = Path(__file__).resolve().parents[1]

#: Article dates the grid is read against: ordinary, first and last days of a year, and
#: leap days (a day without a year counts back from them).
BASES = (
    None,
    dt.date(2022, 4, 11),
    dt.date(2023, 1, 1),
    dt.date(2021, 12, 31),
    dt.date(2024, 2, 29),
    dt.date(2024, 3, 1),
    dt.date(2023, 3, 1),
    dt.date(2020, 2, 28),
)


def _dateparser(wording: str, base: dt.date | None, future: bool = False) -> dt.date | None:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if future else "past", "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(wording, languages=["en"], settings=settings)
    return None if parsed is None else parsed.date()


def _grid() -> list[str]:
    months = ["January", "february", "MARCH", "Apr", "Apr.", "May", "june", "Jul", "Aug.", "Sept.", "Sep", "Oct",
              "Nov.", "Dec", "December", "september", "August"]  # fmt: skip
    days = ["1", "1st", "2nd", "3rd", "4th", "05", "11th", "12", "13th", "21st", "22nd", "23rd", "29", "30th", "31",
            "31st", "0", "32", "1th", "2st", "11st", "22th"]  # fmt: skip
    years = ["2008", "2020", "2021", "1999"]
    out: list[str] = []
    for m in months:
        out += [m, f"{m} {years[len(m) % 4]}", f"{m}, {years[len(m) % 4]}"]
        for d in days:
            y = years[(len(m) + len(d)) % 4]
            out += [f"{m} {d}", f"{d} {m}", f"{m} {d}, {y}", f"{m} {d} {y}", f"{d} {m} {y}", f"{d} {m}, {y}"]
    out += ["today", "Tonight", "yesterday", "last night", "tomorrow", "TODAY", "February 29", "29 February",
            "Feb 29, 2021", "April  12", "the 12th of April", "mid-April", "early April", "April 12-14",
            "Monday", "Friday, Sept. 14", "2021-04-12", "12/04/2021", "night", "Mayday", "Marching"]  # fmt: skip
    return out


def test_the_plain_reader_agrees_with_dateparser_on_a_grid_of_wordings() -> None:
    rng = random.Random(20261127)
    cases = list(itertools.product(_grid(), BASES, (False, False, True)))
    sample = rng.sample(cases, 1800)
    read = 0
    for wording, base, future in sample:
        ours = plain_date(wording, base, future)
        if ours is None:
            continue
        read += 1
        assert ours == _dateparser(wording, base, future), (wording, base, future)
    assert read > 700  # the common forms are read, not passed on


def test_every_day_of_a_leap_year_and_the_relative_words() -> None:
    day = dt.date(2024, 1, 1)
    for base in (dt.date(2024, 6, 15), dt.date(2023, 6, 15), None):
        for offset in range(0, 366, 5):
            d = day + dt.timedelta(days=offset)
            for wording in (f"{d:%B} {d.day}, {d.year}", f"{d.day} {d:%b} {d.year}", f"{d:%B} {d.day}", f"{d:%b}."):
                ours = plain_date(wording, base)
                assert ours is None or ours == _dateparser(wording, base), (wording, base)
    for base in BASES[1:]:
        for wording in ("today", "tonight", "yesterday", "last night", "tomorrow"):
            assert plain_date(wording, base) == _dateparser(wording, base), (wording, base)
        assert plain_date("today", None) is None


def test_a_date_that_does_not_exist_is_passed_on() -> None:
    assert plain_date("April 31", dt.date(2022, 5, 1)) is None
    assert plain_date("February 29, 2021", None) is None
    assert plain_date("February 29", dt.date(2023, 3, 1)) is None  # dateparser goes back to 2020
    assert plain_date("April 12", None) is None  # no year, no article date


def _real_articles(shared: Path) -> list:
    articles = list(load([REPO / "examples" / "story"]).articles) + list(load([shared / "seeds"]).articles)
    basil = shared / "data" / "basil_dev.jsonl"
    if basil.is_file():  # dated news articles: relative dates and days without a year
        from newsfuse.model import Article

        with basil.open(encoding="utf-8") as fh:
            for line in itertools.islice(fh, 20):
                rec = json.loads(line)
                date = dt.date.fromisoformat(rec["date"][:10]) if rec.get("date") else None
                articles.append(Article(id=rec["id"], text=rec["text"], outlet=rec["outlet"], date=date))
    return articles


def test_the_fact_dates_of_real_texts_are_the_same_with_dateparser_alone(shared: Path, monkeypatch) -> None:
    from newsfuse.analysis.nlp import load_nlp

    articles = _real_articles(shared)
    nlp = load_nlp()
    calls = []
    with nlp.select_pipes(enable=["tok2vec", "ner"]):  # the dates only
        docs = list(nlp.pipe(a.text for a in articles))
    for article, doc in zip(articles, docs, strict=True):
        for ent in doc.ents:
            if ent.label_ == "DATE":
                for future in (False, True):
                    calls.append((ent.text, article.date, future))
    resolve = dates.resolve_date.__wrapped__  # the uncached function
    ours = [resolve(*c) for c in calls]
    monkeypatch.setattr(dates, "plain_date", lambda wording, base, future: None)  # dateparser for every wording
    theirs = [resolve(*c) for c in calls]
    assert ours == theirs
    assert sum(v is not None for v in ours) > 40  # real dates were read, not only skipped
