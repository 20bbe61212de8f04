"""Plugin configuration (SPEC §3): bad options are errors naming the key; MkDocs' YAML tags load."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from check_helpers import article, check_site, run_check
from helpers import CliResult, run_mkdocs, write_site

from briefings.app.site import open_site
from briefings.config_lines import ConfigLocation, compose_config, locate, quoted_names
from briefings.errors import SiteError
from briefings.plugin.config import BriefingsConfig
from briefings.request import BuildRequest
from briefings.settings import ConfigError, parse_timezone, parse_topics

CONFIG = """\
site_name: Test
theme:
  name: material
plugins:
  - briefings:
{options}
"""


def config_with(options: str) -> str:
    return CONFIG.format(options="\n".join(f"      {line}" for line in options.splitlines()))


BAD_OPTIONS = {
    "timezone": ("timezone: Mars/Olympus", "Mars/Olympus"),
    "timezone-folder": ("timezone: Europe", "'Europe'"),
    "period": ("period: fortnight", "fortnight"),
    "unknown-option": ("colour: red", "colour"),
    "topic-key": ("topics: {'World News': World}", "World News"),
}


@pytest.mark.parametrize("case", BAD_OPTIONS.values(), ids=BAD_OPTIONS.keys())
def test_a_bad_option_makes_check_exit_1_without_a_traceback(tmp_path: Path, case: tuple[str, str]) -> None:
    options, _found = case
    run = run_check(check_site(tmp_path, {"a.md": article()}, config_with(options)).config)
    assert run.exit_code == 1
    assert "Traceback" not in run.output
    assert "mkdocs.yml" in run.output


@pytest.mark.parametrize("case", BAD_OPTIONS.values(), ids=BAD_OPTIONS.keys())
def test_a_bad_option_is_an_error_naming_the_key_from_open_site_and_check(
    tmp_path: Path, case: tuple[str, str]
) -> None:
    options, found = case
    key = options.split(":")[0]
    config = check_site(tmp_path, {"a.md": article()}, config_with(options)).config
    with pytest.raises(SiteError) as raised:
        open_site(BuildRequest(config))
    assert f"'{key}'" in str(raised.value) and found in str(raised.value)
    run = run_check(config)
    assert f"'{key}'" in run.output and found in run.output


def test_parse_timezone_names_what_it_found_and_suggests_a_close_zone() -> None:
    with pytest.raises(ConfigError, match=r"unknown time zone 'Europe/Pari'.*did you mean 'Europe/Paris'"):
        parse_timezone("Europe/Pari")
    with pytest.raises(ConfigError, match="unknown time zone 'Europe'"):
        parse_timezone("Europe")  # a folder of zones, not a zone
    with pytest.raises(ConfigError, match="IANA"):
        parse_timezone(5)
    assert parse_timezone(" Europe/Paris ") == ZoneInfo("Europe/Paris")


def test_parse_topics_accepts_both_forms_in_order_and_empty_means_discovered() -> None:
    topics = parse_topics(
        {
            "defence": {"title": "Defence", "description": "Wars", "keywords": ["nato", "troops"]},
            "politics": "Politics",
            "misc": None,
        }
    )
    assert [(t.key, t.title) for t in topics] == [("defence", "Defence"), ("politics", "Politics"), ("misc", "Misc")]
    assert topics[0].keywords == ("nato", "troops")
    assert parse_topics(None) == () and parse_topics({}) == () and parse_topics([]) == ()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"World News": "W"}, "topic key 'World News'"),
        ({"a": {"titel": "A"}}, "unknown key 'titel' (did you mean 'title'?)"),
        ({"a": {"keywords": 3}}, "'keywords' must be a list"),
        ({"a": {"title": ""}}, "'title' must be non-empty"),
        (["a", "b"], "expected a mapping"),
    ],
)
def test_parse_topics_rejects_bad_topics_naming_the_topic(value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        parse_topics(value)


def test_valid_options_reach_the_site_settings(tmp_path: Path) -> None:
    options = (
        "timezone: America/New_York\nperiod: week\ncontent_dir: news\n"
        "topics:\n  politics: Politics\n  defence: {title: Defence}"
    )
    site = open_site(BuildRequest(check_site(tmp_path, {}, config_with(options)).config))
    settings = site.settings
    assert settings.timezone == ZoneInfo("America/New_York") and settings.period == "week"
    assert settings.content_dir == (tmp_path / "news").resolve()
    assert [t.key for t in settings.topics] == ["politics", "defence"]


def test_a_config_using_env_and_python_name_tags_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFINGS_TEST_TZ", "Asia/Tokyo")
    config = """\
