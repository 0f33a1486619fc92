"""Publication dates from the forms inputs give them in (ISO, RFC 2822, "12 April 2022", ...)."""

from __future__ import annotations

import datetime as dt
import time
from email.utils import parsedate_to_datetime

__all__ = ["parse_date"]

# Written-out forms seen in records and page metadata; tried after ISO 8601 and RFC 2822.
_FORMATS = (
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%Y%m%d",
)


def parse_date(value: object) -> dt.date | None:
    """The calendar date ``value`` names, or None when it names none (or is not given).

    Accepts a ``date``/``datetime``, a ``time.struct_time`` (feedparser), or a string in ISO 8601
    (``2022-04-12``, ``2022-04-12T09:30:00Z``), RFC 2822 (``Tue, 12 Apr 2022 09:30:00 GMT``) or a
    written-out form (``12 April 2022``, ``April 12, 2022``). Day-first is assumed for
    ``dd/mm/yyyy``. The date is the one written in the input (no time-zone shift).
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
