"""Explicit YAML tags: each bad one is an error naming the field, the tag and the line, on both construction paths.

A fuzzing run found front matter that ended in ``could not read this article:
AttributeError: 'NoneType' object has no attribute 'groupdict'`` with no line: PyYAML's
own constructors fail that way on ``!!timestamp 'nope'``, ``!!float 'x'``, ``!!int 'x'``
or ``!!bool 'maybe'``. The reader has two construction paths (``_construct_flat`` for
ordinary front matter, PyYAML's constructor for the rest); every test here runs both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from check_helpers import article, check_site, load, run_check
from helpers import FixtureSite
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.model import Problem
from briefings.reader import parse_yaml

#: Appended to a front matter, this field sends it down PyYAML's full constructor (a nested mapping).
NESTED = "\nnested: {a: 1}"
UNSUPPORTED = (
    "is not supported: front matter holds plain values (text, numbers, dates, true/false, lists); remove the tag"
)


def both_paths(front_matter: str) -> tuple[list[Problem], list[Problem]]:
    """The problems of ``front_matter`` read by the one-pass path, then by PyYAML's full constructor."""
    flat = parse_yaml(front_matter, "p.md").problems
    full = parse_yaml(front_matter + NESTED, "p.md").problems
    return flat, full


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("date: !!timestamp 'nope'", "field 'date': 'nope' is not a valid !!timestamp"),
        ("x: !!float 'x'", "field 'x': 'x' is not a valid !!float"),
        ("x: !!int 'x'", "field 'x': 'x' is not a valid !!int"),
        ("x: !!bool 'maybe'", "field 'x': 'maybe' is not a valid !!bool"),
        ("x: !!int ''", "field 'x': '' is not a valid !!int"),
        ("x: !!float ''", "field 'x': '' is not a valid !!float"),
        ("x: !!timestamp ''", "field 'x': '' is not a valid !!timestamp"),
        ("x: !!null 'something'", "field 'x': 'something' is not a valid !!null"),
        ("x: !!binary 'not base64!'", "field 'x': 'not base64!' is not a valid !!binary"),
        ("x: !custom a", f"field 'x': the YAML tag !custom {UNSUPPORTED}"),
        ("x: !!python/object:os.system a", f"field 'x': the YAML tag !!python/object:os.system {UNSUPPORTED}"),
        ("x: !!python/name:os.system ''", f"field 'x': the YAML tag !!python/name:os.system {UNSUPPORTED}"),
        (
            "x: !!python/object/apply:os.system [ls]",
            f"field 'x': the YAML tag !!python/object/apply:os.system {UNSUPPORTED}",
        ),
        ("x: !<tag:example.com,2000:app> a", f"field 'x': the YAML tag tag:example.com,2000:app {UNSUPPORTED}"),
        ("x: !custom {a: 1}", f"field 'x': the YAML tag !custom {UNSUPPORTED}"),
        ("x: !!str [a]", "field 'x': the YAML tag !!str cannot be used on a list"),
        ("x: !!seq a", "field 'x': the YAML tag !!seq cannot be used on a single value"),
        ("x: !!map [a]", "field 'x': the YAML tag !!map cannot be used on a list"),
        ("x: !!int {a: 1}", "field 'x': the YAML tag !!int cannot be used on a mapping"),
        ("tags: [ok, !!int 'x']", "field 'tags': 'x' is not a valid !!int"),
        ("x: [!custom a]", f"field 'x': the YAML tag !custom {UNSUPPORTED}"),
        ("x: =", "field 'x': a bare '=' is a special value in YAML: write it in quotes ('=') to mean the text"),
        ("? !custom k\n: v", f"field 'k': the YAML tag !custom {UNSUPPORTED}"),
    ],
)
def test_a_bad_explicit_tag_is_an_error_with_its_field_and_line(front_matter: str, message: str) -> None:
    text = "title: A\n" + front_matter  # the tagged value is on line 3 of the file (the YAML starts on line 2)
    flat, full = both_paths(text)
    assert [p.format() for p in flat] == [f"p.md:3: error: {message}"]
    assert flat == full


def test_a_bad_tag_in_a_nested_value_names_its_top_level_field_and_its_own_line() -> None:
    text = "title: A\nmeta:\n  a: 1\n  b: !!int 'x'\n  c: [!custom q]"
    problems = parse_yaml(text, "p.md").problems
    assert [p.format() for p in problems] == [
        "p.md:5: error: field 'meta': 'x' is not a valid !!int",
        f"p.md:6: error: field 'meta': the YAML tag !custom {UNSUPPORTED}",
    ]
    assert {p.field for p in problems} == {"meta"}


def test_every_bad_tag_is_reported_not_just_the_first() -> None:
    text = "date: !!timestamp 'nope'\nx: !!float 'x'\ny: !!int 'x'\nz: !!bool 'maybe'"
    flat, full = both_paths(text)
    assert [p.line for p in flat] == [2, 3, 4, 5]
    assert flat == full


def test_a_tag_shared_through_an_alias_is_reported_once() -> None:
    text = "a: &bad !!int 'x'\nb: *bad\nc: [*bad, *bad]"
    problems = parse_yaml(text, "p.md").problems
    assert [p.format() for p in problems] == ["p.md:2: error: field 'a': 'x' is not a valid !!int"]


