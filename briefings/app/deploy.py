"""``deploy``: check, build, then publish to the gh-pages branch with ``mkdocs gh-deploy``.

The default way to publish is the GitHub Actions workflow that ``briefings init``
writes (``.github/workflows/publish.yml``): it builds on GitHub on every push and on
a schedule, keeps the build cache, and needs no built files pushed from this
computer. ``deploy`` is the explicit alternative, and it refuses (a clear message,
exit 1, no traceback, nothing built) when publishing now would go wrong:

* outside a git repository, or without git;
* when a workflow of the repository publishes the site to Pages already (unless
  ``--gh-pages`` says to publish to the branch anyway): two publishers of one site
  overwrite each other, and GitHub serves only the one its Pages settings name;
* when the git remote it pushes to (``remote_name``, default ``origin``) does not exist;
* when ``site_url`` is missing or is a placeholder address (what ``init`` writes, or
  another reserved example host): the feeds, canonical links and sitemap would point there;
* when the site's sources have uncommitted changes: what is published must be what
  is in the repository.

If the push fails anyway, the local gh-pages branch is put back as it was (deleted
if this deploy created it), so a failed deploy leaves no trace in the repository.
"""

from __future__ import annotations

import os
import subprocess
from contextlib import chdir
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import BriefingsError, DeployRefused
from ..request import BuildRequest
from ..scaffold import PLACEHOLDER_SITE_HOST
from .build import Built, Report, build, mkdocs_logging
from .site import Site, open_site

WORKFLOWS = Path(".github") / "workflows"
PAGES_DEPLOY_ACTION = "actions/deploy-pages"  # the step that makes a workflow a Pages publisher
#: Hosts that are never a published site's address: ``init``'s placeholder and the
#: names reserved for examples and local use (RFC 2606, RFC 6761).
PLACEHOLDER_HOSTS = (PLACEHOLDER_SITE_HOST, "example.com", "example.net", "example.org", "localhost")
PLACEHOLDER_SUFFIXES = (".example", ".invalid", ".test", ".localhost")
LOCAL_ADDRESSES = ("127.0.0.1", "0.0.0.0", "::1")


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise DeployRefused("git is not installed: deploying needs git") from None


def git_root(folder: Path) -> Path:
    """The top of the git work tree holding ``folder``, or :class:`DeployRefused`."""
    result = _git(["rev-parse", "--show-toplevel"], folder)
    if result.returncode != 0:
        raise DeployRefused(
            f"{folder} is not inside a git repository: run 'git init', commit the site, and add a GitHub remote first"
        )
    return Path(result.stdout.strip())


def uncommitted(paths: list[Path], root: Path) -> list[str]:
    """``git status --porcelain`` lines for changed or untracked files under ``paths``."""
    existing = [os.path.relpath(p, root) for p in paths if p.exists()]
    if not existing:
        return []
    result = _git(["status", "--porcelain", "--untracked-files=all", "--", *existing], root)
    if result.returncode != 0:
        raise DeployRefused(f"git status failed: {result.stderr.strip()}")
    return [line for line in result.stdout.splitlines() if line.strip()]


def published_sources(site: Site) -> list[Path]:
    """What the site is built from: ``mkdocs.yml``, the articles, the docs pages and the theme overrides."""
    paths = [site.config_file, site.settings.content_dir, Path(site.config.docs_dir)]
    if site.config.theme.custom_dir:
        paths.append(Path(site.config.theme.custom_dir))
    return paths


def pages_workflows(root: Path) -> list[Path]:
    """The repository's GitHub Actions workflows that publish to Pages (they use ``actions/deploy-pages``).

    Any file name counts, not only the ``publish.yml`` that ``init`` writes: a renamed
    or hand-written workflow publishes just the same.
    """
    folder = root / WORKFLOWS
    if not folder.is_dir():
        return []
    found = []
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if PAGES_DEPLOY_ACTION + "@" in text:
            found.append(path)
    return found


def workflow_refusal(workflows: list[Path], root: Path, branch: str) -> str:
    """Why ``deploy`` stops when a workflow publishes the site, and the two ways on."""
    names = ", ".join(os.path.relpath(p, root) for p in workflows)
    return (
        f"this site is published by the GitHub Actions workflow {names}: commit and 'git push', and the "
        "workflow builds and publishes it (Settings > Pages > Build and deployment > Source: GitHub Actions).\n"
        f"To publish to the '{branch}' branch from this computer instead, run 'briefings deploy --gh-pages' "
        f"and set the Pages source to 'Deploy from a branch' ({branch}); GitHub serves only one of the two."
    )


def remote_problem(site: Site, root: Path) -> str | None:
    """Why the push cannot happen: the remote ``deploy`` pushes to does not exist."""
    remote = site.config.remote_name
    if _git(["remote", "get-url", remote], root).returncode == 0:
        return None
    return (
        f"the git remote '{remote}' does not exist, so there is nowhere to push the "
        f"'{site.config.remote_branch}' branch: add your GitHub repository with "
        f"'git remote add {remote} https://github.com/USER/REPO.git' (or set remote_name in mkdocs.yml)"
    )


