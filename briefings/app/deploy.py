"""``deploy``: check, build, then publish to GitHub Pages with ``mkdocs gh-deploy``.

Refuses (a clear message, exit 1, no traceback) outside a git repository and when
the articles, the hand-written pages, the theme or ``mkdocs.yml`` have changes that
are not committed: what is published must be what is in the repository.
"""

from __future__ import annotations

import os
import subprocess
from contextlib import chdir
from dataclasses import replace
from pathlib import Path

from ..errors import BriefingsError, DeployRefused
from ..request import BuildRequest
from .build import Built, Report, build, mkdocs_logging
from .site import Site, open_site


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


def refuse_uncommitted(site: Site) -> None:
    """Raise :class:`DeployRefused` outside git, or when the site's sources have uncommitted changes."""
    dirty = uncommitted(published_sources(site), git_root(site.config_file.parent))
    if dirty:
        listing = "\n".join(f"  {line}" for line in dirty[:20]) + ("\n  …" if len(dirty) > 20 else "")
        raise DeployRefused(
            f"uncommitted changes in the site's sources; commit them (or stash them) before deploying:\n{listing}"
        )


def deploy(
    request: BuildRequest, report: Report, *, message: str | None = None, force: bool = False
) -> tuple[Built, Site]:
    """Refuse, check, build, publish; returns the build and the site it was published from."""
    from mkdocs.commands.gh_deploy import gh_deploy
    from mkdocs.exceptions import MkDocsException

    refuse_uncommitted(open_site(request))
    built = build(replace(request, verbose=True), report)
    published = open_site(request, site_dir=str(built.site_dir))  # gh-deploy copies the folder just built
    try:
        # gh-deploy (and ghp-import) run git in the current directory.
        with mkdocs_logging(verbose=True), chdir(published.config_file.parent):
            gh_deploy(published.config, message=message, force=force)
    except MkDocsException as exc:
        raise BriefingsError(f"deployment failed: {exc}") from None
    except SystemExit as exc:  # MkDocs and ghp-import exit on some git failures, after logging why
        if exc.code not in (0, None):
            raise BriefingsError("deployment failed (see the messages above)") from None
    return built, published
