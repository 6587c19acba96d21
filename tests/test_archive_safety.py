"""The policy archive and `make release` get the company file's protections (SECURITY-REVIEW-3 S3-02 to S3-05,
S3-08): archive files are regular files of the company's own folder, under a size limit, checked by a schema
with line numbers and by their fingerprint; make release reads through the loader's limits and never writes
through a link."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE_FILE, ROOT, run_build, write_company
from macros.law.clauses import ArchiveError, fingerprint, load_archive

EXAMPLE_ARCHIVE = ROOT / "policy-archive" / "2.1.json"
OTHER_CLIENT = ROOT / "companies" / "clinique-des-saules" / "policy-archive" / "1.0.json"


def company_folder(tmp_path: Path, name: str = "client") -> Path:
    """The example company in a folder of its own, with its recorded archive."""
    file = write_company(tmp_path / name, EXAMPLE_FILE.read_text(encoding="utf-8"))
    (file.parent / "policy-archive").mkdir()
    shutil.copy(EXAMPLE_ARCHIVE, file.parent / "policy-archive" / "2.1.json")
    return file


def refusal(folder: Path) -> str:
    started = time.monotonic()
    with pytest.raises(ArchiveError) as caught:
        load_archive(folder)
    assert time.monotonic() - started < 5, "the archive check must not wait on the file"
    return str(caught.value)


def test_the_example_archives_pass():
    for folder in [ROOT / "policy-archive", *sorted((ROOT / "companies").glob("*/policy-archive"))]:
        assert load_archive(folder), folder


def test_an_archive_linked_to_another_clients_is_refused(tmp_path):
    """S3-03: a link to the clinic's archive would publish its clauses (names, e-mails, phones)."""
    archive = company_folder(tmp_path).parent / "policy-archive"
    (archive / "1.0.json").symlink_to(OTHER_CLIENT)
    message = refusal(archive)
    assert "1.0.json" in message and "is a link" in message
    (archive / "1.0.json").unlink()
    shutil.rmtree(archive)
    archive.symlink_to(OTHER_CLIENT.parent, target_is_directory=True)
    assert "is a link" in refusal(archive)


def test_devices_pipes_folders_and_dangling_links_are_refused_at_once(tmp_path):
    """S3-04 and S3-08: /dev/zero exhausted memory, a named pipe hung the build, a dangling link crashed."""
    archive = company_folder(tmp_path).parent / "policy-archive"
    cases = {
        "zero": lambda f: f.symlink_to("/dev/zero"),
        "fifo": lambda f: os.mkfifo(f),
        "folder": lambda f: f.mkdir(),
        "dangling": lambda f: f.symlink_to(tmp_path / "nowhere.json"),
    }
    for name, make in cases.items():
        file = archive / "1.0.json"
        make(file)
        message = refusal(archive)
        assert "1.0.json" in message and ("is a link" in message or "not a regular file" in message), name
        shutil.rmtree(file) if file.is_dir() and not file.is_symlink() else file.unlink()


def write_archive(archive: Path, text: str, name: str = "1.0.json") -> Path:
    file = archive / name
    file.write_text(text, encoding="utf-8")
    return file


