"""Saved web pages (``.html``) → drafts, offline.

trafilatura reads the page once (:func:`trafilatura.bare_extraction` with its
metadata): the main text as Markdown, with its links, without navigation, ads,
cookie banners, newsletter prompts, related-article lists, comments and
footers; and the title, author, site name, address, tags and categories.

Read here by hand, each where trafilatura has nothing or gets it wrong
(:func:`page_facts` says which and why): the publication time with its offset,
the canonical address, ``og:site_name``, the picture with its description, and
the address the page was saved from. Links are made absolute against the page's
address before trafilatura sees them. Nothing is fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import unquote, urlsplit

import lxml.html
import trafilatura
from trafilatura.settings import Document

from ..dates import DateValue
from ..sanitize import ALLOWED_URL_SCHEMES, neutralise_markdown, url_scheme
from .from_feed import (
    FoundImage,
    absolute_address,
    alt_text,
    clean_tags,
    image_address,
    parse_feed_date,
)
from .write import Draft, ImportFailure, strip_tracking, web_url

MIN_WORDS = 10
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
#: Meta tags that state when the article was published, with its time and offset, most specific first.
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
_TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " · ")
#: Where a browser or an archiving extension writes the address a page was saved from:
#: ``<!-- saved from url=(0071)https://… -->`` (Chrome, Edge, Internet Explorer) and
#: SingleFile's ``<!-- Page saved with SingleFile url: https://… -->``.
_SAVED_FROM = re.compile(r"<!--\s*(?:saved from url=\(\d+\)|Page saved with SingleFile\s+url:\s*)(\S+?)\s*(?:-->|\s)")
#: trafilatura's date search (htmldate) without its "extensive" guesses, which take a
#: footer's "© 2023" for 2023-01-01; the publication date rather than the last update.
_DATE_SEARCH = {"extensive_search": False, "original_date": True}
#: Containers whose ``<time>`` is not the article's: the site's masthead and menus, asides, comments.
_NOT_THE_ARTICLE = re.compile(r"comment|related|masthead|promo|newsletter|sidebar|teaser", re.IGNORECASE)
#: A size written into a picture's file name: ``substation-1200x630.jpg`` is ``substation.jpg``.
_SIZE_SUFFIX = re.compile(r"[-_]\d{2,5}x\d{2,5}(?=\.)")
_PICTURE_NAME_MIN = 4  # "1.jpg", "img.png": too common a name to say two pictures are the same
#: Bylines trafilatura keeps as text (it knows ``class="byline"``, not these component markers).
_BYLINE_BLOCKS = (
    "//*[contains(translate(@data-component, 'BYLINE', 'byline'), 'byline')"
    " or contains(translate(@data-testid, 'BYLINE', 'byline'), 'byline')]"
)
#: A literal ``<`` in trafilatura's Markdown: its escaped ``\<``, or a ``<`` opening none of the inline
#: tags it writes itself (``<sub>``, ``<sup>``, ``<u>``: Markdown has none; the sanitiser keeps them).
_LITERAL_ANGLE = re.compile(r"\\<|<(?!/?(?:sub|sup|u)>)")
_CODE_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!\\)(`+).+?(?<!`)\1(?!`)")
#: A name in a byline: up to four capitalised words ("Claire Dubois", "Jean-Pierre O'Neill").
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*){0,3}"
#: A byline left in the text, in English, French, German or Spanish: "By Ann Lee and Bo Chen",
#: "Par Claire Dubois · Publié le 3 février 2025 à 18h42" (after the names, only a date may follow).
_BYLINE = re.compile(
    rf"^(?i:by|par|von|por)\s+{_NAME}(?:\s*(?:,|&|\band\b|\bet\b|\bund\b|\by\b)\s*{_NAME})*"
    r"\s*(?:$|[·|,–—-]\s*.*(?:\d|(?i:correspond|korrespond|reporter|editor|writer|staff|journalist|envoyée? spéciale?"
    r"|rédact|redakteur|enviad[oa] especial|periodista|redactor)).*$|\s+\d.*$)"  # case-sensitive names
)
#: A publication stamp left in the text: "Published 14 March 2025", "Mis à jour le 3 février 2025 à 21h10".
_STAMP = re.compile(
    r"^(?:published|updated|last updated|publié|mis à jour|modifié|veröffentlicht|aktualisiert|stand|publicado"
    r"|actualizado)\b.*\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_HEADER_PARAGRAPHS = 3  # a byline or stamp is looked for among the first paragraphs only
_HEADER_LINE_MAX = 160


@dataclass
class PageFacts:
    """What the page's own tags state and trafilatura does not read (or reads wrongly)."""

    address: str | None = None  # the page's address: canonical, else og:url, JSON-LD or "saved from"
    canonical: str | None = None
    base: str | None = None  # what relative links are relative to: <base href>, else the address
    site_name: str | None = None
    published: DateValue | None = None
    published_origin: str | None = None
    images: list[FoundImage] = field(default_factory=list)
    json_ld: list[dict] = field(default_factory=list)


