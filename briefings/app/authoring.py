"""``new`` and ``import``: drafts → new article files, never overwriting, skipping duplicates.

The command line validates the options (:mod:`briefings.fields` rules) and shows
progress; these functions decide and write. Every message goes through ``say``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..dates import DateValue
from ..importers import Item
from ..importers.write import (
    Draft,
    Duplicates,
    choose_topic,
    front_matter,
    localise,
    render,
    target_path,
    write_new_file,
)
from ..load import load_articles
from ..model import SiteSettings

#: ``say(line, err=False)``: one line of the import report.
Say = Callable[..., None]
NEW_BODY = "<!-- Write the article here. Its first paragraph becomes the summary shown in the briefing. -->"


def known_articles(settings: SiteSettings) -> Duplicates:
    """Every article already in the site, drafts included, to recognise duplicates."""
    return Duplicates.from_articles(load_articles(settings).all_articles, settings.timezone)


@dataclass
class ImportRun:
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

    @property
    def summary(self) -> str:
        return f"{self.imported} imported, {self.skipped} skipped as duplicates, {self.failed} failed"

    def handle(self, item: Item, say: Say) -> None:
        """Import one item found in an input file, or say why not."""
        if item.draft is None:
            self.fail(item.label, item.error or "could not be imported", say)
        elif (missing := self.complete(item.draft)) is not None:
            self.fail(item.label, missing, say)
        else:
            self.take(item.label, item.draft, say)

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

    def take(self, label: str, draft: Draft, say: Say) -> None:
        """Write one completed draft (its date and topic set by :meth:`complete`), or say why it is skipped."""
        if draft.date is None:  # complete() sets it; never write an undated article
            self.fail(label, "no date: pass --date, e.g. --date 2024-11-25", say)
            return
        duplicate = self.known.find(draft)
        if duplicate is not None:
            self.skipped += 1
            say(f"{label}: skipped (duplicate of {duplicate})")
            return
        path, slug = write_article(self.settings, draft, self.known, self.planned, dry_run=self.dry_run)
        shown = self.settings.relative(path)
        self.planned.add(path)
        self.known.add(shown, draft.title, draft.date, draft.source_url, slug)
        self.imported += 1
        if self.dry_run:
            say(f"{label}: would write {shown}")
            header = yaml.safe_dump(front_matter(draft), allow_unicode=True, sort_keys=False, width=1000)
            for line in header.splitlines():
                say(f"    {line}")
        else:
            say(f"{label}: wrote {shown}")

    def fail(self, label: str, message: str, say: Say) -> None:
        self.failed += 1
        say(f"{label}: error: {message}", err=True)


def write_article(
    settings: SiteSettings,
    draft: Draft,
    known: Duplicates,
    planned: set[Path],
    *,
    dry_run: bool = False,
    complete: bool = False,
) -> tuple[Path, str]:
    """Write the draft to a free ``content/YYYY/MM/YYYY-MM-DD-<slug>.md``; return the path and slug.

    A file created meanwhile by someone else is never overwritten: the next free
    name is taken. With ``dry_run`` nothing is written.
    """
    while True:
        path, slug = target_path(settings.content_dir, draft, settings.timezone, known, planned)
        if dry_run:
            return path, slug
        try:
            write_new_file(path, render(draft, complete=complete))
            return path, slug
        except FileExistsError:
            planned.add(path)


@dataclass
class NewArticle:
    """What ``briefings new`` wrote, and the existing article it may duplicate."""

    path: Path
    duplicate_of: str | None


def new_article(
    settings: SiteSettings,
    title: str,
    *,
    topic: str,
    date: DateValue | None = None,
    source: str | None = None,
    source_url: str | None = None,
    tags: Iterable[str] = (),
) -> NewArticle:
    """Write a new article with complete front matter (``briefings new``), dated now unless ``date``."""
    draft = Draft(
        title=title,
        date=date or now_in(settings),
        body=NEW_BODY,
        topic=topic,
        source=(source or "").strip() or None,
        source_url=source_url,
        tags=list(tags),
        extra={"priority": 2, "draft": False},
    )
    known = known_articles(settings)
    duplicate = known.find(draft)
    path, _ = write_article(settings, draft, known, set(), complete=True)
    return NewArticle(path, duplicate)


def now_in(settings: SiteSettings) -> dt.datetime:
    """The current time in the site timezone, to the minute."""
    return dt.datetime.now(settings.timezone).replace(second=0, microsecond=0)
