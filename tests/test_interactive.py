"""The quiz, the self-check, the page of changes and the poster, in a real Chromium (and read back with pypdf)."""

from __future__ import annotations

import copy
import json
import re
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from browser import serve_folder
from conftest import LANGS, ROOT, Site, example_data, run_build, write_company
from macros.law.clauses import extract_clauses, fingerprint
from test_accessibility import serious_violations

pytestmark = pytest.mark.browser

SECTORS_DIR = ROOT / "macros" / "company" / "sectors"


def url_of(base: str, page: str, lang: str) -> str:
    return base + ("" if lang == "fr" else "en/") + f"{page}.html"


@pytest.fixture()
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    """A page that may only ask the local site for anything: an outside request fails the test."""
    context = browser.new_context()
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(site_url) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    yield page
    context.close()
    assert outside == []


def the_fingerprint(site: Site) -> str:
    return fingerprint({lang: extract_clauses(site.html("policy", lang)) for lang in LANGS})


# --- The quiz ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_has_twelve_questions_from_scenarios_and_rules(example_site: Site, lang):
    quiz = example_site.soup("quiz", lang)
    questions = quiz.select("fieldset.quiz-question")
    assert len(questions) >= 12
    sources = [q["data-source"].split(":")[0] for q in questions]
    assert sources.count("scenario") >= 8 and sources.count("rule") >= 4
    policy_ids = {tag["id"] for tag in example_site.soup("policy", lang).select("[id]")}
    for question in questions:
        assert question.select_one("legend").get_text(strip=True)
        radios = question.select("input[type=radio]")
        assert 3 <= len(radios) <= 4 and sum(r.has_attr("data-correct") for r in radios) == 1
        assert all(question.select_one(f"label[for='{r['id']}']") for r in radios)
        assert question.select_one("details.quiz-answer summary")  # the answers, without JavaScript
        for link in question.select("a[href^='policy.html#']"):
            assert link["href"].split("#")[1] in policy_ids, link["href"]


def test_quiz_scenario_questions_come_from_the_sector(example_site: Site):
    source = example_site.soup("quiz", "fr").select("fieldset")[0]["data-source"]
    assert source.startswith("scenario:")
    scenario_id = source.split(":")[1]
    assert example_site.soup("scenarios", "fr").select_one(f"#{scenario_id}") is not None


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_wrong_then_right_and_the_certificate(page: Page, site_url: str, example_site: Site, lang):
    page.goto(url_of(site_url, "quiz", lang))
    first = page.locator("fieldset.quiz-question").first
    assert not first.locator("details.quiz-answer").is_visible()  # with JavaScript, feedback replaces it
    wrong = first.locator("input[type=radio]:not([data-correct])").first
    right = first.locator("input[type=radio][data-correct]")
    wrong.check()
    verdict = first.locator(".quiz-verdict")
    expect(verdict).to_have_text("Pas tout à fait. Essayez encore." if lang == "fr" else "Not quite. Try again.")
    expect(first.locator(".quiz-why")).to_have_text(wrong.get_attribute("data-why"))
    expect(first.locator(".quiz-rule a")).to_be_visible()
    assert first.locator(".quiz-rule a").get_attribute("href").startswith("policy.html#")
    right.check()
    expect(verdict).to_have_text("Bonne réponse." if lang == "fr" else "Right.")
    expect(first.locator(".quiz-why")).to_have_text(right.get_attribute("data-why"))

    # The certificate waits for every answer and a name.
    page.locator(".quiz-show").click()
    expect(page.locator(".quiz-message")).not_to_be_empty()
    assert page.locator(".quiz-certificate").is_hidden()
    questions = page.locator("fieldset.quiz-question")
    total = questions.count()
    for n in range(1, total):
        questions.nth(n).locator("input[data-correct]").check()
    page.locator(".quiz-show").click()
    expect(page.locator(".quiz-message")).to_have_text("Écrivez votre nom." if lang == "fr" else "Type your name.")
    page.locator("#quiz-name").fill("Alex Tremblay")
    page.locator(".quiz-show").click()
    certificate = page.locator(".quiz-certificate")
    expect(certificate).to_be_visible()
    text = " ".join(certificate.inner_text().split())
    assert "Alex Tremblay" in text and "2.1" in text and the_fingerprint(example_site) in text
    score = f"{total - 1} sur {total}" if lang == "fr" else f"{total - 1} of {total}"
    assert score in text  # the first question was wrong on the first try
    assert re.search(r"20\d\d", certificate.locator(".quiz-cert-date").inner_text())
    assert serious_violations(page) == []  # feedback and certificate shown


