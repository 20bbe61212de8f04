"""The posts of a Material for MkDocs blog, read as Material's blog plugin reads them.

``mkdocs.yml`` is read with PyYAML (``!ENV`` and ``!!python/name:`` tags read as
plain values), never with MkDocs. Each ``blog`` (or ``material/blog``) plugin
instance is read with its options and Material's defaults:

* posts are the ``.md`` files below ``post_dir`` (``{blog}/posts``, sub-folders
  included) in ``docs_dir``; ``.meta.yml`` files apply when the ``meta`` plugin is on;
* the title is ``title:``, else the first ``# heading``, else the file name (MkDocs' rule);
* the date is ``date:`` or ``date: {created: …}``; a time without an offset is UTC
  (Material's rule), a date alone stays a date;
* the old URL is ``post_url_format`` (``{date}/{slug}``) formatted with
  ``post_url_date_format`` (Babel, the theme's language), ``{categories}`` (up to
  ``post_url_max_categories``, slugified) and ``{file}``, below ``blog_dir``, as
  ``…/slug/`` (or ``…/slug.html`` without ``use_directory_urls``); the slug is
  ``slug:`` or the title through Material's default ``post_slugify``. A custom
  ``post_slugify`` (a Python function) cannot be run here: the default is used, and said;
* authors are resolved through ``.authors.yml``; ``description`` is the summary,
  else the text before ``<!-- more -->`` (``post_excerpt_separator``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.core import UnknownLocaleError
from babel.dates import format_date, format_datetime

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
    drop_title_heading,
    field_line,
    finish_text_fields,
    image_reference,
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
)
from .markdown import MKDOCS_DEFAULT_EXTENSIONS, convert_dialect, tidy_blank_lines
from .slugs import material_slugify, mkdocs_title_from_name

CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml")
BLOG_PLUGINS = ("blog", "material/blog")
META_PLUGINS = ("meta", "material/meta")
_NAMED_FORMATS = ("full", "long", "medium", "short")
_USED_FIELDS = frozenset(
    {"title", "date", "slug", "categories", "tags", "authors", "author", "description", "draft", "summary"}
    | {"pin", "readtime", "hide", "search", "template", "comments", "icon", "status", "subtitle", "image"}
)


class MkDocsReadError(SiteReadError):
    """The MkDocs site cannot be read."""


@dataclass
class BlogOptions:
    """One blog plugin instance's options, with Material's defaults."""

    blog_dir: str = "blog"
    post_dir: str = "{blog}/posts"
    post_url_format: str = "{date}/{slug}"
    post_url_date_format: str = "yyyy/MM/dd"
    post_url_max_categories: int = 1
    post_slugify_separator: str = "-"
    categories_slugify_separator: str = "-"
    post_excerpt_separator: str = "<!-- more -->"
    authors_file: str = "{blog}/.authors.yml"
    custom_slugify: bool = False

    @property
    def posts_folder(self) -> str:
        return posixpath.normpath(self.post_dir.format(blog=posixpath.normpath(self.blog_dir)))


@dataclass
class MkDocsBlogSite(OldSite):
    """A MkDocs site with Material's blog: its docs folder and options."""

    docs_dir: Path = field(default_factory=Path)
    config: dict[str, Any] = field(default_factory=dict)
    directory_urls: bool = True

    def page_url(self, file: Path) -> str | None:
        """MkDocs' URL of a page of the docs: ``setup/index.md`` → ``setup/``, ``a/b.md`` → ``a/b/``."""
        try:
            relative = file.resolve().relative_to(self.docs_dir.resolve()).as_posix()
        except ValueError:
            return None
        if not relative.endswith(".md"):
            return None
        parent, name = posixpath.split(relative[:-3])
        if name in ("index", "README"):
            return f"{parent}/" if parent else ""
        return f"{posixpath.join(parent, name)}/" if self.directory_urls else f"{posixpath.join(parent, name)}.html"

    def site_file(self, path: str) -> Path | None:
        candidate = self.docs_dir / path
        try:
            return candidate if candidate.is_file() else None
        except OSError:
            return None


