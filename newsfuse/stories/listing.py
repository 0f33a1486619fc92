"""The stories in a store, newest first, each under a title made of its most shared headline words.

``list_stories`` reads them; ``story_title`` picks the title; ``parse_since`` reads ``--since``
(``3d``, ``12h``, ``2w`` or a date); ``stories_to_json`` writes the documented JSON
(``newsfuse.stories/1``, docs/schema.md).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from newsfuse.analysis.sentences import split_sentences
from newsfuse.errors import ConfigError
from newsfuse.lexicon import HEADLINE_STOP_WORDS
from newsfuse.model import Story
from newsfuse.store import Store

__all__ = [
    "list_stories",
    "story_title",
    "parse_since",
    "story_to_dict",
    "stories_to_json",
    "warning_line",
    "lead_title",
    "STORIES_SCHEMA",
    "ANGLE_PENALTY",
]

#: The name and version of the JSON shape of ``newsfuse stories --format json``.
STORIES_SCHEMA = "newsfuse.stories/1"

#: What a headline word that no other outlet uses costs, against 1 for a word every outlet uses.
#: Such words are one outlet's angle ("slams", a disputed figure); at 0.5 a headline that adds
#: two of them to the shared words loses to one that says only what is shared. Set by reading the
#: titles of the example story and of stories_dev (no benchmark measures titles).
ANGLE_PENALTY = 0.5

#: A title made from an article's first sentence is cut here: about the length of a long headline.
LEAD_TITLE_WORDS = 14
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_SINCE = re.compile(r"^\s*(\d+)\s*([hdw])\s*$", re.IGNORECASE)


def _stem(word: str) -> str:
    """A crude plural/verb ending fold ("strikes" = "strike") so outlets' inflections still match."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(headline: str) -> set[str]:
    return {_stem(w) for w in (m.casefold() for m in _WORD.findall(headline)) if w not in HEADLINE_STOP_WORDS}


def story_title(headlines: Sequence[str]) -> str:
    """The headline that carries the most words shared with the other outlets' headlines.

    Each word counts the share of other outlets whose headline has it (1 when all do); a word no
    other outlet uses costs :data:`ANGLE_PENALTY`; the sum is divided by the square root of the
    number of words. Ties go to the shorter headline, then the earlier one. One headline: itself;
    none: "".
    """
    headlines = [" ".join(h.split()) for h in headlines if h and h.strip()]
    if len(headlines) <= 1:
        return headlines[0] if headlines else ""
    sets = [_words(h) for h in headlines]
    df = Counter(w for s in sets for w in s)
    others = len(headlines) - 1

    def score(i: int) -> tuple[float, int, int]:
        value = 0.0
        for word in sets[i]:
            shared = (df[word] - 1) / others
            value += shared if shared > 0 else -ANGLE_PENALTY
        # Divided by the square root of the length: a long headline that lists every shared word
        # and a short one that holds only the commonest both lose to one that says what is shared.
        return (round(value / math.sqrt(len(sets[i]) or 1), 6), -len(headlines[i]), -i)

    return headlines[max(range(len(headlines)), key=score)]


def lead_title(lead: str) -> str:
    """A title for a story with no headline: the first sentence of its first article's opening,
    cut to :data:`LEAD_TITLE_WORDS` words (with an ellipsis when cut)."""
    spans = split_sentences(lead)
    text = " ".join(lead[spans[0].start : spans[0].end].split()) if spans else ""
    words = text.split()
    if len(words) > LEAD_TITLE_WORDS:
        return " ".join(words[:LEAD_TITLE_WORDS]).rstrip(",;:") + "…"
    return text


def parse_since(value: str | None, today: dt.date | None = None) -> dt.date | None:
    """The first day ``--since`` keeps: ``3d`` (days), ``12h`` (hours, rounded to the day),
    ``2w`` (weeks) before today, or a date ``YYYY-MM-DD``; None for None."""
    if value is None:
        return None
    today = today or dt.datetime.now(dt.UTC).date()
    match = _SINCE.match(value)
    if match:
        n, unit = int(match.group(1)), match.group(2).lower()
        days = {"h": n / 24, "d": n, "w": 7 * n}[unit]
        return today - dt.timedelta(days=int(days))
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"--since {value!r}: give a span such as 3d, 12h or 2w, or a date YYYY-MM-DD") from None


def list_stories(
    store: Store,
    *,
    since: dt.date | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> list[Story]:
    """The stories of ``store``, newest first, each with its title (see :meth:`Store.stories`)."""
    return [
        replace(
            story,
            title=story_title(story.headlines) or story.names or lead_title(story.lead) or f"Story {story.id}",
        )
        for story in store.stories(since=since, search=search, limit=limit)
    ]


def story_to_dict(story: Story) -> dict[str, object]:
    return {
        "id": story.id,
        "title": story.title,
        "outlets": list(story.outlets),
        "articles": story.articles,
        "first_date": story.first_date.isoformat() if story.first_date else None,
        "last_date": story.last_date.isoformat() if story.last_date else None,
        "updated": story.updated.isoformat(),
        "misquotes": story.misquotes,
        "disagreements": story.disagreements,
    }


def warning_line(misquotes: int, disagreements: int) -> str:
    """``2 possible misquotes, 1 disagreement``: what a story's last brief warned about."""
    parts = []
    if misquotes:
        parts.append(f"{misquotes} possible misquote{'s' if misquotes > 1 else ''}")
    if disagreements:
        parts.append(f"{disagreements} disagreement{'s' if disagreements > 1 else ''}")
    return ", ".join(parts)


def stories_to_json(stories: Sequence[Story]) -> str:
    """The documented JSON of a listing: ``{"schema", "stories": [...]}``."""
    return json.dumps(
        {"schema": STORIES_SCHEMA, "stories": [story_to_dict(s) for s in stories]}, ensure_ascii=False, indent=2
    )
