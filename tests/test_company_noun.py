"""The organization's own noun everywhere: a site whose noun is not "l'entreprise" / "the company" never says
it, outside legal statements (paragraphs that cite a law, and the lawyer's page that lists them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, Site, run_build
from macros.language.grammar import parse_french, with_noun

BLOCKS = "p, li, td, th, h1, h2, h3, h4, h5, h6, summary, figcaption, dt, dd, label, legend, button"
DEFAULT = {"fr": r"\bl['’]entreprise\b", "en": r"\bthe company\b"}


def company_words(site: Site, lang: str) -> list[str]:
    """Every block (outside legal statements) that still calls the organization "l'entreprise" / "the company"."""
    found = []
    for page in site.pages(lang):
        if page == "lawyer":
            continue
        article = site.article(page, lang)
        for hidden in article.select(".policy-print-only"):
            hidden.decompose()
        for block in article.select(BLOCKS):
            if block.select_one(BLOCKS) is not None or block.select_one(".policy-cite") is not None:
                continue  # read the innermost blocks only; a block that cites a law is a legal statement
            text = " ".join(block.get_text(" ").split())
            if re.search(DEFAULT[lang], text, re.IGNORECASE):
                found.append(f"{lang}/{page}: {text[:120]}")
    return found


@pytest.fixture(scope="module")
def cpe(tmp_path_factory) -> Site:
    site = run_build(tmp_path_factory.mktemp("cpe") / "site", ROOT / "companies/cpe-trois-pommes/company.yml")
    assert site.returncode == 0, site.log
    return site


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_site_with_its_own_noun_never_says_the_company(cpe, lang):
    assert company_words(cpe, lang) == []


@pytest.mark.slow
def test_the_noun_reaches_tables_headings_and_the_quiz(cpe):
    assert "Parler du CPE" in cpe.text("policy", "fr")
    assert "Speaking about the centre" in cpe.text("policy", "en")
    assert "« Parler du CPE »" in cpe.text("quiz", "fr")
    assert "le CPE lui-même" in cpe.text("private-life", "fr")  # pronouns follow the noun's gender
    assert "le CPE elle-même" not in cpe.text("private-life", "fr")


def test_kit_text_takes_the_noun_with_its_preposition():
    cpe, organisme = parse_french("le CPE"), parse_french("l'organisme")
    text = "L'entreprise répond; la page de l'entreprise; chez l'entreprise; qu'à l'entreprise."
    assert with_noun(text, cpe, "fr") == "Le CPE répond; la page du CPE; au CPE; qu'au CPE."
    assert with_noun(text, organisme, "fr") == (
        "L'organisme répond; la page de l'organisme; à l'organisme; qu'à l'organisme.")


def test_count_can_fail(cpe, tmp_path: Path):
    """Negative control: a page that says "l'entreprise" is counted."""
    html = (cpe.folder("fr") / "conduct.html").read_text(encoding="utf-8")
    (cpe.folder("fr") / "conduct.html").write_text(
        html.replace("</article>", "<p>Ce que l'entreprise attend de vous.</p></article>", 1), encoding="utf-8")
    try:
        assert any("conduct" in hit for hit in company_words(cpe, "fr"))
    finally:
        (cpe.folder("fr") / "conduct.html").write_text(html, encoding="utf-8")


@pytest.mark.slow
def test_children_are_shown_with_a_parents_consent(cpe):
    """childcare: people.minors, so a child's photo needs the consent of those we talk to (a parent)."""
    assert "d'un enfant sans l'accord du parent" in cpe.text("official-accounts", "fr")
    assert "a child without the consent of a parent" in cpe.text("official-accounts", "en")
    assert "sans son accord" not in cpe.text("official-accounts", "fr")
