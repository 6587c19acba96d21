"""No tooltip renders company text as HTML (issue 13). Material's `content.tooltips` feature turns an element's
`title`, and the text of an ellipsized header or navigation title, into a tooltip through innerHTML; a long
company name such as `Boréal <img onerror=…>` then ran as script on hover. mkdocs.yml switches the feature off.

A real Chromium opens every page of both languages, over http and file://, at a width where the name does not
fit, hovers the header title, the logo, every element with a title and every ellipsized title, and finds no
script run (window.__pwned stays undefined, no dialog) and no request outside the site."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser import serve_folder
from conftest import Site

pytestmark = pytest.mark.browser

# Long enough to overflow the header at 1024 pixels (each <img> shows as text), short enough for a name (200).
HOSTILE_LONG_NAME = (
    "Boréal <img src=x onerror=window.__pwned=1;alert(1)> <img src=https://evil.example/t.png> "
    "Coopérative forestière et agricole du Nord-du-Québec et des Laurentides"
)
assert len(HOSTILE_LONG_NAME) < 200


@pytest.fixture(scope="module")
def long_name_site(build_company) -> Site:
    def change(data):
        data["company"]["name"] = HOSTILE_LONG_NAME
        data["company"].pop("legal_name", None)

    site = build_company(change, key="hostile-long-name-tooltips")
    assert site.returncode == 0, site.log
    return site


def hover_everything(browser: Browser, base: str, site: Site) -> tuple[list[str], list[str], list[str], int]:
    """Every page of every language: hover what may get a tooltip. Returns the dialogs, outside requests, pages
    where script ran, and how many elements were hovered."""
    dialogs: list[str] = []
    outside: list[str] = []
    ran: list[str] = []
    hovered = 0
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    context.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else outside.append(r.url))
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for lang in site.languages:
        prefix = "" if lang == site.root_lang else f"{lang}/"
        for name in site.pages(lang):
            page.goto(base + prefix + f"{name}.html")
            page.wait_for_timeout(100)  # Material marks ellipsized titles once the page is laid out
            # what may get a tooltip: the header title and logo, any element with a title, any title cut short
            count = page.evaluate(
                """() => { let n = 0; for (const e of document.querySelectorAll('.md-header__title, .md-logo, [title], .md-ellipsis')) {
                    const box = e.getBoundingClientRect();
                    const cut = e.classList.contains('md-ellipsis') && e.offsetWidth < e.scrollWidth;
                    if (box.width && box.height && (cut || !e.classList.contains('md-ellipsis'))) { e.dataset.hoverMe = n++; } }
                    return n; }"""
            )
            for index in range(count):
                try:
                    page.locator(f'[data-hover-me="{index}"]').hover(timeout=500)
                except Exception:  # covered by another element: nothing to hover there
                    continue
                hovered += 1
            page.wait_for_timeout(100)
            if page.evaluate("typeof window.__pwned") != "undefined":
                ran.append(f"{prefix}{name}.html")
    context.close()
    return dialogs, outside, ran, hovered


def test_the_long_name_overflows_the_header(long_name_site: Site, browser: Browser):
    """The case under test is real: at this width the header title is cut with an ellipsis."""
    with serve_folder(long_name_site.dir) as base:
        page = browser.new_page(viewport={"width": 1024, "height": 800})
        page.goto(base + "index.html")
        cut = page.evaluate(
            "[...document.querySelectorAll('.md-header__title .md-ellipsis')]"
            ".some(e => e.offsetWidth < e.scrollWidth)"
        )
        page.close()
    assert cut


@pytest.mark.parametrize("over", ["http", "file"])
def test_no_tooltip_runs_company_text(long_name_site: Site, browser: Browser, over: str):
    if over == "http":
        with serve_folder(long_name_site.dir) as base:
            dialogs, outside, ran, hovered = hover_everything(browser, base, long_name_site)
    else:
        dialogs, outside, ran, hovered = hover_everything(browser, long_name_site.dir.as_uri() + "/", long_name_site)
    assert hovered >= 2 * len(long_name_site.pages(long_name_site.root_lang))  # at least the title and logo
    assert ran == [], f"script ran on hover in {ran[:5]}"
    assert dialogs == [] and outside == []


def test_the_name_is_shown_as_written(long_name_site: Site):
    """Switching tooltips off hides nothing: the header title is the name, as text."""
    for lang in long_name_site.languages:
        soup = long_name_site.soup("index", lang)
        title = soup.select_one(".md-header__title .md-ellipsis")
        assert title is not None and title.get_text(" ", strip=True) == HOSTILE_LONG_NAME
