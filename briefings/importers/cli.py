"""``briefings import`` and ``briefings new`` (SPEC §5); registered on the main group in :mod:`briefings.cli`."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import click
import yaml

from ..load import load_articles
from ..model import SiteSettings
from ..site import SiteError, open_site
from ..text import did_you_mean, is_plain_slug, slugify
from . import read_input
from .write import (
    DateValue,
    Draft,
    Duplicates,
    choose_topic,
    front_matter,
    localise,
    parse_user_date,
    render,
    target_path,
    web_url,
    write_new_file,
)

PROGRESS_THRESHOLD = 10  # items (files, or entries of a feed) before a progress bar is worth showing
NEW_BODY = "<!-- Write the article here. Its first paragraph becomes the summary shown in the briefing. -->"

config_option = click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False), help="The site's MkDocs configuration."
)


def _open(config_file: str) -> SiteSettings:
    """Return the site's settings, or exit 1 with the reason."""
    try:
        return open_site(config_file).settings
    except SiteError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)


def check_topic(value: str | None, settings: SiteSettings) -> str | None:
    """Return the ``--topic`` key if the site has it; raise :class:`click.BadParameter` with suggestions otherwise."""
    if value is None:
        return None
    key = value.strip()
    if settings.topics:
        keys = [t.key for t in settings.topics]
        if key not in keys:
            raise click.BadParameter(f"unknown topic {key!r}{did_you_mean(key, keys)}; the topics are: {', '.join(keys)}", param_hint="'--topic'")
    elif not is_plain_slug(key):
        raise click.BadParameter(f"a topic key is lowercase letters, digits and '-', e.g. {slugify(key)!r}", param_hint="'--topic'")
    return key


def check_date(value: str | None, settings: SiteSettings) -> DateValue | None:
    """Return the ``--date`` value, or raise :class:`click.BadParameter`."""
    if value is None:
        return None
    try:
        return parse_user_date(value, settings.timezone)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--date'") from None


class Reporter:
    """Prints results (stdout) and errors (stderr); shows a progress bar only on a terminal."""

    def __init__(self) -> None:
        self.progress = None
        self.task = None
        if sys.stdout.isatty():
            from rich.progress import Progress

            self.progress = Progress(transient=True)
            self.task = self.progress.add_task("Importing", total=0, visible=False)

    def __enter__(self) -> Reporter:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if self.progress is not None:
            self.progress.stop()

    def expect(self, count: int) -> None:
        """Add ``count`` items to the bar, showing it once there are enough to be worth it."""
        if self.progress is not None and self.task is not None:
            total = (self.progress.tasks[0].total or 0) + count
            self.progress.update(self.task, total=total, visible=total >= PROGRESS_THRESHOLD)

    def advance(self) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task)

    def say(self, line: str, err: bool = False) -> None:
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True, style="red" if err else None)
        else:
            click.echo(line, err=err)


