"""For the company's lawyer: every citation of the site, with the page, section and statement it belongs to.

The hooks read each page's HTML once rendered (`record_page`), then fill the lawyer's page and the policy's
printed appendix (`fill_tables`) when every page of the language has been rendered: MkDocs renders all pages'
Markdown first, then builds each page's HTML from its template.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser

from lxml import etree
from markupsafe import Markup

from macros.law.clauses import parse_html, replay
from macros.pages.render import LAWYER_MARK, render_partial
from macros.company.site import format_day
from macros.law.sources import CITATIONS, Citation, registry
from macros.language.text import set_locale

BLOCKS = ("p", "li", "td", "th", "dd", "dt", "blockquote", "summary", "figcaption")
HEADINGS = ("h1", "h2", "h3", "h4")


class _CitationReader(HTMLParser):
    """Finds each citation link and notes the heading above it and the text of the block around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.heading: tuple[str, str] = ("", "")  # (text, id)
        self.heading_parts: list[str] | None = None
        self.heading_id = ""
        self.blocks: list[tuple[str, list[str], list[str]]] = []  # (tag, text parts, source ids)
        self.found: list[tuple[str, str, str, str]] = []  # (section, anchor, statement, source id)
        self.in_permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in HEADINGS:
            self.heading_parts, self.heading_id = [], attributes.get("id") or ""
        elif tag in BLOCKS:
            self.blocks.append((tag, [], []))
        elif tag == "a":
            classes = (attributes.get("class") or "").split()
            self.in_permalink = "headerlink" in classes
            if "policy-cite" in classes and attributes.get("data-source") and self.blocks:
                self.blocks[-1][2].append(attributes["data-source"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in HEADINGS and self.heading_parts is not None:
            self.heading = (" ".join("".join(self.heading_parts).split()), self.heading_id)
            self.heading_parts = None
        elif tag in BLOCKS and self.blocks and self.blocks[-1][0] == tag:
            _, parts, sources = self.blocks.pop()
            statement = " ".join("".join(parts).split())
            for source in sources:
                self.found.append((self.heading[0], self.heading[1], statement, source))
            if self.blocks:  # a list item's text belongs to the item around it too
                self.blocks[-1][1].extend(parts)
        elif tag == "a":
            self.in_permalink = False

    def handle_data(self, data: str) -> None:
        if self.in_permalink:
            return
        if self.heading_parts is not None:
            self.heading_parts.append(data)
        elif self.blocks:
            self.blocks[-1][1].append(data)


def citations_in(html: str | etree._Element, locale: str, page_url: str, page_title: str) -> list[Citation]:
    """The citations of a page, from its HTML as text or already parsed (clauses.parse_html)."""
    reader = _CitationReader()
    replay(parse_html(html) if isinstance(html, str) else html, reader)
    return [
        Citation(locale, page_url, page_title, section, anchor, statement, source)
        for section, anchor, statement, source in reader.found
    ]


def record_page(html: str | etree._Element, locale: str, page_url: str, page_title: str) -> None:
    """Remember the citations of one rendered page (replacing what an earlier build of it recorded)."""
    CITATIONS[(locale, page_url)] = citations_in(html, locale, page_url, page_title)


def relative(url: str, from_url: str) -> str:
    """A page address as seen from another page of the site (both relative to the site's root)."""
    return posixpath.relpath(url, posixpath.dirname(from_url) or ".")


def rows(locale: str, order: list[str], from_url: str = "") -> list[dict]:
    """One row per paragraph that cites the law, in this language, pages in navigation order: the paragraph's
    page, section and text once, with every source it cites (each once, in the order the paragraph cites them)."""
    reg = registry()
    rank = {url: index for index, url in enumerate(order)}
    found = [
        citation
        for (lang, url), citations in sorted(CITATIONS.items(), key=lambda item: rank.get(item[0][1], len(rank)))
        if lang == locale
        for citation in citations
    ]
    grouped: dict[tuple[str, str, str], dict] = {}
    for citation in found:
        key = (citation.page_url, citation.anchor, citation.statement)
        row = grouped.get(key)
        if row is None:
            row = grouped[key] = {
                "href": relative(citation.page_url, from_url) + (f"#{citation.anchor}" if citation.anchor else ""),
                "page": citation.page_title,
                "section": citation.section,
                "statement": citation.statement,
                "sources": [],
                "ids": [],
            }
        if citation.source_id in row["ids"]:
            continue
        source = reg.get(citation.source_id)
        row["ids"].append(citation.source_id)
        row["sources"].append(
            {
                "citation": source.text(locale),
                "title": source.title.get(locale),
                "url": source.url.get(locale),
                "link": source.link,
            }
        )
    return list(grouped.values())


def fill_tables(content: str, locale: str, order: list[str], from_url: str = "") -> str:
    """Replace the lawyer-table marks of a page with the table of every citation (screen or print-only)."""
    if "policy-lawyer-table" not in content:
        return content
    table_rows = rows(locale, order, from_url)
    checked = format_day(registry().checked, locale)
    set_locale(locale)  # the partial's words in the page's language
    try:
        for print_only in (False, True):
            mark = LAWYER_MARK.format(print_only="1" if print_only else "0")
            if mark in content:
                table = render_partial("lawyer-table.html", rows=table_rows, checked=checked, print_only=print_only)
                content = content.replace(mark, str(Markup(table)))
    finally:
        set_locale(None)
    return content
