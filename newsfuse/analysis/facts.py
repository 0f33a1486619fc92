"""Facts with numbers and dates in one article: ages, counts, durations, amounts, dates.

Each fact says what the number measures (its *subject*), so that outlets can be compared
later (:mod:`newsfuse.brief.compare`):

- **age**: the person or noun it belongs to. "Khan, 48," -> "Khan"; "a 15-year-old boy" ->
  "boy"; "the victim is now 29" / "a boy, who is now 29" -> "victim" / "boy", with the
  qualifier "now" (an age today, not at the time of the events).
- **count**: the counted noun and what happened to it: "34 people were injured" -> "people
  injured"; "at least three other MPs resigning" -> "MPs resigning" (bound "at least").
  Numbers may be written in words ("Thirty-four"). The common things news counts have one key
  whatever the wording (:data:`COUNT_EVENTS`): "people hurt", "people injured", "people
  treated for injuries" are all "people injured"; such a count is *headline* (``headline``).
- **duration**: the act that took the time: "a jury took about five hours" -> "jury take".
- **amount**: money, by what it pays for: "fined £5,000" -> "fine".
- **share**: the result of a vote, as a percentage of those who voted: "voted by 87% to
  strike" / "78% of members who voted backed the action" -> "vote for" (:data:`VOTE_VERBS`).
  Other percentages (polls, rates, changes) are too varied to compare and give no fact.
- **date**: the event it dates, through the dependency parse: "found guilty on Monday" ->
  "find guilty"; "the offence which took place ... in January 2008" -> "take place". Relative
  dates ("on Monday", "yesterday", "last week", "seven years ago") are resolved against the
  article's date (:mod:`newsfuse.analysis.dates`); in an article without a date they are kept
  with the value "" for a brief to anchor on the story's dates. The value keeps the precision
  of the wording: "2008", "2008-01", "2022-W14", "2022-04-11"; a time of day goes in ``time``.
  A day or month without its year ("June 19", "in November") is the last one before the
  article's date when its verb is in a past tense ("was signed in September"), else the one
  nearest to that date ("the June 19 vote" in a paper of 13 June: six days on).

A "15-year-old" is an age, never a date; the verbs of saying ("said on Monday") date a
statement, not an event, and give no date fact.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsfuse.analysis.dates import clock_time, date_precision, date_range, day_part, is_relative, resolve_date
from newsfuse.analysis.entities import strip_name
from newsfuse.analysis.sentences import content_sentences
from newsfuse.lexicon import (
    BALLOT_WORDS,
    COUNT_EVENTS,
    COUNT_NOUNS,
    DAY_PARTS,
    EVENT_NOUNS,
    MEASURES,
    MONTHS,
    NUMBER_SCALES,
    NUMBER_WORDS,
    RELATIVE_DAYS,
    REPORTING_LEMMAS,
    TIME_UNIT_SECONDS,
    TREAT_VERBS,
    VOTE_VERBS,
    WEEKDAYS,
)
from newsfuse.model import Article, FactMention, FactRecord, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["FactRecord", "FACT_KINDS", "extract_facts", "parse_number"]

FACT_KINDS = ("age", "count", "duration", "amount", "date", "share")


_CONTENT_POS = frozenset(("NOUN", "PROPN", "VERB", "ADJ"))

# The words a fact is read with (count events and nouns, units, calendar and number words,
# verbs of saying) are in newsfuse.lexicon, each with its source.
_MEASURES = MEASURES
_EVENT_NOUNS = EVENT_NOUNS
_TREAT_VERBS = TREAT_VERBS


def _synonym(lemma: str) -> str:
    """One lemma for words outlets use interchangeably in a count's sentence (hurt ~ injure)."""
    return COUNT_EVENTS.get(lemma, COUNT_NOUNS.get(lemma, lemma))


_UNITS = NUMBER_WORDS
_SCALE = NUMBER_SCALES
_NUM_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_NUM = rf"(?:\d[\d,]*(?:\.\d+)?|(?:{_NUM_WORD})(?:-(?:{_NUM_WORD}))?)"

