"""A Jekyll site's posts, read as Jekyll 4 reads them.

* Posts are the files of every ``_posts`` folder (``_posts/`` and ``<dir>/_posts/``,
  sub-folders included) whose name starts with a date: ``2019-03-05-title.md``.
  A file without that date is not a post to Jekyll; it is reported as skipped.
  ``_drafts/`` posts come in as drafts.
* Front matter defaults (``defaults:`` in ``_config.yml``) apply as in Jekyll,
  the post's own front matter winning.
* The date is the file name's, overridden by ``date:``. Jekyll reads a date
  written as text (``2019-03-05 10:00``, quoted, or with ``+0100``) in the site's
  ``timezone:``, but an unquoted YAML timestamp without an offset
  (``2019-03-05 10:00:00``) as UTC (SafeYAML); both are kept that way. A site
  without ``timezone:`` is taken to have been built in UTC, as on GitHub Pages.
* The old URL follows ``permalink`` (the post's own, the posts collection's, or
  the site's style: ``date``, ``pretty``, ``ordinal``, ``weekdate``, ``none``, or a
  pattern with ``:year``, ``:month``, ``:i_month``, ``:day``, ``:i_day``,
  ``:short_year``, ``:hour``, ``:minute``, ``:second``, ``:title``, ``:slug``,
  ``:name``, ``:categories``, ``:slugified_categories``, ``:path``, ``:output_ext``…),
  with Jekyll's own slugify and date rules, relative to ``baseurl``.
* Categories: the folders above ``_posts`` then ``categories`` (a list, or a
  string split at spaces) then ``category``. Tags: ``tags`` (a list, or a string
  split at spaces, or at commas when it has them) or ``tag``.
* Authors are looked up in ``_data/authors.yml`` (a key → its ``name``).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..write import Draft
from .common import (
    MORE_MARKERS,
    OldPost,
    OldSite,
    PostError,
    SiteReadError,
    at_line,
    author_names,
    base_of,
    date_value,
    deep_merge,
    drop_title_heading,
    field_line,
    finish_text_fields,
    image_reference,
    in_zone,
    join_authors,
    place_warnings,
    plain_summary,
    read_config_file,
    read_text,
    split_excerpt,
    split_front_matter,
    string_list,
    text_value,
    unexpected,
    unique,
    zone_named,
)
from .liquid import LiquidContext, convert_liquid
from .markdown import convert_dialect, tidy_blank_lines
from .slugs import jekyll_slugify, titleize_slug

CONFIG_FILES = ("_config.yml", "_config.yaml", "_config.toml")
DEFAULT_MARKDOWN_EXTENSIONS = ("markdown", "mkdown", "mkdn", "mkd", "md")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
#: Formats Jekyll reads with a plugin and Briefings has no converter for, with what to say.
UNCONVERTED = {
    ".textile": "Textile is not converted (no Textile converter is installed): convert it to Markdown first",
    ".adoc": "AsciiDoc is not converted: convert it to Markdown first",
    ".asciidoc": "AsciiDoc is not converted: convert it to Markdown first",
    ".org": "Org mode is not converted: convert it to Markdown first",
    ".rst": "reStructuredText is not converted: convert it to Markdown first",
}
STYLE_TO_PERMALINK = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
_DATE_FILENAME = re.compile(r"^(\d{2,4}-\d{1,2}-\d{1,2})-(.*)(\.[^.]+)$")
_DATELESS_FILENAME = re.compile(r"^(.*)(\.[^.]+)$")
_SKIPPED_FOLDERS = frozenset({"_site", "node_modules", "vendor", ".git", ".jekyll-cache", ".sass-cache"})
#: Front matter fields that carry nothing into an article (layout, comments…): not reported as dropped.
_LAYOUT_FIELDS = frozenset(
    {"layout", "permalink", "published", "date", "title", "slug", "categories", "category", "tags", "tag", "author"}
    | {"authors", "excerpt", "description", "summary", "image", "excerpt_separator", "render_with_liquid", "ext"}
)
#: Where themes keep a post's picture, besides ``image``.
_IMAGE_FIELDS = ("image", "featured_image", "feature_image", "cover_image", "cover", "thumbnail", "og_image", "header")


class JekyllReadError(SiteReadError):
    """The Jekyll site cannot be read."""


@dataclass
class JekyllSite(OldSite):
    """A Jekyll site: its config and the rules its posts were published by."""

    source: Path = field(default_factory=Path)
    config: dict[str, Any] = field(default_factory=dict)
    zone: ZoneInfo | None = None

    def site_file(self, path: str) -> Path | None:
        candidate = self.source / path
        try:
            return candidate if candidate.is_file() else None
        except OSError:
            return None

    def locate(self, target: str, post: OldPost) -> Path | None:
        if target.startswith("/"):
            return self.site_file(target.lstrip("/"))
        found = super().locate(target, post)
        if found is not None or not post.aliases:
            return found
        # A browser reads a relative link against the post's URL: /2019/03/05/post.html + img/x.png
        folder = post.aliases[0].rsplit("/", 1)[0] if "/" in post.aliases[0] else ""
        return self.site_file(f"{folder}/{target}" if folder else target)


@dataclass
class _Head:
    """A post's front matter (with the site's defaults, and its own alone) and its body, not yet converted."""

    fields: dict[str, Any]
    own: dict[str, Any]
    body: str
    body_line: int


@dataclass
class _Source:
    """A post file found, before it is read: where it is, what it is."""

    path: Path
    relative: str  # from the site's source folder
    posts_folder: str  # "_posts" or "_drafts"
    path_categories: list[str]
    is_draft: bool


def looks_like_jekyll(folder: Path) -> bool:
    """``_config.yml`` (or ``.yaml``/``.toml``) or a ``_posts/`` folder."""
    return any((folder / name).is_file() for name in CONFIG_FILES) or (folder / "_posts").is_dir()


def read_jekyll(root: Path, extensions: frozenset[str]) -> JekyllSite:
    """Read every post of the Jekyll site at ``root``; raise :class:`JekyllReadError` when it cannot be read."""
    config_path = next((root / name for name in CONFIG_FILES if (root / name).is_file()), None)
    config = read_config_file(config_path) if config_path else {}
    source = root / str(config.get("source") or ".")
    site = JekyllSite(kind="jekyll", root=root, source=source, config=config)
    if config_path is None:
        site.notes.append("no _config.yml: Jekyll's defaults are used (permalink: date, no baseurl, UTC)")
    site.site_url, site.base_path = base_of(config.get("url"), config.get("baseurl") or "")
    site.zone = zone_named(config.get("timezone"))
    if config.get("timezone") and site.zone is None:
        site.notes.append(f"_config.yml: timezone {config.get('timezone')!r} is not a time zone name: UTC is used")
    elif site.zone is None:
        site.notes.append("no timezone in _config.yml: the site is taken to have been built in UTC (as GitHub Pages)")
    sources = list(_post_files(site))
    if not sources and not (source / "_posts").is_dir():
        raise JekyllReadError(f"{root}: no _posts/ folder: this does not look like a Jekyll site with posts")
    reader = _Reader(site, extensions)
    site.posts = reader.read_all(sources)
    return site


def _post_files(site: JekyllSite) -> Iterator[_Source]:
    """Every file in the site's ``_posts`` and ``_drafts`` folders, as Jekyll walks the site."""
    collections_dir = str(site.config.get("collections_dir") or "").strip("/")
    start = site.source / collections_dir if collections_dir else site.source
    excluded = [str(e).strip("/") for e in (site.config.get("exclude") or []) if isinstance(e, str)]
    for folder, names, _files in os.walk(start):
        folder_path = Path(folder)
        relative = folder_path.relative_to(start).as_posix()
        relative = "" if relative == "." else relative
        names.sort()
        for special in ("_posts", "_drafts"):
            if special in names:
                categories = [part for part in relative.split("/") if part]
                yield from _files_below(folder_path / special, site.source, special, categories)
        names[:] = [
            n
            for n in names
            if not n.startswith(("_", "."))
            and n not in _SKIPPED_FOLDERS
            and not _is_excluded(f"{relative}/{n}".strip("/"), excluded)
        ]


