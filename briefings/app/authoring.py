"""``new`` and ``import``: drafts → new article files, never overwriting, skipping duplicates.

The command line validates the options (:mod:`briefings.fields` rules) and shows
progress; these functions decide and write. Every message goes through ``say``,
and every decision an import takes on its own (the date found in the file, the
topic guessed from keywords, the duplicate it skips) is said, with its reason,
whether or not the run is a dry run.

``new`` may start from a site's article template (an *archetype*):
``archetypes/<name>.md`` next to ``mkdocs.yml``, a Markdown file whose front
matter gives default field values and whose body is the new article's body
(see :func:`load_template`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import fields
from ..dates import DateValue
from ..errors import BriefingsError
from ..importers import InputFile, Item
from ..importers.write import (
    Draft,
    Duplicates,
    ImportFailure,
    briefing_day,
    format_date,
    front_matter,
    keyword_counts,
    localise,
    normalise_url,
    plain_to_markdown,
    render,
    target_path,
    topic_with_most,
    write_new_file,
)
from ..load import load_articles
from ..model import Problem, SiteSettings, Topic
from ..reader import RawArticle, decode, parse_yaml, read_article_text, split_front_matter
from ..text import plural
from ..validate import validate_article

#: ``say(line, err=False)``: one line of the import report.
Say = Callable[..., None]
NEW_BODY = "<!-- Write the article here. Its first paragraph becomes the summary shown in the briefing. -->"
#: Where a site keeps its article templates for ``briefings new``, next to ``mkdocs.yml``.
TEMPLATE_FOLDER = "archetypes"
#: The template ``new`` uses when ``--template`` is not given (if the site has it).
DEFAULT_TEMPLATE = "article"
#: Fields a template cannot give: each article has its own.
PER_ARTICLE_FIELDS = ("title", "date", "slug", "aliases")
_FROM = {"title": " (the TITLE argument)", "date": " (--date, or now)"}
#: ``{{ name }}`` in a template's body, replaced by the new article's value.
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
PLACEHOLDERS = ("title", "date", "topic", "topic_title", "source", "source_url", "author")
_TEMPLATE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def known_articles(settings: SiteSettings) -> Duplicates:
    """Every article already in the site, drafts included, to recognise duplicates."""
    return Duplicates.from_articles(load_articles(settings).all_articles, settings.timezone)


# --- import ------------------------------------------------------------------------------


@dataclass
class ImportRun:
    """One ``briefings import``: the options, what is known so far, and the counts."""

    settings: SiteSettings
    known: Duplicates
    topic: str | None = None
    date: DateValue | None = None
    source: str | None = None
    source_url: str | None = None  # ``--url``: the command allows it for one article only
    tags: tuple[str, ...] = ()  # ``--tags``: added to every article's own tags
    dry_run: bool = False
    planned: set[Path] = field(default_factory=set)
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    ignored: int = 0  # files in a folder that are not text, pages or feeds

    @property
    def summary(self) -> str:
        """The last line of the report; a dry run says what *would* happen."""
        if self.dry_run:
            counts = f"{self.imported} would be imported, {self.skipped} would be skipped as duplicates"
        else:
            counts = f"{self.imported} imported, {self.skipped} skipped as duplicates"
        counts += f", {self.failed} failed"
        if self.ignored:
            counts += f", {plural(self.ignored, 'file')} ignored"
        return counts

    def handle_file(self, found: InputFile, say: Say) -> bool:
        """Report a file found but not to be read (passed over, or unreadable); False when it is to be read."""
        if found.error is not None:
            self.fail(found.label, found.error, say)
        elif found.passed_over is not None:
            self.ignored += 1
            say(f"{found.label}: ignored ({found.passed_over})")
        else:
            return False
        return True

    def handle(self, item: Item, say: Say) -> None:
        """Import one item found in an input file, or say why not."""
        if item.draft is None:
            self.fail(item.label, item.error or "could not be imported", say)
            return
        try:
            decisions = self.complete(item.draft)
        except ImportFailure as exc:
            self.fail(item.label, str(exc), say)
            return
        self.take(item.label, item.draft, decisions, say)

    def complete(self, draft: Draft) -> list[str]:
        """Apply the options and defaults to a draft; return each decision taken, said as one line.

        Raises :class:`ImportFailure` when the draft cannot be completed (no date,
        no topic, too many tags).
        """
        zone = self.settings.timezone
        if self.date is not None:
            draft.date, draft.date_origin = self.date, "--date"
        if draft.date is None:
            raise ImportFailure("no full date (with a year) found in the text: pass --date, e.g. --date 2024-11-25")
        draft.date = localise(draft.date, zone)
        decisions = [f"date {format_date(draft.date)}, from {draft.date_origin or 'the file'}"]

        if self.topic is not None:
            draft.topic = self.topic
            decisions.append(f"topic {draft.topic}, from --topic")
        else:
            guess = guess_topic(draft.text_for_keywords(), self.settings.topics)
            if guess is None:
                keys = ", ".join(t.key for t in self.settings.topics)
                hint = f" (one of: {keys})" if keys else ""
                raise ImportFailure(f"no topic keyword found in the text: pass --topic{hint}")
            draft.topic = guess.key
            decisions.append(f"topic {guess.key}, {guess.reason}")

        if draft.source:
            decisions.append(f"source {draft.source}, from the file")
        elif self.source:
            draft.source = self.source
            decisions.append(f"source {draft.source}, from --source")
        else:
            decisions.append("no source: the file names no outlet (--source sets one)")
        if self.source_url is not None:
            draft.source_url = self.source_url
            decisions.append(f"source_url {draft.source_url}, from --url")
        if self.tags:
            merged, errors = fields.tags([*draft.tags, *self.tags])
            if errors:
                raise ImportFailure(f"with --tags: {errors[0]}")
            draft.tags = list(merged)
            decisions.append(f"tags {', '.join(merged)}, with --tags")
        decisions.extend(draft.notes)  # what the reader guessed rather than read
        return decisions

    def take(self, label: str, draft: Draft, decisions: list[str], say: Say) -> None:
        """Write one completed draft (its date and topic set by :meth:`complete`), or say why it is skipped."""
        if draft.date is None:  # complete() sets it; never write an undated article
            self.fail(label, "no date: pass --date, e.g. --date 2024-11-25", say)
            return
        duplicate = self.known.find(draft)
        if duplicate is not None:
            self.skipped += 1
            verb = "would be skipped" if self.dry_run else "skipped"
            say(f"{label}: {verb} (duplicate of {duplicate}: {self.duplicate_reason(draft, duplicate)})")
            return
        path, slug = write_article(self.settings, draft, self.known, self.planned, dry_run=self.dry_run)
        shown = self.settings.relative(path)
        self.planned.add(path)
        self.known.add(shown, draft.title, draft.date, draft.source_url, slug)
        self.imported += 1
        say(f"{label}: {'would write' if self.dry_run else 'wrote'} {shown}")
        for decision in decisions:
            say(f"    {decision}")
        if self.dry_run:
            header = yaml.safe_dump(front_matter(draft), allow_unicode=True, sort_keys=False, width=1000)
            for line in ["---", *header.splitlines(), "---"]:
                say(f"    {line}")

    def duplicate_reason(self, draft: Draft, duplicate: str) -> str:
        """Why ``draft`` duplicates the article at ``duplicate``: the same source URL, or title and day."""
        if draft.source_url and self.known.by_url.get(normalise_url(draft.source_url)) == duplicate:
            return "same source URL"
        when = f" on {briefing_day(draft.date, self.settings.timezone)}" if draft.date is not None else ""
        return f"same title{when}"

    def fail(self, label: str, message: str, say: Say) -> None:
        self.failed += 1
        say(f"{label}: error: {message}", err=True)


@dataclass(frozen=True)
class TopicGuess:
    """The topic whose keywords occur most in a text, and why: each keyword with its count."""

    key: str
    hits: tuple[tuple[str, int], ...]  # (keyword as configured, occurrences), most first
    tied_with: tuple[str, ...] = ()  # topics with as many occurrences, after ``key`` in mkdocs.yml

    @property
    def reason(self) -> str:
        """``guessed from keywords: inflation ×3, ECB ×1`` (and the topics it tied with)."""
        found = ", ".join(f"{keyword} ×{count}" for keyword, count in self.hits)
        tie = f" (as many as {', '.join(self.tied_with)}: the first in mkdocs.yml wins)" if self.tied_with else ""
        return f"guessed from keywords: {found}{tie}"


def guess_topic(text: str, topics: Iterable[Topic]) -> TopicGuess | None:
    """The topic :func:`~briefings.importers.write.choose_topic` picks, with the keyword counts behind it."""
    topics = tuple(topics)
    totals = keyword_counts(text, topics)
    key = topic_with_most(totals, topics)
    if key is None:
        return None
    chosen = next(t for t in topics if t.key == key)
    # each keyword counted by the same rule as the whole topic (one single-keyword topic per keyword)
    singles = [Topic(str(index), keyword, keywords=(keyword,)) for index, keyword in enumerate(chosen.keywords)]
    per_keyword = keyword_counts(text, singles)
    hits = sorted(
        ((single.title, per_keyword[single.key]) for single in singles if per_keyword[single.key]),
        key=lambda hit: -hit[1],
    )
    tied = tuple(t.key for t in topics if t.key != key and totals[t.key] == totals[key])
    return TopicGuess(key, tuple(hits), tied)


def write_article(
    settings: SiteSettings,
    draft: Draft,
    known: Duplicates,
    planned: set[Path],
    *,
    dry_run: bool = False,
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
            write_new_file(path, render(draft))
            return path, slug
        except FileExistsError:
            planned.add(path)


# --- new: the article template -----------------------------------------------------------


class NoSuchTemplate(ValueError):
    """``--template NAME`` names no template of the site; the message says which ones there are."""


class TemplateError(BriefingsError):
    """The site's article template cannot be used; the message names the file (and line)."""

    def format_message(self) -> str:
        return self.message


