"""Names in sentences: French articles, elision and contraction, English "the" (macros/language/grammar.py), and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.language.grammar import NamePhrase, capitalize_first, english, french, parse_english, parse_french
from macros.company.site import format_day

COMPANIES = [
    # (article, name, elision, preposition, expected)
    (None, "Atelier Lumen", None, "de", "d'Atelier Lumen"),  # vowel: elision
    (None, "Atelier Lumen", None, "que", "qu'Atelier Lumen"),
    (None, "Hôtel Bellevue", None, "de", "d'Hôtel Bellevue"),  # mute h: elision
    (None, "Hachette Livre", False, "de", "de Hachette Livre"),  # aspirated h: elision false
    (None, "Hachette Livre", False, "que", "que Hachette Livre"),
    ("le", "Groupe Roy", None, "de", "du Groupe Roy"),  # le: contraction
    ("le", "Groupe Roy", None, "à", "au Groupe Roy"),
    ("le", "Groupe Roy", None, "que", "que le Groupe Roy"),
    ("le", "Groupe Roy", None, "", "le Groupe Roy"),
    ("la", "Clinique des Saules", None, "de", "de la Clinique des Saules"),
    ("la", "Clinique des Saules", None, "à", "à la Clinique des Saules"),
    ("la", "Clinique des Saules", None, "chez", "à la Clinique des Saules"),
    ("le", "Slow Rise Café", None, "chez", "au Slow Rise Café"),
    ("l'", "Atelier du Bois", None, "de", "de l'Atelier du Bois"),
    ("le", "Atelier du Bois", None, "à", "à l'Atelier du Bois"),  # le before a vowel becomes l'
    ("les", "Jardins Fleuris", None, "de", "des Jardins Fleuris"),  # plural
    ("les", "Jardins Fleuris", None, "à", "aux Jardins Fleuris"),
    ("les", "Jardins Fleuris", None, "pour", "pour les Jardins Fleuris"),
    (None, "Rénovations Boréal", None, "de", "de Rénovations Boréal"),  # no article, consonant
    (None, "Rénovations Boréal", None, "chez", "chez Rénovations Boréal"),
]


@pytest.mark.parametrize("article, name, elision, preposition, expected", COMPANIES)
def test_company_names_in_french(article, name, elision, preposition, expected):
    assert french(NamePhrase(article, name, elision=elision), preposition) == expected


def test_company_names_in_english():
    assert english(NamePhrase(None, "Atelier Lumen"), "at") == "at Atelier Lumen"
    assert english(NamePhrase(None, "Green Mountain Landscaping"), "of") == "of Green Mountain Landscaping"


NEWSPAPERS_FR = [
    ("Le Soleil", "de", "du Soleil"),
    ("Le Soleil", "à", "au Soleil"),
    ("Le Soleil", "", "Le Soleil"),
    ("La Presse", "de", "de La Presse"),
    ("Les Échos", "de", "des Échos"),
    ("Les Échos", "à", "aux Échos"),
    ("L'Équipe", "de", "de L'Équipe"),
    ("La Tribune", "de", "de La Tribune"),
    ("Ouest-France", "de", "d'Ouest-France"),
    ("Devoir", "de", "de Devoir"),
]


@pytest.mark.parametrize("newspaper, preposition, expected", NEWSPAPERS_FR)
def test_newspapers_in_french(newspaper, preposition, expected):
    assert french(parse_french(newspaper), preposition) == expected


NEWSPAPERS_EN = [
    ("The Boston Globe", None, "of", "of The Boston Globe"),
    ("Boston Globe", None, "of", "of the Boston Globe"),
    ("Boston Globe", None, "", "the Boston Globe"),
    ("USA Today", "none", "of", "of USA Today"),
    ("La Tribune", "none", "of", "of La Tribune"),
]


@pytest.mark.parametrize("newspaper, article, preposition, expected", NEWSPAPERS_EN)
def test_newspapers_in_english(newspaper, article, preposition, expected):
    assert english(parse_english(newspaper, article), preposition) == expected


def test_start_of_sentence():
    assert capitalize_first(french(NamePhrase("la", "Clinique des Saules"))) == "La Clinique des Saules"
    assert capitalize_first("l'entreprise") == "L'entreprise"


@pytest.mark.parametrize(
    "day, locale, expected",
    [
        (dt.date(2027, 2, 1), "fr", "1er février 2027"),
        (dt.date(2027, 2, 2), "fr", "2 février 2027"),
        (dt.date(2027, 2, 11), "fr", "11 février 2027"),  # not "11er"
        (dt.date(2027, 2, 1), "en", "February 1, 2027"),
    ],
)
def test_first_of_the_month(day, locale, expected):
    assert format_day(day, locale) == expected


def test_names_and_newspapers_in_a_built_page(build_company):
    """One build: a name without article starting with a vowel, a newspaper that contracts, an English paper."""

    def change(data):
        data["company"].update(name="Atelier Lumen", legal_name="Atelier Lumen inc.")
        data["front_page_test"] = {"newspaper": {"fr": "Le Soleil", "en": "Boston Globe"}}
        data["policy"]["effective_date"] = "2027-02-01"
        data["policy"]["history"][0]["date"] = "2027-02-01"

    site = build_company(change, key="grammar-atelier-soleil")
    assert site.returncode == 0, site.log
    conduct_fr, conduct_en = site.text("conduct", "fr"), site.text("conduct", "en")
    assert "en première page du Soleil" in conduct_fr and "de Le Soleil" not in conduct_fr
    assert "Je travaille chez Atelier Lumen" in conduct_fr
    assert "front page of the Boston Globe" in conduct_en
    checklist = site.text("scenarios", "fr")
    assert "celui d'Atelier Lumen" in checklist and "de Atelier" not in checklist
    assert "1er février 2027" in site.text("policy", "fr")