def _files_below(folder: Path, source: Path, special: str, categories: list[str]) -> Iterator[_Source]:
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        yield _Source(path, path.relative_to(source).as_posix(), special, categories, special == "_drafts")


def _is_excluded(relative: str, excluded: list[str]) -> bool:
    return any(relative == e or relative.startswith(e + "/") or fnmatch.fnmatch(relative, e) for e in excluded)


class _Reader:
    """Reads the posts of one site: first every post's URL (for ``post_url``), then each body."""

    def __init__(self, site: JekyllSite, extensions: frozenset[str]) -> None:
        self.site = site
        self.extensions = extensions
        config = site.config
        exts = config.get("markdown_ext") or ",".join(DEFAULT_MARKDOWN_EXTENSIONS)
        self.markdown_exts = {"." + e.strip().lower() for e in str(exts).split(",") if e.strip()}
        self.excerpt_separator = str(config.get("excerpt_separator", "\n\n"))
        self.template = _posts_permalink(config)
        self.url_zone: dt.tzinfo = site.zone or dt.UTC
        self.authors = _authors_data(site.source)
        self.urls_by_name: dict[str, str] = {}  # post_url names → old URL
        self.urls_by_path: dict[str, str] = {}  # path from the source folder → old URL

    def read_all(self, sources: list[_Source]) -> list[OldPost]:
        prepared: list[tuple[OldPost, _Head, _Source]] = []
        posts: list[OldPost] = []
        for source in sources:
            post = OldPost(source=source.path, label=source.path.relative_to(self.site.root).as_posix())
            try:
                ready = self.read_head(post, source)
            except PostError as exc:
                posts.append(post.skip(at_line(exc.line) + str(exc), failed=True))
                continue
            except Exception as exc:  # noqa: BLE001 - a post nobody foresaw must not stop the others
                posts.append(post.skip(unexpected(exc), failed=True))
                continue
            if ready is None:
                if post.skipped is not None:
                    posts.append(post)
                continue  # a picture or another file kept with the posts
            prepared.append((post, ready, source))
            posts.append(post)
        for post, head, source in prepared:
            try:
                self.read_body(post, head, source)
            except Exception as exc:  # noqa: BLE001 - as above
                post.skip(unexpected(exc), failed=True)
        return posts

    def read_head(self, post: OldPost, source: _Source) -> _Head | None:
        """Front matter, date, title and URL of a post; None when it is not a post (``post.skipped`` says why)."""
        name = source.path.name
        suffix = source.path.suffix.lower()
        known = suffix in self.markdown_exts or suffix in HTML_EXTENSIONS or suffix in UNCONVERTED
        if not known:
            return None  # a picture or a file kept next to the posts: an asset, not a post
        match = _DATE_FILENAME.match(name)
        if match is None and not source.is_draft:
            post.skip("not a post to Jekyll: the file name does not start with a date (YYYY-MM-DD-title.md)")
            return None
        if suffix in UNCONVERTED:
            post.skip(UNCONVERTED[suffix], group="format not converted")
            return None
        text = read_text(source.path)
        post.original_text = text
        front = split_front_matter(text, ("yaml",))
        defaults = _defaults_for(self.site.config, source.relative, "posts")
        own = front.fields
        fields = deep_merge(defaults, own)
        if match is not None:
            file_date, file_slug = match.group(1), match.group(2)
        else:
            dateless = _DATELESS_FILENAME.match(name)
            file_date, file_slug = None, dateless.group(1) if dateless else source.path.stem
        file_slug = file_slug.rstrip(".")
        slug = text_value(fields.get("slug")) or file_slug
        date, url_moment = self.post_date(post, fields, file_date, source, front.body_line)
        if date is None:
            return None
        draft = Draft(title="", date=date)
        title = text_value(fields.get("title"))
        if title is None:
            title = titleize_slug(slug)
            post.warn(1, f"no title: {title!r}, made from the file name as Jekyll does")
        draft.title = title
        if source.is_draft or fields.get("published") is False:
            draft.extra["draft"] = True
        post.draft = draft
        post.categories = _categories(source.path_categories, fields)
        if not source.is_draft:
            url = self.post_url(post, fields, slug, url_moment, source)
            if url is not None:
                post.aliases.append(url.lstrip("/"))
                stem = source.relative.split(source.posts_folder + "/", 1)[-1].rsplit(".", 1)[0]
                self.urls_by_name.setdefault(stem, url)
                self.urls_by_name.setdefault(source.path.stem, url)
                self.urls_by_path[source.relative] = url
        for key in own:
            if key not in _LAYOUT_FIELDS and key not in _IMAGE_FIELDS:
                self.site.dropped_fields[key] += 1
        return _Head(fields, own, front.body, front.body_line)

    def post_date(
        self, post: OldPost, fields: dict[str, Any], file_date: str | None, source: _Source, body_line: int
    ) -> tuple[Any, dt.datetime]:
        """(the article's date, the moment Jekyll built the URL from), or (None, …) with ``post`` skipped."""
        written = fields.get("date")
        line = field_line(post.original_text, "date", body_line)
        if written is not None and not (isinstance(written, str) and not written.strip()):
            value = date_value(written)
            if value is None:
                post.skip(f"{at_line(line)}the date {written!r} is not a date Jekyll reads", True, "bad date")
                return None, dt.datetime.min
            if isinstance(value, dt.datetime) and value.tzinfo is None:
                if isinstance(written, dt.datetime):  # an unquoted YAML timestamp: SafeYAML reads it as UTC
                    value = value.replace(tzinfo=dt.UTC)
                elif self.site.zone is not None:  # text: Time.parse reads it in the site's time zone
                    value = value.replace(tzinfo=self.site.zone)
            return value, in_zone(value, self.url_zone)
        if file_date is not None:
            try:
                year, month, day = (int(part) for part in file_date.split("-"))
                value = dt.date(year if year > 99 else 2000 + year, month, day)
            except ValueError:
                post.skip(f"the file name's date {file_date} is not a real date", True, "bad date")
                return None, dt.datetime.min
            return value, in_zone(value, self.url_zone)
        modified = dt.datetime.fromtimestamp(source.path.stat().st_mtime, tz=self.site.zone or dt.UTC)
        post.warn(1, "a draft without a date: the file's modification time is used, as Jekyll does")
        return modified.replace(microsecond=0), modified

    def post_url(
        self, post: OldPost, fields: dict[str, Any], slug: str, moment: dt.datetime, source: _Source
    ) -> str | None:
        """The URL path Jekyll published the post at (``/2019/03/05/title.html``), or None with a warning."""
        permalink = fields.get("permalink")
        template = permalink if isinstance(permalink, str) and permalink.strip() else self.template
        posts_relative = source.relative
        cleaned = posts_relative.rsplit(".", 1)[0].replace(source.posts_folder, "", 1).rstrip(".")
        categories = post.categories
        values = _url_placeholders(moment, slug, source.path.stem, categories, cleaned)
        try:
            url = _expand(template, values)
        except KeyError as exc:
            post.warn(
                field_line(post.original_text, "permalink", 10**6),
                f"permalink {template!r} has :{exc.args[0]}, which Jekyll does not know: no old URL kept",
            )
            return None
        return _sanitize_url(url)

    def read_body(self, post: OldPost, head: _Head, source: _Source) -> None:
        draft = post.draft
        assert draft is not None
        fields, body, body_line = head.fields, head.body, head.body_line
        suffix = source.path.suffix.lower()
        written = body
        if fields.get("render_with_liquid") is not False and ("{%" in body or "{{" in body):
            context = LiquidContext(
                site=self.site.config, page=fields, post_url=self.find_post_url, link=self.find_link
            )
            body = convert_liquid(body, context, body_line)
            post.warnings.extend(context.warnings)
        if suffix in HTML_EXTENSIONS:
            post.warn(1, "an HTML post: its body is kept as HTML (Markdown passes it through; the build sanitises it)")
        else:
            body = _kramdown(body, post)
            converted = convert_dialect(body, "kramdown", self.extensions)
            place_warnings(post, converted.warnings, body, written, body_line)
            body = converted.text
        excerpt = split_excerpt(body, _separators(fields, self.excerpt_separator))
        summary = self.summary(fields, excerpt)
        if excerpt is not None:
            body = excerpt[1]
        draft.body = tidy_blank_lines(drop_title_heading(body.strip("\n"), draft.title))
        draft.summary = summary
        draft.tags = _tags(fields)
        names = [self.authors.get(n, n) for n in author_names(fields.get("author") or fields.get("authors"))]
        draft.author = join_authors(names)
        for key in _IMAGE_FIELDS:  # the post's own picture, not one the site's defaults give every page
            value = head.own.get(key)
            if key == "header" and isinstance(value, dict):
                value = value.get("image") or value.get("overlay_image") or value.get("teaser")
            image, alt = image_reference(value)
            if image:
                post.image = image
                draft.image_alt = alt or text_value(head.own.get("image_alt"))
                break
        lines = {name: field_line(post.original_text, name, body_line) for name in ("title", "summary", "author")}
        finish_text_fields(post, draft, lines)

    def summary(self, fields: dict[str, Any], excerpt: tuple[str, str] | None) -> str | None:
        """The front matter's summary, else the text before the excerpt separator (``excerpt``, split once)."""
        for name in ("summary", "description", "excerpt"):
            value = fields.get(name)
            if isinstance(value, str) and value.strip():
                return plain_summary(value) if name == "excerpt" else text_value(value)
        return plain_summary(excerpt[0]) if excerpt is not None else None

    def find_post_url(self, name: str) -> str | None:
        name = name.strip().strip("/")
        for key in (name, name.rsplit("/", 1)[-1]):
            if key in self.urls_by_name:
                return self.urls_by_name[key]
        return None

    def find_link(self, path: str) -> str | None:
        path = path.strip().lstrip("/")
        if path in self.urls_by_path:
            return self.urls_by_path[path]
        return "/" + path if (self.site.source / path).is_file() else None


