"""The one date reader: ISO 8601 text, YAML dates and ``--date`` options → dates and datetimes.

* :func:`read_iso_date`: machine-written text (front matter, HTML meta tags, Atom,
  ``--date``) → a date, or a datetime that keeps the offset it was written with.
  Every ISO 8601 string goes through it (by way of :func:`_read_iso`, which says
  why a text is refused), so front matter, ``--date`` and the importers accept
  exactly the same forms.
* :func:`parse_article_date`: a front matter ``date`` → an aware datetime in the
  site timezone, and whether a time was given.
* :func:`parse_date_option`: the ``--date`` of ``briefings new`` and ``import``.
* :func:`check_year`: an article's date must fall in the years Briefings can build
  (:data:`~briefings.limits.EARLIEST_YEAR` to :data:`~briefings.limits.LATEST_YEAR`).

Free text in other languages ("19 novembre 2026") is the importers' business
(:func:`briefings.importers.from_text.parse_full_date`).
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from .limits import EARLIEST_YEAR, LATEST_YEAR, BoundedRepr

#: A date without a time (only the day is known) or a datetime.
DateValue = dt.date | dt.datetime


class DateError(ValueError):
    """The value is not a date the spec accepts; the message says what was found."""


#: The ISO 8601 forms SPEC §2 accepts as text: a day, optionally a time (minutes or
#: seconds, optional fraction) after ``T`` or a space, optionally an offset or ``Z``.
_ISO_DATE = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})"
    r"(?:[Tt ](?P<time>\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?)"
    r"\s*(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?",
    re.ASCII,  # digits 0-9 only: other scripts' digits are not dates Python can read
)
_EXPECTED = "expected a date like 2024-11-25, 2024-11-25 08:30 or 2024-11-25T08:30:00+01:00"
_EXPECTED_OPTION = "expected a date like 2024-11-25 or 2024-11-25 08:30"
_short = BoundedRepr(length=60)


def parse_article_date(value: object, zone: ZoneInfo) -> tuple[dt.datetime, bool]:
    """Return ``(moment in the site timezone, has_time)``.

    Accepts a YAML date or datetime, or an ISO 8601 string (``2024-11-25``,
    ``2024-11-25 08:30``, ``2024-11-25T08:30:00+01:00``). A value without an
    offset is in the site timezone; a date without a time is 00:00 and
    ``has_time`` is False.
    """
    if isinstance(value, dt.datetime):
        return _checked(_localise(value, zone), value), True
    if isinstance(value, dt.date):
        return _checked(dt.datetime(value.year, value.month, value.day, tzinfo=zone), value), False
    if isinstance(value, str):
        return _parse_text(value, zone)
    if value is None:
        raise DateError(f"{_EXPECTED}, found nothing")
    raise DateError(f"{_EXPECTED}, found {type(value).__name__} {_short.repr(value)}")


def read_iso_date(text: str) -> DateValue | None:
    """``2024-11-25`` → a date; ``2024-11-25 08:30`` → a naive datetime; with an offset, an aware one.

    None when the text is not one of the ISO 8601 forms, or names a day or time
    that does not exist.
    """
    try:
        return _read_iso(text)
    except DateError:
        return None


def parse_date_option(text: str, zone: ZoneInfo) -> DateValue:
    """The ``--date`` option: a date, or an aware datetime (a time without an offset is in ``zone``).

    Raises :class:`DateError` with what was expected.
    """
    value = _read_iso(text, _EXPECTED_OPTION)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    if isinstance(value, dt.datetime):
        check_year(_localise(value, zone), value, zone)
    else:
        check_year(dt.datetime(value.year, value.month, value.day, tzinfo=zone), value, zone)
    return value


def check_year(moment: dt.datetime, value: object, zone: ZoneInfo) -> dt.datetime:
    """``moment`` (in the site timezone ``zone``) when its year is one Briefings builds, else :class:`DateError`.

    Outside :data:`~briefings.limits.EARLIEST_YEAR`–:data:`~briefings.limits.LATEST_YEAR`
    a date passes every other check but breaks the build (the gzip header of the
    sitemap holds 32-bit times from 1970 to 2106), so it is refused here, naming
    the date as written. Kept apart from :func:`parse_article_date`, which the
    importers also use to place dates they found, in range or not.
    """
    if EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return moment
    shown = value.isoformat() if isinstance(value, dt.date) else _short.repr(value)
    written = value.strip()[:4] if isinstance(value, str) else ""
    written_year = value.year if isinstance(value, dt.date) else int(written) if written.isdigit() else moment.year
    where = "" if written_year == moment.year else f" (the year {moment.year} in the site timezone, {zone.key})"
    raise DateError(
        f"{shown} is out of range{where}: Briefings accepts dates in the years {EARLIEST_YEAR} to {LATEST_YEAR}"
    )


def _read_iso(text: str, expected: str = _EXPECTED) -> DateValue:
    """The one ISO 8601 reader: a date, a naive datetime, or an aware one when an offset is written.

    Raises :class:`DateError` saying what was ``expected`` and what was found:
    nothing, another form, or a day or time that does not exist (``2024-02-30``,
    ``24:00``, an offset of 24 hours) — Python's own wording would say nothing to an editor.
    """
    stripped = text.strip()
    if not stripped:
        raise DateError(f"{expected}, found an empty string")
    match = _ISO_DATE.fullmatch(stripped)
    if match is None:
        raise DateError(f"{expected}, found {_short.repr(text)}")
    try:
        return _from_match(match)
    except ValueError:
        raise DateError(f"{expected}, found {_short.repr(text)}, which is not a real date or time") from None


def _from_match(match: re.Match[str]) -> DateValue:
    if match["time"] is None:
        return dt.date.fromisoformat(match["day"])
    offset = (match["offset"] or "").upper()  # Python 3.11 reads "Z" only
    if len(offset) == 5 and ":" not in offset:  # +0100 → +01:00
        offset = f"{offset[:3]}:{offset[3:]}"
    return dt.datetime.fromisoformat(f"{match['day']}T{match['time'].replace(',', '.')}{offset}")


def _parse_text(value: str, zone: ZoneInfo) -> tuple[dt.datetime, bool]:
    parsed = _read_iso(value)
    if not isinstance(parsed, dt.datetime):
        return _checked(dt.datetime(parsed.year, parsed.month, parsed.day, tzinfo=zone), value), False
    return _checked(_localise(parsed, zone), value), True


def _localise(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    try:
        return moment.astimezone(zone)
    except (OverflowError, ValueError):
        raise DateError(f"the date {moment.isoformat()} is out of the supported range") from None


def _checked(moment: dt.datetime, value: object) -> dt.datetime:
    """Reject moments that cannot be placed on the timeline (year 1 in a zone west of UTC…)."""
    try:
        moment.timestamp()
        moment.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        shown = value.isoformat() if isinstance(value, dt.date) else _short.repr(value)
        raise DateError(f"the date {shown} is out of the supported range") from None
    return moment
