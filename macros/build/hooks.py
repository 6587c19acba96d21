"""MkDocs hooks: the site-wide part of company.yml (name, logo, colours, footer, languages), search per language,
and the PDF of the policy.

Loaded by `hooks:` in mkdocs.yml. company.yml is checked in `on_config`, which
MkDocs runs before it empties the site folder: a bad file leaves site/ as it was.
An output folder that holds the company's own files is refused there too. The site
is then built in a staging folder beside site/ and put in place only at the very end,
after the PDF: any later failure also leaves the previous site as it was.

What a build computes (the citations of its pages, the policy's clauses, the staging folder) lives on one
object made anew by the first `on_config` of each build (macros/build/state.py): MkDocs loads this file once
per process, so nothing here may keep one company's build for the next.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # so that `macros` imports as a package

from macros.law.clauses import (  # noqa: E402
    FINGERPRINT_TOKEN,
    GAPS_TOKEN,
    Clauses,
    anchor_id,
    archive_dir,
    changes_since,
    extract_clauses,
    fingerprint,
    load_archive,
    missing_numbers,
    parse_html,
)
from macros.company.labels import label  # noqa: E402
from macros.pages.lawyer import fill_tables, record_page  # noqa: E402
from macros.pages.render import PENDING_ACK, PENDING_CHANGES, render_partial  # noqa: E402
from macros.language.text import set_locale  # noqa: E402
from macros.language.typography import french_html  # noqa: E402
from macros.build.pdf import pdf_wanted, print_policy, start_printing, stop_printing  # noqa: E402
from macros.company.loader import company_file_path  # noqa: E402
from macros.company.safety import kit_paths, output_folder_problem, shown  # noqa: E402
from macros.build.seo import absolute_alternates, logo_size, page_description, site_url_problem  # noqa: E402
from macros.company.site import load_company, logo_file, project_dir, theme_data  # noqa: E402
from macros.build.speed import reuse_unchanged_renders, reuse_unchanged_search_sections, share_theme  # noqa: E402
from macros.language.spelling import own_words, respell  # noqa: E402
from macros.build.staging import Staging  # noqa: E402
from macros.build import state  # noqa: E402
from macros.build.preview import PreviewErrors, first_language, keep_serving_after_a_broken_start, start_problem  # noqa: E402

log = logging.getLogger("mkdocs.hooks.policy")

LOGO_URI = "assets/company/logo{suffix}"

log = logging.getLogger("mkdocs.hooks.policy")

# Why the restrictive approach is the riskiest choice where the law protects what employees say.
RESTRICTIVE_RISK = {
    "us": "approach is restrictive and jurisdiction is us: this is the riskiest choice under the NLRA, "
    "because broad rules (prior approval, bans on photos or on talking about co-workers) can be unlawful "
    "even unenforced when they could chill Section 7 activity; the pages keep the Section 7 carve-outs. "
    "See the adoption page.",
    "fr": "approach is restrictive and jurisdiction is fr: this is the riskiest choice in France, because every "
    "restriction must be justified by the task and proportionate (Code du travail L1121-1), and a dismissal "
    "for non-abusive expression is null. See the adoption page.",
}

# What MkDocs says once per run, before any configuration: the command (the PDF is printed by `build` and
# `gh-deploy`, not by a preview) and --dirty. Every build of the run starts from it (macros/build/state.py).
_startup: dict[str, Any] = {"command": None, "dirty": False}
# The build under way: made anew by the first on_config of each build, so that nothing one build computed is
# seen by the next (on_build_error gets no configuration, hence this reference).
_build: state.Build | None = None


# Remember which command runs: the PDF is printed by `build` and `gh-deploy`, not by a preview.
def on_startup(command, dirty):
    _startup.update(command=command, dirty=dirty)
    if command == "serve":  # the preview converts only the pages whose Markdown changed (macros/build/speed.py)
        reuse_unchanged_renders()
        reuse_unchanged_search_sections()
        keep_serving_after_a_broken_start()  # started with a broken company file: the browser shows why


# First of all plugins: check company.yml before anything else runs (and long before MkDocs empties
# the site folder), and choose the languages before mkdocs-static-i18n reads them.
@event_priority(100)
def on_config(config):
    refuse_site_url(config.site_url)
    model = load_company(config)
    i18n = config.plugins["i18n"]
    if not i18n.building:  # the first on_config of a build (mkdocs-static-i18n runs one more per language)
        refuse_output_folder(config, model)
        load_archive(archive_dir(company_file_path(project_dir(config))))  # a broken archive stops the build here
        start_build(config)
    share_theme(config.theme, project_dir(config))  # templates compiled once, theme files listed once (speed.py)
    choose_languages(i18n.config.languages, model.languages)
    locale = i18n.current_language or i18n.default_language  # the language this build is for
    config.site_name = escape(model.company.name)  # theme templates print it without escaping
    config.extra["policy_site"] = theme_data(model, locale)
    # the policy page links to its PDF only when there is one
    config.extra["policy_pdf"] = pdf_wanted(state.current(config).command)
    if config.extra["policy_pdf"] and not i18n.building:
        state.current(config).printer = start_printing()  # Chromium starts while the pages are built
    logo = logo_file(config, model)
    if logo is not None:  # the company's logo in the header and as the browser tab's icon
        config.theme["logo"] = config.theme["favicon"] = LOGO_URI.format(suffix=logo.suffix.lower())
        config.extra["policy_logo_size"] = logo_size(logo)  # overrides/partials/logo.html
    for scheme in config.theme["palette"]:
        scheme["toggle"]["name"] = label("light_mode" if scheme["scheme"] == "default" else "dark_mode", locale)
    config.extra["policy_jurisdiction"] = model.jurisdiction.value
    risk = RESTRICTIVE_RISK.get(model.jurisdiction.value) if model.approach.value == "restrictive" else None
    if risk and locale == model.languages[0]:  # once per build, not once per language
        log.info(risk)
    return config


def refuse_site_url(url: str | None) -> None:
    """SITE_URL is printed into every page's head and into sitemap.xml: refuse, before anything is built, an
    address that is not a plain absolute http(s) address (seo.site_url_problem)."""
    problem = site_url_problem(url or "")
    if problem:
        raise PluginError(
            f"SITE_URL (site_url in mkdocs.yml) is {shown(url)}, which {problem}. Set SITE_URL to the site's public "
            "address, like https://intranet.example/policy/, or leave it unset. Nothing was built, and the site "
            "folder was left as it was."
        )


def refuse_output_folder(config, model) -> None:
    """A build empties its output folder: refuse one that holds the company's files, the kit's, or any company's
    (macros/company/safety.py output_folder_problem, also used by scripts/build_companies.py)."""
    company_file = company_file_path(project_dir(config))
    keep = {"the company file": company_file, "the company file's folder": company_file.parent}
    keep["the company's policy archive"] = archive_dir(company_file)
    logo = logo_file(config, model)
    if logo is not None:
        keep["the logo"] = logo
    keep["the site's configuration"] = Path(config.config_file_path)
    keep.update(kit_paths(project_dir(config)))
    problem = output_folder_problem(Path(config.site_dir), keep)
    if problem:
        raise PluginError(problem)


def start_build(config) -> None:
    """A new build: its own state (macros/build/state.py), and a staging folder beside the output folder (not for a
    preview or a --dirty build)."""
    global _build
    if _build is not None and _build.staging is not None:  # an earlier build of this process that did not finish
        _build.staging.discard()
    _build = state.start(config, _startup["command"], _startup["dirty"])
    set_locale(None)  # no page's language is left from an earlier build
    if _build.command == "serve" or _build.dirty:
        return
    _build.staging = Staging(Path(config.site_dir).resolve())
    config.site_dir = str(_build.staging.folder)


def unstage(config, succeeded: bool) -> None:
    """Put the new site in place (when the build succeeded) or throw it away; the output folder is then the
    site_dir again (gh-deploy publishes it)."""
    build = state.current(config)
    staging, build.staging = build.staging, None
    if staging is None:
        return
    config.site_dir = str(staging.target)
    if succeeded:
        staging.swap_in()
    else:
        staging.discard()


def strict_warnings() -> bool:
    """Whether MkDocs counted warnings in strict mode: it aborts right after on_post_build."""
    handlers = logging.getLogger("mkdocs").handlers
    return any(h.get_counts() for h in handlers if isinstance(h, CountHandler))


# Any failure after on_config: the staged site is thrown away, the previous site stays as it was.
def on_build_error(error):
    if _build is not None:
        stop_printing(_build.printer)
        _build.printer = None
        if _build.staging is not None:
            _build.staging.discard()
            _build.staging = None


def choose_languages(language_configs, languages: list[str]) -> None:
    """Build the company's languages only; the first one at the root of the site, the others under /<lang>/."""
    for language in language_configs:
        language.build = language.locale in languages
        language.default = language.locale == languages[0]
        language.link = "/" if language.default else f"/{language.locale}/"


