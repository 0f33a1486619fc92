"""The common plain date wordings read without dateparser (its first call costs about a second).

:func:`plain_date` reads the wordings news most often uses for a date and gives the same day
dateparser gives them with the settings of :mod:`newsfuse.analysis.dates` (English, past
preferred, first day of the month, relative to the article's date):

- a month with a year: "January 2008", "Jan. 2008";
- a day and a month, with or without a year: "12 April 2022", "April 12, 2022", "April 12th",
  "12 April" (without a year: the last such day on or before the article's date);
- a month alone: "April" (the last such month, this one included);
- "today", "tonight", "yesterday", "last night", "tomorrow".

Anything else, and any day that does not exist ("April 31", "February 29" without a year:
dateparser goes back to the last leap year), gives None: the caller then asks dateparser. So
dateparser is imported only for the rarer wordings. tests/test_plain_dates.py checks the two
against each other on a grid of wordings and on the dates of real texts.
"""

from __future__ import annotations

import datetime as _dt
import re

from newsfuse.lexicon import MONTHS

__all__ = ["plain_date"]

_FULL_MONTHS = MONTHS[:12]  # January first; the rest of MONTHS are abbreviations
_MONTH_NUMBER = {m: next(i for i, full in enumerate(_FULL_MONTHS, 1) if full.startswith(m[:3])) for m in MONTHS}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?P<suffix>st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

#: The forms read here (case ignored, any run of white space between words).
_FORMS = tuple(
    re.compile(form, re.IGNORECASE)
    for form in (
        rf"{_MONTH},?\s+{_YEAR}",  # January 2008
        rf"{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?",  # 12 April (2022)
        rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?",  # April 12(, 2022)
        _MONTH,  # April
    )
)

#: Days from the article's date named by a word.
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "last night": -1, "tomorrow": 1}


def _suffix_fits(day: int, suffix: str) -> bool:
    """The ordinal suffix English writes after ``day`` ("1st", "22nd", "13th")."""
    if day % 100 in (11, 12, 13):
        return suffix == "th"
    return suffix == {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def plain_date(wording: str, base: _dt.date | None, future: bool = False) -> _dt.date | None:
    """The day ``wording`` names (the 1st for a month), read as dateparser would read it for
    :func:`~newsfuse.analysis.dates.resolve_date`, when it is one of the plain forms above;
    None when it is not (ask dateparser).

    ``base`` is the article's date: needed for a relative word and for a date without a year
    (None then gives None). ``future`` (dateparser told to prefer dates to come) is read here
    only for a date with its year, which it does not change; anything else goes to dateparser.
    """
    text = " ".join(wording.split()).lower()
    if future and not re.search(r"\d{4}", text):
        return None
    if text in _RELATIVE_DAYS:
        return None if base is None else base + _dt.timedelta(days=_RELATIVE_DAYS[text])
    for form in _FORMS:
        m = form.fullmatch(text)
        if m is None:
            continue
        found = m.groupdict()
        month = _MONTH_NUMBER[found["month"]]
        day = int(found["day"]) if found.get("day") else 1
        if found.get("suffix") and not _suffix_fits(day, found["suffix"]):
            return None
        if found.get("year"):
            year = int(found["year"])
        elif base is None:
            return None
        elif found.get("day"):  # the last such day on or before the article's date
            year = base.year if (month, day) <= (base.month, base.day) else base.year - 1
        else:  # the last such month, the article's own included
            year = base.year if month <= base.month else base.year - 1
        try:
            return _dt.date(year, month, day)
        except ValueError:
            return None  # no such day ("April 31"), or February 29 outside a leap year
    return None
