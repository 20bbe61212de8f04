"""RSS 2.0 and Atom files → one draft per entry (feedparser, from the file: nothing is fetched)."""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
from dataclasses import dataclass

import feedparser
import lxml.html
from lxml import etree

from ..dates import DateValue, read_iso_date
from .from_text import parse_full_date
from .write import Draft, ImportFailure, plain_to_markdown, web_url

_BLOCKS = {
    "br",
    "p",
    "div",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "tr",
    "section",
    "article",
    "figcaption",
}


@dataclass
class FeedEntry:
    """One entry of a feed: its draft, or why it cannot be imported."""

    number: int  # 1-based position in the feed
    draft: Draft | None
    error: str | None = None


def looks_like_feed(data: bytes) -> bool:
    """Return True when the bytes start like an RSS, RDF or Atom document."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
    while head.startswith(b"<!--"):
        head = head[head.find(b"-->") + 3 :].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<?xml-stylesheet"))


def parse_feed(data: bytes) -> tuple[str | None, list[FeedEntry]]:
    """Return the feed's title and its entries as drafts (dates may be None when an entry has none).

    Raises :class:`ImportFailure` when the bytes are not a feed or it has no entries.
    """
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    reason = _bozo_reason(parsed)
    if parsed.bozo and not parsed.entries:
        raise ImportFailure(f"not a valid RSS or Atom feed: {reason}")
    if not parsed.get("version") and not parsed.entries:
        raise ImportFailure("not an RSS or Atom feed")
    if not parsed.entries:
        raise ImportFailure("the feed has no entries")
    feed_title = html_to_text(parsed.feed.get("title", "")) or None
    entries = []
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            entries.append(FeedEntry(number, entry_draft(entry, feed_title)))
        except ImportFailure as exc:
            entries.append(FeedEntry(number, None, str(exc)))
    if parsed.bozo and not any(entry.draft for entry in entries):  # salvaged nothing from broken XML
        raise ImportFailure(f"not a valid RSS or Atom feed: {reason}")
    return feed_title, entries


def _bozo_reason(parsed: feedparser.FeedParserDict) -> str:
    error = parsed.get("bozo_exception")
    if error is None:
        return "unreadable"
    message = error.getMessage() if hasattr(error, "getMessage") else str(error)
    line = error.getLineNumber() if hasattr(error, "getLineNumber") else None
    return f"{message} (line {line})" if line else message


def entry_draft(entry: feedparser.FeedParserDict, feed_title: str | None) -> Draft:
    """Return the draft of one entry: plain-text title and body, link or permalink guid, dated with its offset."""
    title = " ".join(_paragraphs(entry.get("title", ""), entry.get("title_detail")))
    if not title:
        raise ImportFailure("the entry has no title")
    summary = _paragraphs(entry.get("summary", ""), entry.get("summary_detail"))
    contents = [c for c in entry.get("content", []) if c.get("value")]
    content = _paragraphs(contents[0]["value"], contents[0]) if contents else []
    body = content or summary
    summary_text = " ".join(summary) if content and summary and summary != content[: len(summary)] else None
    author = html_to_text(entry.get("author", "")) or None
    return Draft(
        title=title,
        date=entry_date(entry),
        body=plain_to_markdown(body),
        source=feed_title,
        source_url=entry_link(entry),
        author=author,
        summary=summary_text,
    )


def entry_link(entry: feedparser.FeedParserDict) -> str | None:
    """Return the entry's web address: its link, else a permalink ``guid``/``id``; None when neither is http(s)."""
    link = web_url(entry.get("link"))  # feedparser puts a permalink guid here when there is no <link>
    if link:
        return link
    for candidate in entry.get("links", []):
        if candidate.get("rel", "alternate") == "alternate" and web_url(candidate.get("href")):
            return web_url(candidate.get("href"))
    if entry.get("guidislink"):
        return web_url(entry.get("id"))
    return None


def entry_date(entry: feedparser.FeedParserDict) -> DateValue | None:
    """Return the entry's publication (else update) date with the offset written in the feed."""
    for key in ("published", "updated", "created", "dc_date"):
        raw = entry.get(key)
        if raw:
            parsed = parse_feed_date(raw)
            if parsed is not None:
                return parsed
    for key in ("published_parsed", "updated_parsed"):  # feedparser's own reading, in UTC
        value = entry.get(key)
        if value:
            year, month, day, hour, minute, second = value[:6]
            return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
    return None


def parse_feed_date(raw: str) -> DateValue | None:
    """Return an RFC 822 (RSS) or RFC 3339 (Atom) date, keeping its offset; None when unreadable."""
    text = raw.strip()
    iso = read_iso_date(text)
    if iso is not None:
        return iso
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is not None:
        # RFC 822 "-0000" means "offset unknown": take it as UTC
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return parse_full_date(text)


def _paragraphs(value: str, detail: dict | None) -> list[str]:
    """Return a feed text construct as plain paragraphs, reading it as HTML only when its type says so."""
    kind = (detail or {}).get("type", "text/html")
    if "html" in kind:
        return html_to_paragraphs(value)
    return [p for p in (" ".join(part.split()) for part in re.split(r"\n\s*\n", value or "")) if p]


def html_to_paragraphs(markup: str) -> list[str]:
    """Return the text of an HTML fragment as paragraphs (blocks and ``<br>`` split them).

    Entities are decoded and tags dropped.
    """
    if not markup or not markup.strip():
        return []
    if "<" not in markup:
        lines = [" ".join(html.unescape(part).split()) for part in re.split(r"\n\s*\n", markup)]
        return [line for line in lines if line]
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return [" ".join(re.sub(r"<[^>]+>", " ", markup).split())]
    for junk in root.xpath(".//script|.//style"):
        junk.drop_tree()
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            paragraphs.append(text)
        current.clear()

    def visit(element: etree._Element) -> None:
        block = isinstance(element.tag, str) and element.tag.lower() in _BLOCKS
        if block:
            flush()
        if element.text and isinstance(element.tag, str):
            current.append(element.text)
        for child in element:
            visit(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    visit(root)
    flush()
    return paragraphs


def html_to_text(markup: str) -> str:
    """Return an HTML (or plain text) fragment as one line of plain text."""
    return " ".join(html_to_paragraphs(markup))
