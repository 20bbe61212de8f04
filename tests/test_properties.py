"""Properties of loading: whatever the bytes, loading never raises and every problem names its file."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from check_helpers import settings_for
from helpers import FixtureSite
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.load import load_articles, load_file
from briefings.model import KNOWN_FIELDS, Article, Problem
from briefings.reader import parse_yaml

PROPERTY_SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "2024-11-25",
            "2024-11-25 08:30",
            "2024-02-30",
            "../x",
            "javascript:alert(1)",
            "https://example.org/a",
            "politics",
            "yes",
            "",
        ]
    ),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
field_names = st.one_of(st.sampled_from(KNOWN_FIELDS), st.text(min_size=1, max_size=12))
front_matters = st.dictionaries(field_names, values, max_size=12)


def assert_well_reported(article: Article | None, problems: list[Problem], path: str, data: bytes) -> None:
    """The contract of ``load_file``: an article xor an error; every problem is about this file, on a real line."""
    errors = [p for p in problems if p.is_error]
    assert (article is None) == bool(errors), problems
    max_line = data.count(b"\n") + data.count(b"\r") + 1
    for problem in problems:
        assert problem.path == path
        assert problem.message and "\n" not in problem.message
        assert not problem.message.startswith("could not read this article"), problem.message  # no unexpected exception
        assert problem.line is None or 1 <= problem.line <= max_line, (problem, max_line)


def load_bytes(data: bytes, name: str = "article.md") -> tuple[Article | None, list[Problem], str]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        FixtureSite(root).write_files({name: data})
        article, problems = load_file(root / "content" / name, settings_for(root), f"content/{name}")
        return article, problems, f"content/{name}"


@PROPERTY_SETTINGS
@given(front_matter=front_matters, body=st.text(max_size=200))
def test_any_front_matter_dumped_as_yaml_loads_without_raising(front_matter: dict[str, object], body: str) -> None:
    data = ("---\n" + yaml.safe_dump(front_matter, allow_unicode=True) + "---\n" + body).encode(
        "utf-8", "surrogatepass"
    )
    article, problems, path = load_bytes(data)
    assert_well_reported(article, problems, path, data)
    if article is not None:
        assert article.title and article.slug and article.topic
        assert article.published.tzinfo is not None


@PROPERTY_SETTINGS
@given(
    title=st.text(min_size=1, max_size=60).filter(str.strip),
    date=st.datetimes(min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    tags=st.lists(st.text(max_size=15), max_size=5),
)
def test_a_valid_article_with_arbitrary_text_always_loads(title: str, date: dt.datetime, tags: list[str]) -> None:
    dumped = yaml.safe_dump({"title": title, "date": date, "topic": "politics", "tags": tags}, allow_unicode=True)
    as_yaml_reads_it = yaml.safe_load(dumped)  # YAML folds some characters (NEL, line separators) in scalars
    data = ("---\n" + dumped + "---\nBody.\n").encode()
    article, problems, path = load_bytes(data)
    assert_well_reported(article, problems, path, data)
    if article is None:
        # Only a blank title or a tag without letters or digits can be refused.
        assert {p.field for p in problems if p.is_error} <= {"title", "tags"}
    else:
        assert article.title == as_yaml_reads_it["title"].strip()
        assert article.published.replace(tzinfo=None) == date
        assert len({t.casefold() for t in article.tags}) == len(article.tags)


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes_never_raise(data: bytes) -> None:
    article, problems, path = load_bytes(data)
    assert_well_reported(article, problems, path, data)


@PROPERTY_SETTINGS
@given(
    lines=st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "---",
                    "...",
                    "title: A",
                    "date: 2024-11-25",
                    "topic: politics",
                    "tags: [a, b",
                    "  - x",
                    "slug: ../x",
                    "? [a]",
                    ": b",
                    "&a x",
                    "*a",
                    "<<: *a",
                    "\ufeff",
                    "\r",
                    "\t",
                ]
            ),
            st.text(max_size=20),
        ),
        max_size=12,
    )
)
def test_text_shaped_like_front_matter_never_raises(lines: list[str]) -> None:
    data = "\n".join(["---", *lines]).encode("utf-8", "surrogatepass")
    article, problems, path = load_bytes(data)
    assert_well_reported(article, problems, path, data)


@settings(max_examples=25, deadline=None)
@given(
    files=st.lists(
        st.one_of(
            front_matters.map(lambda fm: ("---\n" + yaml.safe_dump(fm) + "---\n").encode()), st.binary(max_size=80)
        ),
        min_size=1,
        max_size=5,
    )
)
def test_load_articles_names_a_known_file_in_every_problem(files: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        names = {f"sub{i % 2}/a{i}.md": data for i, data in enumerate(files)}
        FixtureSite(root).write_files(names)
        result = load_articles(settings_for(root))
    assert result.files_read == len(files)
    known = {f"content/{name}" for name in names}
    assert all(problem.path in known for problem in result.problems)
    assert not any(p.message.startswith("could not read this article") for p in result.problems)
    assert {a.path for a in result.articles}.isdisjoint({p.path for p in result.errors})


flat_values = st.one_of(scalars, st.lists(scalars, max_size=4))


@PROPERTY_SETTINGS
@given(front_matter=st.dictionaries(field_names, st.one_of(flat_values, values), max_size=10))
def test_the_one_pass_constructor_gives_what_pyyaml_gives(front_matter: dict[str, object]) -> None:
    text = yaml.safe_dump(front_matter, allow_unicode=True)
    raw = parse_yaml(text, "p.md")
    expected = yaml.load(text, Loader=yaml.CSafeLoader)
    assert repr(raw.fields) == repr({str(k): v for k, v in expected.items()})  # repr: NaN equals NaN
    assert set(raw.field_lines) == set(raw.fields)
    assert not raw.problems
