"""``briefings import --from jekyll|hugo|mkdocs-blog DIR``: move another generator's site into Briefings.

The old site is read by :mod:`briefings.importers.sites` (no MkDocs there); this
module decides, writes and reports:

* **topics**: a category named in ``--topic-map OLD=NEW``, else a category that
  is a configured topic (its key or title), else (sites whose topics are
  discovered) the first category as a new topic, else ``--topic``, else the topic
  whose ``keywords`` occur most in the post; categories that do not become the
  topic are kept as tags;
* **duplicates**: a post whose title and day (or source URL) an existing article
  has is skipped, so a second run imports nothing;
* **old URLs**: each post's old address goes into ``aliases:``, from which the
  build writes a redirect page; an old URL another article already claims is dropped, with a warning;
* **files**: pictures and files a post links to (relative, site-absolute, or
  through Liquid/shortcodes) are copied next to the new article, in a folder
  named like it (``content/2019/03/2019-03-05-title/photo.png``), and the links
  rewritten relative to the article's file; a link to another imported post
  becomes a link to its new ``.md`` file. Nothing is ever overwritten: a file
  already there with other bytes gets a new name;
* **checking**: each article is validated by Briefings' own rules before it is
  written; one that would not pass ``briefings check`` is not written.

The report has one line per post (imported → file, or skipped and why) with
its warnings as ``file:line: warning: …``, then ``N imported, M skipped
(reasons), K warnings``. ``--dry-run`` reports the same and writes nothing. The
exit status is 1 when a post failed (unreadable, no date, no topic, not valid
for Briefings, or not writable) or the site could not be read; skipping a
duplicate, a page that is not a post or a format Briefings does not convert is not a failure.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import shutil
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast
from urllib.parse import quote, unquote

import click

from .. import fields, urls
from ..assets import link_targets
from ..dates import DateError, check_year, parse_article_date
from ..errors import BriefingsError
from ..importers.sites import KIND_NAMES, OldPost, OldSite, SiteKind, SiteReadError, detect_site, read_site
from ..importers.sites.common import unique
from ..importers.sites.mkdocs_blog import extension_names
from ..importers.write import (
    Draft,
    Duplicates,
    briefing_day,
    choose_topic,
    localise,
    render,
    target_path,
    write_new_file,
)
from ..limits import ALIASES_MAX, TAGS_MAX, TOPIC_MAX
from ..load import load_articles
from ..model import SiteSettings
from ..reader import read_article_text
from ..redirects import alias_file
from ..request import BuildRequest
from ..text import plural, slugify
from ..validate import validate_article
from .site import open_site

#: ``say(line)``: one line of the report.
Say = Callable[[str], None]
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
#: Characters ``aliases:`` does not take as written: written percent-encoded.
_ALIAS_UNSAFE = re.compile(r"""[\s"'<>`\\?#\x00-\x1f\x7f-\x9f]""")
_FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\]\n]+\]:\s*\Z")
#: Files a post may link to that are pages of the old site, not files to copy.
_PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".textile", ".adoc", ".org", ".rst")


#: The skip reasons of the summary line, for more than one post.
_GROUP_PLURALS = {
    "duplicate": "duplicates",
    "not a post": "not posts",
    "format not converted": "formats not converted",
    "bad date": "bad dates",
}


class MigrationError(BriefingsError):
    """The migration cannot start: the folder is not a site of that kind, or cannot be read."""


@dataclass
class MigrationRequest:
    """What ``briefings import --from …`` was asked to do."""

    folder: Path
    label: str  # the folder as written on the command line, for messages
    kind: SiteKind | None = None  # None: detected
    topic: str | None = None
    topic_map: dict[str, str] = field(default_factory=dict)  # old category (case-folded) → topic key
    source: str | None = None
    tags: tuple[str, ...] = ()  # ``--tags``: added to every article's own
    dry_run: bool = False


@dataclass
class Copy:
    """A file of the old site to copy next to an article."""

    source: Path
    target: Path


@dataclass
class Plan:
    """A post about to become an article: its draft (topic and date set), file, old URLs and files to copy."""

    post: OldPost
    draft: Draft
    path: Path
    slug: str
    topic_reason: str
    aliases: list[str] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)


