"""Direct quotations of an article and who says them.

:func:`extract_quotes` returns one :class:`~newsfuse.model.QuoteSpan` per quoted stretch of
words, in text order. A span holds the quoted words **without** the quotation marks (and
without the comma that hands over to the attribution: ``“I am sorry,” he said`` gives
``I am sorry``); a quotation split by its attribution (``"A," he said. "B."``) or spread over
several paragraphs gives one span per piece, and the pieces of one quotation share the same
``speaker_mention``.

How it works:

1. :mod:`newsfuse.analysis.quote_marks` finds the quoted stretches from the marks alone
   (straight, curly, low, guillemets, the NYT's ``''``, and careful single quotes). An embedded
   tweet (a paragraph signed ``— Name (@handle) date``) is a quotation without marks.
2. Each stretch is attributed from the text around it in its paragraph, in this order (scare
   quotes and titles inside the paragraph are skipped over, so ``said Bill Eastland, wearing
   “Ted Cruz” pins`` still reaches the quotation before them):

   a. *after it*, in the clause that follows the closing mark (``“...,” he said``,
      ``“...,” said Keir Starmer``, ``“...” — Jane Doe``, ``“...,” Toomey fumed``), when the
      quotation hands over to it (ends with a comma, ``?``, ``!`` or no end mark);
   b. *before it*, in the clause that leads up to the opening mark (``He added: “...”``,
      ``Blunt said the case “relied on lazy tropes”``, ``according to X, “...”``): the verb of
      saying that governs the quotation in the parse, climbing to the outermost one
      (``Trump said Fox executives were calling “every 15 minutes”`` is Trump's) but not across
      coordinated clauses (``X called it “A”, while Y called it “B”``), else the nearest one;
      a clause handing over with a colon, or with a comma or dash before a whole sentence,
      and no verb of saying gives the quotation to its subject (``Kasich resisted: “...”``);
   c. from a neighbour: the other piece of a split quotation, the quotation of the sentence
      just before (``Corker said they were “meticulous”. “If we ...”``), the paragraph before
      when the quotation carries on from it, or when that paragraph ends with a colon
      (``He said:`` / new paragraph / ``“...”``), or the next paragraph when this one hands
      over to it with a comma (``“... 2019,”`` / new paragraph / ``“...,” he said.``).

   A report credited ``according to X`` after the quotation goes to X (``Sanders said “...”,
   according to CNN``). The speaker is the subject of the verb of saying
   (:mod:`newsfuse.analysis.speakers`), named as the text names them there (``Mr Blunt``,
   ``A Conservative HQ spokesperson``), with a role split off when the text gives one
   (``Blunt, the MP for Reigate,``; ``Former justice minister Mr Blunt``).
   :mod:`newsfuse.analysis.coref` resolves ``he``/``she`` to a person of that gender (the last
   named speaker, unless a fitting person was brought in as a subject since, else the latest
   fitting person named), a definite description (``the disgraced MP``) to the person the
   article gave that role (the description becomes the role), ``it`` to the last document or
   body quoted (``the report``), and never ``they`` to one person. ``speaker_mention`` still
   points at the words of the text.
3. ``kind`` is ``"full"`` when the quotation is a whole sentence (or more) and ``"partial"``
   when it is words inside the writer's own sentence. Short partial stretches with no speaker
   are scare quotes or titles (``the “Partygate” scandal``), not quotations, and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsfuse.analysis.coref import People
from newsfuse.analysis.quote_marks import Quoted, find_quoted
from newsfuse.analysis.speakers import (
    SPEECH_LEMMAS,
    Speaker,
    describe,
    speaker_of,
    speech_verbs,
)
from newsfuse.errors import MalformedInput
from newsfuse.model import Article, QuoteSpan, Ref

__all__ = ["extract_quotes", "SCARE_MAX_WORDS", "TITLE_MAX_WORDS", "AFTER_VERB_WINDOW"]

# Partial quotes with no speaker found and at most this many words are dropped as scare quotes,
# nicknames or titles. bench/quotes_polnear.py on polnear_train.
SCARE_MAX_WORDS = 4

# Quoted stretches of at most this many words with every long word capitalised are titles
# ("The Tragedy of Lyndon Johnson"), not quotations. polnear_train.
TITLE_MAX_WORDS = 12

# A quotation hanging on a verb of saying that is itself reported by another ("Trump said Fox
# executives were calling it “a disgrace”", "Obama said he expected voters to say “no”") is
# given to the subject of the outermost verb of saying (PolNeAR annotates the reporting
# speaker). True: speaker accuracy on polnear_train (bench/quotes_polnear.py) went up.
OUTERMOST_SPEECH_VERB = True

# A clause that hands over to a quotation without a verb of saying ("Kasich resisted: “...”")
# gives it to the subject of its main verb when that is a name, a noun or a pronoun (before: the last
# person it names); a comma or a dash hands over like a colon before a whole sentence.
# polnear_train (bench/quotes_polnear.py).
LEAD_IN_SUBJECT = True
LEAD_IN_COMMA_DASH = True

# "“...,” Toomey fumed": after a quotation that hands over, a subject and a finite verb of any
# kind within this many words of the closing mark are its attribution. polnear_train.
ANY_VERB_AFTER_WINDOW = 6

# A whole quoted sentence with no attribution right after a sentence whose quotation has a
# speaker goes on with that speaker. polnear_train.
NEXT_SENTENCE_INHERITS = True

# A definite description as speaker ("the disgraced MP") is resolved to the person the
# article gave that role ("Conservative Party MP Crispin Blunt"); the description becomes the
# quote's role. Seeds and polnear_train.
RESOLVE_DESCRIPTIONS = True

# "X said “...”, according to CNN": PolNeAR credits the quotation to the outer source.
# polnear_train (bench/quotes_polnear.py).
ACCORDING_TO_WINS = True
ACCORDING_TO_HOWS = ("after", "before", "governing", "inherit")

# A quotation paragraph that opens a quotation running on to the next paragraph (no closing
# mark) goes on with the speaker of the paragraph before, as a closed one does. polnear_train.
CARRY_UNCLOSED = True

# In the clause after a quotation, the verb of saying must come within this many words of the
# closing mark ("...," the Conservative Party member said in a statement; a delegate, wearing a
# hat and pins, said). 12 -> 16 gained one attribution on polnear_train.
AFTER_VERB_WINDOW = 16

_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
# A sentence end inside a gap of text: end marks, closing marks, then space and a capital or
# an opening mark. Abbreviations before the dot are checked in code.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"“‘'A-Z0-9(])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b(?:[A-Za-z]\.)+[A-Za-z]|\bst|\bjr|\bsr)$")
_TWEET = re.compile(
    r"(?P<body>.+?)\s*(?:pic\.twitter\.com/\S+\s*)?[—–]+\s*"
    r"(?P<name>[^()\n—–]{1,80}?)\s*\(@\w+\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*$"
)
_DASH_NAME = re.compile(r"^\s*[,]?\s*[—–-]+\s*(?=[A-Z])")
_NAME_SUFFIX = re.compile(r"\s+(MP|MSP|MEP|MS|AM|TD|MLA)$")
_HANDOVER = ",?!—–-…"
# A paragraph that only signs the quotation before it: "- Sanders." / "— Jane Doe, mayor".
_SIGNATURE = re.compile(r"[-—–]+\s*([A-Z][\w.’' -]{1,60}?)[.,]?\s*$")
# Words that may stand between a quotation and its attribution ("...," Smith later said).
_LEAD_WORDS = re.compile(
    r"\b(?!(?:as|later|then|also|again|once|finally|simply|quickly|recently|earlier|previously|"
    r"ultimately|now)\b)[^\W\d_]{2,}"
)


@dataclass
class _Piece:
    quoted: Quoted
    para: int  # index of the paragraph
    speaker: Speaker | None = None
    how: str = ""  # "after", "before", "inherit", "tweet"


def extract_quotes(article: Article, doc: Doc | None = None) -> list[QuoteSpan]:
    """The direct quotations of ``article`` in text order (see the module doc).

    ``doc`` is ``article.text`` parsed by :func:`newsfuse.analysis.nlp.load_nlp` (the caller
    parses once for every analysis); without it the text is parsed here.
    """
    text = article.text
    if doc is None:
        from newsfuse.analysis.nlp import load_nlp

        doc = load_nlp()(text)
    elif doc.text != text:
        raise MalformedInput(article.origin or article.id, "the parse given is not of this article's text")
    if not text.strip():
        return []
    paras = [(m.start(), m.end()) for m in _LINE.finditer(text) if text[m.start() : m.end()].strip()]
    pieces = _pieces(text, paras)
    by_para: dict[int, list[_Piece]] = {}
    for p in pieces:
        by_para.setdefault(p.para, []).append(p)
    quoted = [(p.quoted.open_at, p.quoted.close_end) for p in pieces]
    for p in pieces:
        if p.how != "tweet":
            _attribute(doc, text, paras, by_para, p)
            if p.speaker is not None and any(a <= p.speaker.start < b for a, b in quoted):
                p.speaker, p.how = None, ""  # a word of a quotation is no speaker
    _hand_over_paragraphs(text, paras, pieces)
    if ACCORDING_TO_WINS:
        for p in pieces:
            if p.how in ACCORDING_TO_HOWS:
                outer = _according_after(doc, text, p.quoted)
                if outer is not None:
                    p.speaker = outer
    return _spans(article, doc, pieces)


def _according_after(doc: Doc, text: str, q: Quoted) -> Speaker | None:
    """``X said “...,” according to CNN``: the source the whole report is credited to."""
    end = _first_sentence_end(text, q.close_end, text_para_end(text, q.close_end))
    for verb in speech_verbs(doc, q.close_end, end):
        if verb.lower_ == "according":
            head = speaker_of(verb, q.close_end, end)
            if head is not None:
                return describe(head)
    return None


def _hand_over_paragraphs(text: str, paras: list[tuple[int, int]], pieces: list[_Piece]) -> None:
    """A quotation paragraph with no attribution that hands over with a comma (``“... 2019,”``)
    takes the speaker of the quotation opening the next paragraph (``“...,” he said.``)."""
    for p, nxt in zip(pieces, pieces[1:], strict=False):
        q = p.quoted
        if p.speaker is not None or nxt.speaker is None or nxt.para != p.para + 1:
            continue
        if q.open_at != paras[p.para][0] or text[q.end : q.close_end].lstrip()[:1] != ",":
            continue
        if text[q.close_end : paras[p.para][1]].strip() or nxt.quoted.open_at != paras[nxt.para][0]:
            continue
        p.speaker, p.how = nxt.speaker, "inherit"


def _pieces(text: str, paras: list[tuple[int, int]]) -> list[_Piece]:
    quoted = find_quoted(text)
    pieces: list[_Piece] = []
    qi = 0
    for pi, (a, b) in enumerate(paras):
        in_para: list[_Piece] = []
        while qi < len(quoted) and quoted[qi].open_at < b:
            if quoted[qi].open_at >= a:
                in_para.append(_Piece(quoted[qi], pi))
            qi += 1
        tweet = _tweet(text, a, b)
        if tweet is not None:
            body, speaker = tweet
            inside = [p for p in in_para if p.quoted.start >= body.start and p.quoted.end <= body.end]
            if inside:
                for p in inside:
                    p.speaker, p.how = speaker, "tweet"
            else:
                in_para.insert(0, _Piece(body, pi, speaker, "tweet"))
        pieces.extend(in_para)
    return pieces


def _tweet(text: str, a: int, b: int) -> tuple[Quoted, Speaker] | None:
    """An embedded tweet's body and author: ``Body pic.twitter.com/x — Name (@handle) Date``."""
    m = _TWEET.match(text, a, b)
    if m is None:
        return None
    s, e = m.span("body")
    while s < e and text[s] in "\"“‘' ":
        s += 1
    while e > s and text[e - 1] in "\"”’' ":
        e -= 1
    ns, ne = m.span("name")
    name = text[ns:ne]
    role = None
    suffix = _NAME_SUFFIX.search(name)
    if suffix:
        role = suffix.group(1)
        ne -= len(suffix.group(0))
    if e <= s or ne <= ns:
        return None
    speaker = Speaker(ns, ne, text[ns:ne], role=role, named=True)
    return Quoted(s, e, s, e, "tweet"), speaker


