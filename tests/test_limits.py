"""Whatever passes ``briefings check`` builds: every field is bounded, and each bound is an error naming file and line.

Each case comes from a hostile-input probe, where the value passed ``check`` and then
broke or swamped the build: a 1,000,000-character title with 1,000 tags (34 s, 5 GB
and a 2 GB site), a date in 2107 (the sitemap's gzip header), a 300-character tag
(``File name too long``), control characters and a ``source_url`` with quotes
(invalid HTML), YAML aliases that stand for millions of values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from check_helpers import article, check_site, load, only_problem, run_check
from helpers import FixtureSite

from briefings import fields
from briefings.fields import FieldError, short_repr
from briefings.limits import (
    AUTHOR_MAX,
    BODY_MAX,
    SLUG_MAX,
    SOURCE_MAX,
    SOURCE_URL_MAX,
    SUMMARY_MAX,
    TAG_MAX,
    TAGS_MAX,
    TITLE_MAX,
    TOPIC_MAX,
    UNUSED_FIELDS_MAX,
)
from briefings.text import slugify

# --- lengths and counts ----------------------------------------------------------------------


def test_a_million_character_title_with_a_thousand_tags_is_refused_by_check(tmp_path: Path) -> None:
    tags = ", ".join(f"tag{i}" for i in range(1000))
    site = check_site(tmp_path, {"x.md": article(title="x" * 1_000_000, tags=f"[{tags}]")})
    result = run_check(site.config)
    assert result.exit_code == 1
    assert "content/x.md:2: error: field 'title' is 1000000 characters long; the limit is 300" in result.lines
    assert "content/x.md:5: error: field 'tags' has 1000 tags; the limit is 15" in result.lines
    assert "could not read" not in result.output


@pytest.mark.parametrize(
    ("name", "limit", "line"),
    [
        ("title", TITLE_MAX, 2),
        ("topic", TOPIC_MAX, 4),
        ("summary", SUMMARY_MAX, 5),
        ("source", SOURCE_MAX, 5),
        ("author", AUTHOR_MAX, 5),
    ],
)
def test_a_text_field_over_its_limit_is_an_error_naming_field_line_and_limit(
    tmp_path: Path, name: str, limit: int, line: int
) -> None:
    values = {"title": "A title", "topic": "politics", name: "word " * (limit // 5) + "x"}
    text = article(title=values.pop("title"), topic=values.pop("topic"), **values)
    problem = only_problem(load(tmp_path, {"f.md": text}), "content/f.md")
    assert problem.field == name
    assert problem.format() == (
        f"content/f.md:{line}: error: field '{name}' is {limit + 1} characters long; the limit is {limit}"
    )


def test_a_source_url_over_its_limit_is_an_error(tmp_path: Path) -> None:
    url = "https://example.org/" + "a" * (SOURCE_URL_MAX - len("https://example.org/") + 1)
    problem = only_problem(load(tmp_path, {"u.md": article(source_url=url)}), "content/u.md")
    assert problem.format() == (
        f"content/u.md:5: error: field 'source_url' is {SOURCE_URL_MAX + 1} characters long;"
        f" the limit is {SOURCE_URL_MAX}"
    )


def test_a_body_over_its_limit_is_an_error_at_the_first_line_of_the_body(tmp_path: Path) -> None:
    body = "word " * (BODY_MAX // 5) + "x"
    problem = only_problem(load(tmp_path, {"b.md": article(body=body)}), "content/b.md")
    # The body is everything after the closing '---' line (line 5): a blank line, the text, a newline.
    assert problem.format() == (
        f"content/b.md:6: error: the body is {BODY_MAX + 3} characters long; the limit is {BODY_MAX}"
    )


def test_a_tag_over_255_characters_is_refused_before_it_becomes_a_folder_name(tmp_path: Path) -> None:
    tag = "y" * 256
    problem = only_problem(load(tmp_path, {"t.md": article(tags=f"[ok, {tag}]")}), "content/t.md")
    assert problem.format() == (
        f"content/t.md:5: error: tag {short_repr.repr(tag)} is 256 characters long; the limit is {TAG_MAX}"
    )


def test_a_short_tag_whose_slug_is_too_long_is_refused() -> None:
    tag = "中" * 30  # 30 characters, transliterated to 'zhong-zhong-…': 179
    _, errors = fields.tags([tag])
    assert errors == [
        f"tag {tag!r} makes a URL segment of 179 characters ({short_repr.repr(slugify(tag))}); "
        f"the limit is {SLUG_MAX}: shorten the tag"
    ]


@pytest.mark.parametrize("written", ["list", "comma string"])
def test_one_tag_more_than_the_limit_is_refused_however_written(tmp_path: Path, written: str) -> None:
    names = [f"tag {i}" for i in range(TAGS_MAX + 1)]
    value = f"[{', '.join(names)}]" if written == "list" else ", ".join(names) + ", ,"
    problem = only_problem(load(tmp_path, {"t.md": article(tags=value)}), "content/t.md")
    assert problem.format() == f"content/t.md:5: error: field 'tags' has {TAGS_MAX + 1} tags; the limit is {TAGS_MAX}"


def test_new_refuses_more_tags_than_the_limit(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site()
    tags = ",".join(f"t{i}" for i in range(TAGS_MAX + 1))
    result = site.briefings("new", "A title", "--topic", "politics", "--tags", tags)
    assert result.exit_code == 2
    assert f"field 'tags' has {TAGS_MAX + 1} tags; the limit is {TAGS_MAX}" in result.output
    assert not list(site.content.rglob("*.md"))


def test_a_slug_over_its_limit_is_an_error(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, {"s.md": article(slug="a" * (SLUG_MAX + 1))}), "content/s.md")
    assert problem.format() == (
        f"content/s.md:5: error: field 'slug' is {SLUG_MAX + 1} characters long; the limit is {SLUG_MAX}"
    )


def test_a_slug_made_from_a_long_file_name_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    name = "word-" * 40 + "end.md"  # 206 characters: a valid file name, too long a folder name once transliterated
    problem = only_problem(load(tmp_path, {name: article()}), f"content/{name}")
    assert problem.line == 1 and problem.field == "slug" and problem.is_error
    assert f"is 203 characters long; the limit is {SLUG_MAX}: set a shorter 'slug'" in problem.message


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2107-01-01", "2107-01-01 is out of range"),
        ("1899-12-31", "1899-12-31 is out of range"),
        ("2101-01-01 00:00:00", "2101-01-01T00:00:00 is out of range"),
        ("2101-01-01 00:00", "'2101-01-01 00:00' is out of range"),
        ("'2101-01-01'", "'2101-01-01' is out of range"),
        (
            "'2100-12-31T23:30:00-05:00'",
            "'2100-12-31T23:30:00-05:00' is out of range (the year 2101 in the site timezone, Europe/Paris)",
        ),
    ],
)
def test_a_date_outside_the_years_briefings_builds_is_an_error(tmp_path: Path, written: str, message: str) -> None:
    problem = only_problem(load(tmp_path, {"d.md": article(date=written)}), "content/d.md")
    assert problem.format() == (
        f"content/d.md:3: error: field 'date': {message}: Briefings accepts dates in the years 1900 to 2100"
    )


@pytest.mark.parametrize("written", ["1900-01-01", "2100-12-31 23:59", "'2100-12-31T23:59:59+01:00'"])
def test_the_first_and_last_days_of_the_range_are_accepted(tmp_path: Path, written: str) -> None:
    result = load(tmp_path, {"d.md": article(date=written)}, future=True)  # 2100 is scheduled, not published
    assert not result.problems
    assert result.articles[0].day in (dt.date(1900, 1, 1), dt.date(2100, 12, 31))


def test_new_refuses_a_date_outside_the_range(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site()
    result = site.briefings("new", "A title", "--topic", "politics", "--date", "2107-01-01")
    assert result.exit_code == 2
    assert "2107-01-01 is out of range: Briefings accepts dates in the years 1900 to 2100" in result.output


# --- control characters ----------------------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\0", "\\e", "\\x7f", "\\N", "\\x9f", "\\x0b"])
@pytest.mark.parametrize(("name", "line"), [("title", 2), ("topic", 4), ("summary", 5), ("source", 5), ("author", 5)])
def test_a_control_character_in_a_text_field_is_an_error_naming_the_field(
    tmp_path: Path, name: str, line: int, escape: str
) -> None:
    values = {"title": "A title", "topic": "politics", name: f'"a{escape}b"'}
    text = article(title=values.pop("title"), topic=values.pop("topic"), **values)
    code = {"\\0": 0, "\\e": 0x1B, "\\x7f": 0x7F, "\\N": 0x85, "\\x9f": 0x9F, "\\x0b": 0x0B}[escape]
    problem = only_problem(load(tmp_path, {"c.md": text}), "content/c.md")
    assert problem.format() == (
        f"content/c.md:{line}: error: field '{name}' contains the control character U+{code:04X} at character 2:"
        " remove it (control characters other than tab and line breaks are not allowed)"
    )


def test_tabs_and_line_breaks_stay_allowed_in_text(tmp_path: Path) -> None:
    result = load(tmp_path, {"t.md": article(title='"A\\ttitle"', summary='"One.\\nTwo.\\r\\nThree."')})
    assert not result.problems
    assert result.articles[0].title == "A\ttitle"


def test_a_control_character_in_a_tag_is_an_error(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, {"t.md": article(tags='[ok, "b\\0c"]')}), "content/t.md")
    assert problem.format() == (
        "content/t.md:5: error: tag 'b\\x00c' contains the control character U+0000: remove it"
        " (control characters have no place in a tag)"
    )


def test_a_nul_in_the_slug_is_an_error_naming_the_slug(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, {"s.md": article(slug='"ab\\0c"')}), "content/s.md")
    assert problem.line == 5 and problem.field == "slug" and "plain slug" in problem.message


def test_a_nul_in_the_body_is_an_error_on_its_own_line(tmp_path: Path) -> None:
    text = article(body="First paragraph.\n\nA NUL \x00 here.")
    problem = only_problem(load(tmp_path, {"b.md": text}), "content/b.md")
    assert problem.format() == (
        "content/b.md:9: error: the body contains a NUL character (U+0000), which HTML does not allow: remove it"
    )


# --- source_url ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("'https://example.org/a b'", "which has a space at character 22"),
        ("'https://example.org/a\"b'", "which has '\"' at character 22"),
        ("'https://example.org/it''s'", 'which has "\'" at character 23'),
        ("'https://example.org/<script>'", "which has '<' at character 21"),
        ("'https://example.org/a>b'", "which has '>' at character 22"),
        ('"https://example.org/\\x85"', "contains the control character U+0085 at character 21"),
        ('"https://example.org/\\0"', "contains the control character U+0000 at character 21"),
    ],
)
def test_a_source_url_with_spaces_quotes_brackets_or_controls_is_an_error(
    tmp_path: Path, written: str, found: str
) -> None:
    problem = only_problem(load(tmp_path, {"u.md": article(source_url=written)}), "content/u.md")
    assert problem.is_error and problem.line == 5 and problem.field == "source_url"
    assert problem.message.startswith("field 'source_url'")
    assert found in problem.message


def test_the_message_about_a_character_a_url_cannot_hold_says_how_to_write_it() -> None:
    with pytest.raises(FieldError) as caught:
        fields.web_url('https://example.org/say "hi"')
    assert str(caught.value) == (
        "expected an absolute http:// or https:// URL, found 'https://example.org/say \"hi\"', which has a space"
        " at character 24: a URL holds no spaces, quotes, '<', '>' or control characters"
        " (write it percent-encoded, %20)"
    )


@pytest.mark.parametrize(
    "url", ["http://:80/x", "https://example.org:99999/", "https://exa%41mple.org/", "https://@/x", "https:///x"]
)
def test_a_source_url_without_a_well_formed_host_is_an_error(url: str) -> None:
    with pytest.raises(FieldError, match="with a host|expected an absolute"):
        fields.web_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/",
        "HTTPS://EXAMPLE.ORG/Path",
        "https://bücher.de/straße?q=1&r=[2]#frag",
        "http://[::1]:8080/x",
        "https://user@example.org/a%20b",
        "https://example.org/a(b)|c{d}^e~f!g*h;i,j=k",
    ],
)
def test_well_formed_web_urls_are_still_accepted(url: str) -> None:
    assert fields.web_url(url) == url


# --- numbers too long to write out, fields Briefings does not use ---------------------------


def test_numbers_too_long_for_python_to_write_are_errors_naming_their_fields(tmp_path: Path) -> None:
    huge = "0x" + "f" * 5000  # about 6,021 decimal digits: str() of it raises in Python 3.11+
    text = "\n".join(
        ["---", f"title: {huge}", f"date: {huge}", "topic: politics", f"slug: {huge}", f"priority: {huge}", "---", ""]
    )
    result = load(tmp_path, {"n.md": text})
    lines = [p.format() for p in result.problems]
    assert lines == [
        "content/n.md:2: error: field 'title' is a number of about 6021 digits; the limit is 300",
        "content/n.md:3: error: field 'date': expected a date like 2024-11-25, 2024-11-25 08:30 or"
        " 2024-11-25T08:30:00+01:00, found int <a number of about 6021 digits>",
        "content/n.md:5: error: field 'slug' must be a plain slug (lowercase letters, digits and single '-');"
        " found integer <a number of about 6021 digits>",
        "content/n.md:6: error: field 'priority' must be 1 (top story), 2 (normal) or 3 (in brief),"
        " found integer <a number of about 6021 digits>",
    ]


def test_a_plain_number_too_long_to_read_is_an_error_on_its_line(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, {"n.md": article(title="1" * 5000)}), "content/n.md")
    assert problem.line == 2 and problem.field == "title"
    assert "is too long to read: write it in quotes if it is text" in problem.message


def test_yaml_aliases_that_stand_for_millions_of_values_are_refused(tmp_path: Path) -> None:
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [
        f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]" for before, name in zip("abcdefg", "bcdefgh", strict=True)
    ]
    text = article(**dict(line.split(": ", 1) for line in levels))
    problems = load(tmp_path, {"l.md": text}).problems
    errors = [p.format() for p in problems if p.is_error]
    assert errors == [
        "content/l.md:8: error: field 'd' is too large: the fields Briefings does not use may hold"
        f" {UNUSED_FIELDS_MAX} characters in all (written out, YAML aliases expanded)"
    ]  # a, b and c hold 9 + 81 + 729 values of 5 characters; d, 6,561 of them


def test_a_value_that_holds_itself_is_refused(tmp_path: Path) -> None:
    problem = next(p for p in load(tmp_path, {"r.md": article(extra="&a [*a]")}).problems if p.is_error)
    assert problem.line == 5 and problem.field == "extra" and "is nested more than 20 levels deep" in problem.message


def test_small_fields_briefings_does_not_use_are_only_a_warning(tmp_path: Path) -> None:
    result = load(tmp_path, {"w.md": article(notes="[a, b, {c: 1}]", weight="3")})
    assert result.articles and not result.errors
    assert [p.field for p in result.warnings] == ["notes", "weight"]


# --- everything at its limit builds ----------------------------------------------------------


def _maximal_fields(date: str) -> dict[str, object]:
    """Front matter with every field at its limit (and the fields Briefings does not use near theirs)."""
    cjk_tag = "中" * 25  # its slug, 'zhong-zhong-…', is 149 characters
    assert len(slugify(cjk_tag)) <= SLUG_MAX
    tags = [f"Tag {i:02d} " + "w" * (TAG_MAX - 7) for i in range(TAGS_MAX - 1)] + [cjk_tag]
    return {
        "title": ("Headline " * 40)[: TITLE_MAX - 1] + "!",
        "date": date,
        "topic": "t" * TOPIC_MAX,
        "summary": ("Summary sentence. " * 60)[: SUMMARY_MAX - 1] + ".",
        "source": "S" * SOURCE_MAX,
        "source_url": "https://example.org/" + "p" * (SOURCE_URL_MAX - len("https://example.org/")),
        "tags": tags,
        "priority": 1,
        "author": "A" * AUTHOR_MAX,
        "slug": "s" * SLUG_MAX,
        "notes": ["n" * 1000] * 18,  # 18,000 characters of a field Briefings does not use: a warning
    }


@pytest.mark.parametrize("date", ["2100-12-31 23:59", "1900-01-01"])
def test_an_article_with_every_field_at_its_limit_builds(make_site: Callable[..., FixtureSite], date: str) -> None:
    site = make_site(topics={})  # topics from the articles: the topic key becomes a folder name too
    front = _maximal_fields(date)
    paragraph = "The minister said the budget would be balanced by next year, according to officials. " * 10
    body = (paragraph.strip() + "\n\n") * (BODY_MAX // (len(paragraph) + 1) + 1)
    body = body[: BODY_MAX - 1]
    site.write_article("maximal.md", body=body, **front)
    assert len(site.content.joinpath("maximal.md").read_text().split("---\n", 2)[2]) == BODY_MAX

    check = site.briefings("check", "--future")
    assert check.exit_code == 0, check.output
    assert "0 errors" in check.output and "unknown field 'notes'" in check.output
    result = site.briefings("build", "--future")  # the last day of 2100 is a scheduled article
    assert result.exit_code == 0, result.output

    built = site.root / "site"
    day = dt.date.fromisoformat(date[:10])
    page = built / f"articles/{day:%Y/%m/%d}/{'s' * SLUG_MAX}/index.html"
    assert page.is_file()
    assert "Headline Headline" in page.read_text(encoding="utf-8")
    assert (built / "topics" / ("t" * TOPIC_MAX)).is_dir()
    tags = front["tags"]
    assert isinstance(tags, list)
    for tag in tags:
        assert (built / "tags" / slugify(tag) / "index.html").is_file()

    # What it costs, in bytes written: a few hundred KB more than an ordinary article
    # (the probe's article, a 1,000,000-character title with 1,000 tags, wrote 2 GB).
    ordinary = make_site("ordinary", topics={})
    ordinary.write_article("a.md", body=paragraph, title="Budget passes", date=date, topic="politics", tags=["budget"])
    assert ordinary.briefings("build").exit_code == 0
    extra = _site_size(built) - _site_size(ordinary.root / "site")
    assert extra < 600_000, extra


def _site_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
