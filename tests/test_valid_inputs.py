"""Valid inputs in all their forms (SPEC §2): encodings, dates, tags, slugs, summaries, drafts."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from check_helpers import article, load

from briefings.load import LoadResult
from briefings.model import Article
from briefings.text import cut_at_word, derive_summary


def only_article(result: LoadResult) -> Article:
    assert not result.errors, result.errors
    assert len(result.articles) == 1
    return result.articles[0]


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    data = "\ufeff".encode() + article(title="Café crème").encode()
    assert only_article(load(tmp_path, {"bom.md": data})).title == "Café crème"


def test_crlf_line_endings_are_accepted_and_lines_still_count(tmp_path: Path) -> None:
    data = article(body="First paragraph.\r\n\r\nSecond.", source_url="https://x.org/a").replace("\n", "\r\n").encode()
    result = load(tmp_path, {"crlf.md": data})
    found = only_article(result)
    assert found.summary == "First paragraph."
    assert found.field_lines["source_url"] == 5
    assert "\r" not in found.body


def test_a_bom_and_crlf_together_keep_error_lines_right(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + b"---\r\ntitle: A\r\ndate: 2024-11-25\r\ntopic: nope\r\n---\r\n"
    result = load(tmp_path, {"x.md": data})
    assert [(p.line, p.field) for p in result.problems] == [(4, "topic")]


@pytest.mark.parametrize(
    ("written", "local", "has_time"),
    [
        ("2024-11-25", dt.datetime(2024, 11, 25, 0, 0), False),
        ("'2024-11-25'", dt.datetime(2024, 11, 25, 0, 0), False),
        ("'2024-11-25   '", dt.datetime(2024, 11, 25, 0, 0), False),
        ("2024-11-25   ", dt.datetime(2024, 11, 25, 0, 0), False),
        ("2024-11-25 08:30", dt.datetime(2024, 11, 25, 8, 30), True),
        ("2024-11-25T08:30:00", dt.datetime(2024, 11, 25, 8, 30), True),
        ("'2024-11-25T08:30:00+01:00'", dt.datetime(2024, 11, 25, 8, 30), True),
        ("2024-11-25T08:30:00+01:00", dt.datetime(2024, 11, 25, 8, 30), True),
        ("'2024-11-25T07:30:00Z'", dt.datetime(2024, 11, 25, 8, 30), True),
        ("2024-11-25 03:30:00 -04:00", dt.datetime(2024, 11, 25, 8, 30), True),
    ],
)
def test_accepted_date_forms_land_in_the_site_timezone(
    tmp_path: Path, written: str, local: dt.datetime, has_time: bool
) -> None:
    found = only_article(load(tmp_path, {"d.md": article(date=written)}))
    assert found.published.tzinfo is not None and str(found.published.tzinfo) == "Europe/Paris"
    assert found.published.replace(tzinfo=None) == local
    assert found.has_time is has_time


def test_a_date_without_time_sorts_as_midnight_before_timed_articles_of_the_day(tmp_path: Path) -> None:
    result = load(tmp_path, {"a.md": article(title="Timed", date="2024-11-25 00:01"), "b.md": article(title="Untimed")})
    untimed = next(a for a in result.articles if a.title == "Untimed")
    timed = next(a for a in result.articles if a.title == "Timed")
    assert untimed.published.hour == 0 and untimed.published.minute == 0 and not untimed.has_time
    assert sorted(result.articles, key=lambda a: a.sort_key)[0] is timed  # newest first


def test_the_briefing_day_is_the_date_converted_to_the_site_timezone(tmp_path: Path) -> None:
    # 23:30 UTC on the 25th is 00:30 on the 26th in Paris, and 18:30 on the 25th in New York.
    paris = only_article(load(tmp_path / "p", {"a.md": article(date="2024-11-25T23:30:00Z")}))
    new_york = only_article(
        load(tmp_path / "n", {"a.md": article(date="2024-11-25T23:30:00Z")}, timezone="America/New_York")
    )
    assert paris.day == dt.date(2024, 11, 26) and paris.url.startswith("articles/2024/11/26/")
    assert new_york.day == dt.date(2024, 11, 25)


def test_a_naive_time_is_in_the_site_timezone_across_daylight_saving(tmp_path: Path) -> None:
    summer = only_article(load(tmp_path / "s", {"a.md": article(date="2024-07-01 12:00")}))
    winter = only_article(load(tmp_path / "w", {"a.md": article(date="2024-12-01 12:00")}))
    assert summer.published.utcoffset() == dt.timedelta(hours=2)
    assert winter.published.utcoffset() == dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("written", "expected"),
    [("yes", True), ("no", False), ("on", True), ("off", False), ("True", True), ("false", False)],
)
def test_yaml_1_1_booleans_are_booleans(tmp_path: Path, written: str, expected: bool) -> None:
    result = load(tmp_path, {"a.md": article(draft=written)}, drafts=True)
    assert only_article(result).draft is expected


def test_tags_as_a_comma_separated_string(tmp_path: Path) -> None:
    found = only_article(load(tmp_path, {"a.md": article(tags="EU, budget ,  interest  rates,")}))
    assert found.tags == ("EU", "budget", "interest rates")


def test_tags_are_deduplicated_case_insensitively_keeping_the_first_spelling(tmp_path: Path) -> None:
    found = only_article(load(tmp_path, {"a.md": article(tags="[NATO, nato, Nato, EU, eu]")}))
    assert found.tags == ("NATO", "EU")


def test_numeric_tags_and_titles_are_taken_as_text(tmp_path: Path) -> None:
    found = only_article(load(tmp_path, {"a.md": article(title="1984", tags="[2024, G7]")}))
    assert found.title == "1984" and found.tags == ("2024", "G7")


@pytest.mark.parametrize(
    ("filename", "slug"),
    [
        ("2024-11-25-budget-vote.md", "budget-vote"),
        ("Budget Vote!.md", "budget-vote"),
        ("2024-11-25-Straße-gesperrt.md", "strasse-gesperrt"),
        ("Новости дня.md", "novosti-dnia"),
        ("2024-11-25.md", "2024-11-25"),
    ],
)
def test_the_slug_comes_from_the_file_name_without_a_date_prefix_transliterated(
    tmp_path: Path, filename: str, slug: str
) -> None:
    assert only_article(load(tmp_path, {filename: article()})).slug == slug


def test_an_empty_file_name_slug_falls_back_to_the_title(tmp_path: Path) -> None:
    found = only_article(load(tmp_path, {"2024-11-25-!!!.md": article(title="Größte Straße")}))
    assert found.slug == "grosste-strasse"


def test_an_empty_title_slug_falls_back_to_a_hash_of_the_path(tmp_path: Path) -> None:
    found = only_article(load(tmp_path, {"sub/2024-11-25-.md": article(title="'!!!'")}))
    expected = "article-" + hashlib.sha256(b"content/sub/2024-11-25-.md").hexdigest()[:8]
    assert found.slug == expected


def test_an_explicit_plain_slug_is_kept(tmp_path: Path) -> None:
    assert only_article(load(tmp_path, {"x.md": article(slug="my-story-2")})).slug == "my-story-2"


def test_a_summary_from_front_matter_is_kept_as_written(tmp_path: Path) -> None:
    found = only_article(load(tmp_path, {"a.md": article(summary="'Short *and* <b>literal</b>'", body="Other text.")}))
    assert found.summary == "Short *and* <b>literal</b>"
    assert not found.summary_is_derived


def test_the_derived_summary_skips_headings_lists_tables_code_and_quotes() -> None:
    body = """# Heading

