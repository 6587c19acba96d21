"""The law in every jurisdiction: the registry of sources and cite(), France's words and typography, French
required where the law requires it, the adoption and lawyer's pages, and the state laws of company.region.

Fast checks call the modules; the others build real sites (cached by `build_company`), each beside a negative
control: the same detector run on a build where the thing must not be, or on a sample it must catch.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from pydantic import ValidationError

from conftest import LANGS, ROOT, Site, example_data, write_company
from macros.law.adoption import months_before
from macros.company.loader import CompanyFileError, read_company_file
from macros.law.sources import OFFICIAL_HOSTS, Registry, regions, registry
from macros.language.typography import NBSP, NNBSP, french_html
from macros.law.jurisdiction import word

APPROACHES = ("educational", "balanced", "restrictive")
JURISDICTIONS = ("qc", "fr", "us", "generic")

# --- The registry ----------------------------------------------------------------------------------


def test_every_source_links_to_an_official_host():
    for source in registry().sources:
        for lang in LANGS:
            url = source.url.get(lang)
            assert urlsplit(url).hostname in OFFICIAL_HOSTS, (source.id, url)
            assert url.startswith("https://"), (source.id, url)


def test_a_source_off_an_official_host_is_refused():
    data = yaml.safe_load((ROOT / "macros/law/data/sources.yml").read_text(encoding="utf-8"))
    data["sources"][0]["url"] = "https://www.example-law-blog.com/ccq-2088"
    with pytest.raises(ValidationError, match="official host"):
        Registry.model_validate(data)


def test_state_and_provincial_laws_name_registered_sources():
    known = {source.id for source in registry().sources}
    for code, laws in regions().laws.items():
        country = regions().country(code)
        assert country in ("us", "ca"), code
        for law in laws:
            assert law.source in known
            assert registry().get(law.source).jurisdiction == f"{country}-{code.lower()}"


# Article numbers written by hand (they belong in macros/law/data/sources.yml, cited with cite()).
HAND_WRITTEN = re.compile(
    r"\bart(?:icle)?s?\.?\s+L?\.?\s?\d"  # art. 2088, article 36, articles 35, art. L1121-1
    r"|\bL\.?\s?\d{4}-\d"  # L1121-1, L. 1222-4
    r"|\bs{1,2}\.\s?\d"  # s. 7, ss. 4-5
    r"|\b[Ss]ections?\s+\d"  # section 7 (of a statute)
    r"|§(?!\s?\d{1,2}\.\d{1,2}\b)"  # § 980, § 255.5 (but "§ 5.3" is a clause of the site's own policy)
    r"|\b\d+\s+(?:CFR|U\.S\.C)"  # 16 CFR 255, 29 U.S.C. 157
    r"|\bn[°o]\.?\s?\d{2}-\d{2}"  # n° 16-11.690
    r"|\b\d{4}\s+(?:SCC|CSC|QCTA|CanLII)\b"  # 2013 SCC 34
    r"|\bQCTA\b",
    re.I,
)
# What may look like one: links and headings of the site's own policy ("section 10 of the policy").
OWN_SECTIONS = re.compile(r"\[(?:la )?section \d+[^\]]*\]\([^)]*\)|\bsection \d+ (?:de la politique|of the policy)", re.I)
CITE_CALL = re.compile(r"\{\{\s*cite\([^)]*\)\s*\}\}")


# Inside the policy, "section 6" names the policy's own section 6.
POLICY_SECTIONS = re.compile(r"\bsections? \d+\b(?! (?:of|de|du|des) )")


def hand_written_citations(text: str, policy: bool = False) -> list[str]:
    text = CITE_CALL.sub("", text)
    text = OWN_SECTIONS.sub("", text)
    if policy:
        text = POLICY_SECTIONS.sub("", text)
    return [text[max(0, m.start() - 30) : m.end() + 20] for m in HAND_WRITTEN.finditer(text)]


def kit_texts() -> dict[str, str]:
    files = sorted((ROOT / "docs").glob("*.md")) + sorted((ROOT / "macros" / "company" / "sectors").glob("*.yml"))
    files += sorted((ROOT / "macros" / "law" / "jurisdictions").glob("*.yml"))  # each jurisdiction's paragraphs
    files.append(ROOT / "macros" / "law" / "data" / "policy.yml")  # the policy's rules and their short forms
    return {str(f.relative_to(ROOT)): f.read_text(encoding="utf-8") for f in files}


def test_no_article_number_is_written_by_hand():
    found = {
        name: hits
        for name, text in kit_texts().items()
        if (hits := hand_written_citations(text, policy=name.startswith(("docs/policy.", "macros/law/data/policy."))))
    }
    assert found == {}, "cite these with {{ cite('id') }} (macros/law/data/sources.yml):\n" + "\n".join(
        f"{name}: {hit!r}" for name, hits in found.items() for hit in hits
    )


@pytest.mark.parametrize(
    "sample",
    [
        "le Code civil (art. 2088)",
        "article 36 du Code civil",
        "Code du travail, L1121-1",
        "Charter, s. 41",
        "Section 7 of the Act",
        "16 CFR 255.5",
        "§ 980",
        "16 CFR § 255.5",
        "Cass. soc., n° 16-11.690",
        "Irving, 2013 SCC 34",
    ],
)
def test_the_hand_written_detector_catches_citations(sample):
    assert hand_written_citations(sample)


def test_the_hand_written_detector_spares_cite_calls_and_policy_sections():
    assert hand_written_citations("le Code ({{ cite('qc-ccq-2088', 'article') }}) et la [section 10](policy.md)") == []
    assert hand_written_citations("voir la section 6.", policy=True) == []
    assert hand_written_citations("chaque clause porte un numéro, comme « § 5.3 »") == []
    assert hand_written_citations("section 7 of the National Labor Relations Act", policy=True)


def cited_ids() -> set[str]:
    used = set()
    for text in kit_texts().values():
        used |= set(re.findall(r"cite\(\s*['\"]([a-z0-9-]+)['\"]", text))
    used |= {law.source for laws in regions().laws.values() for law in laws}
    return used


def test_every_registry_entry_is_cited_somewhere():
    unused = sorted({source.id for source in registry().sources} - cited_ids())
    assert unused == [], f"sources no page cites (cite them or remove them from sources.yml): {unused}"


def test_every_cite_call_names_a_registry_entry():
    known = {source.id for source in registry().sources}
    assert cited_ids() - known == set()


# --- France's typography -----------------------------------------------------------------------------


def test_french_typography_in_text():
    html = "<p>Pourquoi? Oui! Non; «bonjour» Questions&#58; suite</p>"
    assert french_html(html) == (
        f"<p>Pourquoi{NNBSP}? Oui{NNBSP}! Non{NNBSP}; «{NNBSP}bonjour{NNBSP}» Questions{NBSP}: suite</p>"
    )


def test_french_typography_replaces_existing_spaces():
    assert french_html("<p>Quoi ? Ceci\u00a0: « x »</p>") == f"<p>Quoi{NNBSP}? Ceci{NBSP}: «{NNBSP}x{NNBSP}»</p>"


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://x.example/?a=1;b=2" title="Quoi?">lien</a>',  # tags and attributes
        "<code>a ? b : c; d!</code>",  # code
        "<pre><span>x?</span> y: z</pre>",  # inside nested tags of pre
        "<script>var a = b ? c : d;</script>",
        "<p>https://x.example/a?b=c;d and someone@x.example</p>",  # addresses in text
        "<p>10:30, 3?4</p>",  # no sentence punctuation
    ],
)
def test_french_typography_leaves_markup_code_and_addresses_alone(html):
    assert french_html(html) == html


# --- Words per jurisdiction -----------------------------------------------------------------------------


def test_france_says_licenciement_quebec_congediement():
    assert word("dismissal", "fr", "fr") == "licenciement"
    assert word("dismissal", "fr", "qc") == "congédiement"
    assert word("personal_information", "fr", "fr") == "données personnelles"
    assert word("personal_information", "fr", "qc") == "renseignements personnels"


# --- company.yml: languages, region, employees --------------------------------------------------------


def problems(tmp_path: Path, change) -> str:
    data = example_data()
    change(data)
    try:
        read_company_file(write_company(tmp_path, data))
    except CompanyFileError as error:
        return str(error)
    return ""


def test_france_without_french_is_refused_citing_l1321_6(tmp_path):
    message = problems(tmp_path, lambda d: d.update(jurisdiction="fr", languages=["en"]))
    assert "languages" in message and "L1321-6" in message and "line" in message


def test_france_with_french_is_accepted(tmp_path):
    assert problems(tmp_path, lambda d: d.update(jurisdiction="fr", languages=["en", "fr"])) == ""


def test_quebec_puts_french_first(tmp_path):
    message = problems(tmp_path, lambda d: d.update(jurisdiction="qc", languages=["en", "fr"]))
    assert "fr first" in message and "s. 41" in message
    assert problems(tmp_path, lambda d: d.update(jurisdiction="us", languages=["en", "fr"])) == ""


@pytest.mark.parametrize(
    "jurisdiction, region, accepted",
    [
        ("us", "CA", True),
        ("us", "ON", False),
        ("us", "ZZ", False),
        ("qc", "QC", True),
        ("qc", "ON", False),
        ("fr", "NY", False),
        ("generic", "ON", True),
    ],
)
def test_region_fits_the_jurisdiction(tmp_path, jurisdiction, region, accepted):
    def change(data):
        data["jurisdiction"] = jurisdiction
        data["company"]["region"] = region

    message = problems(tmp_path, change)
    assert (message == "") is accepted, message
    if not accepted:
        assert "company.region" in message


def test_employees_is_a_head_count(tmp_path):
    assert "company.employees" in problems(tmp_path, lambda d: d["company"].update(employees=0))
    assert problems(tmp_path, lambda d: d["company"].update(employees=12)) == ""


def test_france_formalities_a_month_before_the_effective_date():
    assert months_before(dt.date(2026, 3, 2), 1) == dt.date(2026, 2, 2)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 1) == dt.date(2025, 12, 15)


# --- Builds ----------------------------------------------------------------------------------------------


def all_text(site: Site, lang: str) -> str:
    """Every page's content as read, ASCII white space folded (Site.text would also fold no-break spaces)."""
    return " ".join(re.sub(r"[ \t\r\n]+", " ", site.article(page, lang).get_text(" ")) for page in site.pages(lang))