@dataclass
class Run:
    """One ``briefings import``: the options, what is known so far, and the counts."""

    settings: SiteSettings
    known: Duplicates
    topic: str | None = None
    date: DateValue | None = None
    source: str | None = None
    dry_run: bool = False
    planned: set[Path] = field(default_factory=set)
    imported: int = 0
    skipped: int = 0
    failed: int = 0

    def complete(self, draft: Draft) -> str | None:
        """Apply the options and defaults to a draft; return what is missing (an error message) or None."""
        zone = self.settings.timezone
        if self.date is not None:
            draft.date = self.date
        if draft.date is None:
            return "no full date (with a year) found in the text: pass --date, e.g. --date 2024-11-25"
        draft.date = localise(draft.date, zone)
        draft.source = draft.source or self.source
        draft.topic = self.topic or choose_topic(draft.text_for_keywords(), self.settings.topics)
        if draft.topic is None:
            keys = ", ".join(t.key for t in self.settings.topics)
            hint = f" (one of: {keys})" if keys else ""
            return f"no topic keyword found in the text: pass --topic{hint}"
        return None

    def take(self, label: str, draft: Draft, out: Reporter) -> None:
        """Write one completed draft, or say why it is skipped."""
        duplicate = self.known.find(draft)
        if duplicate is not None:
            self.skipped += 1
            out.say(f"{label}: skipped (duplicate of {duplicate})")
            return
        assert draft.date is not None
        while True:
            path, slug = target_path(self.settings.content_dir, draft, self.settings.timezone, self.known, self.planned)
            if self.dry_run:
                break
            try:
                write_new_file(path, render(draft))
                break
            except FileExistsError:  # created meanwhile: never overwrite, take the next number
                self.planned.add(path)
        shown = self.settings.relative(path)
        self.planned.add(path)
        self.known.add(shown, draft.title, draft.date, draft.source_url, slug)
        self.imported += 1
        if self.dry_run:
            out.say(f"{label}: would write {shown}")
            header = yaml.safe_dump(front_matter(draft), allow_unicode=True, sort_keys=False, width=1000)
            for line in header.splitlines():
                out.say(f"    {line}")
        else:
            out.say(f"{label}: wrote {shown}")

    def fail(self, label: str, message: str, out: Reporter) -> None:
        self.failed += 1
        out.say(f"{label}: error: {message}", err=True)


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@config_option
@click.option("--topic", help="Topic key for every article (default: the topic whose keywords occur most).")
@click.option("--date", "date_text", metavar="DATE", help="Date for every article, e.g. 2024-11-25 or '2024-11-25 08:30' (default: the date in the file).")
@click.option("--source", help="Outlet name when the file names none.")
@click.option("--dry-run", is_flag=True, help="Print what would be written; write nothing.")
def import_command(paths: tuple[str, ...], config_file: str, topic: str | None, date_text: str | None, source: str | None, dry_run: bool) -> None:
    """Turn raw text files, saved web pages and RSS/Atom files into articles.

    Never overwrites a file; skips articles already in the site (same source URL,
    or same title and day) and says so. Exit status 1 if any file failed.
    """
    settings = _open(config_file)
    run = Run(
        settings=settings,
        known=Duplicates.from_articles(load_articles(settings).all_articles, settings.timezone),
        topic=check_topic(topic, settings),
        date=check_date(date_text, settings),
        source=(source or "").strip() or None,
        dry_run=dry_run,
    )
    with Reporter() as out:
        out.expect(len(paths))
        for name in paths:
            items = read_input(Path(name), name)
            out.expect(len(items) - 1 if len(items) > 1 else 0)
            for item in items:
                if item.draft is None:
                    run.fail(item.label, item.error or "could not be imported", out)
                elif (missing := run.complete(item.draft)) is not None:
                    run.fail(item.label, missing, out)
                else:
                    run.take(item.label, item.draft, out)
                out.advance()
    if dry_run:
        click.echo("dry run: nothing was written")
    click.echo(f"{run.imported} imported, {run.skipped} skipped as duplicates, {run.failed} failed")
    sys.exit(1 if run.failed else 0)


@click.command("new")
@click.argument("title")
@click.option("--topic", required=True, help="Topic key (one of the topics in mkdocs.yml).")
@click.option("--source", help="Outlet name, e.g. 'Le Monde'.")
@click.option("--url", help="The original article's http(s) address.")
@click.option("--date", "date_text", metavar="DATE", help="e.g. 2024-11-25 or '2024-11-25 08:30' (default: now).")
@click.option("--tags", help="Comma-separated tags, e.g. 'ukraine,nato'.")
@config_option
def new_command(
    title: str, topic: str, source: str | None, url: str | None, date_text: str | None, tags: str | None, config_file: str
) -> None:
    """Write a new article file with complete front matter and print its path."""
    title = " ".join(title.split())
    if not title:
        raise click.BadParameter("the title must not be empty", param_hint="'TITLE'")
    if url is not None and web_url(url) is None:
        raise click.BadParameter(f"expected an absolute http:// or https:// URL, found {url!r}", param_hint="'--url'")
    tag_list = parse_tags(tags)
    settings = _open(config_file)
    key = check_topic(topic, settings)
    date = check_date(date_text, settings) or now_in(settings)
    draft = Draft(
        title=title, date=date, body=NEW_BODY, topic=key, source=(source or "").strip() or None, source_url=url,
        tags=tag_list, extra={"priority": 2, "draft": False}, origin="new",
    )
    known = Duplicates.from_articles(load_articles(settings).all_articles, settings.timezone)
    duplicate = known.find(draft)
    if duplicate is not None:
        click.echo(f"note: {duplicate} has the same title or source URL; writing a new file anyway", err=True)
    planned: set[Path] = set()
    while True:
        path, _ = target_path(settings.content_dir, draft, settings.timezone, known, planned)
        try:
            write_new_file(path, render(draft, complete=True))
            break
        except FileExistsError:
            planned.add(path)
    click.echo(os.path.relpath(path))


def parse_tags(value: str | None) -> list[str]:
    """Return the ``--tags`` list: comma-separated, trimmed, duplicates (case-insensitive) dropped."""
    tags: list[str] = []
    for raw in (value or "").split(","):
        tag = " ".join(raw.split())
        if not tag:
            continue
        if not slugify(tag):
            raise click.BadParameter(f"tag {tag!r} has no letters or digits", param_hint="'--tags'")
        if tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return tags


def now_in(settings: SiteSettings) -> dt.datetime:
    """Return the current time in the site timezone, to the minute."""
    return dt.datetime.now(settings.timezone).replace(second=0, microsecond=0)