def test_quiz_with_the_keyboard_only(page: Page, site_url: str):
    page.goto(url_of(site_url, "quiz", "en"))
    page.locator("h2#questions").scroll_into_view_if_needed()
    page.evaluate("document.querySelector('h2#questions').setAttribute('tabindex', '-1')")
    page.locator("h2#questions").focus()
    page.keyboard.press("Tab")  # the heading's permalink
    for _ in range(5):
        if page.evaluate("document.activeElement.type") == "radio":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "q1"
    page.keyboard.press("Space")  # picks the focused choice
    first = page.locator("fieldset#q1")
    expect(first.locator(".quiz-verdict")).not_to_be_empty()
    page.keyboard.press("ArrowDown")  # moves to, and picks, the next choice
    assert page.evaluate("document.activeElement.id") == "q1-2"
    expect(first.locator(".quiz-why")).to_have_text(first.locator("#q1-2").get_attribute("data-why"))


def test_quiz_without_javascript_keeps_the_answers_in_details(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url_of(site_url, "quiz", "fr"))
    first = page.locator("fieldset.quiz-question").first
    details = first.locator("details.quiz-answer")
    expect(details).to_be_visible()
    details.locator("summary").click()
    expect(details.locator("strong").first).to_have_text("La bonne réponse :".replace(" :", "\u00a0:"))
    expect(page.locator(".quiz-no-js")).to_be_visible()
    context.close()


def test_quiz_works_from_a_file(browser: Browser, example_site: Site):
    page = browser.new_page()
    page.goto(example_site.path("quiz", "fr").as_uri())
    page.locator("fieldset.quiz-question").first.locator("input[data-correct]").check()
    expect(page.locator("fieldset.quiz-question").first.locator(".quiz-verdict")).to_have_text("Bonne réponse.")
    page.close()


@pytest.mark.slow
@pytest.mark.parametrize("sector", sorted(p.stem for p in SECTORS_DIR.glob("*.yml")))
def test_every_sector_gets_a_quiz_of_twelve_questions(tmp_path, sector):
    data = copy.deepcopy(example_data())
    data["sector"] = sector
    site = run_build(tmp_path / "site", write_company(tmp_path / "input", data))
    assert site.returncode == 0, site.log
    for lang in LANGS:
        assert len(site.soup("quiz", lang).select("fieldset.quiz-question")) >= 12, (sector, lang)
        assert len(site.soup("scenarios", lang).select(".self-check input[type=checkbox]")) >= 6


# --- The self-check --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_self_check_gives_each_verdict(page: Page, site_url: str, lang):
    page.goto(url_of(site_url, "scenarios", lang))
    box = page.locator(".self-check")
    answer = box.locator(".self-check-answer")
    expect(answer).to_have_text("Publiez." if lang == "fr" else "Post it.")
    ask = box.locator("input[data-level=ask]").first
    stop = box.locator("input[data-level=stop]").first
    ask.focus()
    page.keyboard.press("Space")  # the keyboard ticks a box
    expect(answer).to_have_text(
        "Demandez d'abord\u00a0: Émilie Gagnon." if lang == "fr" else "Ask first: Émilie Gagnon."
    )
    stop.check()
    expect(answer).to_have_text("Ne publiez pas." if lang == "fr" else "Don't post.")
    stop.uncheck()
    expect(answer).to_have_text(
        "Demandez d'abord\u00a0: Émilie Gagnon." if lang == "fr" else "Ask first: Émilie Gagnon."
    )
    ask.uncheck()
    expect(answer).to_have_text("Publiez." if lang == "fr" else "Post it.")
    assert box.locator(".self-check-verdict").get_attribute("role") == "status"


def test_self_check_without_javascript_explains_the_rule(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url_of(site_url, "scenarios", "en"))
    assert page.locator(".self-check-verdict").is_hidden()  # no verdict that would never change
    rule = page.locator(".self-check-rule")
    expect(rule).to_be_visible()
    expect(rule).to_contain_text("No box ticked: post it.")
    expect(rule).to_contain_text('A box marked "ask first" ticked: ask Émilie Gagnon first.')
    assert page.locator(".self-check-level").count() == page.locator(".self-check input").count()
    context.close()


