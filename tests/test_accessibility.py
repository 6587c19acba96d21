"""Screen-reader and keyboard users can use every page: no serious or critical axe-core violation."""

from __future__ import annotations

from typing import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from conftest import LANGS, Site

pytestmark = pytest.mark.browser

AXE = Axe()


def serious_violations(page: Page) -> list[str]:
    results = AXE.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(color_scheme=request.param)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_accessibility_violation(scheme_page: Page, site_url: str, example_site: Site, lang):
    found = {}
    for name in example_site.pages(lang):
        scheme_page.goto(site_url + ("" if lang == "fr" else "en/") + f"{name}.html")
        problems = serious_violations(scheme_page)
        if problems:
            found[name] = problems
    assert found == {}


def test_the_check_finds_a_violation(browser: Browser):
    """Negative control: an image without text and unreadable grey text are reported."""
    page = browser.new_page()
    page.set_content(
        '<html lang="en"><body><main><img src="x.png"><p style="color:#ccc">faint</p></main></body></html>'
    )
    problems = serious_violations(page)
    page.close()
    assert any(p.startswith("image-alt") for p in problems) and any(p.startswith("color-contrast") for p in problems)
