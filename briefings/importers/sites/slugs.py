"""Each generator's own slug and date-format rules, so an old URL is computed as the old site made it.

These are ports of the code the old sites ran, kept to what URLs need:

* Jekyll: ``Jekyll::Utils.slugify`` (modes ``raw``, ``default``, ``pretty``,
  ``ascii``; ``latin`` as ``ascii`` after dropping accents) and ``titleize_slug``.
* Hugo: ``paths.Sanitize`` + lower case (``urlize``), ``removePathAccents``,
  and Go's time layouts (``:2006``, ``:Jan``…) in permalinks.
* Material for MkDocs: its default ``post_slugify``, ``pymdownx.slugs.slugify(case="lower")``.

The URLs are returned decoded (``café/``, not ``caf%C3%A9/``): that is the path of
the file the old site wrote, which is what a redirect page replaces.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# --- Jekyll ------------------------------------------------------------------

_JEKYLL_PRETTY_KEPT = frozenset("._~!$&'()+,;=@")


def _is_letter_mark_or_digit(character: str) -> bool:
    """Ruby's ``[\\p{M}\\p{L}\\p{Nd}]``."""
    category = unicodedata.category(character)
    return category[0] in "LM" or category == "Nd"


def jekyll_slugify(text: str, mode: str = "default", cased: bool = False) -> str:
    """``Jekyll::Utils.slugify``: runs of other characters become one ``-``, one leading and trailing ``-`` go.

    ``default``: keeps letters, marks and decimal digits; ``pretty`` also keeps
    ``._~!$&'()+,;=@``; ``ascii`` keeps ``A-Za-z0-9``; ``raw`` replaces only
    whitespace; ``latin`` drops accents, then works as ``ascii``... as Jekyll
    does (it transliterates, then slugifies in the ``default`` way). Lower case
    unless ``cased``. An unknown mode leaves the text as it is (lower-cased).
    """
    if mode not in ("raw", "default", "pretty", "ascii", "latin"):
        return text if cased else text.lower()
    if mode == "latin":
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = "".join(c if c.isascii() else "?" for c in text)

    def kept(character: str) -> bool:
        if mode == "raw":
            return not character.isspace()
        if mode == "ascii":
            return character.isascii() and character.isalnum()
        if mode == "pretty" and character in _JEKYLL_PRETTY_KEPT:
            return True
        return _is_letter_mark_or_digit(character)

    out: list[str] = []
    replacing = False
    for character in text:
        if kept(character):
            out.append(character)
            replacing = False
        elif not replacing:
            out.append("-")
            replacing = True
    slug = "".join(out)
    slug = slug[1:] if slug.startswith("-") else slug
    slug = slug[:-1] if slug.endswith("-") else slug
    return slug if cased else slug.lower()


def titleize_slug(slug: str) -> str:
    """``Jekyll::Utils.titleize_slug``: ``my-first-post`` → ``My First Post`` (Ruby's ``capitalize`` per word)."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in slug.split("-"))


# --- Hugo ----------------------------------------------------------------------


def _hugo_allowed(text: str, index: int, character: str) -> bool:
    if character == " ":
        return False
    if character.isalpha() or unicodedata.category(character) == "Nd":
        return True
    if character in "./\\_#+~-@" or unicodedata.category(character).startswith("M"):
        return True
    return character == "%" and index + 2 < len(text) and _is_hex(text[index + 1]) and _is_hex(text[index + 2])


def _is_hex(character: str) -> bool:
    return character in "0123456789abcdefABCDEF"


def hugo_sanitize(text: str) -> str:
    """Hugo's ``paths.Sanitize``: letters, digits, marks and ``./\\_#+~-@`` stay, spaces become ``-``, the rest goes."""
    target: list[str] = []
    prepend_hyphen = was_hyphen = False
    for index, character in enumerate(text):
        if _hugo_allowed(text, index, character):
            was_hyphen = character == "-"
            if prepend_hyphen:
                if not was_hyphen:
                    target.append("-")
                prepend_hyphen = False
            target.append(character)
        elif target and not was_hyphen and character.isspace():
            prepend_hyphen = True
    return "".join(target)


def hugo_urlize(text: str, lower: bool = True, remove_accents: bool = False) -> str:
    """Hugo's ``urlize`` as a path on disk: sanitized, accents dropped if configured, lower-cased unless disabled."""
    path = hugo_sanitize(text)
    if remove_accents:
        path = unicodedata.normalize(
            "NFC", "".join(c for c in unicodedata.normalize("NFD", path) if unicodedata.category(c) != "Mn")
        )
    return path.lower() if lower else path


#: Go's reference-time layout elements, longest first, with how to write each.
_GO_LAYOUT = (
    ("January", lambda d: d.strftime("%B")),
    ("Monday", lambda d: d.strftime("%A")),
    ("2006", lambda d: f"{d.year:04d}"),
    ("Jan", lambda d: d.strftime("%b")),
    ("Mon", lambda d: d.strftime("%a")),
    ("MST", lambda d: d.tzname() or "UTC"),
    ("002", lambda d: f"{d.timetuple().tm_yday:03d}"),
    ("_2", lambda d: f"{d.day:2d}"),
    ("01", lambda d: f"{d.month:02d}"),
    ("02", lambda d: f"{d.day:02d}"),
    ("03", lambda d: f"{(d.hour % 12) or 12:02d}"),
    ("04", lambda d: f"{d.minute:02d}"),
    ("05", lambda d: f"{d.second:02d}"),
    ("06", lambda d: f"{d.year % 100:02d}"),
    ("15", lambda d: f"{d.hour:02d}"),
    ("PM", lambda d: "PM" if d.hour >= 12 else "AM"),
    ("pm", lambda d: "pm" if d.hour >= 12 else "am"),
    ("1", lambda d: str(d.month)),
    ("2", lambda d: str(d.day)),
    ("3", lambda d: str((d.hour % 12) or 12)),
    ("4", lambda d: str(d.minute)),
    ("5", lambda d: str(d.second)),
)


def go_time_format(moment: dt.datetime, layout: str) -> str:
    """Format ``moment`` with a Go time layout (``2006-01-02``, ``Jan``…), as Hugo's ``:2006`` permalinks do."""
    out: list[str] = []
    index = 0
    while index < len(layout):
        for element, write in _GO_LAYOUT:
            if layout.startswith(element, index):
                out.append(write(moment))
                index += len(element)
                break
        else:
            out.append(layout[index])
            index += 1
    return "".join(out)


def is_go_layout(word: str) -> bool:
    """Hugo's test for a date attribute: formatting its reference time with ``word`` changes it."""
    reference = dt.datetime(2019, 11, 9, 23, 1, 42, tzinfo=dt.UTC)
    return go_time_format(reference, word) != word


# --- Material for MkDocs -----------------------------------------------------------

_TAGS = re.compile(r"</?[^>]*>")
_INVALID_SLUG_CHARACTER = re.compile(r"[^\w\- ]")


def material_slugify(text: str, separator: str = "-") -> str:
    """Material's default ``post_slugify``: ``pymdownx.slugs.slugify(case="lower")``.

    NFC, HTML tags dropped, trimmed, lower-cased; every character but word
    characters, ``-`` and spaces dropped; each space becomes ``separator``.
    """
    slug = _TAGS.sub("", unicodedata.normalize("NFC", text)).strip().lower()
    return _INVALID_SLUG_CHARACTER.sub("", slug).replace(" ", separator)


def mkdocs_title_from_name(stem: str) -> str:
    """MkDocs' title for a page without one: ``my-first_post`` → ``My first post`` (case kept unless all lower)."""
    title = stem.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title
