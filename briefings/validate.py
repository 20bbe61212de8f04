"""Validate raw front matter fields and derive an :class:`Article` (SPEC §2).

Each check appends a :class:`Problem` naming the field and its line, and
validation goes on, so one run reports everything that is wrong with a file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import fields
from .dates import DateError, check_year, parse_article_date
from .fields import FieldError, describe, short_repr
from .limits import (
    BODY_MAX,
    INT_BITS_MAX,
    SLUG_MAX,
    TEXT_LIMITS,
    UNUSED_FIELDS_DEPTH,
    UNUSED_FIELDS_MAX,
    approximate_digits,
)
from .model import KNOWN_FIELDS, Article, Problem, SiteSettings
from .reader import RawArticle
from .sanitize import body_problems
from .text import derive_summary, did_you_mean, slug_from_filename

_TEXT_SCALARS = (str, int, float)


class _Checker:
    """Collects the problems of one file while its fields are validated."""

    def __init__(self, raw: RawArticle, path: str) -> None:
        self.raw = raw
        self.path = path
        self.problems: list[Problem] = list(raw.problems)  # the reader's warnings (fields written twice)

    def error(self, name: str | None, message: str) -> None:
        line = self.raw.line_of(name) if name else self.raw.opening_line
        self.problems.append(Problem(self.path, line, "error", message, name))

    def warning(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.raw.line_of(name), "warning", message, name))

    def text(self, name: str, *, required: bool = False) -> str | None:
        """A string field; YAML numbers (``title: 1984``) are taken as their text.

        Bounded by its limit in :data:`~briefings.limits.TEXT_LIMITS`, without control characters.
        """
        value = self.raw.fields.get(name)
        if value is None:
            if required:
                self.error(name, f"missing required field '{name}'" + _HINTS.get(name, ""))
            return None
        if isinstance(value, bool) or not isinstance(value, _TEXT_SCALARS):
            self.error(name, f"field '{name}' must be text, found {describe(value)}")
            return None
        try:
            text = fields.text_field(name, value, TEXT_LIMITS[name])
        except FieldError as exc:
            self.error(name, str(exc))
            return None
        if not text:
            if required:
                self.error(name, f"field '{name}' must not be empty")
            return None
        return text


_HINTS = {
    "title": " (the headline, e.g. title: Parliament passes the budget)",
    "date": " (e.g. date: 2024-11-25 or date: 2024-11-25 08:30)",
    "topic": " (one of the topic keys configured in mkdocs.yml)",
}


def validate_article(
    raw: RawArticle, source_path: Path, path: str, settings: SiteSettings
) -> tuple[Article | None, list[Problem]]:
    """Check every field of one file; return the article (None on any error) and the problems."""
    check = _Checker(raw, path)
    fields = raw.fields

    for name in fields:
        if name not in KNOWN_FIELDS and name not in settings.extra_fields:
            check.warning(
                name,
                f"unknown field {short_repr.repr(name)} is kept but not used by Briefings"
                f"{did_you_mean(name, KNOWN_FIELDS)}",
            )
    _unused_fields(check)

    title = check.text("title", required=True)
    topic = _topic(check, settings)
    published, has_time = _date(check, settings)
    source = check.text("source")
    author = check.text("author")
    summary = check.text("summary")
    source_url = _source_url(check)
    tags = _tags(check)
    priority = _priority(check)
    draft = _draft(check)
    slug = _slug(check, source_path, title or "", path)
    image, image_alt = _image(check)
    aliases = _aliases(check)
    _body(check)

    if any(p.is_error for p in check.problems) or title is None or topic is None or published is None:
        return None, check.problems
    article = Article(
        path=path,
        source_path=source_path,
        title=title,
        published=published,
        has_time=has_time,
        topic=topic,
        summary=summary if summary is not None else derive_summary(raw.body),
        summary_is_derived=summary is None,
        body=raw.body,
        slug=slug,
        source=source,
        source_url=source_url,
        tags=tags,
        priority=priority,
        author=author,
        draft=draft,
        image=image,
        image_alt=image_alt,
        aliases=aliases,
        extra={k: v for k, v in fields.items() if k not in KNOWN_FIELDS},
        line=raw.opening_line,
        field_lines=raw.field_lines,
        body_line=raw.body_line,
    )
    check.problems.extend(body_problems(article, settings))  # what the build's sanitiser removes (none: trust_html)
    return article, check.problems


def _topic(check: _Checker, settings: SiteSettings) -> str | None:
    topic = check.text("topic", required=True)
    if topic is None:
        return None
    try:
        return fields.topic_key(topic, settings)
    except FieldError as exc:
        check.error("topic", str(exc))
        return None


def _date(check: _Checker, settings: SiteSettings) -> tuple[dt.datetime | None, bool]:
    if "date" not in check.raw.fields or check.raw.fields["date"] is None:
        check.error("date", "missing required field 'date'" + _HINTS["date"])
        return None, False
    value = check.raw.fields["date"]
    try:
        moment, has_time = parse_article_date(value, settings.timezone)
        return check_year(moment, value, settings.timezone), has_time
    except DateError as exc:
        check.error("date", f"field 'date': {exc}")
        return None, False


def _source_url(check: _Checker) -> str | None:
    url = check.text("source_url")
    if url is None:
        return None
    try:
        return fields.web_url(url)
    except FieldError as exc:
        check.error("source_url", f"field 'source_url': {exc}")
        return None


def _tags(check: _Checker) -> tuple[str, ...]:
    tags, errors = fields.tags(check.raw.fields.get("tags"))
    for message in errors:
        check.error("tags", message)
    return tags


def _priority(check: _Checker) -> int:
    value = check.raw.fields.get("priority")
    if value is None:
        return 2
    if isinstance(value, bool) or not isinstance(value, int) or value not in (1, 2, 3):
        check.error(
            "priority", f"field 'priority' must be 1 (top story), 2 (normal) or 3 (in brief), found {describe(value)}"
        )
        return 2
    return value


def _draft(check: _Checker) -> bool:
    value = check.raw.fields.get("draft")
    if value is None:
        return False
    if not isinstance(value, bool):
        check.error("draft", f"field 'draft' must be true or false, found {describe(value)}")
        return False
    return value


def _image(check: _Checker) -> tuple[str | None, str | None]:
    """``image`` (an https URL or a relative path, checked by :mod:`briefings.assets`) and its ``image_alt``."""
    image = check.text("image")
    alt = check.text("image_alt")
    if image is None:
        if alt is not None:
            check.warning("image_alt", "field 'image_alt' is set but there is no 'image': it is not used")
        return None, None
    try:
        image = fields.image_ref(image)
    except FieldError as exc:
        check.error("image", f"field 'image': {exc}")
        return None, None
    if alt is None:
        check.error(
            "image",
            "field 'image' needs 'image_alt': a short description of the picture for readers who cannot see it"
            " (e.g. image_alt: Protesters outside parliament in the rain)",
        )
    return image, alt


def _aliases(check: _Checker) -> tuple[str, ...]:
    aliases, errors = fields.aliases(check.raw.fields.get("aliases"))
    for message in errors:
        check.error("aliases", f"field 'aliases': {message}")
    return aliases


def _slug(check: _Checker, source_path: Path, title: str, path: str) -> str:
    value = check.raw.fields.get("slug")
    if value is None:
        derived = slug_from_filename(source_path.stem, title, path)
        if len(derived) > SLUG_MAX:  # it names the article's folder: file systems refuse names over 255 bytes
            check.error(
                "slug",
                f"the slug made from the file name (or title), {short_repr.repr(derived)}, is {len(derived)}"
                f" characters long; the limit is {SLUG_MAX}: set a shorter 'slug' or rename the file",
            )
            return ""
        return derived
    try:
        return fields.slug(value)
    except FieldError as exc:
        check.error("slug", str(exc))
        return ""


def _body(check: _Checker) -> None:
    """The body: at most :data:`~briefings.limits.BODY_MAX` characters, and no NUL (invalid in HTML)."""
    body = check.raw.body
    if len(body) > BODY_MAX:
        check.problems.append(
            Problem(
                check.path,
                check.raw.body_line,
                "error",
                f"the body is {len(body)} characters long; the limit is {BODY_MAX}",
                "body",
            )
        )
    nul = body.find("\0")
    if nul >= 0:
        line = check.raw.body_line + body.count("\n", 0, nul)
        check.problems.append(
            Problem(
                check.path,
                line,
                "error",
                "the body contains a NUL character (U+0000), which HTML does not allow: remove it",
                "body",
            )
        )


class _TooLarge(Exception):
    """A value counted past its budget by :func:`_expanded_size`."""


def _unused_fields(check: _Checker) -> None:
    """Fields Briefings does not use: together at most :data:`~briefings.limits.UNUSED_FIELDS_MAX` characters.

    They are kept with the article, so the build writes them to its cache and into
    the digest of every page that shows the article: counted as written out, YAML
    aliases expanded (a few lines of aliases can stand for billions of values), a
    value that holds itself counting as too large.
    """
    budget = UNUSED_FIELDS_MAX
    for name, value in check.raw.fields.items():
        if name in KNOWN_FIELDS:
            continue
        try:
            budget -= _expanded_size((name, value), budget)
        except _TooLarge as exc:
            why = str(exc) or "is too large"
            check.error(
                name,
                f"field {short_repr.repr(name)} {why}: the fields Briefings does not use may hold"
                f" {UNUSED_FIELDS_MAX} characters in all (written out, YAML aliases expanded)",
            )
            return


def _expanded_size(value: object, budget: int) -> int:
    """About how many characters ``value`` takes written out; raises :class:`_TooLarge` past ``budget``.

    Counting stops as soon as the budget is spent, so the cost is bounded by the
    budget whatever the value (shared or self-holding lists and mappings included),
    and the walk is a loop, so no nesting exhausts the stack.
    """
    size = 0
    todo: list[tuple[object, int]] = [(value, 0)]
    while todo:
        item, depth = todo.pop()
        if depth > UNUSED_FIELDS_DEPTH:  # the cache's pickle and the page digests recurse into it
            raise _TooLarge(f"is nested more than {UNUSED_FIELDS_DEPTH} levels deep")
        if isinstance(item, (str, bytes)):
            size += len(item) + 2
        elif isinstance(item, bool) or item is None:
            size += 5
        elif isinstance(item, int):
            if item.bit_length() > INT_BITS_MAX:
                raise _TooLarge(f"holds a number of about {approximate_digits(item)} digits")
            size += approximate_digits(item)
        elif isinstance(item, dict):
            size += 2
            for key, inner in item.items():
                todo += ((key, depth + 1), (inner, depth + 1))
        elif isinstance(item, (list, tuple, set, frozenset)):
            size += 2
            todo.extend((inner, depth + 1) for inner in item)
        else:  # floats, dates, datetimes
            size += 32
        if size > budget:
            raise _TooLarge
    return size
