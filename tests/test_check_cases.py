"""Every bad-input case of SPEC §6: each problem names the file, the line, the field, what was expected and found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from check_helpers import article, check_site, load, only_problem, run_check


def test_malformed_yaml_is_reported_at_the_line_and_column_pyyaml_gives(tmp_path: Path) -> None:
    text = "---\ntitle: [unclosed\ndate: 2024-11-25\ntopic: politics\n---\nBody\n"
    problem = only_problem(load(tmp_path, {"bad.md": text}), "content/bad.md")
    assert problem.is_error
    assert problem.line == 3
    assert "malformed YAML" in problem.message
    assert "column 5" in problem.message


def test_malformed_yaml_with_a_bad_indent_points_at_the_offending_line(tmp_path: Path) -> None:
    text = "---\ntitle: A\ndate: 2024-11-25\n  topic: politics\n---\n"
    problem = only_problem(load(tmp_path, {"indent.md": text}), "content/indent.md")
    assert problem.line == 4
    assert re.search(r"column \d+", problem.message)


def test_missing_front_matter_says_the_file_must_start_with_dashes(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, {"plain.md": "Just some text\n\nMore.\n"}), "content/plain.md")
    assert problem.line == 1
    assert "missing front matter" in problem.message
    assert "'Just some text'" in problem.message  # what was found


def test_unclosed_front_matter_is_an_error(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, {"open.md": "---\ntitle: A\ndate: 2024-11-25\n"}), "content/open.md")
    assert problem.line == 1
    assert "no closing '---'" in problem.message


@pytest.mark.parametrize("content", ["", "\n\n  \n"], ids=["zero-bytes", "only-blank-lines"])
def test_an_empty_file_is_an_error(tmp_path: Path, content: str) -> None:
    problem = only_problem(load(tmp_path, {"empty.md": content}), "content/empty.md")
    assert problem.is_error
    assert problem.line == 1
    assert "empty" in problem.message


def test_empty_front_matter_names_the_required_fields(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, {"e.md": "---\n---\nBody\n"}), "content/e.md")
    assert "title, date and topic" in problem.message


@pytest.mark.parametrize("missing", ["title", "date", "topic"])
def test_a_missing_required_field_is_reported_at_the_opening_dashes(tmp_path: Path, missing: str) -> None:
    fields = {"title": "A title", "date": "2024-11-25", "topic": "politics"}
    del fields[missing]
    text = "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items()) + "---\nBody\n"
    problem = only_problem(load(tmp_path, {"m.md": text}), "content/m.md")
    assert problem.line == 1
    assert problem.field == missing
    assert f"missing required field '{missing}'" in problem.message


def test_a_wrong_type_names_the_field_what_was_expected_and_what_was_found(tmp_path: Path) -> None:
    text = article(title="[1, 2]", priority="high", draft="maybe", tags="{a: 1}")
    result = load(tmp_path, {"types.md": text})
    by_field = {p.field: p for p in result.problems}
    assert by_field["title"].line == 2
    assert "must be text" in by_field["title"].message and "list [1, 2]" in by_field["title"].message
    assert by_field["priority"].line == 5
    assert "1 (top story)" in by_field["priority"].message and "string 'high'" in by_field["priority"].message
    assert by_field["draft"].line == 6
    assert "true or false" in by_field["draft"].message and "'maybe'" in by_field["draft"].message
    assert by_field["tags"].line == 7
    assert "list of strings" in by_field["tags"].message and "mapping" in by_field["tags"].message
    assert not result.articles


@pytest.mark.parametrize("value", ["yesterday", "25/11/2024", "2024-13-45", "2024-02-30", "2024-11-25T25:00"])
def test_an_unparseable_date_is_reported_on_the_date_line_with_the_value_found(tmp_path: Path, value: str) -> None:
    text = f"---\ntitle: A\ntopic: politics\ndate: {value}\n---\n"
    problem = only_problem(load(tmp_path, {"d.md": text}), "content/d.md")
    assert problem.line == 4
    assert problem.field == "date"
    assert "expected a date like 2024-11-25" in problem.message
    assert repr(value) in problem.message


def test_an_unknown_topic_suggests_the_closest_configured_topic(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, {"t.md": article(topic="politcs")}), "content/t.md")
    assert problem.line == 4
    assert problem.field == "topic"
    assert "unknown topic 'politcs'" in problem.message
    assert "did you mean 'politics'?" in problem.message
    assert "politics, defence, economy" in problem.message


def test_an_unknown_topic_far_from_any_key_lists_the_configured_topics(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, {"t.md": article(topic="gardening")}), "content/t.md")
    assert "did you mean" not in problem.message
    assert "politics, defence, economy" in problem.message


def test_an_unknown_field_is_a_warning_with_did_you_mean_and_the_article_is_kept(tmp_path: Path) -> None:
    result = load(tmp_path, {"u.md": article(sumary="A summary", mood="calm")})
    typo = next(p for p in result.problems if p.field == "sumary")
    other = next(p for p in result.problems if p.field == "mood")
    assert typo.severity == "warning" and typo.line == 5
    assert "unknown field 'sumary'" in typo.message and "did you mean 'summary'?" in typo.message
    assert other.severity == "warning" and "did you mean" not in other.message
    assert not result.errors
    assert result.articles[0].extra == {"sumary": "A summary", "mood": "calm"}


def test_a_field_written_twice_is_a_warning_and_the_last_value_wins(tmp_path: Path) -> None:
    text = "---\ntitle: First\ndate: 2024-11-25\ntopic: politics\ntitle: Second\n---\n"
    result = load(tmp_path, {"twice.md": text})
    problem = only_problem(result, "content/twice.md")
    assert problem.severity == "warning" and problem.line == 5 and problem.field == "title"
    assert "lines 2 and 5" in problem.message
    assert result.articles[0].title == "Second"
    assert result.articles[0].field_lines["title"] == 5


def test_non_utf8_bytes_are_reported_with_the_line_and_byte(tmp_path: Path) -> None:
    data = "---\ntitle: Café\ndate: 2024-11-25\ntopic: politics\n---\n".encode("latin-1")
    problem = only_problem(load(tmp_path, {"latin1.md": data}), "content/latin1.md")
    assert problem.line == 2
    assert "not valid UTF-8" in problem.message and "0xe9" in problem.message


def test_control_characters_in_front_matter_are_a_yaml_error_on_their_line(tmp_path: Path) -> None:
    text = "---\ntitle: A\ndate: 2024-11-25\ntopic: politics\nsource: bad\x07bell\n---\n"
    problem = only_problem(load(tmp_path, {"c.md": text}), "content/c.md")
    assert problem.line == 5
    assert "malformed YAML" in problem.message and "#x0007" in problem.message


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "//example.org/x",
        "example.org/news",
        "https://[::1/broken-ipv6",
        "https://",
    ],
)
def test_a_source_url_that_is_not_an_absolute_web_url_is_an_error(tmp_path: Path, url: str) -> None:
    text = article(source_url=f"'{url}'")
    problem = only_problem(load(tmp_path, {"u.md": text}), "content/u.md")
    assert problem.is_error and problem.line == 5 and problem.field == "source_url"
    assert "absolute http:// or https:// URL" in problem.message
    assert url[:20] in problem.message


def test_two_articles_with_the_same_url_are_each_reported_naming_the_other(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        {
            "a.md": article(slug="dup"),
            "sub/b.md": article(title="Another", date="2024-11-25 18:00", slug="dup"),
            "2024-11-25-dup.md": article(title="Third, from the file name"),
        },
    )
    assert len(result.errors) == 3
    for path in ("content/a.md", "content/sub/b.md", "content/2024-11-25-dup.md"):
        problem = only_problem(result, path)
        assert "/articles/2024/11/25/dup/" in problem.message
        others = {"content/a.md", "content/sub/b.md", "content/2024-11-25-dup.md"} - {path}
        assert all(other in problem.message for other in others)
    assert only_problem(result, "content/a.md").line == 5  # the slug line
    assert only_problem(result, "content/2024-11-25-dup.md").line == 1  # no slug field: the opening ---


def test_same_slug_on_different_briefing_days_is_not_a_collision(tmp_path: Path) -> None:
    result = load(tmp_path, {"a.md": article(slug="dup"), "b.md": article(date="2024-11-26", slug="dup")})
    assert result.problems == []


@pytest.mark.parametrize("slug", ["../x", "a/b", "Upper", "two--dashes", "-lead", "with space"])
def test_a_slug_that_is_not_a_plain_slug_is_an_error_with_a_suggestion(tmp_path: Path, slug: str) -> None:
    problem = only_problem(load(tmp_path, {"s.md": article(slug=f"'{slug}'")}), "content/s.md")
    assert problem.is_error and problem.line == 5 and problem.field == "slug"
    assert "plain slug" in problem.message and repr(slug) in problem.message


def test_every_problem_of_a_file_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = "---\ntitle: ''\ndate: someday\ntopic: nope\nsource_url: javascript:x\npriority: 7\n---\n"
    result = load(tmp_path, {"many.md": text})
    assert [(p.line, p.field) for p in result.problems] == [
        (2, "title"),
        (3, "date"),
        (4, "topic"),
        (5, "source_url"),
        (6, "priority"),
    ]


def test_a_broken_file_does_not_hide_the_good_ones(tmp_path: Path) -> None:
    result = load(tmp_path, {"bad.md": "---\ntitle: [\n---\n", "good.md": article()})
    assert [a.path for a in result.articles] == ["content/good.md"]
    assert [p.path for p in result.problems] == ["content/bad.md"]


def test_only_markdown_files_are_articles(tmp_path: Path) -> None:
    result = load(
        tmp_path, {"a.md": article(), "notes.txt": "not an article", "img.png": b"\x89PNG\r\n", "x.md.bak": "junk"}
    )
    assert result.files_read == 1 and not result.problems


# --- the command line ------------------------------------------------------------

BAD_SITE = {
    "b.md": article(topic="politcs"),
    "a.md": "---\ntitle: A\ndate: 2024-11-25\ntopic: politics\nsource_url: javascript:x\nmood: ok\n---\n",
    "sub/c.md": "no front matter\n",
    "z.md": article(title="Fine"),
}
PROBLEM_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<severity>error|warning): (?P<message>.+)$")


def test_check_prints_path_line_severity_message_sorted_then_a_summary(tmp_path: Path) -> None:
    run = run_check(check_site(tmp_path, BAD_SITE).config)
    assert run.exit_code == 1
    *problems, summary = run.lines
    parsed = [PROBLEM_LINE.match(line) for line in problems]
    assert all(parsed), problems
    where = [(m["path"], int(m["line"])) for m in parsed if m]
    assert where == [("content/a.md", 5), ("content/a.md", 6), ("content/b.md", 4), ("content/sub/c.md", 1)]
    assert [m["severity"] for m in parsed if m] == ["error", "warning", "error", "error"]
    assert summary == "1 article, 3 errors, 1 warning"
    assert "Traceback" not in run.output


def test_check_exits_zero_when_there_are_only_warnings(tmp_path: Path) -> None:
    run = run_check(check_site(tmp_path, {"a.md": article(mood="ok"), "b.md": article(title="B", slug="b")}).config)
    assert run.exit_code == 0
    assert run.lines[-1] == "2 articles, 0 errors, 1 warning"


def test_check_of_a_clean_site_prints_only_the_summary(tmp_path: Path) -> None:
    run = run_check(check_site(tmp_path, {"a.md": article()}).config)
    assert run.exit_code == 0
    assert run.lines == ["1 article, 0 errors, 0 warnings"]


def test_check_paths_are_relative_to_the_config_folder_when_run_from_elsewhere(tmp_path: Path) -> None:
    config = check_site(tmp_path / "site", BAD_SITE).config
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = run_check(Path("..") / "site" / "mkdocs.yml", cwd=elsewhere)
    assert run.exit_code == 1, run.output
    assert "content/sub/c.md:1: error: missing front matter" in run.output
    assert str(tmp_path) not in run.output and "../site" not in run.output
    assert "Traceback" not in run.output
    assert config.is_file()


def test_check_never_modifies_content_files(tmp_path: Path) -> None:
    config = check_site(tmp_path, BAD_SITE).config
    before = {p: p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    run_check(config)
    after = {p: p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    assert before == after


def test_check_with_a_missing_config_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    run = run_check(tmp_path / "nope.yml")
    assert run.exit_code == 1
    assert "no such configuration file" in run.output and "Traceback" not in run.output


def test_check_with_a_missing_content_dir_is_an_error(tmp_path: Path) -> None:
    config = check_site(tmp_path, {}).config
    (tmp_path / "content").rmdir()
    assert not (tmp_path / "content").exists()
    run = run_check(config)
    assert run.exit_code == 1
    assert "content: error: the content directory does not exist" in run.output
