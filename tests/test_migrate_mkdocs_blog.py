"""``briefings import --from mkdocs-blog``: the posts of a Material for MkDocs blog become articles.

The fixture (``tests/fixtures/migrate/mkdocs-blog/``) is a small MkDocs site with
Material's blog plugin: ``!ENV`` and ``!!python/name:`` tags in ``mkdocs.yml``, a
custom ``post_url_format`` with categories, ``.authors.yml``, a post in a
sub-folder with ``date: {created: …}`` and a ``slug``, titles from the first
heading and from the file name, a draft, a naive time (UTC to Material), a post
without front matter, admonitions, content tabs, marks, icons and a code block
title. A test builds the fixture with MkDocs and Material themselves and checks
that every old URL is a page they wrote.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import frontmatter
import pytest
from helpers import run_mkdocs
from import_helpers import ImportSite, import_site

from briefings.importers.sites.slugs import material_slugify, mkdocs_title_from_name
from briefings.redirects import alias_file

FIXTURE = Path(__file__).parent / "fixtures" / "migrate" / "mkdocs-blog"
WELCOME = "content/2024/01/2024-01-10-welcome-to-the-handbook-blog.md"
ELECTIONS = "content/2024/02/2024-02-01-how-we-cover-the-local-elections.md"


@pytest.fixture
def site(tmp_path: Path) -> ImportSite:
    return import_site(tmp_path / "site", topics={})  # topics come from the categories


def migrate(site: ImportSite, folder: Path = FIXTURE, *args: str):
    return site.run_import("--from", "mkdocs-blog", folder, *args)


def by_old_url(site: ImportSite) -> dict[str, frontmatter.Post]:
    return {site.post(p)["aliases"][0]: site.post(p) for p in site.files()}


def copy_fixture(tmp_path: Path, blog_options: str | None = None) -> Path:
    """The fixture in a folder of its own; ``blog_options`` replaces the blog plugin's options (YAML lines)."""
    folder = tmp_path / "old-site"
    shutil.copytree(FIXTURE, folder)
    if blog_options is not None:
        config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
        start = config.index("  - blog:")
        end = config.index("markdown_extensions:")
        (folder / "mkdocs.yml").write_text(config[:start] + blog_options + config[end:], encoding="utf-8")
    return folder


def test_every_post_is_imported_or_skipped_with_its_title_date_and_old_url(site):
    result = migrate(site)
    assert result.exit_code == 1, result.output  # the post without front matter failed
    posts = by_old_url(site)
    assert sorted(posts) == [
        "blog/announcements/2024/01/welcome-to-the-handbook-blog/",
        "blog/announcements/2024/02/the-new-weekend-rota/",
        "blog/announcements/2024/03/title-from-file/",
        "blog/politics/2024/02/local-elections-2024/",
    ]
    welcome = posts["blog/announcements/2024/01/welcome-to-the-handbook-blog/"]
    assert (welcome["title"], welcome["date"], welcome["topic"]) == (
        "Welcome to the handbook blog",  # from the first heading, which leaves the body
        __import__("datetime").date(2024, 1, 10),
        "announcements",
    )
    assert (welcome["author"], welcome["tags"]) == ("Ana Ruiz", ["handbook"])
    assert welcome["summary"] == "We will post changes to how the newsroom works here, with the reasons behind them."
    assert not welcome.content.startswith("# Welcome")
    elections = posts["blog/politics/2024/02/local-elections-2024/"]
    assert elections["date"] == "2024-02-01T09:30:00+01:00"  # date: {created: …}
    assert (elections["author"], elections["topic"]) == ("Ana Ruiz and Tom Becker", "politics")
    assert elections["summary"] == "How we cover the local elections, from polling day to the count."
    assert elections["tags"] == ["elections", "guide"]  # the category Elections is the tag elections
    assert posts["blog/announcements/2024/02/the-new-weekend-rota/"]["draft"] is True
    # no heading: MkDocs' title from the file name; a naive time is UTC (Material's rule)
    untitled = posts["blog/announcements/2024/03/title-from-file/"]
    assert (untitled["title"], untitled["date"]) == ("Title from file", "2024-03-31T23:30:00+00:00")
    output = result.output
    assert f"{FIXTURE}/docs/blog/posts/title-from-file.md: warning: no title: 'Title from file'" in output
    assert f"{FIXTURE}/docs/blog/posts/no-front-matter.md: error: skipped (no front matter:" in output
    assert result.lines[-1].startswith("4 imported, 1 skipped (1 no date), ")
    check = site.briefings("check")
    assert check.exit_code == 0, check.output


