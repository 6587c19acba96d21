"""A hostile company name in a real Chromium (review F1, F1b): no script runs and no outside request is made, on
any page, in either language, over http and file://, when the logo is hovered, and while the PDF is printed."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from browser import serve_folder
from conftest import ROOT, Site

pytestmark = pytest.mark.browser

HOSTILE_NAME = 'Boréal <img src=https://evil.example/b.png onerror=alert(document.domain)> <b>Bold</b> "quoted" & co'


@pytest.fixture(scope="module")
def hostile_site(build_company) -> Site:
    def change(data):
        data["company"]["name"] = HOSTILE_NAME
        data["company"].pop("legal_name", None)

    site = build_company(change, key="hostile-name-browser")
    assert site.returncode == 0, site.log
    return site


def visit_every_page(browser: Browser, base: str, site: Site) -> tuple[list[str], list[str]]:
    """Open every page of both languages, hover the logo; the dialogs shown and the requests to other hosts."""
    dialogs: list[str] = []
    outside: list[str] = []
    context = browser.new_context()
    context.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else outside.append(r.url))
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for lang in ("fr", "en"):
        for name in site.pages(lang):
            page.goto(base + ("" if lang == "fr" else "en/") + f"{name}.html")
            logo = page.locator(".md-header__button.md-logo")
            logo.hover()
            page.wait_for_timeout(150)  # Material shows a tooltip on hover
            assert page.locator(".md-tooltip__inner b").count() == 0, "the company name became markup"
    context.close()
    return dialogs, outside


def test_hostile_name_runs_nowhere_over_http(browser: Browser, hostile_site: Site):
    with serve_folder(hostile_site.dir) as base:
        dialogs, outside = visit_every_page(browser, base, hostile_site)
    assert dialogs == [] and outside == []


def test_hostile_name_runs_nowhere_over_file(browser: Browser, hostile_site: Site):
    dialogs, outside = visit_every_page(browser, hostile_site.dir.as_uri() + "/", hostile_site)
    assert dialogs == [] and outside == []


def test_hostile_name_is_text_in_every_attribute(hostile_site: Site):
    """The logo link carries the name in aria-label only; no title (Material shows titles as HTML)."""
    for lang in ("fr", "en"):
        soup = hostile_site.soup("index", lang)
        for logo in soup.select("a.md-logo"):
            assert "title" not in logo.attrs
            assert logo["aria-label"] == HOSTILE_NAME
        for tag in soup.find_all(title=True):
            assert "evil.example" not in tag["title"]


class _Beacon(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the base class's name
        _Beacon.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format, *args):  # noqa: A002
        pass


def test_pdf_is_printed_without_javascript_or_outside_requests(tmp_path: Path):
    """The policy page is printed with JavaScript off and every request other than the site's files refused (F1b)."""
    from macros.build.pdf import PDF_NAMES

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Beacon)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    beacon = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        site = tmp_path / "site"
        site.mkdir()
        (site / "policy.html").write_text(
            f"<html><body><h1>Policy</h1><img src='{beacon}/img'>"
            f"<script>fetch('{beacon}/script')</script><link rel=stylesheet href='{beacon}/css'></body></html>",
            encoding="utf-8",
        )
        script = (
            "import sys; from pathlib import Path; from types import SimpleNamespace\n"
            "from macros.build.pdf import print_policy; from macros.company.site import load_company\n"
            f"model = load_company(SimpleNamespace(config_file_path={str(ROOT / 'mkdocs.yml')!r}))\n"
            f"print_policy(Path({str(site)!r}), {{'fr': Path({str(site)!r})}}, model)\n"
        )
        # its own process: the tests' browser already runs Playwright's event loop in this one
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    assert (site / PDF_NAMES["fr"]).stat().st_size > 0
    assert _Beacon.hits == []
