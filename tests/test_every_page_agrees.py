"""Every page agrees with the people a company names: each page of docs/ rendered (Jinja only, no MkDocs build,
about 4 s a company) for companies whose people, those they talk to and noun are masculine, feminine,
vowel-initial and plural, in four jurisdictions, and read for a determiner, an adjective or an elision that
disagrees (the grammar itself: tests/test_people_grammar.py)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, example_company_files, example_data
from macros.company.loader import read_company_file
from macros.company.schema import CompanyFile
from pages_text import page_renderer, pages

# (French one, many, gender, English one, many)
NOUNS = {
    "client": ("client", "clients", "m", "client", "clients"),
    "famille": ("famille", "familles", "f", "family", "families"),
    "enfant": ("enfant", "enfants", "m", "child", "children"),
    "aînée": ("aînée", "aînées", "f", "elder", "elders"),
    "usager": ("usager", "usagers", "m", "user", "users"),
}


def english_indefinite(word: str) -> str:
    """a or an, by sound, for the nouns of the table."""
    return "an" if word[:1].lower() in "aeio" else "a"


# --- Every page, for a table of companies ------------------------------------------------------------------

# (people served, people talked to, company.noun, jurisdiction, practices); each noun of the table is served and dealt with at
# least once, every jurisdiction's paragraphs are read, and the practices that switch sentences on are on somewhere
ALL_ON = {"confidential_clients": True, "supervisors": True, "minors_on_staff": True, "business_development": True}
COMPANIES = [
    ("famille", "enfant", {"fr": "le CPE", "en": "the centre"}, "qc", ALL_ON),
    ("enfant", "famille", {"fr": "l'organisme", "en": "the organization"}, "fr", ALL_ON),
    ("aînée", "usager", {"fr": "la résidence", "en": "the residence"}, "us", {"workplaces": ["client_premises"]}),
    ("usager", "aînée", {"fr": "les Ateliers", "en": "the workshops"}, "generic", ALL_ON),
    ("client", "client", None, "qc", {"workplaces": ["client_premises", "office"], "vehicles": True}),
]


def people_data(key: str) -> dict:
    fr, fr_many, gender, en, en_many = NOUNS[key]
    return {"one": {"fr": fr, "en": en}, "many": {"fr": fr_many, "en": en_many}, "gender": gender}


def company_model(
    people: str, relations: str, org_noun: dict | None, jurisdiction: str = "qc", practices: dict | None = None
) -> CompanyFile:
    data = example_data()
    data["jurisdiction"] = jurisdiction
    data["company"].pop("region", None)
    data["practices"] = {**data.get("practices", {}), **(practices or {})}
    served = people_data(people)
    if relations != people:
        served["talk_to"] = people_data(relations)  # those we talk to (sector.people.talk_to)
    data["overrides"] = {**data.get("overrides", {}), "people": served}
    if org_noun:
        data["company"]["noun"] = org_noun
    return CompanyFile.model_validate(data)


MASCULINE_ADJ = ("mécontent", "satisfait", "fier", "seul", "reconnu", "concerné", "inquiet", "présent", "heureux")
FEMININE_ADJ = ("mécontente", "satisfaite", "fière", "seule", "reconnue", "concernée", "inquiète", "présente", "heureuse")
BEFORE_M = ("vrais", "nouveaux", "bons", "premiers", "seuls", "certains", "tous")
BEFORE_F = ("vraies", "nouvelles", "bonnes", "premières", "seules", "certaines", "toutes")


def french_mistakes(text: str, key: str | tuple) -> list[str]:
    """The sentences where a French determiner, adjective or elision disagrees with a noun of the table
    (or a noun given as (one, many, gender, English one, English many))."""
    one, many, gender, _, _ = NOUNS[key] if isinstance(key, str) else key
    vowel = one[0] in "aeiouéèêîôûâ"
    s, p = re.escape(one), re.escape(many)
    between = r"(?:les |nos |vos |ses |des |leurs )?"
    patterns = []
    if gender == "f":
        patterns += [
            rf"\b(un|le|du|au|ce|cet{'' if vowel else '|son'})\s+{s}\b",
            rf"\b{s}\s+({'|'.join(MASCULINE_ADJ)})\b",
            rf"\b{p}\s+({'|'.join(a + 's' if not a.endswith('x') else a for a in MASCULINE_ADJ)})\b",
            rf"\b({'|'.join(BEFORE_M)})\s+{between}{p}\b",
            rf"\b(nouveau|nouvel|vrai)\s+{s}\b",
        ]
    elif not one.endswith("e"):  # an epicene noun (membre, bénévole) agrees with a woman: "une membre signale"
        patterns += [
            rf"\b(une|la|cette|sa)\s+{s}\b",
            rf"\b{s}\s+({'|'.join(FEMININE_ADJ)})\b",
            rf"\b{p}\s+({'|'.join(a + 's' for a in FEMININE_ADJ)})\b",
            rf"\b({'|'.join(BEFORE_F)})\s+{between}{p}\b",
        ]
    if vowel:
        patterns += [
            rf"\b(le|la|de|que|du|ce|jusque|lorsque)\s+{s}\b",
            rf"\b(de|que)\s+{p}\b",
            rf"\bnouveau\s+{s}\b",
        ]
    else:
        patterns += [rf"\b[lLdDqQ]u?'\s?({s}|{p})\b", rf"\bcet\s+{s}\b"]
    found = []
    for pattern in patterns:
        for match in re.finditer(pattern, text, re.IGNORECASE):
            start = text.rfind(".", 0, match.start()) + 1
            found.append(text[start : text.find(".", match.end()) + 1].strip())
    return found


def english_mistakes(text: str, key: str | tuple) -> list[str]:
    _, _, _, one, _ = NOUNS[key] if isinstance(key, str) else key
    wrong = "a" if english_indefinite(one) == "an" else "an"
    return [m.group(0) for m in re.finditer(rf"\b{wrong}\s+{re.escape(one)}\b", text, re.IGNORECASE)]


@pytest.fixture(scope="module")
def rendered():
    """Every page in both languages, for each company of the table (about 3 s a company)."""
    monkeypatch = pytest.MonkeyPatch()
    texts = {}
    try:
        for people, relations, *rest in COMPANIES:
            render = page_renderer(company_model(people, relations, *rest), monkeypatch)
            texts[(people, relations)] = {(page, lang): render(page, lang) for page in pages() for lang in ("fr", "en")}
    finally:
        monkeypatch.undo()
    return texts


@pytest.mark.parametrize("people, relations", [c[:2] for c in COMPANIES], ids=[f"{c[0]}-{c[1]}" for c in COMPANIES])
def test_every_page_agrees_with_the_people(rendered, people, relations):
    problems = []
    for (page, lang), text in rendered[(people, relations)].items():
        for key in {people, relations}:
            mistakes = french_mistakes(text, key) if lang == "fr" else english_mistakes(text, key)
            problems += [f"{page}.{lang} ({key}): {m}" for m in mistakes]
    assert problems == []


def test_both_roles_reach_the_pages(rendered):
    """The people served and those you deal with both appear; the kit's default (client) does not."""
    texts = rendered[("enfant", "famille")]
    fr = " ".join(text for (page, lang), text in texts.items() if lang == "fr")
    en = " ".join(text for (page, lang), text in texts.items() if lang == "en")
    assert "enfant" in fr and "famille" in fr and "child" in en and "family" in en
    docs_words = " ".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs").glob("*.md"))
    assert not re.search(r"(?<![#-])\bclients?\b", re.sub(r"\{[{%#].*?[}%#]\}", "", docs_words, flags=re.S))


