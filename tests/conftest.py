"""Shared fixtures: real MkDocs builds in temporary folders, and reading what a reader gets."""

from __future__ import annotations

import copy
import dataclasses
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, sync_playwright

from browser import CHROMIUM_FLAGS, chromium_path, serve_folder

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FILE = ROOT / "company.yml"
LANGS = ("fr", "en")


def example_data() -> dict[str, Any]:
    """The example company.yml as a dict, to change in a test."""
    return yaml.safe_load(EXAMPLE_FILE.read_text(encoding="utf-8"))


def write_company(folder: Path, data: dict[str, Any] | str) -> Path:
    """A company file (dict dumped as YAML, or raw text) in its own folder, with the example logo beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "logo.svg", folder / "logo.svg")
    file = folder / "company.yml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    file.write_text(text, encoding="utf-8")
    return file


def copy_project(dest: Path) -> Path:
    """A copy of the project (config, pages, macros, theme) to change or serve without touching the repository."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "company.yml", "logo.svg", "company.schema.json"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("docs", "macros", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


@dataclass
class Site:
    """A finished build: its exit code, its log, and the folder it wrote."""

    returncode: int
    log: str
    dir: Path
    root_lang: str = "fr"  # the company's first language, built at the root; the other one under <lang>/

    def folder(self, lang: str) -> Path:
        return self.dir if lang == self.root_lang else self.dir / lang

    def path(self, page: str, lang: str = "fr") -> Path:
        return self.folder(lang) / f"{page}.html"

    def html(self, page: str, lang: str = "fr") -> str:
        return self.path(page, lang).read_text(encoding="utf-8")

    def soup(self, page: str, lang: str = "fr") -> BeautifulSoup:
        return BeautifulSoup(self.html(page, lang), "html.parser")

    def article(self, page: str, lang: str = "fr") -> Tag:
        """The page's content, without header, navigation and footer."""
        found = self.soup(page, lang).select_one("article.md-content__inner")
        assert found is not None, f"no article in {page} ({lang})"
        return found

    def text(self, page: str, lang: str = "fr") -> str:
        """What a reader reads in the page's content, white space folded (print-only parts left out)."""
        article = self.article(page, lang)
        for hidden in article.select(".policy-print-only"):
            hidden.decompose()
        return " ".join(article.get_text(" ").split())

    def pages(self, lang: str = "fr") -> list[str]:
        """The pages built in one language (none when the site is not built in it)."""
        return sorted(p.stem for p in self.folder(lang).glob("*.html") if p.stem != "404" and lang in self.languages)

    @property
    def languages(self) -> list[str]:
        """The languages this site is built in: the root one, and any other with its own folder."""
        return [self.root_lang] + [lang for lang in LANGS if lang != self.root_lang and (self.dir / lang).is_dir()]


def section_text(article: Tag, heading: str) -> str:
    """The text under the first heading that contains `heading`, up to the next heading of the same or higher level."""
    for tag in article.find_all(["h1", "h2", "h3", "h4"]):
        if heading in tag.get_text(" "):
            level, parts = int(tag.name[1]), []
            for sibling in tag.find_next_siblings():
                if sibling.name in ("h1", "h2", "h3", "h4") and int(sibling.name[1]) <= level:
                    break
                parts.append(sibling.get_text(" "))
            return " ".join(" ".join(parts).split())
    raise AssertionError(f"no heading containing {heading!r}")


def run_build(
    site_dir: Path, company_file: Path | None = None, project: Path = ROOT, *args: str, pdf: bool = False
) -> Site:
    """`mkdocs build` in a subprocess, exactly as a user runs it (without the PDF unless asked: it takes seconds)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_PDF": "1" if pdf else "0"}
    env.pop("COMPANY_FILE", None)
    if company_file is not None:
        env["COMPANY_FILE"] = str(company_file)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Site(result.returncode, result.stdout + result.stderr, site_dir)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The example company's site, built once for the whole session."""
    site = run_build(tmp_path_factory.mktemp("example") / "site")
    assert site.returncode == 0, site.log
    return site


@pytest.fixture(scope="session")
def build_company(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Site]:
    """Build the site for a changed copy of the example company; same changes, same build (cached)."""
    cache: dict[str, Site] = {}

    def build(change: Callable[[dict[str, Any]], None] | None = None, key: str | None = None, **top: Any) -> Site:
        cache_key = key or repr(sorted(top.items()))
        if cache_key in cache:
            return cache[cache_key]
        data = copy.deepcopy(example_data())
        data.update(top)
        if change is not None:
            change(data)
        folder = tmp_path_factory.mktemp("company")
        site = run_build(folder / "site", write_company(folder / "input", data))
        cache[cache_key] = site
        return site

    return build


def example_company_files() -> list[Path]:
    """The example companies: the root company.yml and every companies/<name>/company.yml."""
    return [EXAMPLE_FILE, *sorted((ROOT / "companies").glob("*/company.yml"))]


@pytest.fixture(scope="session")
def example_company_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Site]]:
    """Every example company's site (no PDF), built once for the session: name -> (company file, site), each
    site read by language whichever language it puts at its root."""
    sites = {}
    for file in example_company_files():
        name = "root" if file == EXAMPLE_FILE else file.parent.name
        site = run_build(tmp_path_factory.mktemp(f"company-{name}") / "site", file)
        assert site.returncode == 0, f"{file}:\n{site.log}"
        languages = yaml.safe_load(file.read_text(encoding="utf-8")).get("languages", list(LANGS))
        sites[name] = (file, dataclasses.replace(site, root_lang=languages[0]))
    return sites


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(chromium_path()).is_file():
        pytest.fail(f"no Chromium at {chromium_path()}: run `make test` (it installs it) or set CHROMIUM_PATH")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(example_site: Site) -> Iterator[str]:
    with serve_folder(example_site.dir) as url:
        yield url