def _attribute(doc: Doc, text: str, paras: list[tuple[int, int]], by_para: dict[int, list[_Piece]], p: _Piece) -> None:
    q = p.quoted
    # Scare quotes and titles ("Ted Cruz" campaign pins, CNN's "State of the Union") do not
    # break the clause between a quotation and its attribution or its other pieces.
    siblings = [s for s in by_para[p.para] if s is p or not _minor(text, s.quoted)]
    k = siblings.index(p)
    para_start, para_end = paras[p.para]
    gap_start = siblings[k - 1].quoted.close_end if k > 0 else para_start
    gap_end = siblings[k + 1].quoted.open_at if k + 1 < len(siblings) else para_end
    # a. after the quotation (a partial quotation first asks the verb it hangs on)
    if _kind(text, q) == "partial":
        found = _governing(doc, text, q, speech_only=True)
        if found is not None:
            p.speaker, p.how = found, "before"
            return
    if _hands_over(text, q):
        found = _after(doc, text, q.close_end, gap_end)
        if found is not None:
            p.speaker, p.how = found, "after"
            return
    # b. the verb of saying that governs it in the parse, then the nearest one before it
    found = _governing(doc, text, q, speech_only=True)
    if found is None:
        found = _before(doc, text, gap_start, q.open_at, q)
    if found is None and _lead_in(text, gap_start, q):
        found = _colon_lead(doc, text, gap_start, q.open_at)
    if found is not None:
        p.speaker, p.how = found, "before"
        return
    # c. from a neighbour
    prev = siblings[k - 1] if k > 0 else None
    if prev is not None and prev.how in ("after", "before", "inherit") and prev.speaker:
        if prev.how == "after" or not text[prev.quoted.close_end : q.open_at].strip(" ,.;"):
            p.speaker, p.how = prev.speaker, "inherit"
            return
    if prev is not None and prev.speaker and prev.how in ("after", "before", "inherit", "governing"):
        if (
            NEXT_SENTENCE_INHERITS
            and _kind(text, q) == "full"
            and _ends_sentence(text, prev.quoted.close_end, q.open_at)
        ):
            # "Corker said they were “meticulous” about it. “If we were to touch it ...”": a
            # whole quoted sentence right after a sentence whose quotation has a speaker
            p.speaker, p.how = prev.speaker, "inherit"
            return
    if k + 1 < len(siblings) and not text[q.close_end : siblings[k + 1].quoted.open_at].strip(" ,.;"):
        nxt = siblings[k + 1]
        if _hands_over(text, nxt.quoted):
            found = _after(doc, text, nxt.quoted.close_end, _gap_end(siblings, k + 1, para_end))
            if found is not None:
                p.speaker, p.how = found, "inherit"
                return
    if k == 0 and p.para > 0 and q.open_at == para_start:
        prev_para = p.para - 1
        before = by_para.get(prev_para, [])
        if q.continues and before and before[-1].speaker is not None:
            p.speaker, p.how = before[-1].speaker, "inherit"
            return
        pa, pb = paras[prev_para]
        if text[pa:pb].rstrip().endswith(":"):
            found = _before(doc, text, (before[-1].quoted.close_end if before else pa), pb, q)
            if found is not None:
                p.speaker, p.how = found, "inherit"
                return
        if (q.closed or CARRY_UNCLOSED) and _kind(text, q) == "full":
            # a quotation paragraph after a quoted speaker's paragraph goes on with that speaker
            said = [b for b in before if b.speaker is not None]
            if said:
                p.speaker, p.how = said[-1].speaker, "inherit"
                return
            if not before:
                # "Howard continued his remarks." / new paragraph / "“...”"
                found = _before(doc, text, pa, pb, Quoted(pb, pb, pb, pb, "double"))
                if found is not None:
                    p.speaker, p.how = found, "inherit"
                    return
    # d. a signature line after a quotation paragraph ("- Sanders.")
    if k + 1 == len(siblings) and p.para + 1 < len(paras) and q.open_at == para_start:
        na, nb = paras[p.para + 1]
        sig = _SIGNATURE.match(text, na, nb)
        if sig is not None:
            span = doc.char_span(sig.start(1), sig.end(1), alignment_mode="contract")
            if span is not None and len(span) > 0:
                p.speaker, p.how = describe(span.root), "after"
                return
    # e. a partial quotation: the subject of the verb it hangs on, whatever the verb
    if _kind(text, q) == "partial":
        found = _governing(doc, text, q, speech_only=False)
        if found is not None:
            p.speaker, p.how = found, "governing"


