"""The ``briefings`` command (SPEC §5): click options → a request → :mod:`briefings.app`.

Each command parses and validates its options, calls one application function
and prints the outcome. Failures are :mod:`briefings.errors`, which click prints
(``error: …``, exit status 1); options shared by several commands are declared
once, below.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import click

from . import fields
from .app import authoring
from .app import migrate as migration
from .app.build import build as build_site
from .app.build import check as check_site
from .app.build import serve as serve_site
from .app.deploy import deploy as deploy_site
from .app.newsletter import write_email
from .app.site import open_site
from .dates import DateError, DateValue, parse_date_option, read_iso_date
from .importers import input_files, read_input
from .limits import TEXT_LIMITS
from .load import LoadResult
from .model import SiteSettings
from .request import BuildRequest
from .scaffold import create_site, installed_requirement, requirement_from_option
from .text import plural

# --- options shared by several commands --------------------------------------------------

config_file_option = click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The site's MkDocs configuration.",
)
strict_option = click.option("--strict", is_flag=True, help="Fail on warnings too.")
drafts_option = click.option("--drafts", is_flag=True, help="Publish drafts as well.")
future_option = click.option(
    "--future", is_flag=True, help="Publish scheduled articles (dated in the future) as well, for a preview."
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
    click.echo(
        f"{plural(len(result.articles), 'article')}, {plural(len(result.errors), 'error')}, "
        f"{plural(len(result.warnings), 'warning')}"
    )
    if result.scheduled:
        first = result.scheduled[0]
        click.echo(
            f"{plural(len(result.scheduled), 'scheduled article')}; the next, {first.path},"
            f" is published at {first.published:%Y-%m-%d %H:%M %Z} (build with --future to preview them)"
        )


# --- check, build, serve, deploy -----------------------------------------------------------


@main.command()
@config_file_option
@drafts_option
@future_option
def check(config_file: Path, drafts: bool, future: bool) -> None:
    """Validate every article and the configuration; exit 1 on any error."""
    result = check_site(BuildRequest(config_file, drafts=drafts, future=future))
    print_report(result)
    if result.errors:
        raise click.exceptions.Exit(1)


@main.command()
@config_file_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site (default: site_dir of mkdocs.yml).",
)
@strict_option
@drafts_option
@future_option
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs' progress messages.")
@click.option("--clean", is_flag=True, help="Ignore the build cache (.cache/briefings/) and redo every step.")
def build(
    config_file: Path, site_dir: Path | None, strict: bool, drafts: bool, future: bool, verbose: bool, clean: bool
) -> None:
    """Check the articles, then build the site; a failed build leaves the previous site untouched."""
    started = time.perf_counter()
    request = BuildRequest(
        config_file, site_dir, strict=strict, drafts=drafts, future=future, verbose=verbose, clean=clean
    )
    built = build_site(request, print_report)
    shown = os.path.relpath(built.site_dir)
    click.echo(f"Built {plural(built.articles, 'article')} into {shown}/ in {time.perf_counter() - started:.1f} s")


@main.command()
@config_file_option
@click.option("--drafts", is_flag=True, help="Show drafts as well, with a 'Draft' badge.")
@click.option("--future", is_flag=True, help="Show scheduled articles as well, with a 'Scheduled' badge.")
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(config_file: Path, drafts: bool, future: bool, dev_addr: str) -> None:
    """Preview the site locally, rebuilding when articles, docs or theme change."""
    serve_site(BuildRequest(config_file, drafts=drafts, future=future, verbose=True), dev_addr)


@main.command()
@config_file_option
@strict_option
@click.option("-m", "--message", help="Commit message of the gh-pages commit (default: MkDocs' own).")
@click.option("--force", is_flag=True, help="Force-push the gh-pages branch.")
@click.option(
    "--gh-pages",
    "gh_pages",
    is_flag=True,
    help="Publish to the gh-pages branch even though a GitHub Actions workflow publishes the site.",
)
def deploy(config_file: Path, strict: bool, message: str | None, force: bool, gh_pages: bool) -> None:
    """Check, build and publish the site to the gh-pages branch (mkdocs gh-deploy).

    The default way to publish is the GitHub Actions workflow that 'init' writes: push,
    and it publishes. 'deploy' is the alternative, and refuses while such a workflow
    exists unless --gh-pages is given.
    """
    built, site = deploy_site(
        BuildRequest(config_file, strict=strict), print_report, message=message, force=force, gh_pages=gh_pages
    )
    config = site.config
    click.echo(
        f"Deployed {plural(built.articles, 'article')}"
        f" to the '{config.remote_branch}' branch of '{config.remote_name}'."
    )


@main.command()
@click.argument("day", required=False, default="latest", metavar="[DAY|latest]")
@config_file_option
@click.option(
    "-o",
    "--output-dir",
    default=Path("email"),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the three files.",
)
@strict_option
def email(day: str, config_file: Path, output_dir: Path, strict: bool) -> None:
    """Write the email edition of a briefing: HTML, plain text and a .eml, for a newsletter service.

    DAY is 'latest' (the default) or a date such as 2024-11-25 (for weekly or monthly
    briefings, any day of the period). Nothing is sent.
    """
    for path in write_email(BuildRequest(config_file, strict=strict), day, output_dir, print_report):
        click.echo(os.path.relpath(path))


# --- init, new, import ---------------------------------------------------------------------


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--timezone", default="UTC", show_default=True, help="IANA time zone of the briefing days, e.g. Europe/Paris."
)
@click.option("--name", "site_name", help="The site's name (default: from the folder name).")
@click.option(
    "--briefings-requirement",
    metavar="REQUIREMENT",
    help="What requirements.txt installs Briefings with on GitHub, e.g. 'git+https://github.com/OWNER/briefings@v0.1.0'"
    " (default: from where this Briefings was installed).",
)
def init(directory: Path, timezone: str, site_name: str | None, briefings_requirement: str | None) -> None:
    """Create a new briefing site in DIRECTORY (new or empty): config, an example article, theme, workflow."""
    requirement = (
        requirement_from_option(briefings_requirement) if briefings_requirement is not None else installed_requirement()
    )
    for path in create_site(directory, timezone=timezone, site_name=site_name, requirement=requirement):
        click.echo(f"  created {path.relative_to(directory).as_posix()}")
    click.echo(
        f"\nA new briefing site is in {directory}. Next:\n"
        f"  cd {directory}\n"
        "  briefings build --strict     # check the articles and build into site/\n"
        "  briefings serve              # preview at http://127.0.0.1:8000/\n"
        "To publish: push it to a GitHub repository and set Settings > Pages > Source to 'GitHub Actions';\n"
        "the workflow (.github/workflows/publish.yml) builds and publishes it on every push and every hour."
    )
    warning = requirement.warning()
    if warning:
        click.echo(f"warning: {warning}", err=True)


@main.command()
@click.argument("title")
@click.option("--topic", help="Topic key (one of the topics in mkdocs.yml); required unless the template gives one.")
@click.option("--source", help="Outlet name, e.g. 'Le Monde'.")
@click.option("--url", help="The original article's http(s) address (source_url).")
@click.option(
    "--date",
    "date_text",
    metavar="DATE",
    help="e.g. 2024-11-25 or '2024-11-25 08:30' in the site timezone, or with an offset (default: now).",
)
@click.option("--tags", help="Comma-separated tags, e.g. 'ukraine,nato'.")
@click.option("--author", help="The curator's name.")
@click.option("--summary", help="The summary shown in the briefing (default: the body's first paragraph).")
@click.option("--priority", type=click.Choice(["1", "2", "3"]), help="1 top story, 2 normal (the default), 3 in brief.")
@click.option("--draft/--no-draft", default=None, help="Write it as a draft, left out of builds until published.")
@click.option(
    "--template",
    "template_name",
    metavar="NAME",
    help="The article template archetypes/NAME.md next to mkdocs.yml (default: archetypes/article.md, if any).",
)
@config_file_option
def new(
    title: str,
    topic: str | None,
    source: str | None,
    url: str | None,
    date_text: str | None,
    tags: str | None,
    author: str | None,
    summary: str | None,
    priority: str | None,
    draft: bool | None,
    template_name: str | None,
    config_file: Path,
) -> None:
    """Write a new article file and print its path.

    The front matter holds the title, the date (now, unless --date), the topic,
    priority and draft, and what the options give. A site's template
    (archetypes/article.md, or --template NAME) gives default values and the body.
    """
    title = _text_option("title", " ".join(title.split()), "TITLE") or ""
    if not title:
        raise click.BadParameter("the title must not be empty", param_hint="'TITLE'")
    settings = open_site(BuildRequest(config_file)).settings
    try:
        template = authoring.find_template(settings, template_name)
    except authoring.NoSuchTemplate as exc:
        raise click.BadParameter(str(exc), param_hint="'--template'") from None
    if template is not None:
        for warning in template.warnings:
            click.echo(warning.format(), err=True)
    if topic is None and (template is None or template.topic is None):
        raise click.MissingParameter(param_hint="'--topic'", param_type="option")
    options = authoring.NewOptions(
        title,
        topic=_option(fields.topic_key, topic, "--topic", settings) if topic is not None else None,
        date=_local_date_option(date_text, settings),
        source=_text_option("source", source, "--source"),
        source_url=_option(fields.web_url, url, "--url") if url is not None else None,
        author=_text_option("author", author, "--author"),
        summary=_text_option("summary", summary, "--summary"),
        tags=tuple(_tags_option(tags)) if tags is not None else None,
        priority=int(priority) if priority is not None else None,
        draft=draft,
    )
    written = authoring.new_article(settings, options, template)
    if written.duplicate_of is not None:
        click.echo(
            f"note: {written.duplicate_of} has the same title or source URL; writing a new file anyway", err=True
        )
    if written.scheduled:
        click.echo(
            "note: the date is in the future: the article is scheduled, left out of builds until then"
            " (build or serve with --future to preview it)",
            err=True,
        )
    click.echo(os.path.relpath(written.path))


@main.command("import")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@config_file_option
@click.option("--topic", help="Topic key for every article (default: the topic whose keywords occur most).")
@click.option(
    "--date",
    "date_text",
    metavar="DATE",
    help="Date for every article, e.g. 2024-11-25 or '2024-11-25 08:30' (default: the date in the file).",
)
@click.option("--source", help="Outlet name when the file names none.")
@click.option("--url", help="The original article's http(s) address (source_url); only when importing one article.")
@click.option("--tags", help="Comma-separated tags added to every imported article, e.g. 'ukraine,nato'.")
@click.option("--dry-run", is_flag=True, help="Print what would be written; write nothing.")
@click.option(
    "--from",
    "site_kind",
    type=click.Choice(["jekyll", "hugo", "mkdocs-blog"]),
    help="Move another generator's site (one folder) in: its posts, old URLs (redirects) and pictures.",
)
@click.option(
    "--topic-map",
    "topic_map",
    multiple=True,
    metavar="OLD=NEW",
    help="With --from: the posts of category OLD go to topic NEW (repeatable); --topic is then the fallback.",
)
def import_(
    paths: tuple[str, ...],
    config_file: Path,
    topic: str | None,
    date_text: str | None,
    source: str | None,
    url: str | None,
    tags: str | None,
    dry_run: bool,
    site_kind: str | None,
    topic_map: tuple[str, ...],
) -> None:
    """Turn raw text files, saved web pages and RSS/Atom files into articles.

    A PATH may be a folder: the files it holds are imported, sub-folders
    included (hidden files are left out; files of other kinds, such as images,
    are passed over and said). Each article's date, topic and source are
    reported with where they came from. Never overwrites a file; skips
    articles already in the site (same source URL, or same title and day) and
    says so. Exit status 1 if any file failed.
    """
    if site_kind or topic_map or migration.site_folder_kind(paths):  # a Jekyll, Hugo or Material blog site
        options = migration.SiteOptions(topic, topic_map, date_text, source, url, tags, dry_run)
        raise click.exceptions.Exit(migration.import_site(config_file, paths, site_kind, options, click.echo))
    source_url = _option(fields.web_url, url, "--url") if url is not None else None
    extra_tags = tuple(_tags_option(tags))
    settings = open_site(BuildRequest(config_file)).settings
    run = authoring.ImportRun(
        settings=settings,
        known=authoring.known_articles(settings),
        topic=_option(fields.topic_key, topic, "--topic", settings) if topic is not None else None,
        date=_date_option(date_text, settings),
        source=(source or "").strip() or None,
        source_url=source_url,
        tags=extra_tags,
        dry_run=dry_run,
    )
    files = [found for name in paths for found in input_files(Path(name), name)]
    readable = [found for found in files if found.passed_over is None and found.error is None]
    if source_url is not None and len(readable) > 1:
        raise click.BadParameter(
            f"--url gives the address of one article, and there are {len(readable)} files to import",
            param_hint="'--url'",
        )
    with Progress() as out:
        out.expect(len(files))
        for found in files:
            if run.handle_file(found, out.say):  # passed over, or a folder that cannot be read
                out.advance()
                continue
            items = read_input(found.path, found.label)
            if source_url is not None and len(items) > 1:  # the only file: nothing is written yet
                raise click.BadParameter(
                    f"--url gives the address of one article, and {found.label} holds {len(items)}",
                    param_hint="'--url'",
                )
            out.expect(len(items) - 1)
            for item in items:
                run.handle(item, out.say)
                out.advance()
    if dry_run:
        click.echo("dry run: nothing was written")
    click.echo(run.summary)
    if run.failed:
        raise click.exceptions.Exit(1)


# --- option checks: the field rules of briefings.fields, reported as click errors ----------


def _option(rule: Callable[..., str], value: str, name: str, *args: Any) -> str:
    try:
        return rule(value, *args)
    except fields.FieldError as exc:
        raise click.BadParameter(str(exc), param_hint=f"'{name}'") from None


def _date_option(value: str | None, settings: SiteSettings) -> DateValue | None:
    if value is None:
        return None
    try:
        return parse_date_option(value, settings.timezone)
    except DateError as exc:
        raise click.BadParameter(str(exc), param_hint="'--date'") from None


def _local_date_option(value: str | None, settings: SiteSettings) -> DateValue | None:
    """``--date`` of ``new``: checked as :func:`_date_option`, but a time without an offset stays local time.

    The article then says ``2024-11-25 08:30``, in whatever timezone the site has;
    a date given with an offset keeps it.
    """
    checked = _date_option(value, settings)
    return read_iso_date(value) if value is not None and checked is not None else checked


def _text_option(name: str, value: str | None, option: str) -> str | None:
    """A text option (``--source``, ``--author``…) by its field's rules; empty means not given."""
    if value is None:
        return None
    try:
        return fields.text_field(name, value, TEXT_LIMITS[name]) or None
    except fields.FieldError as exc:
        raise click.BadParameter(str(exc), param_hint=f"'{option}'") from None


def _tags_option(value: str | None) -> list[str]:
    tags, errors = fields.tags(value or "")
    if errors:
        raise click.BadParameter(errors[0], param_hint="'--tags'")
    return list(tags)


class Progress:
    """Import progress: a bar on a terminal once there are enough items, plain lines otherwise."""

    THRESHOLD = 10  # items (files, or entries of a feed) before a progress bar is worth showing

    def __init__(self) -> None:
        self.bar: Any = None
        self.task: Any = None
        if sys.stdout.isatty():
            from rich.progress import Progress as RichProgress

            self.bar = RichProgress(transient=True)
            self.task = self.bar.add_task("Importing", total=0, visible=False)

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.stop()

    def expect(self, count: int) -> None:
        """Add ``count`` items to the bar, showing it once there are enough to be worth it."""
        if self.bar is not None and count > 0:
            total = (self.bar.tasks[0].total or 0) + count
            self.bar.update(self.task, total=total, visible=total >= self.THRESHOLD)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def say(self, line: str, err: bool = False) -> None:
        if self.bar is not None:
            self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True, style="red" if err else None)
        else:
            click.echo(line, err=err)