@dataclass
class ArticleTemplate:
    """A site's article template (``archetypes/<name>.md``), read and validated.

    ``defaults`` are its front matter fields (validated by the article rules, in
    the order written); ``body`` is the new article's body, with ``{{ name }}``
    placeholders for the values in :data:`PLACEHOLDERS`.
    """

    path: Path
    shown: str  # relative to the site root, for messages
    defaults: dict[str, object]
    body: str
    warnings: list[Problem] = field(default_factory=list)

    @property
    def topic(self) -> str | None:
        value = self.defaults.get("topic")
        return value if isinstance(value, str) else None


def template_names(settings: SiteSettings) -> list[str]:
    """The templates a site has: the names of the ``.md`` files in ``archetypes/``."""
    folder = settings.root / TEMPLATE_FOLDER
    return sorted(p.stem for p in folder.glob("*.md") if p.is_file()) if folder.is_dir() else []


def find_template(settings: SiteSettings, name: str | None) -> ArticleTemplate | None:
    """The template ``new`` fills in: ``archetypes/<name>.md``, or ``archetypes/article.md`` if it exists.

    Raises :class:`NoSuchTemplate` for a name that is not a template of the site,
    :class:`TemplateError` for a broken template (see :func:`load_template`).
    """
    if name is None:
        path = settings.root / TEMPLATE_FOLDER / f"{DEFAULT_TEMPLATE}.md"
        return load_template(settings, path) if path.is_file() else None
    if not _TEMPLATE_NAME.fullmatch(name):
        raise NoSuchTemplate(
            f"{name!r}: expected the name of a file in {TEMPLATE_FOLDER}/, without '.md' (letters, digits, '-' and '_')"
        )
    path = settings.root / TEMPLATE_FOLDER / f"{name}.md"
    if not path.is_file():
        names = template_names(settings)
        known = f"; the site has: {', '.join(names)}" if names else f"; the site has no {TEMPLATE_FOLDER}/ templates"
        raise NoSuchTemplate(f"{name!r}: no such template, {settings.relative(path)}{known}")
    return load_template(settings, path)