def blog_plugins(config: dict[str, Any]) -> list[dict[str, Any]]:
    """The options of each blog plugin instance listed in a MkDocs config (``{}`` for one without options)."""
    plugins = config.get("plugins")
    found: list[dict[str, Any]] = []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, str) and entry in BLOG_PLUGINS:
            found.append({})
        elif isinstance(entry, dict):
            for name, options in entry.items():
                if name in BLOG_PLUGINS:
                    found.append(options if isinstance(options, dict) else {})
    return [options for options in found if options.get("enabled", True) is not False]


def _plugin_names(config: dict[str, Any]) -> set[str]:
    plugins = config.get("plugins")
    if isinstance(plugins, dict):
        return {str(name) for name in plugins}
    names: set[str] = set()
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, str):
            names.add(entry)
        elif isinstance(entry, dict):
            names.update(str(k) for k in entry)
    return names


def extension_names(value: Any) -> frozenset[str]:
    """The Markdown extensions a MkDocs config lists, plus the three MkDocs always has."""
    names: set[str] = set(MKDOCS_DEFAULT_EXTENSIONS)
    if isinstance(value, dict):
        value = list(value)
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, str):
            names.add(entry)
        elif isinstance(entry, dict):
            names.update(str(k) for k in entry)
    return frozenset(names)


def looks_like_mkdocs_blog(folder: Path) -> bool:
    """``mkdocs.yml`` with the blog plugin, or a ``docs/blog/posts/`` folder."""
    for name in CONFIG_FILES:
        path = folder / name
        if path.is_file():
            try:
                if blog_plugins(read_config_file(path)):
                    return True
            except SiteReadError:
                pass
    return (folder / "docs" / "blog" / "posts").is_dir()


def read_mkdocs_blog(root: Path, extensions: frozenset[str]) -> MkDocsBlogSite:
    """Read every post of the blog(s) of the MkDocs site at ``root``; raise :class:`MkDocsReadError`."""
    config_path = next((root / n for n in CONFIG_FILES if (root / n).is_file()), None)
    config = read_config_file(config_path) if config_path else {}
    docs_dir = root / str(config.get("docs_dir") or "docs")
    site = MkDocsBlogSite(kind="mkdocs-blog", root=root, docs_dir=docs_dir, config=config)
    site.site_url, site.base_path = base_of(config.get("site_url"))
    instances = blog_plugins(config)
    if not instances:
        if config_path is not None and (docs_dir / "blog" / "posts").is_dir():
            site.notes.append("mkdocs.yml lists no blog plugin: Material's default blog (docs/blog/posts/) is read")
        if not (docs_dir / "blog" / "posts").is_dir():
            raise MkDocsReadError(
                f"{root}: no blog plugin in mkdocs.yml and no docs/blog/posts/ folder: no posts to import"
            )
        instances = [{}]
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    assert isinstance(theme, dict)
    language = str(theme.get("language") or "en").replace("-", "_")
    directory_urls = site.directory_urls = config.get("use_directory_urls", True) is not False
    old_extensions = extension_names(config.get("markdown_extensions"))
    with_meta = bool(_plugin_names(config) & set(META_PLUGINS))
    for options in instances:
        blog = _options(options)
        if blog.custom_slugify:
            site.notes.append("a custom post_slugify is set: old URLs use Material's default slugify instead")
        reader = _Reader(site, blog, extensions, old_extensions, language, directory_urls, with_meta)
        site.posts.extend(reader.read_all())
    return site


def _options(raw: dict[str, Any]) -> BlogOptions:
    blog = BlogOptions()
    for name in (
        "blog_dir",
        "post_dir",
        "post_url_format",
        "post_url_date_format",
        "post_slugify_separator",
        "categories_slugify_separator",
        "post_excerpt_separator",
        "authors_file",
    ):
        if isinstance(raw.get(name), str):
            setattr(blog, name, raw[name])
    if isinstance(raw.get("post_url_max_categories"), int):
        blog.post_url_max_categories = raw["post_url_max_categories"]
    blog.custom_slugify = "post_slugify" in raw
    return blog