def _lead_in(text: str, gap_start: int, q: Quoted) -> bool:
    """Does the clause before ``q`` hand over to it with a colon (or, before a whole sentence,
    a comma or a dash): "He also played up his strength: “...”", "Clinton shared her worry, “...”"?"""
    lead = text[gap_start : q.open_at].rstrip()
    if lead.endswith(":"):
        return True
    return LEAD_IN_COMMA_DASH and lead.endswith((",", "--", "—", "–")) and _kind(text, q) == "full"


def _colon_lead(doc: Doc, text: str, start: int, end: int) -> Speaker | None:
    """A clause that hands over with a colon and no verb of saying ("Continued Stone:",
    "Kasich resisted:", "doesn't surprise pollster Daron Shaw:"): the subject of its main
    verb when it names someone, else the last person it names."""
    clause_start = _last_sentence_start(text, start, end)
    span = doc.char_span(clause_start, end, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    if LEAD_IN_SUBJECT:
        root = span.root
        if root.pos_ in ("VERB", "AUX"):
            head = speaker_of(root, clause_start, end)
            if head is not None and (head.lower_ in ("he", "she", "they", "we", "i") or head.pos_ in ("PROPN", "NOUN")):
                return describe(head)
    people = [e for e in span.ents if e.label_ == "PERSON"]
    if not people:
        return None
    return describe(people[-1].root)


def _governing(doc: Doc, text: str, q: Quoted, speech_only: bool) -> Speaker | None:
    """The subject of the verb (outside the quotation) that the quoted words hang on."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sent = span[0].sent
    lo = max(sent.start_char, text_para_start(text, q.open_at))
    hi = min(sent.end_char, text_para_end(text, q.close_end))
    inside = range(span.start, span.end)
    seen: set[int] = set()
    found: Token | None = None
    for t in span:
        if t.head.i in inside and t.head.i != t.i:
            continue
        below = t
        for a in t.ancestors:
            child, below = below, a
            if found is not None and child.dep_ in ("conj", "advcl"):
                break  # "X called it “A”, while Y called it “B”": coordinated, not reported
            if a.i in inside or a.i in seen:
                continue
            seen.add(a.i)
            if a.pos_ not in ("VERB", "AUX"):
                continue
            if speech_only and a.lemma_.lower() not in SPEECH_LEMMAS:
                continue
            head = speaker_of(a, lo, hi)
            if head is not None and not (q.open_at <= head.idx < q.close_end):
                if not (speech_only and OUTERMOST_SPEECH_VERB):
                    return describe(head)
                found = head  # keep climbing: a verb of saying above this one reports it
            elif not speech_only:
                return None  # the nearest verb has no subject we can use
        if found is not None:
            break
    return describe(found) if found is not None else None


def text_para_start(text: str, at: int) -> int:
    return max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1


def text_para_end(text: str, at: int) -> int:
    ends = [i for i in (text.find("\n", at), text.find("\r", at)) if i >= 0]
    return min(ends) if ends else len(text)


def _gap_end(siblings: list[_Piece], k: int, para_end: int) -> int:
    return siblings[k + 1].quoted.open_at if k + 1 < len(siblings) else para_end


def _hands_over(text: str, q: Quoted) -> bool:
    """Does the quotation hand over to an attribution after it?"""
    inner_last = text[q.end - 1] if q.end > q.start else ""
    after = text[q.end : q.close_end + 2]
    if inner_last in ".":
        # a whole sentence closed: only a lower-case attribution or a dash goes on with it
        rest = text[q.close_end : q.close_end + 3].lstrip()
        return bool(rest) and (rest[0].islower() or rest[0] in "—–")
    return inner_last in _HANDOVER or "," in after or inner_last.isalnum() or inner_last in "\"'”’)"


def _after(doc: Doc, text: str, start: int, end: int) -> Speaker | None:
    """An attribution in the clause right after a quotation."""
    clause_end = _first_sentence_end(text, start, end)
    if clause_end <= start:
        return None
    dash = _DASH_NAME.match(text, start, clause_end)
    verbs = speech_verbs(doc, start, clause_end)
    if dash and not verbs:
        span = doc.char_span(dash.end(), clause_end, alignment_mode="contract")
        if span is not None and len(span) > 0:
            head = span.root
            return describe(head)
    for verb in verbs:
        if len(text[start : verb.idx].split()) > AFTER_VERB_WINDOW:
            break
        head = speaker_of(verb, start, clause_end, inverted=True)
        if head is None:
            head = _name_opening(doc, start, verb)
        if head is None:
            continue
        # The attribution must open the clause: the verb or the speaker comes first
        # ("," he said / said X / the Conservative Party member said), not "and argued X".
        lead = min(verb.idx, head.left_edge.idx)
        if _LEAD_WORDS.search(text, start, lead):
            continue
        return describe(head)
    return _after_any_verb(doc, text, start, clause_end)


def _name_opening(doc: Doc, start: int, verb: Token) -> Token | None:
    """The person named at the opening of the clause before ``verb`` (``“...,” William M.
    Daley, Obama's former chief of staff, said``) when the parse lost the subject."""
    span = doc.char_span(start, verb.idx, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    first = next((t for t in span if not t.is_punct and not t.is_space), None)
    for ent in span.ents:
        if ent.label_ == "PERSON" and first is not None and ent.start <= first.i + 2:
            return ent[-1] if ent[-1].text not in ("'s", "’s") else ent[-2] if len(ent) > 1 else None
    return None


def _after_any_verb(doc: Doc, text: str, start: int, end: int) -> Speaker | None:
    """``“...,” Toomey fumed``: a short clause of a subject and a finite verb of any kind
    right after a quotation that hands over to it."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    for verb in span:
        if len(text[start : verb.idx].split()) > ANY_VERB_AFTER_WINDOW:
            break
        if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if subj is None or not (start <= subj.left_edge.idx):
            return None
        if subj.pos_ != "PROPN" and subj.lower_ not in ("he", "she"):
            return None  # "the balloons", "others": not a speaker
        if _LEAD_WORDS.search(text, start, subj.left_edge.idx):
            return None
        head = speaker_of(verb, start, end)
        return describe(head) if head is not None else None
    return None


def _before(doc: Doc, text: str, start: int, end: int, q: Quoted) -> Speaker | None:
    """An attribution in the clause leading up to a quotation."""
    clause_start = _last_sentence_start(text, start, end)
    if clause_start >= end:
        return None
    verbs = speech_verbs(doc, clause_start, end)
    if not verbs:
        return None
    first = doc.char_span(q.start, q.end, alignment_mode="expand")
    chosen = verbs[-1]
    if first is not None and len(first) > 0:
        ancestors = {t.i for t in first[0].ancestors}
        governing = [v for v in verbs if v.i in ancestors]
        if governing:
            chosen = governing[-1]
            if OUTERMOST_SPEECH_VERB:
                chosen = min(governing, key=lambda v: sum(1 for _ in v.ancestors))
    for verb in [chosen] + [v for v in reversed(verbs) if v.i != chosen.i]:
        head = speaker_of(verb, clause_start, q.open_at)
        if head is not None:
            return describe(head)
    return None


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Is ``[start, end)`` the rest of one sentence, ending right before ``end``?"""
    gap = text[start:end].rstrip()
    return gap.endswith((".", "!", "?")) and _first_sentence_end(text, start, start + len(gap)) >= start + len(gap)


def _first_sentence_end(text: str, start: int, end: int) -> int:
    for m in _SENTENCE_END.finditer(text, start, end):
        if not _ABBREVIATION.search(text, max(start, m.start() - 6), m.start()):
            return m.start() + 1
    return end


def _last_sentence_start(text: str, start: int, end: int) -> int:
    last = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if not _ABBREVIATION.search(text, max(start, m.start() - 6), m.start()):
            last = m.end()
    return last


def _spans(article: Article, doc: Doc, pieces: list[_Piece]) -> list[QuoteSpan]:
    text = article.text
    out: list[QuoteSpan] = []
    people = People(doc)
    last_named: tuple[int, str] | None = None
    last_thing: str | None = None  # the last speaker that is no person ("the report")
    for p in pieces:
        q = p.quoted
        kind = _kind(text, q)
        sp = p.speaker
        if sp is None and kind == "partial" and len(text[q.start : q.end].split()) <= SCARE_MAX_WORDS:
            continue
        if _is_title(text[q.start : q.end]):
            continue
        speaker: str | None = None
        mention: Ref | None = None
        role: str | None = None
        if sp is not None:
            mention = Ref(article.id, sp.start, sp.end, sp.text)
            role = sp.role
            if sp.pronoun and sp.text.lower() in ("it", "they"):
                speaker = last_thing  # the document or body spoken for last, if any
            elif sp.pronoun:
                speaker = people.pronoun(sp.text, sp.start, last_named)
            elif sp.named:
                speaker = sp.text
                last_named = (sp.end, sp.text)
            else:
                speaker = sp.text
                named = people.description(sp.text, sp.start) if RESOLVE_DESCRIPTIONS else None
                if named is not None:
                    speaker, role = named, role or sp.text
                else:
                    last_thing = sp.text
        out.append(QuoteSpan(article.id, q.start, q.end, text[q.start : q.end], speaker, mention, role, kind))
    return out


def _latest(people: list[tuple[int, str]], before: int) -> tuple[int, str] | None:
    found = None
    for end, name in people:
        if end > before:
            break
        found = (end, name)
    return found


def _minor(text: str, q: Quoted) -> bool:
    """A short partial quotation or a title: likely a scare quote, a name or a title."""
    words = text[q.start : q.end]
    return (_kind(text, q) == "partial" and len(words.split()) <= SCARE_MAX_WORDS) or _is_title(words)


def _is_title(words: str) -> bool:
    """A title in quotation marks (a book, a show, a slogan in Title Case), not a quotation."""
    tokens = words.split()
    if len(tokens) < 2 or words[-1:] in ".!?,":
        return False
    big = [w for w in tokens if len(w) > 3]
    return bool(big) and all(w[:1].isupper() for w in big) and len(tokens) <= TITLE_MAX_WORDS


def _kind(text: str, q: Quoted) -> str:
    """``full`` for a whole sentence (or more) in quotation marks, ``partial`` otherwise."""
    if q.mark == "tweet" or q.continues:
        return "full"
    inner = text[q.start : q.end]
    head = inner.lstrip("…. [(")[:1]
    if not head or not (head.isupper() or head.isdigit()):
        return "partial"
    line_start = text.rfind("\n", 0, q.open_at) + 1
    before = text[line_start : q.open_at].rstrip()
    if not before or before[-1] in ":.!?,;—–-":
        return "full"
    if len(inner.split()) >= 5 and inner[-1] in ".!?,…":
        return "full"
    return "partial"