## Sub heading

- a list item
- another

1. ordered

| a | b |
|---|---|
| 1 | 2 |

```python
code = 1
```

> a quote
continued lazily

    indented code

The **first** real [paragraph](https://example.org) with `code`
on two lines.

Second paragraph.
"""
    assert derive_summary(body) == "The first real paragraph with code on two lines."


def test_a_setext_heading_is_not_the_summary() -> None:
    assert derive_summary("Heading\n=======\n\nThe text.") == "The text."


def test_a_long_summary_is_cut_at_a_word_boundary_within_300_characters_with_an_ellipsis() -> None:
    words = " ".join(f"word{i}" for i in range(100))
    summary = derive_summary(words)
    assert summary.endswith("…")
    head = summary[:-1]
    assert len(head) <= 300
    assert words.startswith(head) and words[len(head)] == " "  # cut between two words


def test_a_summary_of_exactly_300_characters_is_not_cut() -> None:
    text = ("abcd " * 60).strip() + "x"  # 300 characters
    assert len(text) == 300
    assert cut_at_word(text) == text


def test_a_body_without_prose_gives_an_empty_summary(tmp_path: Path) -> None:
    found = only_article(load(tmp_path, {"a.md": article(body="# Only a heading\n\n- and a list")}))
    assert found.summary == "" and found.summary_is_derived


def test_drafts_are_left_out_and_collide_with_nothing(tmp_path: Path) -> None:
    files = {"a.md": article(slug="same"), "b.md": article(title="Draft", slug="same", draft="true")}
    result = load(tmp_path, files)
    assert [a.title for a in result.articles] == ["Parliament passes the budget"]
    assert result.problems == [] and result.drafts_skipped == 1
    assert len(result.all_articles) == 2


def test_drafts_are_included_with_drafts_true_and_then_collide(tmp_path: Path) -> None:
    files = {"a.md": article(slug="same"), "b.md": article(title="Draft", slug="same", draft="yes")}
    result = load(tmp_path, files, drafts=True)
    assert len(result.articles) == 2
    assert {p.path for p in result.errors} == {"content/a.md", "content/b.md"}


def test_optional_fields_are_read(tmp_path: Path) -> None:
    text = article(source="Le Monde", source_url="https://www.lemonde.fr/a", author="Ana", priority="1")
    found = only_article(load(tmp_path, {"a.md": text}))
    assert (found.source, found.source_url, found.author, found.priority) == (
        "Le Monde",
        "https://www.lemonde.fr/a",
        "Ana",
        1,
    )


def test_a_yaml_merge_key_is_read(tmp_path: Path) -> None:
    text = "---\nbase: &b {topic: politics, date: 2024-11-25}\n<<: *b\ntitle: Merged\n---\n"
    result = load(tmp_path, {"m.md": text})
    found = only_article(result)
    assert found.topic == "politics" and found.title == "Merged"


def test_topics_are_discovered_from_articles_when_none_are_configured(tmp_path: Path) -> None:
    result = load(tmp_path, {"a.md": article(topic="world-news"), "b.md": article(title="B", topic="sport")}, topics=())
    assert [t.key for t in result.topics] == ["sport", "world-news"]  # as many articles, as new: by key
    assert result.topics[1].title == "World news"


def test_discovered_topics_put_the_biggest_beats_first_with_readable_titles(tmp_path: Path) -> None:
    files = {
        "a.md": article(title="A", topic="culture", date="2024-11-25 09:00"),
        "b.md": article(title="B", topic="eu-politics", date="2024-11-20 09:00"),
        "c.md": article(title="C", topic="eu-politics", date="2024-11-21 09:00"),
        "d.md": article(title="D", topic="ai", date="2024-11-26 09:00"),
    }
    result = load(tmp_path, files, topics=())
    # Two articles first; then, one each, the topic with the newest article.
    assert [t.key for t in result.topics] == ["eu-politics", "ai", "culture"]
    assert [t.title for t in result.topics] == ["EU politics", "AI", "Culture"]