def test_material_syntax_is_converted_for_a_site_without_the_extensions(site):
    result = migrate(site)
    body = site.post(site.root / WELCOME).content
    assert "> **Where to send ideas**\n>\n> Write to the editors' channel, or reply to any post." in body
    assert (
        "**Reporters**\n\nRead the [election guide](../02/2024-02-01-how-we-cover-the-local-elections.md) first."
        in body
    )
    assert "Check the <mark>new rota</mark> every Monday" in body
    assert '```python\nprint("Monday")\n```' in body
    assert f"{FIXTURE}/docs/blog/posts/welcome.md:28: warning: icon shortcodes (:material-…:)" in result.output
    assert f"{FIXTURE}/docs/blog/posts/welcome.md:30: warning: code block title 'rota.py' dropped" in result.output
    elections = site.post(site.root / ELECTIONS).content
    assert "> **Checklist for the count**\n>\n> - Press pass\n> - Charger" in elections


def test_material_syntax_is_kept_when_the_new_site_reads_it(tmp_path):
    site = import_site(tmp_path / "site", topics={})
    extensions = "markdown_extensions:\n  - admonition\n  - pymdownx.details\n  - pymdownx.superfences\n"
    site.config.write_text(site.config.read_text(encoding="utf-8") + extensions, encoding="utf-8")
    result = migrate(site)
    body = site.post(site.root / WELCOME).content
    assert '!!! note "Where to send ideas"\n\n    Write to the editors\' channel' in body
    assert '``` python title="rota.py"' in body and "code block title" not in result.output
    elections = site.post(site.root / ELECTIONS).content
    assert '??? tip "Checklist for the count"' in elections


def test_pictures_are_copied_next_to_the_article(site):
    migrate(site)
    welcome = site.post(site.root / WELCOME).content
    assert "![The team in January](2024-01-10-welcome-to-the-handbook-blog/team.png)" in welcome
    team = site.root / "content/2024/01/2024-01-10-welcome-to-the-handbook-blog/team.png"
    assert team.read_bytes() == (FIXTURE / "docs/blog/posts/welcome/team.png").read_bytes()
    elections = site.post(site.root / ELECTIONS).content
    assert "![logo](2024-02-01-how-we-cover-the-local-elections/logo.png)" in elections  # ../../../assets/logo.png
    assert "The [handbook](https://docs.example.com/handbook/#team-handbook) has the contacts." in elections
    assert [p.format() for p in site.load().problems] == []


def test_dry_run_and_second_run(site):
    dry = migrate(site, FIXTURE, "--dry-run")
    assert site.files() == [] and dry.lines[-1].startswith("4 would be imported, 1 skipped (1 no date)")
    migrate(site)
    again = migrate(site)
    assert again.lines[-1].startswith("0 imported, 5 skipped (4 duplicates, 1 no date)")


def test_material_defaults_without_options(site, tmp_path):
    folder = copy_fixture(tmp_path, "  - blog\n")
    assert migrate(site, folder).exit_code == 1
    assert sorted(by_old_url(site)) == [
        "blog/2024/01/10/welcome-to-the-handbook-blog/",
        "blog/2024/02/01/local-elections-2024/",
        "blog/2024/02/20/the-new-weekend-rota/",
        "blog/2024/03/31/title-from-file/",
    ]


def test_a_blog_at_the_site_root_without_directory_urls(site, tmp_path):
    folder = copy_fixture(tmp_path, '  - blog:\n      blog_dir: .\n      post_url_format: "{slug}"\n')
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    (folder / "docs/blog/posts").rename(folder / "docs/posts")
    assert migrate(site, folder).exit_code == 1
    assert sorted(by_old_url(site)) == [
        "local-elections-2024.html",
        "the-new-weekend-rota.html",
        "title-from-file.html",
        "welcome-to-the-handbook-blog.html",
    ]


def test_a_folder_with_a_material_blog_is_recognised_without_from(site):
    result = site.run_import(FIXTURE, "--dry-run")
    assert result.lines[0] == f"{FIXTURE}: a Material for MkDocs blog site"


def test_material_slugify_and_mkdocs_titles():
    assert material_slugify("How we're transforming Material for MkDocs") == "how-were-transforming-material-for-mkdocs"
    assert material_slugify("Äpfel & Birnen <em>2024</em>") == "äpfel--birnen-2024"  # each space is a separator
    assert mkdocs_title_from_name("my-first_post") == "My first post"
    assert mkdocs_title_from_name("ReadMe-First") == "ReadMe First"


def test_every_old_url_is_a_page_material_itself_wrote(site, tmp_path):
    """The fixture built by MkDocs with Material's blog (drafts included): each alias is one of its files."""
    folder = copy_fixture(
        tmp_path,
        '  - blog:\n      post_url_format: "{categories}/{date}/{slug}"\n      post_url_date_format: yyyy/MM\n'
        "      draft: true\n",
    )
    (folder / "docs/blog/posts/no-front-matter.md").unlink()  # Material refuses it
    built = run_mkdocs("build", "-q", "-f", folder / "mkdocs.yml", "-d", tmp_path / "built")
    assert built.exit_code == 0, built.output
    assert migrate(site, folder).exit_code == 0
    aliases = [alias for post in by_old_url(site).values() for alias in post["aliases"]]
    assert len(aliases) == 4
    for alias in aliases:
        assert (tmp_path / "built" / alias_file(alias)).is_file(), alias
    assert os.path.isdir(tmp_path / "built" / "blog")
