"""The ``briefings`` command: a thin layer over the core and MkDocs (SPEC §5)."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import click

from .deploy import deploy_command
from .importers.cli import import_command, new_command
from .load import LoadResult, load_articles
from .scaffold import init_command
from .site import Site, SiteError, open_site
from .sitebuild import BuildFailed, build_site_dir, drafts_enabled, mkdocs_logging

CONFIG_OPTION = click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False), help="The site's MkDocs configuration."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefings")
def main() -> None:
    """Briefings: turn a folder of news articles into a static site of daily briefings."""


def print_report(result: LoadResult) -> None:
    """Every problem as ``path:line: severity: message``, then the summary line."""
    for problem in result.problems:
        colour = "red" if problem.is_error else "yellow"
        click.echo(click.style(problem.format(), fg=colour) if sys.stdout.isatty() else problem.format())
    errors, warnings = len(result.errors), len(result.warnings)
    click.echo(
        f"{len(result.articles)} article{'s' if len(result.articles) != 1 else ''}, "
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    )


def open_or_exit(config_file: str, drafts: bool = False) -> Site:
    """Open the site, or print why not and exit 1."""
    try:
        site = open_site(config_file)
    except SiteError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    if drafts:
        site.settings = replace(site.settings, drafts=True)
    return site


@main.command()
@CONFIG_OPTION
@click.option("--drafts", is_flag=True, help="Treat drafts as published.")
def check(config_file: str, drafts: bool) -> None:
    """Validate every article and the configuration; exit 1 on any error."""
    site = open_or_exit(config_file, drafts)
    result = load_articles(site.settings)
    print_report(result)
    sys.exit(1 if result.errors else 0)


@main.command()
@CONFIG_OPTION
@click.option("-d", "--site-dir", type=click.Path(file_okay=False), help="Where to write the site (default: site_dir of mkdocs.yml).")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--drafts", is_flag=True, help="Publish drafts as well.")
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs' progress messages.")
def build(config_file: str, site_dir: str | None, strict: bool, drafts: bool, verbose: bool) -> None:
    """Check the articles, then build the site; a failed build leaves the previous site untouched."""
    started = time.perf_counter()
    site = open_or_exit(config_file, drafts)
    result = load_articles(site.settings)
    if result.problems:
        print_report(result)
    if result.errors or (strict and result.warnings):
        reason = "errors" if result.errors else "warnings (--strict)"
        click.echo(f"Not built because of {reason}: the previous site is untouched.", err=True)
        sys.exit(1)
    target = Path(site_dir) if site_dir else Path(site.config.site_dir)
    try:
        with drafts_enabled(drafts), mkdocs_logging(verbose):
            final = build_site_dir(site, target, strict=strict, loaded=result)
    except BuildFailed as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    shown = os.path.relpath(final)
    click.echo(f"Built {len(result.articles)} articles into {shown}/ in {time.perf_counter() - started:.1f} s")


@main.command()
@CONFIG_OPTION
@click.option("--drafts", is_flag=True, help="Show drafts as well.")
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(config_file: str, drafts: bool, dev_addr: str) -> None:
    """Preview the site locally, rebuilding when articles, docs or theme change."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    site = open_or_exit(config_file, drafts)
    with drafts_enabled(drafts), mkdocs_logging(verbose=True):
        try:
            mkdocs_serve(config_file=str(site.config_file), dev_addr=dev_addr, livereload=True)
        except Exception as exc:  # noqa: BLE001 - MkDocs' own errors, shown without a traceback
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

# Commands that live next to the code they drive.
main.add_command(init_command)
main.add_command(new_command)
main.add_command(import_command)
main.add_command(deploy_command)
