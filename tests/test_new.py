"""``briefings new``: a complete new article file, validated options, the path printed."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
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
        "date": "2024-11-25 08:30",
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


def test_default_date_is_now_as_local_time_in_the_site_timezone_to_the_minute(site):
    before = dt.datetime.now(ZoneInfo("Europe/Paris")).replace(second=0, microsecond=0, tzinfo=None)
    result = site.run_new("A Story Written Now", "--topic", "defence")
    after = dt.datetime.now(ZoneInfo("Europe/Paris")).replace(tzinfo=None)
    assert result.exit_code == 0, result.output
    text = (site.root / result.output.strip()).read_text(encoding="utf-8")
    [date_line] = [line for line in text.splitlines() if line.startswith("date:")]
    written = dt.datetime.strptime(date_line, "date: %Y-%m-%d %H:%M")  # no offset, no quotes, no seconds
    assert before <= written <= after
    assert result.output.strip() == f"content/{written:%Y/%m/%Y-%m-%d}-a-story-written-now.md"
    assert_loads_cleanly(site)


def test_only_what_is_known_is_written_no_empty_fields(site):
    result = site.run_new("A Bare Story", "--topic", "defence", "--date", "2024-11-25")
    assert result.exit_code == 0, result.output
    text = (site.root / result.output.strip()).read_text(encoding="utf-8")
    assert "''" not in text and "[]" not in text
    # priority and draft stay: the two switches an editor flips, with their defaults
    assert list(site.post(site.root / result.output.strip()).metadata) == [
        "title",
        "date",
        "topic",
        "priority",
        "draft",
    ]


def test_every_field_has_an_option(site):
    result = site.run_new(
        "Top Story Held Back",
        "--topic",
        "defence",
        "--date",
        "2024-11-25 07:00",
        "--draft",
        "--priority",
        "1",
        "--author",
        "  Jane Doe ",
        "--summary",
        "The short version, as the briefing shows it.",
        "--url",
        "https://www.example.org/story?id=3",
        "--source",
        "Example Wire",
    )
    assert result.exit_code == 0, result.output
    post = site.post(site.root / result.output.strip())
    assert post.metadata == {
        "title": "Top Story Held Back",
        "date": "2024-11-25 07:00",
        "topic": "defence",
        "source": "Example Wire",
        "source_url": "https://www.example.org/story?id=3",
        "author": "Jane Doe",
        "summary": "The short version, as the briefing shows it.",
        "priority": 1,
        "draft": True,
    }
    [article] = assert_loads_cleanly(site).all_articles  # drafts included
    assert article.draft and article.priority == 1 and article.author == "Jane Doe"
    assert article.summary == "The short version, as the briefing shows it." and not article.summary_is_derived


def test_a_local_date_keeps_its_hour_when_the_site_timezone_changes(site):
    result = site.run_new("Morning Story", "--topic", "defence", "--date", "2024-11-25 08:30")
    assert result.exit_code == 0, result.output
    assert site.post(site.root / result.output.strip())["date"] == "2024-11-25 08:30"
    moved = import_site(site.root, timezone="America/New_York")  # the same folder, another timezone
    [article] = assert_loads_cleanly(moved).articles
    assert article.published == dt.datetime(2024, 11, 25, 8, 30, tzinfo=ZoneInfo("America/New_York"))


def test_a_date_with_an_offset_keeps_it(site):
    result = site.run_new("Seen From Kyiv", "--topic", "defence", "--date", "2024-11-25T23:30:00+02:00")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "content/2024/11/2024-11-25-seen-from-kyiv.md"  # 22:30 in Paris
    assert site.post(site.root / result.output.strip())["date"] == "2024-11-25T23:30:00+02:00"
    [article] = assert_loads_cleanly(site).articles
    assert article.published.hour == 22


def test_a_future_date_says_the_article_is_scheduled(site):
    result = site.run_new("Next Year's Summit", "--topic", "defence", "--date", f"{dt.date.today().year + 1}-06-01")
    assert result.exit_code == 0, result.output
    assert "note: the date is in the future: the article is scheduled" in result.stderr
    assert result.stdout.strip().endswith("next-year-s-summit.md")


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
        (["--topic", "defence", "--priority", "0"], "'0' is not one of '1', '2', '3'"),
        (["--topic", "defence", "--author", "Jane\x1bDoe"], "field 'author' contains the control character U+001B"),
        (["--topic", "defence", "--summary", "x" * 2000], "field 'summary' is 2000 characters long"),
        (["--topic", "defence", "--template", "../secret"], "expected the name of a file in archetypes/"),
        (["--topic", "defence", "--template", "interview"], "no such template, archetypes/interview.md"),
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


# --- the site's article template (archetypes/article.md) -----------------------------------

BRIEF_TEMPLATE = """\
---
author: The Europe desk
source: Example Wire
tags: [Analysis, Europe]
priority: 3
credit: Photo agency
---

## {{ title }}

What happened ({{topic_title}}, {{ date }}):

