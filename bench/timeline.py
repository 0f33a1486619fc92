"""Timeline (issue 9): are the resolved dates plausible, and what does the timeline cost?

Usage: python bench/timeline.py [DATA_DIR] [--limit N] [--repeats N] [--errors N]

DATA_DIR defaults to ../shared/data relative to the repository (basil_dev.jsonl: 150 dated
articles of 2010-2014; a dev split, seen before: see bench/RESULTS.md).

1. Plausible dates. Each article alone goes through the analysis and
   ``newsfuse.brief.timeline.build_timeline``; every dated sentence of its timeline (one source:
   a sentence, its date words and the resolved date) is checked against the article's
   publication date. A resolved date is *plausible* when it agrees with what its words say
   and lies in the window they allow around the publication date ``pub``:

   - a weekday ("on Monday"): that weekday, within 6 days of ``pub``;
   - "yesterday" / "last night": ``pub`` - 1; "today" / "tonight" / "this morning": ``pub``;
     "tomorrow": ``pub`` + 1;
   - "last week": the week before ``pub``'s; "this week": ``pub``'s week; "N weeks ago": the
     week N weeks before; the same for months and years ("last month", "seven years ago");
   - a calendar date: the month, day and year it names; a day or month without a year within a
     year of ``pub`` (before it, or after it for a scheduled event); a written year can be any
     (the writer named it: "the 2012 election" in 2010).

   The window applies to what the reader has to place; no date it places may be more than a
   year after ``pub``.

   The same date words are given in the same run to two baselines: dateparser with its default
   settings (no relative base: "on Monday" is read against the day the bench runs), and "every
   date is the publication date". A baseline that returns nothing counts as a miss.
2. Coverage: the sentences with a date that spaCy tags (DATE or TIME naming a day, month or
   year, outside quotations) and the share of them the timeline dates (the rest are dates of
   statements, "said on Monday", ranges and decades, which the reader leaves out by design).
3. One event at several precisions: the articles of each BASIL story (``event_id``, three
   outlets) go through ``build_timeline`` together, with the join of retellings at different
   precisions (``RARE_SHARED_WEIGHT``) and without it (the threshold set out of reach: main's
   rules), in one run. Counted: events; *split retellings*, events whose date is a year or
   month holding another event's date where two of their sentences, of different outlets, share
   words rare in the story (any shared word not used by every article; and shared words weighing
   at least the threshold); and the joins the new rule makes, listed to read by hand.
4. Speed: a full brief of the five seed articles (../shared/seeds; the bundled example when the
   seeds are absent), analysis included, with and without the timeline step, in one process,
   best of ``--repeats``.

Prints a Markdown section for bench/RESULTS.md, the errors listed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import dateparser

from newsfuse.analysis.dates import date_range, fits
from newsfuse.analysis.record import analyse_articles
from newsfuse.brief.build import build_brief
from newsfuse.brief.timeline import build_timeline
from newsfuse.ingest import load
from newsfuse.lexicon import MONTHS, NUMBER_WORDS, WEEKDAYS
from newsfuse.model import Article, ArticleAnalysis, TimelineEvent

# ``newsfuse.brief`` is also the name of a function of the package: import the module by name
timeline_module = importlib.import_module("newsfuse.brief.timeline")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"

_MONTH_NUMBER = {m: i % 12 + 1 for i, m in enumerate(MONTHS[:12])} | {
    m: n for m, n in zip(MONTHS[12:], (1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12), strict=True)
}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_UNIT = re.compile(
    r"\b(?:(?P<which>last|this|next|past|previous|coming)\s+(?P<unit>week|month|year)"
    r"|(?P<n>\d+|an?|[a-z]+)\s+(?P<unit2>day|week|month|year)s?\s+ago)\b"
)
WINDOW_DAYS = 6  # a bare weekday names a day within a week of the paper's date
YEAR_DAYS = 366  # a scheduled event, or a day and month without a year: within a year


def read_basil(path: Path, limit: int | None) -> list[Article]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows.append(
                Article(
                    id=r["id"],
                    text=r["text"],
                    outlet=r["outlet"],
                    date=dt.date.fromisoformat(r["date"]),
                    origin=r["event_id"],  # the story: the articles of one event
                )
            )
    return rows[:limit] if limit else rows


def _week_start(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _months(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def plausible(wording: str, first: dt.date, last: dt.date, pub: dt.date) -> bool:
    """True when the resolved range ``first``..``last`` agrees with the wording and lies in
    the window it allows around ``pub`` (see the module's docstring)."""
    low = wording.lower()
    words = re.findall(r"[a-z]+", low)
    if first > pub + dt.timedelta(days=YEAR_DAYS) and not _YEAR.search(low):
        return False  # a date the reader placed more than a year after the paper
    m = _UNIT.search(low)
    if m is not None:
        unit = m.group("unit") or m.group("unit2")
        if m.group("which"):
            step = {"last": -1, "previous": -1, "this": 0, "past": 0, "next": 1, "coming": 1}[m.group("which")]
        else:
            n = m.group("n")
            count = 1 if n in ("a", "an") else int(n) if n.isdigit() else NUMBER_WORDS.get(n)
            if count is None:
                return True  # "several years ago": no window to check
            step = -count
        if unit == "day":
            return first == last == pub + dt.timedelta(days=step)
        if unit == "week":
            return _week_start(first) == _week_start(pub) + dt.timedelta(weeks=step)
        if unit == "month":
            return _months(first) == _months(pub) + step
        return first.year == pub.year + step
    if "yesterday" in words or "last night" in low:
        return first == last == pub - dt.timedelta(days=1)
    if "tomorrow" in words:
        return first == last == pub + dt.timedelta(days=1)
    if "today" in words or "tonight" in words or re.search(r"\bthis (morning|afternoon|evening)\b", low):
        return first == last == pub
    day_names = [w for w in words if w in WEEKDAYS]
    months = [w for w in words if w in _MONTH_NUMBER]
    years = [int(y) for y in _YEAR.findall(low)]
    if day_names and not months and not years:
        return (
            first == last and first.weekday() == WEEKDAYS.index(day_names[0]) and abs((first - pub).days) <= WINDOW_DAYS
        )
    if years and first.year != years[0]:
        return False  # a year written out is the year: nothing else to place
    if months:
        if first.month != _MONTH_NUMBER[months[0]]:
            return False
        day = re.search(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b", _YEAR.sub("", low))
        if day and first.day != int(day.group(1)):
            return False
        if not years and abs((first - pub).days) > YEAR_DAYS:
            return False
    return True


def _lead_free(wording: str) -> str:
    return re.sub(r"^(?:on|in|since|until|by|before|after|from|at|during|of)\s+", "", wording.strip(), flags=re.I)


def dateparser_default(wording: str, pub: dt.date) -> tuple[dt.date, dt.date] | None:
    """dateparser with its default settings (no relative base: the day the bench runs)."""
    parsed = dateparser.parse(_lead_free(wording), languages=["en"])
    return None if parsed is None else (parsed.date(), parsed.date())


def publication_date(wording: str, pub: dt.date) -> tuple[dt.date, dt.date] | None:
    return pub, pub


def _quoted_spans(record: ArticleAnalysis) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in record.quotes]


def dated_sentences(article: Article, record: ArticleAnalysis, nlp_doc: object) -> set[int]:
    """Sentence starts of the sentences holding a date spaCy tags, outside quotations."""
    from newsfuse.analysis.dates import date_precision

    quoted = _quoted_spans(record)
    out = set()
    for ent in nlp_doc.ents:  # type: ignore[attr-defined]
        if ent.label_ not in ("DATE", "TIME") or date_precision(ent.text) is None:
            continue
        if any(s <= ent.start_char < e for s, e in quoted):
            continue
        sent = next((s for s in record.sentences if s.start <= ent.start_char < s.end), None)
        if sent is not None:
            out.add(sent.start)
    return out


def quality(articles: list[Article], records: list[ArticleAnalysis], show: int) -> list[str]:
    from newsfuse.analysis.nlp import load_nlp

    nlp = load_nlp()
    rows: list[tuple[Article, str, str, str]] = []  # article, wording, value, sentence
    dated = timed = 0
    for article, record in zip(articles, records, strict=True):
        events = build_timeline([article], [record])
        starts = {s.start for e in events for s in e.sources}
        sentences = dated_sentences(article, record, nlp(article.text))
        dated += len(sentences)
        timed += len(sentences & starts)
        for e in events:
            for s in e.sources:
                rows.append((article, s.wording, s.value, s.text))
    systems: dict[str, Callable[[str, dt.date], tuple[dt.date, dt.date] | None]] = {
        "dateparser, default settings": dateparser_default,
        "every date = publication date": publication_date,
    }
    ours_ok = 0
    errors = []
    kinds: Counter[str] = Counter()
    kinds_ok: Counter[str] = Counter()
    base_ok: Counter[str] = Counter()
    base_kind_ok: dict[str, Counter[str]] = {name: Counter() for name in systems}
    for article, wording, value, sentence in rows:
        assert article.date is not None
        kind = _kind(wording)
        kinds[kind] += 1
        span = date_range(value)
        ok = span is not None and plausible(wording, span[0], span[1], article.date)
        ours_ok += ok
        kinds_ok[kind] += ok
        if not ok:
            errors.append((article, wording, value, sentence))
        for name, system in systems.items():
            got = system(wording, article.date)
            good = got is not None and plausible(wording, got[0], got[1], article.date)
            base_ok[name] += good
            base_kind_ok[name][kind] += good
    n = len(rows)
    out = [
        f"Articles: {len(articles)}; sentences with a date tagged by spaCy (outside quotations): {dated}; "
        f"dated by the timeline: {timed} ({100 * timed / max(dated, 1):.1f}%).",
        f"Dated sentences checked (timeline sources, one per sentence and date): {n}.",
        "",
        "| reader | plausible | share |",
        "|---|---|---|",
        f"| newsfuse timeline (dateparser with RELATIVE_BASE = publication date + analysis/dates.py) "
        f"| {ours_ok}/{n} | {100 * ours_ok / max(n, 1):.1f}% |",
    ]
    for name in systems:
        out.append(f"| baseline: {name} | {base_ok[name]}/{n} | {100 * base_ok[name] / max(n, 1):.1f}% |")
    out += ["", "By kind of wording (plausible / checked):", ""]
    out.append("| wording | checked | newsfuse | " + " | ".join(systems) + " |")
    out.append("|---|---|---|" + "---|" * len(systems))
    for kind, count in kinds.most_common():
        cells = " | ".join(str(base_kind_ok[name][kind]) for name in systems)
        out.append(f"| {kind} | {count} | {kinds_ok[kind]} | {cells} |")
    out += ["", f"Errors of the timeline ({len(errors)}; first {show}):", ""]
    for article, wording, value, sentence in errors[:show]:
        out.append(_row(article, wording, value, sentence))
    # the window allows a weekday on either side of the paper's date: the ones read forward
    # (an event still to come) are where a wrong reading could pass; listed to read by hand
    ahead = [
        row
        for row in rows
        if _kind(row[1]) in ("weekday", "yesterday, today, tonight, tomorrow")
        and (span := date_range(row[2])) is not None
        and row[0].date is not None
        and span[0] > row[0].date
    ]
    out += ["", f"Relative days read as still to come (after the paper's date; {len(ahead)}), to read by hand:", ""]
    out += [_row(*row) for row in ahead[:show]]
    return out


def _row(article: Article, wording: str, value: str, sentence: str) -> str:
    return f"- {article.outlet} {article.date} `{wording}` -> {value}: {' '.join(sentence.split())[:150]}"


def _kind(wording: str) -> str:
    low = wording.lower()
    words = re.findall(r"[a-z]+", low)
    if _UNIT.search(low):
        return "last/this week, month, year; N ... ago"
    if any(w in words for w in ("yesterday", "today", "tonight", "tomorrow")) or "last night" in low:
        return "yesterday, today, tonight, tomorrow"
    if any(w in WEEKDAYS for w in words) and not _YEAR.search(low):
        return "weekday"
    if any(w in _MONTH_NUMBER for w in words):
        return "calendar day or month" + ("" if _YEAR.search(low) else " without a year")
    return "year"


def _split_retellings(
    articles: list[Article], records: list[ArticleAnalysis], events: tuple[TimelineEvent, ...], bar: float
) -> int:
    """Events dated a year or month that hold another event's date, with two sentences of
    different outlets sharing words that weigh more than ``bar`` (0: any word not used by
    every article)."""
    weights = timeline_module.word_weights(articles, records)
    contexts = {(r.article, f.mention.start): f.context for r in records for f in r.facts}

    def shared(e: TimelineEvent, f: TimelineEvent) -> bool:
        for s in e.sources:
            for t in f.sources:
                if s.outlet != t.outlet:
                    w = timeline_module.shared_weight(
                        contexts[s.article, s.start], contexts[t.article, t.start], weights
                    )
                    if w > bar or (bar > 0 and w >= bar):
                        return True
        return False

    return sum(
        1
        for e in events
        if e.precision.value in ("year", "month")
        and any(
            f is not e and f.date != e.date and fits(e.date, f.date) and len(f.date) > len(e.date) and shared(e, f)
            for f in events
        )
    )


def precisions(articles: list[Article], records: list[ArticleAnalysis], show: int) -> list[str]:
    stories: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        stories.setdefault(a.origin or a.id, []).append(i)
    threshold = timeline_module.RARE_SHARED_WEIGHT
    counts: dict[str, Counter[str]] = {
        "main's rules (no join across precisions)": Counter(),
        "with the join": Counter(),
    }
    joins = []
    for members in stories.values():
        arts = [articles[i] for i in members]
        recs = [records[i] for i in members]
        seen: set[frozenset[tuple[str, int]]] = set()  # the events of main's rules, by their sources
        for name, value in zip(counts, (float("inf"), threshold), strict=True):
            timeline_module.RARE_SHARED_WEIGHT = value
            try:
                events = build_timeline(arts, recs)
            finally:
                timeline_module.RARE_SHARED_WEIGHT = threshold
            counts[name]["events"] += len(events)
            counts[name]["split, any rare word"] += _split_retellings(arts, recs, events, 0.0)
            counts[name]["split, weight >= threshold"] += _split_retellings(arts, recs, events, threshold)
            for e in events:
                sources = frozenset((s.article, s.start) for s in e.sources)
                several = len({len(s.value) for s in e.sources}) > 1
                counts[name]["events told at several precisions"] += several
                if value != threshold:
                    seen.add(sources)
                elif sources not in seen:
                    counts[name]["events made by the new join"] += 1
                    joins.append(e)
    keys = [
        "events",
        "events told at several precisions",
        "events made by the new join",
        "split, any rare word",
        "split, weight >= threshold",
    ]
    out = [
        f"Stories: {len(stories)} (BASIL dev, by event_id); RARE_SHARED_WEIGHT = {threshold}.",
        "",
        "| rules | " + " | ".join(keys) + " |",
        "|---|" + "---|" * len(keys),
    ]
    out += [f"| {name} | " + " | ".join(str(c[k]) for k in keys) + " |" for name, c in counts.items()]
    out += ["", f"Events made by the new join ({len(joins)}; first {show}), to read by hand:", ""]
    for e in joins[:show]:
        out.append(f"- {e.date}:")
        for s in e.sources:
            out.append(f"  - {s.outlet} `{s.wording}` -> {s.value}: {' '.join(s.text.split())[:160]}")
    return out


def speed(repeats: int) -> list[str]:
    seeds = REPO.parent / "shared" / "seeds"
    source = seeds if seeds.is_dir() else REPO / "examples" / "story"
    articles = list(load([source]).articles)
    build_brief(articles)  # warm up: spaCy, the summarizer, dateparser

    def run() -> float:
        start = time.perf_counter()
        build_brief(articles)  # a full brief: every article analysed again (no cache)
        return time.perf_counter() - start

    with_tl, without = [], []
    real = timeline_module.build_timeline
    for _ in range(repeats):
        with_tl.append(run())
        timeline_module.build_timeline = lambda articles, analyses: ()  # the step left out, for timing only
        try:
            without.append(run())
        finally:
            timeline_module.build_timeline = real
    facts_module = importlib.import_module("newsfuse.analysis.facts")
    real_dates = facts_module._dates
    spent = [0.0]

    def timed_dates(c: object) -> None:
        start = time.perf_counter()
        real_dates(c)
        spent[0] += time.perf_counter() - start

    facts_module._dates = timed_dates  # the date reader timed inside one real brief
    try:
        whole = run()
    finally:
        facts_module._dates = real_dates
    records = analyse_articles(articles)
    step = []
    for _ in range(repeats):
        start = time.perf_counter()
        build_timeline(articles, records)
        step.append(time.perf_counter() - start)
    a, b = min(with_tl), min(without)
    return [
        f"Speed: a full brief of {len(articles)} articles ({source.name}), analysis included, best of {repeats}:",
        "",
        "| run | seconds (best) | median |",
        "|---|---|---|",
        f"| brief with the timeline | {a:.3f} | {statistics.median(with_tl):.3f} |",
        f"| brief without the timeline step | {b:.3f} | {statistics.median(without):.3f} |",
        f"| build_timeline alone (records given) | {min(step):.4f} | {statistics.median(step):.4f} |",
        "",
        f"Added by the timeline step: {100 * (a - b) / b:+.1f}% (best against best); "
        f"the step alone is {100 * min(step) / b:.2f}% of a brief without it.",
        f"The date reader of the analysis (facts.py `_dates`, old rules and new, timed inside one brief): "
        f"{spent[0]:.4f} s, {100 * spent[0] / whole:.2f}% of that brief ({whole:.3f} s).",
    ]


def clauses(articles: list[Article], records: list[ArticleAnalysis], show: int) -> list[str]:
    """5. What the timeline shows: events told by a clause on a noun instead of the whole sentence
    (the rest of the sentence happened at another time), and events left out because their only
    statement leans on a sentence the timeline does not show while another event tells that day."""
    stories: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        stories.setdefault(a.origin or a.id, []).append(i)
    real = timeline_module._readable
    events = kept = told_by_clause = 0
    shown = []
    for members in stories.values():
        arts = [articles[i] for i in members]
        recs = [records[i] for i in members]
        timeline_module._readable = list  # every event, none left out
        try:
            everything = build_timeline(arts, recs)
        finally:
            timeline_module._readable = real
        final = build_timeline(arts, recs)
        events += len(everything)
        kept += len(final)
        for e in final:
            if e.text.endswith(" …") and e.sources[0].text.strip() != e.text:
                told_by_clause += 1
                shown.append(e)
    out = [
        f"Stories: {len(stories)}. Events: {events}; left out as leaning on an unshown sentence: {events - kept}; "
        f"told by a clause on a noun: {told_by_clause}.",
        "",
        f"Clauses shown (first {show}), with a source sentence, to read by hand:",
        "",
    ]
    for e in shown[:show]:
        out.append(f"- {e.date}: **{e.text}** — {' '.join(e.sources[0].text.split())[:200]}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--errors", type=int, default=40, help="errors listed")
    parser.add_argument("--no-speed", action="store_true", help="leave the speed runs out")
    parser.add_argument("--no-quality", action="store_true", help="leave the plausible dates out")
    parser.add_argument("--joins", type=int, default=40, help="joins across precisions listed")
    args = parser.parse_args()
    articles = read_basil(args.data / "basil_dev.jsonl", args.limit)
    lines = [
        f"## Timeline: plausible dates on BASIL dev, and speed (bench/timeline.py), {dt.date.today().isoformat()}, "
        f"{os.cpu_count()} cores",
        "",
    ]
    records = analyse_articles(articles)
    if not args.no_quality:
        lines += quality(articles, records, args.errors)
    lines += ["", *precisions(articles, records, args.joins)]
    lines += ["", *clauses(articles, records, args.joins)]
    if not args.no_speed:
        lines += ["", *speed(args.repeats)]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