_BOUNDS = {
    "at least": "min",
    "more than": "min",
    "over": "min",
    "upwards of": "min",
    "at most": "max",
    "up to": "max",
    "fewer than": "max",
    "less than": "max",
    "under": "max",
    "nearly": "max",
    "almost": "max",
    "about": "approx",
    "around": "approx",
    "roughly": "approx",
    "approximately": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "almost exactly": "approx",
}
_BOUND_RE = re.compile(r"(?:^|\s)(" + "|".join(sorted(_BOUNDS, key=len, reverse=True)) + r")\s+$", re.IGNORECASE)

_RATIO_BEFORE = re.compile(rf"(?:\d|\b(?:{_NUM_WORD}))\s*(?:-|in|out of|to)\s*-?$", re.IGNORECASE)
_RATIO_AFTER = re.compile(rf"\s*(?:-|in|out of|to)\s*-?(?:\d|(?:{_NUM_WORD})\b)", re.IGNORECASE)

_TIME_UNITS = frozenset(TIME_UNIT_SECONDS)

# ages
_AGE_ADJ = re.compile(rf"\b({_NUM})[- ](?:year|yr)s?[- ]old\b", re.IGNORECASE)
_AGE_APPOS = re.compile(r"\b([A-Z][\w'’-]*[A-Za-z]),\s+(\d{1,3})\s*,")  # noqa: RUF001 ("Khan, 48,")
_AGE_PAREN = re.compile(r"\b([A-Z][\w'’-]*[A-Za-z])\s+\((\d{1,3})\)")  # noqa: RUF001 ("Khan (48)")
_AGE_NOW = re.compile(r"\bnow\s+(?:aged\s+)?(\d{1,3})\b(?!\s*(?:%|per|[a-z]))")
_AGE_AGED = re.compile(r"\baged\s+(\d{1,3})\b")
_AGE_YEARS_OLD = re.compile(rf"\b(?:is|was|are|were)\s+({_NUM})\s+years?\s+old\b", re.IGNORECASE)
MAX_AGE = 120  # oldest age we accept: a larger number after a name is not an age

_MONEY = re.compile(
    r"(?P<cur>[£$€]|US\$|USD\s?|GBP\s?|EUR\s?)(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<scale>million|billion|bn|m)\b)?"
)
_CURRENCY = {"£": "GBP", "$": "USD", "€": "EUR", "US$": "USD", "USD": "USD", "GBP": "GBP", "EUR": "EUR"}

_MONTHS = MONTHS
_WEEKDAYS = WEEKDAYS
_RELATIVE_DAYS = RELATIVE_DAYS
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY_NUM = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")

# Verbs of saying and writing: they date a statement, which outlets report at different times
# and in different words; a date on them is not a fact about the story's events.
_REPORTING = REPORTING_LEMMAS
_DATE_QUALIFIERS = ("since", "until", "till", "by", "before", "after", "from")


def parse_number(text: str) -> float | None:
    """A number written in figures or words: "1,200" -> 1200, "three" -> 3, "twenty-five" -> 25,
    "One hundred and three" -> 103, "5 million" -> 5000000."""
    words = text.lower().replace(",", "").split()
    if not words:
        return None
    total = current = 0.0
    seen = False
    for word in words:
        if word == "and" and seen:
            continue
        if word in _SCALE and seen:
            if _SCALE[word] == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * _SCALE[word]
                current = 0.0
            continue
        try:
            current += float(word)
            seen = True
            continue
        except ValueError:
            pass
        parts = word.split("-")
        if not all(p in _UNITS for p in parts):
            return None
        current += sum(_UNITS[p] for p in parts)
        seen = True
    return total + current


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _bound_before(text: str, start: int) -> tuple[str, int]:
    """A bound word right before ``start`` ("at least") and where it starts."""
    m = _BOUND_RE.search(text[max(0, start - 20) : start])
    if not m:
        return "", start
    return _BOUNDS[m.group(1).lower()], max(0, start - 20) + m.start(1)


def _token_starts(doc: Doc) -> list[int]:
    """The character offset of each token of ``doc``, for a binary search (read once per doc)."""
    return doc.to_array("IDX").tolist()


def _tokens_in(doc: Doc, starts: list[int], start: int, end: int) -> list[Token]:
    """The tokens wholly inside text[start:end]."""
    out = []
    for i in range(bisect_left(starts, start), len(starts)):
        tok = doc[i]
        if tok.idx + len(tok) > end:
            break  # tokens do not overlap, so their ends grow with their starts
        out.append(tok)
    return out