def _separators(fields: dict[str, Any], site_separator: str) -> tuple[str, ...]:
    own = fields.get("excerpt_separator")
    separator = str(own) if isinstance(own, str) else site_separator
    chosen = (separator,) if separator.strip() else ()  # "\n\n" (the default) is the first paragraph: derived
    return (*chosen, *MORE_MARKERS)


def _posts_permalink(config: dict[str, Any]) -> str:
    """The posts' URL pattern: the posts collection's ``permalink``, else the site's style or pattern."""
    collections = config.get("collections")
    if isinstance(collections, dict):
        posts = collections.get("posts")
        if isinstance(posts, dict) and isinstance(posts.get("permalink"), str):
            pattern = str(posts["permalink"])
            return STYLE_TO_PERMALINK.get(pattern, pattern)
    style = config.get("permalink") or "date"
    return STYLE_TO_PERMALINK.get(str(style), str(style))


def _categories(path_categories: list[str], fields: dict[str, Any]) -> list[str]:
    """Jekyll's order: the folders above ``_posts``, then ``categories``, then ``category``."""
    found = [*path_categories, *string_list(fields.get("categories"), "space"), *string_list(fields.get("category"))]
    return list(dict.fromkeys(found))


def _tags(fields: dict[str, Any]) -> list[str]:
    if "tag" in fields and fields.get("tag") is not None:
        return unique(string_list(fields.get("tag")))
    return unique(string_list(fields.get("tags"), "comma-or-space"))


