"""Sectors as data: every sector file fills every slot in both languages, and a site of one sector never
speaks the vocabulary of another. Practices, overrides, contacts (HR, privacy) and confidential clients."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from pydantic import BaseModel

from conftest import LANGS, Site, example_data, write_company
from macros.company.loader import CompanyFileError, read_company_file
from macros.company.schema import Localized
from macros.company.sector import SECTORS_DIR, SectorData, check_placeholders

SECTOR_FILES = sorted(SECTORS_DIR.glob("*.yml"))
SECTORS = [file.stem for file in SECTOR_FILES]


def sector_data(name: str) -> dict[str, Any]:
    return yaml.safe_load((SECTORS_DIR / f"{name}.yml").read_text(encoding="utf-8"))


def empty_slots(value: Any, path: str = "") -> Iterator[str]:
    """Every text left empty, in either language, and every list left empty (vocabulary aside)."""
    if isinstance(value, Localized):
        for lang in LANGS:
            if not getattr(value, lang).strip():
                yield f"{path}.{lang}"
    elif isinstance(value, BaseModel):
        for key in type(value).model_fields:
            if key == "vocabulary":
                continue
            yield from empty_slots(getattr(value, key), f"{path}.{key}".lstrip("."))
    elif isinstance(value, list):
        if not value and not path.endswith(("requires", "vocabulary")):
            yield path
        for index, item in enumerate(value):
            yield from empty_slots(item, f"{path}[{index}]")
    elif isinstance(value, str) and not value.strip():
        yield path


def test_sectors_are_discovered():
    """The tests below cover whatever sector files exist; trades and generic are the kit's own."""
    assert {"trades", "generic"} <= set(SECTORS)


@pytest.mark.parametrize("name", SECTORS)
def test_sector_file_validates_and_fills_every_slot(name):
    model = SectorData.model_validate(sector_data(name))
    check_placeholders(model)
    assert list(empty_slots(model)) == []
    always = [s for s in model.scenarios if not s.requires]
    assert len(always) >= 8, f"{name}: at least 8 scenarios must require no practice"
    ids = [s.id for s in model.scenarios]
    assert len(ids) == len(set(ids)), f"{name}: scenario ids repeat"
    for scenario in model.scenarios:
        assert sum(choice.correct for choice in scenario.question.choices) == 1, f"{name}: {scenario.id}"
        assert scenario.title.fr != scenario.title.en, f"{name}: {scenario.id} title not translated"


def test_empty_slot_is_caught():
    """Negative control: an empty text is refused when the file loads, and the walker names what slips by."""
    from pydantic import ValidationError

    data = sector_data("trades")
    data["mistakes"]["anger"]["en"] = " "
    with pytest.raises(ValidationError, match="mistakes.anger.en"):
        SectorData.model_validate(data)
    model = SectorData.model_validate(sector_data("trades"))
    blank = Localized.model_construct(fr="x", en=" ")
    broken = model.model_copy(
        update={"mistakes": model.mistakes.model_copy(update={"anger": blank}), "routine_posts": []}
    )
    assert sorted(empty_slots(broken)) == ["mistakes.anger.en", "routine_posts"]
    assert list(empty_slots(model)) == []


@pytest.mark.parametrize("name", SECTORS)
def test_vocabulary_is_lowercase_and_specific(name):
    vocabulary = sector_data(name)["vocabulary"]
    for lang in LANGS:
        for word in vocabulary[lang]:
            assert word == word.lower().strip(), f"{name}: {word!r}"
            assert word not in {"client", "clients", "photo", "équipe", "team"}, f"{name}: {word!r} is not sector-specific"


# --- One build per sector: the root company with its sector switched --------------------------------


def neutral_company(sector: str) -> dict[str, Any]:
    """The example company with `sector` switched, and its own free text made sector-neutral (its values
    speak of job sites): what remains on the pages comes from the kit and the sector file."""
    data = copy.deepcopy(example_data())
    data["sector"] = sector
    data["company"]["description"] = {"fr": "Une petite entreprise", "en": "A small business"}
    for value in data["values"]:
        value["meaning"] = {"fr": "Ce que nous faisons, nous le faisons bien.", "en": "What we do, we do well."}
    for account in data["official_accounts"]:
        account.pop("purpose", None)
    return data


@pytest.fixture(scope="module")
def sector_sites(tmp_path_factory) -> dict[str, Site]:
    from conftest import run_build

    sites = {}
    for sector in SECTORS:
        folder = tmp_path_factory.mktemp(f"sector-{sector}")
        site = run_build(folder / "site", write_company(folder / "input", neutral_company(sector)))
        assert site.returncode == 0, site.log
        sites[sector] = site
    return sites


def words_found(site: Site, words: list[str], lang: str) -> list[str]:
    found = []
    for page in site.pages(lang):
        text = site.text(page, lang).lower()
        for word in words:
            if re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text):
                found.append(f"{page}: {word}")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("sector", SECTORS)
