"""Company text is text: whatever company.yml holds reaches the reader exactly as written, never as markup."""

from __future__ import annotations

import copy
import unicodedata
from functools import lru_cache

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import Environment, StrictUndefined
from mkdocs.config import load_config
from pydantic import TypeAdapter, ValidationError

from conftest import LANGS, ROOT, Site, example_data
from macros.pages.render import PageMacros, date_filter
from macros.company.safety import text_problem
from macros.company.schema import CompanyFile, Line
from macros.language.text import finalize, set_locale

NASTY = [
    "Tremblay & Fils",
    'L\'Atelier "Chez Marie"',
    "<script>alert('x')</script>",
    "</title><h1>Pris au piège</h1>",
    "*Étoiles* et **gras**",
    "_souligné_ __deux__",
    "Colonne | tableau | cassé",
    "# Pas un titre",
    "[un lien](https://example.com)",
    "{{ company.name }} {% raw %} {# note #}",
    "Prix: 5 $ \\ 10 % ~ ^ = + ! ` ' -- ... (c) :smile:",
    "Ça & Çà — «guillemets» ‘curly’ “quotes”",
    "日本語の会社 · Ελληνικά · עברית · العربية",
    "🙂 Emoji Inc. 👩‍💻",
    "1. Not a list",
    "> not a quote",
    "&amp; &lt;b&gt; &#42;",
]

# --- Rendering one value the way pages render it: Jinja with the kit's finalize, then the site's Markdown ---


@lru_cache(maxsize=1)
def site_markdown_config():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def render_page(source: str, **variables) -> BeautifulSoup:
    """A page source through Jinja (escaping as on the site) and the site's own Markdown extensions."""
    jinja = Environment(undefined=StrictUndefined, finalize=finalize)
    extensions, configs = site_markdown_config()
    html = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(
        jinja.from_string(source).render(**variables)
    )
    soup = BeautifulSoup(html, "html.parser")
    for permalink in soup.select("a.headerlink"):
        permalink.decompose()
    return soup


PAGE = """# Titre {{ name }}

## Section {{ name }}

Un paragraphe sur {{ name }}, en *italique*.

| Nom | Autre |
| --- | --- |
| {{ name }} | x |

- Élément {{ name }}
- Deux

!!! note "Remarque"
    Dans un encadré : {{ name }}
"""


def assert_shown_as_text(soup: BeautifulSoup, name: str) -> None:
    def text(selector: str) -> str:
        node = soup.select_one(selector)
        assert node is not None, (selector, str(soup))
        return node.get_text()

    assert text("h1") == f"Titre {name}"
    assert text("h2") == f"Section {name}"
    assert text("p") == f"Un paragraphe sur {name}, en italique."
    assert soup.select_one("p em").get_text() == "italique"  # the page's own Markdown still works
    assert [td.get_text() for td in soup.select("tbody td")] == [name, "x"]
    assert len(soup.select("table")) == 1 and len(soup.select("tr")) == 2
    assert [li.get_text() for li in soup.select("li")] == [f"Élément {name}", "Deux"]
    assert soup.select_one(".admonition p:not(.admonition-title)").get_text() == f"Dans un encadré : {name}"
    assert soup.select("script") == [] and len(soup.select("h1")) == 1 and len(soup.select("a")) == 0


def as_company_text(raw: str) -> str | None:
    """The text as company.yml keeps it (one line, spaces folded), or None if the schema refuses it."""
    try:
        return TypeAdapter(Line).validate_python(raw)
    except ValidationError:
        return None


@pytest.mark.parametrize("name", NASTY)
def test_nasty_name_renders_as_text(name):
    assert as_company_text(name) == name
    assert_shown_as_text(render_page(PAGE, name=name), name)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=40))
def test_any_unicode_name_renders_as_text(raw):
    name = as_company_text(raw)
    if name is None:  # refused with a message (control or bidi characters, nothing visible): nothing reaches a page
        assert (
            not raw.strip()
            or any(unicodedata.category(c) in ("Cc", "Cs") for c in raw)
            or text_problem(" ".join(raw.split())) is not None
        )
        return
    assert_shown_as_text(render_page(PAGE, name=name), name)


