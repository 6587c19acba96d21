"""The guidance: every point of the source covered (CONTENT.md), and English saying what French says."""

from __future__ import annotations

import re

import pytest

from conftest import LANGS, ROOT, Site

HEADINGS = ("h1", "h2", "h3", "h4")
PLACEHOLDERS = re.compile(r"\b(TODO|TBD|FIXME|XXX|lorem ipsum|à écrire|to be written|à compléter|placeholder)\b", re.I)


def heading_texts(site: Site, page: str, lang: str) -> list[str]:
    article = site.article(page, lang)
    return [" ".join(h.get_text(" ").replace("¶", "").split()) for h in article.find_all(HEADINGS)]


def content_map(text: str) -> list[dict[str, str]]:
    """The rows of CONTENT.md's table: point, page, French heading, English heading."""
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"S\d+", cells[0]):
            rows.append(dict(zip(("point", "page", "fr", "en"), cells, strict=True)))
    return rows


ROWS = content_map((ROOT / "CONTENT.md").read_text(encoding="utf-8"))


def test_content_map_covers_every_point():
    covered = {row["point"] for row in ROWS}
    assert covered == {f"S{n}" for n in range(1, 28)}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['point']}-{r['page']}" for r in ROWS])
def test_each_heading_of_the_map_exists_in_both_languages(example_site: Site, row):
    for lang in LANGS:
        assert row[lang] in heading_texts(example_site, row["page"], lang), (row["point"], lang)


def test_content_map_check_catches_a_missing_heading():
    """Negative control: a heading that no page has is not found."""
    rows = content_map("| S1 | index | Un titre inventé | A made-up heading |\n")
    assert rows == [{"point": "S1", "page": "index", "fr": "Un titre inventé", "en": "A made-up heading"}]


def words(site: Site, page: str, lang: str) -> int:
    return len(site.text(page, lang).split())


VARIANTS = [(a, j) for a in ("educational", "balanced", "restrictive") for j in ("qc", "fr", "us", "generic")]


@pytest.fixture(params=VARIANTS, ids=[f"{a}-{j}" for a, j in VARIANTS])
def variant_site(request, build_company) -> Site:
    """The example company under each approach and jurisdiction: what one language says, the other must say."""
    approach, jurisdiction = request.param
    site = build_company(approach=approach, jurisdiction=jurisdiction)
    assert site.returncode == 0, site.log
    return site


@pytest.mark.slow
def test_english_follows_french_page_by_page(variant_site: Site):
    """Same headings at each level, in the same order of levels, and a similar length."""
    problems = []
    for page in variant_site.pages("fr"):
        levels = {lang: [h.name for h in variant_site.article(page, lang).find_all(HEADINGS)] for lang in LANGS}
        if levels["fr"] != levels["en"]:
            problems.append(f"{page}: headings {levels['fr']} vs {levels['en']}")
        ratio = words(variant_site, page, "en") / words(variant_site, page, "fr")
        if not 0.75 <= ratio <= 1.33:
            problems.append(f"{page}: English has {ratio:.2f} times the French word count")
    assert problems == []


@pytest.mark.slow
def test_heading_ids_are_shared_by_both_languages(variant_site: Site):
    """A link to a section works in both languages: every section has the same id in French and English."""
    for page in variant_site.pages("fr"):
        ids = {lang: [h.get("id") for h in variant_site.article(page, lang).find_all(HEADINGS[1:])] for lang in LANGS}
        assert ids["fr"] == ids["en"], page


@pytest.mark.slow
def test_law_and_guidance_notice_go_together(variant_site: Site):
    """A page that cites a law says that the site is guidance, not legal advice, in both languages."""
    law = re.compile(
        r"\b(art\.\s?\d|articles? \d|s\. \d|L\d{4}-\d|National Labor Relations Act|Code civil|Civil Code"
        r"|Code du travail|Labour Code|Charte des droits|Charter of human rights)"
    )
    for lang in LANGS:
        for page in variant_site.pages(lang):
            text = variant_site.text(page, lang)
            if law.search(text):
                assert ("pas un avis juridique" if lang == "fr" else "not legal advice") in text, (page, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_no_placeholder_text(example_site: Site, lang):
    for page in example_site.pages(lang):
        assert PLACEHOLDERS.findall(example_site.text(page, lang)) == [], page


def test_placeholder_check_can_fail():
    assert PLACEHOLDERS.findall("Cette section est à écrire. TODO")


def test_no_diagram_library_from_outside(example_site: Site):
    for lang in LANGS:
        for page in example_site.pages(lang):
            html = example_site.html(page, lang)
            assert "mermaid" not in html.lower() and "cdn." not in html, page


SCENARIOS = [
    "party-photo",
    "client-rant",
    "leaked-document",
    "viral-review",
    "mistaken-account",
    "harassed-employee",
    "political-post",
    "departing-access",
]


@pytest.mark.parametrize("lang", LANGS)
def test_each_scenario_links_to_the_policy_section_that_applies(example_site: Site, lang):
    article = example_site.article("scenarios", lang)
    policy_ids = {h.get("id") for h in example_site.article("policy", lang).find_all("h2")}
    for scenario in SCENARIOS:
        heading = article.find(id=scenario)
        assert heading is not None, scenario
        links = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            links += [a["href"] for a in sibling.find_all("a", href=True) if a["href"].startswith("policy.html#")]
        assert links, f"{scenario} ({lang}) names no policy section"
        assert all(link.split("#")[1] in policy_ids for link in links), links


SOURCE = ROOT.parent / "shared" / "source" / "000_50f0b7eb19b7efba.txt"


def shared_runs(text: str, source: str, length: int = 8) -> list[str]:
    """Runs of `length` words that the text takes word for word from the source."""

    def words(t: str) -> list[str]:
        return re.findall(r"[\w']+", t.lower())

    source_words = words(source)
    runs = {tuple(source_words[i : i + length]) for i in range(len(source_words) - length + 1)}
    text_words = words(text)
    return [
        " ".join(text_words[i : i + length])
        for i in range(len(text_words) - length + 1)
        if tuple(text_words[i : i + length]) in runs
    ]


@pytest.mark.skipif(not SOURCE.is_file(), reason="the source article is in shared/, beside the repository")
def test_no_sentence_is_copied_from_the_source_article():
    source = SOURCE.read_text(encoding="utf-8")
    copied = {
        page.name: shared_runs(page.read_text(encoding="utf-8"), source)
        for page in sorted((ROOT / "docs").glob("*.md"))
    }
    assert {page: runs for page, runs in copied.items() if runs} == {}


def test_copy_check_finds_a_copied_sentence():
    source = "Une fois le contenu mis en ligne, ce dernier ne vous appartient plus du tout."
    assert shared_runs("Rappel : une fois le contenu mis en ligne, ce dernier ne vous appartient plus.", source)
    assert shared_runs("Ce que vous publiez vous échappe dès qu'il est en ligne.", source) == []


def test_pages_link_to_company_addresses_through_the_link_filter():
    """Company text is escaped for reading, not for a link target: `[x]({{ url }})` would break; `{{ url | link }}` works."""
    raw_targets = re.compile(r"\]\(\s*\{\{|href=\"\{\{|src=\"\{\{")
    found = [
        f"{page.name}: {m.group(0)}"
        for page in sorted((ROOT / "docs").glob("*.md"))
        for m in raw_targets.finditer(page.read_text(encoding="utf-8"))
    ]
    assert found == []
    assert raw_targets.search("Voir [le site]({{ company.website }}).")  # the pattern does catch it
