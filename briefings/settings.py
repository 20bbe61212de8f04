"""``mkdocs.yml`` values → the core's settings: the plugin options that need more than a type check.

Words used throughout: *config* is MkDocs' (``mkdocs.yml`` as MkDocs reads it),
*settings* is the core's view of it (:class:`briefings.model.SiteSettings`). The
MkDocs config class (:mod:`briefings.plugin.config`) calls these functions, so
the rules live in one place and the core stays free of MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .model import Topic
from .text import did_you_mean, is_plain_slug, slugify


class ConfigError(ValueError):
    """A bad value in ``mkdocs.yml``; the message says what was expected."""


def default_topic_title(key: str) -> str:
    """``climate-change`` → ``Climate change``: the title of a topic that has none."""
    return key.replace("-", " ").capitalize()


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
