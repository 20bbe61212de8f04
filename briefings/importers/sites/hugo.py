"""A Hugo site's posts, read as Hugo reads them.

* The config is ``hugo.toml`` (or ``.yaml``, ``.json``; or ``config.*``) merged
  with ``config/_default/``; keys are case-insensitive, as in Hugo.
* Posts are the regular pages of the main sections (``params.mainSections``;
  by default the section with the most pages, as Hugo chooses): ``.md`` files
  and page bundles (``post/index.md`` with its pictures). ``_index.md`` list pages
  are not posts; pages of other sections are reported as skipped.
* Front matter may be YAML (``---``), TOML (``+++``) or JSON (``{``); its keys are
  case-insensitive. The date follows ``[frontmatter] date`` (by default ``date``,
  then ``publishDate``, ``pubDate``, ``published``, ``lastmod``, ``modified``;
  ``:filename`` reads ``2019-03-05-slug.md`` and takes the slug from the rest);
  a date without an offset is in the site's ``timeZone`` (UTC without one).
* A ``publishDate`` in the future (Hugo held the post back) becomes the date, so
  Briefings holds it back too; an ``expiryDate`` in the past (Hugo took the post
  down) imports it as a draft; a future ``expiryDate`` is reported (Briefings
  articles do not expire). ``headless`` and ``build: {render: never}`` pages had
  no page of their own: skipped.
* The old URL follows ``url:``, else the ``[permalinks]`` pattern of the page's
  section (``:year``, ``:month``, ``:monthname``, ``:day``, ``:weekday``,
  ``:yearday``, ``:section``, ``:sections``, ``:title``, ``:slug``,
  ``:slugorfilename``, ``:filename``, ``:contentbasename``,
  ``:slugorcontentbasename``, ``:sectionslug``, Go layouts such as ``:2006``),
  else ``<section path>/<slug or file name>/``; with ``uglyURLs`` ``….html``;
  lower-cased unless ``disablePathToLower``, accents dropped with
  ``removePathAccents``, a language prefix for a translation not in the default
  language. The post's own ``aliases`` (old URLs Hugo already redirected) are kept too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import posixpath
import re
from collections import Counter
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
from .markdown import convert_dialect, tidy_blank_lines
from .shortcodes import ShortcodeContext, convert_shortcodes
from .slugs import go_time_format, hugo_urlize, is_go_layout

CONFIG_NAMES = ("hugo", "config")
CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
HTML_SUFFIXES = (".html", ".htm")
UNCONVERTED = {
    ".adoc": "AsciiDoc is not converted: convert it to Markdown first",
    ".asciidoc": "AsciiDoc is not converted: convert it to Markdown first",
    ".ad": "AsciiDoc is not converted: convert it to Markdown first",
    ".org": "Org mode is not converted: convert it to Markdown first",
    ".rst": "reStructuredText is not converted: convert it to Markdown first",
    ".pandoc": "Pandoc Markdown is not converted: convert it to Markdown first",
    ".pdc": "Pandoc Markdown is not converted: convert it to Markdown first",
}
CONTENT_SUFFIXES = (*MARKDOWN_SUFFIXES, *HTML_SUFFIXES, *UNCONVERTED)
#: Sections that hold posts by their name, imported besides Hugo's default main section (the largest).
POST_SECTIONS = frozenset(
    {"post", "posts", "blog", "blogs", "news", "article", "articles", "update", "updates", "note", "notes"}
    | {"stories", "story", "journal", "diary", "release", "releases", "announcements", "press", "briefings"}
)
DEFAULT_DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
DEFAULT_PUBLISH_KEYS = ("publishdate", "pubdate", "published", "date")
DEFAULT_EXPIRY_KEYS = ("expirydate", "unpublishdate")
_FILENAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[-_](.*))?$")
_ATTRIBUTE = re.compile(r":\w+(\[.+?\])?")
_USED_FIELDS = frozenset(
    {"title", "date", "publishdate", "pubdate", "published", "lastmod", "modified", "expirydate", "unpublishdate"}
    | {"draft", "slug", "url", "aliases", "categories", "tags", "author", "authors", "summary", "description"}
    | {"images", "image", "cover", "featured_image", "featureimage", "featured", "thumbnail", "banner"}
    | {"layout", "type", "weight", "toc", "headless", "_build", "build", "linktitle", "keywords", "menu", "series"}
)
_IMAGE_FIELDS = ("image", "images", "cover", "featured_image", "featureimage", "featured", "thumbnail", "banner")


class HugoReadError(SiteReadError):
    """The Hugo site cannot be read."""


@dataclass
class HugoSite(OldSite):
    """A Hugo site: its config, content folder and static folders."""

    config: dict[str, Any] = field(default_factory=dict)
    content_dir: Path = field(default_factory=Path)
    static_dirs: list[Path] = field(default_factory=list)

    def site_file(self, path: str) -> Path | None:
        for folder in (*self.static_dirs, self.content_dir):
            candidate = folder / path
            try:
                if candidate.is_file():
                    return candidate
            except OSError:
                continue
        for post in self.posts:  # a page bundle's files are published next to its page
            for alias in post.aliases[:1]:
                if alias.endswith("/") and path.startswith(alias) and post.source.name.startswith("index."):
                    candidate = post.source.parent / path[len(alias) :]
                    if candidate.is_file():
                        return candidate
        return None

    def locate(self, target: str, post: OldPost) -> Path | None:
        found = super().locate(target, post)
        if found is not None or target.startswith("/") or not post.aliases:
            return found
        # a browser reads a relative link against the page's URL: /posts/x/ + img/a.png
        folder = post.aliases[0] if post.aliases[0].endswith("/") else posixpath.dirname(post.aliases[0]) + "/"
        return self.site_file(posixpath.normpath(folder + target))


@dataclass
class _Page:
    """A content file and where it sits: its section path, language and bundle."""

    path: Path
    relative: str  # from the content folder
    sections: list[str]  # the section path: top section first (empty at the content root)
    language: str | None
    base_name: str  # file name without extension and language; a bundle's folder name
    is_bundle: bool


def looks_like_hugo(folder: Path) -> bool:
    """A Hugo config file (or ``config/_default/``) next to a ``content/`` folder."""
    has_config = any((folder / f"{n}{s}").is_file() for n in CONFIG_NAMES for s in CONFIG_SUFFIXES)
    return (has_config or (folder / "config" / "_default").is_dir()) and (folder / "content").is_dir()


def load_config(root: Path) -> dict[str, Any]:
    """The site config with lower-case keys: the root file, then ``config/_default/*`` merged in."""
    config: dict[str, Any] = {}
    root_file = next(
        (root / f"{n}{s}" for n in CONFIG_NAMES for s in CONFIG_SUFFIXES if (root / f"{n}{s}").is_file()), None
    )
    if root_file is not None:
        config = _lower_keys(read_config_file(root_file))
    folder = root / "config" / "_default"
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in CONFIG_SUFFIXES or not path.is_file():
                continue
            data = _lower_keys(read_config_file(path))
            name = path.stem.lower()
            if name in CONFIG_NAMES:
                config = deep_merge(config, data)
            elif "." not in name:  # params.toml, permalinks.toml…; menus.en.toml is a language's
                config = deep_merge(config, {name: data})
    if root_file is None and not folder.is_dir():
        raise HugoReadError(f"{root}: no hugo.toml, hugo.yaml, config.toml… : this does not look like a Hugo site")
    return config


def _lower_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k).lower(): _lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower_keys(v) for v in value]
    return value


def read_hugo(root: Path, extensions: frozenset[str], now: dt.datetime | None = None) -> HugoSite:
    """Read every post of the Hugo site at ``root``; raise :class:`HugoReadError` when it cannot be read."""
    config = load_config(root)
    content_dir = root / str(config.get("contentdir") or "content")
    languages = config.get("languages") if isinstance(config.get("languages"), dict) else {}
    assert isinstance(languages, dict)
    default_language = str(config.get("defaultcontentlanguage") or "en").lower()
    others: list[str] = []
    for name, options in languages.items():
        if isinstance(options, dict) and isinstance(options.get("contentdir"), str):
            if str(name).lower() == default_language:
                content_dir = root / options["contentdir"]
            else:
                others.append(f"{name} ({options['contentdir']}/)")
    if not content_dir.is_dir():
        raise HugoReadError(f"{root}: no content folder ({content_dir.name}/): nothing to import")
    static = config.get("staticdir") or "static"
    static_dirs = [root / str(s) for s in (static if isinstance(static, list) else [static])]
    site = HugoSite(kind="hugo", root=root, config=config, content_dir=content_dir, static_dirs=static_dirs)
    site.site_url, site.base_path = base_of(config.get("baseurl"))
    if others:
        site.notes.append(f"the posts in {default_language} are imported; other languages are not: {', '.join(others)}")
    reader = _Reader(site, extensions, now or dt.datetime.now(dt.UTC))
    site.posts = reader.read_all()
    return site


class _Reader:
    def __init__(self, site: HugoSite, extensions: frozenset[str], now: dt.datetime) -> None:
        self.site = site
        self.extensions = extensions
        self.now = now
        config = site.config
        self.zone: ZoneInfo | None = zone_named(config.get("timezone"))
        self.lower = not bool(config.get("disablepathtolower"))
        self.remove_accents = bool(config.get("removepathaccents"))
        self.ugly = config.get("uglyurls", False)
        front = config.get("frontmatter") if isinstance(config.get("frontmatter"), dict) else {}
        assert isinstance(front, dict)
        self.date_keys = _keys(front.get("date"), DEFAULT_DATE_KEYS)
        self.publish_keys = _keys(front.get("publishdate"), DEFAULT_PUBLISH_KEYS)
        self.expiry_keys = _keys(front.get("expirydate"), DEFAULT_EXPIRY_KEYS)
        languages = config.get("languages") if isinstance(config.get("languages"), dict) else {}
        assert isinstance(languages, dict)
        self.languages = {str(k).lower() for k in languages}
        self.default_language = str(config.get("defaultcontentlanguage") or "en").lower()
        self.language_in_subdir = bool(config.get("defaultcontentlanguageinsubdir"))
        self.permalinks = _permalink_rules(config.get("permalinks"))
        taxonomies = config.get("taxonomies") if isinstance(config.get("taxonomies"), dict) else None
        self.category_field = str((taxonomies or {}).get("category", "categories")).lower()
        self.tag_field = str((taxonomies or {}).get("tag", "tags")).lower()
        self.section_titles: dict[str, dict[str, Any]] = {}
        self.sections_with_index: set[str] = set()
        self.refs: dict[str, str] = {}  # content path (and base name) → old URL
        self.configured_main = False

    # --- finding the pages ---------------------------------------------------------------

    def pages(self) -> list[_Page]:
        found: list[_Page] = []
        self._walk(self.site.content_dir, [], found)
        return found

    def _walk(self, folder: Path, sections: list[str], found: list[_Page]) -> None:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            return
        files = [e for e in entries if e.is_file() and e.suffix.lower() in CONTENT_SUFFIXES]
        relative = folder.relative_to(self.site.content_dir).as_posix()
        relative = "" if relative == "." else relative
        bundle = next((f for f in files if _stem(f.name, self.languages)[0] == "index"), None)
        if bundle is not None and relative:
            language = _stem(bundle.name, self.languages)[1]
            found.append(_Page(bundle, f"{relative}/{bundle.name}", sections, language, folder.name, True))
            return  # a leaf bundle: the rest of the folder is its resources
        for file in files:
            stem, language = _stem(file.name, self.languages)
            if stem == "_index":
                self.sections_with_index.add(relative)
                with contextlib.suppress(PostError):  # a list page that does not parse: its section keeps its name
                    self.section_titles[relative] = _lower_keys(
                        split_front_matter(read_text(file), ("yaml", "toml", "json")).fields
                    )
                self.site.pages_left += 1
                continue
            found.append(_Page(file, f"{relative}/{file.name}".lstrip("/"), sections, language, stem, False))
        for entry in entries:
            if entry.is_dir() and not entry.name.startswith("."):
                is_section = not sections or (entry / "_index.md").exists() or any(entry.glob("_index.*"))
                self._walk(entry, [*sections, entry.name] if is_section else sections, found)

    def main_sections(self, pages: list[_Page]) -> set[str]:
        params = self.site.config.get("params") if isinstance(self.site.config.get("params"), dict) else {}
        assert isinstance(params, dict)
        configured = params.get("mainsections") or self.site.config.get("mainsections")
        if configured:
            self.configured_main = True
            return {str(s).strip("/").lower() for s in string_list(configured)}
        counts = Counter(p.sections[0].lower() for p in pages if p.sections)
        if not counts:
            return {""}
        most = max(counts.values())
        largest = min(name for name, count in counts.items() if count == most)
        return {largest, *(name for name in counts if name in POST_SECTIONS)}

    # --- reading ---------------------------------------------------------------------------

    def read_all(self) -> list[OldPost]:
        pages = self.pages()
        main = self.main_sections(pages)
        self.site.notes.append(
            "posts are the pages of the main section"
            + ("s " if len(main) > 1 else " ")
            + ", ".join(repr(s or "(content root)") for s in sorted(main))
            + ("" if self.configured_main else " (the largest, as Hugo chooses, and those named like posts or news)")
        )
        posts: list[OldPost] = []
        heads: list[tuple[OldPost, _Page, dict[str, Any], str, int]] = []
        for page in pages:
            post = OldPost(source=page.path, label=page.path.relative_to(self.site.root).as_posix())
            posts.append(post)
            top = page.sections[0].lower() if page.sections else ""
            if top not in main:
                post.skip(f"not a post: a page of the section {top or '(content root)'!r}, not of the main section")
                continue
            suffix = page.path.suffix.lower()
            if suffix in UNCONVERTED:
                post.skip(UNCONVERTED[suffix], group="format not converted")
                continue
            try:
                text = read_text(page.path)
                post.original_text = text
                front = split_front_matter(text, ("yaml", "toml", "json"))
            except PostError as exc:
                post.skip(at_line(exc.line) + str(exc), failed=True)
                continue
            fields = _lower_keys(front.fields)
            try:
                if not self.read_head(post, page, fields, front.body_line):
                    continue
            except Exception as exc:  # noqa: BLE001 - a post nobody foresaw must not stop the others
                post.skip(unexpected(exc), failed=True)
                continue
            heads.append((post, page, fields, front.body, front.body_line))
        for post, page, fields, body, body_line in heads:
            try:
                self.read_body(post, page, fields, body, body_line)
            except Exception as exc:  # noqa: BLE001 - as above
                post.skip(unexpected(exc), failed=True)
        return posts

    def read_head(self, post: OldPost, page: _Page, fields: dict[str, Any], body_line: int) -> bool:
        build = fields.get("_build") if isinstance(fields.get("_build"), dict) else fields.get("build")
        render = build.get("render") if isinstance(build, dict) else None
        if fields.get("headless") is True or render in (False, "never", "false"):
            post.skip("not a post: Hugo did not render it as a page (headless, or build: render: never)")
            return False
        file_slug: str | None = None
        date = self.first_date(fields, self.date_keys, post, page, body_line)
        if date is _NO_DATE:
            return False
        if isinstance(date, tuple):  # (date, slug) from :filename
            date, file_slug = date
        if date is None:
            post.skip(
                "no date: the page has no date (date, publishDate, lastmod…): add one to import it", False, "no date"
            )
            return False
        assert not isinstance(date, tuple)
        title = text_value(fields.get("title"))
        draft = Draft(title=title or "", date=self.localised(date))
        if title is None:
            draft.title = page.base_name.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"
            post.warn(None, f"no title: {draft.title!r}, made from the file name")
        url_date = (
            in_zone(date, self.zone or dt.UTC) if not isinstance(date, dt.datetime) or date.tzinfo is None else date
        )
        published = self.first_date(fields, self.publish_keys, post, page, body_line)
        if isinstance(published, dt.date) and not isinstance(published, tuple):
            moment = in_zone(published, self.zone or dt.UTC)
            if moment > self.now and moment > in_zone(date, self.zone or dt.UTC):
                draft.date = self.localised(published)
                post.warn(
                    field_line(post.original_text, "publishdate", body_line),
                    f"publishDate {moment.isoformat()} is in the future (Hugo held the post back): it is the date,"
                    " so Briefings holds it back too",
                )
        expiry = self.first_date(fields, self.expiry_keys, post, page, body_line)
        if isinstance(expiry, dt.date) and not isinstance(expiry, tuple):
            line = field_line(post.original_text, "expirydate", body_line)
            if in_zone(expiry, self.zone or dt.UTC) <= self.now:
                draft.extra["draft"] = True
                post.warn(
                    line, f"expiryDate {expiry.isoformat()} has passed (Hugo took the post down): imported as a draft"
                )
            else:
                post.warn(line, f"expiryDate {expiry.isoformat()} ignored: Briefings articles do not expire")
        if fields.get("draft") is True:
            draft.extra["draft"] = True
        post.draft = draft
        slug = text_value(fields.get("slug")) or file_slug
        categories = string_list(fields.get(self.category_field))
        post.categories = categories
        post.topic_hints = page.sections[:1]  # the section may name a topic, but is no tag
        url = self.page_url(post, page, fields, title or "", slug, url_date)  # Hugo's own title: maybe empty
        if url is not None:
            post.aliases.append(url)
            self.refs[page.relative] = url
            self.refs.setdefault(page.relative.rsplit(".", 1)[0], url)
            if page.is_bundle:
                self.refs.setdefault(page.relative.rsplit("/", 1)[0], url)
            self.refs.setdefault("~" + page.base_name, url)
        for alias in string_list(fields.get("aliases")):
            own = self.hugo_alias(alias, url or "", self.is_ugly(page.sections[0] if page.sections else ""))
            if own and own not in post.aliases:
                post.aliases.append(own)
        for key in fields:
            if key not in _USED_FIELDS and key not in (self.category_field, self.tag_field):
                self.site.dropped_fields[key] += 1
        return True

    def localised(self, value: Any) -> Any:
        """A naive date-time in the site's ``timeZone`` (kept naive without one: Hugo read it as UTC-less text)."""
        if isinstance(value, dt.datetime) and value.tzinfo is None and self.zone is not None:
            return value.replace(tzinfo=self.zone)
        return value

    def first_date(
        self, fields: dict[str, Any], keys: tuple[str, ...], post: OldPost, page: _Page, body_line: int
    ) -> Any:
        """The first date found by Hugo's ``[frontmatter]`` handlers; ``_NO_DATE`` when one is not a date."""
        for key in keys:
            key = key.lower()
            if key == ":default":
                found = self.first_date(fields, DEFAULT_DATE_KEYS, post, page, body_line)
                if found is not None:
                    return found
                continue
            if key == ":filename":
                match = _FILENAME_DATE.match(page.base_name)
                if match:
                    try:
                        return dt.date.fromisoformat(match.group(1)), match.group(2) or None
                    except ValueError:
                        continue
                continue
            if key.startswith(":"):  # :fileModTime, :git: not known from the files alone
                continue
            value = fields.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            parsed = date_value(value)
            if parsed is None:
                line = field_line(post.original_text, key, body_line)
                post.skip(f"{at_line(line)}{key} {value!r} is not a date Hugo reads", True, "bad date")
                return _NO_DATE
            return parsed
        return None

    # --- URLs ------------------------------------------------------------------------------

    def page_url(
        self, post: OldPost, page: _Page, fields: dict[str, Any], title: str, slug: str | None, moment: Any
    ) -> str | None:
        """The page's path from the site root as Hugo published it: ``posts/my-post/`` or ``posts/my-post.html``."""
        prefix = ""
        if (
            page.language
            and page.language in self.languages
            and (page.language != self.default_language or self.language_in_subdir)
        ):
            prefix = page.language + "/"
        elif self.language_in_subdir and self.languages:
            prefix = self.default_language + "/"
        url = text_value(fields.get("url"))
        if url:
            if ".." in url:
                url = posixpath.join("/", url)
            path = url.lstrip("/")
            if not url.startswith("/"):
                path = prefix + path
            has_slash = url.endswith("/")
            if has_slash or "." not in url.rsplit("/", 1)[-1]:
                return posixpath.normpath(path) + "/" if path.strip("/") else None
            return path
        pattern = self.pattern_for(page)
        if pattern is not None:
            try:
                expanded = self.expand(pattern, page, fields, title, slug, moment)
            except KeyError as exc:
                post.warn(None, f"permalink {pattern!r} has :{exc.args[0]}, which Hugo does not know: no old URL kept")
                return None
            elements = [e for e in expanded.split("/") if e]
        else:
            container = page.relative.rsplit("/", 2 if page.is_bundle else 1)[0] if "/" in page.relative else ""
            if page.is_bundle and page.relative.count("/") == 1:
                container = ""
            elements = [e for e in container.split("/") if e] + [slug or page.base_name]
        if not elements:
            return None
        ugly = self.is_ugly(page.sections[0] if page.sections else "")
        path = "/".join(elements)
        path = path + ".html" if ugly else path + "/"
        return prefix + hugo_urlize(path, self.lower, self.remove_accents) if path else None

    def is_ugly(self, section: str) -> bool:
        if isinstance(self.ugly, dict):
            return bool(self.ugly.get(section.lower()))
        return bool(self.ugly)

    def pattern_for(self, page: _Page) -> str | None:
        """The first permalink rule matching the page (Hugo's legacy map: the section's, most specific first)."""
        logical = "/" + page.relative.rsplit(".", 1)[0].lower()
        if page.is_bundle:
            logical = logical.rsplit("/", 1)[0]
        for kind, glob, pattern in self.permalinks:
            if kind not in ("page", "") or not _glob_match(glob, logical):
                continue
            return pattern
        return None

    def expand(
        self, pattern: str, page: _Page, fields: dict[str, Any], title: str, slug: str | None, moment: Any
    ) -> str:
        """Hugo's ``PermalinkExpander``: each ``:attribute`` replaced, once, in order."""
        pattern = pattern.replace("\\:", "\x00")
        if not isinstance(moment, dt.datetime):
            moment = dt.datetime(moment.year, moment.month, moment.day)
        result = pattern
        for match in _ATTRIBUTE.finditer(pattern):
            attribute = match.group(0)[1:]
            value = self.attribute(attribute, page, fields, title, slug, moment)
            result = result.replace(match.group(0), value, 1)
        return result.replace("\x00", ":")

    def attribute(
        self, attribute: str, page: _Page, fields: dict[str, Any], title: str, slug: str | None, moment: dt.datetime
    ) -> str:
        def urlize(text: str) -> str:
            return hugo_urlize(text, self.lower, self.remove_accents)

        name, _, cut = attribute.partition("[")
        if name == "year":
            return str(moment.year)
        if name == "month":
            return f"{moment.month:02d}"
        if name == "monthname":
            return moment.strftime("%B")
        if name == "day":
            return f"{moment.day:02d}"
        if name == "weekday":
            return str((moment.weekday() + 1) % 7)
        if name == "weekdayname":
            return moment.strftime("%A")
        if name == "yearday":
            return str(moment.timetuple().tm_yday)
        if name == "section":
            return page.sections[0] if page.sections else ""
        if name == "sections":
            return "/".join(_slice(page.sections, "[" + cut if cut else ""))
        if name in ("sectionslug", "sectionslugs"):
            slugs = [self.section_slug("/".join(page.sections[: i + 1])) for i in range(len(page.sections))]
            if name == "sectionslug":
                return slugs[0] if slugs else ""
            return "/".join(_slice(slugs, "[" + cut if cut else ""))
        if name == "title":
            return urlize(title.replace("/", "-"))  # Hugo (0.168) makes a title's "/" a "-", unlike a slug's
        if name == "slug":
            return urlize(slug) if slug else urlize(title.replace("/", "-"))
        if name in ("slugorfilename", "slugorcontentbasename"):
            return urlize(slug) if slug else urlize(page.base_name)
        if name in ("filename", "contentbasename"):
            return urlize(page.base_name)
        if is_go_layout(name):
            return go_time_format(moment, name)
        raise KeyError(name)

    def section_slug(self, relative: str) -> str:
        fields = self.section_titles.get(relative, {})
        value = text_value(fields.get("slug")) or text_value(fields.get("title")) or relative.rsplit("/", 1)[-1]
        return hugo_urlize(value, self.lower, self.remove_accents)

    def hugo_alias(self, alias: str, page_url: str, ugly: bool) -> str | None:
        """An ``aliases`` entry as the path of the file Hugo wrote: relative ones from the page's parent folder."""
        if alias.startswith(("http://", "https://")):
            return None
        if alias.startswith("/"):
            joined = posixpath.normpath(alias).lstrip("/")
        else:
            parent = posixpath.dirname(page_url.rstrip("/")) if page_url else ""
            joined = posixpath.normpath(posixpath.join(parent, alias)).lstrip("/")
        if not joined or joined == "." or joined.startswith(".."):
            return None
        if joined.endswith(".html"):
            return joined
        return joined + ".html" if ugly else joined + "/"  # Hugo writes <alias>/index.html, or <alias>.html if ugly

    # --- the body ----------------------------------------------------------------------------

    def read_body(self, post: OldPost, page: _Page, fields: dict[str, Any], body: str, body_line: int) -> None:
        draft = post.draft
        assert draft is not None
        written = body
        if "{{<" in body or "{{%" in body:
            params = self.site.config.get("params")
            context = ShortcodeContext(
                params=params if isinstance(params, dict) else {},
                ref=lambda target: self.find_ref(target, page),
                extensions=self.extensions,
            )
            body = convert_shortcodes(body, context, body_line)
            post.warnings.extend(context.warnings)
        if page.path.suffix.lower() in HTML_SUFFIXES:
            post.warn(
                None, "an HTML post: its body is kept as HTML (Markdown passes it through; the build sanitises it)"
            )
        else:
            converted = convert_dialect(body, "goldmark", self.extensions)
            place_warnings(post, converted.warnings, body, written, body_line)
            body = converted.text
        summary = text_value(fields.get("summary")) or text_value(fields.get("description"))
        excerpt = split_excerpt(body, MORE_MARKERS)
        if excerpt is not None:
            summary = summary or plain_summary(excerpt[0])
            body = excerpt[1]
        draft.body = tidy_blank_lines(drop_title_heading(body.strip("\n"), draft.title))
        draft.summary = summary
        draft.tags = unique(string_list(fields.get(self.tag_field)))
        draft.author = join_authors(author_names(fields.get("authors") or fields.get("author")))
        for key in _IMAGE_FIELDS:
            value = fields.get(key)
            if key == "cover" and isinstance(value, dict):
                value = {"path": value.get("image"), "alt": value.get("alt") or value.get("caption")}
            image, alt = image_reference(value)
            if image:
                post.image, draft.image_alt = image, alt
                break
        where = {name: field_line(post.original_text, name, body_line) for name in ("title", "summary", "author")}
        finish_text_fields(post, draft, where)

    def find_ref(self, target: str, page: _Page) -> str | None:
        """``ref``/``relref``: a content path (absolute, relative to the page, or a unique base name) → old URL."""
        target = target.split("#", 1)[0].strip()
        if not target:
            return None
        here = page.relative.rsplit("/", 1)[0] if "/" in page.relative else ""
        candidates = [target.lstrip("/")]
        if not target.startswith("/"):
            candidates.append(posixpath.normpath(posixpath.join(here, target)))
        for candidate in candidates:
            for key in (candidate, candidate.rsplit(".", 1)[0] if "." in candidate.rsplit("/", 1)[-1] else candidate):
                if key in self.refs:
                    return "/" + self.refs[key]
        base = target.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        found = self.refs.get("~" + base)
        return "/" + found if found else None


_NO_DATE = object()  # a date field that does not parse: the post is skipped


def _keys(value: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    keys = string_list(value)
    return tuple(k.lower() for k in keys) if keys else default


def _stem(name: str, languages: set[str]) -> tuple[str, str | None]:
    """``post.fr.md`` → (``post``, ``fr``) when ``fr`` is a configured language; else (``post.fr``, None)."""
    stem = name.rsplit(".", 1)[0]
    base, dot, language = stem.rpartition(".")
    if dot and language.lower() in languages:
        return base, language.lower()
    return stem, None


def _permalink_rules(value: Any) -> list[tuple[str, str, str]]:
    """``[permalinks]`` as (kind, path glob, pattern) rules, most specific section first."""
    rules: list[tuple[str, str, str]] = []
    if isinstance(value, dict):
        legacy: list[tuple[str, str, str]] = []
        for key, pattern in value.items():
            if isinstance(pattern, str):
                legacy.append(("page", _section_glob(key), pattern))
            elif isinstance(pattern, dict) and key == "page":
                legacy.extend(("page", _section_glob(k), p) for k, p in pattern.items() if isinstance(p, str))
        rules = sorted(legacy, key=lambda rule: -len(rule[1]))
    elif isinstance(value, list):
        for entry in value:
            if not isinstance(entry, dict) or not isinstance(entry.get("pattern"), str):
                continue
            target = entry.get("target") if isinstance(entry.get("target"), dict) else {}
            assert isinstance(target, dict)
            rules.append((str(target.get("kind", "")).lower(), str(target.get("path", "**")).lower(), entry["pattern"]))
    return rules


def _section_glob(section: str) -> str:
    section = section.strip(" /").lower()
    return "/*" if not section else "/{" + section + "," + section + "/**}"


def _glob_match(glob: str, path: str) -> bool:
    """Hugo's path globs: ``{a,b}`` alternatives and ``**`` across folders."""
    alternatives = [glob]
    braces = re.search(r"\{([^{}]*)\}", glob)
    if braces:
        alternatives = [glob[: braces.start()] + part + glob[braces.end() :] for part in braces.group(1).split(",")]
        return any(_glob_match(a, path) for a in alternatives)
    pattern = re.escape(glob).replace(r"\*\*", ".*").replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
    return re.fullmatch(pattern, path) is not None or (glob.endswith("/**") and path == glob[:-3])


def _slice(items: list[str], cut: str) -> list[str]:
    """Hugo's ``[low:high]``, ``[n]`` and ``[last]`` cuts of a section path."""
    cut = cut.strip().lower()
    if not cut:
        return items
    if len(cut) < 3 or cut[0] != "[" or cut[-1] != "]":
        return []
    inner = cut[1:-1]

    def index(text: str, low: bool) -> int:
        if text == "":
            return 0 if low else len(items)
        if text == "last":
            return len(items) - 1
        number = max(0, int(text)) if text.lstrip("-").isdigit() else 0
        if number >= len(items):
            return -1 if low else len(items)
        return number

    if ":" not in inner:
        if not items:
            return []
        n = index(inner, True)
        return [] if n < 0 else [items[n]]
    low, _, high = inner.partition(":")
    a, b = index(low, True), index(high, False)
    return [] if a < 0 or b < 0 else items[a:b]


__all__ = ["HugoReadError", "HugoSite", "looks_like_hugo", "read_hugo"]
