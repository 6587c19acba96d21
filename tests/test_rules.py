"""One rule, one place: the policy's clauses and their short forms (macros/data/policy.yml), and the findings of
the third legal review (reviews/LEGAL-REVIEW-3.md) on the policy, its short forms and the pages that state them.

The data checks run on the kit's file and on a broken copy of it (so each check is seen to fail); the findings
are read on built sites, each with a negative control where the text must not be.
"""

from __future__ import annotations

import copy
import re

import pytest
import yaml

from conftest import LANGS, ROOT, copy_project, run_build
from macros.law.clauses import anchor_id, extract_clauses, missing_numbers
from macros.law.rules import APPROACHES, JURISDICTIONS, POLICY_DATA, first_fit, policy_rules, read_rules



def data() -> dict:
    return yaml.safe_load(POLICY_DATA.read_text(encoding="utf-8"))


def refusal(broken: dict) -> str:
    with pytest.raises(ValueError) as error:
        read_rules(broken)
    return str(error.value)


# --- The data -------------------------------------------------------------------------------------------


def test_the_kit_rules_load_and_every_short_form_follows_its_clause():
    rules = policy_rules()
    assert list(rules.problems()) == []
    forms = {form for rule in rules.clauses.values() for form in ("glance", "box", "home", "private_life",
                                                                   "checklist", "ack") if getattr(rule, form)}
    assert forms == {"glance", "box", "home", "private_life", "checklist", "ack"}  # every kind is drawn from here
    assert len(rules.glance) == 10


def test_a_short_form_that_names_no_clause_of_the_file_is_refused():
    broken = data()
    broken["clauses"]["6.1"]["box"][0]["also"] = ["9.9"]
    assert "also names § 9.9, which is not in clauses" in refusal(broken)
    broken = data()
    broken["glance"][0] = ["4.2"]
    assert "glance rule 1 names § 4.2, which is not in clauses" in refusal(broken)


def test_a_short_form_shown_where_its_clause_does_not_exist_is_refused():
    broken = data()
    broken["clauses"]["7.6"]["text"][0]["jurisdiction"] = "fr"  # the clause for France, its short forms for the US
    assert "jurisdiction us, where the policy has no § 7.6" in refusal(broken)


def test_a_short_form_that_reads_one_way_where_its_clause_differs_is_refused():
    broken = data()
    glance = broken["clauses"]["7.3"]["glance"]  # res-us, res, bal-us, bal, edu-us, edu
    broken["clauses"]["7.3"]["glance"] = [*glance[:3], {**glance[3], "approach": ["balanced", "educational"]}, glance[4]]
    message = refusal(broken)
    assert "§ 7.3 glance variant" in message and "§ 7.3 differs between them" in message
    broken = data()  # the US photo carve-out of § 7.2 dropped from the balanced glance rule: refused
    glance = broken["clauses"]["7.3"]["glance"]
    broken["clauses"]["7.3"]["glance"] = [v for v in glance if (v.get("approach"), v.get("jurisdiction")) != ("balanced", "us")]
    assert "but § 7.2 differs between them" in refusal(broken)


def test_approach_or_jurisdiction_tested_inside_a_text_is_refused():
    broken = data()
    broken["clauses"]["4.1"]["glance"][0]["en"] += '{% if jurisdiction == "us" %} More.{% endif %}'
    assert "write a variant with `jurisdiction:` instead" in refusal(broken)


def test_every_quiz_question_stands_under_a_clause_every_build_has():
    rules = policy_rules()
    combos = rules.combos()
    asked = rules.quiz()
    assert len(asked) >= 6 and len({q.id for _, q in asked}) == len(asked)
    for clause, question in asked:
        assert all(first_fit(rules.rule(clause).text, combo) is not None for combo in combos), question.id


def test_a_quiz_question_under_a_clause_some_builds_lack_is_refused():
    broken = data()
    broken["clauses"]["7.6"]["quiz"] = broken["clauses"]["4.1"].pop("quiz")  # § 7.6: the US only
    message = refusal(broken)
    assert "quiz question 'deleted-post' is asked in every build, but the policy has no § 7.6" in message


def test_two_quiz_questions_with_one_id_are_refused():
    broken = data()
    broken["clauses"]["5.2"]["quiz"][0]["id"] = broken["clauses"]["4.1"]["quiz"][0]["id"]
    assert "has a question with this id" in refusal(broken)


