"""make acknowledgements: who has signed which version, from the form exports HR already has."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from macros.law.clauses import fingerprint

FIXTURE_FILES = ROOT / "tests" / "fixtures" / "acknowledgements"
CURRENT = json.loads((ROOT / "policy-archive" / "2.1.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The form exports, signed with today's recorded fingerprint (CURRENT_FINGERPRINT in the files; one person
    typed it in capitals), so that they stay current when the example's policy is recorded again."""
    folder = tmp_path_factory.mktemp("exports")
    for file in FIXTURE_FILES.iterdir():
        text = file.read_text(encoding="utf-8").replace("CURRENT_FINGERPRINT_IN_CAPITALS", CURRENT["fingerprint"].upper())
        text = text.replace("CURRENT_FINGERPRINT", CURRENT["fingerprint"])
        (folder / file.name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def company(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example company with two recorded versions: 2.1 (today's) and an older 2.0 whose clauses differ."""
    folder = tmp_path_factory.mktemp("company")
    shutil.copy(ROOT / "company.yml", folder / "company.yml")
    shutil.copy(ROOT / "logo.svg", folder / "logo.svg")
    archive = folder / "policy-archive"
    archive.mkdir()
    (archive / "2.1.json").write_text(json.dumps(CURRENT, ensure_ascii=False), encoding="utf-8")
    older = json.loads(json.dumps(CURRENT))
    older.update(version="2.0", released="2025-02-03")
    for lang, clauses in older["clauses"].items():
        first, second = list(clauses)[:2]
        clauses[first] = clauses[first] + (" Ancienne phrase." if lang == "fr" else " An older sentence.")
        del clauses[second]  # added since 2.0
    older["fingerprint"] = fingerprint(older["clauses"])  # the archive checks it
    (archive / "2.0.json").write_text(json.dumps(older, ensure_ascii=False), encoding="utf-8")
    return folder


def run(company: Path, roster: Path, responses: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "COMPANY_FILE": str(company / "company.yml")}
    return subprocess.run(
        [
            sys.executable,
            "scripts/acknowledgements.py",
            "--roster",
            str(roster),
            "--responses",
            str(responses),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_report(out: Path) -> dict[str, dict[str, str]]:
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:5] == ["name", "email", "status", "version", "signed_on"]
    return {row["email"]: row for row in rows}


@pytest.mark.parametrize("export", ["msforms-fr.csv", "google-en.csv"])
def test_each_person_gets_a_status(fixtures: Path, company: Path, tmp_path: Path, export: str):
    out = tmp_path / "report.csv"
    result = run(company, fixtures / "staff.csv", fixtures / export, out)
    assert result.returncode == 0, result.stderr
    report = read_report(out)
    first, second = list(CURRENT["clauses"]["fr"])[:2]
    assert len(report) == 5
    julie = report["julie.lavoie@renovationsboreal.example"]
    assert (julie["name"], julie["status"], julie["version"], julie["signed_on"]) == (
        "Julie Lavoie",
        "current",
        "2.1",
        "2026-03-04",
    )
    assert report["luc.tremblay@renovationsboreal.example"]["status"] == "current"  # signed 2.0, then 2.1
    marc = report["marc-andre.roy@renovationsboreal.example"]
    assert (marc["status"], marc["version"], marc["signed_on"]) == ("outdated", "2.0", "2025-02-12")
    assert marc["changed_clauses"] == f"§{first} §{second}"
    assert report["emilie.gagnon@renovationsboreal.example"]["status"] == "mismatch"
    sophie = report["sophie.belanger@renovationsboreal.example"]
    assert (sophie["status"], sophie["version"], sophie["signed_on"]) == ("missing", "", "")
    assert "Policy version 2.1: 2 current, 1 outdated, 1 mismatch, 1 missing." in result.stdout
    assert "To remind (3):" in result.stdout
    assert "Sophie Bélanger <sophie.belanger@renovationsboreal.example>: no acknowledgement" in result.stdout
    assert f"changed since: §{first} §{second}" in result.stdout
    if export == "msforms-fr.csv":
        assert "jean.stagiaire@renovationsboreal.example signed but is not on the staff list" in result.stderr


def test_a_file_in_another_encoding_names_the_file_and_line(fixtures: Path, company: Path, tmp_path: Path):
    roster = tmp_path / "staff.csv"
    roster.write_bytes((fixtures / "staff.csv").read_text(encoding="utf-8").encode("cp1252"))
    result = run(company, roster, fixtures / "google-en.csv", tmp_path / "report.csv")
    assert result.returncode == 1
    assert f"{roster}, line 2: is not UTF-8 text" in result.stderr and "CSV UTF-8" in result.stderr
    assert not (tmp_path / "report.csv").exists()


def test_an_export_without_an_email_column_is_refused(fixtures: Path, company: Path, tmp_path: Path):
    export = tmp_path / "export.csv"
    export.write_text("Timestamp,Full name,Policy version\n3/4/2026 10:05:12,Julie Lavoie,2.1\n", encoding="utf-8")
    result = run(company, fixtures / "staff.csv", export, tmp_path / "report.csv")
    assert result.returncode == 1
    assert f"{export}, line 1: has no email column" in result.stderr


def test_a_person_twice_on_the_staff_list_is_refused(fixtures: Path, company: Path, tmp_path: Path):
    roster = tmp_path / "staff.csv"
    text = (fixtures / "staff.csv").read_text(encoding="utf-8")
    roster.write_text(
        text + "Julie Lavoie (bis), JULIE.LAVOIE@renovationsboreal.example ,Présidente\n", encoding="utf-8"
    )
    result = run(company, roster, fixtures / "google-en.csv", tmp_path / "report.csv")
    assert result.returncode == 1
    assert f"{roster}, line 7: julie.lavoie@renovationsboreal.example is already on line 2" in result.stderr


def test_a_version_never_recorded_asks_for_make_release(fixtures: Path, company: Path, tmp_path: Path):
    other = tmp_path / "company"
    other.mkdir()
    shutil.copy(company / "company.yml", other / "company.yml")
    shutil.copy(company / "logo.svg", other / "logo.svg")
    result = run(other, fixtures / "staff.csv", fixtures / "google-en.csv", tmp_path / "report.csv")
    assert result.returncode == 1
    assert "version 2.1 is not recorded" in result.stderr and "make release" in result.stderr


def test_the_acknowledgement_page_tells_hr(example_site):
    """The example collects acknowledgements online too: its page says the signatures can be tracked."""
    for lang, words in (("fr", "qui doit signer de nouveau"), ("en", "who must sign again")):
        text = example_site.text("acknowledgement", lang)
        assert words in text, lang
        assert "company.yml" not in text and "make acknowledgements" not in text, lang
        assert example_site.soup("acknowledgement", lang).select_one("h2#tracking") is not None, lang


def test_a_microsoft_forms_workbook_is_read_too(fixtures: Path, company: Path, tmp_path: Path):
    """Microsoft Forms' "Open results in Excel" gives an .xlsx: its dates are dates, its columns the same."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Form1"
    with (fixtures / "msforms-fr.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    sheet.append(rows[0])
    for row in rows[1:]:
        day, month, rest = row[2].split("/", 2)
        year, time = rest.split(" ")
        when = dt.datetime.fromisoformat(f"{year}-{month}-{day}T{time}")
        sheet.append([int(row[0]), when, when, *row[3:]])
    export = tmp_path / "Formulaire accusé de lecture(1-6).xlsx"
    book.save(export)
    out = tmp_path / "report.csv"
    result = run(company, fixtures / "staff.csv", export, out)
    assert result.returncode == 0, result.stderr
    report = read_report(out)
    assert report["julie.lavoie@renovationsboreal.example"]["signed_on"] == "2026-03-04"
    assert [report[e]["status"] for e in report] == ["current", "outdated", "mismatch", "missing", "current"]


def test_a_staff_list_with_first_and_last_names(fixtures: Path, company: Path, tmp_path: Path):
    roster = tmp_path / "personnel.csv"
    roster.write_text(
        "\ufeffPrénom;Nom;Adresse courriel\nJulie;Lavoie;julie.lavoie@renovationsboreal.example\n"
        "Sophie;Bélanger;sophie.belanger@renovationsboreal.example\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.csv"
    result = run(company, roster, fixtures / "google-en.csv", out)
    assert result.returncode == 0, result.stderr
    report = read_report(out)
    assert report["julie.lavoie@renovationsboreal.example"]["name"] == "Julie Lavoie"
    assert report["sophie.belanger@renovationsboreal.example"]["status"] == "missing"
