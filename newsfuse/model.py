"""The data model: plain, typed, frozen dataclasses with no logic.

One owner of the text: an :class:`Article` owns its ``text``; everything found in it
(sentences, quotes, entity mentions, facts, boilerplate) is a :class:`Span` or a
:class:`Ref` into that text, so every citation points back to exact characters of an
exact article. ``article.text[ref.start:ref.end] == ref.text`` always holds.

:class:`Ref` is the one span type of the model, like spaCy's ``Span`` with its label: its
``kind`` says what the span is (a sentence, a quotation, an entity mention, a fact's wording ...)
and ``label`` what kind of that it is (``person`` for a mention). Everything read off one article
is kept on one :class:`ArticleAnalysis`, computed once and plain data (no spaCy objects), so it
can be cached and shipped. Flags and kinds are :class:`~enum.StrEnum` s: they compare equal to
their string values, which are what the JSON carries.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "SpanKind",
    "QuoteFlag",
    "QuoteKind",
    "FramingKind",
    "EntityKind",
    "FactKind",
    "DisagreementKind",
    "Span",
    "Ref",
    "Article",
    "Problem",
    "SummaryItem",
    "WordDiff",
    "QuoteSpan",
    "QuoteCarrier",
    "Quote",
    "EntityMention",
    "Entity",
    "FactMention",
    "Fact",
    "Disagreement",
    "FactRecord",
    "ArticleAnalysis",
    "FramingItem",
    "OutletFraming",
    "DatePrecision",
    "TimelineEvent",
    "CopyReason",
    "SharedPassage",
    "CopyPair",
    "CopyGroup",
    "Brief",
    "Story",
    "Feed",
]


class SpanKind(StrEnum):
    """What a :class:`Ref` is."""

    TEXT = "text"  # any stretch of an article cited as it stands (a summary source)
    SENTENCE = "sentence"
    BOILERPLATE = "boilerplate"  # page furniture: kept in the text, never reported
    QUOTE = "quote"  # quoted words, without the quotation marks
    SPEAKER = "speaker"  # where the article names a quotation's speaker
    MENTION = "mention"  # an entity mention; ``label`` is its EntityKind
    FACT = "fact"  # the sentence stating a number or date
    FRAMING = "framing"  # loaded wording in the outlet's own words; ``label`` is its FramingKind
    QUOTED_FRAMING = "quoted_framing"  # loaded wording inside a quotation: the speaker's words
    COPY = "copy"  # a passage another article of the story shares (shared copy)


class QuoteFlag(StrEnum):
    """What a reader should know about a lined-up quotation."""

    POSSIBLE_MISQUOTE = "possible_misquote"  # an outlet changed words inside the quotation marks
    EXCERPT = "excerpt"  # an outlet quotes only part of it
    UNATTRIBUTED = "unattributed"  # no speaker found
    SINGLE_OUTLET = "single_outlet"  # one outlet carries it


class FramingKind(StrEnum):
    """What kind of loaded wording a framing span is."""

    LABEL = "label"  # a loaded word for a person or a group ("the disgraced MP")
    ADJECTIVE = "loaded_adjective"
    VERB = "loaded_verb"
    ADVERB = "loaded_adverb"
    NOUN = "loaded_noun"
    SCARE_QUOTE = "scare_quote"  # a few words in quotation marks that nobody is said to have said
    DISEASE_NAME = "disease_named_after_people"  # a place or a people naming a disease (WHO 2015)


class QuoteKind(StrEnum):
    FULL = "full"  # a whole sentence or more in quotation marks
    PARTIAL = "partial"  # words inside the writer's own sentence


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"


class FactKind(StrEnum):
    AGE = "age"
    COUNT = "count"
    DURATION = "duration"
    AMOUNT = "amount"
    DATE = "date"
    SHARE = "share"


class DisagreementKind(StrEnum):
    """A fact kind the outlets give different values for, or a name they spell differently."""

    AGE = "age"
    COUNT = "count"
    DURATION = "duration"
    AMOUNT = "amount"
    DATE = "date"
    SHARE = "share"
    SPELLING = "spelling"


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into one article's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Ref:
    """A span of a named article, with its text as it stands there (a citation).

    The one span type: ``kind`` says what it is, ``label`` refines it where a kind has kinds
    (an entity mention's :class:`EntityKind`, a quotation's :class:`QuoteKind`, a fact's
    :class:`FactKind`); ``""`` otherwise.
    """

    article: str
    start: int
    end: int
    text: str
    kind: SpanKind = SpanKind.TEXT
    label: str = ""


@dataclass(frozen=True)
class Article:
    """One article: the text it owns and its metadata.

    ``boilerplate`` marks spans of ``text`` that are not reporting (``READ MORE`` lines,
    picture captions, share lines, ``pic.twitter.com`` links, tweet signatures); they stay
    in the text so offsets match the source, but no summary or fact is drawn from them.
    ``origin`` names where the article came from (a path, or ``path:line`` for a record).
    """

    id: str
    text: str
    outlet: str
    title: str | None = None
    date: _dt.date | None = None
    url: str | None = None
    origin: str | None = None
    boilerplate: tuple[Span, ...] = ()
    language: str | None = None  # ISO 639-1 code detected from the text ("en", "de"); None if unknown


@dataclass(frozen=True)
class Problem:
    """Something in the input that could not be used, reported in one line."""

    origin: str
    message: str
    fatal: bool = True  # True: nothing from this input was used; False: a warning


@dataclass(frozen=True)
class SummaryItem:
    """One sentence of the summary and every source sentence that carries it.

    ``text`` is exactly the text of ``sources[0]`` (extractive: never rewritten).
    """

    text: str
    sources: tuple[Ref, ...]
    score: float = 0.0
    # Independent outlets among the sources: copies of one another (shared copy) count once.
    # None when not worked out (a brief built without analysis).
    independent: int | None = None


@dataclass(frozen=True)
class WordDiff:
    """A word-level difference between a carrier's wording and the fullest wording."""

    op: str  # "replace", "delete" (words of the fullest missing here), "insert" (extra words here)
    fullest: str  # the words in the fullest wording ("" for insert)
    here: str  # the words in this carrier's wording ("" for delete)


