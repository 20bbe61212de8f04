"""The GitHub Pages workflow: one source (the scaffold), valid YAML, the right steps."""

from __future__ import annotations

import yaml
from helpers import REPO

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
    assert set(data["on"]) == {"push", "workflow_dispatch"}
    assert data["permissions"]["pages"] == "write"
    assert data["permissions"]["id-token"] == "write"
    build = data["jobs"]["build"]
    assert "github.event.repository.default_branch" in build["if"] and "workflow_dispatch" in build["if"]


def test_build_job_installs_and_builds_strict() -> None:
    build = workflow()["jobs"]["build"]
    uses(build, "actions/checkout")
    python = uses(build, "actions/setup-python")["with"]
    assert str(python["python-version"]) == "3.11" and python["cache"] == "pip"
    runs = "\n".join(s.get("run", "") for s in steps(build))
    assert "pip install ." in runs
    assert "briefings build --strict" in runs
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
