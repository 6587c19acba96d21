"""Spelling and reading ease of every page of every example company, in both languages (offline)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import language
from conftest import ROOT, Site

WORD_LISTS = {lang: ROOT / "tests" / f"words-{lang}.txt" for lang in ("fr", "en")}
MINIMUM_EASE = 60  # Flesch (English) and Kandel-Moles (French): "plain language" starts around 60
NOT_PROSE = re.compile(r"https?://\S+|[\w.+-]+@[\w.-]+|\b[\w-]+\.(?:html|pdf|svg|png|example)\b|\w*\d\w*")


def dictionary(lang: str, jurisdiction: str) -> str:
    """Debian's dictionary for the site: France's or Quebec's French, US or Canadian English."""
    if lang == "fr":
        return "fr_FR" if jurisdiction == "fr" else "fr_CA"
    return "en_US" if jurisdiction == "us" else "en_CA"


def project_words(lang: str) -> set[str]:
    lines = WORD_LISTS[lang].read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def company_words(file: Path) -> set[str]:
    """Every word the company wrote itself (names, titles, handles): the company spells those."""
    words: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            words.update(language.WORD.findall(value))

    walk(yaml.safe_load(file.read_text(encoding="utf-8")))
    return words


def page_words(site: Site, lang: str) -> dict[str, set[str]]:
    """The words of each page's content, addresses and file names left out."""
    found = {}
    for page in site.pages(lang):
        text = NOT_PROSE.sub(" ", " ".join(language.blocks(site.article(page, lang))))
        found[page] = {re.sub(r"['’]s$", "", word) for word in language.WORD.findall(text)}  # Boréal's: Boréal
    return found


def languages_of(file: Path) -> tuple[list[str], str]:
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    return data.get("languages", ["fr", "en"]), data.get("jurisdiction", "qc")


@pytest.mark.slow
def test_every_page_is_spelled_right(example_company_sites):
    problems = []
    for name, (file, site) in example_company_sites.items():
        languages, jurisdiction = languages_of(file)
        own = company_words(file)
        for lang in languages:
            words = page_words(site, lang)
            known = own | project_words(lang)
            unknown = language.misspelled(set().union(*words.values()) - known, dictionary(lang, jurisdiction))
            for page, page_set in sorted(words.items()):
                wrong = sorted(page_set & unknown)
                if wrong:
                    problems.append(f"{name} {lang} {page}: {', '.join(wrong)}")
    assert not problems, "Words hunspell does not know (fix them, or add real words to tests/words-*.txt):\n" + "\n".join(problems)


@pytest.mark.slow
def test_no_british_spelling(example_company_sites):
    problems = []
    for name, (_, site) in example_company_sites.items():
        for page in site.pages("en"):
            found = language.british_spellings(" ".join(language.blocks(site.article(page, "en"))))
            if found:
                problems.append(f"{name} en {page}: {', '.join(sorted(found))}")
    assert not problems, "British spellings on English pages (write -ize, judgment...):\n" + "\n".join(problems)


@pytest.mark.slow
def test_every_page_reads_easily(example_company_sites):
    problems = []
    for name, (file, site) in example_company_sites.items():
        languages, _ = languages_of(file)
        for lang in languages:
            for page in site.pages(lang):
                ease = language.reading_ease(language.blocks(site.article(page, lang), quoted=False), lang)
                if ease.score < MINIMUM_EASE:
                    problems.append(f"{name} {lang} {page}: {ease.score} ({ease.words} words, {ease.sentences} sentences)")
    assert not problems, f"Pages under {MINIMUM_EASE} in reading ease (shorter sentences, simpler words):\n" + "\n".join(problems)


# --- the measures themselves can fail ------------------------------------------------------------


@pytest.mark.skipif(not language.hunspell_available(), reason="hunspell is installed by make test")
def test_hunspell_finds_a_misspelling():
    assert language.misspelled({"recieve", "receive"}, "en_CA") == {"recieve"}
    assert language.misspelled({"congédiement", "congédiemment"}, "fr_CA") == {"congédiemment"}


def test_british_spellings_are_found_and_north_american_ones_are_not():
    assert language.british_spellings("We recognise your judgement and organised it.") == {
        "recognise",
        "judgement",
        "organised",
    }
    assert language.british_spellings("Use your judgment; we recognize and advise, otherwise praise.") == set()


def test_reading_ease_tells_plain_from_dense():
    plain = ["Wait a day. Then post it. Ask if you are not sure."]
    dense = [
        "Notwithstanding organizational considerations, employees' communications regarding confidential "
        "institutional information necessitate authorization consistent with applicable regulatory requirements"
    ]
    assert language.reading_ease(plain, "en").score > 80
    assert language.reading_ease(dense, "en").score < 20
    assert language.reading_ease(["Attendez un jour. Puis publiez."], "fr").score > 80


def test_spelling_follows_the_country_in_text_only_and_spares_the_company_words():
    from macros.language.spelling import respell

    html = '<p title="colour">Neighbours favour grey. <code>colour</code> Colour Lab</p>'
    assert respell(html, "us", frozenset({"Colour"})) == (
        '<p title="colour">Neighbors favor gray. <code>colour</code> Colour Lab</p>'
    )
    assert respell("<p>Our neighbor's color and behavior</p>", "ca") == "<p>Our neighbour's colour and behaviour</p>"
    assert respell("<p>Check the box, practice, license</p>", "ca") == "<p>Check the box, practice, license</p>"


@pytest.mark.slow
def test_a_us_company_reads_us_spelling_and_others_canadian(build_company):
    from conftest import example_data
    from macros.language.spelling import CANADIAN_SPELLING, US_SPELLING, own_words

    company = {word.lower() for word in own_words(example_data())}  # shown as the company wrote them

    def words(site: Site) -> set[str]:
        found = {w.lower() for page in site.pages("en") for w in language.WORD.findall(site.text(page, "en"))}
        return found - company

    canadian = words(build_company(key="ca-spelling", jurisdiction="generic"))
    american = words(build_company(key="us-spelling", jurisdiction="us"))
    assert canadian & set(US_SPELLING), "no word Canadian and US spelling write differently: the test proves nothing"
    assert canadian & set(CANADIAN_SPELLING) == set()
    assert american & set(US_SPELLING) == set()
    assert american & set(CANADIAN_SPELLING)