def _token_at(doc: Doc, starts: list[int], char: int) -> Token | None:
    """The token holding the character at ``char``, if any."""
    i = bisect_right(starts, char) - 1
    if i >= 0 and char < starts[i] + len(doc[i]):
        return doc[i]
    return None


def _name_of(tok: Token) -> str:
    """A proper name as written: the entity holding ``tok``, else its compound chain."""
    if tok.ent_type_ and tok.ent_iob_ in ("B", "I"):
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.text
    words = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i] + [tok]
    return " ".join(w.text for w in sorted(words, key=lambda w: w.i))


def _noun_subject(tok: Token) -> tuple[str, str, bool]:
    """(subject as written, key, is a name) for a noun or name token."""
    if tok.pos_ == "PROPN":
        name = strip_name(_name_of(tok)) or tok.text
        return name, name.lower(), True
    return tok.text, tok.lemma_.lower(), False


def _clause_subject(verb: Token) -> Token | None:
    """The subject of ``verb``; through "who"/"which" to the noun the clause describes."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return verb.head
            return c
    if verb.dep_ in ("relcl", "acl", "appos"):
        return verb.head
    return None


_DAY_PARTS = DAY_PARTS
# Verbs too general to name an event ("Blunt, who was at the court on Monday").
_EMPTY_VERBS = frozenset(("be", "have", "do", "get"))


def _is_prep(tok: Token) -> bool:
    return tok.pos_ in ("ADP", "SCONJ") and tok.dep_ in ("prep", "mark", "agent")


def _event_head(tok: Token) -> Token:
    """The word a date or duration token attaches to, through prepositions and number words."""
    head = tok.head
    hops = 0
    while _is_prep(head) or head.dep_ in ("nummod", "compound", "npadvmod") or head.lower_ in _DAY_PARTS:
        if hops > 3 or head.head.i == head.i:  # spaCy makes a new Token object at each access
            break
        head = head.head
        hops += 1
    return head


#: Clauses that describe a noun: a date in them dates only them ("the dam, which has stood there
#: since 1964, broke apart": 1964 is not when it broke). Adverbial clauses are left out: most of
#: them time the main clause ("by the time the sun came up on Monday, the water had reached ...").
_SUBORDINATE = ("relcl", "acl")


def _clause(head: Token, text: str) -> Span | None:
    """The clause the event word ``head`` heads where it describes a noun, as a span of ``text``:
    a relative clause or participle with the noun phrase it belongs to ("The spillway of the dam,
    which has stood there since 1964"). None when the event belongs to the main clause."""
    if head.dep_ not in _SUBORDINATE or head.head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    top = head.head
    while top.dep_ == "pobj" and top.head.dep_ == "prep" and top.head.head.pos_ in ("NOUN", "PROPN"):
        top = top.head.head  # "the spillway of [the Carrow Dam, which ...]"
    words = [t for t in top.subtree if not t.is_punct]
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    if "\n" in text[start:end]:
        return None
    return Span(start, end)


def _event(tok: Token, text: str) -> tuple[str, str] | None:
    """The event a date or duration token attaches to: (words, lemma key), e.g. ("found
    guilty", "find guilty"). ``text`` is the article's text (``doc.text`` rebuilds it)."""
    head = _event_head(tok)
    if head.i == tok.i:
        return None
    lo, hi = sorted((head.idx, tok.idx))
    if "\n" in text[lo:hi]:
        return None  # the parse ran over a paragraph break ("Photo: Reuters" + "In March 2019, ...")
    if head.pos_ in ("VERB", "AUX"):
        extra = [
            c for c in head.children if c.dep_ in ("oprd", "acomp", "prt") or (c.dep_ == "dobj" and c.lemma_ == "place")
        ]
        words = [head.text] + [c.text for c in extra]
        key = " ".join([head.lemma_.lower()] + [c.lemma_.lower() for c in extra])
        return " ".join(words), key
    if head.pos_ in ("NOUN", "PROPN"):
        return head.text, head.lemma_.lower()
    return None


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start < inner.end <= outer.end


def _sentence_of(sentences: list[Span], start: int) -> Span | None:
    for s in sentences:
        if s.start <= start < s.end:
            return s
    return None


class _Collector:
    def __init__(self, article: Article, doc: Doc, sentences: Sequence[Span] | None = None) -> None:
        self.article = article
        self.doc = doc
        self.starts = _token_starts(doc)
        self.sentences = list(sentences) if sentences is not None else content_sentences(article)
        self.records: list[FactRecord] = []
        self.used: list[tuple[int, int]] = []  # wording spans taken, so one number is one fact
        self.contexts: dict[Span, frozenset[str]] = {}
        self.years: dict[Span, frozenset[str]] = {}

    def taken(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.used)

    def add(
        self,
        kind: str,
        start: int,
        end: int,
        value: str,
        subject: str,
        key: str,
        *,
        qualifier: str = "",
        bound: str = "",
        is_name: bool = False,
        relative: bool = False,
        headline: bool = False,
        future: bool = False,
        time: str = "",
        clause: Span | None = None,
    ) -> None:
        sentence = _sentence_of(self.sentences, start)
        if sentence is None or self.taken(start, end) or not key:
            return
        text = self.article.text
        mention = FactMention(
            article=self.article.id,
            outlet=self.article.outlet,
            start=sentence.start,
            end=sentence.end,
            text=text[sentence.start : sentence.end],
            value=value,
            wording=text[start:end],
        )
        self.used.append((start, end))
        if sentence not in self.contexts:
            span = self.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            words = span if span is not None else ()
            self.contexts[sentence] = frozenset(
                _synonym(t.lemma_.lower()) for t in words if t.pos_ in _CONTENT_POS and not t.is_stop and not t.like_num
            )
            self.years[sentence] = frozenset(_YEAR.findall(text[sentence.start : sentence.end]))
        self.records.append(
            FactRecord(
                kind=kind,
                subject=subject,
                key=key,
                mention=mention,
                span=Span(start, end),
                qualifier=qualifier,
                bound=bound,
                subject_is_name=is_name,
                context=self.contexts[sentence],
                relative=relative,
                headline=headline,
                years=self.years[sentence],
                future=future,
                time=time,
                clause=clause if clause is not None and _within(clause, sentence) else None,
            )
        )


def extract_facts(article: Article, doc: Doc, sentences: Sequence[Span] | None = None) -> list[FactRecord]:
    """Numbers and dates stated in ``article`` (outside boilerplate), in text order.

    ``doc`` is ``load_nlp()(article.text)``, parsed once by the caller; ``sentences`` are the
    article's content sentences when the caller has split them (else they are split here).
    """
    c = _Collector(article, doc, sentences)
    _ages(c)
    _shares(c)
    _amounts(c)
    _dates(c)
    _durations_and_counts(c)
    return sorted(c.records, key=lambda r: (r.span.start, r.kind))


def _ages(c: _Collector) -> None:
    text, doc = c.article.text, c.doc
    for m in _AGE_ADJ.finditer(text):
        n = parse_number(m.group(1))
        if n is None or not 0 < n <= MAX_AGE:
            continue
        toks = _tokens_in(doc, c.starts, m.start(), m.end())
        old = next((t for t in toks if t.lower_ == "old"), None)
        noun = None
        if old is not None and old.head.pos_ in ("NOUN", "PROPN") and old.head.i != old.i:
            noun = old.head
        else:
            first_after = bisect_left(c.starts, m.end())
            after = list(doc[first_after : first_after + 3])
            noun = next((t for t in after if t.pos_ in ("NOUN", "PROPN")), None)
            if noun is None and old is not None:  # "Khan is 48 years old"
                verb = old.head if old.head.pos_ in ("AUX", "VERB") else None
                noun = _clause_subject(verb) if verb is not None else None
        if noun is None:
            continue
        subject, key, is_name = _noun_subject(noun)
        c.add("age", m.start(), m.end(), _fmt(n), subject, key, is_name=is_name)
    for rx in (_AGE_APPOS, _AGE_PAREN):
        for m in rx.finditer(text):
            n = int(m.group(2))
            name_tok = _token_at(doc, c.starts, m.start(1))
            if not 0 < n <= MAX_AGE or name_tok is None or name_tok.pos_ != "PROPN":
                continue
            if name_tok.lower_ in _MONTHS or name_tok.lower_ in _WEEKDAYS:
                continue
            subject, key, is_name = _noun_subject(name_tok)
            c.add("age", m.start(2), m.end(2), str(n), subject, key, is_name=is_name)
    for rx, qualifier in ((_AGE_NOW, "now"), (_AGE_AGED, ""), (_AGE_YEARS_OLD, "")):
        for m in rx.finditer(text):
            n = parse_number(m.group(1))
            if n is None or not 0 < n <= MAX_AGE:
                continue
            num = _token_at(doc, c.starts, m.start(1))
            if num is None:
                continue
            if qualifier == "now" and num.dep_ == "nummod":  # "now 29 people": a count
                continue
            noun = _age_owner(num)
            if noun is None:
                continue
            subject, key, is_name = _noun_subject(noun)
            start = m.start() if qualifier == "now" or rx is _AGE_AGED else m.start(1)
            c.add("age", start, m.end(), _fmt(n), subject, key, qualifier=qualifier, is_name=is_name)


def _age_owner(num: Token) -> Token | None:
    """Whose age ``num`` is, for "is now 29", "aged 52", "is 48 years old"."""
    head = num.head
    if head.lower_ == "aged":  # "a man aged 52", "Smith, aged 52,"
        target = head.head
        if target.pos_ in ("NOUN", "PROPN") and target.i != head.i:
            return target
        doc = num.doc
        return next((doc[i] for i in range(head.i - 1, -1, -1) if doc[i].pos_ in ("NOUN", "PROPN")), None)
    if num.dep_ == "npadvmod" or head.lower_ in ("old", "years", "year"):
        head = head.head if head.lower_ != "old" else head.head
    verb = head if head.pos_ in ("AUX", "VERB") else None
    if verb is None:
        if head.pos_ in ("NOUN", "PROPN"):  # "the victim, now 29,"
            return head
        return None
    subj = _clause_subject(verb)
    if subj is not None and subj.pos_ == "PRON" and subj.lower_ in ("he", "she"):
        return _antecedent(subj)
    if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
        return subj
    return None


#: How far back (in tokens) "he"/"she" looks for the subject it stands for: about two
#: sentences of news copy. Further back the guess is more often wrong than right.
ANTECEDENT_WINDOW = 50


def _antecedent(pron: Token) -> Token | None:
    """The subject noun or name "he"/"she" most likely stands for: the nearest subject before."""
    doc = pron.doc
    for tok in reversed(doc[max(0, pron.i - ANTECEDENT_WINDOW) : pron.i]):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN"):
            return tok
    return None


_BALLOT_WORDS = BALLOT_WORDS
_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:%|per\s?cent|percent)$", re.IGNORECASE)


