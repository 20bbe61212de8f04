"""What the three site readers share: the post model, front matter, dates, titles and summaries.

A reader (:mod:`.jekyll`, :mod:`.hugo`, :mod:`.mkdocs_blog`) turns each post of an
old site into an :class:`OldPost`: a :class:`~briefings.importers.write.Draft`
(title, date, body, tags, author, summary…), the post's categories (topic
candidates), the URL the old site served it at (``aliases``) and the warnings
found on the way, each with the line of the post's file it is about. A post that
cannot be imported carries the reason instead. :mod:`briefings.app.migrate`
decides topics, copies assets, rewrites links and writes the files.

Nothing here imports MkDocs: a site is read as the files it is made of.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from ...dates import DateValue, read_iso_date
from ...limits import AUTHOR_MAX, SUMMARY_MAX, TITLE_MAX
from ...text import cut_at_word, plain_text
from ..write import Draft

SiteKind = Literal["jekyll", "hugo", "mkdocs-blog"]
KINDS: tuple[SiteKind, ...] = ("jekyll", "hugo", "mkdocs-blog")
#: How each kind is named in messages.
KIND_NAMES: dict[SiteKind, str] = {"jekyll": "Jekyll", "hugo": "Hugo", "mkdocs-blog": "Material for MkDocs blog"}


class SiteReadError(Exception):
    """The old site cannot be read at all (no posts folder, a broken config); the message says why and where."""


class PostError(Exception):
    """One post cannot be imported; ``line`` is where in its file, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class PostWarning:
    """Something in a post Briefings does not keep as it was: said as ``file:line: warning: message``."""

    line: int | None
    message: str


@dataclass
class OldPost:
    """One post of the old site: the article it becomes, or why it is skipped.

    ``draft`` has everything but the topic (chosen by the migration from
    ``categories``, the options and the keywords); its ``body`` still has the
    old site's link targets, which :meth:`OldSite.locate` resolves.
    """

    source: Path
    label: str  # the file's path from the old site's root, with '/'
    draft: Draft | None = None
    categories: list[str] = field(default_factory=list)  # topic candidates, first first; the rest become tags
    topic_hints: list[str] = field(default_factory=list)  # more topic candidates that are no tags (a section)
    aliases: list[str] = field(default_factory=list)  # old URL paths, from the site root, without a leading '/'
    image: str | None = None  # the post's picture as the old site wrote it; resolved like a link
    warnings: list[PostWarning] = field(default_factory=list)
    skipped: str | None = None  # why the post is not imported
    failed: bool = False  # the skip is a failure (unreadable, no date, …), not a choice
    skip_group: str = ""  # the reason in a word or two, for the summary line ("not a post", "unreadable")
    original_text: str = ""  # the file as read, to find the line of a link the migration reports

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(PostWarning(line, message))

    def skip(self, reason: str, failed: bool = False, group: str | None = None) -> OldPost:
        """Mark the post as not imported, saying why; ``failed`` when it is a problem, not a choice."""
        self.skipped, self.failed, self.draft = reason, failed, None
        self.skip_group = group or ("unreadable" if failed else "not a post")
        return self

    def line_of(self, needle: str) -> int | None:
        """The first line of the post's file that holds ``needle`` (for messages about a converted body)."""
        index = self.original_text.find(needle) if needle else -1
        return None if index < 0 else self.original_text.count("\n", 0, index) + 1


@dataclass
class OldSite:
    """A site read from its files: its posts, and where its links lead.

    Subclasses know their generator's layout: where a site-absolute link
    (``/assets/x.png``) lives on disk, and which other files a post may point to.
    """

    kind: SiteKind
    root: Path
    posts: list[OldPost] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # site-wide remarks for the report
    #: Front matter fields of posts that Briefings has no place for, with how many posts had each.
    dropped_fields: Counter[str] = field(default_factory=Counter)
    pages_left: int = 0  # files of the site that are not posts (pages, list pages), left alone
    site_url: str | None = None  # the old site's address (``https://example.org/blog/``), if its config says
    base_path: str = ""  # the path the old site was served under (``blog/``), stripped from its links

    def site_path(self, target: str) -> str | None:
        """A link to the old site (``/blog/x.png``, ``https://example.org/blog/x.png``) as a path from its root."""
        if self.site_url and target.startswith(self.site_url.rstrip("/") + "/"):
            return target[len(self.site_url.rstrip("/")) + 1 :]
        if not target.startswith("/") or target.startswith("//"):
            return None
        path = target.lstrip("/")
        if self.base_path and path.startswith(self.base_path):
            return path[len(self.base_path) :]
        return path

    def locate(self, target: str, post: OldPost) -> Path | None:
        """The file in the old site that ``target`` (a link in ``post``, decoded, without ``#…``) names."""
        if target.startswith("/"):
            return self.site_file(target.lstrip("/"))
        return _existing(post.source.parent / target)

    def site_file(self, path: str) -> Path | None:
        """The source file of the old site served at ``/path`` (a static file, not a page), if any."""
        return _existing(self.root / path)

    def page_url(self, file: Path) -> str | None:
        """The URL path (from the site root) of a page of the old site that is not a post, when it is known."""
        return None

    def old_address(self, path: str) -> str | None:
        """``path`` (from the old site's root) as an absolute address on the old site, if its address is known."""
        return f"{self.site_url}{path}" if self.site_url else None