def parse_html(html: str) -> Draft:
    """Return the draft of a saved article page; its ``date`` is None when the page states none.

    Raises :class:`ImportFailure` when the page has no title or no article text.
    """
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        raise ImportFailure("the file is empty")
    tree = trafilatura.load_html(html)  # the one parse of the page, by trafilatura's own loader
    if tree is None:
        raise ImportFailure("not a readable HTML page")
    facts = page_facts(tree, html)
    absolutise_links(tree, facts.base)
    # as_dict=False (the default) gives a Document; the signature also allows a dict.
    document = cast(
        "Document | None",
        trafilatura.bare_extraction(
            tree,
            url=facts.address,
            with_metadata=True,
            include_comments=False,
            include_links=True,
            include_images=False,  # pictures saved next to the page would not be found once it is moved
            include_tables=True,
            include_formatting=True,  # with the default output format, the text is Markdown
            date_extraction_params=_DATE_SEARCH,
            prune_xpath=_BYLINE_BLOCKS,
        ),
    )
    if document is None:
        raise ImportFailure("no article text found in the page")
    site_name = facts.site_name or _clean(document.sitename)
    raw_title = _clean(document.title) or _first(item.get("headline") for item in facts.json_ld)
    if raw_title is None:
        raise ImportFailure("no title found in the page (no og:title, headline or <title>)")
    title = strip_site_suffix(raw_title, site_name)
    body = markdown_body(document.text or "", title)
    if len(body.split()) < MIN_WORDS:  # what is left of a page of menus is not an article
        raise ImportFailure("no article text found in the page")
    draft = Draft(
        title=title,
        date=facts.published,
        body=body,
        source=site_name,
        source_url=facts.canonical or web_url(document.url) or facts.address,
        author=page_author(document, facts),
        tags=page_tags(document, facts),
        date_origin=facts.published_origin,
    )
    if draft.date is None and document.date:
        draft.date = _parse_date(document.date)
        draft.date_origin = "a date stated in the page (found by trafilatura)"
    image = page_image(tree, facts, document)
    if image is not None:
        image.give_to(draft, "page")
    return draft


# --- what the page states ----------------------------------------------------------------------


def page_facts(tree: lxml.html.HtmlElement, html: str) -> PageFacts:
    """Return what the page states that trafilatura does not give (or gives wrongly), each None when absent.

    * The address: trafilatura prefers ``og:url``, which often carries a share
      or campaign parameter, to the canonical link, the publisher's own address
      for the article; and a page saved by a browser states where it came from
      only in a comment.
    * The site name: trafilatura lets a longer JSON-LD publisher name (the
      company, "… Media Group Limited") replace ``og:site_name`` (the outlet).
    * The publication time: trafilatura's date is a day; the page's
      ``article:published_time``, JSON-LD ``datePublished`` or ``<time>`` give
      the minute and the offset.
    * The pictures: trafilatura keeps one address (the last ``og:image`` when
      there are several, though the first is the article's) and no description.
    * JSON-LD without a schema.org ``@context``, which trafilatura skips.
    """
    metas = _meta_values(tree)
    json_ld = list(_json_ld_articles(tree))
    saved_from = _saved_from(html)
    reference = web_url(_first_value(metas, "og:url")) or saved_from
    canonical = next(
        (
            absolute_address(link.get("href"), reference)
            for link in tree.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
        ),
        None,
    )
    canonical = web_url(canonical)
    ld_address = _first(web_url(_ld_url(item.get("url") or item.get("mainEntityOfPage"))) for item in json_ld)
    address = canonical or reference or ld_address
    base_element = tree.find(".//base[@href]")
    base = absolute_address(base_element.get("href"), address) if base_element is not None else None
    published, origin = _published(tree, metas, json_ld)
    return PageFacts(
        address=address,
        canonical=canonical,
        base=web_url(base) or address,
        site_name=_first_value(metas, "og:site_name") or _first(_ld_name(item.get("publisher")) for item in json_ld),
        published=published,
        published_origin=origin,
        images=list(_stated_images(tree, json_ld)),
        json_ld=json_ld,
    )


