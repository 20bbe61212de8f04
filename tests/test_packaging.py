"""The project as a user installs it: ``python -m build`` gives an sdist and a wheel that hold every
data file, and the wheel, installed into a fresh venv, creates and builds a new site.

Everything runs offline. The build uses the venv's own setuptools (``--no-isolation``:
an isolated build would download it). The fresh venv is a plain one (no
``--system-site-packages``, which would expose the base interpreter, not this venv):
the wheel is installed into it with ``--no-deps --no-index``, and a ``.pth`` file
appends this venv's site-packages for the dependencies (MkDocs, Material…). A ``.pth``
line only appends a folder: the ``.pth`` files inside it, among them the editable
install's finder that maps ``briefings`` to the source tree, are not run. The test
checks that ``briefings`` is imported from the fresh venv, not from the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import REPO

#: What a clone has that a build must not see: tools' folders and earlier outputs (.gitignore).
NOT_IN_A_CLONE = (
    ".git",
    ".venv",
    "node_modules",
    "site",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*.pyc",
    ".cache",
    ".pytest_cache",
    ".hypothesis",
    ".briefings-*",
    "corpus",
    "results",
    "screenshots",
)
#: Data files the package cannot work without, named so that a failure reads plainly.
ESSENTIAL_DATA = (
    "briefings/templates/home.md",
    "briefings/templates/briefing.md",
    "briefings/plugin/theme/main.html",
    "briefings/plugin/theme/briefings-main.html",
    "briefings/plugin/theme/assets/briefings/briefings.css",
    "briefings/locale/fr/LC_MESSAGES/briefings.po",  # compiled in memory at build time (briefings.i18n)
    "briefings/locale/de/LC_MESSAGES/briefings.po",
    "briefings/locale/es/LC_MESSAGES/briefings.po",
    "briefings/scaffold/.github/workflows/publish.yml",
    "briefings/scaffold/gitignore",
    "briefings/scaffold/mkdocs.yml.tmpl",
    "briefings/scaffold/requirements.txt.tmpl",
    "briefings/scaffold/content/example.md.tmpl",
    "briefings/scaffold/theme/main.html",
)


def package_files(root: Path) -> set[str]:
    """Every file under ``root/briefings``, as ``briefings/…``, byte-code caches left out."""
    return {
        path.relative_to(root).as_posix()
        for path in (root / "briefings").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


@dataclass(frozen=True)
class Distributions:
    """The outputs of ``python -m build`` and the source files they were built from."""

    source: Path  # the copy of the repository that was built
    sdist: Path
    wheel: Path

    def package_files(self) -> set[str]:
        """Every file of the package in the source, as ``briefings/…`` (code and data)."""
        return package_files(self.source)

    def sdist_members(self) -> set[str]:
        """The sdist's files, without its ``briefings-0.1.0/`` top folder."""
        with tarfile.open(self.sdist) as archive:
            return {m.name.partition("/")[2] for m in archive.getmembers() if m.isfile()}

    def wheel_members(self) -> set[str]:
        with zipfile.ZipFile(self.wheel) as archive:
            return {name for name in archive.namelist() if not name.endswith("/")}


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """A command that must succeed; its output is shown if it does not."""
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{args} exited with {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def distributions(tmp_path_factory: pytest.TempPathFactory) -> Distributions:
    """``python -m build`` (sdist, then the wheel built from the sdist) of a copy of the repository.

    A copy, so the build's ``briefings.egg-info`` and ``build/`` never touch the working tree.
    """
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(*NOT_IN_A_CLONE))
    out = work / "dist"
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, source, cwd=work)
    (sdist,) = out.glob("briefings-*.tar.gz")
    (wheel,) = out.glob("briefings-*-py3-none-any.whl")
    return Distributions(source, sdist, wheel)