def base_of(site_url: Any, base: Any = None) -> tuple[str | None, str]:
    """(the site's address ending in ``/``, its path ``blog/``) from a config's URL and optional base path."""
    url = site_url.strip() if isinstance(site_url, str) and site_url.strip() else None
    path = base.strip().strip("/") if isinstance(base, str) else None
    if path is None and url is not None:
        path = urlsplit(url).path.strip("/")
    path = path or ""
    if url is not None and isinstance(base, str):
        url = url.rstrip("/") + ("/" + path if path else "")
    full = url.rstrip("/") + "/" if url else None
    return full, f"{path}/" if path else ""


def place_warnings(
    post: OldPost, warnings: Iterable[PostWarning], converted: str, written: str, body_line: int
) -> None:
    """Add warnings about lines of ``converted`` (the body after Liquid or shortcodes) at their lines in the file.

    While the conversion kept the body's line count, line n of ``converted`` is
    line n of the body as written; otherwise the line is found by its text.
    """
    lines = converted.split("\n")
    same = converted.count("\n") == written.count("\n")
    for warning in warnings:
        line: int | None = None
        if warning.line is not None and 0 < warning.line <= len(lines):
            if same:
                line = body_line + warning.line - 1
            elif lines[warning.line - 1].strip():
                line = post.line_of(lines[warning.line - 1].strip())
        post.warn(line, warning.message)


def _existing(path: Path) -> Path | None:
    try:
        return path if path.is_file() else None
    except OSError:
        return None


def at_line(line: int | None) -> str:
    """``line 12: `` to start a reason with where it is, or nothing when the line is not known."""
    return f"line {line}: " if line else ""


def unexpected(exc: Exception) -> str:
    """The reason given for a post a reader failed on in a way nobody foresaw (a bug, said plainly)."""
    return f"could not be read: {type(exc).__name__}: {exc}"