# A task-list item's text inside its <label>, so that each checkbox has an accessible name.
TASK_ITEM = re.compile(
    r'(<label class="task-list-control">.*?<span class="task-list-indicator"></span>)</label>(.*?)(?=</li>|</p>|<ul|<ol)',
    re.S,
)


# Page HTML, per language: permalink titles in the page's language, checkboxes that say what they check,
# and English spelled as the company's country spells it (before search indexes the page); the policy's
# clauses are read here, as the reader reads them.
# Last, the page's description (its front matter's, else its "In brief" box, else its first paragraph).
def on_page_content(html, page, config, files):
    html = TASK_ITEM.sub(r"\1\2</label>", html)
    configured = config.mdx_configs["toc"]["permalink_title"]
    html = html.replace(f'title="{configured}"', f'title="{label("permalink", page.file.locale)}"')
    html = _spelled_for(html, page, config)
    tree = parse_html(html)  # read once, by each of the three below
    if Path(page.file.dest_uri).name == "policy.html":  # its clauses, for the pages that compare versions
        clauses = state.current(config).policy_clauses[page.file.locale] = extract_clauses(tree)
        html = html.replace(GAPS_TOKEN, gaps_note(clauses, page.file.locale))  # said where the policy starts
    # its citations, for the lawyer's page
    record_page(state.current(config).citations, tree, page.file.locale, page.url, page.title or "")
    page.meta["description"] = escape(page_description(tree, page.meta.get("description")))  # theme prints it as is
    return html


