"""Fuzzing: hostile front matter never makes the loader raise, and whatever it accepts builds.

Five seeded Hypothesis runs (``derandomize=True``: the same files on every run) feed
about 2,100 article files to :func:`briefings.load.load_file`, in-process:

* ``fuzz_valid_articles``: well-formed articles written every way YAML allows
  (plain, quoted, block and folded scalars, flow and block lists, comma strings,
  any field order, CRLF or CR line endings, a BOM, ``...`` as the closing fence);
* ``fuzz_mutated_articles``: such articles after byte flips, deletions, insertions
  (random bytes and YAML tokens), duplicated and swapped lines, truncation;
* ``fuzz_random_bytes``: raw bytes (invalid UTF-8 included), bare or between fences;
* ``fuzz_yaml_features``: a valid article plus hostile YAML: anchors and aliases,
  alias bombs (also in known fields and merge keys), recursive aliases, merge keys
  (``<<``), duplicate keys, deep nesting, huge numbers (thousands of digits, hex,
  octal, ``1e999``), extreme dates (years 1, 1899, 2101, 2107, 9999, offsets up to
  ±23:59, leap seconds, DST gaps), explicit tags (unknown, unsafe, %-escaped),
  tabs, BOMs, CRLF and CR, NUL and other control characters (raw and escaped),
  very long keys, values and lists;
* ``fuzz_extreme_values``: every field just under, at and just over its limit.

For every file: loading raises nothing (no ``could not read this article`` either),
the article comes back exactly when there is no error, every problem names the file
and a line inside it, is an error or a warning, and reads as one line of text with
no Python internals; an accepted article respects every limit of ``briefings/limits.py``.

Then the accepted files (deduplicated) are built together, once, by ``briefings build``
in a subprocess, and the ten largest each in a site of their own: the build
succeeds, every article page is there, and time, site size and peak memory stay bounded.

The build tests use the files the fuzz tests accepted in this process; when run on
their own (``-k``, or on another xdist worker) they run the fuzz tests first.

The tests at the end pin the bugs the fuzzing found (fixed): tags with %-escaped
controls, body warnings quoting HTML as written, NEL/LS/PS shifting line numbers,
unknown fields nested hundreds of levels deep, dates Python's reader refuses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from check_helpers import settings_for
from helpers import FixtureSite, write_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.limits import (
    AUTHOR_MAX,
    BODY_MAX,
    EARLIEST_YEAR,
    LATEST_YEAR,
    SLUG_MAX,
    SOURCE_MAX,
    SOURCE_URL_MAX,
    SUMMARY_MAX,
    TAG_MAX,
    TAGS_MAX,
    TITLE_MAX,
    TOPIC_MAX,
    UNUSED_FIELDS_MAX,
)
from briefings.load import load_articles, load_file
from briefings.model import Article, Problem
from briefings.text import slugify

# --- the settings of every run -----------------------------------------------------------------

FUZZ = settings(
    derandomize=True,  # the same cases on every run, on every machine
    database=None,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
)

#: How many files each run loads: 2,100 in about 16 s (the whole file, builds included: about 35 s).
EXAMPLES = {
    "fuzz_valid_articles": 300,
    "fuzz_mutated_articles": 650,
    "fuzz_random_bytes": 250,
    "fuzz_yaml_features": 700,
    "fuzz_extreme_values": 200,
}
MIN_CASES = 2000

CASE_NAME = "case.md"
CASE_PATH = f"content/{CASE_NAME}"

#: Bounds of the builds.
BUILD_SECONDS = 60
BUILD_TIMEOUT = 300  # then the build is killed
EXTREME_BUILD_SECONDS = 30
PAGE_BYTES_MAX = 2_000_000  # one article's page
EXTREME_SITE_GROWTH_MAX = 4_000_000  # one article at every limit costs ~350 KB of site over an empty one
PEAK_RSS_MAX = 1024 * 1024 * 1024
EXTREME_BUILDS = 10


# --- building blocks of front matter -----------------------------------------------------------

HEADLINES = [
    "Parliament passes the budget",
    "Storm hits the coast",
    "Élection : les résultats",
    "中国经济增长放缓",
    "Ukraine: talks resume in Geneva",
    "1984",
    "yes",
    "null",
    "Q&A: <b>what</b> next? [x](javascript:alert(1))",
    "Prices up 3% — again",
    "🚀 Launch window opens",
    "Tabs\tinside",
    "عنوان عربي",
    "{{ template }} and {% raw %}",
]
TOPIC_KEYS = ["politics", "defence", "economy"]
TAG_POOL = [
    "NATO",
    "Ukraine",
    "budget",
    "France",
    "EU",
    "energy",
    "climate",
    "中国",
    "Élections",
    "AI",
    "trade",
    "C++",
    "e-mail",
    "2024",
    "G7",
    "Москва",
]
SOURCES = ["Le Monde", "Example Wire", "The Wall Street Journal", "ARD", "新华社", "O'Reilly"]
URLS = [
    "https://example.org/a",
    "http://example.org/path?q=1&r=2#frag",
    "https://xn--exmple-cua.org/",
    "https://例子.中国/新闻",
    "https://[::1]:8080/x",
    "https://example.org/%20space",
]
BODY_PARTS = [
    "Some text.",
    "# Heading\n\nA paragraph with *emphasis* and a [link](https://example.org).",
    "- one\n- two\n\n1. first\n2. second",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "```python\nprint('hi')\n```",
    "> a quote\n\nAfter the quote.",
    '<script>alert(1)</script> <a href="javascript:alert(2)" onclick="x()">y</a> <p id="__config">z</p>',
    "Footnote[^1].\n\n[^1]: The note.",
    "Text with a NBSP\u00a0and a ZWJ\u200d and RTL \u202e override.",
    "",
    "---",
    "...",
    "{{ jinja }} {% if x %}",
    "Ctrl \x1b[31m red \x01 \x7f",
]
#: Any text but lone surrogates (control characters included).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30)


#: Replaced by :func:`to_bytes` with a slug made from the whole file: two files rarely share a URL.
UNIQUE_SLUG = "unique-slug-here"


def to_bytes(text: str, newline: str = "\n", bom: bool = False) -> bytes:
    if UNIQUE_SLUG in text:
        unique = hashlib.sha256(repr((text, newline, bom)).encode("utf-8", "surrogatepass")).hexdigest()[:12]
        text = text.replace(UNIQUE_SLUG, "s-" + unique)
    data = text.replace("\n", newline).encode("utf-8", "surrogatepass")
    return b"\xef\xbb\xbf" + data if bom else data


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def double_quoted(text: str, ascii_only: bool = False) -> str:
    return json.dumps(text, ensure_ascii=ascii_only)


def block(text: str, indicator: str) -> str:
    lines = text.split("\n") or [""]
    return indicator + "\n" + "\n".join("  " + line for line in lines)


@st.composite
def yaml_scalar(draw: st.DrawFn, text: str) -> str:
    """``text`` written as a YAML scalar, in one of YAML's styles (plain may misread: that is fine)."""
    style = draw(st.sampled_from(["plain", "single", "double", "double-ascii", "literal", "folded"]))
    if style == "plain":
        return text
    if style == "single":
        return single_quoted(text)
    if style == "double":
        return double_quoted(text)
    if style == "double-ascii":
        return double_quoted(text, ascii_only=True)
    return block(text, "|" if style == "literal" else ">-")


