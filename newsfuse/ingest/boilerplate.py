"""Boilerplate: the parts of an article's text that are not reporting.

:func:`find_boilerplate` returns spans of ``text`` for

- whole lines: ``READ MORE: ...`` / ``Related: ...`` plugs, ``Follow X on Twitter: @x`` lines,
  share / subscribe / newsletter lines, ``Advertisement``, picture captions that end in a credit
  (``... trial. EPA``, ``(Image: Getty)``, ``Picture: PA``) or that repeat their own words (a caption
  scraped together with its alt text: ``The National: Some caption textSome caption text``);
- inline spans: ``pic.twitter.com/...`` and ``t.co`` links, and embedded-tweet signatures
  (``— Name (@handle) April 12, 2022``).

The text stays as it is (offsets are true to the source); callers skip these spans. Precision
comes first: a reporting sentence must never be marked, so every line rule asks for a short line
and a form that reporting prose does not take (a credit after a full stop, a line that starts
with an imperative plug, an exact phrase). A line like "indy100 reached out to X for comment" is
reporting and is kept.
"""

from __future__ import annotations

import re

from newsfuse.model import Span

__all__ = [
    "find_boilerplate",
    "MAX_PLUG_CHARS",
    "MAX_CAPTION_CHARS",
    "MIN_DOUBLED_CHARS",
]

#: Longest line taken as a plug (READ MORE, Follow, share, newsletter). Plug lines are a label
#: plus a headline or handle, under ~160 characters in the seeds and Multi-News; 250 leaves room
#: for long headlines while a paragraph of reporting is longer.
MAX_PLUG_CHARS = 250

#: Longest line taken as a picture caption. Captions are one sentence plus a credit (the seed
#: caption is 98 characters); 250 keeps two-sentence captions, not paragraphs.
MAX_CAPTION_CHARS = 250

#: Shortest phrase that counts as "doubled" in a caption line (caption + alt text scraped
#: together). Short repeats happen in prose and chants ("Lock her up! Lock her up!", 12
#: characters each); the seed caption repeats 49 characters. 20 keeps chants out.
MIN_DOUBLED_CHARS = 20

_AGENCY = (
    r"(?:EPA(?:-EFE)?|PA(?: Wire| Media| Images| Archive)?|Getty(?: Images)?|Reuters|AFP|AP"
    r"|AAP|ANP|dpa|Xinhua|Anadolu(?: Agency)?|Alamy(?: Stock Photo)?|Shutterstock|REX|Rex Features"
    r"|Bloomberg|SIPA|NurPhoto|Handout|Supplied|Wikimedia Commons|iStock(?:photo)?)"
)
# A credit: an agency, optionally "via X" or "/X" after it ("AFP via Getty Images", "Reuters/Jane Doe").
_CREDIT = rf"{_AGENCY}(?:\s*(?:/|\bvia\b)\s*[\w .'’-]{{1,40}})?"
_LABEL = r"(?:Photo|Picture|Image|Photograph|Pic|Credit)s?(?: credit)?"

_LINE_RULES: tuple[tuple[re.Pattern[str], int], ...] = (
    # "READ MORE: headline", "Related: ...", "WATCH: ..."
    (
        re.compile(
            r"^(?:READ MORE|Read more|Read More|READ ALSO|Read also|ALSO READ|Also read|MORE"
            r"|RELATED|Related|SEE ALSO|See also|WATCH|Watch|LISTEN|Listen|RECOMMENDED|Recommended"
            r"|MORE ON THIS STORY|More on this story|Related articles?|RELATED ARTICLES?)\s*[:|]"
        ),
        MAX_PLUG_CHARS,
    ),
    # "Follow Peter Caddle on Twitter: @Peter_Caddle", "Follow us on Facebook"
    (
        re.compile(
            r"^Follow (?:us|[^\n.!?:]{1,60}?) (?:on|at) (?:Twitter|X|Facebook|Instagram|TikTok"
            r"|LinkedIn|Threads|YouTube|Bluesky|Telegram|Mastodon)\b"
        ),
        MAX_PLUG_CHARS,
    ),
    # Share / subscribe / newsletter plugs, which start with an imperative.
    (
        re.compile(
            r"^(?:Share this (?:article|story|page|post)\b|Share on (?:Facebook|Twitter|X|WhatsApp)\b"
            r"|(?:Sign up|Subscribe)(?: now| here| today)?\s*(?:to|for)\s+(?:our|the|my)\b"
            r"|Click here to (?:subscribe|sign up|follow|read more)\b"
            r"|(?:Get|Receive|Want)\b[^\n]{0,80}\b(?:newsletter|in your inbox|to your inbox)\b"
            r"|(?:Don't|Don’t|Never) miss\b[^\n]{0,80}\b(?:newsletter|inbox)\b)",
            re.IGNORECASE,
        ),
        MAX_PLUG_CHARS,
    ),
    # Caption ending in a credit after a full stop or a separator: "... trial. EPA".
    (
        re.compile(rf"(?<=\S)(?:[.!?]\s+|\s+[|/]\s*|\s+[—–]\s+|\s*©\s*)(?:{_LABEL}\s*:\s*)?{_CREDIT}$"),
        MAX_CAPTION_CHARS,
    ),
    # Caption ending in a labelled or bracketed credit: "(Image: Getty)", "Photo: Jane Doe/PA".
    (
        re.compile(
            rf"(?:\(\s*{_LABEL}\s*:[^()\n]{{1,80}}\)|\(\s*{_CREDIT}\s*\)|\s{_LABEL}\s*:\s*{_CREDIT})$"
        ),
        MAX_CAPTION_CHARS,
    ),
    # Caption line that starts with a label: "Picture: ...", "Photo credit: ...".
    (re.compile(rf"^{_LABEL}\s*:\s*\S"), MAX_CAPTION_CHARS),
)

