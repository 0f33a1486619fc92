"""Can a sentence stand alone in a summary without putting words in the brief's mouth?

A summary sentence is read as the brief's own voice unless it names who is speaking. So a
sentence is *readable* on its own when:

- its quotation marks are balanced (a sentence cut inside a multi-sentence quotation leaves an
  opening mark with no closing one, or the reverse);
- it names its speaker (``..., he said.``, ``X said: "..."``, ``according to X``) whenever it
  is, or mostly is, someone else's words: a sentence that begins inside a quotation opened in
  an earlier sentence, a sentence that is mostly a quotation, and a first-person sentence
  outside quotation marks (an embedded tweet or statement: "I am sorry that ...");
- the speaker it names is more than a pronoun: ``"...," he said.`` tells the reader nothing
  when the summary never said who "he" is. Such a sentence is left to a member of its group
  (another outlet's wording) that names the speaker, and is not chosen when none does;
- it does not open with a bare pronoun subject ("He also offered ...", "It was not ..."),
  whose referent stood in the sentence before it in its article, not in the summary.

Only the article's text is used (no parser): quotation marks, a list of speech verbs and the
first-person pronouns. Straight double quotes alternate open/close; curly single quotes count
as quotation marks only where they cannot be an apostrophe.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from newsfuse.lexicon import BACK_POINTING_OPENERS, DAY_PARTS, MONTHS, RELATIVE_DAYS, TIME_OPENERS, WEEKDAYS
from newsfuse.model import Article, Ref, Span, SummaryItem

__all__ = [
    "balanced_quotes",
    "quote_mask",
    "has_attribution",
    "is_first_person",
    "mostly_quoted",
    "quoted_words",
    "starts_inside_quote",
    "pronoun_only_attribution",
    "opens_with_pronoun",
    "needs_context",
    "unsupported_openings",
    "readable",
    "quoted_runs",
    "without_speech_verbs",
    "MAX_RUN_SENTENCES",
    "MOSTLY_QUOTED",
    "QUOTE_REACH",
]

#: Share of a sentence's words inside quotation marks above which it reads as a quotation
#: (and so needs a speaker). A sentence with a short quoted phrase ("described it as 'a
#: shambles'") stays below; a quoted sentence with "he said" tacked on is at ~0.8.
MOSTLY_QUOTED = 0.5

#: How far back (characters) a quotation opened earlier may still be open: about three
#: sentences, the longest run of quoted sentences in one paragraph in written news.
QUOTE_REACH = 400

#: Most sentences joined into one quoted run (see quoted_runs): a speaker's quotation told over
#: two or three sentences is kept whole; a longer one is cut, and its rest is not chosen.
MAX_RUN_SENTENCES = 3

#: Sentences that open with a bare pronoun are never chosen (see opens_with_pronoun).
PRONOUN_OPENING_RULE = True

_OPEN = "“„«"
_END_PUNCT = ".,!?;:…—-)"
_CLOSE = "”»"

# Verbs and phrases that name a speaker when they stand outside the quotation marks.
_SPEECH = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|add|adds|added|write|writes|wrote|written|"
    r"tweet|tweets|tweeted|post|posts|posted|state|states|stated|statement|explain|explains|explained|"
    r"announce|announces|announced|ask|asks|asked|insist|insists|insisted|argue|argues|argued|"
    r"claim|claims|claimed|warn|warns|warned|note|notes|noted|declare|declares|declared|"
    r"reply|replies|replied|respond|responds|responded|continue|continues|continued|urge|urges|urged|"
    r"admit|admits|admitted|acknowledge|acknowledges|acknowledged|describe|describes|described|"
    r"call|calls|called|recall|recalls|recalled|suggest|suggests|suggested|"
    r"confirm|confirms|confirmed|deny|denies|denied|promise|promises|promised|"
    r"according to|quoted|quoting|in a statement|in an interview|speaking|spokes(?:man|woman|person))\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|mine|myself|we|us|our|ours|ourselves)\b")
_FIRST_PERSON_CAPS = re.compile(r"\b(?:Me|My|Mine|Myself|We|Us|Our|Ours|Ourselves)\b")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# Subject pronouns that stand for a speaker the sentence does not name.
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})
# Speech phrases that never name a speaker by themselves ("he said in a statement").
_NEUTRAL = frozenset({"in a statement", "in an interview", "speaking", "statement"})
#: First words that point back to something the sentence does not name. A summary sentence
#: opening with one reads as if its referent had just been named.
OPENING_PRONOUNS = frozenset({"He", "She", "They", "It", "This"})
_ADVERB = re.compile(r"^[A-Za-z]+ly$")


# Characters (and doubled marks) that may be quotation marks; _marks decides which are.
_MARK = re.compile("''|``|[" + _OPEN + _CLOSE + '"‘’]')


def _marks(text: str) -> list[tuple[int, str]]:
    """(position, 'open' | 'close' | 'toggle') for each quotation mark in ``text``. Two
    apostrophes ('') close and two backticks open, as in some wire feeds."""
    out: list[tuple[int, str]] = []
    for m in _MARK.finditer(text):
        k = m.start()
        ch = text[k]
        if ch in _OPEN or ch == "`":
            out.append((k, "open"))
        elif ch in _CLOSE or ch == "'":
            out.append((k, "close"))
        elif ch == '"':
            out.append((k, "toggle"))
        else:
            before = text[k - 1] if k else " "
            if ch == "‘":
                if not before.isalnum():
                    out.append((k, "open"))
                continue
            after = text[k + 1 : k + 2] or " "
            # a closing single quote, not an apostrophe inside a word; "s’ " (a plural
            # possessive) is not a quotation mark either
            if (
                not after.isalnum()
                and (before.isalnum() or before in _END_PUNCT)
                and not (before.lower() == "s" and after == " ")
            ):
                out.append((k, "close"))
    return out


def _inside_runs(text: str, open_at_start: bool = False) -> list[tuple[int, int]]:
    """The (start, end) character ranges of ``text`` inside quotation marks, marks included."""
    runs: list[tuple[int, int]] = []
    inside = open_at_start
    since = 0
    for k, kind in _marks(text):
        if not inside:
            since = k
        if kind == "open":
            inside = True
        elif kind == "close":
            inside = False
        else:
            inside = not inside
        if not inside:
            runs.append((since, k + 1))
    if inside:
        runs.append((since, len(text)))
    return runs


def quote_mask(text: str, open_at_start: bool = False) -> list[bool]:
    """Per character of ``text``: is it inside quotation marks? ``open_at_start``: a quotation
    opened before the text is still open."""
    mask = [False] * len(text)
    for start, end in _inside_runs(text, open_at_start):
        mask[start:end] = [True] * (end - start)
    return mask


def balanced_quotes(text: str) -> bool:
    """Does every quotation mark in ``text`` have its partner (curly pairs match, straight
    double quotes are even)?"""
    depth = 0
    straight = 0
    for _, kind in _marks(text):
        if kind == "open":
            depth += 1
        elif kind == "close":
            if depth == 0:
                return False
            depth -= 1
        else:
            straight += 1
    return depth == 0 and straight % 2 == 0


def _outside(text: str, open_at_start: bool = False) -> str:
    parts: list[str] = []
    last = 0
    for start, end in _inside_runs(text, open_at_start):
        parts.append(text[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def has_attribution(text: str, open_at_start: bool = False) -> bool:
    """Does ``text`` name a speaker outside its quotation marks (a speech verb or "according
    to")?"""
    return bool(_SPEECH.search(_outside(text, open_at_start)))


def pronoun_only_attribution(text: str, open_at_start: bool = False) -> bool:
    """Is every speaker that ``text`` names outside its quotation marks only a pronoun
    (``"...," he said.``, ``She added that ...``)? False when it names no speaker at all, or
    when one speech verb has a name or a noun next to it (``Smith said``, ``said the chief``).
    """
    out = _outside(text, open_at_start)
    seen = False
    for m in _SPEECH.finditer(out):
        if m.group(0).lower() in _NEUTRAL:
            continue
        head = out[: m.start()].rstrip()
        before = _WORD.findall(head)[-2:]
        if head.endswith(tuple(before[-1:])) and len(before) == 2 and _ADVERB.match(before[-1]):
            head = head[: -len(before[-1])].rstrip()  # "he quickly added"
            before = before[:-1]
        if before and head.endswith(before[-1]):
            # the word right before the verb is its subject ("he said", "Smith said")
            if before[-1].lower() in _PRONOUNS:
                seen = True
                continue
            return False
        after = _WORD.findall(out[m.end() :])[:1]
        if after and after[0].lower() in _PRONOUNS:  # ", said he"
            seen = True
            continue
        return False
    return seen


def without_speech_verbs(text: str) -> str:
    """``text`` with its verbs and phrases of saying ("said", "according to") blanked out."""
    return _SPEECH.sub(" ", text)


def opens_with_pronoun(text: str) -> bool:
    """Does ``text`` open with a bare pronoun subject (He, She, They, It, This; after any
    opening quotation mark it is someone's words, not the brief's, and does not count)?"""
    words = _WORD.findall(text[:40])
    if not words or text.lstrip()[:1] in _OPEN + '"‘':
        return False
    return words[0] in OPENING_PRONOUNS


# Words that make a phrase a time phrase (not only "on", "in"): one of them must be in it.
_TIME_WORDS = (
    frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(w for d in RELATIVE_DAYS for w in d.split()) | DAY_PARTS
) | frozenset({"earlier", "later", "afterwards", "ago", "week", "weeks", "month", "months", "year", "years", "days"})
# Subject pronouns that, behind a time phrase, point back ("On Monday it gave way").
_SUBJECTS = frozenset({"he", "she", "it", "they", "this", "these", "those"})
#: Words read at most before the subject when looking behind a time phrase.
TIME_PHRASE_WORDS = 5


def needs_context(text: str) -> bool:
    """Does ``text`` lean on the sentence before it? True when it opens (outside quotation
    marks) with a word that points back (lexicon.BACK_POINTING_OPENERS: a pronoun, "This",
    "But", "However", ...), or with a time phrase followed by a subject pronoun ("On Monday it
    gave way.", "Later, she said ..."). "This week the council ..." is a time phrase, not a
    pointer."""
    if not text.strip() or text.lstrip()[:1] in _OPEN + '"‘':
        return False
    words = [w.lower() for w in _WORD.findall(text[:120])]
    if not words:
        return False
    head = words[: TIME_PHRASE_WORDS + 1]
    timed = False
    for k, w in enumerate(head):
        if k == 0 and w in BACK_POINTING_OPENERS:
            if w in {"this", "that", "these", "those", "last", "next"} and len(words) > 1 and words[1] in _TIME_WORDS:
                timed = True
                continue
            return True
        if w in _TIME_WORDS or (w.isdigit() and len(w) == 4):  # "In 2019 they ..."
            timed = True
            continue
        if w in TIME_OPENERS or w.isdigit():
            continue
        return timed and w in _SUBJECTS
    return False


def unsupported_openings(items: Sequence[SummaryItem], articles: Mapping[str, Article]) -> list[int]:
    """Indices of the items that lean on a sentence before them (:func:`needs_context` or
    :func:`opens_with_pronoun`) when the item before them in the summary is not that sentence:
    the sentence right before them (nothing but white space between) in the same article.
    ``articles`` by id."""
    out = []
    for k, item in enumerate(items):
        if not (needs_context(item.text) or opens_with_pronoun(item.text)):
            continue
        here = item.sources[0]
        prev = items[k - 1].sources[0] if k else None
        art = articles.get(here.article)
        follows = (
            prev is not None
            and art is not None
            and prev.article == here.article
            and prev.end <= here.start
            and not art.text[prev.end : here.start].strip()
        )
        if not follows:
            out.append(k)
    return out


def is_first_person(text: str, open_at_start: bool = False) -> bool:
    """Does ``text`` speak in the first person outside quotation marks? ("I", "my", "we", ...;
    a capitalised "We"/"Our" counts too, "US" does not.)"""
    out = _outside(text, open_at_start)
    return bool(_FIRST_PERSON.search(out) or _FIRST_PERSON_CAPS.search(out))


def mostly_quoted(text: str, open_at_start: bool = False) -> bool:
    """Are more than MOSTLY_QUOTED of the words of ``text`` inside quotation marks?"""
    mask = quote_mask(text, open_at_start)
    words = list(_WORD.finditer(text))
    if not words:
        return False
    inside = sum(1 for w in words if mask[w.start()])
    return inside / len(words) > MOSTLY_QUOTED


def starts_inside_quote(article: Article, start: int) -> bool:
    """Is a quotation opened earlier in the paragraph still open at ``start``?

    Only the text since the last line break, and at most QUOTE_REACH characters back, is read:
    a quotation that runs over paragraphs reopens each one with a mark, and a stray mark must
    not leave the rest of a long paragraph "quoted". A sentence that itself opens with a
    quotation mark starts a new quotation, not inside one.
    """
    text = article.text
    if text[start : start + 1] in _OPEN + '"‘':
        return False
    para = max(text.rfind("\n", 0, start) + 1, start - QUOTE_REACH, 0)
    inside = False
    for _, kind in _marks(text[para:start]):
        inside = kind == "open" or (kind == "toggle" and not inside)
    return inside


def quoted_words(text: str) -> int:
    """How many words of ``text`` stand inside quotation marks."""
    mask = quote_mask(text)
    return sum(1 for w in _WORD.finditer(text) if mask[w.start()])


def readable(ref: Ref, article: Article) -> bool:
    """Can the sentence ``ref`` of ``article`` stand alone in a summary (see the module doc)?"""
    text = ref.text
    if not balanced_quotes(text):
        return False
    if PRONOUN_OPENING_RULE and (opens_with_pronoun(text) or needs_context(text)):
        return False
    opened = starts_inside_quote(article, ref.start)
    needs_speaker = opened or mostly_quoted(text, opened) or is_first_person(text, opened)
    if not needs_speaker:
        return True
    return has_attribution(text, opened) and not pronoun_only_attribution(text, opened)


def _needs_speaker(text: str, opened: bool) -> bool:
    return opened or mostly_quoted(text, opened) or is_first_person(text, opened)


def quoted_runs(article: Article, spans: Sequence[Span]) -> list[Span]:
    """``spans`` (the article's sentences, in order) with each quotation told over several
    sentences joined into one span, so that a summary can cite it whole, with its speaker.

    The next sentence of the same paragraph joins the run when it starts inside a quotation
    the run opened (``He said: "A. B."``, ``"A. B," he said.``), or when it is a quotation
    with no speaker of its own following a run that names one (``"A," she said. "B."``).
    A run holds at most MAX_RUN_SENTENCES sentences.
    """
    text = article.text
    out: list[Span] = []
    run: list[Span] = []

    def flush() -> None:
        if run:
            out.append(Span(run[0].start, run[-1].end))
            run.clear()

    for span in spans:
        if run and len(run) < MAX_RUN_SENTENCES and "\n" not in text[run[-1].end : span.start]:
            joined = text[run[0].start : run[-1].end]
            sentence = text[span.start : span.end]
            opened = starts_inside_quote(article, span.start)
            continues = opened and not balanced_quotes(joined)
            follows = (
                not opened
                and balanced_quotes(joined)
                and has_attribution(joined)
                and mostly_quoted(joined)
                and mostly_quoted(sentence)
                and not has_attribution(sentence)
            )
            if continues or follows:
                run.append(span)
                continue
        flush()
        run.append(span)
    flush()
    return out
