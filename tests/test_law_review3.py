"""The third legal review (../shared/reviews/LEGAL-REVIEW-3.md): each finding on the guide's pages (the policy,
its summary and the home page are checked in their own tests), read in built sites, with a negative control."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from conftest import LANGS, Site
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