@dataclass(frozen=True)
class QuoteSpan:
    """A direct quotation found in one article (before lining up across outlets)."""

    article: str
    start: int  # the quoted words, without the quotation marks
    end: int
    text: str
    speaker: str | None = None  # the speaker as named at this mention ("Mr Blunt", "a spokesperson for X")
    speaker_mention: Ref | None = None
    role: str | None = None
    kind: QuoteKind = QuoteKind.FULL


@dataclass(frozen=True)
class QuoteCarrier:
    """One outlet's wording of a quote."""

    article: str
    outlet: str
    start: int
    end: int
    text: str
    speaker_mention: Ref | None = None
    diff: tuple[WordDiff, ...] = ()  # against the fullest wording; empty when the same
    parts: tuple[Span, ...] = ()  # the quoted pieces when this outlet split the quote; () when one


@dataclass(frozen=True)
class Quote:
    """One quotation lined up across outlets."""

    text: str  # the fullest wording
    speaker: str | None  # canonical name, or a description ("a Conservative HQ spokesperson")
    role: str | None
    carried_by: tuple[QuoteCarrier, ...]
    flags: tuple[QuoteFlag, ...] = ()
    fullest: str | None = None  # article id of the fullest wording
    first_published: str | None = None  # article id of the earliest dated carrier


#: An entity mention is a :class:`Ref` of kind ``mention`` whose ``label`` is its :class:`EntityKind`.
EntityMention = Ref


@dataclass(frozen=True)
class Entity:
    """One real-world person, organisation or place, merged across outlets."""

    name: str  # canonical (longest common) form
    kind: EntityKind
    mentions: tuple[EntityMention, ...]
    outlets: tuple[str, ...]
    variants: tuple[str, ...] = ()  # spelling variants across outlets ("Ahmad" / "Ahmed")
    role: str | None = None


@dataclass(frozen=True)
class FactMention(Ref):
    """One outlet stating a value: a :class:`Ref` (kind ``fact``) to the sentence or clause that
    states it, with the outlet, the normalised value and the words that give it."""

    kind: SpanKind = SpanKind.FACT
    outlet: str = field(default="", kw_only=True)
    value: str = field(default="", kw_only=True)  # the normalised value ("48", "2008-01", "2022-04-11")
    wording: str = field(default="", kw_only=True)  # the words that give the value ("48", "January 2008")


@dataclass(frozen=True)
class Fact:
    """A number or date about one thing (an age, a count, a date), across outlets."""

    kind: FactKind
    subject: str  # what it is about ("Imran Ahmad Khan: age")
    mentions: tuple[FactMention, ...]


@dataclass(frozen=True)
class Disagreement:
    """Outlets that give different values (or spellings) for the same thing."""

    kind: DisagreementKind
    subject: str
    values: tuple[tuple[str, tuple[FactMention, ...]], ...]  # (value, who says it)
    note: str = ""