- First point
"""


def write_template(site, text: str, name: str = "article") -> Path:
    path = site.root / "archetypes" / f"{name}.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_site_template_gives_defaults_and_the_body(site):
    write_template(site, BRIEF_TEMPLATE)
    result = site.run_new("Talks Resume in Vienna", "--topic", "politics", "--date", "2024-11-25 09:15")
    assert result.exit_code == 0, result.output
    post = site.post(site.root / result.stdout.strip())
    assert post.metadata == {
        "title": "Talks Resume in Vienna",
        "date": "2024-11-25 09:15",
        "topic": "politics",
        "source": "Example Wire",
        "author": "The Europe desk",
        "tags": ["Analysis", "Europe"],
        "priority": 3,
        "draft": False,
        "credit": "Photo agency",
    }
    assert post.content == "## Talks Resume in Vienna\n\nWhat happened (Politics, 2024-11-25 09:15):\n\n- First point"
    # a field the site has not declared is kept, and said, as check says it
    assert "archetypes/article.md:6: warning: unknown field 'credit'" in result.stderr


def test_options_override_the_template(site):
    write_template(site, BRIEF_TEMPLATE.replace("priority: 3", "draft: true"))
    result = site.run_new(
        "Talks Resume in Vienna",
        "--topic",
        "politics",
        "--date",
        "2024-11-25",
        "--author",
        "Jane Doe",
        "--tags",
        "talks",
        "--priority",
        "1",
        "--no-draft",
    )
    assert result.exit_code == 0, result.output
    post = site.post(site.root / result.stdout.strip())
    assert (post["author"], post["tags"], post["priority"], post["draft"]) == ("Jane Doe", ["talks"], 1, False)
    assert post["source"] == "Example Wire"  # not given: the template's


def test_a_template_topic_makes_the_topic_option_optional(site):
    write_template(site, "---\ntopic: economy\n---\nWrite the market story here.\n", name="markets")
    result = site.run_new("Markets Rally", "--template", "markets", "--date", "2024-11-25")
    assert result.exit_code == 0, result.output
    post = site.post(site.root / result.stdout.strip())
    assert post["topic"] == "economy" and post.content == "Write the market story here."
    assert site.run_new("Another Rally", "--date", "2024-11-25").exit_code == 2  # the default template has none


def test_a_template_without_front_matter_is_a_body(site):
    write_template(site, "# Notes\n\nSources checked: none yet.\n")
    result = site.run_new("Plain Template Story", "--topic", "defence", "--date", "2024-11-25")
    assert result.exit_code == 0, result.output
    assert site.post(site.root / result.stdout.strip()).content == "# Notes\n\nSources checked: none yet."
    assert_loads_cleanly(site)


def test_placeholders_are_filled_with_text_never_markup(site):
    write_template(site, "---\n---\n{{ title }}\n\nBy {{ author }} for {{ source }}.\n")
    title = "<script>alert(1)</script> & [click](javascript:alert(2))"
    result = site.run_new(title, "--topic", "defence", "--date", "2024-11-25", "--author", "# Not a heading")
    assert result.exit_code == 0, result.output
    body = site.post(site.root / result.stdout.strip()).content
    assert "<script>" not in body and "](javascript:" not in body
    assert "By \\# Not a heading for ." in body  # no source given: empty
    [article] = assert_loads_cleanly(site).articles
    assert article.title == title


@pytest.mark.parametrize(
    "template, message",
    [
        ("---\nauthor: [unclosed\n---\nBody\n", "archetypes/article.md:3: error: malformed YAML"),
        ("---\nauthor: Desk\npriority: 5\n---\n", "archetypes/article.md:3: error: field 'priority' must be 1"),
        ("---\ntopic: sport\n---\n", "archetypes/article.md:2: error: unknown topic 'sport'"),
        ("---\nsource_url: javascript:alert(1)\n---\n", "archetypes/article.md:2: error: field 'source_url'"),
        ("---\ntags: [ok, '???']\n---\n", "archetypes/article.md:2: error: tag '???' has no letters or digits"),
        ("---\ntitle: Fixed\n---\n", "archetypes/article.md:2: error: field 'title' cannot be in a template"),
        ("---\ndate: 2024-11-25\n---\n", "archetypes/article.md:2: error: field 'date' cannot be in a template"),
        ("---\n---\n\n{{ title }} {{ body }}\n", "archetypes/article.md:4: error: unknown placeholder '{{ body }}'"),
        ("No front matter\n\n{{ headline }}\n", "archetypes/article.md:3: error: unknown placeholder"),
    ],
)
def test_a_broken_template_is_refused_by_file_and_line_and_nothing_is_written(site, template, message):
    write_template(site, template)
    result = site.run_new("A Perfectly Good Title", "--topic", "defence", "--date", "2024-11-25")
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert site.files() == []


def test_every_problem_of_a_template_is_reported_at_once(site):
    write_template(site, "---\npriority: 0\ndate: 2024-11-25\ntopic: sport\n---\n{{ titel }}\n")
    result = site.run_new("A Perfectly Good Title", "--topic", "defence")
    assert result.exit_code == 1
    assert [line.split(": error:")[0] for line in result.stderr.splitlines()] == [
        "archetypes/article.md:2",
        "archetypes/article.md:3",
        "archetypes/article.md:4",
        "archetypes/article.md:6",
    ]
    assert site.files() == []


def test_a_template_that_is_not_utf8_is_refused(site):
    path = site.root / "archetypes" / "article.md"
    path.parent.mkdir()
    path.write_bytes("---\nauthor: Rédaction\n---\n".encode("latin-1"))
    result = site.run_new("A Perfectly Good Title", "--topic", "defence")
    assert result.exit_code == 1
    assert "archetypes/article.md:2: error: the file is not valid UTF-8" in result.stderr
    assert site.files() == []


def test_an_unknown_template_name_lists_the_templates_the_site_has(site):
    write_template(site, BRIEF_TEMPLATE, name="brief")
    write_template(site, BRIEF_TEMPLATE, name="interview")
    result = site.run_new("A Perfectly Good Title", "--topic", "defence", "--template", "breif")
    assert result.exit_code == 2
    assert "no such template, archetypes/breif.md; the site has: brief, interview" in result.output
    assert site.files() == []