def test_mistake_checker_can_fail():
    """Negative control: the sentences the owners' review found are caught."""
    assert french_mistakes("Une famille mécontent écrit.", "famille")
    assert french_mistakes("Ce ne sont pas de vrais familles.", "famille")
    assert french_mistakes("Le nom de enfant.", "enfant")
    assert french_mistakes("Une enfant.", "enfant")
    assert english_mistakes("Ask a elder.", "aînée")
    assert not french_mistakes("Une famille mécontente écrit, d'un enfant.", "famille")


def test_no_page_decides_agreement_itself():
    """Agreement lives in macros/language/grammar.py: no page tests a noun's gender or spells both forms."""
    offenders = [
        f"{path.name}:{n}"
        for path in sorted([*(ROOT / "docs").glob("*.md"), *(ROOT / "macros" / "law" / "jurisdictions").glob("*.yml")])
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.gender\b|\"une\" if|'une' if|\"elle\" if", line)
    ]
    assert offenders == []




# --- names in sentences, on every French page ------------------------------------------------------------------


def names_company() -> CompanyFile:
    data = example_data()
    data["contacts"]["management"].update(name={"fr": "Dr Paul Roy", "en": "Dr. Paul Roy"}, title="Directeur général")
    data["contacts"]["social_media"].update(
        name={"fr": "Dre Anne Roy", "en": "Dr. Anne Roy"}, title={"fr": "Directrice administrative", "en": "Practice manager"}
    )
    data["contacts"].pop("legal", None)
    data["front_page_test"] = {"newspaper": "Ottawa Citizen"}
    data["company"].update(name="CPE Les Petits Pas", article="le", noun={"fr": "le CPE", "en": "the centre"})
    return CompanyFile.model_validate(data)


