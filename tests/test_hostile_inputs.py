"""SECURITY-REVIEW-3's low findings on inputs: placeholders nested in a format (S3-09), CSS escapes in an SVG logo
(S3-10), SITE_URL printed into pages (S3-11), COMPANY_FILE and CHROMIUM_PATH from the environment, and nesting too
deep for the parser. Each gives one clear refusal (with a line where there is a file), no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from xml.dom import minidom

import pytest

from conftest import EXAMPLE_FILE, ROOT, run_build, write_company
from macros.build.seo import absolute_alternates, site_url_problem
from macros.company.loader import CompanyFileError, read_company_bytes

EXAMPLE = EXAMPLE_FILE.read_text(encoding="utf-8")


def refusal(tmp_path: Path, text: str) -> str:
    folder = tmp_path / "input"
    write_company(folder, "")
    with pytest.raises(CompanyFileError) as caught:
        read_company_bytes(folder / "company.yml", text.encode())
    return str(caught.value)


def line_of_end() -> int:
    return EXAMPLE.count("\n") + 2  # the `overrides:` key appended below, then its slot


# --- S3-09: placeholders are plain {name} fields -----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ('"{company:{secret}}"', "uses {company:{secret}}: a placeholder is a plain name"),
        ('"{company:{company.__class__.__mro__}}"', "uses {company:{company.__class__.__mro__}}"),
        ('"{company.__class__}"', "uses {company.__class__}, which is not a placeholder"),
        ('"{company[0]}"', "uses {company[0]}, which is not a placeholder"),
        ('"{company!r}"', "uses {company!r}: a placeholder is a plain name"),
        ('"{company:>9}"', "uses {company:>9}"),
    ],
)
def test_placeholders_with_a_format_an_index_or_an_attribute_are_refused(tmp_path, written, words):
    message = refusal(tmp_path, EXAMPLE + f"\noverrides:\n  poster_place: {written}\n")
    assert f"line {line_of_end() + 1}, column 17: overrides.poster_place.fr {words}" in message, message
    assert "Traceback" not in message and "class 'object'" not in message


def test_a_plain_placeholder_is_filled(tmp_path):
    folder = tmp_path / "input"
    write_company(folder, "")
    model = read_company_bytes(folder / "company.yml", (EXAMPLE + '\noverrides:\n  poster_place: "chez {company}"\n').encode())
    assert "{" not in model.sector_data.poster_place.fr


# --- S3-10: SVG logos, CSS escapes and every attribute ---------------------------------------------------------

SVG = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'>{}</svg>"


@pytest.mark.parametrize(
    "inside",
    [
        '<style>@\\69mport "http://127.0.0.1:18765/a.css";</style>',
        "<style>rect { background-image: u\\72l(http://127.0.0.1:18765/b) }</style>",
        "<style>@font-face { font-family: f; src: u\\72l(http://127.0.0.1:18765/f) }</style>",
        "<style>rect { background: \\75\\72\\6c(http://127.0.0.1:18765/e) }</style>",
        "<style>rect { background: image-set('http://127.0.0.1:18765/i.png' 1x) }</style>",
        "<rect width='5' height='5' style='cursor: u\\72l(http://127.0.0.1:18765/c), auto'/>",
        "<path d='M0 0L5 5' marker-end='url(http://127.0.0.1:18765/m)'/>",
        "<rect width='5' height='5' cursor='url(http://127.0.0.1:18765/c2), auto'/>",
        "<rect width='5' height='5' fill='url(&quot;http://127.0.0.1:18765/f2&quot;)'/>",
    ],
)
def test_svg_logo_that_loads_a_file_is_refused(tmp_path, inside):
    folder = tmp_path / "input"
    write_company(folder, "")
    (folder / "logo.svg").write_text(SVG.format(inside), encoding="utf-8")
    with pytest.raises(CompanyFileError) as caught:
        read_company_bytes(folder / "company.yml", EXAMPLE.encode())
    message = str(caught.value)
    assert "company.logo" in message and "loads another file" in message and ", line " in message


def test_svg_logo_with_local_fragments_is_accepted(tmp_path):
    folder = tmp_path / "input"
    write_company(folder, "")
    drawing = (
        "<defs><linearGradient id='g'><stop offset='0' stop-color='#fff'/></linearGradient>"
        "<marker id='m'/></defs><style>rect { fill: url(#g) }</style>"
        "<rect width='5' height='5' fill='url(#g)' style='stroke: url( \"#g\" )'/><path d='M0 0' marker-end='url(#m)'/>"
    )
    (folder / "logo.svg").write_text(SVG.format(drawing), encoding="utf-8")
    read_company_bytes(folder / "company.yml", EXAMPLE.encode())


# --- Deep nesting ---------------------------------------------------------------------------------------------


def test_nesting_too_deep_for_the_parser_says_where(tmp_path):
    message = refusal(tmp_path, "company:\n  name: x\nvalues: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert "too deep" in message and ", line 3, column" in message
    assert "Traceback" not in message


# --- S3-11: SITE_URL -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        'https://x.example/a"><img src=x onerror=alert(document.domain)>/',
        "https://x.example/a'b/",
        "https://x.example/a b/",
        "https://x.example/a\tb/",
        "https://x.example/\x1b[2J/",
        "https://x.example/a&b/",
        "javascript:alert(1)//",
        "ftp://x.example/",
        "x.example/policy/",
        "https://user:pw@x.example/",
        "https://x.example/?q=1",
    ],
)
def test_site_url_that_is_not_a_plain_address_is_refused(url):
    assert site_url_problem(url) is not None


@pytest.mark.parametrize("url", ["", "https://intranet.example/policy/", "http://127.0.0.1:8000/", "https://x.github.io/a-b_c.d/~e/"])
def test_site_url_plain_addresses_are_accepted(url):
    assert site_url_problem(url) is None


def test_alternates_are_escaped():
    html = '<link rel="alternate" href="en/x.html" hreflang="en">'
    assert absolute_alternates(html, 'https://x.example/a"b/') == (
        '<link rel="alternate" href="https://x.example/a&quot;b/en/x.html" hreflang="en">'
    )


def test_a_build_with_a_hostile_site_url_stops_and_keeps_the_site(tmp_path, monkeypatch):
    """The review's case: rc 0, script on every page, sitemap.xml not well-formed. Now: refused, site kept."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    monkeypatch.setenv("SITE_URL", 'https://x.example/a"><img src=x onerror=alert(document.domain)>/')
    result = run_build(site)
    assert result.returncode != 0
    assert "SITE_URL" in result.log and "https://intranet.example/policy/" in result.log
    assert "Traceback" not in result.log
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


