"""Saved web pages (``.html``) → drafts, offline.

Metadata comes from the page's own tags (Open Graph, ``article:*``, JSON-LD,
``<link rel=canonical>``, ``<time datetime>``), read with lxml; the main text
comes from trafilatura, which drops navigation, ads, cookie banners,
newsletter prompts, "read more" lists and footers. Nothing is fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from ..dates import DateValue, read_iso_date
from ..sanitize import neutralise_markdown
from .from_text import parse_full_date
from .write import Draft, ImportFailure, web_url

MIN_WORDS = 10
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
_TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " · ")


@dataclass
class PageMeta:
    """What a page's tags say about its article."""

    title: str | None = None
    date: DateValue | None = None
    author: str | None = None
    url: str | None = None
    site_name: str | None = None


def parse_html(html: str) -> Draft:
    """Return the draft of a saved article page; its ``date`` is None when the page states none.

    Raises :class:`ImportFailure` when the page has no title or no article text.
    """
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        raise ImportFailure("the file is empty")
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise ImportFailure(f"not a readable HTML page: {exc}") from None
    meta = page_meta(tree)
    # as_dict=False (the default) gives a Document; the signature also allows a dict.
    extracted = cast("Document | None", trafilatura.bare_extraction(html, with_metadata=True, include_comments=False))
    if meta.title is None and extracted is not None and extracted.title:
        meta.title = strip_site_suffix(extracted.title, meta.site_name or extracted.sitename)
    if meta.title is None:
        raise ImportFailure("no title found in the page (no og:title, headline or <title>)")
    if extracted is not None:
        meta.author = meta.author or _clean(extracted.author)
        meta.site_name = meta.site_name or _clean(extracted.sitename)
        meta.url = meta.url or web_url(extracted.url)
        if meta.date is None and extracted.date:
            meta.date = _parse_date(extracted.date)
    body = main_text(html, meta.title)
    if len(body.split()) < MIN_WORDS:  # what is left of a page of menus is not an article
        raise ImportFailure("no article text found in the page")
    return Draft(
        title=meta.title,
        date=meta.date,
        body=body,
        source=meta.site_name,
        source_url=meta.url,
        author=meta.author,
    )


def main_text(html: str, title: str) -> str:
    """Return the article text as Markdown without boilerplate (and without a heading repeating the title)."""
    markdown = trafilatura.extract(
        html,
        output_format="markdown",
        include_links=False,  # relative links would break once the page is moved into the site
        include_images=False,
        include_comments=False,
        include_tables=True,
        include_formatting=True,
        with_metadata=False,
    )
    if not markdown:
        return ""
    lines = markdown.strip().splitlines()
    if lines and lines[0].lstrip("# ").strip() == title.strip():
        lines = lines[1:]
    text = "\n".join(line.replace("<", "&lt;") for line in lines)
    return neutralise_markdown(re.sub(r"\n{3,}", "\n\n", text).strip())  # no javascript: link, no onclick


def page_meta(tree: lxml.html.HtmlElement) -> PageMeta:
    """Return the metadata the page's tags state, each field None when absent."""
    metas = _meta_values(tree)
    ld = list(_json_ld_articles(tree))
    site_name = _first(
        metas.get("og:site_name"), *(_ld_name(item.get("publisher")) for item in ld), metas.get("application-name")
    )
    raw_title = _first(
        metas.get("og:title"),
        *(item.get("headline") for item in ld),
        metas.get("twitter:title"),
        _text_of(tree.find(".//h1")),
        _text_of(tree.find(".//title")),
    )
    title = strip_site_suffix(raw_title, site_name) if raw_title else None
    date_text = _first(
        *(metas.get(name) for name in _DATE_META),
        *(item.get("datePublished") for item in ld),
        *(t.get("datetime") for t in tree.iter("time")),
    )
    author = _first(
        *(m for name in _AUTHOR_META if (m := metas.get(name)) and not web_url(m)),
        *(_ld_name(item.get("author")) for item in ld),
    )
    canonical = next(
        (
            web_url(link.get("href"))
            for link in tree.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
        ),
        None,
    )
    url = canonical or web_url(metas.get("og:url")) or _first(*(web_url(item.get("url")) for item in ld))
    return PageMeta(
        title=title, date=_parse_date(date_text) if date_text else None, author=author, url=url, site_name=site_name
    )


def strip_site_suffix(title: str, site_name: str | None) -> str:
    """Return the title without a trailing `` | Outlet`` (or `` - Outlet`` when it is the site name)."""
    title = " ".join(title.split())
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if not found or not head.strip():
            continue
        if site_name and tail.strip().casefold() == site_name.strip().casefold():
            return head.strip()
        if separator == " | " and len(tail.split()) <= 4:
            return head.strip()
    return title


def _parse_date(text: str) -> DateValue | None:
    return read_iso_date(text) or parse_full_date(text)


def _meta_values(tree: lxml.html.HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = _clean(meta.get("content"))
        if key and content and key not in values:
            values[key] = content
    return values


def _json_ld_articles(tree: lxml.html.HtmlElement) -> Iterator[dict]:
    """Yield the JSON-LD objects that describe an article (``NewsArticle``, ``Article``…)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        yield from (item for item in _walk(data) if "Article" in str(item.get("@type", "")) or "headline" in item)


def _walk(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        yield from _walk(data.get("@graph", []))


def _ld_name(value: object) -> str | None:
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, dict):
        return _clean(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _text_of(element: lxml.html.HtmlElement | None) -> str | None:
    return _clean(element.text_content()) if element is not None else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _first(*values: object) -> str | None:
    return next((v for v in (_clean(x) for x in values) if v), None)
