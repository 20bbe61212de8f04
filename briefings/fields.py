"""The rules of an article's fields (SPEC §2), shared by the validator and by ``new`` and ``import``.

Each function takes a value as written and returns the clean value, or raises
:class:`FieldError` with a message that says what was expected and what was
found. Callers add where it was written: the validator the file, line and
field; the command line the option.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from .limits import (
    ALIAS_MAX,
    ALIASES_MAX,
    INT_BITS_MAX,
    SLUG_MAX,
    SOURCE_URL_MAX,
    TAG_MAX,
    TAGS_MAX,
    BoundedRepr,
    approximate_digits,
)
from .model import SiteSettings
from .text import did_you_mean, is_plain_slug, slugify

#: The usual shape of a web URL, accepted without parsing: scheme, host[:port], then path/query/fragment
#: (the characters :data:`_NOT_IN_URL` refuses are ruled out before; a port over 9999 is parsed).
_PLAIN_WEB_URL = re.compile(r"(?i:https?)://[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d{1,4})?(?:[/?#].*)?\Z")
#: What a URL must not hold as written (RFC 3986 has them percent-encoded): each could end an
#: HTML attribute or a Markdown link early, or hide part of the address.
_NOT_IN_URL = re.compile("[\\s\"'<>`\\\\\x00-\x1f\x7f-\x9f]")
#: A host name (internationalised ones included) or an IPv6 address without its brackets.
_HOST = re.compile(r"[\w.:-]+")
#: C0 controls but tab, newline and carriage return; DEL; C1 controls. None has a place in a
#: title or a tag: NUL makes invalid HTML, the others print as nothing or garble a terminal.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TEXT_SCALARS = (str, int, float)

#: How a found value is quoted in messages: short, and safe for any value (long numbers too).
short_repr = BoundedRepr(length=60, items=4)


_KINDS = {
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "list",
    dict: "mapping",
    dt.date: "date",
    dt.datetime: "datetime",
}


class FieldError(ValueError):
    """A value a field cannot take; the message says what was expected and what was found."""


def topic_key(value: str, settings: SiteSettings) -> str:
    """A topic key: one of the configured topics, or any plain key when topics are discovered."""
    key = value.strip()
    if settings.discovers_topics:
        if not is_plain_slug(key):
            raise FieldError(
                f"topic {short_repr.repr(key)} is not a plain key: "
                f"use lowercase letters, digits and '-', e.g. {slugify(key)!r}"
            )
        return key
    keys = [t.key for t in settings.topics]
    if key not in keys:
        raise FieldError(
            f"unknown topic {short_repr.repr(key)}{did_you_mean(key, keys)}; "
            f"expected one of the topics configured in mkdocs.yml: {', '.join(keys)}"
        )
    return key


def web_url(value: str) -> str:
    """An absolute ``http://`` or ``https://`` URL with a host, as written (trimmed).

    Refused: whitespace, quotes, ``<``, ``>``, backticks, backslashes and control
    characters anywhere (the page would hold an address other than the one meant, or
    invalid HTML), a missing or malformed host or port, and more than
    :data:`~briefings.limits.SOURCE_URL_MAX` characters.
    """
    url = value.strip()
    if len(url) > SOURCE_URL_MAX:
        raise FieldError(f"the URL is {len(url)} characters long; the limit is {SOURCE_URL_MAX}")
    bad = _NOT_IN_URL.search(url)
    if bad is not None:
        character = bad.group()
        raise FieldError(
            f"expected an absolute http:// or https:// URL, found {url[:80]!r}, which has {_character(character)}"
            f" at character {bad.start() + 1}: a URL holds no spaces, quotes, '<', '>' or control characters"
            f" (write it percent-encoded, {quote(character, safe='')})"
        )
    if _PLAIN_WEB_URL.match(url):
        return url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number from 0 to 65535
        valid = parts.scheme.lower() in ("http", "https") and _HOST.fullmatch(host) is not None
    except ValueError:  # e.g. an unclosed '[' of an IPv6 address, or a port out of range
        valid = False
    if not valid:
        raise FieldError(f"expected an absolute http:// or https:// URL with a host, found {url[:80]!r}")
    return url


def is_web_url(value: object) -> bool:
    """True for an absolute ``http(s)`` URL (what :func:`web_url` accepts)."""
    if not isinstance(value, str) or not value.strip():
        return False
    try:
        web_url(value)
    except FieldError:
        return False
    return True


#: A URL scheme at the start of a link (``https:``, ``mailto:``, ``javascript:``): what is not a relative path.
URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_NOT_IN_PATH = re.compile("[\"'<>`\\\x00-\x1f\x7f-\x9f?#]")


def image_ref(value: str) -> str:
    """``image``: an absolute ``https://`` URL, or a path to a file below the content folder (trimmed).

    Whether the file exists, and stays inside the content folder, is checked by
    :mod:`briefings.assets`, which knows where the article is.
    """
    ref = value.strip()
    if URL_SCHEME.match(ref) or ref.startswith("//"):
        url = web_url(ref)
        if urlsplit(url).scheme.lower() != "https":
            raise FieldError(f"expected an https:// URL or a path below the content folder, found {url[:80]!r}")
        return url
    bad = _NOT_IN_PATH.search(ref)
    if bad is not None:
        raise FieldError(
            f"expected an https:// URL or a file path such as images/flood.jpg, found {ref[:80]!r},"
            f" which has {_character(bad.group())} at character {bad.start() + 1}"
        )
    return ref


def aliases(value: Any) -> tuple[tuple[str, ...], list[str]]:
    """Old URLs of an article → their paths from the site root (no leading ``/``), and a message for each bad one.

    A list, or one string. Each is a path as the old site served it:
    ``2019/03/05/old-post.html``, ``/blog/old-post/``. Duplicates are dropped.
    """
    if value is None:
        return (), []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        return (), [f"expected a list of old URL paths (e.g. [/2019/03/05/old-post.html]), found {describe(value)}"]
    if len(items) > ALIASES_MAX:
        return (), [f"{len(items)} old URLs; the limit is {ALIASES_MAX}"]
    found: list[str] = []
    errors: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            errors.append(f"expected an old URL path such as /2019/03/05/old-post.html, found {describe(item)}")
            continue
        path = item.strip()
        if URL_SCHEME.match(path) or path.startswith("//"):
            errors.append(f"{path[:80]!r}: write the path only, without the scheme and host (e.g. /blog/old-post/)")
            continue
        path = path.lstrip("/")
        bad = _NOT_IN_PATH.search(path) or re.search(r"\s", path)
        if not path:
            errors.append("'/' is the home page: it cannot redirect to an article")
        elif len(path) > ALIAS_MAX:
            errors.append(f"an old URL is {len(path)} characters long; the limit is {ALIAS_MAX}")
        elif bad is not None:
            errors.append(f"{path[:80]!r} has {_character(bad.group())}: write the path only, percent-encoded")
        elif any(part in (".", "..", "") for part in path.rstrip("/").split("/")) or _unsafe_decoded(path):
            errors.append(f"{path[:80]!r}: a path from the site root, without '.', '..' or '//'")
        elif path not in found:
            found.append(path)
    return tuple(found), errors


def _unsafe_decoded(path: str) -> bool:
    """A path that leaves the site, or names no file, once its percent-escapes are decoded (``%2e%2e/``)."""
    decoded = unquote(path)
    if decoded == path:
        return False
    parts = decoded.rstrip("/").split("/")
    return any(part in (".", "..", "") for part in parts) or bool(re.search(r"[\\\x00-\x1f\x7f]", decoded))


def tags(value: Any) -> tuple[tuple[str, ...], list[str]]:
    """A list of tags, or one comma-separated string → the tags, and a message for each bad one.

    Whitespace is collapsed; duplicates (compared case-insensitively) are dropped,
    the first spelling kept. At most :data:`~briefings.limits.TAGS_MAX` tags of
    :data:`~briefings.limits.TAG_MAX` characters, each with a slug of at most
    :data:`~briefings.limits.SLUG_MAX` (it names a folder of the built site); over
    the count, no tag is looked at, so a list of a million costs nothing more.
    """
    if value is None:
        return (), []
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        return (), [f"field 'tags' must be a list of strings or a comma-separated string, found {describe(value)}"]
    written = sum(1 for item in items if not (isinstance(item, str) and not item.strip()))
    if written > TAGS_MAX:
        return (), [f"field 'tags' has {written} tags; the limit is {TAGS_MAX}"]
    found: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()
    for item in items:
        as_written = item if type(item) is str else None
        if as_written is None:
            if isinstance(item, bool) or not isinstance(item, _TEXT_SCALARS) or _number_text(item) is None:
                errors.append(f"each tag must be text, found {describe(item)}")
                continue
            as_written = str(item)
        control = _CONTROL.search(as_written)
        if control is not None:
            errors.append(
                f"tag {short_repr.repr(as_written)} contains {_character(control.group())}: remove it"
                " (control characters have no place in a tag)"
            )
            continue
        tag = " ".join(as_written.split())
        if len(tag) > TAG_MAX:
            errors.append(f"tag {short_repr.repr(tag)} is {len(tag)} characters long; the limit is {TAG_MAX}")
            continue
        tag_slug = slugify(tag)
        if not tag_slug:
            if tag:
                errors.append(f"tag {tag!r} has no letters or digits to make a URL from")
            continue
        if len(tag_slug) > SLUG_MAX:
            errors.append(
                f"tag {tag!r} makes a URL segment of {len(tag_slug)} characters ({short_repr.repr(tag_slug)});"
                f" the limit is {SLUG_MAX}: shorten the tag"
            )
            continue
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            found.append(tag)
    return tuple(found), errors


def slug(value: object) -> str:
    """A plain slug (``[a-z0-9]+(-[a-z0-9]+)*``) of at most :data:`~briefings.limits.SLUG_MAX` characters, as written.

    The slug names the article's folder in the built site, so it is bounded well
    under the 255 bytes file systems allow.
    """
    text = _number_text(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if text is not None and len(text) > SLUG_MAX:
        raise FieldError(f"field 'slug' is {len(text)} characters long; the limit is {SLUG_MAX}")
    if text is None or not is_plain_slug(text):
        suggestion = slugify(text)[:SLUG_MAX].strip("-") if text and _CONTROL.search(text) is None else ""
        hint = f", e.g. {suggestion!r}" if suggestion else ""
        raise FieldError(
            f"field 'slug' must be a plain slug (lowercase letters, digits and single '-'){hint}; "
            f"found {describe(value)}"
        )
    return text


def text_field(name: str, value: str | int | float, limit: int) -> str:
    """The text of a front matter field (a YAML number as its text), trimmed; raises :class:`FieldError`.

    Refused: a control character (:data:`_CONTROL`: NUL, ESC, DEL, C1…), which
    makes invalid HTML or garbles a terminal, and more than ``limit`` characters
    (the limits and their reasons are in :mod:`briefings.limits`). An empty result
    is the caller's business (empty may mean "not given").
    """
    text = value if type(value) is str else _number_text(value)  # the usual case first: this runs per field
    if text is None:
        raise FieldError(
            f"field '{name}' is a number of about {approximate_digits(int(value))} digits; the limit is {limit}"
        )
    control = _CONTROL.search(text)
    if control is not None:
        raise FieldError(
            f"field '{name}' contains {_character(control.group())} at character {control.start() + 1}: remove it"
            " (control characters other than tab and line breaks are not allowed)"
        )
    text = text.strip()
    if len(text) > limit:
        raise FieldError(f"field '{name}' is {len(text)} characters long; the limit is {limit}")
    return text


def _number_text(value: str | int | float) -> str | None:
    """``str(value)``, or None for an integer too long to write out (``str()`` would raise)."""
    if isinstance(value, int) and value.bit_length() > INT_BITS_MAX:
        return None
    return str(value)


def _character(character: str) -> str:
    """A character as a message names it: ``the control character U+0000``, ``a space``, ``'<'``."""
    if _CONTROL.fullmatch(character) or character in "\t\n\r":
        return f"the control character U+{ord(character):04X}"
    if character.isspace():
        return "a space" if character == " " else f"the space character U+{ord(character):04X}"
    return repr(character)


def describe(value: object) -> str:
    """How a found value reads in a message: its YAML type and a short repr."""
    if value is None:
        return "nothing"
    kind = _KINDS.get(type(value), type(value).__name__)
    return f"{kind} {short_repr.repr(value)}"
