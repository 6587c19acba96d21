"""The formal policy as each approach and each jurisdiction shapes it, and the acknowledgement form.

Every combination of `approach` x `jurisdiction` is built once (12 builds, cached by
the `build_company` fixture). Each check that a phrase is there has a negative
control beside it: the same phrase is absent where the company chose otherwise,
or the detector used to prove an absence is shown to catch the wording it hunts.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import Tag

from conftest import LANGS, Site, section_text

pytestmark = pytest.mark.slow

APPROACHES = ("educational", "balanced", "restrictive")
JURISDICTIONS = ("qc", "fr", "us", "generic")
COMBOS = [(a, j) for a in APPROACHES for j in JURISDICTIONS]

# The 12 sections of the policy: ids identical in both languages (other pages link to them).
SECTION_IDS = (
    "purpose",
    "scope",
    "definitions",
    "principles",
    "personal-use",
    "speaking",
    "confidentiality",
    "official-accounts",
    "monitoring",
    "breaches",
    "review",
    "acknowledgement",
)

# Phrases only one approach writes: (section id, French, English).
APPROACH_MARKERS = {
    "educational": [
        ("breaches", "d'abord par une conversation et une formation", "first through a conversation and training"),
        ("personal-use", "ne fixe aucune règle", "sets no rule"),
    ],
    "balanced": [
        ("speaking", "vérifiez-le d'abord avec", "check it first with"),
        ("confidentiality", "recadrez ou renoncez", "crop it or drop it"),
    ],
    "restrictive": [
        ("speaking", "approbation préalable", "prior approval"),
        ("personal-use", "sauf pendant vos pauses", "except during your breaks"),
    ],
}

# What each jurisdiction cites: (French, English). "generic" cites no law, only a note to check local law.
CITATIONS = {
    "qc": [
        ("2088", "2088"),
        ("Charte des droits et libertés de la personne", "Charter of human rights and freedoms"),
        ("Code civil du Québec, article 36", "Civil Code of Québec, article 36"),
        ("Charte de la langue française", "Charter of the French language"),
    ],
    "fr": [("L1121-1", "L1121-1"), ("L1222-1", "L1222-1")],
    "us": [
        ("National Labor Relations Act", "National Labor Relations Act"),
        ("Federal Trade Commission", "Federal Trade Commission"),
    ],
    "generic": [("droit local", "local law")],
}

# Statements every combination must carry: (section id, French, English).
NO_MONITORING = ("monitoring", "ne surveille pas les comptes personnels", "does not monitor the personal accounts")
NO_PROMOTION = (
    "personal-use",
    "de publier, d'aimer ou de partager ses contenus à partir de vos comptes personnels",
    "to post, like or share its content from your personal accounts",
)
CONNECTIONS_STAY = (
    "personal-use",
    "ils vous suivent si vous quittez l'entreprise",
    "they stay with you if you leave the company",
)
NLRA_RIGHT = (  # the same Section 7 sentence on every page (legal review, US-5)
    "speaking",
    "avec vos collègues ou d'autres personnes, au sujet du salaire, des horaires, des conditions de travail ou de "
    "questions syndicales",
    "with co-workers or others, about pay, hours, working conditions or union matters",
)

# Wording that forbids criticising the company, or discussing pay or co-workers: never in the policy.
_WORD = r"[\w'’-]+\s+"
FORBIDDING = [
    re.compile(
        r"\b(never|do not|don't|must not|may not|should not|shall not|cannot|can't|not to|prohibited from|"
        r"forbidden to|forbidden from|not allowed to|refrain from)\s+(\w+\s+){0,2}"
        r"(criticis|criticiz|disparag|denigrat|badmouth|bad-mouth|speak ill|say anything negative)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(never|do not|don't|must not|may not|cannot|can't)\s+(discuss|share|disclose|reveal|talk about|post about|mention)"
        rf"\s+({_WORD}){{0,2}}(pay|salary|salaries|wages|co-?workers|colleagues)",
        re.IGNORECASE,
    ),
    re.compile(r"\bne\s+(critiquez|dénigrez|critiquer|dénigrer)\s+(jamais|pas)", re.IGNORECASE),
    re.compile(
        rf"\b(jamais|interdit de|défendu de|ne pas|abstenez-vous de|s'abstenir de)\s+({_WORD}){{0,2}}(critiqu|dénigr|dire du mal)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bne\s+(discutez|parlez|partagez|divulguez|publiez|mentionnez)\s+(jamais|pas|rien)\s+"
        rf"({_WORD}){{0,3}}(salaire|rémunération|collègues)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(jamais|interdit de|défendu de)\s+(discuter|parler|partager|divulguer|publier)\s+({_WORD}){{0,3}}"
        r"(salaire|rémunération|collègues)",
        re.IGNORECASE,
    ),
]

# The detector must catch these (its negative control): if it does not, an absence proves nothing.
FORBIDDING_SAMPLES = [
    "Never criticize the company on social media.",
    "Employees must not disparage the company or its managers.",
    "Do not discuss co-workers online.",
    "You may not share your salary with other employees.",
    "Ne critiquez jamais l'entreprise en ligne.",
    "Il est interdit de dénigrer l'entreprise.",
    "Ne parlez pas de vos collègues sur les médias sociaux.",
    "Il est interdit de divulguer votre salaire.",
]


def forbidding_phrases(text: str) -> list[str]:
    """Every passage of `text` that forbids criticising the company or discussing pay or co-workers."""
    return [match.group(0) for pattern in FORBIDDING for match in pattern.finditer(text)]


def site_for(build_company, approach: str, jurisdiction: str) -> Site:
    """The example company with this approach and jurisdiction (built once per session)."""
    return build_company(approach=approach, jurisdiction=jurisdiction)


def section(article: Tag, section_id: str) -> str:
    """The text under the policy's h2 with this id."""
    heading = article.find(id=section_id)
    assert heading is not None, f"no heading with id {section_id!r}"
    return section_text(article, heading.get_text(" ").replace("¶", "").strip())


