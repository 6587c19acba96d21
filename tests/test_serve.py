"""`mkdocs serve`: the preview serves the site and shows an edit without a restart."""

from __future__ import annotations

import html
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, seconds: float = 90) -> str:
    """Poll a page until it contains `text`; fail with what it last showed."""
    deadline, body = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and text in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}; last answer: {(body or '')[:300]!r}")


@pytest.fixture
def served(request, tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen, Path]]:
    """A copy of the project, previewed by `mkdocs serve` on a free local port (a test marked `broken_start`
    starts it with a company file whose approach is misspelled)."""
    project = copy_project(tmp_path / "project")
    if request.node.get_closest_marker("broken_start"):
        company = project / "company.yml"
        company.write_text(
            company.read_text(encoding="utf-8").replace("approach: balanced", "approach: strict"), encoding="utf-8"
        )
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("COMPANY_FILE", None)
    log = tmp_path / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/", process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_serve_shows_the_site_and_an_edit(served):
    project, url, process, _ = served
    wait_for(url + "conduct.html", "Rénovations Boréal")
    wait_for(url + "en/conduct.html", 'lang="en"')

    page = project / "docs" / "conduct.fr.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase ajoutée pendant l'aperçu.\n", encoding="utf-8")
    wait_for(url + "conduct.html", "Une phrase ajoutée pendant l")

    company = project / "company.yml"
    company.write_text(
        company.read_text(encoding="utf-8").replace("Rénovations Boréal", "Atelier Nordet"), encoding="utf-8"
    )
    wait_for(url + "conduct.html", "Atelier Nordet")
    assert process.poll() is None


def test_serve_explains_a_broken_company_file_and_recovers(served):
    """MkDocs holds requests while a rebuild fails; the preview must say why, stay up, and recover once fixed."""
    project, url, process, log = served
    wait_for(url + "index.html", "Rénovations Boréal")
    company = project / "company.yml"
    good = company.read_text(encoding="utf-8")
    company.write_text(good.replace("approach: balanced", "approach: strict"), encoding="utf-8")
    deadline = time.monotonic() + 60
    while "approach is 'strict'" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert "approach is 'strict', but it must be one of: educational, balanced, restrictive." in log.read_text()
    assert process.poll() is None, "mkdocs serve stopped on a bad company.yml"
    company.write_text(good.replace("Rénovations Boréal", "Atelier Nordet"), encoding="utf-8")
    wait_for(url + "index.html", "Atelier Nordet")


@pytest.mark.browser
def test_serve_shows_a_broken_company_file_in_the_browser_and_reloads_when_fixed(served, browser):
    """While company.yml has a problem, every page answers with the terminal's message, in the site's first
    language; the open tab reloads by itself once the file is fixed."""
    project, url, process, log = served
    wait_for(url + "conduct.html", "Rénovations Boréal")
    tab = browser.new_page()
    tab.goto(url + "conduct.html")
    assert "Rénovations Boréal" in tab.content()
    company = project / "company.yml"
    good = company.read_text(encoding="utf-8")
    company.write_text(good.replace("approach: balanced", "approach: strict"), encoding="utf-8")
    message = "approach is 'strict', but it must be one of: educational, balanced, restrictive."
    tab.wait_for_function(f"document.body && document.body.innerText.includes({message!r})", timeout=90_000)
    assert tab.evaluate("document.documentElement.lang") == "fr"
    assert tab.locator("h1").inner_text() == "L'aperçu attend une correction"
    shown = tab.locator("pre").inner_text()
    terminal = log.read_text(encoding="utf-8")
    line = next(line for line in shown.splitlines() if message in line).strip()
    assert line in terminal, "the browser's message is not the terminal's"
    assert "company.yml, line" in line
    for page in ("index.html", "en/conduct.html", "policy/"):
        assert message in html.unescape(fetch(url + page) or ""), page
    assert process.poll() is None
    company.write_text(good.replace("Rénovations Boréal", "Atelier Nordet"), encoding="utf-8")
    tab.wait_for_function("document.body && document.body.innerText.includes('Atelier Nordet')", timeout=90_000)
    assert tab.evaluate("location.pathname").endswith("conduct.html")
    tab.close()


@pytest.mark.browser
@pytest.mark.broken_start
def test_serve_started_with_a_broken_company_file_shows_it_and_recovers(served, browser):
    """MkDocs ends `serve` when its first build fails; the preview stays up and shows why instead."""
    project, url, process, log = served
    message = "approach is 'strict', but it must be one of: educational, balanced, restrictive."
    body = wait_for(url + "conduct.html", "approach is &#x27;strict&#x27;")
    assert message in html.unescape(body) and 'lang="fr"' in body
    assert process.poll() is None, "mkdocs serve stopped on a broken company.yml"
    tab = browser.new_page()
    tab.goto(url + "conduct.html")
    assert tab.locator("h1").inner_text() == "L'aperçu attend une correction"
    company = project / "company.yml"
    company.write_text(
        company.read_text(encoding="utf-8").replace("approach: strict", "approach: balanced"), encoding="utf-8"
    )
    tab.wait_for_function("document.body && document.body.innerText.includes('Rénovations Boréal')", timeout=90_000)
    tab.close()