@pytest.mark.slow
@pytest.mark.parametrize("approach", APPROACHES)
@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_every_approach_and_jurisdiction_builds_in_both_languages(build_company, approach, jurisdiction):
    site = build_company(approach=approach, jurisdiction=jurisdiction)
    assert site.returncode == 0, site.log
    for lang in LANGS:
        assert {"adopting", "lawyer"} <= set(site.pages(lang))
        for page in site.pages(lang):
            for link in site.article(page, lang).select("a.policy-cite[data-source]"):
                source = registry().get(link["data-source"])  # resolves in the registry
                assert link["href"] == source.url.get(lang)
                assert urlsplit(link["href"]).hostname in OFFICIAL_HOSTS


@pytest.mark.slow
def test_a_france_build_never_says_congediement(build_company):
    france = build_company(jurisdiction="fr")
    quebec = build_company(jurisdiction="qc")
    assert france.returncode == 0 and quebec.returncode == 0
    for lang in LANGS:
        assert not re.search(r"congédi", all_text(france, lang), re.I)
    kit_text = all_text(france, "fr")
    titles = [p["title"]["fr"] if isinstance(p["title"], dict) else p["title"] for p in example_data()["contacts"].values()]
    for title in sorted(titles, key=len, reverse=True):  # the company's own words (job titles) are its own,
        kit_text = re.sub(re.escape(title), "", kit_text, flags=re.I)  # in lower case too in running text
    assert "renseignements personnels" not in kit_text
    # negative control: the Quebec build of the same pages does use the Quebec word
    assert re.search(r"congédi", all_text(quebec, "fr"), re.I)


