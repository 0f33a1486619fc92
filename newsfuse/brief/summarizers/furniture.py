"""Page furniture at the start of a sentence: the dateline, the credit or the label before the news.

Wire copy and many papers open the first sentence with where it was filed and who filed it:
"WASHINGTON (AP) — President ...", "MONSEY, N.Y. (AP) — A man ...", "LONDON, April 12
(Reuters) - ...", "(CNN) - Sen. ...". A summary that keeps it spends two to five words of its
budget on what no reader of the brief needs (the brief cites the outlet anyway), words a
reference summary never holds. :func:`without_dateline` gives the sentence from the first word
of the news on: a sub-span of the same sentence (``article.text[start:end]`` is still its text,
the item still cites it), nothing reworded, nothing cut after the news starts.

Only a dateline in the wire form is taken off: a place in capitals (several words; a state or
country after a comma, "N.Y.", "Calif."; a date after a comma, "April 12"), an optional credit
in brackets, then a dash; or a credit in brackets alone at the start ("(CNN) -", "(Reuters)").
The news after it must begin with a capital letter, a digit or an opening quotation mark, so an
all-capital name used as a subject before a dash ("NASA — the agency — said") stays whole unless
the dash opens a new sentence.

A label before a colon that is page furniture (``lexicon.LEAD_LABELS``: "Why it matters: ",
"BREAKING: ") is taken off the same way; a label that is part of what the sentence says
("CLAIM: ", "Yes, but: ") is not in that list and stays.

On NeuS train (bench/RESULTS.md, "Summaries: datelines and labels off ..."), the 296 stories where
a sentence opens with either gained R1 + R2 with the trim, on both paths of ``coverage``.
"""

from __future__ import annotations

import re

from newsfuse.lexicon import LEAD_LABELS
from newsfuse.model import Span

__all__ = ["without_dateline", "dateline_end"]

_SP = r"[ \u00a0]"
# A place in capitals: words of capitals (at least two capitals in the first: not "A" or "I"),
# then optionally ", N.Y." / ", Calif." / ", D.C." and ", April 12" (a filing date).
_PLACE = (
    rf"[A-Z]{{2}}[A-Z.'’&-]*(?:{_SP}+[A-Z][A-Z.'’&-]*)*"
    rf"(?:,{_SP}+[A-Z][A-Za-z.]*(?:{_SP}+[A-Z][A-Za-z.]*)*)?"
    rf"(?:,{_SP}+[A-Z][a-z]{{2,8}}\.?{_SP}+\d{{1,2}})?"
)
_CREDIT = r"\([A-Z][A-Za-z.&' ]{0,40}\)"
_DASH = r"(?:—|–|--|-)"
_NEWS_STARTS = r"(?=[A-Z0-9\"“‘'])"
_DATELINE = re.compile(rf"(?:{_PLACE}{_SP}*(?:{_CREDIT}{_SP}*)?{_DASH}|{_CREDIT}{_SP}*{_DASH}?){_SP}*{_NEWS_STARTS}")
# A label of LEAD_LABELS and its colon ("Why it matters: ", "BREAKING: "), before the news.
_LABELS = "|".join(re.escape(w).replace("'", "['’]") for w in sorted(LEAD_LABELS, key=len, reverse=True))
_LABEL = re.compile(rf"(?i:{_LABELS}){_SP}*:{_SP}+{_NEWS_STARTS}")


def dateline_end(text: str) -> int:
    """How many characters of ``text`` (a sentence) are its dateline and credit, or its label
    ("Why it matters: "); 0 when it opens with neither."""
    m = _DATELINE.match(text) or _LABEL.match(text)
    return m.end() if m else 0


def without_dateline(text: str, span: Span) -> Span:
    """``span`` (a sentence of ``text``) from the first word after its dateline, or ``span`` itself
    when it opens with none."""
    cut = dateline_end(text[span.start : span.end])
    return Span(span.start + cut, span.end) if cut else span