site_name: !ENV [BRIEFINGS_TEST_SITE_NAME, "Env Briefing"]
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - briefings:
      timezone: !ENV BRIEFINGS_TEST_TZ
"""
    config_file = check_site(tmp_path, {"a.md": article()}, config).config
    site = open_site(BuildRequest(config_file))
    assert site.config.site_name == "Env Briefing"
    assert site.settings.timezone == ZoneInfo("Asia/Tokyo")
    run = run_check(config_file)
    assert run.exit_code == 0 and run.lines[-1] == "1 article, 0 errors, 0 warnings"


def test_a_site_without_the_briefings_plugin_is_an_error(tmp_path: Path) -> None:
    config = check_site(tmp_path, {}, "site_name: X\ntheme:\n  name: material\n").config
    with pytest.raises(SiteError, match="'briefings' plugin is not enabled"):
        open_site(BuildRequest(config))


# --- configuration errors say where: `mkdocs.yml:LINE: error: …` (issue 12, item 11) -------------

#: The comment that marks, in a fixture config, the line an error must name.
HERE = "# <-- here"


def marked_line(config: str) -> int:
    """The 1-based line of ``config`` that carries :data:`HERE`."""
    (line,) = [number for number, text in enumerate(config.splitlines(), 1) if text.rstrip().endswith(HERE)]
    return line


def error_lines(run: CliResult) -> list[str]:
    return [line for line in run.output.splitlines() if ": error: " in line]


SITE_HEAD = """\
site_name: Morning Briefing
site_url: https://news.example.org/
theme:
  name: material
  language: en
"""

#: Configs with one mistake each, the line it is on marked; and what the message must say besides the line.
LOCATED_ERRORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "unknown-plugin-option": (
        """\
plugins:
  - search
  - briefings:
      content_dir: content
      time_zone: Europe/Paris   # <-- here
""",
        ("plugin 'briefings'", "unknown option 'time_zone' (did you mean 'timezone'?)", "expected one of"),
    ),
    "bad-timezone": (
        """\
plugins:
  - search
  - briefings:
      period: day
      timezone: Europe/Parsi   # <-- here
""",
        ("option 'timezone'", "unknown time zone 'Europe/Parsi' (did you mean 'Europe/Paris'?)"),
    ),
    "bad-timezone-from-env": (
        """\
plugins:
  - briefings:
      timezone: !ENV [BRIEFINGS_UNSET_TZ, "Mars/Olympus"]   # <-- here
""",
        ("option 'timezone'", "'Mars/Olympus'"),
    ),
    "bad-period": (
        """\
plugins:
  - briefings:
      timezone: UTC
      period: fortnight   # <-- here
""",
        ("option 'period'", "'fortnight'", "'day', 'week', 'month'"),
    ),
    "topics-not-a-mapping": (
        """\
plugins:
  - briefings:
      topics:   # <-- here
        - politics
        - world
""",
        ("option 'topics'", "expected a mapping of topic keys to titles, found list"),
    ),
    "topic-neither-title-nor-mapping": (
        """\
plugins:
  - briefings:
      topics:
        politics: Politics
        world: [World, Monde]   # <-- here
""",
        ("option 'topics'", "topic 'world'", "found list"),
    ),
    "unknown-key-in-a-topic": (
        """\