@pytest.mark.slow
def test_a_france_build_has_france_typography_and_quebec_keeps_its_own(build_company):
    france = build_company(jurisdiction="fr")
    quebec = build_company(jurisdiction="qc")
    fr_text = all_text(france, "fr")
    assert f"{NNBSP}?" in fr_text and f"{NBSP}:" in fr_text
    prose = re.sub(r"https?://\S+", "", fr_text)  # addresses keep their ? and ;
    assert not re.search(r"\w[?!;]", prose), re.search(r".{20}\w[?!;].{20}", prose)
    # negative controls: Quebec French and France's English pages have no narrow no-break space
    assert NNBSP not in all_text(quebec, "fr")
    assert NNBSP not in all_text(france, "en")


@pytest.mark.slow
@pytest.mark.parametrize("jurisdiction", ("us", "fr"))
def test_restrictive_is_flagged_where_it_is_riskiest(build_company, jurisdiction):
    risky = build_company(approach="restrictive", jurisdiction=jurisdiction)
    calm = build_company(approach="balanced", jurisdiction=jurisdiction)
    line = f"approach is restrictive and jurisdiction is {jurisdiction}: this is the riskiest choice"
    assert re.search(r"INFO\s+-\s+" + re.escape(line), risky.log), risky.log
    assert line not in calm.log
    assert "L'approche restrictive est le choix le plus risqué ici" in risky.text("adopting", "fr")
    assert "The restrictive approach is the riskiest choice here" in risky.text("adopting", "en")
    assert "riskiest" not in calm.text("adopting", "en")


