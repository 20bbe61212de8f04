"""Plugin configuration (SPEC §3): bad options are errors naming the key; MkDocs' YAML tags load."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from check_helpers import article, check_site, run_check

from briefings.app.site import open_site
from briefings.errors import SiteError
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


def test_malformed_mkdocs_yml_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    run = run_check(check_site(tmp_path, {}, "site_name: [unclosed\n").config)
    assert run.exit_code == 1 and "Traceback" not in run.output and "mkdocs.yml: error:" in run.output