def _shares(c: _Collector) -> None:
    """The result of a vote as a percentage: "voted by 87% to strike" -> 87, "vote for"."""
    doc = c.doc
    for ent in doc.ents:
        if ent.label_ != "PERCENT":
            continue
        m = _PERCENT.match(ent.text.strip())
        if m is None:
            continue
        event = _event(ent.root, c.article.text)
        if event is None or doc[_event_head_index(ent.root)].pos_ != "VERB":
            continue  # "10 percent support" in a poll: a noun, not a vote
        side = VOTE_VERBS.get(event[1].split()[0])
        if side is None or not any(t.lemma_.lower() in _BALLOT_WORDS for t in ent.sent):
            continue  # "71 percent favor postponing it": an opinion poll, not a ballot
        if "against" in c.article.text[ent.end_char : ent.end_char + 40].split()[:3]:
            side = "vote against"  # "voted by 60% against the deal"
        bound, start = _bound_before(c.article.text, ent.start_char)
        c.add("share", start, ent.end_char, f"{_fmt(float(m.group(1)))}%", side, side, bound=bound)


def _amounts(c: _Collector) -> None:
    text, doc = c.article.text, c.doc
    for m in _MONEY.finditer(text):
        n = parse_number(m.group("num"))
        if n is None:
            continue
        if m.group("scale"):
            n *= _SCALE[m.group("scale").lower()]
        bound, start = _bound_before(text, m.start())
        num = _token_at(doc, c.starts, m.end() - 1)  # "£4.2m": the "m" stands for the amount in the parse
        if num is None:
            continue
        event = _event(num, text)
        if event is None:
            continue
        words, key = event
        verb = doc[_event_head_index(num)]
        subj = _clause_subject(verb) if verb.pos_ in ("VERB", "AUX") else None
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            # "Trump imposed tariffs on $34 billion" / "China imposing tariffs on $60bn": two acts
            words, key = f"{subj.text} {words}", f"{subj.lemma_.lower()} {key}"
        currency = _CURRENCY.get(m.group("cur").strip(), m.group("cur").strip())
        c.add("amount", start, m.end(), f"{currency} {_fmt(n)}", words, key, bound=bound)


