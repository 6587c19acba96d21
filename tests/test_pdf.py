"""The policy as a PDF, in each language: a real file printed by Chromium, read back as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, Site, example_data, run_build, write_company

pytestmark = pytest.mark.browser

SECTIONS = {
    "fr": ["1. Objet", "2. Champ d'application", "5. Usage personnel", "7. Confidentialité", "12. Accusé de lecture"],
    "en": ["1. Purpose", "2. Scope", "5. Personal use", "7. Confidentiality", "12. Acknowledgement"],
}
FILES = {"fr": "politique-medias-sociaux.pdf", "en": "en/social-media-policy.pdf"}
DATES = {"fr": "2 mars 2026", "en": "March 2, 2026"}


@pytest.fixture(scope="module")
def site_with_pdf(tmp_path_factory) -> Site:
    site = run_build(tmp_path_factory.mktemp("pdf") / "site", pdf=True)
    assert site.returncode == 0, site.log
    return site


def pdf_pages(file: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(file).pages]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_policy_pdf_in_each_language(site_with_pdf: Site, lang):
    pages = pdf_pages(site_with_pdf.dir / FILES[lang])
    text = " ".join(pages)
    assert len(pages) > 2
    positions = [text.index(section) for section in SECTIONS[lang]]
    assert positions == sorted(positions)  # the sections, in order
    other = "en" if lang == "fr" else "fr"
    assert SECTIONS[other][1] not in text  # and only this language's
    for page in pages:  # every page says whose policy, which version, since when
        assert "Rénovations Boréal inc." in page and "2.1" in page and DATES[lang] in page


def test_policy_page_links_to_its_pdf(site_with_pdf: Site):
    for lang in ("fr", "en"):
        link = site_with_pdf.soup("policy", lang).select_one(".policy-pdf a")
        assert link is not None and (site_with_pdf.path("policy", lang).parent / link["href"]).is_file()


def test_no_pdf_no_link(example_site: Site):
    """Negative control: a build asked for no PDF (POLICY_PDF=0) writes none and links to none."""
    assert list(example_site.dir.rglob("*.pdf")) == []
    assert example_site.soup("policy", "fr").select(".policy-pdf") == []


def test_pdf_header_shows_company_text_as_written(tmp_path):
    name = '<b>Tremblay & "Fils"</b> *inc.*'
    data = example_data()
    data["company"]["legal_name"] = name
    site = run_build(tmp_path / "site", write_company(tmp_path / "nasty", data), ROOT, pdf=True)
    assert site.returncode == 0, site.log
    pages = pdf_pages(site.dir / FILES["fr"])
    assert all(name in page for page in pages)


def test_paper_size_follows_the_jurisdiction(site_with_pdf: Site, tmp_path):
    def size_in_mm(file: Path) -> tuple[int, int]:
        box = PdfReader(file).pages[0].mediabox
        return round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)

    assert size_in_mm(site_with_pdf.dir / FILES["fr"]) == (216, 279)  # Letter, for Quebec
    data = example_data()
    data["jurisdiction"] = "fr"
    france = run_build(tmp_path / "site", write_company(tmp_path / "fr", data), ROOT, pdf=True)
    assert france.returncode == 0, france.log
    assert size_in_mm(france.dir / FILES["fr"]) == (210, 297)  # A4, for France