def test_no_word_of_another_sector(sector_sites, sector):
    site = sector_sites[sector]
    for other in SECTORS:
        if other == sector:
            continue
        vocabulary = sector_data(other)["vocabulary"]
        for lang in LANGS:
            assert words_found(site, vocabulary[lang], lang) == [], f"{sector} site uses {other} words ({lang})"


@pytest.mark.slow
def test_vocabulary_check_can_fail(sector_sites):
    """Negative control: the trades site does use trades words, so the check above sees them."""
    vocabulary = sector_data("trades")["vocabulary"]
    for lang in LANGS:
        assert words_found(sector_sites["trades"], vocabulary[lang], lang)


@pytest.mark.slow
@pytest.mark.parametrize("sector", SECTORS)
def test_scenarios_page_shows_the_sectors_scenarios(sector_sites, sector):
    model = SectorData.model_validate(sector_data(sector))
    site = sector_sites[sector]
    practices = read_company_file_for(neutral_company(sector)).practices_in_effect
    for scenario in model.scenarios:
        shown = all(getattr(practices, name) for name in scenario.requires)
        article = site.article("scenarios", "en")
        assert (article.find(id=scenario.id) is not None) == shown, scenario.id
    assert site.soup("scenarios", "fr").find(id="self-check") is not None
    for lang in LANGS:  # every case links to its guide page (a missing [guide-...] reference shows as text)
        assert "[guide-" not in site.text("scenarios", lang)


def read_company_file_for(data: dict[str, Any], tmp: Path | None = None):
    import tempfile

    folder = Path(tempfile.mkdtemp()) if tmp is None else tmp
    return read_company_file(write_company(folder, data))


@pytest.mark.slow
def test_policy_sections_map_matches_the_policy_page(build_company):
    """The scenarios page links each case to its policy section through one map (macros/company/sector.py)."""
    from macros.company.sector import POLICY_SECTIONS

    site = build_company(key="example")
    for lang in LANGS:
        policy = site.soup("policy", lang)
        for key, section in POLICY_SECTIONS.items():
            heading = policy.find(id=key)
            assert heading is not None, key
            title = heading.get_text(" ").replace("¶", "").strip()
            assert title == f"{section['number']}. {section[lang]}", (lang, key, title)


# --- Practices, contacts, overrides --------------------------------------------------------------------


@pytest.mark.slow
def test_no_human_resources_without_an_hr_contact(build_company):
    def without_hr(data):
        del data["contacts"]["hr"]
        for account in data["official_accounts"]:
            if account["managed_by"] == "hr":
                account["managed_by"] = "management"

    site = build_company(without_hr, key="no-hr")
    assert site.returncode == 0, site.log
    for lang, phrase in (("fr", "ressources humaines"), ("en", "human resources")):
        assert [p for p in site.pages(lang) if phrase in site.text(p, lang).lower()] == []
    # negative control: the example company has an HR contact, and the resources page names the role
    with_hr = build_company(key="example")
    assert "ressources humaines" in with_hr.text("resources", "fr").lower()
    assert "human resources" in with_hr.text("resources", "en").lower()


@pytest.mark.slow
def test_privacy_contact_on_resources_and_in_policy(build_company):
    email = "vieprivee@renovationsboreal.example"
    site = build_company(key="example")
    for lang in LANGS:
        assert email in site.text("resources", lang) and email in site.text("policy", lang)
    assert "Loi 25" in site.text("policy", "fr") and "Law 25" in site.text("policy", "en")
    without = build_company(lambda d: d["contacts"].pop("privacy"), key="no-privacy")
    assert without.returncode == 0, without.log
    for lang in LANGS:
        assert email not in without.text("resources", lang) and email not in without.text("policy", lang)
    assert "Loi 25" not in without.text("policy", "fr")


@pytest.mark.slow
def test_practices_switch_sentences(build_company):
    """Vehicles and clothing off: no lettered vehicle, no clothing section, no party-photo scenario."""

    def off(data):
        data["practices"] = {"vehicles": False, "branded_clothing": False, "password_manager": False}

    site = build_company(off, key="practices-off")
    assert site.returncode == 0, site.log
    conduct = site.soup("conduct", "fr")
    assert conduct.find(id="lettered-vehicle") is None and conduct.find(id="company-clothing") is None
    assert site.soup("scenarios", "en").find(id="party-photo") is None
    assert "password manager" not in site.text("official-accounts", "en").lower()
    # negative control: the example company has them
    example = build_company(key="example")
    assert example.soup("conduct", "fr").find(id="lettered-vehicle") is not None
    assert example.soup("scenarios", "en").find(id="party-photo") is not None
    assert "password manager" in example.text("official-accounts", "en").lower()


@pytest.mark.slow
def test_minors_on_staff_brings_photo_consent(build_company):
    site = build_company(lambda d: d.update(practices={"minors_on_staff": True}), key="minors")
    assert site.returncode == 0, site.log
    assert "14 ans" in site.text("official-accounts", "fr") and "aged 14" in site.text("official-accounts", "en")
    # the photo rule for children (parent or tutor under 14) shows in every Quebec build; the bullet for
    # employees under 18 only with minors on staff
    assert "Pour un employé mineur" in site.text("official-accounts", "fr")
    assert "Pour un employé mineur" not in build_company(key="example").text("official-accounts", "fr")


