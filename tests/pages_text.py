"""Every page's Markdown rendered with the page variables of a company (no MkDocs build): fast enough to
render every page for a table of companies, to check how sentences read with their words."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace
from typing import Any

import jinja2

from conftest import ROOT
from macros.company.schema import CompanyFile
from macros.language.text import finalize, set_locale
from macros.pages import env as page_env

DOCS = ROOT / "docs"


class FakeEnv:
    """What define_env needs of mkdocs-macros: config, variables, and a place to register macros and filters."""

    def __init__(self) -> None:
        self.conf = SimpleNamespace(extra={"policy_pdf": False}, config_file_path=str(ROOT / "mkdocs.yml"))
        self.variables: dict[str, Any] = {}
        self.macros: dict[str, Any] = {}
        self.filters: dict[str, Any] = {}
        self.page: Any = None

    def macro(self, function: Any, name: str = "") -> None:
        self.macros[name or function.__name__] = function

    def filter(self, function: Any, name: str = "") -> None:
        self.filters[name or function.__name__] = function


def page_renderer(model: CompanyFile, monkeypatch: Any) -> Any:
    """A function (page, lang) -> the page's text as a reader reads it (tags dropped, entities decoded)."""
    monkeypatch.setattr(page_env, "load_company", lambda conf: model)
    fake = FakeEnv()
    page_env.define_env(fake)
    jinja = jinja2.Environment(
        loader=jinja2.FileSystemLoader(DOCS), undefined=jinja2.StrictUndefined, finalize=finalize
    )
    fake.env = jinja  # mkdocs-macros' Jinja environment (macros/pages/rules.py compiles conditions with it)
    jinja.filters.update(fake.filters)
    jinja.globals.update(fake.variables)
    jinja.globals.update(fake.macros)

    def render(page: str, lang: str) -> str:
        set_locale(lang)
        fake.page = SimpleNamespace(file=SimpleNamespace(src_uri=f"{page}.{lang}.md", locale=lang))
        try:
            markdown = jinja.get_template(f"{page}.{lang}.md").render()
        finally:
            set_locale(None)
        # cards and the accounts table are not sentences
        markdown = re.sub(r'<div class="policy-contact".*?</div>|<table.*?</table>', " ", markdown, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", markdown)
        text = html.unescape(text)
        text = re.sub(r"[*_`]+", "", text)  # Markdown emphasis
        return re.sub(r"\s+", " ", text)

    return render


def pages() -> list[str]:
    return sorted({path.name.split(".")[0] for path in DOCS.glob("*.fr.md")})


def sentences_with(text: str, word: str) -> list[str]:
    """The sentences of a text that contain a word (for a readable failure message)."""
    return [s.strip() for s in re.split(r"(?<=[.!?:;])\s+", text) if re.search(rf"\b{re.escape(word)}\b", s)]