def load_template(settings: SiteSettings, path: Path) -> ArticleTemplate:
    """Read and validate an article template; raise :class:`TemplateError` naming each problem's line.

    The template is a Markdown file. Its front matter (optional) is checked by the
    same rules as an article's (a bad ``priority``, an unknown ``topic``, a
    malformed ``source_url`` are errors at their line); ``title``, ``date``,
    ``slug`` and ``aliases`` are refused, as each article has its own. Its body
    is used as written, except ``{{ name }}`` placeholders; an unknown placeholder
    is an error at its line. Nothing is executed: a template is data.
    """
    shown = settings.relative(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"{shown}: error: cannot read the template: {exc.strerror or exc}") from None
    text, problem = decode(data, shown)
    if problem is not None or text is None:
        raise TemplateError(problem.format() if problem else f"{shown}: error: cannot read the template")
    raw = _read_template(text, shown)
    problems = [
        Problem(
            shown,
            raw.line_of(name),
            "error",
            f"field '{name}' cannot be in a template: each article gets its own{_FROM.get(name, '')}",
            name,
        )
        for name in PER_ARTICLE_FIELDS
        if name in raw.fields
    ]
    problems += raw.problems + _placeholder_problems(raw, shown) + _validate_defaults(raw, path, shown, settings)
    problems.sort(key=lambda p: (p.line or 0, p.message))
    if any(p.is_error for p in problems):
        raise TemplateError("\n".join(p.format() for p in problems if p.is_error))
    return ArticleTemplate(
        path=path,
        shown=shown,
        defaults=_clean_defaults({k: v for k, v in raw.fields.items() if k not in PER_ARTICLE_FIELDS}),
        body=raw.body.strip("\n"),
        warnings=problems,
    )


