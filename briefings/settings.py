"""``mkdocs.yml`` values → the core's settings: the plugin options that need more than a type check.

Words used throughout: *config* is MkDocs' (``mkdocs.yml`` as MkDocs reads it),
*settings* is the core's view of it (:class:`briefings.model.SiteSettings`). The
MkDocs config class (:mod:`briefings.plugin.config`) calls these functions, so
the rules live in one place and the core stays free of MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from email.utils import parseaddr
from string import Formatter
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .model import KNOWN_FIELDS, UNSUBSCRIBE_PRESETS, Topic
from .text import did_you_mean, is_plain_slug, slugify


class ConfigError(ValueError):
    """A bad value in ``mkdocs.yml``; the message says what was expected."""


#: Words of topic keys that are written in capitals in a title (``eu-politics`` → ``EU politics``).
TITLE_ACRONYMS = frozenset({"ai", "ecb", "eu", "g7", "g20", "imf", "nato", "opec", "uk", "un", "us", "usa", "uae"})


def default_topic_title(key: str) -> str:
    """``climate-change`` → ``Climate change``, ``eu-politics`` → ``EU politics``: a title for a bare key."""
    words = [word.upper() if word in TITLE_ACRONYMS else word for word in key.split("-") if word]
    if not words:
        return key
    first = words[0]
    return " ".join([first if first.isupper() else first.capitalize(), *words[1:]])


def parse_timezone(name: object) -> ZoneInfo:
    """An IANA zone name (``Europe/Paris``) → :class:`ZoneInfo`."""
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"expected an IANA time zone name such as 'Europe/Paris', found {name!r}")
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as 'Europe'
        hint = did_you_mean(name, sorted(available_timezones()))
        raise ConfigError(
            f"unknown time zone {name!r}{hint}; expected an IANA name such as 'Europe/Paris' or 'UTC'"
        ) from None


def parse_extra_fields(value: object) -> tuple[str, ...]:
    """``extra_fields:``: the names of front matter fields a site uses in its own templates."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(name, str) and name.strip() for name in value):
        raise ConfigError(f"expected a list of field names, e.g. [subtitle, region], found {value!r}")
    names = tuple(dict.fromkeys(name.strip() for name in value))
    for name in names:
        if name in KNOWN_FIELDS:
            raise ConfigError(f"{name!r} is one of Briefings' own fields: it needs no declaring")
    return names


def parse_topics(value: object) -> tuple[Topic, ...]:
    """The ``topics:`` mapping → ordered topics.

    Each entry is ``key: Title`` or ``key: {title, description, keywords}``.
    An empty or absent mapping means topics are discovered from the articles.
    """
    if value is None or (isinstance(value, (list, str)) and not value):
        return ()  # `topics:`, `topics: []`, `topics: ""`: discovered from the articles
    if not isinstance(value, Mapping):
        raise ConfigError(f"expected a mapping of topic keys to titles, found {type(value).__name__}")
    topics: list[Topic] = []
    for raw_key, spec in value.items():
        key = str(raw_key)
        if not is_plain_slug(key):
            raise ConfigError(
                f"topic key {key!r} must be a plain key of lowercase letters, digits and '-', e.g. {slugify(key)!r}"
            )
        topics.append(_topic(key, spec))
    return tuple(topics)


_TOPIC_FIELDS = ("title", "description", "keywords")