plugins:
  - briefings:
      topics:
        politics:
          title: Politics
          keywords: [vote]
        world:
          title: World
          descripton: Diplomacy and conflicts.   # <-- here
""",
        ("option 'topics'", "topic 'world'", "unknown key 'descripton' (did you mean 'description'?)"),
    ),
    "bad-keywords": (
        """\
plugins:
  - briefings:
      topics:
        world:
          title: World
          keywords: 7   # <-- here
""",
        ("topic 'world'", "'keywords' must be a list of words"),
    ),
    "topic-key-not-plain": (
        """\
plugins:
  - briefings:
      topics:
        politics: Politics
        World News: World   # <-- here
""",
        ("topic key 'World News'", "'world-news'"),
    ),
    "extra-fields-not-a-list": (
        """\
plugins:
  - briefings:
      extra_fields: subtitle   # <-- here
""",
        ("option 'extra_fields'", "expected a list of field names", "found 'subtitle'"),
    ),
    "extra-fields-naming-an-own-field": (
        """\
plugins:
  - briefings:
      extra_fields:
        - subtitle
        - title   # <-- here
""",
        ("option 'extra_fields'", "'title' is one of Briefings' own fields"),
    ),
    "email-sender": (
        """\
plugins:
  - briefings:
      email:
        unsubscribe: listmonk
        sender: newsroom   # <-- here
""",
        ("option 'email', sub-option 'sender'", "expected an address", "'newsroom'"),
    ),
    "email-unknown-utm-key": (
        """\
plugins:
  - briefings:
      email:
        utm:
          source: newsletter
          campain: daily   # <-- here
""",
        ("sub-option 'utm'", "unknown key 'campain' (did you mean 'campaign'?)"),
    ),
    "email-logo-width": (
        """\
plugins:
  - briefings:
      email:
        logo:
          src: assets/logo.png
          width: 1200   # <-- here
          height: 40
""",
        ("sub-option 'logo', sub-option 'width'", "from 1 to 600, found 1200"),
    ),
    "plugins-as-a-mapping": (
        """\
plugins:
  search: {}
  briefings:
    timezone: Europe/Berlin
    period: daily   # <-- here
""",
        ("option 'period'", "'daily'"),
    ),
    "plugin-options-not-a-mapping": (
        """\
plugins:
  - search
  - briefings: yes   # <-- here
""",
        ("option 'plugins'", "Invalid config options for the 'briefings' plugin"),
    ),
    "plugin-not-installed": (
        """\
plugins:
  - serach   # <-- here
  - briefings
""",
        ("option 'plugins'", 'The "serach" plugin is not installed'),
    ),
    "missing-markdown-extension": (
        """\
markdown_extensions:
  - toc:
      permalink: true
  - footnote   # <-- here
plugins:
  - briefings
""",
        ("option 'markdown_extensions'", "Failed to load extension 'footnote'"),
    ),
}


@pytest.mark.parametrize("case", LOCATED_ERRORS.values(), ids=LOCATED_ERRORS.keys())
def test_a_config_error_names_its_file_and_line(tmp_path: Path, case: tuple[str, tuple[str, ...]]) -> None:
    plugins, expected = case
    config = SITE_HEAD + plugins
    run = run_check(check_site(tmp_path, {"a.md": article()}, config).config)
    assert run.exit_code == 1 and "Traceback" not in run.output
    (error,) = error_lines(run)
    assert error.startswith(f"mkdocs.yml:{marked_line(config)}: error: "), error
    for text in expected:
        assert text in error, error


MKDOCS_ERRORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "theme-name": (
        """\
site_name: Morning Briefing
theme:
  custom_dir: overrides
  name: materail   # <-- here
""",
        ("option 'theme'", "Unrecognised theme name: 'materail'"),
    ),
    "theme-as-a-name": (
        """\
site_name: Morning Briefing
theme: readthedoc   # <-- here
""",
        ("option 'theme'", "'readthedoc'"),
    ),
    "theme-custom-dir": (
        """\
