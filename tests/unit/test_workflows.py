"""The GitHub workflows are hardened and pass zizmor; the repository's contributor files are in place and valid."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_helpers import PROJECT_DIR

GITHUB = PROJECT_DIR / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
# owner/name@<40 hex digits> # vX.Y.Z
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_ci_deploy_and_upkeep_workflows() -> None:
    assert [path.name for path in WORKFLOWS] == ["ci.yml", "deploy.yml", "upkeep.yml"]


def test_upkeep_runs_weekly_and_on_demand_and_audits_everything() -> None:
    workflow = load(GITHUB / "workflows" / "upkeep.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    assert workflow["on"]["schedule"][0]["cron"].endswith("* * 1")  # weekly
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    runs = [step.get("run", "") for step in steps(workflow)]
    assert "make build" in runs
    assert any("tools/upkeep.py --site site" in run for run in runs)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflows_are_least_privilege_and_pinned(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}
    assert "pull_request_target" not in workflow["on"]
    assert workflow["concurrency"]["group"]
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} has no permissions of its own"
        assert job.get("timeout-minutes"), f"{path.name}: job {name} has no timeout"
    uses_lines = [line.split("uses:", 1)[1].strip() for line in path.read_text().splitlines() if "uses:" in line]
    assert uses_lines and all(PINNED.match(uses) for uses in uses_lines), uses_lines
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
            assert step["with"]["fetch-depth"] == 0  # the pages' "Last update" dates need the history


def test_ci_lints_builds_tests_and_keeps_the_site() -> None:
    workflow = load(GITHUB / "workflows" / "ci.yml")
    assert {"pull_request", "push"} <= set(workflow["on"])
    runs = [step.get("run", "") for step in steps(workflow)]
    assert "make lint" in runs and "make build" in runs and "make test" in runs
    assert any("playwright install --with-deps chromium" in run for run in runs)
    caches = {step["uses"].split("@")[0]: step["with"] for step in steps(workflow) if "cache" in step.get("with", {})}
    assert caches["actions/setup-python"]["cache"] == "pip" and "requirements.txt" in caches["actions/setup-python"]["cache-dependency-path"]
    assert caches["actions/setup-node"]["cache"] == "npm"


def test_ci_keeps_a_preview_that_opens_from_disk_and_summarizes_the_lessons_for_reviewers() -> None:
    workflow = load(GITHUB / "workflows" / "ci.yml")
    job_steps = steps(workflow)
    runs = [step.get("run", "") for step in job_steps]
    # The offline copy (make offline -> site-offline/), uploaded before the lint can stop the job.
    upload = next(step for step in job_steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site-offline/" and upload["with"]["if-no-files-found"] == "error"
    assert runs.index("make offline") < job_steps.index(upload) < runs.index("make lint")
    # The summary: also after a failed step, for pull requests, from tools/pr_summary.py (tested in
    # tests/unit/test_pr_summary.py), naming the artifact that was uploaded and linking to it.
    summary = next(step for step in job_steps if "tools/pr_summary.py" in step.get("run", ""))
    oldest = f"matrix.python-version == '{min(workflow['jobs']['check']['strategy']['matrix']['python-version'])}'"
    assert upload["if"] == f"${{{{ {oldest} }}}}"  # one artifact per run, whatever the matrix
    assert summary["if"] == f"${{{{ !cancelled() && github.event_name == 'pull_request' && {oldest} }}}}"
    assert ">> \"$GITHUB_STEP_SUMMARY\"" in summary["run"]
    assert f"--artifact {upload['with']['name']}" in summary["run"]
    assert summary["env"]["PREVIEW_URL"] == f"${{{{ steps.{upload['id']}.outputs.artifact-url }}}}"
    assert summary["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    # CONTRIBUTING tells contributors where the preview is and that a first run waits for a maintainer.
    contributing = (PROJECT_DIR / "CONTRIBUTING.md").read_text()
    assert f"`{upload['with']['name']}`" in contributing and "approves the run" in contributing
    # Forks: nothing that could write to the repository or read secrets.
    assert workflow["jobs"]["check"]["permissions"] == {"contents": "read"}
    assert "secrets." not in (GITHUB / "workflows" / "ci.yml").read_text()


def test_ci_tests_the_oldest_and_the_newest_python_the_readme_names_on_a_maintained_node() -> None:
    workflow = load(GITHUB / "workflows" / "ci.yml")
    check = workflow["jobs"]["check"]
    versions = check["strategy"]["matrix"]["python-version"]
    readme = (PROJECT_DIR / "README.md").read_text()
    supported = re.search(r"Python (3\.\d+)\.\d+ to (3\.\d+)", readme)
    assert supported, "the README no longer names the supported Pythons as 'Python 3.x.y to 3.z'"
    assert sorted(versions, key=lambda v: tuple(map(int, v.split(".")))) == [supported[1], supported[2]]
    assert check["strategy"]["fail-fast"] is False
    setup_python = next(step for step in check["steps"] if step.get("uses", "").startswith("actions/setup-python@"))
    assert setup_python["with"]["python-version"] == "${{ matrix.python-version }}"
    # Node 22 LTS everywhere (Node 20 reached its end of life on 2026-04-30), as the README says.
    for path in WORKFLOWS:
        for step in steps(load(path)):
            if step.get("uses", "").startswith("actions/setup-node@"):
                assert int(step["with"]["node-version"]) >= 22, path.name
    assert "Node.js 22 LTS or newer" in readme


def test_deploy_publishes_main_to_pages() -> None:
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "").split("@")[0] for step in steps(workflow)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--persona", "pedantic", "--no-progress", ".github/workflows"],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_pre_commit_runs_the_same_lint() -> None:
    result = subprocess.run([str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"], cwd=PROJECT_DIR, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = [hook for repo in yaml.safe_load((PROJECT_DIR / ".pre-commit-config.yaml").read_text())["repos"] for hook in repo["hooks"]]
    assert [hook["entry"] for hook in hooks] == ["make lint"]


def test_dependabot_watches_pip_npm_and_actions() -> None:
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text())
    assert {update["package-ecosystem"] for update in config["updates"]} == {"pip", "npm", "github-actions"}


def test_issues_start_from_the_two_forms() -> None:
    assert yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text())["blank_issues_enabled"] is False
    forms = {path.name: yaml.safe_load(path.read_text()) for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if path.name != "config.yml"}
    assert sorted(form["name"] for form in forms.values()) == ["Propose a lesson", "Report an error in a lesson"]
    for form in forms.values():
        assert form["description"] and form["body"]
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids))


def test_pull_requests_get_a_checklist_and_owners() -> None:
    assert (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text().count("- [ ] ") >= 5
    assert re.search(r"^\* @\S+", (GITHUB / "CODEOWNERS").read_text(), re.MULTILINE)


def test_licences_and_citation() -> None:
    assert "MIT License" in (PROJECT_DIR / "LICENSE").read_text()
    content = (PROJECT_DIR / "LICENSE-CONTENT").read_text()
    assert "Creative Commons Attribution 4.0 International Public License" in content and "Section 8 -- Interpretation." in content
    conduct = (PROJECT_DIR / "CODE_OF_CONDUCT.md").read_text()
    assert "Contributor Covenant" in conduct and "version 2.1" in conduct and "INSERT" not in conduct
    citation = yaml.safe_load((PROJECT_DIR / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0"
    assert citation["message"] and citation["title"] and citation["authors"]
    assert set(citation["license"]) == {"CC-BY-4.0", "MIT"}
    readme = (PROJECT_DIR / "README.md").read_text()
    assert "LICENSE-CONTENT" in readme and "CC BY 4.0" in readme and "MIT" in readme
