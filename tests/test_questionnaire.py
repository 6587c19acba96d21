"""The owner's questionnaire (make questionnaire): one page, made from the schema, that checks as the owner types
with the build's rules, opens and saves company.yml, and works from a file with no server and no network."""

from __future__ import annotations

import ast
import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page
from pydantic import ValidationError

from conftest import EXAMPLE_FILE, ROOT, example_data, run_build

sys.path.insert(0, str(ROOT / "scripts"))
import questionnaire  # noqa: E402

from macros.company.schema import CompanyFile  # noqa: E402


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/questionnaire.html as `make questionnaire` writes it (here in a temporary folder)."""
    out = tmp_path_factory.mktemp("questionnaire") / "questionnaire.html"
    result = subprocess.run(
        [sys.executable, "scripts/questionnaire.py", "--output", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return out


def changed(data: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    """The example's data with one rule's case applied (key paths with list indexes)."""
    data = copy.deepcopy(data)
    for path, value in case.get("set", {}).items():
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
        node[int(last) if isinstance(node, list) else last] = value
    for path in case.get("unset", []):
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node.pop(last, None)
    return data


def as_json(data: Any) -> Any:
    """Data as the page reads it from YAML 1.2 (dates are texts)."""
    return json.loads(json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


# --- no browser -------------------------------------------------------------------------------------------


def test_every_key_of_the_schema_has_a_question(page_file: Path):
    keys = set(questionnaire.schema_fields())
    asked = set(questionnaire.question_keys())
    assert keys - asked == set(), (
        "keys of company.schema.json with no question in scripts/questionnaire-page/questions.yml"
    )
    assert asked - keys == set(), "questions for keys the schema does not have"
    soup = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
    names = {tag["name"] for tag in soup.select("[name]")}
    for template in soup.select("template"):
        names |= {tag["name"] for tag in BeautifulSoup(template.decode_contents(), "html.parser").select("[name]")}
    for key, spec in questionnaire.schema_fields().items():
        name = key.replace("*", "__i__")
        expected = {f"{name}.fr", f"{name}.en"} if spec["kind"] == "text" else {name}
        assert expected <= names, f"{key}: no field named {expected - names}"


def test_every_check_of_the_schema_has_a_rule_in_the_page():
    """Each validator of macros/company/ (schema.py, types.py) that refuses a value is mirrored by a rule, or says why none is needed."""
    trees = [
        ast.parse((ROOT / "macros" / "company" / name).read_text(encoding="utf-8"))
        for name in ("schema.py", "types.py")
    ]
    refusing = {
        node.name
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and any(
            isinstance(r, ast.Raise)
            and isinstance(r.exc, ast.Call)
            and getattr(r.exc.func, "id", "") in ("ValueError", "FieldProblem")
            for r in ast.walk(node)
        )
    }
    mirrored = {rule["source"] for rule in questionnaire.RULES} | set(questionnaire.NOT_IN_FORM)
    assert refusing - mirrored == set(), "validators of macros/company/ with no rule in scripts/questionnaire.py RULES"
    js = (ROOT / "scripts" / "questionnaire-page" / "page.js").read_text(encoding="utf-8")
    for rule in questionnaire.RULES:
        assert f"    {rule['id']}: function" in js, f"rule {rule['id']} has no function in page.js RULES"


def test_the_example_passes_and_each_rule_case_is_refused_by_the_build():
    CompanyFile.model_validate(example_data())
    for rule in questionnaire.RULES:
        with pytest.raises(ValidationError):
            CompanyFile.model_validate(changed(example_data(), rule["case"]))


# --- in Chromium, from file:// -------------------------------------------------------------------------------


@pytest.fixture
def page(browser: Browser, page_file: Path) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    outside: list[str] = []
    tab.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(("file:", "blob:", "data:")) else None
        ),
    )
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(page_file.as_uri())
    yield tab
    assert errors == [], errors
    assert outside == [], f"the questionnaire asked the network for {outside}"
    context.close()


@pytest.mark.browser
def test_the_page_checks_each_rule_as_the_build_does(page: Page):
    assert page.evaluate("window.questionnaire.rules") == [rule["id"] for rule in questionnaire.RULES]
    example = as_json(example_data())
    assert page.evaluate("d => window.questionnaire.check(d)", example) == {}
    for rule in questionnaire.RULES:
        found = page.evaluate("d => window.questionnaire.check(d)", as_json(changed(example_data(), rule["case"])))
        assert rule["field"] in found, f"{rule['id']}: the page does not mark {rule['field']} ({found})"
        assert found[rule["field"]].lower() == rule["fr"].lower(), rule["id"]


@pytest.mark.browser
def test_a_wrong_field_says_why_and_is_marked(page: Page):
    email = page.locator('[name="contacts.social_media.email"]')
    email.fill("emilie.gagnon")
    assert email.get_attribute("aria-invalid") == "true"
    assert "courriel" in page.locator("#f-contacts-social_media-email-err").text_content()
    email.fill("emilie@boreal.example")
    assert email.get_attribute("aria-invalid") is None
    languages = page.locator('[name="languages"]')
    languages.select_option("en,fr")
    assert languages.get_attribute("aria-invalid") == "true", "Quebec puts French first"
    assert "français en premier" in page.locator("#f-languages-err").text_content()
    page.locator('[name="jurisdiction"]').select_option("us")
    assert languages.get_attribute("aria-invalid") is None


@pytest.mark.browser
def test_opening_and_saving_unchanged_gives_the_same_file(page: Page):
    page.set_input_files("input[type=file]", str(EXAMPLE_FILE))
    page.wait_for_function("document.getElementById('q-open-status').textContent.includes('company.yml')")
    assert page.locator('[name="company.name"]').input_value() == "Rénovations Boréal"
    assert page.locator('[name="official_accounts.0.platform"]').input_value() == "facebook"
    assert (
        page.locator('[name="contacts.social_media.email"]').input_value() == "emilie.gagnon@renovationsboreal.example"
    )
    assert page.locator("[aria-invalid=true]").count() == 0
    with page.expect_download() as download:
        page.click('[data-action="download"]')
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert yaml.safe_load(saved) == example_data()
    assert saved == EXAMPLE_FILE.read_text(encoding="utf-8")


@pytest.mark.browser
def test_a_changed_file_keeps_comments_and_key_order(page: Page):
    page.set_input_files("input[type=file]", str(EXAMPLE_FILE))
    page.wait_for_function("document.getElementById('q-open-status').textContent.includes('company.yml')")
    page.fill('[name="company.name"]', "Yes")  # YAML 1.1 would read a plain yes as true
    page.fill('[name="policy.version"]', "2.10")
    page.fill('[name="policy.history.0.version"]', "2.10")
    page.click('button[data-action="add"][data-list="training"]')
    page.fill('[name="training.2.title.fr"]', "Atelier sur les avis en ligne")
    with page.expect_download() as download:
        page.click('[data-action="download"]')
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    expected = example_data()
    expected["company"]["name"] = "Yes"
    expected["policy"]["version"] = expected["policy"]["history"][0]["version"] = "2.10"
    expected["training"].append({"title": "Atelier sur les avis en ligne"})
    assert yaml.safe_load(saved) == expected
    assert "# in quotes, so 2.10 stays 2.10" in saved and "# The one file your company edits." in saved
    top = [line.split(":")[0] for line in saved.splitlines() if line[:1].isalpha()]
    assert top == [
        line.split(":")[0] for line in EXAMPLE_FILE.read_text(encoding="utf-8").splitlines() if line[:1].isalpha()
    ]


@pytest.mark.browser
def test_a_new_owner_gets_a_file_that_builds(page: Page, tmp_path: Path):
    """Answers typed from an empty page, saved, then one real `mkdocs build` of the saved file."""
    fill = page.fill
    fill('[name="company.name"]', "Garderie Les Lucioles")
    page.select_option('[name="company.article"]', "la")
    fill('[name="values.0.name.fr"]', "Bienveillance")
    fill('[name="values.0.name.en"]', "Kindness")
    fill('[name="values.0.meaning.fr"]', "On parle des familles et des collègues avec douceur.")
    fill('[name="values.0.meaning.en"]', "We speak of families and colleagues kindly.")
    page.select_option('[name="sector"]', "health")
    assert "(oui)" in page.locator('[name="practices.confidential_clients"] option[value=""]').text_content()
    fill('[name="front_page_test.newspaper.fr"]', "Le Devoir")
    assert "première page du Devoir" in page.locator("#p-front").text_content()
    fill('[name="official_accounts.0.handle"]', "@lucioles")
    fill('[name="official_accounts.0.url"]', "https://www.facebook.com/lucioles.example")
    page.select_option('[name="official_accounts.0.managed_by"]', "social_media")
    for role in ("social_media", "management"):
        fill(f'[name="contacts.{role}.name.fr"]', "Anne Roy")
        fill(f'[name="contacts.{role}.title.fr"]', "Directrice")
        fill(f'[name="contacts.{role}.title.en"]', "Director")
        fill(f'[name="contacts.{role}.phone"]', "819 555-0142, poste 3")
    assert "Téléphone : 819 555-0142, poste 3" in page.locator("#p-contact").text_content()
    fill('[name="policy.version"]', "1")
    fill('[name="policy.effective_date"]', "2026-09-01")
    fill('[name="policy.review_every_months"]', "12")
    fill('[name="policy.approved_by.fr"]', "Anne Roy, directrice")
    fill('[name="policy.approved_by.en"]', "Anne Roy, Director")
    fill('[name="policy.history.0.version"]', "1")
    fill('[name="policy.history.0.date"]', "2026-09-01")
    fill('[name="policy.history.0.changes.fr"]', "Première politique.")
    fill('[name="policy.history.0.changes.en"]', "First policy.")
    assert page.locator("[aria-invalid=true]").count() == 0
    with page.expect_download() as download:
        page.click('[data-action="download"]')
    folder = tmp_path / "owner"
    folder.mkdir()
    company = folder / "company.yml"
    download.value.save_as(company)
    site = run_build(tmp_path / "site", company)
    assert site.returncode == 0, site.log
    assert "Garderie Les Lucioles" in site.text("index")


@pytest.mark.browser
def test_french_and_english_switch(page: Page):
    label = page.locator('label[for="f-company-name"]')
    assert "Le nom de votre organisation" in label.text_content()
    page.click("#q-lang")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "Your organization's name" in label.text_content()
    assert "One question to remember" in page.locator("#p-front").text_content()


@pytest.mark.browser
def test_accessible_labelled_and_keyboard_only(page: Page):
    unlabelled = page.evaluate(
        "[...document.querySelectorAll('#q-form [name], input[type=file]')].filter(e => !e.labels || !e.labels.length).map(e => e.name)"
    )
    assert unlabelled == []
    for lang in ("fr", "en"):
        results = Axe().run(page)
        serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{lang}: {serious}"
        page.click("#q-lang")
    page.locator('[name="company.name"]').focus()
    page.keyboard.type("Boulangerie Nord")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "company.legal_name"
    before = page.locator('[data-item="official_accounts"]').count()
    page.locator('button[data-action="add"][data-list="official_accounts"]').focus()
    page.keyboard.press("Enter")
    assert page.locator('[data-item="official_accounts"]').count() == before + 1
    assert page.evaluate("document.activeElement.name") == "official_accounts.1.platform"


@pytest.mark.browser
@pytest.mark.parametrize(
    "file", [EXAMPLE_FILE, *sorted((ROOT / "companies").glob("*/company.yml"))], ids=lambda f: f.parent.name
)
def test_every_example_company_reads_back_as_it_is(page: Page, file: Path):
    """The page agrees with the build on every example (no problem found), and reads each back as the same data."""
    page.set_input_files("input[type=file]", str(file))
    page.wait_for_function("document.getElementById('q-open-status').textContent.includes('company.yml')")
    assert page.evaluate("window.questionnaire.check(window.questionnaire.formToData())") == {}
    assert page.evaluate("window.questionnaire.formToData()") == as_json(
        yaml.safe_load(file.read_text(encoding="utf-8"))
    )


def test_every_choice_has_words_in_both_languages():
    """A value the schema adds to a list of choices (a new sector, a new approach) needs its words in questions.yml."""
    data = questionnaire.questions()
    for key, spec in questionnaire.schema_fields().items():
        values = spec.get("enum") or []
        if not values or key.endswith(".platform") or key in ("company.article", "languages"):
            continue  # platforms by their own names (PLATFORMS), articles as written, languages as pairs
        options = questionnaire._question(data, key).get("options", {})
        missing = [v for v in values if v not in options]
        assert missing == [], f"{key}: no words for {missing} in scripts/questionnaire-page/questions.yml"


def test_every_text_of_the_questions_is_a_french_and_english_pair():
    """A comma in an unquoted {fr: ..., en: ...} starts a new key: every pair must have exactly fr and en."""
    data = questionnaire.questions()

    def pair(value: Any, where: str) -> None:
        assert isinstance(value, dict) and set(value) == {"fr", "en"}, f"{where}: {value!r} (quote a text with a comma)"
        assert all(isinstance(value[k], str) and value[k].strip() for k in ("fr", "en")), where

    for section in data["sections"]:
        pair(section["title"], section["id"])
        pair(section["intro"], section["id"])
        for title in section.get("contact_roles", {}).values():
            pair(title, section["id"])
        for key, question in section["keys"].items():
            pair(question["label"], f"{key}.label")
            pair(question["why"], f"{key}.why")
            for value, words in question.get("options", {}).items():
                pair(words, f"{key}.options.{value}")
    for name, words in data["words"].items():
        pair(words, f"words.{name}")
    for name, words in data["lists"].items():
        pair(words["add"], name)
        pair(words["item"], name)


@pytest.mark.browser
def test_a_file_that_is_not_yaml_is_refused_with_its_line(page: Page, tmp_path: Path):
    broken = tmp_path / "company.yml"
    lines = EXAMPLE_FILE.read_text(encoding="utf-8").splitlines()
    lines[10] = '  name: "Rénovations Boréal'  # an unclosed quote
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page.set_input_files("input[type=file]", str(broken))
    page.wait_for_function("document.getElementById('q-open-status').textContent.includes('company.yml')")
    status = page.locator("#q-open-status").text_content()
    assert "n'est pas du YAML lisible" in status and "ligne" in status
    assert page.locator('[name="company.name"]').input_value() == ""
