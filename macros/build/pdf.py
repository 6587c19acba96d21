"""The policy as a PDF in each language, printed by a headless Chromium from the built policy page."""

from __future__ import annotations

import asyncio
import logging
import os
import queue
import threading
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterator

from markupsafe import escape
from mkdocs.exceptions import PluginError

from macros.company.labels import label
from macros.pages.outputs import PDF_NAMES, POSTER_NAMES
from macros.company.safety import shown, terminal_safe
from macros.company.schema import CompanyFile
from macros.company.site import format_day

log = logging.getLogger("mkdocs.hooks.policy_pdf")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

_shared: Any = None  # a browser kept open by shared_browser(), for builds of many companies in one process

POSTER_PAPER = {"fr": "A3"}  # by jurisdiction; Tabloid (11 x 17 in) elsewhere

LAUNCH_TIMEOUT_MS = 30_000  # Chromium starts in a second or two; Playwright's own default is 3 minutes
PAGE_TIMEOUT_MS = 60_000  # opening one policy page, and every other wait on the page


def chromium_path() -> str:
    """CHROMIUM_PATH, or Debian's Chromium. CHROMIUM_PATH must be a full path to a program, with no control
    character (it is printed in messages and started as a program): anything else is refused."""
    chosen = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    hidden = next((c for c in chosen if unicodedata.category(c)[0] == "C"), None)
    if hidden is not None or not chosen or not os.path.isabs(chosen):
        why = f"contains an invisible character (U+{ord(hidden):04X})" if hidden is not None else "is not a full path"
        raise PluginError(
            f"CHROMIUM_PATH is {shown(chosen)}, which {why}: set it to the full path of Chromium, like "
            "/usr/bin/chromium, or build without the PDF: POLICY_PDF=0. Nothing was built."
        )
    return chosen


def pdf_wanted(command: str | None) -> bool:
    """Print the PDF on `mkdocs build` and `gh-deploy` (not while previewing), unless POLICY_PDF=0."""
    if os.environ.get("POLICY_PDF", "1") == "0" or command == "serve":
        return False
    if not Path(chromium_path()).is_file():
        log.info("No PDF of the policy: no Chromium at %s (install it, or set CHROMIUM_PATH).", terminal_safe(chromium_path()))
        return False
    return True


def _header(model: CompanyFile, locale: str) -> str:
    policy = model.policy
    text = (
        f"{model.company.display_legal_name} · {label('policy_version', locale)} {policy.version}, "
        f"{label('effective', locale)} {format_day(policy.effective_date, locale)}"
    )
    return f'<div style="font-size:8px;width:100%;text-align:center;color:#444">{escape(text)}</div>'


def _footer(locale: str) -> str:
    page = label("page", locale)
    return (
        '<div style="font-size:8px;width:100%;text-align:center;color:#444">'
        f'{escape(page)} <span class="pageNumber"></span> / <span class="totalPages"></span></div>'
    )


def _launch(playwright: Any) -> Any:
    from playwright.sync_api import Error as PlaywrightError

    try:
        return playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS, timeout=LAUNCH_TIMEOUT_MS
        )
    except PlaywrightError as error:
        raise _launch_problem(error) from None


def _launch_problem(error: Exception) -> PluginError:
    reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
    return PluginError(
        f"No PDF of the policy: Chromium at {terminal_safe(chromium_path())} did not start ({terminal_safe(reason)}). "
        "Set CHROMIUM_PATH to a working Chromium, or build without the PDF: POLICY_PDF=0."
    )


@contextmanager
def shared_browser() -> Iterator[None]:
    """Keep one Chromium open while several builds in this process print their PDFs (scripts/build_companies.py)."""
    global _shared
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        _shared = _launch(playwright)
        try:
            yield
        finally:
            _shared.close()
            _shared = None


@contextmanager
def _browser() -> Iterator[Any]:
    """The shared browser when there is one, else a Chromium for this build only."""
    if _shared is not None:
        yield _shared
        return
    from playwright.sync_api import sync_playwright  # only when printing: previews do not need it

    with sync_playwright() as playwright:
        browser = _launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def print_policy(
    site_dir: Path, folders: dict[str, Path], model: CompanyFile, fingerprint: str = "", logo: Path | None = None
) -> list[Path]:
    """Print policy.html of each language folder to its PDF (Letter paper, A4 for France), and each language's
    poster: in the shared browser of a many-company build one after the other, else all at once in parallel pages
    of the browser start_printing() opened while the site was built."""
    if _shared is not None:
        return _print_one_by_one(site_dir, folders, model, fingerprint, logo)
    printer = _printer or start_printing()
    try:
        written = printer.run(lambda browser: _print_in_parallel(browser, site_dir, folders, model, fingerprint, logo))
    finally:
        stop_printing()
    for target in written:
        log.info("%s PDF: %s", "Poster" if target.name in POSTER_NAMES.values() else "Policy", target.relative_to(site_dir))
    return written