def _read_template(text: str, shown: str) -> RawArticle:
    """A template's front matter and body, as the article reader reads them; no front matter (or an empty
    one, or only comments) gives no defaults, not an error as in an article."""
    if text.split("\n", 1)[0].rstrip(" \t") != "---":
        return RawArticle({}, {}, text)
    front, body, problem = split_front_matter(text, shown)
    if problem is not None:
        return RawArticle({}, {}, "", problems=[problem])
    if all(not line.strip() or line.lstrip().startswith("#") for line in front.split("\n")):
        raw = RawArticle({}, {}, body)
    else:
        raw = parse_yaml(front, shown)
        raw.body = body
    raw.body_line = 3 + front.count("\n")  # after '---', the front matter and the closing '---'
    return raw


def _placeholder_problems(raw: RawArticle, shown: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(raw.body.split("\n")):
        for match in _PLACEHOLDER.finditer(line):
            if match.group(1) not in PLACEHOLDERS:
                problems.append(
                    Problem(
                        shown,
                        raw.body_line + number,
                        "error",
                        f"unknown placeholder {match.group()!r}; a template may use"
                        f" {', '.join('{{ ' + name + ' }}' for name in PLACEHOLDERS)}",
                    )
                )
    return problems


def _validate_defaults(raw: RawArticle, path: Path, shown: str, settings: SiteSettings) -> list[Problem]:
    """The template's fields checked as an article's, with stand-ins for the fields each article gets."""
    written = {name: value for name, value in raw.fields.items() if name not in PER_ARTICLE_FIELDS}
    stand_ins: dict[str, object] = {"title": "Template", "date": "2024-01-01"}
    if "topic" not in written:
        stand_ins["topic"] = settings.topics[0].key if settings.topics else "news"
    checked = RawArticle(
        fields={**written, **stand_ins},
        field_lines=raw.field_lines,
        body=raw.body,
        opening_line=raw.opening_line,
        body_line=raw.body_line,
    )
    _, problems = validate_article(checked, path, shown, settings)
    return problems


def _clean_defaults(written: dict[str, object]) -> dict[str, object]:
    """The template's values as the article gets them: text trimmed, tags as a clean list."""
    defaults: dict[str, object] = {}
    for name, value in written.items():
        if name == "tags":
            defaults[name] = list(fields.tags(value)[0])
        elif isinstance(value, str):
            if value.strip():
                defaults[name] = value.strip()
        elif value is not None:
            defaults[name] = value
    return defaults


def fill_placeholders(body: str, values: dict[str, str]) -> str:
    """The template body with each ``{{ name }}`` replaced by its value, written as Markdown text."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), ""), body)


# --- new ---------------------------------------------------------------------------------


@dataclass
class NewOptions:
    """What ``briefings new`` was asked for; None (or an empty value) is "not given"."""

    title: str
    topic: str | None = None
    #: A date, a naive datetime (local time in the site timezone, written so) or an aware
    #: datetime (written with its offset); None: now, in the site timezone.
    date: DateValue | None = None
    source: str | None = None
    source_url: str | None = None
    author: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] | None = None  # None: the template's tags, if any
    priority: int | None = None
    draft: bool | None = None


#: The fields :class:`NewOptions` sets (an option overrides the template's value).
_NEW_OPTION_FIELDS = ("topic", "source", "source_url", "author", "summary", "tags", "priority", "draft")
#: The fields a template gives that :class:`~briefings.importers.write.Draft` holds as such (the rest go to ``extra``).
_DRAFT_FIELDS = (*_NEW_OPTION_FIELDS, "image", "image_alt")


@dataclass
class NewArticle:
    """What ``briefings new`` wrote, and the existing article it may duplicate."""

    path: Path
    duplicate_of: str | None
    scheduled: bool = False  # dated in the future: left out of builds until then (without --future)


def new_article(settings: SiteSettings, options: NewOptions, template: ArticleTemplate | None = None) -> NewArticle:
    """Write a new article (``briefings new``): the options, else the template's values, else the defaults.

    Only what is known is written: no empty ``source`` or ``source_url``. The
    date is written as local time in the site timezone (``2024-11-25 08:30``),
    so that it keeps meaning the same hour if the site's timezone changes;
    ``priority`` and ``draft`` are always written, as the two switches an editor
    flips most (``priority: 1`` for a top story, ``draft: true`` to hold it back).
    """
    defaults = template.defaults if template is not None else {}

    def chosen(name: str) -> object:
        given = getattr(options, name)
        return given if given is not None else defaults.get(name)

    topic = chosen("topic")
    if not isinstance(topic, str):
        raise ValueError("a new article needs a topic: from --topic or from the template")
    tags = chosen("tags")
    draft = Draft(
        title=options.title,
        date=options.date if options.date is not None else now_in(settings),
        body=NEW_BODY,
        topic=topic,
        source=_text(chosen("source")),
        source_url=_text(chosen("source_url")),
        author=_text(chosen("author")),
        summary=_text(chosen("summary")),
        image=_text(defaults.get("image")),
        image_alt=_text(defaults.get("image_alt")),
        tags=[str(tag) for tag in tags] if isinstance(tags, (list, tuple)) else [],
    )
    priority, is_draft = chosen("priority"), chosen("draft")
    draft.extra = {
        "priority": 2 if priority is None else priority,
        "draft": False if is_draft is None else is_draft,
    }
    # the template's other fields (image, the site's own fields…), as written
    draft.extra.update((name, value) for name, value in defaults.items() if name not in _DRAFT_FIELDS)
    if template is not None:
        draft.body = fill_placeholders(template.body, _placeholder_values(draft, settings))
    _check_written(draft, settings)
    known = known_articles(settings)
    duplicate = known.find(draft)
    path, _ = write_article(settings, draft, known, set())
    return NewArticle(path, duplicate, scheduled=_is_future(draft.date, settings))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _placeholder_values(draft: Draft, settings: SiteSettings) -> dict[str, str]:
    """The values of the template placeholders: plain text written as Markdown text (no markup)."""
    topic_title = next((t.title for t in settings.topics if t.key == draft.topic), draft.topic or "")
    texts = {
        "title": draft.title,
        "topic": draft.topic or "",
        "topic_title": topic_title,
        "source": draft.source or "",
        "author": draft.author or "",
    }
    values = {name: plain_to_markdown([text]) if text else "" for name, text in texts.items()}
    values["date"] = str(format_date(draft.date)) if draft.date is not None else ""
    values["source_url"] = draft.source_url or ""
    return values


def _check_written(draft: Draft, settings: SiteSettings) -> None:
    """Refuse to write an article that ``briefings check`` would reject (a guard: the parts are checked)."""
    text = render(draft)
    path = settings.content_dir / "new.md"
    raw = read_article_text(text.encode("utf-8"), "new article")
    _, problems = validate_article(raw, path, "new article", settings)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise BriefingsError("the new article would not pass check: " + "; ".join(p.message for p in errors))


def _is_future(value: DateValue | None, settings: SiteSettings) -> bool:
    if value is None:
        return False
    if isinstance(value, dt.datetime):
        moment = localise(value, settings.timezone)
        assert isinstance(moment, dt.datetime)
    else:
        moment = dt.datetime(value.year, value.month, value.day, tzinfo=settings.timezone)
    return moment > (settings.now or dt.datetime.now(settings.timezone))


def now_in(settings: SiteSettings) -> dt.datetime:
    """The current time in the site timezone, to the minute, without an offset (local time, written so)."""
    return dt.datetime.now(settings.timezone).replace(second=0, microsecond=0, tzinfo=None)
