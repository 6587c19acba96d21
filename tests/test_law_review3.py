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


# --- Findings on the guide's pages, read in the built pages --------------------------------------------------
# (finding, jurisdiction, sector, page, language, what the page says now, what it must no longer say,
#  a jurisdiction whose build must NOT say the new text: the negative control that the check can fail)
FINDINGS = [
    ("N-US-2", "us", None, "scenarios", "en", "None of these boxes applies to a post about your pay", None, "qc"),
    ("N-US-2", "us", None, "scenarios", "fr", "Aucune de ces cases ne vise une publication sur votre salaire", None, "qc"),
    ("N-US-2", "us", "trades", "scenarios", "en", "in an unsafe way, shown as a joke or a stunt",
     "without their safety gear or in an unsafe way. ", None),
    ("N-US-2", "us", "hospitality_retail", "scenarios", "fr", "La photo montre au passage, sans que ce soit son sujet",
     "La photo montre un écart", None),
    ("N-FR-6", "fr", "professional_services", "scenarios", "fr", "se notifie à la CNIL, dans les 72 heures", None, "qc"),
    ("N-FR-6", "fr", "professional_services", "scenarios", "en", "the CNIL within 72 hours", None, "us"),
    ("N-FR-6", "qc", "professional_services", "scenarios", "fr", "la Commission d'accès à l'information", None, "fr"),
    ("N-US-15", "us", "trades", "scenarios", "en", "clients included, when it knew or should have known of it", None, "qc"),
    ("N-US-15", "us", "childcare", "scenarios", "fr", "y compris les parents, s'il le savait ou aurait dû le savoir", None, "fr"),
    ("N-US-4", "us", None, "conduct", "en", "reporting a possible violation of the law to a government agency", None, "qc"),
    ("N-US-4", "us", None, "conduct", "fr", "signaler une possible infraction à la loi à un organisme public", None, "qc"),
    ("N-US-5", "us", None, "private-life", "en", "none of this limits your exchanges with co-workers",
     "without trying to harm it", "qc"),
    ("N-US-5", "qc", None, "private-life", "en", "harassing or threatening a co-worker online", "running down a co-worker", None),
    ("US-6", "us", None, "monitoring", "en",
     "we will not question you about it, ask you to take it down or discipline you for it. Otherwise, we talk to you",
     "first to understand. If it is about your working conditions", "qc"),
    ("US-6", "us", None, "private-life", "en",
     "discipline you for it if it is about your working conditions", "in person. If it is about your working", "qc"),
    ("US-6", "qc", None, "private-life", "en", "someone brings it to us, we will talk to you about it directly", None, "us"),
    ("US-6", "qc", None, "monitoring", "en", "It is then seen like any other mention. We talk to you about it directly", None, "us"),
    ("X-1", "qc", None, "private-life", "fr", "Votre temps libre en ligne vous appartient", "subit un tort réel. Vous devez", None),
    ("X-1", "qc", None, "private-life", "en", "Your free time online is yours", "suffers real harm. You also owe", None),
    ("N-US-6", "us", "hospitality_retail", "scenarios", "en", "Talking about tips and pay, online too, is another matter",
     "liking, commenting on or sharing the post", None),
    ("US-11", "us", "hospitality_retail", "scenarios", "en", "A profile picture or a username that makes your account pass",
     "logo as a profile picture", None),
    ("N-QC-1", "qc", None, "conduct", "fr", "photographiée avec l'accord du client", "photographiée sans l'adresse", None),
    ("N-FR-1", "fr", None, "private-life", "fr",
     "ne peut justifier une sanction disciplinaire que s'il constitue un manquement à une obligation de votre contrat", None, "qc"),
    ("N-FR-2", "fr", None, "adopting", "fr", "la durée maximale de la mise à pied disciplinaire y est fixée", None, "qc"),
    ("N-FR-2", "fr", None, "adopting", "en", "the maximum length of a disciplinary suspension (mise à pied)", None, "qc"),
    ("N-FR-3", "fr", None, "official-accounts", "fr", "retirer son accord à tout moment", "retirer son accord (", "qc"),
    ("N-FR-4", "fr", None, "monitoring", "fr", "dans une entreprise de 50 salariés ou plus, le comité social et économique", None, "qc"),
    ("N-FR-4", "fr", None, "adopting", "en", "in a company of 50 employees or more, the CSE", None, "qc"),
    ("N-FR-5", "fr", None, "mistakes", "fr", "pratique commerciale trompeuse", None, "qc"),
    ("N-FR-8", "fr", None, "conduct", "fr", "droit d'expression directe et collective", None, "qc"),
    ("N-QC-1", "qc", None, "policy", "fr", "Une seule exception à cette liste : une photo où l'on reconnaît un client",
     "ne se publie qu'avec son accord", None),
    ("N-QC-1", "qc", "childcare", "policy", "fr", "peut se publier avec l'accord du parent", "avec son accord", None),
    ("N-QC-1", "qc", "trades", "scenarios", "fr", "détail de projet), et il n'a pas donné son accord", None, None),
    ("N-QC-1", "qc", "trades", "private-life", "en", "ask for the client's consent first; without it", "ask permission first", None),
    ("N-QC-5", "qc", None, "conduct", "en", "the Competition Act prohibits making a false or misleading representation", None, "fr"),
    ("N-FR-5", "fr", None, "conduct", "fr", "peut constituer une pratique commerciale trompeuse", None, "qc"),
    ("§4", "fr", None, "at-a-glance", "fr", "Pour les managers", "Pour les gestionnaires", "qc"),
    ("§4", "fr", None, "policy", "fr", "salariés à temps plein, à temps partiel ou saisonniers, stagiaires, managers",
     "accepter un gestionnaire comme ami", "qc"),
    ("§4", "qc", None, "policy", "fr", "employés à temps plein, à temps partiel ou saisonniers, stagiaires, gestionnaires",
     None, "fr"),
    ("§4", "us", None, "policy", "fr", "droit à l'exploitation commerciale de son nom et de son image", "droit à l'image (", None),
    ("N-QC-2", "qc", None, "official-accounts", "en", "section 4.1 and section 14", None, None),
    ("N-QC-3", "qc", None, "conduct", "en", "it is not passed on without the person's consent",
     "the company collects only what it needs", "fr"),
    ("N-QC-5", "qc", None, "mistakes", "en", "a fake review is one", None, "fr"),
    ("N-QC-6", "qc", None, "monitoring", "en", "protects it with security measures",
     "informs the person concerned of the collection", None),
    ("N-QC-7", "qc", None, "adopting", "en", "Publish on the company's website the title and contact details", None, "fr"),
    ("N-QC-8", "qc", None, "private-life", "fr", "Ce n'est pas notre position", "Cette prétention ne tient pas", None),
    ("N-US-9", "us", None, "private-life", "en", "That is not our position", "That claim does not hold up", None),
    ("N-US-8", "us", None, "conduct", "en", "What we ask: no insults, threats or statements you know to be false",
     "do not attack people's reputation or dignity", None),
    ("N-US-8", "us", None, "conduct", "en", "Criticize what people do or decide", "service, not a person", None),
    ("N-US-8", "us", None, "conduct", "en", "What is ruled out: harassing, threatening or insulting anyone",
     "without attacking anyone's reputation or dignity", None),
    ("N-US-12", "us", None, "mistakes", "en", "reviews or testimonials by officers, managers or employees",
     "disseminating reviews by its officers", None),
    ("N-US-13", "us", None, "adopting", "en", "The policy is not one of them: hand it out separately",
     "and add the policy to them", None),
    ("lawyer", "qc", None, "lawyer", "en", "CanLII, free, is not the official publisher", "the NLRB, CanLII, the Cour", None),
    ("lawyer", "qc", None, "lawyer", "en", "chosen for the company", "company.yml", None),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    "finding, jurisdiction, sector, page, lang, says, no_longer, control", FINDINGS,
    ids=[f"{f[0]}-{f[1]}-{f[3]}-{f[4]}-{i}" for i, f in enumerate(FINDINGS)],
)
def test_review3_finding_is_fixed(build_company, finding, jurisdiction, sector, page, lang, says, no_longer, control):
    def build(code: str) -> Site:
        top = {"jurisdiction": code} if sector is None else {"jurisdiction": code, "sector": sector}
        site = build_company(**top)
        assert site.returncode == 0, site.log
        return site

    text = build(jurisdiction).text(page, lang)
    assert says in text, finding
    if no_longer:
        assert no_longer not in text, finding
    if control:
        assert says not in build(control).text(page, lang), f"{finding}: the {control} build says it too"


def test_state_laws_say_what_the_statutes_say():
    """N-US-10: California bars requiring or requesting access, and the investigation exception is about content;
    N-US-11: New York's political activities are the ones its law defines."""
    from macros.law.sources import regions

    california = {law.source: law.says.en for law in regions().laws["CA"]}
    assert "may not require or request" in california["us-ca-lab-980"]
    assert "never your password" in california["us-ca-lab-980"]
    new_york = {law.source: law.says.en for law in regions().laws["NY"]}
    assert "running for office, campaigning" in new_york["us-ny-lab-201-d"]