@pytest.mark.parametrize(
    "front_matter",
    [
        "x: !!str 123",
        "x: !!int '42'",
        "x: !!int 0x2A",
        "x: !!float '1.5'",
        "x: !!float 1",
        "x: !!bool 'yes'",
        "x: !!timestamp '2024-11-25'",
        "x: !!timestamp 2024-11-25 08:30:00",
        "x: !!timestamp '2024-02-30'",  # kept as text, for the date check to report on its own line
        "x: !!null ''",
        "x: !!null ~",
        "x: ! 12",
        "x: !!seq [a, 1]",
        "x: !!set {a, b}",
        "x: !!omap [a: 1, b: 2]",
        "x: !!pairs [a: 1, a: 2]",
        "x: !!binary aGVsbG8=",
        "x: !!map {a: 1}",
        "<<: {x: 1}",
    ],
)
def test_a_valid_explicit_tag_reads_as_pyyaml_reads_it_on_both_paths(front_matter: str) -> None:
    flat = parse_yaml(front_matter, "p.md")
    full = parse_yaml(front_matter + NESTED, "p.md")
    assert not flat.problems and not full.problems
    if "2024-02-30" in front_matter:
        expected: object = {"x": "2024-02-30"}  # PyYAML raises a ValueError here
    else:
        expected = yaml.load(front_matter, Loader=yaml.CSafeLoader)
    assert repr(flat.fields) == repr(expected)
    assert repr({k: v for k, v in full.fields.items() if k != "nested"}) == repr(expected)


def test_a_bad_tag_in_an_article_is_reported_by_load_with_its_line(tmp_path: Path) -> None:
    text = article(date="!!timestamp 'nope'", weight="!!float 'x'")
    result = load(tmp_path, {"a.md": text})
    assert [p.format() for p in result.problems] == [
        "content/a.md:3: error: field 'date': 'nope' is not a valid !!timestamp",
        "content/a.md:5: error: field 'weight': 'x' is not a valid !!float",
    ]
    assert not result.articles


def test_check_reports_the_fuzzed_files_without_a_traceback(tmp_path: Path) -> None:
    files = {
        "ts.md": article(date="!!timestamp 'nope'"),
        "float.md": article(priority="!!float 'x'"),
        "int.md": article(priority="!!int 'x'"),
        "bool.md": article(draft="!!bool 'maybe'"),
        "python.md": article(source="!!python/object/apply:os.system ['echo hi']"),
    }
    site = check_site(tmp_path, files)
    result = run_check(site.config)
    assert result.exit_code == 1
    assert "could not read" not in result.output and "Traceback" not in result.output
    assert result.lines[:5] == [
        "content/bool.md:5: error: field 'draft': 'maybe' is not a valid !!bool",
        "content/float.md:5: error: field 'priority': 'x' is not a valid !!float",
        "content/int.md:5: error: field 'priority': 'x' is not a valid !!int",
        f"content/python.md:5: error: field 'source': the YAML tag !!python/object/apply:os.system {UNSUPPORTED}",
        "content/ts.md:3: error: field 'date': 'nope' is not a valid !!timestamp",
    ]


def test_an_article_with_a_bad_tag_is_not_built(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site()
    site.write_article("ok.md", title="Fine", date="2024-11-25", topic="politics")
    site.write_files({"bad.md": "---\ntitle: !custom Bad\ndate: 2024-11-25\ntopic: politics\n---\nBody\n"})
    result = site.briefings("build")
    assert result.exit_code == 1
    assert f"content/bad.md:2: error: field 'title': the YAML tag !custom {UNSUPPORTED}" in result.lines
    assert not (site.root / "site").exists()


SCALAR_TAGS = ["!!null", "!!bool", "!!int", "!!float", "!!timestamp", "!!str", "!!binary", "!custom", "!!python/none"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(
        st.tuples(
            st.sampled_from(SCALAR_TAGS),
            st.one_of(
                # What YAML allows in a quoted scalar as written (no controls, surrogates, non-characters).
                st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn", "Co", "Cf")), max_size=12),
                st.sampled_from(
                    ["1", "0x1f", "yes", "~", "2024-11-25", "1.5e3", ".inf", "1_000", "2024-11-25 08:30:00"]
                ),
            ),
        ),
        min_size=1,
        max_size=4,
    ),
    in_list=st.booleans(),
)
def test_both_paths_agree_on_any_tagged_scalar(items: list[tuple[str, str]], in_list: bool) -> None:
    """Whatever the tag and text: no exception, the same problems on both paths, PyYAML's value when valid."""
    values = [f"{tag} {json.dumps(text, ensure_ascii=False)}" for tag, text in items]
    front_matter = f"x: [{', '.join(values)}]" if in_list else "\n".join(f"f{i}: {v}" for i, v in enumerate(values))
    flat = parse_yaml(front_matter, "p.md")
    full = parse_yaml(front_matter + NESTED, "p.md")
    assert flat.problems == full.problems
    assert all(p.is_error and p.line is not None and "field '" in p.message for p in flat.problems)
    assert not any("malformed YAML" in p.message for p in flat.problems)
    if not flat.problems:
        expected = yaml.load(front_matter, Loader=yaml.CSafeLoader)  # PyYAML raises nothing on a valid document
        assert repr(flat.fields) == repr(expected) or "!!timestamp" in front_matter  # impossible dates stay text
        assert repr({k: v for k, v in full.fields.items() if k != "nested"}) == repr(flat.fields)
