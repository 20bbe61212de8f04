"""Rebuilds with the build cache: only changed pages are rendered, and a rebuild always equals a cold build."""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from helpers import FixtureSite

from briefings import search
from briefings.plugin.plugin import NAV_PAGES

#: The pages of the navigation are rendered every time: each page's nav links to them.
ALWAYS_RENDERED = len(NAV_PAGES)

TOPICS = ["politics", "economy", "science"]
WORDS = [
    "budget",
    "vote",
    "river",
    "court",
    "storm",
    "vaccine",
    "tariff",
    "summit",
    "rocket",
    "drought",
    "election",
    "harbour",
]


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` by its bytes, except Pagefind's, which :func:`search_records` compares."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith("pagefind/")
    }


def search_records(folder: Path) -> list[str]:
    """What the search bundles hold: every fragment (URL, text, metadata, filters), decoded.

    Pagefind's file names and index layout vary from run to run (its issue #638),
    so the bundles are compared by what a reader can find in them.
    """
    records = []
    for path in folder.rglob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        records.append(json.dumps({k: fragment[k] for k in ("url", "content", "meta", "filters")}, sort_keys=True))
    return sorted(records)


def build(site: FixtureSite, *options: str) -> str:
    result = site.briefings("build", "-v", *options)
    assert result.exit_code == 0, result.output
    return result.output


def rendered_counts(output: str) -> tuple[int, int]:
    """``(rendered, restored)`` generated pages, from the build log."""
    match = re.search(r"Generated pages: (\d+) rendered, (\d+) from the cache", output)
    assert match, output
    return int(match.group(1)), int(match.group(2))


@pytest.fixture()
def site(make_site: Callable[..., FixtureSite], monkeypatch: pytest.MonkeyPatch) -> FixtureSite:
    monkeypatch.setattr(search, "WORDS_PER_BUNDLE", 40)  # several search bundles, as on a large site
    return site_to_edit(make_site)


def site_to_edit(make_site: Callable[..., FixtureSite], **options: object) -> FixtureSite:
    """Six stories, three topics and a theme folder: every kind of edit of :data:`ACTIONS` applies."""
    site = make_site(
        extra_config={"theme": {"name": "material", "font": False, "custom_dir": "theme"}},
        topics={key: {"title": key.title()} for key in TOPICS},
        **options,
    )
    (site.root / "theme").mkdir()
    (site.root / "theme" / "main.html").write_text('{% extends "briefings-main.html" %}\n', encoding="utf-8")
    for number in range(6):
        write(site, f"story-{number}.md", random.Random(number))
    return site


def write(site: FixtureSite, name: str, rng: random.Random, **fields: object) -> None:
    day = rng.randint(20, 24)
    values: dict[str, object] = {
        "title": f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {rng.randint(1, 99)}",
        "date": f"2024-11-{day} {rng.randint(6, 20):02}:{rng.choice(['00', '30'])}",
        "topic": rng.choice(TOPICS),
        "tags": rng.sample(WORDS[:5], rng.randint(0, 2)),
        "priority": rng.choice([1, 2, 2, 3]),
    }
    values.update(fields)
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
    site.write_article(name, body, **values)


#: What an editor (or a designer) changes between two builds.
ACTIONS = [
    "add",
    "body",
    "delete",
    "rename",
    "move",
    "priority",
    "title",
    "tags",
    "topic title",
    "theme",
    "docs",
    "picture",
    "link",
    "alias",
]


def png_header(width: int, height: int) -> bytes:
    """The start of a PNG file: as much as the build reads to know a picture's size."""
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I4sII", 13, b"IHDR", width, height) + b"\x08\x02\x00\x00\x00"


def edit(site: FixtureSite, rng: random.Random, action: str) -> str:
    """Make one change of kind ``action`` at random; returns what it was, for the failure message."""
    articles = sorted(site.content.glob("*.md"))
    target = rng.choice(articles)
    front, body = target.read_text(encoding="utf-8").split("---\n")[1:3]
    fields = yaml.safe_load(front)

    def rewrite(**changes: object) -> None:
        fields.update(changes)
        site.write_article(target.name, body, **fields)

    if action == "add" or len(articles) < 3:
        write(site, f"new-{rng.randint(0, 10**6)}.md", rng)
        return f"add ({len(articles)} articles)"
    if action == "body":
        body = body.rstrip() + f" {rng.choice(WORDS)}\n"
    elif action == "delete":
        target.unlink()
        return f"delete {target.name}"
    elif action == "rename":
        target.rename(target.with_name(f"renamed-{rng.randint(0, 10**6)}.md"))
        return f"rename {target.name}"
    elif action == "move":
        rewrite(date=f"2024-11-{rng.randint(18, 26)} 12:00")
    elif action == "priority":
        rewrite(priority=rng.choice([1, 2, 3]))
    elif action == "title":
        rewrite(title=f"Retitled {rng.randint(0, 10**6)}")
    elif action == "tags":
        rewrite(tags=rng.sample(WORDS[:6], rng.randint(0, 3)))
    elif action == "topic title":
        config = yaml.safe_load(site.config.read_text(encoding="utf-8"))
        key = rng.choice(TOPICS)
        briefings = next(p["briefings"] for p in config["plugins"] if isinstance(p, dict) and "briefings" in p)
        briefings["topics"][key]["title"] = f"{key.title()} {rng.randint(0, 99)}"
        site.config.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    elif action == "theme":
        (site.root / "theme" / "main.html").write_text(
            '{% extends "briefings-main.html" %}\n'
            f"{{% block announce %}}Notice {rng.randint(0, 99)}{{% endblock %}}\n",
            encoding="utf-8",
        )
    elif action == "picture":  # the same file name, another size: the page's width and height change
        (site.content / "pic.png").write_bytes(png_header(rng.randint(1, 9), rng.randint(1, 9)))
        rewrite(image="pic.png", image_alt=f"A picture {rng.randint(0, 99)}")
    elif action == "link":  # a link to another article follows it when that one moves
        other = rng.choice(articles)
        body = body.rstrip() + f"\n\nSee [this]({other.name}).\n"
        site.write_article(target.name, body, **fields)
    elif action == "alias":
        rewrite(aliases=[f"old/{rng.randint(0, 10**6)}/", f"legacy-{rng.randint(0, 10**6)}.html"])
    elif action == "docs":  # its title is in the navigation of every page
        about = site.root / "docs" / "about.md"
        about.write_text(f"# About us {rng.randint(0, 99)}\n\nMore about {rng.choice(WORDS)}.\n", encoding="utf-8")
    if action in ("body", "title", "tags"):
        site.write_article(target.name, body, **fields)
    return f"{action} {target.name}"


def cold_build(site: FixtureSite, scratch: Path) -> Path:
    """The same input built from scratch in a copy of the site without its cache."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(site.root, scratch, ignore=shutil.ignore_patterns(".cache", "site", ".briefings-*"))
    copy = FixtureSite(scratch, site.options)
    build(copy, "--clean")
    return scratch / "site"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_rebuild_after_any_edits_equals_a_cold_build(site: FixtureSite, tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    build(site)
    history = []
    for action in [*rng.sample(ACTIONS, len(ACTIONS)), *rng.choices(ACTIONS, k=3)]:  # each kind at least once
        history.append(edit(site, rng, action))
        build(site)
        cold = cold_build(site, tmp_path / "cold")
        warm = site.root / "site"
        assert tree_digest(warm) == tree_digest(cold), f"after: {history}"
        assert search_records(warm) == search_records(cold), f"after: {history}"


def test_an_edit_renders_only_the_pages_that_show_it(site: FixtureSite) -> None:
    first = rendered_counts(build(site))
    assert first[1] == 0
    total = sum(first)
    assert rendered_counts(build(site)) == (ALWAYS_RENDERED, total - ALWAYS_RENDERED)  # nothing changed
    path = site.content / "story-3.md"
    path.write_text(path.read_text(encoding="utf-8").rstrip() + " postscript\n", encoding="utf-8")
    rendered, restored = rendered_counts(build(site))
    # The article itself, and pages listing its summary (briefing, topic, tags); the rest is reused.
    assert ALWAYS_RENDERED + 1 <= rendered < ALWAYS_RENDERED + 8 and restored > 0
    assert "postscript" in (site.root / "site").joinpath(*_article_page(site, "story-3.md")).read_text()


def _article_page(site: FixtureSite, name: str) -> list[str]:
    fields = yaml.safe_load((site.content / name).read_text(encoding="utf-8").split("---\n")[1])
    day = str(fields["date"])[:10].replace("-", "/")
    return ["articles", day, name.removesuffix(".md"), "index.html"]


def test_site_wide_inputs_invalidate_every_page(site: FixtureSite) -> None:
    total = sum(rendered_counts(build(site)))
    with open(site.root / "theme" / "main.html", "a", encoding="utf-8") as file:
        file.write("{% block announce %}Theme changed{% endblock %}\n")
    assert rendered_counts(build(site)) == (total, 0)
    with open(site.root / "docs" / "about.md", "a", encoding="utf-8") as file:
        file.write("\nMore.\n")
    assert rendered_counts(build(site)) == (total, 0)
    assert rendered_counts(build(site, "--clean")) == (total, 0)
    assert rendered_counts(build(site)) == (ALWAYS_RENDERED, total - ALWAYS_RENDERED)


def test_cached_pages_are_read_only_and_deleted_pages_leave_the_site(site: FixtureSite) -> None:
    build(site)
    page = (site.root / "site").joinpath(*_article_page(site, "story-2.md"))
    assert page.is_file()
    (site.content / "story-2.md").unlink()
    build(site)
    assert not page.exists()
    entries = [p for p in (site.root / ".cache/briefings/pages").rglob("*.html")]
    assert entries and all(not p.stat().st_mode & 0o222 for p in entries)


def test_plain_mkdocs_build_uses_the_cache_too(site: FixtureSite) -> None:
    assert site.mkdocs("build").exit_code == 0
    first = tree_digest(site.root / "site")
    result = site.mkdocs("build", "-v")
    assert result.exit_code == 0
    assert rendered_counts(result.output)[0] == ALWAYS_RENDERED
    assert tree_digest(site.root / "site") == first


def test_a_hook_module_is_part_of_every_page(site: FixtureSite) -> None:
    hook = site.root / "hooks.py"
    hook.write_text(
        "def on_post_page(output, page, config):\n    return output.replace('</body>', '<!--A--></body>')\n"
    )
    config = yaml.safe_load(site.config.read_text(encoding="utf-8"))
    site.config.write_text(yaml.safe_dump({**config, "hooks": ["hooks.py"]}, sort_keys=False), encoding="utf-8")
    total = sum(rendered_counts(build(site)))
    assert rendered_counts(build(site)) == (ALWAYS_RENDERED, total - ALWAYS_RENDERED)
    hook.write_text(hook.read_text().replace("<!--A-->", "<!--Bee-->"))
    # In a process of its own: MkDocs imports a hook module once per process.
    command = [sys.executable, "-c", "from briefings.cli import main; main()", "build", "-v"]
    result = subprocess.run(command, cwd=site.root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert rendered_counts(result.stderr) == (total, 0)  # an edited hook may change any page
    assert "<!--Bee-->" in (site.root / "site").joinpath(*_article_page(site, "story-1.md")).read_text()


def test_a_corrupt_cache_is_ignored_with_a_warning(site: FixtureSite) -> None:
    total = sum(rendered_counts(build(site)))
    (site.root / ".cache/briefings/pages/inputs.json").write_text("{not json", encoding="utf-8")
    (site.root / ".cache/briefings/articles.pickle").write_bytes(b"\x80\x04garbage")
    output = build(site)
    assert "inputs.json could not be read: it is ignored and rebuilt" in output
    assert "articles.pickle could not be read" in output
    rendered, restored = rendered_counts(output)
    assert rendered + restored == total  # the site is whole; pages whose HTML was cached are still reused
    assert rendered_counts(build(site)) == (ALWAYS_RENDERED, total - ALWAYS_RENDERED)  # and the cache is whole again
