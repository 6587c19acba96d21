"""The third legal review (../shared/reviews/LEGAL-REVIEW-3.md): each finding on the guide's pages (the policy,
its summary and the home page are checked in their own tests), read in built sites, with a negative control."""

from __future__ import annotations

import re
from typing import Any, Callable

import pytest

from conftest import LANGS, ROOT, Site, example_data
from macros.law.jurisdiction import jurisdiction_data
from macros.law.sources import registry


def company(jurisdiction: str, region: str | None = None, **top: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["jurisdiction"] = jurisdiction
        data["company"].pop("region", None)
        if region:
            data["company"]["region"] = region
        data.update(top)

    return change


@pytest.fixture
def site(build_company) -> Callable[..., Site]:
    """A site per jurisdiction (and region), built once for the session's tests."""

    def build(jurisdiction: str, region: str | None = None, **top: Any) -> Site:
        key = f"review3-{jurisdiction}-{region}-{sorted(top.items())}"
        built = build_company(company(jurisdiction, region, **top), key=key)
        assert built.returncode == 0, built.log
        return built

    return build


# --- Item 7: the provinces and states the kit knows ------------------------------------------------------------


@pytest.mark.slow
def test_ontario_employer_gets_the_monitoring_and_harassment_policies_cited(site):
    ontario, elsewhere = site("generic", "ON"), site("generic")
    for lang in LANGS:
        text = ontario.text("adopting", lang)
        links = {a["href"] for a in ontario.article("adopting", lang).select("a.policy-cite")}
        for source in ("ca-on-esa-41-1-1", "ca-on-ohsa-32-0-1"):
            assert registry().get(source).url.get(lang) in links
        assert ("25 employés ou plus" if lang == "fr" else "25 or more employees") in text
        assert "Ontario" in elsewhere.text("adopting", lang)  # the provinces the kit knows are listed
        assert not elsewhere.article("adopting", lang).select("a.policy-cite")  # negative control: no Ontario law
    assert "00e41" in ontario.html("lawyer", "en")


@pytest.mark.slow
def test_the_us_adopting_page_lists_the_states_the_kit_knows(site):
    us = site("us")
    assert "these states: California and New York" in us.text("adopting", "en")
    assert "Californie et New York" in us.text("adopting", "fr")


@pytest.mark.slow
def test_montana_employees_never_read_at_will(site):
    """N-US-3: after probation, Montana requires good cause for discharge: no 'at will' on the signed form."""
    montana, texas = site("us", "MT"), site("us", "TX")
    assert "at will" not in montana.text("acknowledgement", "en")
    assert "at will" not in montana.text("acknowledgement", "fr")
    assert "employment remains at will" not in montana.text("adopting", "en")
    assert "my employment remains at will" in texas.text("acknowledgement", "en")  # negative control
    assert "needs good cause" in montana.text("adopting", "en")


@pytest.mark.slow
def test_no_configuration_words_on_the_us_adopting_page(site):
    for lang in LANGS:
        text = site("us").text("adopting", lang)
        assert "company.yml" not in text and "company.region" not in text


# --- Item 4: France in France's French, Quebec in Quebec's ------------------------------------------------------

SECTOR_NAMES = sorted(path.stem for path in (ROOT / "macros" / "company" / "sectors").glob("*.yml"))
RULES_PAGES = ("policy", "at-a-glance", "index")  # the policy, its summary and home: their own tests


def french_text(site: Site, skip: tuple[str, ...] = ()) -> str:
    """Every French page's text, without the company's own words (the example company.yml is a Quebec company:
    its values, training and contacts are written as it says them)."""
    own = sorted({" ".join(text.split()) for text in strings(example_data())}, key=len, reverse=True)
    text = " ".join(site.text(page, "fr") for page in site.pages("fr") if page not in skip)
    for words in own:
        text = text.replace(words, "")
    return text


def strings(value: Any) -> list[str]:
    """Every text of a company file, French side where a text has two languages."""
    if isinstance(value, dict):
        if "fr" in value and isinstance(value["fr"], str):
            return [value["fr"]]
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return [value] if isinstance(value, str) and len(value) > 3 else []


def words_found(text: str, patterns: list[str]) -> list[str]:
    return [
        text[max(m.start() - 50, 0): m.end() + 20]
        for pattern in patterns
        for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.I)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("sector", SECTOR_NAMES)
def test_france_reads_as_france_and_quebec_as_quebec(build_company, sector):
    """Each French jurisdiction's file lists the other's words (`avoid`); none is on its French pages, for every
    sector. Negative control: each list does find words on the other jurisdiction's site."""
    sites = {code: build_company(jurisdiction=code, sector=sector) for code in ("fr", "qc")}
    for code, other in (("fr", "qc"), ("qc", "fr")):
        assert sites[code].returncode == 0, sites[code].log
        avoid = jurisdiction_data(code).avoid
        found = words_found(french_text(sites[code], RULES_PAGES), avoid)
        assert not found, f"{code} site, {sector}: " + " | ".join(found)
        assert words_found(french_text(sites[other]), avoid), f"the {code} list finds nothing on a {other} site"
