"""``briefings init DIR``: a new site that builds with --strict and shows its example article."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from helpers import run_cli
from mkdocs.config import load_config
from packaging.requirements import Requirement

from briefings import scaffold
from briefings.errors import InitRefused
from briefings.scaffold import (
    PLACEHOLDER_REQUIREMENT,
    NewSite,
    create_site,
    installed_requirement,
    requirement_from_direct_url,
    requirement_from_option,
    site_name_from,
    target_path,
)


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


# --- requirements.txt: where the publish workflow gets Briefings ---------------------------


def requirement_lines(site: Path) -> list[str]:
    """The requirement lines of ``requirements.txt`` (comments left out), each checked as PEP 508."""
    text = (site / "requirements.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for line in lines:
        assert Requirement(line).name.lower() == "briefings", line
    return lines


def test_an_editable_install_writes_a_placeholder_and_warns(tmp_path: Path) -> None:
    # The tests run Briefings from its source folder (pip install -e): GitHub cannot install that.
    result = run_cli("init", "news", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert requirement_lines(tmp_path / "news") == [PLACEHOLDER_REQUIREMENT]
    text = (tmp_path / "news" / "requirements.txt").read_text(encoding="utf-8")
    assert "briefings==0.1.0" not in text
    assert "# TO DO: Briefings is installed from a folder on this computer" in text
    assert "#   briefings @ git+https://github.com/OWNER/briefings@v0.1.0" in text
    assert result.stderr.startswith("warning: requirements.txt: Briefings is installed from a folder on this computer")
    assert "--briefings-requirement" in result.stderr and "Traceback" not in result.output
    assert "Settings > Pages > Source to 'GitHub Actions'" in result.stdout


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("git+https://github.com/newsroom/briefings@v0.1.0", "briefings @ git+https://github.com/newsroom/briefings@v0.1.0"),
        ("briefings @ git+https://github.com/newsroom/briefings@4f2a9c1", "briefings @ git+https://github.com/newsroom/briefings@4f2a9c1"),
        ("https://github.com/newsroom/briefings/archive/refs/tags/v0.1.0.tar.gz", "briefings @ https://github.com/newsroom/briefings/archive/refs/tags/v0.1.0.tar.gz"),
        ("  briefings==0.2.0 ", "briefings==0.2.0"),
        ("Briefings>=0.1,<0.3", "Briefings>=0.1,<0.3"),
    ],
)  # fmt: skip
def test_briefings_requirement_option_is_written_as_given(tmp_path: Path, given: str, written: str) -> None:
    result = run_cli("init", "news", "--briefings-requirement", given, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no warning
    assert requirement_lines(tmp_path / "news") == [written]
    assert "replace-me.invalid" not in (tmp_path / "news" / "requirements.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("../briefings", "is on this computer"),
        ("/home/editor/src/briefings", "is on this computer"),
        ("dist/briefings-0.1.0-py3-none-any.whl", "is on this computer"),
        ("briefings-0.1.0.tar.gz", "is on this computer"),
        ("file:///home/editor/briefings-0.1.0-py3-none-any.whl", "is on this computer"),
        ("briefings @ file:///home/editor/src/briefings", "is on this computer"),
        ("git+file:///home/editor/src/briefings@main", "is on this computer"),
        ("-e git+https://github.com/newsroom/briefings@v0.1.0", "is a pip option"),
        ("mkdocs-briefings==1.0", "names the project 'mkdocs-briefings', not briefings"),
        ("", "one requirement on one line"),
        ("briefings==0.1.0\nevil==1.0", "one requirement on one line"),
    ],
)
def test_briefings_requirement_github_cannot_use_is_refused(tmp_path: Path, given: str, message: str) -> None:
    result = run_cli("init", "news", "--briefings-requirement", given, cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: --briefings-requirement: ") and message in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "news").exists()  # nothing written


#: PEP 610 records (direct_url.json) as pip writes them for each way of installing.
GIT_HTTPS = {
    "url": "https://github.com/newsroom/briefings.git",
    "vcs_info": {"vcs": "git", "commit_id": "4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39", "requested_revision": "v0.1.0"},
}
ARCHIVE_HTTPS = {
    "url": "https://github.com/newsroom/briefings/archive/refs/tags/v0.1.0.tar.gz",
    "archive_info": {"hashes": {"sha256": "9" * 64}, "hash": "sha256=" + "9" * 64},
}


@pytest.mark.parametrize(
    ("direct_url", "line"),
    [
        (None, "briefings==0.1.0"),
        (GIT_HTTPS, "briefings @ git+https://github.com/newsroom/briefings.git@4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39"),
        (
            {**GIT_HTTPS, "url": "https://editor:s3cret@github.com/newsroom/briefings.git"},
            "briefings @ git+https://github.com/newsroom/briefings.git@4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39",
        ),
        (ARCHIVE_HTTPS, f"briefings @ {ARCHIVE_HTTPS['url']}#sha256={'9' * 64}"),
        (  # the older form of the hash
            {**ARCHIVE_HTTPS, "archive_info": {"hash": "sha256=" + "a" * 64}},
            f"briefings @ {ARCHIVE_HTTPS['url']}#sha256={'a' * 64}",
        ),
    ],
)  # fmt: skip
def test_an_origin_github_can_reach_is_written_pinned(direct_url: dict[str, Any] | None, line: str) -> None:
    requirement = requirement_from_direct_url(direct_url, "0.1.0")
    assert requirement.line == line and requirement.problem is None and requirement.warning() is None
    assert Requirement(requirement.line).name == "briefings"
    assert "s3cret" not in requirement.text()
    if direct_url is GIT_HTTPS:
        assert "from git+https://github.com/newsroom/briefings.git@v0.1.0" in requirement.text()


@pytest.mark.parametrize(
    ("direct_url", "problem"),
    [
        ({"url": "file:///home/editor/src/briefings", "dir_info": {"editable": True}}, "from a folder on this"),
        ({"url": "file:///home/editor/src/briefings", "dir_info": {}}, "from a folder on this computer"),
        ({"url": "file:///tmp/briefings-0.1.0-py3-none-any.whl", "archive_info": {}}, "from a file on this computer"),
        ({**GIT_HTTPS, "url": "ssh://git@github.com/newsroom/briefings.git"}, "which GitHub cannot fetch"),
        ({**GIT_HTTPS, "url": "file:///home/editor/src/briefings"}, "which GitHub cannot fetch"),
        ({"url": "https://example.org/x"}, "is not known"),
    ],
)  # fmt: skip
def test_an_origin_github_cannot_reach_gives_the_placeholder(direct_url: dict[str, Any], problem: str) -> None:
    requirement = requirement_from_direct_url(direct_url, "0.1.0")
    assert requirement.line == PLACEHOLDER_REQUIREMENT and problem in (requirement.problem or "")
    assert requirement.text().endswith("\n" + PLACEHOLDER_REQUIREMENT)
    assert requirement.text().startswith("# TO DO: ") and problem in (requirement.warning() or "")


@dataclass
class FakeDistribution:
    """What :func:`installed_requirement` reads of an installed distribution."""

    version: str
    direct_url: str | None

    def read_text(self, name: str) -> str | None:
        return self.direct_url if name == "direct_url.json" else None


def test_the_installed_origin_is_read_past_a_leftover_egg_info(monkeypatch: pytest.MonkeyPatch) -> None:
    found: list[FakeDistribution] = []
    monkeypatch.setattr(scaffold.metadata, "distributions", lambda name: list(found))
    # A source folder's briefings.egg-info (no PEP 610 record) first on sys.path, then the installed one.
    found[:] = [FakeDistribution("0.1.0", None), FakeDistribution("0.1.0", json.dumps(GIT_HTTPS))]
    assert installed_requirement().line.startswith("briefings @ git+https://github.com/newsroom/briefings.git@4f2a9c1")
    found[:] = [FakeDistribution("0.2.0", None)]  # from a package index
    assert installed_requirement().line == "briefings==0.2.0"
    found[:] = [FakeDistribution("0.1.0", "{not json")]
    assert "unreadable" in (installed_requirement().problem or "")
    found[:] = []
    assert "not installed as a package" in (installed_requirement().problem or "")


def test_a_requirement_given_to_create_site_is_written(tmp_path: Path) -> None:
    create_site(tmp_path / "s", requirement=requirement_from_direct_url(GIT_HTTPS, "0.1.0"))
    assert requirement_lines(tmp_path / "s") == [
        "briefings @ git+https://github.com/newsroom/briefings.git@4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39"
    ]
    with pytest.raises(InitRefused):
        requirement_from_option("./briefings")
