"""Real builds of the example company: both languages, every page, no leftovers, and a bad file touches nothing."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import LANGS, ROOT, Site, copy_project, example_data, run_build, write_company

JINJA_LEFTOVERS = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


def test_example_builds_strictly_without_warnings(tmp_path, example_site: Site):
    strict = run_build(tmp_path / "site", None, ROOT, "--strict")
    assert strict.returncode == 0, strict.log
    assert "WARNING" not in example_site.log and "ERROR" not in example_site.log, example_site.log
    assert (example_site.dir / "index.html").is_file()
    assert (example_site.dir / "en" / "index.html").is_file()


def test_both_languages_have_the_same_pages(example_site: Site):
    french, english = example_site.pages("fr"), example_site.pages("en")
    assert french == english
    assert len(french) >= 2


def untranslated(docs: Path) -> list[str]:
    """Pages that exist in one language only, as `page: missing en`."""
    stems: dict[str, set[str]] = {}
    for file in docs.rglob("*.md"):
        match = re.fullmatch(r"(.+)\.(fr|en)\.md", file.name)
        key = str(file.relative_to(docs).parent / (match.group(1) if match else file.stem))
        stems.setdefault(key, set()).add(match.group(2) if match else "no language suffix")
    return sorted(f"{page}: missing {lang}" for page, found in stems.items() for lang in LANGS if lang not in found)


def test_every_page_exists_in_both_languages():
    assert untranslated(ROOT / "docs") == []


def test_a_page_in_one_language_only_is_caught(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.fr.md").write_text("# A\n")
    (docs / "index.en.md").write_text("# A\n")
    (docs / "extra.fr.md").write_text("# B\n")
    (docs / "lonely.en.md").write_text("# C\n")
    assert untranslated(docs) == ["extra: missing en", "lonely: missing fr"]


def test_build_fails_when_a_page_lacks_its_translation(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "conduct.en.md").unlink()
    failed = run_build(tmp_path / "site", None, project)
    assert failed.returncode != 0
    assert "A reference to 'conduct.md' is included in the 'nav' configuration" in failed.log


def test_every_nav_entry_has_both_files():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for entry in config["nav"]:
        (page,) = entry.values() if isinstance(entry, dict) else (entry,)  # a page without a title: its heading
        for lang in LANGS:
            assert (ROOT / "docs" / page.replace(".md", f".{lang}.md")).is_file(), (page, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_company_name_in_the_content_of_every_page(example_site: Site, lang):
    for page in example_site.pages(lang):
        assert "Rénovations Boréal" in example_site.text(page, lang), f"{page} ({lang})"


@pytest.mark.parametrize("lang", LANGS)
def test_no_unrendered_jinja_in_any_page(example_site: Site, lang):
    for page in example_site.pages(lang):
        leftovers = JINJA_LEFTOVERS.findall(example_site.soup(page, lang).get_text())
        assert leftovers == [], f"{page} ({lang}): {leftovers}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_declares_its_language(example_site: Site, lang):
    for page in example_site.pages(lang):
        assert example_site.soup(page, lang).html["lang"] == lang, page


def test_language_switch_links_to_the_same_page(example_site: Site):
    for page in example_site.pages("fr"):
        french = {a["hreflang"]: a["href"] for a in example_site.soup(page, "fr").select("a.md-select__link")}
        english = {a["hreflang"]: a["href"] for a in example_site.soup(page, "en").select("a.md-select__link")}
        assert french == {"fr": f"{page}.html", "en": f"en/{page}.html"}
        assert english == {"fr": f"../{page}.html", "en": f"{page}.html"}


def test_navigation_is_translated(example_site: Site):
    french = example_site.soup("index", "fr").select_one("nav.md-nav--primary").get_text(" ")
    english = example_site.soup("index", "en").select_one("nav.md-nav--primary").get_text(" ")
    assert "Conduite en ligne" in french and "Online conduct" not in french
    assert "Online conduct" in english and "Conduite en ligne" not in english


def test_each_language_has_its_own_search_index(example_site: Site):
    for lang, folder in (("fr", example_site.dir), ("en", example_site.dir / "en")):
        index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        pages = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert pages == {f"{p}.html" for p in example_site.pages(lang)}
        script = (folder / "search" / "search_index.js").read_text(encoding="utf-8")
        assert script.startswith("var __index = ") and json.loads(script[len("var __index = ") :]) == index


def test_english_search_index_has_no_french_page(example_site: Site):
    english = json.loads((example_site.dir / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    french = json.loads((example_site.dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    english_titles = {d["title"] for d in english["docs"]}
    french_titles = {d["title"] for d in french["docs"]}
    assert example_site.soup("conduct", "fr").h1.get_text().strip("¶ ") in french_titles
    assert example_site.soup("conduct", "fr").h1.get_text().strip("¶ ") not in english_titles
    assert example_site.soup("conduct", "en").h1.get_text().strip("¶ ") in english_titles


# --- Another company, and a bad file ----------------------------------------------------------


def test_company_file_selects_another_company(tmp_path):
    """Every mention of the company comes from the file: rename it there and no page keeps the old name."""
    text = (ROOT / "company.yml").read_text(encoding="utf-8")
    other = text.replace("Rénovations Boréal", "Boulangerie Vallière").replace("La Tribune", "Le Nouvelliste")
    site = run_build(tmp_path / "site", write_company(tmp_path / "other", other))
    assert site.returncode == 0, site.log
    for lang in LANGS:
        for page in site.pages(lang):
            html = site.html(page, lang)
            assert "Boulangerie Vallière" in site.text(page, lang), (page, lang)
            assert "Rénovations Boréal" not in html and "La Tribune" not in html, (page, lang)


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under a folder with its content hash and modification time."""
    return {
        str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


BROKEN_FILES = {
    "schema error": lambda data: yaml.safe_dump({**data, "approach": "strict"}, allow_unicode=True),
    "YAML syntax error": lambda data: "company:\n  name: [unclosed\n",
}


@pytest.mark.parametrize("broken", list(BROKEN_FILES), ids=list(BROKEN_FILES))
def test_bad_company_file_leaves_the_site_untouched(tmp_path, example_site: Site, broken):
    site_dir = tmp_path / "site"
    first = run_build(site_dir)
    assert first.returncode == 0, first.log
    before = snapshot(site_dir)

    bad = write_company(tmp_path / "bad", BROKEN_FILES[broken](example_data()))
    failed = run_build(site_dir, bad)

    assert failed.returncode != 0
    assert str(bad) in failed.log and "Nothing was built" in failed.log
    assert "Traceback" not in failed.log
    assert snapshot(site_dir) == before


def test_bad_file_message_names_key_and_fix(tmp_path):
    bad = write_company(tmp_path, {**example_data(), "approach": "restrictve"})
    failed = run_build(tmp_path / "site", bad)
    assert failed.returncode == 1
    assert "approach is 'restrictve', but it must be one of: educational, balanced, restrictive." in failed.log
    assert 'Did you mean "restrictive"?' in failed.log
    assert not (tmp_path / "site").exists()


def test_undefined_variable_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "conduct.fr.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n{{ company.nickname }} {{ no_such_variable }}\n", encoding="utf-8"
    )
    failed = run_build(tmp_path / "site", None, project)
    assert failed.returncode != 0
    assert "no_such_variable" in failed.log or "nickname" in failed.log


