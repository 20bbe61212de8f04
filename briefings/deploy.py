"""``briefings deploy``: check, build, then publish to GitHub Pages with ``mkdocs gh-deploy``.

Refuses (a clear message, exit 1, no traceback) outside a git repository and when
the articles, the hand-written pages, the theme or ``mkdocs.yml`` have changes that
are not committed: what is published must be what is in the repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

from .load import load_articles
from .sitebuild import BuildFailed, build_site_dir, mkdocs_logging


class DeployRefused(Exception):
    """Deploying now would publish something else than the repository holds; the message says why."""


@contextmanager
def working_directory(path: Path) -> Iterator[None]:
    """``mkdocs gh-deploy`` (and ghp-import) run git in the current directory."""
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise DeployRefused("git is not installed: deploying needs git") from None


def git_root(folder: Path) -> Path:
    """The top of the git work tree holding ``folder``, or :class:`DeployRefused`."""
    result = _git(["rev-parse", "--show-toplevel"], folder)
    if result.returncode != 0:
        raise DeployRefused(f"{folder} is not inside a git repository: run 'git init', commit the site, and add a GitHub remote first")
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


def published_sources(config_file: Path, content_dir: Path, docs_dir: Path, custom_dir: str | None) -> list[Path]:
    """What the site is built from: ``mkdocs.yml``, the articles, the docs pages and the theme overrides."""
    paths = [config_file, content_dir, docs_dir]
    if custom_dir:
        paths.append(Path(custom_dir))
    return paths


def deploy(config_file: str, *, strict: bool = False, message: str | None = None, force: bool = False) -> None:
    """Run ``briefings deploy``: refuse, check, build, publish; exits 1 with a message on any failure."""
    from mkdocs.commands.gh_deploy import gh_deploy
    from mkdocs.exceptions import MkDocsException

    from .cli import open_or_exit, print_report

    site = open_or_exit(config_file)
    config = site.config
    try:
        root = git_root(site.config_file.parent)
        sources = published_sources(site.config_file, site.settings.content_dir, Path(config.docs_dir), config.theme.custom_dir)
        dirty = uncommitted(sources, root)
    except DeployRefused as exc:
        _fail(str(exc))
    if dirty:
        listing = "\n".join(f"  {line}" for line in dirty[:20]) + ("\n  …" if len(dirty) > 20 else "")
        _fail(f"uncommitted changes in the site's sources; commit them (or stash them) before deploying:\n{listing}")

    result = load_articles(site.settings)
    if result.problems:
        print_report(result)
    if result.errors or (strict and result.warnings):
        _fail("not deployed because of " + ("errors" if result.errors else "warnings (--strict)") + " in the articles")

    try:
        with mkdocs_logging(verbose=True):
            final = build_site_dir(site, Path(config.site_dir), strict=strict, loaded=result)
            config["site_dir"] = str(final)  # the build used a staging folder; gh-deploy copies the final one
            with working_directory(site.config_file.parent):
                gh_deploy(config, message=message, force=force)
    except BuildFailed as exc:
        _fail(str(exc))
    except MkDocsException as exc:
        _fail(f"deployment failed: {exc}")
    except SystemExit as exc:  # MkDocs and ghp-import exit on some git failures, after logging why
        if exc.code not in (0, None):
            _fail("deployment failed (see the messages above)")
    count = len(result.articles)
    click.echo(f"Deployed {count} article{'s' if count != 1 else ''} to the '{config.remote_branch}' branch of '{config.remote_name}'.")


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


@click.command("deploy")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False), help="The site's MkDocs configuration.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("-m", "--message", help="Commit message of the gh-pages commit (default: MkDocs' own).")
@click.option("--force", is_flag=True, help="Force-push the gh-pages branch.")
def deploy_command(config_file: str, strict: bool, message: str | None, force: bool) -> None:
    """Check, build and publish the site to GitHub Pages (the gh-pages branch, via mkdocs gh-deploy)."""
    deploy(config_file, strict=strict, message=message, force=force)
