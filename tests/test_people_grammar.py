"""People in two roles, and every sentence agreeing with the nouns a sector or an override chooses.

A table of nouns (masculine, feminine, starting with a vowel, plural) is run through the grammar (the `np`,
`pron` and `agree` filters' functions, macros/language/grammar.py), then through every page that names people:
two real builds whose `overrides.people` use those nouns, read for a determiner, an adjective or a pronoun that
does not agree."""

from __future__ import annotations

import re

import pytest

from macros.language.grammar import Noun, french_adjective, noun_phrase, pronoun

CLIENT = Noun("client", "clients", "m")
FAMILLE = Noun("famille", "familles", "f")
ENFANT = Noun("enfant", "enfants", "m")
USAGERE = Noun("usagère", "usagères", "f")

TABLE = [
    # (noun, determiner, options, expected) for the four kinds of noun
    (CLIENT, "un", {"after": "mécontent"}, "un client mécontent"),
    (FAMILLE, "un", {"after": "mécontent"}, "une famille mécontente"),
    (ENFANT, "un", {"after": "mécontent"}, "un enfant mécontent"),
    (USAGERE, "un", {"after": "mécontent"}, "une usagère mécontente"),
    (CLIENT, "le", {}, "le client"),
    (FAMILLE, "le", {}, "la famille"),
    (ENFANT, "le", {}, "l'enfant"),
    (USAGERE, "le", {}, "l'usagère"),
    (CLIENT, "du", {}, "du client"),
    (FAMILLE, "du", {}, "de la famille"),
    (ENFANT, "du", {}, "de l'enfant"),
    (USAGERE, "du", {}, "de l'usagère"),
    (CLIENT, "au", {}, "au client"),
    (ENFANT, "au", {}, "à l'enfant"),
    (FAMILLE, "d'un", {}, "d'une famille"),
    (CLIENT, "ce", {}, "ce client"),
    (ENFANT, "ce", {}, "cet enfant"),
    (FAMILLE, "ce", {}, "cette famille"),
    (CLIENT, "de", {"before": "vrai", "plural": True}, "de vrais clients"),
    (FAMILLE, "de", {"before": "vrai", "plural": True}, "de vraies familles"),
    (FAMILLE, "de", {"before": "nouveau", "plural": True}, "de nouvelles familles"),
    (ENFANT, "de", {"before": "nouveau", "plural": True}, "de nouveaux enfants"),
    (ENFANT, "un", {"before": "nouveau"}, "un nouvel enfant"),
    (FAMILLE, "le", {"before": "ancien"}, "l'ancienne famille"),
    (CLIENT, "le", {"before": "ancien"}, "l'ancien client"),
    (USAGERE, "", {"after": "satisfait"}, "usagère satisfaite"),
    (ENFANT, "le", {"after": "satisfait", "plural": True}, "les enfants satisfaits"),
    (USAGERE, "le", {"after": "satisfait", "plural": True}, "les usagères satisfaites"),
]


@pytest.mark.parametrize("noun, determiner, options, expected", TABLE)
def test_french_noun_phrases_agree(noun, determiner, options, expected):
    assert noun_phrase(noun, "fr", determiner, **options) == expected


@pytest.mark.parametrize(
    "noun, expected",
    [
        (Noun("client", "clients"), "an unhappy client"),
        (Noun("owner", "owners"), "an unhappy owner"),
    ],
)
def test_english_adjective_before_takes_an(noun, expected):
    assert noun_phrase(noun, "en", "a", before="unhappy") == expected


@pytest.mark.parametrize(
    "noun, expected",
    [
        (Noun("client", "clients"), "a client"),
        (Noun("owner", "owners"), "an owner"),
        (Noun("hour", "hours"), "an hour"),
        (Noun("user", "users"), "a user"),
        (Noun("member", "members"), "a member"),
    ],
)
def test_english_a_or_an(noun, expected):
    assert noun_phrase(noun, "en", "a") == expected


@pytest.mark.parametrize(
    "noun, case, plural, expected",
    [
        (CLIENT, "direct", False, "le"), (FAMILLE, "direct", False, "la"), (FAMILLE, "direct", True, "les"),
        (CLIENT, "stressed", False, "lui"), (FAMILLE, "stressed", False, "elle"), (FAMILLE, "stressed", True, "elles"),
        (CLIENT, "subject", True, "ils"), (USAGERE, "subject", True, "elles"),
        (CLIENT, "one", False, "un"), (FAMILLE, "one", False, "une"),
    ],
)
def test_pronouns_agree(noun, case, plural, expected):
    assert pronoun(noun, "fr", case, plural) == expected


