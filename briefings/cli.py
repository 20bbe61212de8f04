"""The ``briefings`` command: a thin layer over the core and MkDocs (SPEC §5)."""

from __future__ import annotations

import sys

import click

from .load import LoadResult, load_articles
from .site import SiteError, open_site

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


@main.command()
@CONFIG_OPTION
@click.option("--drafts", is_flag=True, help="Treat drafts as published.")
def check(config_file: str, drafts: bool) -> None:
    """Validate every article and the configuration; exit 1 on any error."""
    try:
        site = open_site(config_file)
    except SiteError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    settings = site.settings
    if drafts:
        from dataclasses import replace

        settings = replace(settings, drafts=True)
    result = load_articles(settings)
    print_report(result)
    sys.exit(1 if result.errors else 0)