def test_the_escaping_is_what_makes_it_safe():
    """Negative control: without the kit's finalize, the same name becomes markup."""
    extensions, configs = site_markdown_config()
    raw = Environment(undefined=StrictUndefined).from_string("Chez {{ name }}").render(name="*Marie* <b>x</b>")
    soup = BeautifulSoup(
        markdown.Markdown(extensions=extensions, extension_configs=configs).convert(raw), "html.parser"
    )
    assert soup.select("em") and soup.select("b")


# --- Macros: company text inside the HTML they render --------------------------------------------


def company_with(name: str) -> CompanyFile:
    data = example_data()
    data["company"]["name"] = name
    data["values"][0]["name"] = name
    data["official_accounts"][0]["handle"] = name
    data["contacts"]["social_media"]["name"] = name
    return CompanyFile.model_validate(data)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(NASTY) | st.text(min_size=1, max_size=30).map(as_company_text).filter(bool))
def test_macros_show_any_name_as_text(name):
    macros = PageMacros(company_with(name))
    for lang in LANGS:
        set_locale(lang)
        source = "{{ accounts_table() }}\n\n{{ values_list() }}\n\n{{ contact_card('social_media') }}\n"
        soup = render_page(source, **{k: getattr(macros, k) for k in ("accounts_table", "values_list", "contact_card")})
        rows = soup.select("table tbody tr")
        assert len(rows) == 4 and all(len(r.find_all(["th", "td"])) == 4 for r in rows)
        assert rows[0].select_one("a").get_text() == name
        assert name in soup.select_one("caption").get_text()
        assert soup.select_one("dl dt").get_text() == name
        assert soup.select_one(".policy-contact__name").get_text() == name
        assert soup.select("script") == []
    set_locale(None)


# --- Whole sites built with nasty names in every field ---------------------------------------


def spread(names: list[str]):
    """Put nasty names in the company name, values, an account, contacts and the newspaper."""

    def change(data):
        data["company"]["name"] = names[0]
        data["company"]["legal_name"] = names[1]
        data["values"][0]["name"] = names[2]
        data["values"][1]["meaning"] = names[3]
        data["official_accounts"][0]["handle"] = names[4]
        data["official_accounts"][1]["purpose"] = names[5]
        data["contacts"]["social_media"]["name"] = names[6]
        data["contacts"]["hr"]["title"] = names[7]
        data["front_page_test"]["newspaper"] = names[8]

    return change


BUILDS = [NASTY[0:9], NASTY[8:17], [NASTY[3], *NASTY[9:17]]]


@pytest.mark.slow
@pytest.mark.parametrize("names", BUILDS, ids=["build-1", "build-2", "build-3"])
def test_site_with_nasty_names_shows_them_as_written(build_company, names):
    site: Site = build_company(spread(names), key=repr(names))
    assert site.returncode == 0, site.log
    for lang in LANGS:
        for page in site.pages(lang):
            soup = site.soup(page, lang)
            article = " ".join(site.article(page, lang).get_text().split())
            assert names[0] in article, (page, lang)
            assert names[0] in soup.title.get_text(), (page, lang)  # the window title has the site name
            assert soup.select_one(".md-header__topic").get_text(" ").strip().startswith(names[0].strip())
            scripts = [s.get_text() for s in soup.select("script")]
            assert not any("alert(" in s for s in scripts), (page, lang)
            assert len(soup.select("article h1")) == 1, (page, lang)
            assert names[6] in soup.select_one(".policy-footer").get_text(), (page, lang)  # the contact, in the footer
        home = site.text("index", lang)
        assert names[2] in home  # a value's name on the home page


def test_dates_follow_the_page_language():
    import datetime as dt

    day = dt.date(2026, 3, 2)
    set_locale("fr")
    assert date_filter(day) == "2 mars 2026"
    set_locale("en")
    assert date_filter(day) == "March 2, 2026"
    set_locale(None)


def test_company_text_outside_a_page_is_an_error():
    model = CompanyFile.model_validate(copy.deepcopy(example_data()))
    set_locale(None)
    with pytest.raises(RuntimeError, match="outside a page"):
        str(model.values[1].name)
