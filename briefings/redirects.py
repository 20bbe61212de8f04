"""Redirect pages: an article's old URLs (``aliases:``) lead to its page, so no reader loses a link.

A site moved from another generator (``briefings import --from …``) keeps each
post's old address in ``aliases:``. The build writes a small HTML page at each
one: a ``<meta http-equiv="refresh">`` to the article (a relative link, so it works
under any sub-path), a canonical link with ``site_url``, ``noindex`` so search
engines index the article rather than the stub, and a plain link for readers
without automatic redirects. Static hosts such as GitHub Pages cannot send real
HTTP redirects, so this is what Jekyll's ``jekyll-redirect-from``, Hugo's aliases
and ``mkdocs-redirects`` write too.

Which file an old URL needs, the way a static host looks it up:

* ``blog/old-post/`` (ends in ``/``) → ``blog/old-post/index.html``;
* ``2019/03/05/old-post.html`` (has an extension) → that file;
* ``old-post`` (neither) → ``old-post.html``: GitHub Pages serves ``/old-post`` from it.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable
from html import escape
from pathlib import Path
from urllib.parse import unquote

from . import urls
from .i18n import messages_for
from .model import Article, Problem


def alias_file(alias: str) -> str:
    """The file (from the site root) that answers the old URL ``alias``.

    The URL is percent-decoded: a static host looks ``/transport%20news/`` up as the
    folder ``transport news/``.
    """
    path = unquote(alias)
    if path.endswith("/"):
        return f"{path}index.html"
    if posixpath.splitext(path.rsplit("/", 1)[-1])[1]:
        return path
    return f"{path}.html"


def alias_collisions(articles: Iterable[Article]) -> list[Problem]:
    """Old URLs that would overwrite an article page or another article's old URL: an error for each."""
    articles = list(articles)
    if not any(article.aliases for article in articles):
        return []  # nearly every site: no index of 20,000 article pages to build on every load
    owners: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        owners[f"{article.url}index.html"].append(article)
        for alias in article.aliases:
            if article not in owners[alias_file(alias)]:
                owners[alias_file(alias)].append(article)
    problems: list[Problem] = []
    for file, clashing in owners.items():
        if len(clashing) < 2:
            continue
        for article in clashing:
            if not any(alias_file(a) == file for a in article.aliases):
                continue  # the article whose own page is there is told by the others' messages
            others = ", ".join(o.path for o in clashing if o is not article)
            problems.append(
                Problem(
                    article.path,
                    article.field_lines.get("aliases", article.line),
                    "error",
                    f"field 'aliases': the old URL for /{file} is also claimed by {others}",
                    "aliases",
                )
            )
    return problems


def redirect_page(alias: str, article: Article, site_url: str | None, language: str) -> str:
    """The HTML of the page at ``alias`` that sends the reader on to ``article``."""
    folder = posixpath.dirname(alias_file(alias))
    target = urls.relative(article.url, f"{folder}/" if folder else urls.HOME)
    canonical = urls.absolute(site_url, article.url) if site_url else None
    title = escape(article.title)
    link = f'<a href="{escape(target)}">{title}</a>'
    moved = messages_for(language).gettext("This article has moved to %(link)s.", link=link)  # in the site's language
    return "\n".join(
        [
            "<!doctype html>",
            f'<html lang="{escape(language)}">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{title}</title>",
            '<meta name="robots" content="noindex">',
            *([f'<link rel="canonical" href="{escape(canonical)}">'] if canonical else []),
            f'<meta http-equiv="refresh" content="0; url={escape(target)}">',
            "</head>",
            "<body>",
            f"<p>{moved}</p>",
            "</body>",
            "</html>",
            "",
        ]
    )


def redirect_pages(articles: Iterable[Article], site_url: str | None, language: str) -> dict[str, str]:
    """Every redirect page of the site: file (from the site root) → HTML."""
    return {
        alias_file(alias): redirect_page(alias, article, site_url, language)
        for article in articles
        for alias in article.aliases
    }


def write_redirects(site_dir: Path, pages: dict[str, str]) -> None:
    """Write the redirect pages into the built site (a file already there is a page of the site: kept)."""
    for file, html in sorted(pages.items()):
        target = site_dir / file
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