def _topic(key: str, spec: Any) -> Topic:
    if spec is None:
        return Topic(key=key, title=default_topic_title(key))
    if isinstance(spec, str):
        return Topic(key=key, title=spec)
    if not isinstance(spec, Mapping):
        raise ConfigError(
            f"topic {key!r}: expected a title or a mapping with title, description and keywords, "
            f"found {type(spec).__name__}"
        )
    for name in spec:
        if name not in _TOPIC_FIELDS:
            raise ConfigError(f"topic {key!r}: unknown key {name!r}{did_you_mean(str(name), _TOPIC_FIELDS)}")
    title = spec.get("title", default_topic_title(key))
    description = spec.get("description", "") or ""
    keywords = spec.get("keywords", []) or []
    if not isinstance(title, str) or not title.strip():
        raise ConfigError(f"topic {key!r}: 'title' must be non-empty text")
    if not isinstance(description, str):
        raise ConfigError(f"topic {key!r}: 'description' must be text")
    if isinstance(keywords, str):
        keywords = [k.strip() for k in keywords.split(",")]
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise ConfigError(f"topic {key!r}: 'keywords' must be a list of words")
    return Topic(
        key=key, title=title.strip(), description=description.strip(), keywords=tuple(k for k in keywords if k)
    )


# --- the email edition (``email:``) ------------------------------------------------------------

_BARE_WORD = re.compile(r"[A-Za-z][A-Za-z_-]*")
#: The placeholders a UTM value may hold, each replaced per briefing.
UTM_PLACEHOLDERS = ("date",)
EMAIL_LOGO_MAX_WIDTH = 600


def parse_unsubscribe(value: object) -> str:
    """A preset name (``listmonk``, ``buttondown``, ``mailchimp``, ``ses``) → its placeholder; other text as it is.

    A bare word that is no preset is refused (a misspelt preset would otherwise
    become a broken link in every email).
    """
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"expected a preset ({', '.join(UNSUBSCRIBE_PRESETS)}) or placeholder text, found {value!r}")
    text = value.strip()
    if text.lower() in UNSUBSCRIBE_PRESETS:
        return UNSUBSCRIBE_PRESETS[text.lower()]
    if _BARE_WORD.fullmatch(text):
        raise ConfigError(
            f"unknown preset {text!r}{did_you_mean(text.lower(), UNSUBSCRIBE_PRESETS)}; use one of "
            f"{', '.join(UNSUBSCRIBE_PRESETS)}, or the sending service's own placeholder, "
            "such as '{{ unsubscribe }}'"
        )
    return text


def parse_sender(value: object) -> str:
    """``Name <address@example.org>`` or a bare address, for the From of the .eml; empty means a placeholder."""
    if not isinstance(value, str):
        raise ConfigError(f"expected an address such as 'Briefing <news@example.org>', found {value!r}")
    text = value.strip()
    if text and "@" not in parseaddr(text)[1]:
        raise ConfigError(f"expected an address such as 'Briefing <news@example.org>', found {text!r}")
    return text


def parse_utm_value(value: object) -> str | None:
    """One UTM value; ``{date}`` is the only placeholder (the briefing's first day, ``2024-11-25``)."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"expected non-empty text, found {value!r}")
    try:
        names = [name for _, name, _, _ in Formatter().parse(value) if name is not None]
    except ValueError as exc:
        raise ConfigError(f"{value!r}: {exc} (write {{{{ and }}}} for literal braces)") from None
    unknown = [name for name in names if name not in UTM_PLACEHOLDERS]
    if unknown:
        raise ConfigError(f"{value!r}: unknown placeholder {{{unknown[0]}}}; only {{date}} is replaced")
    return value.strip()


def parse_pixels(value: object) -> int:
    """An image size in CSS pixels: a whole number from 1 to 600 (the width of the email)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= EMAIL_LOGO_MAX_WIDTH:
        raise ConfigError(f"expected a whole number of pixels from 1 to {EMAIL_LOGO_MAX_WIDTH}, found {value!r}")
    return value


def parse_image_src(value: object) -> str:
    """An image address: relative to ``site_url`` (``assets/logo.png``) or an absolute http(s) URL."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"expected an image path such as 'assets/logo.png' or an https:// URL, found {value!r}")
    text = value.strip()
    scheme = urlsplit(text).scheme.lower()
    if scheme not in ("", "http", "https") or text.startswith("//"):
        raise ConfigError(f"expected an image path such as 'assets/logo.png' or an https:// URL, found {text!r}")
    return text.lstrip("/") if not scheme else text