def test_printing_an_absent_optional_value_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "conduct.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ contacts.legal.name }}\n", encoding="utf-8")
    data = example_data()
    del data["contacts"]["legal"]
    failed = run_build(tmp_path / "site", write_company(tmp_path / "company", data), project)
    assert failed.returncode != 0
    # the same page builds while the optional contact is there (negative control)
    assert run_build(tmp_path / "site2", None, project).returncode == 0


def test_build_without_a_legal_contact(build_company):
    site = build_company(lambda d: d["contacts"].pop("legal"), key="no-legal")
    assert site.returncode == 0, site.log


# --- The company's languages -------------------------------------------------------------------


def test_french_only_site(build_company):
    site = build_company(languages=["fr"])
    assert site.returncode == 0, site.log
    assert not (site.dir / "en").exists()
    soup = site.soup("conduct", "fr")
    assert soup.html["lang"] == "fr" and soup.select("a.md-select__link") == []
    assert (site.dir / "search" / "search_index.json").is_file()


def test_english_first_site_puts_french_under_fr(build_company):
    site = build_company(languages=["en", "fr"], jurisdiction="us")
    assert site.returncode == 0, site.log
    root = (site.dir / "conduct.html").read_text(encoding="utf-8")
    french = (site.dir / "fr" / "conduct.html").read_text(encoding="utf-8")
    assert 'lang="en"' in root and 'lang="fr"' in french
    assert 'href="fr/conduct.html" hreflang="fr"' in root
    assert 'href="../conduct.html" hreflang="en"' in french
    index = json.loads((site.dir / "fr" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"]
    assert "Policy version" in root and "Politique, version" in french  # the footer follows each page's language


def test_several_companies_build_side_by_side(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "scripts/build_companies.py", "--output", str(tmp_path / "out")],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "POLICY_PDF": "0"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for file in sorted((ROOT / "companies").glob("*/company.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        home = (tmp_path / "out" / file.parent.name / "index.html").read_text(encoding="utf-8")
        assert f'lang="{data["languages"][0]}"' in home
        assert data["company"]["name"].replace("&", "&amp;") in home


def test_without_a_logo_the_site_uses_neutral_icons(build_company):
    site = build_company(lambda d: d["company"].pop("logo"), key="no-logo")
    assert site.returncode == 0, site.log
    soup = site.soup("index", "fr")
    assert soup.select_one("link[rel=icon]")["href"] == "assets/favicon.svg"
    assert not (site.dir / "assets" / "company").exists()
