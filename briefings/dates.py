"""Turn a front matter ``date`` into an aware datetime in the site timezone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


class DateError(ValueError):
    """The value is not a date the spec accepts; the message says what was found."""


def parse_article_date(value: object, zone: ZoneInfo) -> tuple[dt.datetime, bool]:
    """Return ``(moment in the site timezone, has_time)``.

    Accepts a YAML date or datetime, or an ISO 8601 string (``2024-11-25``,
    ``2024-11-25 08:30``, ``2024-11-25T08:30:00+01:00``). A value without an
    offset is in the site timezone; a date without a time is 00:00 and
    ``has_time`` is False.
    """
    if isinstance(value, dt.datetime):
        return _localise(value, zone), True
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=zone), False
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise DateError("expected a date like 2024-11-25 or 2024-11-25 08:30, found an empty string")
        if len(text) == 10:
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                pass
            else:
                return dt.datetime(day.year, day.month, day.day, tzinfo=zone), False
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            raise DateError(
                f"expected a date like 2024-11-25, 2024-11-25 08:30 or 2024-11-25T08:30:00+01:00, found {value!r}"
            ) from None
        return _localise(moment, zone), True
    raise DateError(f"expected a date like 2024-11-25, found {type(value).__name__} {value!r}")


def _localise(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)