@pytest.mark.slow
def test_the_lawyer_page_has_one_row_per_paragraph_with_all_its_citations(build_company):
    """Every citation of the site is in the lawyer's table, and each paragraph is one row holding all the
    sources it cites (not one row per citation, which repeated the paragraph)."""
    site = build_company(jurisdiction="qc")
    for lang in LANGS:
        cited = []
        for page in site.pages(lang):
            if page == "lawyer":
                continue
            cited += [a["data-source"] for a in site.article(page, lang).select("a.policy-cite[data-source]")]
        rows = site.article("lawyer", lang).select(".policy-lawyer__table tbody tr")
        statements = [(row.select("td")[0].get_text(" ", strip=True), row.select("td")[1].get_text(" ", strip=True))
                      for row in rows]
        assert len(statements) == len(set(statements)), "a paragraph appears in two rows"
        listed = [[a["href"] for a in row.select("a.policy-cite")] for row in rows]
        assert all(len(urls) == len(set(urls)) for urls in listed), "a row lists one source twice"
        assert any(len(urls) > 1 for urls in listed), "no row gathers several citations"
        assert len(rows) < len(cited)
        assert {url for urls in listed for url in urls} == {registry().get(s).url.get(lang) for s in cited}
        # the paragraph that cites 1457, 2803 and 1458 together is one row with all three
        together = [urls for urls in listed if registry().get("qc-ccq-1458").url.get(lang) in urls]
        assert together and all(
            registry().get(s).url.get(lang) in together[0] for s in ("qc-ccq-1457", "qc-ccq-2803")
        )


@pytest.mark.slow
def test_france_adoption_dates_follow_the_head_count(build_company):
    def company(employees):
        def change(data):
            data["jurisdiction"] = "fr"
            data["company"]["employees"] = employees

        return change

    big = build_company(company(60), key="fr-60")
    small = build_company(company(12), key="fr-12")
    text = big.text("adopting", "fr")
    assert "60 salariés" in text and "2 février 2026" in text  # effective 2026-03-02, one month before
    assert "moins de 50" not in small.text("adopting", "fr") and "12 salariés" in small.text("adopting", "fr")
    assert "2 février 2026" not in small.text("adopting", "fr")


