"""The one sanitising policy for article bodies (no MkDocs).

An article body is Markdown, and Markdown lets its writer put any HTML on a page:
``<script>``, ``onerror=`` attributes, ``javascript:`` links, and the same through
Markdown's own syntax (``[x](javascript:…)``, reference links, attr_list's
``{: onclick=… }``). Bodies come from editors, but also from imported clippings and
feeds, so unless the site says it trusts its own HTML (``trust_html: true``) the
HTML made of a body goes through :func:`sanitize_html` before it is published.

The policy keeps what news needs: links (http, https, mailto and relative URLs),
emphasis, lists, headings with their ids, tables, figures, images, quotes, code,
footnotes and ``class`` attributes (harmless, and how Markdown extensions style
their output). It drops scripts and styles with their content, inline ``style``
attributes (but a table cell's ``text-align``, which Markdown's tables write),
event handlers, URLs of any other scheme (``javascript:``, ``data:``,
``vbscript:``…), frames, objects, embeds and forms, and ids starting with ``__``
(the theme's scripts look up ``__config``: a body must not answer for it).

Three users share it, so the rules live here once:

* the build (:func:`sanitize_html`, :func:`sanitize_between`) cleans an article
  page's body HTML with nh3 (the Rust library ammonia);
* the importers (:func:`neutralise_markdown`) turn dangerous Markdown links,
  reference definitions and attribute lists into plain text before an article is
  written, with the same URL rule (:func:`is_allowed_url`);
* ``briefings check`` (:func:`body_problems`) warns, with file and line, where a
  body holds something the build will remove.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import nh3

from .model import Article, Problem, SiteSettings

if TYPE_CHECKING:
    import lxml.html

# --- the policy ---------------------------------------------------------------------------

#: URL schemes a link or image may use; a URL without a scheme (relative, ``#anchor``) is allowed too.
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

#: Elements kept (their unwanted attributes removed); any other element is removed, its text kept.
ALLOWED_TAGS = frozenset(
    {
        *("p", "br", "hr", "div", "span", "blockquote", "q", "cite", "abbr", "dfn", "time"),
        *("h1", "h2", "h3", "h4", "h5", "h6"),
        *("a", "img", "figure", "figcaption"),
        *("em", "strong", "i", "b", "u", "s", "del", "ins", "mark", "small", "sub", "sup"),
        *("code", "pre", "kbd", "samp", "var"),
        *("ul", "ol", "li", "dl", "dt", "dd", "details", "summary"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col"),
    }
)

#: Elements removed together with everything inside them: their content is code or a control, never text.
REMOVED_WITH_CONTENT = frozenset(
    {
        *("script", "style", "noscript", "template"),
        *("iframe", "frame", "frameset", "noframes", "object", "embed", "noembed", "applet"),
        *("textarea", "select"),
    }
)

#: Attributes kept, by element (``*``: on every element). ``id``: Markdown's toc and footnotes link to them.
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"class", "id", "title", "lang", "dir"}),
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope", "style"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
#: The only CSS a kept ``style`` attribute (table cells only) may hold: Markdown's column alignment.
ALLOWED_STYLE_PROPERTIES = frozenset({"text-align"})
#: Attributes holding a URL, checked against :data:`ALLOWED_URL_SCHEMES`.
URL_ATTRIBUTES = frozenset({"href", "src"})
#: ``id`` values the page's own scripts look up: Material's and Briefings' ``__config`` (whose ``base``
#: says where the search code is loaded from), ``__search``… A body's element of the same id comes
#: first in the document and would be found instead, so such ids are removed.
RESERVED_ID_PREFIX = "__"

# Browsers (the URL standard) drop ASCII tabs and newlines anywhere in a URL, and controls and spaces at its ends.
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]+")
_CONTROL_OR_SPACE = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def url_scheme(url: str) -> str | None:
    """The scheme a browser reads in ``url`` (entities decoded, as in an attribute), lower-cased; None if relative.

    A leading ``<`` (Markdown's ``[x](<url>)``) is skipped.
    """
    text = _TAB_OR_NEWLINE.sub("", html.unescape(url)).strip(_CONTROL_OR_SPACE).lstrip("<")
    found = _SCHEME.match(text.strip(_CONTROL_OR_SPACE))
    return found.group(1).lower() if found else None


def is_allowed_url(url: str) -> bool:
    """True for a relative URL or one of :data:`ALLOWED_URL_SCHEMES`: the one URL rule of HTML and Markdown."""
    scheme = url_scheme(url)
    return scheme is None or scheme in ALLOWED_URL_SCHEMES


def _attribute_value(tag: str, name: str, value: str) -> str | None:
    """nh3's last word on each allowed attribute: None removes it (an id the theme's scripts use)."""
    return None if name == "id" and is_reserved_id(value) else value


#: The policy, compiled once: a Cleaner saves rebuilding it for every stretch of every page (~20 µs each).
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_attribute_value,
    filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel=None,  # links are left as written: no target is allowed, so there is no opener to protect
    strip_comments=True,
)


def sanitize_html(fragment: str) -> str:
    """``fragment`` with everything outside the policy removed (nh3 parses it as a browser would)."""
    if not fragment.strip():
        return fragment
    return _IMAGE_WITHOUT_ALT.sub(r'\g<0> alt=""', _CLEANER.clean(fragment))


#: ``<img`` in nh3's output (normalised: lower case, double quotes) with no ``alt``: HTML
#: requires one, and an image whose text alternative the body did not give is decorative.
_IMAGE_WITHOUT_ALT = re.compile(r'<img(?=[\s>/])(?![^>]*\salt=")')


def is_reserved_id(value: str) -> bool:
    """True for an ``id`` of the theme's own (:data:`RESERVED_ID_PREFIX`)."""
    return value.strip().startswith(RESERVED_ID_PREFIX)


