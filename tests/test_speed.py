"""The faster readers give the same answers as the slower ones they replaced (no build needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.company import kitfile
from macros.law.clauses import extract_clauses, parse_html
from macros.pages.lawyer import citations_in
from macros.build.seo import page_description
from macros.language.spelling import respell

ROOT = Path(__file__).resolve().parent.parent
KIT_YAML = sorted((ROOT / "macros").rglob("*.yml"))
COMPANY_FILES = [ROOT / "company.yml", *sorted((ROOT / "companies").glob("*/company.yml"))]


def test_c_parser_is_used_when_installed() -> None:
    assert yaml.__with_libyaml__, "PyYAML was installed without libyaml: builds read YAML a few times slower"
    assert kitfile._FastLoader is not None


@pytest.mark.parametrize("file", KIT_YAML + COMPANY_FILES, ids=lambda f: f"{f.parent.name}/{f.name}")
def test_same_data_and_lines_with_c_parser(file: Path) -> None:
    """Kit data and company files read the same with libyaml's parser as with Python's, keys twice at the same line."""
    text = file.read_text(encoding="utf-8") + "\ntwice: 1\ntwice: 2\n"  # a key written twice, with its line
    fast, slow = kitfile._compose(kitfile._FastLoader, text), kitfile._compose(kitfile._DuplicateCatchingLoader, text)
    assert fast[2] == slow[2]
    marks = [[(key, mark.line, mark.column) for key, mark in found[0].duplicates] for found in (fast, slow)]
    assert marks[0] == marks[1] and marks[0]


@pytest.mark.parametrize(
    "text",
    ["a: [1, 2\n", "a: b: c\n", "a:\n\t- 1\n", "a: 1\x07\n", "d: 2026-02-30\n", "[" * 1200 + "]" * 1200],
)
def test_yaml_problems_explained_as_before(text: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A file the C parser cannot read is read again by the Python one: the messages are those without the C parser."""
    file = tmp_path / "company.yml"

    def problems() -> list[tuple[str, int | None, int | None]]:
        with pytest.raises(kitfile.CompanyFileError) as caught:
            kitfile._parse_yaml(file, text.encode("utf-8"), kitfile.CompanyFileError)
        return [(problem.message, problem.line, problem.column) for problem in caught.value.problems]

    with_c = problems()
    monkeypatch.setattr(kitfile, "_FastLoader", None)
    assert with_c == problems() and with_c


POLICY = """
<h2 id="s5">5. Conduct<a class="headerlink" href="#s5">¶</a></h2>
<p><a class="clause-ref" data-clause="5.1" id="c-5-1" href="#c-5-1">§ 5.1</a> You  speak
for yourself, &amp; only yourself.</p>
<p><a class="clause-ref" data-clause="5.2" href="#c-5-2">§ 5.2</a> Three principles:</p>
<!-- a comment -->
<ul><li>Respect<ul><li>deep</li></ul></li><li>Care</li></ul>
<ol>
<li><a class="clause-ref" data-clause="5.3" href="#c-5-3">§ 5.3</a> A rule with
<ul><li><a class="clause-ref" data-clause="5.4" href="#c-5-4">§ 5.4</a> a sub-rule</li></ul> after.</li>
</ol>
"""


def test_clauses_read_as_the_reader_reads_them() -> None:
    expected = {
        "5.1": "You speak for yourself, & only yourself.",
        "5.2": "Three principles:RespectdeepCare",  # as the earlier reader (BeautifulSoup) read it
        "5.3": "A rule with after.",
        "5.4": "a sub-rule",
    }
    assert extract_clauses(POLICY) == expected
    assert extract_clauses(parse_html(POLICY)) == expected
    with pytest.raises(ValueError, match="marked twice"):
        extract_clauses(POLICY + '<p><a class="clause-ref" data-clause="5.1">§</a> again</p>')


