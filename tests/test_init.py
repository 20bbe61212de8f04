"""``briefings init DIR``: a new site that builds with --strict and shows its example article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import run_cli
from mkdocs.config import load_config

from briefings.scaffold import NewSite, create_site, site_name_from, target_path


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    parent = tmp_path_factory.mktemp("init")
    result = run_cli("init", "my-world_briefing", "--timezone", "Europe/Paris", cwd=parent)
    assert result.exit_code == 0, result.output
    return parent / "my-world_briefing"


def test_init_writes_every_part_of_a_site(new_site: Path) -> None:
    for path in [
        "mkdocs.yml",
        "docs/about.md",
        "theme/main.html",
        "theme/stylesheets/site.css",
        ".github/workflows/publish.yml",
        ".gitignore",
        "requirements.txt",
    ]:
        assert (new_site / path).is_file(), path
    articles = list((new_site / "content").rglob("*.md"))
    assert len(articles) == 1
    today = dt.datetime.now(ZoneInfo("Europe/Paris")).date()
    # The example is dated today in the chosen zone (allowing for a test run across midnight).
    assert articles[0].name in {f"{d:%Y-%m-%d}-welcome.md" for d in (today, today - dt.timedelta(days=1))}
    text = articles[0].read_text(encoding="utf-8")
    for field in ("title:", "date:", "topic:", "summary:", "source:", "source_url:", "tags:", "priority:", "author:"):
        assert f"\n{field}" in text, field
    assert "site/" in (new_site / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert '{% extends "briefings-main.html" %}' in (new_site / "theme/main.html").read_text(encoding="utf-8")


def test_config_has_name_url_and_timezone(new_site: Path) -> None:
    config = load_config(config_file=str(new_site / "mkdocs.yml"))
    assert config.site_name == "My World Briefing"
    assert config.site_url == "https://example.github.io/my-world-briefing/"
    assert config.theme.custom_dir == str(new_site / "theme")
    assert str(config.plugins["briefings"].config.timezone) == "Europe/Paris"


def test_new_site_builds_strict_and_home_shows_the_example(new_site: Path) -> None:
    result = run_cli("build", "--strict", cwd=new_site)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output.lower()
    home = (new_site / "site" / "index.html").read_text(encoding="utf-8")
    assert "Welcome to My World Briefing" in home
    assert "stylesheets/site.css" in home and (new_site / "site" / "stylesheets" / "site.css").is_file()
    assert (new_site / "site" / "about" / "index.html").is_file()
    assert "https://example.github.io/my-world-briefing/" in (new_site / "site" / "feed.xml").read_text(
        encoding="utf-8"
    )


def test_site_url_comes_from_the_environment_when_set(new_site: Path) -> None:
    result = run_cli(
        "build", "--strict", "-d", "env-site", cwd=new_site, env={"SITE_URL": "https://someone.github.io/news/"}
    )
    assert result.exit_code == 0, result.output
    assert "<link>https://someone.github.io/news/</link>" in (new_site / "env-site" / "feed.xml").read_text(
        encoding="utf-8"
    )


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("init", "busy", cwd=tmp_path)
    assert result.exit_code == 1
    assert "not empty" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_init_accepts_an_empty_folder_and_refuses_a_bad_timezone(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run_cli("init", "empty", cwd=tmp_path).exit_code == 0
    assert (tmp_path / "empty" / "mkdocs.yml").is_file()
    result = run_cli("init", "other", "--timezone", "Europe/Pariss", cwd=tmp_path)
    assert result.exit_code == 1 and "Europe/Paris" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "other").exists()


def test_a_name_with_yaml_specials_still_builds(tmp_path: Path) -> None:
    written = create_site(
        tmp_path / "s", site_name='News: "Daily" & <more> #1', now=dt.datetime(2024, 11, 25, 9, 30, tzinfo=dt.UTC)
    )
    assert tmp_path / "s" / "content/2024/11/2024-11-25-welcome.md" in written
    result = run_cli("build", "--strict", cwd=tmp_path / "s")
    assert result.exit_code == 0, result.output
    assert load_config(config_file=str(tmp_path / "s" / "mkdocs.yml")).site_name == 'News: "Daily" & <more> #1'
    assert (tmp_path / "s" / "site" / "articles/2024/11/25/welcome/index.html").is_file()


def test_names_and_paths() -> None:
    assert site_name_from(Path("/x/my-world_briefing")) == "My World Briefing"
    assert site_name_from(Path("/x/NATO-watch")) == "NATO Watch"
    site = NewSite(Path("/x/s"), "S", ZoneInfo("UTC"), dt.datetime(2024, 1, 2, tzinfo=dt.UTC))
    assert target_path("gitignore", site) == ".gitignore"
    assert target_path("mkdocs.yml.tmpl", site) == "mkdocs.yml"
    assert target_path("content/example.md.tmpl", site) == "content/2024/01/2024-01-02-welcome.md"
    assert target_path(".github/workflows/publish.yml", site) == ".github/workflows/publish.yml"