@dataclass(frozen=True)
class FactRecord:
    """One number or date in one article, with what it is about (read by ``analysis.facts``).

    ``subject`` is the words it measures as written ("Khan", "people injured", "find guilty");
    ``key`` is the same in lemmas, lower case, for grouping across outlets. ``qualifier``
    separates facts that look alike but are not ("now" for a present age, "since" for a
    date a state began). ``bound`` is "", "min", "max" or "approx" ("at least three": min).
    ``span`` is where the wording stands in the article.
    """

    kind: FactKind
    subject: str
    key: str
    mention: FactMention
    span: Span
    qualifier: str = ""
    bound: str = ""
    subject_is_name: bool = False  # the subject is a proper name (canonicalise it as an entity)
    context: frozenset[str] = frozenset()  # content-word lemmas of the sentence (to tell instances apart)
    relative: bool = False  # a date read against the article's date ("on Monday", "yesterday")
    headline: bool = False  # a count of a common news subject (people injured, homes flooded...)
    years: frozenset[str] = frozenset()  # years named in the sentence (to tell instances apart)
    # timeline (issue 9): a date of something still to come ("will visit on Wednesday"), and the
    # time of day given with a date ("04:00" from "shortly after 4am on Monday", "afternoon")
    future: bool = False
    time: str = ""
    # a date in a clause that is not its sentence's main one ("The dam, which has stood there
    # since 1964, broke apart"): the clause, with the noun it describes, is what the date is
    # about; None when the date belongs to the sentence as a whole
    clause: Span | None = None


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything read off one article, computed once (``analysis.record.analyse_article``).

    Plain data, no parse objects: it is cached by article id and shipped between processes as
    JSON (``analysis.codec``). Every span is a :class:`Ref` into the article's text, in text order.
    ``english`` is False when the article is in another language: its sentences and boilerplate
    are read, but quotes, mentions and facts (English-only analysis) are left empty.
    """

    article: str  # the article's id
    language: str | None  # as detected at ingest; None is read as English
    sentences: tuple[Ref, ...]  # every sentence (kind sentence), boilerplate ones included
    boilerplate: tuple[Ref, ...] = ()  # page furniture (kind boilerplate)
    quotes: tuple[QuoteSpan, ...] = ()
    mentions: tuple[Ref, ...] = ()  # entity mentions (kind mention, label an EntityKind)
    facts: tuple[FactRecord, ...] = ()
    english: bool = True
    framing: tuple[Ref, ...] = ()  # loaded wording (kind framing / quoted_framing, label a FramingKind)
    # loaded words of the title said of a physical thing ("pier collapse"): no headline angle
    # (analysis/framing.py headline_literal; lower case)
    headline_literal: tuple[str, ...] = ()


@dataclass(frozen=True)
class FramingItem:
    """One loaded span of one outlet, and the words other outlets used for the same thing.

    ``ref`` is the span (kind ``framing``: the outlet's own words; ``quoted_framing``: inside a
    quotation, the words of ``speaker``); ``alternatives`` are ``(outlet, wording)`` pairs, each
    wording a span of another outlet's article ("the Tory MP" beside "the disgraced MP")."""

    ref: Ref
    kind: FramingKind
    outlet: str
    speaker: str | None = None
    alternatives: tuple[tuple[str, Ref], ...] = ()


@dataclass(frozen=True)
class OutletFraming:
    """How one outlet frames the story: its loaded words that the other outlets do not share.

    ``items`` are the outlet's own words, ``quoted`` those inside the quotations it carries (the
    speakers'); ``counts`` counts ``items`` by kind; ``shared`` is how many loaded words it
    uses that most other outlets use too (the story's own vocabulary: "convicted", "guilty"),
    left out of ``items``; ``rate`` is ``items`` per 1,000 words of its articles (``words``).
    ``headline`` holds the loaded words of its headlines that its own article's body never uses
    (a headline's angle beyond its story: "slams" over a body that says "said")."""

    outlet: str
    articles: tuple[str, ...]
    items: tuple[FramingItem, ...]
    quoted: tuple[FramingItem, ...] = ()
    counts: tuple[tuple[FramingKind, int], ...] = ()
    shared: int = 0
    words: int = 0
    rate: float = 0.0
    headline: tuple[str, ...] = ()


# --- timeline (issue 9) ---------------------------------------------------------------------


class DatePrecision(StrEnum):
    """How precisely a timeline date is known: ``date`` is "2008", "2008-01", "2022-W14",
    "2022-04-11" or "2022-04-11T16:00"."""

    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    TIME = "time"


