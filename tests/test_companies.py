"""`make companies`: every company built in parallel, past a broken one, with a summary, an exit code and zips."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, example_data, write_company

pytestmark = pytest.mark.slow

SCRIPT = ROOT / "scripts" / "build_companies.py"
PAGES = len(list((ROOT / "docs").glob("*.md")))  # both languages


def run(companies: Path, output: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLICY_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("COMPANY_FILE", None)
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--companies", str(companies), "--output", str(output), "--jobs", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def companies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("companies")
    write_company(folder / "alpha", example_data())
    english_first = example_data()
    english_first["languages"] = ["en", "fr"]
    english_first["jurisdiction"] = "generic"  # Quebec puts French first (Charter of the French language, s. 41)
    write_company(folder / "bravo", english_first)
    broken = example_data()
    broken["approach"] = "restrictve"
    write_company(folder / "charlie-broken", broken)
    return folder


@pytest.fixture(scope="module")
def outcome(companies: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    output = tmp_path_factory.mktemp("build")
    # An older, good build of the company that is now broken: it must not stay looking current.
    (output / "charlie-broken").mkdir()
    (output / "charlie-broken" / "index.html").write_text("old site", encoding="utf-8")
    with zipfile.ZipFile(output / "charlie-broken.zip", "w") as old:
        old.writestr("index.html", "old site")
    return run(companies, output), output


def test_a_broken_company_fails_the_run_and_is_named_with_its_first_problem(outcome) -> None:
    result, _ = outcome
    assert result.returncode == 1, result.stdout + result.stderr
    assert "charlie-broken" in result.stderr
    line = next(line for line in result.stderr.splitlines() if "charlie-broken:" in line)
    assert str(Path("charlie-broken") / "company.yml") in line
    assert "line" in line and "approach" in line and "restrictive" in line


def test_the_summary_lists_every_company_with_pages_pdfs_seconds_and_result(outcome) -> None:
    result, _ = outcome
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line.split()[:1]}
    assert rows["company"] == ["company", "pages", "PDFs", "seconds", "result"]
    for name in ("alpha", "bravo"):
        assert rows[name][1] == str(PAGES) and rows[name][2] == "0" and rows[name][-1] == "ok", rows[name]
        float(rows[name][3])
    assert rows["charlie-broken"][-1] == "FAILED"


def test_the_good_companies_are_built_and_zipped_with_index_html_at_the_root(outcome) -> None:
    _, output = outcome
    for name, second in (("alpha", "en"), ("bravo", "fr")):
        assert (output / name / "index.html").is_file()
        assert (output / name / second / "index.html").is_file()
        with zipfile.ZipFile(output / f"{name}.zip") as zipped:
            assert zipped.testzip() is None
            names = zipped.namelist()
            assert "index.html" in names and f"{second}/index.html" in names
            assert "search/search_index.js" in names
            assert b"<html" in zipped.read("index.html")
    assert not list(output.glob(".*.building"))


def test_the_broken_company_leaves_no_stale_site_or_zip(outcome) -> None:
    _, output = outcome
    assert not (output / "charlie-broken").exists()
    assert not (output / "charlie-broken.zip").exists()
    assert "approach" in (output / "charlie-broken.FAILED.txt").read_text(encoding="utf-8")


def test_all_good_companies_exit_zero(companies: Path, tmp_path: Path) -> None:
    good = tmp_path / "companies"
    good.mkdir()
    shutil.copytree(companies / "alpha", good / "alpha")  # a link would be refused (test_company_folders.py)
    result = run(good, tmp_path / "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 built, 0 failed" in result.stdout
    assert (tmp_path / "build" / "alpha.zip").is_file()
