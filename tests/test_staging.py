"""Staging folders of ``briefings build``: a killed build's folder is removed by the next build, a running one's never.

Each build writes into ``.briefings-build-<token>/`` next to ``site/`` and holds a
lock on ``.briefings-build-<token>.pid`` while it runs. SIGINT and SIGTERM remove
the folder at once; after SIGKILL the next build removes it (the kernel has
released the lock) and says so in one line.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FixtureSite

from briefings.app.build import remove_leftovers

fcntl = pytest.importorskip("fcntl", reason="POSIX signals and flock")

#: A hook that stalls a build after every plugin has written the site, when STALL_BUILD is set.
STALL_HOOK = """\
import os
import time
from pathlib import Path

# The page cache reads every plugin's options as `plugin.config` (briefings/plugin/incremental.py,
# site_variant), and MkDocs lists hooks among the plugins: a hook without one fails the build.
config = {}


def on_post_build(config):
    if os.environ.get("STALL_BUILD"):
        Path(os.environ["STALL_BUILD"]).write_text(config.site_dir, encoding="utf-8")
        time.sleep(300)
"""


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def staging_entries(site: FixtureSite) -> list[str]:
    return sorted(p.name for p in site.root.glob(".briefings-build-*"))


def leftover(site: FixtureSite, token: str, pid: int | None) -> Path:
    """A staging folder as a build leaves it, with a ``.pid`` file holding ``pid`` (none when None)."""
    folder = site.root / f".briefings-build-{token}"
    (folder / "articles" / "x").mkdir(parents=True)
    (folder / "articles" / "x" / "index.html").write_text("<p>half a site</p>", encoding="utf-8")
    if pid is not None:
        folder.with_name(f"{folder.name}.pid").write_text(f"{pid}\n", encoding="utf-8")
    return folder


def finished_pid() -> int:
    """The pid of a process that has ended: what a killed build leaves in its ``.pid`` file."""
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(process.stdout)


@pytest.fixture()
def built_site(make_site: Callable[..., FixtureSite]) -> FixtureSite:
    site = make_site(extra_config={"hooks": ["stall.py"]})
    (site.root / "stall.py").write_text(STALL_HOOK, encoding="utf-8")
    site.write_article("a.md", title="A", date="2024-11-25", topic="politics")
    site.write_article("b.md", title="B", date="2024-11-26", topic="economy")
    result = site.briefings("build")
    assert result.exit_code == 0, result.output
    return site


def test_a_killed_builds_folder_is_removed_and_a_running_builds_kept(built_site: FixtureSite) -> None:
    site = built_site
    dead = leftover(site, "dead0001", finished_pid())
    legacy = leftover(site, "legacy01", None)  # from a Briefings that wrote no .pid file
    running = leftover(site, "live0001", os.getpid())
    with open(running.with_name(f"{running.name}.pid"), "rb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a build running now holds it
        result = site.briefings("build")
        assert result.exit_code == 0, result.output
        assert [line for line in result.lines if "interrupted" in line] == [
            "WARNING -  removed 2 folders left by interrupted builds next to site/"
        ]
        assert not dead.exists() and not legacy.exists()
        assert staging_entries(site) == [".briefings-build-live0001", ".briefings-build-live0001.pid"]
        assert (running / "articles" / "x" / "index.html").is_file()
    # Its process has ended (the lock is released): the next build takes it for a leftover.
    result = site.briefings("build")
    assert "WARNING -  removed 1 folder left by interrupted builds next to site/" in result.lines
    assert staging_entries(site) == []
    # And a build with nothing to remove says nothing about it.
    assert "interrupted" not in site.briefings("build").output


def start_stalled_build(site: FixtureSite) -> tuple[subprocess.Popen[bytes], Path]:
    """``briefings build`` in a process of its own, stopped once the whole site is in its staging folder."""
    marker = site.root / "stalled"
    env = {**os.environ, "STALL_BUILD": str(marker), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-c", "from briefings.cli import main; main()", "build"],
        cwd=site.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            output = process.communicate()[0].decode(errors="replace")
            pytest.fail(f"the build did not reach its staging folder: {output}")
        time.sleep(0.05)
    return process, Path(marker.read_text(encoding="utf-8"))


def test_a_sigkilled_build_leaves_a_folder_that_the_next_build_removes(built_site: FixtureSite) -> None:
    site = built_site
    before = tree_digest(site.root / "site")
    process, staging = start_stalled_build(site)
    try:
        assert staging.parent == site.root and staging.name.startswith(".briefings-build-")
        assert (staging / "index.html").is_file()
        assert staging.with_name(f"{staging.name}.pid").read_text().strip() == str(process.pid)
        assert remove_leftovers(site.root / "site") == 0  # its build is running: kept
        assert staging.is_dir()
    finally:
        process.kill()
        process.wait()
    assert staging.is_dir(), "SIGKILL gives a build no chance to clean up"
    assert tree_digest(site.root / "site") == before

    result = site.briefings("build")
    assert result.exit_code == 0, result.output
    assert "WARNING -  removed 1 folder left by interrupted builds next to site/" in result.lines
    assert staging_entries(site) == []


def test_a_sigtermed_build_removes_its_folder_and_keeps_the_site(built_site: FixtureSite) -> None:
    site = built_site
    before = tree_digest(site.root / "site")
    process, staging = start_stalled_build(site)
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 128 + signal.SIGTERM
    assert not staging.exists()
    assert staging_entries(site) == []
    assert tree_digest(site.root / "site") == before
