"""Importers: raw text, saved web pages and RSS/Atom files → article drafts (SPEC §5, "Import rules").

:func:`read_input` reads one file, recognises its kind and returns its drafts
(or why it cannot be imported), with one reader per kind: :mod:`.from_text`,
:mod:`.from_html`, :mod:`.from_feed`. :mod:`.write` turns drafts into article
files; :mod:`briefings.app.authoring` runs ``briefings import`` and ``new``.
"""

from __future__ import annotations

import os
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
#: What a folder argument's files may be: text (no extension, too), saved pages, feeds.
_READABLE_SUFFIXES = {"", ".txt", ".text", ".md", ".markdown", *_FEED_SUFFIXES, *_HTML_SUFFIXES}
#: The folder a browser saves next to ``Page.html`` (``Page_files``, localised names too): its images and scripts.
_PAGE_RESOURCES = re.compile(r"(?P<page>.+)[_-](?:files|Dateien|fichiers|archivos)")
_MARKDOWN_SUFFIXES = {".md", ".markdown"}


@dataclass
class Item:
    """One article found in an input file (a feed gives many), or why it could not be read."""

    label: str  # for messages: ``seed-article.txt`` or ``feed.xml (entry 3)``
    draft: Draft | None = None
    error: str | None = None


@dataclass
class InputFile:
    """A file to import: an argument itself, or one found in a folder argument."""

    path: Path
    label: str  # for messages: the argument, joined with the path inside the folder
    passed_over: str | None = None  # why a file found in a folder is not read (not an error)
    error: str | None = None  # why a folder argument cannot be read (an error)


def input_files(path: Path, label: str | None = None) -> list[InputFile]:
    """The files an argument names: the file itself, or what a folder holds, recursively, sorted by path.

    In a folder, names starting with ``.`` are left out (``.git``, ``.DS_Store``),
    links to folders are not followed, and a browser's ``Page_files`` folder next
    to ``Page.html`` is passed over as a whole (the page's images and scripts).
    A file whose extension is not one of a text, a page or a feed
    (:data:`_READABLE_SUFFIXES`) is passed over with the reason; so is a Markdown
    file with front matter (already an article, not a clipping), and anything
    that is not a regular file. A folder with nothing to read is an error.
    """
    label = label or str(path)
    if not path.is_dir():
        return [InputFile(path, label)]
    found: list[tuple[tuple[str, ...], InputFile]] = []
    problems: list[OSError] = []

    def add(entry: Path, passed_over: str | None = None) -> None:
        inside = entry.relative_to(path)
        found.append((inside.parts, InputFile(entry, os.path.join(label, inside), passed_over)))

    for folder, subfolders, files in os.walk(path, onerror=problems.append):
        here = Path(folder)
        pages = {os.path.splitext(name)[0] for name in files if Path(name).suffix.lower() in _HTML_SUFFIXES}
        kept = []
        for name in subfolders:
            resources = _PAGE_RESOURCES.fullmatch(name)
            if name.startswith("."):
                continue
            if (here / name).is_symlink():
                add(here / name, "a link to a folder: not followed")
            elif resources and resources.group("page") in pages:
                add(here / name, f"the images and scripts saved with {resources.group('page')}.html")
            else:
                kept.append(name)
        subfolders[:] = kept
        for name in files:
            entry = here / name
            suffix = entry.suffix.lower()
            if name.startswith(".") or name.startswith("~$"):  # hidden, or an office suite's lock file
                continue
            if not entry.is_file():
                add(entry, "not a regular file")
            elif suffix not in _READABLE_SUFFIXES:
                add(entry, f"a {suffix} file: import reads text files, saved web pages and RSS/Atom feeds")
            elif suffix in _MARKDOWN_SUFFIXES and _has_front_matter(entry):
                add(entry, "a Markdown file with front matter, already an article: --from moves a site's posts in")
            else:
                add(entry)
    errors = [InputFile(Path(p.filename or path), _label_of(p, path, label), error=_os_error(p)) for p in problems]
    files_found = [item for _, item in sorted(found, key=lambda pair: pair[0])]
    if not errors and not any(item.passed_over is None for item in files_found):
        errors.append(
            InputFile(path, label, error="the folder holds no file to import (text files, saved web pages, feeds)")
        )
    return errors + files_found


def _has_front_matter(path: Path) -> bool:
    """True when a file starts with a ``---`` line (an article of this or another site, not a clipping)."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(64)
    except OSError:
        return False  # read_input says why
    return first.removeprefix(b"\xef\xbb\xbf").rstrip(b" \t\r\n") == b"---"


def _label_of(error: OSError, folder: Path, label: str) -> str:
    """How a folder that could not be listed is named: the argument, joined with its path inside."""
    where = Path(os.fsdecode(error.filename)) if error.filename else folder
    try:
        return os.path.join(label, where.relative_to(folder)) if where != folder else label
    except ValueError:
        return str(where)


def _os_error(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    return f"could not read the folder: {error.strerror or error}"


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

    A folder gives the articles of the files it holds (:func:`input_files`; the
    files passed over are left out). Never raises for bad input: a missing,
    empty, binary or unreadable file gives one :class:`Item` with an ``error``.
    Each draft says where its date was found (``date_origin``).
    """
    label = label or str(path)
    if path.is_dir():
        items: list[Item] = []
        for found in input_files(path, label):
            if found.error is not None:
                items.append(Item(found.label, error=found.error))
            elif found.passed_over is None:
                items.extend(read_input(found.path, found.label))
        return items
    try:
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


__all__ = [
    "Draft",
    "ImportFailure",
    "InputFile",
    "Item",
    "Kind",
    "decode",
    "detect_kind",
    "input_files",
    "read_input",
]