def sanitize_between(page_html: str, kept: re.Pattern[str]) -> str:
    """Sanitise the HTML between the matches of ``kept``, leaving each match as it is.

    A generated page holds its own trusted HTML as token paragraphs
    (:data:`briefings.render.FRAGMENT_PARAGRAPH`) around the body. Each stretch
    between tokens is cleaned on its own, so an unclosed ``<script>`` or
    ``<table>`` in a body can neither swallow nor move a token here. (Python-Markdown
    itself, before this, takes everything after an unclosed raw HTML *block* into
    that block, tokens included: those are then sanitised with it, as text.)
    """
    parts: list[str] = []
    position = 0
    for match in kept.finditer(page_html):
        parts.append(sanitize_html(page_html[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(sanitize_html(page_html[position:]))
    return "".join(parts)


# --- Markdown written by the importers --------------------------------------------------------

# An inline link or image destination: after "](" up to the closing parenthesis or a title's quote.
_INLINE_DESTINATION = re.compile(r"(?<!\\)\]\((?P<destination>[^)\"']*)")
# A reference definition, also inside quotes or lists; the URL may be on the next line.
_REFERENCE = re.compile(
    r"^(?P<prefix>(?:[ \t]*>)*[ \t]*)\[(?P<label>[^\[\]\n]*)\]:[ \t]*\n?[ \t]*(?P<destination>\S+)", re.MULTILINE
)
# attr_list's ``{: #id .class key=value }`` (the colon is optional), as Python-Markdown reads it.
_ATTRIBUTE_LIST = re.compile(r"(?<!\\)\{:?[ ]*(?P<attributes>[^\}\n ][^\}\n]*)\}")
_ATTRIBUTE = re.compile(r"(?P<name>[^\s=#.'\"]+)\s*=\s*(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)'|(?P<bare>\S+))")
#: Every attribute name the HTML policy keeps somewhere; ``style`` is for Markdown's table cells only.
_MARKDOWN_ATTRIBUTES = frozenset().union(*ALLOWED_ATTRIBUTES.values()) - {"style"}
#: ``{: #__config }``: attr_list's short form of an id the theme reserves.
_RESERVED_ID_SHORTHAND = re.compile(r"(?:^|\s)#" + re.escape(RESERVED_ID_PREFIX))


def neutralise_markdown(text: str) -> str:
    """Markdown whose links, reference definitions and attribute lists cannot run code.

    For what the importers write: a link or image to a URL outside
    :func:`is_allowed_url`, a reference definition of one, and an attr_list
    setting an attribute the HTML policy removes (``onclick``, ``style``) or a
    URL it refuses become literal text, by escaping the character that starts the
    construct. Everything else is left as it is, and the result renders the
    payload as the text it was.
    """
    if "](" in text:
        text = _INLINE_DESTINATION.sub(_escape_inline_link, text)
    if "]:" in text:
        text = _REFERENCE.sub(_escape_reference, text)
    if "{" in text:
        text = _ATTRIBUTE_LIST.sub(_escape_attribute_list, text)
    return text


# The ``<`` of a ``<destination>``: once the link is text, it would open a raw HTML tag.
_ANGLE_OPENING = re.compile(r"^(\s*)<")


def _escape_inline_link(match: re.Match[str]) -> str:
    if is_allowed_url(match.group("destination")):
        return match.group(0)
    return "]\\(" + _ANGLE_OPENING.sub(r"\1&lt;", match.group("destination"))


def _escape_reference(match: re.Match[str]) -> str:
    if is_allowed_url(match.group("destination")):
        return match.group(0)
    prefix, definition = match.group("prefix"), match.group(0)[len(match.group("prefix")) :]
    destination = match.group("destination")
    head = definition[: len(definition) - len(destination)]
    return prefix + "\\" + head + _ANGLE_OPENING.sub(r"\1&lt;", destination)


def _escape_attribute_list(match: re.Match[str]) -> str:
    return "\\" + match.group(0) if _attribute_list_is_dangerous(match.group("attributes")) else match.group(0)


def _attribute_list_is_dangerous(attributes: str) -> bool:
    if _RESERVED_ID_SHORTHAND.search(attributes):
        return True
    for found in _ATTRIBUTE.finditer(attributes):
        name = found.group("name").lower()
        value = next(
            v for v in (found.group("double"), found.group("single"), found.group("bare"), "") if v is not None
        )
        if name not in _MARKDOWN_ATTRIBUTES or (name in URL_ATTRIBUTES and not is_allowed_url(value)):
            return True
        if name == "id" and is_reserved_id(value):
            return True
    return False


# --- briefings check: what the build would remove --------------------------------------------

# What makes a body worth converting (see may_need_sanitising); each is searched only when a
# character it needs is in the body, since a regex without a literal start scans every position.
_HTML_START = re.compile(r"<[A-Za-z!?]")
_ATTRIBUTE_ASSIGNMENT = re.compile(r"\{[^}\n]*=")
_EVENT_HANDLER = re.compile(r"\s[oO][nN][A-Za-z]+\s*=")
_ENTITY_START = re.compile(r"&(?:#|[A-Za-z]+;)")
_LINK_SCHEME = re.compile(r"\](?:\(|:)\s*<?([A-Za-z][A-Za-z0-9+.\-]*):")
#: The extensions ``check`` renders with: those whose syntax can set attributes or URLs, and
#: fenced_code (on in every MkDocs site), so that HTML shown in a code block is not taken for HTML.
CHECK_EXTENSIONS = ("attr_list", "tables", "footnotes", "fenced_code")
_converters = threading.local()
TRUST_HINT = "set trust_html: true in mkdocs.yml to publish raw HTML"


@dataclass(frozen=True)
class Finding:
    """One kind of thing the policy removes from a body, and how to find it in the Markdown source."""

    what: str  # "a <script> element", "an onclick attribute", "a javascript: URL"
    needle: re.Pattern[str]


def may_need_sanitising(body: str) -> bool:
    """Whether ``body`` may hold what the policy removes; False for nearly every body, in microseconds.

    Raw HTML (``<`` and a letter, ``!`` or ``?``), an attribute list (``{:``, or
    ``{`` with ``=`` or a reserved ``#__`` id), an event handler (`` on…=``), an entity (which can hide a
    scheme), a ``javascript:``, ``vbscript:`` or ``data:`` scheme, in any case, or
    a Markdown link to another scheme than http, https and mailto.
    Anything else renders to HTML the policy keeps whole, so it is not converted.
    """
    if "<" in body and _HTML_START.search(body):
        return True
    if "{" in body and ("{:" in body or "#__" in body or _ATTRIBUTE_ASSIGNMENT.search(body)):
        return True
    if "=" in body and _EVENT_HANDLER.search(body):
        return True
    if "&" in body and _ENTITY_START.search(body):
        return True
    colon = body.find(":")
    while colon != -1:  # java\nscript: counts: browsers drop the newline
        if body[max(0, colon - 12) : colon].rstrip().lower().endswith(("script", "data")):
            return True
        colon = body.find(":", colon + 1)
    if "]" in body:
        return any(m.group(1).lower() not in ALLOWED_URL_SCHEMES for m in _LINK_SCHEME.finditer(body))
    return False


def body_findings(body: str) -> list[Finding]:
    """What the policy would remove from the HTML of ``body``, each kind once, in document order."""
    if not may_need_sanitising(body):
        return []
    # Imported here: most bodies never get this far, and ``check`` starts faster without them.
    import lxml.html
    import markdown
    from lxml import etree

    converter: markdown.Markdown | None = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(extensions=list(CHECK_EXTENSIONS))
    converter.reset()
    body_html = converter.convert(body)
    if not body_html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    found: dict[str, Finding] = {}
    for finding in _walk(root):
        found.setdefault(finding.what, finding)
    return list(found.values())


def _walk(root: lxml.html.HtmlElement) -> Iterator[Finding]:
    """The policy of :func:`sanitize_html`, applied to a parsed tree to name what it removes."""
    for element in root.iterdescendants():
        tag = element.tag
        if not isinstance(tag, str):  # comments and processing instructions: dropped quietly
            continue
        tag = tag.lower()
        if tag not in ALLOWED_TAGS:
            yield Finding(f"{_a(tag)} <{_shown(tag)}> element", re.compile(rf"<\s*{re.escape(tag)}\b", re.IGNORECASE))
            continue
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())
        for name, value in element.attrib.items():
            name = name.lower()
            if name not in allowed or (name == "style" and not _only_allowed_styles(value)):
                yield Finding(
                    f"{_a(name)} {_shown(name)} attribute", re.compile(rf"\b{re.escape(name)}\s*=", re.IGNORECASE)
                )
            elif name == "id" and is_reserved_id(value):
                yield Finding(
                    f'an id "{_shown(value.strip())}" (reserved for the theme)', re.compile(re.escape(value.strip()))
                )
            elif name in URL_ATTRIBUTES and not is_allowed_url(value):
                scheme = url_scheme(value) or ""
                yield Finding(
                    f"{_a(scheme)} {_shown(scheme)}: URL", re.compile(rf"{re.escape(scheme)}\s*:", re.IGNORECASE)
                )


def _shown(text: str) -> str:
    """Text quoted from the body into a one-line message: escaped when it holds controls, cut at 40 characters."""
    if not text.isprintable():
        text = repr(text)[1:-1]
    return text if len(text) <= 40 else text[:40] + "…"


def _only_allowed_styles(style: str) -> bool:
    properties = (part.partition(":")[0].strip().lower() for part in style.split(";") if part.strip())
    return all(name in ALLOWED_STYLE_PROPERTIES for name in properties)


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeio" else "a"


def body_problems(article: Article, settings: SiteSettings) -> list[Problem]:
    """``check``'s warnings for an article body holding what the build removes; none with ``trust_html``."""
    if settings.trust_html:
        return []
    findings = body_findings(article.body)
    if not findings:
        return []
    first_line = _body_first_line(article.source_path, article.body, article.line)
    problems = []
    for finding in findings:
        located = finding.needle.search(article.body)
        line = first_line + (article.body.count("\n", 0, located.start()) if located else 0)
        message = f"the body has {finding.what}, which is removed when the site is built ({TRUST_HINT})"
        problems.append(Problem(article.path, line, "warning", message, "body"))
    return sorted(problems)


def _body_first_line(source_path: Path, body: str, fallback: int) -> int:
    """The file line where ``body`` starts: the body is the file's tail after the front matter.

    Read only when a body has a finding (rare), so the loader need not keep line
    numbers for every body.
    """
    try:
        text = source_path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError):
        return fallback
    if not text.endswith(body):
        return fallback
    return text.count("\n", 0, len(text) - len(body)) + 1
