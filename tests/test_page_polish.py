"""Sentences the sector writers found wrong on the example companies' pages (PAGE-NOTES.md) stay fixed."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import Site

def raw_table_rows(article) -> list[str]:
    """Paragraphs that print Markdown table rows as text ("| question | answer |"): a broken table."""
    return [p.get_text() for p in article.find_all("p") if p.get_text().strip().startswith("|")]


def test_raw_table_row_check_can_fail():
    broken = BeautifulSoup("<article><table></table><p>| Question? | Answer |</p></article>", "html.parser")
    assert raw_table_rows(broken) == ["| Question? | Answer |"]
    assert raw_table_rows(BeautifulSoup("<article><p>Text | more</p></article>", "html.parser")) == []


def flat(site: Site, page: str, lang: str) -> str:
    """The text as written: no space added between an element and the punctuation after it."""
    return " ".join(site.article(page, lang).get_text("").split())


def site_of(example_company_sites, name: str) -> Site:
    return example_company_sites[name][1]


def sites(example_company_sites) -> list[tuple[str, Site]]:
    return [(name, site_of(example_company_sites, name)) for name in example_company_sites]


@pytest.mark.slow
def test_interview_questions_stay_in_the_table(example_company_sites):
    for name, site in sites(example_company_sites):
        for lang in site.languages:
            article = site.article("community-manager", lang)
            assert raw_table_rows(article) == [], f"{name} {lang}: interview rows printed as text"
            table = article.find(id="interview").find_next("table")
            assert len(table.find_all("tr")) >= 1 + 3 + 6, f"{name} {lang}: sector questions missing from the table"


@pytest.mark.slow
def test_extensions_in_the_pages_language(example_company_sites):
    """The clinic writes "poste 101": English pages show "ext. 101", French pages "poste 101"; tel: URI keeps it."""
    site = site_of(example_company_sites, "clinique-des-saules")
    for page in site.pages("en"):
        assert not re.search(r"\bposte \d", site.text(page, "en")), f"en {page}: 'poste' on an English page"
    assert "418 555-0173, ext. 102" in site.text("resources", "en")
    assert "418 555-0173, poste 102" in site.text("resources", "fr")
    links = {a["href"] for a in site.article("resources", "en").select('a[href^="tel:"]')}
    assert "tel:4185550173;ext=102" in links


@pytest.mark.slow
def test_company_name_takes_its_article(example_company_sites):
    site = site_of(example_company_sites, "clinique-des-saules")
    caption = site.article("official-accounts", "fr").find("caption").get_text()
    assert caption == "Comptes officiels de la Clinique dentaire des Saules"
    assert "médias sociaux de la Clinique dentaire des Saules inc." in site.text("acknowledgement", "fr")
    for name, site in sites(example_company_sites):  # "chez" + a name with an article reads wrong
        for page in site.pages("fr"):
            assert not re.search(r"\bchez (la|le|les) [A-Z]", site.text(page, "fr")), f"{name} fr {page}"
    assert "Je travaille au Slow Rise Café" in site_of(example_company_sites, "slow-rise").text("conduct", "fr")
    assert "chez Atelier Lumen" in site_of(example_company_sites, "atelier-lumen").text("conduct", "fr")


@pytest.mark.slow
def test_phone_only_contacts_are_not_written_to(example_company_sites):
    site = site_of(example_company_sites, "slow-rise")  # Tom Keegan has a phone, no e-mail
    for page in site.pages("en"):
        assert "write to Tom Keegan" not in site.text(page, "en").replace("Write", "write"), page
    assert "A legal question? Take it to Tom Keegan" in site.text("policy", "en")  # management, who will consult a lawyer
    assert "Write to" in site_of(example_company_sites, "root").text("policy", "en")  # negative control


@pytest.mark.slow
def test_no_stray_punctuation_in_lists(example_company_sites):
    for name, site in sites(example_company_sites):
        for lang in site.languages:
            for page in ("policy", "conduct"):
                text = flat(site, page, lang)
                assert not re.search(r"\w , \w", text), f"{name} {lang} {page}: space before a comma"
                assert not re.search(r"logo, (or|ou) ", text), f"{name} {lang} {page}: stray comma"


@pytest.mark.slow
def test_no_home_or_trades_words_where_they_do_not_fit(example_company_sites):
    agency = site_of(example_company_sites, "atelier-lumen")
    for page in agency.pages("fr"):
        text = agency.text(page, "fr")
        assert "domicile" not in text and "moteurs de recherche (" not in text, page
    clinic = site_of(example_company_sites, "clinique-des-saules")
    policy_en = clinic.text("policy", "en")
    assert "alarm codes" not in policy_en and "patient's home" not in policy_en
    assert "patients' identities" in policy_en