def is_placeholder_url(site_url: str) -> bool:
    """True for an address no published site has: ``init``'s placeholder, a reserved example or local host."""
    host = (urlsplit(site_url).hostname or "").lower().rstrip(".")
    if not host or host in LOCAL_ADDRESSES:
        return True
    return any(host == name or host.endswith("." + name) for name in PLACEHOLDER_HOSTS) or host.endswith(
        PLACEHOLDER_SUFFIXES
    )


def site_url_problem(site: Site) -> str | None:
    """Why the site's address would be wrong once published: ``site_url`` missing or a placeholder."""
    site_url = (site.config.site_url or "").strip()
    where = site.config_file.name
    fix = (
        f"set site_url in {where} to the address the site is published at (https://USER.github.io/REPO/) "
        "and commit it, or set the SITE_URL environment variable if site_url reads it with !ENV"
    )
    if not site_url:
        return f"{where} has no site_url: the feeds, canonical links and sitemap need the site's address; {fix}"
    if is_placeholder_url(site_url):
        return (
            f"site_url is {site_url}, a placeholder address: the feeds, canonical links and sitemap "
            f"would point there; {fix}"
        )
    return None


def uncommitted_problem(site: Site, root: Path) -> str | None:
    """Why the published site would differ from the repository: its sources have uncommitted changes."""
    dirty = uncommitted(published_sources(site), root)
    if not dirty:
        return None
    listing = "\n".join(f"  {line}" for line in dirty[:20]) + ("\n  …" if len(dirty) > 20 else "")
    return f"uncommitted changes in the site's sources; commit them (or stash them) before deploying:\n{listing}"


def refuse_to_deploy(site: Site, *, gh_pages: bool) -> Path:
    """Every check made before building; returns the git root, or raises :class:`DeployRefused`.

    The workflow check comes alone (it says to use another command); the others are
    collected, so one run names everything to fix.
    """
    root = git_root(site.config_file.parent)
    workflows = pages_workflows(root)
    if workflows and not gh_pages:
        raise DeployRefused(workflow_refusal(workflows, root, site.config.remote_branch))
    found = [remote_problem(site, root), site_url_problem(site), uncommitted_problem(site, root)]
    problems = [problem for problem in found if problem]
    if len(problems) == 1:
        raise DeployRefused(problems[0])
    if problems:
        raise DeployRefused("nothing was deployed:\n" + "\n".join(f"- {p}" for p in problems))
    return root


@dataclass(frozen=True)
class LocalBranch:
    """A local branch's tip before the deploy, to put it back if the push fails."""

    name: str
    root: Path
    tip: str | None  # None: the branch did not exist

    @classmethod
    def read(cls, name: str, root: Path) -> LocalBranch:
        result = _git(["rev-parse", "--verify", "--quiet", f"refs/heads/{name}"], root)
        return cls(name, root, result.stdout.strip() if result.returncode == 0 else None)

    def restore(self) -> None:
        """Delete the branch if the deploy created it, else move it back to where it was."""
        now = LocalBranch.read(self.name, self.root).tip
        if now == self.tip:
            return
        if self.tip is None:
            _git(["update-ref", "-d", f"refs/heads/{self.name}"], self.root)
        else:
            _git(["update-ref", f"refs/heads/{self.name}", self.tip], self.root)


def deploy(
    request: BuildRequest,
    report: Report,
    *,
    message: str | None = None,
    force: bool = False,
    gh_pages: bool = False,
) -> tuple[Built, Site]:
    """Refuse, check, build, publish; returns the build and the site it was published from.

    ``gh_pages``: publish to the branch even though a workflow publishes the site.
    """
    from mkdocs.commands.gh_deploy import gh_deploy
    from mkdocs.exceptions import MkDocsException

    root = refuse_to_deploy(open_site(request), gh_pages=gh_pages)
    built = build(replace(request, verbose=True), report)
    published = open_site(request, site_dir=str(built.site_dir))  # gh-deploy copies the folder just built
    remote, branch = published.config.remote_name, published.config.remote_branch
    before = LocalBranch.read(branch, root)
    finished = False
    try:
        # gh-deploy (and ghp-import) run git in the current directory.
        with mkdocs_logging(verbose=True), chdir(published.config_file.parent):
            gh_deploy(published.config, message=message, force=force)
        finished = True
    except subprocess.CalledProcessError as exc:  # ghp-import's `git push`, whose message git printed
        raise BriefingsError(
            f"pushing the '{branch}' branch to '{remote}' failed (git exited with status {exc.returncode}; "
            "its message is above): nothing was published"
        ) from None
    except MkDocsException as exc:
        raise BriefingsError(f"deployment failed: {exc}") from None
    except SystemExit as exc:  # MkDocs and ghp-import exit on some git failures, after logging why
        if exc.code not in (0, None):
            raise BriefingsError("deployment failed (see the messages above)") from None
        finished = True
    finally:
        if not finished:
            before.restore()
    return built, published