WRONG_NAMES_FR = [
    r"\b(à|de) le Dr\b",  # au Dr, du Dr
    r"(?<!la )(?<!La )(?<!: )\bDre Anne Roy\b",  # always "la Dre" (a list's "Facebook : Dre Anne Roy" aside)
    r"(?<!le )(?<!Le )(?<!au )(?<!du )(?<!Au )(?<!Du )(?<!: )\bDr Paul Roy\b",
    r"\bde Ottawa\b|\bd'Ottawa\b|\bà Ottawa Citizen\b",
    r"\bchez le CPE\b|\bchez (le |)CPE Les\b",
    r"Roy, Directr",  # a title capitalized in a sentence
]


def test_names_read_right_in_every_french_page():
    monkeypatch = pytest.MonkeyPatch()
    try:
        render = page_renderer(names_company(), monkeypatch)
        texts = {page: render(page, "fr") for page in pages()}
    finally:
        monkeypatch.undo()
    problems = [
        f"{page}: {text[max(0, m.start() - 60) : m.end() + 30]}"
        for page, text in texts.items()
        for pattern in WRONG_NAMES_FR
        for m in re.finditer(pattern, text)
    ]
    assert problems == []
    everything = " ".join(texts.values())
    assert "la Dre Anne Roy" in everything and "du Ottawa Citizen" in everything


def test_name_checker_can_fail():
    for sample in ["approuvée par Dre Anne Roy.", "Alertez Dre Anne Roy.", "en première page de Ottawa Citizen",
                   "parlez-en à Dre Anne Roy, Directrice administrative", "je travaille chez le CPE",
                   "écrivez à le Dr Paul Roy"]:
        assert any(re.search(pattern, sample) for pattern in WRONG_NAMES_FR), sample


# --- the example companies pass the same checks ----------------------------------------------------------------

DEFAULT_NOUN = {"fr": re.compile(r"\b[lL]['’]entreprise\b"), "en": re.compile(r"\b[Tt]he company\b")}


def noun_tuple(group) -> tuple:
    return (group.one.fr, group.many.fr, group.gender, group.one.en, group.many.en)


@pytest.mark.parametrize("file", example_company_files(), ids=lambda f: f.parent.name)
def test_example_companies_agree_and_name_themselves(file):
    model = read_company_file(file)
    monkeypatch = pytest.MonkeyPatch()
    try:
        render = page_renderer(model, monkeypatch)
        texts = {(page, lang): render(page, lang) for page in pages() for lang in model.languages}
    finally:
        monkeypatch.undo()
    people = model.sector_data.people
    nouns = {noun_tuple(people), noun_tuple(people.audience)}
    own_noun = model.noun_text("fr") != "l'entreprise"
    problems = []
    for (page, lang), text in texts.items():
        for noun in nouns:
            mistakes = french_mistakes(text, noun) if lang == "fr" else english_mistakes(text, noun)
            problems += [f"{page}.{lang}: {m}" for m in mistakes]
        if own_noun and page != "lawyer":
            problems += [f"{page}.{lang}: …{text[max(0, m.start() - 60):m.end() + 20]}…" for m in DEFAULT_NOUN[lang].finditer(text)]
    assert problems == []
