"""Small text helpers shared by loading, grouping and rendering: slugs, summaries, suggestions."""

from __future__ import annotations

import difflib
import functools
import hashlib
import html
import re
from collections.abc import Iterable

from slugify import slugify as _slugify

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
SUMMARY_LIMIT = 300


def slugify(text: str, max_length: int = 0) -> str:
    """python-slugify with its defaults (``ß`` → ``ss``, Cyrillic transliterated).

    ``max_length`` (0: no limit) cuts the slug with python-slugify's own options:
    at the last word boundary at or before that many characters, keeping the
    words in order (``word_boundary``, ``save_order``); a first word longer than
    the limit is cut inside. File names of new articles use it (``SLUG_MAX_LENGTH``).

    A text that is already a plain slug within the limit is its own slug
    (python-slugify leaves it unchanged), so the common case skips the library;
    other results are cached, since the same tags come back in thousands of articles.
    """
    if SLUG_PATTERN.fullmatch(text) and (not max_length or len(text) <= max_length):
        return text
    return _slugify_cached(text, max_length)


@functools.lru_cache(maxsize=65536)
def _slugify_cached(text: str, max_length: int) -> str:
    return _slugify(text, max_length=max_length, word_boundary=True, save_order=True)


def is_plain_slug(value: str) -> bool:
    return SLUG_PATTERN.fullmatch(value) is not None


def slug_from_filename(stem: str, title: str, path: str) -> str:
    """The default slug (SPEC §2): file name without a date prefix, then title, then a hash."""
    slug = slugify(_DATE_PREFIX.sub("", stem))
    if not slug:
        slug = slugify(title)
    if not slug:
        slug = "article-" + hashlib.sha256(path.encode("utf-8")).hexdigest()[:8]
    return slug


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    """``1 article``, ``2 articles`` (``plural_form`` for irregular words)."""
    return f"{count} {word if count == 1 else plural_form or word + 's'}"


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


# --- summaries -------------------------------------------------------------

_FENCE_OPEN = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_SKIPPED_BLOCK = re.compile(
    r"""^\s{0,3}(?:
        \#                     # ATX heading
      | >                      # quote
      | [-*+]\s                # bullet list
      | \d+[.)]\s              # ordered list
      | \|                     # table
      | <                      # raw HTML block
      | (?:[-*_]\s*){3,}$      # horizontal rule
      | !\[                    # image
      | \[\^?[^\]]*\]:         # link reference definition / footnote
    )""",
    re.VERBOSE,
)
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_ATX_HEADING = re.compile(r"^\s{0,3}#")
_INTERRUPTS_PARAGRAPH = re.compile(r"^\s{0,3}(?:\#{1,6}(?:\s|$)|>|[-*+]\s|\d+[.)]\s|\||(?:[*_]\s*){3,}$)")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")
#: (pattern, replacement, a character without which the pattern cannot match): most
#: paragraphs of news prose have no markup at all, and then no pattern runs.
_INLINE_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), "", "]"),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1", "]"),  # inline links
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1", "]"),  # reference links
    (re.compile(r"<[^>\n]+>"), "", "<"),  # inline HTML tags and autolinks
    (re.compile(r"`+([^`]*)`+"), r"\1", "`"),  # code spans
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2", ""),  # strong
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2", ""),  # emphasis
    (re.compile(r"~~(.+?)~~"), r"\1", "~"),  # strike-through
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])"), r"\1", "\\"),  # backslash escapes
)
_EMPHASIS_CHARS = frozenset("*_")


def first_paragraph(markdown: str) -> str:
    """The first prose paragraph of a Markdown body, skipping headings, lists, tables, code and quotes.

    A skipped block (quote, list, table, HTML) goes on until a blank line, so its
    continuation lines are never taken for a paragraph; a heading is one line.
    """
    in_fence: str | None = None
    in_skipped_block = False
    paragraph: list[str] = []
    for line in markdown.splitlines():
        if in_fence:
            if line.strip().startswith(in_fence):
                in_fence = None
            continue
        stripped = line.strip()
        if not stripped:
            if paragraph:
                break
            in_skipped_block = False
            continue
        fence = _FENCE_OPEN.match(line)
        if fence:
            if paragraph:
                break  # a code fence interrupts a paragraph
            in_fence = fence.group(1)[:3]
            in_skipped_block = False
            continue
        if paragraph:
            if _SETEXT_UNDERLINE.match(line) or (len(paragraph) == 1 and _TABLE_DELIMITER.match(line)):
                paragraph = []  # the "paragraph" was a heading, or the header row of a table
                in_skipped_block = not _SETEXT_UNDERLINE.match(line)
                continue
            if _INTERRUPTS_PARAGRAPH.match(line):
                break  # a heading, list, quote, table or rule right after the paragraph ends it
            paragraph.append(line)
            continue
        if in_skipped_block:
            continue
        if _SKIPPED_BLOCK.match(line) or line.startswith(("    ", "\t")):
            in_skipped_block = not _ATX_HEADING.match(line)
            continue
        paragraph.append(line)
    return " ".join(part.strip() for part in paragraph)


def plain_text(markdown_inline: str) -> str:
    """Markdown inline syntax → plain text (links keep their text, markup dropped)."""
    text = markdown_inline
    has_emphasis = not _EMPHASIS_CHARS.isdisjoint(text)
    for pattern, replacement, needed in _INLINE_RULES:
        if (needed in text) if needed else has_emphasis:
            text = pattern.sub(replacement, text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def cut_at_word(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """Cut at the last word boundary at or before ``limit`` characters, adding ``…`` when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    boundary = cut.rfind(" ")
    head = cut[:boundary] if boundary > 0 else text[:limit]
    return head.rstrip(" ,;:.-–—") + "…"


def derive_summary(body: str) -> str:
    """SPEC §2: the body's first paragraph as plain text, cut near 300 characters."""
    return cut_at_word(plain_text(first_paragraph(body)))