@dataclass
class MigrationReport:
    """The counts behind the last line of the report, and whether the run failed."""

    dry_run: bool = False
    imported: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # reason group → posts
    warnings: int = 0
    failed: int = 0
    files_copied: int = 0

    @property
    def summary(self) -> str:
        """``12 imported, 3 skipped (2 duplicates, 1 not a post), 4 warnings``."""
        verb = "would be imported" if self.dry_run else "imported"
        skipped = sum(self.skipped.values())
        reasons = ", ".join(
            f"{count} {_GROUP_PLURALS.get(group, group) if count > 1 else group}"
            for group, count in sorted(self.skipped.items(), key=lambda i: (-i[1], i[0]))
        )
        text = f"{self.imported} {verb}, {skipped} skipped" + (f" ({reasons})" if reasons else "")
        return f"{text}, {plural(self.warnings, 'warning')}"

    @property
    def exit_status(self) -> int:
        return 1 if self.failed else 0


# --- the command line's entry point ------------------------------------------------------------


def site_folder_kind(paths: Sequence[str]) -> SiteKind | None:
    """The kind of site a single folder argument holds (``briefings import DIR`` without ``--from``), or None."""
    if len(paths) != 1:
        return None
    return detect_site(Path(paths[0]))


@dataclass(frozen=True)
class SiteOptions:
    """The ``import`` options as given, for a site: checked by :func:`import_site`."""

    topic: str | None = None
    topic_map: Sequence[str] = ()
    date_text: str | None = None
    source: str | None = None
    url: str | None = None
    tags: str | None = None
    dry_run: bool = False


def import_site(config_file: Path, paths: Sequence[str], kind: str | None, options: SiteOptions, say: Say) -> int:
    """``briefings import --from KIND DIR`` (or a detected site folder): migrate, report, return the exit status."""
    if len(paths) != 1:
        raise click.UsageError(f"--from takes one folder, the old site's; got {len(paths)} paths")
    if options.date_text is not None:
        raise click.UsageError("--date cannot be used with a site: each post keeps its own date")
    if options.url is not None:
        raise click.UsageError("--url gives one article's address: it cannot be used with a site")
    folder = Path(paths[0])
    if kind is None and detect_site(folder) is None:  # only --topic-map brought us here
        raise click.UsageError("--topic-map is for importing a site: --from jekyll|hugo|mkdocs-blog DIR")
    if not folder.is_dir():
        raise click.BadParameter(f"{paths[0]}: no such folder", param_hint="'PATH'")
    site = open_site(BuildRequest(config_file))
    settings = site.settings
    chosen = cast("SiteKind | None", kind)
    if chosen is None:
        chosen = detect_site(folder)
        if chosen is None:
            raise MigrationError(f"{paths[0]}: not a Jekyll, Hugo or Material blog site (pass --from)")
        say(f"{paths[0]}: a {KIND_NAMES[chosen]} site")
    extra_tags, errors = fields.tags(options.tags or "")
    if errors:
        raise click.BadParameter(errors[0], param_hint="'--tags'")
    request = MigrationRequest(
        folder=folder,
        label=paths[0].rstrip("/\\") or paths[0],
        kind=chosen,
        topic=_topic_option(options.topic, settings),
        topic_map=parse_topic_map(options.topic_map, settings),
        source=(options.source or "").strip() or None,
        tags=extra_tags,
        dry_run=options.dry_run,
    )
    extensions = extension_names(site.config.get("markdown_extensions") or [])
    return migrate(settings, extensions, request, say).exit_status


def _topic_option(value: str | None, settings: SiteSettings) -> str | None:
    if value is None:
        return None
    try:
        return fields.topic_key(value, settings)
    except fields.FieldError as exc:
        raise click.BadParameter(str(exc), param_hint="'--topic'") from None


def parse_topic_map(values: Sequence[str], settings: SiteSettings) -> dict[str, str]:
    """``--topic-map OLD=NEW`` options → {old category, case-folded: topic key}; a bad one is a usage error."""
    mapping: dict[str, str] = {}
    for value in values:
        old, equals, new = value.partition("=")
        if not equals or not old.strip() or not new.strip():
            raise click.BadParameter(
                f"expected OLD=NEW (a category of the old site = a topic key), found {value!r}",
                param_hint="'--topic-map'",
            )
        try:
            mapping[" ".join(old.split()).casefold()] = fields.topic_key(new, settings)
        except fields.FieldError as exc:
            raise click.BadParameter(f"{value!r}: {exc}", param_hint="'--topic-map'") from None
    return mapping


# --- the migration -----------------------------------------------------------------------------