def test_with_a_good_site_url_the_sitemap_is_well_formed_xml(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://intranet.example/politique-medias/")
    result = run_build(tmp_path / "site")
    assert result.returncode == 0, result.log
    document = minidom.parse(str(tmp_path / "site" / "sitemap.xml"))
    addresses = [node.firstChild.data for node in document.getElementsByTagName("loc")]
    assert addresses and all(a.startswith("https://intranet.example/politique-medias/") for a in addresses)
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://intranet.example/politique-medias/index.html">' in page


# --- COMPANY_FILE and CHROMIUM_PATH -------------------------------------------------------------------------


def run(command: list[str], **env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(command, cwd=ROOT, env=full, capture_output=True, text=True, timeout=120)


def test_company_file_with_control_characters_is_refused_and_shown_inert(tmp_path):
    site = tmp_path / "site"
    result = run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], COMPANY_FILE="a\x1b]0;pwned\x07b.yml", POLICY_PDF="0")
    assert result.returncode != 0
    assert "\x1b" not in result.stderr and "a\\x1b]0;pwned\\x07b.yml" in result.stderr
    assert "COMPANY_FILE" in result.stderr and "Traceback" not in result.stderr
    assert not site.exists()
    result = run([sys.executable, "scripts/release.py"], COMPANY_FILE="x\nInjected line.yml")
    assert result.returncode == 2 and "x\\x0aInjected line.yml" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("path", ["chromium", "/usr/bin/chro\x1b[2Jmium"])
def test_chromium_path_must_be_a_full_path_without_control_characters(tmp_path, path):
    site = tmp_path / "site"
    result = run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], CHROMIUM_PATH=path, POLICY_PDF="1")
    assert result.returncode != 0
    assert "CHROMIUM_PATH" in result.stderr and "POLICY_PDF=0" in result.stderr
    assert "\x1b" not in result.stderr and "Traceback" not in result.stderr
    assert not site.exists()
