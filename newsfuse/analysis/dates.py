"""Reading a date expression against the day an article was written: "on Monday", "last week",
"in January 2008", "seven years ago", "Monday afternoon", "shortly after 4am".

:func:`resolve_date` gives the date at the precision of its wording, as ISO 8601 text:

- a year ``"2008"`` ("in 2008", "last year", "seven years ago");
- a month ``"2008-01"`` ("in January 2008", "last month");
- an ISO week ``"2022-W14"`` ("last week", "two weeks ago", "this week");
- a day ``"2022-04-11"`` ("on Monday", "yesterday", "12 April 2022", "three days ago").

A relative expression (:func:`is_relative`) needs the day of writing (``base``); without it the
answer is None. Calendar dates are read with dateparser (``RELATIVE_BASE`` = the day of
writing, dates in the past preferred, as the facts reader always did; the plain wordings by
:mod:`newsfuse.analysis.plain_dates`, which gives dateparser's day without its start-up);
bare weekdays, the "this week/month/year" family and the precision are decided here, because dateparser reads
"Monday" in a Monday paper as a week earlier and does not know "earlier this year".

:func:`date_range` turns a value back into its first and last day (to sort a timeline and to
test whether a date fits a window); :func:`clock_time` and :func:`day_part` read the time of day
("4am" -> "04:00", "Monday afternoon" -> "afternoon").
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

from newsfuse.analysis.plain_dates import plain_date
from newsfuse.lexicon import DAY_PARTS, MONTHS, NUMBER_WORDS, RELATIVE_DAYS, WEEKDAYS

__all__ = [
    "PRECISIONS",
    "date_precision",
    "is_relative",
    "resolve_date",
    "date_range",
    "fits",
    "clock_time",
    "day_part",
]

#: The precisions a resolved value can have, coarsest first.
PRECISIONS = ("year", "month", "week", "day")

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY_NUM = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")
_UNIT = r"(?P<unit>day|week|month|year)s?"
_COUNT = r"(?P<n>\d{1,3}|an?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
# "seven years ago", "a week ago", "two days earlier" is not read (earlier than what?)
_AGO = re.compile(rf"^(?:about\s+|some\s+|nearly\s+|almost\s+|more than\s+)?{_COUNT}\s+{_UNIT}\s+ago$", re.I)
# "last week", "this month", "earlier this year", "the past week", "next month"
_UNIT_REL = re.compile(
    r"^(?:(?:earlier|later)\s+)?(?:the\s+)?(?P<which>last|this|next|past|previous|coming)\s+"
    r"(?P<unit>week|month|year)(?:end)?$",
    re.I,
)
_LEAD = re.compile(r"^(?:on|in|since|until|by|before|after|from|at|during|of)\s+", re.I)
_WEEKDAY_ONLY = re.compile(
    r"^(?:(?P<which>on|last|next|this|early|late|the|by|since|until|till|before|after|from|at|during)\s+)*(?P<day>"
    + "|".join(WEEKDAYS)
    + r")(?:\s+(?:morning|afternoon|evening|night|lunchtime))?$",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b",
    re.I,
)


def _words(wording: str) -> list[str]:
    return re.findall(r"[a-z]+", wording.lower())


def _unit_expression(wording: str) -> tuple[str, int] | None:
    """("week", -1) for "last week", ("year", -7) for "seven years ago", ("month", 0) for "this
    month": the unit and how many of them from the day of writing; None for anything else."""
    text = " ".join(_LEAD.sub("", wording.strip()).split())
    m = _AGO.match(text)
    if m is not None:
        n = m.group("n").lower()
        count = 1 if n in ("a", "an") else int(n) if n.isdigit() else NUMBER_WORDS.get(n)
        if count is None:
            return None
        return m.group("unit").lower(), -int(count)
    m = _UNIT_REL.match(text)
    if m is not None:
        which = m.group("which").lower()
        # "the past week" is the seven days up to now: read as this week
        step = {"last": -1, "previous": -1, "this": 0, "past": 0, "next": 1, "coming": 1}[which]
        return m.group("unit").lower(), step
    return None