site_name: Morning Briefing
theme:
  name: material
  language: en
  custom_dir: overides   # <-- here
""",
        ("option 'theme'", "custom_dir"),
    ),
    "site-url": (
        """\
site_name: Morning Briefing
site_url: news.example.org/briefing/   # <-- here
theme:
  name: material
""",
        ("option 'site_url'", "The URL isn't valid"),
    ),
}


@pytest.mark.parametrize("case", MKDOCS_ERRORS.values(), ids=MKDOCS_ERRORS.keys())
def test_mkdocs_own_config_errors_name_the_line_of_the_key(tmp_path: Path, case: tuple[str, tuple[str, ...]]) -> None:
    head, expected = case
    config = head + "plugins:\n  - briefings\n"
    run = run_check(check_site(tmp_path, {"a.md": article()}, config).config)
    assert run.exit_code == 1 and "Traceback" not in run.output
    (error,) = error_lines(run)
    assert error.startswith(f"mkdocs.yml:{marked_line(config)}: error: "), error
    for text in expected:
        assert text in error, error


def test_every_unknown_option_is_reported_on_its_line_in_written_order(tmp_path: Path) -> None:
    config = SITE_HEAD + "plugins:\n  - briefings:\n      colour: red\n      timezone: UTC\n      perod: week\n"
    run = run_check(check_site(tmp_path, {}, config).config)
    assert run.exit_code == 1
    assert error_lines(run) == [
        "mkdocs.yml:8: error: plugin 'briefings': unknown option 'colour'; expected one of "
        + ", ".join(name for name, _ in BriefingsConfig._schema),
        "mkdocs.yml:10: error: plugin 'briefings': unknown option 'perod' (did you mean 'period'?); expected one of "
        + ", ".join(name for name, _ in BriefingsConfig._schema),
    ]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            b"site_name: Morning Briefing\ntheme: {name: material}\nplugins:\n  - briefings:\n      topics:\n"
            b"        world:\n          title: [World]\n",
            "mkdocs.yml:7: error: plugin 'briefings', option 'topics': topic 'world': 'title' must be non-empty text",
        ),
        (
            b"site_name: [Morning Briefing\ntheme: {name: material}\n",
            "mkdocs.yml:2: error: malformed YAML, column 6: expected ',' or ']', but got ':' "
            "(while parsing a flow sequence at line 1, column 12)",
        ),
        (
            b"site_name: Morning Briefing\n  theme: material\n",
            "mkdocs.yml:2: error: malformed YAML, column 8: mapping values are not allowed here",
        ),
        (
            b"site_name: Morning Briefing\ntheme: {name: material}\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
            b"      emoji_index: !!python/name:material.extensions.emoji.twemojii\n",
            "mkdocs.yml:5: error: cannot load this value, column 20: "
            "cannot find 'twemojii' in the module 'material.extensions.emoji'",
        ),
        (
            'site_name: Morning Briefing\ntheme: {name: material}\ncopyright: "\u00a9 Desk \x07"\n'.encode(),
            "mkdocs.yml:3: error: malformed YAML: character #x0007 is not allowed: special characters are not allowed",
        ),
        (
            "site_name: Morning Briefing\nsite_description: Revue de presse \u00e9t\u00e9\n".encode("latin-1"),
            "mkdocs.yml:2: error: malformed YAML: byte #xe9 is not allowed: invalid continuation byte",
        ),
    ],
    ids=["whole-message", "unclosed-bracket", "bad-indent", "python-name-tag", "control-character", "not-utf-8"],
)
def test_the_whole_message_of_a_located_error(tmp_path: Path, config: bytes, expected: str) -> None:
    site = check_site(tmp_path, {})
    site.config.write_bytes(config)
    run = run_check(site.config)
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert error_lines(run) == [expected]


def test_a_site_without_the_plugin_is_told_at_its_plugins_line(tmp_path: Path) -> None:
    config = "site_name: Morning Briefing\ntheme:\n  name: material\nplugins:\n  - search\n"
    run = run_check(check_site(tmp_path, {}, config).config)
    assert run.exit_code == 1
    assert error_lines(run) == ["mkdocs.yml:4: error: the 'briefings' plugin is not enabled: add it under 'plugins:'"]


# --- INHERIT: the file that holds the key ---------------------------------------------------------


def inheriting_site(root: Path, parent: str, child: str) -> Path:
    """A site whose ``mkdocs.yml`` (``child``) inherits ``shared/base.yml`` (``parent``)."""
    check_site(root, {"a.md": article()}, "INHERIT: shared/base.yml\n" + child)
    (root / "shared").mkdir()
    (root / "shared" / "base.yml").write_text(parent, encoding="utf-8")
    return root / "mkdocs.yml"


BASE = """\
site_name: Newsroom
theme:
  name: material
  language: en
