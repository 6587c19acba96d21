"""What a reader gets, in a real headless Chromium: language switch, search, theme, offline use."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect


from conftest import LANGS, Site, example_data
from test_company_text import BUILDS, spread

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def record_requests(page: Page) -> list[str]:
    """Every address the page asks for; a failed one (404, refused) is marked `FAILED`."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.on("response", lambda response: response.status >= 400 and seen.append(f"FAILED {response.url}"))
    page.on(
        "requestfailed",  # a load cut short by leaving the page (ERR_ABORTED) is not a failure
        lambda request: request.failure != "net::ERR_ABORTED" and seen.append(f"FAILED {request.url}"),
    )
    return seen


def search(page: Page, url: str, words: str) -> list[str]:
    """Open a page, type in its search box; the addresses of the results (empty when nothing matches)."""
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile("Taper pour|Type to"), timeout=15_000)  # the index is loaded
    box.press_sequentially(words, delay=20)  # real key presses: the search listens to keyboard events
    expect(meta).not_to_have_text(re.compile("Initiali|Taper pour|Type to"), timeout=15_000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


# --- Language ---------------------------------------------------------------------------------


def test_language_switch_stays_on_the_same_page(page: Page, site_url: str):
    page.goto(site_url + "conduct.html")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    expect(page).to_have_url(site_url + "en/conduct.html")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a.md-select__link[hreflang=fr]").click()
    expect(page).to_have_url(site_url + "conduct.html")


def test_search_finds_pages_in_the_reader_language(page: Page, site_url: str):
    meaning = example_data()["values"][0]["meaning"]
    french_word = [w for w in meaning["fr"].split() if w.strip(".,") not in meaning["en"]][-1].strip(".,")
    english_word = [w for w in meaning["en"].split() if w.strip(".,") not in meaning["fr"]][-1].strip(".,")

    french_results = search(page, site_url + "index.html", french_word)
    assert french_results and all(not href.startswith(site_url + "en/") for href in french_results)
    assert search(page, site_url + "index.html", english_word) == []

    english_results = search(page, site_url + "en/index.html", english_word)
    assert english_results and all(href.startswith(site_url + "en/") for href in english_results)
    assert search(page, site_url + "en/index.html", french_word) == []


# --- Theme ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_footer_shows_version_date_and_contact(page: Page, site_url: str, lang):
    page.goto(site_url + ("" if lang == "fr" else "en/") + "conduct.html")
    footer = page.locator(".policy-footer").inner_text()
    contact = example_data()["contacts"]["social_media"]
    assert "2.1" in footer and contact["name"] in footer and contact["email"] in footer
    assert ("2 mars 2026" if lang == "fr" else "March 2, 2026") in footer
    assert ("pas un avis juridique" if lang == "fr" else "not legal advice") in footer


def test_header_uses_the_company_name_logo_and_colour(page: Page, site_url: str):
    page.goto(site_url + "index.html")
    assert page.locator(".md-header__topic").first.inner_text().strip() == "Rénovations Boréal"
    header = page.locator("header.md-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(31, 95, 139)"
    assert header.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    logo = page.locator(".md-header__button.md-logo img")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("link[rel=icon]").get_attribute("href") == logo.get_attribute("src")  # the tab shows it too


def test_light_brand_colour_gets_dark_header_text(browser: Browser, build_company):
    site = build_company(lambda d: d["company"].update(brand_color="#F2E94E"), key="light-brand")
    assert site.returncode == 0, site.log
    tab = browser.new_page()
    tab.goto((site.dir / "index.html").as_uri())
    header = tab.locator("header.md-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(242, 233, 78)"
    assert header.evaluate("e => getComputedStyle(e).color").startswith("rgb(0, 0, 0")
    tab.close()


def test_dark_scheme_can_be_chosen(page: Page, site_url: str):
    page.goto(site_url + "index.html")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    link = page.locator("article a[href]").first
    colour = link.evaluate("a => getComputedStyle(a).color")
    assert colour != "rgb(31, 95, 139)"  # links are lightened to stay readable on the dark background


# --- No outside request, on a server or from a file share ---------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_no_request_leaves_the_site_over_http(page: Page, site_url: str, example_site: Site, lang):
    requests = record_requests(page)
    for name in example_site.pages(lang):
        page.goto(site_url + ("" if lang == "fr" else "en/") + f"{name}.html")
        page.wait_for_load_state("networkidle")
    outside = [u for u in requests if not u.startswith(site_url) and not u.startswith(("data:", "blob:"))]
    assert requests and outside == []


def test_site_works_from_a_file_share(page: Page, example_site: Site):
    requests = record_requests(page)
    page.goto((example_site.dir / "index.html").as_uri())
    page.locator("nav.md-nav--primary a.md-nav__link[href='conduct.html']").first.click()
    expect(page).to_have_url(re.compile(r"/conduct\.html$"))
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    expect(page).to_have_url((example_site.dir / "en" / "conduct.html").as_uri())
    english_word = example_data()["values"][0]["meaning"]["en"].split()[-1].strip(".")
    results = search(page, page.url, english_word)
    assert results and all(r.startswith((example_site.dir / "en").as_uri()) for r in results)
    outside = [u for u in requests if not u.startswith(("file://", "data:", "blob:", "FAILED file://"))]
    assert outside == []
    # Browsers refuse fetch() on file://. Material then skips its sitemap lookup (the language switch above
    # works without it); anything else that fails to load is a broken asset.
    failed = [u for u in requests if u.startswith("FAILED") and not u.endswith("/sitemap.xml")]
    assert failed == []


# --- Company text in a real browser -------------------------------------------------------------


def test_nasty_names_stay_text_in_the_browser(browser: Browser, build_company):
    names = BUILDS[0]
    site = build_company(spread(names), key=repr(names))
    assert site.returncode == 0, site.log
    tab = browser.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for lang in LANGS:
        for name in ("index", "official-accounts"):
            tab.goto(site.path(name, lang).as_uri())
            assert names[0] in tab.title()
            assert names[0] in tab.locator("article").inner_text()
            assert tab.locator("article h1").count() == 1
    assert dialogs == []
    tab.close()


# --- Printing --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_policy_prints_with_name_version_and_date(page: Page, site_url: str, tmp_path, lang):
    from pypdf import PdfReader

    page.goto(site_url + ("" if lang == "fr" else "en/") + "policy.html")
    pdf = tmp_path / f"policy-{lang}.pdf"
    page.pdf(path=str(pdf), format="Letter", print_background=False)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Rénovations Boréal" in text and "2.1" in text
    assert ("2 mars 2026" if lang == "fr" else "March 2, 2026") in text
    navigation = "Mises en situation" if lang == "fr" else "Scenarios"  # a menu entry the policy does not name
    appendix = "Annexe" if lang == "fr" else "Appendix"  # the legal appendix names the pages that cite the law
    assert appendix in text
    assert navigation not in text.split(appendix)[0]  # the site's menus are not printed
    assert ("Rechercher" if lang == "fr" else "Search") not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_ten_rules_print_on_one_page(page: Page, site_url: str, tmp_path, lang):
    from pypdf import PdfReader

    page.goto(site_url + ("" if lang == "fr" else "en/") + "at-a-glance.html")
    pdf = tmp_path / "glance.pdf"
    margin = "12.7mm"  # half an inch: what browsers use when printing
    page.pdf(path=str(pdf), format="Letter", margin={"top": margin, "bottom": margin, "left": margin, "right": margin})
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
    first_rule, last_rule = (
        ("Faites le test de la une", "Vos comptes sont à vous")
        if lang == "fr"
        else ("Take the front-page test", "Your accounts are yours")
    )
    managers = "Pour les gestionnaires" if lang == "fr" else "For managers"
    assert first_rule in pages[0] and last_rule in pages[0]
    assert managers not in pages[0] and managers in pages[1]
