"""``briefings deploy``: the gh-pages alternative to the publish workflow.

It refuses before building (exit 1, a message saying what to do, no traceback,
nothing built, no branch made): without git or outside a repository, while a workflow
publishes the site, without the remote, with a placeholder or missing ``site_url``,
with uncommitted sources, when the check fails. A push that fails anyway leaves the
local gh-pages branch as it was.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from helpers import CliResult, run_cli

from briefings.app.deploy import is_placeholder_url
from briefings.scaffold import create_site

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Test Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}
PLACEHOLDER_URL = "https://example.github.io/site-repo/"  # what `init` writes for a folder named site-repo
REAL_URL = "https://editor.github.io/site-repo/"


def environment(home: Path) -> dict[str, str | None]:
    """Changes for every command here: a test git identity and ``HOME``; no ``SITE_URL``, no outer repository."""
    return {**GIT_ENV, "HOME": str(home), "SITE_URL": None, "GIT_DIR": None, "GIT_WORK_TREE": None}


def git(*args: str, cwd: Path, home: Path) -> str:
    env = {k: v for k, v in {**os.environ, **environment(home)}.items() if v is not None}
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def deploy(cwd: Path, home: Path, *args: str, env: dict[str, str | None] | None = None) -> CliResult:
    """``briefings deploy`` in-process; the git commands it runs inherit the test environment.

    ``run_cli`` re-raises any exception, so a traceback fails the test by itself.
    """
    return run_cli("deploy", *args, cwd=cwd, env={**environment(home), **(env or {})})


def local_branches(repo: Path, home: Path) -> list[str]:
    return git("branch", "--list", "--format=%(refname:short)", cwd=repo, home=home).split()


def assert_refused(result: CliResult, repo: Path, home: Path, *phrases: str) -> None:
    """Exit 1, every phrase in the message, no traceback, nothing built, no gh-pages branch made."""
    assert result.exit_code == 1, result.output
    for phrase in phrases:
        assert phrase in result.stderr, (phrase, result.stderr)
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.output
    assert not (repo / "site").exists()
    assert "gh-pages" not in local_branches(repo, home)


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture()
def origin(tmp_path: Path, home: Path) -> Path:
    """An empty bare repository: the "GitHub" of these tests."""
    folder = tmp_path / "origin.git"
    git("init", "-q", "--bare", str(folder), cwd=tmp_path, home=home)
    return folder


@pytest.fixture()
def repo(tmp_path: Path, home: Path) -> Path:
    """A new site (``briefings init``, so with its publish workflow) committed in a fresh repository, no remote."""
    site = tmp_path / "site-repo"
    create_site(site, timezone="Europe/Paris")
    git("init", "-q", "-b", "main", cwd=site, home=home)
    git("add", "-A", cwd=site, home=home)
    git("commit", "-q", "-m", "New site", cwd=site, home=home)
    return site


def set_site_url(repo: Path, home: Path, url: str) -> None:
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert PLACEHOLDER_URL in text
    config.write_text(text.replace(PLACEHOLDER_URL, url), encoding="utf-8")
    git("commit", "-q", "-am", "The real address", cwd=repo, home=home)


@pytest.fixture()
def ready(repo: Path, home: Path, origin: Path) -> Path:
    """A site that publishes with ``deploy``: a remote, its real address, and no workflow."""
    git("remote", "add", "origin", str(origin), cwd=repo, home=home)
    set_site_url(repo, home, REAL_URL)
    git("rm", "-q", ".github/workflows/publish.yml", cwd=repo, home=home)
    git("commit", "-q", "-m", "Publish with briefings deploy", cwd=repo, home=home)
    return repo


# --- refusals ------------------------------------------------------------------------------


def test_refuses_outside_a_git_repository(tmp_path: Path, home: Path) -> None:
    site = tmp_path / "no-git"
    create_site(site)
    result = deploy(site, home)
    assert result.exit_code == 1
    assert "not inside a git repository" in result.stderr
    assert "Traceback" not in result.output
    assert not (site / "site").exists()


def test_refuses_without_git(repo: Path, home: Path, tmp_path: Path) -> None:
    no_tools = tmp_path / "empty-bin"
    no_tools.mkdir()
    result = deploy(repo, home, env={"PATH": str(no_tools)})
    assert result.exit_code == 1
    assert result.stderr == "error: git is not installed: deploying needs git\n"
    assert not (repo / "site").exists()


def test_refuses_while_the_workflow_publishes_the_site(repo: Path, home: Path, origin: Path) -> None:
    git("remote", "add", "origin", str(origin), cwd=repo, home=home)
    result = deploy(repo, home)
    assert_refused(
        result, repo, home, "published by the GitHub Actions workflow .github/workflows/publish.yml", "'git push'",
        "briefings deploy --gh-pages",
    )  # fmt: skip
    assert git("branch", "--list", cwd=origin, home=home) == ""


@pytest.mark.parametrize(
    ("name", "steps", "refused"),
    [
        ("site.yaml", "      - uses: actions/deploy-pages@v4\n", True),  # renamed, still a Pages publisher
        ("tests.yml", "      - run: pytest\n", False),  # another workflow does not publish
    ],
)
def test_any_workflow_that_deploys_pages_counts(ready: Path, home: Path, name: str, steps: str, refused: bool) -> None:
    workflow = ready / ".github" / "workflows" / name
    workflow.parent.mkdir(parents=True, exist_ok=True)
    workflow.write_text(f"on: push\njobs:\n  go:\n    runs-on: ubuntu-latest\n    steps:\n{steps}", encoding="utf-8")
    git("add", "-A", cwd=ready, home=home)
    git("commit", "-q", "-m", "A workflow", cwd=ready, home=home)
    result = deploy(ready, home)
    if refused:
        assert_refused(result, ready, home, f".github/workflows/{name}", "--gh-pages")
    else:
        assert result.exit_code == 0, result.output


def test_refuses_without_the_remote_before_building(ready: Path, home: Path) -> None:
    git("remote", "remove", "origin", cwd=ready, home=home)
    result = deploy(ready, home)
    assert_refused(result, ready, home, "the git remote 'origin' does not exist", "git remote add origin")


def test_the_remote_is_the_one_mkdocs_yml_names(ready: Path, home: Path) -> None:
    with (ready / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("remote_name: github\n")
    git("commit", "-q", "-am", "Push to the remote named github", cwd=ready, home=home)
    result = deploy(ready, home)
    assert_refused(result, ready, home, "the git remote 'github' does not exist", "git remote add github")


def test_refuses_the_placeholder_site_url(repo: Path, home: Path, origin: Path) -> None:
    git("remote", "add", "origin", str(origin), cwd=repo, home=home)
    result = deploy(repo, home, "--gh-pages")
    assert_refused(result, repo, home, f"site_url is {PLACEHOLDER_URL}, a placeholder address", "USER.github.io")
    assert "feeds" in result.stderr
    # The way out the message offers for a one-off: SITE_URL, which mkdocs.yml reads with !ENV.
    result = deploy(repo, home, "--gh-pages", env={"SITE_URL": REAL_URL})
    assert result.exit_code == 0, result.output
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=origin, home=home).splitlines()
    feed = git("show", "gh-pages:feed.xml", cwd=origin, home=home)
    assert "index.html" in files and REAL_URL in feed and PLACEHOLDER_URL not in feed


def test_refuses_a_missing_site_url(ready: Path, home: Path) -> None:
    config = ready / "mkdocs.yml"
    config.write_text(
        "".join(line for line in config.read_text(encoding="utf-8").splitlines(True) if "site_url:" not in line),
        encoding="utf-8",
    )
    git("commit", "-q", "-am", "No address", cwd=ready, home=home)
    result = deploy(ready, home)
    assert_refused(result, ready, home, "mkdocs.yml has no site_url")


@pytest.mark.parametrize(
    ("url", "placeholder"),
    [
        ("https://example.github.io/news/", True),
        ("https://EXAMPLE.GitHub.io/news/", True),
        ("https://example.com/", True),
        ("https://news.example.org/briefing/", True),
        ("http://localhost:8000/", True),
        ("http://127.0.0.1:8000/", True),
        ("https://briefing.test/", True),
        ("https://site.invalid/", True),
        ("not a url", True),
        ("https://editor.github.io/news/", False),
        ("https://news.example-media.com/", False),
        ("https://briefing.lemonde.fr/", False),
        ("https://examples.github.io/x/", False),
    ],
)
def test_placeholder_addresses(url: str, placeholder: bool) -> None:
    assert is_placeholder_url(url) is placeholder


def test_refuses_an_uncommitted_article(ready: Path, home: Path) -> None:
    (ready / "content" / "new.md").write_text(
        "---\ntitle: New\ndate: 2024-11-25\ntopic: world\n---\nText.\n", encoding="utf-8"
    )
    result = deploy(ready, home)
    assert_refused(result, ready, home, "uncommitted changes", "content/new.md")


def test_refuses_a_modified_config(ready: Path, home: Path) -> None:
    with (ready / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\n# edited\n")
    result = deploy(ready, home)
    assert_refused(result, ready, home, "uncommitted changes", "mkdocs.yml")


def test_names_every_problem_at_once(ready: Path, home: Path) -> None:
    git("remote", "remove", "origin", cwd=ready, home=home)
    config = ready / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(REAL_URL, "https://example.com/"), encoding="utf-8")
    result = deploy(ready, home)
    assert_refused(
        result, ready, home, "nothing was deployed:", "- the git remote 'origin' does not exist",
        "- site_url is https://example.com/", "- uncommitted changes", " M mkdocs.yml",
    )  # fmt: skip


def test_refuses_when_the_check_fails(ready: Path, home: Path, origin: Path) -> None:
    (ready / "content" / "bad.md").write_text("---\ntitle: Bad\ndate: someday\ntopic: world\n---\n", encoding="utf-8")
    git("add", "-A", cwd=ready, home=home)
    git("commit", "-q", "-m", "Bad article", cwd=ready, home=home)
    result = deploy(ready, home)
    assert result.exit_code == 1
    assert "content/" in result.stdout and "error" in result.stdout
    assert "Traceback" not in result.output
    assert "gh-pages" not in git("branch", "--list", cwd=origin, home=home)
    assert "gh-pages" not in local_branches(ready, home)


# --- publishing ----------------------------------------------------------------------------


def test_deploys_to_the_gh_pages_branch_of_origin(ready: Path, home: Path, origin: Path) -> None:
    (ready / "site").mkdir()  # an old build: ignored by .gitignore, so not an uncommitted change
    (ready / "site" / "stale.txt").write_text("old", encoding="utf-8")
    result = deploy(ready, home)
    assert result.exit_code == 0, result.output
    assert "Deployed 1 article to the 'gh-pages' branch of 'origin'." in result.stdout
    assert "gh-pages" in git("branch", "--list", cwd=origin, home=home)
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=origin, home=home).splitlines()
    assert {"index.html", "feed.xml", "atom.xml", "feed.json", ".nojekyll", "sitemap.xml"} <= set(files)
    assert "stale.txt" not in files
    assert REAL_URL in git("show", "gh-pages:feed.xml", cwd=origin, home=home)
    assert not list(ready.glob(".briefings-*"))
    assert git("status", "--porcelain", cwd=ready, home=home) == ""


def test_gh_pages_publishes_in_spite_of_the_workflow(repo: Path, home: Path, origin: Path) -> None:
    git("remote", "add", "origin", str(origin), cwd=repo, home=home)
    set_site_url(repo, home, REAL_URL)
    result = deploy(repo, home, "--gh-pages")
    assert result.exit_code == 0, result.output
    assert "index.html" in git("ls-tree", "-r", "--name-only", "gh-pages", cwd=origin, home=home).splitlines()


def test_a_failed_push_leaves_no_branch_and_no_traceback(ready: Path, home: Path, tmp_path: Path) -> None:
    # The remote exists but cannot be pushed to (a repository that is not there).
    git("remote", "set-url", "origin", str(tmp_path / "gone.git"), cwd=ready, home=home)
    result = deploy(ready, home)
    assert result.exit_code == 1, result.output
    assert "error: pushing the 'gh-pages' branch to 'origin' failed" in result.stderr
    assert "nothing was published" in result.stderr
    assert "Traceback" not in result.output and "CalledProcessError" not in result.output
    assert "gh-pages" not in local_branches(ready, home)


def test_a_failed_push_puts_the_existing_branch_back(ready: Path, home: Path, origin: Path) -> None:
    assert deploy(ready, home).exit_code == 0
    published = git("rev-parse", "gh-pages", cwd=origin, home=home)
    assert git("rev-parse", "gh-pages", cwd=ready, home=home) == published
    hook = origin / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    (ready / "content" / "second.md").write_text(
        "---\ntitle: Second\ndate: 2024-11-26\ntopic: world\n---\nText.\n", encoding="utf-8"
    )
    git("add", "-A", cwd=ready, home=home)
    git("commit", "-q", "-m", "Second article", cwd=ready, home=home)
    result = deploy(ready, home)
    assert result.exit_code == 1 and "failed" in result.stderr and "Traceback" not in result.output
    assert git("rev-parse", "gh-pages", cwd=ready, home=home) == published
    assert git("rev-parse", "gh-pages", cwd=origin, home=home) == published