# --- Built sites: each short form names its clause, and the clause is there ---------------------------------


SHORT_PAGES = ("at-a-glance", "index", "private-life", "policy", "acknowledgement", "scenarios")


def clause_links(site, page, lang):
    return [a["href"].split("#")[1] for a in site.article(page, lang).select('a[href*="#c-"]')
            if a["href"].startswith(("policy.html#", "#"))]


@pytest.mark.slow
@pytest.mark.parametrize("approach, jurisdiction", [("balanced", "qc"), ("restrictive", "us"), ("educational", "fr")])
def test_every_short_form_links_to_a_clause_of_the_built_policy(build_company, approach, jurisdiction):
    site = build_company(approach=approach, jurisdiction=jurisdiction)
    assert site.returncode == 0, site.log
    for lang in LANGS:
        ids = {anchor_id(n) for n in extract_clauses(site.html("policy", lang))}
        rules = site.article("at-a-glance", lang).select_one("#rules").find_next_sibling("ol").find_all("li")
        assert len(rules) == 10
        for rule in rules:  # each rule of the page (and so of the poster) names its clause
            assert rule.select('a[href^="policy.html#c-"]'), rule.get_text()
        for page in SHORT_PAGES:
            for target in clause_links(site, page, lang):
                assert target in ids, (page, lang, target)
        box = site.article("policy", lang).select_one(".admonition")
        assert box.select('a[href^="#c-"]')  # the policy's own box links within the page