def migrate(
    settings: SiteSettings,
    extensions: frozenset[str],
    request: MigrationRequest,
    say: Say,
    now: dt.datetime | None = None,
) -> MigrationReport:
    """Read the old site, write its posts as articles (unless a dry run), and report each one."""
    assert request.kind is not None
    try:
        old = read_site(request.folder, request.kind, extensions, now)
    except SiteReadError as exc:
        raise MigrationError(str(exc)) from None
    run = _Migration(settings, request, old, say)
    return run.run()


class _Migration:
    def __init__(self, settings: SiteSettings, request: MigrationRequest, old: OldSite, say: Say) -> None:
        self.settings = settings
        self.request = request
        self.old = old
        self.say = say
        self.report = MigrationReport(dry_run=request.dry_run)
        loaded = load_articles(settings)
        self.known = Duplicates.from_articles(loaded.all_articles, settings.timezone)
        #: file an old URL needs → who has it (an existing article's path, or a post's label)
        self.alias_owners: dict[str, str] = {
            alias_file(alias): article.path for article in loaded.all_articles for alias in article.aliases
        }
        self.planned: set[Path] = set()
        self.plans: list[Plan] = []
        self.by_source: dict[Path, Plan] = {}
        self.by_alias: dict[str, Plan] = {}
        self.skipped_posts: dict[Path, OldPost] = {}
        self.skipped_aliases: dict[str, OldPost] = {}
        self.lines: dict[str, list[str]] = {}  # each post's lines of the report, said in the posts' order

    # --- helpers -----------------------------------------------------------------------------

    def shown(self, post: OldPost) -> str:
        return f"{self.request.label}/{post.label}"

    def warn(self, post: OldPost, line: int | None, message: str) -> None:
        """A warning about a post, said after the post's own line."""
        post.warn(line, message)

    def tell(self, post: OldPost, line: str) -> None:
        """The post's line of the report, followed by its warnings as ``file:line: warning: …``."""
        said = self.lines.setdefault(post.label, [])
        said.append(line)
        for warning in sorted(dict.fromkeys(post.warnings), key=lambda w: w.line or 0):  # each said once
            where = f"{self.shown(post)}:{warning.line}" if warning.line else self.shown(post)
            said.append(f"{where}: warning: {warning.message}")
            self.report.warnings += 1
        post.warnings.clear()

    def skip(self, post: OldPost, reason: str, group: str, failed: bool) -> None:
        verb = "would be skipped" if self.request.dry_run else "skipped"
        self.tell(post, f"{self.shown(post)}: {'error: ' if failed else ''}{verb} ({reason})")
        self.report.skipped[group] += 1
        if failed:
            self.report.failed += 1
        self.skipped_posts[post.source.resolve()] = post
        for alias in post.aliases:
            self.skipped_aliases.setdefault(alias, post)

    # --- the run -----------------------------------------------------------------------------

    def run(self) -> MigrationReport:
        for note in self.old.notes:
            self.say(f"note: {note}")
        posts = sorted(self.old.posts, key=lambda p: p.label)
        if not posts:
            self.say(f"note: no posts found in {self.request.label}")
        pending: list[OldPost] = []
        for post in posts:
            if post.skipped is not None:
                self.skip(post, post.skipped, post.skip_group or "not a post", post.failed)
                continue
            pending.append(post)
        for post in pending:
            try:
                plan = self.plan(post)
            except Exception as exc:  # noqa: BLE001 - one post nobody foresaw must not stop the others
                self.skip(post, f"could not be imported: {type(exc).__name__}: {exc}", "unreadable", True)
                continue
            if plan is not None:
                self.plans.append(plan)
        for plan in self.plans:
            try:
                self.finish(plan)
            except Exception as exc:  # noqa: BLE001 - as above
                self.skip(plan.post, f"could not be imported: {type(exc).__name__}: {exc}", "unreadable", True)
        for label in sorted(self.lines):
            for line in self.lines[label]:
                self.say(line)
        self.closing_notes()
        if self.request.dry_run:
            self.say("dry run: nothing was written")
        self.say(self.report.summary)
        return self.report

    def closing_notes(self) -> None:
        if self.old.dropped_fields:
            listed = ", ".join(
                f"{name} ({plural(count, 'post')})"
                for name, count in sorted(self.old.dropped_fields.items(), key=lambda i: (-i[1], i[0]))
            )
            self.say(f"note: front matter fields Briefings has no place for, not carried over: {listed}")
        if self.old.pages_left:
            self.say(f"note: {plural(self.old.pages_left, 'page')} of the old site that are not posts were left alone")

    # --- planning: topic, duplicates, file name, old URLs ---------------------------------------------

    def plan(self, post: OldPost) -> Plan | None:
        draft = post.draft
        assert draft is not None
        if self.request.source and not draft.source:
            draft.source = self.request.source
        if draft.date is None:
            self.skip(post, "no date", "no date", True)
            return None
        draft.date = localise(draft.date, self.settings.timezone)
        try:
            moment, _ = parse_article_date(draft.date, self.settings.timezone)
            check_year(moment, draft.date, self.settings.timezone)
        except DateError as exc:
            self.skip(post, f"the date: {exc}", "bad date", True)
            return None
        chosen = self.choose_topic(post, draft)
        if chosen is None:
            keys = ", ".join(t.key for t in self.settings.topics)
            categories = f" (its categories: {', '.join(post.categories)})" if post.categories else ""
            hint = f"; topics: {keys}" if keys else ""
            self.skip(
                post, f"no topic{categories}: pass --topic KEY or --topic-map CATEGORY=KEY{hint}", "no topic", True
            )
            return None
        draft.topic, reason = chosen
        self.set_tags(post, draft)
        duplicate = self.known.find(draft)
        if duplicate is not None:
            post.warnings.clear()  # nothing is written: what its conversion would have lost does not matter
            self.skip(post, f"duplicate of {duplicate}", "duplicate", False)
            return None
        path, slug = target_path(self.settings.content_dir, draft, self.settings.timezone, self.known, self.planned)
        plan = Plan(post, draft, path, slug, reason)
        self.planned.add(path)
        # its page URL is taken; its title is not a duplicate for the next posts: two posts of the old site
        # are two articles, even with the same title on the same day ("Weekly links")
        self.known.urls_taken.add(urls.article_url(briefing_day(draft.date, self.settings.timezone), slug))
        plan.aliases = self.claim_aliases(post, plan)
        self.by_source[post.source.resolve()] = plan
        for alias in plan.aliases:
            self.by_alias.setdefault(alias, plan)
        return plan

    def choose_topic(self, post: OldPost, draft: Draft) -> tuple[str, str] | None:
        """The post's topic and why it was chosen (see the module's docstring for the order)."""
        topics = self.settings.topics
        candidates = [*post.categories, *post.topic_hints]
        for category in candidates:
            key = " ".join(category.split()).casefold()
            if key in self.request.topic_map:
                return self.request.topic_map[key], f"--topic-map {category}"
        for category in candidates:
            for topic in topics:
                if (
                    category.casefold() in (topic.key.casefold(), topic.title.casefold())
                    or slugify(category) == topic.key
                ):
                    return topic.key, f"category {category!r}"
        if self.settings.discovers_topics:
            for category in post.categories:
                key = slugify(category)
                if key and len(key) <= TOPIC_MAX:
                    return key, f"category {category!r}"
        if self.request.topic is not None:
            return self.request.topic, "--topic"
        text = "\n".join([*post.categories, draft.title, draft.body])
        guessed = choose_topic(text, topics)
        if guessed is not None:
            return guessed, "keywords"
        return None

    def set_tags(self, post: OldPost, draft: Draft) -> None:
        """Tags, and the categories that did not become the topic; held to Briefings' rules."""
        topic = (draft.topic or "").casefold()
        extra = [c for c in post.categories if c.casefold() != topic and slugify(c) != topic]
        kept: list[str] = []
        for tag in unique([*draft.tags, *extra, *self.request.tags]):
            found, errors = fields.tags([tag])
            if errors:
                self.warn(post, None, f"tag {tag!r} left out: {errors[0]}")
            kept.extend(found)
        if len(kept) > TAGS_MAX:
            self.warn(
                post,
                None,
                f"{len(kept)} tags and categories; Briefings keeps {TAGS_MAX}: {', '.join(kept[TAGS_MAX:])} left out",
            )
            kept = kept[:TAGS_MAX]
        draft.tags = kept

    def claim_aliases(self, post: OldPost, plan: Plan) -> list[str]:
        """The post's old URLs that can redirect: valid, and claimed by no other article or post."""
        kept: list[str] = []
        mine = self.settings.relative(plan.path)
        for alias in post.aliases:
            written = _alias_text(alias)
            found, errors = fields.aliases([written])
            if errors:
                self.warn(post, None, f"old URL /{alias} cannot redirect: {errors[0]}")
                continue
            if not found:
                continue
            file = alias_file(found[0])
            owner = self.alias_owners.get(file)
            if owner is not None and owner != mine:
                self.warn(post, None, f"old URL /{alias} is already claimed by {owner}: no redirect from it")
                continue
            if len(kept) >= ALIASES_MAX:
                self.warn(post, None, f"more than {ALIASES_MAX} old URLs: /{alias} gets no redirect")
                continue
            self.alias_owners[file] = mine
            kept.append(found[0])
        return kept

    # --- finishing: links, files, checking, writing ----------------------------------------------------

    def finish(self, plan: Plan) -> None:
        post, draft = plan.post, plan.draft
        body = self.rewrite_links(plan, draft.body)
        if post.image:
            self.set_image(plan)
        draft.body = body
        if plan.aliases:
            draft.extra["aliases"] = list(plan.aliases)
        text = render(draft)
        shown = self.settings.relative(plan.path)
        problems = self.check(text, plan.path, shown)
        if problems is not None:
            self.skip(post, f"Briefings would not accept it: {problems}", "not valid for Briefings", True)
            return
        if not self.request.dry_run:
            try:
                write_new_file(plan.path, text)
            except FileExistsError:  # written meanwhile by someone else: never overwritten
                self.skip(post, f"{shown} appeared while importing: not overwritten", "not writable", True)
                return
            except OSError as exc:
                self.skip(post, f"cannot write {shown}: {exc.strerror or exc}", "not writable", True)
                return
            self.copy_files(plan)
        self.report.imported += 1
        arrow = "would be imported →" if self.request.dry_run else "imported →"
        details = [f"topic {draft.topic}, from {plan.topic_reason}"]
        if plan.aliases:
            details.append(
                f"old URL /{plan.aliases[0]}" + (f" (+{len(plan.aliases) - 1})" if len(plan.aliases) > 1 else "")
            )
        if plan.copies:
            details.append(plural(len(plan.copies), "file") + (" to copy" if self.request.dry_run else " copied"))
        if draft.extra.get("draft"):
            details.append("draft")
        self.tell(post, f"{self.shown(post)}: {arrow} {shown} ({'; '.join(details)})")

    def check(self, text: str, path: Path, shown: str) -> str | None:
        """The errors ``briefings check`` would report for this file, in one line; None when it would pass."""
        raw = read_article_text(text.encode("utf-8"), shown)
        problems = list(raw.problems)
        if not any(p.is_error for p in problems):
            _, found = validate_article(raw, path, shown, self.settings)
            problems = found
        errors = [p.message for p in problems if p.is_error]
        return "; ".join(errors) if errors else None

    def rewrite_links(self, plan: Plan, body: str) -> str:
        """The body with its links to the old site's files and posts made to work from the new article."""
        pieces: list[str] = []
        last = 0
        for target in link_targets(body):
            if _FOOTNOTE_DEFINITION.search(body, max(0, target.start - 200), target.start):
                continue  # "[^1]:" then the note's text: not a link
            replacement = self.link_for(plan, target.text)
            if replacement is None:
                continue
            pieces.append(body[last : target.start])
            pieces.append(replacement)
            last = target.end
        pieces.append(body[last:])
        return "".join(pieces)

    def link_for(self, plan: Plan, written: str) -> str | None:
        """What a link target becomes: a relative link to a copied file or to another article; None: unchanged."""
        post = plan.post
        text = written.strip()
        if not text or text.startswith(("#", "//", "mailto:", "tel:", "data:")):
            return None
        cut = min((i for i in (text.find("#"), text.find("?")) if i >= 0), default=len(text))
        path, rest = unquote(text[:cut]), text[cut:]
        site_path = self.old.site_path(path)
        if _SCHEME.match(path) and site_path is None:
            return None  # a web address elsewhere
        if not path:
            return None
        linked = self.post_at(site_path) if site_path is not None else None
        file = self.old.locate("/" + site_path if site_path is not None else path, post)
        if linked is None and file is not None:
            linked = self.by_source.get(file.resolve())
        if linked is not None:
            target = os.path.relpath(linked.path, plan.path.parent).replace(os.sep, "/")
            return quote(target, safe="/-_.~") + (rest if rest.startswith("#") else "")
        line = post.line_of(written)
        if file is None:
            skipped = self.skipped_aliases.get(site_path or "") if site_path is not None else None
            address = self.old.old_address(site_path) if site_path is not None else None
            if skipped is not None:
                self.warn(post, line, f"links to {written}, a post that is not imported: the link is kept as written")
            elif address is not None and not _SCHEME.match(path) and _looks_like_page(site_path or ""):
                self.warn(post, line, f"links to {written}, a page of the old site that is not imported: now {address}")
                return address + rest
            elif site_path is not None or not _SCHEME.match(path):
                self.warn(post, line, f"links to {written}, neither a post nor a file of the old site: kept as written")
            return None
        if file.resolve() in self.skipped_posts:
            self.warn(post, line, f"links to {written}, a post that is not imported: the link is kept as written")
            return None
        if file.suffix.lower() in _PAGE_SUFFIXES:
            page = self.old.page_url(file)
            address = self.old.old_address(page) if page is not None else None
            if address is not None:
                self.warn(post, line, f"links to {written}, a page of the old site that is not imported: now {address}")
                return address + rest
            self.warn(post, line, f"links to {written}, a page of the old site that is not imported: the link is kept")
            return None
        copy = self.copy_for(plan, file)
        target = posixpath.join(plan.path.stem, copy.target.name)
        return quote(target, safe="/-_.~") + rest

    def post_at(self, site_path: str) -> Plan | None:
        """The imported post served at ``site_path`` on the old site (its URL, with or without index.html)."""
        candidates = [site_path, site_path.rstrip("/") + "/", site_path.removesuffix("index.html")]
        if not site_path.endswith("/") and "." not in site_path.rsplit("/", 1)[-1]:
            candidates.append(site_path + ".html")
        for candidate in candidates:
            found = self.by_alias.get(_alias_text(candidate))
            if found is not None:
                return found
        return None

    def copy_for(self, plan: Plan, source: Path) -> Copy:
        """Where a file linked from the post goes: ``<article stem>/<name>``, renamed if that name is taken."""
        for copy in plan.copies:
            if copy.source.resolve() == source.resolve():
                return copy
        folder = plan.path.parent / plan.path.stem
        stem, suffix = os.path.splitext(source.name)
        number = 1
        while True:
            name = source.name if number == 1 else f"{stem}-{number}{suffix}"
            target = folder / name
            taken = any(c.target == target for c in plan.copies)
            if not taken and (not target.exists() or _same_bytes(target, source)):
                copy = Copy(source, target)
                plan.copies.append(copy)
                return copy
            number += 1

    def set_image(self, plan: Plan) -> None:
        post, draft = plan.post, plan.draft
        image = (post.image or "").strip()
        if image.startswith("https://"):
            draft.image = image
        elif _SCHEME.match(image) or image.startswith("//"):
            self.warn(post, post.line_of(image), f"picture {image} is not an https:// address or a file: left out")
            return
        else:
            site_path = self.old.site_path(unquote(image))
            file = self.old.locate("/" + site_path if site_path is not None else unquote(image), post)
            if file is None:
                self.warn(post, post.line_of(image), f"picture {image} is not a file of the old site: left out")
                return
            copy = self.copy_for(plan, file)
            draft.image = posixpath.join(plan.path.stem, copy.target.name)
        if not draft.image_alt:
            draft.image_alt = draft.title
            self.warn(post, post.line_of(image), "the picture has no description: image_alt is the title")

    def copy_files(self, plan: Plan) -> None:
        for copy in plan.copies:
            try:
                copy.target.parent.mkdir(parents=True, exist_ok=True)
                if copy.target.exists():
                    continue  # the same bytes (copy_for chose the name): nothing to do, nothing overwritten
                with copy.source.open("rb") as source, copy.target.open("xb") as target:
                    shutil.copyfileobj(source, target)
                self.report.files_copied += 1
            except OSError as exc:
                self.warn(plan.post, None, f"cannot copy {copy.source.name}: {exc.strerror or exc}")


def _looks_like_page(path: str) -> bool:
    """A path a page is served at (``docs/``, ``about``, ``x.html``), not a missing picture or file (``x.png``)."""
    name = path.rsplit("/", 1)[-1]
    return not name or "." not in name or name.rsplit(".", 1)[-1].lower() in ("html", "htm", "php", "asp", "aspx")


def _alias_text(path: str) -> str:
    """An old URL path as ``aliases:`` takes it: decoded, but for what must stay percent-encoded."""
    return _ALIAS_UNSAFE.sub(lambda m: quote(m.group(0), safe=""), path.lstrip("/"))


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False