_FUTURE_AUX = frozenset(("will", "would", "shall", "'ll", "wo"))
_FUTURE_HEADS = frozenset(("expect", "due", "plan", "schedule", "set", "go", "intend", "hope"))


#: A year range whose first year the model tags alone ("from 2003 to 2009").
_YEAR_RANGE_AFTER = re.compile(r"[ \t]*(?:to|until|till|through|-|–)[ \t]*(?:1[89]\d\d|20\d\d)\b")  # noqa: RUF001
_YEAR_RANGE_BEFORE = re.compile(r"\b(?:1[89]\d\d|20\d\d)[ \t]*(?:to|until|till|through|-|–)[ \t]*\Z")  # noqa: RUF001


#: A calendar day or month named without its year and without a word that says which one
#: ("last June", "next May"): read by the tense of its verb, or as the nearest one.
_DIRECTED = re.compile(r"\b(?:last|next|this|past|coming|previous|following)\b", re.IGNORECASE)


def _yearless(wording: str) -> bool:
    return (
        date_precision(wording) in ("day", "month")
        and not is_relative(wording)
        and not _YEAR.search(wording)
        and not _DIRECTED.search(wording)
    )


def _is_past(verb: Token) -> bool:
    """True when ``verb``, the word a date hangs from (:func:`_event_head`), is a verb in a past
    tense: "closed in September", "was closed in September", "has closed", "had closed". A date
    on a noun ("the June 19 vote") or a verb in the present says nothing of which June it is."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.tag_ == "VBD":
        return True
    return any(c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lemma_ == "have") for c in verb.children)


def _nearer(ahead: str, behind: str, base: _dt.date) -> bool:
    """Is the reading ``ahead`` (after ``base``) nearer to ``base`` than ``behind``?"""
    a, b = date_range(ahead), date_range(behind)
    if a is None or b is None:
        return False
    return (a[0] - base).days < (base - b[1]).days


def _is_future(tok: Token) -> bool:
    """True when the verb a date hangs from speaks of what is still to come: "would send a
    team on Wednesday", "is expected to make a statement on Wednesday"."""
    verb = tok.head
    hops = 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and hops < 4:
        verb = verb.head
        hops += 1
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
        return True
    # "expected to make", "due to visit": an infinitive under a verb of plans
    return (
        verb.dep_ == "xcomp"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and (verb.head.lemma_.lower() in _FUTURE_HEADS or verb.head.lower_ in _FUTURE_HEADS)
    )