class _Reader:
    def __init__(
        self,
        site: MkDocsBlogSite,
        blog: BlogOptions,
        extensions: frozenset[str],
        old_extensions: frozenset[str],
        language: str,
        directory_urls: bool,
        with_meta: bool,
    ) -> None:
        self.site = site
        self.blog = blog
        self.extensions = extensions
        self.old_extensions = old_extensions
        self.language = language
        self.directory_urls = directory_urls
        self.with_meta = with_meta
        self.authors = self.read_authors()
        self.meta_by_folder: dict[Path, dict[str, Any]] = {}  # each folder's .meta.yml chain, read once

    def read_authors(self) -> dict[str, str]:
        path = self.site.docs_dir / self.blog.authors_file.format(blog=self.blog.blog_dir)
        if not path.is_file():
            return {}
        try:
            data = read_config_file(path)
        except SiteReadError as exc:
            self.site.notes.append(f"{exc}: author ids are kept as they are")
            return {}
        authors = data.get("authors") if isinstance(data.get("authors"), dict) else {}
        assert isinstance(authors, dict)
        return {str(key): names[0] for key, value in authors.items() if (names := author_names(value))}

    def read_all(self) -> list[OldPost]:
        folder = self.site.docs_dir / self.blog.posts_folder
        if not folder.is_dir():
            self.site.notes.append(f"{folder.relative_to(self.site.root).as_posix()}/ does not exist: no posts there")
            return []
        posts: list[OldPost] = []
        for path in sorted(folder.rglob("*.md")):
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            post = OldPost(source=path, label=path.relative_to(self.site.root).as_posix())
            try:
                self.read_post(post, path)
            except PostError as exc:
                post.skip(at_line(exc.line) + str(exc), failed=True)
            except Exception as exc:  # noqa: BLE001 - a post nobody foresaw must not stop the others
                post.skip(unexpected(exc), failed=True)
            posts.append(post)
        return posts

    def meta_defaults(self, path: Path) -> dict[str, Any]:
        """``.meta.yml`` files from the docs folder down to the post's folder (the meta plugin's rule)."""
        if not self.with_meta:
            return {}
        if path.parent in self.meta_by_folder:
            return self.meta_by_folder[path.parent]
        merged: dict[str, Any] = {}
        folder = path.parent
        chain: list[Path] = []
        while True:
            chain.append(folder)
            if folder == self.site.docs_dir or self.site.docs_dir not in folder.parents:
                break
            folder = folder.parent
        for folder in reversed(chain):
            meta = folder / ".meta.yml"
            if meta.is_file():
                try:
                    merged = _additive(merged, read_config_file(meta))
                except SiteReadError:
                    continue
        self.meta_by_folder[path.parent] = merged
        return merged

    def read_post(self, post: OldPost, path: Path) -> None:
        text = read_text(path)
        post.original_text = text
        front = split_front_matter(text, ("yaml",))
        if front.format == "none":
            post.skip("no front matter: Material's blog needs at least a date (date: 2024-01-31)", True, "no date")
            return
        fields = _additive(self.meta_defaults(path), front.fields)
        body = front.body.lstrip("\n")
        body_line = front.body_line + len(front.body) - len(body)
        date, moment = self.post_date(post, fields, front.body_line)
        if date is None:
            return
        title = text_value(fields.get("title"))
        if title is None:
            first = next((line.strip() for line in body.split("\n") if line.strip()), "")
            if first.startswith("# "):
                title = first.lstrip("# ").strip()
            else:
                title = mkdocs_title_from_name(path.stem)
                post.warn(None, f"no title: {title!r}, made from the file name as MkDocs does")
        draft = Draft(title=title, date=date)
        if fields.get("draft") is True:
            draft.extra["draft"] = True
        post.draft = draft
        categories = string_list(fields.get("categories"))
        post.categories = categories
        slug = text_value(fields.get("slug")) or material_slugify(title, self.blog.post_slugify_separator)
        url = self.post_url(post, slug, categories, moment, path)
        if url:
            post.aliases.append(url)
        for key in front.fields:
            if key not in _USED_FIELDS:
                self.site.dropped_fields[key] += 1
        self.read_body(post, fields, body, body_line)

    def post_date(self, post: OldPost, fields: dict[str, Any], body_line: int) -> tuple[Any, dt.datetime]:
        written = fields.get("date")
        line = field_line(post.original_text, "date", body_line)
        if isinstance(written, dict):
            written = written.get("created")
        value = date_value(written)
        if value is None:
            what = "no date" if written is None else f"the date {written!r} is not a date"
            post.skip(
                f"{at_line(line)}{what}: Material's blog needs date: (or date: created:)",
                True,
                "no date",
            )
            return None, dt.datetime.min
        if isinstance(value, dt.datetime):
            if value.tzinfo is None:
                value = value.replace(tzinfo=dt.UTC)  # Material's rule: a time without an offset is UTC
            return value, value
        return value, dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)

    def post_url(self, post: OldPost, slug: str, categories: list[str], moment: dt.datetime, path: Path) -> str | None:
        slugged = [material_slugify(c, self.blog.categories_slugify_separator) for c in categories]
        try:
            date_text = self.format_date(moment)
            formatted = self.blog.post_url_format.format(
                categories="/".join(slugged[: self.blog.post_url_max_categories]),
                date=date_text,
                file=path.stem,
                slug=slug,
            )
        except (KeyError, IndexError, ValueError) as exc:
            post.warn(
                None, f"post_url_format {self.blog.post_url_format!r} cannot be formatted ({exc}): no old URL kept"
            )
            return None
        formatted = posixpath.normpath(formatted.strip("/"))
        source = posixpath.normpath(posixpath.join(self.blog.blog_dir, f"{formatted}.md"))
        parent, name = posixpath.split(source)
        stem = name[:-3]
        if stem in ("index", "README"):
            return f"{parent}/" if parent not in ("", ".") else None
        if self.directory_urls:
            return posixpath.join(parent, stem) + "/" if parent not in ("", ".") else f"{stem}/"
        return posixpath.join(parent, stem + ".html") if parent not in ("", ".") else f"{stem}.html"

    def format_date(self, moment: dt.datetime) -> str:
        """Material's ``_format_date``: a named Babel format gives the date alone, a pattern the date and time."""
        fmt = self.blog.post_url_date_format
        try:
            if fmt in _NAMED_FORMATS:
                return format_date(moment, format=fmt, locale=self.language)
            return format_datetime(moment, format=fmt, locale=self.language)
        except (UnknownLocaleError, ValueError):
            return format_datetime(moment, format=fmt, locale="en")

    def read_body(self, post: OldPost, fields: dict[str, Any], body: str, body_line: int) -> None:
        draft = post.draft
        assert draft is not None
        converted = convert_dialect(body, "python-markdown", self.extensions, self.old_extensions)
        place_warnings(post, converted.warnings, body, body, body_line)
        body = converted.text
        summary = text_value(fields.get("description")) or text_value(fields.get("summary"))
        excerpt = split_excerpt(body, (self.blog.post_excerpt_separator, *MORE_MARKERS))
        if excerpt is not None:
            if summary is None:
                summary = plain_summary(drop_title_heading(excerpt[0], draft.title))
            body = excerpt[1]
        draft.body = tidy_blank_lines(drop_title_heading(body.strip("\n"), draft.title))
        draft.summary = summary
        draft.tags = unique(string_list(fields.get("tags")))
        ids = string_list(fields.get("authors")) or author_names(fields.get("author"))
        names: list[str] = []
        for identifier in ids:
            if identifier in self.authors:
                names.append(self.authors[identifier])
            else:
                names.append(identifier)
                if self.authors:
                    post.warn(
                        field_line(post.original_text, "authors", 10**6),
                        f"author {identifier!r} is not in .authors.yml",
                    )
        draft.author = join_authors(names)
        image, alt = image_reference(fields.get("image"))
        if image:
            post.image, draft.image_alt = image, alt
        where = {name: field_line(post.original_text, name, body_line) for name in ("title", "summary", "author")}
        finish_text_fields(post, draft, where)


def _additive(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """The meta plugin's merge: lists are combined, mappings merged, other values replaced."""
    merged = dict(base)
    for key, value in over.items():
        old = merged.get(key)
        if isinstance(old, list) and isinstance(value, list):
            merged[key] = old + [v for v in value if v not in old]
        elif isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _additive(old, value)
        else:
            merged[key] = value
    return merged
