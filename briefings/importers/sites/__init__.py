"""Other generators' sites → article drafts: ``briefings import --from jekyll|hugo|mkdocs-blog DIR``.

:func:`detect_site` tells which generator a folder was made for;
:func:`read_site` reads its posts into :class:`OldPost` values, each a draft
with the URL the old site served it at (for the redirect pages), its
categories (for the topic) and the warnings met on the way. One reader per
generator: :mod:`.jekyll`, :mod:`.hugo`, :mod:`.mkdocs_blog`; their bodies go
through :mod:`.liquid` (Jekyll), :mod:`.shortcodes` (Hugo) and
:mod:`.markdown` (what reads differently in Python-Markdown). Slug and date
rules of each generator are in :mod:`.slugs`.

The migration itself (topics, duplicates, assets, links, files, the report) is
:mod:`briefings.app.migrate`. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .common import KIND_NAMES, KINDS, OldPost, OldSite, PostWarning, SiteKind, SiteReadError
from .hugo import looks_like_hugo, read_hugo
from .jekyll import looks_like_jekyll, read_jekyll
from .mkdocs_blog import looks_like_mkdocs_blog, read_mkdocs_blog


def detect_site(folder: Path) -> SiteKind | None:
    """The generator ``folder`` holds a site of, or None (not a folder, or no site recognised).

    Jekyll: ``_config.yml`` or ``_posts/``; Hugo: a config file (``hugo.toml``,
    ``config.toml``…) and ``content/``; Material blog: ``mkdocs.yml`` with the
    ``blog`` plugin, or ``docs/blog/posts/``. A Briefings site (``mkdocs.yml``
    without the blog plugin) is none of them.
    """
    if not folder.is_dir():
        return None
    if looks_like_mkdocs_blog(folder):
        return "mkdocs-blog"
    if looks_like_hugo(folder):
        return "hugo"
    if looks_like_jekyll(folder):
        return "jekyll"
    return None


def read_site(folder: Path, kind: SiteKind, extensions: frozenset[str], now: dt.datetime | None = None) -> OldSite:
    """Read the posts of the ``kind`` site in ``folder``; ``extensions`` are the new site's Markdown extensions.

    Raises :class:`SiteReadError` when the site cannot be read at all; a post
    that cannot be read is an :class:`OldPost` with its reason.
    """
    if not folder.is_dir():
        raise SiteReadError(f"{folder}: no such folder")
    if kind == "jekyll":
        return read_jekyll(folder, extensions)
    if kind == "hugo":
        return read_hugo(folder, extensions, now)
    return read_mkdocs_blog(folder, extensions)


__all__ = [
    "KINDS",
    "KIND_NAMES",
    "OldPost",
    "OldSite",
    "PostWarning",
    "SiteKind",
    "SiteReadError",
    "detect_site",
    "read_site",
]
