"""The GitHub Pages workflow: one source (the scaffold), valid YAML, the right steps."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import REPO

from briefings.scaffold import create_site, requirement_from_direct_url

#: Briefings installed from a local folder: ``init`` writes the placeholder requirement.
LOCAL = requirement_from_direct_url({"url": "file:///home/editor/briefings", "dir_info": {"editable": True}}, "0.1.0")

WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
SCAFFOLD_WORKFLOW = REPO / "briefings" / "scaffold" / ".github" / "workflows" / "publish.yml"


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def uses(job: dict, action: str) -> dict:
    found = [s for s in steps(job) if s.get("uses", "").startswith(action + "@")]
    assert len(found) == 1, action
    return found[0]


def test_repository_copy_is_identical_to_the_scaffold_source() -> None:
    assert WORKFLOW.read_bytes() == SCAFFOLD_WORKFLOW.read_bytes()


def test_triggers_and_permissions() -> None:
    data = workflow()
    assert set(data["on"]) == {"push", "workflow_dispatch", "schedule"}
    assert data["permissions"]["pages"] == "write"
    assert data["permissions"]["id-token"] == "write"
    build = data["jobs"]["build"]
    assert "github.event.repository.default_branch" in build["if"] and "workflow_dispatch" in build["if"]


def test_it_runs_every_hour_so_scheduled_articles_appear_without_a_push() -> None:
    data = workflow()
    (schedule,) = data["on"]["schedule"]
    minute, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*", "*"] and 0 <= int(minute) <= 59  # hourly, at a fixed minute
    # A scheduled run's event has no `repository`: the build job must let `schedule` through by name.
    assert "github.event_name == 'schedule'" in data["jobs"]["build"]["if"].split("||")[1]
    text = WORKFLOW.read_text(encoding="utf-8")
    daily = re.search(r"'(\d+) (\d+) \* \* \*'", text)  # the comment shows how to run once a day
    assert daily is not None and "day" in text[text.rfind("\n", 0, daily.start()) - 80 : daily.end()]


def test_build_job_installs_and_builds_strict() -> None:
    build = workflow()["jobs"]["build"]
    uses(build, "actions/checkout")
    python = uses(build, "actions/setup-python")["with"]
    assert str(python["python-version"]) == "3.11" and python["cache"] == "pip"
    runs = "\n".join(s.get("run", "") for s in steps(build))
    assert "pip install ." in runs and "pip install -r requirements.txt" in runs
    assert "briefings build --strict" in runs
    # The comment above the build says why --strict, and how a site declares its own fields.
    build_comment = WORKFLOW.read_text(encoding="utf-8").partition("- name: Build the site")[2].partition("run:")[0]
    assert "--strict" in build_comment and "extra_fields: [" in build_comment
    assert uses(build, "actions/upload-pages-artifact")["with"]["path"] == "site"
    names = [s.get("uses", s.get("run", "")) for s in steps(build)]
    assert names.index(next(n for n in names if "briefings build --strict" in n)) < names.index(
        next(n for n in names if n.startswith("actions/upload-pages-artifact"))
    )


def test_deploy_job_deploys_the_artifact() -> None:
    deploy = workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy, "actions/deploy-pages")["id"] == "deployment"


def test_the_optional_email_step_writes_the_latest_edition_and_never_blocks_publishing() -> None:
    build = workflow()["jobs"]["build"]
    names = [s.get("uses", s.get("run", "")) for s in steps(build)]
    email = next(s for s in steps(build) if "briefings email" in s.get("run", ""))
    assert email["run"] == "briefings email latest -o email/"
    assert email["continue-on-error"] is True and email["env"]["SITE_URL"].startswith("${{ steps.pages")
    upload = uses(build, "actions/upload-artifact")
    assert upload["with"]["path"] == "email/" and upload["continue-on-error"] is True
    assert (
        names.index(next(n for n in names if n.startswith("actions/upload-pages-artifact")))
        < names.index(email["run"])
        < names.index(upload["uses"])
    )


# --- the "Install Briefings" step, run as GitHub runs it (bash -eo pipefail), pip stubbed ---


def run_install_step(folder: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """The step's script in ``folder``, with ``python`` and ``pip`` replaced by stubs that log their arguments."""
    install = next(s for s in workflow()["jobs"]["build"]["steps"] if s.get("name") == "Install Briefings")
    stubs = tmp_path / "stubs"
    stubs.mkdir(exist_ok=True)
    log = tmp_path / "calls.log"
    for tool in ("python", "pip"):
        (stubs / tool).write_text(f'#!/bin/sh\necho "{tool} $*" >> "{log}"\n', encoding="utf-8")
        (stubs / tool).chmod(0o755)
    script = tmp_path / "step.sh"
    script.write_text(install["run"], encoding="utf-8")
    env = {**os.environ, "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=folder, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return result, log.read_text(encoding="utf-8") if log.exists() else ""


def test_install_step_stops_on_the_placeholder_requirement_naming_the_file(tmp_path: Path) -> None:
    site = tmp_path / "news"
    create_site(site, requirement=LOCAL)  # requirements.txt holds the placeholder
    result, calls = run_install_step(site, tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=requirements.txt::requirements.txt does not say where to get")
    assert calls.splitlines() == ["python -m pip install --upgrade pip"]  # and nothing installed


@pytest.mark.parametrize("keep_the_comments", [True, False])
def test_install_step_installs_a_real_requirement(tmp_path: Path, keep_the_comments: bool) -> None:
    site = tmp_path / "news"
    create_site(site, requirement=LOCAL)
    requirements = site / "requirements.txt"
    text = requirements.read_text(encoding="utf-8")
    real = "briefings @ git+https://github.com/newsroom/briefings@v0.1.0"
    replaced = [real if "replace-me.invalid" in line else line for line in text.splitlines()]
    requirements.write_text("\n".join(replaced if keep_the_comments else [real]) + "\n", encoding="utf-8")
    result, calls = run_install_step(site, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert calls.splitlines() == ["python -m pip install --upgrade pip", "pip install -r requirements.txt"]


def test_install_step_in_the_briefings_repository_installs_it(tmp_path: Path) -> None:
    project = tmp_path / "briefings"
    project.mkdir()
    (project / "pyproject.toml").write_text("[project]\nname = 'briefings'\n", encoding="utf-8")
    result, calls = run_install_step(project, tmp_path)
    assert result.returncode == 0 and calls.splitlines()[-1] == "pip install ."