@pytest.mark.slow
def test_override_wins(build_company):
    def override(data):
        data["overrides"] = {"poster_place": {"fr": "au dépôt de Magog", "en": "at the Magog depot"}}

    site = build_company(override, key="override-poster")
    assert site.returncode == 0, site.log
    assert "au dépôt de Magog" in site.text("at-a-glance", "fr")
    assert "at the Magog depot" in site.text("at-a-glance", "en")
    assert "à l'atelier" not in site.text("at-a-glance", "fr")


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"poster_place": {"fr": "au dépôt"}}, ["overrides.poster_place.en is missing", "macros/company/sectors/trades.yml"]),
        ({"poster_plce": "x"}, ["overrides.poster_plce", 'Did you mean "poster_place"?']),
        ({"checklist": [{"text": "x", "level": "maybe"}]}, ["overrides.checklist[0].level is 'maybe'", "'ask' or 'stop'"]),
        ({"scenarios": []}, ["overrides.scenarios has the wrong number of items", "at least 8"]),
    ],
)
def test_bad_override_names_the_slot(tmp_path, overrides, expected):
    data = example_data()
    data["overrides"] = overrides
    file = write_company(tmp_path, data)
    with pytest.raises(CompanyFileError) as caught:
        read_company_file(file)
    message = str(caught.value)
    assert re.search(r"company\.yml, line \d+, column \d+: overrides", message), message
    for part in expected:
        assert part in message, message


# --- Confidential clients: replies never confirm that someone is a client/patient -----------------------

CONFIRMING = [
    r"\byour (treatment|visit|appointment|file|record|care|session|case|surgery|procedure|exam|cleaning)\b",
    r"\b(votre|vos) (traitement|visite|rendez-vous|dossier|soins|séance|consultation|examen|opération|nettoyage)\b",
    r"\b(as|when) (you were|you are) (our|a) (patient|client)\b",
    r"\bwe (treated|saw|examined) you\b",
    r"\bnous vous avons (traité|soigné|vu|reçu)\b",
]


def confirming_phrases(text: str) -> list[str]:
    return [m.group(0) for pattern in CONFIRMING for m in re.finditer(pattern, text, re.IGNORECASE)]


def test_confirming_phrase_check_can_fail():
    assert confirming_phrases("Thank you, we hope your treatment went well.") == ["your treatment"]
    assert confirming_phrases("Merci, votre rendez-vous est reporté.") == ["votre rendez-vous"]
    assert confirming_phrases("Thank you for writing; please call us so we can talk privately.") == []


@pytest.mark.parametrize(
    "name", [n for n in SECTORS if sector_data(n)["practices"]["confidential_clients"]] or ["(none yet)"]
)
def test_confidential_sector_replies_never_confirm(name):
    if name == "(none yet)":
        pytest.skip("no sector file has confidential_clients on yet (health.yml comes from another branch)")
    responses = sector_data(name)["responses"]
    for branch in ("crisis", "unhappy", "misinformed", "troll"):
        for lang in LANGS:
            reply = responses[branch]["reply"][lang]
            assert confirming_phrases(reply) == [], f"{name}: responses.{branch}.reply.{lang}"


@pytest.mark.slow
def test_monitoring_page_uses_the_non_confirming_branch(build_company):
    site = build_company(lambda d: d.update(practices={"confidential_clients": True}), key="confidential")
    assert site.returncode == 0, site.log
    fr, en = site.text("monitoring", "fr"), site.text("monitoring", "en")
    assert "Ne confirmez jamais" in fr and "Never confirm in public" in en
    assert "Reconnaissez :" not in fr.replace("\u00a0", " ") and "Acknowledge :" not in en
    # negative control: the example (trades) keeps the usual branch
    example = build_company(key="example")
    assert "Ne confirmez jamais" not in example.text("monitoring", "fr")


@pytest.mark.slow
@pytest.mark.skipif(not (SECTORS_DIR / "health.yml").exists(), reason="health.yml comes from another branch")
def test_health_in_quebec_cites_professional_secrecy(build_company):
    site = build_company(lambda d: d.update(sector="health"), key="health-qc")
    assert site.returncode == 0, site.log
    fr, en = site.text("monitoring", "fr"), site.text("monitoring", "en")
    cited = {lang: text.replace("( ", "(").replace(" )", ")") for lang, text in (("fr", fr), ("en", en))}  # links
    assert "Code des professions (article 60.4)" in cited["fr"] and "(article 9)" in cited["fr"]  # cite() forms
    assert "Professional Code (section 60.4)" in cited["en"] and "(section 9)" in cited["en"]
    unhappy = fr.split("Personne mal informée")[0]
    assert confirming_phrases(unhappy.split("Exemple de réponse")[-1]) == []
