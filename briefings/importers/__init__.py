"""Importers: raw text, saved web pages and RSS/Atom files → article drafts (SPEC §5, "Import rules").

:func:`read_input` reads one file, recognises its kind and returns its drafts
(or why it cannot be imported), with one reader per kind: :mod:`.from_text`,
:mod:`.from_html`, :mod:`.from_feed`. :mod:`.write` turns drafts into article
files; :mod:`briefings.app.authoring` runs ``briefings import`` and ``new``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .write import Draft, ImportFailure

Kind = Literal["text", "html", "feed"]

_FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b", re.IGNORECASE | re.DOTALL
)
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


@dataclass
class Item:
    """One article found in an input file (a feed gives many), or why it could not be read."""

    label: str  # for messages: ``seed-article.txt`` or ``feed.xml (entry 3)``
    draft: Draft | None = None
    error: str | None = None


def detect_kind(path: Path, data: bytes) -> Kind:
    """Return what a file holds, from its first bytes, else from its file name extension."""
    from .from_feed import looks_like_feed

    if looks_like_feed(data):
        return "feed"
    if _HTML_START.match(data[:4096]):
        return "html"
    suffix = path.suffix.lower()
    if suffix in _FEED_SUFFIXES:
        return "feed"
    if suffix in _HTML_SUFFIXES:
        return "html"
    return "text"


def decode(data: bytes, kind: Kind) -> str:
    """Return the text of a file: UTF-8 (BOM allowed); an HTML page may declare another charset.

    Raises :class:`ImportFailure` for bytes that are not text.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if kind == "html":
            declared = _CHARSET.search(data[:4096])
            if declared:
                try:
                    return data.decode(declared.group(1).decode("ascii"))
                except (LookupError, UnicodeDecodeError):
                    pass
        raise ImportFailure(f"not UTF-8 text (byte {data[exc.start]:#04x} at position {exc.start})") from None


def read_input(path: Path, label: str | None = None) -> list[Item]:
    """Return the articles in one file (a text file or page gives one, a feed one per entry).

    Never raises for bad input: a missing, empty, binary or unreadable file gives
    one :class:`Item` with an ``error``.
    """
    label = label or str(path)
    try:
        if path.is_dir():
            raise ImportFailure("is a folder, not a file")
        data = path.read_bytes()
        if not data.strip(b" \t\r\n\xef\xbb\xbf"):
            raise ImportFailure("the file is empty")
        if b"\x00" in data[:8192]:
            raise ImportFailure("not a text file (binary data)")
        kind = detect_kind(path, data)
        if kind == "feed":
            from .from_feed import parse_feed

            _, entries = parse_feed(data)
            return [Item(f"{label} (entry {entry.number})", entry.draft, entry.error) for entry in entries]
        text = decode(data, kind)
        if kind == "html":
            from .from_html import parse_html

            return [Item(label, parse_html(text))]
        from .from_text import parse_text

        return [Item(label, parse_text(text))]
    except ImportFailure as exc:
        return [Item(label, error=str(exc))]
    except FileNotFoundError:
        return [Item(label, error="no such file")]
    except PermissionError:
        return [Item(label, error="permission denied")]
    except OSError as exc:
        return [Item(label, error=f"could not read the file: {exc.strerror or exc}")]
    except Exception as exc:  # noqa: BLE001 - a parser bug on one file must not stop the others
        return [Item(label, error=f"could not import this file: {type(exc).__name__}: {exc}")]


__all__ = ["Draft", "ImportFailure", "Item", "Kind", "decode", "detect_kind", "read_input"]