@st.composite
def dates(draw: st.DrawFn) -> str:
    moment = draw(st.datetimes(min_value=dt.datetime(1901, 1, 2), max_value=dt.datetime(2099, 12, 30)))
    form = draw(st.integers(0, 7))
    if form == 0:
        text = f"{moment:%Y-%m-%d}"
    elif form == 1:
        text = f"{moment:%Y-%m-%d %H:%M}"
    elif form == 2:
        text = f"{moment:%Y-%m-%dT%H:%M:%S}"
    elif form == 3:
        text = f"{moment:%Y-%m-%dT%H:%M:%S}" + draw(st.sampled_from(["Z", "+01:00", "-05:00", "+14:00", "+0530"]))
    elif form == 4:
        text = f"{moment:%Y-%m-%d %H:%M:%S}.{moment.microsecond:06d}"
    elif form == 5:
        text = f"{moment:%Y-%m-%d}T{moment:%H:%M}z"
    elif form == 6:
        text = f"{moment:%Y-%m-%d %H:%M:%S} +02:00"
    else:
        text = f"{moment:%Y-%m-%d %H:%M}"
    return draw(st.sampled_from([text, single_quoted(text), double_quoted(text)]))


@st.composite
def tag_values(draw: st.DrawFn) -> str:
    tags = draw(st.lists(st.one_of(st.sampled_from(TAG_POOL), WORDS.map(lambda w: w[:20])), max_size=6))
    form = draw(st.integers(0, 3))
    if form == 0:
        return "[" + ", ".join(double_quoted(t) for t in tags) + "]"
    if form == 1:
        return double_quoted(", ".join(tags))
    if form == 2:
        return "".join(f"\n  - {double_quoted(t)}" for t in tags) or "[]"
    return "[" + ", ".join(tags) + "]"  # plain: some of these misread, on purpose


@st.composite
def bodies(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(BODY_PARTS), TEXT), max_size=5))
    return "\n\n".join(parts)


@st.composite
def field_lines(draw: st.DrawFn) -> list[str]:
    """The ``name: value`` lines of a (usually) valid article, in any order."""
    title = draw(st.one_of(st.sampled_from(HEADLINES), WORDS))
    lines = [
        "title: " + draw(yaml_scalar(title)),
        "date: " + draw(dates()),
        "topic: " + draw(st.sampled_from(TOPIC_KEYS)),
    ]
    optional: dict[str, st.SearchStrategy[str]] = {
        "summary": st.one_of(st.sampled_from(HEADLINES), TEXT).flatmap(yaml_scalar),
        "source": st.sampled_from(SOURCES).flatmap(yaml_scalar),
        "source_url": st.sampled_from(URLS).map(double_quoted),
        "tags": tag_values(),
        "priority": st.sampled_from(["1", "2", "3", "'2'"]),
        "author": st.one_of(st.sampled_from(["Anna Keller", "Jean Dupont and Maria Rossi"]), WORDS).flatmap(
            yaml_scalar
        ),
        "slug": st.sampled_from([UNIQUE_SLUG, f"'{UNIQUE_SLUG}'", f'"{UNIQUE_SLUG}"', f"!!str {UNIQUE_SLUG}"]),
        "draft": st.sampled_from(["true", "false", "yes", "no", "off"]),
        "weight": st.sampled_from(["1", "[a, b]", "{x: 1}", "~", "'text'"]),
    }
    for name in draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=len(optional))):
        lines.append(f"{name}: {draw(optional[name])}")
    lines.extend(draw(st.sampled_from(["", "# a comment", "   "])) for _ in range(draw(st.integers(0, 1))))
    return draw(st.permutations(lines))


@st.composite
def article_texts(draw: st.DrawFn, lines: list[str] | None = None) -> str:
    if lines is None:
        lines = draw(field_lines())
    closing = draw(st.sampled_from(["---", "---", "...", "---  ", "---\t"]))
    return "\n".join(["---", *lines, closing, draw(bodies()), ""])


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    newline = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"]))
    return to_bytes(text, newline, bom=draw(st.booleans()))


# --- hostile YAML ----------------------------------------------------------------------------------

#: Tokens worth inserting: fences, YAML indicators, broken UTF-8, line separators, a BOM, controls.
TOKENS = [
    b"---\n",
    b"\n...\n",
    b"\n",
    b"\r\n",
    b"\r",
    b"\t",
    b"\x00",
    b"\x1b",
    b"\x7f",
    b"\xef\xbb\xbf",
    b": ",
    b" ",
    b"&a ",
    b"*a",
    b"<<: ",
    b"!!int ",
    b"!!python/object:os.system ",
    b"!x ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"'",
    b'"',
    b"\\",
    b"#",
    b"- ",
    b"? ",
    b"|",
    b">",
    b"%",
    b"@",
    b"`",
    b",",
    b"\xc3",
    b"\xff",
    b"\xed\xa0\x80",
    b"\xe2\x80\xa8",
    b"\xc2\x85",
    b"\xef\xbf\xbe",
    b"0x",
    b"9" * 40,
    b"2107-01-01",
    b"0001-01-01",
    b"tags: ",
    b"title: ",
    b"date: ",
    b"slug: ",
]