def test_one_parse_for_every_reader() -> None:
    html = (
        '<h2 id="law">The law</h2><p>Intro.</p><div class="admonition abstract"><p class="admonition-title">'
        'In brief</p><ul><li>One.</li><li>Two <a class="policy-cite" data-source="qc-charter">cite</a></li></ul></div>'
    )
    tree = parse_html(html)
    assert page_description(tree) == page_description(html) == "One. Two cite"
    found = citations_in(tree, "en", "p.html", "P")
    assert [(c.section, c.anchor, c.statement, c.source_id) for c in found] == [
        ("The law", "law", "Two cite", "qc-charter")
    ]


def test_respelling_only_the_words_a_page_has() -> None:
    html = '<p class="colour">The Colour of the <code>colour</code> centre, COLOURS.</p><p>colourful</p>'
    assert respell(html, "us") == (
        '<p class="colour">The Color of the <code>colour</code> center, COLORS.</p><p>colorful</p>'
    )
    assert respell(html, "us", frozenset({"Colour"})).startswith('<p class="colour">The Colour of')
    assert respell("<p>nothing to change</p>", "us") == "<p>nothing to change</p>"


def test_spelling_table_is_what_the_fast_search_assumes() -> None:
    """respell() looks for runs of 4+ letters a-z in the lower-cased page: every word of its tables must be one."""
    from macros.language.spelling import TARGETS

    odd = [w for table in TARGETS.values() for w in table if not (len(w) >= 4 and w.isascii() and w.isalpha() and w.islower())]
    assert not odd, f"respell() would never find {odd}: change its search (_LETTERS) with the table"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p title="colour">colour</p><pre x="<code>">colour</pre> colour', '<p title="colour">color</p><pre x="<code>">colour</pre> color'),
        ("<codex>colour</codex><code/>colour", "<codex>color</codex><code/>color"),
        ("a > colour <b", "a > color <b"),
        ("<b>x</b><colour", "<b>x</b><colour"),
        ("colour_x colour2 xcolour Colour-COLOUR", "colour_x colour2 xcolour Color-COLOR"),
    ],
)
def test_respelling_reads_tags_as_before(html: str, expected: str) -> None:
    assert respell(html, "us") == expected


@pytest.mark.browser
def test_one_browser_prints_every_pdf_once_and_closes(example_site, tmp_path: Path) -> None:
    """Both policies and both posters from one Chromium started before printing (as on_config does), each file
    printed once; the browser and its thread are gone afterwards (nothing of the build stays in the process)."""
    import shutil
    import subprocess
    import sys

    from pypdf import PdfReader

    from macros.pages.outputs import PDF_NAMES, POSTER_NAMES

    site = tmp_path / "site"
    shutil.copytree(example_site.dir, site)
    script = (
        "import threading; from pathlib import Path; from types import SimpleNamespace\n"
        "from macros.build import pdf; from macros.company.site import load_company\n"
        f"model = load_company(SimpleNamespace(config_file_path={str(ROOT / 'mkdocs.yml')!r}))\n"
        "printer = pdf.start_printing()\n"
        "assert pdf.start_printing() is printer, 'a second browser for the same build'\n"
        "calls = []\n"
        "run = printer.run\n"
        "printer.run = lambda job: calls.append(1) or run(job)\n"
        f"site = Path({str(site)!r})\n"
        "written = pdf.print_policy(site, {'fr': site, 'en': site / 'en'}, model, 'abc123abc123')\n"
        "print(len(calls), ' '.join(str(p.relative_to(site)) for p in written))\n"
        "print(pdf._printer is None, [t.name for t in threading.enumerate() if t.name == 'policy-pdf'])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    jobs, written = result.stdout.splitlines()[0].split(" ", 1)
    assert jobs == "1", "the PDFs were not printed in one job of the build's browser"
    expected = [PDF_NAMES["fr"], POSTER_NAMES["fr"], f"en/{PDF_NAMES['en']}", f"en/{POSTER_NAMES['en']}"]
    assert written.split() == expected  # each once, in this order
    assert result.stdout.splitlines()[1] == "True []", "the build's browser outlived the printing"
    for name in expected:
        pages = len(PdfReader(site / name).pages)
        assert pages == 1 if Path(name).name in POSTER_NAMES.values() else pages > 1, (name, pages)
