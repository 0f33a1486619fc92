"""The brief does not depend on the order of its inputs or on their file names.

Only the source numbering ([1], [2], ...) follows the input order. Everything else (the
summary's wording and what it cites, the quotes' fullest wordings and carriers, the entities, the
facts and the disagreements) must come out the same for the inputs given forwards, reversed,
shuffled, or copied under other names. Briefs are compared through :func:`content`, which names
every article by a digest of its text instead of its id or position.
"""

from __future__ import annotations

import functools
import hashlib
import random
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from newsfuse.brief.align import group_sentences
from newsfuse.brief.build import build_brief
from newsfuse.brief.quotes import line_up_quotes
from newsfuse.brief.summarizers import available, get
from newsfuse.ingest import load
from newsfuse.model import Article, Brief, QuoteSpan, Span

REPO = Path(__file__).resolve().parents[1]
STORY = REPO / "examples" / "story"


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def content(brief: Brief, *, names: bool = True) -> dict[str, object]:
    """What ``brief`` says, with articles named by their text. ``names``: keep the outlet names
    (they come from the file names for plain text, so a renamed copy changes them)."""
    key = {a.id: digest(a.text) for a in brief.articles}
    outlet_key = {a.outlet: key[a.id] for a in brief.articles}

    def note(text: str) -> str:
        if names:
            return text
        for outlet in sorted(outlet_key, key=len, reverse=True):
            text = text.replace(outlet, outlet_key[outlet])
        # "52: A, B; 53: C": the outlets of each value are listed by name, which the names changed
        parts = [part.partition(": ") for part in text.split("; ")]
        return "; ".join(f"{v}: {', '.join(sorted(names.split(', ')))}" for v, _, names in parts)

    def refs(items: Sequence[object]) -> tuple[tuple[str, int, int], ...]:
        return tuple(sorted((key[r.article], r.start, r.end) for r in items))  # type: ignore[attr-defined]

    return {
        "summary": [(item.text, refs(item.sources)) for item in brief.summary],
        "quotes": [
            (
                q.text,
                q.speaker,
                q.role,
                q.flags,
                key.get(q.fullest or ""),
                key.get(q.first_published or ""),
                sorted((key[c.article], c.start, c.end, c.text, c.parts, c.diff) for c in q.carried_by),
            )
            for q in brief.quotes
        ],
        "entities": [(e.name, e.kind, e.variants, e.role, refs(e.mentions)) for e in brief.entities],
        "facts": sorted((f.kind, f.subject, refs(f.mentions)) for f in brief.facts),
        "disagreements": [
            (d.kind, d.subject, note(d.note), sorted((v, refs(ms)) for v, ms in d.values)) for d in brief.disagreements
        ],
    }


def orders(files: list[Path]) -> dict[str, list[Path]]:
    shuffled = files[:]
    random.Random(7).shuffle(shuffled)
    if shuffled in (files, files[::-1]):
        shuffled = files[1:] + files[:1]
    return {"reversed": files[::-1], "shuffled": shuffled}


@functools.cache
def brief_of(files: tuple[Path, ...]) -> Brief:
    return build_brief(load(list(files)).articles)


def renamed_copies(files: list[Path], folder: Path) -> list[Path]:
    """The files copied under other names (stem reversed, numbered backwards), in reverse order."""
    folder.mkdir()
    copies = []
    for k, path in enumerate(reversed(files)):
        copy = folder / f"{k:02d}_{path.stem[::-1]}{path.suffix}"
        shutil.copyfile(path, copy)
        copies.append(copy)
    return copies


def assert_same_brief(files: list[Path], tmp_path: Path) -> None:
    base = brief_of(tuple(files))
    expected = content(base)
    assert expected["summary"] and expected["quotes"] and expected["entities"]
    for name, order in orders(files).items():
        assert content(brief_of(tuple(order))) == expected, name
    renamed = build_brief(load(renamed_copies(files, tmp_path / "renamed")).articles)
    # Ids come from the content (canonical URL, else a hash of the text), not the file names.
    assert {a.id for a in renamed.articles} == {a.id for a in base.articles}
    assert content(renamed, names=False) == content(base, names=False)


def test_example_story_is_the_same_in_any_order_and_under_other_names(tmp_path: Path) -> None:
    assert_same_brief(sorted(STORY.iterdir()), tmp_path)