def _url_placeholders(
    moment: dt.datetime, slug: str, basename: str, categories: list[str], cleaned_path: str
) -> dict[str, str]:
    """Jekyll's ``UrlDrop`` for a post."""
    lowered = list(dict.fromkeys(c.lower() for c in categories))
    slugified = list(dict.fromkeys(jekyll_slugify(c) for c in categories))
    iso_year, iso_week, iso_day = moment.isocalendar()
    return {
        "collection": "posts",
        "name": jekyll_slugify(basename),
        "title": jekyll_slugify(slug, "pretty", cased=True),
        "slug": jekyll_slugify(slug),
        "categories": "/".join(lowered),
        "slugified_categories": "/".join(slugified),
        "year": f"{moment.year:04d}",
        "month": f"{moment.month:02d}",
        "day": f"{moment.day:02d}",
        "hour": f"{moment.hour:02d}",
        "minute": f"{moment.minute:02d}",
        "second": f"{moment.second:02d}",
        "i_day": str(moment.day),
        "i_month": str(moment.month),
        "short_month": moment.strftime("%b"),
        "long_month": moment.strftime("%B"),
        "short_year": f"{moment.year % 100:02d}",
        "w_year": str(iso_year),
        "week": f"{iso_week:02d}",
        "w_day": str(iso_day),
        "short_day": moment.strftime("%a"),
        "long_day": moment.strftime("%A"),
        "y_day": f"{moment.timetuple().tm_yday:03d}",
        "output_ext": ".html",
        "path": cleaned_path if cleaned_path.startswith("/") else "/" + cleaned_path,
    }


