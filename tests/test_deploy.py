"""``briefings deploy``: refuses outside git and with uncommitted sources; publishes to gh-pages."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from helpers import CliResult, run_cli

from briefings.scaffold import create_site

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Test Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def environment(home: Path) -> dict[str, str | None]:
    """Changes for every command here: a test git identity and ``HOME``; no ``SITE_URL``, no outer repository."""
    return {**GIT_ENV, "HOME": str(home), "SITE_URL": None, "GIT_DIR": None, "GIT_WORK_TREE": None}


def git(*args: str, cwd: Path, home: Path) -> str:
    env = {k: v for k, v in {**os.environ, **environment(home)}.items() if v is not None}
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def deploy(cwd: Path, home: Path, *args: str) -> CliResult:
    """``briefings deploy`` in-process; the git commands it runs inherit the test environment."""
    return run_cli("deploy", *args, cwd=cwd, env=environment(home))


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture()
def repo(tmp_path: Path, home: Path) -> Path:
    """A new site (``briefings init``) committed in a fresh git repository."""
    site = tmp_path / "site-repo"
    create_site(site, timezone="Europe/Paris")
    git("init", "-q", "-b", "main", cwd=site, home=home)
    git("add", "-A", cwd=site, home=home)
    git("commit", "-q", "-m", "New site", cwd=site, home=home)
    return site


def test_refuses_outside_a_git_repository(tmp_path: Path, home: Path) -> None:
    site = tmp_path / "no-git"
    create_site(site)
    result = deploy(site, home)
    assert result.exit_code == 1
    assert "not inside a git repository" in result.stderr
    assert "Traceback" not in result.output
    assert not (site / "site").exists()


def test_refuses_an_uncommitted_article(repo: Path, home: Path) -> None:
    (repo / "content" / "new.md").write_text(
        "---\ntitle: New\ndate: 2024-11-25\ntopic: world\n---\nText.\n", encoding="utf-8"
    )
    result = deploy(repo, home)
    assert result.exit_code == 1
    assert "uncommitted changes" in result.stderr and "content/new.md" in result.stderr
    assert "Traceback" not in result.output
    assert not (repo / "site").exists()


def test_refuses_a_modified_config(repo: Path, home: Path) -> None:
    with (repo / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\n# edited\n")
    result = deploy(repo, home)
    assert result.exit_code == 1
    assert "mkdocs.yml" in result.stderr and "Traceback" not in result.stderr


def test_refuses_when_the_check_fails(repo: Path, home: Path, tmp_path: Path) -> None:
    (repo / "content" / "bad.md").write_text("---\ntitle: Bad\ndate: someday\ntopic: world\n---\n", encoding="utf-8")
    git("add", "-A", cwd=repo, home=home)
    git("commit", "-q", "-m", "Bad article", cwd=repo, home=home)
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", str(origin), cwd=tmp_path, home=home)
    git("remote", "add", "origin", str(origin), cwd=repo, home=home)
    result = deploy(repo, home)
    assert result.exit_code == 1
    assert "content/" in result.stdout and "error" in result.stdout
    assert "Traceback" not in result.output
    assert "gh-pages" not in git("branch", "--list", cwd=origin, home=home)


def test_deploys_to_the_gh_pages_branch_of_origin(repo: Path, home: Path, tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", str(origin), cwd=tmp_path, home=home)
    git("remote", "add", "origin", str(origin), cwd=repo, home=home)
    (repo / "site").mkdir()  # an old build: ignored by .gitignore, so not an uncommitted change
    (repo / "site" / "stale.txt").write_text("old", encoding="utf-8")
    result = deploy(repo, home)
    assert result.exit_code == 0, result.output
    assert "gh-pages" in git("branch", "--list", cwd=origin, home=home)
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=origin, home=home).splitlines()
    assert {"index.html", "feed.xml", "atom.xml", "feed.json", ".nojekyll", "sitemap.xml"} <= set(files)
    assert "stale.txt" not in files
    assert not list(repo.glob(".briefings-*"))
    assert git("status", "--porcelain", cwd=repo, home=home) == ""