def _clock_times(c: _Collector) -> list[tuple[int, str]]:
    """(offset, "HH:MM") of each clock time the model tags TIME with no day in it ("4am")."""
    out = []
    for ent in c.doc.ents:
        if ent.label_ == "TIME" and date_precision(ent.text) is None:
            clock = clock_time(ent.text)
            if clock is not None:
                out.append((ent.start_char, clock))
    return out


def _dates(c: _Collector) -> None:
    """Dates, and times of day that name a day ("Monday afternoon"). A relative date in an
    undated article is kept with the value "" (``relative`` set), so that a brief can read it
    against the story's dates; a clock time in the date's sentence ("shortly after 4am on
    Monday") becomes its ``time``."""
    doc = c.doc
    clocks = _clock_times(c)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        wording = ent.text
        low = wording.lower()
        if "year-old" in low or "years old" in low or "-year" in low or "age" in low.split():
            continue  # an age
        if re.fullmatch(r"\d{1,3}", wording.strip()):
            continue  # "48" tagged DATE: a number, not a year
        if re.search(r"\d{4}\s*[-–]\s*\d{2,4}|\d{4}s\b", wording):  # noqa: RUF001
            continue  # ranges and decades
        if _YEAR_RANGE_AFTER.match(c.article.text, ent.end_char) or _YEAR_RANGE_BEFORE.search(
            c.article.text, max(0, ent.start_char - 16), ent.start_char
        ):
            continue  # "from 2003 to 2009": the model tags the years one by one
        if date_precision(wording) is None:
            continue  # "4am", "for hours": no day named
        relative = is_relative(wording)
        future = _is_future(ent.root)
        value = resolve_date(wording, c.article.date, future)
        prev = doc[ent.start - 1] if ent.start > 0 else None
        head = _event_head(ent.root)
        if value and not future and c.article.date is not None and _yearless(wording):
            tense_known = _is_past(head) and not (prev is not None and prev.lower_ == "for")
            ahead = None if tense_known else resolve_date(wording, c.article.date, True)
            if ahead and ahead != value and _nearer(ahead, value, c.article.date):
                value, future = ahead, True  # "the June 19 vote" in a paper of 13 June: that June
        if value is None and not (relative and c.article.date is None):
            continue
        start, end = ent.start_char, ent.end_char
        qualifier = ""
        first_word = low.split()[0] if low.split() else ""
        if first_word in _DATE_QUALIFIERS:  # the model put "since" inside the date
            qualifier = first_word
        elif prev is not None and _is_prep(prev):
            start = prev.idx
            if prev.lower_ in _DATE_QUALIFIERS:
                qualifier = prev.lower_
        event = _event(ent.root, c.article.text)
        if event is None or event[1].split()[0] in _REPORTING | _EMPTY_VERBS:
            continue
        time = clock_time(wording) or ""
        if not time and date_precision(wording) == "day":
            sentence = _sentence_of(c.sentences, start)
            near = [
                (abs(at - start), clock)
                for at, clock in clocks
                if sentence is not None and sentence.start <= at < sentence.end
            ]
            after = doc[ent.end] if ent.end < len(doc) else None  # "Monday" + "afternoon" (TIME)
            time = min(near)[1] if near else day_part(wording) or day_part(after.text if after is not None else "")
        c.add(
            "date",
            start,
            end,
            value or "",
            event[0],
            event[1],
            qualifier=qualifier,
            relative=relative,
            future=future,
            time=time,
            clause=_clause(head, c.article.text),
        )