def phrase(entry: tuple[str, ...], lang: str) -> str:
    """The French or English phrase of a (…, French, English) entry."""
    return entry[-2] if lang == "fr" else entry[-1]


# --- Every combination builds ----------------------------------------------------------------


@pytest.mark.parametrize(("approach", "jurisdiction"), COMBOS)
def test_every_combination_builds(build_company, approach: str, jurisdiction: str) -> None:
    site = site_for(build_company, approach, jurisdiction)
    assert site.returncode == 0, site.log
    assert "WARNING" not in site.log, site.log


@pytest.mark.parametrize(("approach", "jurisdiction"), COMBOS)
@pytest.mark.parametrize("lang", LANGS)
def test_sections_keep_their_ids(build_company, approach: str, jurisdiction: str, lang: str) -> None:
    article = site_for(build_company, approach, jurisdiction).article("policy", lang)
    ids = [h2.get("id") for h2 in article.find_all("h2") if not h2.find_parent(class_="policy-print-only")]
    assert ids == list(SECTION_IDS)  # the legal appendix (print only) comes after the 12 sections


# --- Approach --------------------------------------------------------------------------------


@pytest.mark.parametrize("approach", APPROACHES)
@pytest.mark.parametrize("lang", LANGS)
def test_approach_phrases_appear_only_with_their_approach(build_company, approach: str, lang: str) -> None:
    article = site_for(build_company, approach, "qc").article("policy", lang)
    for entry in APPROACH_MARKERS[approach]:
        assert phrase(entry, lang) in section(article, entry[0]), (approach, entry)
    # Negative control: the two other approaches never write these phrases.
    for other in APPROACHES:
        if other == approach:
            continue
        text = site_for(build_company, other, "qc").text("policy", lang)
        for entry in APPROACH_MARKERS[approach]:
            assert phrase(entry, lang) not in text, (other, entry)


# --- Jurisdiction ----------------------------------------------------------------------------


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_jurisdiction_cites_its_law_and_no_other(build_company, jurisdiction: str, lang: str) -> None:
    text = site_for(build_company, "balanced", jurisdiction).text("policy", lang)
    for entry in CITATIONS[jurisdiction]:
        assert phrase(entry, lang) in text, (jurisdiction, entry)
    # Negative control: another jurisdiction's citations are absent.
    for other, entries in CITATIONS.items():
        if other == jurisdiction:
            continue
        for entry in entries:
            assert phrase(entry, lang) not in text, (jurisdiction, other, entry)


@pytest.mark.parametrize("lang", LANGS)
def test_quebec_policy_says_it_is_given_in_french(build_company, lang: str) -> None:
    review = section(site_for(build_company, "balanced", "qc").article("policy", lang), "review")
    assert ("41" in review) and (phrase(CITATIONS["qc"][3], lang) in review)
    # Negative control: the same section elsewhere says nothing about the language of the policy.
    other = section(site_for(build_company, "balanced", "generic").article("policy", lang), "review")
    assert phrase(CITATIONS["qc"][3], lang) not in other


# --- What holds whatever the company chose -----------------------------------------------------


@pytest.mark.parametrize(("approach", "jurisdiction"), COMBOS)
@pytest.mark.parametrize("lang", LANGS)
def test_personal_accounts_are_neither_watched_nor_claimed(
    build_company, approach: str, jurisdiction: str, lang: str
) -> None:
    article = site_for(build_company, approach, jurisdiction).article("policy", lang)
    for entry in (NO_MONITORING, NO_PROMOTION, CONNECTIONS_STAY):
        assert phrase(entry, lang) in section(article, entry[0]), entry
    # Negative control: the check reads one section, not the whole page.
    assert phrase(NO_MONITORING, lang) not in section(article, "breaches")