def _print_one_by_one(
    site_dir: Path, folders: dict[str, Path], model: CompanyFile, fingerprint: str = "", logo: Path | None = None
) -> list[Path]:
    from playwright.sync_api import Error as PlaywrightError

    written = []
    with _browser() as browser:
        # The page is printed as a document: no JavaScript, and no request other than the site's own files.
        context = browser.new_context(java_script_enabled=False)
        try:
            context.set_default_timeout(PAGE_TIMEOUT_MS)
            context.route("**/*", lambda route: _only_site_files(route, site_dir))
            page = context.new_page()
            for locale, folder in folders.items():
                page.goto((folder / "policy.html").as_uri())
                target = folder / PDF_NAMES[locale]
                page.pdf(path=str(target), **_policy_pdf_options(model, locale))
                written.append(target)
                log.info("Policy PDF: %s", target.relative_to(site_dir))
                if (folder / "at-a-glance.html").is_file():
                    written.append(print_poster(page, folder, model, locale, fingerprint, logo))
                    log.info("Poster PDF: %s", written[-1].relative_to(site_dir))
        except PlaywrightError as error:
            reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
            raise PluginError(f"No PDF of the policy: Chromium stopped while printing ({reason}).") from None
        finally:
            context.close()
    return written



def _policy_pdf_options(model: CompanyFile, locale: str) -> dict[str, Any]:
    return {
        "format": "A4" if model.jurisdiction.value == "fr" else "Letter",
        "display_header_footer": True,
        "header_template": _header(model, locale),
        "footer_template": _footer(locale),
        "margin": {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
    }


class _Printer:
    """Playwright and Chromium started in a thread of their own as soon as the build begins (starting them takes
    about as long as printing), then every PDF of the build printed there at once, each in its own page."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[Any] = queue.Queue()
        self._results: queue.Queue[Any] = queue.Queue()
        self._thread = threading.Thread(target=self._serve, name="policy-pdf", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        try:
            asyncio.run(self._loop())
        except BaseException as error:  # noqa: BLE001 - handed to the build, which reports it
            self._results.put(error)

    async def _loop(self) -> None:
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            browser, problem = None, None
            try:
                browser = await playwright.chromium.launch(
                    executable_path=chromium_path(), args=CHROMIUM_FLAGS, timeout=LAUNCH_TIMEOUT_MS
                )
            except PlaywrightError as error:
                problem = _launch_problem(error)
            try:
                while (job := await asyncio.get_running_loop().run_in_executor(None, self._jobs.get)) is not None:
                    try:
                        if browser is None:
                            raise problem or PluginError("No PDF of the policy: Chromium did not start.")
                        self._results.put(await job(browser))
                    except BaseException as error:  # noqa: BLE001 - handed to the build, which reports it
                        self._results.put(error)
            finally:
                if browser is not None:
                    await browser.close()

    def run(self, job: Callable[[Any], Awaitable[Any]]) -> Any:
        self._jobs.put(job)
        result = self._results.get()
        if isinstance(result, BaseException):
            raise result
        return result

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(30)


_printer: _Printer | None = None  # this build's browser, from start_printing() until stop_printing()


def start_printing() -> _Printer:
    """Start the browser for this build's PDFs now, while the pages are built (hooks: on_config)."""
    global _printer
    if _printer is None and _shared is None:  # a many-company build prints in its shared browser instead
        _printer = _Printer()
    return _printer  # type: ignore[return-value]


def stop_printing() -> None:
    """Close this build's browser (after printing, or when the build failed)."""
    global _printer
    printer, _printer = _printer, None
    if printer is not None:
        printer.close()


async def _print_in_parallel(
    browser: Any, site_dir: Path, folders: dict[str, Path], model: CompanyFile, fingerprint: str, logo: Path | None
) -> list[Path]:
    from playwright.async_api import Error as PlaywrightError

    # The page is printed as a document: no JavaScript, and no request other than the site's own files.
    context = await browser.new_context(java_script_enabled=False)
    try:
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        await context.route("**/*", lambda route: _only_site_files_async(route, site_dir))
        jobs = []
        for locale, folder in folders.items():
            jobs.append(_print_policy_page(context, folder, model, locale))
            if (folder / "at-a-glance.html").is_file():
                jobs.append(_print_poster_page(context, folder, model, locale, fingerprint, logo))
        return list(await asyncio.gather(*jobs))
    except PlaywrightError as error:
        reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
        raise PluginError(f"No PDF of the policy: Chromium stopped while printing ({reason}).") from None
    finally:
        await context.close()


async def _print_policy_page(context: Any, folder: Path, model: CompanyFile, locale: str) -> Path:
    page = await context.new_page()
    await page.goto((folder / "policy.html").as_uri())
    target = folder / PDF_NAMES[locale]
    await page.pdf(path=str(target), **_policy_pdf_options(model, locale))
    await page.close()
    return target


async def _print_poster_page(
    context: Any, folder: Path, model: CompanyFile, locale: str, fingerprint: str, logo: Path | None
) -> Path:
    page = await context.new_page()
    await page.goto((folder / "at-a-glance.html").as_uri())
    rules = await page.evaluate(RULES_SCRIPT)
    if rules is None:
        raise ValueError("at-a-glance.html has no list of rules after the heading { #rules }: the poster needs it")
    paper, html = _poster_html(rules, model, locale, fingerprint, logo)
    margin_px = round(14 / 25.4 * 96) * 2
    width, height = PAPER_PX[paper]
    await page.set_viewport_size({"width": width - margin_px, "height": height - margin_px})  # as on the sheet
    await page.set_content(html)
    await page.emulate_media(media="print")
    await page.evaluate(FIT_SCRIPT, height - margin_px - 8)
    target = folder / POSTER_NAMES[locale]
    await page.pdf(path=str(target), format=paper, print_background=True, prefer_css_page_size=True)
    await page.close()
    return target


def _only_site_files(route, site_dir: Path) -> None:
    """Let the page load the built site's own files; refuse every other request (network, other files)."""
    url = route.request.url
    if url.startswith("file://"):
        from urllib.parse import unquote, urlparse

        path = Path(unquote(urlparse(url).path)).resolve()
        if path.is_relative_to(site_dir.resolve()):
            route.continue_()
            return
    route.abort("blockedbyclient")


async def _only_site_files_async(route, site_dir: Path) -> None:
    url = route.request.url
    if url.startswith("file://"):
        from urllib.parse import unquote, urlparse

        if Path(unquote(urlparse(url).path)).resolve().is_relative_to(site_dir.resolve()):
            await route.continue_()
            return
    await route.abort("blockedbyclient")


# The list of the ten rules on the built "at a glance" page: the first list after the heading #rules.
RULES_SCRIPT = """() => {
  let node = document.getElementById("rules");
  while (node && node.tagName !== "OL") node = node.nextElementSibling;
  return node ? node.outerHTML : null;
}"""

# Size the poster to fill one sheet: the largest zoom (1.6 at most) at which it still fits the page's height.
FIT_SCRIPT = """(height) => {
  const body = document.body;
  for (let zoom = 1.6; zoom > 0.4; zoom -= 0.05) {
    body.style.zoom = zoom;
    if (body.scrollHeight * zoom <= height) return zoom;
  }
  return 0.4;
}"""

PAPER_PX = {"A3": (1123, 1587), "Tabloid": (1056, 1632)}  # at 96 px per inch


def _poster_html(rules: str, model: CompanyFile, locale: str, fingerprint: str, logo: Path | None) -> tuple[str, str]:
    """The poster's paper and its page: the rules, the logo and the colours."""
    import base64
    import mimetypes

    from markupsafe import Markup

    from macros.pages.render import render_partial
    from macros.company.site import theme_colours
    from macros.language.text import set_locale

    paper = POSTER_PAPER.get(model.jurisdiction.value, "Tabloid")
    colours = theme_colours(model.company.brand_color)
    logo_uri = None
    if logo is not None and logo.is_file():
        kind = mimetypes.guess_type(logo.name)[0] or "image/svg+xml"
        logo_uri = f"data:{kind};base64,{base64.b64encode(logo.read_bytes()).decode('ascii')}"
    set_locale(locale)
    try:
        lead = model.contacts.social_media
        html = render_partial(
            "poster.html",
            rules=Markup(rules),
            paper=Markup(paper),
            colour=Markup(colours["primary"]),
            colour_text=Markup(colours["primary_text"]),
            colour_ink=Markup(colours["link_light"]),
            logo=logo_uri,
            company=model.company.display_legal_name,
            version=model.policy.version,
            fingerprint=fingerprint,
            contact=f"{lead.name.get(locale)}, {lead.email or lead.phone}",
        )
    finally:
        set_locale(None)
    return paper, html


def print_poster(page, folder: Path, model: CompanyFile, locale: str, fingerprint: str, logo: Path | None) -> Path:
    """The ten rules of at-a-glance.html on one poster sheet (Tabloid, A3 for France), logo and colours."""
    page.goto((folder / "at-a-glance.html").as_uri())
    rules = page.evaluate(RULES_SCRIPT)
    if rules is None:
        raise ValueError("at-a-glance.html has no list of rules after the heading { #rules }: the poster needs it")
    paper, html = _poster_html(rules, model, locale, fingerprint, logo)
    margin_px = round(14 / 25.4 * 96) * 2
    width, height = PAPER_PX[paper]
    viewport = page.viewport_size
    page.set_viewport_size({"width": width - margin_px, "height": height - margin_px})  # lay out as on the sheet
    try:
        page.set_content(html)
        page.emulate_media(media="print")
        page.evaluate(FIT_SCRIPT, height - margin_px - 8)
        target = folder / POSTER_NAMES[locale]
        page.pdf(path=str(target), format=paper, print_background=True, prefer_css_page_size=True)
    finally:
        page.emulate_media(media=None)
        if viewport:
            page.set_viewport_size(viewport)
    return target