@dataclass(frozen=True)
class TimelineEvent:
    """One event of the story with its date, as one or more outlets state it.

    ``sources`` cite the sentence that states it in each article (a :class:`FactMention`: its
    ``value`` is the date that article gives, its ``wording`` the date words, "on Monday").
    ``inferred`` is True when no dated article gives the date: a relative date ("on Monday") of
    an undated article read against the story's dates. ``alternatives`` are the other dates
    that some outlets give for the same event (a disagreement), most stated first.
    """

    date: str
    precision: DatePrecision
    text: str  # the statement, shortened from the first source's sentence
    what: str  # the words naming the event ("found guilty")
    sources: tuple[FactMention, ...]
    outlets: tuple[str, ...]
    inferred: bool = False
    time: str = ""  # a part of the day given without a clock time ("afternoon"); "" otherwise
    alternatives: tuple[str, ...] = ()


class CopyReason(StrEnum):
    """Why one article of a pair sharing copy is taken for the source."""

    EARLIER_DATE = "earlier_date"  # it was published on an earlier day
    WIRE_CREDIT = "wire_credit"  # it credits a wire service ("(AP)", "Reuters") and the other does not
    FULLER_TEXT = "fuller_text"  # its shared stretch is fuller: the other cut words out of it


@dataclass(frozen=True)
class SharedPassage:
    """One passage two articles share: where it stands in each (kind ``copy``), and how alike the
    two wordings are (1.0: the same words). ``quotation``: mostly words inside quotation marks,
    a quotation both carry (listed with the copy, never evidence of copy by itself)."""

    a: Ref
    b: Ref
    similarity: float
    quotation: bool = False


@dataclass(frozen=True)
class CopyPair:
    """Two articles of a story that share copy outside quotations.

    ``share_a``/``share_b``: the part of each article's words inside the shared passages that
    are the outlets' own words (quotations both carry are listed, not counted).
    ``likely_source``: the id of the article taken for the source, with ``reason``; None when
    nothing tells them apart.
    """

    a: str
    b: str
    passages: tuple[SharedPassage, ...]
    share_a: float
    share_b: float
    likely_source: str | None = None
    reason: CopyReason | None = None


@dataclass(frozen=True)
class CopyGroup:
    """Articles that are one copy (pairs sharing much of their text, joined), with their
    outlets and the likely source of the group (None when unknown)."""

    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    source: str | None = None


@dataclass(frozen=True)
class Brief:
    """Everything newsfuse says about one story; every sentence cites its sources."""

    id: str | None
    articles: tuple[Article, ...]
    summary: tuple[SummaryItem, ...]
    words: int  # the word budget the summary was made for
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    problems: tuple[Problem, ...] = ()
    method: str = ""
    headline: str = ""  # chosen in brief/ (the outlets' consensus headline); "" when no article has a title
    framing: tuple[OutletFraming, ...] = ()  # how each outlet frames it (brief/framing.py)
    timeline: tuple[TimelineEvent, ...] = ()  # the story's dated events in order (brief/timeline.py)
    shared_copy: tuple[CopyPair, ...] = ()  # pairs of articles sharing passages (brief/shared_copy.py)
    copy_groups: tuple[CopyGroup, ...] = ()  # articles that are one copy


@dataclass(frozen=True)
class Story:
    """A story as the store keeps it: a group of articles on one event, without their texts.

    ``headlines`` holds the first headline of each outlet (in outlet order), from which a listing
    picks ``title``; ``first_date``/``last_date`` span the dated articles (None when none is dated).
    """

    id: str
    articles: int
    outlets: tuple[str, ...]
    first_date: _dt.date | None
    last_date: _dt.date | None
    updated: _dt.datetime  # when an article last joined it (UTC)
    headlines: tuple[str, ...] = ()
    title: str = ""
    # What the story's last brief found, if it is still current (the story has not changed since):
    # quotations an outlet worded differently inside the quotation marks, and facts the outlets
    # disagree on. None: no current brief has been made of it yet.
    misquotes: int | None = None
    disagreements: int | None = None
    lead: str = ""  # the opening characters of its first article's text, when no article has a title
    names: str = ""  # the names its last brief was headed by, when no article has a title


@dataclass(frozen=True)
class Feed:
    """A subscribed RSS or Atom feed and the state of its last fetch (for conditional GET)."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None  # the server's Last-Modified header, as sent
    last_fetched: _dt.datetime | None = None  # UTC
    error: str | None = None  # one line on why the last fetch failed; None when it worked