def _durations_and_counts(c: _Collector) -> None:
    text, doc = c.article.text, c.doc
    for tok in doc:
        if not (tok.like_num or tok.lower_ in _UNITS) or tok.dep_ not in ("nummod", "quantmod", "compound"):
            continue
        if tok.ent_type_ in ("DATE", "MONEY", "PERCENT", "ORDINAL") and tok.ent_type_ != "":
            if tok.ent_type_ != "DATE" or tok.head.lemma_.lower() not in _TIME_UNITS:
                continue
        # the whole number: "5 million", "twenty-five"
        num_toks = [tok]
        while num_toks[-1].i + 1 < len(doc):
            nxt = doc[num_toks[-1].i + 1]
            if nxt.lower_ in _SCALE:
                num_toks.append(nxt)
            elif (  # "One hundred and three"
                nxt.lower_ == "and"
                and num_toks[-1].lower_ in _SCALE
                and nxt.i + 1 < len(doc)
                and (doc[nxt.i + 1].like_num or doc[nxt.i + 1].lower_ in _UNITS)
            ):
                num_toks.extend((nxt, doc[nxt.i + 1]))
            else:
                break
        inside = {t.i for t in num_toks}
        noun = next((t.head for t in num_toks if t.head.i not in inside), None)  # what it counts
        if tok.dep_ == "compound" and noun is not None and noun.like_num:
            continue  # first half of a number the loop reaches again
        if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.i < tok.i:
            continue
        first = _hyphenated_start(tok)  # "Thirty-four": the model splits it in three tokens
        start = first.idx
        end = num_toks[-1].idx + len(num_toks[-1].text)
        value = parse_number(" ".join([text[start : tok.idx + len(tok.text)], *(t.text for t in num_toks[1:])]))
        if value is None:
            continue
        if _RATIO_BEFORE.search(text[max(0, start - 12) : start]) or _RATIO_AFTER.match(text[end:]):
            continue  # "two-in-three chance", "a 396-9 vote": a ratio or a score, not a count
        bound, start = _bound_before(text, start)
        lemma = noun.lemma_.lower()
        if lemma in _TIME_UNITS:
            nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ in ("old", "ago", "-"):
                continue
            event = _event(noun, text)
            if event is None or event[1].split()[0] in _REPORTING:
                continue
            subj = None
            if doc[_event_head_index(noun)].pos_ in ("VERB", "AUX"):
                subj = _clause_subject(doc[_event_head_index(noun)])
            words, key = event
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                words, key = f"{subj.text} {words}", f"{subj.lemma_.lower()} {key}"
            unit = lemma + ("s" if value != 1 else "")
            c.add("duration", start, noun.idx + len(noun.text), f"{_fmt(value)} {unit}", words, key, bound=bound)
            continue
        if value == 1 or noun.pos_ == "PROPN":
            continue  # "one commentator": an article, not a count; "2 Chronicles"
        words, key, headline = _count_subject(noun)
        if key in _MEASURES:
            continue  # "about 200km (120 miles) from the site": a distance, but of what?
        c.add("count", start, end, _fmt(value), words, key, bound=bound, headline=headline)


