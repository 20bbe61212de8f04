"""The rules of an article's fields (SPEC §2), shared by the validator and by ``new`` and ``import``.

Each function takes a value as written and returns the clean value, or raises
:class:`FieldError` with a message that says what was expected and what was
found. Callers add where it was written: the validator the file, line and
field; the command line the option.
"""

from __future__ import annotations

import datetime as dt
import re
import reprlib
from typing import Any
from urllib.parse import urlsplit

from .model import SiteSettings
from .text import did_you_mean, is_plain_slug, slugify

#: The usual shape of a web URL, accepted without parsing: scheme, host[:port], then path/query/fragment.
_PLAIN_WEB_URL = re.compile(r"(?i:https?)://[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d{1,5})?(?:[/?#][^\s]*)?\Z")
_TEXT_SCALARS = (str, int, float)

short_repr = reprlib.Repr()
short_repr.maxstring = 60
short_repr.maxother = 60
short_repr.maxlist = short_repr.maxtuple = short_repr.maxset = short_repr.maxdict = 4
short_repr.maxlevel = 2


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
    """An absolute ``http://`` or ``https://`` URL, as written (trimmed)."""
    url = value.strip()
    if _PLAIN_WEB_URL.match(url):
        return url
    try:
        parts = urlsplit(url)
        valid = parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    except ValueError:  # e.g. an unclosed '[' of an IPv6 address
        valid = False
    if not valid:
        raise FieldError(f"expected an absolute http:// or https:// URL, found {url[:80]!r}")
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


def tags(value: Any) -> tuple[tuple[str, ...], list[str]]:
    """A list of tags, or one comma-separated string → the tags, and a message for each bad one.

    Whitespace is collapsed; duplicates (compared case-insensitively) are dropped,
    the first spelling kept.
    """
    if value is None:
        return (), []
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        return (), [f"field 'tags' must be a list of strings or a comma-separated string, found {describe(value)}"]
    found: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, bool) or not isinstance(item, _TEXT_SCALARS):
            errors.append(f"each tag must be text, found {describe(item)}")
            continue
        tag = " ".join(str(item).split())
        if not slugify(tag):
            if tag:
                errors.append(f"tag {tag!r} has no letters or digits to make a URL from")
            continue
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            found.append(tag)
    return tuple(found), errors


def slug(value: object) -> str:
    """A plain slug (``[a-z0-9]+(-[a-z0-9]+)*``), as written."""
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if text is None or not is_plain_slug(text):
        suggestion = slugify(text) if text else ""
        hint = f", e.g. {suggestion!r}" if suggestion else ""
        raise FieldError(
            f"field 'slug' must be a plain slug (lowercase letters, digits and single '-'){hint}; "
            f"found {describe(value)}"
        )
    return text


def describe(value: object) -> str:
    """How a found value reads in a message: its YAML type and a short repr."""
    if value is None:
        return "nothing"
    kind = _KINDS.get(type(value), type(value).__name__)
    return f"{kind} {short_repr.repr(value)}"
