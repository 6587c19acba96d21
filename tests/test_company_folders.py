"""Company folders are what they seem (S3-12): links refused, names that could be taken for another company's
output refused, names printed inert, and a build that hangs stopped at its time limit while the others go on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE_FILE, ROOT, copy_project, write_company

pytestmark = pytest.mark.slow

EXAMPLE = EXAMPLE_FILE.read_text(encoding="utf-8")
SCRIPT = ROOT / "scripts" / "build_companies.py"
ESCAPES = "evil\x1b]0;pwned\x07\x1b[2K\x1b[32mok"  # sets the window title, erases the line, prints a green "ok"
NEWLINE = "two\nlines"


def run(companies: Path, output: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLICY_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("COMPANY_FILE", None)
    command = [sys.executable, str(SCRIPT), "--companies", str(companies), "--output", str(output), "--jobs", "1"]
    return subprocess.run(command + list(args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """One good company beside a link to it, its would-be zip and staging folder, and names with escapes."""
    companies = tmp_path_factory.mktemp("companies")
    write_company(companies / "victim", EXAMPLE)
    (companies / "alias").symlink_to(companies / "victim")
    for name in ("victim.zip", ".victim.building", "victim.FAILED.txt", ESCAPES, NEWLINE, "..x", "-x"):
        write_company(companies / name, EXAMPLE)
    output = tmp_path_factory.mktemp("build")
    return companies, output, run(companies, output)


def test_a_linked_folder_is_refused_and_named_not_followed(hostile) -> None:
    _, output, result = hostile
    assert result.returncode == 1
    assert "alias: not built: it is a link" in result.stderr, result.stderr
    assert not (output / "alias").exists() and not (output / "alias.zip").exists()


def test_the_real_company_is_built_once_and_kept(hostile) -> None:
    _, output, result = hostile
    assert [line for line in result.stdout.splitlines() if line.startswith("  victim:")] == [
        next(line for line in result.stdout.splitlines() if line.startswith("  victim:"))
    ]
    assert "victim: ok" in result.stdout
    assert (output / "victim" / "index.html").is_file() and (output / "victim.zip").is_file()
    assert not (output / "victim.FAILED.txt").exists()


def test_names_that_collide_with_another_companys_output_are_refused(hostile) -> None:
    _, output, result = hostile
    for name in ("victim.zip", ".victim.building", "victim.FAILED.txt", "..x", "-x"):
        line = next((line for line in result.stderr.splitlines() if line.startswith(f"  {name}: not built")), None)
        assert line is not None, f"{name} not refused:\n{result.stderr}"
    assert sorted(p.name for p in output.iterdir()) == ["victim", "victim.zip"]


def test_names_are_printed_inert(hostile) -> None:
    _, _, result = hostile
    printed = result.stdout + result.stderr
    assert "\x1b" not in printed and "\x07" not in printed
    assert "evil\\x1b]0;pwned\\x07" in printed and "two\\x0alines" in printed
    assert not any(line.startswith("lines") for line in printed.splitlines())  # a newline never breaks a row


def test_the_list_for_ci_holds_the_good_names_only(hostile) -> None:
    companies, _, _ = hostile
    listed = subprocess.run(
        [sys.executable, str(SCRIPT), "--companies", str(companies), "--list"], capture_output=True, text=True
    )
    assert json.loads(listed.stdout) == ["victim"]
    assert listed.returncode == 1 and '"alias"' in listed.stderr and "\x1b" not in listed.stderr


def test_names_that_differ_only_by_case_are_both_refused(tmp_path: Path) -> None:
    """On a disk that ignores case (macOS, Windows), Acme's site and zip would be acme's."""
    for name in ("Acme", "acme", "other"):
        write_company(tmp_path / name, EXAMPLE)
    listed = subprocess.run(
        [sys.executable, str(SCRIPT), "--companies", str(tmp_path), "--list"], capture_output=True, text=True
    )
    assert json.loads(listed.stdout) == ["other"]
    assert '"Acme"' in listed.stderr and '"acme"' in listed.stderr and "only by case" in listed.stderr


# A hook that blocks, as a build reading a named pipe would, for the company folder named "stuck"; and one that
# does not even hear the time limit (as code stuck outside Python would not) for the folder named "deaf".
STUCK_HOOK = '''
import os
import signal
import time
from pathlib import Path


def on_config(config):
    company = Path(os.environ["COMPANY_FILE"])
    if company.parent.name == "stuck":
        os.mkfifo(company.parent / "pipe")
        (company.parent / "pipe").read_bytes()  # no writer: blocks until the time limit
    if company.parent.name == "deaf":
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        time.sleep(3600)
    return config
'''


def test_a_build_that_hangs_is_stopped_at_its_time_limit_and_the_others_go_on(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "stuck_hook.py").write_text(STUCK_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - stuck_hook.py\n", 1), encoding="utf-8"
    )
    companies, output = tmp_path / "companies", tmp_path / "build"
    for name in ("stuck", "deaf", "fine"):
        write_company(companies / name, EXAMPLE)
    only = ["--only", "stuck", "--only", "deaf", "--only", "fine"]
    result = run(companies, output, "--timeout", "45", *only, "--config", str(config))
    assert result.returncode == 1, result.stdout + result.stderr
    for name in ("stuck", "deaf"):
        assert f"{name}: FAILED" in result.stdout, result.stdout
        assert "stopped after 45 s (--timeout)" in (output / f"{name}.FAILED.txt").read_text(encoding="utf-8")
        assert f"{name}: stopped after 45 s" in result.stderr
        assert not (output / name).exists() and not (output / f"{name}.zip").exists()
    assert "its process was ended" in (output / "deaf.FAILED.txt").read_text(encoding="utf-8")
    assert "fine: ok" in result.stdout, result.stdout
    assert (output / "fine" / "index.html").is_file() and (output / "fine.zip").is_file()
    assert sorted(p.name for p in output.iterdir()) == ["deaf.FAILED.txt", "fine", "fine.zip", "stuck.FAILED.txt"]