def test_the_sdist_holds_the_whole_package_and_no_partial_tests(distributions: Distributions) -> None:
    members = distributions.sdist_members()
    package = distributions.package_files()
    assert package == package_files(REPO)  # the copy that was built left nothing of the package out
    assert set(ESSENTIAL_DATA) <= package
    assert package - members == set(), "files of the package missing from the sdist"
    assert {"pyproject.toml", "README.md", "MANIFEST.in", "PKG-INFO"} <= members
    assert not [m for m in members if m.startswith("tests/")], "the tests need the repository; none ship"
    assert not [m for m in members if "__pycache__" in m or m.endswith(".pyc")]


def test_the_wheel_holds_the_whole_package_and_its_entry_points(distributions: Distributions) -> None:
    members = distributions.wheel_members()
    assert distributions.package_files() - members == set(), "files of the package missing from the wheel"
    assert not [m for m in members if m.startswith("tests/") or "__pycache__" in m]
    with zipfile.ZipFile(distributions.wheel) as archive:
        (entry_points,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
        text = archive.read(entry_points).decode()
    assert "briefings = briefings.cli:main" in text
    assert "[mkdocs.plugins]" in text and "briefings = briefings.plugin:BriefingsPlugin" in text


def fresh_venv(folder: Path, wheel: Path) -> Path:
    """A plain venv with the wheel installed (no dependencies); they come from this venv through a ``.pth``."""
    run(sys.executable, "-m", "venv", "--without-pip", folder, cwd=folder.parent)
    python = folder / "bin" / "python"
    run(
        sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--no-cache-dir",
        "--disable-pip-version-check", "--quiet", wheel, cwd=folder.parent,
    )  # fmt: skip
    where = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=folder)
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (Path(where.stdout.strip()) / "project-dependencies.pth").write_text("\n".join(ours) + "\n")
    return python


def test_the_wheel_in_a_fresh_venv_creates_a_site_that_builds(distributions: Distributions, tmp_path: Path) -> None:
    python = fresh_venv(tmp_path / "venv", distributions.wheel)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "SITE_URL"}}
    env["NO_MKDOCS_2_WARNING"] = "1"
    work = tmp_path / "work"
    work.mkdir()

    probe = (
        "import json, briefings, importlib.metadata as m, importlib.resources as r; print(json.dumps(["
        "briefings.__file__, str(r.files('briefings') / 'scaffold'),"
        " m.distribution('briefings').read_text('direct_url.json')]))"
    )
    module, scaffold, direct_url = json.loads(run(python, "-c", probe, cwd=work, env=env).stdout)
    venv = (tmp_path / "venv").resolve()
    assert Path(module).resolve().is_relative_to(venv), module
    assert Path(scaffold).resolve().is_relative_to(venv) and not Path(module).resolve().is_relative_to(REPO)
    assert json.loads(direct_url)["url"].endswith(distributions.wheel.name)  # installed from the wheel file

    briefings = tmp_path / "venv" / "bin" / "briefings"
    created = run(briefings, "init", "news", "--timezone", "Europe/Paris", cwd=work, env=env)
    assert "created .github/workflows/publish.yml" in created.stdout and "created .gitignore" in created.stdout
    # Installed from a wheel file on this computer: GitHub could not fetch it, so a placeholder and a warning.
    assert "a file on this computer" in created.stderr and "--briefings-requirement" in created.stderr
    requirements = (work / "news" / "requirements.txt").read_text(encoding="utf-8")
    assert "replace-me.invalid" in requirements and "briefings==" not in requirements

    run(briefings, "build", "--strict", cwd=work / "news", env=env)
    home = (work / "news" / "site" / "index.html").read_text(encoding="utf-8")
    assert "Welcome to News" in home
    assert "assets/briefings/briefings.css" in home  # the plugin's theme, from the wheel
    assert (work / "news" / "site" / "assets" / "briefings" / "briefings.css").is_file()
    assert (work / "news" / "site" / "feed.xml").is_file()
