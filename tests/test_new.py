"""``briefings new``: a complete new article file, validated options, the path printed."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest
from import_helpers import assert_loads_cleanly, import_site


@pytest.fixture
def site(tmp_path, monkeypatch):
    site = import_site(tmp_path / "site")
    monkeypatch.chdir(site.root)
    return site


def test_new_writes_complete_front_matter_and_prints_the_relative_path(site):
    result = site.run_new(
        "Parliament Passes the 2025 Budget",
        "--topic",
        "politics",
        "--source",
        "Le Monde",
        "--url",
        "https://www.lemonde.fr/x",
        "--date",
        "2024-11-25 08:30",
        "--tags",
        "budget, France,budget,,",
    )
    assert result.exit_code == 0, result.output
    expected = "content/2024/11/2024-11-25-parliament-passes-the-2025-budget.md"
    assert result.output == expected + "\n"
    post = site.post(site.root / expected)
    assert post.metadata == {
        "title": "Parliament Passes the 2025 Budget",
        "date": "2024-11-25T08:30:00+01:00",
        "topic": "politics",
        "source": "Le Monde",
        "source_url": "https://www.lemonde.fr/x",
        "tags": ["budget", "France"],
        "priority": 2,
        "draft": False,
    }
    assert post.content.startswith("<!--")
    [article] = assert_loads_cleanly(site).articles
    assert article.tags == ("budget", "France") and article.has_time


def test_default_date_is_now_in_the_site_timezone_to_the_minute(site):
    before = dt.datetime.now(ZoneInfo("Europe/Paris")).replace(second=0, microsecond=0)
    result = site.run_new("A Story Written Now", "--topic", "defence")
    after = dt.datetime.now(ZoneInfo("Europe/Paris"))
    assert result.exit_code == 0, result.output
    post = site.post(site.root / result.output.strip())
    written = dt.datetime.fromisoformat(post["date"])
    assert written.second == 0 and written.utcoffset() == before.utcoffset()
    assert before <= written <= after
    assert post["source"] == "" and post["source_url"] == "" and post["tags"] == []
    assert result.output.strip() == f"content/{written:%Y/%m/%Y-%m-%d}-a-story-written-now.md"
    assert_loads_cleanly(site)


def test_path_is_relative_to_the_current_folder(site, monkeypatch):
    monkeypatch.chdir(site.content)
    result = site.run_new("Seen From Inside Content", "--topic", "defence", "--date", "2024-11-25")
    assert result.output.strip() == os.path.join("2024", "11", "2024-11-25-seen-from-inside-content.md")


def test_an_existing_file_is_never_overwritten(site):
    first = site.run_new("Same Title Twice", "--topic", "defence", "--date", "2024-11-25")
    original = (site.root / first.output.strip()).read_bytes()
    second = site.run_new("Same Title Twice", "--topic", "defence", "--date", "2024-11-25")
    assert second.exit_code == 0
    assert second.stdout.strip() == "content/2024/11/2024-11-25-same-title-twice-2.md"
    assert "note: content/2024/11/2024-11-25-same-title-twice.md has the same title" in second.stderr
    assert (site.root / first.output.strip()).read_bytes() == original
    assert len(assert_loads_cleanly(site).articles) == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["--topic", "defense"], "unknown topic 'defense' (did you mean 'defence'?)"),
        (["--topic", "defence", "--url", "javascript:alert(1)"], "expected an absolute http:// or https:// URL"),
        (["--topic", "defence", "--url", "www.example.org/x"], "expected an absolute http:// or https:// URL"),
        (["--topic", "defence", "--date", "tomorrow"], "expected a date like 2024-11-25"),
        (["--topic", "defence", "--tags", "ok,???"], "tag '???' has no letters or digits"),
        ([], "Missing option '--topic'"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_written(site, args, message):
    result = site.run_new("A Perfectly Good Title", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert site.files() == []


def test_empty_title_is_refused(site):
    result = site.run_new("   ", "--topic", "defence")
    assert result.exit_code == 2 and "the title must not be empty" in result.output


def test_yaml_special_characters_in_the_title_are_written_safely(site):
    title = "Breaking: 'Yes' or \"No\"? #vote — <script>alert(1)</script>"
    result = site.run_new(title, "--topic", "politics", "--date", "2024-11-25", "--source", "no")
    assert result.exit_code == 0, result.output
    post = site.post(site.root / result.output.strip())
    assert post["title"] == title and post["source"] == "no"
    [article] = assert_loads_cleanly(site).articles
    assert article.title == title