# --- files and front matter ----------------------------------------------------------------


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (a BOM allowed), line endings made ``\\n``. Raises :class:`PostError`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PostError(f"cannot read the file: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192]:
        raise PostError("not a text file (binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PostError(f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be decoded", line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class FrontMatter:
    """A post's front matter and body; ``body_line`` is the file line the body starts on."""

    fields: dict[str, Any]
    body: str
    body_line: int
    format: Literal["yaml", "toml", "json", "none"] = "none"


_YAML_OPEN = re.compile(r"\A---[ \t]*\n")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$\n?", re.MULTILINE)
_TOML_OPEN = re.compile(r"\A\+\+\+[ \t]*\n")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*$\n?", re.MULTILINE)


def split_front_matter(text: str, formats: tuple[str, ...] = ("yaml",)) -> FrontMatter:
    """Split a post into front matter and body, in one of ``formats`` (``yaml``, ``toml``, ``json``).

    A post without front matter is all body. Raises :class:`PostError` for front
    matter that does not parse, with its line.
    """
    if "yaml" in formats and (opening := _YAML_OPEN.match(text)):
        closing = _YAML_CLOSE.search(text, opening.end())
        if closing is None:
            raise PostError("the front matter's '---' on line 1 has no closing '---' line", 1)
        raw = text[opening.end() : closing.start()]
        return FrontMatter(load_yaml_mapping(raw, 2), text[closing.end() :], _line_after(text, closing.end()), "yaml")
    if "toml" in formats and (opening := _TOML_OPEN.match(text)):
        closing = _TOML_CLOSE.search(text, opening.end())
        if closing is None:
            raise PostError("the front matter's '+++' on line 1 has no closing '+++' line", 1)
        raw = text[opening.end() : closing.start()]
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            line = _toml_line(str(exc))
            raise PostError(
                f"the TOML front matter does not parse: {exc}", None if line is None else line + 1
            ) from None
        return FrontMatter(data, text[closing.end() :], _line_after(text, closing.end()), "toml")
    if "json" in formats and text.lstrip(" \t").startswith("{"):
        try:
            data, end = json.JSONDecoder().raw_decode(text, len(text) - len(text.lstrip(" \t")))
        except json.JSONDecodeError as exc:
            raise PostError(f"the JSON front matter does not parse: {exc.msg}", exc.lineno) from None
        if not isinstance(data, dict):
            raise PostError("the JSON front matter is not an object", 1)
        rest = text[end:]
        rest = rest[rest.index("\n") + 1 :] if "\n" in rest and not rest[: rest.index("\n")].strip() else rest
        return FrontMatter(data, rest, text.count("\n", 0, len(text) - len(rest)) + 1, "json")
    return FrontMatter({}, text, 1, "none")


def _line_after(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _toml_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


class TolerantLoader(yaml.SafeLoader):
    """PyYAML's safe loader that reads any tag as plain data instead of failing.

    MkDocs configs use ``!!python/name:…`` (a Python object) and ``!ENV [NAME,
    default]``; neither means anything here, and reading them as text (``!ENV``:
    its default) keeps the rest of the config readable.
    """


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        if suffix == "ENV" and items:  # !ENV [NAME, …, default]: the default
            return items[-1] if len(items) > 1 else None
        return items
    return loader.construct_mapping(node, deep=True)


TolerantLoader.add_multi_constructor("!", _any_tag)
TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def load_yaml_mapping(raw: str, first_line: int = 1) -> dict[str, Any]:
    """A YAML mapping (empty text: ``{}``); raises :class:`PostError` with the file line of a syntax error."""
    try:
        data = yaml.load(raw, Loader=TolerantLoader)  # noqa: S506 - a safe loader that reads every tag as data
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = None if mark is None else mark.line + first_line
        raise PostError(f"the YAML front matter does not parse: {exc.problem or exc}", line) from None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise PostError(f"the YAML front matter does not parse: {exc}", first_line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PostError(f"the front matter is not a list of fields (found a {type(data).__name__})", first_line)
    return {str(key): value for key, value in data.items()}


def read_config_file(path: Path) -> dict[str, Any]:
    """A site config file (YAML, TOML or JSON by its extension) as a mapping; raises :class:`SiteReadError`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteReadError(f"{path}: cannot read the configuration: {exc}") from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif suffix == ".json":
            data = json.loads(text) if text.strip() else {}
        else:
            data = yaml.load(text, Loader=TolerantLoader)  # noqa: S506 - tolerant of tags, still safe
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, yaml.YAMLError, ValueError) as exc:
        raise SiteReadError(f"{path}: the configuration does not parse: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SiteReadError(f"{path}: the configuration is not a mapping of settings")
    return data


# --- values --------------------------------------------------------------------------------


def text_value(value: Any) -> str | None:
    """A scalar front matter value as trimmed text (None for nothing, lists, mappings and booleans)."""
    if value is None or isinstance(value, bool | list | dict):
        return None
    text = " ".join(str(value).split())
    return text or None


def string_list(value: Any, split: Literal["none", "space", "comma-or-space"] = "none") -> list[str]:
    """A list of strings from a list or a string (split as the old generator splits it)."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, list | tuple):
        items: list[str] = []
        for item in value:
            items.extend(
                string_list(item) if isinstance(item, list | tuple) else [str(item)] if item is not None else []
            )
        return [" ".join(i.split()) for i in items if i.strip()]
    if isinstance(value, dict):
        return []
    text = str(value)
    if split == "space":
        parts = text.split()
    elif split == "comma-or-space":
        parts = text.split(",") if "," in text else text.split()
    else:
        parts = [text]
    return [" ".join(p.split()) for p in parts if p.strip()]


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``over``'s values, mappings in both merged key by key (``over`` wins)."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def unique(values: list[str]) -> list[str]:
    """The values without repeats (compared case-insensitively), first spelling kept."""
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


def bounded(post: OldPost, name: str, value: str | None, limit: int, line: int | None = None) -> str | None:
    """The value cut at a word boundary to Briefings' ``limit``, with a warning when cut."""
    if value is None or len(value) <= limit:
        return value
    post.warn(line, f"{name} is {len(value)} characters long; cut to Briefings' limit of {limit}")
    return cut_at_word(value, limit)


def field_line(text: str, name: str, body_line: int) -> int | None:
    """The line a top-level front matter field is written on (YAML ``name:``, TOML ``name =``, JSON ``"name":``)."""
    pattern = re.compile(rf"""^[ \t]*["']?{re.escape(name)}["']?[ \t]*[:=]""", re.IGNORECASE | re.MULTILINE)
    match = pattern.search(text, 0, _offset_of_line(text, body_line))
    return None if match is None else text.count("\n", 0, match.start()) + 1


def _offset_of_line(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        found = text.find("\n", offset)
        if found < 0:
            return len(text)
        offset = found + 1
    return offset


def finish_text_fields(post: OldPost, draft: Draft, lines: dict[str, int | None]) -> None:
    """Hold the title, summary and author to Briefings' limits, warning where one is cut."""
    draft.title = bounded(post, "the title", draft.title, TITLE_MAX, lines.get("title")) or draft.title
    draft.summary = bounded(post, "the summary", draft.summary, SUMMARY_MAX, lines.get("summary"))
    draft.author = bounded(post, "the author", draft.author, AUTHOR_MAX, lines.get("author"))


# --- dates ---------------------------------------------------------------------------------

#: Date forms Hugo (Go's cast) and Jekyll (Ruby's Time.parse) read that ISO 8601 does not cover.
_LOOSE_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z %Z",
    "%Y-%m-%d %H:%M:%S %Z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M %Z",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%a %b %d %H:%M:%S %Y",
    "%a %b %d %H:%M:%S %Z %Y",
)
_ZONE_ABBREVIATION = re.compile(r"\s+(UTC|GMT|Z)$")
_FRACTION_LONG = re.compile(r"(\.\d{6})\d+")


def read_loose_date(text: str) -> DateValue | None:
    """A date written as text in one of the forms the old generators read, or None."""
    stripped = " ".join(text.split())
    if not stripped:
        return None
    stripped = _FRACTION_LONG.sub(r"\1", stripped)
    found = read_iso_date(stripped)
    if found is not None:
        return found
    if _ZONE_ABBREVIATION.search(stripped):  # "2019-03-05 10:00:00 UTC"
        found = read_iso_date(_ZONE_ABBREVIATION.sub("", stripped))
        if isinstance(found, dt.datetime):
            return found.replace(tzinfo=dt.UTC) if found.tzinfo is None else found
    for form in _LOOSE_FORMATS:
        try:
            parsed = dt.datetime.strptime(stripped, form)
        except ValueError:
            continue
        if "%H" not in form:
            return parsed.date()
        return parsed
    try:  # RFC 822 / 1123: "Tue, 05 Mar 2019 10:00:00 +0100"
        return email.utils.parsedate_to_datetime(stripped)
    except (TypeError, ValueError, IndexError):
        return _scan_date(stripped)


_DAY_IN_TEXT = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_TIME_IN_TEXT = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])")
_OFFSET_IN_TEXT = re.compile(r"(?<![\w])([+-])(\d{2}):?(\d{2})(?!\d)|\b(Z|UTC|GMT)\b")


def _scan_date(text: str) -> DateValue | None:
    """Ruby's ``Time.parse`` leniency: an ISO day, then a time and an offset found after it, the rest ignored.

    Jekyll reads ``2023-01-29 18:30:22 2023 -0800`` (a year typed twice) as
    18:30:22 at -08:00 on that day; so does this.
    """
    day = _DAY_IN_TEXT.search(text)
    if day is None:
        return None
    try:
        date = dt.date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
    except ValueError:
        return None
    clock = _TIME_IN_TEXT.search(text, day.end())
    if clock is None:
        return date
    offset = _OFFSET_IN_TEXT.search(text, clock.end())
    zone: dt.tzinfo | None = None
    if offset is not None:
        if offset.group(4):
            zone = dt.UTC
        else:
            minutes = int(offset.group(2)) * 60 + int(offset.group(3))
            zone = dt.timezone(dt.timedelta(minutes=-minutes if offset.group(1) == "-" else minutes))
    try:
        return dt.datetime(
            date.year,
            date.month,
            date.day,
            int(clock.group(1)),
            int(clock.group(2)),
            int(clock.group(3) or 0),
            tzinfo=zone,
        )
    except ValueError:
        return date


def date_value(value: Any) -> DateValue | None:
    """A front matter date: a YAML/TOML date or datetime, or text in a form :func:`read_loose_date` reads."""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, dt.time):
        return None
    if isinstance(value, str):
        return read_loose_date(value)
    return None


def zone_named(name: Any) -> ZoneInfo | None:
    """The IANA time zone ``name``, or None (not a zone name, or none given)."""
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def in_zone(value: DateValue, zone: dt.tzinfo) -> dt.datetime:
    """The moment as a datetime in ``zone`` (a date: its midnight there; a naive datetime: read in ``zone``)."""
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, tzinfo=zone)
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


