"""What search engines read: a description per page in its language, hreflang alternates, a sized logo,
and each page's own stylesheet on that page only."""

from __future__ import annotations

import posixpath

import pytest

from conftest import LANGS, Site, example_data, run_build, write_company
from macros.build.seo import page_description, shorten

SITE_URL = "https://intranet.example.org/policy/"
PAGE_STYLESHEETS = {"monitoring": "monitoring.css", "acknowledgement": "acknowledgement.css"}


def other(lang: str) -> str:
    return "en" if lang == "fr" else "fr"


def relative(site: Site, page: str, lang: str) -> str:
    return site.path(page, lang).relative_to(site.dir).as_posix()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The example with SITE_URL set, and a company name that must be escaped in the head."""
    data = example_data()
    data["company"]["name"] = 'Bois & "Fils" <Cie>'
    folder = tmp_path_factory.mktemp("published")
    mp = pytest.MonkeyPatch()
    mp.setenv("SITE_URL", SITE_URL)
    try:
        site = run_build(folder / "site", write_company(folder / "input", data))
    finally:
        mp.undo()
    assert site.returncode == 0, site.log
    return site


def test_every_page_has_a_description_from_its_own_text_in_its_language(example_site: Site) -> None:
    for page in example_site.pages("fr"):
        descriptions = {}
        for lang in LANGS:
            metas = example_site.soup(page, lang).select('meta[name="description"]')
            assert len(metas) == 1, (page, lang)
            text = metas[0]["content"]
            assert 50 <= len(text) <= 160, (page, lang, text)
            assert text.rstrip("…")[:60] in example_site.text(page, lang), (page, lang, text)
            descriptions[lang] = text
        assert descriptions["fr"] != descriptions["en"], page


def test_hreflang_alternates_point_to_the_same_page_in_both_languages(example_site: Site) -> None:
    for page in example_site.pages("fr"):
        for lang in LANGS:
            links = example_site.soup(page, lang).select('head link[rel="alternate"][hreflang]')
            found = {link["hreflang"]: link["href"] for link in links}
            assert set(found) == set(LANGS), (page, lang, found)
            here = posixpath.dirname(relative(example_site, page, lang))
            for target_lang, href in found.items():
                target = posixpath.normpath(posixpath.join(here, href))
                assert target == relative(example_site, page, target_lang), (page, lang, href)
                assert (example_site.dir / target).is_file()


def test_with_site_url_the_alternates_are_full_addresses(published: Site) -> None:
    for page in published.pages("fr"):
        for lang in LANGS:
            found = {
                link["hreflang"]: link["href"]
                for link in published.soup(page, lang).select('head link[rel="alternate"][hreflang]')
            }
            assert found == {l: SITE_URL + relative(published, page, l) for l in LANGS}, (page, lang)


def test_the_company_name_in_a_description_is_escaped(published: Site) -> None:
    html = published.html("index", "fr")
    head = html.split("</head>")[0]
    assert 'content="Ce site rassemble ce que Bois &amp; &#34;Fils&#34; &lt;Cie&gt;' in head
    meta = published.soup("index", "en").select_one('meta[name="description"]')
    assert 'Bois & "Fils" <Cie>' in meta["content"]


def test_the_logo_has_a_width_and_height(example_site: Site) -> None:
    for lang in LANGS:
        for img in example_site.soup("conduct", lang).select("img[src$='logo.svg']"):
            assert img["width"] == "24" and img["height"] == "24"


def test_a_page_stylesheet_is_linked_on_its_page_only(example_site: Site) -> None:
    for page in example_site.pages("fr"):
        for lang in LANGS:
            hrefs = [link["href"] for link in example_site.soup(page, lang).select('link[rel="stylesheet"]')]
            here = example_site.path(page, lang).parent
            assert all((here / href).resolve().is_file() for href in hrefs), (page, lang, hrefs)
            for owner, sheet in PAGE_STYLESHEETS.items():
                linked = any(href.endswith(f"stylesheets/{sheet}") for href in hrefs)
                assert linked == (page == owner), (page, lang, sheet)


def test_description_sources_in_order() -> None:
    abstract = (
        '<p>Intro.</p><div class="admonition abstract"><p class="admonition-title">In brief</p>'
        "<ul><li>One.</li><li>Two.</li></ul></div>"
    )
    assert page_description(abstract) == "One. Two."
    assert page_description(abstract, "Written by hand.") == "Written by hand."
    assert page_description("<h1>T</h1><p></p><p>First <em>real</em> paragraph.</p><p>Second.</p>") == (
        "First real paragraph."
    )
    long = shorten("word " * 60)
    assert len(long) <= 160 and long.endswith("…") and not long.endswith(" …")
