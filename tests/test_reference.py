"""REFERENCE.md stays true: what the code defines must be documented there, and only that.

The reference is read as Markdown sections (headings outside code blocks) and
compared with the code itself, so a command, option, field, plugin option or
limit added without documentation fails here, and so does a documented option
that no longer exists. Numbers are looked up as the code has them, never
copied into this test.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from mkdocs.config import base

from briefings import limits, urls
from briefings.app import deploy
from briefings.assets import MEDIA
from briefings.cache import CACHE_DIR
from briefings.cli import main
from briefings.feeds import BRIEFING_LIMIT, TOPIC_LIMIT
from briefings.group import HOME_RECENT_BRIEFINGS, TOPIC_PAGE_SIZE
from briefings.importers.write import SLUG_MAX_LENGTH
from briefings.model import KNOWN_FIELDS, UNSUBSCRIBE_PRESETS
from briefings.plugin.config import BriefingsConfig, EmailConfig
from briefings.search import BUNDLE_DIR, MANIFEST
from briefings.settings import EMAIL_LOGO_MAX_WIDTH
from briefings.text import SUMMARY_LIMIT

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "REFERENCE.md"
README = ROOT / "README.md"
TEMPLATES = ROOT / "briefings" / "templates"
SCAFFOLD_WORKFLOW = ROOT / "briefings" / "scaffold" / ".github" / "workflows" / "publish.yml"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_OPTION_NAME = re.compile(r"`(--?[A-Za-z0-9][\w-]*)`")
_TABLE_SEPARATOR = re.compile(r"\|[-:| ]+\|")


@dataclass(frozen=True)
class Section:
    """One heading of a Markdown file and the text below it, up to the next heading of its level or higher."""

    level: int
    title: str
    text: str

    @property
    def anchor(self) -> str:
        return github_anchor(self.title)

    def tables(self) -> list[list[list[str]]]:
        """The body rows of each table in the section, as cells (header and separator rows left out)."""
        tables: list[list[list[str]]] = []
        lines = self.text.splitlines()
        for index, line in enumerate(lines):
            if not line.startswith("|"):
                continue
            if index == 0 or not lines[index - 1].startswith("|"):
                tables.append([])  # a table starts: this is its header row
                continue
            if _TABLE_SEPARATOR.fullmatch(line.strip()):
                continue
            tables[-1].append([cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]])
        return tables

    def table_rows(self) -> list[list[str]]:
        """The body rows of every table in the section."""
        return [row for table in self.tables() for row in table]

    def first_cells(self, table: int | None = None) -> list[str]:
        """The first cell of each body row: of every table, or of the ``table``-th one."""
        rows = self.table_rows() if table is None else self.tables()[table]
        return [row[0] for row in rows if row]


def github_anchor(title: str) -> str:
    """The id GitHub gives a heading: lowercase, punctuation but '-' and '_' dropped, spaces as '-'."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def sections(markdown: str) -> list[Section]:
    """Every heading of ``markdown`` (headings inside fenced code blocks are not headings)."""
    lines = markdown.splitlines()
    headings: list[tuple[int, int, str]] = []  # (line index, level, title)
    fence: str | None = None
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        match = _HEADING.match(line)
        if match:
            headings.append((index, len(match.group(1)), match.group(2)))
    found = []
    for number, (index, level, title) in enumerate(headings):
        end = next((i for i, lvl, _ in headings[number + 1 :] if lvl <= level), len(lines))
        found.append(Section(level, title, "\n".join(lines[index + 1 : end])))
    return found


REFERENCE_TEXT = REFERENCE.read_text(encoding="utf-8")
SECTIONS = sections(REFERENCE_TEXT)


def section(title: str) -> Section:
    """The one section whose heading is ``title`` (as written, backticks included)."""
    matching = [s for s in SECTIONS if s.title == title]
    assert len(matching) == 1, f"REFERENCE.md should have exactly one heading {title!r}, found {len(matching)}"
    return matching[0]


def number_forms(number: int) -> re.Pattern[str]:
    """``1000`` or ``1,000`` as a whole number (not part of a longer one)."""
    forms = sorted({str(number), f"{number:,}"}, key=len, reverse=True)
    return re.compile(r"(?<![\d,])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\d,]*\d)")


# --- the command line --------------------------------------------------------------------


def commands(group: click.Group = main, prefix: str = "briefings") -> Iterator[tuple[str, click.Command]]:
    """Every command of the ``briefings`` group (sub-groups walked too), with its full name."""
    for name, command in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        yield full, command
        if isinstance(command, click.Group):
            yield from commands(command, full)


COMMANDS = dict(commands())


def command_section(full_name: str) -> Section:
    return section(f"`{full_name}`")


def argument_name(argument: click.Argument) -> str:
    """``PATH...`` → ``PATH``, ``[DAY|latest]`` → ``DAY``: the name the usage line shows."""
    return argument.human_readable_name.strip("[]").split("|")[0].removesuffix("...")


@pytest.mark.parametrize("full_name", sorted(COMMANDS))
def test_every_command_has_its_section(full_name: str) -> None:
    text = command_section(full_name).text
    assert f"`{full_name} " in text, f"the section of {full_name} should show its usage line"


