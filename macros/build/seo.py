"""What search engines read in a page's head: its description, its language alternates, the logo's size.

Used by macros/build/hooks.py. Plain functions on strings: no MkDocs objects, so that they are easy to test.
"""

from __future__ import annotations

import re
import struct
from html.parser import HTMLParser
from pathlib import Path
import unicodedata
from html import escape, unescape
from urllib.parse import urljoin, urlsplit

from lxml import etree

from macros.law.clauses import parse_html, replay

DESCRIPTION_LENGTH = 160  # what search engines show; longer text is cut at a word


class _Summary(HTMLParser):
    """The text of a page's summary: the first abstract box ("In brief"), else the first paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # <div> nesting inside the abstract box, 0 when outside
        self.in_title = False
        self.in_paragraph = False
        self.abstract: list[str] = []
        self.abstract_done = False
        self.first_paragraph: list[str] = []
        self.paragraph: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div":
            if self.depth:
                self.depth += 1
            elif not self.abstract_done and "admonition" in classes and "abstract" in classes:
                self.depth = 1
        elif tag == "p" and "admonition-title" in classes:
            self.in_title = True
        elif tag == "p" and not self.depth and not self.first_paragraph:
            self.in_paragraph, self.paragraph = True, []
        elif tag in ("li", "br") and self.depth:
            self.abstract.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.depth:
            self.depth -= 1
            self.abstract_done = self.depth == 0
        elif tag == "p":
            if self.in_title:
                self.in_title = False
            elif self.in_paragraph:
                self.in_paragraph = False
                if " ".join(self.paragraph).strip():
                    self.first_paragraph = self.paragraph
            elif self.depth:
                self.abstract.append(" ")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            return
        if self.depth:
            self.abstract.append(data)
        elif self.in_paragraph:
            self.paragraph.append(data)


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """One line of text, cut at a word boundary with an ellipsis when longer than the limit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return cut + "…"


def page_description(html: str | etree._Element, front_matter: object = None) -> str:
    """The page's description: `description:` in its front matter, else its "In brief" box, else its first paragraph
    (the page's HTML as text, or already parsed with clauses.parse_html)."""
    if isinstance(front_matter, str) and front_matter.strip():
        return shorten(front_matter)
    parser = _Summary()
    replay(parse_html(html) if isinstance(html, str) else html, parser)
    summary = "".join(parser.abstract) if parser.abstract_done else ""
    return shorten(summary or "".join(parser.first_paragraph))


ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]+">)')


def absolute_alternates(html: str, page_url: str) -> str:
    """The language alternates in a page's head as full addresses (search engines ignore relative ones), written
    as attribute text (the page's address comes from SITE_URL, checked by site_url_problem, escaped here too)."""
    return ALTERNATE.sub(lambda m: m[1] + escape(urljoin(page_url, unescape(m[2])), quote=True) + m[3], html)


# SITE_URL: what a web address may hold without being read as markup in HTML, XML (sitemap.xml) or a shell.
_URL_REFUSED = set("\"'<>`\\{}|^&")


def site_url_problem(url: str) -> str | None:
    """Why SITE_URL cannot be the site's public address, or None. It is printed into every page's head (canonical
    link, alternates, Material's asset addresses) and into sitemap.xml, so it must be a plain absolute http(s)
    address: scheme, host, optional port and path, nothing a page or an XML reader would take as markup."""
    if not url:
        return None
    hidden = next((c for c in url if c.isspace() or unicodedata.category(c)[0] == "C"), None)
    if hidden is not None:
        return f"contains a space or an invisible character (U+{ord(hidden):04X})"
    refused = next((c for c in url if c in _URL_REFUSED), None)
    if refused is not None:
        return f"contains {refused!r}, which a web page or sitemap.xml would read as markup"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as error:
        return f"is not a web address ({error})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be a full address starting with https:// (or http://) and a host name"
    if parts.username or parts.password:
        return "has a name before @: write the address without it"
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return "has a ? or # part: the site's address is a folder, like https://example.org/policy/"
    return None


LOGO_HEIGHT = 24  # px: Material shows the header logo 1.2rem high


def _svg_ratio(data: bytes) -> float | None:
    head = data[:4096].decode("utf-8", "replace")
    tag = re.search(r"<svg\b[^>]*>", head, re.S)
    if not tag:
        return None
    box = re.search(r'viewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)', tag[0])
    if box and float(box[2]) > 0:
        return float(box[1]) / float(box[2])
    width = re.search(r'\bwidth\s*=\s*["\']([\d.]+)(px)?["\']', tag[0])
    height = re.search(r'\bheight\s*=\s*["\']([\d.]+)(px)?["\']', tag[0])
    if width and height and float(height[1]) > 0:
        return float(width[1]) / float(height[1])
    return None


def _png_ratio(data: bytes) -> float | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width / height if height else None


def logo_size(file: Path) -> tuple[int, int]:
    """Width and height (px) for the header logo's <img>, so the browser reserves its room before it loads."""
    data = file.read_bytes()
    ratio = _svg_ratio(data) if file.suffix.lower() == ".svg" else _png_ratio(data)
    ratio = ratio if ratio and 0.1 <= ratio <= 10 else 1.0
    return round(LOGO_HEIGHT * ratio), LOGO_HEIGHT
