"""The macros and filters pages call, without building a site: what each renders, in each language."""

from __future__ import annotations

from typing import Iterator

import pytest
from bs4 import BeautifulSoup

from conftest import example_data
from macros.pages.render import FILTERS, PageMacros, macros_for
from macros.company.schema import CompanyFile
from macros.language.text import set_locale


def model(change=None) -> CompanyFile:
    data = example_data()
    if change:
        change(data)
    return CompanyFile.model_validate(data)


@pytest.fixture(params=["fr", "en"])
def lang(request) -> Iterator[str]:
    set_locale(request.param)
    yield request.param
    set_locale(None)


def soup(markup) -> BeautifulSoup:
    return BeautifulSoup(str(markup), "html.parser")


def test_every_macro_is_registered():
    assert set(macros_for(model())) == {
        "accounts_table",
        "contact_card",
        "contact_inline",
        "values_list",
        "legal_notice",
        "value_for",
        "cite",
        "region_laws",
        "regions_known",
        "lawyer_table",
        "legal_appendix",
        "clause",
        "clause_gaps",
        "policy_fingerprint",
        "acknowledgement_form_link",
        "changes_since_versions",
        "acknowledgement_changes",
        "quiz",
        "self_check",
        "write_to",
    }
    assert set(FILTERS) == {"date", "link", "mailto", "lcfirst", "join_list", "capitalize_first", "np", "pron", "agree"}


def test_people_role_is_hr_or_management(lang):
    """contact_inline('people'): human resources when the company has them, else management."""
    assert "Marc-André Roy" in soup(PageMacros(model()).contact_inline("people")).get_text()

    def without_hr(data):
        data["contacts"].pop("hr")
        for account in data["official_accounts"]:
            if account["managed_by"] == "hr":
                account["managed_by"] = "management"

    assert "Julie Lavoie" in soup(PageMacros(model(without_hr)).contact_inline("people")).get_text()


def test_accounts_table_lists_each_account(lang):
    company = model()
    table = soup(PageMacros(company).accounts_table())
    rows = table.select("tbody tr")
    assert len(rows) == len(company.official_accounts)
    first = company.official_accounts[0]
    assert rows[0].th.get_text() == "Facebook"
    assert rows[0].a["href"] == first.url and rows[0].a.get_text() == first.handle
    assert first.purpose.get(lang) in rows[0].get_text()
    assert company.contacts.social_media.name.get(lang) in rows[0].get_text()
    headings = [th.get_text() for th in table.select("thead th")]
    assert headings == (
        ["Plateforme", "Compte", "Ce qu'on y publie", "Géré par"]
        if lang == "fr"
        else ["Platform", "Account", "What we publish there", "Managed by"]
    )
    linkedin = next(r for r in rows if r.th.get_text() == "LinkedIn")
    assert company.contacts.hr.name.get(lang) in linkedin.get_text()  # managed_by: hr


def test_accounts_table_without_accounts_says_so(lang):
    html = soup(PageMacros(model(lambda d: d.update(official_accounts=[]))).accounts_table())
    assert html.table is None
    assert html.get_text() == (
        "L'entreprise n'a pas encore de compte officiel."
        if lang == "fr"
        else "The company has no official account yet."
    )


def test_contact_card_shows_the_role_and_how_to_reach(lang):
    card = soup(PageMacros(model()).contact_card("hr"))
    assert card.select_one(".policy-contact__role").get_text() == (
        "Ressources humaines" if lang == "fr" else "Human resources"
    )
    assert card.select_one(".policy-contact__name").get_text() == "Marc-André Roy"
    assert card.select_one(".policy-contact__title").get_text() == (
        "Directeur des ressources humaines" if lang == "fr" else "Human resources manager"
    )
    links = {a["href"] for a in card.select("a")}
    assert links == {"mailto:marc-andre.roy@renovationsboreal.example", "tel:8195550142;ext=210"}


def test_contact_card_without_phone_has_no_phone_line(lang):
    card = soup(PageMacros(model(lambda d: d["contacts"]["hr"].pop("phone"))).contact_card("hr"))
    assert [a["href"][:4] for a in card.select("a")] == ["mail"]


def test_contact_card_refuses_unknown_or_missing_roles(lang):
    macros = PageMacros(model(lambda d: d["contacts"].pop("legal")))
    with pytest.raises(ValueError, match="unknown role 'boss'"):
        macros.contact_card("boss")
    with pytest.raises(ValueError, match="no contacts.legal"):
        macros.contact_card("legal")
    with pytest.raises(ValueError, match="contact_inline: unknown role 'boss'"):
        macros.contact_inline("boss")
    with pytest.raises(ValueError, match=r"contact_inline\('legal'\): company.yml has no contacts.legal"):
        macros.contact_inline("legal")


def test_contact_inline_is_one_sentence_piece(lang):
    piece = soup(PageMacros(model()).contact_inline("social_media"))
    assert piece.span.get_text().startswith("Émilie Gagnon (")
    assert piece.a["href"] == "mailto:emilie.gagnon@renovationsboreal.example"
    assert "\n" not in str(piece)


def test_values_list_in_the_page_language(lang):
    values = soup(PageMacros(model()).values_list())
    names = [dt.get_text() for dt in values.select("dt")]
    assert names == (
        ["Respect", "Travail bien fait", "Transparence", "Sécurité"]
        if lang == "fr"
        else ["Respect", "Work done right", "Transparency", "Safety"]
    )
    assert len(values.select("dd")) == 4


def test_legal_notice_names_the_legal_contact_or_management(lang):
    with_legal = soup(PageMacros(model()).legal_notice())
    assert "Me Sophie Bergeron" in with_legal.get_text()
    assert ("pas un avis juridique" if lang == "fr" else "not legal advice") in with_legal.get_text()
    without = soup(PageMacros(model(lambda d: d["contacts"].pop("legal"))).legal_notice())
    assert "Julie Lavoie" in without.get_text() and "Bergeron" not in without.get_text()


def test_link_and_mailto_filters(lang):
    link = soup(FILTERS["link"]("https://example.com/a?b=1&c=2"))
    assert link.a["href"] == "https://example.com/a?b=1&c=2" and link.a.get_text() == "https://example.com/a?b=1&c=2"
    named = soup(FILTERS["link"]("https://example.com", "Le *site*"))
    assert named.a.get_text() == "Le *site*"
    mail = soup(FILTERS["mailto"]("a.b@example.com"))
    assert mail.a["href"] == "mailto:a.b@example.com" and mail.a.get_text() == "a.b@example.com"