def is_relative(wording: str) -> bool:
    """True when the wording names a day only against the day of writing ("on Monday",
    "yesterday", "last week", "seven years ago")."""
    low = wording.lower()
    words = _words(low)
    if any(w in WEEKDAYS for w in words) and not _YEAR.search(low):
        return True
    if any(r in low for r in RELATIVE_DAYS):
        return True
    return _unit_expression(wording) is not None


def date_precision(wording: str) -> str | None:
    """ "day", "week", "month" or "year": how precisely the wording names a date (None: not a date)."""
    unit = _unit_expression(wording)
    if unit is not None:
        return unit[0]
    low = wording.lower()
    words = _words(low)
    has_month = any(w in MONTHS for w in words)
    if any(w in WEEKDAYS for w in words) or any(r in low for r in RELATIVE_DAYS):
        return "day"
    if has_month:
        without_year = _YEAR.sub("", low)
        return "day" if _DAY_NUM.search(without_year) else "month"
    if _YEAR.search(low):
        return "year"
    return None


def _weekday(wording: str, base: _dt.date, future: bool) -> _dt.date | None:
    """The day a bare weekday names, seen from ``base``: the same weekday as ``base`` is that
    very day ("early on Monday" in a Monday paper), else the last one before it, or the next
    one for an event still to come ("will send a team on Wednesday", "next Tuesday")."""
    m = _WEEKDAY_ONLY.match(" ".join(wording.split()))
    if m is None:
        return None
    day = WEEKDAYS.index(m.group("day").lower())
    which = (m.group("which") or "").lower()
    if which == "next" or (future and which != "last"):
        ahead = (day - base.weekday()) % 7 or (7 if which == "next" else 0)
        return base + _dt.timedelta(days=ahead)
    back = (base.weekday() - day) % 7 or (7 if which == "last" else 0)
    return base - _dt.timedelta(days=back)


def _relative_day(wording: str, base: _dt.date) -> _dt.date | None:
    low = " ".join(_LEAD.sub("", wording.strip().lower()).split())
    if low in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return base
    if low in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening"):
        return base - _dt.timedelta(days=1)
    if low in ("tomorrow", "tomorrow morning", "tomorrow afternoon", "tomorrow evening", "tomorrow night"):
        return base + _dt.timedelta(days=1)
    return None


_BARE_MONTH = re.compile(r"^(?:(?:early|late|mid|the\s+end\s+of|the\s+start\s+of)\s+)?(?P<month>[a-z]+)\.?$", re.I)


def _bare_month(wording: str) -> int | None:
    """The month (1-12) a wording names with no day and no year ("in December"), else None."""
    m = _BARE_MONTH.match(" ".join(_LEAD.sub("", wording.strip()).split()))
    if m is None or m.group("month").lower() not in MONTHS:
        return None
    index = MONTHS.index(m.group("month").lower())
    return index + 1 if index < 12 else (1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12)[index - 12]


def _month_from(base: _dt.date, month: int, future: bool) -> str:
    """A month named without its year, seen from ``base``: the month of ``base`` is this very
    month ("in December" in a December paper), else the last one before it, or the next one for
    an event still to come (dateparser would move the paper's own month a year away)."""
    year = base.year
    if month != base.month and (month > base.month) != future:
        year += 1 if future else -1
    return f"{year:04d}-{month:02d}"


