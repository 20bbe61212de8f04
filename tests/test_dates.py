"""One ISO 8601 reader: front matter dates, ``--date`` and the importers accept the same forms, with the same reasons.

SPEC §2: a ``date`` is a YAML date or datetime, or an ISO 8601 string
(``2024-11-25``, ``2024-11-25 08:30``, ``2024-11-25T08:30:00+01:00``); without an
offset it is in the site timezone. Free text ("19 novembre 2026") is the
importers' business (``parse_full_date``), which hands ISO strings to the same reader.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefings.dates import DateError, parse_article_date, parse_date_option, read_iso_date
from briefings.importers.from_text import parse_full_date

PARIS = ZoneInfo("Europe/Paris")
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: ISO-looking strings, well formed or not: days and months out of range, odd offsets, fractions, spaces.
iso_like = st.builds(
    lambda year, month, day, sep, time, offset, pad: f"{pad}{year:04d}-{month:02d}-{day:02d}{sep}{time}{offset}{pad}",
    st.integers(1900, 2100),
    st.integers(0, 13),
    st.integers(0, 32),
    st.sampled_from(["", "T", " ", "t"]),
    st.sampled_from(["", "08:30", "23:59:59", "24:00", "08:30:00.5", "08:30:00,123456", "8:30", "08:61"]),
    st.sampled_from(["", "Z", "z", "+01:00", "-0500", "+01", "+24:00", " +02:00", "+1"]),
    st.sampled_from(["", " ", "  "]),
)


@PROPERTY_SETTINGS
@given(iso_like)
@example("1924-10-04T23:59:59Z")  # 01:59:59 on the night Paris put its clocks back: found by Hypothesis in CI
def test_front_matter_and_the_reader_accept_the_same_strings(text: str) -> None:
    value = read_iso_date(text)
    if value is None:
        with pytest.raises(DateError):
            parse_article_date(text, PARIS)
        return
    moment, has_time = parse_article_date(text, PARIS)
    assert has_time == isinstance(value, dt.datetime)
    # The same instant: compared as timestamps, since == between two zones is always False
    # for a time that falls in a repeated hour (PEP 495), such as Paris on 1924-10-04.
    if isinstance(value, dt.datetime):
        assert moment.timestamp() == (value if value.tzinfo else value.replace(tzinfo=PARIS)).timestamp()
    else:
        assert moment.timestamp() == dt.datetime(value.year, value.month, value.day, tzinfo=PARIS).timestamp()


@PROPERTY_SETTINGS
@given(iso_like)
def test_the_date_option_accepts_what_the_reader_accepts(text: str) -> None:
    value = read_iso_date(text)
    if value is None:
        with pytest.raises(DateError, match="expected a date like 2024-11-25 or 2024-11-25 08:30"):
            parse_date_option(text, PARIS)
    else:
        option = parse_date_option(text, PARIS)
        assert option == (value.replace(tzinfo=PARIS) if isinstance(value, dt.datetime) and not value.tzinfo else value)


@pytest.mark.parametrize("text", ["2024-02-30", "2024-11-25 24:00", "2024-11-25T08:30+24:00"])
def test_an_impossible_date_option_is_named_as_such(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date_option(text, PARIS)
    assert (
        str(caught.value)
        == f"expected a date like 2024-11-25 or 2024-11-25 08:30, found {text!r}, which is not a real date or time"
    )


def test_an_empty_date_option_says_so() -> None:
    with pytest.raises(DateError, match="found an empty string"):
        parse_date_option("  ", PARIS)


def test_front_matter_messages_are_unchanged() -> None:
    with pytest.raises(DateError, match=r"found '2024-02-30', which is not a real date or time"):
        parse_article_date("2024-02-30", PARIS)
    with pytest.raises(DateError, match="found an empty string"):
        parse_article_date(" ", PARIS)
    with pytest.raises(DateError, match=r"found '25/11/2024'$"):
        parse_article_date("25/11/2024", PARIS)


@pytest.mark.parametrize(
    "text",
    [
        "2024-11-25",
        "2024-11-25 08:30",
        "2024-11-25T08:30:00+01:00",
        "2024-11-25T07:30:00Z",
        "2024-11-25T08:30:00.250-0500",
    ],
)
def test_iso_strings_in_clippings_go_through_the_one_reader(text: str) -> None:
    found = parse_full_date(text)
    expected = read_iso_date(text)
    assert type(found) is type(expected)
    assert found == expected
    if isinstance(found, dt.datetime) and isinstance(expected, dt.datetime):
        assert found.utcoffset() == expected.utcoffset()
        assert found.isoformat() == expected.isoformat()  # the offset as written, fractions kept


def test_an_impossible_iso_date_in_a_clipping_is_no_date() -> None:
    assert parse_full_date("2024-02-30") is None