@pytest.mark.slow
def test_state_laws_show_where_the_company_is(build_company):
    def in_state(region):
        def change(data):
            data["jurisdiction"] = "us"
            if region:
                data["company"]["region"] = region

        return change

    california = build_company(in_state("CA"), key="us-CA")
    texas = build_company(in_state("TX"), key="us-TX")
    assert california.returncode == 0, california.log
    assert "California Labor Code" in california.text("adopting", "en")
    assert "California Labor Code" not in texas.text("adopting", "en")


# --- Each finding of the legal review (../shared/reviews/LEGAL-REVIEW.md), checked in the built pages ---------
# (finding, jurisdiction, approach, page, language, what the page says now, what it must no longer say,
#  a jurisdiction whose build must NOT say the new text: the negative control that the check can fail)
FINDINGS = [
    ("QC-1", "qc", "balanced", "private-life", "en", "Civil Code of Québec, article 2803",
     "asks the person who says they were harmed to prove", "fr"),
    ("QC-1", "qc", "balanced", "private-life", "fr", "Code civil du Québec, article 1458",
     "demande à la personne qui se dit lésée de prouver", "us"),
    ("QC-2", "qc", "balanced", "private-life", "en", "does not need to have caused proven damage",
     "the harm must be shown", None),
    ("X-1", "us", "balanced", "private-life", "fr", "une faute n'a pas besoin d'avoir causé un dommage prouvé",
     "le tort doit être démontré", None),
    ("QC-3", "qc", "balanced", "scenarios", "en", "and permanently where the information concerns the reputation",
     "this obligation lasts a reasonable time after the job ends.", "fr"),
    ("QC-4", "qc", "balanced", "private-life", "en", "2025 QCTA 404", "St-Jude", "us"),
    ("QC-5", "qc", "restrictive", "policy", "en", "saying you are proud to work at", "Any post that mentions", None),
    ("QC-5", "fr", "restrictive", "policy", "fr", "n'a pas besoin d'approbation", "même sur vos comptes personnels",
     None),
    ("QC-5", "qc", "restrictive", "policy", "en", "limits these rights only where the work justifies it",
     "takes nothing away from these rights", "fr"),
    ("QC-6", "generic", "restrictive", "policy", "en", "may lead to a written warning, even for a first breach",
     "leads to at least", None),
    ("QC-7", "qc", "balanced", "official-accounts", "en", "under 14, we ask a parent or tutor", "it is a parent's consent that we ask for", "fr"),
    ("QC-9", "qc", "balanced", "policy", "en", "keeping a person's private life under observation", None, "us"),
    ("QC-9", "qc", "balanced", "monitoring", "en", "kept for two years after the incident is closed", None, None),
    ("QC-10", "qc", "balanced", "at-a-glance", "en", "political convictions may also be discrimination", None, "us"),
    ("QC-11", "qc", "balanced", "scenarios", "en", "Act respecting labour standards, section 81.19", None, "fr"),
    ("QC-12", "qc", "balanced", "monitoring", "en", "manifest, free, enlightened", None, "us"),
    ("FR-1", "fr", "balanced", "official-accounts", "en", "whatever the use, commercial or not",
     "for commercial purposes", "us"),
    ("FR-1", "fr", "balanced", "official-accounts", "fr", "Code civil, article 9", "renseignements personnels :", "qc"),
    ("FR-2", "fr", "balanced", "policy", "en", "protected as trade secrets", None, "qc"),
    ("FR-3", "fr", "balanced", "adopting", "fr", "conseil de prud'hommes", None, "qc"),
    ("FR-3", "fr", "balanced", "acknowledgement", "en", "annexation to the work rules", None, "qc"),
    ("FR-4", "fr", "balanced", "policy", "fr", "mise à pied disciplinaire", "rappel verbal", "qc"),
    ("FR-4", "fr", "balanced", "policy", "fr", "convoqué à un entretien", "congédiement", "qc"),
    ("FR-5", "fr", "balanced", "policy", "en", "Criticizing the company remains allowed",
     "covers only what touches the company, and nothing else", "qc"),
    ("FR-6", "fr", "balanced", "private-life", "en", "closed Facebook group of 14 members", "a few members", "qc"),
    ("FR-6", "fr", "balanced", "private-life", "en", "no. 19-12.058", None, "qc"),
    ("FR-7", "fr", "balanced", "monitoring", "en", "French Labour Code, article L2312-38", None, "qc"),
    ("FR-7", "fr", "balanced", "policy", "fr", "Code du travail, article L1222-4", None, "qc"),
    ("FR-9", "fr", "balanced", "at-a-glance", "en", "article L1132-1", None, "qc"),
    ("FR-10", "fr", "balanced", "scenarios", "en", "French Labour Code, article L1152-4", None, "qc"),
    ("US-1", "us", "restrictive", "at-a-glance", "en", "does not cover photos that document",
     "No photo or video taken at work is posted", "qc"),
    ("US-2", "us", "balanced", "at-a-glance", "en", "co-workers included, stay free", "never post a co-worker's", "qc"),
    ("US-3", "us", "balanced", "mistakes", "en", "This does not limit your right to exchanges", "don't like", "qc"),
    ("US-3", "us", "balanced", "at-a-glance", "en", "You remain free to discuss your working conditions", None, "qc"),
    ("US-4", "us", "balanced", "monitoring", "en", "to the media too", "don't comment:", "qc"),
    ("US-4", "us", "balanced", "scenarios", "en", "online or to the media", None, "qc"),
    ("US-5", "us", "restrictive", "index", "en",
     "with co-workers or others, about pay, hours, working conditions or union matters",
     "discussions with co-workers about pay", "qc"),
    ("US-6", "us", "balanced", "monitoring", "en", "we will not question you about it", None, "qc"),
    ("US-6", "us", "balanced", "policy", "en", "It will not question you about a post protected", None, "qc"),
    ("US-7", "us", "balanced", "conduct", "en", "clearly and conspicuously", "should disclose", "qc"),
    ("US-7", "us", "balanced", "mistakes", "en", "16 CFR Part 465", None, "qc"),
    ("US-8", "us", "balanced", "official-accounts", "en", "right of publicity", "for commercial purposes", "qc"),
    ("US-9", "us", "balanced", "policy", "en", "Your employment remains at will", None, "qc"),
    ("US-9", "us", "balanced", "acknowledgement", "en", "this policy is not an employment contract", None, "qc"),
    ("US-10", "us", "balanced", "at-a-glance", "en", "The rest of the list (passwords", None, "qc"),
    ("US-11", "us", "balanced", "policy", "en", "looks official or speaks for the company",
     "page or group in the company's name", None),
    ("US-12", "us", "balanced", "conduct", "en", "reckless disregard for the truth", "no rumors", "qc"),
    ("US-13", "us", "balanced", "mistakes", "en", "This is advice, not a requirement", None, "qc"),
    ("US-15", "us", "balanced", "private-life", "en", "Section 8(a)(1)", None, "qc"),
    ("G-1", "generic", "balanced", "private-life", "en", "in many places, an employer's rule", None, "qc"),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    "finding, jurisdiction, approach, page, lang, now, before, elsewhere", FINDINGS, ids=[f[0] for f in FINDINGS]
)
def test_finding_of_the_legal_review_is_fixed(build_company, finding, jurisdiction, approach, page, lang, now,
                                               before, elsewhere):
    site = build_company(approach=approach, jurisdiction=jurisdiction)
    text = site.text(page, lang)
    assert now in text, f"{finding}: {now!r} missing from {page} ({lang})"
    if before is not None:
        assert before not in text, f"{finding}: {page} ({lang}) still says {before!r}"
    if elsewhere is not None:  # negative control: the detector finds nothing where the text does not belong
        other = build_company(approach=approach, jurisdiction=elsewhere)
        assert now not in other.text(page, lang)