def _expand(template: str, values: dict[str, str]) -> str:
    """``URL#generate_url_from_drop``: each ``:name`` replaced; ``:month_`` may be ``:month`` then ``_``."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        if name.endswith("_") and name[:-1] in values:
            return values[name[:-1]] + "_"
        raise KeyError(name)

    return re.sub(r":([a-z_]+)", replace, template)


def _sanitize_url(url: str) -> str:
    """``URL#sanitize_url``: a leading ``/``, no ``..``, no ``./``, no ``//``."""
    result = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", result)


def _defaults_for(config: dict[str, Any], relative: str, kind: str) -> dict[str, Any]:
    """The merged ``defaults:`` values that apply to the file at ``relative`` (Jekyll's precedence)."""
    sets = config.get("defaults")
    if not isinstance(sets, list):
        return {}
    merged: dict[str, Any] = {}
    best: dict[str, Any] | None = None
    for entry in sets:
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue
        scope = entry.get("scope") if isinstance(entry.get("scope"), dict) else {}
        assert isinstance(scope, dict)
        if "type" in scope and str(scope.get("type")) not in (kind, kind.rstrip("s")):
            continue
        scope_path = scope.get("path")
        if isinstance(scope_path, str) and scope_path.strip("/"):
            wanted = scope_path.strip("/")
            if "*" in wanted:
                if not fnmatch.fnmatch(relative, wanted) and not fnmatch.fnmatch(relative, wanted + "/*"):
                    continue
            elif not relative.startswith(wanted):
                continue
        if best is None or _precedes(best, scope):
            merged = deep_merge(merged, entry["values"])
            best = scope
        else:
            merged = deep_merge(entry["values"], merged)
    return merged