def _published(
    tree: lxml.html.HtmlElement, metas: dict[str, list[str]], json_ld: list[dict]
) -> tuple[DateValue | None, str | None]:
    """The publication date as the page's markup states it (with its time and offset), and where it is."""
    for name in _DATE_META:
        for value in metas.get(name, []):
            if (date := _parse_date(value)) is not None:
                return date, f"the page's {name} meta tag"
    for item in json_ld:
        if isinstance(item.get("datePublished"), str) and (date := _parse_date(item["datePublished"])) is not None:
            return date, "the page's JSON-LD datePublished"
    for element in tree.xpath('.//*[@itemprop="datePublished"]'):
        value = element.get("content") or element.get("datetime")
        if value and (date := _parse_date(value)) is not None:
            return date, "the page's itemprop=datePublished"
    for element in _article_times(tree):
        if (date := _parse_date(element.get("datetime", ""))) is not None:
            return date, "a <time> element of the article"
    return None, None


def _article_times(tree: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The ``<time datetime>`` elements of the article: inside ``<article>`` (else ``<main>``), not in a
    comment, aside or list of other articles (a masthead's ``<time>`` is today's date, not the article's)."""
    scope = tree.find(".//article")
    if scope is None:
        scope = tree.find(".//main")
    if scope is None:
        return
    for element in scope.iter("time"):
        if not element.get("datetime"):
            continue
        ancestors = list(element.iterancestors())
        if any(a.tag in ("aside", "nav", "footer") for a in ancestors):
            continue
        if any(_NOT_THE_ARTICLE.search(f"{a.get('class', '')} {a.get('id', '')}") for a in ancestors):
            continue
        yield element


def _stated_images(tree: lxml.html.HtmlElement, json_ld: list[dict]) -> Iterator[FoundImage]:
    """The pictures the page's metadata names, in the order they are preferred, each with its description.

    Open Graph first, in the page's order (``og:image:alt`` describes the
    ``og:image`` it follows, ``og:image:url``/``:secure_url`` repeat its
    address), then ``twitter:image`` with ``twitter:image:alt``, then JSON-LD's
    ``image`` (a URL, an ``ImageObject`` with its ``caption``, or a list).
    """
    current: FoundImage | None = None
    twitter = FoundImage("")
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = _clean(meta.get("content"))
        if not content:
            continue
        if key == "og:image" or (key in ("og:image:url", "og:image:secure_url") and current is None):
            if current is not None:
                yield current
            current = FoundImage(content)
        elif key == "og:image:alt" and current is not None and current.alt is None:
            current.alt = content
        elif key in ("twitter:image", "twitter:image:src") and not twitter.url:
            twitter.url = content
        elif key == "twitter:image:alt" and twitter.alt is None:
            twitter.alt = content
    if current is not None:
        if not twitter.url and current.alt is None:
            current.alt = twitter.alt  # a card without twitter:image shows og:image: its alt describes that one
        yield current
    if twitter.url:
        yield twitter
    for item in json_ld:
        yield from _ld_images(item.get("image"))


def _ld_images(value: object) -> Iterator[FoundImage]:
    if isinstance(value, str):
        yield FoundImage(value)
    elif isinstance(value, dict):
        url = value.get("url") or value.get("contentUrl")
        if isinstance(url, str):
            caption = value.get("caption") or value.get("description") or value.get("name")
            yield FoundImage(url, caption if isinstance(caption, str) else None)
    elif isinstance(value, list):
        for item in value:
            yield from _ld_images(item)


def page_image(tree: lxml.html.HtmlElement, facts: PageFacts, document: Document) -> FoundImage | None:
    """Return the article's picture and its description, or None when the page names none that can be published.

    The first of the page's stated pictures (:func:`_stated_images`, then any
    other address trafilatura found) whose address is, or becomes, an https URL.
    Its description is the one stated with it, else the ``alt`` of the same
    picture shown in the page (compared by address, else by file name without a
    size such as ``-1200x630``); None when neither describes it.
    """
    candidates = [*facts.images, FoundImage(document.image or "")]
    for candidate in candidates:
        address = image_address(candidate.url, facts.address)
        if address is not None:
            return FoundImage(address, alt_text(candidate.alt) or _alt_in_page(tree, address, facts.base))
    return None


def _alt_in_page(tree: lxml.html.HtmlElement, address: str, base: str | None) -> str | None:
    wanted = _picture_name(address)
    for image in tree.iter("img"):
        alt = alt_text(image.get("alt"))
        if not alt:
            continue
        sources = [image.get(name) for name in ("src", "data-src", "data-lazy-src", "data-original")]
        sources += [part.split()[0] for part in (image.get("srcset") or "").split(",") if part.split()]
        for source in sources:
            if not source:
                continue
            if image_address(source, base) == address or (wanted and _picture_name(source) == wanted):
                return alt
    return None


def _picture_name(address: str) -> str:
    """A picture's file name without its size and extensions: the same picture in other sizes and
    formats (``storm-1200x630.jpg``, ``storm.jpg.webp``) has the same name, ``storm``."""
    name = unquote(urlsplit(address.strip()).path).rsplit("/", 1)[-1].lower()
    if "." not in name:
        return ""
    stem = _SIZE_SUFFIX.sub("", name).split(".", 1)[0]
    return stem if len(stem) >= _PICTURE_NAME_MIN else ""


def page_author(document: Document, facts: PageFacts) -> str | None:
    """The byline: trafilatura's (meta tags, JSON-LD persons, the byline), names joined with ``, ``;
    else JSON-LD's author (for JSON-LD without a schema.org ``@context``, which trafilatura skips)."""
    if document.author:
        return _clean(", ".join(name.strip() for name in document.author.split(";") if name.strip()))
    return _first(_ld_name(_persons(item.get("author"))) for item in facts.json_ld)


def _persons(value: object) -> object:
    """JSON-LD authors that are people: an ``Organization`` as author is the outlet, not a byline."""
    if isinstance(value, list):
        return [item for item in value if not _is_organisation(item)]
    return None if _is_organisation(value) else value


def _is_organisation(value: object) -> bool:
    return isinstance(value, dict) and "Organization" in str(value.get("@type", ""))


def page_tags(document: Document, facts: PageFacts) -> list[str]:
    """The article's tags: trafilatura's tags (``article:tag``, ``keywords``, tag links) and categories
    (``article:section``, JSON-LD ``articleSection``, category links), else JSON-LD ``keywords``,
    cleaned by :func:`~briefings.importers.from_feed.clean_tags`."""
    names = [name for value in document.tags or [] for name in value.split(",")]
    names += list(document.categories or [])
    if not names:
        for item in facts.json_ld:
            keywords = item.get("keywords")
            if isinstance(keywords, str):
                names += keywords.split(",")
            elif isinstance(keywords, list):
                names += [k for k in keywords if isinstance(k, str)]
    return clean_tags(names)


# --- links and text ------------------------------------------------------------------------------


def absolutise_links(tree: lxml.html.HtmlElement, base: str | None) -> None:
    """Make every link of the page absolute against ``base``, or plain text when it cannot work elsewhere.

    Kept: http, https and mailto links (the schemes the site's sanitiser
    allows), tracking parameters removed. Made text: in-page anchors (the text
    moves into another page), other schemes (``javascript:``), relative links
    when the page's address is unknown, and anchors without an address (which
    trafilatura would write as a bare ``[text]``).
    """
    for anchor in list(tree.iter("a")):
        target = link_target(anchor.get("href"), base)
        if target is None:
            anchor.drop_tag()
        else:  # its other attributes stay: trafilatura finds bylines and tags by rel="author", rel="tag"
            anchor.set("href", target)


def link_target(href: str | None, base: str | None) -> str | None:
    """Return the address a link should have in the imported article, or None when it should be text."""
    if not href or not href.strip() or href.strip().startswith("#"):
        return None
    scheme = url_scheme(href)
    if scheme is not None and scheme not in ALLOWED_URL_SCHEMES:
        return None
    address = absolute_address(href, base)
    if address is None:
        return None
    if url_scheme(address) == "mailto":
        return address
    return web_url(strip_tracking(address))


def markdown_body(markdown: str, title: str) -> str:
    """Return trafilatura's Markdown as the article body: without a first heading repeating the title,
    with literal ``<`` written as ``&lt;`` and dangerous links neutralised (the importers' one rule)."""
    lines = markdown.strip().splitlines()
    if lines and lines[0].lstrip("# ").strip() == title.strip():
        lines = lines[1:]
    paragraphs = re.split(r"\n\s*\n", "\n".join(lines).strip())
    paragraphs = [
        paragraph
        for number, paragraph in enumerate(paragraphs)
        if number >= _HEADER_PARAGRAPHS or not is_byline_or_stamp(paragraph)
    ]
    return neutralise_markdown(escape_angle_brackets("\n\n".join(paragraphs)).strip())


def is_byline_or_stamp(paragraph: str) -> bool:
    """Whether a paragraph is a byline or a publication stamp the page's layout left in the text.

    The author and date are the draft's fields already; in the body they would
    become the summary. Short lines only, and only of those shapes: "By the end
    of the week…" or "Published figures show…" are sentences, not bylines.
    """
    text = " ".join(paragraph.replace("*", "").split())
    return len(text) <= _HEADER_LINE_MAX and bool(_BYLINE.match(text) or _STAMP.match(text))


def escape_angle_brackets(markdown: str) -> str:
    """Return Markdown whose literal ``<`` renders as ``<`` and opens no HTML tag.

    trafilatura escapes a literal ``<`` as ``\\<``, which Python-Markdown does
    not read as an escape (the backslash would show, and ``\\<script>`` would
    still be a tag): both become ``&lt;``. Code is left as it is (it is shown
    literally), and so are trafilatura's own ``<sub>``, ``<sup>`` and ``<u>``.
    """
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        opening = _CODE_FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opening:
            fence = opening.group(1)
            out.append(line)
            continue
        pieces, position = [], 0
        for span in _CODE_SPAN.finditer(line):
            pieces.append(_LITERAL_ANGLE.sub("&lt;", line[position : span.start()]))
            pieces.append(span.group())
            position = span.end()
        pieces.append(_LITERAL_ANGLE.sub("&lt;", line[position:]))
        out.append("".join(pieces))
    return "\n".join(out)


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


# --- helpers --------------------------------------------------------------------------------------


def _parse_date(text: str) -> DateValue | None:
    """ISO 8601 (as most pages write it), RFC 822 ("Fri, 14 Mar 2025 07:42:10 GMT") or a date in words."""
    return parse_feed_date(text)


def _saved_from(html: str) -> str | None:
    found = _SAVED_FROM.search(html[:8192])
    return web_url(found.group(1)) if found else None


def _meta_values(tree: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """Every ``<meta>`` value by its lower-cased name (``property``, ``name`` or ``itemprop``), in page order."""
    values: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = _clean(meta.get("content"))
        if key and content:
            values.setdefault(key, []).append(content)
    return values


def _first_value(metas: dict[str, list[str]], name: str) -> str | None:
    return next(iter(metas.get(name, [])), None)


def _json_ld_articles(tree: lxml.html.HtmlElement) -> Iterator[dict]:
    """Yield the JSON-LD objects that describe an article (``NewsArticle``, ``Article``…)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)  # control characters in strings: common, harmless
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
        return None if web_url(value) else _clean(value)
    if isinstance(value, dict):
        return _clean(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _ld_url(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _first(values: Iterator[object] | list[object]) -> str | None:
    return next((v for v in (_clean(x) for x in values) if v), None)