def _names_another_event(verb: Token | None) -> bool:
    """True for a count in a clause on a named or dated event: "the Manchester concert bombing
    on May 22 that killed 22 people" recalls another event than the story's own ("the gunman
    who killed three people" does not)."""
    if verb is None or verb.dep_ not in ("relcl", "acl"):
        return False
    head = verb.head
    for child in head.children:
        if child.i == verb.i:  # spaCy makes a new Token object at each access
            continue
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.pos_ == "PROPN":
            return True
        if any(t.ent_type_ in ("DATE", "EVENT") for t in child.subtree):
            return True
    return False


def _hyphenated_start(tok: Token) -> Token:
    """The first token of a number written "Thirty-four" (tokens "Thirty", "-", "four")."""
    doc = tok.doc
    if (
        tok.i >= 2
        and doc[tok.i - 1].text == "-"
        and doc[tok.i - 2].lower_ in _UNITS
        and doc[tok.i - 2].idx + len(doc[tok.i - 2].text) == doc[tok.i - 1].idx
        and doc[tok.i - 1].idx + 1 == tok.idx
    ):
        return doc[tok.i - 2]
    return tok


def _count_subject(noun: Token) -> tuple[str, str, bool]:
    """(words, key, headline) for a counted noun: the noun and what happened to it.

    "34 people were hurt" -> ("people hurt", "people injured", True); "34 people were treated
    for injuries" -> ("people treated", "people injured", True); "five MPs resigning" ->
    ("MPs resigning", "mp resign", False).
    """
    lemma = noun.lemma_.lower()
    verb = noun.head if noun.head.pos_ == "VERB" else None
    if verb is None:
        verb = next((ch for ch in noun.children if ch.dep_ in ("acl", "relcl") and ch.pos_ == "VERB"), None)
    if verb is None and noun.head.pos_ == "AUX":  # "12 people are missing", "three were dead"
        verb = next((ch for ch in noun.head.children if ch.dep_ == "acomp"), None)
    words = noun.text + (f" {verb.text}" if verb is not None else "")
    if lemma in _EVENT_NOUNS:  # "34 injuries", "12 deaths": people it happened to
        return words, f"people {COUNT_EVENTS[lemma]}", True
    event = None
    if verb is not None:
        event = COUNT_EVENTS.get(verb.lemma_.lower()) or COUNT_EVENTS.get(verb.lower_)
        if event is None and verb.lemma_.lower() in _TREAT_VERBS:
            # "treated for injuries", "taken to hospital with injuries"
            objs = [g for p in verb.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
            if any(o.lemma_.lower() == "injury" for o in objs):
                event = "injured"
    noun_key = COUNT_NOUNS.get(lemma)
    if event is not None and noun_key is not None:
        return words, f"{noun_key} {event}", not _names_another_event(verb)
    key = lemma + (f" {(event or verb.lemma_.lower())}" if verb is not None else "")
    return words, key, False


def _event_head_index(tok: Token) -> int:
    """Index of the word a date or duration hangs from (through prepositions)."""
    head = tok.head
    hops = 0
    while _is_prep(head) and head.head.i != head.i and hops < 3:
        head = head.head
        hops += 1
    return head.i