def test_every_documented_command_exists() -> None:
    documented = [m.group(1) for s in SECTIONS if (m := re.fullmatch(r"`(briefings(?: [\w-]+)+)`", s.title))]
    assert sorted(documented) == sorted(COMMANDS)


@pytest.mark.parametrize("full_name", sorted(COMMANDS))
def test_every_option_and_argument_is_in_its_command_section(full_name: str) -> None:
    """Each option (long and short forms, ``--no-…`` included) and argument, between the heading and the next."""
    text = command_section(full_name).text
    missing = []
    for param in COMMANDS[full_name].params:
        if isinstance(param, click.Option):
            missing += [name for name in (*param.opts, *param.secondary_opts) if f"`{name}`" not in text]
        elif isinstance(param, click.Argument) and argument_name(param) not in text:
            missing.append(argument_name(param))
    assert not missing, f"REFERENCE.md, section `{full_name}`, does not document {missing}"


@pytest.mark.parametrize("full_name", sorted(COMMANDS))
def test_every_documented_option_exists(full_name: str) -> None:
    """An option in the first cell of the section's tables is an option of that command."""
    command = COMMANDS[full_name]
    real = {name for p in command.params if isinstance(p, click.Option) for name in (*p.opts, *p.secondary_opts)}
    documented = {name for cell in command_section(full_name).first_cells() for name in _OPTION_NAME.findall(cell)}
    assert documented <= real, f"{full_name} has no options {sorted(documented - real)}"


def test_global_options_are_documented() -> None:
    text = section("4. Command line").text
    names = [name for p in main.params if isinstance(p, click.Option) for name in p.opts]
    names += list(main.context_settings.get("help_option_names", ["--help"]))
    assert [name for name in names if f"`{name}`" not in text] == []


# --- the content format ------------------------------------------------------------------


def test_every_front_matter_field_has_an_entry_and_no_other() -> None:
    fields_table = section("Front matter fields")
    documented = [m.group(1) for cell in fields_table.first_cells() if (m := re.fullmatch(r"`(\w+)`", cell))]
    assert sorted(documented) == sorted(KNOWN_FIELDS)


def test_every_text_limit_is_in_the_row_of_its_field() -> None:
    rows = section("Limits").table_rows()
    wrong = []
    for name, limit in limits.TEXT_LIMITS.items():
        row = next((cells for cells in rows if f"`{name}`" in cells[0]), None)
        if row is None or not number_forms(limit).search(" ".join(row[1:])):
            wrong.append((name, limit))
    assert not wrong, f"the Limits table should give each field's limit: {wrong}"


def test_every_limit_number_is_in_the_limits_section() -> None:
    """Every bound of ``briefings/limits.py`` (TITLE_MAX, TAGS_MAX, EARLIEST_YEAR…), with its number as written."""
    text = section("Limits").text
    numbers = {
        name: value
        for name, value in vars(limits).items()
        if name.isupper() and isinstance(value, int) and not isinstance(value, bool)
    }
    assert numbers, "limits.py should define its bounds as module constants"
    # Two bounds of the same value (ALIASES_MAX and UNUSED_FIELDS_DEPTH are both 20) need two mentions.
    needed = Counter(numbers.values())
    missing = {name: value for name, value in numbers.items() if len(number_forms(value).findall(text)) < needed[value]}
    assert not missing, f"the Limits section does not give {missing}"


def test_derived_numbers_are_stated_as_the_code_has_them() -> None:
    assert f"at or before {SUMMARY_LIMIT} characters" in section("Summaries").text
    assert f"near {SLUG_MAX_LENGTH} characters" in command_section("briefings new").text
    assert f"1 to {EMAIL_LOGO_MAX_WIDTH}" in section("Email options").text


# --- the configuration -------------------------------------------------------------------


def option_paths(config_class: type[base.Config], prefix: str = "") -> Iterator[str]:
    """``email``, ``email.utm``, ``email.utm.source``…: every option of a config class, sub-options included."""
    for name, option in config_class._schema:
        path = f"{prefix}{name}"
        yield path
        nested = getattr(option, "config_class", None)
        if isinstance(nested, type) and issubclass(nested, base.Config):
            yield from option_paths(nested, f"{path}.")


def documented_options(title: str) -> list[str]:
    """The options named in the first table of a section (one option per row)."""
    return [m.group(1) for cell in section(title).first_cells(0) if (m := re.fullmatch(r"`([\w.]+)`", cell))]


def test_every_plugin_option_is_documented_and_no_other() -> None:
    top_level = [name for name, _ in BriefingsConfig._schema]
    assert sorted(documented_options("Plugin options")) == sorted(top_level)


def test_every_email_option_is_documented_and_no_other() -> None:
    nested = list(option_paths(EmailConfig, "email."))
    assert len(nested) > len(EmailConfig._schema), "utm and logo have sub-options"
    assert sorted(documented_options("Email options")) == sorted(nested)


