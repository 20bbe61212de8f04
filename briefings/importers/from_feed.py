"""RSS 2.0 and Atom files → one draft per entry (feedparser, from the file: nothing is fetched).

Besides the text, each entry keeps what feeds say about it: its categories as
``tags`` (:func:`clean_tags`, which saved pages use too) and its picture as
``image``/``image_alt`` (:func:`entry_image`): a Media RSS ``media:content`` or
``media:thumbnail``, an image enclosure, else the first picture of its HTML.

feedparser reads a Media RSS ``<media:description>`` (a photo caption) as the
entry's own summary or content (kurtmckee/feedparser#53), so a newspaper's feed
gave articles whose text was the caption of their photo. Those descriptions are
read first, with lxml, and removed from what feedparser sees
(:func:`separate_media_text`): each one describes its picture instead.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import feedparser
import lxml.html
from lxml import etree

from .. import fields
from ..dates import DateValue, read_iso_date
from ..limits import SUMMARY_MAX, TAGS_MAX
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

#: The limit of ``image_alt`` (the validator's, :data:`briefings.limits.TEXT_LIMITS`): a longer
#: description is cut at a word boundary.
IMAGE_ALT_MAX = SUMMARY_MAX
#: What the import report says when the title stands in for a missing picture description.
ALT_FROM_TITLE = "image_alt: the {where} describes no image; the title is used"

# --- tags ------------------------------------------------------------------------------------

#: WordPress's name for "no category" in the languages of its most common installations:
#: it says the post has no category, so it is no tag.
NO_CATEGORY = frozenset(
    {
        "uncategorized",
        "uncategorised",
        "non classé",
        "allgemein",
        "sin categoría",
        "senza categoria",
        "sem categoria",
        "geen categorie",
        "bez kategorii",
    }
)
#: Separators of a category path whatever surrounds them: "News > Politics", "Arts » Cinema", "a::b", "a | b".
_PATH_SEPARATOR = re.compile(r"\s+(?:>|»|›|\|)\s+|\s*(?:::|\\)\s*")
#: A URI written as a category term (Atom's ``term`` may be one): not a name.
_URI = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|urn:|tag:)", re.IGNORECASE)


def clean_tags(values: Iterable[str]) -> list[str]:
    """Return categories and keywords as an article's tags: what :func:`briefings.fields.tags` accepts.

    Each value is read as a category path and its most specific part is kept
    (:func:`category_leaf`: "World/Europe" → "Europe"), whitespace collapsed and a
    hashtag's ``#`` dropped. Left out: WordPress's "Uncategorized"
    (:data:`NO_CATEGORY`), values with no letter or digit, values over the
    60-character limit of a tag, and repeats (compared case-insensitively, as the
    site compares tags; the first spelling is kept). At most 15 tags
    (:data:`~briefings.limits.TAGS_MAX`), the first ones given.
    """
    kept: list[str] = []
    seen: set[str] = set()
    for value in values:
        tag = category_leaf(value)
        if not tag or tag.casefold() in NO_CATEGORY or tag.casefold() in seen:
            continue
        accepted, errors = fields.tags([tag])
        if errors or not accepted:  # too long, a control character, nothing to make a URL from
            continue
        seen.add(tag.casefold())
        kept.append(accepted[0])
        if len(kept) == TAGS_MAX:
            break
    return kept


def category_leaf(value: str) -> str:
    """Return the most specific part of a category path, ``""`` for a URI.

    "News > Politics", "Arts » Cinema", "a::b", "a | b" and "World/Europe" are
    paths: the entry is filed under the last part, and the parts before it are
    sections (which the site's topics already are). A ``/`` separates parts only
    when each side has a letter, so "9/11" stays whole (but "AC/DC" gives "DC").
    """
    text = " ".join((html_to_text(value) if "<" in value else value).split())  # markup is no part of a name
    if _URI.match(text):
        return ""
    parts = [part for part in _PATH_SEPARATOR.split(text) if part.strip()]
    text = parts[-1] if parts else ""
    slashed = [part.strip() for part in text.split("/")]
    if len(slashed) > 1 and all(any(character.isalpha() for character in part) for part in slashed):
        text = slashed[-1]
    return text.strip().lstrip("#").strip()


def entry_tags(entry: feedparser.FeedParserDict) -> list[str]:
    """Return the entry's tags: its RSS ``<category>``, Atom ``<category>`` (label, else term), ``dc:subject``
    and ``media:keywords`` (feedparser gathers them all as ``entry.tags``), cleaned by :func:`clean_tags`."""
    names = []
    for tag in entry.get("tags") or []:
        label, term = tag.get("label"), tag.get("term")
        names.append(html.unescape(label or term or ""))
    return clean_tags(names)


# --- images ----------------------------------------------------------------------------------

_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
_NOT_IMAGE_EXTENSIONS = (".mp4", ".m4v", ".mov", ".webm", ".mp3", ".m4a", ".ogg", ".wav", ".m3u8", ".pdf")
#: Characters an address may not hold as written in a Markdown link or a front matter URL
#: (:func:`briefings.fields.web_url`): written percent-encoded instead.
_NOT_IN_ADDRESS = re.compile("[\\s\"'<>`\\\\()\x00-\x1f\x7f-\x9f]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass
class FoundImage:
    """A picture an entry or page names, and what describes it (None: nothing does)."""

    url: str
    alt: str | None = None

    def give_to(self, draft: Draft, where: str) -> None:
        """Set the draft's ``image`` and ``image_alt``; with nothing describing the picture, the title, noted."""
        draft.image, draft.image_alt = self.url, self.alt
        if not self.alt:
            draft.image_alt = alt_text(draft.title)
            draft.notes.append(ALT_FROM_TITLE.format(where=where))


def image_address(raw: object, base: str | None) -> str | None:
    """Return a picture's address as the ``image`` field takes it, an https URL, else None.

    A relative or protocol-relative address is resolved against ``base`` (the
    address of the page or entry); ``http`` is upgraded to ``https``, because the
    field takes https only and news sites serve their pictures both ways.
    Anything else (``data:``, a file saved next to the page, a relative address
    without a base) cannot be published and gives None.
    """
    address = absolute_address(raw, base)
    if address is None:
        return None
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https"):
        return None
    address = urlunsplit(("https", *parts[1:]))
    return address if web_url(address) else None


def absolute_address(raw: object, base: str | None) -> str | None:
    """Return ``raw`` made absolute against ``base`` and safe to write in Markdown or YAML, else None.

    Spaces, quotes, angle brackets and parentheses are percent-encoded (a link
    written with them would end early); an address that stays relative is None.
    """
    if not isinstance(raw, str) or not raw.strip():
        return None
    address = raw.strip()
    try:
        if address.startswith("//"):
            address = "https:" + address
        elif not _SCHEME.match(address):
            if not base:
                return None
            address = urljoin(base, address)
    except ValueError:  # a malformed address (an unclosed IPv6 bracket)
        return None
    if not _SCHEME.match(address):
        return None
    return _NOT_IN_ADDRESS.sub(lambda found: "".join(f"%{byte:02X}" for byte in found.group().encode()), address)


def alt_text(raw: object) -> str | None:
    """Return a picture description as ``image_alt`` takes it: one line of text, within its limit."""
    if not isinstance(raw, str):
        return None
    text = " ".join("".join(c if c.isprintable() else " " for c in raw).split())
    if len(text) > IMAGE_ALT_MAX:
        cut = text[: IMAGE_ALT_MAX - 1]
        text = (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,;:") + "…"
    return text or None


def is_image_file(url: str) -> bool | None:
    """True when the address ends like a picture, False like a video, sound or document, else None."""
    path = unquote(urlsplit(url).path).lower()
    if path.endswith(_IMAGE_EXTENSIONS):
        return True
    if path.endswith(_NOT_IMAGE_EXTENSIONS):
        return False
    return None


def _width(media: dict) -> int:
    try:
        return int(str(media.get("width") or "0").strip())
    except ValueError:
        return 0


def _is_image(media: dict, url: str) -> bool:
    """Whether a ``media:content`` is a picture: its ``medium``, else its ``type``, else its file name."""
    medium = (media.get("medium") or "").strip().lower()
    kind = (media.get("type") or "").strip().lower()
    if medium:
        return medium == "image"
    if kind:
        return kind.startswith("image/")
    return is_image_file(url) is not False


@dataclass
class MediaText:
    """The Media RSS descriptions of one entry, read apart from feedparser (see :func:`separate_media_text`)."""

    by_url: dict[str, str] = field(default_factory=dict)  # a media:content's url → its description (else title)
    general: str | None = None  # a description of the entry's media as a whole (item or media:group level)


def entry_image(entry: feedparser.FeedParserDict, media: MediaText, base: str | None) -> FoundImage | None:
    """Return the entry's picture and its description, or None when it gives none that can be published.

    In order: the widest picture among its ``media:content`` (feeds often list
    a thumbnail and a large version), an image enclosure (RSS ``<enclosure>``,
    Atom ``<link rel="enclosure">``), a ``media:thumbnail``, then the first
    picture of its HTML that is not a tracking pixel. A relative address is
    resolved against the entry's link. The description is the picture's own
    (``media:description``/``media:title``, the enclosure link's ``title``, the
    ``<img>``'s ``alt``), else a description of the entry's media as a whole.
    """
    for candidate in _image_candidates(entry, media):
        address = image_address(candidate.url, base)
        if address is not None:
            return FoundImage(address, alt_text(candidate.alt))
    return None


def _image_candidates(entry: feedparser.FeedParserDict, media: MediaText) -> Iterator[FoundImage]:
    """The entry's pictures in the order :func:`entry_image` prefers them; its HTML is parsed only if needed."""
    contents = [m for m in entry.get("media_content") or [] if m.get("url") and _is_image(m, m["url"])]
    for picture in sorted(contents, key=_width, reverse=True):  # stable: equal widths keep the feed's order
        yield FoundImage(picture["url"], media.by_url.get(picture["url"]) or media.general)
    for link in entry.get("links") or []:
        if link.get("rel") == "enclosure" and (link.get("type") or "").lower().startswith("image/"):
            yield FoundImage(link.get("href", ""), link.get("title") or media.general)
    for thumbnail in entry.get("media_thumbnail") or []:
        if thumbnail.get("url"):
            yield FoundImage(thumbnail["url"], media.by_url.get(thumbnail["url"]) or media.general)
    for value in _entry_html(entry):
        yield from html_images(value)


def _entry_html(entry: feedparser.FeedParserDict) -> Iterator[str]:
    for content in entry.get("content") or []:
        if "html" in (content.get("type") or "") and content.get("value"):
            yield content["value"]
    if "html" in ((entry.get("summary_detail") or {}).get("type") or "") and entry.get("summary"):
        yield entry["summary"]


def html_images(markup: str) -> list[FoundImage]:
    """Return the pictures of an HTML fragment with their ``alt``, tracking pixels (1×1) left out."""
    if "<img" not in markup.lower():
        return []
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    found = []
    for image in root.iter("img"):
        if any(_width({"width": image.get(size)}) in (1, 2) for size in ("width", "height")):
            continue
        source = image.get("src") or image.get("data-src")
        if source:
            found.append(FoundImage(source, image.get("alt")))
    return found


# --- Media RSS text, read before feedparser --------------------------------------------------

#: Media RSS, and the same without its final slash (older feeds; feedparser reads both).
_MRSS_NAMESPACES = ("http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss")
_MEDIA_TEXTS = tuple(f"{{{namespace}}}{name}" for namespace in _MRSS_NAMESPACES for name in ("description", "title"))
_MEDIA_CONTENTS = frozenset(f"{{{namespace}}}content" for namespace in _MRSS_NAMESPACES)
_ENTRY_TAGS = ("item", "{http://purl.org/rss/1.0/}item", "{http://www.w3.org/2005/Atom}entry")


def separate_media_text(data: bytes) -> tuple[bytes, list[MediaText] | None]:
    """Return the feed without its Media RSS descriptions, and those descriptions entry by entry.

    feedparser reads ``<media:description>`` (and a ``<media:title>`` inside
    ``<media:content>``) as the entry's own summary, content or title
    (kurtmckee/feedparser#53). Read here with lxml and removed, they describe
    the pictures instead. A feed that is not well-formed XML is returned as it
    is, with None: feedparser's lenient parser reads it as before.
    """
    if _MRSS_NAMESPACES[1].encode() not in data:
        return data, None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return data, None
    texts: list[MediaText] = []
    removed = False
    for entry in root.iter(*_ENTRY_TAGS):
        media = MediaText()
        for element in list(entry.iter(*_MEDIA_TEXTS)):
            parent = element.getparent()
            is_title = etree.QName(element).localname == "title"
            if parent is None or (is_title and parent.tag not in _MEDIA_CONTENTS):
                continue  # an entry's own media:title may be the only title it has: feedparser keeps it
            text = _media_text(element)
            if parent.tag in _MEDIA_CONTENTS and parent.get("url") and text:
                if not is_title or parent.get("url") not in media.by_url:
                    media.by_url[parent.get("url", "")] = text
            elif text and media.general is None:
                media.general = text
            parent.remove(element)
            removed = True
        texts.append(media)
    if not removed:
        return data, texts
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8"), texts


def _media_text(element: etree._Element) -> str | None:
    text = "".join(element.itertext())
    if (element.get("type") or "").lower() == "html":
        return html_to_text(text) or None
    return " ".join(text.split()) or None


# --- feeds and entries -----------------------------------------------------------------------


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
    """Return the feed's source name and its entries as drafts (dates may be None when an entry has none).

    Raises :class:`ImportFailure` when the bytes are not a feed or it has no entries.
    """
    readable, media_texts = separate_media_text(data)
    parsed = feedparser.parse(readable, sanitize_html=True, resolve_relative_uris=False)
    reason = _bozo_reason(parsed)
    if parsed.bozo and not parsed.entries:
        raise ImportFailure(f"not a valid RSS or Atom feed: {reason}")
    if not parsed.get("version") and not parsed.entries:
        raise ImportFailure("not an RSS or Atom feed")
    if not parsed.entries:
        raise ImportFailure("the feed has no entries")
    if media_texts is not None and len(media_texts) != len(parsed.entries):
        media_texts = None  # cannot tell which description is whose
    feed_title = feed_source(html_to_text(parsed.feed.get("title", "")))
    entries = []
    for number, entry in enumerate(parsed.entries, start=1):
        media = media_texts[number - 1] if media_texts is not None else MediaText()
        try:
            entries.append(FeedEntry(number, entry_draft(entry, feed_title, media)))
        except ImportFailure as exc:
            entries.append(FeedEntry(number, None, str(exc)))
    if parsed.bozo and not any(entry.draft for entry in entries):  # salvaged nothing from broken XML
        raise ImportFailure(f"not a valid RSS or Atom feed: {reason}")
    return feed_title, entries


def feed_source(title: str) -> str | None:
    """Return the outlet a feed's title names: "The Harbour Times > World" is The Harbour Times' feed of a section."""
    outlet = title.split(" > ")[0].strip()
    return outlet or None


def _bozo_reason(parsed: feedparser.FeedParserDict) -> str:
    error = parsed.get("bozo_exception")
    if error is None:
        return "unreadable"
    message = error.getMessage() if hasattr(error, "getMessage") else str(error)
    line = error.getLineNumber() if hasattr(error, "getLineNumber") else None
    return f"{message} (line {line})" if line else message


def entry_draft(entry: feedparser.FeedParserDict, feed_title: str | None, media: MediaText | None = None) -> Draft:
    """Return the draft of one entry: plain-text title and body, link or permalink guid, dated with its offset,
    its categories as tags and its picture."""
    media = media or MediaText()
    title = " ".join(_paragraphs(entry.get("title", ""), entry.get("title_detail")))
    if not title:
        raise ImportFailure("the entry has no title")
    summary = _paragraphs(entry.get("summary", ""), entry.get("summary_detail"))
    contents = [c for c in entry.get("content", []) if c.get("value")]
    content = _drop_wordpress_footer(_paragraphs(contents[0]["value"], contents[0])) if contents else []
    if not summary and not content and media.general:
        # the only text the entry has is a description of its media as a whole: that is its summary
        summary, media.general = [media.general], None
    body = content or summary
    summary_text = " ".join(summary) if content and summary and not _is_excerpt(summary, content) else None
    author = html_to_text(entry.get("author", "")) or None
    link = entry_link(entry)
    date = entry_date(entry)
    draft = Draft(
        title=title,
        date=date,
        body=plain_to_markdown(body),
        source=feed_title,
        source_url=link,
        author=author,
        summary=summary_text,
        tags=entry_tags(entry),
        date_origin="the feed entry" if date is not None else None,
    )
    image = entry_image(entry, media, link)
    if image is not None:
        image.give_to(draft, "feed")
    return draft


#: Marks of a cut excerpt: WordPress's "[…]", an ellipsis, "Continue reading".
_EXCERPT_END = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.|continue reading\W*|read more\W*)\s*$", re.IGNORECASE)
#: The line WordPress appends to each post of its feeds: "The post X appeared first on Site."
_WORDPRESS_FOOTER = re.compile(r"^The post .+ appeared first on .+\.$", re.DOTALL)


def _is_excerpt(summary: list[str], content: list[str]) -> bool:
    """Whether the summary is only the start of the content (perhaps cut, with "[…]"): nothing to add."""
    start = _EXCERPT_END.sub("", " ".join(summary)).casefold()
    start = " ".join(start.split()).rstrip(" .,;:")
    return " ".join(" ".join(content).casefold().split()).startswith(start)


def _drop_wordpress_footer(paragraphs: list[str]) -> list[str]:
    if paragraphs and _WORDPRESS_FOOTER.match(paragraphs[-1]):
        return paragraphs[:-1]
    return paragraphs


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
