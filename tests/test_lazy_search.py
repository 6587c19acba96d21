"""The search index and its worker load when the reader goes for the search, not with every page;
search then works over http and from file://."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import Site

pytestmark = pytest.mark.browser

SEARCH_FILES = re.compile(r"search/search_index\.js(on)?|workers/search\.")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def search_requests(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: SEARCH_FILES.search(request.url) and seen.append(request.url))
    return seen


@pytest.mark.parametrize("how", ["http", "file"])
def test_the_index_waits_for_the_reader_then_search_works(page: Page, how: str, site_url: str, example_site: Site):
    base = site_url if how == "http" else example_site.dir.as_uri() + "/"
    seen = search_requests(page)
    page.goto(base + "en/conduct.html", wait_until="load")
    page.wait_for_timeout(1500)  # time enough for Material to have asked for the index
    assert seen == [], "the search index or its worker loaded before anyone searched"

    box = page.locator("input.md-search__input")
    box.click()
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile("Type to"))  # the index arrived and the worker is ready
    assert any("search_index" in url for url in seen) and any("workers/search" in url for url in seen)
    box.press_sequentially("screenshot", delay=20)
    expect(meta).not_to_have_text(re.compile("Initiali|Type to"))
    results = [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]
    assert results and all("/en/" in r for r in results), results


def test_the_search_keyboard_shortcut_still_opens_a_working_search(page: Page, site_url: str):
    page.goto(site_url + "conduct.html", wait_until="load")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("Taper pour"))