def _precedes(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """``FrontmatterDefaults#has_precedence?``: a longer path wins, then a scope with a type."""
    new_path = str(new.get("path") or "").strip("/")
    old_path = str(old.get("path") or "").strip("/")
    if len(new_path) != len(old_path):
        return len(new_path) >= len(old_path)
    return "type" in new or "type" not in old


def _authors_data(source: Path) -> dict[str, str]:
    """``_data/authors.yml``: author key → display name (a plain string, or a mapping's ``name``)."""
    for name in ("authors.yml", "authors.yaml", "authors.json"):
        path = source / "_data" / name
        if not path.is_file():
            continue
        try:
            data = read_config_file(path)
        except SiteReadError:
            return {}
        names: dict[str, str] = {}
        for key, value in data.items():
            found = author_names(value)
            if found:
                names[str(key)] = found[0]
        return names
    return {}


_KRAMDOWN_TOC = re.compile(r"^[ ]{0,3}(?:[-*+]|1\.)[ \t]+.*\n[ ]{0,3}\{:[ \t]*toc[ \t]*\}[ \t]*$", re.MULTILINE)
_KRAMDOWN_COMMENT = re.compile(r"\{::comment\}.*?\{:/comment\}", re.DOTALL)
_KRAMDOWN_NOMARKDOWN = re.compile(r"\{::nomarkdown\}(.*?)\{:/(?:nomarkdown)?\}", re.DOTALL)
_KRAMDOWN_OPTIONS = re.compile(r"^[ \t]*\{::options\b[^}]*/\}[ \t]*$\n?", re.MULTILINE)


def _kramdown(body: str, post: OldPost) -> str:
    """kramdown's own syntax: ``{:toc}`` → ``[TOC]``, comments dropped, ``nomarkdown`` kept as HTML."""
    body = _KRAMDOWN_TOC.sub("[TOC]", body)
    body = _KRAMDOWN_COMMENT.sub("", body)
    body = _KRAMDOWN_NOMARKDOWN.sub(lambda m: m.group(1).strip("\n"), body)
    for match in _KRAMDOWN_OPTIONS.finditer(body):
        post.warn(post.line_of(match.group(0).strip()), "kramdown {::options /} dropped: it has no equivalent")
    return _KRAMDOWN_OPTIONS.sub("", body)