# --- titles and summaries ------------------------------------------------------------------

_H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$")
_SETEXT_H1 = re.compile(r"^=+[ \t]*$")


def drop_title_heading(body: str, title: str) -> str:
    """The body without a first ``# Title`` heading that repeats the title (Briefings shows the title itself)."""
    lines = body.split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines):
        return body
    heading = _H1.match(lines[index])
    text: str | None = None
    end = index + 1
    if heading:
        text = heading.group(1)
    elif index + 1 < len(lines) and _SETEXT_H1.match(lines[index + 1]) and lines[index].strip():
        text, end = lines[index].strip(), index + 2
    if text is None or " ".join(plain_text(text).split()).casefold() != " ".join(title.split()).casefold():
        return body
    return "\n".join(lines[:index] + lines[end:]).lstrip("\n")


#: The "read more" markers of Jekyll, Hugo and Material: the text before one is the summary.
MORE_MARKERS = ("<!-- more -->", "<!--more-->")


def split_excerpt(body: str, separators: tuple[str, ...]) -> tuple[str, str] | None:
    """``(text before the first separator found, body without an HTML-comment separator)``, or None."""
    best: tuple[int, str] | None = None
    for separator in separators:
        if not separator:
            continue
        index = body.find(separator)
        if index >= 0 and (best is None or index < best[0]):
            best = (index, separator)
    if best is None:
        return None
    index, separator = best
    excerpt = body[:index]
    if separator.strip().startswith("<!--") and separator.strip().endswith("-->"):
        rest = body[index + len(separator) :]
        if excerpt.endswith("\n") or not excerpt:
            rest = rest[1:] if rest.startswith("\n") else rest
        body = excerpt + rest
    return excerpt, body