def test_every_unsubscribe_preset_is_documented() -> None:
    text = section("Email options").text
    for preset, placeholder in UNSUBSCRIBE_PRESETS.items():
        assert f"| `{preset}` |" in text
        assert f"`{placeholder.replace('|', chr(92) + '|')}`" in text, placeholder


def test_every_page_template_is_named_among_the_overrides() -> None:
    text = section("Template overrides").text
    names = sorted(path.name for path in TEMPLATES.iterdir() if path.is_file())
    assert names, "briefings/templates/ holds the page templates"
    assert [name for name in names if f"`{name}`" not in text] == []


# --- the URLs ----------------------------------------------------------------------------


def test_every_url_of_the_site_is_documented() -> None:
    text = section("3. URLs and files of a site").text
    day = dt.date(2024, 11, 25)
    periods = BriefingsConfig.period.choices  # type: ignore[attr-defined]
    expected = [
        urls.ARCHIVE,
        urls.TAGS,
        urls.TOPICS,
        urls.SEARCH,
        urls.RSS_FEED,
        urls.ATOM_FEED,
        urls.JSON_FEED,
        urls.article_url(day, "<slug>"),
        urls.topic_url("<key>"),
        urls.topic_url("<key>", 2),
        urls.topic_feed_url("<key>"),
        urls.tag_url("<tag-slug>"),
        urls.email_page_url(urls.briefing_url(day, "day")),
        urls.briefing_url(dt.date(2024, 12, 30), "week"),  # the ISO week-year example
        *(urls.briefing_url(day, period) for period in periods),
        f"{BUNDLE_DIR}/{MANIFEST}",
        MEDIA,
        "sitemap.xml",
        "sitemap.xml.gz",
    ]
    assert [url for url in expected if f"`{url}" not in text] == []


def test_every_period_has_a_row() -> None:
    periods = BriefingsConfig.period.choices  # type: ignore[attr-defined]
    documented = [m.group(1) for cell in section("Period modes").first_cells() if (m := re.fullmatch(r"`(\w+)`", cell))]
    assert sorted(documented) == sorted(periods)


def test_listing_sizes_are_stated_as_the_code_has_them() -> None:
    urls_text = section("3. URLs and files of a site").text
    assert f"{TOPIC_PAGE_SIZE} a page" in urls_text
    assert f"the {HOME_RECENT_BRIEFINGS} briefings before it" in urls_text
    feeds = section("Feeds").text
    assert f"the newest {BRIEFING_LIMIT} briefings" in feeds
    assert f"the newest {TOPIC_LIMIT} articles" in feeds


def test_the_cache_folder_is_named() -> None:
    assert f"`{CACHE_DIR}/`" in section("Build cache").text


# --- publishing --------------------------------------------------------------------------


def test_the_workflow_schedule_and_commands_are_as_the_scaffold_has_them() -> None:
    workflow = SCAFFOLD_WORKFLOW.read_text(encoding="utf-8")
    publishing = section("Publishing").text
    crons = re.findall(r"^\s*-\s*cron:\s*('[^']+'|\"[^\"]+\")", workflow, re.MULTILINE)
    assert crons, "the publish workflow runs on a schedule"
    assert [c for c in crons if f"cron: {c}" not in publishing] == []
    runs = re.findall(r"^\s*run:\s*(briefings\b.*?)\s*$", workflow, re.MULTILINE)
    assert runs, "the publish workflow runs briefings"
    assert [run for run in runs if f"`{run}`" not in publishing] == []


def test_every_deploy_refusal_host_is_documented() -> None:
    text = command_section("briefings deploy").text
    assert f"`{deploy.PAGES_DEPLOY_ACTION}`" in text
    names = [*deploy.PLACEHOLDER_HOSTS, *deploy.PLACEHOLDER_SUFFIXES, *deploy.LOCAL_ADDRESSES]
    missing = [name for name in names if f"`{name}`" not in text]
    assert not missing, f"the deploy section should list the placeholder hosts {missing}"


# --- links, and where the contract lives ----------------------------------------------------


def test_links_into_the_readme_and_within_the_reference_resolve() -> None:
    readme_anchors = {s.anchor for s in sections(README.read_text(encoding="utf-8"))}
    own_anchors = {s.anchor for s in SECTIONS}
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", REFERENCE_TEXT):
        if target.startswith("README.md#"):
            if target.removeprefix("README.md#") not in readme_anchors:
                broken.append(target)
        elif target.startswith("#"):
            if target[1:] not in own_anchors:
                broken.append(target)
        elif not target.startswith(("http://", "https://")) and not (ROOT / target.split("#")[0]).exists():
            broken.append(target)
    assert broken == []


@pytest.mark.parametrize("path", [README, REFERENCE], ids=lambda p: p.name)
def test_no_pointer_to_a_contract_outside_the_repository(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for outside in ("SPEC.md", "../shared", "shared folder", "SPEC §"):
        assert outside not in text, f"{path.name} points to {outside!r}, which a clone does not have"


def test_the_readme_links_to_the_reference() -> None:
    assert re.search(r"\]\(REFERENCE\.md(?:#[^)]*)?\)", README.read_text(encoding="utf-8"))