def test_tampered_or_broken_archives_are_refused_with_their_line(tmp_path):
    """S3-08: wrong types gave AttributeError tracebacks, deep nesting a RecursionError, 12 MB was accepted,
    and an archive edited by hand was trusted."""
    archive = company_folder(tmp_path).parent / "policy-archive"
    good = json.loads(EXAMPLE_ARCHIVE.read_text(encoding="utf-8"))
    (archive / "2.1.json").unlink()

    write_archive(archive, json.dumps({**good, "clauses": ["fr", "en"]}, indent=1), "2.1.json")
    message = refusal(archive)
    assert "2.1.json, line 5: clauses" in message

    broken = {**good, "clauses": {"fr": {"1.1": 5}}}
    write_archive(archive, json.dumps(broken, indent=1), "2.1.json")
    assert "line 7: clauses.fr.1.1" in refusal(archive)

    write_archive(archive, "[" * 200_000, "2.1.json")
    assert "2.1.json, line 1: nests brackets" in refusal(archive)

    write_archive(archive, '{"version": "2.1",\n "released": }', "2.1.json")
    assert "line 2: is not valid JSON" in refusal(archive)

    huge = {**good, "clauses": {"fr": {"1.1": "x" * 12_000_000}}}
    write_archive(archive, json.dumps(huge), "2.1.json")
    assert "12.0 MB" in refusal(archive)

    tampered = json.loads(json.dumps(good))
    tampered["clauses"]["fr"]["1.1"] += " Sauf pour la direction."
    write_archive(archive, json.dumps(tampered, ensure_ascii=False, indent=1) + "\n", "2.1.json")
    message = refusal(archive)
    assert "2.1.json, line 4: fingerprint records the fingerprint" in message and "changed" in message

    write_archive(archive, json.dumps(good, ensure_ascii=False, indent=1), "9.9.json")
    (archive / "2.1.json").unlink()
    assert "line 2: version records version 2.1: name it 2.1.json" in refusal(archive)


def test_a_build_with_a_linked_archive_stops_before_the_site_is_touched(tmp_path):
    """S3-03 through `mkdocs build`: a clear message, no traceback, the previous site kept."""
    file = company_folder(tmp_path)
    (file.parent / "policy-archive" / "1.0.json").symlink_to(OTHER_CLIENT)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    result = run_build(site, file)
    assert result.returncode != 0
    assert "1.0.json" in result.log and "is a link" in result.log
    assert "Traceback" not in result.log
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


def fingerprint_of(path: Path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    return fingerprint(data["clauses"])


# --- make release --------------------------------------------------------------------------------------


def run_release(company_file: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "COMPANY_FILE": str(company_file), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "release.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )


def test_release_never_writes_through_a_planted_link(tmp_path):
    """S3-02: `.company.release.yml -> victim` in the client's folder had the victim overwritten with the
    company file (which can carry a shell line). The temporary copy now has a name nobody can plant."""
    file = company_folder(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched\n", encoding="utf-8")
    (file.parent / ".company.release.yml").symlink_to(victim)
    for name in os.listdir(file.parent):  # every name the old code could have used
        assert not name.startswith(".company.release-")
    before = file.read_text(encoding="utf-8")
    result = run_release(file)
    assert result.returncode == 0, result.stderr
    assert "already recorded" in result.stdout
    assert victim.read_text(encoding="utf-8") == "untouched\n"
    assert file.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in file.parent.iterdir()) == [".company.release.yml", "company.yml", "logo.svg", "policy-archive"]


def test_release_refuses_an_archive_folder_that_is_a_link(tmp_path):
    file = company_folder(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (file.parent / "policy-archive").rename(elsewhere)
    (file.parent / "policy-archive").symlink_to(elsewhere, target_is_directory=True)
    result = run_release(file, timeout=60)
    assert result.returncode == 1
    assert "policy-archive" in result.stderr and "is a link" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["2.1.json"]


def test_release_refuses_the_alias_bomb_with_the_loaders_limits(tmp_path):
    """S3-05: nine levels of aliases made make release grow to gigabytes; the loader refuses them at once."""
    bomb = "x_bomb:\n  a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
    for n, (name, prev) in enumerate(zip("bcdefghij", "abcdefghi")):
        bomb += f"  {name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    file = write_company(tmp_path / "client", bomb + EXAMPLE_FILE.read_text(encoding="utf-8"))
    started = time.monotonic()
    result = run_release(file, timeout=60)
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert "x_bomb" in result.stderr and "aliases" in result.stderr and "Traceback" not in result.stderr


def test_release_refuses_a_tampered_archive_without_a_traceback(tmp_path):
    file = company_folder(tmp_path)
    archive = file.parent / "policy-archive" / "2.1.json"
    archive.write_text(archive.read_text(encoding="utf-8").replace('"1.1": "', '"1.1": "Hors la direction. ', 1), encoding="utf-8")
    result = run_release(file, timeout=60)
    assert result.returncode == 1
    assert "2.1.json" in result.stderr and "fingerprint" in result.stderr and "Traceback" not in result.stderr