plugins:
  - search
  - briefings:
      timezone: Europe/Lisbon
      period: weekly
"""


def test_a_key_held_by_the_inherited_file_is_reported_in_that_file(tmp_path: Path) -> None:
    config = inheriting_site(tmp_path, BASE, "site_url: https://news.example.org/\n")
    run = run_check(config)
    assert run.exit_code == 1
    assert error_lines(run) == [
        "shared/base.yml:9: error: plugin 'briefings', option 'period': "
        "Expected one of: ('day', 'week', 'month') but received: 'weekly'"
    ]


def test_a_key_the_main_file_overrides_is_reported_in_the_main_file(tmp_path: Path) -> None:
    child = "site_url: https://news.example.org/\nplugins:\n  - briefings:\n      period: fortnightly\n"
    run = run_check(inheriting_site(tmp_path, BASE, child))
    assert [line.split(" error: ")[0] for line in error_lines(run)] == ["mkdocs.yml:5:"]


def test_mappings_merge_across_inherit_so_an_inherited_theme_name_is_found_in_the_parent(tmp_path: Path) -> None:
    parent = "site_name: Newsroom\ntheme:\n  name: materail\n  language: en\n"
    run = run_check(inheriting_site(tmp_path, parent, "theme:\n  language: fr\nplugins:\n  - briefings\n"))
    assert [line.split(" error: ")[0] for line in error_lines(run)] == ["shared/base.yml:3:"]


def test_a_missing_inherited_file_is_reported_at_the_inherit_line(tmp_path: Path) -> None:
    config = check_site(tmp_path, {}, "site_name: Newsroom\nINHERIT: shared/missing.yml\n").config
    run = run_check(config)
    assert run.exit_code == 1
    assert error_lines(run)[0].startswith("mkdocs.yml:2: error: INHERIT: the file 'shared/missing.yml' does not exist")


def test_inherited_files_that_make_a_loop_are_reported_at_the_inherit_line_that_closes_it(tmp_path: Path) -> None:
    config = inheriting_site(tmp_path, "site_name: Newsroom\nINHERIT: ../mkdocs.yml\n", "")
    run = run_check(config)
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert error_lines(run) == [
        "shared/base.yml:2: error: INHERIT: '../mkdocs.yml' leads back to mkdocs.yml: the inherited files make a loop"
    ]


def test_a_yaml_error_in_the_inherited_file_is_reported_in_that_file(tmp_path: Path) -> None:
    run = run_check(inheriting_site(tmp_path, "site_name: Newsroom\ntheme: {name: material\n", ""))
    assert run.exit_code == 1
    assert error_lines(run)[0].startswith("shared/base.yml:3: error: malformed YAML")


# --- build, --strict, and plain `mkdocs build` ----------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_config_error_in_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", search=False)
    site.write_article("2024/vote.md", title="Parliament votes", date="2024-11-25 09:00", topic="politics")
    assert site.briefings("build").exit_code == 0
    before = snapshot(site.root / "site")
    assert before
    config = yaml.safe_load(site.config.read_text(encoding="utf-8"))
    config["plugins"][0]["briefings"]["timezone"] = "Europe/Pariss"
    site.config.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    line = next(n for n, text in enumerate(site.config.read_text().splitlines(), 1) if "Europe/Pariss" in text)
    run = site.briefings("build")
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert error_lines(run)[0].startswith(f"mkdocs.yml:{line}: error: plugin 'briefings', option 'timezone': ")
    assert snapshot(site.root / "site") == before
    assert not list(site.root.glob(".briefings-build-*"))


@pytest.mark.parametrize(
    ("extra_config", "key", "message"),
    [
        ({"site_autor": "Desk"}, "site_autor", "unknown option 'site_autor' (did you mean 'site_author'?)"),
        (
            {"plugins": [{"search": {"language": "fr"}}, {"briefings": {"timezone": "UTC"}}]},
            "language",
            "plugin 'material/search': unknown option 'language' (did you mean 'lang'?); expected one of ",
        ),
    ],
    ids=["mkdocs-key", "other-plugin-option"],
)
def test_build_strict_makes_an_unknown_key_an_error_on_its_line(
    tmp_path: Path, extra_config: dict[str, object], key: str, message: str
) -> None:
    site = write_site(tmp_path / "site", search=False, extra_config=extra_config)
    site.write_article("2024/vote.md", title="Parliament votes", date="2024-11-25 09:00", topic="politics")
    lines = site.config.read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.lstrip(" -").startswith(f"{key}:"))
    run = site.briefings("build", "--strict")
    assert run.exit_code == 1 and "Traceback" not in run.output
    (error,) = error_lines(run)
    assert error.startswith(f"mkdocs.yml:{line}: error: {message}"), error
    assert not (site.root / "site").exists() and not list(site.root.glob(".briefings-build-*"))


def test_plain_mkdocs_build_shows_the_line_of_a_bad_plugin_option(tmp_path: Path) -> None:
    config = SITE_HEAD + "plugins:\n  - briefings:\n      topics:\n        world: {title: World, keyword: [un]}\n"
    site = check_site(tmp_path, {}, config)
    run = run_mkdocs("build", "-f", site.config, cwd=tmp_path)
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert (
        "option 'topics': mkdocs.yml:9: topic 'world': unknown key 'keyword' (did you mean 'keywords'?)" in run.output
    )
    assert not (tmp_path / "site").exists()


# --- the YAML side (briefings.config_lines) --------------------------------------------------------


def test_locate_follows_merge_keys_and_takes_the_last_of_duplicate_keys(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "x-defaults: &defaults\n  timezone: Europe/Paris\n  period: day\n"
        "plugins:\n  - briefings:\n      <<: *defaults\n      period: week\n      period: month\n",
        encoding="utf-8",
    )
    tree = compose_config(config)
    assert locate(tree, ("plugins", "briefings", "period")) == ConfigLocation(config.resolve(), 8)
    assert locate(tree, ("plugins", "briefings", "timezone")) == ConfigLocation(config.resolve(), 2)
    assert locate(tree, ("plugins", "briefings", "content_dir")) == ConfigLocation(config.resolve(), 5)
    assert locate(tree, ("nav",)) is None


def test_locate_finds_a_theme_plugin_by_its_short_name_and_unreadable_yaml_locates_nothing(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - search\n  - tags:\n      enabled: true\n", encoding="utf-8")
    assert locate(compose_config(config), ("plugins", "material/tags", "enabled")) == ConfigLocation(
        config.resolve(), 4
    )
    config.write_text("plugins: [search\n", encoding="utf-8")
    assert compose_config(config) is None and locate(compose_config(config), ("plugins",)) is None


def test_quoted_names_skip_apostrophes() -> None:
    assert quoted_names("The URL isn't valid, it's 'x'") == ["x"]
    assert quoted_names("""topic 'a': unknown key 'titel' (did you mean "title"?)""") == ["a", "titel", "title"]
    assert quoted_names("Briefings' own fields: 'title'") == ["title"]