# The whole page (navigation, titles, table of contents) spelled the same way as its content (on the French
# pages of a France build, France's typography instead: the rendered HTML's text only); with SITE_URL, the
# language alternates in its head become full addresses, as search engines want them.
def on_post_page(output, page, config):
    policy_page = Path(page.file.dest_uri).name == "policy.html"
    if config.extra.get("policy_jurisdiction") == "fr" and page.file.locale == "fr":
        output = french_html(output)
        if policy_page:  # France's spaces change the clauses' text: read them from the page as written
            state.current(config).printed_clauses[page.file.locale] = extract_clauses(output)
    else:
        output = _spelled_for(output, page, config)
        if policy_page:  # the page's spelling was already applied to its content: its clauses are the same
            build = state.current(config)
            build.printed_clauses[page.file.locale] = build.policy_clauses[page.file.locale]
    if config.site_url and page.canonical_url:
        output = absolute_alternates(output, page.canonical_url)
    return output


def _spelled_for(html, page, config):
    if page.file.locale != "en":
        return html
    model, build = load_company(config), state.current(config)
    if build.own_words is None:  # the company's words, once per build
        build.own_words = own_words(model.model_dump(mode="json"))
    return respell(html, "us" if model.jurisdiction.value == "us" else "ca", build.own_words)


# Fill in what needs every page's content (rendered by now), before search indexes it: the lawyer's page and the
# policy's appendix list every citation of the site; the pages that compare versions need the policy's clauses.
@event_priority(50)
def on_page_context(context, page, config, nav):
    build = state.current(config)
    order = [p.url for p in nav.pages]
    page.content = fill_tables(build.citations, page.content or "", page.file.locale, order, page.url)
    content = page.content
    if PENDING_CHANGES not in content and PENDING_ACK not in content and 'href="policy.html#c-' not in content:
        return context
    locale = page.file.locale
    model = load_company(config)
    current = build.policy_clauses.get(locale, {})
    archive = load_archive(archive_dir(company_file_path(project_dir(config))))
    versions = changes_since(archive, model.policy.version, current, locale)
    set_locale(locale)
    try:
        if PENDING_CHANGES in content:
            counts = {release.version: count_text(changes, locale) for release, changes in versions}
            html = render_partial("changes.html", versions=versions, counts=counts, policy_url="policy.html")
            content = content.replace(PENDING_CHANGES, html)
        if PENDING_ACK in content:
            previous = versions[0][0] if versions else None
            changes = versions[0][1] if versions else []
            html = render_partial(
                "ack-changes.html", previous=previous, changes=changes, policy_url="policy.html",
                changes_url="changes.html",
            )
            content = content.replace(PENDING_ACK, html)
    finally:
        set_locale(None)
    for clause_anchor in re.findall(r'href="policy\.html#(c-[0-9-]+)"', content):
        if clause_anchor not in {anchor_id(c) for c in current}:
            log.warning("%s links to %s, but the policy has no such clause", page.file.src_uri, clause_anchor)
    page.content = content
    return context


def gaps_note(clauses, locale: str) -> str:
    """Said once, where the policy starts: which clause numbers this build skips, and why (nothing if none)."""
    missing = missing_numbers(clauses)
    if not missing:
        return ""
    numbers = ", ".join(f"§\u00a0{n}" for n in missing)
    return f'<p class="policy-clause-gaps">{escape(label("clause_gaps", locale, numbers=numbers))}</p>'