def test_seeds_are_the_same_in_any_order_and_under_other_names(seeds: Path, tmp_path: Path) -> None:
    files = sorted(seeds.glob("*.txt"))
    if len(files) < 2:
        pytest.skip(f"needs the seed articles in {seeds}")
    assert_same_brief(files, tmp_path)


# --- each step on its own, on texts written here ----------------------------------------------------

WIRE = "The river burst its banks on Monday night and flooded forty homes in the lower town."
CHANGED = "The river burst its banks on Monday evening and flooded forty homes in the lower town."
CUT = "The river burst its banks on Monday night and flooded forty homes."
OTHER = "The mayor opened a rest centre in the school hall for families who lost their homes."


def story() -> list[Article]:
    texts = {
        "north": f"{WIRE} {OTHER} Council staff worked through the night to clear the roads.",
        "south": f"{CHANGED} Council staff worked through the night to clear the roads.",
        "east": f"{CUT} {OTHER}",
        "west": f"{CHANGED} The mayor opened a rest centre in the school hall for the families.",
    }
    return [Article(id=f"id-{k}", text=t, outlet=k) for k, t in texts.items()]


def permutations(articles: list[Article]) -> list[list[Article]]:
    shuffled = articles[:]
    random.Random(3).shuffle(shuffled)
    return [articles, articles[::-1], shuffled, articles[1:] + articles[:1]]


def test_sentence_groups_and_their_wording_do_not_depend_on_article_order() -> None:
    from newsfuse.analysis.sentences import split_sentences

    def groups(arts: list[Article]) -> list[tuple[str, frozenset[tuple[str, int]]]]:
        found = group_sentences(arts, {a.id: split_sentences(a.text) for a in arts})
        return [(g.representative.text, frozenset((m.article, m.start) for m in g.members)) for g in found]

    runs = [groups(arts) for arts in permutations(story())]
    assert all(run == runs[0] for run in runs[1:])


@pytest.mark.parametrize("method", available())
def test_every_summary_method_gives_the_same_items_in_any_article_order(method: str) -> None:
    def items(arts: list[Article]) -> list[tuple[str, frozenset[tuple[str, int]]]]:
        return [(i.text, frozenset((r.article, r.start) for r in i.sources)) for i in get(method).summarize(arts, 40)]

    runs = [items(arts) for arts in permutations(story())]
    assert runs[0]
    assert all(run == runs[0] for run in runs[1:])


def test_two_wordings_of_one_sentence_give_the_same_summary_wording_in_either_order() -> None:
    # Two outlets, one sentence each, one word apart: a tie with nothing else to break it.
    a = Article(id="1", text=WIRE, outlet="a")
    b = Article(id="2", text=CHANGED, outlet="b")
    first = get("coverage").summarize([a, b], 40)
    second = get("coverage").summarize([b, a], 40)
    assert [i.text for i in first] == [i.text for i in second]


def test_quote_line_up_does_not_depend_on_article_order() -> None:
    said = "We will rebuild every one of these homes, and we will do it before the winter."
    texts = {
        "a": f'The mayor said: "{said}"',
        "b": f'"{said[:-1]}" the mayor said.',  # the same words without the full stop
        "c": '"We will rebuild every one of these homes," the mayor said, "before the winter."',
    }
    articles = [Article(id=k, text=t, outlet=k) for k, t in texts.items()]

    pieces = {"a": [said], "b": [said[:-1]], "c": ["We will rebuild every one of these homes", "before the winter."]}

    def spans(a: Article) -> list[QuoteSpan]:
        out = []
        for words in pieces[a.id]:
            at = a.text.index(words)
            out.append(QuoteSpan(a.id, at, at + len(words), words, speaker="the mayor"))
        return out

    def lined_up(arts: list[Article]) -> list[tuple[str, list[tuple[str, str, tuple[Span, ...]]]]]:
        quotes = line_up_quotes(arts, [s for a in arts for s in spans(a)])
        return [(q.text, sorted((c.article, c.text, c.parts) for c in q.carried_by)) for q in quotes]

    runs = [lined_up(arts) for arts in permutations(articles)]
    assert runs[0][0][0] == said  # the wording with its full stop, whichever came first
    assert all(run == runs[0] for run in runs[1:])