def _shift(base: _dt.date, unit: str, n: int) -> str:
    """The value ``n`` ``unit`` s away from ``base``, at that unit's precision."""
    if unit == "day":
        return (base + _dt.timedelta(days=n)).isoformat()
    if unit == "week":
        year, week, _ = (base + _dt.timedelta(weeks=n)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        months = base.year * 12 + base.month - 1 + n
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{base.year + n:04d}"


@lru_cache(maxsize=4096)
def resolve_date(wording: str, base: _dt.date | None, future: bool = False) -> str | None:
    """The date ``wording`` names, at its precision, read against ``base`` (the day of writing;
    None when unknown); ``future`` says the event is still to come ("will visit on Wednesday").
    None when it cannot be read, or is relative and ``base`` is None."""
    precision = date_precision(wording)
    if precision is None:
        return None
    relative = is_relative(wording)
    if relative and base is None:
        return None
    if base is not None:
        unit = _unit_expression(wording)
        if unit is not None:
            return _shift(base, *unit)
        day = _weekday(wording, base, future) or _relative_day(wording, base)
        if day is not None:
            return day.isoformat()
        month = _bare_month(wording)
        if month is not None:
            return _month_from(base, month, future)
    elif precision != "year" and not _YEAR.search(wording):
        return None  # "Nov. 14-17" in an undated article: the year is unknown
    if precision == "year" and not any(m in _words(wording) for m in MONTHS):
        years = _YEAR.findall(wording)
        return years[0] if len(years) == 1 else None
    cleaned = re.sub(r"^(?:on|in|since|until|by|before|after|from|last|this)\s+", "", wording.strip(), flags=re.I)
    cleaned = re.sub(r"\b(?:morning|afternoon|evening|night|lunchtime)\b", "", cleaned).strip() or cleaned
    parsed = plain_date(cleaned, base, future) or _dateparser_date(cleaned, base, future)
    if parsed is None:
        return None
    if precision == "day":
        return parsed.strftime("%Y-%m-%d")
    if precision == "month":
        return parsed.strftime("%Y-%m")
    return parsed.strftime("%Y")


def _dateparser_date(cleaned: str, base: _dt.date | None, future: bool) -> _dt.date | None:
    """dateparser's reading of a wording :func:`plain_date` does not read (imported only then:
    its first call costs about a second)."""
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if future else "past", "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = _dt.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    return None if parsed is None else parsed.date()


def date_range(value: str) -> tuple[_dt.date, _dt.date] | None:
    """The first and last day a resolved value covers: "2008" -> 1 Jan to 31 Dec 2008,
    "2022-W14" -> that Monday to Sunday; a time ("2022-04-11T16:00") is its day. None when
    ``value`` is not one of :func:`resolve_date`'s forms."""
    value = value.split("T")[0]
    try:
        if re.fullmatch(r"\d{4}", value):
            year = int(value)
            return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            first = _dt.date.fromisoformat(value + "-01")
            nxt = _dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - _dt.timedelta(days=1)
        m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
        if m is not None:
            monday = _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return monday, monday + _dt.timedelta(days=6)
        day = _dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day, day


def fits(a: str, b: str) -> bool:
    """True when two resolved values can name the same date: one's range holds the other's
    ("2008" and "2008-01", "2022-W15" and "2022-04-11"), or they are equal."""
    if a == b:
        return True
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return a.startswith(b) or b.startswith(a)
    return (ra[0] <= rb[0] and rb[1] <= ra[1]) or (rb[0] <= ra[0] and ra[1] <= rb[1])


def clock_time(text: str) -> str | None:
    """The first clock time in ``text`` as "HH:MM" ("4am" -> "04:00", "10:30 p.m." -> "22:30")."""
    m = _CLOCK.search(text)
    if m is None:
        return None
    if m.group("h24") is not None:
        return f"{int(m.group('h24')):02d}:{m.group('m24')}"
    hour = int(m.group("h")) % 12
    if m.group("ap").lower().startswith("p"):
        hour += 12
    return f"{hour:02d}:{m.group('m') or '00'}"


def day_part(wording: str) -> str:
    """The part of the day the wording names ("Monday afternoon" -> "afternoon"; "tonight",
    "last night" -> "night"), else ""."""
    words = _words(wording)
    if "tonight" in words:
        return "night"
    return next((w for w in words if w in DAY_PARTS), "")
