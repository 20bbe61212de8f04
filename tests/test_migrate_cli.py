"""``briefings import --from``: options, detection of a site folder, and what is refused, without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_helpers import FIXTURES as IMPORT_FIXTURES
from import_helpers import ImportSite, import_site

from briefings.app.migrate import site_folder_kind
from briefings.importers.sites import detect_site
from briefings.importers.sites.common import read_loose_date, split_front_matter

MIGRATE = Path(__file__).parent / "fixtures" / "migrate"
JEKYLL = MIGRATE / "jekyll"


@pytest.fixture
def site(tmp_path: Path) -> ImportSite:
    return import_site(tmp_path / "site")


def test_each_kind_of_site_is_recognised_and_other_folders_are_not(tmp_path):
    assert detect_site(MIGRATE / "jekyll") == "jekyll"
    assert detect_site(MIGRATE / "hugo") == "hugo"
    assert detect_site(MIGRATE / "mkdocs-blog") == "mkdocs-blog"
    assert detect_site(IMPORT_FIXTURES) is None  # a folder of clippings: imported file by file
    briefings_site = import_site(tmp_path / "briefings-site")
    assert detect_site(briefings_site.root) is None  # mkdocs.yml without the blog plugin
    assert site_folder_kind([str(MIGRATE / "jekyll"), str(MIGRATE / "hugo")]) is None  # several paths: files
    assert detect_site(tmp_path / "missing") is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--topic-map", "politics"), "expected OLD=NEW (a category of the old site = a topic key), found 'politics'"),
        (("--topic-map", "Politics=elections"), "unknown topic 'elections'"),
        (("--topic", "sport"), "unknown topic 'sport'"),
        (("--date", "2024-01-01"), "--date cannot be used with a site: each post keeps its own date"),
        (("--url", "https://example.org/x"), "--url gives one article's address: it cannot be used with a site"),
        (("--tags", "a" * 61), "is 61 characters long; the limit is 60"),
    ],
)
def test_bad_options_are_refused_before_anything_is_read(site, args, message):
    result = site.run_import("--from", "jekyll", JEKYLL, *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output and site.files() == []


def test_from_takes_one_existing_folder(site, tmp_path):
    two = site.run_import("--from", "jekyll", JEKYLL, JEKYLL)
    assert two.exit_code == 2 and "--from takes one folder, the old site's; got 2 paths" in two.output
    missing = site.run_import("--from", "hugo", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "nowhere: no such folder" in missing.output
    empty = tmp_path / "empty"
    empty.mkdir()
    not_jekyll = site.run_import("--from", "jekyll", empty)
    assert not_jekyll.exit_code == 1
    assert f"error: {empty}: no _posts/ folder: this does not look like a Jekyll site with posts" in not_jekyll.output
    not_hugo = site.run_import("--from", "hugo", empty)
    assert not_hugo.exit_code == 1 and "no hugo.toml, hugo.yaml, config.toml" in not_hugo.output
    topic_map_alone = site.run_import(IMPORT_FIXTURES / "seed-article.txt", "--topic-map", "a=politics")
    assert topic_map_alone.exit_code == 2
    assert "--topic-map is for importing a site: --from jekyll|hugo|mkdocs-blog DIR" in topic_map_alone.output


def test_tags_and_source_apply_to_every_post(site):
    result = site.run_import(
        "--from", "jekyll", JEKYLL, "--topic", "politics", "--tags", "harbour town", "--source", "Field Notes"
    )
    assert result.exit_code == 0, result.output
    council = site.post(site.root / "content/2019/03/2019-03-05-council-delays-the-budget-vote-what-happens-next.md")
    assert council["tags"] == ["budget", "council", "harbour town"]
    assert council["source"] == "Field Notes"


def test_an_old_url_another_article_already_has_is_not_claimed_twice(site):
    site.write_article(
        "2018/12/older.md",
        title="An older story",
        date="2018-12-01",
        topic="politics",
        aliases=["2019/03/08/empty-front-matter.html"],
    )
    result = site.run_import("--from", "jekyll", JEKYLL, "--topic", "politics")
    assert result.exit_code == 0, result.output
    warning = (
        f"{JEKYLL}/_posts/2019-03-08-empty-front-matter.md: warning: old URL /2019/03/08/empty-front-matter.html"
        " is already claimed by content/2018/12/older.md: no redirect from it"
    )
    assert warning in result.output
    empty = site.post(site.root / "content/2019/03/2019-03-08-empty-front-matter.md")
    assert "aliases" not in empty.metadata
    check = site.briefings("check")
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-03-05", "2019-03-05"),
        ("2019-03-05 10:00:00 +0100", "2019-03-05T10:00:00+01:00"),
        ("2023-01-29 18:30:22 2023 -0800", "2023-01-29T18:30:22-08:00"),  # a real post: Ruby's Time.parse reads it
        ("2019-03-05 10:00:00 UTC", "2019-03-05T10:00:00+00:00"),
        ("Tue, 05 Mar 2019 10:00:00 +0100", "2019-03-05T10:00:00+01:00"),
        ("March 5, 2019", "2019-03-05"),
        ("2019/03/05 10:00", "2019-03-05T10:00:00"),
        ("next Tuesday", None),
    ],
)
def test_dates_written_as_the_old_generators_read_them(text, expected):
    found = read_loose_date(text)
    assert (found.isoformat() if found is not None else None) == expected


def test_front_matter_formats():
    yaml_post = split_front_matter("---\ntitle: A\n---\nBody\n", ("yaml", "toml", "json"))
    assert (yaml_post.fields, yaml_post.body, yaml_post.body_line) == ({"title": "A"}, "Body\n", 4)
    toml_post = split_front_matter('+++\ntitle = "B"\n+++\n\nBody\n', ("yaml", "toml", "json"))
    assert (toml_post.fields, toml_post.body_line) == ({"title": "B"}, 4)
    json_post = split_front_matter('{\n  "title": "C"\n}\nBody\n', ("yaml", "toml", "json"))
    assert (json_post.fields, json_post.body, json_post.body_line) == ({"title": "C"}, "Body\n", 4)
    none = split_front_matter("Just text.\n", ("yaml",))
    assert (none.fields, none.body, none.format) == ({}, "Just text.\n", "none")
    empty = split_front_matter("---\n---\nText\n", ("yaml",))
    assert (empty.fields, empty.body) == ({}, "Text\n")


def test_two_posts_with_one_title_on_one_day_are_two_articles(site, tmp_path):
    old = tmp_path / "weekly"
    (old / "_posts").mkdir(parents=True)
    for name in ("2021-05-03-links.md", "2021-05-03-links-again.md"):
        (old / "_posts" / name).write_text("---\ntitle: Weekly links\n---\nSome links.\n", encoding="utf-8")
    result = site.run_import("--from", "jekyll", old, "--topic", "politics")
    assert result.exit_code == 0, result.output
    assert site.relative_files() == [
        "content/2021/05/2021-05-03-weekly-links-2.md",
        "content/2021/05/2021-05-03-weekly-links.md",
    ]
    again = site.run_import("--from", "jekyll", old, "--topic", "politics")
    assert again.lines[-1] == "0 imported, 2 skipped (2 duplicates), 0 warnings"


def test_lists_of_kramdown_and_goldmark_read_the_same_in_python_markdown():
    import markdown

    from briefings.importers.sites.markdown import normalise_lists

    source = "Steps:\n1. Install\n   - the tool\n2. Run it\n\n   ```sh\n   make all\n   ```\n3. Done\n"
    before = markdown.markdown(source, extensions=["fenced_code"])
    assert "<ol>" not in before  # Python-Markdown reads the list into the paragraph
    after = markdown.markdown(normalise_lists(source, indented_code=True), extensions=["fenced_code"])
    assert after == (
        "<p>Steps:</p>\n<ol>\n<li>Install<ul>\n<li>the tool</li>\n</ul>\n</li>\n<li>\n<p>Run it</p>\n"
        "<pre><code>make all\n</code></pre>\n</li>\n<li>\n<p>Done</p>\n</li>\n</ol>"
    )
