"""URLs of SPEC §4 and the relative links between pages (which must work under a sub-path)."""

import datetime as dt
from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


@settings(max_examples=3000, deadline=None)
@given(
    site_url=st.one_of(
        st.sampled_from(
            [
                "https://news.example.org",
                "https://example.github.io/desk/",
                "http://127.0.0.1:8000/",
                "https://x/a/../b",
            ]
        ),
        st.from_regex(r"(https?|ftp|mailto)://[a-z.]{1,8}(/[a-z.?#/ ]{0,6}){0,3}", fullmatch=True),
    ),
    url=st.one_of(
        st.from_regex(r"[a-z0-9./:?#%\-~_]{0,20}", fullmatch=True),
        st.builds(
            lambda d, s: f"2024/11/{d:02d}/{s}/", st.integers(1, 30), st.from_regex(r"[a-z0-9\-]{1,12}", fullmatch=True)
        ),
    ),
)
def test_an_absolute_url_is_what_urljoin_makes(site_url: str, url: str) -> None:
    """The shortcut for plain page paths gives exactly urljoin's result, whatever the URL holds."""
    assert urls.absolute(site_url, url) == urljoin(site_url.rstrip("/") + "/", url)