def plain_summary(markdown: str) -> str | None:
    """A Markdown excerpt as plain text (links keep their text, markup dropped, headings and code left out)."""
    paragraphs: list[str] = []
    in_fence = False
    current: list[str] = []
    for line in markdown.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or stripped.startswith(("#", "<!--", "{%", "{{")) or re.match(r"^\[[^\]]+\]:", stripped):
            continue
        if not stripped:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(re.sub(r"^(?:[-*+]|\d+[.)]|>)\s+", "", stripped))
    if current:
        paragraphs.append(" ".join(current))
    text = " ".join(plain_text(p) for p in paragraphs if p)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(text.split()) or None


def author_names(value: Any) -> list[str]:
    """Author names from a string, a ``{name: …}`` mapping, or a list of either."""
    if isinstance(value, dict):
        name = text_value(value.get("name") or value.get("display_name") or value.get("title"))
        return [name] if name else []
    if isinstance(value, list | tuple):
        names: list[str] = []
        for item in value:
            names.extend(author_names(item))
        return names
    name = text_value(value)
    return [name] if name else []


def join_authors(names: list[str]) -> str | None:
    """``A``, ``A and B``, ``A, B and C``: one byline for Briefings' single ``author`` field."""
    names = unique([n for n in names if n])
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def image_reference(value: Any) -> tuple[str | None, str | None]:
    """A post picture as written (``image: x.png``, ``image: {path: x.png, alt: …}``…) and its alt text."""
    if isinstance(value, dict):
        for key in ("path", "src", "url", "feature", "image", "file"):
            found = text_value(value.get(key))
            if found:
                alt = text_value(value.get("alt") or value.get("alt_text") or value.get("caption"))
                return found, alt
        return None, None
    if isinstance(value, list | tuple):
        for item in value:
            found, alt = image_reference(item)
            if found:
                return found, alt
        return None, None
    return text_value(value), None