#: Whole lines that are page furniture wherever they stand.
_EXACT_LINES = frozenset(
    {
        "advertisement",
        "share",
        "share this",
        "share this article",
        "share this story",
        "subscribe",
        "sign up",
        "story continues below",
        "story continues below advertisement",
        "continue reading",
        "continue reading the main story",
        "listen to this article",
        "read more",
        "related",
        "related articles",
        "related stories",
        "skip advert",
        "skip ad",
    }
)

# An optional "Outlet:" prefix before a doubled caption ("The National: ...").
_CAPTION_PREFIX = re.compile(r"^[A-Z][\w'’&. -]{1,40}:\s*")

# (a cheap substring every match must contain, the pattern): the substring test skips most texts.
_INLINE = (
    ("pic.twitter.com/", re.compile(r"(?:https?://)?pic\.twitter\.com/\w+")),
    ("t.co/", re.compile(r"https?://t\.co/\w+")),
    # Embedded-tweet signature: "— Name (@handle) April 12, 2022"
    (
        "(@",
        re.compile(
            r"(?:[—–]|--)\s*[^\n—–()]{1,80}?\s\(@\w{1,15}\)\s+(?:January|February|March|April|May|June|July"
            r"|August|September|October|November|December)\s+\d{1,2},\s+\d{4}"
        ),
    ),
)

_LINE = re.compile(r"[^\n]+")


def _is_doubled(phrase: str) -> bool:
    """True when ``phrase`` is one phrase written twice (glued or with one space between)."""
    n = len(phrase)
    half = n // 2
    if half < MIN_DOUBLED_CHARS:
        return False
    if n % 2 == 0 and phrase[:half] == phrase[half:]:
        return True
    return n % 2 == 1 and phrase[half] == " " and phrase[:half] == phrase[half + 1 :]


def _is_doubled_caption(line: str) -> bool:
    if len(line) > MAX_CAPTION_CHARS:
        return False
    if _is_doubled(line):
        return True
    prefix = _CAPTION_PREFIX.match(line)
    return bool(prefix) and _is_doubled(line[prefix.end() :].strip())


def _is_boilerplate_line(line: str) -> bool:
    if line.strip(" .:…").lower() in _EXACT_LINES:
        return True
    for pattern, limit in _LINE_RULES:
        if len(line) <= limit and pattern.search(line):
            return True
    return _is_doubled_caption(line)


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return tuple(merged)


def find_boilerplate(text: str) -> tuple[Span, ...]:
    """Spans of ``text`` that are boilerplate, sorted and not overlapping.

    Line spans cover the line without its surrounding white space; inline spans cover just the
    link or signature. ``text[span.start:span.end]`` is the boilerplate itself.
    """
    spans: list[Span] = []
    for match in _LINE.finditer(text):
        raw = match.group()
        line = raw.strip()
        if not line:
            continue
        if _is_boilerplate_line(line):
            start = match.start() + (len(raw) - len(raw.lstrip()))
            spans.append(Span(start, start + len(line)))
    for needle, pattern in _INLINE:
        if needle in text:
            spans.extend(Span(m.start(), m.end()) for m in pattern.finditer(text))
    return _merge(spans)