US_RULE_PAGES = ("policy", "at-a-glance", "conduct", "mistakes", "monitoring", "private-life", "index")
SECTION_7 = {
    "en": "with co-workers or others, about pay, hours, working conditions or union matters",
    "fr": "avec vos collègues ou d'autres personnes, au sujet du salaire, des horaires, des conditions de travail "
    "ou de questions syndicales",
}


@pytest.mark.slow
@pytest.mark.parametrize("approach", ("balanced", "restrictive"))
def test_the_section_7_carve_out_sits_wherever_a_us_rule_could_chill(build_company, approach):
    us = build_company(approach=approach, jurisdiction="us")
    quebec = build_company(approach=approach, jurisdiction="qc")
    for lang in LANGS:
        for page in US_RULE_PAGES:
            if page == "index" and approach != "restrictive":
                continue  # the home page states a rule only in the restrictive approach
            assert SECTION_7[lang] in us.text(page, lang), (page, lang)
            assert SECTION_7[lang] not in quebec.text(page, lang), (page, lang)  # negative control


@pytest.mark.slow
def test_every_page_that_cites_the_law_carries_the_guidance_notice(build_company):
    for jurisdiction in JURISDICTIONS:
        site = build_company(jurisdiction=jurisdiction)
        for lang in LANGS:
            for page in site.pages(lang):
                if site.article(page, lang).select("a.policy-cite"):
                    notice = "pas un avis juridique" if lang == "fr" else "not legal advice"
                    assert notice in site.text(page, lang), (jurisdiction, page, lang)


