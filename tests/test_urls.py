"""URLs of SPEC §4 and the relative links between pages (which must work under a sub-path)."""

import datetime as dt

import pytest

from briefings import urls


@pytest.mark.parametrize(
    ("target", "current", "expected"),
    [
        ("articles/2024/11/25/x/", "briefings/2024/11/25/", "../../../../articles/2024/11/25/x/"),
        ("", "briefings/2024/11/25/", "../../../../"),
        ("tags/", "", "tags/"),
        ("", "", "./"),
        ("a/b/", "a/b/", "./"),
        ("a/b/c/", "a/b/", "c/"),
        ("a/", "a/b/", "../"),
        ("feed.xml", "a/b/", "../../feed.xml"),
        ("topics/x/feed.xml", "topics/x/", "feed.xml"),
    ],
)
def test_relative_links_climb_to_the_common_folder(target: str, current: str, expected: str) -> None:
    assert urls.relative(target, current) == expected


def test_briefing_urls_per_period() -> None:
    day = dt.date(2024, 11, 25)
    assert urls.briefing_url(day, "day") == "briefings/2024/11/25/"
    assert urls.briefing_url(urls.period_start(dt.date(2024, 12, 31), "week"), "week") == "briefings/2025/w01/"
    assert urls.briefing_url(urls.period_start(day, "month"), "month") == "briefings/2024/11/"
    assert urls.topic_url("defence", 2) == "topics/defence/page/2/"
    assert urls.source_file("") == "index.md" and urls.source_file("tags/x/") == "tags/x/index.md"
