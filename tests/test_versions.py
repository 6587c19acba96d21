"""Versions of the policy: `make release`, the fingerprint, and the page of what changed, with real builds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LANGS, ROOT, Site, copy_project, run_build
from macros.law.clauses import compare, extract_clauses, fingerprint, word_diff

# A clause and a passage that is not a clause, in each language, to edit.
CLAUSE_61 = {"fr": "Si un journaliste,", "en": "If a journalist,"}
CLAUSE_61_NEW = {"fr": "Si un reporter,", "en": "If a reporter,"}
NOT_A_CLAUSE = {
    "fr": "Pourquoi une politique écrite?",
    "en": "Why a written policy?",
}


def release(project: Path) -> subprocess.CompletedProcess:
    """`make release` as a user runs it (scripts/release.py), for the project's company.yml."""
    env = {k: v for k, v in os.environ.items() if k != "COMPANY_FILE"}
    return subprocess.run(
        [sys.executable, str(project / "scripts" / "release.py")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def set_version(project: Path, old: str, new: str) -> None:
    file = project / "company.yml"
    text = file.read_text(encoding="utf-8")
    assert f'  version: "{old}"            #' in text
    file.write_text(text.replace(f'  version: "{old}"            #', f'  version: "{new}"            #', 1), encoding="utf-8")


def edit_pages(project: Path, old: dict[str, str], new: dict[str, str], page: str = "policy") -> None:
    for lang in LANGS:
        file = project / "docs" / f"{page}.{lang}.md"
        if page == "policy" and old[lang] not in file.read_text(encoding="utf-8"):
            file = project / "macros" / "law" / "data" / "policy.yml"  # a clause whose text lives with its short forms
        text = file.read_text(encoding="utf-8")
        assert old[lang] in text, (lang, old[lang])
        file.write_text(text.replace(old[lang], new[lang], 1), encoding="utf-8")


def snapshot(project: Path) -> dict[str, str]:
    """The company file and every archive file, to check that a refusal wrote nothing."""
    files = [project / "company.yml", *sorted((project / "policy-archive").glob("*"))]
    return {f.name: f.read_text(encoding="utf-8") for f in files if f.is_file()}


def printed_fingerprint(site: Site, page: str = "policy", lang: str = "fr") -> str:
    return site.soup(page, lang).select_one("code.policy-fingerprint").get_text()


@pytest.fixture()
def project(tmp_path) -> Path:
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.rmtree(project / "policy-archive", ignore_errors=True)
    return project


def changes(site: Site, lang: str, since: str) -> dict[str, str]:
    """Clause -> kind, as the page of changes lists them since a version."""
    section = site.soup("changes", lang).select_one(f'section.changes-since[data-version="{since}"]')
    assert section is not None, f"no section for version {since} ({lang})"
    return {li["data-clause"]: li["class"][1].removeprefix("change--") for li in section.select("li.change")}


# --- Releases ---------------------------------------------------------------------------------------


def test_release_records_every_clause_then_does_nothing_again(project, tmp_path):
    first = release(project)
    assert first.returncode == 0, first.stderr
    record = json.loads((project / "policy-archive" / "2.1.json").read_text(encoding="utf-8"))
    assert record["version"] == "2.1" and set(record["clauses"]) == set(LANGS)
    assert record["clauses"]["fr"].keys() == record["clauses"]["en"].keys()  # the same clauses in both languages
    assert len(record["clauses"]["fr"]) >= 40 and "6.1" in record["clauses"]["fr"]
    assert "porte-parole" in record["clauses"]["fr"]["6.1"] and "spokespeople" in record["clauses"]["en"]["6.1"]

    site = run_build(tmp_path / "site", None, project)
    assert site.returncode == 0, site.log
    for lang in LANGS:  # the page and the archive agree on the fingerprint
        assert printed_fingerprint(site, "policy", lang) == record["fingerprint"]
        assert record["fingerprint"] in site.text("acknowledgement", lang)

    before = snapshot(project)
    again = release(project)
    assert again.returncode == 0, again.stderr
    assert "already recorded" in again.stdout
    assert snapshot(project) == before


def test_release_refuses_an_older_version_and_writes_nothing(project):
    assert release(project).returncode == 0
    set_version(project, "2.1", "2.0")  # history[0] is still 2.1: the file is not even valid, and nothing runs
    before = snapshot(project)
    refused = release(project)
    assert refused.returncode == 1
    assert "2.0 is older than the last recorded version, 2.1" in refused.stderr
    assert "nothing was recorded" in refused.stderr
    assert snapshot(project) == before


def test_release_refuses_to_change_a_recorded_version(project):
    assert release(project).returncode == 0
    edit_pages(project, CLAUSE_61, CLAUSE_61_NEW)
    before = snapshot(project)
    refused = release(project)
    assert refused.returncode == 1
    assert "2.1 is already recorded, and the policy's text has changed since (in 6.1)" in refused.stderr
    assert 'new version number (policy.version in the company file, e.g. "2.2")' in refused.stderr
    assert snapshot(project) == before


def test_an_edited_clause_a_new_one_and_a_removed_one(project, tmp_path):
    assert release(project).returncode == 0

    # 2.2: one clause edited (both languages), nothing else.
    edit_pages(project, CLAUSE_61, CLAUSE_61_NEW)
    set_version(project, "2.1", "2.2")
    done = release(project)
    assert done.returncode == 0, done.stderr
    assert "Since version 2.1: Changed clauses: 6.1." in done.stdout
    company = (project / "company.yml").read_text(encoding="utf-8")
    assert '    - version: "2.2"\n      date: 2026-03-02\n      changes:\n' in company  # added on top of history
    assert "Clauses modifiées\u00a0: 6.1." in company and "Changed clauses: 6.1." in company

    # 2.3: a new clause and a removed one.
    edit_pages(project, {lang: "## 12." for lang in LANGS}, {
        "fr": '{{ clause("11.9") }} Une clause toute neuve.\n\n## 12.',
        "en": '{{ clause("11.9") }} A brand-new clause.\n\n## 12.',
    })
    gone = '{{ policy_clause("9.3") }}\n\n'  # the clause's text lives in policy.yml; the page no longer prints it
    edit_pages(project, {"fr": gone, "en": gone}, {"fr": "", "en": ""})
    set_version(project, "2.2", "2.3")
    assert release(project).returncode == 0

    site = run_build(tmp_path / "site", None, project)
    assert site.returncode == 0, site.log
    for lang in LANGS:
        assert changes(site, lang, "2.2") == {"11.9": "added", "9.3": "removed"}
        assert changes(site, lang, "2.1") == {"6.1": "changed", "11.9": "added", "9.3": "removed"}
        edited = site.soup("changes", lang).select_one('section[data-version="2.2"] ~ section li[data-clause="6.1"]')
        assert "[" in edited.select_one("del .sr-only").get_text()  # a screen reader says where a change starts
        for spoken in edited.select(".sr-only"):
            spoken.decompose()
        assert edited.select_one("del").get_text() == CLAUSE_61[lang].split()[-1]  # only the changed word
        assert edited.select_one("ins").get_text() == CLAUSE_61_NEW[lang].split()[-1]
        assert edited.select_one("a")["href"] == "policy.html#c-6-1"
        removed = site.soup("changes", lang).select_one('li[data-clause="9.3"]')
        assert removed.select_one("a") is None  # no link to a clause that no longer exists
        # the acknowledgement form names the clauses changed since the last version
        form = site.soup("acknowledgement", lang).select_one(".ack-changes")
        assert form["data-since"] == "2.2" and {a.get_text() for a in form.select("a[href^='policy.html']")} == {
            "§\u00a011.9"
        }
        assert "9.3" in form.get_text()


def test_a_release_whose_output_is_cut_short_still_says_it_recorded(project):
    """`make release | head -1` closes the output after the first line: the version is recorded all the same,
    and the message never claims that nothing was."""
    env = {k: v for k, v in os.environ.items() if k != "COMPANY_FILE"}
    reader, writer = os.pipe()
    os.close(reader)  # nobody reads: the first print fails with a broken pipe
    done = subprocess.run(
        [sys.executable, str(project / "scripts" / "release.py")],
        cwd=project, env=env, stdout=writer, stderr=subprocess.PIPE, text=True, timeout=300,
    )
    os.close(writer)
    assert done.returncode == 0, done.stderr
    assert "nothing was recorded" not in done.stderr
    assert "its report could not be printed" in done.stderr
    assert (project / "policy-archive" / "2.1.json").is_file()


def test_a_release_that_changes_nothing_says_so(project, tmp_path):
    assert release(project).returncode == 0
    set_version(project, "2.1", "2.2")
    assert release(project).returncode == 0
    site = run_build(tmp_path / "site", None, project)
    assert changes(site, "fr", "2.1") == {}
    assert "Aucune clause n'a changé depuis la version 2.1" in site.text("changes", "fr")
    assert "No clause has changed since version 2.1" in site.text("changes", "en")
    assert "No clause has changed since version 2.1" in site.text("acknowledgement", "en")


def test_without_a_release_the_page_says_none_is_recorded(build_company):
    site = build_company()  # a company file in its own folder, with no policy-archive/ beside it
    assert "Aucune version antérieure n'est encore enregistrée" in site.text("changes", "fr")
    assert "No earlier version is recorded yet" in site.text("changes", "en")
    assert site.soup("acknowledgement", "fr").select_one(".ack-changes") is None


# --- The fingerprint ------------------------------------------------------------------------------


def test_the_fingerprint_changes_when_and_only_when_a_clause_changes(project, tmp_path):
    base = run_build(tmp_path / "base", None, project)
    edit_pages(project, NOT_A_CLAUSE, {"fr": "Pourquoi une politique écrite, au juste?", "en": "Why a written policy, really?"})
    prose = run_build(tmp_path / "prose", None, project)
    edit_pages(project, CLAUSE_61, CLAUSE_61_NEW)
    clause = run_build(tmp_path / "clause", None, project)
    for site in (base, prose, clause):
        assert site.returncode == 0, site.log
    assert "au juste" in prose.text("policy", "fr")  # the prose did change
    assert printed_fingerprint(base) == printed_fingerprint(prose)  # ... but no clause: same fingerprint
    assert printed_fingerprint(prose) != printed_fingerprint(clause)
    for site in (base, clause):  # one fingerprint everywhere in the site, as the archive computes it
        expected = fingerprint(
            {lang: extract_clauses(site.html("policy", lang)) for lang in LANGS}
        )
        for lang in LANGS:
            for page in ("policy", "acknowledgement", "changes", "quiz"):
                assert expected in site.html(page, lang), (page, lang)
                assert "FPRINTPENDING" not in site.html(page, lang)


def test_the_online_form_gets_the_version_and_the_fingerprint(build_company):
    def change(data):
        data["acknowledgement"]["form_url"] = "https://forms.example/ack?team=site&lang=fr"

    site = build_company(change, key="form-with-query")
    assert site.returncode == 0, site.log
    fingerprint_text = printed_fingerprint(site)
    links = [a["href"] for a in site.soup("acknowledgement", "fr").select("article a[href^='https://forms.example']")]
    assert links and all(
        link == f"https://forms.example/ack?team=site&lang=fr&version=2.1&fingerprint={fingerprint_text}"
        for link in links
    )


def test_fingerprint_is_order_free_and_text_bound():
    clauses = {"fr": {"1.1": "Un", "1.2": "Deux"}, "en": {"1.1": "One", "1.2": "Two"}}
    reordered = {"en": {"1.2": "Two", "1.1": "One"}, "fr": {"1.2": "Deux", "1.1": "Un"}}
    assert fingerprint(clauses) == fingerprint(reordered)
    assert len(fingerprint(clauses)) == 12 and int(fingerprint(clauses), 16) >= 0
    assert fingerprint(clauses) != fingerprint({**clauses, "en": {"1.1": "One", "1.2": "Two!"}})


def test_word_diff_marks_only_the_changed_words():
    assert word_diff("Ask Anne before you post.", "Ask Marc before you post.") == [
        ("equal", "Ask"),
        ("delete", "Anne"),
        ("insert", "Marc"),
        ("equal", "before you post."),
    ]
    assert compare({"1.1": "a", "1.2": "b"}, {"1.1": "a", "1.2": "b"}) == {}