def test_adjectives_agree():
    assert [french_adjective("mécontent", g, p) for g in "mf" for p in (False, True)] == [
        "mécontent", "mécontents", "mécontente", "mécontentes"]
    assert french_adjective("inquiet", "f", False) == "inquiète"
    assert french_adjective("premier", "f", True) == "premières"
    assert french_adjective("nouveau", "m", True) == "nouveaux"


def test_unknown_determiner_is_refused():
    with pytest.raises(ValueError, match="unknown French determiner"):
        noun_phrase(CLIENT, "fr", "des le")


# --- Every page: two builds with the table's nouns as the people served and those we talk to --------------

PEOPLE = {
    # served / talked to: (fr noun, en noun)
    "feminine": {
        "one": {"fr": "famille", "en": "family"}, "many": {"fr": "familles", "en": "families"}, "gender": "f",
        "talk_to": {"one": {"fr": "usagère", "en": "owner"}, "many": {"fr": "usagères", "en": "owners"}, "gender": "f"},
    },
    "vowel": {
        "one": {"fr": "enfant", "en": "infant"}, "many": {"fr": "enfants", "en": "infants"}, "gender": "m",
        "talk_to": {"one": {"fr": "parent", "en": "parent"}, "many": {"fr": "parents", "en": "parents"}, "gender": "m"},
    },
}


def disagreements(text: str, noun: Noun, vowel: bool) -> list[str]:
    """French: a determiner, an adjective or a pronoun that does not agree with the noun."""
    one, many = re.escape(noun.one), re.escape(noun.many)
    patterns = []
    if noun.gender == "f":
        patterns += [rf"\b(un|le|du|au|ce|cet|aucun|nouveau|ancien|vrai)\s+{one}\b",
                     rf"\b{one}\s+(mécontent|satisfait)(?!e)\b",
                     rf"\bde\s+(vrais|nouveaux)\s+{many}\b", rf"\b{many}\s+(mécontents|satisfaits)\b"]
    else:
        patterns += [rf"\b(une|la|cette|aucune)\s+{one}\b", rf"\b{one}\s+(mécontente|satisfaite)\b"]
    if vowel:
        patterns += [rf"\b(le|la|de|du|ce|que)\s+{one}\b", rf"\b(de|que)\s+{many}\b"]
    return [m.group(0) for p in patterns for m in re.finditer(p, text, re.IGNORECASE)]


def english_disagreements(text: str, one: str) -> list[str]:
    wrong = "a" if one[0] in "aeiou" else "an"
    return [m.group(0) for m in re.finditer(rf"\b{wrong}\s+{re.escape(one)}\b", text)]


def test_disagreement_check_can_fail():
    assert disagreements("Une famille mécontent et de vrais familles.", FAMILLE, False) == [
        "famille mécontent", "de vrais familles"]
    assert disagreements("le enfant, du enfant, une enfant", ENFANT, True) == ["une enfant", "le enfant", "du enfant"]
    assert english_disagreements("a owner and an family", "owner") == ["a owner"]


@pytest.fixture(scope="module")
def people_sites(build_company):
    sites = {}
    for key, people in PEOPLE.items():
        site = build_company(lambda d, p=people: d.setdefault("overrides", {}).update(people=p), key=f"people-{key}")
        assert site.returncode == 0, site.log
        sites[key] = site
    return sites


@pytest.mark.slow
@pytest.mark.parametrize("key", list(PEOPLE))
def test_every_page_agrees_with_the_people_chosen(people_sites, key):
    site, people = people_sites[key], PEOPLE[key]
    nouns = [(Noun(people["one"]["fr"], people["many"]["fr"], people["gender"]), people["one"]["en"])]
    talk = people["talk_to"]
    nouns.append((Noun(talk["one"]["fr"], talk["many"]["fr"], talk["gender"]), talk["one"]["en"]))
    found = []
    for page in site.pages("fr"):
        text = site.text(page, "fr")
        for noun, _ in nouns:
            found += [f"fr/{page}: {w}" for w in disagreements(text, noun, noun.one[0] in "aeiouéèêh")]
    for page in site.pages("en"):
        text = site.text(page, "en")
        for _, english in nouns:
            found += [f"en/{page}: {w}" for w in english_disagreements(text, english)]
    assert found == []


@pytest.mark.slow
def test_the_people_we_talk_to_are_named_where_they_write_and_review(people_sites):
    """Reviews and complaints come from those we talk to (the parents), not from those we serve (the children)."""
    site = people_sites["vowel"]
    monitoring = site.text("monitoring", "fr")
    assert "Parent mécontent" in monitoring and "Enfant mécontent" not in monitoring
    assert "Unhappy parent" in site.text("monitoring", "en")
    assert "de vrais parents" in site.text("mistakes", "fr")
