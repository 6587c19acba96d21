"""Output folders never hold what they would destroy (S3-06, S3-07): `mkdocs build -d X` and
`build_companies.py --output X` refuse a folder that is, or holds at any depth, a company file, a policy archive,
the kit's own folders or the repository, say so, exit non-zero and touch nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE_FILE, ROOT, copy_project, run_build, write_company

EXAMPLE = EXAMPLE_FILE.read_text(encoding="utf-8")
SCRIPT = ROOT / "scripts" / "build_companies.py"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def companies_run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLICY_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("COMPANY_FILE", None)
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--jobs", "1", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=300,
    )


def client(folder: Path) -> Path:
    """A client's folder as a consultant keeps it: company file, logo, notes and a recorded version."""
    file = write_company(folder, EXAMPLE)
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    (folder / "policy-archive").mkdir()
    (folder / "policy-archive" / "2.1.json").write_text("{}", encoding="utf-8")
    return file


# --- mkdocs build -d (S3-07) ---------------------------------------------------------------------------------


def test_the_policy_archive_is_refused_as_output_folder(tmp_path: Path) -> None:
    file = client(tmp_path / "case")
    before = snapshot(tmp_path)
    site = run_build(tmp_path / "case" / "policy-archive", file)
    assert site.returncode != 0, site.log
    assert "policy archive" in site.log and "Nothing was changed" in site.log, site.log
    assert snapshot(tmp_path) == before


def test_a_company_file_deep_inside_the_output_folder_is_refused(tmp_path: Path) -> None:
    file = write_company(tmp_path / "mine", EXAMPLE)
    client(tmp_path / "clients" / "x" / "y")
    before = snapshot(tmp_path / "clients")
    site = run_build(tmp_path / "clients", file)
    assert site.returncode != 0, site.log
    assert "a company file" in site.log and "company.yml" in site.log, site.log
    assert snapshot(tmp_path / "clients") == before


def test_the_kits_own_folders_and_the_repository_are_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    file = client(tmp_path / "client")
    before = snapshot(project)
    for folder, what in ((project / "overrides", "overrides/"), (project / "macros", "macros/")):
        site = run_build(folder, file, project)
        assert site.returncode != 0, site.log
        assert what in site.log and "Nothing was changed" in site.log, site.log
    for folder in (project / "docs", project):  # MkDocs refuses these itself (docs_dir inside site_dir)
        site = run_build(folder, file, project)
        assert site.returncode != 0 and "docs_dir" in site.log, site.log
    assert snapshot(project) == before


def test_a_previous_site_is_still_replaced(tmp_path: Path) -> None:
    """The guard does not refuse what it is for: a folder that holds an older site (and a .git kept by builds)."""
    file = write_company(tmp_path / "client", EXAMPLE)
    site_dir = tmp_path / "site"
    (site_dir / ".git").mkdir(parents=True)
    (site_dir / ".git" / "mkdocs.yml").write_text("a dot folder is kept by every build", encoding="utf-8")
    (site_dir / "index.html").write_text("old", encoding="utf-8")
    site = run_build(site_dir, file)
    assert site.returncode == 0, site.log
    assert (site_dir / "index.html").read_text(encoding="utf-8") != "old"
    assert (site_dir / ".git" / "mkdocs.yml").is_file()


# --- build_companies.py --output (S3-06) --------------------------------------------------------------------


def test_the_companies_folder_as_output_is_refused(tmp_path: Path) -> None:
    companies = tmp_path / "X"
    client(companies / "a")
    before = snapshot(companies)
    result = companies_run("--companies", str(companies), "--output", str(companies))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "companies folder" in result.stderr and "Nothing was changed" in result.stderr, result.stderr
    assert "Building" not in result.stdout
    assert snapshot(companies) == before


def test_an_output_inside_the_companies_folder_or_a_company_is_refused(tmp_path: Path) -> None:
    companies = tmp_path / "X"
    client(companies / "a")
    before = snapshot(companies)
    for output in (companies / "out", companies / "a", companies / "a" / "site", tmp_path):
        result = companies_run("--companies", str(companies), "--output", str(output))
        assert result.returncode == 1, (output, result.stdout + result.stderr)
        assert "building there would" in result.stderr or "inside" in result.stderr, result.stderr
        assert not output.exists() or output in (companies / "a", tmp_path)
    assert snapshot(companies) == before


def test_an_output_holding_a_client_folder_is_refused(tmp_path: Path) -> None:
    companies = tmp_path / "X"
    write_company(companies / "a", EXAMPLE)
    output = tmp_path / "build"
    client(output / "old-clients" / "b")
    before = snapshot(output)
    result = companies_run("--companies", str(companies), "--output", str(output))
    assert result.returncode == 1 and "a company file" in result.stderr, result.stdout + result.stderr
    assert snapshot(output) == before


def test_the_guard_itself_looks_at_every_depth_but_not_into_kept_dot_folders(tmp_path: Path) -> None:
    from macros.company.safety import kit_paths, output_folder_problem

    out = tmp_path / "out"
    (out / "a" / "b" / "c").mkdir(parents=True)
    assert output_folder_problem(out, {}) is None
    (out / ".git" / "x").mkdir(parents=True)
    (out / ".git" / "x" / "company.yml").write_text("", encoding="utf-8")  # a dot entry of the folder is kept
    assert output_folder_problem(out, {}) is None
    (out / "a" / "b" / "c" / "policy-archive").mkdir()
    assert "policy archive" in (output_folder_problem(out, {}) or "")
    assert "is a policy archive" in (output_folder_problem(out / "a" / "b" / "c" / "policy-archive", {}) or "")
    project = tmp_path / "project"
    (project / "overrides").mkdir(parents=True)
    assert "overrides/" in (output_folder_problem(project / "overrides", kit_paths(project)) or "")
    assert "repository" in (output_folder_problem(tmp_path, kit_paths(project)) or "")
    escaped = tmp_path / "evil\x1b[2J"
    escaped.mkdir()
    message = output_folder_problem(escaped, {"the company's folder": escaped}) or ""
    assert "\x1b" not in message and "\\x1b" in message