def count_text(changes, locale: str) -> str:
    """ "2 clauses modifiées, 1 clause ajoutée": how many clauses of each kind changed."""
    parts = []
    for kind in ("changed", "added", "removed"):
        n = sum(1 for change in changes if change.kind == kind)
        if n:
            one, many = label(f"count_{kind}", locale).split("|")
            parts.append((one if n == 1 else many).format(n=n))
    return ", ".join(parts)


# Add the company's logo to the site, from wherever the company file keeps it.
def on_files(files, config):
    model = load_company(config)
    logo = logo_file(config, model)
    if logo is not None:
        files.append(File.generated(config, LOGO_URI.format(suffix=logo.suffix.lower()), abs_src_path=str(logo)))
    return files


# Rebuild when the company file changes, wherever COMPANY_FILE puts it.
def on_serve(server, config, builder):
    company_file = company_file_path(project_dir(config))
    server.watch(str(company_file))
    problem = start_problem(config)
    model = load_company(config) if problem is None else None
    locale = model.languages[0] if model is not None else first_language(company_file, "fr")
    PreviewErrors(server, company_file, locale, problem)  # a broken file shows its message in the browser
    logo = logo_file(config, model) if model is not None else None
    if logo is not None:  # a new logo under the same name shows up too
        server.watch(str(logo))
    return server


# Give each language its own search index, so that searching an English page finds English pages.
# Runs after mkdocs-static-i18n has built every language and merged the index (-100).
@event_priority(-120)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.building:
        return  # an inner, per-language build: the merged index is not written yet
    site_dir = Path(config.site_dir)
    folders = {lang: site_dir / ("" if lang == i18n.default_language else lang) for lang in i18n.build_languages}
    build = state.current(config)
    text_fingerprint = fill_fingerprint(site_dir, folders, build.printed_clauses)
    split_search_index(site_dir / "search" / "search_index.json", folders)
    # Material looks for sitemap.xml beside each language's pages: give every language the site's one.
    for folder in folders.values():
        if folder != site_dir and (site_dir / "sitemap.xml").is_file():
            shutil.copy(site_dir / "sitemap.xml", folder / "sitemap.xml")
    if strict_warnings():
        stop_printing(build.printer)
        build.printer = None
        unstage(config, succeeded=False)  # MkDocs aborts next: the previous site stays
        return
    if config.extra["policy_pdf"]:
        model = load_company(config)
        printer, build.printer = build.printer, None
        print_policy(site_dir, folders, model, text_fingerprint, logo_file(config, model), printer)
    unstage(config, succeeded=True)


def policy_fingerprint(folders: dict[str, Path], printed: dict[str, Clauses]) -> str:
    """The fingerprint of the built policy: every clause of policy.html in every language (as `make release` reads
    them from the written pages; kept from writing them, read again only when a language's page was not seen)."""
    return fingerprint(
        {
            lang: printed[lang]
            if lang in printed
            else extract_clauses((folder / "policy.html").read_text(encoding="utf-8"))
            for lang, folder in folders.items()
        }
    )


def fill_fingerprint(site_dir: Path, folders: dict[str, Path], printed: dict[str, Clauses]) -> str:
    """Write the policy's fingerprint wherever a page left its placeholder (pages, search index)."""
    value = policy_fingerprint(folders, printed)
    for file in [*site_dir.rglob("*.html"), *site_dir.rglob("search_index.js*")]:
        text = file.read_text(encoding="utf-8")
        if FINGERPRINT_TOKEN in text:
            file.write_text(text.replace(FINGERPRINT_TOKEN, value), encoding="utf-8")
    return value


def split_search_index(merged_file: Path, folders: dict[str, Path]) -> None:
    """Write search/search_index.json (and .js for file://) in each language's folder, with that language's pages."""
    if not merged_file.is_file():
        return
    merged = json.loads(merged_file.read_text(encoding="utf-8"))
    site_dir = merged_file.parent.parent
    prefixes = {
        lang: folder.relative_to(site_dir).as_posix() + "/" for lang, folder in folders.items() if folder != site_dir
    }
    for lang, folder in folders.items():
        if lang in prefixes:
            prefix = prefixes[lang]
            docs = [
                {**d, "location": d["location"][len(prefix) :]}
                for d in merged["docs"]
                if d["location"].startswith(prefix)
            ]
        else:
            docs = [d for d in merged["docs"] if not d["location"].startswith(tuple(prefixes.values()))]
        index = {**merged, "config": {**merged["config"], "lang": [lang]}, "docs": docs}
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        (folder / "search").mkdir(parents=True, exist_ok=True)
        (folder / "search" / "search_index.json").write_text(data, encoding="utf-8")
        (folder / "search" / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