@pytest.mark.slow
def test_a_rule_changed_in_the_data_changes_every_place_that_states_it(tmp_path):
    project = copy_project(tmp_path / "project")
    file = project / "macros" / "law" / "data" / "policy.yml"
    rules = yaml.safe_load(file.read_text(encoding="utf-8"))
    rule = rules["clauses"]["6.4"]
    for variant in rule["text"] + rule["glance"] + rule["home"] + rule["box"]:  # the clause and, beside it, its short forms
        variant["en"] = variant["en"].replace("sensitive", "delicate")
        variant["fr"] = variant["fr"].replace("délicate", "sensible")
    file.write_text(yaml.safe_dump(rules, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    site = run_build(tmp_path / "site", project=project)
    assert site.returncode == 0, site.log
    for page in ("policy", "at-a-glance", "index"):
        assert "delicate" in site.text(page, "en"), page
        assert "sensitive post" not in site.text(page, "en"), page
        assert "publication sensible" in site.text(page, "fr"), page


# --- Findings of the third legal review --------------------------------------------------------------------

# (finding, jurisdiction, approach, page, lang, what it says now, what it said before (None), negative control)
FINDINGS = [
    ("N-US-1", "us", "balanced", "at-a-glance", "en", "does not cover photos that document your working conditions",
     "of the client and of the social media lead", "qc"),
    ("N-US-1", "us", "educational", "at-a-glance", "en", "does not cover photos that document your working conditions",
     "everything in it is safe", "qc"),
    ("N-US-1", "us", "balanced", "at-a-glance", "fr", "ne vise pas les photos qui documentent vos conditions",
     "rien de dangereux", "qc"),
    ("N-US-2", "us", "balanced", "scenarios", "en", "None of these boxes applies to a post about your pay", None, "qc"),
    ("N-US-2", "us", "educational", "scenarios", "fr", "Aucune de ces cases ne vise une publication sur votre salaire",
     None, "fr"),
    ("N-US-4", "us", "balanced", "policy", "en", "reporting a possible violation of law to a government agency",
     None, "qc"),
    ("N-US-4", "us", "restrictive", "policy", "fr", "Occupational Safety and Health Act, article 11(c)", None, "qc"),
    ("N-US-4", "us", "balanced", "policy", "en", "SEC Rule 21F-17", None, "generic"),
    ("N-US-4", "us", "educational", "at-a-glance", "en", "or a report to a government agency", None, "qc"),
    ("N-US-5", "us", "balanced", "private-life", "en", "never with your exchanges about pay, hours or working",
     None, "qc"),
    ("N-US-7", "us", "restrictive", "at-a-glance", "en", "Don't present your personal posts as the company's position",
     "could pass for a position", None),
    ("N-US-14", "us", "educational", "policy", "en", "within section 7 (Confidentiality) of this policy", None, None),
    ("N-QC-1", "qc", "balanced", "at-a-glance", "fr", "ne se publie qu'avec l'accord du client",
     "et celui de la personne responsable des médias sociaux", None),
    ("N-QC-1", "qc", "balanced", "at-a-glance", "en", "is posted only with the client's consent",
     "and of the social media lead", None),
    ("N-QC-1", "qc", "balanced", "conduct", "en", "photographed with the client's agreement",
     "photographed without the address or the owners' faces", None),
    ("QC-2", "qc", "balanced", "private-life", "fr", "Votre temps libre en ligne vous appartient", None, None),
    ("X-1", "generic", "balanced", "private-life", "en", "Your free time online is yours", None, None),
    ("N-X-1", "qc", "restrictive", "index", "fr", "Le reste n'a pas besoin d'approbation",
     "quoi que ce soit qui la concerne", None),
    ("N-X-1", "us", "restrictive", "index", "en", "Nothing else needs approval", "anything about it", None),
    ("N-X-1", "fr", "restrictive", "index", "fr", "ce qui parle en son nom", "quoi que ce soit", None),
    ("N-FR-1", "fr", "balanced", "policy", "fr", "ne peut justifier une sanction disciplinaire que s'il constitue un "
     "manquement à une obligation de votre contrat", None, "qc"),
    ("N-FR-1", "fr", "balanced", "policy", "fr", "22 déc. 2023, n° 21-11.330", None, "qc"),
    ("N-FR-1", "fr", "restrictive", "private-life", "fr", "ne peut être sanctionné que s'il manque à une obligation",
     None, "qc"),
    ("N-FR-3", "fr", "balanced", "policy", "en", "General Data Protection Regulation (GDPR), article 7(3)", None, "qc"),
    ("N-FR-4", "fr", "balanced", "policy", "fr", "dans une entreprise de 50 salariés ou plus, le", None, None),
    ("N-FR-7", "fr", "restrictive", "policy", "fr", "sauf urgence personnelle", None, "qc"),
    ("N-FR-8", "fr", "balanced", "policy", "fr", "article L2281-1", None, "qc"),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    "finding, jurisdiction, approach, page, lang, now, before, elsewhere", FINDINGS, ids=[f[0] for f in FINDINGS]
)
def test_finding_of_the_third_legal_review_is_fixed(build_company, finding, jurisdiction, approach, page, lang, now,
                                                    before, elsewhere):
    site = build_company(approach=approach, jurisdiction=jurisdiction)
    assert site.returncode == 0, site.log
    text = site.text(page, lang)
    assert now in text, f"{finding}: {now!r} missing from {page} ({lang})"
    if before is not None:
        assert before not in text, f"{finding}: {page} ({lang}) still says {before!r}"
    if elsewhere is not None:  # negative control: the text is not where it does not belong
        other = build_company(approach=approach, jurisdiction=elsewhere)
        assert now not in other.text(page, lang)


OLD_BOX = re.compile(r"real harm|tort réel|owe the company loyalty|devez aussi de la loyauté")


@pytest.mark.slow
@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_the_private_life_box_states_no_rule_the_page_contradicts(build_company, jurisdiction):
    """QC-2, X-1, N-US-5: the box drew its own "harm" test and a loyalty duty; now it says what its clauses say."""
    site = build_company(jurisdiction=jurisdiction)
    for lang in LANGS:
        box = site.article("private-life", lang).select_one(".admonition")
        assert OLD_BOX.search(box.get_text(" ")) is None, (jurisdiction, lang)
        assert len(box.select('a[href^="policy.html#c-"]')) == len(box.select("li"))  # each bullet names its clause
    assert OLD_BOX.search("Your freedom stops where someone else suffers real harm.")  # the detector works


def _region(value):
    def change(data):
        data["jurisdiction"] = "us"
        data["company"]["region"] = value
    return change


@pytest.mark.slow
def test_in_montana_neither_the_policy_nor_the_signed_form_says_at_will(build_company):
    montana = build_company(_region("MT"), key="region-MT")
    vermont = build_company(_region("VT"), key="region-VT")
    assert montana.returncode == 0, montana.log
    for lang, at_will in (("en", "at will"), ("fr", "« at will »")):
        for page in ("policy", "acknowledgement"):
            assert at_will not in montana.text(page, lang), (page, lang)
            assert at_will in vermont.text(page, lang), (page, lang)  # negative control: elsewhere it stays
        assert "this policy is not an employment contract" in montana.text("acknowledgement", "en")
    assert "Mont. Code Ann. § 39-2-904" in montana.text("policy", "en")
    assert "39-2-904" not in vermont.text("policy", "en")


@pytest.mark.slow
def test_health_policy_states_professional_secrecy_in_quebec(build_company):
    clinic = build_company(jurisdiction="qc", sector="health")
    trades = build_company(jurisdiction="qc")
    assert clinic.returncode == 0, clinic.log
    assert "professional secrecy applies as well" in clinic.text("policy", "en")  # N-QC-4
    assert "Professional Code" in clinic.text("policy", "en")
    assert "professional secrecy applies as well" not in trades.text("policy", "en")


# --- Published pages: no configuration words, clause numbers explained, legal questions ------------------------

CONFIG_WORDS = re.compile(r"company\.yml|company\.region|COMPANY_FILE|Version in force|Version en vigueur")


@pytest.mark.slow
@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_no_published_page_shows_a_configuration_word(build_company, jurisdiction):
    site = build_company(jurisdiction=jurisdiction)
    assert site.returncode == 0, site.log
    for lang in site.languages:
        for page in site.pages(lang):
            found = CONFIG_WORDS.search(site.text(page, lang))
            assert found is None, (page, lang, found and found.group(0))
    # negative control: the detector catches the words it hunts
    assert CONFIG_WORDS.search("Set company.region in company.yml") is not None


@pytest.mark.slow
@pytest.mark.parametrize("approach, jurisdiction", [(a, j) for a in APPROACHES for j in ("qc", "us")] +
                         [("balanced", "fr"), ("balanced", "generic")])
def test_skipped_clause_numbers_are_explained_once_where_the_policy_starts(build_company, approach, jurisdiction):
    site = build_company(approach=approach, jurisdiction=jurisdiction)
    for lang in LANGS:
        html = site.html("policy", lang)
        missing = missing_numbers(extract_clauses(html))
        notes = site.article("policy", lang).select(".policy-clause-gaps")
        if not missing:
            assert notes == []
            continue
        assert len(notes) == 1, (approach, jurisdiction, lang)
        said = re.findall(r"§\s?([0-9]+\.[0-9]+)", notes[0].get_text().split(")")[0])
        assert said == missing
        first_clause = site.article("policy", lang).select_one("a.clause-ref")
        assert notes[0].sourceline < first_clause.sourceline  # said where the policy starts, before § 1.1


def test_missing_numbers_finds_only_the_gaps():
    assert missing_numbers({"1.1": "", "1.2": "", "1.4": "", "2.1": "", "2.3": ""}) == ["1.3", "2.2"]
    assert missing_numbers({"1.1": "", "1.2": "", "2.1": ""}) == []


def _no_legal(data):
    del data["contacts"]["legal"]


@pytest.mark.slow
def test_without_a_legal_contact_legal_questions_go_to_management_who_will_consult_a_lawyer(build_company,
                                                                                               example_site):
    site = build_company(_no_legal, key="no-legal-contact")
    assert site.returncode == 0, site.log
    management = site.article("index", "en")  # the name as the pages print it
    for lang, consult, as_lawyer in (("en", "who will consult a lawyer", "For a legal question, write to"),
                                     ("fr", "qui consultera un avocat", "Pour une question juridique, écrivez à")):
        for page in site.pages(lang):
            text = site.text(page, lang)
            assert as_lawyer not in text, (page, lang)
            if site.article(page, lang).select(".policy-legal-notice"):
                assert consult in text, (page, lang)
        # negative control: with a legal contact, the notice sends legal questions to that person
        assert as_lawyer in example_site.text("policy", lang)
        assert consult not in example_site.text("policy", lang)
    assert management is not None


def test_the_data_file_is_read_like_the_company_file_with_the_line_of_each_problem(tmp_path):
    from macros.company.kitfile import KitFileError, load_kit_file
    from macros.law.rules import PolicyRules, rule_problems

    text = POLICY_DATA.read_text(encoding="utf-8")
    broken = tmp_path / "policy.yml"
    broken.write_text(text.replace('also: ["7.6"]', 'also: ["9.9"]', 1), encoding="utf-8")
    with pytest.raises(KitFileError) as error:
        load_kit_file(broken, PolicyRules, check=rule_problems)
    message = str(error.value)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if 'also: ["7.6"]' in row)
    assert "§ 9.9, which is not in clauses" in message and f"line {line}" in message, message
    assert load_kit_file(POLICY_DATA, PolicyRules, check=rule_problems)  # negative control: the kit's file reads