# --- What changed ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def versions_site(tmp_path_factory, example_site: Site) -> Site:
    """The example company with two earlier recorded versions: 2.0 (one clause worded differently) and 1.0."""
    folder = tmp_path_factory.mktemp("versions")
    company = write_company(folder / "input", example_data())
    archive = company.parent / "policy-archive"
    archive.mkdir()
    today = {lang: extract_clauses(example_site.html("policy", lang)) for lang in LANGS}
    older = copy.deepcopy(today)
    older["fr"]["6.1"] = older["fr"]["6.1"].replace("Seuls", "Uniquement")
    older["en"]["6.1"] = older["en"]["6.1"].replace("Only", "Solely")
    oldest = copy.deepcopy(older)
    for lang in LANGS:
        del oldest[lang]["9.3"]
    for version, clauses in (("2.0", older), ("1.0", oldest)):
        record = {"version": version, "released": "2025-01-01", "fingerprint": fingerprint(clauses), "clauses": clauses}
        (archive / f"{version}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    site = run_build(folder / "site", company)
    assert site.returncode == 0, site.log
    return site


@pytest.fixture()
def versions_url(versions_site: Site) -> Iterator[str]:
    with serve_folder(versions_site.dir) as url:
        yield url


@pytest.mark.parametrize("lang", LANGS)
def test_changes_picker_shows_the_version_i_signed(browser: Browser, versions_url: str, lang):
    page = browser.new_page()
    page.goto(url_of(versions_url, "changes", lang))
    sections = page.locator("section.changes-since")
    expect(sections).to_have_count(2)
    picker = page.locator("#changes-version")
    expect(picker).to_be_visible()
    picker.select_option("2.0")
    expect(page.locator('section[data-version="2.0"]')).to_be_visible()
    expect(page.locator('section[data-version="1.0"]')).to_be_hidden()
    assert page.locator('section[data-version="2.0"] li.change').count() == 1  # 6.1 only
    picker.select_option("1.0")
    expect(page.locator('section[data-version="1.0"] li.change')).to_have_count(2)  # 6.1 changed, 9.3 added
    expect(page.locator('section[data-version="2.0"]')).to_be_hidden()
    picker.select_option("")
    expect(sections.nth(0)).to_be_visible()
    expect(sections.nth(1)).to_be_visible()
    assert serious_violations(page) == []
    page.goto(url_of(versions_url, "changes", lang) + "?signed=1.0")  # a link HR can send
    expect(page.locator('section[data-version="2.0"]')).to_be_hidden()
    page.close()


def test_changes_without_javascript_lists_each_version_in_turn(browser: Browser, versions_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url_of(versions_url, "changes", "fr"))
    expect(page.locator(".changes-picker")).to_be_hidden()
    expect(page.locator("section.changes-since").nth(0)).to_be_visible()
    expect(page.locator("section.changes-since").nth(1)).to_be_visible()
    headings = page.locator("section.changes-since h2").all_inner_texts()
    assert [h.strip() for h in headings] == ["Depuis la version 2.0", "Depuis la version 1.0"]
    context.close()


def test_changed_words_are_marked_on_paper(browser: Browser, versions_url: str):
    page = browser.new_page()
    page.goto(url_of(versions_url, "changes", "en"))
    page.emulate_media(media="print")
    before = page.evaluate("getComputedStyle(document.querySelector('.change-text del'), '::before').content")
    assert before == '"[- "'
    assert "line-through" in page.evaluate("getComputedStyle(document.querySelector('.change-text del')).textDecorationLine")
    page.close()


# --- Accessibility of the new pages -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_accessibility_issue_on_the_new_pages(browser: Browser, versions_url: str, lang):
    page = browser.new_page()
    found = {}
    for name in ("quiz", "changes", "scenarios", "acknowledgement", "policy"):
        page.goto(url_of(versions_url, name, lang))
        problems = serious_violations(page)
        if problems:
            found[name] = problems
    page.close()
    assert found == {}


# --- The poster -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed_site(tmp_path_factory) -> Site:
    site = run_build(tmp_path_factory.mktemp("printed") / "site", pdf=True)
    assert site.returncode == 0, site.log
    return site


def rule_titles(site: Site, lang: str) -> list[str]:
    heading = site.soup("at-a-glance", lang).select_one("#rules")
    rules = heading.find_next("ol")
    return [" ".join(li.select_one("strong").get_text().split()) for li in rules.find_all("li", recursive=False)]


@pytest.mark.parametrize(("lang", "name"), [("fr", "affiche-medias-sociaux.pdf"), ("en", "social-media-poster.pdf")])
def test_poster_is_one_page_with_the_ten_rules(printed_site: Site, lang, name):
    file = printed_site.dir / ("" if lang == "fr" else "en") / name
    reader = PdfReader(file)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 1224)  # Tabloid, for Quebec
    text = " ".join(reader.pages[0].extract_text().split())
    titles = rule_titles(printed_site, lang)
    assert len(titles) == 10
    for title in titles:
        assert title in text, title
    assert the_fingerprint(printed_site) in text and "2.1" in text
    link = printed_site.soup("at-a-glance", lang).select_one(f"a[href='{name}']")
    assert link is not None


def test_poster_of_a_french_company_is_a3(tmp_path):
    data = copy.deepcopy(example_data())
    data["jurisdiction"] = "fr"
    site = run_build(tmp_path / "site", write_company(tmp_path / "input", data), pdf=True)
    assert site.returncode == 0, site.log
    box = PdfReader(site.dir / "affiche-medias-sociaux.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 1191)


def test_policy_pdf_carries_the_fingerprint(printed_site: Site):
    text = " ".join(page.extract_text() for page in PdfReader(printed_site.dir / "politique-medias-sociaux.pdf").pages)
    assert the_fingerprint(printed_site) in " ".join(text.split())


def test_outside_requests_are_caught(browser: Browser, site_url: str):
    """Negative control for the `page` fixture's guard: a request to another host is recorded."""
    context = browser.new_context()
    seen = []
    context.route("**/*", lambda route: (seen.append(route.request.url), route.abort()))
    page = context.new_page()
    page.set_content('<img src="https://example.org/x.png">')
    page.wait_for_timeout(200)
    context.close()
    assert any("example.org" in url for url in seen)