@pytest.mark.parametrize("approach", APPROACHES)
@pytest.mark.parametrize("lang", LANGS)
def test_us_policy_protects_talk_about_pay_and_conditions(build_company, approach: str, lang: str) -> None:
    article = site_for(build_company, approach, "us").article("policy", lang)
    assert phrase(NLRA_RIGHT, lang) in section(article, NLRA_RIGHT[0])
    # Negative control: outside the United States the statement (and the Act) are not there.
    for other in ("qc", "fr", "generic"):
        text = site_for(build_company, approach, other).text("policy", lang)
        assert phrase(NLRA_RIGHT, lang) not in text, other


def test_forbidding_detector_catches_forbidding_wording() -> None:
    for sample in FORBIDDING_SAMPLES:
        assert forbidding_phrases(sample), sample


@pytest.mark.parametrize(("approach", "jurisdiction"), COMBOS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_ban_on_criticising_the_company(build_company, approach: str, jurisdiction: str, lang: str) -> None:
    text = site_for(build_company, approach, jurisdiction).text("policy", lang)
    assert forbidding_phrases(text) == []
    # Negative control: the same text with one forbidding sentence added is caught.
    added = FORBIDDING_SAMPLES[0] if lang == "en" else FORBIDDING_SAMPLES[4]
    assert forbidding_phrases(text + " " + added)


# --- Top of the policy and the acknowledgement form --------------------------------------------


def _other_company(build_company) -> Site:
    """The example company under another legal name, at policy version 3.0."""

    def change(data):
        data["company"]["legal_name"] = "Autre nom ltée"
        data["policy"]["version"] = "3.0"
        data["policy"]["history"].insert(0, {"version": "3.0", "date": dt.date(2026, 3, 2), "changes": "Révision."})

    site = build_company(change, key="other-legal-name-and-version")
    assert site.returncode == 0, site.log
    return site


@pytest.mark.parametrize("lang", LANGS)
def test_policy_shows_company_version_and_dates(build_company, lang: str) -> None:
    article = site_for(build_company, "balanced", "qc").article("policy", lang)
    top = article.find("ul").get_text(" ")
    for expected in ("Rénovations Boréal inc.", "2.1", "Julie Lavoie", "2026"):
        assert expected in top, expected
    assert "2027" in section(article, "review")  # review_every_months: 12 after 2026-03-02
    # Negative control: another company's legal name and version replace these.
    other_top = _other_company(build_company).article("policy", lang).find("ul").get_text(" ")
    assert "Autre nom ltée" in other_top and "3.0" in other_top
    assert "Rénovations Boréal inc." not in other_top and "2.1" not in other_top


READ_AND_UNDERSTOOD = {
    "fr": "J'ai lu et compris la politique version",
    "en": "I have read and understood the policy version",
}


def _ack(build_company, method: str) -> Site:
    def change(data):
        data["acknowledgement"]["method"] = method
        if method == "paper":
            data["acknowledgement"].pop("form_url", None)

    site = build_company(change, key=f"ack-{method}")
    assert site.returncode == 0, site.log
    return site


@pytest.mark.parametrize("lang", LANGS)
def test_acknowledgement_form_names_the_version(build_company, lang: str) -> None:
    def form_text(site: Site) -> str:
        form = site.article("acknowledgement", lang).select_one("div.ack-form")
        assert form is not None, "no div.ack-form"
        return " ".join(form.get_text(" ").split())

    form = form_text(site_for(build_company, "balanced", "qc"))
    assert f"{READ_AND_UNDERSTOOD[lang]} 2.1" in form
    assert "Rénovations Boréal inc." in form
    # Negative control: with another version and legal name, the form follows.
    other = form_text(_other_company(build_company))
    assert f"{READ_AND_UNDERSTOOD[lang]} 3.0" in other and "Autre nom ltée" in other
    assert f"{READ_AND_UNDERSTOOD[lang]} 2.1" not in other and "Rénovations Boréal inc." not in other


@pytest.mark.parametrize("lang", LANGS)
def test_acknowledgement_instructions_follow_the_method(build_company, lang: str) -> None:
    url = "forms.renovationsboreal.example"
    hr = "Marc-André Roy"
    paper = section(_ack(build_company, "paper").article("acknowledgement", lang), "how-to-submit")
    online = section(_ack(build_company, "online").article("acknowledgement", lang), "how-to-submit")
    both = section(site_for(build_company, "balanced", "qc").article("acknowledgement", lang), "how-to-submit")
    assert hr in paper and url not in paper
    assert url in online and hr not in online
    assert hr in both and url in both