def repeat(unit: str, length: int) -> str:
    """``unit`` repeated to exactly ``length`` characters."""
    return (unit * (length // max(1, len(unit)) + 1))[:length]


@st.composite
def alias_bomb(draw: st.DrawFn) -> list[str]:
    """Billion laughs: each level lists the one below ``fanout`` times; the last level lands in a field."""
    depth = draw(st.integers(1, 9))
    fanout = draw(st.integers(2, 12))
    kind = draw(st.sampled_from(["list", "map"]))
    lines = ["l0: &l0 " + ("[lol, lol, lol]" if kind == "list" else "{a: lol, b: lol}")]
    for level in range(1, depth + 1):
        refs = [f"*l{level - 1}"] * fanout
        if kind == "list":
            value = "[" + ", ".join(refs) + "]"
        else:
            value = "{" + ", ".join(f"k{i}: {ref}" for i, ref in enumerate(refs)) + "}"
        lines.append(f"l{level}: &l{level} {value}")
    target = draw(st.sampled_from(["bomb", "tags", "summary", "title", "date", "slug", "<<", "nested"]))
    top = f"*l{depth}"
    if target == "<<":
        lines.append(f"<<: {{bomb: {top}}}" if kind == "list" else f"<<: {top}")
    elif target == "nested":
        lines.append(f"nested: {{a: [{top}, {top}], b: {{c: {top}}}}}")
    else:
        lines.append(f"{target}: {top}")
    return lines


@st.composite
def anchors_and_aliases(draw: st.DrawFn) -> list[str]:
    name = draw(st.sampled_from(["a", "t", "anchor-1", "x_y", "é"]))
    value = draw(
        st.sampled_from(
            ["Shared title", "[NATO, EU]", "{a: 1}", "2024-11-25", "politics", "1", "&inner deep", "!!str 12"]
        )
    )
    first = draw(st.sampled_from(["title", "tags", "extra", "topic", "date", "source"]))
    second = draw(st.sampled_from(["summary", "tags", "alias", "source", "author", "slug", "date"]))
    lines = [f"{first}: &{name} {value}", f"{second}: *{name}"]
    if draw(st.booleans()):
        lines.append(f"again: [*{name}, *{name}]")
    if draw(st.booleans()):
        lines.append("self: &self [a, *self]")  # an alias to its own anchor: PyYAML makes a recursive list
    if draw(st.booleans()):
        lines.append("undefined: *nowhere")
    if draw(st.booleans()):
        lines.append(f"redefined: &{name} other")
    return lines


@st.composite
def merge_keys(draw: st.DrawFn) -> list[str]:
    options = [
        ["<<: {title: Merged title, topic: politics}"],
        ["base: &base {source: Merged Wire, author: Someone}", "<<: *base"],
        ["b1: &b1 {x: 1}", "b2: &b2 {y: 2, title: From merge}", "<<: [*b1, *b2]"],
        ["<<: 1"],
        ["<<: [1, 2]"],
        ["<<: [{a: 1}, [b]]"],
        ["<<: {<<: {deep: 1}}"],
        ["<<: {tags: [from, merge]}", "tags: [own]"],
        ["nested: {<<: {a: 1}, b: 2}"],
        ["<<: &m {q: 1}", "<<: *m"],
        ["<<: !!map {date: 2024-01-01}"],
        ["<<: ~"],
        ["? <<\n: {z: 1}"],
        ["'<<': {quoted: merge}"],
    ]
    return list(draw(st.sampled_from(options)))


@st.composite
def duplicate_keys(draw: st.DrawFn) -> list[str]:
    name = draw(st.sampled_from(["title", "date", "topic", "tags", "slug", "extra", "priority", "draft"]))
    values = draw(
        st.lists(
            st.sampled_from(["Again", "2024-11-26", "economy", "[x]", UNIQUE_SLUG, "1", "true", "~"]),
            min_size=2,
            max_size=4,
        )
    )
    lines = [f"{name}: {value}" for value in values]
    if draw(st.booleans()):
        lines.append(f"? {name}\n: complex-key form")
    if draw(st.booleans()):
        lines.append(f"{double_quoted(name)}: {UNIQUE_SLUG}")
    return lines


@st.composite
def deep_nesting(draw: st.DrawFn) -> list[str]:
    depth = draw(st.sampled_from([2, 10, 100, 500, 998, 999, 1000, 1001, 2000, 5000]))
    field = draw(st.sampled_from(["nested", "tags", "title", "date"]))
    kind = draw(st.sampled_from(["flow-list", "flow-map", "block-map", "block-list", "mixed"]))
    if kind == "flow-list":
        return [f"{field}: " + "[" * depth + "x" + "]" * depth]
    if kind == "flow-map":
        return [f"{field}: " + "{a: " * depth + "x" + "}" * depth]
    if kind == "mixed":
        return [f"{field}: " + "[{a: " * (depth // 2) + "x" + "}]" * (depth // 2)]
    depth = min(depth, 400)  # block nesting: each level indents further
    if kind == "block-map":
        return [f"{field}:"] + [" " * (level + 1) + f"k{level}:" for level in range(depth)] + [" " * (depth + 1) + "x"]
    return [f"{field}:"] + [" " * (2 * level) + "- " + ("" if level < depth - 1 else "x") for level in range(depth)]


def huge_number_texts() -> st.SearchStrategy[str]:
    digits = st.sampled_from([20, 300, 1000, 1001, 3000, 4300, 4301, 5000, 20000])
    return st.one_of(
        digits.map(lambda n: "9" * n),
        digits.map(lambda n: "-" + "1" * n),
        digits.map(lambda n: "0x" + "f" * n),
        digits.map(lambda n: "0o" + "7" * n),
        digits.map(lambda n: "0" + "7" * n),
        digits.map(lambda n: "0b" + "1" * n),
        digits.map(lambda n: "1_" * (n // 2) + "0"),
        digits.map(lambda n: "1." + "5" * n),
        digits.map(lambda n: "1e" + "9" * min(n, 50)),
        digits.map(lambda n: "190:20:" + "3" * n),
        st.sampled_from(
            ["1e999", "-1e999", ".inf", "-.Inf", ".NaN", "+12", "-0", "0x2A", "0o17", "017", "0b101", "1_000"]
            + ["190:20:30", "1.7976931348623157e308", "5e-324", "123456789012345678901234567890", "0.", ".5"]
        ),
    )


@st.composite
def huge_numbers(draw: st.DrawFn) -> list[str]:
    number = draw(huge_number_texts())
    where = draw(st.sampled_from(["priority", "title", "date", "slug", "tags", "count", "key", "topic", "summary"]))
    if where == "tags":
        return [f"tags: [{number}, ok]"]
    if where == "key":
        return [f"{number}: value"]
    return [f"{where}: {draw(st.sampled_from(['', '!!int ', '!!float ', '!!str ']))}{number}"]


EXTREME_DATES = [
    "0001-01-01",
    "0001-01-01 00:00:00",
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00-14:00",
    "0000-01-01",
    "1899-12-31",
    "1899-12-31T23:30:00-01:00",
    "1900-01-01",
    "1900-01-01T00:00:00+14:00",
    "1900-01-01T00:30:00+01:00",
    "1969-12-31T23:59:59Z",
    "1970-01-01",
    "2038-01-19T03:14:08Z",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024-11-25T24:00",
    "2024-11-25T23:60",
    "2024-11-25T23:59:60",
    "2024-11-25T08:30:00.123456789",
    "2024-11-25T08:30:00,5",
    "2024-11-25T08:30:00+24:00",
    "2024-11-25T08:30:00+23:59",
    "2024-11-25T08:30:00-23:59",
    "2024-11-25T08:30:00+01",
    "2024-11-25T08:30:00 Z",
    "2024-11-25t08:30:00z",
    "2024-03-31 02:30",  # a time that does not exist in Paris (DST gap)
    "2024-10-27 02:30",  # a time that exists twice in Paris
    "2100-12-31",
    "2100-12-31T23:59:59",
    "2100-12-31T23:30:00-12:00",
    "2101-01-01",
    "2106-02-07T06:28:15Z",
    "2107-01-01",
    "9999-12-31",
    "9999-12-31T23:59:59.999999",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59:59+14:00",
    "10000-01-01",
    "2024-11-25 08:30 +01:00",
    "20241125",
    "2024-W48-1",
    "1732527000",
    "Nov 25, 2024",
]


@st.composite
def extreme_dates(draw: st.DrawFn) -> list[str]:
    date = draw(st.sampled_from(EXTREME_DATES))
    written = draw(st.sampled_from(["{}", "'{}'", '"{}"', "!!timestamp {}", "!!timestamp '{}'", "!!str {}", "[{}]"]))
    return ["date: " + written.format(date)]


TAGS = [
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!timestamp",
    "!!binary",
    "!!seq",
    "!!map",
    "!!set",
    "!!omap",
    "!!pairs",
    "!!merge",
    "!!value",
    "!custom",
    "!",
    "!!python/object/apply:os.system",
    "!!python/name:os.system",
    "!<tag:yaml.org,2002:str>",
    "!<tag:example.com,2000:app>",
    "!e!x",
    "!a%20b",
    "!a%C3%A9",
]
#: %-escaped control characters and line breaks in a tag: shown escaped in the message.
ESCAPED_CONTROL_TAGS = ["!a%0Ab", "!<!x%1B[31m>", "!a%E2%80%A8b", "!%07"]


@st.composite
def explicit_tags(draw: st.DrawFn) -> list[str]:
    tag = draw(st.sampled_from(TAGS + ESCAPED_CONTROL_TAGS))
    value = draw(
        st.sampled_from(
            ["x", "'x'", "1", "0x1f", "2024-11-25", "[a, b]", "{a: 1}", "''", "~", "aGVsbG8=", "{a, b}", "[a: 1]"]
        )
    )
    field = draw(st.sampled_from(["title", "date", "tags", "priority", "draft", "slug", "extra", "source_url"]))
    if draw(st.booleans()):
        return [f"{field}: [{tag} {value}]"]
    return [f"{field}: {tag} {value}"]


CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b", "\u2028", "\u2029"]
CONTROLS += ["\ufeff", "\ufffe", "\uffff", "\u200b", "\u202e", "\t", "\r"]
ESCAPES = ["\\0", "\\a", "\\e", "\\x1b", "\\x7f", "\\u0085", "\\N", "\\_", "\\L", "\\P", "\\t", "\\U0001F600"]
ESCAPES += ["\\uFFFE", "\\ud800", "\\x", "\\q", "\\u00"]


@st.composite
def control_characters(draw: st.DrawFn) -> list[str]:
    field = draw(st.sampled_from(["title", "summary", "source", "author", "tags", "slug", "extra", "topic", "key"]))
    if draw(st.booleans()):
        char = draw(st.sampled_from(CONTROLS))
        where = draw(st.sampled_from(["plain", "single", "key", "comment", "indent"]))
        if where == "key":
            return [f"ke{char}y: value"]
        if where == "comment":
            return [f"{field}: value # comment {char} here"]
        if where == "indent":
            return [f"{field}:", f"{char}  - x"]
        text = f"a{char}b"
        return [f"{field}: " + (text if where == "plain" else single_quoted(text))]
    escape = draw(st.sampled_from(ESCAPES))
    value = f'"a{escape}b"'
    return [f"tags: [{value}]"] if field == "tags" else [f"{field}: {value}"]


@st.composite
def tabs(draw: st.DrawFn) -> list[str]:
    return list(
        draw(
            st.sampled_from(
                [
                    ["title:\tTabbed title"],
                    ["\ttitle: indented by a tab"],
                    ["tags:", "\t- a"],
                    ["tags:", "  -\ta"],
                    ["extra: {a:\t1}"],
                    ["\t"],
                    ["title: a\t# comment"],
                    ["summary: |", "\ttabbed block"],
                    ["summary: |", "  \ttabbed inside a block"],
                    ["key\t: value"],
                ]
            )
        )
    )


@st.composite
def long_values(draw: st.DrawFn) -> list[str]:
    length = draw(st.sampled_from([1023, 1024, 1025, 5000, 20_001, 100_000, 300_000]))
    unit = draw(st.sampled_from(["x", "word ", "中", "é", "🚀", "a\\n"]))
    field = draw(st.sampled_from(["title", "summary", "extra", "source_url", "author", "slug", "tags", "key", "list"]))
    value = repeat(unit, length)
    if field == "key":
        return [f"{value}: 1"]  # PyYAML allows simple keys of at most 1024 characters
    if field == "list":
        return ["list: [" + ", ".join(["x"] * (length // 4)) + "]"]
    if field == "tags":
        return ["tags: " + double_quoted(",".join(repeat("t", 3) for _ in range(length // 4)))]
    if field == "source_url":
        return [f"source_url: https://example.org/{value}"]
    return [f"{field}: {double_quoted(value)}"]


@st.composite
def odd_documents(draw: st.DrawFn) -> list[str]:
    """Front matter that is not a mapping of fields, or has more than one document."""
    return list(
        draw(
            st.sampled_from(
                [
                    ["- a list", "- of items"],
                    ["just text"],
                    ["%YAML 1.1"],
                    ["%TAG ! tag:example.com,2000:"],
                    ["--- second document"],
                    ["... end"],
                    ["? complex: key", ": value"],
                    ["[a, b]: value"],
                    ["{a: 1}: value"],
                    ["null: 1", "~: 2", "true: 3", "1.5: 4", "2024-11-25: 5"],
                    ["? !!binary aGVsbG8=", ": bytes key"],
                    ["&k key: anchored key", "*k : alias as a key"],
                    ["=: special"],
                    ["x: ="],
                    ["x: !!value ="],
                    ["@reserved: 1"],
                    ["`reserved: 1"],
                ]
            )
        )
    )


FEATURES: dict[str, Callable[[], st.SearchStrategy[list[str]]]] = {
    "alias bomb": alias_bomb,
    "anchors and aliases": anchors_and_aliases,
    "merge keys": merge_keys,
    "duplicate keys": duplicate_keys,
    "deep nesting": deep_nesting,
    "huge numbers": huge_numbers,
    "extreme dates": extreme_dates,
    "explicit tags": explicit_tags,
    "control characters": control_characters,
    "tabs": tabs,
    "long values": long_values,
    "odd documents": odd_documents,
}


@st.composite
def hostile_articles(draw: st.DrawFn) -> bytes:
    """A valid article with hostile YAML mixed into its front matter (each feature's lines kept together)."""
    lines = draw(field_lines())
    for name in draw(st.lists(st.sampled_from(sorted(FEATURES)), min_size=1, max_size=3)):
        feature = draw(FEATURES[name]())
        position = draw(st.integers(0, len(lines)))
        lines[position:position] = feature
    return draw(encoded(draw(article_texts(lines))))


@st.composite
def mutated_articles(draw: st.DrawFn) -> bytes:
    """A valid article's bytes after a few random edits."""
    data = bytearray(draw(encoded(draw(article_texts()))))
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 2, 3, 6]))):
        operation = draw(st.sampled_from(["flip", "set", "delete", "insert", "token", "line", "swap", "truncate"]))
        position = draw(st.integers(0, max(0, len(data) - 1)))
        if operation == "flip" and data:
            data[position] ^= 1 << draw(st.integers(0, 7))
        elif operation == "set" and data:
            data[position] = draw(st.integers(0, 255))
        elif operation == "delete":
            del data[position : position + draw(st.integers(1, 16))]
        elif operation == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=12))
        elif operation == "token":
            data[position:position] = draw(st.sampled_from(TOKENS))
        elif operation in ("line", "swap"):
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if operation == "line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        elif operation == "truncate":
            del data[position:]
    return bytes(data)


@st.composite
def random_files(draw: st.DrawFn) -> bytes:
    noise = draw(st.binary(max_size=600))
    shape = draw(st.sampled_from(["bare", "fenced", "opened", "utf-8"]))
    if shape == "fenced":
        return b"---\n" + noise + b"\n---\n" + draw(st.binary(max_size=50))
    if shape == "opened":
        return draw(st.sampled_from([b"---\n", b"\xef\xbb\xbf---\r\n", b"---\r"])) + noise
    if shape == "utf-8":
        return b"---\n" + draw(st.text(max_size=300)).encode("utf-8", "surrogatepass") + b"\n---\n"
    return noise


#: Unicode texts of a given length in characters, each a different kind of hard.
UNITS = ["x", "word ", "中", "é", "🚀", "e\u0301", "ß", "עברית ", "Ab-1 "]


@st.composite
def near_limit(draw: st.DrawFn, limit: int, over: bool = True) -> str:
    length = draw(st.sampled_from([limit, limit, limit - 1, 1] + ([limit + 1] if over else [])))
    text = repeat(draw(st.sampled_from(UNITS)), length)
    return text[:-1] + "z" if text.endswith(" ") else text  # trailing blanks are trimmed before counting


@st.composite
def extreme_articles(draw: st.DrawFn) -> bytes:
    """Every field near its limit, usually at it (the most expensive articles ``check`` accepts)."""
    over = draw(st.integers(0, 3)) == 0  # a quarter of the cases go one over some limit
    fields: dict[str, str] = {
        "title": double_quoted(draw(near_limit(TITLE_MAX, over))),
        "date": draw(st.sampled_from(["1900-01-01", "2100-12-31 23:59", "2024-11-25T08:30:00+14:00", "1970-01-01"])),
        "topic": draw(st.sampled_from(TOPIC_KEYS)),
        "summary": double_quoted(draw(near_limit(SUMMARY_MAX, over))),
        "source": double_quoted(draw(near_limit(SOURCE_MAX, over))),
        "author": double_quoted(draw(near_limit(AUTHOR_MAX, over))),
        "source_url": "https://example.org/" + repeat("p/", SOURCE_URL_MAX - len("https://example.org/")),
        "priority": draw(st.sampled_from(["1", "2", "3"])),
    }
    tag_count = draw(st.sampled_from([TAGS_MAX, TAGS_MAX, TAGS_MAX - 1, TAGS_MAX + 1 if over else 3]))
    tag_unit = draw(st.sampled_from(["x", "t", "Ab", "é", "ß", "中", "🚀x"]))
    tag_length = draw(st.sampled_from([TAG_MAX, TAG_MAX - 2, 30, 12]))
    tags = [f"{i:02d}" + repeat(tag_unit, tag_length - 2) for i in range(tag_count)]
    fields["tags"] = "[" + ", ".join(double_quoted(t) for t in tags) + "]"
    extra_size = draw(st.sampled_from([0, UNUSED_FIELDS_MAX // 2, UNUSED_FIELDS_MAX - 100]))
    if extra_size:
        fields["notes"] = double_quoted(repeat("note ", extra_size // 2) + "end")
        fields["more"] = "[" + ", ".join(["word"] * (extra_size // 2 // 8)) + "]"
    body_length = draw(st.sampled_from([0, 50, 10_000, BODY_MAX - 200] + ([BODY_MAX + 1] if over else [])))
    paragraph = draw(st.sampled_from(BODY_PARTS[:9])) + "\n\n"
    body = repeat(paragraph, body_length)
    if draw(st.booleans()):  # a slug at its limit, unique to this article
        fields["slug"] = UNIQUE_SLUG + repeat("-a", SLUG_MAX - len("s-") - 12)  # 150 characters
    lines = [f"{name}: {value}" for name, value in fields.items()]
    return to_bytes("\n".join(["---", *lines, "---", body]))


# --- the contract of one file ----------------------------------------------------------------------

#: What a message must never show: a traceback, an exception class, an object's repr.
INTERNALS = re.compile(
    r"Traceback|object at 0x|<class '|<function |<module |could not read this article"
    r"|\b[A-Z]\w*(?:Error|Exception)\b|Invalid isoformat string|timedelta\("
)
#: Line breaks YAML 1.1 counts in its marks (so PyYAML's line numbers do) and the file's lines do not.
YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")
MESSAGE_MAX = 4000  # bounded whatever the value: a 300,000-character value is quoted by its first 60


def file_lines(data: bytes) -> int:
    """How many lines ``data`` has, as the reader counts them (CRLF and CR are line ends)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.count(b"\n") + 1
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.count("\n") + 1


def message_defects(message: str) -> list[str]:
    defects = []
    if len(message) > MESSAGE_MAX:
        defects.append(f"{len(message)} characters long")
    if message.splitlines() != [message]:
        defects.append("not one line")
    controls = {c for c in message if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp")}
    if controls:
        defects.append(f"holds the characters {sorted(controls)!r}")
    return defects


def assert_contract(data: bytes, article: Article | None, problems: list[Problem]) -> None:
    """The loader's promise for one file (see the module docstring)."""
    errors = [p for p in problems if p.is_error]
    assert (article is None) == bool(errors), (article, problems)
    lines = file_lines(data)
    for problem in problems:
        assert isinstance(problem, Problem), problem
        shown = problem.format()
        assert problem.path == CASE_PATH, shown
        assert problem.severity in ("error", "warning"), shown
        assert isinstance(problem.message, str) and problem.message.strip(), shown
        assert not INTERNALS.search(problem.message), shown
        assert problem.line is not None and 1 <= problem.line <= lines, (shown, lines)
        assert not message_defects(problem.message), (shown, message_defects(problem.message))
        assert problem.field is None or isinstance(problem.field, str), shown
    if article is not None:
        assert_within_limits(article)


def expanded_size(value: object, budget: int) -> int:
    """About how many characters ``value`` takes written out (aliases expanded); stops past ``budget``."""
    size, todo, seen = 0, [value], 0
    while todo and size <= budget and seen < 10 * budget:
        item = todo.pop()
        seen += 1
        if isinstance(item, (str, bytes)):
            size += len(item)
        elif isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            todo.extend(item)
        else:
            size += 1
    return size


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def assert_within_limits(article: Article) -> None:
    """An accepted article respects every bound of ``briefings/limits.py`` (README: "Articles")."""
    assert article.path == CASE_PATH
    assert article.title.strip() and len(article.title) <= TITLE_MAX
    assert article.topic in TOPIC_KEYS and len(article.topic) <= TOPIC_MAX
    assert article.published.tzinfo is not None
    assert EARLIEST_YEAR <= article.published.year <= LATEST_YEAR, article.published
    assert article.summary_is_derived or len(article.summary) <= SUMMARY_MAX
    assert article.source is None or len(article.source) <= SOURCE_MAX
    assert article.author is None or len(article.author) <= AUTHOR_MAX
    assert article.source_url is None or (
        len(article.source_url) <= SOURCE_URL_MAX and re.match(r"(?i)https?://", article.source_url)
    )
    assert len(article.tags) <= TAGS_MAX
    assert all(0 < len(tag) <= TAG_MAX and 0 < len(slugify(tag)) <= SLUG_MAX for tag in article.tags)
    assert 0 < len(article.slug) <= SLUG_MAX and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", article.slug), article.slug
    assert len(article.body) <= BODY_MAX and "\0" not in article.body
    assert article.priority in (1, 2, 3)
    texts = [article.title, article.source or "", article.author or "", *article.tags]
    texts += [] if article.summary_is_derived else [article.summary]
    assert not any(CONTROL.search(text) for text in texts), texts
    assert expanded_size(article.extra, 2 * UNUSED_FIELDS_MAX) <= 2 * UNUSED_FIELDS_MAX


# --- one file at a time, and what was accepted -----------------------------------------------------


@dataclass(frozen=True)
class Accepted:
    """A file ``load_file`` accepted, and how much it may cost to build."""

    data: bytes
    sizes: dict[str, int]  # what makes it costly to build: see sizes()
    nesting: int  # how deeply the values of unknown fields nest lists and mappings


#: Accepted files of this process, by their bytes (so each is built once), in the order found.
ACCEPTED: dict[bytes, Accepted] = {}
#: How many files each fuzz run loaded in this process.
CASES: dict[str, int] = {}
_WORKSPACE: list[Path] = []


def workspace() -> Path:
    """One site folder for the whole process, where each case is written as ``content/case.md``."""
    if not _WORKSPACE:
        folder = tempfile.TemporaryDirectory(prefix="briefings-fuzz-")
        _KEEP_ALIVE.append(folder)  # removed when the process ends
        FixtureSite(Path(folder.name)).write_files({CASE_NAME: b""})
        _WORKSPACE.append(Path(folder.name))
    return _WORKSPACE[0]


_KEEP_ALIVE: list[tempfile.TemporaryDirectory[str]] = []


def sizes(article: Article, data: bytes) -> dict[str, int]:
    """How large each part of an accepted article is; ``weight``: the characters the build repeats
    (the text shown wherever the article is listed, times the pages listing it, plus the body)."""
    shown = len(article.title) + len(article.summary) + len(article.source or "") + len(article.author or "")
    extra = expanded_size(article.extra, 2 * UNUSED_FIELDS_MAX)
    return {
        "weight": shown * (3 + len(article.tags)) + len(article.body) + len(article.source_url or "") + extra,
        "title": len(article.title),
        "summary": len(article.summary),
        "body": len(article.body),
        "tags": sum(len(tag) + len(slugify(tag)) for tag in article.tags),
        "source_url": len(article.source_url or ""),
        "extra": extra,
        "file": len(data),
    }


def nesting(value: object) -> int:
    """How many lists and mappings deep ``value`` goes (no recursion: it may be 999 deep)."""
    deepest, todo, steps = 0, [(value, 0)], 0
    while todo and steps < 100_000:
        item, depth = todo.pop()
        steps += 1
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            todo.extend((inner, depth + 1) for inner in item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            todo.extend((inner, depth + 1) for inner in item)
    return deepest


def check_case(run: str, data: bytes) -> None:
    """Load ``data`` as an article file, check the contract, and keep it when accepted."""
    root = workspace()
    source = root / CASE_PATH
    source.write_bytes(data)
    article, problems = load_file(source, settings_for(root), CASE_PATH)
    assert_contract(data, article, problems)
    CASES[run] = CASES.get(run, 0) + 1
    if article is not None and data not in ACCEPTED:
        ACCEPTED[data] = Accepted(data, sizes(article, data), nesting(article.extra))


@settings(FUZZ, max_examples=EXAMPLES["fuzz_valid_articles"])
@given(text=article_texts(), newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans())
def fuzz_valid_articles(text: str, newline: str, bom: bool) -> None:
    check_case("fuzz_valid_articles", to_bytes(text, newline, bom))


@settings(FUZZ, max_examples=EXAMPLES["fuzz_mutated_articles"])
@given(data=mutated_articles())
def fuzz_mutated_articles(data: bytes) -> None:
    check_case("fuzz_mutated_articles", data)


@settings(FUZZ, max_examples=EXAMPLES["fuzz_random_bytes"])
@given(data=random_files())
def fuzz_random_bytes(data: bytes) -> None:
    check_case("fuzz_random_bytes", data)


@settings(FUZZ, max_examples=EXAMPLES["fuzz_yaml_features"])
@given(data=hostile_articles())
def fuzz_yaml_features(data: bytes) -> None:
    check_case("fuzz_yaml_features", data)


@settings(FUZZ, max_examples=EXAMPLES["fuzz_extreme_values"])
@given(data=extreme_articles())
def fuzz_extreme_values(data: bytes) -> None:
    check_case("fuzz_extreme_values", data)


FUZZERS: dict[str, Callable[[], None]] = {
    "fuzz_valid_articles": fuzz_valid_articles,
    "fuzz_mutated_articles": fuzz_mutated_articles,
    "fuzz_random_bytes": fuzz_random_bytes,
    "fuzz_yaml_features": fuzz_yaml_features,
    "fuzz_extreme_values": fuzz_extreme_values,
}
_DONE: set[str] = set()


def run_fuzzer(name: str) -> None:
    """Run one fuzz run, once per process (the build tests reuse what it accepted)."""
    if name not in _DONE:
        FUZZERS[name]()
        _DONE.add(name)


def accepted_corpus() -> list[Accepted]:
    """Every file the fuzz runs accepted."""
    for name in FUZZERS:
        run_fuzzer(name)
    return list(ACCEPTED.values())


@pytest.mark.parametrize("name", list(FUZZERS))
def test_fuzzed_files_load_without_raising_and_every_problem_names_file_and_line(name: str) -> None:
    run_fuzzer(name)
    assert CASES[name] >= EXAMPLES[name] * 0.9, CASES  # Hypothesis ran (nearly) all it was asked to


# --- whatever check accepts, build builds -----------------------------------------------------------


@dataclass
class BuildOutcome:
    exit_code: int
    output: str
    seconds: float
    peak_rss: int  # bytes
    site: Path

    @property
    def site_bytes(self) -> int:
        return folder_bytes(self.site)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(root: Path, *args: str) -> BuildOutcome:
    """``briefings build ARGS`` in a subprocess in ``root``: its status, output, time and peak memory.

    ``os.wait4`` gives the ``getrusage`` figures of this one child (and of what it waited
    for, Pagefind's indexer), where ``RUSAGE_CHILDREN`` would be the largest of every child
    this test process ever had.
    """
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    command = [sys.executable, "-c", "from briefings.cli import main; main()", "build", *args]
    log = root / "build.log"
    started = time.monotonic()
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            while True:  # wait4 with a deadline: a build that hangs fails the test instead of the whole run
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - started > BUILD_TIMEOUT:
                    pytest.fail(f"briefings build {' '.join(args)} still running after {BUILD_TIMEOUT} s")
                time.sleep(0.05)
        except BaseException:
            process.kill()
            os.wait4(process.pid, 0)
            raise
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    peak = usage.ru_maxrss * 1024  # kilobytes on Linux
    assert peak <= resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # the same figure, for all children
    return BuildOutcome(process.returncode, log.read_text("utf-8", "replace"), seconds, peak, root / "site")


def write_cases(root: Path, cases: Iterable[Accepted]) -> FixtureSite:
    site = write_site(root)
    site.write_files({f"case-{i:04d}.md": case.data for i, case in enumerate(cases)})
    return site


def sites_without_url_collisions(root: Path, cases: list[Accepted]) -> list[tuple[FixtureSite, list[Article]]]:
    """The cases written as ``content/case-NNNN.md`` into as few sites as keep every URL unique.

    Each file is named after its place in ``cases``, so the slugs made from file names
    differ; two explicit slugs on one day are an error by design, so the second of them
    goes to the next site. Each site is loaded as ``check`` loads it: no errors.
    """
    files = {f"case-{i:04d}.md": case.data for i, case in enumerate(cases)}
    sites: list[tuple[FixtureSite, list[Article]]] = []
    while files:
        site = write_site(root / f"site-{len(sites)}")
        site.write_files(files)
        loaded = load_articles(settings_for(site.root, drafts=True, future=True))
        others = [p.format() for p in loaded.errors if "would have the same URL" not in p.message]
        assert not others, others[:10]  # each was accepted alone: together only URLs can collide
        first: dict[str, str] = {}
        for article in sorted(loaded.articles, key=lambda article: article.path):
            first.setdefault(article.url, article.path)
        kept = set(first.values())
        assert kept, f"none of {len(files)} accepted files loads as an article"  # else this loop never ends
        later = {name: data for name, data in files.items() if f"content/{name}" not in kept}
        for name in later:
            (site.content / name).unlink()
        loaded = load_articles(settings_for(site.root, drafts=True, future=True))
        assert not loaded.errors, [p.format() for p in loaded.errors][:10]
        assert len(loaded.articles) == len(files) - len(later)
        sites.append((site, loaded.articles))
        files = later
    return sites


def assert_outputs_well_formed(site: Path) -> None:
    """The feeds and sitemaps are XML, the JSON files JSON (whatever the articles held)."""
    for path in site.rglob("*.xml"):
        ET.parse(path)
    for path in site.rglob("*.json"):
        if "pagefind" not in path.parts:
            json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> int:
    """The size of the site of one ordinary article: what a site costs before its articles."""
    root = tmp_path_factory.mktemp("baseline")
    site = write_site(root / "site")
    site.write_article("plain.md", title="A plain article", date="2024-11-25", topic="politics")
    outcome = build(site.root)
    assert outcome.exit_code == 0, outcome.output
    return outcome.site_bytes


def test_every_accepted_file_builds_in_one_site(tmp_path: Path, baseline: int) -> None:
    corpus = accepted_corpus()
    assert sum(CASES.values()) >= MIN_CASES, CASES
    assert len(corpus) >= 300, f"only {len(corpus)} accepted files: the generators have drifted"
    sites = sites_without_url_collisions(tmp_path, corpus)
    assert len(sites) <= 3, len(sites)  # explicit slugs rarely meet on one day
    for site, articles in sites:
        outcome = build(site.root, "--drafts", "--future")
        assert outcome.exit_code == 0, outcome.output[-3000:]
        assert "Traceback" not in outcome.output
        assert outcome.seconds < BUILD_SECONDS, outcome.seconds
        assert outcome.peak_rss < PEAK_RSS_MAX, outcome.peak_rss
        for article in articles:
            page = outcome.site / article.url / "index.html"
            assert page.is_file(), f"{article.path}: no page at {article.url}"
            assert folder_bytes(page.parent) < PAGE_BYTES_MAX, article.path
        assert outcome.site_bytes - baseline < PAGE_BYTES_MAX * len(articles)
        assert_outputs_well_formed(outcome.site)


def most_extreme(corpus: list[Accepted], count: int) -> list[Accepted]:
    """The largest cases by each measure of :func:`sizes` in turn (the heaviest first), ``count`` in all."""
    measures = list(corpus[0].sizes) if corpus else []
    ranked = {m: sorted(corpus, key=lambda case, m=m: (-case.sizes[m], -case.sizes["weight"])) for m in measures}
    chosen: list[Accepted] = []
    for rank in range(len(corpus)):
        for measure in measures:
            case = ranked[measure][rank]
            if len(chosen) < count and all(case is not other for other in chosen):
                chosen.append(case)
        if len(chosen) == count:
            break
    return chosen


def test_the_largest_accepted_files_each_build_within_bounds(tmp_path: Path, baseline: int) -> None:
    corpus = accepted_corpus()
    largest = most_extreme(corpus, EXTREME_BUILDS)
    assert len(largest) == EXTREME_BUILDS
    for number, case in enumerate(largest):
        site = write_cases(tmp_path / f"site-{number}", [case])
        (article,) = load_articles(settings_for(site.root, drafts=True, future=True)).articles
        outcome = build(site.root, "--drafts", "--future")
        assert outcome.exit_code == 0, outcome.output[-3000:]
        assert outcome.seconds < EXTREME_BUILD_SECONDS, outcome.seconds
        assert outcome.peak_rss < PEAK_RSS_MAX, outcome.peak_rss
        growth = outcome.site_bytes - baseline
        assert growth < EXTREME_SITE_GROWTH_MAX, (case.sizes, growth)
        assert (outcome.site / article.url / "index.html").is_file()
        assert_outputs_well_formed(outcome.site)
        shutil.rmtree(site.root)


# --- known bugs the fuzzing found -------------------------------------------------------------------


def load_text(tmp_path: Path, text: str) -> list[Problem]:
    FixtureSite(tmp_path).write_files({CASE_NAME: text.encode("utf-8")})
    return load_file(tmp_path / CASE_PATH, settings_for(tmp_path), CASE_PATH)[1]


VALID_HEAD = "---\ntitle: T\ndate: 2024-11-25\ntopic: politics\n"


@pytest.mark.parametrize("tag", ESCAPED_CONTROL_TAGS)
def test_a_percent_escaped_tag_is_shown_escaped(tmp_path: Path, tag: str) -> None:
    problems = load_text(tmp_path, VALID_HEAD + f"x: {tag} 1\n---\nBody\n")
    assert [p.line for p in problems] == [5]
    assert not message_defects(problems[0].message), problems[0].message


@pytest.mark.parametrize("separator", YAML_ONLY_BREAKS)
def test_a_line_separator_in_front_matter_does_not_shift_later_lines(tmp_path: Path, separator: str) -> None:
    text = f"---\ntitle: 'A{separator}B'\ndate: 2024-11-25\ntopic: politics\nextra: 1\n---\nBody\n"
    problems = load_text(tmp_path, text)
    assert [p.format() for p in problems] == [
        "content/case.md:5: warning: unknown field 'extra' is kept but not used by Briefings"
    ]


@pytest.mark.parametrize(
    "html",
    [
        '<p id="__a\nb">x</p>',  # an id with a line break
        '<p id="__a\x1b[31mRED">x</p>',  # an id with an escape sequence
        '<p id="__' + "a" * 20_000 + '">x</p>',  # an id of any length
        "<p a\x01b=1>x</p>",  # an attribute name with a control character
        "<x\u2028y>q</x\u2028y>",  # an element name with a line separator
        '<a href="' + "z" * 20_000 + ':q">q</a>',  # a URL scheme of any length
    ],
)
def test_a_body_warning_quotes_html_names_escaped_and_short(tmp_path: Path, html: str) -> None:
    problems = load_text(tmp_path, VALID_HEAD + "---\nHello\n\n" + html + "\n")
    assert problems and all(p.severity == "warning" for p in problems)
    assert not [message_defects(p.message) for p in problems if message_defects(p.message)]


@pytest.mark.parametrize("depth", [500, 998])
def test_an_unknown_field_nested_500_deep_is_refused_or_built(
    make_site: Callable[..., FixtureSite], depth: int
) -> None:
    site = make_site()
    site.write_files({"deep.md": VALID_HEAD + "nested: " + "[" * depth + "x" + "]" * depth + "\n---\nBody\n"})
    result = site.briefings("build")  # check, then build: the check's article cache fails to pickle it
    assert "Traceback" not in result.output and "RecursionError" not in result.output
    assert result.exit_code == 0 or "content/deep.md:5: error:" in result.output, result.output


@pytest.mark.parametrize(
    ("written", "accepted"),
    [
        ("2024-11-25T08:30z", True),  # _ISO_DATE allows 'z'; datetime.fromisoformat (3.11) only 'Z'
        ("2024-11-25T08:30:00+24:00", False),  # '... (offset must be a timedelta ... datetime.timedelta(days=1).)'
        ("'\u0662\u0660\u0662\u0664-\u0661\u0661-\u0662\u0665'", False),  # Arabic-Indic digits match the pattern's \d
        ("'\uff12\uff10\uff12\uff14-\uff11\uff11-\uff12\uff15'", False),  # so do full-width ones
    ],
)
def test_a_date_the_pattern_matches_is_read_or_refused_in_plain_words(
    tmp_path: Path, written: str, accepted: bool
) -> None:
    problems = load_text(tmp_path, f"---\ntitle: T\ndate: {written}\ntopic: politics\n---\nBody\n")
    if accepted:
        assert problems == []
    else:
        assert [p.line for p in problems] == [3]
        assert not INTERNALS.search(problems[0].message), problems[0].message