@pytest.mark.browser
def test_the_printed_policy_shows_each_citation_address_and_the_appendix(tmp_path):
    from pypdf import PdfReader

    from conftest import run_build

    site = run_build(tmp_path / "site", pdf=True)
    assert site.returncode == 0, site.log
    text = " ".join(page.extract_text() for page in PdfReader(site.dir / "politique-medias-sociaux.pdf").pages)
    flat = re.sub(r"\s+", "", text)
    assert "Annexe" in text and "référencesjuridiques" in flat
    assert "<https://www.legisquebec.gouv.qc.ca/fr/document/lc/C-12#se:3>" in flat  # printed after the citation
    # negative control: on screen the appendix is hidden (print-only), the reader's text has no appendix
    appendix = site.article("policy", "fr").select_one(".policy-print-only")
    assert appendix is not None and "legal-appendix" in str(appendix)
    assert "Annexe" not in site.text("policy", "fr")
    css = (ROOT / "docs/assets/stylesheets/law.css").read_text(encoding="utf-8")
    assert re.search(r"\.policy-print-only \{\s*display: none;", css.split("@media print")[0])


SECTORS = ("trades", "health", "professional_services", "hospitality_retail", "generic")


@pytest.mark.slow
@pytest.mark.parametrize("sector", SECTORS)
def test_no_sector_puts_quebec_words_in_a_france_build(build_company, sector):
    site = build_company(jurisdiction="fr", sector=sector)
    assert site.returncode == 0, site.log
    titles = [p["title"]["fr"] if isinstance(p["title"], dict) else p["title"] for p in example_data()["contacts"].values()]
    text = all_text(site, "fr")
    for title in sorted(titles, key=len, reverse=True):  # the company's own words, lower case in running text too
        text = re.sub(re.escape(title), "", text, flags=re.I)
    assert not re.search(r"congédi|renseignements personnels", text, re.I), re.search(
        r".{60}(congédi|renseignements personnels).{20}", text, re.I
    )


@pytest.mark.slow
@pytest.mark.parametrize("sector", SECTORS)
def test_every_sector_keeps_the_section_7_carve_out_in_its_scenarios(build_company, sector):
    us = build_company(jurisdiction="us", sector=sector)
    quebec = build_company(jurisdiction="qc", sector=sector)
    for lang in LANGS:
        assert SECTION_7[lang] in us.text("scenarios", lang)
        assert SECTION_7[lang] not in quebec.text("scenarios", lang)
