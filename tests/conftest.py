"""Shared fixtures: a site factory and the sample site built once.

* ``make_site``: a :class:`helpers.FixtureSite` under the test's tmp folder.
* ``sample_build``: the bundled sample built once (``mkdocs build --strict``)
  for every test that only reads it.

The helpers themselves (``run_cli``, ``run_mkdocs``, ``write_site``, ``read_page``, …)
are in ``helpers.py``: import them with ``from helpers import …``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, FixtureSite, SampleBuild, run_mkdocs, write_site


@pytest.fixture()
def make_site(tmp_path: Path) -> Callable[..., FixtureSite]:
    """``make_site(name="site", **options)`` → a :class:`FixtureSite` under this test's tmp folder."""

    def factory(name: str = "site", **options: Any) -> FixtureSite:
        return write_site(tmp_path / name, **options)

    return factory


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> SampleBuild:
    """The bundled sample (``mkdocs.yml`` at the repository root), built once per test process.

    Only for tests that read the output: nothing may write into it.
    """
    site = tmp_path_factory.mktemp("sample") / "site"
    result = run_mkdocs("build", "--strict", "-d", site, cwd=REPO)
    assert result.exit_code == 0, result.output
    return SampleBuild(site, result)
